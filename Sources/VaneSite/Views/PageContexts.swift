import Foundation
import VaneContent

/// One page to render: where it goes, with which template, for which entry.
struct PageSpec: Sendable {
    enum Content: Sendable {
        case home, claims, reports, scorecards, contradictions, exposure
        /// A page of a list that may run over several (1 is the first).
        case timeline(page: Int)
        case entities(page: Int)
        case sources(page: Int)
        case changes(page: Int)
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

// MARK: - View models of the list pages

struct HomePage: Encodable {
    struct Reports: Encodable { var items: [ReportSummary] }
    var reports: Reports?
    struct WhatsNew: Encodable { var items: [RecordedChangeView] }
    var whatsNew: WhatsNew?
    var events: [EventSummary]
    var riskSummary: RiskSummary?
    var endsSummary: EndsBoard?
    /// The top of our exposure, when the knowledge base records uses: the home page leads with it.
    var exposureSummary: ExposurePage?
}

struct TimelinePage: Encodable {
    struct Year: Encodable {
        /// Four digits, as dates are written (`0999`: the heading read `999`).
        var year: String
        var events: [EventSummary]
        /// The year began on the page before.
        var continued: Bool
    }
    var years: [Year]
    var pager: Pager?
    /// Where each year starts, when the timeline runs over several pages.
    var yearLinks: Jumps?
}

struct EntityIndexPage: Encodable {
    struct Group: Encodable {
        var type: String
        var label: String
        var items: [LinkView]
        /// The type began on the page before.
        var continued: Bool
    }
    var groups: [Group]
    var pager: Pager?
    /// Where each type starts, when the index runs over several pages.
    var types: Jumps?
}

struct ClaimLedgerPage: Encodable {
    struct Row: Encodable {
        var title: String
        var url: String
        var type: String
        var verdict: String
        var date: DateView?
        var claimant: LinkView?
    }
    struct Group: Encodable {
        var key: String
        var label: String
        var claims: [Row]
    }
    var groups: [Group]
}

struct BibliographyPage: Encodable {
    struct Item: Encodable {
        var title: String
        var url: String
        var publisher: String
        var address: String
        var host: String
        var citedCount: Int
        var published: DateView?
    }
    var sources: [Item]
    /// The number of the page's first source, as the list counts on from the page before.
    var start: Int
    var pager: Pager?
}

struct SearchPage: Encodable {
    var searchShards: [Int]
}

struct EmptyPage: Encodable {}

extension SiteModel {
    /// Every page of the site; without the "what changed" pages when `changes` is false
    /// (`changePageSpecs` lists them), without the entries' pages when `entries` is.
    func pages(changes: Bool = true, entries: Bool = true) -> [PageSpec] {
        var pages: [PageSpec] = [
            PageSpec(path: "index.html", template: "index", content: .home),
            PageSpec(path: "claims.html", template: "claims", content: .claims),
            PageSpec(path: "reports.html", template: "reports", content: .reports),
            PageSpec(path: "scorecards.html", template: "scorecards", content: .scorecards),
            PageSpec(path: "contradictions.html", template: "contradictions", content: .contradictions),
            PageSpec(path: "status.html", template: "status", content: .status(vendor: nil)),
            PageSpec(path: "404.html", template: "404", content: .notFound),
            PageSpec(path: "search.html", template: "search", content: .search),
        ]
        // Long lists run over numbered pages.
        let events = kb.entries(of: .event).count
        let entities = kb.entries(of: .entity).count
        for n in 1...Pagination.pageCount(events, size: Pagination.timelineSize) {
            pages.append(PageSpec(path: Pagination.path("timeline", n), template: "timeline", content: .timeline(page: n)))
        }
        for n in 1...Pagination.pageCount(entities, size: Pagination.entitiesSize) {
            pages.append(PageSpec(path: Pagination.path("entities", n), template: "entities", content: .entities(page: n)))
        }
        for n in 1...Pagination.pageCount(kb.entries(of: .source).count, size: Pagination.sourcesSize) {
            pages.append(PageSpec(path: Pagination.path("sources", n), template: "sources", content: .sources(page: n)))
        }
        if changes { pages += changePageSpecs() }
        // Our exposure, once the knowledge base records what we use.
        if !kb.entries(of: .use).isEmpty { pages.append(PageSpec(path: "exposure.html", template: "exposure", content: .exposure)) }
        for vendor in vendors {
            pages.append(PageSpec(path: "status/\(vendor).html", template: "status", content: .status(vendor: vendor)))
        }
        guard entries else { return pages }
        // By index: `for e in` copies each entry whole (a retain and release per field).
        pages.reserveCapacity(pages.count + kb.entries.count)
        for i in kb.entries.indices {
            let (kind, id) = (kb.entries[i].kind, kb.entries[i].id)
            pages.append(PageSpec(path: SiteModel.url(kind: kind, id: id), template: kind.rawValue, content: .entry(id)))
        }
        return pages
    }

