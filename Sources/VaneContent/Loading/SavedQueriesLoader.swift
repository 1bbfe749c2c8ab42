import Foundation
import VaneDiagnostics
import Yams

/// Reads `Site/queries.yml`: names for command lines (`stranded: status --min-risk 30`),
/// run by `vane saved NAME` and by a block reading `saved NAME`.
public enum SavedQueriesLoader {
    public static let path = "Site/queries.yml"

    public static func load(root: URL) -> ([String: LiveBlock], [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return ([:], []) }
        guard let yaml = String(validatingUTF8Data: data) else { return ([:], [.error(.top(of: path), "file is not valid UTF-8")]) }
        let node: Node?
        var problems: [Diagnostic]
        do {
            (node, problems, _) = try FrontMatter.compose(yaml, lineOffset: 0, path: path, resolver: .default)
        } catch {
            return ([:], [error.diagnostic])
        }
        guard let node else { return ([:], problems) }
        guard let mapping = node.mapping else {
            return ([:], problems + [.error(.top(of: path), "expected names mapped to command lines ('stranded: status --min-risk 30')")])
        }
        var saved: [String: LiveBlock] = [:]
        for (key, value) in mapping {
            let keyAt = SourceLocation(path: path, line: key.mark?.line ?? 1, column: key.mark?.column ?? 1)
            guard let name = key.scalar?.string, !name.isEmpty, let line = value.scalar?.string else {
                // At the value when the name is there (`b: [x]`), else at the name.
                let valueAt = value.mark.map { SourceLocation(path: path, line: $0.line, column: $0.column) }
                problems.append(
                    .error(key.scalar?.string.isEmpty == false ? valueAt ?? keyAt : keyAt, "a saved query is a name and one command line"))
                continue
            }
            // `c:` alone: said at its name, not as an empty block after the end of the line.
            guard !line.allSatisfy(\.isWhitespace) else {
                problems.append(.error(keyAt, "saved query '\(name)' has no command line (write one after it: '\(name): status --min-risk 30')"))
                continue
            }
            // A plain scalar starts where its mark is; a quoted one, one column later.
            let quoted = value.scalar?.style == .singleQuoted || value.scalar?.style == .doubleQuoted
            let at = SourceLocation(path: path, line: value.mark?.line ?? 1, column: (value.mark?.column ?? 1) + (quoted ? 1 : 0))
            let (tokens, tokenProblems) = BlockGrammar.tokens(of: Substring(line), at: at)
            problems += tokenProblems
            if tokenProblems.isEmpty {
                let (command, grammarProblems) = BlockGrammar.read(tokens, at: at)
                problems += grammarProblems
                if command?.name == "saved" {
                    problems.append(.error(at, "a saved query cannot run another saved query"))
                }
            }
            saved[name] = LiveBlock(line: line, tokens: tokens, location: at)
        }
        return (saved, problems)
    }
}
