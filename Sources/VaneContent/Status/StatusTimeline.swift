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
    /// The most available channel's value, with the change that brought the product to it
    /// (when every channel is at the bottom of the scale, the last one to get there).
    public var availability: AxisSetting?
    /// Per-channel values, by channel name; empty when the product has no channels.
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
    /// Announced closures to new customers, the same way.
    public var closures: [AnnouncedEnd] = []
    /// Every announcement of an end or closure as it was made, oldest first: one a later
    /// announcement replaced too (`vane changes` lists each on its day).
    public var announcements: [AnnouncedEnd] = []
    /// The bundles whose falls are no decline (the product is sold another way): their
    /// ends and closures are listed, and weigh nothing in the risk.
    public var quietChannels: Set<String> = []
    /// Each dated advice in turn, as a move of the `successors` axis (ids separated by spaces,
    /// or `none`); kept apart from `moves`, which are the two scaled axes.
    public var advice: [StatusMove] = []

    /// When the product reached its current position (overall availability and priority)
    /// and has held it since: a channel that moved while the product stayed where it was
    /// does not move it (Windows 10, generally available since 2015 through its paid
    /// updates, not since they opened).
    public var since: FuzzyDate? {
        guard let last = points.last else {
            return [availability?.date, priority?.date].compactMap { $0 }.max { ($0.sortsBefore($1) ?? false) }
        }
        var since = last.date
        for point in points.reversed() {
            guard point.availability == last.availability, point.priority == last.priority else { break }
            since = point.date
        }
        return since
    }

    /// The soonest announced end still ahead at `asOf`: on a tie, the exact date, then the
    /// longest notice.
    public func nextEnd(asOf: FuzzyDate) -> AnnouncedEnd? { AnnouncedEnd.soonest(ends, asOf: asOf) }

    /// The soonest announced end still ahead at `asOf` of one channel: its own, or the whole
    /// product's; of the product's when `channel` is nil.
    public func nextEnd(asOf: FuzzyDate, channel: String?) -> AnnouncedEnd? {
        guard let channel else { return nextEnd(asOf: asOf) }
        return AnnouncedEnd.soonest(ends.filter { $0.covers(channel) }, asOf: asOf)
    }

    /// A channel's availability, or the product's when `channel` is nil.
    public func availability(of channel: String?) -> AxisSetting? {
        guard let channel else { return availability }
        return channels[channel]
    }

    /// The soonest announced closure to new customers still ahead at `asOf`.
    public func nextClosure(asOf: FuzzyDate) -> AnnouncedEnd? { AnnouncedEnd.soonest(closures, asOf: asOf) }

    /// The soonest closure still ahead at `asOf` of one channel: its own, or the whole product's.
    public func nextClosure(asOf: FuzzyDate, channel: String) -> AnnouncedEnd? {
        AnnouncedEnd.soonest(closures.filter { $0.covers(channel) }, asOf: asOf)
    }

    /// The same two as the risk weighs them: not a bundle's while the product is sold
    /// another way (Teams leaving the suites is no end of Teams).
    public func nextWeighedEnd(asOf: FuzzyDate) -> AnnouncedEnd? { AnnouncedEnd.soonest(ends.filter(weighs), asOf: asOf) }
    public func nextWeighedClosure(asOf: FuzzyDate) -> AnnouncedEnd? { AnnouncedEnd.soonest(closures.filter(weighs), asOf: asOf) }
    private func weighs(_ end: AnnouncedEnd) -> Bool { end.channel.map { !quietChannels.contains($0) } ?? true }
}

extension AnnouncedEnd {
    /// Whether this end ends `channel`: its own, or the whole product's unless called off for
    /// it (`ends: { china: none }`).
    public func covers(_ channel: String) -> Bool {
        self.channel == channel || (self.channel == nil && !(calledOff ?? []).contains(channel))
    }

