import VaneContent

/// What one version of an event or claim file assesses: its status settings (with the
/// event's date) or its verdict.
struct Assessments: Sendable {
    struct Key: Hashable, Comparable, Sendable {
        var what: RecordedChange.What
        var entity: String = ""
        var axis: String = ""
        var channel: String?

        static func < (a: Key, b: Key) -> Bool {
            (a.what.rawValue, a.entity, a.axis, a.channel ?? "") < (b.what.rawValue, b.entity, b.axis, b.channel ?? "")
        }
    }

    var date: FuzzyDate?
    var values: [Key: String] = [:]

    /// Availability, priority and successor advice: the axes whose change names the value
    /// the product had.
    static func isProductValue(_ key: Key) -> Bool {
        key.what == .status && !(StatusSetting.Axis(rawValue: key.axis)?.isScheduled ?? true)
    }
}

/// What recorded time reads of each product as it is now, as event time does: its own
/// successors (folds first) and what it was folded into, which dated advice moves from; its
/// channels, declared and named, each of which a whole-product value sets.
public struct RecordedProducts: Sendable {
    public var own: [String: [String]]
    public var folds: [String: [String]]
    public var channels: [String: [String]]

    public init(successors: StatusBoard.Successors = ([:], [:]), channels: [String: [String]] = [:]) {
        (own, folds, self.channels) = (successors.own, successors.folds, channels)
    }
}

/// The status settings of every event as recorded so far, so that a recorded change names
/// the value the product had before and after the commit (a reopening after a per-channel
/// closure reads `new-customers: retired → generally-available`), not the previous text of
/// the event's file. Ends, closures and verdicts compare the file's versions.
struct RecordedStatus {
    /// The scales the status model replays availability on (an end that came is a fall).
    let scales: StatusScales
    /// What dated advice moves from, and what it keeps (a fold stays whatever the advice),
    /// as the status board has it in event time; the channels a whole-product value sets.
    let products: RecordedProducts
    private var events: [String: Assessments] = [:]
    /// Entity → the events whose recorded version sets something on it, so a change reads
    /// only that product's events, not every event recorded so far.
    private var eventsOf: [String: Set<String>] = [:]

    init(scales: StatusScales = StatusScales(SiteConfig()), products: RecordedProducts = RecordedProducts()) {
        self.scales = scales
        self.products = products
    }

