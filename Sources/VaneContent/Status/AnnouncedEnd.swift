import VaneDiagnostics

/// An end of availability announced by an event (`ends: 2024-01-04`), or a closure to new
/// customers (`closes: 2026-04-30`), for a product or one of its channels, with what
/// became of it.
public struct AnnouncedEnd: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The end of service: the product (or channel) is retired at the date.
        case end
        /// Sign-ups close: existing customers keep it, new ones cannot start.
        case closure
    }

    public var kind: Kind = .end
    public var entity: String
    /// The channel that ends; nil when the whole product does.
    public var channel: String?
    /// The announced end.
    public var date: FuzzyDate
    /// The announcing event in force and its date (the latest that moved the date).
    public var event: String
    public var announced: FuzzyDate
    /// The day an extension was said, when the vendor said it before the event's source
    /// (`announced:`): its own notice counts from then. Nil: the day it was announced.
    public var saidOn: FuzzyDate?
    /// When customers were first told of an end no later than this one: the first
    /// announcement, kept through restatements and extensions; an earlier cut-off starts
    /// the notice again.
    public var firstAnnounced: FuzzyDate
    public var firstEvent: String
    public var location: SourceLocation
    /// The recorded retirement that met the end, early, on the day or late; nil when none
    /// did (the end is still ahead, or came and retired the product itself).
    public var retiredBy: String?
    public var retired: FuzzyDate?
    /// The last day it was set for the whole product: announced, or made precise.
    var statedOn: FuzzyDate { restatedOn ?? announced }
    /// When it came: its day, or the recorded retirement that met it before that day.
    public var came: FuzzyDate { retired.map { $0.startKey < date.startKey ? $0 : date } ?? date }
    /// For a whole-product end that ended one channel alone, the channel whose retirement met it.
    public var metOnChannel: String?
    /// The end this announcement moved, for an announcement as it was made (an extension,
    /// an earlier cut-off); nil for a first announcement or a restatement.
    public var replaced: FuzzyDate?
    /// An announcement, as it was made, that called the end off (`ends: none`): `date` is
    /// the end it cancelled.
    public var cancelled = false
    /// Whether the notice runs from an earlier cut-off (an end brought forward), not from the
    /// first announcement of an end: said so (it read "from the first announcement" and
    /// named the cut-off's day, two rows below the first announcement).
    public var cutOff = false
    /// For a whole-product end, the channels it was called off for since
    /// (`ends: { china: none }`): they outlive it, as a channel with an end of its own does.
    public var calledOff: Set<String>?
    /// For a whole-product end, the last day a whole-product announcement made it precise: the
    /// channels' own ends announced before that day are replaced by it, as by a new one (a
    /// reminder of the same date leaves them be).
    public var restatedOn: FuzzyDate?

    public init(kind: Kind = .end, entity: String, channel: String?, date: FuzzyDate, event: String, announced: FuzzyDate, location: SourceLocation) {
        self.kind = kind
        self.entity = entity
        self.channel = channel
        self.date = date
        self.event = event
        self.announced = announced
        self.firstAnnounced = announced
        self.firstEvent = event
        self.location = location
    }

    /// Days from the first announcement's date to the start of the end.
    public var noticeDays: Int { date.startDay - firstAnnounced.startDay }

    /// Days from the announcement in force to the end.
    public var announcedNoticeDays: Int { date.startDay - (saidOn ?? announced).startDay }

    /// The same, when the announcement in force (an extension) is not the first.
    public var extensionNoticeDays: Int? { announced == firstAnnounced || event == firstEvent ? nil : announcedNoticeDays }

    /// Whether the counts of days are approximate: one of the dates is coarser than a day
    /// or marked `~`.
    public var approximate: Bool {
        date.precision != .day || firstAnnounced.precision != .day || date.approximate || firstAnnounced.approximate
    }

    /// Whether days left are approximate: only the end's own date counts.
    public var approximateDate: Bool { date.precision != .day || date.approximate }

    /// Whether its days (`daysLeft`) are approximate: those of the recorded retirement that
    /// met it, when one did, else of its own date.
    public var approximateDays: Bool { retired.map { $0.precision != .day || $0.approximate } ?? approximateDate }

    /// Days from the as-of day (the last day of its period) to the start of the end, or to
    /// the recorded retirement that met it, early or late (as its countdown and the exposure
    /// board count them: an end met five days early read `days_left` 5 beside "ended 5 days
    /// ago"); negative once it has passed.
    public func daysLeft(asOf: FuzzyDate) -> Int { (retired ?? date).startDay - asOf.endDay }

    /// Not yet come at the end of the `asOf` period, and not met by a retirement.
    public func isAhead(asOf: FuzzyDate) -> Bool { retired == nil && date.startKey > asOf.endKey }

    /// Days the recorded retirement came after (positive) or before (negative) the announced
    /// end; 0 when their periods meet (a retirement on 4 June meets an end announced for
    /// June 2024, not 3 days late).
    public var slip: Int? {
        retired.map { retired in
            if retired.endDay < date.startDay { return retired.endDay - date.startDay }
            if retired.startDay > date.endDay { return retired.startDay - date.endDay }
            return 0
        }
    }

    /// The fall this end makes when it comes: to the bottom of the scale, or for a closure
    /// to `closed` (never a rise).
    func fall(to value: String, channel: String?) -> StatusChange {
        StatusChange(
            event: event, entity: entity, axis: kind == .end ? .availability : .closes, channel: channel, value: value, date: date,
            location: location)
    }
}

