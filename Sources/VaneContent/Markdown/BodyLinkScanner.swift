import Foundation
import VaneDiagnostics

/// Finds `[[wikilinks]]` and `[@citations]` in a Markdown body, outside code, and
/// replaces each with a placeholder that survives Markdown rendering untouched.
///
/// What is code is cmark's decision: its code blocks and HTML blocks (which the page
/// shows as code, or leaves out) are copied untouched, in block quotes and lists too;
/// backtick code spans are found within a paragraph. Every marker is ASCII, so the scan runs on UTF-8 bytes; columns are
/// counted in Unicode scalars only where a link is found.
struct BodyLinkScanner {
    private(set) var links: [BodyLink] = []
    /// Links written empty (`[[]]`, `[@]`, `[[id|]]`), each an error at its bracket.
    private(set) var problems: [Diagnostic] = []
    private var output: [UInt8] = []
    let path: String

    static func scan(lines: [Substring], firstLine: Int, path: String) -> (markdown: String, links: [BodyLink], problems: [Diagnostic]) {
        var scanner = BodyLinkScanner(path: path)
        // Lines come defanged (`BodyRenderer`), so the marks in them are the renderer's own.
        let bytes = lines.map { Array($0.utf8) }
        // Most bodies with no link at all need no work beyond joining.
        if !bytes.contains(where: { BodyLinkScanner.mayHoldLink($0) }) {
            return (String(decoding: Array(bytes.joined(separator: [0x0A])), as: UTF8.self), [], [])
        }
        scanner.output.reserveCapacity(bytes.reduce(0) { $0 + $1.count + 1 })
        scanner.run(bytes, firstLine: firstLine)
        return (String(decoding: scanner.output, as: UTF8.self), scanner.links, scanner.problems)
    }

    private static func mayHoldLink(_ line: [UInt8]) -> Bool {
        guard line.count > 1 else { return false }
        var fileLink = false
        for i in 0..<(line.count - 1) {
            if line[i] == UInt8(ascii: "["), line[i + 1] == UInt8(ascii: "[") || line[i + 1] == UInt8(ascii: "@") { return true }
            // `](….md`: a link to another entry's file.
            if line[i] == UInt8(ascii: "]"), line[i + 1] == UInt8(ascii: "(") { fileLink = true }
            if fileLink, line[i] == UInt8(ascii: "."), i + 2 < line.count, line[i + 1] == UInt8(ascii: "m"), line[i + 2] == UInt8(ascii: "d") {
                return true
            }
        }
        return false
    }

    private mutating func emit(_ line: [UInt8]) {
        if !output.isEmpty || emitted { output.append(0x0A) }
        output.append(contentsOf: line)
        emitted = true
    }
    private var emitted = false

