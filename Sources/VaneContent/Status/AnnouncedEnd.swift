import VaneDiagnostics

/// An end of availability announced by an event (`ends: 2024-01-04`), for a product or one
/// of its channels, with what became of it.
public struct AnnouncedEnd: Sendable, Hashable, Codable {
    public var entity: String
    /// The channel that ends; nil when the whole product does.
    public var channel: String?
    /// The announced end.
    public var date: FuzzyDate
    /// The announcing event and its date.
    public var event: String
    public var announced: FuzzyDate
    public var location: SourceLocation
    /// The recorded retirement that met the end, early, on the day or late; nil when none
    /// did (the end is still ahead, or came and retired the product itself).
    public var retiredBy: String?
    public var retired: FuzzyDate?

    /// Days from the start of the announcing event's date to the start of the end.
    public var noticeDays: Int { date.startDay - announced.startDay }

    /// Whether the counts of days are approximate: one of the dates is coarser than a day
    /// or marked `~`.
    public var approximate: Bool {
        date.precision != .day || announced.precision != .day || date.approximate || announced.approximate
    }

    /// Days from the as-of day (the last day of its period) to the start of the end;
    /// negative once it has passed.
    public func daysLeft(asOf: FuzzyDate) -> Int { date.startDay - asOf.endDay }

    /// Not yet come at the end of the `asOf` period, and not met by a retirement.
    public func isAhead(asOf: FuzzyDate) -> Bool { retired == nil && date.startKey > asOf.endKey }

    /// Days the recorded retirement came after (positive) or before (negative) the announced end.
    public var slip: Int? { retired.map { $0.startDay - date.startDay } }

    /// The fall to the bottom of the scale this end makes when it comes.
    func retirement(bottom: String) -> StatusChange {
        StatusChange(event: event, entity: entity, axis: .availability, channel: channel, value: bottom, date: date, location: location)
    }
}

/// Which announced ends stand, from one entity's changes in force, in order.
enum EndSchedule {
    static func resolve(_ changes: [StatusChange], bottom: String) -> [AnnouncedEnd] {
        let whole = "*"
        var active: [String: AnnouncedEnd] = [:]
        var resolved: [AnnouncedEnd] = []
        for change in changes {
            switch change.axis {
            case .ends:
                let key = change.channel ?? whole
                // An end that came before the new announcement stands; one still ahead is replaced.
                if let old = active[key], old.date.startKey <= change.date.startKey { resolved.append(old) }
                active[key] = (try? FuzzyDate(parsing: change.value)).map {
                    AnnouncedEnd(
                        entity: change.entity, channel: change.channel, date: $0, event: change.event, announced: change.date,
                        location: change.location)
                }
            case .availability where change.value == bottom:
                // A recorded retirement meets the ends it covers: a whole product's, all of them.
                for key in change.channel.map({ [$0] }) ?? Array(active.keys) {
                    guard var end = active.removeValue(forKey: key) else { continue }
                    (end.retiredBy, end.retired) = (change.event, change.date)
                    resolved.append(end)
                }
            default: continue
            }
        }
        return (resolved + active.values).sorted { ($0.date.startKey, $0.channel ?? "", $0.event) < ($1.date.startKey, $1.channel ?? "", $1.event) }
    }
}

extension AnnouncedEnd {
    /// `4 days`, `1 day`, `about 120 days`: a count of days as a reader sees it.
    public static func days(_ n: Int, approximate: Bool) -> String {
        (approximate ? "about " : "") + "\(n) day\(abs(n) == 1 ? "" : "s")"
    }

    /// `182 days` of notice (or `about 120 days`).
    public var notice: String { AnnouncedEnd.days(noticeDays, approximate: approximate) }

    /// `4 days left`, `today`, `ended 96 days ago`, or for a met end `ended 3 days early`.
    public func countdown(asOf: FuzzyDate) -> String {
        if let slip, let retired {
            let when =
                slip == 0
                ? "on the day announced"
                : AnnouncedEnd.days(abs(slip), approximate: approximate || retired.precision != .day) + (slip < 0 ? " early" : " late")
            return "ended \(when)"
        }
        let left = daysLeft(asOf: asOf)
        if left > 0 { return AnnouncedEnd.days(left, approximate: approximate) + " left" }
        if left == 0 { return "ends today" }
        return "ended " + AnnouncedEnd.days(-left, approximate: approximate) + " ago"
    }
}