/// The latest end among `ends` that came by the day `change` was made and covers what it
/// names: its channel's own, or the whole product's unless called off for that channel
/// (for the whole product, called off for none).
private func endCame(by change: StatusChange, among ends: [AnnouncedEnd]) -> FuzzyDate? {
    ends.filter { end in
        guard end.kind == .end, end.date.startKey <= change.date.startKey else { return false }
        if end.channel == change.channel { return end.channel != nil || (end.calledOff ?? []).isEmpty }
        guard end.channel == nil, let channel = change.channel else { return false }
        return !(end.calledOff ?? []).contains(channel)
    }.map(\.date).max { $0.startKey < $1.startKey }
}

/// When the whole product's end came for `channel` before `change` (its day, or the
/// retirement that met it first): not called off for the channel, and not outlived by an
/// end of the channel's own announced before it came. An announcement on the end's day
/// comes after it, unless it restates that very end.
private func wholeEndCame(
    for channel: String, kind: AnnouncedEnd.Kind = .end, by change: StatusChange, among ends: [AnnouncedEnd], made: [AnnouncedEnd]
) -> FuzzyDate? {
    let said = try? FuzzyDate(parsing: change.value)
    return ends.filter { end in
        // The end restated for a channel, on its own date, stands for it as it was: no end of
        // the channel's own (a void extension after it was counted down).
        let own = made.filter { !($0.date == end.date && $0.firstEvent == end.firstEvent && $0.replaced == nil) }
        return end.kind == kind && end.channel == nil && end.came.startKey <= change.date.startKey && said != end.date
            && !StatusTimeline.outliving(end, among: own).contains(channel)
    }.map(\.came).max { $0.startKey < $1.startKey }
}

/// Which announced ends and closures stand, from one entity's changes in force, in order.
///
/// The latest announcement that covers a channel governs it: a whole-product `ends` (or
/// `ends: none`) replaces every channel's end announced before it that has not come yet,
/// and a channel's own end announced later survives a whole-product end. A restatement of
/// the same date keeps the first announcement; an extension keeps its notice.
enum EndSchedule {
    static let whole = StatusTimeline.wholeProduct

