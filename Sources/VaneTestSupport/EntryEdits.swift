import Foundation

/// Random edits of a knowledge base's files, of the kinds an analyst makes while `vane
/// serve` watches: a file that is not an entity copied under a new id, removed, retitled,
/// moved in time or renamed; at times an entity renamed, or a link to nothing (which
/// breaks the knowledge base).
public enum EntryEdits {
    /// Makes one edit under `kb` and says what it was.
    public static func random(_ kb: TemporaryKnowledgeBase, _ random: inout SplitMix64, step: Int) throws -> String {
        let fm = FileManager.default
        let files = try fm.subpathsOfDirectory(atPath: kb.url("Content").path)
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix("entities/") }.sorted().map { "Content/" + $0 }
        let entities = try fm.contentsOfDirectory(atPath: kb.url("Content/entities").path).filter { $0.hasSuffix(".md") }.sorted()
        guard let path = random.element(of: files) else { return "nothing" }
        let text = try kb.read(path)
        let folder = (path as NSString).deletingLastPathComponent
        switch random.next(below: 9) {
        case 0, 1:
            try kb.write(replacing(#"(?m)^title: .*$"#, in: text, with: "title: Copy \(step)"), to: "\(folder)/copy-\(step).md")
            return "copy \(path)"
        case 2:
            try kb.remove(path)
            return "remove \(path)"
        case 3, 4:
            try kb.write(replacing(#"(?m)^title: .*$"#, in: text, with: "title: Retitled \(step)"), to: path)
            return "retitle \(path)"
        case 5:
            let year = 2020 + random.next(below: 8)
            try kb.write(replacing(#"(?m)^date: \d{4}"#, in: text, with: "date: \(year)"), to: path)
            return "move \(path) to \(year)"
        case 6:
            try kb.remove(path)
            try kb.write(text, to: "\(folder)/moved-\(step).md")
            return "rename \(path)"
        case 7:
            guard let entity = random.element(of: entities) else { return "no entity" }
            let file = "Content/entities/" + entity
            try kb.write(replacing(#"(?m)^name: .*$"#, in: try kb.read(file), with: "name: Renamed \(step)"), to: file)
            return "rename entity \(entity)"
        default:
            try kb.write(
                "---\ntitle: Broken \(step)\ndate: 2026-01\ntype: other\nentities: [nobody-\(step)]\n---\nBroken.\n",
                to: "Content/events/broken-\(step).md")
            return "a link to nothing"
        }
    }

    private static func replacing(_ pattern: String, in text: String, with replacement: String) -> String {
        text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
    }
}