    /// The "what changed" pages.
    func changePageSpecs() -> [PageSpec] {
        (1...changesPageCount()).map { PageSpec(path: Pagination.path("changes", $0), template: "changes", content: .changes(page: $0)) }
    }

    /// The frame and the view model of a page, as the template reads them.
    func view(for page: PageSpec) -> [MustacheValue] {
        // A 404 page is served at any address, so its links are absolute: to the base URL, or
        // else from the server's root (where `vane serve` puts the site).
        let root = page.content.isNotFound ? (kb.config.baseURL.isEmpty ? "/" : kb.config.baseURL) : page.path.contains("/") ? "../" : ""
        let content: MustacheValue
        var title: String
        var description = kb.config.description
        var jsonLD: String?
        switch page.content {
        case .home: (title, content) = ("Home", MustacheEncoder.encode(home()))
        case .timeline(let n): (title, content) = (Pagination.title("Timeline", n), MustacheEncoder.encode(timeline(page: n)))
        case .entities(let n): (title, content) = (Pagination.title("Entities", n), MustacheEncoder.encode(entityIndex(page: n)))
        case .claims: (title, content) = ("Claims ledger", MustacheEncoder.encode(claimLedger()))
        case .sources(let n): (title, content) = (Pagination.title("Sources", n), MustacheEncoder.encode(bibliography(page: n)))
        case .reports: (title, content) = ("Reports", MustacheEncoder.encode(reportIndex()))
        case .scorecards: (title, content) = ("Scorecards", MustacheEncoder.encode(scorecardsPage()))
        case .contradictions: (title, content) = ("Contradictions", MustacheEncoder.encode(contradictionsPage()))
        case .changes(let n): (title, content) = (Pagination.title("What changed", n), MustacheEncoder.encode(changesPage(page: n)))
        case .exposure: (title, content) = ("Our exposure", MustacheEncoder.encode(exposurePage()))
        case .status(let vendor):
            let status = statusPage(vendor: vendor)
            (title, content) = (status.heading, MustacheEncoder.encode(status))
        case .notFound: (title, content) = ("Page not found", MustacheEncoder.encode(EmptyPage()))
        case .search: (title, content) = ("Search", MustacheEncoder.encode(SearchPage(searchShards: Array(0..<SiteExtras.searchShards))))
        case .entry(let id):
            let e = kb.entry(id)!
            title = e.title
            description = "\(e.title) (\(e.kind.rawValue))"
            if e.kind == .event { jsonLD = SiteModel.jsonLD(for: e, url: kb.config.baseURL.isEmpty ? nil : kb.config.baseURL + SiteModel.url(of: e)) }
            content = entry(e, root: root)
        }
        let feeds = feeds(for: page, root: root)
        let frame = PageFrame(
            pageTitle: title, root: root, site: SiteInfo(title: kb.config.title, description: kb.config.description), description: description,
            counts: counts, current: PageFrame.current(page.path.contains("/") ? nil : Pagination.navigationKey(page.path)),
            hasExposure: !kb.entries(of: .use).isEmpty,
            // The not-found page is served at any address: it names none as its own.
            canonical: kb.config.baseURL.isEmpty || page.content.isNotFound ? nil : kb.config.baseURL + (page.path == "index.html" ? "" : page.path),
            feeds: feeds, hasFeeds: !feeds.isEmpty, ogType: { if case .entry = page.content { "article" } else { "website" } }(),
            projection: projection.map {
                PageFrame.Projection(
                    asOf: DateView($0.asOf), today: DateView($0.today),
                    still: $0.asOf.precision == .day ? "a day still to come" : "a period not over yet")
            }, jsonLD: jsonLD,
            inlineStyle: page.content.isNotFound ? stylesheet.map { SiteModel.inlined(SiteModel.rebased($0, to: root + "assets/")) } : nil)
        return [MustacheEncoder.encode(frame), content]
    }

