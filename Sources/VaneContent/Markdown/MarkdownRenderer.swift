import CCmarkGFM
import Foundation

/// GitHub Flavored Markdown to HTML through cmark-gfm, made safe for untrusted bodies.
///
/// cmark-gfm keeps process-global state (its extension registry and inline tables), so
/// every parse and render runs under one lock. A pool of parsers that are reused and
/// never freed is not enough: it still gave 77 wrong renders in 2,000 parallel ones
/// (`MarkdownTests.parallelRendersAreIdentical`).
public enum MarkdownRenderer {
    private static let lock = NSLock()
    private static let extensions = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Renders `markdown`. Unless `unsafeHTML` is set, raw HTML is dropped; in every
    /// case links and images whose target is not http, https, mailto or relative
    /// become their plain text. `folder` (`2024/`) is where the file sits below its kind's
    /// folder, while its page sits in the kind's folder itself: a relative link or image
    /// (`chart.png`, beside the file) is made relative to the page (`2024/chart.png`).
    public static func html(_ markdown: String, unsafeHTML: Bool = false, folder: String = "") -> String {
        render(markdown, unsafeHTML: unsafeHTML, folder: folder, linkText: nil).html
    }

    /// A link or image whose target was dropped (shown as its text), and where it starts
    /// (line and column from 1, in `markdown`).
    public struct DroppedLink: Equatable, Sendable {
        public var url: String
        public var line: Int
        public var column: Int
    }

    /// A body link where it cannot be a link: its text as shown (its label, or its id), and
    /// as written (`[[id|label]]`), for an address, a title or a bare URL.
    public typealias FlatLink = (shown: String, written: String)

