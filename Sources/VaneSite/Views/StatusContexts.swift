import VaneContent

// MARK: - View models of the status view, the risk board and an entity's status

/// A move on the risk board's "Why": when, which axis, from what to what, set by which
/// event on which sources.
struct MoveView: Encodable {
    var date: DateView
    var axis: String
    var change: String
    var sources: [LinkView]
    /// Whether the event cites a source published after the site's day (`[later]`).
    var citesLater: Bool
    var event: LinkView?
}

struct CountdownView: Encodable {
    var date: DateView
    var countdown: String
    /// The channel that ends, by name with its tier; nil when the whole product does.
    var channel: String? = nil
}

/// One product on the risk board.
struct RiskRowView: Encodable {
    /// "Earlier moves" when every one is before the move that matters, else "Other moves".
    struct More: Encodable {
        var label: String
        var moves: [MoveView]
    }

    var rank: Int
    var name: String
    var url: String
    var availability: String
    var priority: String
    /// The release cycle whose position the folded row shows (its riskiest), named before
    /// its availability and priority: they are that cycle's, not the whole product's
    /// ("Google Play target API level: closed to new customers, deprioritized" was API 35's,
    /// while API 36 was open and the flagship).
    var cycle: String?
    /// The move that matters (at most one), then the others behind a `<details>`.
    var why: [MoveView]
    var whyMore: More?
    var ends: CountdownView?
    /// What replaces it, with each successor's own position.
    var successors: String?
    /// A product whose release cycles are folded into its row: which of them are available.
    var folded: String?
    var vendor: LinkView?
    var since: DateView?
    var risk: String
    var level: String
    var hasRisk: Bool
}

struct RiskSummary: Encodable {
    var board: [RiskRowView]
    var asOf: DateView
}

/// A vendor's products on its page: the compact board.
struct VendorBoard: Encodable {
    var board: [RiskRowView]
    var asOf: DateView
    var more: String?
}

struct EndRowView: Encodable {
    var date: DateView
    var countdown: String
    var notice: String
    /// The notice in a sentence: `182 days of notice`, or after an extension `750 days of
    /// notice, 85 days from the extension`.
    var noticeOf: String
    var name: String
    var url: String
    var sources: [LinkView]
    /// Whether the event cites a source published after the site's day (`[later]`).
    var citesLater: Bool
    var channel: String?
    var event: LinkView?
    var successors: Section?
    /// On a board that folds release cycles: the other ends of the row's product in its
    /// part, counted (`and 3 more ends of Kubernetes`).
    var alsoFolded: String?
}

struct EndsBoard: Encodable {
    struct Rows: Encodable { var rows: [EndRowView] }
    var asOf: DateView
    var recentDays: Int
    var ahead: Rows?
    var passed: Rows?
    /// How many ends were left out of a long board, said under it.
    var more: String?
}

struct StatusPage: Encodable {
    struct Chart: Encodable {
        var svg: String
        var list: String
        var legend: String
        var wide: Bool
        /// "34 of the 50 products have no recorded priority: …" (or availability, or either), when some do.
        var unplaced: String?
    }
    struct Position: Encodable {
        var name: String
        var url: String
        var availability: String
        var priority: String
        /// The release cycle whose position a folded row shows (see `RiskRowView.cycle`).
        var cycle: String?
        var trail: String
        /// What replaces it, each with its own position (as the risk board says it).
        var successors: String?
    }
    struct Gone: Encodable {
        var rows: [RiskRowView]
        /// Some rows count a product's gone release cycles, not the product.
        var cycles = false
    }

    var heading: String
    var asOf: DateView
    var chart: Chart
    var positions: [Position]
    var board: [RiskRowView]
    var ends: EndsBoard?
    var vendor: LinkView?
    var gone: Gone?
    var vendors: Section?
    /// How many products were left out of the board and the chart's data, said under them.
    var boardMore: String?
    var goneMore: String?
    /// A vendor's view among many: a link to the list on status.html instead of the list.
    var vendorsElsewhere: Bool
    /// Whether any product is ranked: the chart's data and the board are left out when none
    /// is (a site as of a day before any status showed their headers over nothing).
    var anyRanked: Bool
}

/// A product's current status on its page: its board row, and more.
struct EntityStatusView: Encodable {
    struct Ends: Encodable { var rows: [EndRowView] }

    var row: RiskRowView
    var chart: String
    var asOf: DateView
    var gone: Bool
    var availabilitySetBy: LinkView?
    var prioritySetBy: LinkView?
    var vendorView: String
    var announcedEnds: Ends?
    /// Sign-ups closing, as the ends are listed: a product's page counted down neither.
    var announcedClosures: Ends?
    /// One sentence that reads the position, for a newcomer.
    var reading: String?

