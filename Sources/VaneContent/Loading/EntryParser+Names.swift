import VaneDiagnostics
import Yams

/// An entity's names over time (`renamed`) and its earlier ids (`former_ids`). Both
/// resolve as aliases, so links, `--entity` and search find the entity by them.
extension EntryParser {
    func readNames(_ fm: inout FrontMatter, into e: inout Entry) {
        let (renames, undated) = readRenames(&fm)
        e.renames = renames
        checkEachRenameChangesTheName(renames, title: e.title, &fm)
        e.formerIDs = fm.list("former_ids") ?? []
        for id in e.formerIDs where !IDRule.isValid(id.text) {
            fm.diagnostics.append(.error(id.location, "'\(id.text)' is not an id (lowercase letters, digits and hyphens)"))
        }
        var written = Set(e.aliases.map { $0.text.lowercased() })
        // A name whose day is wrong is still a name of the entity: one mistake, one error
        // (its links did not resolve, each an error of its own). A former id is kept even
        // when it is the title in lower case (`gpt-5` of GPT-5): a title links nothing.
        for name in e.renames.map({ LocatedText($0.from, at: $0.location) }) + undated
        where !written.contains(name.text.lowercased()) && name.text.lowercased() != e.title.lowercased() {
            e.aliases.append(name)
            written.insert(name.text.lowercased())
        }
        for id in e.formerIDs where written.insert(id.text.lowercased()).inserted { e.aliases.append(id) }
    }

    /// A rename from the name the entity still had after it (the next rename's `from`, or
    /// the title) changes nothing: its new name was written as the earlier one, and every
    /// view would say "X → X".
    private func checkEachRenameChangesTheName(_ renames: [Rename], title: String, _ fm: inout FrontMatter) {
        for (i, rename) in renames.enumerated() {
            let next = i + 1 < renames.count ? renames[i + 1].from : title
            guard rename.from == next else { continue }
            let which = i + 1 < renames.count ? "the next rename's 'from'" : "the title"
            fm.diagnostics.append(
                .error(
                    rename.location,
                    "a rename from '\(rename.from)' changes nothing: it is also the name after \(rename.date.text) (\(which)); 'from' is the name it had before"
                ))
        }
    }

    /// `renamed: [{ date: 2023-07-11, from: Azure Active Directory }]`, oldest first; and
    /// the earlier names of those whose day is wrong (an error said at the day).
    private func readRenames(_ fm: inout FrontMatter) -> ([Rename], undated: [LocatedText]) {
        guard let (node, at) = fm.node("renamed") else { return ([], []) }
        let example = "e.g. '[{ date: 2023-07-11, from: Azure Active Directory }]'"
        let items: [Node]
        switch node {
        case .sequence(let list): items = Array(list)
        // One rename may be written alone, as any list field's one value may.
        case .mapping: items = [node]
        default:
            fm.diagnostics.append(.error(at, "'renamed' must be a list of earlier names with the day each was replaced, \(example)"))
            return ([], [])
        }
        var renames: [Rename] = []
        var undated: [LocatedText] = []
        for item in items {
            let location = fm.location(of: item)
            guard case .mapping(let pairs) = item, pairs.count == 2, let dateNode = pairs["date"], let date = dateNode.string,
                let from = pairs["from"]?.string, !from.isEmpty
            else {
                fm.diagnostics.append(.error(location, "a rename is '{ date: DAY, from: EARLIER NAME }', \(example)"))
                continue
            }
            do {
                let day = try FuzzyDate(parsing: date)
                if let last = renames.last, day.start <= last.date.end {
                    fm.diagnostics.append(.error(fm.location(of: dateNode), "renames must be oldest first: \(date) is not after \(last.date.text)"))
                    undated.append(LocatedText(from, at: location))
                    continue
                }
                renames.append(Rename(date: day, from: from, at: location))
            } catch {
                fm.diagnostics.append(.error(fm.location(of: dateNode), error.message))
                undated.append(LocatedText(from, at: location))
            }
        }
        return (renames, undated)
    }
}
