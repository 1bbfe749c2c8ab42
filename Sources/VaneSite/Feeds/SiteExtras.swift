import Foundation
import VaneContent

/// Everything besides the pages: Atom and iCalendar feeds (whole site and per entity),
/// the JSON API, `sitemap.xml` (when the base URL is known), `robots.txt`, and the
/// scripts with the search index and the timeline's entity names.
struct SiteExtras {
    let model: SiteModel

    /// Title, aliases and body text of every entry, for `assets/search.js`.
    var searchIndex: String {
        let entries = model.kb.entries.map { e -> [String: String] in
            ["t": e.title, "k": e.kind.rawValue, "u": SiteModel.url(of: e), "a": e.aliases.map(\.text).joined(separator: " "), "b": e.body]
        }
        return "window.VANE_SEARCH = \(ScriptJSON.encode(entries));\n"
    }

    /// Output path → bytes.
    func files(pages: [String]) -> [(String, Data)] {
        var files: [(String, Data)] = []
        let events = model.newestFirst(model.kb.entries(of: .event))
        let title = model.kb.config.title
        files.append(("feeds/events.atom", Data(AtomFeed(model: model, title: "\(title): events", path: "feeds/events.atom", events: events).xml.utf8)))
        files.append(("feeds/events.ics", Data(CalendarFeed(model: model, name: "\(title): events", events: events).text.utf8)))
        let api = GraphAPI(model: model)
        files.append(("api/v1/graph.json", api.graph))
        let rank = Dictionary(events.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for entity in model.kb.entries(of: .entity) {
            let tree = model.tree(of: entity.id)
            // Events reach an entity through its incoming `involves` edges: no scan of all events.
            let ids = Set(tree.flatMap { model.sources(to: $0, .involves) })
            let own = ids.compactMap { id in rank[id].map { (id, $0) } }.sorted { $0.1 < $1.1 }.map { events[$0.1] }
            let path = "feeds/entities/\(entity.id)"
            files.append((path + ".atom", Data(AtomFeed(model: model, title: "\(title): \(entity.title)", path: path + ".atom", events: own).xml.utf8)))
            files.append((path + ".ics", Data(CalendarFeed(model: model, name: "\(title): \(entity.title)", events: own).text.utf8)))
            files.append(("api/v1/entities/\(entity.id).json", api.entity(entity, tree: tree, events: own)))
        }
        let base = model.kb.config.baseURL
        var robots = "User-agent: *\nAllow: /\n"
        if !base.isEmpty {
            robots += "Sitemap: \(base)sitemap.xml\n"
            var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for page in pages.sorted() where page != "404.html" {
                xml += "<url><loc>\(XML.escape(base + (page == "index.html" ? "" : page)))</loc></url>\n"
            }
            files.append(("sitemap.xml", Data((xml + "</urlset>\n").utf8)))
        }
        files.append(("robots.txt", Data(robots.utf8)))
        files.append(("search-index.js", Data(searchIndex.utf8)))
        let names = Dictionary(model.kb.entries(of: .entity).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        files.append(("timeline-names.js", Data("window.VANE_ENTITY_NAMES = \(ScriptJSON.encode(names));\n".utf8)))
        return files
    }
}