    enum CodingKeys: String, CodingKey {
        case chart, asOf, gone, availabilitySetBy, prioritySetBy, vendorView, announcedEnds, announcedClosures, reading
    }

    /// The row's fields and these side by side, as the template reads them.
    func encode(to encoder: any Encoder) throws {
        try row.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(chart, forKey: .chart)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(gone, forKey: .gone)
        try c.encodeIfPresent(availabilitySetBy, forKey: .availabilitySetBy)
        try c.encodeIfPresent(prioritySetBy, forKey: .prioritySetBy)
        try c.encode(vendorView, forKey: .vendorView)
        try c.encodeIfPresent(announcedEnds, forKey: .announcedEnds)
        try c.encodeIfPresent(announcedClosures, forKey: .announcedClosures)
        try c.encodeIfPresent(reading, forKey: .reading)
    }
}

extension SiteModel {
    /// The model a vendor's views read: within the vendor when it offers others' products
    /// through a channel named for one of its entities (their rows scoped to those channels
    /// and marked via, as `vane status --entity` reads them); else this one.
    /// Made once per model: its status view, its entity page and their fingerprints read it.
    func forVendor(_ vendor: String?) -> SiteModel {
        guard let vendor, viaVendors.contains(vendor) else { return self }
        return memo.value("board within \(vendor)") { with(board: StatusBoard(boardInputs, asOf: board.asOf, within: vendor)) }
    }

    /// The rows a vendor's views list, of the model `forVendor` gave: its own products and
    /// those offered through its entities.
    func vendorRows(_ vendor: String?) -> [StatusRow] { board.rows.filter { lists($0, vendor) } }

    /// Whether `vendor`'s views list `row` (every view, for no vendor).
    private func lists(_ row: StatusRow, _ vendor: String?) -> Bool { vendor.map { !row.via.isEmpty || row.vendors.contains($0) } ?? true }

    func statusPage(vendor: String?) -> StatusPage { forVendor(vendor).statusPageOfThisBoard(vendor: vendor) }

    /// The products the chart has no place for, and where they are listed: the table lists
    /// the first 100 of a board (it said it listed them all on a board of 451).
    private func unplacedCaption(_ chart: PositionChart, ranked: Int, shown: Int, vendor: String?) -> String? {
        let count = chart.unplaced
        guard count > 0 else { return nil }
        let lack = "\(count) of the \(ranked) products \(count == 1 ? "has" : "have") no recorded \(chart.unplacedLack), so no place on the chart; "
        guard shown < ranked else { return lack + "the table below lists \(count == 1 ? "it" : "them") all the same." }
        let listed = chart.unplaced(amongFirst: shown)
        return lack + "\(listed) of them \(listed == 1 ? "is" : "are") among the \(shown) the table below lists."
    }

    private func statusPageOfThisBoard(vendor: String?) -> StatusPage {
        let rows = vendorRows(vendor)
        // A vendor's own view lists every row (up to 100); the whole board folds cycles and keeps the top 100.
        let fold: ([StatusRow]) -> [Fold] = { vendor == nil ? folds($0) : $0.map { Fold(parent: nil, rows: [$0]) } }
        let ranked = fold(rows.filter { !$0.gone })
        let shown = Array(ranked.prefix(SiteModel.boardLimit))
        let vendorName = vendor.flatMap { kb.title(of: $0) }
        let heading = "Available today vs. strategic priority" + (vendorName.map { ": \($0)" } ?? "")
        // A folded product's chips are its lead cycle's position, and say whose ("Debian 12
        // (Bookworm) · standard", not "Debian · standard" retired while Debian 13 is not).
        // Its channels' tiers are the lead cycle's own (`extended-support (paid)`).
        let leads = Dictionary(ranked.compactMap { fold in fold.parent.map { ($0, fold.lead.entity) } }, uniquingKeysWith: { a, _ in a })
        let chart = PositionChart(
            board: board,
            rows: ranked.map(chipRow), root: vendor == nil ? "" : "../", idPrefix: "positions-chart",
            channelName: { channelName($0, of: leads[$1] ?? $1) })
        // What is gone, by the names shown in their natural order (Python 3.2 before 3.10).
        let gone = VersionOrder.sorted(fold(rows.filter(\.gone)).map { (fold: $0, name: foldRow($0).name) }, by: \.name) {
            $0.fold.lead.entity < $1.fold.lead.entity
        }
        .map(\.fold)
        let goneShown = Array(gone.prefix(SiteModel.boardLimit))
        // By the names shown, in their natural order, as the gone list is (they came by id).
        let linked = vendors.filter { $0 != vendor }.compactMap { v -> LinkView? in
            guard var item = link(v) else { return nil }
            item.url = "status/\(v).html"
            return item
        }
        let others = VersionOrder.sorted(linked, by: \.title) { $0.url < $1.url }
        let elsewhere = !listsOtherVendors(on: vendor)
        var vendorLinks = elsewhere ? [] : others
        if !vendorLinks.isEmpty { vendorLinks[vendorLinks.count - 1].last = true }
        return StatusPage(
            heading: heading, asOf: DateView(board.asOf),
            chart: StatusPage.Chart(
                svg: chart.svg, list: chart.list(headings: true), legend: chart.legend, wide: chart.isWide,
                unplaced: unplacedCaption(chart, ranked: ranked.count, shown: shown.count, vendor: vendor)),
            positions: shown.map { position(chipRow($0)) }, board: shown.enumerated().map { foldedRiskRow($1, rank: $0 + 1) },
            ends: vendor == nil
                ? endsBoard(rows: rows, limit: SiteModel.endsLimit, views: "each vendor's own view, under “By vendor” below,")
                : endsBoard(rows: rows, limit: SiteModel.vendorEndsLimit, fold: false),
            vendor: vendor.flatMap(link),
            gone: gone.isEmpty ? nil : StatusPage.Gone(rows: goneShown.map { goneRow($0) }, cycles: goneShown.contains { $0.parent != nil }),
            vendors: vendorLinks.isEmpty ? nil : Section(items: vendorLinks),
            boardMore: shown.count < ranked.count
                ? vendor == nil
                    ? "The \(shown.count) highest of \(ranked.count) products; each vendor's own view, below, lists all of its products."
                    : "The \(shown.count) highest of \(ranked.count) products; the entity index lists them all." : nil,
            goneMore: goneShown.count < gone.count
                ? vendor == nil
                    ? "\(goneShown.count) of \(gone.count); each vendor's own view lists the rest."
                    : "\(goneShown.count) of \(gone.count); the entity index lists them all." : nil,
            vendorsElsewhere: elsewhere, anyRanked: !shown.isEmpty)
    }

