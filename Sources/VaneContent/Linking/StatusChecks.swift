import Foundation
import VaneDiagnostics

/// The checks of channels and of announced ends across files: undeclared channels, a
/// first availability that is already a fall, cancellations and ends that come too late.
extension Linker {
    // MARK: - Channels

    mutating func registerChannels() {
        for i in entries.indices where entries[i].kind == .entity {
            // An empty list (`channels: []`, or every item refused) declares nothing: the
            // product has the channels its events name (it said "its channels are " and nothing).
            guard let list = entries[i].channels, !list.isEmpty else { continue }
            declared[entries[i].id] = list.map { channelEntity($0.text) ?? $0.text }
        }
    }

    /// A channel written as no id: an error, with the id meant when the text is an entity's
    /// alias or name (a channel that is an entity is written as its id, or an id-shaped
    /// alias: `AOAI`), else the text made an id.
    mutating func sayChannelNotID(_ written: LocatedText) {
        let hint: String
        if let id = resolve(written.text), known[id]?.kind == .entity {
            hint = " (did you mean '\(id)', whose alias it is?)"
        } else if let named = entityNames[written.text.lowercased()] {
            hint = named.count == 1 ? " (did you mean '\(named[0])', whose name it is?)" : Linker.sharedName(named)
        } else if let match = written.text.wholeMatch(of: /([a-z0-9][a-z0-9-]*) \(([a-z-]+)\)/) {
            // Copied from a view, which prints a channel with its tier: `esu (paid)`.
            hint =
                " (did you mean '\(match.1)'? a tier is declared with the product's channels, channels: [{ \(match.1): \(match.2) }], not written with the channel)"
        } else {
            hint = IDRule.hint(for: written.text)
        }
        diagnostics.append(.error(written.location, "channel '\(written.text)' must be an id (lowercase a-z, 0-9, '-')\(hint)"))
    }

    /// A product that declares channels names no other: an error at the channel that lists them.
    mutating func checkDeclared(_ channel: String, of entity: String, at location: SourceLocation) -> Bool {
        guard let list = declared[entity], !list.contains(channel) else { return true }
        diagnostics.append(
            .error(
                location,
                "channel '\(channel)' is not declared by '\(entity)'\(Suggestion.hint(for: channel, in: list)); its channels are \(list.joined(separator: ", "))"
            ))
        return false
    }

    /// Every product's channels: declared ones, and those its events name. One whose
    /// events name channels it does not declare is told the declaration to add.
    mutating func checkChannels() -> [String: [String]] {
        let channels = StatusTimeline.channels(declared: declared, changes: statusChanges)
        // Not for a product whose file did not parse: it may declare them already.
        for (id, named) in channels.sorted(by: { $0.key < $1.key }) where declared[id] == nil && !unread.contains(id) {
            guard let path = known[id]?.path else { continue }
            let list = named.joined(separator: ", ")
            diagnostics.append(
                .warning(.top(of: path), "the events of '\(id)' name the channels \(list); declare them on the product: 'channels: [\(list)]'"))
            nearMisses(of: id, among: named)
        }
        return channels
    }

    /// A channel of an undeclared product one edit from another (`vendor-eus` beside
    /// `vendor-esu`) is most likely that one mistyped, and a channel of its own otherwise:
    /// said where the rarer (or later) of the two is written.
    mutating func nearMisses(of id: String, among named: [String]) {
        // The changes are read only for a pair one letter apart (rare): not every product's
        // whole list of changes once per product.
        func near(_ a: String, _ b: String) -> Bool { a != b && a.count >= 5 && b.count >= 5 && Suggestion.editDistance(a, b) == 1 }
        guard named.contains(where: { a in named.contains { near(a, $0) } }) else { return }
        let changes = statusChanges.filter { $0.entity == id && $0.channel != nil }
        let uses = Dictionary(grouping: changes, by: { $0.channel! })
        func rarer(_ a: String, _ b: String) -> Bool {
            let (x, y) = (uses[a] ?? [], uses[b] ?? [])
            if x.count != y.count { return x.count < y.count }
            return (x.map(\.date.startKey).min() ?? 0, a) > (y.map(\.date.startKey).min() ?? 0, b)
        }
        for channel in named {
            guard let other = named.first(where: { near(channel, $0) && rarer(channel, $0) }), let first = uses[channel]?.first
            else { continue }
            diagnostics.append(
                .warning(
                    first.location,
                    "channel '\(channel)' of '\(id)' is one letter from '\(other)' (did you mean '\(other)'?); "
                        + "'\(id)' declares no channels, so each name is a channel of its own"))
        }
    }

