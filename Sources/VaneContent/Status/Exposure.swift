import VaneDiagnostics

/// What the exposure board needs to know of a use.
public struct UseInfo: Sendable, Hashable {
    public var id: String
    public var title: String
    /// The product, model or release cycle used (an entity id).
    public var product: String
    public var team: String?
    public var criticality: Criticality
    public var version: String?
    public var since: FuzzyDate?
    /// The day the use ended (a migration done); nil while it goes on.
    public var until: FuzzyDate?
    public var plan: String?
    public var planDate: FuzzyDate?
    /// The tool that wrote it (`sbom`); nil when written by hand.
    public var generated: String?
    /// The one channel of the product it depends on (`free`); nil for the product.
    public var channel: String?
    /// Written without a title: named after its product (and team), by the name the product
    /// has on the board's day.
    public var namedAfterProduct = false

    public init(
        id: String, title: String, product: String, team: String? = nil, criticality: Criticality = .medium, version: String? = nil,
        since: FuzzyDate? = nil, plan: String? = nil, planDate: FuzzyDate? = nil, generated: String? = nil
    ) {
        (self.id, self.title, self.product, self.team, self.criticality) = (id, title, product, team, criticality)
        (self.version, self.since, self.plan, self.planDate, self.generated) = (version, since, plan, planDate, generated)
    }

    /// Reads a use entry; nil for the other kinds or when its product did not resolve.
    public init?(_ e: Entry, product: String?) {
        guard let facts = e.use, let product else { return nil }
        var generated: String?
        if case .text(let tool) = e.extra["generated"] { generated = tool }
        self.init(
            id: e.id, title: e.title, product: product, team: facts.team, criticality: facts.criticality, version: facts.version,
            since: e.date, plan: facts.plan, planDate: facts.planDate, generated: generated)
        namedAfterProduct = facts.untitled
        channel = facts.channel?.text
        until = e.endDate
    }

    /// Whether it had ended by the end of `day`'s period: then it is no exposure.
    public func ended(by day: FuzzyDate) -> Bool { UseFacts.ended(until, by: day) }

    /// Whether it had begun by the end of `day`'s period (a use with no `since` always had).
    public func begun(by day: FuzzyDate) -> Bool { since.map { $0.startKey <= day.endKey } ?? true }
}

/// One use on the exposure board: the product's standing on the status board, seen from us.
public struct ExposureRow: Sendable, Hashable {
    /// The bands in the order they are listed: what already stranded us, then the risk
    /// board's three bands, then what the board has no status for.
    public enum Band: String, Sendable, Hashable, Codable, CaseIterable {
        case gone
        case announcedEnd = "announced-end"
        case onTheWayOut = "on-the-way-out"
        case drift
        case untracked

        /// The band in words, for pages: "announced end", "not tracked".
        public var words: String {
            switch self {
            case .gone: "gone"
            case .announcedEnd: "announced end"
            case .onTheWayOut: "on the way out"
            case .drift: "drift"
            case .untracked: "not tracked"
            }
        }
    }

    public var use: UseInfo
    public var productName: String
    public var vendor: String
    public var band: Band
    /// The product's platform risk (0–100); nil when gone or untracked.
    public var risk: Int?
    /// The risk weighed by criticality: `round(risk × weight)` (critical 1, high 0.85,
    /// medium 0.7, low 0.5).
    public var exposure: Int?
    /// The end that strands us, still ahead as of the board's day; for what is gone, the
    /// last end that came; with no end ahead, the last that came on a channel now gone.
    public var end: AnnouncedEnd?
    public var daysLeft: Int?
    /// Days the plan finishes after the end (positive: late); nil without both.
    public var planLate: Int?
    /// With no end to count down to, the soonest announced closure of sign-ups still ahead
    /// (of the use's channel, for a use of one): the day that puts it on its way out, as
    /// `vane status` shows it under its ends. A closure strands no one who holds the product,
    /// so no plan is late for it.
    public var closure: AnnouncedEnd?
    /// The closure's days left as of the board's day.
    public var closureDaysLeft: Int?
    /// The end the row counts down to, else the closure: what the table's ENDS and the pages show.
    public var shownEnd: AnnouncedEnd? { end ?? closure }

