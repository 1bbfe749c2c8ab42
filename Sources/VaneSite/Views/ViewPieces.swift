import VaneContent

// The pieces every page's view model is made of. Each is a struct: a field a template
// needs is a field here, and a nil optional reaches the template as a null value (never
// as a missing key that a template would look up in an enclosing context instead).

/// A date as pages show it: `8 April 2026`, with `<time datetime>` where HTML has a form.
struct DateView: Encodable {
    var display: String
    var text: String
    var precision: String
    var datetime: String?

    init(_ d: FuzzyDate) {
        display = d.display
        text = d.text
        precision = d.precision.rawValue
        datetime = d.htmlDateTime
    }

    /// A day from outside (a commit's, `YYYY-MM-DD`); shown as written when it is no date
    /// the knowledge base could hold (a clock set past 9999).
    init(day: String) {
        if let date = try? FuzzyDate(parsing: day) {
            self.init(date)
        } else {
            self.init(display: day, text: day, precision: "day", datetime: nil)
        }
    }

    private init(display: String, text: String, precision: String, datetime: String?) {
        (self.display, self.text, self.precision, self.datetime) = (display, text, precision, datetime)
    }
}

/// A link to an entry: its title, its page, a short detail (its type), its date.
struct LinkView: Encodable {
    var id: String
    var title: String
    var url: String
    var detail: String?
    /// Where a successor that is gone leads on to: `→ .NET 10 (Generally available · Flagship)`.
    var onward: String?
    var date: DateView?
    /// The end of an event's span, shown after its date: `October 2026 to March 2027`.
    var endDate: DateView?
    /// The last of a list (for commas between links).
    var last = false
    /// An event's sources, when a link shows them.
    var sources: [LinkView]?
    /// On a site as of a day, whether the event cites a source published after it (shown
    /// `[later]`, where no source at all is "(no source)").
    var citesLater: Bool?
    /// A claim's verdict, wherever claims are listed.
    var verdict: String?
}

/// A titled list of links; a page leaves it nil when it would be empty, and it vanishes.
struct Section: Encodable {
    var items: [LinkView]
    /// "The first 200 of 1,093": the list was cut to keep the page small.
    var more: String?
}

/// An event in a list: the timeline, the home page, an entity's events.
struct EventSummary: Encodable {
    var id: String
    var title: String
    var url: String
    var type: String
    /// The entities it involves, for the timeline's filter.
    var entityIDs: String
    var date: DateView?
    /// The end of a span: a six-month programme read as a one-month event in every list.
    var endDate: DateView?
    /// Dated after the site's day: the timeline opened with years of events to come, and
    /// nothing said where today was.
    var ahead = false
}

/// A feed a page offers: in the head's `<link rel="alternate">` and on its "Subscribe" line.
struct FeedLink: Encodable {
    var type: String
    var title: String
    var href: String
    /// The last of the page's feeds, so the "Subscribe" line puts no separator after it.
    var last = false
}

struct SiteInfo: Encodable {
    var title: String
    var description: String
}

struct Counts: Encodable {
    var entries: Int
    var entities: Int
    var events: Int
    var claims: Int
    var sources: Int
    var reports: Int
    /// What we use (`Content/uses/`): counted in `entries` too.
    var uses: Int
    /// The counts as the home page prints them, in agreement: "1 source", "2 sources".
    var entitiesText: String
    var eventsText: String
    var claimsText: String
    var sourcesText: String
    var reportsText: String
    var usesText: String
    /// Whether any event is recorded: an empty site links to no timeline ("All 0 events").
    var anyEvents: Bool

    init(entries: Int, entities: Int, events: Int, claims: Int, sources: Int, reports: Int, uses: Int = 0) {
        (self.entries, self.entities, self.events, self.claims, self.sources, self.reports) = (entries, entities, events, claims, sources, reports)
        self.uses = uses
        usesText = Counts.phrase(uses, "use", "uses")
        entitiesText = Counts.phrase(entities, "entity", "entities")
        eventsText = Counts.phrase(events, "event", "events")
        claimsText = Counts.phrase(claims, "claim", "claims")
        sourcesText = Counts.phrase(sources, "source", "sources")
        reportsText = Counts.phrase(reports, "report", "reports")
        anyEvents = events > 0
    }

    /// The entries of `kb`, in all and per kind.
    init(_ kb: KnowledgeBase) {
        self.init(
            entries: kb.entries.count, entities: kb.entries(of: .entity).count, events: kb.entries(of: .event).count,
            claims: kb.entries(of: .claim).count, sources: kb.entries(of: .source).count, reports: kb.entries(of: .report).count,
            uses: kb.entries(of: .use).count)
    }

    /// "1 report", "0 reports", "2 reports".
    static func phrase(_ count: Int, _ singular: String, _ plural: String) -> String {
        "\(count) \(count == 1 ? singular : plural)"
    }
}

/// What the layout shows around every page.
struct PageFrame: Encodable {
    var pageTitle: String
    var root: String
    var site: SiteInfo
    var description: String
    var counts: Counts
    /// The navigation link that is the page itself, for `aria-current="page"`: on
    /// `status.html`, `current.status` is true.
    var current: [String: Bool]

    /// Every list page's name, true for the one shown (`key`): a name of the frame whatever
    /// page renders the layout (a layout's `current.reports` was "in no view model" once the
    /// reports page had a template of its own, and failed `vane check --strict`).
    static let listPages = [
        "index", "status", "timeline", "entities", "claims", "sources", "reports", "scorecards", "contradictions", "exposure", "changes",
        "search", "404",
    ]
    static func current(_ key: String?) -> [String: Bool] { key.flatMap { currents[$0] } ?? noneCurrent }
    /// Made once, not for each of a site's pages.
    private static let noneCurrent = Dictionary(uniqueKeysWithValues: listPages.map { ($0, false) })
    private static let currents = Dictionary(uniqueKeysWithValues: listPages.map { key in (key, noneCurrent.merging([key: true]) { _, new in new }) })
    /// The knowledge base records uses: the navigation links the exposure page.
    var hasExposure: Bool
    var canonical: String?
    var feeds: [FeedLink]
    /// Whether the page offers any feed, for the "Subscribe" line.
    var hasFeeds: Bool
    var ogType: String
    /// A site as of a day still to come: that day and today (`SiteModel.projection`).
    var projection: Projection?

    struct Projection: Encodable {
        var asOf: DateView
        var today: DateView
        /// "a day still to come", or for a period "a period not over yet".
        var still: String
    }
    /// An event page's schema.org data, already safe inside `<script>`.
    var jsonLD: String?
    /// The stylesheet itself, for the 404 page: served at any address (and opened from the
    /// file system), it cannot count on reaching `assets/style.css`.
    var inlineStyle: String?
}