    /// An end that comes before the product was first offered, when it is offered later (a
    /// year mistyped: `ends: 2019-10-18` of Stadia, launched on 19 November 2019): the model
    /// read the launch as a return after the end, and nothing said so.
    func endsBeforeLaunch(_ scheduled: [String: [StatusChange]]) -> [String: [Diagnostic]] {
        let scales = StatusScales(config)
        var warnings: [String: [Diagnostic]] = [:]
        for (entity, list) in scheduled {
            let offered = list.first { $0.axis == .availability && $0.value != "announced" && !scales.isGone($0.value) }
            guard let offered else { continue }
            for change in list where change.axis == .ends && change.date.startKey < offered.date.startKey {
                guard let end = try? FuzzyDate(parsing: change.value), end.endKey < offered.date.startKey else { continue }
                warnings[entity, default: []].append(
                    .warning(
                        change.location,
                        "'\(entity)' ends on \(end.display), before it was first offered (\(offered.date.display), by \(offered.event)): is the year right?"
                    ))
            }
        }
        return warnings
    }

    /// A whole-product availability that gives a paid channel its first value
    /// (`windows-10: { availability: generally-available }` at the launch, with
    /// `{ commercial-esu: paid }` declared): the programme then reads as on offer from the
    /// launch, its announcement as a fall and its end as an extension. Told where it is
    /// written, once per channel: naming the channels it sets says what was meant. Not of
    /// an `extended` channel: support beyond the standard term at no charge (endoflife.date's)
    /// comes with the release.
    func tiersOpenedWhole(_ scheduled: [String: [StatusChange]]) -> [String: [Diagnostic]] {
        let scales = StatusScales(config)
        var tiers: [String: [String: ChannelTier]] = [:]
        for entry in entries where entry.kind == .entity {
            let paid = entry.channelTiers.filter { $0.value == .paid }
            if !paid.isEmpty { tiers[entry.id] = paid }
        }
        var warnings: [String: [Diagnostic]] = [:]
        for (entity, tiered) in tiers {
            var named: Set<String> = []
            for change in scheduled[entity] ?? [] where change.axis == .availability {
                guard let channel = change.channel else {
                    let opened = tiered.keys.filter { !named.contains($0) }.sorted()
                    named.formUnion(tiered.keys)
                    guard !opened.isEmpty, !scales.isGone(change.value) else { continue }
                    let list = opened.map { "'\($0) (\(tiered[$0]!.rawValue))'" }.joined(separator: ", ")
                    let others = (declared[entity] ?? []).filter { tiered[$0] == nil }
                    let written = others.map { "\($0): \(change.value)" }.joined(separator: ", ")
                    warnings[entity, default: []].append(
                        .warning(
                            change.location,
                            "an availability with no channel sets every channel of '\(entity)', \(list) included: it reads as offered from \(change.date.display)"
                                + (others.isEmpty ? "" : "; name the channels meant (availability: { \(written) })")))
                    continue
                }
                named.insert(channel)
            }
        }
        return warnings
    }