    /// The ends and closures in force, every announcement as it was made (`made`: the end
    /// it set, with the one it `replaced`), oldest first, and the cancellations that came
    /// after the end they would cancel (`void`, with that end's date): they cancel nothing.
    /// `displaced`: channels' own ends, still ahead, that a later whole-product end replaced,
    /// or a later end of their own moved (until then they outlived the whole-product ends
    /// announced before them).
    static func resolve(_ changes: [StatusChange], scales: StatusScales) -> (
        scheduled: [AnnouncedEnd], made: [AnnouncedEnd], void: [(change: StatusChange, came: FuzzyDate, metBy: String?)],
        displaced: [AnnouncedEnd]
    ) {
        var active: [String: AnnouncedEnd] = [:]
        var resolved: [AnnouncedEnd] = []
        var made: [AnnouncedEnd] = []
        var displaced: [AnnouncedEnd] = []
        var void: [(change: StatusChange, came: FuzzyDate, metBy: String?)] = []
        /// When each channel (or the whole product) was last made available (not gone), and
        /// when it was last retired by a recorded change.
        var available: [String: FuzzyDate] = [:]
        var retired: [String: FuzzyDate] = [:]
        /// When sign-ups were last opened (a value above `closed`), and last recorded closed
        /// (`closed` or lower, not gone): a closure needs them open.
        /// (A channel opened has its own entry, nil: the whole product's closing is not its.)
        var opened: [String: FuzzyDate] = [:]
        var closedOn: [String: FuzzyDate?] = [:]
        func key(_ kind: AnnouncedEnd.Kind, _ channel: String?) -> String { "\(kind.rawValue) \(channel ?? whole)" }
        for change in changes {
            switch change.axis {
            case .ends, .closes:
                let kind: AnnouncedEnd.Kind = change.axis == .ends ? .end : .closure
                // An announcement that moves nothing leaves every end as it found it: one that
                // came stays to be met by a retirement recorded after it ("61 days late" read
                // "ended 70 days ago" beside a void extension).
                let unmoved = (active, resolved, made, displaced)
                let k = key(kind, change.channel)
                var keys = [k]
                if change.channel == nil { keys += active.keys.filter { $0.hasPrefix(kind.rawValue + " ") && $0 != k } }
                var previous: AnnouncedEnd?
                var came: FuzzyDate?
                // The end of this very product or channel that came, if one did.
                var cameOwn: FuzzyDate?
                // Whether a channel's own end still ahead was called off with the whole product's.
                var calledOffAny = false
                // The channels' own ends: one announced after a whole-product end outlived it,
                // which then ended the product only in part.
                let channelEnds = keys.compactMap { active[$0] }.filter { $0.channel != nil }
                var displacedNow: [AnnouncedEnd] = []
                let said = try? FuzzyDate(parsing: change.value)
                let reminder = change.channel == nil && said != nil && active[k]?.date == said
                var kept: [AnnouncedEnd] = []
                defer { for end in kept { active[key(kind, end.channel)] = end } }
                for old in keys.compactMap({ active.removeValue(forKey: $0) }) {
                    // An end announced for a period whose day is set within it while it runs,
                    // before that day: that end made precise, still ahead (Google Podcasts, to
                    // end "in 2024", then on 2 April 2024, said on 20 February), not an end
                    // that came on 1 January and a new one.
                    let madePrecise = old.channel == change.channel && said?.setsTheDay(of: old.date, saidOn: change.date) == true
                    // An end that came before the new announcement stands; one still ahead is replaced.
                    if old.date.startKey <= change.date.startKey, !madePrecise {
                        resolved.append(old)
                        if came.map({ $0.startKey < old.date.startKey }) ?? true { came = old.date }
                        // (As the replay reads it: a channel end made precise from it, displaced
                        // since, outlived it too.)
                        let outlived = old.channel == nil && !StatusTimeline.outliving(old, among: channelEnds + displaced).isEmpty
                        if old.channel == change.channel, !outlived { cameOwn = old.date }
                    } else if old.channel == change.channel {
                        previous = old
                    } else if reminder {
                        // The product's end said again on its own date: a reminder, which leaves
                        // the channels' own ends be (Exchange 2019's ESU ran on to April 2026).
                        kept.append(old)
                    } else if change.value != "none" {
                        displaced.append(old)
                        displacedNow.append(old)
                    } else {
                        // A channel's own end still ahead, called off with the whole product's:
                        // said as its own cancellation (only the product's date was said).
                        made.append(cancellation(of: old, by: change))
                        // It outlived the whole-product ends before it all the same.
                        displaced.append(old)
                        calledOffAny = true
                    }
                }
                // The end that came may have left `active` already, for an announcement that
                // moved nothing (an extension on the end's own day): a restatement after it is
                // of the end that came, not a new end with no notice.
                if cameOwn == nil, previous == nil, keys.count == 1 {
                    cameOwn =
                        resolved.last {
                            $0.kind == kind && $0.channel == change.channel && $0.retired == nil && $0.date.startKey <= change.date.startKey
                                && (change.channel != nil || ($0.calledOff ?? []).isEmpty)
                        }?.date
                }
                // A channel's own end after the whole product's, still ahead, restates or moves
                // that end for the channel: its notice runs from the product's announcement.
                // Not for a channel offered since that announcement (a paid extended-support
                // channel with its own end): that is a new offer, with its own notice.
                // (Or restated on its very day: an announcement comes after an end of its day.)
                let restates = try? FuzzyDate(parsing: change.value)
                let wholeAhead = active[key(kind, nil)].flatMap { $0.date.startKey > change.date.startKey || $0.date == restates ? $0 : nil }
                let inherited =
                    previous
                    ?? change.channel.flatMap { channel in
                        wholeAhead.flatMap { changes.offer(channel, from: $0.announced, through: change.date) ? nil : $0 }
                    }
                guard
                    var end = (try? FuzzyDate(parsing: change.value)).map({
                        AnnouncedEnd(
                            kind: kind, entity: change.entity, channel: change.channel, date: $0, event: change.event, announced: change.date,
                            location: change.location)
                    })
                else {
                    // `none`: the end still ahead is called off, a change on the day it is made.
                    if let previous {
                        made.append(cancellation(of: previous, by: change))
                        // A channel's own end called off: it outlived the whole-product ends
                        // that came before (the channel read retired since one of them).
                        if previous.channel != nil { displaced.append(previous) }
                    } else if change.value == "none", let channel = change.channel, var whole = wholeAhead, inherited != nil {
                        // The whole product's end called off for one channel: the channel
                        // outlives it, as one with an end of its own announced later does
                        // (it fell with the product on its day all the same).
                        whole.calledOff = (whole.calledOff ?? []).union([channel])
                        active[key(kind, nil)] = whole
                        var called = cancellation(of: whole, by: change)
                        called.channel = channel
                        made.append(called)
                    } else if change.value == "none", let came, !calledOffAny {
                        (active, resolved, made, displaced) = unmoved
                        void.append((change, came, nil))
                    } else if change.value == "none", !calledOffAny,
                        let met = resolved.filter({
                            $0.kind == kind && $0.channel == change.channel
                                && $0.came.startKey <= change.date.startKey
                        }).last
                    {
                        // Met by a recorded retirement before this: there is nothing left to call off.
                        (active, resolved, made, displaced) = unmoved
                        void.append((change, met.date, met.retiredBy))
                    } else if change.value == "none", !calledOffAny, let channel = change.channel,
                        let ended = wholeEndCame(for: channel, kind: kind, by: change, among: Array(active.values) + resolved, made: made)
                    {
                        // The channel went with the whole product's end: nothing of its own to call off.
                        (active, resolved, made, displaced) = unmoved
                        void.append((change, ended, nil))
                    }
                    continue
                }
                // A whole product's end covers every channel again, those it was called off for too.
                if change.channel == nil { end.calledOff = nil }
                // Announced for what its own end had already ended, and not made available
                // again since: it moves nothing (`vane check` warns of it), and is no
                // announcement (`vane changes` listed it as one, which a later `none` then
                // cancelled without a word).
                // Made available since: a channel (or for the whole product, any channel).
                // For a closure, sign-ups opened since.
                let since = kind == .closure ? opened : available
                let back = change.channel.map { since[$0] ?? since[whole] } ?? since.values.max { $0.startKey < $1.startKey }
                // (A closure so is said here: no check replays closures as it replays ends.)
                if let cameOwn, previous == nil, back.map({ $0.startKey < cameOwn.startKey }) ?? true {
                    (active, resolved, made, displaced) = unmoved
                    if kind == .closure { void.append((change, cameOwn, nil)) }
                    continue
                }
                // So is one announced for a channel that went with the whole product's end (or
                // closure) (`vane check` warns of it too; `vane changes` listed it).
                if cameOwn == nil, previous == nil, let channel = change.channel,
                    let ended = wholeEndCame(for: channel, kind: kind, by: change, among: Array(active.values) + resolved, made: made),
                    back.map({ $0.startKey < ended.startKey }) ?? true
                {
                    (active, resolved, made, displaced) = unmoved
                    if kind == .closure { void.append((change, ended, nil)) }
                    continue
                }
                // And a closure announced once sign-ups were recorded closed, in an earlier
                // period, and not opened since (said by `vane check`).
                let closedAlready = change.channel.flatMap { closedOn[$0] } ?? closedOn[whole] ?? nil
                if kind == .closure, let closedAlready, closedAlready.endKey < change.date.startKey {
                    (active, resolved, made, displaced) = unmoved
                    continue
                }
                // So is one announced in a later period than a recorded retirement of what it
                // ends, with no return since (`vane changes` listed those).
                // (An end it would move stays as it was.)
                let gone = change.channel.map { retired[$0] ?? retired[whole] } ?? retired[whole]
                if let gone, gone.endKey < change.date.startKey, back.map({ $0.startKey <= gone.startKey }) ?? true {
                    (active, resolved, made, displaced) = unmoved
                    continue
                }
                // And a closure announced once an end of what it closes came (its channel's,
                // or the whole product's not called off for it), with no return since: sign-ups
                // to what is gone close nothing (`vane changes` listed it, with its notice).
                if kind == .closure, let ended = endCame(by: change, among: Array(active.values) + resolved),
                    back.map({ $0.startKey < ended.startKey }) ?? true
                {
                    (active, resolved, made, displaced) = unmoved
                    continue
                }
                // The vendor said so before the analyst's source (`announced:`): the notice counts from then.
                if let first = change.announced, first.startKey < end.firstAnnounced.startKey { end.firstAnnounced = first }
                // The whole product's end set where the channels' own ends still ahead were
                // (Exchange 2019's ESU end restated, or moved, for the product): the same end,
                // restated or moved, as theirs, with the notice customers already had. Ends of
                // several dates moved later, all first announced together, are extended alike
                // (from the latest of them: the notice ran from that announcement for each).
                let extendsAll =
                    Set(displacedNow.map(\.firstAnnounced)).count == 1 && displacedNow.allSatisfy { $0.date.startKey < end.date.startKey }
                let displacedEnd =
                    change.channel == nil && inherited == nil && (Set(displacedNow.map(\.date)).count == 1 || extendsAll)
                    ? (extendsAll
                        ? displacedNow.max { $0.date.startKey < $1.date.startKey }
                        : displacedNow.min { $0.firstAnnounced.startKey < $1.firstAnnounced.startKey }) : nil
                let moved = inherited ?? displacedEnd
                // Made precise within the period announced: restated, as `vane ends` counts
                // it (`vane changes` said an extension, with a notice "from this announcement").
                var restated = false
                if let previous = moved {
                    // The same end, or its day set within the period announced (`2019-04`, then
                    // `2019-04-02`): a restatement, made precise; no extension (it was said as
                    // one, with a notice "from the extension").
                    if end.date.restates(previous.date) {
                        restated = true
                        let (said, precise) = (end.firstAnnounced, end.date)
                        end = previous
                        // Made precise for the whole product, it is said anew for every channel
                        // (a reminder of the same date leaves the channels' own ends be: Exchange
                        // 2019's ESU ran on after the product's end was said again).
                        if change.channel == nil, precise != end.date { end.restatedOn = change.date }
                        (end.channel, end.date) = (change.channel, precise)
                        if said.startKey < end.firstAnnounced.startKey { end.firstAnnounced = said }
                    } else if end.date.startKey > previous.date.startKey, previous.firstAnnounced.startKey <= end.firstAnnounced.startKey {
                        // An extension the vendor announced before the event's source (`announced:`):
                        // its own notice counts from the vendor's day, as a first announcement's does.
                        if let said = change.announced, said.startKey < end.announced.startKey { end.saidOn = said }
                        (end.firstAnnounced, end.firstEvent, end.cutOff) = (previous.firstAnnounced, previous.firstEvent, previous.cutOff)
                    } else if end.date.startKey < previous.date.startKey {
                        // An earlier cut-off: the notice starts again from it.
                        end.cutOff = true
                    }
                }
                var announcement = end
                announcement.replaced = restated ? nil : moved.map(\.date)
                (announcement.event, announcement.announced, announcement.location) = (change.event, change.date, change.location)
                made.append(announcement)
                // The whole product's end restated for one channel stands for it as it was (a
                // channel end of its own would outlive it, and be listed beside it).
                if previous != nil || inherited?.date != end.date { active[k] = end }
                // A channel's own end moved: the channel had an end of its own from the first
                // one, and still outlives the whole-product ends announced before that, once
                // they came too (an ESR's end extended read gone since the product's end).
                if let previous, previous.channel != nil { displaced.append(previous) }
                // A whole product's end made precise for one channel is that channel's own from
                // now (the product's `2017-06` comes on 1 June for the others, `release` runs to
                // the 15th): as announced today, it outlives the product's.
                if previous == nil, let inherited, inherited.channel == nil, change.channel != nil, restated, inherited.date != end.date {
                    displaced.append(announcement)
                }
            case .availability:
                // A recorded retirement meets the ends it covers (a whole product's, all of
                // them); a recorded closure meets the closures at any time, and anything
                // lower meets them by their day: a retirement after sign-ups closed is the
                // retirement, not the closure come late (Jira Server: sign-ups closed in
                // February 2021, the product retired in 2024).
                guard scales.rank(change.value, on: .availability) != nil else { continue }
                if change.channel == nil { (available, retired, opened, closedOn) = ([:], [:], [:], [:]) }
                if scales.isGone(change.value) {
                    retired[change.channel ?? whole] = change.date
                    available[change.channel ?? whole] = nil
                } else {
                    available[change.channel ?? whole] = change.date
                    retired[change.channel ?? whole] = nil
                }
                let closes = scales.closesSignUps(change.value)
                opened[change.channel ?? whole] = closes ? nil : change.date
                closedOn[change.channel ?? whole] = .some(closes && !scales.isGone(change.value) ? change.date : nil)
                let kinds = [AnnouncedEnd.Kind.end, .closure].filter { scales.reached($0, at: change.value) }
                for kind in kinds {
                    let keys = change.channel.map { [key(kind, $0)] } ?? active.keys.filter { $0.hasPrefix(kind.rawValue + " ") }
                    // A whole product retired meets its latest end (early, on its day or late)
                    // and those of that day; an earlier one that came before the retirement came
                    // on its own day (Universal Analytics, shut down on the day its paid tier
                    // ended, met the free tier's end of a year before "366 days late", and moved
                    // the day that tier went).
                    let latest = change.channel == nil ? keys.compactMap { active[$0]?.date.startKey }.max() : nil
                    for k in keys {
                        guard var end = active.removeValue(forKey: k) else { continue }
                        if kind == .closure, change.value != scales.closed, end.date.endKey < change.date.startKey {
                            resolved.append(end)
                            continue
                        }
                        // (Its whole period before: a retirement within `2024-Q3` meets an end of that quarter.)
                        if kind == .end, let latest, end.date.endKey < latest, end.date.endKey < change.date.startKey {
                            resolved.append(end)
                            continue
                        }
                        (end.retiredBy, end.retired) = (change.event, change.date)
                        resolved.append(end)
                    }
                }
            default: continue
            }
        }
        let scheduled = (resolved + active.values).sorted {
            ($0.date.startKey, $0.date.precision.rank, $0.kind.rawValue, $0.channel ?? "", $0.event)
                < ($1.date.startKey, $1.date.precision.rank, $1.kind.rawValue, $1.channel ?? "", $1.event)
        }
        return (scheduled, made, void, displaced)
    }
}