    /// A stylesheet's relative `url(…)`s made to start at `base`: inlined in the not-found
    /// page, which any address may show, they would resolve against that address, not
    /// against `assets/` (a font or image of the theme was missing there).
    /// A stylesheet put inside `<style>`: a `</style` in it (a comment, a string) closed the
    /// element, and what followed ran as the page's own script. `<\/style` is the same CSS.
    static func inlined(_ css: String) -> String {
        css.replacingOccurrences(of: "</style", with: "<\\/style", options: .caseInsensitive)
    }

    static func rebased(_ css: String, to base: String) -> String {
        var out = ""
        var rest = Substring(css)
        while let open = rest.range(of: "url(") {
            out += rest[..<open.upperBound]
            rest = rest[open.upperBound...]
            let quote = rest.first.flatMap { $0 == "\"" || $0 == "'" ? $0 : nil }
            if let quote {
                out.append(quote)
                rest = rest.dropFirst()
            }
            let target = rest.prefix { $0 != ")" && $0 != quote && !$0.isWhitespace }
            let lower = target.lowercased()
            let absolute = target.hasPrefix("/") || target.hasPrefix("#") || lower.hasPrefix("data:") || lower.contains("://")
            if !target.isEmpty && !absolute { out += base }
        }
        return out + rest
    }

    /// The feeds a page offers (`<link rel="alternate">`, and the "Subscribe" line of the
    /// home page, the status pages and an entity's page): the site's events and announced
    /// ends (and the ends of what we use) on the home page, the timeline, the status and
    /// exposure pages, an entity's own on its page.
    /// Links are relative, never `webcal://`: a configured base URL may be a placeholder, and
    /// calendar applications subscribe to an `https://` address as well.
    private func feeds(for page: PageSpec, root: String) -> [FeedLink] {
        var links: [FeedLink]
        switch page.content {
        case .reports:
            links = [FeedLink(type: "application/atom+xml", title: "Reports (Atom)", href: root + "feeds/reports.atom")]
        case .changes:
            links =
                history == nil ? [] : [FeedLink(type: "application/atom+xml", title: "Recorded changes (Atom)", href: root + "feeds/changes.atom")]
        case .home, .timeline, .status, .exposure:
            links = [
                FeedLink(type: "application/atom+xml", title: "Events (Atom)", href: root + "feeds/events.atom"),
                FeedLink(type: "text/calendar", title: "Events (iCalendar)", href: root + "feeds/events.ics"),
                FeedLink(type: "text/calendar", title: "Announced ends (iCalendar)", href: root + "feeds/ends.ics"),
            ]
            // The ends of what we use, once the knowledge base records uses.
            if !usedProducts.isEmpty {
                links.append(FeedLink(type: "text/calendar", title: "Ends of what we use (iCalendar)", href: root + "feeds/exposure.ics"))
            }
        case .entry(let id) where kb.kind(of: id) == .entity:
            // SiteExtras writes both feeds for every entity, even one with no events.
            let name = kb.entry(id)!.title
            links = [
                FeedLink(type: "application/atom+xml", title: "Events involving \(name) (Atom)", href: root + "feeds/entities/\(id).atom"),
                FeedLink(type: "text/calendar", title: "Events involving \(name) (iCalendar)", href: root + "feeds/entities/\(id).ics"),
            ]
        default: links = []
        }
        if !links.isEmpty { links[links.count - 1].last = true }
        return links
    }