    /// Lines in a code block or an HTML block, as cmark parses the body, are copied as they
    /// are; the others are scanned paragraph by paragraph (a code span may cross a line).
    private mutating func run(_ lines: [[UInt8]], firstLine: Int) {
        let verbatim = MarkdownRenderer.verbatimLines(String(decoding: Array(lines.joined(separator: [0x0A])), as: UTF8.self))
        var paragraph: [(line: Int, bytes: [UInt8])] = []
        for (offset, line) in lines.enumerated() {
            if verbatim.contains(offset + 1) || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                flush(&paragraph)
                emit(line)
            } else {
                paragraph.append((firstLine + offset, line))
            }
        }
        flush(&paragraph)
    }

    private mutating func flush(_ paragraph: inout [(line: Int, bytes: [UInt8])]) {
        if !paragraph.isEmpty { scanParagraph(paragraph) }
        paragraph = []
    }

    // MARK: - Inline scanning

    private mutating func scanParagraph(_ lines: [(line: Int, bytes: [UInt8])]) {
        // One byte array with a line index per byte, so a code span may cross a line break
        // as in CommonMark.
        var chars: [UInt8] = []
        var lineOf: [Int32] = []
        var lineStart: [Int] = []
        for (index, entry) in lines.enumerated() {
            lineStart.append(chars.count)
            chars.append(contentsOf: entry.bytes)
            lineOf.append(contentsOf: repeatElement(Int32(index), count: entry.bytes.count))
            if index < lines.count - 1 {
                chars.append(0x0A)
                lineOf.append(Int32(index))
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count)
        var i = 0
        // The end of the last backslash escape: a `!` it escaped opens no image.
        var escapedEnd = -1
        while i < chars.count {
            let c = chars[i]
            if c == UInt8(ascii: "\\"), i + 1 < chars.count {
                out.append(c)
                out.append(chars[i + 1])
                i += 2
                escapedEnd = i
            } else if c == UInt8(ascii: "`") {
                let run = BodyLinkScanner.runLength(chars, from: i)
                let end = BodyLinkScanner.closingRun(chars, length: run, from: i + run) ?? i + run
                out.append(contentsOf: chars[i..<end])
                i = end
            } else if c == UInt8(ascii: "<"), let end = BodyLinkScanner.autolinkEnd(chars, from: i) {
                // An autolink is its URL as written, `[[…]]` and all (CommonMark reads it
                // before links); a placeholder there became the link's address.
                out.append(contentsOf: chars[i..<end])
                i = end
            } else if c == UInt8(ascii: "["), case let image = i > 0 && chars[i - 1] == UInt8(ascii: "!") && escapedEnd != i,
                let found = link(in: chars, at: i, image: image, lines: lines, lineOf: lineOf, lineStart: lineStart)
            {
                switch found {
                case .link(let link, let end):
                    // Obsidian's embed of a note (`![[meta]]`): a link here, the `!` shown before
                    // it. (Of a file, `![[chart.png]]`, the link's own error says how to write it.)
                    if image, link.style == .wikilink, !link.target.contains(".") {
                        var at = link.location
                        at.column -= 1
                        problems.append(
                            .warning(
                                at,
                                "'![[\(link.target)]]' is Obsidian's embed of a note, which this format does not have: the page shows a link with a '!' before it; write [[\(link.target)]]"
                            ))
                    }
                    // A label is a link's text already: a citation or a link in it is its text.
                    if let label = link.label, label.contains("[@") || label.contains("[[") {
                        problems.append(
                            .warning(
                                link.location,
                                "the label of [[\(link.target)|…]] holds \(label.contains("[@") ? "a citation" : "a link"), which cannot be a link inside a link: it is shown as text (write it after the link)"
                            ))
                    }
                    out.append(contentsOf: Placeholder.mark(link.style, index: links.count).utf8)
                    links.append(link)
                    i = end
                case .empty(let problem, let end):
                    problems.append(problem)
                    out.append(contentsOf: chars[i..<end])
                    i = end
                }
            } else {
                out.append(c)
                i += 1
            }
        }
        for piece in out.split(separator: 0x0A, omittingEmptySubsequences: false) { emit(Array(piece)) }
    }

    /// The index after an autolink starting at `i` (`<https://…>`, CommonMark's: a scheme of
    /// 2 to 32 characters, a colon, no space, `<` or `>` before its `>`); nil when none starts there.
    static func autolinkEnd(_ chars: [UInt8], from i: Int) -> Int? {
        var j = i + 1
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
        guard j < chars.count, isLetter(chars[j]) else { return nil }
        while j < chars.count, j - i - 1 < 32,
            isLetter(chars[j]) || (chars[j] >= UInt8(ascii: "0") && chars[j] <= UInt8(ascii: "9")) || chars[j] == UInt8(ascii: "+")
                || chars[j] == UInt8(ascii: ".") || chars[j] == UInt8(ascii: "-")
        {
            j += 1
        }
        guard j - i - 1 >= 2, j < chars.count, chars[j] == UInt8(ascii: ":") else { return nil }
        j += 1
        while j < chars.count, chars[j] > 0x20, chars[j] != UInt8(ascii: "<"), chars[j] != UInt8(ascii: ">") { j += 1 }
        return j < chars.count && chars[j] == UInt8(ascii: ">") ? j + 1 : nil
    }

    private enum Found {
        /// A link, and the index after it.
        case link(BodyLink, Int)
        /// A link written empty, and the index after it.
        case empty(Diagnostic, Int)
    }

    /// A link starting at `i` (`[[…]]`, `[@…]`, or `[label](file.md)`, on one line). After a
    /// `!` (`image`), `[alt](file.md)` is an image, left to Markdown (and to the check of
    /// relative links, which says the site does not publish that file).
    private func link(
        in chars: [UInt8], at i: Int, image: Bool, lines: [(line: Int, bytes: [UInt8])], lineOf: [Int32], lineStart: [Int]
    ) -> Found? {
        guard i + 1 < chars.count else { return nil }
        let wiki = chars[i + 1] == UInt8(ascii: "[")
        guard wiki || chars[i + 1] == UInt8(ascii: "@") else {
            return image ? nil : fileLink(in: chars, at: i, lines: lines, lineOf: lineOf, lineStart: lineStart)
        }
        var j = i + 2
        if wiki {
            guard let end = BodyLinkScanner.wikilinkEnd(chars, from: i + 2) else { return nil }
            j = end
        } else {
            while j < chars.count, chars[j] != UInt8(ascii: "]"), chars[j] != UInt8(ascii: "["), chars[j] != 0x0A { j += 1 }
            guard j < chars.count, chars[j] == UInt8(ascii: "]") else { return nil }
        }
        let inner = String(decoding: chars[(i + 2)..<j], as: UTF8.self)
        let index = Int(lineOf[i])
        // Columns count scalars: every byte that does not continue a UTF-8 sequence.
        let column = chars[lineStart[index]..<i].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        let at = SourceLocation(path: path, line: lines[index].line, column: column)
        if wiki {
            guard j + 1 < chars.count, chars[j + 1] == UInt8(ascii: "]") else { return nil }
            var parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            // `[[id\|label]]`, as a table cell escapes its pipe (GFM; Obsidian writes it so):
            // no id ends in a backslash. (A label is inline Markdown: its own `\|` is a pipe.)
            if parts.count > 1, parts[0].hasSuffix("\\") { parts[0] = parts[0].dropLast() }
            // `[[ga4#history]]`, as Obsidian writes a link to a heading: the entry (headings
            // have no anchors here), as a `[x](ga4.md#history)` link is.
            let written = parts[0].trimmingSpaces
            let target = written.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0.trimmingSpaces } ?? written
            guard !target.isEmpty else {
                return .empty(.error(at, "empty wikilink '[[\(inner)]]' (write [[id]] or [[id|label]])"), j + 2)
            }
            let label = parts.count > 1 ? parts[1].trimmingSpaces : nil
            if label?.isEmpty == true {
                return .empty(.error(at, "empty label in '[[\(inner)]]' (write [[\(target)]], or a label after the '|')"), j + 2)
            }
            return .link(BodyLink(style: .wikilink, target: target, label: label, location: at), j + 2)
        }
        // `[@name](url)` and `[@name][ref]` are ordinary Markdown links; not when the bracket
        // after is a citation, a footnote (`[@a][@b]`, `[@a][^1]`) or an inline link of its
        // own (`[@a][text](url)`): those follow a citation.
        if j + 1 < chars.count, chars[j + 1] == UInt8(ascii: "(") { return nil }
        if j + 1 < chars.count, chars[j + 1] == UInt8(ascii: "["), !BodyLinkScanner.startsCitationOrLink(chars, at: j + 1) { return nil }
        let target = inner.trimmingSpaces
        guard !target.isEmpty else { return .empty(.error(at, "empty citation '[@\(inner)]' (write [@source-id])"), j + 1) }
        // Pandoc's `[@a; @b]`: one bracket a citation here.
        if target.contains(";") || target.contains("@") {
            return .empty(.error(at, "'[@\(inner)]' cites more than one source: write each in its own brackets, [@a] [@b]"), j + 1)
        }
        return .link(BodyLink(style: .citation, target: target, label: nil, location: at), j + 1)
    }

    /// `[label](other-entry.md)`, as an editor writes a link to another file: the entry
    /// whose file that is (ids are file names, unique across kinds), as `[[id|label]]`,
    /// whatever folder the path names; a `#part` after it is dropped. Only a plain relative
    /// path ending in `.md`, with no title, on one line; any other link is left to Markdown.
    private func fileLink(in chars: [UInt8], at i: Int, lines: [(line: Int, bytes: [UInt8])], lineOf: [Int32], lineStart: [Int]) -> Found? {
        var j = i + 1
        while j < chars.count, chars[j] != UInt8(ascii: "]"), chars[j] != UInt8(ascii: "["), chars[j] != 0x0A { j += 1 }
        guard j + 1 < chars.count, chars[j] == UInt8(ascii: "]"), chars[j + 1] == UInt8(ascii: "("), j > i + 1 else { return nil }
        var k = j + 2
        while k < chars.count, chars[k] != UInt8(ascii: ")"), chars[k] != 0x20, chars[k] != 0x0A, chars[k] != UInt8(ascii: "<") { k += 1 }
        guard k < chars.count, chars[k] == UInt8(ascii: ")") else { return nil }
        let url = String(decoding: chars[(j + 2)..<k], as: UTF8.self)
        let path = url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard path.hasSuffix(".md"), !path.hasPrefix("/"), !path.contains(":"), !path.contains("?") else { return nil }
        let stem = String(path.split(separator: "/").last?.dropLast(3) ?? "")
        guard !stem.isEmpty else { return nil }
        let label = String(decoding: chars[(i + 1)..<j], as: UTF8.self).trimmingSpaces
        let index = Int(lineOf[i])
        let column = chars[lineStart[index]..<i].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        let at = SourceLocation(path: self.path, line: lines[index].line, column: column)
        return .link(BodyLink(style: .wikilink, target: stem, label: label.isEmpty ? nil : label, location: at), k + 1)
    }

    /// Where the `]]` closing a wikilink whose text starts at `from` (after its `[[`) is, on
    /// one line; nil when none closes it there. Its label is inline Markdown: brackets in
    /// pairs are its text (`[[queue|the [beta] queue]]` was no link, in silence, published as
    /// written), and so is a code span (`` [[queue|the `]]` token]] ``); a bracket left open
    /// (`[[queue|a [b queue]]`) is text too, the first `]]` closing the link. The id before
    /// the `|` holds no bracket.
    static func wikilinkEnd<C: RandomAccessCollection<UInt8>>(_ chars: C, from start: C.Index) -> C.Index? {
        var (j, depth, label): (C.Index, Int, C.Index?) = (start, 0, nil)
        /// The index after a run of backticks starting at `i`, and its length.
        func run(_ i: C.Index) -> (C.Index, Int) {
            var (k, n) = (i, 0)
            while k != chars.endIndex, chars[k] == UInt8(ascii: "`") { (k, n) = (chars.index(after: k), n + 1) }
            return (k, n)
        }
        scan: while j != chars.endIndex, chars[j] != 0x0A {
            switch chars[j] {
            case UInt8(ascii: "`") where label != nil:
                // A code span's text is not read for brackets: to its closing run, if it has one.
                let (after, length) = run(j)
                var k = after
                while k != chars.endIndex, chars[k] != 0x0A {
                    guard chars[k] == UInt8(ascii: "`") else {
                        k = chars.index(after: k)
                        continue
                    }
                    let (next, n) = run(k)
                    if n == length { break }
                    k = next
                }
                j = k != chars.endIndex && chars[k] == UInt8(ascii: "`") ? run(k).0 : after
                continue scan
            case UInt8(ascii: "\\") where label != nil:
                // An escaped bracket in the label is text.
                j = chars.index(after: j)
                if j == chars.endIndex { return nil }
            case UInt8(ascii: "|") where label == nil: label = chars.index(after: j)
            case UInt8(ascii: "["):
                guard label != nil else { return nil }
                depth += 1
            case UInt8(ascii: "]"):
                if depth == 0 {
                    let next = chars.index(after: j)
                    if next != chars.endIndex, chars[next] == UInt8(ascii: "]") { return j }
                    break scan
                }
                depth -= 1
            default: break
            }
            j = chars.index(after: j)
        }
        // A bracket of the label left open: the first `]]` after the `|` closes the link.
        guard var k = label else { return nil }
        while k != chars.endIndex, chars[k] != 0x0A {
            let next = chars.index(after: k)
            if chars[k] == UInt8(ascii: "]"), next != chars.endIndex, chars[next] == UInt8(ascii: "]") { return k }
            k = next
        }
        return nil
    }

    /// Whether the bracket at `i` opens a citation (`[@`), a footnote reference (`[^`) or
    /// an inline link (`[text](`), rather than a reference link's label.
    private static func startsCitationOrLink(_ chars: [UInt8], at i: Int) -> Bool {
        guard i + 1 < chars.count else { return false }
        if chars[i + 1] == UInt8(ascii: "@") || chars[i + 1] == UInt8(ascii: "^") { return true }
        var j = i + 1
        while j < chars.count, chars[j] != UInt8(ascii: "]"), chars[j] != 0x0A { j += 1 }
        return j + 1 < chars.count && chars[j] == UInt8(ascii: "]") && chars[j + 1] == UInt8(ascii: "(")
    }

    private static func runLength(_ chars: [UInt8], from i: Int) -> Int {
        var n = 0
        while i + n < chars.count, chars[i + n] == UInt8(ascii: "`") { n += 1 }
        return n
    }

    /// The index just after a backtick run of exactly `length`, or nil.
    private static func closingRun(_ chars: [UInt8], length: Int, from start: Int) -> Int? {
        var i = start
        while i < chars.count {
            if chars[i] == UInt8(ascii: "`") {
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

    static func opensFence(_ line: [UInt8]) -> (UInt8, Int)? {
        let indent = line.prefix { $0 == 0x20 }.count
        guard indent <= 3, indent < line.count else { return nil }
        let first = line[indent]
        guard first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        let length = line[indent...].prefix { $0 == first }.count
        guard length >= 3 else { return nil }
        if first == UInt8(ascii: "`") && line[(indent + length)...].contains(UInt8(ascii: "`")) { return nil }
        return (first, length)
    }

    static func closesFence(_ line: [UInt8], _ open: (marker: UInt8, length: Int)) -> Bool {
        let indent = line.prefix { $0 == 0x20 }.count
        guard indent <= 3 else { return false }
        let length = line[indent...].prefix { $0 == open.marker }.count
        return length >= open.length && line[(indent + length)...].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

/// The mark left in a body's HTML where a wikilink or citation goes: two private-use
/// characters around a letter and an index, which Markdown passes through as text.
public enum Placeholder {
    static let open: Unicode.Scalar = "\u{E000}"
    static let close: Unicode.Scalar = "\u{E001}"

    public static func mark(_ style: BodyLink.Style, index: Int) -> String {
        "\(open)\(style == .wikilink ? "W" : "C")\(index)\(close)"
    }

    /// Authors cannot forge a placeholder: the two characters are replaced in input. So are
    /// the control characters HTML does not allow (`isControlHTMLRefuses`), which a body
    /// pasted from a terminal can hold: each becomes U+FFFD, one scalar for one, so that the
    /// columns the link and block scanners count (in scalars) stay the file's.
    static func defang(_ line: Substring) -> Substring {
        // U+E000 and U+E001 both start with the bytes EE 80; C1 controls with C2.
        let suspect = line.utf8.contains { $0 == 0xEE || $0 == 0xC2 || $0 == 0x7F || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0C && $0 != 0x0D) }
        guard suspect, line.unicodeScalars.contains(where: replaced) else { return line }
        return Substring(String(String.UnicodeScalarView(line.unicodeScalars.map { replaced($0) ? "\u{FFFD}" : $0 })))
    }

    private static func replaced(_ scalar: Unicode.Scalar) -> Bool {
        scalar == open || scalar == close || scalar.isControlHTMLRefuses
    }

    /// Replaces every link placeholder in `html` by what `replacement` returns for its
    /// link index.
    public static func substitute(in html: String, _ replacement: (Int) -> String) -> String {
        replaceMarks(in: html, letters: [UInt8(ascii: "W"), UInt8(ascii: "C")], unwrapping: false, replacement)
    }

    /// Replaces every live-block placeholder by what `replacement` returns for its block
    /// index, with the paragraph Markdown put around it.
    public static func substituteBlocks(in html: String, _ replacement: (Int) -> String) -> String {
        replaceMarks(in: html, letters: [UInt8(ascii: "B")], unwrapping: true, replacement)
    }

    static func blockMark(_ index: Int) -> String { "\(open)B\(index)\(close)" }

    private static func replaceMarks(in html: String, letters: Set<UInt8>, unwrapping: Bool, _ replacement: (Int) -> String) -> String {
        // U+E000 is EE 80 80 and U+E001 is EE 80 81 in UTF-8; the scan runs on bytes.
        let bytes = Array(html.utf8)
        guard var next = markStart(in: bytes, from: 0) else { return html }
        let paragraphOpen = Array("<p>".utf8)
        let paragraphClose = Array("</p>".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var copied = 0
        while true {
            var i = next + 4  // the mark and the style letter
            var index = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                index = index * 10 + Int(bytes[i] - 0x30)
                i += 1
            }
            guard next + 3 < bytes.count, i + 2 < bytes.count, bytes[i] == 0xEE, bytes[i + 1] == 0x80, bytes[i + 2] == 0x81 else { break }
            if letters.contains(bytes[next + 3]) {
                var start = next
                var end = i + 3
                if unwrapping, start >= copied + 3, Array(bytes[(start - 3)..<start]) == paragraphOpen,
                    end + 4 <= bytes.count, Array(bytes[end..<(end + 4)]) == paragraphClose
                {
                    start -= 3
                    end += 4
                }
                out.append(contentsOf: bytes[copied..<start])
                out.append(contentsOf: replacement(index).utf8)
                copied = end
            }
            guard let found = markStart(in: bytes, from: i + 3) else { break }
            next = found
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    private static func markStart(in bytes: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 2 < bytes.count {
            if bytes[i] == 0xEE, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { return i }
            i += 1
        }
        return nil
    }
}

extension Unicode.Scalar {
    /// A control character an HTML document may not hold: C0 but tab, line feed, form feed
    /// and carriage return; DEL; C1. The pages drop them (a body shows U+FFFD), their JSON
    /// escapes them; the Atom feeds drop C0 alone, as XML 1.0 allows the rest.
    public var isControlHTMLRefuses: Bool {
        switch value {
        case 0x00...0x08, 0x0B, 0x0E...0x1F, 0x7F...0x9F: true
        default: false
        }
    }
}
