import Foundation
import Testing
import VaneContent
import VaneQuery
import VaneSite
import VaneTestSupport

@testable import VaneBuild

/// The preview `vane serve` holds in memory: an edit to a body is patched into the last
/// load, anything else loads again, and either way every page is the page a full build of
/// the same files writes.
struct ResidentSiteTests {
    private func options(_ kb: TemporaryKnowledgeBase) -> Pipeline.Options {
        var options = Pipeline.Options(root: kb.root)
        options.today = fixedDay
        return options
    }

    /// The preview's pages that differ from a full build of a copy of the knowledge base.
    private func differences(_ resident: ResidentSite, _ kb: TemporaryKnowledgeBase) throws -> [String] {
        let full = try TemporaryKnowledgeBase(copying: [kb.url("Content")])
        let outcome = Pipeline.build(options(full))
        guard outcome.succeeded, let preview = resident.preview else { return ["the full build failed or there is no preview"] }
        let site = snapshot(of: full.url("public"))
        let pages = preview.paths
        if pages.count != outcome.pages { return ["\(pages.count) pages, not \(outcome.pages)"] }
        return pages.filter { preview.page($0) != site[$0] }
    }

    @Test func aBodyEditIsPatchedInAndAnythingElseLoadsAgain() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(Pipeline.build(options(kb)).succeeded)
        let resident = ResidentSite(options(kb))
        let first = resident.load(today: fixedDay)
        #expect(first.succeeded && !first.patched)
        let event = "Content/events/2026-summit.md"
        let text = try kb.read(event)

        // Text only: one file parsed, patched in, the page shows it.
        try kb.write(text + "\nA sentence **added**.\n", to: event)
        let body = resident.load(today: fixedDay, touched: [event])
        #expect(body.succeeded && body.patched && body.changed && body.parsed == 1, "\(body)")
        let page = String(decoding: resident.preview?.page("events/2026-summit.html") ?? Data(), as: UTF8.self)
        #expect(page.contains("<strong>added</strong>"))
        #expect(try differences(resident, kb) == [])

        // An editor's swap file and a temporary file already gone change nothing.
        try kb.write("swap", to: "Content/events/.2026-summit.md.swp")
        let noise = resident.load(today: fixedDay, touched: ["Content/events/.2026-summit.md.swp", "Content/events/4913"])
        #expect(noise.patched && !noise.changed && noise.parsed == 0, "\(noise)")

        // A new link is more than a body: linked again, and still the full build's pages.
        try kb.write(text + "\nSee [[anvil]].\n", to: event)
        let linked = resident.load(today: fixedDay, touched: [event])
        #expect(linked.succeeded && !linked.patched && linked.changed, "\(linked)")
        #expect(try differences(resident, kb) == [])

        // A link to nothing: the error is reported and the last good pages stay.
        let before = resident.preview?.page("events/2026-summit.html")
        try kb.write(text + "\nSee [[anvill]].\n", to: event)
        let broken = resident.load(today: fixedDay, touched: [event])
        #expect(!broken.succeeded && !broken.patched)
        #expect(broken.diagnostics.contains { $0.message.contains("unknown entry 'anvill'") }, "\(broken.diagnostics)")
        #expect(resident.preview?.page("events/2026-summit.html") == before)

        // After a failed load, a body edit loads again; then edits patch in again.
        try kb.write(text + "\nMended.\n", to: event)
        let mended = resident.load(today: fixedDay, touched: [event])
        #expect(mended.succeeded && !mended.patched)
        try kb.write(text + "\nMended twice.\n", to: event)
        #expect(resident.load(today: fixedDay, touched: [event]).patched)
        #expect(try differences(resident, kb) == [])

