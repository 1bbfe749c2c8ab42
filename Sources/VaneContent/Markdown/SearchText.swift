/// The words of a body as its page shows them, for full-text search (`vane query --text`,
/// the graph's `entries_fts`, and the site's search, whose `search.js` reads the same way):
/// a citation (`[@id]`) is no word of the text, a link is its label (`[[id|label]]`,
/// `[text](url)`, `![alt](src)`), and a link without one its target's id (`[[id]]`: the
/// id alone, so the text follows the entry itself, not the title of what it links to).
/// HTML is no word of the text either: raw HTML is left out of pages (a comment, an author's
/// note to self, was published in the site's search index and found by it).
public enum SearchText {
    public static func visible(_ markdown: String) -> String {
        let bytes = Array(shown(markdown).utf8)
        guard bytes.contains(UInt8(ascii: "[")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if let next = citation(bytes, at: i) ?? wikiLink(bytes, at: i, into: &out) ?? markdownLink(bytes, at: i, into: &out) {
                i = next
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let open = UInt8(ascii: "["), close = UInt8(ascii: "]")

    /// Where `[@…]` starting at `i` ends.
    private static func citation(_ b: [UInt8], at i: Int) -> Int? {
        guard b[i] == open, i + 1 < b.count, b[i + 1] == UInt8(ascii: "@"), let end = b[(i + 2)...].firstIndex(of: close) else { return nil }
        return end + 1
    }

    /// `[[target|label]]` as its label, `[[target]]` as its target: where it ends.
    private static func wikiLink(_ b: [UInt8], at i: Int, into out: inout [UInt8]) -> Int? {
        guard b[i] == open, i + 1 < b.count, b[i + 1] == open else { return nil }
        guard let end = BodyLinkScanner.wikilinkEnd(b, from: i + 2) else { return nil }
        let inside = b[(i + 2)..<end]
        out += inside.firstIndex(of: UInt8(ascii: "|")).map { inside[($0 + 1)...] } ?? inside
        return end + 2
    }

    /// `[text](url)` and `![alt](src)` as their text: where they end.
    private static func markdownLink(_ b: [UInt8], at i: Int, into out: inout [UInt8]) -> Int? {
        let start = b[i] == UInt8(ascii: "!") && i + 1 < b.count && b[i + 1] == open ? i + 1 : i
        guard b[start] == open, let end = b[(start + 1)...].firstIndex(of: close), end + 1 < b.count, b[end + 1] == UInt8(ascii: "("),
            let closing = b[(end + 2)...].firstIndex(of: UInt8(ascii: ")"))
        else { return nil }
        out += b[(start + 1)..<end]
        return closing + 1
    }

    /// The body as search shows it (the site's index holds this): without the HTML its page
    /// leaves out (blocks, tags, comments), and a character escaped (`\*`, `\[`) as the page
    /// shows it, not with its backslash. A body with neither `<` nor `\` is as written.
    public static func shown(_ markdown: String) -> String {
        guard markdown.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "\\") }) else { return markdown }
        return MarkdownRenderer.textWithoutHTML(markdown)
    }
}
