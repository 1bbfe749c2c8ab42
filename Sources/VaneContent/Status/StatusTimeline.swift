import Foundation

/// One axis value with the event that set it.
public struct AxisSetting: Sendable, Hashable, Codable {
    public var value: String
    public var event: String
    public var date: FuzzyDate

    public init(value: String, event: String, date: FuzzyDate) {
        self.value = value
        self.event = event
        self.date = date
    }
}

/// One change that moved an axis: the "why" behind a status.
public struct StatusMove: Sendable, Hashable, Codable {
    public var date: FuzzyDate
    public var event: String
    public var axis: StatusSetting.Axis
    public var channel: String?
    public var from: String?
    public var to: String

    public init(date: FuzzyDate, event: String, axis: StatusSetting.Axis, channel: String?, from: String?, to: String) {
        self.date = date
        self.event = event
        self.axis = axis
        self.channel = channel
        self.from = from
        self.to = to
    }
}

/// A product's position after an event, for trails and step charts.
public struct StatusPoint: Sendable, Hashable, Codable {
    public var date: FuzzyDate
    public var event: String
    /// Overall availability (the most available channel).
    public var availability: String?
    public var priority: String?
    /// Each named channel's availability at this point.
    public var channels: [String: String] = [:]
}

/// Where an entity stands on both axes at a date, and how it got there.
public struct EntityStatus: Sendable, Hashable, Codable {
    public var entity: String
    /// The most available channel's value, and the event that set that channel; when every
    /// channel is at the bottom of the scale, the last one to get there.
    public var availability: AxisSetting?
    /// Per-channel values, by channel name; empty when availability was only ever set whole.
    public var channels: [String: AxisSetting]
    public var priority: AxisSetting?
    public var points: [StatusPoint]
    public var moves: [StatusMove]
    /// When priority last moved down the scale.
    public var priorityFell: FuzzyDate?
    /// When either axis last moved down, on any channel.
    public var lastFall: FuzzyDate?
    /// How far the availability has fallen, 0 to 1: for the channel that fell furthest, the
    /// share of the way from the best value it ever had to the bottom of the scale.
    public var decline: Double = 0
    /// Announced ends in force: those still ahead, and those that came or were met.
    public var ends: [AnnouncedEnd] = []

    /// The date of the latest change on either axis.
    public var since: FuzzyDate? {
        [availability?.date, priority?.date].compactMap { $0 }.max { ($0.sortsBefore($1) ?? false) }
    }

    /// The soonest announced end still ahead at `asOf`.
    public func nextEnd(asOf: FuzzyDate) -> AnnouncedEnd? {
        ends.filter { $0.isAhead(asOf: asOf) }.min { ($0.date.startKey, $0.channel ?? "") < ($1.date.startKey, $1.channel ?? "") }
    }
}

/// The status rules: an event's status takes effect at the start of its period; the value
/// in force at a date is the one set by the latest change in effect by the end of that
/// date's period (changes ordered by start, coarser precision first, then event id, then
/// as written). An availability without a channel applies to the whole product and
/// replaces every channel; a channel keeps its value until a change names it again.
///
/// An announced end (`ends`) schedules the fall of the product, or of one channel, to the
/// bottom of the availability scale at its date, attributed to the announcing event. A
/// later `ends` for the same product or channel replaces it, `ends: none` cancels it, and
/// a recorded retirement after the announcement meets it (early or late) and stands in its
/// place.
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
        return byEntity.mapValues { replay($0, asOf: asOf, scales: scales) }
    }

    /// Resolves one entity's announced ends, then applies its changes (with the ends that
    /// came due) in turn. `changes` are ordered and in force.
    static func replay(_ changes: [StatusChange], asOf: FuzzyDate?, scales: StatusScales) -> EntityStatus {
        let bottom = scales.availability.last ?? ""
        let ends = EndSchedule.resolve(changes, bottom: bottom)
        let due = ends.filter { $0.retired == nil && inForce($0.date, asOf: asOf) }.map { $0.retirement(bottom: bottom) }
        var replayer = Replayer(entity: changes[0].entity, scales: scales)
        for change in ordered(changes.filter { $0.axis != .ends } + due) { replayer.apply(change) }
        var status = replayer.finish()
        status.ends = ends
        return status
    }
}