extension EndSchedule {
    /// `end` as called off by `change`, on the day it is made.
    static func cancellation(of end: AnnouncedEnd, by change: StatusChange) -> AnnouncedEnd {
        var cancelled = end
        (cancelled.cancelled, cancelled.replaced, cancelled.calledOff) = (true, end.date, nil)
        (cancelled.event, cancelled.announced, cancelled.location) = (change.event, change.date, change.location)
        return cancelled
    }
}

extension Sequence where Element == StatusChange {
    /// Whether `channel` had its own availability set from `start` through `end` (both days
    /// included). A channel offered since a whole-product end was announced has an end of
    /// its own, a new offer's, not that end restated or moved for it (`EndSchedule`, and an
    /// event's page saying what a change moved).
    /// One offered before `start` (by name, or with the whole product) is no new offer when
    /// it is set again (goo.gl's active links, spared by name: their `ends: none` was read as
    /// a new offer's and lifted nothing).
    public func offer(_ channel: String, from start: FuzzyDate, through end: FuzzyDate) -> Bool {
        let before = contains { $0.axis == .availability && ($0.channel == channel || $0.channel == nil) && $0.date.startKey < start.startKey }
        return !before
            && contains {
                $0.axis == .availability && $0.channel == channel && $0.date.startKey >= start.startKey && $0.date.startKey <= end.startKey
            }
    }
}