    /// A fold as the chart shows it, and its data table: named by its lead cycle, with that
    /// cycle's successors (PHP 8.2 → PHP 8.3); the table said "PHP" beside 8.2's history.
    private func chipRow(_ fold: Fold) -> StatusRow {
        var row = fold.lead
        row.entity = fold.parent ?? row.entity
        return row
    }

    /// A product no longer available; a fold says how many of its cycles are gone.
    private func goneRow(_ fold: Fold) -> RiskRowView {
        let row = foldRow(fold)
        var view = riskRow(row, rank: 0)
        // Retired since the day it was, not since its position last moved (a priority
        // set after the retirement read "Retired since" that later day).
        view.since = row.status.availability.map { DateView($0.date) }
        if fold.parent != nil {
            view.availability = "\(counted(fold)) no longer available"
            view.since = nil
        }
        return view
    }

    /// The top of the board, for the home page.
    func riskSummary(limit: Int) -> RiskSummary? {
        let top = folds(board.ranked).prefix(limit)
        guard !top.isEmpty else { return nil }
        return RiskSummary(board: top.enumerated().map { foldedRiskRow($1, rank: $0 + 1) }, asOf: DateView(board.asOf))
    }

    /// A vendor's products on its page, ranked in the compact form (cycles folded, the
    /// vendor itself left out, for a product that is its own vendor): the first ten, or nil
    /// when it has none. `more` says how many there are when some are left for its view.
    func vendorBoard(of id: String) -> VendorBoard? {
        guard vendors.contains(id) else { return nil }
        return forVendor(id).vendorBoardOfThisBoard(of: id)
    }

    private func vendorBoardOfThisBoard(of id: String) -> VendorBoard? {
        let ranked = folds(board.ranked.filter { lists($0, id) }).filter { foldRow($0).entity != id }
        guard !ranked.isEmpty else { return nil }
        let shown = ranked.prefix(SiteModel.vendorPageLimit)
        return VendorBoard(
            // On its own page, the vendor is not named on every row.
            board: shown.enumerated().map {
                var row = foldedRiskRow($1, rank: $0 + 1)
                row.vendor = nil
                return row
            }, asOf: DateView(board.asOf),
            more: ranked.count > shown.count ? "The \(shown.count) highest of \(ranked.count) products; its view, linked below, lists them all." : nil
        )
    }

    /// Products on a vendor's entity page.
    static let vendorPageLimit = 10

