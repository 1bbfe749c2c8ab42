import Foundation
import VaneContent

/// One page to render: where it goes, with which template, for which entry.
struct PageSpec: Sendable {
    enum Content: Sendable {
        case home, timeline, entities, claims, sources
        case status(vendor: String?)
        case notFound, search
        case entry(String)
    }
    var path: String
    var template: String
    var content: Content
}

extension PageSpec.Content {
    var isNotFound: Bool { if case .notFound = self { true } else { false } }
}

/// Template contexts, one function per page type. Contexts are plain dictionaries:
/// swift-mustache reads them several times faster than structs.
extension SiteModel {
    func pages() -> [PageSpec] {
        var pages: [PageSpec] = [
            PageSpec(path: "index.html", template: "index", content: .home),
            PageSpec(path: "timeline.html", template: "timeline", content: .timeline),
            PageSpec(path: "entities.html", template: "entities", content: .entities),
            PageSpec(path: "claims.html", template: "claims", content: .claims),
            PageSpec(path: "sources.html", template: "sources", content: .sources),
            PageSpec(path: "status.html", template: "status", content: .status(vendor: nil)),
            PageSpec(path: "404.html", template: "404", content: .notFound),
            PageSpec(path: "search.html", template: "search", content: .search),
        ]
        for vendor in vendors {
            pages.append(PageSpec(path: "status/\(vendor).html", template: "status", content: .status(vendor: vendor)))
        }
        for e in kb.entries {
            pages.append(PageSpec(path: SiteModel.url(of: e), template: e.kind.rawValue, content: .entry(e.id)))
        }
        return pages
    }

    func context(for page: PageSpec) -> [String: Any] {
        // A 404 page is served at any address, so its links are absolute when they can be.
        let root = page.content.isNotFound ? kb.config.baseURL : page.path.contains("/") ? "../" : ""
        var context: [String: Any]
        switch page.content {
        case .home: context = home()
        case .timeline: context = timeline()
        case .entities: context = entityIndex()
        case .claims: context = claimLedger()
        case .sources: context = bibliography()
        case .status(let vendor): context = statusPage(vendor: vendor)
        case .notFound: context = ["pageTitle": "Page not found"]
        case .search: context = ["pageTitle": "Search", "searchShards": Array(0..<SiteExtras.searchShards)]
        case .entry(let id): context = entry(kb.entry(id)!, root: root)
        }
        context["root"] = root
        context["site"] = ["title": kb.config.title, "description": kb.config.description]
        context["description"] = context["description"] ?? kb.config.description
        context["counts"] = counts
        if !kb.config.baseURL.isEmpty {
            context["canonical"] = kb.config.baseURL + (page.path == "index.html" ? "" : page.path)
        }
        context["feeds"] = feeds(for: page, root: root)
        context["ogType"] = { if case .entry = page.content { return "article" } else { return "website" } }()
        return context
    }

    /// The feeds a page offers (`<link rel="alternate">`): the site's on the home page
    /// and the timeline, an entity's own on its page.
    private func feeds(for page: PageSpec, root: String) -> [[String: String]] {
        let base: String
        switch page.content {
        case .home, .timeline: base = "feeds/events"
        case .entry(let id) where kb.entry(id)?.kind == .entity: base = "feeds/entities/\(id)"
        default: return []
        }
        let webcal =
            kb.config.baseURL.isEmpty
            ? nil
            : kb.config.baseURL.replacingOccurrences(of: "https://", with: "webcal://").replacingOccurrences(of: "http://", with: "webcal://") + base
                + ".ics"
        return [
            ["type": "application/atom+xml", "title": "Events (Atom)", "href": root + base + ".atom"],
            ["type": "text/calendar", "title": "Events (iCalendar)", "href": webcal ?? root + base + ".ics"],
        ]
    }

    /// schema.org JSON-LD for an event, safe inside `<script>`: `<`, `>` and `&` are
    /// written as JSON escapes, so content can never close the element.
    static func jsonLD(for e: Entry, url: String?) -> String {
        // ISO 8601 at the precision written; a quarter has no ISO form, so its year stands.
        func iso(_ d: FuzzyDate) -> String {
            d.precision == .quarter ? String(d.text.drop { $0 == "~" }.prefix(4)) : String(d.text.drop { $0 == "~" })
        }
        var object: [String: Any] = ["@context": "https://schema.org", "@type": "Event", "name": e.title]
        if let d = e.date { object["startDate"] = iso(d) }
        if let d = e.endDate { object["endDate"] = iso(d) }
        if let url { object["url"] = url }
        if let type = e.type { object["keywords"] = type }
        let json = ScriptJSON.encode(object)
        return "<script type=\"application/ld+json\">\(json)</script>\n"
    }