    /// An end announced for a channel no event makes available, on a product whose
    /// availability is recorded (and never for the whole product): it counts down nowhere
    /// until the channel opens, which the author is told where the end is written (EKS's
    /// paid extended support, its end announced at release, with no opening recorded).
    func unofferedEnds(_ scheduled: [String: [StatusChange]]) -> [String: [Diagnostic]] {
        var warnings: [String: [Diagnostic]] = [:]
        for list in scheduled.values where list.contains(where: { $0.axis == .ends && $0.channel != nil }) {
            let available = list.filter { $0.axis == .availability }
            guard !available.isEmpty, !available.contains(where: { $0.channel == nil }) else { continue }
            let offered = Set(available.compactMap(\.channel))
            for change in list where change.axis == .ends && change.value != "none" {
                guard let channel = change.channel, !offered.contains(channel) else { continue }
                warnings[change.entity, default: []].append(
                    .warning(
                        change.location,
                        "'\(change.entity)' (\(channel)) is never made available, so its end counts down nowhere: record when it opens (availability: { \(channel): generally-available }), or that it is announced (availability: { \(channel): announced })"
                    ))
            }
        }
        return warnings
    }

    /// The warnings, by product, for the products of `changes` (all of each one's) whose
    /// first recorded availability is already a fall (a closure recorded without its
    /// launch): such a product would score as if nothing fell, so the author is told what
    /// to record; and for each cancellation that cancels an end already come.
    func baselineWarnings(_ changes: [StatusChange]) -> [String: [Diagnostic]] {
        // Each product's availability, ends and closures in order, read by both checks.
        let scheduled = Dictionary(
            grouping: StatusTimeline.ordered(changes.filter { $0.axis != .priority && $0.axis != .successors }), by: \.entity)
        var warnings = resolvedEndWarnings(scheduled).merging(endsAfterGone(scheduled)) { $0 + $1 }.merging(unofferedEnds(scheduled)) { $0 + $1 }
            .merging(tiersOpenedWhole(scheduled)) { $0 + $1 }.merging(endsBeforeLaunch(scheduled)) { $0 + $1 }
        let scale = config.availabilityScale
        let scales = StatusScales(config)
        guard let usable = scale.firstIndex(of: "generally-available") ?? scale.indices.first else { return warnings }
        let ordered = StatusTimeline.ordered(changes.filter { $0.axis == .availability })
        let fallen = { (value: String) in
            (scale.firstIndex(of: value).map { $0 > usable } ?? false) && (scales.isWindingDown(value) || scales.isGone(value))
        }
        for list in Dictionary(grouping: ordered, by: \.entity).values {
            for change in channelsFirstFallen(list, fallen: fallen) {
                let channel = change.channel ?? ""
                warnings[change.entity, default: []].append(
                    .warning(
                        change.location,
                        "\(Linker.fallFromNothing) '\(change.entity)' on '\(channel)' is '\(change.value)', a fall from nothing: record when it opened there (availability: { \(channel): \(scale[usable]) }) so that the fall counts in its risk"
                    ))
            }
            // The first day's changes happen together: where the day ends is what was first
            // recorded (a launch the same day as a closure is no fall from nothing).
            let firstDay = list.prefix { $0.date.startKey == list[0].date.startKey }
            var last: [String: StatusChange] = [:]
            for change in firstDay {
                if change.channel == nil { last = [:] }
                last[change.channel ?? "*"] = change
            }
            guard
                let change = last.sorted(by: { $0.key < $1.key }).map(\.value).min(by: {
                    (scale.firstIndex(of: $0.value) ?? .max) < (scale.firstIndex(of: $1.value) ?? .max)
                }),
                let rank = scale.firstIndex(of: change.value), rank > usable,
                // On a configured scale too: its winding-down values and its last, not the
                // default's last three (of four values, every one below the top).
                scales.isWindingDown(change.value) || scales.isGone(change.value)
            else { continue }
            warnings[change.entity, default: []].append(
                .warning(
                    change.location,
                    "\(Linker.fallFromNothing) '\(change.entity)' is '\(change.value)', a fall from nothing: record the event that made it available (its launch) so that the fall counts in its risk"
                ))
        }
        return warnings
    }

