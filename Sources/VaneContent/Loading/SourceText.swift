import Foundation
import VaneDiagnostics

/// A file's text split into front matter and body, with the line numbers of each.
///
/// Decoding is strict (valid UTF-8, no NUL bytes); a byte-order mark and CRLF line
/// endings are accepted and removed, neither of which moves a line or column.
struct SourceText {
    /// Lines of the YAML between the `---` lines.
    var frontMatter: String
    /// File line number of the first front-matter line, minus one: YAML line n is file line n + offset.
    var frontMatterLineOffset: Int
    var bodyLines: [Substring]
    /// File line number of the first body line.
    var bodyFirstLine: Int

    enum Failure: Error {
        case problem(line: Int, column: Int, message: String)
    }

    static func split(_ data: Data) throws(Failure) -> SourceText {
        if data.isEmpty {
            throw .problem(line: 1, column: 1, message: "empty file (expected front matter between '---' lines)")
        }
        var text = try decoded(data)
        if data.withUnsafeBytes({ Self.offset(of: 0x0D, in: $0) }) != nil {
            // Classic Mac OS ends lines with CR alone: the file read as one line.
            if !text.contains("\n") {
                throw .problem(
                    line: 1, column: 1, message: "the lines end with a carriage return alone (classic Mac OS): save the file with LF line endings")
            }
            text = text.replacingOccurrences(of: "\r\n", with: "\n")
        }

        let lines = text.lines
        guard isFence(lines[0]) else {
            // A fence one character off is said as such, where it is.
            if nearFence(lines[0]) {
                throw .problem(line: 1, column: 1, message: "'\(lines[0])' is not a '---' line: the front matter opens with '---' alone, at column 1")
            }
            // Blank lines above it (an editor's, a template's): the fence is there, too late.
            if let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }), first > 0, isFence(lines[first]) {
                throw .problem(
                    line: 1, column: 1,
                    message: "the front matter's '---' must be the file's first line: it is on line \(first + 1) (remove the blank lines above it)")
            }
            throw .problem(line: 1, column: 1, message: "missing front matter (the file must start with a '---' line)")
        }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) || lines[$0] == "..." }) else {
            if let near = lines.indices.dropFirst().first(where: { nearFence(lines[$0]) }) {
                throw .problem(
                    line: near + 1, column: 1,
                    message:
                        "unclosed front matter: '\(lines[near])' is not a '---' line (the front matter closes with '---' alone, at column 1\(dashHint(lines[near])))"
                )
            }
            throw .problem(line: 1, column: 1, message: "unclosed front matter (no closing '---' line)")
        }
        return SourceText(
            frontMatter: lines[1..<close].joined(separator: "\n"),
            frontMatterLineOffset: 1,
            bodyLines: Array(lines[(close + 1)...]),
            bodyFirstLine: close + 2)
    }

    /// A line that is most likely a fence mistyped: dashes alone (three or more, or two),
    /// `---` after spaces or before a comment (`--- # end`), or an editor's smart dash (`—`).
    private static func nearFence(_ line: Substring) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.count >= 2 && trimmed.count <= 5 && trimmed.allSatisfy({ $0 == "-" }) { return true }
        if trimmed.hasPrefix("--- ") || trimmed.hasPrefix("---#") { return true }
        return !trimmed.isEmpty && trimmed.count <= 3 && trimmed.allSatisfy { "-\u{2014}\u{2013}\u{2012}\u{2010}".contains($0) }
    }

    /// Why a near fence is not one, when it is not plain from the line.
    private static func dashHint(_ line: Substring) -> String {
        if line.contains(where: { "\u{2014}\u{2013}\u{2012}\u{2010}".contains($0) }) {
            return ": this is a typographic dash, which an editor may make of '---'"
        }
        return line.contains("#") ? ": a comment after it is not allowed" : ""
    }

    /// A file's text, strictly: UTF-8 without NUL bytes, its byte-order mark dropped; UTF-16
    /// and UTF-32 named. Entries and the theme's templates are read alike (a template saved
    /// as UTF-16 was published as its own source, NULs and all).
    static func decoded(_ data: Data) throws(Failure) -> String {
        if let encoding = wideEncoding(data) {
            throw .problem(line: 1, column: 1, message: "file is \(encoding) text, not UTF-8 (save it as UTF-8)")
        }
        if let nul = data.withUnsafeBytes({ Self.offset(of: 0, in: $0) }) {
            let (line, column) = position(ofByte: nul, in: data)
            throw .problem(line: line, column: column, message: "file contains a NUL byte")
        }
        guard var text = String(validatingUTF8Data: data) else {
            let offset = firstInvalidUTF8(data) ?? 0
            let (line, column) = position(ofByte: offset, in: data)
            let byte = String(data[data.startIndex + offset], radix: 16, uppercase: true)
            throw .problem(
                line: line, column: column,
                message:
                    "file is not valid UTF-8 (the byte 0x\(byte.count == 1 ? "0" : "")\(byte) here is no character: save the file as UTF-8; it may be Latin-1 or Windows-1252)"
            )
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    /// UTF-16 or UTF-32, by its byte-order mark or by the NUL bytes ASCII has in it (an
    /// editor's "Unicode" is UTF-16): said as such, where it read as a NUL byte at 1:2.
    private static func wideEncoding(_ data: Data) -> String? {
        let b = Array(data.prefix(4))
        if b.starts(with: [0xFF, 0xFE, 0, 0]) { return "UTF-32 (little-endian)" }
        if b.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
        if b.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
        if b.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
        guard b.count == 4 else { return nil }
        // Without a mark: an ASCII character, as `---` starts a file, is one byte and three NULs.
        if b[0] != 0, b[1] == 0, b[2] == 0, b[3] == 0 { return "UTF-32 (little-endian)" }
        if b[0] == 0, b[1] == 0, b[2] == 0, b[3] != 0 { return "UTF-32 (big-endian)" }
        if b[0] != 0, b[1] == 0, b[2] != 0, b[3] == 0 { return "UTF-16 (little-endian)" }
        if b[0] == 0, b[1] != 0, b[2] == 0, b[3] != 0 { return "UTF-16 (big-endian)" }
        return nil
    }

    /// The offset of the first byte that starts no valid UTF-8 sequence (only when the
    /// file failed to decode).
    private static func firstInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            var bytes = raw.bindMemory(to: UInt8.self).makeIterator()
            var parser = Unicode.UTF8.ForwardParser()
            var offset = 0
            while true {
                switch parser.parseScalar(from: &bytes) {
                case .valid(let scalar): offset += scalar.count
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }
    }

    /// Where `byte` first is in `bytes` (`memchr`: the generic search went a byte at a time).
    private static func offset(of byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress, let found = memchr(base, Int32(byte), bytes.count) else { return nil }
        return UnsafeRawPointer(found) - base
    }

    private static func isFence(_ line: Substring) -> Bool {
        let bytes = line.utf8
        return bytes.starts(with: "---".utf8) && bytes.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Line and column (in scalars) of a byte offset, for problems found before decoding.
    private static func position(ofByte offset: Int, in data: Data) -> (Int, Int) {
        let before = data.prefix(offset)
        let line = before.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? data.startIndex
        let column = String(decoding: data[lineStart..<(data.startIndex + offset)], as: UTF8.self).unicodeScalars.count + 1
        return (line, column)
    }
}

extension String {
    /// Decodes UTF-8, refusing invalid sequences instead of repairing them.
    init?(validatingUTF8Data data: Data) {
        // Through the bytes in place: the generic `Sequence` path copies them one by one.
        guard let s = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) else { return nil }
        self = s
    }

    /// Split on the byte, not on Characters: faster, and "\r" stays its own scalar. Every
    /// line, the last one too when it is empty (as `split` omitting nothing gives).
    var lines: [Substring] {
        var text = self
        text.makeContiguousUTF8()
        // The newlines are found inside the closure, in its own variables: variables it
        // captured and changed were checked for exclusive access at every byte.
        let newlines =
            text.utf8.withContiguousStorageIfAvailable { bytes -> [Int] in
                var found: [Int] = []
                for i in bytes.indices where bytes[i] == 0x0A { found.append(i) }
                return found
            } ?? []
        let utf8 = text.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(newlines.count + 1)
        var start = utf8.startIndex
        for nl in newlines {
            let end = utf8.index(utf8.startIndex, offsetBy: nl)
            lines.append(text[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(text[start...])
        return lines
    }
}

/// A text file of the knowledge base other than an entry (a theme's template), read as
/// strictly as entries are: its text, or the error at `path` that says why it has none.
public enum TextFile {
    public static func read(_ data: Data, path: String) -> (text: String?, problem: Diagnostic?) {
        do {
            return (try SourceText.decoded(data), nil)
        } catch {
            guard case .problem(let line, let column, let message) = error else { return (nil, nil) }
            return (nil, .error(SourceLocation(path: path, line: line, column: column), message))
        }
    }
}