    /// schema.org JSON-LD for an event, safe inside `<script>`: `<`, `>` and `&` are
    /// written as JSON escapes, so content can never close the element.
    static func jsonLD(for e: Entry, url: String?) -> String {
        // ISO 8601 at the precision written; a quarter has no ISO form, so its year stands.
        func iso(_ d: FuzzyDate) -> String {
            d.precision == .quarter ? String(d.text.drop { $0 == "~" }.prefix(4)) : String(d.text.drop { $0 == "~" })
        }
        // Strings only, written by hand: `JSONSerialization` of a `[String: Any]` was 85 µs of
        // every event page (0.85 s of a full build at 10,000 events).
        var object: [String: String] = ["@context": "https://schema.org", "@type": "Event", "name": e.title]
        if let d = e.date { object["startDate"] = iso(d) }
        if let d = e.endDate { object["endDate"] = iso(d) }
        if let url { object["url"] = url }
        if let type = e.type { object["keywords"] = type }
        let json = ScriptJSON.encode(object)
        return "<script type=\"application/ld+json\">\(json)</script>\n"
    }

    // MARK: - Lists

    /// Whether an event (or a report) has happened by the as-of day (started, for a span).
    func hasHappened(_ event: Entry) -> Bool { (event.date?.start ?? "") <= board.asOf.end }

    private func home() -> HomePage {
        // "Latest" means what has happened by the as-of day: a scheduled event (an end of
        // active support in 2033), a report dated next month, is not news yet.
        let reports = newestFirst(kb.entries(of: .report).filter(hasHappened)).prefix(3).map(reportSummary)
        let news = whatsNew(limit: 8)
        let happened = kb.entries(of: .event).filter(hasHappened)
        return HomePage(
            reports: reports.isEmpty ? nil : HomePage.Reports(items: reports), whatsNew: news.isEmpty ? nil : HomePage.WhatsNew(items: news),
            events: newestFirst(happened).prefix(10).map(eventSummary), riskSummary: riskSummary(limit: 5),
            endsSummary: endsBoard(rows: board.rows, limit: SiteModel.homeEndsLimit), exposureSummary: exposureSummary(limit: 5))
    }

    /// A page of the timeline: events newest first, under their years.
    /// The events of the timeline by year, newest first, split into its pages: once per
    /// model, since every timeline page needs the whole split to know its part.
    func timelinePages() -> [[PagedGroup<Int, Entry>]] {
        memo.value("timeline pages") {
            var years: [(Int, [Entry])] = []
            for e in memo.value("events newest first", { newestFirst(kb.entries(of: .event)) }) {
                let year = e.date?.year ?? 0
                if years.last?.0 != year { years.append((year, [])) }
                years[years.count - 1].1.append(e)
            }
            return Pagination.split(years, size: Pagination.timelineSize)
        }
    }

    private func timeline(page: Int) -> TimelinePage {
        let pages = timelinePages()
        let parts = pages[page - 1]
        return TimelinePage(
            years: parts.map {
                TimelinePage.Year(year: FuzzyDate.yearText($0.group), events: $0.items.map(eventSummary), continued: $0.continued)
            },
            pager: Pagination.pager("timeline", number: page, count: pages.count),
            yearLinks: pages.count > 1
                ? Pagination.jumps(pages, base: "timeline", label: { FuzzyDate.yearText($0) }, anchor: { "year-\(FuzzyDate.yearText($0))" }) : nil)

    }

    /// Entries by title in natural order, ties by id.
    static func byName(_ entries: [Entry]) -> [Entry] { VersionOrder.sorted(entries, by: \.title) { $0.id < $1.id } }

    /// A page of the entity index: entities by type, each type's by name.
    private func entityIndex(page: Int) -> EntityIndexPage {
        let byType = Dictionary(grouping: kb.entries(of: .entity), by: { $0.type ?? "other" })
        let order = kb.config.entityTypes
        let types = byType.keys.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
        // Names in natural order, as a reader counts versions: Python 3.9 before Python 3.10.
        let groups = types.map { type in (type, Self.byName(byType[type]!).map(\.id)) }
        let pages = Pagination.split(groups, size: Pagination.entitiesSize)
        func label(_ type: String) -> String { SiteModel.typeLabel(type).capitalized }
        return EntityIndexPage(
            groups: pages[page - 1].map {
                EntityIndexPage.Group(type: $0.group, label: label($0.group), items: links($0.items), continued: $0.continued)
            },
            pager: Pagination.pager("entities", number: page, count: pages.count, ranges: pages.map(nameRange)),
            types: pages.count > 1 ? Pagination.jumps(pages, base: "entities", label: label, anchor: { "type-\($0)" }) : nil)
    }