    /// A region's or a partner's page: the products offered through a channel named for it
    /// (`eea`, `azure-openai`), ranked as its own board (`vane status --entity ID`) ranks them,
    /// with the values, ends and moves of those channels only; nil when nothing is.
    func offeredThrough(_ id: String) -> VendorBoard? {
        guard channelEntities.contains(id), !vendors.contains(id) else { return nil }
        let scoped = with(board: StatusBoard(boardInputs, asOf: board.asOf, within: id))
        let ranked = scoped.folds(scoped.board.ranked.filter { !$0.via.isEmpty })
        guard !ranked.isEmpty else { return nil }
        let shown = ranked.prefix(SiteModel.vendorPageLimit)
        return VendorBoard(
            board: shown.enumerated().map { scoped.foldedRiskRow($1, rank: $0 + 1) }, asOf: DateView(board.asOf),
            more: ranked.count > shown.count ? "The \(shown.count) highest of \(ranked.count) products offered through it." : nil)
    }

    /// Whether a status view lists the other vendors' views: status.html always, a vendor's
    /// while they are `vendorListLimit` or fewer. Hundreds of vendors (an endoflife.date
    /// import) are listed once, on status.html. Its page's fingerprint follows the rule too.
    func listsOtherVendors(on vendor: String?) -> Bool {
        vendor == nil || vendors.count { $0 != vendor && kb.entry($0) != nil } <= SiteModel.vendorListLimit
    }

    /// How long ended ends stay on the "Announced ends" board.
    static let recentEndDays = 180

    /// The "Announced ends" board: every end still ahead, soonest first, then those that
    /// passed in the last 180 days; nil when there are none. With a `limit`, release cycles
    /// are folded (a product's soonest end stands for its cycles) and each part keeps its
    /// first `limit` rows.
    /// `views`: where the ends left out are, for a board that folds (the home page's says
    /// the status page; the status page's own, below it).
    func endsBoard(
        rows: [StatusRow], limit: Int? = nil, fold: Bool = true, views: String = "each vendor's view on the status page"
    ) -> EndsBoard? {
        let products = Set(rows.map(\.entity))
        let ends = board.announcedEnds(within: SiteModel.recentEndDays).filter { products.contains($0.entity) }
        guard !ends.isEmpty else { return nil }
        // Those that came, newest first; ends of one day in the order `vane ends` lists them
        // (reversed, they read in the opposite order).
        let came = ends.filter { !$0.isAhead(asOf: board.asOf) }.enumerated().sorted { a, b in
            a.element.came.startKey != b.element.came.startKey ? a.element.came.startKey > b.element.came.startKey : a.offset < b.offset
        }.map(\.element)
        var (ahead, passed) = (ends.filter { $0.isAhead(asOf: board.asOf) }, came)
        var (aheadLeft, passedLeft) = (0, 0)
        // Whether what is left out is one end per product, and can be counted as products.
        var oneEach = fold
        // How many more ends of its product a folded row stands for, by the row's end.
        var alsoFolded: [AnnouncedEnd: Int] = [:]
        if let limit {
            // One end stands for a product's cycles: of those ahead, the soonest; of those
            // that came, the newest that left its cycle gone (a standard end after which the
            // cycle goes on under extended support is no stranding), else the newest.
            func onePerFold(_ ends: [AnnouncedEnd], preferringGone: Bool) -> [AnnouncedEnd] {
                guard fold else { return ends }
                var standing: [String: AnnouncedEnd] = [:]
                var count: [String: Int] = [:]
                for end in ends {
                    guard let parent = foldParent(end.entity) else { continue }
                    count[parent, default: 0] += 1
                    let gone = { (end: AnnouncedEnd) in self.board.rowsByEntity[end.entity]?.gone == true }
                    if standing[parent] == nil || (preferringGone && !gone(standing[parent]!) && gone(end)) { standing[parent] = end }
                }
                for (parent, end) in standing { alsoFolded[end] = count[parent, default: 1] - 1 }
                return ends.filter { end in foldParent(end.entity).map { standing[$0] == end } ?? true }
            }
            (ahead, passed) = (onePerFold(ahead, preferringGone: false), onePerFold(passed, preferringGone: true))
            (aheadLeft, passedLeft) = (max(0, ahead.count - limit), max(0, passed.count - limit))
            for left in [ahead.dropFirst(limit), passed.dropFirst(limit)]
            where Set(left.map { foldParent($0.entity) ?? $0.entity }).count < left.count {
                oneEach = false
            }
            (ahead, passed) = (Array(ahead.prefix(limit)), Array(passed.prefix(limit)))
        }
        return EndsBoard(
            asOf: DateView(board.asOf), recentDays: SiteModel.recentEndDays,
            ahead: ahead.isEmpty ? nil : EndsBoard.Rows(rows: ahead.map { endRow($0, alsoFolded: alsoFolded[$0] ?? 0) }),
            passed: passed.isEmpty ? nil : EndsBoard.Rows(rows: passed.map { endRow($0, alsoFolded: alsoFolded[$0] ?? 0) }),
            more: Self.moreEnds(ahead: aheadLeft, passed: passedLeft, products: oneEach, views: views))
    }