extension AnnouncedEnd {
    /// `4 days`, `1 day`, `about 120 days`: a count of days as a reader sees it.
    public static func days(_ n: Int, approximate: Bool) -> String {
        (approximate ? "about " : "") + "\(n) day\(abs(n) == 1 ? "" : "s")"
    }

    /// `182 days` of notice (or `about 120 days`); after an extension, both notices:
    /// `1470 days (from the first announcement; 520 from the extension)`.
    /// When the notice runs from a day other than the announcement's in force (the
    /// vendor's own, `announced:`), `3730 days (from 29 July 2015)`.
    public var notice: String {
        let first = AnnouncedEnd.days(noticeDays, approximate: approximate)
        guard extensionNoticeDays != nil else { return first + (noticeFrom.map { " (from \($0))" } ?? "") }
        return "\(first) (from the \(cutOff ? "cut-off" : "first announcement"); \(announcedNotice) from the extension\(saidDay))"
    }

    /// The notice in a sentence: `182 days of notice`; after an extension `729 days of
    /// notice from the first announcement (2 February 2023), 578 days from the extension`
    /// (a sentence that names the extension's day beside it read as if both ran from it).
    public var noticeOf: String {
        let first = AnnouncedEnd.days(noticeDays, approximate: approximate) + " of notice"
        return extensionNoticeDays == nil
            ? first + (noticeFrom.map { " from \($0)" } ?? "") : "\(first)\(fromFirst), \(announcedNotice) from the extension\(saidDay)"
    }

