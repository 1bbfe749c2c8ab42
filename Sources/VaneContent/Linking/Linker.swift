import Foundation
import VaneDiagnostics

/// Resolves every reference across the knowledge base and checks what needs more
/// than one file: unique ids, aliases, targets of the right kind, parent cycles,
/// and who may carry a status.
public struct Linker: Sendable {
    let config: SiteConfig
    /// Every id with a file, even one whose front matter failed, so one broken file
    /// does not make each reference to it an error too.
    var known: [String: (kind: Kind, path: String)] = [:]
    /// Entries by name, lowercased (`named`): made when a reference first needs it.
    var titleIndex: [String: [(id: String, kind: Kind)]]? = nil
    var aliases: [String: String] = [:]
    /// Every alias as written, for suggestions.
    var aliasTexts: [String] = []
    /// Where each alias is written, for the error that finds it written twice.
    var aliasLocations: [String: SourceLocation] = [:]
    /// The entities' ids, sorted, made when a mistyped publisher first asks for them.
    var entityIDs: [String]? = nil
    /// Whether any use has a file (the site then writes `exposure.html`), made when a body's
    /// relative link first asks.
    lazy var hasUses = known.values.contains { $0.kind == .use }
    /// The entities' former ids, whose pages the site keeps (made as `hasUses` is).
    lazy var formerIDs = Set(entries.flatMap { $0.formerIDs.map(\.text) })
    /// The entities at the top of a tree that has more than them (the vendors whose boards
    /// the site writes), made as `hasUses` is.
    lazy var vendors: Set<String> = {
        var (parents, children): (Set<String>, Set<String>) = ([], [])
        for entry in entries where entry.kind == .entity {
            for ref in entry.references where ref.relation == .parent {
                parents.insert(resolve(ref.target) ?? ref.target)
                children.insert(entry.id)
            }
        }
        return parents.subtracting(children)
    }()
    /// The entities by name, lowercased (more than one id: a name two entities share), for
    /// a publisher written as a name (`The Verge`); made once, before the entries link.
    var entityNames: [String: [String]] = [:]
    var entries: [Entry] = []
    /// Entity types by id, for the status check.
    var types: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    var edges: [Edge] = []
    var statusChanges: [StatusChange] = []
    var saved: [String: LiveBlock] = [:]
    /// Declared channels by entity id, as ids.
    var declared: [String: [String]] = [:]
    /// The ids of files that did not parse (their problems are said): what they declare is unknown.
    var unread: Set<String> = []
    /// The entries of files whose id another file has: not in the graph, but what they link
    /// to is checked all the same (a mistyped entity came out only once the file was renamed).
    var duplicates: [Entry] = []
    /// The files of another kind left out for an id a file before them has (a source whose
    /// id a new entity took): a link to that kind names them, not only the winner's kind.
    var shadowed: [String: [(kind: Kind, path: String)]] = [:]
    /// The id each file whose name is no id would have (`Google Wave.md`: `google-wave`), with
    /// its kind and path: a reference to that id names the file to rename.
    var misnamed: [String: (kind: Kind, path: String)] = [:]
    /// The files under `Content/` that are not entries (`events/2024/chart.png`), for the
    /// relative links of bodies.
    var assets: Set<String> = []