    /// The channels of one product (`list`: its availability changes in order) first recorded
    /// after the product's first day, with no value for the whole product before them, whose
    /// first value is already a fall: the channel's decline counts from the best value it
    /// ever had, so a closure recorded without the channel's opening would count as nothing
    /// (the product's own first day is `baselineWarnings`' to judge). Each at the value the
    /// channel stood at when its first day ended.
    func channelsFirstFallen(_ list: [StatusChange], fallen: (String) -> Bool) -> [StatusChange] {
        guard let first = list.first?.date.startKey else { return [] }
        var known: Set<String> = []
        var wholeKnown = false
        var found: [StatusChange] = []
        var start = list.startIndex
        while start < list.endIndex {
            let key = list[start].date.startKey
            let day = list[start...].prefix { $0.date.startKey == key }
            start += day.count
            let wholeToday = day.contains { $0.channel == nil }
            defer {
                known.formUnion(day.compactMap(\.channel))
                wholeKnown = wholeKnown || wholeToday
            }
            guard key != first, !wholeKnown, !wholeToday else { continue }
            var last: [String: StatusChange] = [:]
            for change in day { if let channel = change.channel, !known.contains(channel) { last[channel] = change } }
            found += last.keys.sorted().compactMap { last[$0] }.filter { fallen($0.value) }
        }
        return found
    }

    /// The checks read from each product's ends as they stand, resolved once for both
    /// (`EndSchedule.resolve`): cancellations that come too late, returns on an end's day.
    func resolvedEndWarnings(_ scheduled: [String: [StatusChange]]) -> [String: [Diagnostic]] {
        let scales = StatusScales(config)
        var warnings: [String: [Diagnostic]] = [:]
        for (product, list) in scheduled {
            let resolved = EndSchedule.resolve(list, scales: scales)
            let found = voidAnnouncements(resolved.void) + returnsOnTheirEndsDay(list, ends: resolved.scheduled, scales: scales)
            if !found.isEmpty { warnings[product, default: []] += found }
        }
        return warnings
    }

    /// An availability recorded on the day an end in force comes, for what that end takes:
    /// the product stays available (a value held only within a day was never held), while
    /// the end reads as come ("ended 16 days ago") in every list and calendar. Twitter's free
    /// API was to end on 13 February 2023 and went on running: recorded so, the pages said
    /// both. Said at the return, with the way to write a deadline that passed.
    func returnsOnTheirEndsDay(_ list: [StatusChange], ends scheduled: [AnnouncedEnd], scales: StatusScales) -> [Diagnostic] {
        let ends = scheduled.filter { $0.kind == .end && $0.retired == nil }
        guard !ends.isEmpty else { return [] }
        return list.compactMap { change in
            guard change.axis == .availability, !scales.isGone(change.value),
                let end = ends.first(where: {
                    $0.date.startKey == change.date.startKey && ($0.channel == nil || change.channel == nil || $0.channel == change.channel)
                })
            else { return nil }
            let what = end.channel.map { "'\(end.entity)' (\($0))" } ?? "'\(end.entity)'"
            let called = end.channel.map { "ends: { \($0): none }" } ?? "ends: none"
            return .warning(
                change.location,
                "\(what) is made \(change.value) on the day its end comes (\(end.date.display), announced by \(end.event)): it stays available, but the end reads as come ('ended') in every list and calendar; if the vendor called it off or put it back, record that before its day ('\(called)', or the new date)"
            )
        }
    }

    /// The day a date comes on, as a warning names it: `that day`, or for a month, a quarter
    /// or a year its first day (`1 March 2027, the start of March 2027`), which the author
    /// has to know to date a cancellation or an extension before it.
    static func firstDay(of date: FuzzyDate) -> String {
        guard date.precision != .day, let first = try? FuzzyDate(parsing: date.start) else { return "that day" }
        return "\(first.display), the start of \(date.display)"
    }

    /// `ends: none` (or `closes: none`) dated no earlier than the end it would cancel comes
    /// after it: the end came at the start of its day and stands, so the cancellation
    /// cancels nothing (`EndSchedule.resolve`, as the status reads it). Said, not left to
    /// read as a cancellation on one page and as nothing in `vane changes`.
    /// A closure moved once it had come is said alike: it moves nothing.
    func voidAnnouncements(_ void: [(change: StatusChange, came: FuzzyDate, metBy: String?)]) -> [Diagnostic] {
        void.map { change, came, metBy in
            let what = change.axis == .ends ? "end" : "closure"
            let why = metBy.map { "was met by \($0) before this" } ?? "came at the start of \(Self.firstDay(of: came)), before this"
            guard change.value == "none" else {
                return .warning(
                    change.location,
                    "'\(change.axis.rawValue): \(change.value)' moves nothing: the \(what) announced for \(came.display) \(why) (date this earlier if it came first; if sign-ups reopened, record that first)"
                )
            }
            return .warning(
                change.location,
                "'\(change.axis.rawValue): none' cancels nothing: the \(what) announced for \(came.display) \(why) (date the cancellation earlier if it came first)"
            )
        }
    }

