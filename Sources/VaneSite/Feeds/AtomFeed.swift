import Foundation
import VaneContent

/// An Atom feed (RFC 4287) of events, newest first. Dates keep their precision in the
/// title; `updated` is the start of the event's period, as Atom needs a full timestamp.
struct AtomFeed {
    let model: SiteModel
    let title: String
    /// Where the feed is, relative to the site root, e.g. `feeds/events.atom`.
    let path: String
    let events: [Entry]

    /// The feed, with where each event's body is in it.
    var traced: TracedOutput {
        let base = model.kb.config.baseURL
        // Without a base URL, links are relative to where the feed file sits.
        let root = base.isEmpty ? String(repeating: "../", count: path.split(separator: "/").count - 1) : base
        // A feed with no entry yet was last changed, as far as the site knows, on its day.
        let newest = events.first?.date.map(AtomFeed.timestamp) ?? model.board.asOf.end + "T00:00:00Z"
        var out = AtomFeed.head(title: title, path: path, updated: newest, config: model.kb.config)
        var spans: [BodySpan] = []
        for event in events {
            let page = SiteModel.url(of: event)
            // The body as its page has it, its links relative to the page (a citation's
            // `#ref-1`, an image beside it): the content's `xml:base` is the page.
            let pageRoot = base.isEmpty ? String(repeating: "../", count: page.split(separator: "/").count - 1) : base
            let body = BodyHTML(event, model: model, root: pageRoot)
            out += "<entry>\n"
            out += "<title>\(XML.escape((event.date.map { FuzzyDate.display($0, to: event.endDate) + ": " } ?? "") + event.title))</title>\n"
            out += "<id>\(XML.escape(AtomFeed.id(for: page, base: base)))</id>\n"
            out += "<updated>\(event.date.map(AtomFeed.timestamp) ?? newest)</updated>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(root + page))\"/>\n"
            if let type = event.type { out += "<category term=\"\(XML.escape(type))\"/>\n" }
            out += "<content type=\"html\" xml:base=\"\(XML.escape(root + page))\">"
            let content = XML.escape(body.html)
            spans.append(BodySpan(entry: event.id, start: out.utf8.count, length: content.utf8.count, form: .xml, pieces: body.pieces))
            out += content + "</content>\n"
            out += "</entry>\n"
        }
        return TracedOutput(data: Data((out + "</feed>\n").utf8), spans: spans)
    }

    /// The feed's element and its own metadata, up to the first entry.
    static func head(title: String, path: String, updated: String, config: SiteConfig) -> String {
        let base = config.baseURL
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\"\(base.isEmpty ? "" : " xml:base=\"\(XML.escape(base))\"")>\n"
        out += "<title>\(XML.escape(title))</title>\n"
        out += "<id>\(XML.escape(AtomFeed.id(for: path, base: base)))</id>\n"
        out += "<updated>\(updated)</updated>\n"
        out += "<author><name>\(XML.escape(config.title))</name></author>\n"
        out += "<link rel=\"self\" href=\"\(XML.escape(base.isEmpty ? String(path.split(separator: "/").last!) : base + path))\"/>\n"
        return out + "<generator>Weathervane</generator>\n"
    }

    /// The page's address when the site's is known; otherwise a stable URN.
    static func id(for path: String, base: String) -> String {
        base.isEmpty ? "urn:weathervane:" + path.replacingOccurrences(of: "/", with: ":") : base + path
    }

    static func timestamp(_ date: FuzzyDate) -> String { date.start + "T00:00:00Z" }
}