/// Applies status changes one by one, keeping what the board and the charts need.
private struct Replayer {
    static let whole = "*"
    let scales: StatusScales
    var status: EntityStatus
    var channels: [String: AxisSetting] = [:]
    /// The best (lowest) rank each channel ever had.
    var best: [String: Int] = [:]

    init(entity: String, scales: StatusScales) {
        self.scales = scales
        status = EntityStatus(entity: entity, channels: [:], points: [], moves: [])
    }

    mutating func apply(_ change: StatusChange) {
        let setting = AxisSetting(value: change.value, event: change.event, date: change.date)
        switch change.axis {
        case .availability: applyAvailability(change, setting)
        case .priority: applyPriority(change, setting)
        case .ends: return
        }
        var point = StatusPoint(date: change.date, event: change.event, availability: status.availability?.value, priority: status.priority?.value)
        point.channels = channels.filter { $0.key != Replayer.whole }.mapValues(\.value)
        if status.points.last?.event == change.event { status.points[status.points.count - 1] = point } else { status.points.append(point) }
    }

    private mutating func applyAvailability(_ change: StatusChange, _ setting: AxisSetting) {
        let key = change.channel ?? Replayer.whole
        // A channel named for the first time was covered by the whole product's value.
        let previous = channels[key]?.value ?? channels[Replayer.whole]?.value ?? (change.channel == nil ? status.availability?.value : nil)
        let rank = scales.rank(change.value, on: .availability) ?? 0
        let was = previous.flatMap { scales.rank($0, on: .availability) }
        if change.channel == nil {
            // Every channel takes this value: the product's best is the best any channel had.
            let before = best.values.min()
            channels = [:]
            best = [:]
            best[key] = before
        }
        channels[key] = setting
        best[key] = min(best[key] ?? was ?? rank, rank)
        if let was, rank > was { status.lastFall = change.date }
        if previous != change.value {
            status.moves.append(
                StatusMove(date: change.date, event: change.event, axis: .availability, channel: change.channel, from: previous, to: change.value))
        }
        status.availability = overall()
    }

    private mutating func applyPriority(_ change: StatusChange, _ setting: AxisSetting) {
        let previous = status.priority?.value
        if let previous, let was = scales.rank(previous, on: .priority), let now = scales.rank(change.value, on: .priority), now > was {
            status.priorityFell = change.date
            status.lastFall = change.date
        }
        status.priority = setting
        if previous != change.value {
            status.moves.append(StatusMove(date: change.date, event: change.event, axis: .priority, channel: nil, from: previous, to: change.value))
        }
    }

    /// The most available channel; among equals the earliest to get there, except at the
    /// bottom of the scale, where the product is gone from the day its last channel went.
    private func overall() -> AxisSetting? {
        let bottom = scales.availability.count - 1
        let ranked = channels.values.map { (scales.rank($0.value, on: .availability) ?? bottom, $0) }
        guard let top = ranked.map(\.0).min() else { return nil }
        let equals = ranked.filter { $0.0 == top }.map(\.1)
        let order: (AxisSetting, AxisSetting) -> Bool = { ($0.date.startKey, $0.event) < ($1.date.startKey, $1.event) }
        return top == bottom ? equals.max(by: order) : equals.min(by: order)
    }

    func finish() -> EntityStatus {
        var status = status
        status.channels = channels.filter { $0.key != Replayer.whole }
        let bottom = scales.availability.count - 1
        status.decline =
            channels.keys.map { key -> Double in
                guard let b = best[key], b < bottom, let now = scales.rank(channels[key]!.value, on: .availability) else { return 0 }
                return Double(max(0, now - b)) / Double(bottom - b)
            }.max() ?? 0
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