    /// The changes one commit's new versions make (`new` nil: the file is new, or removed),
    /// and records them, in turn. A product's value is compared at each date a version
    /// names (its event's date before and after: a date corrected moves the value at both).
    /// Then what the commit did to each value at each date is said once, from the value
    /// before the commit to the value after it: a file renamed (its settings removed under
    /// one id and written under another) moves nothing; two events of one commit at two
    /// dates are two moves.
    mutating func changes(_ versions: [(entry: String, new: Assessments?)], commit: String?) -> [RecordedChange] {
        var net = NetChanges()
        let written = Set(versions.map(\.entry))
        // The ends and closures files of this commit no longer write, each with its value: one
        // written again by another file is a file renamed, paired as such.
        var dropped: Set<[String]> = []
        for (entry, new) in versions {
            for (key, value) in events[entry]?.values ?? [:] where Self.isScheduled(key) && new?.values[key] != value {
                dropped.insert(Self.describe(key, value))
            }
        }
        // The versions of this commit replayed so far: an end one of them announced stands
        // before a later one of the same commit (an extension committed with the end it
        // extends read "end none → 2027-12-31"); the others still hold their old versions.
        var replayed: Set<String> = []
        for (entry, new) in versions {
            let old = events[entry]
            let keys = Set((old?.values ?? [:]).keys).union((new?.values ?? [:]).keys).sorted()
            for key in keys where !Assessments.isProductValue(key) && old?.values[key] != new?.values[key] {
                var before = old?.values[key]
                // An end (or closure) a new announcement writes moves the one that stood before
                // it (an extension read "end none → 2023-02-13", as a first announcement).
                if before == nil, Self.isScheduled(key), let value = new?.values[key], let date = new?.date,
                    !dropped.contains(Self.describe(key, value))
                {
                    before = standing(key, before: date, besides: written.subtracting(replayed))
                }
                // Announced once the end standing had come, with no return since, it is no
                // announcement (event time lists none, and every countdown keeps the end that
                // came): an extension dated after it, an `ends: none` on its very day.
                if Self.isScheduled(key), new?.values[key] != nil, let date = new?.date, voided(key, standing: before, at: date) { continue }
                net.add(
                    RecordedChange(
                        commit: commit, entry: entry, what: key.what, entity: key.what == .verdict ? nil : key.entity,
                        axis: key.what == .verdict ? nil : key.axis, channel: key.channel, before: before, after: new?.values[key]),
                    at: nil)
                if key.what != .verdict, new?.values[key] == nil { net.withdrew(key, of: entry, announced: old?.date) }
            }
            // A date corrected moves every value the event sets, on both dates.
            let moved = old?.date != new?.date
            let touched = Set(
                keys.filter { Assessments.isProductValue($0) && (moved || old?.values[$0] != new?.values[$0]) }.map { [$0.entity, $0.axis] }
            )
            .sorted(by: { $0.lexicographicallyPrecedes($1) })
            var dates: [FuzzyDate] = []
            for date in [old?.date, new?.date].compactMap({ $0 }) where !dates.contains(date) { dates.append(date) }
            // What the products had before this version, read before it is recorded.
            let before = touched.map { pair in
                (channels(of: pair[0], axis: pair[1]), dates.map { values(of: pair[0], axis: pair[1], at: $0) })
            }
            record(entry, old: old, new: new)
            replayed.insert(entry)
            for (pair, (channelsBefore, then)) in zip(touched, before) {
                let (entity, axis) = (pair[0], pair[1])
                let channels = Set(channelsBefore).union(channels(of: entity, axis: axis)).sorted()
                for (date, was) in zip(dates, then) {
                    let now = values(of: entity, axis: axis, at: date)
                    for channel in channels.isEmpty ? [nil] : channels.map(Optional.some) {
                        let (from, to) = (value(was, channel), value(now, channel))
                        guard from != to else { continue }
                        net.add(
                            RecordedChange(
                                commit: commit, entry: entry, what: .status, entity: entity, axis: axis, channel: channel, before: from, after: to),
                            at: date)
                    }
                }
            }
        }
        // A value is said as the whole commit left it: a file renamed and redated in one
        // commit moved its old date's value back, which the new file then set again.
        net.settle { change, date in value(values(of: change.entity ?? "", axis: change.axis ?? "", at: date), change.channel) }
        // An end (or closure) withdrawn with its file or its line leaves the one announced
        // before it standing, not none (a mistaken extension removed brought the first end
        // back: "end 1 January 2025 → none" read as cancelled); with one announced after it
        // standing, it moved nothing. Announcements this commit wrote are not standing ones
        // (a file renamed is one announcement, paired as such).
        net.settleWithdrawn { key, announced, value in
            // Written again by another file of this commit: a file renamed, paired as such.
            if versions.contains(where: { $0.new?.values[key] == value }) { return .keep }
            let standing = (eventsOf[key.entity] ?? []).subtracting(written).compactMap { id -> (date: FuzzyDate, id: String, value: String)? in
                guard let version = events[id], let value = version.values[key], let date = version.date else { return nil }
                return (date, id, value)
            }
            guard let announced else { return .keep }
            if standing.contains(where: { $0.date.startKey > announced.startKey }) { return .unchanged }
            let before = standing.filter { $0.date.startKey <= announced.startKey }.max { ($0.date.startKey, $0.id) < ($1.date.startKey, $1.id) }
            return before.map { .standing($0.value) } ?? .keep
        }
        return net.changes
    }

    /// The value of the latest end (or closure) of `key` announced before `date` by another
    /// recorded event than those of this commit (`besides`); nil when none stands.
    private func standing(_ key: Assessments.Key, before date: FuzzyDate, besides: Set<String>) -> String? {
        let earlier = (eventsOf[key.entity] ?? []).subtracting(besides).compactMap { id -> (FuzzyDate, String, String)? in
            guard let version = events[id], let value = version.values[key], let day = version.date, day.startKey < date.startKey else { return nil }
            return (day, id, value)
        }
        return earlier.max { ($0.0.startKey, $0.1) < ($1.0.startKey, $1.1) }?.2
    }

    /// Whether the end (or closure) `standing` had come by `date` (it comes at the start of
    /// its period) and left the product, or the channel, at the bottom of the scale there.
    private func voided(_ key: Assessments.Key, standing: String?, at date: FuzzyDate) -> Bool {
        guard let standing, standing != "none", let came = try? FuzzyDate(parsing: standing), came.startKey <= date.startKey,
            let bottom = scales.availability.last
        else { return false }
        return value(values(of: key.entity, axis: StatusSetting.Axis.availability.rawValue, at: date), key.channel) == bottom
    }

    /// An end or a sign-ups closure: a file's own scheduled value, which a later
    /// announcement moves (a moved closure read "sign-ups closure none → 2027-03-31").
    private static func isScheduled(_ key: Assessments.Key) -> Bool {
        key.what == .end || (key.what == .status && key.axis == StatusSetting.Axis.closes.rawValue)
    }