    /// What an ends board leaves out, the ends ahead and those that came apart (a product can
    /// be in both): `3 more products have an end ahead, and 1 more product's end came in the
    /// last 180 days; …`.
    static func moreEnds(ahead: Int, passed: Int, products: Bool, views: String = "each vendor's view on the status page") -> String? {
        func count(_ n: Int, _ one: String, _ many: String) -> String { "\(n) more \(n == 1 ? one : many)" }
        var parts: [String] = []
        if ahead > 0 {
            parts.append(products ? count(ahead, "product has an end ahead", "products have an end ahead") : count(ahead, "end ahead", "ends ahead"))
        }
        if passed > 0 {
            let came = "came in the last \(SiteModel.recentEndDays) days"
            parts.append(products ? count(passed, "product's end \(came)", "products' ends \(came)") : count(passed, "end \(came)", "ends \(came)"))
        }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: ", and ")
            + (products ? "; \(views) lists them all." : "; the risk board below has every one.")
    }

    /// An end's row; on a board that folds release cycles, with how many more ends of the
    /// same product the row stands for (`and 3 more ends of Kubernetes`).
    func endRow(_ end: AnnouncedEnd, alsoFolded: Int) -> EndRowView {
        var row = endRow(end)
        if alsoFolded > 0, let parent = foldParent(end.entity) {
            row.alsoFolded = "and \(alsoFolded) more end\(alsoFolded == 1 ? "" : "s") of \(kb.title(of: parent) ?? parent)"
        }
        return row
    }

    func endRow(_ end: AnnouncedEnd) -> EndRowView {
        EndRowView(
            date: DateView(end.date), countdown: end.countdown(asOf: board.asOf), notice: end.notice, noticeOf: end.noticeOf,
            name: kb.title(of: end.entity) ?? end.entity, url: "entities/\(end.entity).html",
            sources: sourceLinks(board.eventSources[end.event] ?? []), citesLater: kb.citingLater.contains(end.event),
            channel: end.channel.map { channelName($0, of: end.entity) }, event: link(end.event),
            successors: foldsSaid(section(board.successors(of: end.entity)), of: end.entity))
    }

    /// What a product was folded into says so ("folded into Microsoft Teams"): its users
    /// were carried over, where a successor is moved to.
    func foldsSaid(_ section: Section?, of product: String) -> Section? {
        guard var section, let folds = board.entities[product]?.foldedInto, !folds.isEmpty else { return section }
        for i in section.items.indices where folds.contains(section.items[i].id) { section.items[i].title = "folded into " + section.items[i].title }
        return section
    }

    /// A channel's name: the entity's when it names one; with the product, its tier
    /// (`extended-support (paid)`).
    func channelName(_ channel: String, of product: String? = nil) -> String {
        ChannelTier.name(kb.title(of: channel) ?? channel, tier: product.flatMap { board.entities[$0]?.tiers[channel] })
    }

    private func position(_ row: StatusRow) -> StatusPage.Position {
        // Each position it held before its current one, from the day it took it: a point
        // where only a channel moved leaves the product where it was.
        var held: [StatusPoint] = []
        for point in row.status.points where held.last.map({ $0.availability != point.availability || $0.priority != point.priority }) ?? true {
            held.append(point)
        }
        let trail = held.dropLast().map { point in
            "\(point.date.display): \(label(point.availability)), \(label(point.priority))"
        }
        return StatusPage.Position(
            name: row.name, url: "entities/\(row.entity).html", availability: availabilityText(row.status),
            priority: label(row.status.priority?.value), cycle: leadCycle(of: row), trail: trail.joined(separator: "; "),
            successors: board.successorLine(row))
    }

    func riskRow(_ row: StatusRow, rank: Int) -> RiskRowView {
        let (first, rest, earlier) = why(row)
        return RiskRowView(
            rank: rank, name: row.name, url: "entities/\(row.entity).html",
            availability: availabilityText(row.status)
                + (row.via.isEmpty ? "" : ", via " + row.via.map { channelName($0) }.joined(separator: ", ")),
            priority: label(row.status.priority?.value), cycle: leadCycle(of: row), why: first.map { [$0] } ?? [],
            whyMore: rest.isEmpty ? nil : RiskRowView.More(label: earlier ? "Earlier moves" : "Other moves", moves: rest),
            ends: (row.nextEnd ?? row.nextClosure).map {
                CountdownView(
                    date: DateView($0.date), countdown: countdown($0),
                    // The tier as the end's own product has it (a release cycle's, folded under its product).
                    channel: $0.channel.map { [entity = $0.entity] in channelName($0, of: entity) })
            },
            successors: board.successorLine(row).map { "→ " + $0 },
            // A product that is its own vendor (an imported product, its cycles folded) is not named twice.
            vendor: row.vendor == row.entity ? nil : link(row.vendor),
            since: row.status.since.map(DateView.init), risk: row.risk.map(SiteModel.riskWords) ?? "–",
            level: row.risk.map { $0.score >= 70 ? "high" : $0.score >= 30 ? "medium" : "low" } ?? "none", hasRisk: row.risk != nil)
    }

    /// A score with its band, so that a newcomer does not read a low number as safe:
    /// "drift · 34/100", "on the way out · 87", "announced end · 100".
    static func riskWords(_ risk: PlatformRisk) -> String {
        switch risk.band {
        case .announcedEnd: "announced end · \(risk.score)"
        case .onTheWayOut: "on the way out · \(risk.score)"
        case .drift: "drift · \(risk.score)/100"
        }
    }

    /// The move that matters, then the rest newest first: an announced end still ahead, else
    /// the latest fall, else what set today's values; and whether the others all came before it.
    private func why(_ row: StatusRow) -> (first: MoveView?, rest: [MoveView], earlier: Bool) {
        // A folded row is shown as the parent, but its moves are its lead cycle's: the
        // channels' tiers are the cycle's (`status.entity`), not the parent's.
        var items = row.status.moves.reversed().map { ($0, move($0, of: row.status.entity)) }
        func before(_ date: FuzzyDate) -> Bool { items.allSatisfy { $0.0.date.endKey < date.startKey } }
        // Not a bundle's end while the product is sold another way: the risk does not weigh it.
        if let end = row.status.nextWeighedEnd(asOf: board.asOf) ?? row.status.nextWeighedClosure(asOf: board.asOf) {
            let change =
                "announced for \(end.date.display)\(end.channel.map { " (\(channelName($0, of: end.entity)))" } ?? ""), "
                + (end.extensionNoticeDays == nil && end.noticeFrom == nil
                    ? end.notice + (end.notice.hasSuffix("s") ? "' notice" : "'s notice") : end.noticeOf)
            let item = MoveView(
                date: DateView(end.announced), axis: end.kind == .end ? "end" : "sign-ups close", change: change,
                sources: sourceLinks(board.eventSources[end.event] ?? []), citesLater: kb.citingLater.contains(end.event),
                event: link(end.event))
            return (item, items.map(\.1), before(end.announced))
        }
        // The latest fall that still stands, else what set today's values, else the latest
        // move; never a bundle's.
        let at =
            items.firstIndex(where: { isFall($0.0) && !isBundleOnly($0.0, of: row) && stands($0.0, in: row) })
            ?? setter(of: row, in: items.map(\.0))
            ?? items.firstIndex(where: { !isBundleOnly($0.0, of: row) }) ?? 0
        guard at < items.count else { return (nil, [], true) }
        let first = items.remove(at: at)
        return (first.1, items.map(\.1), before(first.0.date))
    }

    /// Which of `moves` (newest first) set today's values: of the channels that hold the
    /// product's availability today, the one that has held it longest got there by its
    /// latest move (a later rise of another channel to the same value moved nothing: the
    /// board named Anvil's app, launched after its web version, while its page named the
    /// web's launch; Teams, sold on its own once its suites closed, by its own launch); the
    /// priority by its latest; the later of the two.
    private func setter(of row: StatusRow, in moves: [StatusMove]) -> Int? {
        let value = row.status.availability?.value
        let holding = row.status.channels.filter { $0.value.value == value }.keys
        let channelSetters = holding.compactMap { channel in
            moves.firstIndex { $0.axis == .availability && $0.channel == channel }.flatMap { isBundleOnly(moves[$0], of: row) ? nil : $0 }
        }
        // Items are newest first: the one held longest is the highest index.
        let availability = channelSetters.max() ?? moves.firstIndex { $0.axis == .availability && !isBundleOnly($0, of: row) }
        let priority = moves.firstIndex { $0.axis == .priority }
        return [availability, priority].compactMap { $0 }.min()
    }

    /// A move of a channel that is a way of buying (tier `bundle`) while another way of using
    /// it stays: no fall, as the risk reads it (unbundling is not decline).
    private func isBundleOnly(_ m: StatusMove, of row: StatusRow) -> Bool {
        guard let channel = m.channel else { return false }
        let tiers = board.entities[row.status.entity]?.tiers ?? [:]
        let bundles = Set(tiers.filter { $0.value == .bundle }.keys)
        return StatusTimeline.noFalls(channels: row.status.channels.keys, bundles: bundles).contains(channel)
    }

    /// Whether a fall still holds today: its axis (its channel) stands below where it fell
    /// from. A priority that fell to sunset and came back to invested is no fall now (Twilio
    /// Video's end of life, called off: the board's row read "Invested", beside "Invested →
    /// Sunset" as the move that matters); one back only to maintained from flagship still is,
    /// as the risk's recency counts it.
    private func stands(_ m: StatusMove, in row: StatusRow) -> Bool {
        let now =
            m.axis == .priority ? row.status.priority?.value : m.channel.map { row.status.channels[$0]?.value } ?? row.status.availability?.value
        guard let now, let from = m.from, let today = board.scales.rank(now, on: m.axis), let was = board.scales.rank(from, on: m.axis) else {
            return true
        }
        return today > was
    }

    private func isFall(_ m: StatusMove) -> Bool {
        guard let from = m.from, let was = board.scales.rank(from, on: m.axis), let now = board.scales.rank(m.to, on: m.axis) else { return false }
        return now > was
    }

    private func move(_ m: StatusMove, of product: String) -> MoveView {
        let change = m.from.map { "\(label($0)) → \(label(m.to))" } ?? label(m.to)
        let axis = m.axis == .availability ? "availability" + (m.channel.map { " (\(channelName($0, of: product)))" } ?? "") : "priority"
        return MoveView(
            date: DateView(m.date), axis: axis, change: change, sources: sourceLinks(board.eventSources[m.event] ?? []),
            citesLater: kb.citingLater.contains(m.event), event: link(m.event))
    }

    /// An entity's current status and history chart, when it has one.
    func entityStatus(_ id: String) -> EntityStatusView? {
        guard let row = statusRows[id] else { return nil }
        let charts = [HistoryChart.Size.wide, .narrow].map {
            HistoryChart(
                status: row.status, name: row.name, scales: board.scales, asOf: board.asOf, eventTitles: eventTitles,
                // Named as the page names them: a channel that is an entity by its name.
                channelName: { channelName($0, of: id) }, size: $0
            ).svg
        }
        func setBy(_ setting: AxisSetting?) -> LinkView? {
            guard let setting, var event = link(setting.event) else { return nil }
            event.sources = sourceLinks(board.eventSources[setting.event] ?? [])
            event.citesLater = kb.citingLater.contains(setting.event)
            return event
        }
        return EntityStatusView(
            row: riskRow(row, rank: 0), chart: charts.joined(separator: "\n"), asOf: DateView(board.asOf), gone: row.gone,
            availabilitySetBy: setBy(row.status.availability), prioritySetBy: setBy(row.status.priority), vendorView: "status/\(row.vendor).html",
            announcedEnds: row.status.ends.isEmpty ? nil : EntityStatusView.Ends(rows: row.status.ends.map(endRow)),
            announcedClosures: row.status.closures.isEmpty
                ? nil
                : EntityStatusView.Ends(
                    rows: row.status.closures.map { closure in
                        // Open again since, as `vane show` says (the page read as if still closed).
                        var view = endRow(closure)
                        if row.status.reopened(after: closure, asOf: board.asOf, scales: board.scales) { view.countdown += ", open again now" }
                        return view
                    }), reading: reading(row)
        )
    }

    /// The position in words: "Still open weights, but no longer Meta's bet since April 2026
    /// (deprioritized)."
    func reading(_ row: StatusRow) -> String? {
        guard !row.gone, let a = row.status.availability else { return nil }
        let vendor = row.vendor == row.entity ? "its maker" : board.entities[row.vendor]?.name ?? row.vendor
        let available = board.scales.inSentence(a.value)
        if let end = row.nextEnd {
            let after = channelsAfter(end, of: row)
            guard let channel = end.channel, !after.isEmpty else {
                // Through some channels alone (Windows 10's paid updates once standard support
                // ended): said, as the boards name the channel (it read as the whole product's).
                let left = row.status.channels.filter { !board.scales.isGone($0.value.value) }.keys.sorted()
                let through =
                    !left.isEmpty && left.count < row.status.channels.count
                    ? " through \(Self.inWords(left.map { channelName($0, of: row.entity) })) alone" : ""
                return "Still \(available)\(through), until \(end.date.display): the end is announced, with \(end.noticeOf)."
            }
            // One channel's end is not the product's: Windows 10's standard support ends, its paid updates go on.
            let names = after.map { channelName($0, of: row.entity) }
            return "Still \(available); \(channelName(channel, of: row.entity)) ends \(end.date.onDisplay), announced with \(end.noticeOf), "
                + "and \(Self.inWords(names)) \(names.count == 1 ? "goes" : "go") on after it."
        }
        // Past its standard end, on extended support with no end announced (Node.js 18): it
        // read "Generally available, and maintained: no end ahead", where the exposure said
        // it stands by extended support alone.
        if let came = ExposureBoard.cameOnAChannel(
            row.status, asOf: board.asOf, scales: board.scales, tiers: board.entities[row.entity]?.tiers ?? [:])
        {
            let left = row.status.channels.filter { !board.scales.isGone($0.value.value) }.keys.sorted()
            let ended = came.channel.map { channelName($0, of: row.entity) } ?? "standard support"
            return "Still \(available) through \(Self.inWords(left.map { channelName($0, of: row.entity) })) alone, with no end announced: "
                + "\(ended) ended \(came.date.onDisplay)."
        }
        // No priority recorded (an import's cycle): what it is, without a bet to weigh.
        guard let p = row.status.priority else {
            return "\(label(a.value)), with no priority recorded: \(row.status.ends.isEmpty ? "no end announced" : "no end ahead")."
        }
        let priority = board.scales.inSentence(p.value)
        if PositionChart.inZone(a.value, p.value, scales: board.scales) {
            // "Meta's bet", "Amazon Web Services' bet".
            let whose = vendor.lowercased().hasSuffix("s") ? vendor + "'" : vendor + "'s"
            return "Still \(available), but no longer \(whose) bet since \(p.date.display) (\(priority))."
        }
        if row.risk?.band == .onTheWayOut {
            // Said for what put it there: sign-ups closing (it read "maintained since …"
            // of a product whose priority alone is drift), its availability, or its priority.
            if let closure = row.status.nextWeighedClosure(asOf: board.asOf) {
                let channel = closure.channel.map { " (\(channelName($0, of: row.entity)))" } ?? ""
                return
                    "Still \(available), but on the way out: sign-ups close on \(closure.date.display)\(channel), announced with \(closure.noticeOf)."
            }
            if board.scales.isWindingDown(a.value) {
                return "Still usable, but on the way out: \(available) since \(a.date.display)."
            }
            return "Still usable (\(available)), but on the way out: \(priority) since \(p.date.display)."
        }
        // A channel's end that came is listed below: none is announced that lies ahead.
        return "\(label(a.value)), and \(priority) for \(vendor): \(row.status.ends.isEmpty ? "no end announced" : "no end ahead")."
    }

    /// The product's channels still available after `end` (a channel's): not at the bottom
    /// of the scale, and with no end of their own by then.
    func channelsAfter(_ end: AnnouncedEnd, of row: StatusRow) -> [String] {
        guard let bottom = board.scales.availability.last else { return [] }
        return row.status.channels.keys.sorted().filter { channel in
            guard channel != end.channel, row.status.channels[channel]?.value != bottom else { return false }
            let own = row.status.ends.filter { $0.channel == channel || $0.channel == nil }
            return own.allSatisfy { $0.date.startKey > end.date.startKey || $0.date.endDay < board.asOf.startDay }
        }
    }

    /// "a", "a and b", "a, b and c".
    static func inWords(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    /// Links to sources labelled by publisher, short enough for a table cell.
    /// Citations named by publisher ("[OpenAI]"); two of one publisher are told apart by their
    /// dates ("[OpenAI, 3 May 2026]"), or else by their titles; one without a publisher by its title.
    func sourceLinks(_ ids: [String]) -> [LinkView] {
        let sources = ids.compactMap { kb.entry($0) }
        let names = sources.map { publisherName($0).isEmpty ? $0.title : publisherName($0) }
        return zip(sources, names).compactMap { source, name in
            guard var item = link(source.id) else { return nil }
            let same = zip(sources, names).filter { $0.1 == name }.map(\.0)
            if same.count == 1 {
                item.title = name
            } else if let date = source.date, same.filter({ $0.date?.text == date.text }).count == 1 {
                item.title = "\(name), \(date.display)"
            } else {
                item.title = name == source.title ? name : "\(name): \(source.title)"
            }
            return item
        }
    }

    func label(_ value: String?) -> String { value.map(board.scales.label) ?? "unknown" }

    func availabilityText(_ status: EntityStatus) -> String {
        var text = label(status.availability?.value)
        // Channels are worth naming when they stand apart (a folded row's are its lead
        // cycle's, which the row names before them: `RiskRowView.cycle`).
        if Set(status.channels.values.map(\.value)).count > 1 || status.channels.values.contains(where: { $0.value != status.availability?.value }) {
            let channels = status.channels.keys.sorted().map {
                "\(channelName($0, of: status.entity)): \(board.scales.inSentence(status.channels[$0]!.value))"
            }
            text += " (" + channels.joined(separator: ", ") + ")"
        }
        return text
    }

    /// The cycle a row folded under its product stands for, by its own name (without the
    /// product's, where it begins with it: `v21.0`); nil for a row of its own, and for one
    /// already named for the cycle (the chart's data: "Kubernetes 1.30 | Kubernetes 1.30: …").
    func leadCycle(of row: StatusRow) -> String? {
        guard row.entity != row.status.entity else { return nil }
        let cycle = SiteModel.name(board.entities[row.status.entity]?.name ?? row.status.entity, without: row.name)
        return cycle == row.name ? nil : cycle
    }
}