    /// As `html`, with the links and images it dropped. `linkText`: what a body link's
    /// placeholder (`Placeholder.mark`) stands for where it cannot be a link, anywhere in
    /// another link or image (its text, address or title: nested links, markup in an `alt`
    /// or a `title`, a placeholder in an `href`); those placeholders are replaced by it, and
    /// their indices returned. It runs under the renderer's lock: it must not render.
    public static func render(
        _ markdown: String, unsafeHTML: Bool = false, folder: String = "", linkText: ((Int) -> FlatLink)? = nil
    ) -> (html: String, dropped: [DroppedLink], flattened: [Int]) {
        lock.lock()
        defer { lock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_FOOTNOTES | (unsafeHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT)
        guard let parser = cmark_parser_new(options) else { return ("", [], []) }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser) else { return ("", [], []) }
        defer { cmark_node_free(document) }
        let dropped = sanitize(document, dropHTML: !unsafeHTML, folder: folder)
        let flattened = linkText.map { flattenLinks(in: document, $0) } ?? []
        guard let rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return ("", dropped, flattened) }
        defer { free(rendered) }
        return (String(cString: rendered), dropped, flattened)
    }

    /// Body link placeholders anywhere in a link or an image, replaced by their text: a
    /// link there would be an `<a>` inside an `<a>`, markup inside an `alt` or a `title`,
    /// or a placeholder in an `href`. In an address or a title, and in a bare URL's text
    /// (its text is its address), the link is put back as written.
    private static func flattenLinks(in document: OpaquePointer, _ text: (Int) -> FlatLink) -> [Int] {
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        func marked(_ value: UnsafePointer<CChar>?) -> String? {
            guard let value, strstr(value, "\u{E000}") != nil else { return nil }
            return String(cString: value)
        }
        var (depth, texts, links) = (0, [(node: OpaquePointer, asWritten: Bool)](), [OpaquePointer]())
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                depth += event == CMARK_EVENT_ENTER ? 1 : -1
                if event == CMARK_EVENT_ENTER, marked(cmark_node_get_url(node)) != nil || marked(cmark_node_get_title(node)) != nil {
                    links.append(node)
                }
            } else if type == CMARK_NODE_TEXT, depth > 0, event == CMARK_EVENT_ENTER, let literal = marked(cmark_node_get_literal(node)) {
                // A bare URL (`https://…/[[a]]`): its text is its address.
                let url = cmark_node_parent(node).flatMap { cmark_node_get_url($0) }.map { String(cString: $0) }
                texts.append((node, url == literal))
            }
        }
        var flattened: [Int] = []
        func plain(_ value: String, asWritten: Bool) -> String {
            Placeholder.substitute(in: value) { index in
                flattened.append(index)
                return asWritten ? text(index).written : text(index).shown
            }
        }
        for (node, asWritten) in texts {
            _ = cmark_node_set_literal(node, plain(String(cString: cmark_node_get_literal(node)), asWritten: asWritten))
        }
        for node in links {
            if let url = marked(cmark_node_get_url(node)) { _ = cmark_node_set_url(node, plain(url, asWritten: true)) }
            if let title = marked(cmark_node_get_title(node)) { _ = cmark_node_set_title(node, plain(title, asWritten: true)) }
        }
        return flattened
    }

    /// The text of `markdown` without its HTML (blocks, inline tags and comments, which its
    /// page leaves out), as cmark parses it: what search reads of a body that holds some. Its
    /// other text is as written (`[[links]]` and `[@citations]` are text to cmark), its
    /// blocks on lines of their own.
    static func textWithoutHTML(_ markdown: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return markdown }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser), let iterator = cmark_iter_new(document) else { return markdown }
        defer {
            cmark_iter_free(iterator)
            cmark_node_free(document)
        }
        var out = ""
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER {
                switch type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                    out += cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += "\n"
                default: break
                }
            } else if cmark_node_first_child(node) != nil || type == CMARK_NODE_CODE_BLOCK {
                // A block ends its line (a table's cells are apart too).
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_CODE_BLOCK { out += "\n" }
                switch cmark_node_get_type_string(node).map({ String(cString: $0) }) {
                case "table_cell": out += " "
                case "table_row": out += "\n"
                default: break
                }
            }
        }
        return out
    }

    /// The lines (from 1) of `markdown` inside a code block or an HTML block, at any depth
    /// (block quotes, list items), as cmark parses it with the renderer's extensions.
    static func verbatimLines(_ markdown: String) -> Set<Int> {
        lock.lock()
        defer { lock.unlock() }
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return [] }
        defer { cmark_parser_free(parser) }
        for name in extensions {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let document = cmark_parser_finish(parser), let iterator = cmark_iter_new(document) else { return [] }
        defer {
            cmark_iter_free(iterator)
            cmark_node_free(document)
        }
        var lines: Set<Int> = []
        // Split only when a fence needs its closing line read: most bodies have none.
        var split: [Substring]?
        func sourceLines() -> [Substring] {
            if let split { return split }
            split = markdown.split(separator: "\n", omittingEmptySubsequences: false)
            return split!
        }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK else { continue }
            let first = Int(cmark_node_get_start_line(node))
            var last = Int(cmark_node_get_end_line(node))
            // A fence a block quote or a list item leaves open ends with its container: cmark
            // gives the line that ended it (a paragraph, `[[link]]` and all) as its last.
            var (length, offset, character): (Int32, Int32, CChar) = (0, 0, 0)
            if type == CMARK_NODE_CODE_BLOCK, cmark_node_get_fenced(node, &length, &offset, &character) != 0, last > first,
                !closesFence(sourceLines(), line: last, character: character, length: Int(length))
            {
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                last = first + literal.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            }
            if first > 0, last >= first { lines.formUnion(first...last) }
        }
        return lines
    }

    /// Whether line `line` (1-based) of the source is a closing fence of `length` or more
    /// `character`s, after the markers of the containers it is in (`>`, spaces).
    private static func closesFence(_ lines: [Substring], line: Int, character: CChar, length: Int) -> Bool {
        guard line >= 1, line <= lines.count, character != 0 else { return true }
        let fence = Character(UnicodeScalar(UInt8(bitPattern: character)))
        let text = lines[line - 1].drop { $0 == " " || $0 == ">" || $0 == "\t" }
        let run = text.prefix { $0 == fence }.count
        return run >= max(3, length) && text.dropFirst(run).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// A short text (a link's label) as inline Markdown: its HTML without the paragraph
    /// around it, or nil when it holds no Markdown (it is then shown as text). Links in it
    /// are dropped, as a label sits inside a link already.
    public static func inline(_ text: String) -> String? {
        guard text.contains(where: { "*_`~\\[<&".contains($0) }) else { return nil }
        let html = MarkdownRenderer.html(text)
        guard html.hasPrefix("<p>"), html.hasSuffix("</p>\n"), html.components(separatedBy: "<p>").count == 2 else { return nil }
        var inner = String(html.dropFirst(3).dropLast(5))
        inner = inner.replacingOccurrences(of: "<a [^>]*>|</a>", with: "", options: .regularExpression)
        return inner
    }

    /// Whether a link target may appear in output.
    public static func isAllowedTarget(_ url: String) -> Bool {
        let trimmed = url.trimmingSpaces
        if leavesWithoutScheme(trimmed) { return false }
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        let beforeColon = trimmed[..<colon]
        // A colon after a '/', '?' or '#' belongs to a relative path, not a scheme.
        if beforeColon.contains(where: { "/?#".contains($0) }) { return true }
        return ["http", "https", "mailto"].contains(beforeColon.lowercased())
    }

    // MARK: - Tree surgery

    /// Whether a target names another host with no scheme: `//host/x`, and `/\host` or
    /// `\\host`, which browsers read alike.
    public static func leavesWithoutScheme(_ url: String) -> Bool {
        let start = url.trimmingSpaces.prefix(2)
        return start.count == 2 && start.allSatisfy { $0 == "/" || $0 == "\\" }
    }

    /// Where a file sits below its kind's folder (`Content/events/2024/x.md` → `2024/`),
    /// whose page sits in the kind's folder itself; empty for a file directly in it.
    public static func folder(ofFile path: String) -> String {
        let parts = path.split(separator: "/")
        return parts.count > 3 ? parts[2..<(parts.count - 1)].joined(separator: "/") + "/" : ""
    }

    /// A relative target as its file wrote it: the renderer made a file's relative to the
    /// page (`chart.png` in `2024/` is `2024/chart.png`), and left a page's (`…/x.html`) as written.
    public static func asWritten(_ url: String, folder: String) -> String {
        guard !folder.isEmpty, url.hasPrefix(folder) else { return url }
        let rest = String(url.dropFirst(folder.count))
        return isPage(rest) ? url : rest
    }

    /// Whether a relative target names a page (`../entities/x.html#a`), not a file beside it.
    static func isPage(_ url: String) -> Bool { (url.split(whereSeparator: { $0 == "#" || $0 == "?" }).first ?? "").hasSuffix(".html") }

    /// Whether a target is a path relative to the page (not `/…`, `//…`, `#…`, `?…`, a scheme).
    static func isRelativePath(_ url: String) -> Bool {
        guard let first = url.first, !"/#?".contains(first) else { return false }
        let colon = url.firstIndex(of: ":")
        return colon.map { url[..<$0].contains(where: { "/?#".contains($0) }) } ?? true
    }

    private static func sanitize(_ document: OpaquePointer, dropHTML: Bool, folder: String) -> [DroppedLink] {
        var dropped: [DroppedLink] = []
        var unwrap: [OpaquePointer] = []
        var remove: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return [] }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if !isAllowedTarget(url) {
                    unwrap.append(node)
                    dropped.append(DroppedLink(url: url, line: Int(cmark_node_get_start_line(node)), column: Int(cmark_node_get_start_column(node))))
                } else if !folder.isEmpty, isRelativePath(url), !isPage(url) {
                    // A file beside it (an image, a PDF); a page (`../entities/x.html`) is
                    // written as the site has it, relative to the page.
                    _ = cmark_node_set_url(node, folder + url)
                }
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if dropHTML { remove.append(node) }
            default:
                break
            }
        }
        cmark_iter_free(iterator)
        for node in unwrap {
            // Keep the link text (an image's alt text) where the link was.
            while let child = cmark_node_first_child(node) {
                cmark_node_insert_before(node, child)
            }
            cmark_node_free(node)
        }
        for node in remove { cmark_node_free(node) }
        return dropped
    }
}
