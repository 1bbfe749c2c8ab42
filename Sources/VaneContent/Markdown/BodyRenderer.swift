import VaneDiagnostics

/// A body as HTML with link placeholders, plus the links found in it (their labels
/// rendered as inline Markdown) and the links written empty.
struct BodyRenderer {
    var markdown: String
    var html: String
    var links: [BodyLink]
    var blocks: [LiveBlock]
    var problems: [Diagnostic]

    static func render(lines: [Substring], firstLine: Int, path: String, unsafeHTML: Bool) -> BodyRenderer {
        let original = lines.joined(separator: "\n")
        // Authors cannot forge a placeholder: the two characters are replaced in input.
        let defanged = lines.map(Placeholder.defang)
        let live = LiveBlockScanner.scan(lines: defanged, firstLine: firstLine, path: path)
        let scanned = BodyLinkScanner.scan(lines: live.lines, firstLine: firstLine, path: path)
        // `Content/events/2024/x.md` is the page `events/x.html`: its folder is `2024/`.
        let folder = MarkdownRenderer.folder(ofFile: path)
        // A link anywhere in another link or an image is text there (its label, or the id or
        // source named; in an address or a title, as written): no link, no edge.
        let (rendered, dropped, flattened) = MarkdownRenderer.render(scanned.markdown, unsafeHTML: unsafeHTML, folder: folder) { index in
            let link = scanned.links[index]
            let written = link.style == .citation ? "[@\(link.target)]" : "[[\(link.target)\(link.label.map { "|" + $0 } ?? "")]]"
            return (link.label ?? (link.style == .citation ? "@" : "") + link.target, written)
        }
        // cmark decides what is shown: a link in text it leaves out (an HTML block, dropped
        // when raw HTML is off) is no link, so it is no edge either.
        let (html, shown) = keepShown(scanned.links, in: rendered)
        let nested = Set(flattened).sorted().map { index -> Diagnostic in
            let link = scanned.links[index]
            let written = link.style == .citation ? "[@\(link.target)]" : "[[\(link.target)]]"
            return .warning(
                link.location, "\(written) is inside a link or an image (its text, address or title), where it cannot be a link: it is shown as text")
        }
        var links = shown
        for i in links.indices {
            if let label = links[i].label { links[i].labelHTML = MarkdownRenderer.inline(label) }
        }
        // The same target twice on a line: each at its own place (the second was said at the
        // first's, and so not at all).
        var seen: [String: Int] = [:]
        var said = Set<String>()
        let droppedProblems = dropped.compactMap { link -> Diagnostic? in
            let key = "\(link.line) \(link.url)"
            defer { seen[key, default: 0] += 1 }
            // A reference's target, used twice, is said once at its definition.
            guard let problem = droppedLink(link, lines: lines, firstLine: firstLine, path: path, occurrence: seen[key, default: 0]),
                said.insert("\(problem.location) \(problem.message)").inserted
            else { return nil }
            return problem
        }
        let comment = obsidianComment(lines: lines, original: original, firstLine: firstLine, path: path).map { [$0] } ?? []
        return BodyRenderer(
            markdown: original, html: html, links: links, blocks: live.blocks,
            problems: live.problems + scanned.problems + droppedProblems + nested + comment)
    }

    /// The first `%%` outside code: Obsidian's comment, which Markdown does not have, so the
    /// page publishes what its author meant to keep to themselves (a note to ask legal was
    /// published, page and search index alike).
    static func obsidianComment(lines: [Substring], original: String, firstLine: Int, path: String) -> Diagnostic? {
        guard original.contains("%%") else { return nil }
        let verbatim = MarkdownRenderer.verbatimLines(original)
        for (index, line) in lines.enumerated() where !verbatim.contains(index + 1) {
            guard let found = line.range(of: "%%") else { continue }
            // Not in a code span: an odd number of backticks before it on its line.
            guard line[..<found.lowerBound].filter({ $0 == "`" }).count % 2 == 0 else { continue }
            let column = line.unicodeScalars[..<found.lowerBound].count + 1
            return .warning(
                SourceLocation(path: path, line: firstLine + index, column: column),
                "'%%' is an Obsidian comment, which Markdown does not have: the page publishes the text up to the next '%%'; write <!-- … --> to keep a note off the page and out of search"
            )
        }
        return nil
    }

    /// A link the page shows as text: said where its target is written (the column cmark
    /// gives is the link's, in the body as scanned; the target is found in the line as written).
    /// Not one whose scheme only runs code (`javascript:`, `vbscript:`, `data:`): dropping it
    /// is the point, and no reader lost a link.
    /// `occurrence`: how many links to the same target cmark found before it on its line.
    static func droppedLink(
        _ link: MarkdownRenderer.DroppedLink, lines: [Substring], firstLine: Int, path: String, occurrence: Int = 0
    ) -> Diagnostic? {
        let scheme = link.url.trimmingSpaces.lowercased().filter { !$0.isWhitespace }
        if ["javascript:", "vbscript:", "data:"].contains(where: scheme.hasPrefix) { return nil }
        var index = link.line - 1
        var column = max(link.column, 1)
        var found = false
        if lines.indices.contains(index), !link.url.isEmpty {
            let line = lines[index]
            var (from, seen) = (line.startIndex, 0)
            // Where it is a link's target (after `(` or `<`, or a reference's `: `), not the
            // same text in prose.
            while let range = line.range(of: link.url, range: from..<line.endIndex) {
                defer { from = range.upperBound }
                let before = line[..<range.lowerBound]
                guard before.last == "(" || before.last == "<" || before.hasSuffix(": ") else { continue }
                column = line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1
                found = true
                if seen == occurrence { break }
                seen += 1
            }
        }
        // A reference link (`[us][r2]`): its target is written once, in its definition
        // (`[r2]: tel:…`), and said there once however often it is used.
        if !found, !link.url.isEmpty, let definition = definition(of: link.url, in: lines) {
            (index, column) = definition
        }
        let at = SourceLocation(path: path, line: firstLine + max(index, 0), column: column)
        if MarkdownRenderer.leavesWithoutScheme(link.url) {
            return .warning(at, "'\(link.url)' leaves the site without a scheme: the link is shown as its text (write it with https:)")
        }
        return .warning(at, "'\(link.url)' is not an http, https, mailto or relative link: the page shows it as text")
    }

    /// The line (0-based) and column of the reference definition whose target is `url`.
    static func definition(of url: String, in lines: [Substring]) -> (Int, Int)? {
        for (i, line) in lines.enumerated() {
            let text = line.drop { $0 == " " }
            guard text.first == "[", let close = text.range(of: "]:") else { continue }
            let rest = text[close.upperBound...].drop { $0 == " " || $0 == "\t" }
            let target = rest.first == "<" ? rest.dropFirst() : rest
            // The whole target (`tel:+1555` is not `tel:+15551234`'s definition).
            guard target.hasPrefix(url), target.dropFirst(url.count).first.map({ $0 == " " || $0 == "\t" || $0 == ">" }) ?? true else { continue }
            return (i, line.unicodeScalars.distance(from: line.startIndex, to: target.startIndex) + 1)
        }
        return nil
    }

    /// The links whose placeholder is in the rendered HTML, numbered again in order.
    private static func keepShown(_ links: [BodyLink], in html: String) -> (String, [BodyLink]) {
        var shown: [BodyLink] = []
        let renumbered = Placeholder.substitute(in: html) { index in
            shown.append(links[index])
            return Placeholder.mark(links[index].style, index: shown.count - 1)
        }
        return shown.count == links.count ? (html, links) : (renumbered, shown)
    }
}