    /// `84`, or `about 84` when the end or the plan's date is coarser than a day: as the
    /// days left read (a plan "183 days late" beside an end of `~2023-Q3`).
    public var planLateText: String? {
        guard let planLate, planLate > 0 else { return nil }
        let approximate = end?.approximateDate == true || use.planDate.map { $0.precision != .day || $0.approximate } == true
        return (approximate ? "about " : "") + String(planLate)
    }
    /// Where the product stands (`Deprecated · Sunset`); nil when untracked.
    public var position: String?
    /// What replaces it, each with its position.
    public var successors: [String]
    public var successorLine: String?
}

/// Our uses ranked as the status board ranks products, in bands: what is already gone
/// first, then announced ends, on the way out, drift, and uses of what has no platform
/// risk; within a band by the end's date (soonest ahead, or longest gone), then exposure
/// (highest first), then the more critical use, then the id.
public struct ExposureBoard: Sendable {
    public var board: StatusBoard
    public var rows: [ExposureRow]

    public init(board: StatusBoard, uses: [UseInfo], team: String? = nil) {
        self.board = board
        let asOf = board.asOf
        // A use that had not begun by the day is no exposure then (a site as of it leaves
        // the use out too), nor one that had ended.
        rows = uses.filter {
            (team == nil || $0.team == team) && $0.begun(by: asOf) && !$0.ended(by: asOf)
        }.map { use in
            let row = board.rowsByEntity[use.product]
            let info = board.entities[use.product]
            var use = use
            if use.namedAfterProduct, let name = info?.name {
                let channel = use.channel.map { board.entities[$0]?.name ?? $0 }
                use.title = UseFacts.title(product: name, team: use.team, channel: channel)
            }
            if let channel = use.channel, let row {
                return ExposureBoard.row(of: use, channel: channel, row, board: board)
            }
            // For what is gone, the end that came (its days left are negative); with no end
            // ahead, one that came on a channel now gone (standard support, while extended
            // support goes on with no end): its users already stand past it.
            let pastStandard = row.flatMap {
                $0.gone ? nil : ExposureBoard.cameOnAChannel($0.status, asOf: asOf, scales: board.scales, tiers: info?.tiers ?? [:])
            }
            // Of what stands only by extended support, the end of that support when one is
            // announced (Spring Boot 2.7's, 2029), else the standard end that came.
            let end = row.flatMap {
                $0.gone
                    ? ExposureBoard.came($0.status, asOf: asOf) ?? ExposureBoard.unannounced($0.status.availability, of: use.product, channel: nil)
                    : $0.nextEnd ?? pastStandard
            }
            let band: ExposureRow.Band =
                switch (row?.gone, row?.risk?.band) {
                case (true?, _): .gone
                // What stands only by support beyond the standard term ranks by the end of that
                // support when one is announced, else by the standard end that came, before
                // every end still ahead: whatever its priority (with one it drifted, with none,
                // OpenSSL 1.1.1 from endoflife.date, it ranked last), and a use ranked first the
                // day before its standard end fell below ends years ahead on that day.
                case _ where pastStandard != nil: .announcedEnd
                case (_, .announcedEnd?): .announcedEnd
                case (_, .onTheWayOut?): .onTheWayOut
                case (_, .drift?): .drift
                default: .untracked
                }
            let chain = StatusBoard.ancestors(of: use.product, in: board.entities)
            let risk = row?.risk?.score
            // Not a bundle's closure while the product is sold another way: it weighs nothing.
            let closure = end == nil && row?.gone == false ? row?.status.nextWeighedClosure(asOf: asOf) : nil
            return ExposureRow(
                use: use, productName: info?.name ?? use.product, vendor: chain.last ?? use.product, band: band, risk: risk,
                exposure: risk.map { ($0 * use.criticality.weightPercent + 50) / 100 }, end: end,
                daysLeft: end.map { ExposureBoard.strandedDay($0) - asOf.endDay },
                planLate: ExposureBoard.planLate(use, end), closure: closure, closureDaysLeft: closure?.daysLeft(asOf: asOf),
                position: board.position(of: use.product),
                successors: row.map(\.successors) ?? info?.successors ?? [],
                successorLine: row.flatMap(board.successorLine))
        }.sorted(by: ExposureBoard.ranks)
    }