    /// A page of the entity index as its first and last names: `AdonisJS – Bun`.
    private func nameRange(_ page: [PagedGroup<String, String>]) -> String {
        let ids = page.flatMap(\.items)
        guard let first = ids.first.flatMap({ kb.title(of: $0) }), let last = ids.last.flatMap({ kb.title(of: $0) }) else { return "" }
        return first == last ? first : "\(first) – \(last)"
    }

    private func claimLedger() -> ClaimLedgerPage {
        let claims = kb.entries(of: .claim).sorted(by: Entry.chronological)
        func row(_ c: Entry) -> ClaimLedgerPage.Row {
            ClaimLedgerPage.Row(
                title: c.title, url: SiteModel.url(of: c), type: c.type ?? "", verdict: c.currentVerdict.rawValue,
                date: c.date.map(DateView.init),
                claimant: targets(of: c.id, .claimedBy).first.flatMap(link))
        }
        let commitments = claims.filter { $0.claimType == .commitment }
        let others = claims.filter { $0.claimType != .commitment }
        var groups: [ClaimLedgerPage.Group] = []
        if !commitments.isEmpty { groups.append(ClaimLedgerPage.Group(key: "commitments", label: "Commitments", claims: commitments.map(row))) }
        if !others.isEmpty { groups.append(ClaimLedgerPage.Group(key: "other", label: "Other claims", claims: others.map(row))) }
        return ClaimLedgerPage(groups: groups)
    }

    /// A page of the bibliography: sources by publisher (by the name shown: an entity's id
    /// sorted `zz-tns`, "The New Stack", after "Wired"), then title, numbered on from the
    /// page before (at 50,000 sources one page was 8.8 MB).
    private func bibliography(page: Int) -> BibliographyPage {
        let (pages, ranges) = bibliographyPages()
        let (size, count) = (Pagination.sourcesSize, pages.count)
        return BibliographyPage(
            sources: pages[page - 1].map { s in
                BibliographyPage.Item(
                    title: s.title, url: SiteModel.url(of: s), publisher: publisherName(s), address: s.url ?? "",
                    host: s.url.flatMap { URL(string: $0)?.host } ?? "", citedCount: citedCount(s.id), published: s.date.map(DateView.init))
            }, start: (page - 1) * size + 1, pager: Pagination.pager("sources", number: page, count: count, ranges: ranges))
    }

    /// The entries citing a source (as evidence of a verdict too), as its line in the bibliography counts them.
    func citedCount(_ source: String) -> Int {
        // Counted, not listed: every page of the bibliography's fingerprint asks it of each source.
        Set(sourcesUnsorted(to: source, .cites, .verdictSource)).count
    }

    /// The bibliography's pages of sources, and the publishers each page runs over (its pager's words).
    func bibliographyPages() -> (pages: [ArraySlice<Entry>], ranges: [String]) {
        // Sorted once for all the pages (folding every name is most of a page's time).
        memo.value("bibliography pages") { () -> ([ArraySlice<Entry>], [String]) in
            let all = kb.entries(of: .source)
            // Whatever their accents and case ("Éditions Zéro" among the E's, as the index of entities sorts).
            // ASCII, most names, only lowercased: Foundation's folding was most of the sort.
            let fold = { (text: String) in
                text.utf8.allSatisfy { $0 < 0x80 }
                    ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            }
            let keys = all.indices.map { (fold(publisherName(all[$0])), fold(all[$0].title)) }
            let sources = all.sortedByPositions { keys[$0] < keys[$1] }
            let size = Pagination.sourcesSize
            let pages = (0..<Pagination.pageCount(sources.count, size: size)).map {
                sources[($0 * size)..<min(sources.count, ($0 + 1) * size)]
            }
            func range(_ part: ArraySlice<Entry>) -> String {
                let (first, last) = (part.first.map(publisherName) ?? "", part.last.map(publisherName) ?? "")
                return first == last ? first : "\(first) – \(last)"
            }
            return (pages, pages.map(range))
        }
    }

    func publisherName(_ source: Entry) -> String {
        guard let publisher = source.publisher else { return "" }
        return targets(of: source.id, .publishedBy).first.flatMap { kb.title(of: $0) } ?? publisher.text
    }

}