    /// An end or closure announced once the product (or the channel) was already gone, in
    /// an earlier period than the announcement (retired by an event, or by an end that
    /// came): nothing counts it down (the boards list what is still usable), so it is said
    /// where it is written rather than dropped in silence. A product made available again
    /// may be given a new end.
    func endsAfterGone(_ scheduled: [String: [StatusChange]]) -> [String: [Diagnostic]] {
        let scales = StatusScales(config)
        var warnings: [String: [Diagnostic]] = [:]
        for list in scheduled.values {
            // Most products have no end: nothing to replay.
            guard list.contains(where: { $0.axis != .availability }) else { continue }
            var state = GoneState()
            // Sign-ups recorded closed (`closed-to-new` or lower, not gone), by channel ("" the
            // whole product): a closure announced after that closes nothing.
            var closed: [String: GoneState.Gone?] = [:]
            for change in list {
                state.makePrecise(change)
                state.settle(before: change.date)
                switch change.axis {
                case .availability:
                    let gone =
                        scales.isGone(change.value) ? GoneState.Gone(date: change.date, event: change.event, ended: false, value: change.value) : nil
                    state.set(change.channel, gone)
                    if scales.rank(change.value, on: .availability) != nil {
                        if change.channel == nil { closed = [:] }
                        // A channel opened has its own entry, nil: the whole product's closing is not its.
                        closed[change.channel ?? ""] = .some(
                            scales.closesSignUps(change.value) && gone == nil
                                ? GoneState.Gone(date: change.date, event: change.event, ended: false, value: change.value) : nil)
                    }
                case .closes:
                    if change.value != "none", let was = change.channel.flatMap({ closed[$0] }) ?? closed[""] ?? nil,
                        was.date.endKey < change.date.startKey,
                        state.gone(change.channel) == nil
                    {
                        let what = change.channel.map { "'\(change.entity)' (\($0))" } ?? "'\(change.entity)'"
                        warnings[change.entity, default: []].append(
                            .warning(
                                change.location,
                                "\(what) was already \(was.value) (\(was.date.display), by \(was.event)): a closure announced after that counts nothing down (record its reopening first if sign-ups reopened)"
                            ))
                        continue
                    }
                default: state.announce(change)
                }
                // An end comes at the start of its day: an announcement made that day comes
                // after it (as a cancellation does), unless it restates that very end.
                guard change.axis != .availability, change.value != "none", let gone = state.gone(change.channel),
                    gone.ended
                        ? gone.date.startKey <= change.date.startKey && (try? FuzzyDate(parsing: change.value)) != gone.date
                        : gone.date.endKey < change.date.startKey
                else { continue }
                let what = change.channel.map { "'\(change.entity)' (\($0))" } ?? "'\(change.entity)'"
                let was = gone.ended ? "had already ended (\(gone.date.display), announced by" : "was already \(gone.value) (\(gone.date.display), by"
                let kind = change.axis == .ends ? "an end" : "a closure"
                let sameDay = gone.ended && gone.date.endKey >= change.date.startKey
                let hint =
                    sameDay
                    ? "the end came at the start of \(Self.firstDay(of: gone.date)), before this: date this earlier if it came first"
                    : "record its return first if it came back"
                warnings[change.entity, default: []].append(
                    .warning(
                        change.location, "\(what) \(was) \(gone.event)): \(kind) announced after that counts nothing down (\(hint))"))
            }
        }
        return warnings
    }

