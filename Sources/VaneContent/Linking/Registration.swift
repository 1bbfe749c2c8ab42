import Foundation
import VaneDiagnostics

/// Every file's id and aliases registered before anything is linked: what a reference
/// resolves against, each name said once.
extension Linker {
    // MARK: - Ids and aliases

    mutating func register(_ files: [ContentFile], _ parsed: [ParsedFile]) {
        var byPath: [String: Int] = [:]
        for i in parsed.indices where byPath[parsed[i].path] == nil { byPath[parsed[i].path] = i }
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let id = file.id, let kind = file.kind else { continue }
            if let first = known[id] {
                // Of another kind, the file that came first may be the one just added.
                let other = first.kind == kind ? "" : ", \(first.kind.withArticle): ids are shared by every kind; rename one of them"
                diagnostics.append(.error(.top(of: file.path), "duplicate id '\(id)' (already used by \(first.path)\(other))"))
                if first.kind != kind { shadowed[id, default: []].append((kind, file.path)) }
                if let at = byPath[file.path], let entry = parsed[at].entry { duplicates.append(entry) }
                continue
            }
            known[id] = (kind, file.path)
            if let at = byPath[file.path], let entry = parsed[at].entry {
                entries.append(entry)
                if kind == .entity, let type = entry.type { types[id] = type }
            } else {
                unread.insert(id)
            }
        }
    }

    mutating func registerAliases() {
        // Entities by name: an alias that is another's name takes links written with it.
        var named: [String: String] = [:]
        for entry in entries where entry.kind == .entity { named[entry.title.lowercased()] = named[entry.title.lowercased()] ?? entry.id }
        for i in entries.indices where entries[i].kind == .entity {
            let entry = entries[i]
            for alias in entry.aliases {
                let key = alias.text.lowercased()
                let noun = Linker.aliasNoun(alias, of: entry)
                if let owner = known[key], key != entry.id {
                    // A file copied, not moved, for a new id: the old one is still there.
                    let moved = noun == "former id" && owner.kind == .entity ? "; if the entity moved, remove that file (or 'git mv' it)" : ""
                    diagnostics.append(
                        .error(alias.location, "\(noun) '\(alias.text)' is already the id of \(owner.kind.withArticle) (\(owner.path))\(moved)"))
                } else if let other = aliases[key], other != entry.id {
                    // Said with where the other is written: which of the two is new, a build cannot tell.
                    let there = aliasLocations[key].map { " (\($0))" } ?? ""
                    diagnostics.append(.error(alias.location, "\(noun) '\(alias.text)' is already an alias of '\(other)'\(there)"))
                } else {
                    aliases[key] = entry.id
                    aliasLocations[key] = alias.location
                    aliasTexts.append(alias.text)
                    // Not when it is the entity's own id in other case: that takes the link
                    // without it (Redis, renamed, is still `redis` beside the company Redis).
                    if let other = named[key], other != entry.id, key != entry.id {
                        diagnostics.append(
                            .warning(
                                alias.location,
                                "\(noun) '\(alias.text)' is the name of '\(other)': [[\(alias.text)]] links to '\(entry.id)', not to it"))
                    }
                }
            }
        }
    }

    /// What an alias was written as: a former id, a former name (`renamed`), or an alias.
    static func aliasNoun(_ alias: LocatedText, of entry: Entry) -> String {
        if entry.formerIDs.contains(where: { $0.location == alias.location }) { return "former id" }
        if entry.renames.contains(where: { $0.location == alias.location }) { return "former name" }
        return "alias"
    }

    static let fallFromNothing = "the first recorded availability of"

    /// The entities that files with errors name in their status or their links, resolved,
    /// each with those files; a file that did not parse at all may name any.
    func namedByFilesWithErrors(_ parsed: [ParsedFile]) -> [String: Set<String>] {
        var named: [String: Set<String>] = [:]
        let unreadable = Set(parsed.filter { $0.entry == nil && $0.diagnostics.hasErrors }.map(\.path))
        if !unreadable.isEmpty { for id in known.keys { named[id] = unreadable } }
        for file in parsed where file.diagnostics.hasErrors {
            guard let entry = file.entry else { continue }
            // A status key none of whose axes could be read is looked up for its name alone:
            // what it would have set is said wrong already, and the entity's other warnings stand.
            let texts = entry.status.map(\.entity.text) + entry.references.filter { $0.relation != .setsStatus }.map(\.target)
            for text in texts { if let id = resolve(text) { named[id, default: []].insert(file.path) } }
        }
        return named
    }

    func resolve(_ target: String) -> String? {
        Names.resolve(target, isID: { known[$0] != nil }, aliases: aliases)
    }
}
