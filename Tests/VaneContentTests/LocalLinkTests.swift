import Foundation
import Testing
import VaneContent
import VaneTestSupport

/// A load that links again only the files that changed (`Linker.relink`, which `vane
/// serve` uses) gives what the whole-graph link gives: the same entries, edges and status
/// changes in the same order, the same channels and problems.
struct LocalLinkTests {
    /// Where two loads differ, by part.
    private func differences(_ a: LoadResult, _ b: LoadResult) throws -> [String] {
        let (x, y) = (a.knowledgeBase, b.knowledgeBase)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var parts: [String] = []
        if try encoder.encode(x.entries) != encoder.encode(y.entries) { parts.append("entries") }
        if x.edges != y.edges { parts.append("edges") }
        if x.statusChanges != y.statusChanges { parts.append("status changes") }
        if x.aliases != y.aliases { parts.append("aliases") }
        if x.channels != y.channels { parts.append("channels") }
        if x.assets != y.assets { parts.append("assets") }
        if a.diagnostics != b.diagnostics { parts.append("diagnostics: \(a.diagnostics) against \(b.diagnostics)") }
        return parts
    }

    /// A claim moved to the reports' folder, still linked to as a claim: the local link
    /// declines, and the load reports what the whole link reports.
    @Test func anIDThatChangesKindIsLinkedWhole() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let last = ContentLoader.load(root: kb.root)
        #expect(!last.hasErrors)
        let text = try kb.read("Content/claims/roadrunner-stays.md")
        try kb.remove("Content/claims/roadrunner-stays.md")
        try kb.write(text, to: "Content/reports/roadrunner-stays.md")
        let now = ContentLoader.load(root: kb.root, previous: last)
        let whole = ContentLoader.load(root: kb.root)
        #expect(now.relinked == nil && whole.hasErrors)
        #expect(try differences(now, whole) == [])
    }

    /// What the entities' files alone warn of (an alias that is another entity's name) is
    /// said by a local link as by the whole one: the preview dropped it at the next edit.
    @Test func aLocalLinkKeepsTheEntitiesWarnings() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            try kb.read("Content/entities/anvil.md").replacingOccurrences(of: "parent: acme\n", with: "parent: acme\naliases: [Acme Labs]\n"),
            to: "Content/entities/anvil.md")
        let last = ContentLoader.load(root: kb.root)
        #expect(last.diagnostics.contains { $0.message.hasPrefix("alias 'Acme Labs' is the name of 'acme-labs'") }, "\(last.diagnostics)")
        try kb.write(
            try kb.read("Content/events/2026-summit.md").replacingOccurrences(of: "title: ", with: "title: Renamed "),
            to: "Content/events/2026-summit.md")
        let now = ContentLoader.load(root: kb.root, previous: last)
        #expect(now.relinked != nil)
        #expect(try differences(now, ContentLoader.load(root: kb.root)) == [])
    }

    /// The warnings of the entries a local link leaves as they were are kept: a dead
    /// relative link and a mistyped publisher were dropped by it, and came back with the
    /// next whole link. The entries that can warn again are found by the first local link
    /// and kept up to date by the next: one mended stays mended, one broken is warned of.
    @Test func aLocalLinkKeepsTheWarningsOfWhatItLeaves() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\ntitle: Dead\ndate: 2026-01-01\ntype: other\nentities: [acme]\nsources: [wire-report]\n---\nSee ![c](gone.png).\n",
            to: "Content/events/dead.md")
        try kb.write("---\ntitle: Notes\npublisher: acmee\nurl: https://example.org/n\n---\n", to: "Content/sources/notes.md")
        let last = ContentLoader.load(root: kb.root)
        #expect(last.diagnostics.filter { $0.message.contains("gone.png") || $0.message.contains("acmee") }.count == 2, "\(last.diagnostics)")
        try kb.write(
            try kb.read("Content/events/2026-summit.md").replacingOccurrences(of: "title: ", with: "title: Renamed "),
            to: "Content/events/2026-summit.md")
        var now = ContentLoader.load(root: kb.root, previous: last)
        #expect(now.relinked != nil)
        #expect(try differences(now, ContentLoader.load(root: kb.root)) == [])
        // A file made where `from` is empty, removed where `to` is nil.
        let event = "---\ntitle: T\ndate: 2026-02-01\ntype: other\nentities: [acme]\nsources: [wire-report]\n---\n"
        let edits: [(path: String, from: String, to: String?, warnings: Int)] = [
            ("Content/events/2026-summit.md", "title: Renamed ", "title: Again ", 2),
            ("Content/sources/notes.md", "publisher: acmee", "publisher: acme", 1),
            ("Content/events/2026-summit.md", "title: Again ", "title: Once more ", 1),
            ("Content/events/dead.md", "gone.png", nil, 0),
            ("Content/events/target.md", "", event, 0),
            ("Content/events/linking.md", "", event + "See [t](target.html).\n", 0),
            ("Content/events/2026-summit.md", "title: Once more ", "title: Last ", 0),
            // The page linked to is gone: an entry a local link added warns once its link is dead.
            ("Content/events/target.md", "title: T", nil, 1),
        ]
        for (step, edit) in edits.enumerated() {
            if edit.from.isEmpty {
                try kb.write(edit.to!, to: edit.path)
            } else if let to = edit.to {
                let text = try kb.read(edit.path)
                #expect(text.contains(edit.from), "step \(step)")
                try kb.write(text.replacingOccurrences(of: edit.from, with: to), to: edit.path)
            } else {
                try kb.remove(edit.path)
            }
            now = ContentLoader.load(root: kb.root, previous: now)
            #expect(now.relinked != nil, "step \(step)")
            #expect(try differences(now, ContentLoader.load(root: kb.root)) == [], "step \(step)")
            let warned = now.diagnostics.filter { $0.message.contains("links to no file") || $0.message.contains("acmee") }
            #expect(warned.count == edit.warnings, "step \(step): \(warned)")
        }
    }

    /// A publisher written as an entity's name links to it only while no entry has that name
    /// as its id: an event added with it is linked whole (the publisher's page kept the link
    /// and its warning went unsaid), and so is its removal.
    @Test func anIDThatIsAnEntitysNameIsLinkedWhole() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("---\nname: Foo\ntype: org\n---\n", to: "Content/entities/fox.md")
        try kb.write("---\ntitle: Notes\npublisher: foo\nurl: https://example.org/n\n---\n", to: "Content/sources/notes.md")
        var last = ContentLoader.load(root: kb.root)
        #expect(!last.hasErrors, "\(last.diagnostics)")
        #expect(last.knowledgeBase.edges.contains { $0.from == "notes" && $0.relation == .publishedBy && $0.to == "fox" })
        let event = "---\ntitle: Foo day\ndate: 2026-02-01\ntype: other\nentities: [acme]\nsources: [wire-report]\n---\n"
        for step in ["added", "removed"] {
            if step == "added" { try kb.write(event, to: "Content/events/foo.md") } else { try kb.remove("Content/events/foo.md") }
            let now = ContentLoader.load(root: kb.root, previous: last)
            #expect(now.relinked == nil, "\(step)")
            #expect(try differences(now, ContentLoader.load(root: kb.root)) == [], "\(step)")
            last = now
        }
    }

    @Test(arguments: ["small", "aws", "lifecycle", "founding", "exchange-esu", "entra", "bundled"])
    func aLocalLinkIsTheWholeLink(fixture: String) throws {
        let content = fixture == "bundled" ? Repository.content : Repository.fixture(fixture).appendingPathComponent("Content")
        let kb = try TemporaryKnowledgeBase(copying: [content])
        var random = SplitMix64(seed: UInt64(fixture.utf8.count))
        var last = ContentLoader.load(root: kb.root)
        #expect(!last.hasErrors, "\(last.diagnostics)")
        var local = 0
        let fm = FileManager.default
        for step in 0..<30 {
            let before = kb.url("Content-before")
            try fm.copyItem(at: kb.url("Content"), to: before)
            let label = try EntryEdits.random(kb, &random, step: step)
            let now = ContentLoader.load(root: kb.root, previous: last)
            let whole = ContentLoader.load(root: kb.root)
            #expect(try differences(now, whole) == [], "\(fixture), step \(step) (\(label))")
            if now.linked < whole.linked { local += 1 }
            // The board's inputs kept from the last load are those of the whole knowledge base.
            if let relinked = now.relinked {
                #expect(relinked.from == last.generation)
                let place = "\(fixture), step \(step) (\(label))"
                // What it says the changed entries link to is what the whole link gives them.
                #expect(relinked.edges == whole.knowledgeBase.edges.filter { relinked.ids.contains($0.from) }, "\(place)")
                #expect(relinked.statusChanges == whole.knowledgeBase.statusChanges.filter { relinked.ids.contains($0.event) }, "\(place)")
                let before = StatusBoard.Inputs(last.knowledgeBase)
                let kept = try #require(StatusBoard.Inputs(now.knowledgeBase, keeping: before, changed: relinked.ids, edges: relinked.edges))
                let (a, b) = (StatusBoard(kept, asOf: fixedDay), StatusBoard(whole.knowledgeBase, asOf: fixedDay))
                #expect(a.rows == b.rows && a.eventSources == b.eventSources && a.entities == b.entities, "\(place)")
                // The last board with the rows of the products the change names made again.
                let goneChanges = last.knowledgeBase.statusChanges.filter { relinked.ids.contains($0.event) }
                let affected = kept.affected(since: before, gone: goneChanges, fresh: relinked.statusChanges)
                let updated = StatusBoard(kept, updating: StatusBoard(before, asOf: fixedDay), affected: affected)
                #expect(updated.rows == b.rows && updated.rowsByEntity == b.rowsByEntity && updated.eventSources == b.eventSources, "\(place)")
            }
            // An edit that broke the knowledge base is undone, and the next load links it all.
            if whole.hasErrors {
                try fm.removeItem(at: kb.url("Content"))
                try fm.moveItem(at: before, to: kb.url("Content"))
                last = ContentLoader.load(root: kb.root, previous: now)
            } else {
                try fm.removeItem(at: before)
                last = now
            }
        }
        // Most edits are local: a copy, a retitle, a move in time of anything but an entity.
        #expect(local >= 10, "\(fixture): \(local) of 30 edits linked locally")
    }
}