    /// A use of one channel: gone when the channel is, its end the channel's own or the whole
    /// product's; with neither ahead, an end announced on another channel leaves the product
    /// on its way out, not this use's end (a paid plan while the free tier ends).
    static func row(of use: UseInfo, channel: String, _ row: StatusRow, board: StatusBoard) -> ExposureRow {
        let asOf = board.asOf
        let status = row.status
        let gone = row.gone || status.channels[channel].map { board.scales.isGone($0.value) } == true
        let end =
            gone
            ? came(status, asOf: asOf, channel: channel)
                // A channel never offered stands as the product does: the end that took it
                // (it read the product's retirement, with no notice).
                ?? (status.channels[channel] == nil ? came(status, asOf: asOf) : nil)
                ?? unannounced(
                    status.channels[channel] ?? status.availability, of: use.product, channel: status.channels[channel] == nil ? nil : channel)
            : status.nextEnd(asOf: asOf, channel: channel)
        // A bundle's sign-ups closing is no fall (customers who hold it renew it; others buy
        // the product another way): a use of the bundle drifts with the product, and does not
        // count down to it.
        let bundle = board.entities[use.product]?.tiers[channel] == .bundle
        let channelClosure = bundle ? nil : status.nextClosure(asOf: asOf, channel: channel)
        let band: ExposureRow.Band
        if gone {
            band = .gone
        } else if end != nil {
            band = .announcedEnd
        } else {
            // The channel's own standing: deprecated or closed to new customers, or with a
            // closure announced, it is on its way out while the product's other channels drift.
            let value = status.channels[channel]?.value
            let windingDown =
                value.map { board.scales.isWindingDown($0) && !(bundle && $0 == board.scales.closed) } == true
                || channelClosure != nil
            switch row.risk?.band {
            case .announcedEnd?, .onTheWayOut?: band = .onTheWayOut
            case .drift?: band = windingDown ? .onTheWayOut : .drift
            default: band = .untracked
            }
        }
        let info = board.entities[use.product]
        let risk = gone ? nil : row.risk?.score
        let chain = StatusBoard.ancestors(of: use.product, in: board.entities)
        let closure = gone || end != nil ? nil : channelClosure
        return ExposureRow(
            use: use, productName: (info?.name ?? use.product) + " · " + board.channelTitle(channel, of: use.product),
            vendor: chain.last ?? use.product,
            band: band, risk: risk,
            exposure: risk.map { ($0 * use.criticality.weightPercent + 50) / 100 }, end: end,
            daysLeft: end.map { ExposureBoard.strandedDay($0) - asOf.endDay }, planLate: planLate(use, end), closure: closure,
            closureDaysLeft: closure?.daysLeft(asOf: asOf),
            position: board.position(of: use.product, channel: channel), successors: row.successors,
            successorLine: board.successorLine(row.successors, of: row.entity, channel: channel))
    }

    /// What went with no end announced (Google Domains, GPT-4o taken out of ChatGPT
    /// overnight): its retirement, as an end of no notice met on its day, so that the use
    /// reads when it was stranded, ranks by it, and its plan is late from then (it was gone
    /// with no date).
    static func unannounced(_ retired: AxisSetting?, of product: String, channel: String?) -> AnnouncedEnd? {
        guard let retired else { return nil }
        // Not met by a retirement: it is one ("ended as announced" was said of it).
        return AnnouncedEnd(
            entity: product, channel: channel, date: retired.date, event: retired.event, announced: retired.date,
            location: .top(of: ""))
    }

