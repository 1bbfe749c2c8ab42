import VaneDiagnostics

/// A body as HTML with link placeholders, plus the links found in it.
struct BodyRenderer {
    var markdown: String
    var html: String
    var links: [BodyLink]

    static func render(lines: [Substring], firstLine: Int, path: String, unsafeHTML: Bool) -> BodyRenderer {
        let original = lines.joined(separator: "\n")
        let scanned = BodyLinkScanner.scan(lines: lines, firstLine: firstLine, path: path)
        let html = MarkdownRenderer.html(scanned.markdown, unsafeHTML: unsafeHTML)
        return BodyRenderer(markdown: original, html: html, links: scanned.links)
    }
}