    /// Every entry linked, with the names they resolved against (kept for `relink`); the
    /// uses checked at `today`.
    static func link(
        _ parsed: [ParsedFile], files: [ContentFile], assets: [String], config: SiteConfig, saved: [String: LiveBlock], today: FuzzyDate,
        unlisted: [Entry] = []
    ) -> (KnowledgeBase, [Diagnostic], LinkTables, linked: Int) {
        var linker = Linker(config: config)
        linker.saved = saved
        linker.assets = Set(assets)
        linker.register(files, parsed)
        // Entries of files whose name is no id: their links checked as a duplicate's are.
        linker.duplicates += unlisted
        for entry in unlisted { linker.misnamed[entry.id] = (entry.kind, entry.path) }
        linker.registerAliases()
        linker.registerChannels()
        linker.entityNames = Dictionary(grouping: linker.entries.filter { $0.kind == .entity }, by: { $0.title.lowercased() }).mapValues {
            $0.map(\.id)
        }
        let registered = linker.diagnostics.count
        linker.linkEntries()
        let linked = linker.diagnostics.count
        linker.checkDuplicates()
        linker.checkParentCycles()
        linker.checkSuccessors()
        // What the entities' files alone say (an alias that is another entity's name, a
        // parent cycle): a local link, which changes no entity, says it again as it was
        // (the preview dropped it at the next edit).
        let standing = (linker.diagnostics[..<registered] + linker.diagnostics[linked...]).filter { $0.location.path.hasPrefix("Content/entities/") }
        linker.checkAdviceCycles()
        for block in saved.values { linker.checkBlock(block) }
        let channels = linker.checkChannels()
        linker.diagnostics += linker.duplicateUsesChannels(channels)
        var baselines = linker.baselineWarnings(linker.statusChanges)
        // A product a file with errors names may have lost its launch to them (a status value
        // mistyped, a date that does not parse): "a fall from nothing" would send the reader
        // to record an event that is there.
        for (product, paths) in linker.namedByFilesWithErrors(parsed) {
            baselines[product]?.removeAll { $0.message.hasPrefix(Linker.fallFromNothing) && !paths.subtracting([$0.location.path]).isEmpty }
        }
        linker.diagnostics += baselines.values.joined()
        linker.nameUses()
        var kb = KnowledgeBase(
            config: config, entries: linker.entries, edges: linker.edges,
            statusChanges: linker.statusChanges, aliases: linker.aliases, assets: assets)
        kb.savedQueries = saved
        kb.channels = channels
        var tables = LinkTables(
            known: linker.known, aliases: linker.aliases, types: linker.types, declared: linker.declared, saved: saved, config: config,
            baselines: baselines, entityNames: linker.entityNames)
        tables.standing = standing
        return (
            kb,
            linker.diagnostics + UseChecks.check(kb, today: today) + Linker.wholeChecks(kb, today: today), tables,
            linker.entries.count
        )
    }