    /// A use written without a title is named after what it uses: `Django 4.2 (billing)`;
    /// a use's channel that names an entity is that entity's id, as a status's is.
    mutating func nameUses() {
        var names: [String: String] = [:]
        for i in entries.indices where entries[i].kind == .entity { names[entries[i].id] = names[entries[i].id] ?? entries[i].title }
        for i in entries.indices where entries[i].use?.channel != nil {
            if let written = entries[i].use?.channel?.text, let id = channelEntity(written) { entries[i].use?.channel?.text = id }
        }
        KnowledgeBase.nameUses(&entries, names: names, edges: edges)
    }
}

/// Whether a product, or one of its channels, is gone as its changes are replayed in
/// order (`Linker.endsAfterGone`): retired by an event, or by an announced end whose day
/// has come; a whole-product change speaks for every channel.
struct GoneState {
    struct Gone { var date: FuzzyDate, event: String, ended: Bool, value: String = "" }
    private var whole: Gone?
    private var channels: [String: Gone?] = [:]
    private var pending: [String: (change: StatusChange, day: FuzzyDate)] = [:]
    private var calledOff: Set<String> = []
    private static let wholeKey = ""

    func gone(_ channel: String?) -> Gone? {
        guard let channel else { return channels.values.contains { $0 == nil } ? nil : whole }
        return channels[channel] ?? whole
    }

    mutating func set(_ channel: String?, _ gone: Gone?) {
        guard let channel else {
            (whole, channels) = (gone, [:])
            return
        }
        channels[channel] = .some(gone)
    }

    /// An end announced (or called off) replaces the one pending for its channel; a whole
    /// product's replaces every channel's.
    mutating func announce(_ change: StatusChange) {
        let key = change.channel ?? Self.wholeKey
        let day = try? FuzzyDate(parsing: change.value)
        // A restatement (the same end, or its day set within the period announced; for a
        // channel, the whole product's end said for it) is of the end announced before: a
        // warning names that announcement, as `vane ends` does.
        let held = pending[key] ?? (change.channel == nil ? nil : pending[Self.wholeKey])
        let restated = day.flatMap { day in held.flatMap { day.restates($0.day) ? $0.change : nil } }
        if change.channel == nil { (pending, calledOff) = ([:], []) }
        // `ends: { china: none }` under a whole product's end still ahead: the channel outlives it.
        if let channel = change.channel, change.value == "none", pending[Self.wholeKey] != nil { calledOff.insert(channel) }
        pending[key] = day.map { (restated ?? change, $0) }
    }

    /// An end's day set within its period while the period runs, before that day: the end
    /// made precise, still pending (as `EndSchedule` reads it).
    mutating func makePrecise(_ change: StatusChange) {
        guard change.axis == .ends, let day = try? FuzzyDate(parsing: change.value) else { return }
        let key = change.channel ?? Self.wholeKey
        guard let held = pending[key], day.setsTheDay(of: held.day, saidOn: change.date) else { return }
        pending[key] = (held.change, day)
    }

    /// The ends whose day has come by `date` take effect, in their order (on one day, the
    /// whole product's first: a dictionary's order changed from run to run).
    mutating func settle(before date: FuzzyDate) {
        guard !pending.isEmpty else { return }
        let due = pending.compactMap { key, end -> (String, StatusChange, FuzzyDate)? in
            end.day.startKey <= date.startKey ? (key, end.change, end.day) : nil
        }.sorted { ($0.2.startKey, $0.0) < ($1.2.startKey, $1.0) }
        for (key, change, day) in due {
            pending[key] = nil
            // Gone already: an end announced since counted nothing down, and the product
            // is gone from the first end (or retirement), not from this one.
            if gone(key == Self.wholeKey ? nil : key) != nil { continue }
            let gone = Gone(date: day, event: change.event, ended: true)
            guard key == Self.wholeKey else {
                set(key, gone)
                continue
            }
            // A channel with an end of its own still ahead outlives the product's, and so
            // does one the product's end was called off for.
            let outliving = Set(pending.keys).union(calledOff).map { ($0, channels[$0] ?? .some(nil)) }
            set(nil, gone)
            for (channel, state) in outliving { channels[channel] = state }
        }
    }
}
