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

/// The status settings of every event as recorded so far, so that a recorded change names
/// the value the product had before and after the commit (a reopening after a per-channel
/// closure reads `new-customers: retired → generally-available`), not the previous text of
/// the event's file. Ends, closures and verdicts compare the file's versions.
struct RecordedStatus {
    private var events: [String: Assessments] = [:]
    /// Entity → the events whose recorded version sets something on it, so a change reads
    /// only that product's events, not every event recorded so far.
    private var eventsOf: [String: Set<String>] = [:]

    /// The changes a new version of `entry` makes (nil: the file is new, or removed), and
    /// records it.
    mutating func changes(_ entry: String, to new: Assessments?, commit: String?) -> [RecordedChange] {
        let old = events[entry]
        var result: [RecordedChange] = []
        let keys = Set((old?.values ?? [:]).keys).union((new?.values ?? [:]).keys).sorted()
        for key in keys where !Assessments.isProductValue(key) && old?.values[key] != new?.values[key] {
            result.append(
                RecordedChange(
                    commit: commit, entry: entry, what: key.what, entity: key.what == .verdict ? nil : key.entity,
                    axis: key.what == .verdict ? nil : key.axis, channel: key.channel, before: old?.values[key], after: new?.values[key]))
        }
        let touched = Set(keys.filter { Assessments.isProductValue($0) && old?.values[$0] != new?.values[$0] }.map { [$0.entity, $0.axis] })
            .sorted(by: { $0.lexicographicallyPrecedes($1) })
        // What the products had before this version, read before it is recorded.
        let before = touched.map { pair in (channels(of: pair[0], axis: pair[1]), values(of: pair[0], axis: pair[1], at: old?.date ?? new?.date)) }
        record(entry, old: old, new: new)
        for (pair, (channelsBefore, then)) in zip(touched, before) {
            let (entity, axis) = (pair[0], pair[1])
            let channels = Set(channelsBefore).union(channels(of: entity, axis: axis)).sorted()
            let now = values(of: entity, axis: axis, at: new?.date ?? old?.date)
            for channel in channels.isEmpty ? [nil] : channels.map(Optional.some) {
                let (from, to) = (value(then, channel), value(now, channel))
                guard from != to else { continue }
                result.append(
                    RecordedChange(commit: commit, entry: entry, what: .status, entity: entity, axis: axis, channel: channel, before: from, after: to)
                )
            }
        }
        return result
    }

    private mutating func record(_ entry: String, old: Assessments?, new: Assessments?) {
        for key in (old?.values ?? [:]).keys { eventsOf[key.entity]?.remove(entry) }
        events[entry] = new
        for key in (new?.values ?? [:]).keys where key.what == .status { eventsOf[key.entity, default: []].insert(entry) }
    }

    /// The recorded versions that set something on `entity`.
    private func versions(of entity: String) -> [(id: String, version: Assessments)] {
        (eventsOf[entity] ?? []).compactMap { id in events[id].map { (id, $0) } }
    }

    /// The channels the recorded settings name for a product's axis.
    private func channels(of entity: String, axis: String) -> [String] {
        versions(of: entity).flatMap { $0.version.values.keys.filter { $0.entity == entity && $0.axis == axis }.compactMap(\.channel) }
    }

    /// The values in force at the end of `date`, by channel (`*` for a whole-product value),
    /// replayed in the order the status model applies changes.
    private func values(of entity: String, axis: String, at date: FuzzyDate?) -> [String: String] {
        guard let date, let scaled = StatusSetting.Axis(rawValue: axis) else { return [:] }
        var changes: [StatusChange] = []
        for (id, version) in versions(of: entity) {
            guard let day = version.date, StatusTimeline.inForce(day, asOf: date) else { continue }
            for (key, value) in version.values where key.what == .status && key.entity == entity && key.axis == axis {
                changes.append(
                    StatusChange(event: id, entity: entity, axis: scaled, channel: key.channel, value: value, date: day, location: .top(of: "")))
            }
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

    private func value(_ values: [String: String], _ channel: String?) -> String? {
        channel.flatMap { values[$0] } ?? values["*"]
    }
}