    /// `product, model or model-family`.
    static func either(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    // MARK: - References

    /// Every registered entry linked. One entry's link reads only the tables registered
    /// before it and appends to the edges, status changes and diagnostics alone, so runs of
    /// entries are linked on all cores, each by a copy of the linker whose lists start
    /// empty, and their lists joined in the entries' order: the lists one pass would make.
    private mutating func linkEntries() {
        let base = self
        let entries = base.entries
        let runs = min(entries.count, ProcessInfo.processInfo.activeProcessorCount * 8)
        let linked = ResultSlots<(edges: [Edge], changes: [StatusChange], diagnostics: [Diagnostic])>(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var part = base
            (part.edges, part.statusChanges, part.diagnostics) = ([], [], [])
            // Each entry passed from the array, not copied itself (`for … in` would).
            for i in (entries.count * run / runs)..<(entries.count * (run + 1) / runs) { part.link(entries[i]) }
            linked[run] = (part.edges, part.statusChanges, part.diagnostics)
        }
        for part in linked.values {
            edges += part.edges
            statusChanges += part.changes
            diagnostics += part.diagnostics
        }
    }

    /// The references of the entries left out as duplicates, checked; their edges dropped.
    private mutating func checkDuplicates() {
        for entry in duplicates {
            var part = self
            (part.edges, part.statusChanges, part.diagnostics) = ([], [], [])
            part.link(entry)
            diagnostics += part.diagnostics
        }
    }

    /// The channel of a use left out as a duplicate, checked as a use's is: every problem of
    /// its file in one run (its product is checked by its link, with the other references).
    private func duplicateUsesChannels(_ channels: [String: [String]]) -> [Diagnostic] {
        duplicates.compactMap { entry in
            guard entry.kind == .use, let facts = entry.use, var channel = facts.channel, let product = resolve(facts.product.text),
                let type = types[product], config.tracks(type)
            else { return nil }
            // A channel that names an entity, by an alias too, is that entity's id (`nameUses`).
            if let id = channelEntity(channel.text) { channel.text = id }
            return UseChecks.unknownChannel(channel, of: product, known: declared[product] ?? channels[product] ?? [])
        }
    }

    mutating func link(_ entry: Entry) {
        var involved: Set<String> = []
        for ref in entry.references {
            if ref.relation == .supports || ref.relation == .contradicts, resolve(ref.target) == entry.id {
                diagnostics.append(.error(ref.location, "a claim cannot \(ref.relation == .supports ? "support" : "contradict") itself"))
                continue
            }
            // A successor, a fold or a parent is never the entry itself: not suggested either.
            let notSelf = [.succeededBy, .foldedInto, .parent].contains(ref.relation) ? entry.id : nil
            if let to = target(ref.target, as: ref.relation.targetKind, at: ref.location, except: notSelf) {
                if ref.relation == .uses, let type = types[to], !config.tracks(type) {
                    diagnostics.append(
                        .error(
                            ref.location, "'\(ref.target)' is \(Linker.article(type)); a use names a \(Linker.either(config.trackableTypes))"
                        ))
                    continue
                }
                edges.append(Edge(from: entry.id, ref.relation, to: to, at: ref.location))
                if ref.relation == .involves { involved.insert(to) }
            }
        }
        for link in entry.bodyLinks {
            let relation: Relation = link.style == .wikilink ? .mentions : .cites
            if let to = target(link.target, as: relation.targetKind, at: link.location) {
                edges.append(Edge(from: entry.id, relation, to: to, at: link.location))
            }
        }
        if let publisher = entry.publisher, let to = publisherID(publisher.text) {
            edges.append(Edge(from: entry.id, .publishedBy, to: to, at: publisher.location))
        } else {
            warnOfPublisher(entry)
        }
        if !entry.status.isEmpty { linkStatus(of: entry, involved: involved) }
        for setting in entry.refusedChannels { checkRefusedChannel(setting) }
        for written in entry.channelsNotIDs { sayChannelNotID(written) }
        for block in entry.liveBlocks { checkBlock(block) }
        checkLocalLinks(of: entry)
    }

    /// Whether `warnAgain` may warn of `entry`: it has relative links (an asset or file may
    /// come or go), or a publisher that names no one entity (the names are an entity's, and a
    /// local link changes none).
    func warnsAgain(_ entry: Entry) -> Bool {
        !entry.localLinks.isEmpty || entry.publisher.map { publisherID($0.text) == nil } == true
    }

    /// The warnings `link` gives an entry, given again for one a local link leaves as it
    /// was (its names and the files of `Content/` are as they were, so they still hold).
    mutating func warnAgain(_ entry: Entry) {
        if let publisher = entry.publisher, publisherID(publisher.text) == nil { warnOfPublisher(entry) }
        checkLocalLinks(of: entry)
    }

    /// The entity a publisher names: by id or alias, or by its name when one entity has it
    /// (`publisher: The Verge`, as a source is written, for `the-verge`).
    private func publisherID(_ written: String) -> String? {
        if let id = resolve(written) { return known[id]?.kind == .entity ? id : nil }
        guard let named = entityNames[written.lowercased()], named.count == 1 else { return nil }
        return named[0]
    }

    /// A publisher written as an id a letter away from an entity's: most likely the entity,
    /// mistyped; or as a name two entities have, which links neither.
    private mutating func warnOfPublisher(_ entry: Entry) {
        if let publisher = entry.publisher, let named = entityNames[publisher.text.lowercased()], named.count > 1 {
            let ids = named.sorted().map { "'\($0)'" }
            diagnostics.append(
                .warning(
                    publisher.location,
                    "publisher '\(publisher.text)' is the name of \(ids.dropLast().joined(separator: ", ")) and \(ids.last!): write the id of the one meant; it is shown as the text written"
                ))
            return
        }
        guard let publisher = entry.publisher, IDRule.isValid(publisher.text),
            let near = Suggestion.closest(to: publisher.text, in: entityIDsSorted())
        else { return }
        diagnostics.append(
            .warning(publisher.location, "publisher '\(publisher.text)' names no entity (did you mean '\(near)'?); it is shown as the text written"))
    }

    private mutating func entityIDsSorted() -> [String] {
        if let entityIDs { return entityIDs }
        let ids = known.filter { $0.value.kind == .entity }.keys.sorted()
        entityIDs = ids
        return ids
    }

    /// The relative links and images of a body's HTML (`2024/chart.png`), without their
    /// `#part` or `?query`: what `checkLocalLinks` checks, and what a body edit must leave
    /// as it was to skip the link (`ResidentSite.sameButBody`).
    public static func localLinks(in html: String) -> [String] {
        // Over the bytes, once: every body of the knowledge base passes here at each link
        // (Swift's `contains` and `Regex` cost 0.7 s at 20,000 entries).
        var html = html
        return html.withUTF8 { bytes -> [String] in
            var found: [String] = []
            var i = 0
            let quote = UInt8(ascii: "\"")
            while i + 5 < bytes.count {
                // `="` after `href` or `src`: the value runs to the next quote.
                guard bytes[i] == UInt8(ascii: "="), bytes[i + 1] == quote else {
                    i += 1
                    continue
                }
                let isHref =
                    i >= 4 && bytes[i - 4] == UInt8(ascii: "h") && bytes[i - 3] == UInt8(ascii: "r") && bytes[i - 2] == UInt8(ascii: "e")
                    && bytes[i - 1] == UInt8(ascii: "f")
                let isSrc = i >= 3 && bytes[i - 3] == UInt8(ascii: "s") && bytes[i - 2] == UInt8(ascii: "r") && bytes[i - 1] == UInt8(ascii: "c")
                var end = i + 2
                while end < bytes.count, bytes[end] != quote { end += 1 }
                if isHref || isSrc {
                    // Without its `#part` or `?query`.
                    var stop = i + 2
                    while stop < end, bytes[stop] != UInt8(ascii: "#"), bytes[stop] != UInt8(ascii: "?") { stop += 1 }
                    let url = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 2)..<stop]), as: UTF8.self)
                    if !url.isEmpty, MarkdownRenderer.isRelativePath(url) { found.append(url) }
                }
                i = end + 1
            }
            return found
        }
    }

    /// Whether `parts` (a path below the site's root) is a page or file the site writes:
    /// an entry's page (by its id or a former one), a vendor's board, a page of its own (a
    /// list's further pages, `timeline-2.html`, too; the exposure page when there are uses),
    /// a feed, an API file, a search shard or an asset.
    private mutating func sitesOwn(_ parts: [String]) -> Bool {
        guard let first = parts.first, let last = parts.last else { return false }
        let entity = { [known] (id: Substring) in known[String(id)]?.kind == .entity }
        let stem = last.hasSuffix(".html") ? String(last.dropLast(5)) : nil
        switch (parts.count, first) {
        case (1, _):
            if ["robots.txt", "timeline-names.js"].contains(last) || (last == "sitemap.xml" && !config.baseURL.isEmpty) { return true }
            guard let stem else { return false }
            let pieces = stem.split(separator: "-")
            let base = pieces.count == 2 && pieces[1].allSatisfy(\.isNumber) ? String(pieces[0]) : stem
            return ["timeline", "claims", "sources", "entities", "changes"].contains(base)
                || ["index", "404", "status", "search", "contradictions", "scorecards", "reports"].contains(stem) || (hasUses && stem == "exposure")
        case (2, "status"):
            // A vendor's board: an entity at the top of a tree (none for a product, nor a name that is no one's).
            return stem.map { known[$0]?.kind == .entity && vendors.contains($0) } ?? false
        case (2, "search"): return last.hasPrefix("index-") && last.hasSuffix(".js") && last.dropFirst(6).dropLast(3).allSatisfy(\.isNumber)
        // The default theme's (a knowledge base's theme may add any: those are not known here).
        case (2, "assets"): return ["style.css", "search.js", "timeline.js", "favicon.svg"].contains(last)
        case (2, "feeds"):
            return ["events.atom", "events.ics", "ends.ics", "reports.atom", "changes.atom"].contains(last) || (hasUses && last == "exposure.ics")
        // An entity's feeds and its API file: of an entity that is one.
        case (3, "feeds"): return parts[1] == "entities" && [".atom", ".ics"].contains { last.hasSuffix($0) && entity(last.dropLast($0.count)) }
        case (3, "api"): return parts[1] == "v1" && last == "graph.json"
        case (4, "api"): return parts[1] == "v1" && parts[2] == "entities" && last.hasSuffix(".json") && entity(last.dropLast(5))
        case (2, _):
            guard let stem else { return false }
            if let kind = known[stem]?.kind { return kind.folder == first }
            return first == "entities" && formerIDs.contains(stem)
        default: return false
        }
    }

    /// A relative link or image of a body (relative to its page, `events/x.html`) must
    /// find a file of `Content/` or a page: a warning where it is written otherwise, as the
    /// page would show a dead link.
    private mutating func checkLocalLinks(of entry: Entry) {
        // Most entries have none: nothing is worked out for them (every link of the preview passes here).
        guard !entry.localLinks.isEmpty else { return }
        let folder = MarkdownRenderer.folder(ofFile: entry.path)
        for link in entry.localLinks {
            // Quoted as written: `a b.png`, not the page's `a%20b.png`, nor `2024/a b.png`.
            let url = link.text.removingPercentEncoding ?? link.text
            let written = MarkdownRenderer.asWritten(url, folder: folder)
            var parts = entry.kind.folder.split(separator: "/").map(String.init)
            var outside = false
            for part in url.split(separator: "/") {
                if part == ".." {
                    if parts.popLast() == nil {
                        outside = true
                        break
                    }
                } else if part != "." {
                    parts.append(String(part))
                }
            }
            if outside {
                diagnostics.append(
                    .warning(link.location, "'\(written)' links outside Content/, which the site does not publish: the page would show a dead link"))
                continue
            }
            let path = parts.joined(separator: "/")
            // Strings compare as text, a web server's paths as bytes: `café` typed (é composed)
            // is not the file macOS named `café` (e and an accent), and the link was dead.
            if let found = assets.firstIndex(of: path) {
                let name = assets[found]
                if !name.utf8.elementsEqual(path.utf8) {
                    diagnostics.append(
                        .warning(
                            link.location,
                            "'\(written)' names Content/\(name) with its accents written another way (the same text, not the same bytes): the page would show a dead link; rename the file, or write its name as the file has it"
                        ))
                }
                continue
            }
            // A page or file the site writes: `../entities/meta.html`, a vendor's board, `../status.html`, a feed.
            if sitesOwn(parts) { continue }
            // An entry's own file, which the site does not publish (a link written with a
            // title, or to an anchor, stays a Markdown link: see `BodyLinkScanner`).
            if path.hasSuffix(".md"), case let id = ContentScanner.id(ofEntryAt: path), let entry = known[id],
                entry.path == "Content/" + path
            {
                diagnostics.append(
                    .warning(
                        link.location,
                        "'\(written)' links to the file of '\(id)', which the site does not publish: the page would show a dead link (write [[\(id)]] to link to its page)"
                    ))
                continue
            }
            diagnostics.append(
                .warning(link.location, "'\(written)' links to no file (Content/\(path) is not there): the page would show a dead link"))
        }
    }

    /// What a block names must exist: the entity of `--entity`, the query of `saved`.
    private mutating func checkBlock(_ block: LiveBlock) {
        guard case (let command?, _) = BlockGrammar.read(block.tokens, at: block.location) else { return }
        if let entity = command.options["--entity"] { _ = target(entity.text, as: .entity, at: entity.location) }
        // A team no use names, found with every other problem (the block would fail alone, later).
        if command.name == "exposure", let team = command.options["--team"] {
            let teams = Array(Set(entries.compactMap { $0.use?.team })).sorted()
            if !teams.contains(team.text) {
                diagnostics.append(
                    .error(
                        team.location,
                        "unknown team '\(team.text)'\(Suggestion.hint(for: team.text, in: teams))"
                            + (teams.isEmpty ? " (no use names a team)" : "; teams are \(teams.joined(separator: ", "))")))
            }
        }
        if command.name == "saved", let name = command.arguments.first, saved[name.text] == nil {
            let names = saved.keys.sorted()
            diagnostics.append(
                .error(
                    name.location,
                    "unknown saved query '\(name.text)'\(Suggestion.hint(for: name.text, in: names))"
                        + (names.isEmpty ? " (\(SavedQueriesLoader.path) names none)" : "; saved queries are \(names.joined(separator: ", "))")))
        }
    }

    /// The ids of the entries of `kind` whose name (title) is `written`, ignoring case;
    /// the names are indexed at the first reference that needs them.
    private mutating func named(_ written: String, kind: Kind?, except: String?) -> [String] {
        if titleIndex == nil {
            var index: [String: [(id: String, kind: Kind)]] = [:]
            for entry in entries { index[entry.title.lowercased(), default: []].append((entry.id, entry.kind)) }
            titleIndex = index
        }
        return (titleIndex?[written.lowercased()] ?? []).filter { (kind == nil || $0.kind == kind) && $0.id != except }.map(\.id)
    }

    /// What a name several entries have says where an id goes: their ids, none chosen.
    static func sharedName(_ ids: [String]) -> String {
        let quoted = ids.sorted().map { "'\($0)'" }
        return " (the name of \(quoted.dropLast().joined(separator: ", ")) and \(quoted.last ?? ""): write the id of the one meant)"
    }

    /// Whether a link's target reads as a file's name (`chart.png`, `notes.pdf`): an id has no
    /// dot, and these extensions are what a note links as an attachment.
    static func namesAFile(_ written: String) -> Bool {
        // Spaces included: Obsidian names a pasted image `Pasted image 20240312153000.png`.
        guard let dot = written.lastIndex(of: ".") else { return false }
        let attachments: Set<String> = [
            "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "pdf", "csv", "tsv", "xlsx", "xls", "docx", "doc", "pptx", "txt",
            "zip", "mp3", "mp4", "mov", "webm", "json", "yaml", "yml",
        ]
        return attachments.contains(written[written.index(after: dot)...].lowercased())
    }

    /// The id a reference names, if it exists and has the expected kind; else a diagnostic.
    private mutating func target(_ written: String, as kind: Kind?, at location: SourceLocation, except: String? = nil) -> String? {
        guard let id = resolve(written) else {
            let noun = kind?.rawValue ?? "entry"
            if let file = misnamed[written], kind == nil || file.kind == kind {
                diagnostics.append(
                    .error(
                        location, "unknown \(noun) '\(written)' (\(file.path) would have this id, but its name is no id: rename it '\(written).md')"))
                return nil
            }
            let ids = known.filter { (kind == nil || $0.value.kind == kind) && $0.key != except }.map(\.key)
            // A name written where an id goes: the id of what has that name.
            let named = named(written, kind: kind, except: except)
            if named.count == 1 {
                diagnostics.append(.error(location, "unknown \(noun) '\(written)' (did you mean '\(named[0])', whose name it is?)"))
                return nil
            } else if named.count > 1 {
                diagnostics.append(.error(location, "unknown \(noun) '\(written)'\(Linker.sharedName(named))"))
                return nil
            }
            // Obsidian's forms: a note by its file's name, a file embedded (`![[chart.png]]`).
            if written.hasSuffix(".md"), let id = resolve(String(written.dropLast(3))), kind == nil || known[id]?.kind == kind {
                diagnostics.append(.error(location, "unknown \(noun) '\(written)' (did you mean '\(id)'? a link names the id, without '.md')"))
                return nil
            }
            // Said whether or not the file is beside the entry: Obsidian keeps attachments in a
            // folder of their own (the hint was given only for a file beside it, and a knowledge
            // base with a broken entity file blamed that file instead).
            if kind == nil, written.contains("."),
                assets.contains(where: { $0 == written || $0.hasSuffix("/" + written) }) || Linker.namesAFile(written)
            {
                diagnostics.append(
                    .error(
                        location,
                        "unknown entry '\(written)': a file is linked as ![text](\(written)) or [text](\(written)), relative to the entry's file, not with [[…]]"
                    ))
                return nil
            }
            let near = Suggestion.nearest(to: written, preferring: ids, then: kind == nil || kind == .entity ? aliasTexts : [])
            let suggestion = near.first
            // `a - b`: YAML read a list item indented under the one before as its text.
            var merged = suggestion == nil && written.contains(" - ") ? " (two list items read as one: put each '- ' at the same indentation)" : ""
            // `entities: a, b`: a list without its brackets is one text.
            let parts = written.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            if suggestion == nil, merged.isEmpty, parts.count > 1, parts.allSatisfy({ resolve($0) != nil }) {
                merged = " (a list is written in brackets: '[\(parts.joined(separator: ", "))]')"
            }
            // An entity whose file did not load may declare it (an alias, a former id): said,
            // so that the one error to fix is found (its name was suggested, as another id).
            // Not beside a near id that loaded ('metta', 'meta').
            let unloaded =
                (kind == nil || kind == .entity) && suggestion.map(unread.contains) ?? true
                ? unread.filter { known[$0]?.kind == .entity }.sorted() : []
            let pending =
                unloaded.isEmpty
                ? ""
                : "; it may be a name of \(unloaded.count == 1 ? "" : "one of ")\(unloaded.prefix(3).map { "'\($0)'" }.joined(separator: ", "))\(unloaded.count > 3 ? "…" : ""), whose file\(unloaded.count == 1 ? "" : "s") did not load: fix that first"
            // An id with nothing near it is most likely an entry not written yet (an Obsidian
            // author's link to a note to come): the way to write it.
            let notYet =
                suggestion == nil && merged.isEmpty && pending.isEmpty && IDRule.isValid(written)
                ? " (not written yet? write it first: vane new \(kind?.rawValue ?? "KIND") \"Title\" --id \(written))" : ""
            diagnostics.append(
                .error(
                    location,
                    "unknown \(noun) '\(written)'\(near.isEmpty ? merged : " (did you mean \(Suggestion.alternatives(near))?)")\(pending)\(notYet)"))
            return nil
        }
        if let kind, let actual = known[id]?.kind, actual != kind {
            let left = shadowed[id]?.first { $0.kind == kind }.map {
                " (\($0.path) is \(kind.withArticle) with that id, left out as a duplicate of \(known[id]?.path ?? id): rename one of them)"
            }
            diagnostics.append(.error(location, "'\(written)' is \(actual.withArticle), not \(kind.withArticle)\(left ?? "")"))
            return nil
        }
        return id
    }

    /// Without a date (one that did not parse, an error of its own) the settings are still
    /// checked, all problems in one run, and make no change.
    private mutating func linkStatus(of event: Entry, involved: Set<String>) {
        let date = event.date
        var added: Set<String> = []
        // How each entity, and each channel of an axis, was first written: one named again by
        // an alias or a former id (`gemini:`, then `bard:` in the event of the rename;
        // `azure-openai:`, then `AOAI:`) set it twice, and the later line won in silence
        // (Gemini read gone from its launch).
        var spelled = FirstSpellings()
        var refused: Set<String> = []
        for setting in event.status {
            guard let id = target(setting.entity.text, as: .entity, at: setting.entity.location) else { continue }
            if let first = spelled.other(than: setting.entity.text, for: id, line: setting.entity.location.line) {
                let text = setting.entity.text.lowercased()
                if refused.insert(text).inserted {
                    let other = text == id ? first.written.lowercased() : text
                    let what = "'\(other)' is \(formerIDs.contains(other) ? "a former id" : "an alias") of it"
                    diagnostics.append(
                        .error(
                            setting.entity.location,
                            "'\(setting.entity.text)' names '\(id)', written already on line \(first.line) as '\(first.written)' (\(what)): this sets it twice; write it once"
                        ))
                }
                continue
            }
            if let type = types[id], !config.tracks(type) {
                diagnostics.append(
                    .error(
                        setting.entity.location,
                        "'\(setting.entity.text)' is \(Linker.article(type)); a status can only be set on \(config.trackableTypes.joined(separator: ", "))"
                    ))
                continue
            }
            var value = setting.value
            if setting.axis == .successors {
                guard let ids = successorAdvice(setting, of: id) else { continue }
                value = ids.isEmpty ? "none" : ids.joined(separator: " ")
            }
            // A channel that names an entity (`azure-openai`) is that entity: it is written
            // as its id, and the event involves it.
            let channelEntity = setting.channel.flatMap(channelEntity)
            let channel = channelEntity ?? setting.channel
            if let written = setting.channel, let channel,
                let first = spelled.other(
                    than: written, for: "\(id) \(setting.axis.rawValue) \(channel)", line: (setting.channelLocation ?? setting.location).line)
            {
                diagnostics.append(
                    .error(
                        setting.channelLocation ?? setting.location,
                        written == channel
                            ? "the channel '\(channel)' is written already on line \(first.line) as '\(first.written)', an alias of its entity: this sets it twice; write it once"
                            : "'\(written)' names the channel '\(channel)', written already on line \(first.line) as '\(first.written)': this sets it twice; write it once"
                    ))
                continue
            }
            if let name = channel, !checkDeclared(name, of: id, at: setting.channelLocation ?? setting.location) { continue }
            if let entity = channelEntity {
                if !involved.contains(entity), added.insert("channel " + entity).inserted {
                    edges.append(Edge(from: event.id, .involves, to: entity, at: setting.location))
                }
            }
            guard let date else { continue }
            var change = StatusChange(
                event: event.id, entity: id, axis: setting.axis, channel: channel, value: value, date: date, location: setting.location)
            change.announced = setting.announced.flatMap { try? FuzzyDate(parsing: $0) }
            statusChanges.append(change)
            if added.insert(id).inserted {
                edges.append(Edge(from: event.id, .setsStatus, to: id, at: setting.entity.location))
                // An entity named in `status` is involved in the event even if `entities` omits it.
                if !involved.contains(id) {
                    edges.append(Edge(from: event.id, .involves, to: id, at: setting.entity.location))
                }
            }
        }
    }

    /// The channel of a value refused by the parser, checked as a set one's would be; the
    /// entity's own name is checked through its reference.
    private mutating func checkRefusedChannel(_ setting: StatusSetting) {
        guard let id = resolve(setting.entity.text), known[id]?.kind == .entity, let written = setting.channel else { return }
        _ = checkDeclared(channelEntity(written) ?? written, of: id, at: setting.channelLocation ?? setting.location)
    }

    /// The ids a dated `successors` advice names, each a trackable entity other than the
    /// product itself; nil when one is wrong (each problem reported at its id).
    private mutating func successorAdvice(_ setting: StatusSetting, of product: String) -> [String]? {
        var ids: [String] = []
        var wrong = false
        for written in setting.targets {
            guard let id = target(written.text, as: .entity, at: written.location) else {
                wrong = true
                continue
            }
            if let type = types[id], !config.tracks(type) {
                diagnostics.append(
                    .error(
                        written.location, "successors link \(config.trackableTypes.joined(separator: ", ")) only; '\(id)' is \(Linker.article(type))")
                )
                wrong = true
            } else if id == product {
                diagnostics.append(.error(written.location, "'\(written.text)' cannot succeed itself"))
                wrong = true
            } else if !ids.contains(id) {
                ids.append(id)
            }
        }
        return wrong ? nil : ids
    }

    /// The entity a channel's name stands for, when it names one.
    func channelEntity(_ name: String) -> String? {
        guard let entity = resolve(name), known[entity]?.kind == .entity else { return nil }
        return entity
    }

}

extension Linker {
    /// "a product", "an org": a type named in a message.
    static func article(_ type: String) -> String {
        ("aeiou".contains(type.first ?? "x") ? "an " : "a ") + type
    }
}

extension Linker {
    /// The checks of the whole linked knowledge base every link runs after its own, full or
    /// local, besides the uses' (which a local link runs on the products it touched).
    static func wholeChecks(_ kb: KnowledgeBase, today: FuzzyDate) -> [Diagnostic] {
        VerdictChecks.check(kb, today: today) + SourceDateChecks.check(kb, today: today) + FoldChecks.check(kb) + PartsStatusChecks.check(kb)
    }
}

/// The first spelling of each key in one event's status (an entity's id; an entity's id,
/// axis and channel), to tell one written again another way, which sets it twice.
struct FirstSpellings {
    private var first: [String: (written: String, line: Int)] = [:]

    /// The first spelling of `key` when `written` is another (in any case, an id is one);
    /// else nil, and `written` is recorded when it is the first.
    mutating func other(than written: String, for key: String, line: Int) -> (written: String, line: Int)? {
        guard let earlier = first[key] else {
            first[key] = (written, line)
            return nil
        }
        return earlier.written.lowercased() == written.lowercased() ? nil : earlier
    }
}