    private static func describe(_ key: Assessments.Key, _ value: String) -> [String] {
        [key.entity, key.axis, key.channel ?? "\u{0}", value]
    }

    /// The changes of a commit that wrote one version, of `entry`.
    mutating func changes(_ entry: String, to new: Assessments?, commit: String?) -> [RecordedChange] {
        changes([(entry, new)], commit: commit)
    }

    /// Changes of one commit joined per value and date (a product's value), or per entry and
    /// value (an end, a closure, a verdict: the file's own): from the first one's `before` to
    /// the last one's `after`, named after the last entry; none when they come back to where
    /// they were. A file's value that went with one id and came with another in the same
    /// commit (`ends: { api: 2026-03-01 }` in a file renamed) is neither.
    private struct NetChanges {
        private var order: [String] = []
        private var joined: [String: RecordedChange] = [:]
        /// The keys of a file's own values (not a product's value at a date).
        private var own: Set<String> = []
        /// The date of each product's value.
        private var dates: [String: FuzzyDate] = [:]

        mutating func add(_ change: RecordedChange, at date: FuzzyDate?) {
            let key = [change.what.rawValue, change.entity ?? "", change.axis ?? "", change.channel ?? "\u{0}", date?.text ?? "\u{0}" + change.entry]
                .joined(separator: "\u{1}")
            guard var earlier = joined[key] else {
                order.append(key)
                var change = change
                change.date = date?.text
                joined[key] = change
                if let date { dates[key] = date } else { own.insert(key) }
                return
            }
            (earlier.after, earlier.entry) = (change.after, change.entry)
            joined[key] = earlier
        }

        /// The keys of a file's own scheduled values (ends, closures) it no longer writes,
        /// with the value's key and the date it was announced on.
        private var withdrawals: [String: (key: Assessments.Key, announced: FuzzyDate?)] = [:]

        enum Withdrawal {
            case keep, unchanged
            case standing(String)
        }

        private static func ownKey(_ key: Assessments.Key, _ entry: String) -> String {
            [key.what.rawValue, key.entity, key.axis, key.channel ?? "\u{0}", "\u{0}" + entry].joined(separator: "\u{1}")
        }

        mutating func withdrew(_ key: Assessments.Key, of entry: String, announced: FuzzyDate?) {
            withdrawals[Self.ownKey(key, entry)] = (key, announced)
        }

        /// Each withdrawal as what stands after it says (`Withdrawal`).
        mutating func settleWithdrawn(_ standing: (Assessments.Key, FuzzyDate?, String?) -> Withdrawal) {
            for (name, withdrawn) in withdrawals {
                guard var change = joined[name], change.after == nil else { continue }
                switch standing(withdrawn.key, withdrawn.announced, change.before) {
                case .keep: continue
                case .unchanged: change.after = change.before
                case .standing(let value): change.after = value
                }
                joined[name] = change
            }
        }

        /// Each product's value at its date as `now` reads it once the commit is recorded.
        mutating func settle(_ now: (RecordedChange, FuzzyDate) -> String?) {
            for (key, date) in dates {
                guard var change = joined[key] else { continue }
                change.after = now(change, date)
                joined[key] = change
            }
        }

        var changes: [RecordedChange] {
            let kept = order.filter { joined[$0].map { $0.before != $0.after } ?? false }
            // A file's value removed under one id and written under another: a rename. Not
            // a verdict, which names no entity to tell two claims' apart.
            func value(_ c: RecordedChange, _ v: String?) -> [String] {
                [c.what.rawValue, c.entity ?? "", c.axis ?? "", c.channel ?? "\u{0}", v ?? ""]
            }
            let renamable = kept.filter { own.contains($0) && joined[$0]?.what != .verdict }
            var gone: [[String]: [String]] = [:]
            for key in renamable { if let c = joined[key], c.after == nil { gone[value(c, c.before), default: []].append(key) } }
            var dropped: Set<String> = []
            for key in renamable {
                guard let c = joined[key], c.before == nil, var list = gone[value(c, c.after)],
                    let other = list.first(where: { joined[$0]?.entry != c.entry })
                else { continue }
                list.removeAll { $0 == other }
                gone[value(c, c.after)] = list
                dropped.formUnion([key, other])
            }
            return kept.filter { !dropped.contains($0) }.compactMap { joined[$0] }
        }
    }