    /// ` from the first announcement (2 February 2023)`.
    private var fromFirst: String { " from the \(cutOff ? "cut-off" : "first announcement") (\(firstAnnounced.display))" }

    /// The day the notice runs from, when it is not the announcement's in force and no
    /// extension says so already: the vendor's own (`announced:`). A reader of "24 June
    /// 2021: end announced …, 3730 days' notice" could not find where 3730 came from.
    public var noticeFrom: String? {
        extensionNoticeDays == nil && firstAnnounced.startKey != announced.startKey ? firstAnnounced.display : nil
    }

    /// The notice the announcement in force gave: `378 days`.
    public var announcedNotice: String {
        let said = saidOn ?? announced
        return AnnouncedEnd.days(announcedNoticeDays, approximate: said.precision != .day || said.approximate || approximateDate)
    }

    /// The vendor's own day of an extension said before the event's source: ` (15 May 2026)`.
    private var saidDay: String { saidOn.map { " (\($0.display))" } ?? "" }

    /// `end announced for 31 July 2025 (378 days of notice)`, `sign-ups to close on 30
    /// April 2026 (59 days of notice)`: the announcement as a change.
    public var announcement: String {
        if cancelled {
            return (kind == .end ? "end cancelled (it was announced for " : "sign-ups closure cancelled (it was set for ") + date.display + ")"
        }
        let (said, value) = announcementParts
        return "\(said) \(value)"
    }