    /// The first day a use stands past an end: the end's, or for one a retirement met (early,
    /// or late), the day the product went (a row gone 11 days early read 6 days left).
    static func strandedDay(_ end: AnnouncedEnd) -> Int { (end.retired ?? end.date).startDay }

    /// Days the plan finishes after the use is stranded (positive: late); nil without both.
    static func planLate(_ use: UseInfo, _ end: AnnouncedEnd?) -> Int? {
        guard let end, let plan = use.planDate else { return nil }
        return plan.endDay - strandedDay(end)
    }

    static func ranks(_ a: ExposureRow, _ b: ExposureRow) -> Bool {
        let order = ExposureRow.Band.allCases
        let (ba, bb) = (order.firstIndex(of: a.band)!, order.firstIndex(of: b.band)!)
        if ba != bb { return ba < bb }
        // The day each use was stranded: for an end a retirement met, the day it went.
        let (ea, eb) = (a.end.map { ($0.retired ?? $0.date).startKey } ?? .max, b.end.map { ($0.retired ?? $0.date).startKey } ?? .max)
        if ea != eb { return ea < eb }
        // Of ends starting together, the exact date first (as the countdown ranks them).
        let (pa, pb) = (a.end.map { ($0.retired ?? $0.date).precision.rank } ?? 0, b.end.map { ($0.retired ?? $0.date).precision.rank } ?? 0)
        if pa != pb { return pa > pb }
        let (xa, xb) = (a.exposure ?? -1, b.exposure ?? -1)
        if xa != xb { return xa > xb }
        if a.use.criticality != b.use.criticality { return a.use.criticality < b.use.criticality }
        return a.use.id < b.use.id
    }

    /// The last announced end that came by `asOf`: of the product, or of one channel (its
    /// own, or the whole product's).
    /// A channel gone before a later whole-product end came is stranded by the end that took
    /// it, not by the later one.
    static func came(_ status: EntityStatus, asOf: FuzzyDate, channel: String? = nil) -> AnnouncedEnd? {
        let came = status.ends.filter { end in !end.isAhead(asOf: asOf) && (channel.map(end.covers) ?? true) }
        let latest = { (ends: [AnnouncedEnd]) in ends.max { $0.date.startKey < $1.date.startKey } }
        guard let channel, let went = status.channels[channel]?.date else { return latest(came) }
        return latest(came.filter { ($0.retired ?? $0.date).startKey <= went.startKey }) ?? latest(came)
    }

    /// The last end that came by `asOf` on a channel that is gone now, when what is left is
    /// support beyond the standard term (channels of tier `extended` or `paid`): its users
    /// stand past the end of standard support. A product still offered another ordinary way
    /// (GPT-4o's API after it left ChatGPT) has no such end.
    public static func cameOnAChannel(_ status: EntityStatus, asOf: FuzzyDate, scales: StatusScales, tiers: [String: ChannelTier]) -> AnnouncedEnd? {
        let left = status.channels.filter { !scales.isGone($0.value.value) }.keys
        guard !left.isEmpty, left.allSatisfy({ tiers[$0] == .extended || tiers[$0] == .paid }) else { return nil }
        return status.ends.filter { end in
            guard let channel = end.channel, !end.isAhead(asOf: asOf), let now = status.channels[channel]?.value else { return false }
            return scales.isGone(now)
        }.max { $0.date.startKey < $1.date.startKey }
    }

    /// Every use of a loaded knowledge base whose product resolved.
    public static func uses(of kb: KnowledgeBase) -> [UseInfo] {
        let products = Dictionary(kb.edges.pairs { $0 == .uses }, uniquingKeysWith: { a, _ in a })
        return kb.entries(of: .use).compactMap { UseInfo($0, product: products[$0.id]) }
    }

    /// The teams that own uses, each once, in order.
    public static func teams(_ uses: [UseInfo]) -> [String] { Array(Set(uses.compactMap(\.team))).sorted() }
}
