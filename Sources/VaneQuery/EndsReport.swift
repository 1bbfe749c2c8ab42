import VaneContent

/// An announced end as `vane ends` and `vane status --format json` print it.
public struct EndReport: Encodable, Sendable {
    /// `end`, or `closure` (sign-ups close).
    public var kind: String
    public var entity: String
    public var name: String
    /// Nil when the whole product ends (printed as JSON `null`).
    @Null public var channel: String?
    /// The channel's support tier (`paid`, `extended`), when it has one.
    @Null public var channelTier: String?
    /// The product's release cycle facts, when it is one.
    @Null public var cycle: CycleFacts?
    public var date: JSONDate
    /// From the as-of day to the start of the end; negative once it has passed.
    public var daysLeft: Int
    /// From the first announcement of an end no later than this one.
    public var noticeDays: Int
    /// The first announcement, and the announcement in force (an extension) with its own
    /// notice when they differ (`null` otherwise).
    public var firstAnnounced: JSONDate
    public var firstEvent: String
    public var announced: JSONDate
    @Null public var extensionNoticeDays: Int?
    /// Either date is coarser than a day: the counts are approximate.
    public var approximate: Bool
    public var event: String
    public var sources: [String]
    public var successors: [String]
    /// Those of `successors` the product was folded into (its users carried over).
    public var foldedInto: [String]
    /// The recorded retirement that met the end, and how many days after (or before) it.
    @Null public var retiredBy: String?
    @Null public var retired: JSONDate?
    @Null public var slipDays: Int?
    /// `4 days left`, `ended 3 days early`…
    public var countdown: String

    public init(_ end: AnnouncedEnd, board: StatusBoard) {
        kind = end.kind.rawValue
        entity = end.entity
        name = board.entities[end.entity]?.name ?? end.entity
        channel = end.channel
        channelTier = end.channel.flatMap { board.entities[end.entity]?.tiers[$0]?.rawValue }
        cycle = board.entities[end.entity]?.cycle
        date = JSONDate(end.date)
        daysLeft = end.daysLeft(asOf: board.asOf)
        noticeDays = end.noticeDays
        firstAnnounced = JSONDate(end.firstAnnounced)
        firstEvent = end.firstEvent
        announced = JSONDate(end.announced)
        extensionNoticeDays = end.extensionNoticeDays
        approximate = end.approximate
        event = end.event
        sources = board.eventSources[end.event] ?? []
        successors = board.successors(of: end.entity)
        foldedInto = successors.filter { board.entities[end.entity]?.foldedInto.contains($0) ?? false }
        retiredBy = end.retiredBy
        retired = end.retired.map(JSONDate.init)
        slipDays = end.slip
        countdown = end.countdown(asOf: board.asOf)
    }

}

extension StatusBoard {
    /// `vane ends` as a table: ahead first by date, as the countdown reads.
    public func endsTable(_ ends: [AnnouncedEnd], for format: OutputFormat) -> TextTable {
        if format == .csv {
            let headers = [
                "entity", "channel", "channel_tier", "date", "date_precision", "days_left", "notice_days", "approximate", "event", "sources",
                "successors",
            ]
            return TextTable(
                headers: headers,
                rows: ends.map { end in
                    let r = EndReport(end, board: self)
                    return [
                        r.entity, r.channel ?? "", r.channelTier ?? "", end.date.text, end.date.precision.rawValue, String(r.daysLeft),
                        String(r.noticeDays),
                        r.approximate ? "1" : "0",
                        r.event, r.sources.joined(separator: ";"), r.successors.joined(separator: ";"),
                    ]
                })
        }
        return TextTable(
            headers: ["ENDS", "COUNTDOWN", "ENTITY", "CHANNEL", "NOTICE", "SUCCESSORS", "ANNOUNCED BY", "SOURCES"],
            rows: ends.map { end in
                [
                    end.date.display, end.countdown(asOf: asOf), end.entity, end.channel.map { channelName($0, of: end.entity) } ?? "-", end.notice,
                    successorIDs(of: end.entity).joined(separator: ", ").nonEmpty ?? "-", end.event,
                    (eventSources[end.event] ?? []).joined(separator: ", ").nonEmpty ?? "-",
                ]
            })
    }
}

extension StatusBoard {
    /// The ids of what replaces `product`, a fold said so: `teams-free (folded into)`.
    func successorIDs(of product: String) -> [String] {
        let folds = entities[product]?.foldedInto ?? []
        return successors(of: product).map { folds.contains($0) ? "\($0) (folded into)" : $0 }
    }

    /// ` (api)`, ` (extended-support (paid))`: the channel of an end after its date; empty
    /// for the whole product.
    func channelSuffix(_ end: AnnouncedEnd) -> String {
        end.channel.map { " (\(channelName($0, of: end.entity)))" } ?? ""
    }
}

extension String {
    /// Nil for the empty string, so `?? "-"` fills an empty cell.
    var nonEmpty: String? { isEmpty ? nil : self }
}
