import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneQuery
import VaneTestSupport

/// The oracle for every shortcut a rebuild takes: seeded random sequences of edits, each
/// followed by an incremental build that must equal a full build of the same files, byte for
/// byte, site and graph. The preview `vane serve` holds in memory follows the same edits
/// and must show the same pages. The theme's layout shows the counts on every page, so an
/// added or removed entry reaches pages that do not show it otherwise.
struct RandomEditTests {
    static let layout = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{pageTitle}} · {{site.title}}</title></head>
        <body><p class="counts">{{counts.entries}} entries, {{counts.eventsText}}, {{counts.sourcesText}} (%@)</p>
        <main id="main">{{$content}}{{/content}}</main></body></html>
        """

    /// The knowledge base as a test sees it: the files on disk, read afresh at every step.
    private struct Editor {
        let kb: TemporaryKnowledgeBase
        var serial = 0

        func files(under folder: String) -> [String] {
            let root = kb.url(folder)
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
            return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.map { folder + "/" + $0 }.sorted()
        }

        func id(_ path: String) -> String { String(path.split(separator: "/").last!.dropLast(3)) }

        var entities: [String] { files(under: "Content/entities").map(id) }

        /// Whether any entry other than `path` names `id` (removing it would break the build).
        func isReferenced(_ id: String, except path: String) throws -> Bool {
            try files(under: "Content").filter { $0 != path }.contains { try kb.read($0).contains(id) }
        }

        func setAliases(_ aliases: [String], of entity: String) throws {
            let path = "Content/entities/\(entity).md"
            var lines = try kb.read(path).components(separatedBy: "\n")
            lines.removeAll { $0.hasPrefix("aliases:") }
            if !aliases.isEmpty { lines.insert("aliases: [\(aliases.joined(separator: ", "))]", at: 1) }
            try kb.write(lines.joined(separator: "\n"), to: path)
        }

        /// The items of Coyote's `channels: [...]` line as written (`app`, `{ esu: paid }`),
        /// with the line's index, to write them back.
        func coyoteChannels() throws -> (lines: [String], at: Int, items: [String])? {
            let lines = try kb.read("Content/entities/coyote.md").components(separatedBy: "\n")
            guard let at = lines.firstIndex(where: { $0.hasPrefix("channels: [") }) else { return nil }
            return (lines, at, lines[at].dropFirst("channels: [".count).dropLast().components(separatedBy: ", "))
        }

        func aliases(of entity: String) throws -> [String] {
            let text = try kb.read("Content/entities/\(entity).md")
            guard let line = text.components(separatedBy: "\n").first(where: { $0.hasPrefix("aliases: [") }) else { return [] }
            return line.dropFirst("aliases: [".count).dropLast().components(separatedBy: ", ").filter { !$0.isEmpty }
        }
    }

    /// One random edit; returns its label and, for an edit that must fail, the message the
    /// build must report.
    private static func edit(_ editor: inout Editor, _ random: inout SplitMix64, today: inout FuzzyDate) throws -> (String, String?) {
        let kb = editor.kb
        editor.serial += 1
        let n = editor.serial
        switch random.next(below: 16) {
        case 0, 1:
            let entities = (0..<(1 + random.next(below: 2))).map { _ in random.pick(editor.entities) }
            let date = "20\(24 + random.next(below: 4))-0\(1 + random.next(below: 9))"
            let priority = random.pick(["flagship", "invested", "maintained", "sunset"])
            // A status is set on a product only.
            let products = try editor.entities.filter { try kb.read("Content/entities/\($0).md").contains(#/type: (product|model)\n/#) }
            let status = random.next(below: 2) == 0 && !products.isEmpty ? "status:\n  \(random.pick(products)): { priority: \(priority) }\n" : ""
            let text = """
                ---
                title: Random event \(n)
                date: \(date)
                type: \(random.pick(["launch", "other", "deprecation"]))
                entities: [\(Array(Set(entities)).sorted().joined(separator: ", "))]
                sources: [acme-blog]
                \(status)---
                Event \(n) about [[\(entities[0])]] [@acme-blog].

                """
            try kb.write(text, to: "Content/events/random/event-\(n).md")
            return ("add event \(n)", nil)
        case 2:
            guard let path = random.element(of: editor.files(under: "Content/events/random")) else { return ("nothing to remove", nil) }
            try kb.remove(path)
            return ("remove \(path)", nil)
        case 3, 4:
            let path = random.pick(editor.files(under: "Content"))
            // Every other one with HTML the page leaves out (a comment) and a tag around text
            // it shows: the search index's body, written into its shard, leaves them out too.
            let paragraph = n % 2 == 0 ? "Paragraph \(n)." : "Paragraph \(n) <!-- note \(n) --> with <b>bold</b>."
            try kb.write(try kb.read(path) + "\n\(paragraph)\n", to: path)
            return ("body of \(path)", nil)
        case 5:
            let entity = random.pick(editor.entities)
            let path = "Content/entities/\(entity).md"
            let text = try kb.read(path)
            let renamed = text.replacingOccurrences(of: #"(?m)^name: .*$"#, with: "name: Renamed \(n)", options: .regularExpression)
            try kb.write(renamed, to: path)
            return ("rename \(entity)", nil)
        case 6:
            // An alias that an event's body links to moves to another entity: the event's
            // file is unchanged, its link now points elsewhere.
            let owner = try editor.entities.first { try editor.aliases(of: $0).contains("Zed") }
            if let owner { try editor.setAliases(try editor.aliases(of: owner).filter { $0 != "Zed" }, of: owner) }
            let target = random.pick(editor.entities.filter { $0 != owner })
            try editor.setAliases(try editor.aliases(of: target) + ["Zed"], of: target)
            // Written once: a later step may have moved it to another folder.
            if !editor.files(under: "Content/events").contains(where: { $0.hasSuffix("/about-zed.md") }) {
                try kb.write(
                    "---\ntitle: About Zed\ndate: 2025-03\ntype: other\nentities: [acme]\nsources: [acme-blog]\n---\nSee [[Zed]].\n",
                    to: "Content/events/about-zed.md")
            }
            return ("alias Zed to \(target)", nil)
        case 7:
            // A link to an entity not yet written fails the build; writing it (the next
            // step) clears the error.
            let id = "newcomer-\(n)"
            try kb.write(
                "---\ntitle: Waiting for \(id)\ndate: 2026-02\ntype: other\nentities: [acme]\nsources: [acme-blog]\n---\nSee [[\(id)]].\n",
                to: "Content/events/random/waiting-\(n).md")
            return ("link to missing \(id)", "unknown entry '\(id)'")
        case 8:
            try kb.write(String(format: layout, "layout \(n)"), to: "Site/templates/layout.mustache")
            return ("layout", nil)
        case 9:
            try kb.write("body { margin: \(n)px; }\n", to: "Site/assets/style.css")
            return ("stylesheet", nil)
        case 10:
            try kb.write("title: Watch \(n)\n", to: "Site/config.yml")
            return ("config", nil)
        case 13:
            // Coyote declares another channel, or a tier on one it has: how its channels
            // read on every page that shows its status, and what the home page's board shows.
            guard let found = try editor.coyoteChannels() else { return ("no channels", nil) }
            var (lines, channels) = (found.lines, found.items)
            let name = random.pick(["app", "esu", "cloud"])
            let tier = random.pick(["", "extended", "paid"])
            let item = tier.isEmpty ? name : "{ \(name): \(tier) }"
            if let i = channels.firstIndex(where: { $0 == name || $0.hasPrefix("{ \(name):") }) { channels[i] = item } else { channels.append(item) }
            lines[found.at] = "channels: [\(channels.joined(separator: ", "))]"
            try kb.write(lines.joined(separator: "\n"), to: "Content/entities/coyote.md")
            return ("coyote's channels \(channels)", nil)
        case 14:
            // A change on one of Coyote's channels, at times with an end or successor advice:
            // the pages of Coyote's other events show what it changed from.
            let declared = try editor.coyoteChannels()?.items.map { $0.hasPrefix("{ ") ? String($0.dropFirst(2).prefix { $0 != ":" }) : $0 }
            guard let channel = declared.flatMap({ random.element(of: $0) }) else { return ("no channels", nil) }
            let extra = random.pick(["", ", ends: 2027-0\(1 + random.next(below: 9))", ", successors: [roadrunner]"])
            let availability = random.pick(["generally-available", "preview", "deprecated", "retired"])
            try kb.write(
                "---\ntitle: Coyote change \(n)\ndate: 202\(5 + random.next(below: 2))-0\(1 + random.next(below: 9))\ntype: other\nentities: [coyote]\nsources: [acme-blog]\nstatus:\n  coyote: { availability: { \(channel): \(availability) }\(extra) }\n---\nCoyote \(n) [@acme-blog].\n",
                to: "Content/events/random/coyote-\(n).md")
            return ("coyote's \(channel) \(availability)\(extra)", nil)
        case 15:
            // A use of a product: its page shows the product's position.
            let products = try editor.entities.filter { try kb.read("Content/entities/\($0).md").contains(#/type: (product|model|model-family)\n/#) }
            guard let product = random.element(of: products) else { return ("no product", nil) }
            try kb.write(
                "---\nproduct: \(product)\nteam: Team \(n % 3)\ncriticality: \(random.pick(["critical", "high", "low"]))\n---\nWe use it.\n",
                to: "Content/uses/use-\(n).md")
            return ("use of \(product)", nil)
        case 11:
            today = try FuzzyDate(parsing: "20\(26 + random.next(below: 3))-\(String(format: "%02d", 1 + random.next(below: 12)))-15")
            return ("day \(today.text)", nil)
        default:
            guard let path = random.element(of: editor.files(under: "Content/events")) else { return ("nothing to move", nil) }
            let moved = "Content/events/moved/" + path.split(separator: "/").last!
            guard moved != path else { return ("already moved", nil) }
            let text = try kb.read(path)
            try kb.remove(path)
            try kb.write(text, to: moved)
            return ("move \(path)", nil)
        }
    }

    /// Writes the entities that failing links named, so the next build succeeds.
    private static func createMissing(_ editor: Editor) throws {
        for path in editor.files(under: "Content/events/random") where path.contains("waiting-") {
            let text = try editor.kb.read(path)
            guard let range = text.range(of: #"newcomer-\d+"#, options: .regularExpression) else { continue }
            let id = String(text[range])
            let entity = "Content/entities/\(id).md"
            if !FileManager.default.fileExists(atPath: editor.kb.url(entity).path) {
                try editor.kb.write("---\nname: Newcomer \(id.dropFirst(9))\ntype: product\nparent: acme\n---\nArrived late.\n", to: entity)
            }
        }
    }

    private func build(_ kb: TemporaryKnowledgeBase, today: FuzzyDate) -> Pipeline.Outcome {
        var options = Pipeline.Options(root: kb.root)
        options.today = today
        return Pipeline.build(options)
    }

    private func graph(_ kb: TemporaryKnowledgeBase) throws -> [String: [[String]]] {
        let reader = try GraphReader(url: kb.url("vane.sqlite"))
        var tables: [String: [[String]]] = [:]
        for table in ["entities", "events", "claims", "sources", "reports", "uses", "edges", "status_changes", "aliases", "tags", "scales"] {
            tables[table] = try reader.sql("SELECT * FROM \(table)").table.rows.sorted {
                $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}")
            }
        }
        tables["fts"] = try reader.sql("SELECT id, kind, title, body FROM entries_fts ORDER BY id").table.rows
        tables["files"] = try reader.sql("SELECT path, hash, kind, entry_id FROM files ORDER BY path").table.rows
        return tables
    }

    @Test(arguments: TestTier.isFast ? [7] : [3, 7, 11, 23])
    func randomEditsBuildWhatAFullBuildBuilds(seed: UInt64) throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(String(format: Self.layout, "layout 0"), to: "Site/templates/layout.mustache")
        var today = fixedDay
        #expect(build(kb, today: today).succeeded)
        let resident = ResidentSite(Pipeline.Options(root: kb.root))
        _ = kb.takeTouched()
        let first = resident.load(today: today)
        var (lastLoadSucceeded, lastLoadWhole) = (first.succeeded, first.showsWhole)
        var lastBuildSucceeded = true
        #expect(lastLoadSucceeded)
        var editor = Editor(kb: kb)
        var random = SplitMix64(seed: seed)
        let steps = TestTier.isFast ? 24 : 40
        for step in 0..<steps {
            let (label, failure) = try Self.edit(&editor, &random, today: &today)
            let place = "seed \(seed), step \(step) (\(label))"
            let before = snapshot(of: kb.url("public"), folders: true)
            let outcome = build(kb, today: today)
            if let failure {
                // A failed build reports the problem and leaves the site as it was.
                #expect(!outcome.succeeded, "\(place): the build should fail")
                #expect(outcome.diagnostics.contains { $0.message.contains(failure) }, "\(place): \(outcome.diagnostics)")
                #expect(snapshot(of: kb.url("public"), folders: true) == before, "\(place): a failed build changed the site")
                lastBuildSucceeded = false
                let load = resident.load(today: today, touched: kb.takeTouched())
                lastLoadSucceeded = false
                #expect(!load.succeeded && load.diagnostics.contains { $0.message.contains(failure) }, "\(place): the preview loaded")
                #expect(previewDifferences(resident, before).isEmpty, "\(place): the preview changed after a failed load")
                try Self.createMissing(editor)
                continue
            }
            #expect(outcome.succeeded, "\(place): \(outcome.diagnostics.filter { $0.severity == .error }) \(outcome.failure.map { "\($0)" } ?? "")")
            let full = try TemporaryKnowledgeBase(copying: [kb.url("Content"), kb.url("Site")])
            let reference = build(full, today: today)
            #expect(reference.succeeded, "\(place): the full build failed: \(reference.diagnostics.filter { $0.severity == .error })")
            guard outcome.succeeded, reference.succeeded else { return }
            let differing = differences(snapshot(of: kb.url("public"), folders: true), snapshot(of: full.url("public"), folders: true))
            #expect(differing.isEmpty, "\(place): \(differing)")
            #expect(try graph(kb) == graph(full), "\(place): the databases differ")
            // An edited body after a clean build is written into the outputs that show it:
            // one stored parse decoded, nothing linked.
            if label.hasPrefix("body of ") && lastBuildSucceeded {
                #expect(outcome.work.entriesLinked == 0 && outcome.work.parsesDecoded == 1, "\(place): \(outcome.work.summary)")
            }
            lastBuildSucceeded = true
            // The preview is told the files each edit wrote, as the watcher names them (none
            // when a folder was made). An edited body is the one file read again, patched
            // into the last load when that load was clean; anything else is loaded again.
            let body = label.hasPrefix("body of ") ? String(label.dropFirst("body of ".count)) : nil
            let load = resident.load(today: today, touched: kb.takeTouched())
            #expect(load.succeeded, "\(place): \(load.diagnostics.filter { $0.severity == .error })")
            // Not when the site of the day shows a verdict dated after it as pending: that
            // knowledge base is not the one loaded, and is loaded again whole.
            if body != nil && lastLoadSucceeded && lastLoadWhole { #expect(load.patched && load.parsed == 1, "\(place): \(load)") }
            lastLoadSucceeded = true
            lastLoadWhole = load.showsWhole
            let site = snapshot(of: full.url("public"))
            #expect(previewDifferences(resident, site).isEmpty, "\(place): the preview differs: \(previewDifferences(resident, site))")
            #expect(resident.preview?.paths.count == reference.pages, "\(place)")
        }
        // A sequence that ended on a failing edit wrote the missing entity after the last
        // load: loaded once more, the preview has it.
        if !lastLoadSucceeded { #expect(resident.load(today: today).succeeded) }
        // Loaded again with nothing changed, the preview reads no file and stays.
        let again = resident.load(today: today)
        #expect(!again.changed && again.parsed == 0)
    }

    /// The preview's pages whose bytes are not those of the same file in `site`.
    private func previewDifferences(_ resident: ResidentSite, _ site: [String: Data]) -> [String] {
        guard let preview = resident.preview else { return ["no preview"] }
        return Array(preview.paths.filter { preview.page($0) != site[$0] }.prefix(5))
    }
}
