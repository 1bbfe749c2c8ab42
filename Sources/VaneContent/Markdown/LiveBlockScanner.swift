import Foundation
import VaneDiagnostics

/// Finds the fenced code blocks whose info string is `vane` and puts a placeholder line
/// where each was (blank lines for the rest, so later line numbers stay true).
enum LiveBlockScanner {
    static func scan(lines: [Substring], firstLine: Int, path: String) -> (lines: [Substring], blocks: [LiveBlock], problems: [Diagnostic]) {
        var out = lines
        var blocks: [LiveBlock] = []
        var problems: [Diagnostic] = []
        var index = 0
        while index < lines.count {
            guard let fence = opening(lines[index]) else {
                // In a block quote a `vane` fence is only code: said, not silently shown as code.
                if let quoted = quotedOpening(lines[index]) {
                    problems.append(
                        .warning(
                            SourceLocation(path: path, line: firstLine + index, column: quoted + 1),
                            "a vane block in a block quote is shown as code, not run: take it out of the quote"))
                }
                // Nor one indented four spaces or more (a nested list item's): said too.
                let spaces = lines[index].prefix { $0 == " " }.count
                if spaces >= 4, opening(lines[index].dropFirst(spaces)) != nil {
                    problems.append(
                        .warning(
                            SourceLocation(path: path, line: firstLine + index, column: spaces + 1),
                            "a vane block indented \(spaces) spaces (in a nested list item) is shown as code, not run: write it at the top level or in a first-level list item"
                        ))
                }
                // Other fences are skipped whole: a `vane` line inside one is code. One whose
                // info string is nearly `vane` (`VANE`, `vane {.x}`, `{.vane}`, `vanes`) is
                // said: it is not run.
                if let other = anyFence(lines[index]) {
                    let info = String(decoding: lines[index].utf8.dropFirst(other.indent + other.length), as: UTF8.self).trimmingSpaces
                    if info.split(separator: " ").first.map(isNearlyVane) == true {
                        problems.append(
                            .warning(
                                SourceLocation(path: path, line: firstLine + index, column: other.indent + 1),
                                "a code block whose info string is '\(info)' is shown as code, not run: a vane block opens with \(String(repeating: Character(Unicode.Scalar(other.marker)), count: other.length))vane alone"
                            ))
                    }
                    index = closing(after: index, fence: other, in: lines) + 1
                } else {
                    index += 1
                }
                continue
            }
            let close = closing(after: index, fence: fence, in: lines)
            let at = SourceLocation(path: path, line: firstLine + index, column: fence.indent + 1)
            if close == lines.count {
                problems.append(
                    .error(
                        at, "unclosed vane block (close it with \(String(repeating: Character(Unicode.Scalar(fence.marker)), count: fence.length)))"))
            }
            let content = (index + 1..<min(close, lines.count)).filter { !lines[$0].allSatisfy(\.isWhitespace) }
            if content.count > 1 {
                let second = content[1]
                problems.append(.error(SourceLocation(path: path, line: firstLine + second, column: 1), "a vane block holds one command line"))
            }
            if let first = content.first {
                let line = lines[first]
                let indent = line.prefix { $0 == " " || $0 == "\t" }.count
                let start = SourceLocation(path: path, line: firstLine + first, column: indent + 1)
                let (tokens, tokenProblems) = BlockGrammar.tokens(of: line.dropFirst(indent), at: start)
                problems += tokenProblems
                if tokenProblems.isEmpty {
                    let (_, grammarProblems) = BlockGrammar.read(tokens, at: start)
                    problems += grammarProblems
                }
                let text = String(line.dropFirst(indent)).trimmingTrailingWhitespace()
                blocks.append(LiveBlock(line: text, tokens: tokens, location: start))
            } else {
                problems.append(.error(at, "empty vane block (write one command line, e.g. 'status --entity meta')"))
                blocks.append(LiveBlock(line: "", tokens: [], location: at))
            }
            for i in index...min(close, lines.count - 1) { out[i] = "" }
            out[index] = Substring(String(repeating: " ", count: fence.indent) + Placeholder.blockMark(blocks.count - 1))
            index = close + 1
        }
        return (out, blocks, problems)
    }

    /// An info string's first word that was meant as `vane`: in another case, in pandoc's
    /// attribute syntax (`{.vane}`, `vane{…}`), with a comma after it, or one letter off
    /// (`vanes`, `vnae`; not `make`, two letters off, a language of its own).
    static func isNearlyVane(_ word: Substring) -> Bool {
        let word = word.lowercased()
        if word.hasPrefix("vane{") { return true }
        let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "{}.,;:"))
        return !bare.isEmpty && Suggestion.editDistance(bare, "vane") <= 1
    }

    /// A fence, as `BodyLinkScanner` recognises one (CommonMark's rules for the cases
    /// that matter), with its indentation.
    struct Fence {
        var marker: UInt8
        var length: Int
        var indent: Int
    }

    /// Any fence opening: up to three spaces, then three or more backticks or tildes.
    private static func anyFence(_ line: Substring) -> Fence? {
        // Most lines are prose: their first byte after the spaces says so without a copy.
        guard let first = line.utf8.first(where: { $0 != 0x20 }), first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let bytes = Array(line.utf8)
        guard let (marker, length) = BodyLinkScanner.opensFence(bytes) else { return nil }
        return Fence(marker: marker, length: length, indent: bytes.prefix { $0 == 0x20 }.count)
    }

    /// A fence opening a `vane` block.
    private static func opening(_ line: Substring) -> Fence? {
        guard let fence = anyFence(line) else { return nil }
        let info = line.utf8.dropFirst(fence.indent + fence.length)
        return String(decoding: info, as: UTF8.self).trimmingSpaces == "vane" ? fence : nil
    }

    /// The column (from 0) of a `vane` fence opened inside a block quote (`> ```vane`), if any.
    private static func quotedOpening(_ line: Substring) -> Int? {
        var rest = line.drop { $0 == " " }
        guard rest.first == ">" else { return nil }
        while rest.first == ">" { rest = rest.dropFirst().drop { $0 == " " } }
        guard opening(rest) != nil else { return nil }
        return line.unicodeScalars.count - rest.unicodeScalars.count
    }

    /// The index of the line closing `fence` opened at `start`, or `lines.count`.
    private static func closing(after start: Int, fence: Fence, in lines: [Substring]) -> Int {
        (start + 1..<lines.count).first { BodyLinkScanner.closesFence(Array(lines[$0].utf8), (fence.marker, fence.length)) } ?? lines.count
    }
}