    private mutating func record(_ entry: String, old: Assessments?, new: Assessments?) {
        for key in (old?.values ?? [:]).keys { eventsOf[key.entity]?.remove(entry) }
        events[entry] = new
        for key in (new?.values ?? [:]).keys where key.what != .verdict { eventsOf[key.entity, default: []].insert(entry) }
    }

    /// The recorded versions that set something on `entity`.
    private func versions(of entity: String) -> [(id: String, version: Assessments)] {
        (eventsOf[entity] ?? []).compactMap { id in events[id].map { (id, $0) } }
    }

    /// The channels the recorded settings name for a product's axis (for availability, the
    /// channels its ends and closures name too: an end that came moves its channel).
    private func channels(of entity: String, axis: String) -> [String] {
        let axes = Self.axes(replayedWith: axis)
        return versions(of: entity).flatMap { $0.version.values.keys.filter { $0.entity == entity && axes.contains($0.axis) }.compactMap(\.channel) }
    }

    /// The axes whose settings make a value of `axis`: availability falls when an announced
    /// end or closure comes, as the status model replays it.
    private static func axes(replayedWith axis: String) -> Set<String> {
        axis == StatusSetting.Axis.availability.rawValue
            ? [axis, StatusSetting.Axis.ends.rawValue, StatusSetting.Axis.closes.rawValue] : [axis]
    }

    /// The values in force at the end of `date`, by channel (`*` for a whole-product value),
    /// replayed in the order the status model applies changes; availability by the status
    /// model itself, with the ends and closures that came by then (a channel brought back
    /// after its end came moves from `retired`, as `vane changes` says in event time).
    private func values(of entity: String, axis: String, at date: FuzzyDate?) -> [String: String] {
        guard let date, let scaled = StatusSetting.Axis(rawValue: axis) else { return [:] }
        let axes = Self.axes(replayedWith: axis)
        var changes: [StatusChange] = []
        for (id, version) in versions(of: entity) {
            guard let day = version.date, StatusTimeline.inForce(day, asOf: date) else { continue }
            for (key, value) in version.values where key.what != .verdict && key.entity == entity && axes.contains(key.axis) {
                guard let setting = StatusSetting.Axis(rawValue: key.axis) else { continue }
                changes.append(
                    StatusChange(event: id, entity: entity, axis: setting, channel: key.channel, value: value, date: day, location: .top(of: "")))
            }
        }
        if scaled == .successors {
            // Whole-product advice only: the latest in force, or the product's own.
            let advice = StatusTimeline.ordered(changes.sorted { $0.event < $1.event }).last?.value
            let own = products.own[entity] ?? []
            let folds = own.filter { (products.folds[entity] ?? []).contains($0) }
            let now = advice.map { StatusBoard.advised($0, keeping: folds) } ?? own
            // `none` when there are none, as event time writes it (JSON read `null`).
            return ["*": StatusBoard.written(now)]
        }
        if scaled == .availability {
            let sorted = changes.sorted { ($0.event, $0.axis.rawValue, $0.channel ?? "") < ($1.event, $1.axis.rawValue, $1.channel ?? "") }
            // Every channel the product has now, as event time replays it: a launch of the whole
            // product sets a channel no recorded event names yet (restating it later read as
            // its first availability).
            let named = StatusTimeline.channels(declared: [:], changes: sorted)[entity] ?? []
            let channels = Set(named).union(products.channels[entity] ?? []).sorted()
            guard let status = StatusTimeline.statuses(sorted, channels: [entity: channels], asOf: date, scales: scales)[entity] else {
                return [:]
            }
            // A product with channels has no value for a channel not offered yet: its first
            // availability moves from none, as in event time (it read as the product's). The
            // product's own value (its most available channel's) is kept apart, for a change
            // of the whole product.
            guard status.channels.isEmpty else {
                var values = status.channels.mapValues(\.value)
                values[Self.wholeProduct] = status.availability?.value
                return values
            }
            return status.availability.map { ["*": $0.value] } ?? [:]
        }
        var values: [String: String] = [:]
        for change in StatusTimeline.ordered(changes.sorted { ($0.event, $0.channel ?? "") < ($1.event, $1.channel ?? "") }) {
            if let channel = change.channel {
                values[channel] = change.value
            } else {
                values = ["*": change.value]
            }
        }
        return values
    }

    /// A channel's value, or the whole product's: `*` when it has no channels, which each
    /// channel then has; `wholeProduct` beside its channels' values, which no channel has.
    private func value(_ values: [String: String], _ channel: String?) -> String? {
        guard let channel else { return values["*"] ?? values[Self.wholeProduct] }
        return values[channel] ?? values["*"]
    }

    /// The key of a product's own value beside its channels' (no channel's id is empty).
    private static let wholeProduct = ""
}
