import VaneContent

/// An announced end as `vane ends` and `vane status --format json` print it.
public struct EndReport: Encodable, Sendable {
    /// `end`, or `closure` (sign-ups close).
    public var kind: String
    public var entity: String
    public var name: String
    /// Nil when the whole product ends (printed as JSON `null`).
    public var channel: String?
    /// The channel's support tier (`paid`, `extended`), when it has one.
    public var channelTier: String?
    /// The product's release cycle facts, when it is one.
    public var cycle: CycleFacts?
    public var date: String
    public var datePrecision: String
    /// From the as-of day to the start of the end; negative once it has passed.
    public var daysLeft: Int
    /// From the first announcement of an end no later than this one.
    public var noticeDays: Int
    /// The first announcement, and the announcement in force (an extension) with its own
    /// notice when they differ (`null` otherwise).
    public var firstAnnounced: String
    public var firstEvent: String
    public var announced: String
    public var extensionNoticeDays: Int?
    /// Either date is coarser than a day: the counts are approximate.
    public var approximate: Bool
    public var event: String
    public var sources: [String]
    public var successors: [String]
    /// The recorded retirement that met the end, and how many days after (or before) it.
    public var retiredBy: String?
    public var retired: String?
    public var slipDays: Int?
    /// `4 days left`, `ended 3 days early`…
    public var countdown: String

    public init(_ end: AnnouncedEnd, board: StatusBoard) {
        kind = end.kind.rawValue
        entity = end.entity
        name = board.entities[end.entity]?.name ?? end.entity
        channel = end.channel
        channelTier = end.channel.flatMap { board.entities[end.entity]?.tiers[$0]?.rawValue }
        cycle = board.entities[end.entity]?.cycle
        date = end.date.text
        datePrecision = end.date.precision.rawValue
        daysLeft = end.daysLeft(asOf: board.asOf)
        noticeDays = end.noticeDays
        firstAnnounced = end.firstAnnounced.text
        firstEvent = end.firstEvent
        announced = end.announced.text
        extensionNoticeDays = end.extensionNoticeDays
        approximate = end.approximate
        event = end.event
        sources = board.eventSources[end.event] ?? []
        successors = board.entities[end.entity]?.successors ?? []
        retiredBy = end.retiredBy
        retired = end.retired?.text
        slipDays = end.slip
        countdown = end.countdown(asOf: board.asOf)
    }

    enum CodingKeys: String, CodingKey {
        case kind, entity, name, channel, channelTier, cycle, date, datePrecision, daysLeft, noticeDays, firstAnnounced, firstEvent, announced,
            extensionNoticeDays,
            approximate, event, sources, successors, retiredBy, retired, slipDays, countdown
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(entity, forKey: .entity)
        try c.encode(name, forKey: .name)
        try c.encode(channel, forKey: .channel)  // null for the whole product, never left out
        try c.encodeIfPresent(channelTier, forKey: .channelTier)
        try c.encode(date, forKey: .date)
        try c.encode(datePrecision, forKey: .datePrecision)
        try c.encode(daysLeft, forKey: .daysLeft)
        try c.encode(noticeDays, forKey: .noticeDays)
        try c.encode(firstAnnounced, forKey: .firstAnnounced)
        try c.encode(firstEvent, forKey: .firstEvent)
        try c.encode(announced, forKey: .announced)
        try c.encode(extensionNoticeDays, forKey: .extensionNoticeDays)
        try c.encode(approximate, forKey: .approximate)
        try c.encode(event, forKey: .event)
        try c.encode(sources, forKey: .sources)
        try c.encode(successors, forKey: .successors)
        try c.encodeIfPresent(retiredBy, forKey: .retiredBy)
        try c.encodeIfPresent(retired, forKey: .retired)
        try c.encodeIfPresent(slipDays, forKey: .slipDays)
        try c.encode(countdown, forKey: .countdown)
        try c.encodeIfPresent(cycle, forKey: .cycle)
    }
}

extension StatusBoard {
    /// `vane ends` as a table: ahead first by date, as the countdown reads.
    public func endsTable(_ ends: [AnnouncedEnd], for format: OutputFormat) -> TextTable {
        if format == .csv {
            let headers = [
                "entity", "channel", "date", "date_precision", "days_left", "notice_days", "approximate", "event", "sources", "successors",
            ]
            return TextTable(
                headers: headers,
                rows: ends.map { end in
                    let r = EndReport(end, board: self)
                    return [
                        r.entity, r.channel ?? "", r.date, r.datePrecision, String(r.daysLeft), String(r.noticeDays), r.approximate ? "1" : "0",
                        r.event, r.sources.joined(separator: ";"), r.successors.joined(separator: ";"),
                    ]
                })
        }
        return TextTable(
            headers: ["ENDS", "COUNTDOWN", "ENTITY", "CHANNEL", "NOTICE", "SUCCESSORS", "ANNOUNCED BY"],
            rows: ends.map { end in
                [
                    end.date.display, end.countdown(asOf: asOf), end.entity, end.channel.map { channelName($0, of: end.entity) } ?? "-", end.notice,
                    (entities[end.entity]?.successors ?? []).joined(separator: ", ").nonEmpty ?? "-", end.event,
                ]
            })
    }
}

extension StatusBoard {
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