    /// An announcement (not a cancellation) as said and its value, as `vane changes` and the
    /// "what changed" page write it. A cut-off says the end it brought forward (CentOS Linux
    /// 8: 31 May 2029 to 31 December 2021 read as a first announcement); a restatement, that
    /// it moved nothing.
    public var announcementParts: (said: String, value: String) {
        let what = kind == .end ? "end" : "sign-ups' close"
        let day = kind == .end ? date.display : date.onDisplay
        if let replaced, replaced.startKey > date.startKey {
            return ("\(what) brought forward from \(replaced.display) to", "\(date.display) (\(givenNotice))")
        }
        if replaced == nil, event != firstEvent { return ("\(what) restated for", "\(date.display) (\(firstNotice))") }
        return (kind == .end ? "end announced for" : "sign-ups to close", "\(day) (\(givenNotice))")
    }

    /// The notice an announcement gives: from the first announcement (or the vendor's own
    /// day, `announced:`), and for an extension from this one too: `547 days of notice,
    /// 395 days from this announcement`.
    public var givenNotice: String {
        guard extensionNoticeDays != nil else { return firstNotice }
        return AnnouncedEnd.days(noticeDays, approximate: approximate) + " of notice\(fromFirst), \(announcedNotice) from this announcement\(saidDay)"
    }

