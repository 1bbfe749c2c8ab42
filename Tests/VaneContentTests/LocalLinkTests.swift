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

    /// One random edit of the kind a resident load sees: a file that is not an entity
    /// copied under a new id, removed, retitled or moved in time; at times an entity renamed
    /// or a link to nothing, which only the whole-graph link may answer.
    private func edit(_ kb: TemporaryKnowledgeBase, _ random: inout SplitMix64, step: Int) throws -> String {
        let files = try FileManager.default.subpathsOfDirectory(atPath: kb.url("Content").path)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("entities/") }.sorted().map { "Content/" + $0 }
        let entities = try FileManager.default.contentsOfDirectory(atPath: kb.url("Content/entities").path).sorted()
        guard let path = random.element(of: files) else { return "nothing" }
        let text = try kb.read(path)
        let folder = (path as NSString).deletingLastPathComponent
        switch random.next(below: 9) {
        case 0, 1:
            let copy = "\(folder)/copy-\(step).md"
            try kb.write(text.replacingOccurrences(of: #"(?m)^title: .*$"#, with: "title: Copy \(step)", options: .regularExpression), to: copy)
            return "copy \(path)"
        case 2:
            try kb.remove(path)
            return "remove \(path)"
        case 3, 4:
            try kb.write(text.replacingOccurrences(of: #"(?m)^title: .*$"#, with: "title: Retitled \(step)", options: .regularExpression), to: path)
            return "retitle \(path)"
        case 5:
            let year = 2020 + random.next(below: 8)
            try kb.write(text.replacingOccurrences(of: #"(?m)^date: \d{4}"#, with: "date: \(year)", options: .regularExpression), to: path)
            return "move \(path) to \(year)"
        case 6:
            try kb.remove(path)
            try kb.write(text, to: "\(folder)/moved-\(step).md")
            return "rename \(path)"
        case 7:
            guard let entity = random.element(of: entities) else { return "no entity" }
            let file = "Content/entities/" + entity
            try kb.write(
                try kb.read(file).replacingOccurrences(of: #"(?m)^name: .*$"#, with: "name: Renamed \(step)", options: .regularExpression), to: file)
            return "rename entity \(entity)"
        default:
            try kb.write(
                "---\ntitle: Broken \(step)\ndate: 2026-01\ntype: other\nentities: [nobody-\(step)]\n---\nBroken.\n",
                to: "Content/events/broken-\(step).md")
            return "a link to nothing"
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
            let label = try edit(kb, &random, step: step)
            let now = ContentLoader.load(root: kb.root, previous: last)
            let whole = ContentLoader.load(root: kb.root)
            #expect(try differences(now, whole) == [], "\(fixture), step \(step) (\(label))")
            if now.linked < whole.linked { local += 1 }
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