    /// On a tie for the day, an exact end, then an exact announcement (notice in days, not
    /// "about"), then the longest notice.
    static func soonest(_ ends: [AnnouncedEnd], asOf: FuzzyDate) -> AnnouncedEnd? {
        ends.filter { $0.isAhead(asOf: asOf) }.min {
            ($0.date.startKey, $0.approximateDate ? 1 : 0, $0.approximate ? 1 : 0, -$0.noticeDays, $0.channel ?? "")
                < ($1.date.startKey, $1.approximateDate ? 1 : 0, $1.approximate ? 1 : 0, -$1.noticeDays, $1.channel ?? "")
        }
    }
}

/// The status rules: an event's status takes effect at the start of its period; the value
/// in force at a date is the one set by the latest change in effect by the end of that
/// date's period (changes ordered by start, coarser precision first, then event id, then
/// as written).
///
/// A product's channels are those it declares and those its events name, all known from
/// the start: an availability without a channel sets every one of them, a channel keeps its
/// value until a change names it again, and no channel exists that is not named.
///
/// An announced end (`ends`) schedules the fall of the product, or of one channel, to the
/// bottom of the availability scale at its date, attributed to the announcing event; a
/// closure (`closes`) the fall to `closed-to-new`, never a rise. See `EndSchedule` for
/// which announcements stand.
public enum StatusTimeline {
    /// The key of a product without channels, where a value is the whole product's.
    static let wholeProduct = "*"

