import Foundation
import VaneDiagnostics

/// Finds `[[wikilinks]]` and `[@citations]` in a Markdown body, outside code, and
/// replaces each with a placeholder that survives Markdown rendering untouched.
///
/// Code is recognised the way CommonMark does for the common cases: fenced blocks,
/// indented blocks after a blank line (outside lists), and backtick code spans within
/// a paragraph.
struct BodyLinkScanner {
    private(set) var links: [BodyLink] = []
    private(set) var output: [String] = []
    let path: String

    static func scan(lines: [Substring], firstLine: Int, path: String) -> (markdown: String, links: [BodyLink]) {
        var scanner = BodyLinkScanner(path: path)
        scanner.run(lines.map(Placeholder.defang), firstLine: firstLine)
        return (scanner.output.joined(separator: "\n"), scanner.links)
    }

    private mutating func run(_ lines: [String], firstLine: Int) {
        var fence: (marker: Character, length: Int)?
        var paragraph: [(line: Int, text: String)] = []
        var previousBlank = true
        var listContext = false
        var inIndentedCode = false

        func flush(_ s: inout BodyLinkScanner) {
            if !paragraph.isEmpty { s.scanParagraph(paragraph) }
            paragraph = []
        }
        for (offset, line) in lines.enumerated() {
            let number = firstLine + offset
            if let open = fence {
                output.append(line)
                if BodyLinkScanner.closesFence(line, open) { fence = nil }
                continue
            }
            if let opened = BodyLinkScanner.opensFence(line) {
                flush(&self)
                fence = opened
                output.append(line)
                previousBlank = false
                continue
            }
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            let indented = line.hasPrefix("    ") || line.hasPrefix("\t")
            if inIndentedCode && (indented || blank) {
                output.append(line)
                continue
            }
            inIndentedCode = false
            if blank {
                flush(&self)
                output.append(line)
                previousBlank = true
                continue
            }
            if indented && previousBlank && !listContext && paragraph.isEmpty {
                inIndentedCode = true
                output.append(line)
                continue
            }
            listContext = BodyLinkScanner.isListItem(line) || (listContext && (indented || line.hasPrefix("  ")))
            previousBlank = false
            paragraph.append((number, line))
        }
        flush(&self)
    }

    // MARK: - Inline scanning

