import Foundation
import VaneDiagnostics

/// Finds the fenced code blocks whose info string is `vane` and puts a placeholder line
/// where each was (blank lines for the rest, so later line numbers stay true).
enum LiveBlockScanner {
    static func scan(lines: [Substring], firstLine: Int, path: String) -> (lines: [Substring], blocks: [LiveBlock], problems: [Diagnostic]) {
        var out = lines
        var blocks: [LiveBlock] = []
        var problems: [Diagnostic] = []
        // Each line as its list item holds it: a fence at an item's text is one (`10. `,
        // `-   `, `- ```vane` and a nested item's were read as code and never run).
        let held = inItems(lines)
        let bodies = held.map(\.body)
        var index = 0
        while index < lines.count {
            let shift = held[index].prefix.count
            guard let fence = opening(bodies[index]) else {
                // In a block quote a `vane` fence is only code: said, not silently shown as code.
                if let quoted = quotedOpening(lines[index]) {
                    problems.append(
                        .warning(
                            SourceLocation(path: path, line: firstLine + index, column: quoted + 1),
                            "a vane block in a block quote is shown as code, not run: take it out of the quote"))
                }
                if let tab = tabbedOpening(bodies[index]) {
                    problems.append(
                        .warning(
                            SourceLocation(path: path, line: firstLine + index, column: shift + tab + 1),
                            "a vane block indented with a tab is shown as code, not run (CommonMark reads a tab as four spaces): indent it with spaces"
                        ))
                }
                // Nor one indented four spaces or more past where its text begins: said too.
                let spaces = bodies[index].prefix { $0 == " " }.count
                if spaces >= 4, opening(bodies[index].dropFirst(spaces)) != nil {
                    problems.append(
                        .warning(
                            SourceLocation(path: path, line: firstLine + index, column: shift + spaces + 1),
                            "a vane block indented \(spaces) spaces is shown as code, not run (CommonMark reads four spaces as code): write it at the top level, or where a list item's text begins"
                        ))
                }
                // Other fences are skipped whole: a `vane` line inside one is code. One whose
                // info string is nearly `vane` (`VANE`, `vane {.x}`, `{.vane}`, `vanes`) is
                // said: it is not run.
                if let other = anyFence(bodies[index]) {
                    let info = String(decoding: bodies[index].utf8.dropFirst(other.indent + other.length), as: UTF8.self).trimmingSpaces
                    if info.split(separator: " ").first.map(isNearlyVane) == true {
                        problems.append(
                            .warning(
                                SourceLocation(path: path, line: firstLine + index, column: shift + other.indent + 1),
                                "a code block whose info string is '\(info)' is shown as code, not run: a vane block opens with \(String(repeating: Character(Unicode.Scalar(other.marker)), count: other.length))vane alone"
                            ))
                    }
                    index = closing(after: index, fence: other, in: bodies) + 1
                } else {
                    index += 1
                }
                continue
            }
            let close = closing(after: index, fence: fence, in: bodies)
            let at = SourceLocation(path: path, line: firstLine + index, column: shift + fence.indent + 1)
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
                let line = bodies[first]
                let indent = line.prefix { $0 == " " || $0 == "\t" }.count
                let start = SourceLocation(path: path, line: firstLine + first, column: held[first].prefix.count + indent + 1)
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
            out[index] = Substring(held[index].prefix + String(repeating: " ", count: fence.indent) + Placeholder.blockMark(blocks.count - 1))
            index = close + 1
        }
        return (out, blocks, problems)
    }

    /// Each line as its list item holds it: on a marker's line, the indentation, marker and
    /// spaces before the item's text are the `prefix` (`10. `, `- `); on a line under an item
    /// indented at least to its text, that indentation. Other lines have none. (CommonMark's
    /// rules for what matters here: an item's text column; a blank line then a line left of
    /// it ends the item.)
    static func inItems(_ lines: [Substring]) -> [(prefix: Substring, body: Substring)] {
        var column: Int?
        var blankBefore = false
        return lines.map { line in
            let blank = line.allSatisfy(\.isWhitespace)
            defer { blankBefore = blank }
            if blank { return (line.prefix(0), line) }
            if let text = itemText(line, indentAtMost: (column ?? 0) + 3) {
                column = text
                return (line.prefix(text), line.dropFirst(text))
            }
            let spaces = line.prefix { $0 == " " }.count
            if let c = column {
                if spaces >= c { return (line.prefix(c), line.dropFirst(c)) }
                if blankBefore { column = nil }
            }
            return (line.prefix(0), line)
        }
    }

    /// The column where a list item's text begins on a marker's line (`- `, `* `, `+ `,
    /// `10. `, `3) `, then one to four spaces; five or more are code, so one), or nil.
    private static func itemText(_ line: Substring, indentAtMost limit: Int) -> Int? {
        let bytes = Array(line.utf8)
        var i = 0
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        guard i <= limit, i < bytes.count else { return nil }
        let start = i
        if [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(bytes[i]) {
            i += 1
        } else {
            while i < bytes.count, i - start < 9, (0x30...0x39).contains(bytes[i]) { i += 1 }
            guard i > start, i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: ")") else { return nil }
            i += 1
        }
        let marker = i
        while i < bytes.count, bytes[i] == 0x20 { i += 1 }
        let spaces = i - marker
        guard spaces >= 1 else { return nil }
        // A thematic break (`- - -`, `* * *`) is no item.
        if bytes[start] != UInt8(ascii: "+"), bytes[start...].allSatisfy({ $0 == bytes[start] || $0 == 0x20 }) { return nil }
        return spaces > 4 || i == bytes.count ? marker + 1 : i
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
    /// Quotes and list markers are stepped over in any order (`> - ```vane`, `- > ```vane`).
    private static func quotedOpening(_ line: Substring) -> Int? {
        var rest = line.drop { $0 == " " }
        var quoted = false
        while true {
            if rest.first == ">" {
                (rest, quoted) = (rest.dropFirst().drop { $0 == " " }, true)
            } else if let text = itemText(rest, indentAtMost: 0), quoted || rest.dropFirst(text).first == ">" {
                rest = rest.dropFirst(text)
            } else {
                break
            }
        }
        guard quoted, opening(rest) != nil else { return nil }
        return line.unicodeScalars.count - rest.unicodeScalars.count
    }

    /// The column (from 0) of a `vane` fence after a tab, which CommonMark counts as four
    /// spaces (code, in a list item too), if any.
    private static func tabbedOpening(_ line: Substring) -> Int? {
        let lead = line.prefix { $0 == " " || $0 == "\t" }
        guard lead.contains("\t"), opening(line.dropFirst(lead.count)) != nil else { return nil }
        return lead.count
    }

    /// The index of the line closing `fence` opened at `start`, or `lines.count`.
    private static func closing(after start: Int, fence: Fence, in lines: [Substring]) -> Int {
        (start + 1..<lines.count).first { BodyLinkScanner.closesFence(Array(lines[$0].utf8), (fence.marker, fence.length)) } ?? lines.count
    }
}