    public static func ordered(_ changes: [StatusChange]) -> [StatusChange] {
        changes.enumerated().sorted { a, b in
            if let before = a.element.date.sortsBefore(b.element.date) { return before }
            if a.element.event != b.element.event { return a.element.event < b.element.event }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// `changes` and the `falls` of ends that came, in the order they apply: an end comes at
    /// the start of its day, so its fall goes before the events of that day (a return dated
    /// on the end's day was undone by the end, or not, by the events' file names). An end
    /// announced for its own day is part of its event: it falls after that event's changes
    /// (sign-ups closed the day a deprecation of the whole product was announced stayed open).
    static func fallsFirst(_ changes: [StatusChange], _ falls: [StatusChange]) -> [StatusChange] {
        // Most products have no end that came: their changes are in order already (`ordered`).
        guard !falls.isEmpty else { return changes }
        let ownDays = Set(changes.map { "\($0.event) \($0.date.startKey)" })
        // Falls first; then each event's changes, by id, with the falls of its own day after them.
        func key(_ change: StatusChange, fall: Bool) -> (Int, String, Int) {
            guard fall else { return (1, change.event, 0) }
            return ownDays.contains("\(change.event) \(change.date.startKey)") ? (1, change.event, 1) : (0, "", 0)
        }
        let all = falls.map { ($0, key($0, fall: true)) } + changes.map { ($0, key($0, fall: false)) }
        return all.enumerated().sorted { a, b in
            if let before = a.element.0.date.sortsBefore(b.element.0.date) { return before }
            if a.element.1 != b.element.1 { return a.element.1 < b.element.1 }
            return a.offset < b.offset
        }.map(\.element.0)
    }

    /// Each product's channels: those declared and those its changes name, sorted.
    public static func channels(declared: [String: [String]], changes: [StatusChange]) -> [String: [String]] {
        var all = declared.mapValues(Set.init)
        for change in changes where change.axis != .priority {
            if let channel = change.channel { all[change.entity, default: []].insert(channel) }
        }
        return all.mapValues { $0.sorted() }
    }

    /// Whether a change dated `date` is in force at the end of the `asOf` period.
    public static func inForce(_ date: FuzzyDate, asOf: FuzzyDate?) -> Bool {
        guard let asOf else { return true }
        return date.startKey <= asOf.endKey
    }

    /// Every entity with a status change in force at `asOf` (or ever, when nil); `channels`
    /// are each product's channels (`KnowledgeBase.channels`), by default those the changes name.
    public static func statuses(
        _ changes: [StatusChange], channels: [String: [String]]? = nil, bundles: [String: Set<String>] = [:], asOf: FuzzyDate?,
        scales: StatusScales
    ) -> [String: EntityStatus] {
        let channels = channels ?? self.channels(declared: [:], changes: changes)
        let byEntity = Dictionary(grouping: ordered(changes.filter { inForce($0.date, asOf: asOf) }), by: \.entity)
        return byEntity.mapValues { list in
            let id = list[0].entity
            return replay(list, channels: channels[id] ?? [], bundles: bundles[id] ?? [], asOf: asOf, scales: scales)
        }
    }

    /// Resolves one entity's announced ends, then applies its changes (with the ends that
    /// came due) in turn. `changes` are ordered and in force.
    static func replay(_ changes: [StatusChange], channels: [String], bundles: Set<String> = [], asOf: FuzzyDate?, scales: StatusScales)
        -> EntityStatus
    {
        var (scheduled, made, _, displaced) = EndSchedule.resolve(changes, scales: scales)
        // What a whole-product end ends: the channels offered (a value of their own, or the
        // product's for all), not one declared and not offered yet (Windows 10's EEA offer
        // before 2025): it made an end of the standard channel read as the whole product's,
        // and the paid channel's users were told it.
        let offered =
            changes.contains { $0.axis == .availability && $0.channel == nil }
            ? channels : channels.filter { channel in changes.contains { $0.axis == .availability && $0.channel == channel } }
        // A channel's own end outlives a whole-product end announced before it even once a
        // later whole-product end replaced it: the first end came, and left that channel be
        // (Exchange 2019's ESU read retired since the standard channel's end once its own end
        // was restated for the whole product).
        let announced = { (list: [AnnouncedEnd]) in list + displaced }
        // A whole-product end announced once a channel's own end had come, the channel not
        // offered again since, ends nothing there (release, gone in 2017, read as ending again
        // with the product's end announced in 2018, when only esr was left).
        let ownEnds = scheduled.filter { $0.channel != nil && !$0.cancelled }
        // So does one announced once a channel was retired (closed, for a closure) by a
        // recorded change of its own, the last before the announcement.
        let goneBefore = { (end: AnnouncedEnd) -> Set<String> in
            let ended = ownEnds.filter { own in
                own.kind == end.kind && own.came.startKey <= end.announced.startKey
                    && !changes.contains {
                        $0.axis == .availability && $0.channel == own.channel && $0.date.startKey > own.came.startKey && !scales.isGone($0.value)
                    }
            }.compactMap(\.channel)
            let recorded = offered.filter { channel in
                let last = changes.last {
                    $0.axis == .availability && ($0.channel == channel || $0.channel == nil) && $0.date.startKey <= end.announced.startKey
                }
                guard let last, last.channel == channel else { return false }
                return scales.reached(end.kind, at: last.value)
            }
            return Set(ended + recorded)
        }
        scheduled = metOnItsOneChannel(
            scheduled, among: announced(scheduled), changes: changes, channels: offered, scales: scales, goneBefore: goneBefore)
        scheduled = metChannelByChannel(scheduled, changes: changes, channels: channels, bundles: bundles, scales: scales)
        // A fall of the whole product falls on the channels offered only, when one declared
        // is not offered yet (it read retired before it was ever offered).
        let due = scheduled.filter { $0.retired == nil && inForce($0.date, asOf: asOf) }.flatMap {
            falls(for: $0, among: announced(scheduled), channels: offered, scales: scales)
        }.flatMap { fall -> [StatusChange] in
            guard fall.channel == nil, !offered.isEmpty, offered.count < channels.count else { return [fall] }
            return offered.map { channel in
                var narrowed = fall
                narrowed.channel = channel
                return narrowed
            }
        }
        var replayer = Replayer(entity: changes[0].entity, channels: channels, scales: scales)
        replayer.bundles = noFalls(channels: channels, bundles: bundles)
        for change in fallsFirst(changes.filter { !$0.axis.isScheduled }, due) { replayer.apply(change) }
        var status = replayer.finish()
        // A channel's own end, while the channel is not offered (the product's availability
        // is recorded, and none of this channel's, nor the whole product's): it ends nothing
        // yet, and counts down nowhere (EKS's paid extended support, its end announced at
        // release, was counted down on a product every view called gone).
        let known = changes.contains { $0.axis == .availability }
        let unoffered = { (end: AnnouncedEnd) in known && end.channel.map { !offered.contains($0) } ?? false }
        status.ends = scheduled.filter { $0.kind == .end && !announcedWhenGone($0, status.points, scales: scales) && !unoffered($0) }
            .compactMap { narrowed($0, among: announced(scheduled), channels: offered, goneBefore: goneBefore) }
        status.closures = scheduled.filter { $0.kind == .closure && !closesNothing($0, status.points, among: scheduled, scales: scales) }
            .compactMap { narrowed($0, among: announced(scheduled), channels: offered, goneBefore: goneBefore) }
        status.announcements = made
        status.quietChannels = replayer.bundles
        return status
    }

    /// A whole-product end (or closure) that ends one channel alone (the others outlive it
    /// with ends of their own announced later) is met as that channel's own end would be:
    /// by the first recorded fall of that channel after the announcement (Windows 10's
    /// `ends: 2025-10-14`, paid channels with later ends, then `standard: retired` on the
    /// day: "ended as announced", not "ended" by the schedule).
    static func metOnItsOneChannel(
        _ scheduled: [AnnouncedEnd], among announced: [AnnouncedEnd], changes: [StatusChange], channels: [String], scales: StatusScales,
        goneBefore: (AnnouncedEnd) -> Set<String> = { _ in [] }
    ) -> [AnnouncedEnd] {
        let closed = scales.closed.flatMap { scales.rank($0, on: .availability) }
        var result = scheduled
        for i in result.indices where result[i].channel == nil && result[i].retired == nil {
            let end = result[i]
            guard let only = narrowed(end, among: announced, channels: channels, goneBefore: goneBefore)?.channel else { continue }
            // As `EndSchedule.resolve` meets a channel's own end: a retirement any day; for a
            // closure, a recorded closure any day and anything lower by the closure's day.
            func meets(_ change: StatusChange) -> Bool {
                guard change.axis == .availability, change.channel == only, change.date.startKey >= end.announced.startKey,
                    let rank = scales.rank(change.value, on: .availability)
                else { return false }
                if end.kind == .end { return scales.isGone(change.value) }
                guard let closed, rank >= closed else { return false }
                return rank == closed || change.date.startKey <= end.date.endKey
            }
            guard let met = changes.first(where: meets) else { continue }
            (result[i].retiredBy, result[i].retired, result[i].metOnChannel) = (met.event, met.date, only)
        }
        return result
    }

    /// A whole-product end (or closure) still ahead is met by the recorded change that took
    /// the product's last channel there, after the announcement and by the end's date, when
    /// nothing brings it back before that date: the channels retired one by one (the others
    /// by their own ends) leave nothing for it to end, and it ended early.
    static func metChannelByChannel(
        _ scheduled: [AnnouncedEnd], changes: [StatusChange], channels: [String], bundles: Set<String>, scales: StatusScales
    ) -> [AnnouncedEnd] {
        guard !channels.isEmpty else { return scheduled }
        var result = scheduled
        for i in result.indices where result[i].channel == nil && result[i].retired == nil {
            let end = result[i]
            func reached(_ value: String?) -> Bool { value.map { scales.reached(end.kind, at: $0) } ?? false }
            // The product as it went without this end: the recorded changes and the other ends, to its date.
            let others = scheduled.indices.filter { $0 != i && scheduled[$0].retired == nil && scheduled[$0].date.startKey <= end.date.startKey }
                .flatMap { falls(for: scheduled[$0], among: scheduled, channels: channels, scales: scales) }
            let recorded = changes.filter { !$0.axis.isScheduled && $0.date.startKey <= end.date.startKey }
            var replayer = Replayer(entity: end.entity, channels: channels, scales: scales)
            replayer.bundles = noFalls(channels: channels, bundles: bundles)
            for change in ordered(recorded + others) { replayer.apply(change) }
            let points = replayer.finish().points
            guard let at = points.firstIndex(where: { $0.date.startKey >= end.announced.startKey && reached($0.availability) }),
                at == 0 || !reached(points[at - 1].availability), points[at...].allSatisfy({ reached($0.availability) }),
                recorded.contains(where: { $0.axis == .availability && $0.event == points[at].event && $0.date == points[at].date })
            else { continue }
            (result[i].retiredBy, result[i].retired) = (points[at].event, points[at].date)
        }
        return result
    }

    /// The bundles whose falls are no decline: all of them, unless they were the product's
    /// only channels (then a bundle's fall is the product's).
    public static func noFalls(channels: some Collection<String>, bundles: Set<String>) -> Set<String> {
        Set(channels).subtracting(bundles).isEmpty ? [] : bundles
    }

    /// Whether `end` was announced for what was already gone (its channel, or every channel,
    /// at the bottom of the scale, and not made available again): it ends nothing, and the
    /// end that retired it stands.
    static func announcedWhenGone(_ end: AnnouncedEnd, _ points: [StatusPoint], scales: StatusScales) -> Bool {
        // An end on its own announcing day falls that day: what stood before the day, then.
        let sameDay = end.date.startKey <= end.announced.startKey
        guard end.retired == nil else { return false }
        return availability(of: end, in: points, at: end.announced, including: !sameDay).map(scales.isGone) ?? false
    }

    /// The availability of what `end` ends or closes (its channel, or the product) at the
    /// last point by `day`, or before it (`including: false`); nil before any.
    static func availability(of end: AnnouncedEnd, in points: [StatusPoint], at day: FuzzyDate, including: Bool) -> String? {
        guard let point = points.last(where: { including ? $0.date.startKey <= day.startKey : $0.date.startKey < day.startKey }) else {
            return nil
        }
        return end.channel.map { point.channels[$0] } ?? point.availability
    }

    /// The falls of the ends and closures that came by `asOf` with no retirement to meet
    /// them, each where it lowered its channel only: a closure never raises what is already
    /// lower (a product deprecated before its sign-ups closed stays deprecated), and a
    /// product's history lists no fall the replay did not make.
    public static func fallsThatCame(_ status: EntityStatus, channels: [String], asOf: FuzzyDate, scales: StatusScales) -> [StatusChange] {
        let all = status.ends + status.closures
        return all.filter { $0.retired == nil && !$0.isAhead(asOf: asOf) }.flatMap { falls(for: $0, among: all, channels: channels, scales: scales) }
            .filter { fall in
                guard let rank = scales.rank(fall.value, on: .availability),
                    let point = status.points.last(where: { $0.date.startKey < fall.date.startKey }),
                    let before = fall.channel.map({ point.channels[$0] }) ?? point.availability,
                    let was = scales.rank(before, on: .availability)
                else { return true }
                return rank > was
            }
    }

    /// Whether a closure can close nothing: announced for what was already closed to new
    /// customers or gone (its channel, or the product), or come when it was gone (a
    /// closure after the end). It is counted down nowhere and weighs nothing, as an end
    /// announced for what was gone.
    static func closesNothing(_ closure: AnnouncedEnd, _ points: [StatusPoint], among scheduled: [AnnouncedEnd], scales: StatusScales) -> Bool {
        // An end that ends what it closes by its day, whatever the as-of day (it was counted
        // down until the end came), met or not: a deprecation before it read as sign-ups
        // "closed 230 days early" for a closure dated after the product's end.
        let ended = scheduled.contains { end in
            guard end.kind == .end, !end.cancelled, end.date.startKey <= closure.date.startKey else { return false }
            if end.channel == closure.channel { return true }
            guard end.channel == nil, let channel = closure.channel else { return false }
            return !outliving(end, among: scheduled).contains(channel)
        }
        if ended { return true }
        guard closure.retired == nil else { return false }
        // As it stood once the announcing day's changes applied (a product deprecated by the
        // event that announces its sign-ups' close closes nothing); before that day for a
        // closure on its own day, which falls that day.
        let sameDay = closure.date.startKey <= closure.announced.startKey
        let before = availability(of: closure, in: points, at: closure.announced, including: !sameDay)
        // Closed already, or lower (deprecated): a closure never raises what it would close.
        if let before, scales.closesSignUps(before) { return true }
        return availability(of: closure, in: points, at: closure.date, including: true).map(scales.isGone) ?? false
    }

    /// A whole-product end (or closure) as it ends: on the channels that have no end of their
    /// own announced after it. When that is one channel, it is that channel's end, and every
    /// view says so (`14 October 2025 (standard)`, not the product's while the paid updates
    /// go on); when it is none (a region's view, whose one channel has its own), it ends
    /// nothing there and is left out. Its falls were scheduled from the whole-product end
    /// already, the same ones.
    /// `goneBefore`: the channels whose own end came before `end` was announced: once other
    /// channels outlive it, it ends nothing there either.
    static func narrowed(
        _ end: AnnouncedEnd, among all: [AnnouncedEnd], channels: [String], goneBefore: (AnnouncedEnd) -> Set<String> = { _ in [] }
    ) -> AnnouncedEnd? {
        guard end.channel == nil, !channels.isEmpty else { return end }
        if end.retired != nil {
            // Met: by its one channel's retirement (`metOnItsOneChannel`), that channel's end.
            guard let channel = end.metOnChannel else { return end }
            var narrowed = end
            narrowed.channel = channel
            return narrowed
        }
        let outlived = outliving(end, among: all)
        guard !outlived.isEmpty else { return end }
        // Of the channels the others leave it, not one whose own end had come already.
        let own = outlived.union(goneBefore(end))
        let ends = channels.filter { !own.contains($0) }
        guard ends.count <= 1 else { return end }
        guard let only = ends.first else { return nil }
        var narrowed = end
        narrowed.channel = only
        return narrowed
    }

    /// The changes an end (or closure) makes when it comes: a whole-product one falls on
    /// every channel but those with an end of their own announced after it.
    public static func falls(for end: AnnouncedEnd, among all: [AnnouncedEnd], channels: [String], scales: StatusScales) -> [StatusChange] {
        let value = end.kind == .end ? scales.availability.last ?? "" : scales.closed ?? ""
        guard end.channel == nil, !channels.isEmpty else { return [end.fall(to: value, channel: end.channel)] }
        let own = outliving(end, among: all)
        if own.isEmpty { return [end.fall(to: value, channel: nil)] }
        return channels.filter { !own.contains($0) }.map { end.fall(to: value, channel: $0) }
    }

    /// The channels with an end (or closure) of their own announced after a whole-product
    /// one, and those it was called off for: it does not end them.
    /// Not one announced once the whole end came: it ended that channel with the rest, and the
    /// later end is announced for what was gone (the channel read deprecated again, counted down).
    static func outliving(_ end: AnnouncedEnd, among all: [AnnouncedEnd]) -> Set<String> {
        let came = end.came.startKey
        return Set(
            all.filter { $0.kind == end.kind && $0.channel != nil && $0.announced.startKey > end.statedOn.startKey && $0.announced.startKey < came }
                .compactMap(\.channel)
        ).union(end.calledOff ?? [])
    }
}

/// Applies status changes one by one, keeping what the board and the charts need. The
/// changes of one day (periods that start on it, coarser first) happen together: a value
/// held only between two of them was never held, so moves, falls and the best value each
/// channel had are taken from where the day began to where it ended.
private struct Replayer {
    static let whole = StatusTimeline.wholeProduct
    let scales: StatusScales
    /// The product's channels; empty when its availability is only ever set whole.
    let names: [String]
    var status: EntityStatus
    var values: [String: AxisSetting] = [:]
    /// The best (lowest) rank each channel ever had at the end of a day.
    var best: [String: Int] = [:]
    /// Channels that are ways of buying (tier `bundle`): their falls are no decline.
    var bundles: Set<String> = []
    var day: Day?

    /// The day being applied: where it began, and what it touched in order.
    struct Day {
        var start: Int
        var availability: AxisSetting?
        var values: [String: AxisSetting]
        var priority: AxisSetting?
        /// Availability keys, and `nil` for the priority, in the order first touched.
        var touched: [String?] = []
        /// Keys whose last change this day set the whole product (not a channel by name).
        var setWhole: Set<String> = []
        /// Availability keys, and `nil` for the priority, that held another value during
        /// the day: back where they began, the setting of the day's start stands.
        var wandered: Set<String?> = []
    }

    init(entity: String, channels: [String], scales: StatusScales) {
        self.scales = scales
        self.names = channels
        status = EntityStatus(entity: entity, channels: [:], points: [], moves: [])
    }

    mutating func apply(_ change: StatusChange) {
        if day?.start != change.date.startKey {
            closeDay()
            day = Day(start: change.date.startKey, availability: status.availability, values: values, priority: status.priority)
        }
        let setting = AxisSetting(value: change.value, event: change.event, date: change.date)
        switch change.axis {
        case .availability: applyAvailability(change, setting, onlyFalls: false)
        case .closes: applyAvailability(change, setting, onlyFalls: true)
        case .priority:
            if day?.touched.contains(nil) == false { day?.touched.append(nil) }
            // A restatement confirms the value; the change that brought it there still set
            // it (as for availability: "set by" agrees with SINCE).
            if change.value != status.priority?.value { status.priority = setting }
            if change.value != day?.priority?.value { day?.wandered.insert(nil) }
        case .ends: return
        case .successors:
            status.advice.append(
                StatusMove(date: change.date, event: change.event, axis: .successors, channel: nil, from: status.advice.last?.to, to: change.value))
            return
        }
        var point = StatusPoint(date: change.date, event: change.event, availability: status.availability?.value, priority: status.priority?.value)
        point.channels = names.isEmpty ? [:] : values.mapValues(\.value)
        // The changes of one day are one point (the event of the last); an end that comes
        // later is a point of its own, at its own date.
        if let last = status.points.last, last.date.startKey == change.date.startKey {
            status.points[status.points.count - 1] = point
        } else {
            status.points.append(point)
        }
    }

    /// A whole-product value sets every channel; a closure only lowers.
    private mutating func applyAvailability(_ change: StatusChange, _ setting: AxisSetting, onlyFalls: Bool) {
        let targets = change.channel.map { [$0] } ?? (names.isEmpty ? [Replayer.whole] : names)
        let rank = scales.rank(change.value, on: .availability) ?? 0
        let retires = scales.isGone(change.value)
        for key in targets {
            if onlyFalls {
                guard let was = values[key].flatMap({ scales.rank($0.value, on: .availability) }), was < rank else { continue }
            }
            // The whole product retired keeps a channel that went before as it went: retired
            // since its own end, not since the product's (a use of it was told the later end).
            if retires, change.channel == nil, key != Replayer.whole, let was = values[key], scales.isGone(was.value) { continue }
            // A channel named again keeps the later day (a paid channel opened by name since
            // the whole product's launch set it); the product's value and priority do not.
            values[key] = setting
            if day?.touched.contains(key) == false { day?.touched.append(key) }
            if change.value != day?.values[key]?.value { day?.wandered.insert(key) }
            if change.channel == nil { day?.setWhole.insert(key) } else { day?.setWhole.remove(key) }
        }
        // The product's value is its most available channel's, set by the change that
        // brought it there (the day its last channel went, at the bottom); back where it
        // stood before the day began, it was never moved.
        if let now = overall(), now != status.availability?.value {
            let before = day?.availability
            status.availability = before?.value == now ? before : AxisSetting(value: now, event: change.event, date: change.date)
        }
    }

    /// The day's moves, from where it began to where it ended, in the order first touched;
    /// its falls; each channel's best value.
    private mutating func closeDay() {
        guard let day else { return }
        self.day = nil
        // A value held only within the day was never held: one back where the day began
        // keeps the event and date that set it then (a channel restated on a later day alone
        // takes them over).
        for case let key? in day.wandered {
            if let before = day.values[key], values[key]?.value == before.value { values[key] = before }
        }
        if day.wandered.contains(nil), let before = day.priority, status.priority?.value == before.value { status.priority = before }
        var moved: [String: (from: String?, to: AxisSetting)] = [:]
        for case let key? in day.touched {
            guard let now = values[key], now.value != day.values[key]?.value else { continue }
            moved[key] = (day.values[key]?.value, now)
            if let was = day.values[key].flatMap({ scales.rank($0.value, on: .availability) }),
                let rank = scales.rank(now.value, on: .availability), rank > was, !bundles.contains(key)
            {
                status.lastFall = later(status.lastFall, now.date)
            }
        }
        // One move for the whole product when every channel moved, by a whole-product
        // value, from one value to one value; otherwise one per channel that moved. In the
        // order they were first touched, as their changes were written.
        let whole =
            moved.count == (names.isEmpty ? 1 : names.count) && moved.keys.allSatisfy(day.setWhole.contains)
            && Set(moved.values.map { $0.from ?? "" }).count == 1 && Set(moved.values.map(\.to.value)).count == 1
        var saidWhole = false
        for key in day.touched {
            guard let key else {
                if let now = status.priority, now.value != day.priority?.value { movePriority(from: day.priority, to: now) }
                continue
            }
            guard let (from, to) = moved[key] else { continue }
            if whole {
                // Every channel was last set by one whole-product change: any one names it.
                guard !saidWhole else { continue }
                saidWhole = true
                status.moves.append(StatusMove(date: to.date, event: to.event, axis: .availability, channel: nil, from: from, to: to.value))
            } else {
                status.moves.append(
                    StatusMove(
                        date: to.date, event: to.event, axis: .availability, channel: key == Replayer.whole ? nil : key, from: from, to: to.value))
            }
        }
        for (key, setting) in values {
            guard let rank = scales.rank(setting.value, on: .availability) else { continue }
            best[key] = min(best[key] ?? rank, rank)
        }
    }

    private func later(_ a: FuzzyDate?, _ b: FuzzyDate) -> FuzzyDate {
        guard let a, a.startKey > b.startKey else { return b }
        return a
    }

    private mutating func movePriority(from previous: AxisSetting?, to now: AxisSetting) {
        if let was = previous.flatMap({ scales.rank($0.value, on: .priority) }), let rank = scales.rank(now.value, on: .priority), rank > was {
            status.priorityFell = now.date
            status.lastFall = later(status.lastFall, now.date)
        }
        status.moves.append(StatusMove(date: now.date, event: now.event, axis: .priority, channel: nil, from: previous?.value, to: now.value))
    }

    /// The most available channel's value.
    private func overall() -> String? {
        values.values.map(\.value).min { (scales.rank($0, on: .availability) ?? .max) < (scales.rank($1, on: .availability) ?? .max) }
    }

    func finish() -> EntityStatus {
        var replayer = self
        replayer.closeDay()
        return replayer.finished()
    }

    /// The status once the last day is closed.
    private func finished() -> EntityStatus {
        var status = status
        status.channels = names.isEmpty ? [:] : values
        let bottom = scales.availability.count - 1
        status.decline =
            values.keys.filter { !bundles.contains($0) }.map { key -> Double in
                guard let b = best[key], b < bottom, let now = scales.rank(values[key]!.value, on: .availability) else { return 0 }
                return Double(max(0, now - b)) / Double(bottom - b)
            }.max() ?? 0
        return status
    }

}

extension FuzzyDate {
    /// Today (UTC) at day precision, or the day in `VANE_TODAY` (YYYY-MM-DD): tests move
    /// "today" with it to show a test that depends on the day it runs.
    public static func today() -> FuzzyDate {
        if let fixed = ProcessInfo.processInfo.environment["VANE_TODAY"], let day = try? FuzzyDate(parsing: fixed), day.precision == .day {
            return day
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        // A clock past the year 9999 (no date of the format) reads as its last day, not a trap.
        guard let year = c.year, let month = c.month, let day = c.day, let today = try? FuzzyDate(parsing: FuzzyDate.iso(year, month, day)) else {
            return try! FuzzyDate(parsing: "9999-12-31")
        }
        return today
    }

    /// Months from the start of this period's month to the last month of `later`'s period.
    public func months(until later: FuzzyDate) -> Int {
        let end = later.end
        let year = Int(end.prefix(4))!
        let month = Int(end.dropFirst(5).prefix(2))!
        return max(0, (year * 12 + month) - (self.year * 12 + self.month))
    }
}