    private mutating func scanParagraph(_ lines: [(line: Int, text: String)]) {
        // Flatten with positions, so a code span may cross a line break as in CommonMark.
        var chars: [Unicode.Scalar] = []
        var positions: [(line: Int, column: Int)] = []
        for (index, entry) in lines.enumerated() {
            var column = 1
            for scalar in entry.text.unicodeScalars {
                chars.append(scalar)
                positions.append((entry.line, column))
                column += 1
            }
            if index < lines.count - 1 {
                chars.append("\n")
                positions.append((entry.line, column))
            }
        }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count {
                out.append(c)
                out.append(chars[i + 1])
                i += 2
            } else if c == "`" {
                let run = BodyLinkScanner.runLength(chars, from: i)
                let end = BodyLinkScanner.closingRun(chars, length: run, from: i + run) ?? i + run
                out.append(contentsOf: chars[i..<end])
                i = end
            } else if c == "[", let (link, end) = link(in: chars, at: i, positions: positions) {
                out.append(contentsOf: Placeholder.mark(link.style, index: links.count).unicodeScalars)
                links.append(link)
                i = end
            } else {
                out.append(c)
                i += 1
            }
        }
        output.append(contentsOf: String(out).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    /// A link starting at `i` (`[[…]]` or `[@…]` on one line), and the index after it.
    private func link(in chars: [Unicode.Scalar], at i: Int, positions: [(line: Int, column: Int)]) -> (BodyLink, Int)? {
        guard i + 1 < chars.count else { return nil }
        let wiki = chars[i + 1] == "["
        guard wiki || chars[i + 1] == "@" else { return nil }
        var j = i + 2
        while j < chars.count, chars[j] != "]", chars[j] != "[", chars[j] != "\n" { j += 1 }
        guard j < chars.count, chars[j] == "]" else { return nil }
        let inner = String(String.UnicodeScalarView(chars[(i + 2)..<j]))
        let at = SourceLocation(path: path, line: positions[i].line, column: positions[i].column)
        if wiki {
            guard j + 1 < chars.count, chars[j + 1] == "]" else { return nil }
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let target = parts[0].trimmingCharacters(in: .whitespaces)
            guard !target.isEmpty else { return nil }
            let label = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
            return (BodyLink(style: .wikilink, target: target, label: label?.isEmpty == true ? nil : label, location: at), j + 2)
        }
        // `[@name](url)` and `[@name][ref]` are ordinary Markdown links.
        if j + 1 < chars.count, chars[j + 1] == "(" || chars[j + 1] == "[" { return nil }
        let target = inner.trimmingCharacters(in: .whitespaces)
        guard !target.isEmpty else { return nil }
        return (BodyLink(style: .citation, target: target, label: nil, location: at), j + 1)
    }

    private static func runLength(_ chars: [Unicode.Scalar], from i: Int) -> Int {
        var n = 0
        while i + n < chars.count, chars[i + n] == "`" { n += 1 }
        return n
    }

    /// The index just after a backtick run of exactly `length`, or nil.
    private static func closingRun(_ chars: [Unicode.Scalar], length: Int, from start: Int) -> Int? {
        var i = start
        while i < chars.count {
            if chars[i] == "`" {
                let n = runLength(chars, from: i)
                if n == length { return i + n }
                i += n
            } else {
                i += 1
            }
        }
        return nil
    }

    // MARK: - Block structure

    private static func opensFence(_ line: String) -> (Character, Int)? {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3, let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let length = trimmed.prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        if first == "`" && trimmed.dropFirst(length).contains("`") { return nil }
        return (first, length)
    }

    private static func closesFence(_ line: String, _ open: (marker: Character, length: Int)) -> Bool {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count <= 3 else { return false }
        let length = trimmed.prefix { $0 == open.marker }.count
        return length >= open.length && trimmed.dropFirst(length).allSatisfy { $0 == " " || $0 == "\t" }
    }

    private static func isListItem(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " }
        if let first = trimmed.first, "-*+".contains(first) {
            return trimmed.dropFirst().first == " " || trimmed.count == 1
        }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return false }
        let rest = trimmed.dropFirst(digits.count)
        return (rest.first == "." || rest.first == ")") && (rest.dropFirst().first == " " || rest.count == 1)
    }
}

/// The mark left in a body's HTML where a wikilink or citation goes: two private-use
/// characters around a letter and an index, which Markdown passes through as text.
public enum Placeholder {
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    static func mark(_ style: BodyLink.Style, index: Int) -> String {
        "\(open)\(style == .wikilink ? "W" : "C")\(index)\(close)"
    }

    /// Authors cannot forge a placeholder: the two characters are replaced in input.
    static func defang(_ line: Substring) -> String {
        guard line.unicodeScalars.contains(where: { $0 == open || $0 == close }) else { return String(line) }
        return String(String.UnicodeScalarView(line.unicodeScalars.map { $0 == open || $0 == close ? "\u{FFFD}" : $0 }))
    }

    /// Replaces every placeholder in `html` by what `replacement` returns for its link index.
    public static func substitute(in html: String, _ replacement: (Int) -> String) -> String {
        guard html.unicodeScalars.contains(open) else { return html }
        var out = String.UnicodeScalarView()
        var scalars = html.unicodeScalars[...]
        while let start = scalars.firstIndex(of: open) {
            out.append(contentsOf: scalars[..<start])
            let rest = scalars[scalars.index(after: start)...]
            guard let end = rest.firstIndex(of: close) else { break }
            let index = Int(String(String.UnicodeScalarView(rest.dropFirst().prefix(upTo: end)))) ?? -1
            out.append(contentsOf: replacement(index).unicodeScalars)
            scalars = rest[rest.index(after: end)...]
        }
        out.append(contentsOf: scalars)
        return String(out)
    }
}
