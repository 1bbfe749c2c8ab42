import Foundation

/// One axis value with the event that set it.
public struct AxisSetting: Sendable, Hashable, Codable {
    public var value: String
    public var event: String
    public var date: FuzzyDate
}

/// One change that moved an axis: the "why" behind a status.
public struct StatusMove: Sendable, Hashable, Codable {
    public var date: FuzzyDate
    public var event: String
    public var axis: StatusSetting.Axis
    public var channel: String?
    public var from: String?
    public var to: String
}

/// A product's position after an event, for trails and step charts.
public struct StatusPoint: Sendable, Hashable, Codable {
    public var date: FuzzyDate
    public var event: String
    /// Overall availability (the most available channel).
    public var availability: String?
    public var priority: String?
}

/// Where an entity stands on both axes at a date, and how it got there.
public struct EntityStatus: Sendable, Hashable, Codable {
    public var entity: String
    /// The most available channel's value, and the event that set that channel.
    public var availability: AxisSetting?
    /// Per-channel values, by channel name; empty when availability was only ever set whole.
    public var channels: [String: AxisSetting]
    public var priority: AxisSetting?
    public var points: [StatusPoint]
    public var moves: [StatusMove]
    /// When priority last moved down the scale.
    public var priorityFell: FuzzyDate?

    /// The date of the latest change on either axis.
    public var since: FuzzyDate? {
        [availability?.date, priority?.date].compactMap { $0 }.max { ($0.sortsBefore($1) ?? false) }
    }
}

/// The status rules: an event's status takes effect at the start of its period; the value
/// in force at a date is the one set by the latest change in effect by the end of that
/// date's period (changes ordered by start, coarser precision first, then event id, then
/// as written). An availability without a channel applies to the whole product and
/// replaces every channel; a channel keeps its value until a change names it again.
public enum StatusTimeline {
    public static func ordered(_ changes: [StatusChange]) -> [StatusChange] {
        changes.enumerated().sorted { a, b in
            if let before = a.element.date.sortsBefore(b.element.date) { return before }
            if a.element.event != b.element.event { return a.element.event < b.element.event }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// Whether a change dated `date` is in force at the end of the `asOf` period.
    public static func inForce(_ date: FuzzyDate, asOf: FuzzyDate?) -> Bool {
        guard let asOf else { return true }
        return date.startKey <= asOf.endKey
    }

    /// Every entity with a status change in force at `asOf` (or ever, when nil).
    public static func statuses(_ changes: [StatusChange], asOf: FuzzyDate?, scales: StatusScales) -> [String: EntityStatus] {
        let byEntity = Dictionary(grouping: ordered(changes.filter { inForce($0.date, asOf: asOf) }), by: \.entity)
        return byEntity.mapValues { replay($0, scales: scales) }
    }

    /// Applies one entity's changes, already ordered and filtered, in turn.
    static func replay(_ changes: [StatusChange], scales: StatusScales) -> EntityStatus {
        var status = EntityStatus(entity: changes[0].entity, channels: [:], points: [], moves: [])
        let whole = "*"
        var channels: [String: AxisSetting] = [:]
        for change in changes {
            let setting = AxisSetting(value: change.value, event: change.event, date: change.date)
            switch change.axis {
            case .availability:
                let key = change.channel ?? whole
                let previous = channels[key]?.value ?? (change.channel == nil ? status.availability?.value : nil)
                if change.channel == nil { channels = [:] }
                channels[key] = setting
                if previous != change.value {
                    status.moves.append(
                        StatusMove(
                            date: change.date, event: change.event, axis: .availability, channel: change.channel, from: previous, to: change.value))
                }
                status.availability = channels.values.min { a, b in
                    (scales.rank(a.value, on: .availability) ?? .max, a.date.start) < (scales.rank(b.value, on: .availability) ?? .max, b.date.start)
                }
            case .priority:
                let previous = status.priority?.value
                if let previous, let was = scales.rank(previous, on: .priority), let now = scales.rank(change.value, on: .priority), now > was {
                    status.priorityFell = change.date
                }
                status.priority = setting
                if previous != change.value {
                    status.moves.append(
                        StatusMove(date: change.date, event: change.event, axis: .priority, channel: nil, from: previous, to: change.value))
                }
            }
            let point = StatusPoint(
                date: change.date, event: change.event, availability: status.availability?.value, priority: status.priority?.value)
            if status.points.last?.event == change.event { status.points[status.points.count - 1] = point } else { status.points.append(point) }
        }
        status.channels = channels.filter { $0.key != whole }
        return status
    }
}

extension FuzzyDate {
    /// Today (UTC) at day precision.
    public static func today() -> FuzzyDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return try! FuzzyDate(parsing: FuzzyDate.iso(c.year!, c.month!, c.day!))
    }

    /// Months from the start of this period's month to the last month of `later`'s period.
    public func months(until later: FuzzyDate) -> Int {
        let end = later.end
        let year = Int(end.prefix(4))!
        let month = Int(end.dropFirst(5).prefix(2))!
        return max(0, (year * 12 + month) - (self.year * 12 + self.month))
    }
}