        // A file added, a file removed, the theme, another day: loaded again.
        try kb.write("---\nname: Wile\ntype: product\nparent: acme\n---\nNew.\n", to: "Content/entities/wile.md")
        #expect(!resident.load(today: fixedDay, touched: ["Content/entities/wile.md"]).patched)
        try kb.remove("Content/entities/wile.md")
        #expect(!resident.load(today: fixedDay, touched: ["Content/entities/wile.md"]).patched)
        #expect(!resident.load(today: fixedDay, touched: ["Site/config.yml"]).patched)
        let nextDay = try FuzzyDate(parsing: "2026-11-27")
        #expect(!resident.load(today: nextDay, touched: [event]).patched)
        #expect(!resident.load(today: fixedDay, touched: [event]).patched)
        #expect(try differences(resident, kb) == [])
    }

    /// An edit the watcher names files for is loaded from those files alone: `Content/` is
    /// not walked again, only the entries of those files are linked again (none of them
    /// an entity), and the pages are still the full build's.
    @Test func anAddedOrRemovedFileIsLookedAtWithoutAWalk() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(Pipeline.build(options(kb)).succeeded)
        let resident = ResidentSite(options(kb))
        let first = resident.load(today: fixedDay)
        #expect(first.timings.phases.contains { $0.name == "scan" })
        _ = kb.takeTouched()
        try kb.write("---\ntitle: Wile's debut\ndate: 2026-03\ntype: launch\nentities: [acme]\n---\nNew.\n", to: "Content/events/2026-wile.md")
        try kb.remove("Content/events/2026-summit.md")
        let added = resident.load(today: fixedDay, touched: kb.takeTouched())
        #expect(added.succeeded && added.changed && added.parsed == 1 && added.linked == 1, "\(added)")
        #expect(!added.timings.phases.contains { $0.name == "scan" }, "\(added.timings.summary)")
        #expect(try differences(resident, kb) == [])
        #expect(resident.preview?.isGone("events/2026-summit.html") == true)

        // A folder made is named by no file: walked again.
        try kb.write("---\ntitle: Later\ndate: 2027-01\ntype: other\nentities: [acme]\n---\nLater.\n", to: "Content/events/2027/later.md")
        let touched = kb.takeTouched()
        #expect(touched == nil)
        let walked = resident.load(today: fixedDay, touched: touched)
        #expect(walked.succeeded && walked.timings.phases.contains { $0.name == "scan" }, "\(walked.diagnostics)")
        #expect(walked.linked == 1)
        #expect(try differences(resident, kb) == [])

        // An entity renamed: every entry is linked again.
        let entity = "Content/entities/anvil.md"
        try kb.write(try kb.read(entity).replacingOccurrences(of: "name: Anvil", with: "name: Anvil Pro"), to: entity)
        let renamed = resident.load(today: fixedDay, touched: kb.takeTouched())
        #expect(renamed.succeeded && renamed.linked == first.linked + 1, "\(renamed)")
        #expect(try differences(resident, kb) == [])
        #expect(try differences(resident, kb) == [])
    }

    /// A symbolic link out of Content/ made while the preview runs is an error at once, and
    /// the error goes once the link does: no entry's file changed, and the load counted as
    /// no change, so the error was neither shown nor cleared.
    @Test func aProblemThatComesOrGoesIsAChange() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(Pipeline.build(options(kb)).succeeded)
        let outside = try TemporaryKnowledgeBase()
        try outside.write("---\ntitle: Out\npublisher: x\nurl: https://example.org/\n---\n", to: "linked.md")
        let resident = ResidentSite(options(kb))
        #expect(resident.load(today: fixedDay).succeeded)
        let link = kb.url("Content/sources/linked.md")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside.url("linked.md"))
        let linked = resident.load(today: fixedDay, touched: ["Content/sources/linked.md"])
        #expect(linked.changed && !linked.succeeded, "\(linked)")
        #expect(
            linked.diagnostics.map(\.description) == [
                "Content/sources/linked.md:1:1: error: symbolic link to '\(outside.url("linked.md").path)', outside Content/: refused (copy the file into Content/, or link to one in it)"
            ])
        try FileManager.default.removeItem(at: link)
        let removed = resident.load(today: fixedDay, touched: ["Content/sources/linked.md"])
        #expect(removed.changed && removed.succeeded && removed.diagnostics.isEmpty, "\(removed)")
    }

    /// A file too large to be an entry is counted as its parse says (no size, no time) by
    /// the digest a preview keeps of its files, as by the listing of every file, which the
    /// tests' debug builds compare at every load: the next loads see what moved and no more.
    @Test func aFileThatCannotBeReadIsCountedAsItsParseSays() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(Pipeline.build(options(kb)).succeeded)
        let resident = ResidentSite(options(kb))
        #expect(resident.load(today: fixedDay).succeeded)
        _ = kb.takeTouched()
        let huge = "---\ntitle: Huge\ndate: 2026-03\ntype: launch\nentities: [acme]\n---\n" + String(repeating: "x", count: 1 << 20)
        try kb.write(huge, to: "Content/events/2026-huge.md")
        let failed = resident.load(today: fixedDay, touched: kb.takeTouched())
        #expect(!failed.succeeded && failed.diagnostics.contains { $0.message.contains("over the limit") }, "\(failed.diagnostics)")
        try kb.write("---\ntitle: Huge no more\ndate: 2026-03\ntype: launch\nentities: [acme]\n---\nSmall.\n", to: "Content/events/2026-huge.md")
        let mended = resident.load(today: fixedDay, touched: kb.takeTouched())
        #expect(mended.succeeded && mended.changed && mended.moved, "\(mended.diagnostics)")
        #expect(try differences(resident, kb) == [])
        // An editor's hidden file comes and goes: nothing the site is made from moved.
        try kb.write("swap", to: "Content/events/.2026-huge.md.swp")
        try kb.remove("Content/events/.2026-huge.md.swp")
        let quiet = resident.load(today: fixedDay, touched: kb.takeTouched())
        #expect(quiet.succeeded && !quiet.changed && !quiet.moved, "\(quiet)")
    }

    /// Random edits on whole knowledge bases, each told to the preview by the files it
    /// wrote (as the watcher names them): the preview's pages are a full build's at every
    /// step, whether the load linked everything or only what changed.
    @Test(arguments: TestTier.isFast ? ["aws", "analysis"] : ["aws", "analysis", "lifecycle", "exchange-esu", "entra", "founding"])
    func randomEditsOfWholeKnowledgeBasesPreviewAsTheyBuild(fixture: String) throws {
        let folders = ["Content", "Site"].map { Repository.fixture(fixture).appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let kb = try TemporaryKnowledgeBase(copying: folders)
        // Blocks that read every table of the preview's graph, the text index among them,
        // and what the random edits write (their titles, their dates).
        try kb.write(Self.graphReport, to: "Content/reports/preview-graph.md")
        #expect(Pipeline.build(options(kb)).succeeded)
        let resident = ResidentSite(options(kb))
        let first = resident.load(today: fixedDay)
        #expect(first.succeeded)
        _ = kb.takeTouched()
        var random = SplitMix64(seed: UInt64(fixture.utf8.count) + 40)
        var local = 0
        for step in 0..<(TestTier.isFast ? 6 : 16) {
            let before = kb.url("Content-before")
            try FileManager.default.copyItem(at: kb.url("Content"), to: before)
            let label = try EntryEdits.random(kb, &random, step: step)
            let load = resident.load(today: fixedDay, touched: kb.takeTouched())
            // Blocks other than `sql` read the graph kept between loads.
            #expect(load.graphCopies == 0, "\(fixture), step \(step) (\(label))")
            if load.succeeded {
                try FileManager.default.removeItem(at: before)
                if load.linked * 2 < first.linked { local += 1 }
                let full = try TemporaryKnowledgeBase(copying: folders.map { kb.url($0.lastPathComponent) })
                let outcome = Pipeline.build(options(full))
                #expect(outcome.succeeded, "\(fixture), step \(step) (\(label))")
                let site = snapshot(of: full.url("public"))
                let preview = try #require(resident.preview)
                #expect(preview.paths.count == outcome.pages, "\(fixture), step \(step) (\(label))")
                let differing = preview.paths.filter { preview.page($0) != site[$0] }
                #expect(differing.isEmpty, "\(fixture), step \(step) (\(label)): \(differing.prefix(5))")
            } else {
                // The edit broke the knowledge base: undone, and loaded again from a walk.
                try FileManager.default.removeItem(at: kb.url("Content"))
                try FileManager.default.moveItem(at: before, to: kb.url("Content"))
                #expect(resident.load(today: fixedDay).succeeded)
            }
        }
        #expect(local > 0, "\(fixture): no load linked only what changed")
    }

    /// A report whose blocks read the preview's graph: its changes, a search of its text
    /// index, its entities (a `sql` block reads a copy of its own).
    static let graphReport = """
        ---
        title: Preview graph
        date: 2026-11
        summary: What the preview's graph answers.
        ---
        ```vane
        changes --from 2000 --to 2030
        ```

        ```vane
        query events --text retitled
        ```

        ```vane
        query events --text copy
        ```

        ```vane
        query entities
        ```

        """

    /// A body patched in reaches the preview's graph: its text index finds the new word, and
    /// no longer the old one, as a full build's does.
    @Test func aPatchedBodyIsSearchedAsAFullBuildSearchesIt() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let search = "---\ntitle: Preview graph\ndate: 2026-11\nsummary: A search.\n---\n```vane\nquery events --text zebra\n```\n"
        try kb.write(search, to: "Content/reports/preview-graph.md")
        #expect(Pipeline.build(options(kb)).succeeded)
        let resident = ResidentSite(options(kb))
        #expect(resident.load(today: fixedDay).succeeded)
        let event = "Content/events/2026-summit.md"
        let text = try kb.read(event)
        func report() -> String { String(decoding: resident.preview?.page("reports/preview-graph.html") ?? Data(), as: UTF8.self) }
        #expect(!report().contains("events/2026-summit.html"))
        for (body, found) in [(text + "\nA zebra came.\n", true), (text + "\nA horse came.\n", false)] {
            try kb.write(body, to: event)
            let load = resident.load(today: fixedDay, touched: [event])
            #expect(load.succeeded && load.patched && load.graphCopies == 0, "\(load)")
            #expect(report().contains("events/2026-summit.html") == found)
            #expect(try differences(resident, kb) == [])
        }
    }

    /// A name a template uses that no view model has is found as the preview renders, and
    /// said once, as a build says it (the preview said nothing of it).
    @Test func aMistypedNameInATemplateIsSaidAsPagesRender() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("{{<layout}}{{$content}}<h1>{{title}}</h1><p>{{titel}}</p>{{/content}}{{/layout}}", to: "Site/templates/event.mustache")
        let resident = ResidentSite(options(kb))
        #expect(resident.load(today: fixedDay).succeeded)
        let preview = try #require(resident.preview)
        #expect(preview.newThemeWarnings().isEmpty)
        #expect(preview.page("events/2026-summit.html") != nil)
        #expect(
            preview.newThemeWarnings().map(\.description) == [
                "Site/templates/event.mustache:1:47: warning: 'titel' is in no view model of this template, so it renders empty (did you mean 'title'?)"
            ])
        #expect(preview.page("events/2026-coyote-launch.html") != nil)
        #expect(preview.newThemeWarnings().isEmpty)
    }

    /// A name the pages rendered so far miss that the last build's pages found is not said
    /// (the bundled layout's `current.changes`, a key of the changes page alone, was said
    /// after every load, 400 times).
    @Test func aNameAnotherPageHasIsNotSaid() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            try String(contentsOf: Repository.site.appendingPathComponent("templates/layout.mustache"), encoding: .utf8),
            to: "Site/templates/layout.mustache")
        #expect(Pipeline.build(options(kb)).succeeded)
        let built = try #require(Theme.load(root: kb.root).0)
        let resident = ResidentSite(options(kb))
        #expect(resident.load(today: fixedDay).succeeded)
        let preview = try #require(resident.preview)
        #expect(preview.page("events/2026-summit.html") != nil && preview.page("index.html") != nil)
        #expect(preview.newThemeWarnings().isEmpty, "\(preview.newThemeWarnings())")
        // The same after a template is edited, before a build renders with it: the names the
        // last build found are the view models', whatever theme found them (they were said
        // on every page served, `current.claims` on the home page among them).
        try kb.write(try kb.read("Site/templates/layout.mustache") + "<!-- edited -->\n", to: "Site/templates/layout.mustache")
        #expect(resident.load(today: fixedDay).succeeded)
        let edited = try #require(resident.preview)
        #expect(edited.page("index.html").map { String(decoding: $0, as: UTF8.self).contains("<!-- edited -->") } == true)
        #expect(edited.page("events/2026-summit.html") != nil && edited.page("claims.html") != nil)
        #expect(edited.newThemeWarnings().isEmpty, "\(edited.newThemeWarnings())")
        // What the last build found is kept whole for its own theme; for another, its frame
        // names alone: a name found inside a section (`{{verdict}}` in `{{#counts}}`) would
        // go unsaid once a template wrote it outside.
        let whole = ResidentSite.foundNames(options(kb), theme: built)
        let frame = ResidentSite.foundNames(options(kb), theme: try #require(Theme.load(root: kb.root).0))
        let frameKeys = try GraphReader(url: kb.url("vane.sqlite")).buildState("frame-reads")["frame-reads"] ?? ""
        #expect(frame["layout"]?.contains("current.claims") == true, "\(frame)")
        for (template, names) in frame {
            #expect(names.isSubset(of: whole[template] ?? []))
            for name in names { #expect(frameKeys.contains("\"\(name.prefix { $0 != "." })\""), "\(template): \(name)") }
        }
        #expect(whole.values.reduce(0) { $0 + $1.count } > frame.values.reduce(0) { $0 + $1.count }, "\(whole) \(frame)")
        // A name no page has is still said.
        try kb.write(try kb.read("Site/templates/layout.mustache") + "{{current.nowhere}}\n", to: "Site/templates/layout.mustache")
        #expect(resident.load(today: fixedDay).succeeded)
        let wrong = try #require(resident.preview)
        #expect(wrong.page("index.html") != nil)
        #expect(
            wrong.newThemeWarnings().map(\.message).contains { $0.hasPrefix("'current.nowhere' is in no view model") }, "\(wrong.newThemeWarnings())")
    }

    /// What a build copies or writes beside the pages is served as the build would write it
    /// now: a file of `Content/`, a theme asset, the page at an entity's former id; a page
    /// whose entry was removed is gone at once.
    @Test func copiedFilesRedirectsAndRemovedPagesAreAsABuildWritesThem() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let entity = "Content/entities/roadrunner.md"
        try kb.write(try kb.read(entity).replacingOccurrences(of: "parent: acme\n", with: "parent: acme\nformer_ids: [road-runner]\n"), to: entity)
        #expect(Pipeline.build(options(kb)).succeeded)
        let resident = ResidentSite(options(kb))
        #expect(resident.load(today: fixedDay).succeeded)
        let preview = try #require(resident.preview)
        let built = snapshot(of: kb.url("public"))
        #expect(preview.page("entities/road-runner.html") == built["entities/road-runner.html"])
        #expect(preview.page("entities/road-runner.html") != nil)
        #expect(preview.copiedFile("assets/style.css", root: kb.root) == built["assets/style.css"])
        #expect(preview.copiedFile("sources/acme-slides.txt", root: kb.root) == built["sources/acme-slides.txt"])
        #expect(preview.copiedFile("events/2026-summit.html", root: kb.root) == nil)

        // A file of Content/ written again: served as it is now, and the page reloads.
        try kb.write("New slides.\n", to: "Content/sources/acme-slides.txt")
        let asset = resident.load(today: fixedDay, touched: ["Content/sources/acme-slides.txt"])
        #expect(asset.patched && asset.changed && asset.parsed == 0, "\(asset)")
        #expect(resident.preview?.copiedFile("sources/acme-slides.txt", root: kb.root) == Data("New slides.\n".utf8))

        // The file replaced by a link out of Content/ (a contributor's branch checked out):
        // never read through the link, whatever the build says of it; the output's copy is
        // served. A link inside Content/ is read.
        let secret = try TemporaryKnowledgeBase(["secret.txt": "private key\n"])
        try kb.remove("Content/sources/acme-slides.txt")
        try FileManager.default.createSymbolicLink(
            atPath: kb.url("Content/sources/acme-slides.txt").path, withDestinationPath: secret.url("secret.txt").path)
        _ = resident.load(today: fixedDay, touched: ["Content/sources/acme-slides.txt"])
        #expect(resident.preview?.copiedFile("sources/acme-slides.txt", root: kb.root) == nil)
        try kb.write("Inside.\n", to: "Content/sources/inside.txt")
        try kb.remove("Content/sources/acme-slides.txt")
        try FileManager.default.createSymbolicLink(atPath: kb.url("Content/sources/acme-slides.txt").path, withDestinationPath: "inside.txt")
        #expect(SitePreview.readInside(kb.url("Content/sources/acme-slides.txt").path, folder: kb.url("Content").path) == Data("Inside.\n".utf8))
        // Nor a link to what a build never reads: a hidden file, an editor's backup.
        try kb.write("SECRET=1\n", to: "Content/.env")
        try kb.write("draft\n", to: "Content/sources/draft.md~")
        for (link, target) in [("env.txt", "../.env"), ("d.txt", "draft.md~")] {
            try FileManager.default.createSymbolicLink(atPath: kb.url("Content/sources/\(link)").path, withDestinationPath: target)
            #expect(SitePreview.readInside(kb.url("Content/sources/\(link)").path, folder: kb.url("Content").path) == nil)
            try kb.remove("Content/sources/\(link)")
        }
        try kb.remove("Content/.env")
        try kb.remove("Content/sources/draft.md~")
        try kb.remove("Content/sources/acme-slides.txt")
        try kb.remove("Content/sources/inside.txt")
        try kb.write("New slides.\n", to: "Content/sources/acme-slides.txt")
        _ = resident.load(today: fixedDay, touched: ["Content/sources/acme-slides.txt", "Content/sources/inside.txt"])

        // An entry removed: its page is gone from the preview, while the output still has it.
        let event = "Content/events/2026-summit.md"
        try kb.remove(event)
        let removed = resident.load(today: fixedDay, touched: [event])
        #expect(removed.succeeded && !removed.patched)
        #expect(resident.preview?.page("events/2026-summit.html") == nil)
        #expect(resident.preview?.isGone("events/2026-summit.html") == true)
        #expect(resident.preview?.isGone("events/2026-coyote-launch.html") == false)
        #expect(FileManager.default.fileExists(atPath: kb.url("public/events/2026-summit.html").path))

        // A file of Content/ removed: gone at once too, not served from the output until it follows.
        try kb.remove("Content/sources/acme-slides.txt")
        #expect(resident.load(today: fixedDay, touched: ["Content/sources/acme-slides.txt"]).succeeded)
        #expect(resident.preview?.copiedFile("sources/acme-slides.txt", root: kb.root) == nil)
        #expect(resident.preview?.isGone("sources/acme-slides.txt") == true)
        #expect(FileManager.default.fileExists(atPath: kb.url("public/sources/acme-slides.txt").path))

        // A theme asset of the knowledge base's, and a former id, taken away: gone at once too
        // (they were served from the output a second longer).
        try kb.write("p { }\n", to: "Site/assets/extra.css")
        #expect(resident.load(today: fixedDay, touched: ["Site/assets/extra.css"]).succeeded)
        #expect(resident.preview?.copiedFile("assets/extra.css", root: kb.root) == Data("p { }\n".utf8))
        #expect(Pipeline.build(options(kb)).succeeded)
        try kb.remove("Site/assets/extra.css")
        try kb.write(try kb.read(entity).replacingOccurrences(of: "former_ids: [road-runner]\n", with: ""), to: entity)
        #expect(resident.load(today: fixedDay, touched: ["Site/assets/extra.css", entity]).succeeded)
        #expect(resident.preview?.isGone("assets/extra.css") == true && resident.preview?.isGone("assets/style.css") == false)
        #expect(resident.preview?.isGone("entities/road-runner.html") == true && resident.preview?.isGone("entities/roadrunner.html") == false)
        #expect(FileManager.default.fileExists(atPath: kb.url("public/assets/extra.css").path))
    }

    /// A file of `Content/` where the site writes one of its own (a build refuses it): the
    /// preview serves the site's own meanwhile (the stylesheet, a feed, `robots.txt`, from
    /// the output), and once the file goes the site's own is not gone (it was 404 for good).
    @Test func aFileOfContentNeverTakesTheSitesOwnPlace() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(Pipeline.build(options(kb)).succeeded)
        let built = snapshot(of: kb.url("public"))
        let resident = ResidentSite(options(kb))
        #expect(resident.load(today: fixedDay).succeeded)
        let own = ["assets/style.css", "robots.txt", "feeds/events.atom", "timeline-names.js", "api/v1/graph.json"]
        for path in own {
            #expect(built[path] != nil, "\(path)")
            try kb.write("not the site's\n", to: "Content/" + path)
        }
        #expect(resident.load(today: fixedDay, touched: Set(own.map { "Content/" + $0 })).succeeded)
        #expect(resident.preview?.copiedFile("assets/style.css", root: kb.root) == built["assets/style.css"])
        for path in own.dropFirst() { #expect(resident.preview?.copiedFile(path, root: kb.root) == nil, "\(path)") }
        // A file of Content/ that is no file of the site's is served as it is.
        try kb.write("notes\n", to: "Content/feeds/notes.txt")
        #expect(resident.load(today: fixedDay, touched: ["Content/feeds/notes.txt"]).succeeded)
        #expect(resident.preview?.copiedFile("feeds/notes.txt", root: kb.root) == Data("notes\n".utf8))
        for path in own + ["feeds/notes.txt"] { try kb.remove("Content/" + path) }
        #expect(resident.load(today: fixedDay, touched: Set((own + ["feeds/notes.txt"]).map { "Content/" + $0 })).succeeded)
        for path in own { #expect(resident.preview?.isGone(path) == false, "\(path)") }
        #expect(resident.preview?.isGone("feeds/notes.txt") == true)
        // Another load later keeps them (what is gone is carried from load to load).
        try kb.write(
            try kb.read("Content/events/2026-summit.md").replacingOccurrences(of: "title: ", with: "title: Later "),
            to: "Content/events/2026-summit.md")
        #expect(resident.load(today: fixedDay, touched: ["Content/events/2026-summit.md"]).succeeded)
        for path in own { #expect(resident.preview?.isGone(path) == false, "\(path)") }
    }
}