    // MARK: - Lists

    private func home() -> [String: Any] {
        let latest = newestFirst(kb.entries(of: .event)).prefix(10)
        var context: [String: Any] = ["pageTitle": "Home", "events": latest.map(eventSummary)]
        context["riskSummary"] = riskSummary(limit: 5)
        context["endsSummary"] = endsBoard(rows: board.rows)
        return context
    }

    private func timeline() -> [String: Any] {
        let events = newestFirst(kb.entries(of: .event))
        var years: [[String: Any]] = []
        var current: (year: Int, events: [[String: Any]])?
        for e in events {
            let year = e.date?.year ?? 0
            if current?.year != year {
                if let c = current { years.append(["year": c.year, "events": c.events]) }
                current = (year, [])
            }
            current!.events.append(eventSummary(e))
        }
        if let c = current { years.append(["year": c.year, "events": c.events]) }
        return ["pageTitle": "Timeline", "years": years]
    }

    private func entityIndex() -> [String: Any] {
        let byType = Dictionary(grouping: kb.entries(of: .entity), by: { $0.type ?? "other" })
        let order = kb.config.entityTypes
        let groups = byType.keys.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }.map { type in
            [
                "type": type, "label": type.replacingOccurrences(of: "-", with: " ").capitalized,
                "items": links(byType[type]!.sorted { $0.title.lowercased() < $1.title.lowercased() }.map(\.id)),
            ] as [String: Any]
        }
        return ["pageTitle": "Entities", "groups": groups]
    }

    private func claimLedger() -> [String: Any] {
        let claims = kb.entries(of: .claim).sorted(by: Entry.chronological)
        func row(_ c: Entry) -> [String: Any] {
            var value: [String: Any] = [
                "title": c.title, "url": SiteModel.url(of: c), "type": c.type ?? "", "verdict": c.verdict ?? "pending",
            ]
            if let d = c.date { value["date"] = SiteModel.date(d) }
            if let claimant = targets(of: c.id, .claimedBy).first { value["claimant"] = link(claimant) }
            return value
        }
        let commitments = claims.filter { $0.type == "commitment" }
        let others = claims.filter { $0.type != "commitment" }
        var groups: [[String: Any]] = []
        if !commitments.isEmpty { groups.append(["key": "commitments", "label": "Commitments", "claims": commitments.map(row)]) }
        if !others.isEmpty { groups.append(["key": "other", "label": "Other claims", "claims": others.map(row)]) }
        return ["pageTitle": "Claims ledger", "groups": groups]
    }

    private func bibliography() -> [String: Any] {
        let sources = kb.entries(of: .source).sorted {
            ($0.publisher?.text.lowercased() ?? "", $0.title.lowercased()) < ($1.publisher?.text.lowercased() ?? "", $1.title.lowercased())
        }
        let items = sources.map { s -> [String: Any] in
            var value: [String: Any] = [
                "title": s.title, "url": SiteModel.url(of: s), "publisher": publisherName(s),
                "address": s.url ?? "", "host": s.url.flatMap { URL(string: $0)?.host } ?? "",
                "citedCount": self.sources(to: s.id, .cites, .verdictSource).count,
            ]
            if let d = s.date { value["published"] = SiteModel.date(d) }
            return value
        }
        return ["pageTitle": "Sources", "sources": items]
    }

    func publisherName(_ source: Entry) -> String {
        guard let publisher = source.publisher else { return "" }
        return targets(of: source.id, .publishedBy).first.flatMap { kb.entry($0)?.title } ?? publisher.text
    }

    // MARK: - Entries

    private func entry(_ e: Entry, root: String) -> [String: Any] {
        let body = BodyHTML(e, model: self, root: root)
        var context: [String: Any] = [
            "pageTitle": e.title, "title": e.title, "id": e.id, "body": body.html,
            "description": "\(e.title) (\(e.kind.rawValue))",
        ]
        if !body.references.isEmpty { context["references"] = ["items": body.references] }
        if let type = e.type { context["type"] = type }
        if !e.tags.isEmpty { context["tags"] = e.tags.joined(separator: ", ") }
        if let d = e.date { context["date"] = SiteModel.date(d) }
        context["mentionedBy"] = section(sources(to: e.id, .mentions))
        switch e.kind {
        case .entity: addEntity(e, to: &context)
        case .event: addEvent(e, to: &context)
        case .claim: addClaim(e, to: &context)
        case .source: addSource(e, to: &context)
        }
        return context
    }

    private func addEntity(_ e: Entry, to context: inout [String: Any]) {
        if let parent = targets(of: e.id, .parent).first { context["parent"] = link(parent) }
        if !e.aliases.isEmpty { context["aliases"] = e.aliases.map(\.text).joined(separator: ", ") }
        context["successors"] = section(targets(of: e.id, .succeededBy))
        context["predecessors"] = section(sources(to: e.id, .succeededBy))
        if let homepage = e.homepage { context["homepage"] = homepage }
        context["children"] = section(sources(to: e.id, .parent))
        let events = sources(to: e.id, .involves).compactMap { kb.entry($0) }
        if !events.isEmpty { context["timeline"] = ["events": newestFirst(events).map(eventSummary)] }
        context["claimsAbout"] = section(sources(to: e.id, .about))
        context["claimsBy"] = section(sources(to: e.id, .claimedBy))
        context["published"] = section(sources(to: e.id, .publishedBy))
        context["status"] = entityStatus(e.id)
        if context["status"] == nil, let type = e.type, kb.config.trackableTypes.contains(type) {
            context["noStatus"] = true
        }
        if vendors.contains(e.id) { context["statusView"] = "status/\(e.id).html" }
        let history = (changesByEntity[e.id] ?? [])
            .sorted { ($0.date.sortsBefore($1.date) ?? ($0.event < $1.event)) }
        if !history.isEmpty {
            context["statusHistory"] = [
                "rows": history.map { s -> [String: Any] in
                    [
                        "date": SiteModel.date(s.date), "axis": s.axis.rawValue, "channel": s.channel ?? "all",
                        "value": s.value, "event": kb.entry(s.event)?.title ?? s.event, "url": "events/\(s.event).html",
                    ]
                }
            ]
        }
    }

    private func addEvent(_ e: Entry, to context: inout [String: Any]) {
        context["jsonLD"] = SiteModel.jsonLD(for: e, url: kb.config.baseURL.isEmpty ? nil : kb.config.baseURL + SiteModel.url(of: e))
        if let end = e.endDate { context["endDate"] = SiteModel.date(end) }
        context["involved"] = section(targets(of: e.id, .involves))
        let changes = changesByEvent[e.id] ?? []
        if !changes.isEmpty {
            context["statusChanges"] = [
                "rows": changes.map { s -> [String: Any] in
                    [
                        "entity": kb.entry(s.entity)?.title ?? s.entity, "url": "entities/\(s.entity).html",
                        "axis": s.axis.rawValue, "channel": s.channel ?? "all", "value": s.value,
                    ]
                }
            ]
        }
    }

    private func addClaim(_ e: Entry, to context: inout [String: Any]) {
        if let claimant = targets(of: e.id, .claimedBy).first { context["claimant"] = link(claimant) }
        context["about"] = section(targets(of: e.id, .about))
        context["verdict"] = e.verdict ?? "pending"
        if let d = e.verdictDate { context["verdictDate"] = SiteModel.date(d) }
        context["verdictSources"] = section(targets(of: e.id, .verdictSource))
        context["supports"] = section(targets(of: e.id, .supports))
        context["contradicts"] = section(targets(of: e.id, .contradicts))
        context["supportedBy"] = section(sources(to: e.id, .supports))
        context["contradictedBy"] = section(sources(to: e.id, .contradicts))
    }

    private func addSource(_ e: Entry, to context: inout [String: Any]) {
        context["publisher"] = e.publisher?.text ?? ""
        if let publisher = targets(of: e.id, .publishedBy).first { context["publisherEntity"] = link(publisher) }
        context["url"] = e.url ?? ""
        if let archive = e.archive { context["archive"] = archive }
        if let d = e.date { context["published"] = SiteModel.date(d) }
        if let d = e.accessed { context["accessed"] = SiteModel.date(d) }
        context["citedBy"] = section(sources(to: e.id, .cites, .verdictSource))
    }
}