    /// The notice from the first announcement (or the vendor's own day): `547 days of notice`.
    private var firstNotice: String {
        AnnouncedEnd.days(noticeDays, approximate: approximate) + " of notice" + (noticeFrom.map { " from \($0)" } ?? "")
    }

    /// `4 days left`, `ends today` (`ends about today` for a coarse date), `ended 96 days ago`, or for a met end `ended 3 days
    /// early`; a closure `closes today`, `closed 96 days ago`.
    public func countdown(asOf: FuzzyDate) -> String {
        let (ends, ended) = kind == .end ? ("ends", "ended") : ("closes", "closed")
        if let slip, let retired {
            let coarse = approximateDate || retired.precision != .day
            let when = slip == 0 ? "as announced" : AnnouncedEnd.days(abs(slip), approximate: coarse) + (slip < 0 ? " early" : " late")
            // How long ago, as an end not met says it: the rows are ranked by it, and "ended as
            // announced" beside "ended 1209 days ago" gave no reason for its place.
            let ago = asOf.endDay - retired.startDay
            let since = AnnouncedEnd.days(ago, approximate: approximateDays)
            return ago > 0 ? "\(ended) \(since) ago, \(when)" : "\(ended) \(when)"
        }
        let left = daysLeft(asOf: asOf)
        if left > 0 { return AnnouncedEnd.days(left, approximate: approximateDate) + " left" }
        // A month, quarter or year comes on its first day, which the vendor did not name.
        if left == 0 { return "\(ends) \(approximateDate ? "about " : "")today" }
        return "\(ended) " + AnnouncedEnd.days(-left, approximate: approximateDate) + " ago"
    }
}
