import Foundation
import VaneContent

/// Where an output file shows an entry's body, recorded while it was built, so that an edit
/// to that body alone can be written into the file without the site model: the one
/// dependency every other shortcut of a build needs the whole graph to see.
///
/// A span is exact or it is not recorded: an entry page's span is found by marks put
/// around the body while the page rendered, and kept only when the text between them is
/// the body as it was computed (a theme that escapes or reindents it leaves an `opaque`
/// span, and an edit to that body takes the full path).
public struct BodySpan: Sendable, Equatable, Codable {
    public enum Form: String, Sendable, Codable {
        /// The body's HTML as it is, its links filled in (an entry page).
        case html
        /// The same HTML, escaped as XML text (an Atom feed's `content`).
        case xml
        /// The body's Markdown text as a JSON string literal (a search shard).
        case json
        /// Shown in a way a splice cannot reproduce.
        case opaque
    }

    public var entry: String
    /// Byte offset and length in the output file.
    public var start: Int
    public var length: Int
    public var form: Form
    /// What each link placeholder of the body became, in the order they appear.
    public var pieces: [String]

    public init(entry: String, start: Int, length: Int, form: Form, pieces: [String] = []) {
        (self.entry, self.start, self.length, self.form, self.pieces) = (entry, start, length, form, pieces)
    }

    /// The bytes this span holds for an entry whose parse is `entry`; nil when the pieces
    /// do not fit its placeholders (its links changed) or the form cannot be reproduced.
    public func text(for entry: Entry) -> String? {
        switch form {
        case .json:
            var out = ""
            ScriptJSON.string(SiteExtras.searchBody(entry.body), into: &out)
            return out
        case .html, .xml:
            guard let html = BodySpan.assemble(entry.bodyHTML, pieces: pieces) else { return nil }
            return form == .html ? html : XML.escape(html)
        case .opaque:
            return nil
        }
    }

    /// The body's HTML with its placeholders replaced by `pieces`, in order; nil when their
    /// numbers differ or the body holds a `vane` block.
    static func assemble(_ bodyHTML: String, pieces: [String]) -> String? {
        var next = 0
        var fits = true
        let html = Placeholder.substitute(in: bodyHTML) { _ in
            guard next < pieces.count else {
                fits = false
                return ""
            }
            defer { next += 1 }
            return pieces[next]
        }
        var blocks = false
        _ = Placeholder.substituteBlocks(in: html) { _ in
            blocks = true
            return ""
        }
        return fits && next == pieces.count && !blocks ? html : nil
    }
}

/// What an output file is, with the body spans it holds.
struct TracedOutput {
    var data: Data
    var spans: [BodySpan]
}

/// The marks put around an entry's body while its page renders: private-use characters
/// (which the parser takes out of content) around a number drawn for this process. A
/// mark that passes through a template block's reindentation is flagged (`S` becomes
/// `s`), since the lines of the body within it moved: its span is opaque.
struct BodyMarks: Sendable {
    /// Drawn once per process: content cannot hold it.
    private static let nonce = String(UInt64.random(in: 1...UInt64.max), radix: 36)
    let open = "\u{E000}S\(BodyMarks.nonce)\u{E001}"
    let moved = "\u{E000}s\(BodyMarks.nonce)\u{E001}"
    let close = "\u{E000}E\(BodyMarks.nonce)\u{E001}"

    /// `text` with every opening mark of this process flagged as moved; anything else
    /// (content that merely looks like a mark) left as it is.
    static func flaggingMoved(_ text: String) -> String {
        guard text.utf8.contains(0xEE) else { return text }
        let marks = BodyMarks()
        let (open, moved) = (Array(marks.open.utf8), Array(marks.moved.utf8))
        var bytes = Array(text.utf8)
        var flagged = false
        var i = 0
        while i + open.count <= bytes.count {
            if bytes[i] == open[0] && bytes[i..<(i + open.count)].elementsEqual(open) {
                bytes.replaceSubrange(i..<(i + open.count), with: moved)
                flagged = true
                i += open.count
            } else {
                i += 1
            }
        }
        return flagged ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// The page without the marks, and the spans between them: `html` where the text is
    /// `body` itself, `opaque` where a template changed it. Bytes only: a page is scanned
    /// for the marks' first byte, never searched as a string.
    func extract(_ page: String, entry: String, body: BodyHTML) -> TracedOutput {
        let (open, moved, close) = (Array(self.open.utf8), Array(self.moved.utf8), Array(self.close.utf8))
        let expected = Array(body.html.utf8)
        var out: [UInt8] = []
        var spans: [BodySpan] = []
        var page = page
        page.withUTF8 { bytes in
            out.reserveCapacity(bytes.count)
            var copied = 0
            var i = 0
            while let start = BodyMarks.find(open, or: moved, in: bytes, from: i) {
                let inner = start.at + open.count
                guard let end = BodyMarks.find(close, or: close, in: bytes, from: inner) else { break }
                out.append(contentsOf: bytes[copied..<start.at])
                let text = bytes[inner..<end.at]
                let exact = !start.second && text.elementsEqual(expected)
                spans.append(
                    BodySpan(entry: entry, start: out.count, length: text.count, form: exact ? .html : .opaque, pieces: exact ? body.pieces : []))
                out.append(contentsOf: text)
                i = end.at + close.count
                copied = i
            }
            out.append(contentsOf: bytes[copied...])
        }
        return TracedOutput(data: Data(out), spans: spans)
    }

    /// Where `first` or `second` (of one length, both starting with U+E000) next starts.
    private static func find(_ first: [UInt8], or second: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> (at: Int, second: Bool)? {
        let lead = first[0]
        var i = from
        while i + first.count <= bytes.count {
            guard let hit = bytes[i...].firstIndex(of: lead) else { return nil }
            guard hit + first.count <= bytes.count else { return nil }
            let candidate = bytes[hit..<(hit + first.count)]
            if candidate.elementsEqual(first) { return (hit, false) }
            if candidate.elementsEqual(second) { return (hit, true) }
            i = hit + 1
        }
        return nil
    }
}

extension BodySpan {
    /// Replaces the spans of `edits` in `file`, each checked against the text it should
    /// hold now; returns the new bytes and the spans with their new offsets and lengths, or
    /// nil when a span does not hold what it should (the file was changed by hand, or the
    /// span is stale): then the edit takes the full path.
    public static func splice(_ file: Data, spans: [BodySpan], old: [String: Entry], new: [String: Entry]) -> (Data, [BodySpan])? {
        var bytes = [UInt8](file)
        var updated = spans.sorted { $0.start < $1.start }
        // From the end, so that earlier offsets hold while later text moves.
        for index in updated.indices.reversed() {
            let span = updated[index]
            guard let before = old[span.entry], let after = new[span.entry] else { continue }
            guard let was = span.text(for: before), let now = span.text(for: after), span.start + span.length <= bytes.count,
                bytes[span.start..<(span.start + span.length)].elementsEqual(was.utf8)
            else { return nil }
            bytes.replaceSubrange(span.start..<(span.start + span.length), with: Array(now.utf8))
            let delta = now.utf8.count - span.length
            updated[index].length += delta
            for later in (index + 1)..<updated.count { updated[later].start += delta }
        }
        return (Data(bytes), updated)
    }
}
