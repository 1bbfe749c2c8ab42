import Foundation
import VaneContent

// MARK: - View models of entry pages

/// What every entry page shows.
struct EntryPage: Encodable {
    struct Reference: Encodable {
        var number: Int
        var title: String
        var url: String
        var publisher: String?
        /// When the source was published, as its page says.
        var published: DateView?
        var external: String?
        var host: String?
        /// The archived copy, for when the address goes dead.
        var archive: String?
    }
    struct References: Encodable { var items: [Reference] }

    var title: String
    var id: String
    var body: String
    var type: String?
    var tags: String?
    var date: DateView?
    var references: References?
    var mentionedBy: Section?
    var recorded: RecordedView?
    /// Its `data` (and other keys kept from front matter), a nested key dotted:
    /// `usd_per_device.year1: 61`.
    struct Field: Encodable {
        var key: String
        var value: String
    }
    struct Data: Encodable { var fields: [Field] }
    var data: Data?
}

struct EntityPage: Encodable {
    struct HistoryRow: Encodable {
        var date: DateView
        var axis: String
        var channel: String
        var value: String
        var event: String
        var url: String
    }
    struct History: Encodable { var rows: [HistoryRow] }
    struct Events: Encodable {
        var events: [EventSummary]
        var more: String?
        /// Whether they are of what is under it too (a vendor's products, a product's cycles).
        var underIt = false
    }

    var parent: LinkView?
    var aliases: String?
    /// Its names over time, when it was renamed: "Azure Active Directory until 11 July 2023, then Microsoft Entra ID".
    struct Names: Encodable {
        struct Item: Encodable {
            var name: String
            var until: DateView?
            var last: Bool
        }
        var items: [Item]
    }
    var names: Names?
    /// What it was folded into (its users carried over), apart from what succeeds it.
    var foldedInto: Section?
    var successors: Section?
    var predecessors: Section?
    /// What was folded into it.
    var absorbed: Section?
    var homepage: String?
    var children: Section?
    var timeline: Events?
    var claimsAbout: Section?
    var claimsBy: Section?
    var published: Section?
    var status: EntityStatusView?
    var noStatus: Bool
    /// Of an entity with no status of its own, what is under it that has one, counted:
    /// `3 available today, 6 no longer available` (a model family's page said it had no
    /// status while its models carried it, as `vane check` says).
    var membersStatus: String?
    /// A product whose status is its release cycles'.
    var cyclesStatus: CyclesStatusView?
    var statusView: String?
    /// A vendor's products ranked by platform risk, in the compact form.
    var vendorBoard: VendorBoard?
    /// What is offered through it, when channels are named for it (a region, a partner).
    var offeredThrough: VendorBoard?
    var statusHistory: History?
    var scorecard: ScorecardView?
    /// The contradiction view's section about this entity, when there is one.
    var contradictions: String?
    /// A product's release cycles, and a cycle's own facts.
    var cycles: CyclesTable?
    var cycleFacts: [CycleFactView]?
}

struct EventPage: Encodable {
    struct ChangeRow: Encodable {
        var entity: String
        var url: String
        var axis: String
        var channel: String
        var value: String
    }
    struct Changes: Encodable { var rows: [ChangeRow] }

    var endDate: DateView?
    var involved: Section?
    var statusChanges: Changes?
    /// Dated after the site's day: its changes are announced, not made.
    var ahead = false
}

struct ClaimPage: Encodable {
    var claimant: LinkView?
    var about: Section?
    var verdict: String
    var verdictDate: DateView?
    var verdictSources: Section?
    var supports: Section?
    var contradicts: Section?
    var supportedBy: Section?
    var contradictedBy: Section?
}

struct SourcePage: Encodable {
    var publisher: String
    var publisherEntity: LinkView?
    var url: String
    var archive: String?
    var published: DateView?
    var accessed: DateView?
    var citedBy: Section?
}

/// The view models of each page, one function per page type.
extension SiteModel {

    /// An entry's `data`, flattened; a release cycle's is shown as its facts instead.
    private func data(of e: Entry) -> EntryPage.Data? {
        guard board.entities[e.id]?.cycle == nil else { return nil }
        let fields = FieldValue.flattened(FieldValue.data(e.extra)).map { EntryPage.Field(key: $0.key, value: $0.value) }
        return fields.isEmpty ? nil : EntryPage.Data(fields: fields)
    }

    /// What every entry page shows, and what its kind adds, as one value.
    func entry(_ e: Entry, root: String) -> MustacheValue {
        let body = BodyHTML(e, model: self, root: root)
        let common = EntryPage(
            title: e.title, id: e.id, body: bodyMarks.map { $0.open + body.html + $0.close } ?? body.html, type: e.type.map(SiteModel.typeLabel),
            tags: e.tags.isEmpty ? nil : e.tags.joined(separator: ", "),
            date: e.date.map(DateView.init), references: body.references.isEmpty ? nil : EntryPage.References(items: body.references),
            mentionedBy: capped(byTitle(ids: sources(to: e.id, .mentions)), "entries that mention it"), recorded: recordedView(e.id),
            data: data(of: e))
        let own: MustacheValue
        switch e.kind {
        case .entity: own = MustacheEncoder.encode(entity(e))
        case .event: own = MustacheEncoder.encode(event(e))
        case .claim: own = MustacheEncoder.encode(claim(e))
        case .source: own = MustacheEncoder.encode(source(e))
        case .report: own = MustacheEncoder.encode(report(e))
        case .use: own = MustacheEncoder.encode(usePage(e))
        }
        guard case .map(var fields) = MustacheEncoder.encode(common), case .map(let extra) = own else { return .null }
        fields.merge(extra) { _, kind in kind }
        if e.kind == .entity { fields["usedBy"] = MustacheEncoder.encode(usedBy(e.id)) }
        return .map(fields)
    }

    /// The falls announced ends and closures made when they came (none met by a recorded
    /// retirement): rows of the status history at their own dates.
    private func scheduledFalls(of id: String) -> [StatusChange] {
        guard let status = statusRows[id]?.status else { return [] }
        return StatusTimeline.fallsThatCame(status, channels: kb.channels[id] ?? [], asOf: board.asOf, scales: board.scales)
    }

    /// At most this many events, and entries that mention it, on an entry's page.
    static let entityListLimit = 200

    /// A section of at most 200 links, saying how many there are when it was cut.
    private func capped(_ ids: [String], _ what: String) -> Section? {
        guard var section = section(Array(ids.prefix(SiteModel.entityListLimit))) else { return nil }
        if ids.count > SiteModel.entityListLimit { section.more = "The first \(SiteModel.entityListLimit) of \(ids.count) \(what)." }
        return section
    }

    /// What a product succeeds: those whose successors on the board's day name it (their own
    /// `successors`, or the dated advice in force), as their pages' "Succeeded by" says; not
    /// what was folded into it ("Absorbed"). It read the entities' own `successors` alone,
    /// and contradicted the advice.
    func predecessors(of id: String) -> [String] {
        let index = memo.value("predecessors as of \(board.asOf.text)") { () -> [String: [String]] in
            var index: [String: [String]] = [:]
            for (product, info) in board.entities {
                for next in board.successors(of: product) where !info.foldedInto.contains(next) { index[next, default: []].append(product) }
            }
            return index
        }
        return byTitle(ids: index[id] ?? [])
    }

    /// Successors with their own position as the detail (`Generally available · Invested`),
    /// and where one that is gone leads on to.
    func positioned(_ section: Section?) -> Section? {
        guard var section else { return nil }
        for i in section.items.indices {
            section.items[i].detail = board.position(of: section.items[i].id)
            section.items[i].onward = board.onwardLine(from: section.items[i].id)
        }
        return section
    }

    /// A change's value as a reader reads it: successor advice by name.
    private func shownValue(_ s: StatusChange) -> String {
        guard s.axis == .successors else { return s.value }
        // Withdrawn only when advice was given before: a first `none` withdraws nothing.
        if s.value == "none" { return previous(s) == nil ? "none" : "none (advice withdrawn)" }
        return s.value.split(separator: " ").map { kb.title(of: String($0)) ?? String($0) }.joined(separator: ", ")
    }

    private func names(of e: Entry) -> EntityPage.Names? {
        guard !e.renames.isEmpty else { return nil }
        // Each earlier name until the day of its rename, then the name now.
        return EntityPage.Names(
            items: e.renames.map { EntityPage.Names.Item(name: $0.from, until: DateView($0.date), last: false) }
                + [EntityPage.Names.Item(name: e.title, until: nil, last: true)])
    }

    private func entity(_ e: Entry) -> EntityPage {
        let folds = board.entities[e.id]?.foldedInto ?? []
        // Its own and those of everything under it, as its feeds, its API file and `vane query
        // events --entity` list them: a vendor's page listed the one event naming it, its feed 34.
        let tree = tree(of: e.id)
        let events = treeEvents(tree).compactMap { kb.entry($0) }
        let status = entityStatus(e.id)
        let written = changesByEntity[e.id] ?? []
        let history = written.map { ($0, false) } + scheduledFalls(of: e.id).map { ($0, true) }
        // An end comes at the start of its day: its fall before the day's events, but after
        // its own event's changes when announced for that day (`StatusTimeline.fallsFirst`).
        let ownDays = Set(written.map { "\($0.event) \($0.date.startKey)" })
        func first(_ row: (StatusChange, Bool)) -> Bool { row.1 && !ownDays.contains("\(row.0.event) \(row.0.date.startKey)") }
        let ordered = history.enumerated().sorted { a, b in
            a.element.0.date.sortsBefore(b.element.0.date) ?? (first(a.element) == first(b.element) ? a.offset < b.offset : first(a.element))
        }.map(\.element)
        let cycles = cyclesTable(of: e.id)
        // What its release cycles (or products under it) say, when it has no status of its own:
        // it has a status then ("no event sets this product's status" read below a risk of 100).
        let foldedStatus = status == nil ? cyclesStatus(of: e.id) : nil
        return EntityPage(
            parent: targets(of: e.id, .parent).first.flatMap(link),
            // Names, not former ids (`llama-5`, the file's old name: listed as a name).
            aliases: SiteModel.namesOnce(
                e.aliases.map(\.text).filter { alias in alias.lowercased() != e.title.lowercased() && !e.formerIDs.contains { $0.text == alias } }),
            names: names(of: e),
            foldedInto: positioned(section(board.successors(of: e.id).filter { folds.contains($0) })),
            successors: positioned(section(board.successors(of: e.id).filter { !folds.contains($0) })),
            predecessors: section(predecessors(of: e.id)), absorbed: section(sources(to: e.id, .foldedInto)),
            homepage: e.homepage,
            children: section(byTitle(ids: sources(to: e.id, .parent))),
            timeline: events.isEmpty
                ? nil
                : EntityPage.Events(
                    events: newestFirst(events).prefix(SiteModel.entityListLimit).map(eventSummary),
                    more: events.count > SiteModel.entityListLimit
                        ? "The \(SiteModel.entityListLimit) newest of \(events.count) events; the timeline and the feeds below list them all." : nil,
                    underIt: tree.count > 1),
            claimsAbout: section(newestFirst(ids: sources(to: e.id, .about))), claimsBy: section(newestFirst(ids: sources(to: e.id, .claimedBy))),
            published: section(sources(to: e.id, .publishedBy)), status: status,
            // A product whose release cycles carry the status has the cycles' table instead.
            noStatus: status == nil && e.type.map(kb.config.trackableTypes.contains) == true && cycles == nil && foldedStatus == nil,
            membersStatus: status == nil ? membersStatus(of: e.id) : nil,
            cyclesStatus: foldedStatus,
            statusView: vendors.contains(e.id) ? "status/\(e.id).html" : nil, vendorBoard: vendorBoard(of: e.id),
            offeredThrough: offeredThrough(e.id),
            statusHistory: ordered.isEmpty
                ? nil
                : EntityPage.History(
                    rows: ordered.map { (s, scheduled) in
                        EntityPage.HistoryRow(
                            // A closure that came is a fall of availability; announced, a closure.
                            date: DateView(s.date), axis: s.axis == .closes && scheduled ? "availability" : axisLabel(s.axis),
                            channel: s.channel.map { channelName($0, of: e.id) } ?? "all",
                            // An end that came with no retirement recorded: not "ended as announced",
                            // which is said of a retirement that met its end on the day.
                            value: scheduled
                                ? label(s.value) + (s.axis == .closes ? " (the announced closure came)" : " (the announced end came)")
                                : valueLabel(s) + (restates(s) ? " (restated)" : "")
                                    // Dated after the site's day: what is announced, not what is
                                    // (it stood under "Since" beside a status that says otherwise).
                                    + (s.date.startKey > board.asOf.endKey ? " (to come)" : ""),
                            event: kb.title(of: s.event) ?? s.event, url: "events/\(s.event).html")
                    }),
            scorecard: scorecard(of: e.id),
            contradictions: contradictedEntities.contains(e.id) ? "contradictions.html#c-\(e.id)" : nil,
            cycles: cycles, cycleFacts: cycleFacts(of: e))
    }

    /// An axis as a reader names it.
    func axisLabel(_ axis: StatusSetting.Axis) -> String {
        switch axis {
        case .availability: "availability"
        case .priority: "priority"
        case .ends: "announced end"
        case .closes: "sign-ups close"
        case .successors: "successors"
        }
    }

    /// A status value as the rest of the page prints it: a scale's label, a date in words.
    func valueLabel(_ s: StatusChange) -> String {
        switch s.axis {
        case .availability, .priority: return label(s.value)
        case .ends, .closes:
            guard s.value == "none" else {
                let shown = (try? FuzzyDate(parsing: s.value))?.display ?? s.value
                return isVoid(s) ? "\(shown) (moves nothing: what it ends was already gone)" : shown
            }
            return cancelLabel(s, before: previous(s))
        case .successors: return shownValue(s)
        }
    }

    /// Whether an end or closure written by an event is no announcement at all: announced
    /// once what it ends was gone (its own end come, or a retirement recorded), with no
    /// return since, as `vane changes` leaves it out and `vane check` warns of it.
    func isVoid(_ s: StatusChange) -> Bool {
        guard s.axis.isScheduled, s.value != "none", let date = try? FuzzyDate(parsing: s.value),
            let status = statusRows[s.entity]?.status
        else { return false }
        let kind: AnnouncedEnd.Kind = s.axis == .ends ? .end : .closure
        return !status.announcements.contains { $0.event == s.event && $0.channel == s.channel && $0.kind == kind && $0.date == date }
    }

    /// The announcement an end or closure written by an event made, as the status model
    /// resolved it; nil for one that made none (void, or a cancellation).
    func announcement(of s: StatusChange) -> AnnouncedEnd? {
        guard s.axis.isScheduled, let date = try? FuzzyDate(parsing: s.value), let status = statusRows[s.entity]?.status else { return nil }
        let kind: AnnouncedEnd.Kind = s.axis == .ends ? .end : .closure
        return status.announcements.first { $0.event == s.event && $0.channel == s.channel && $0.kind == kind && $0.date == date }
    }

    /// `cancelled`; `nothing to cancel (15 November 2026 came first)` when the end it would
    /// cancel (`before`) came first (`vane check` warns of it).
    private func cancelLabel(_ s: StatusChange, before: StatusChange?) -> String {
        // A channel's own end still ahead, called off with the product's: cancelled, whatever
        // came before it for the product (it read "nothing to cancel").
        if callsOff(s) { return "cancelled" }
        return cameBefore(s, before).map { "nothing to cancel (\($0.display) came first)" } ?? "cancelled"
    }

    /// Whether `ends: none` (or `closes: none`) called an end off, as the status model read it.
    func callsOff(_ s: StatusChange) -> Bool {
        guard s.axis.isScheduled, s.value == "none", let status = statusRows[s.entity]?.status else { return false }
        let kind: AnnouncedEnd.Kind = s.axis == .ends ? .end : .closure
        return status.announcements.contains { $0.event == s.event && $0.kind == kind && $0.cancelled }
    }

    /// For `ends: none` (or `closes: none`), the date of the end before it when that came
    /// before it.
    private func cameBefore(_ s: StatusChange, _ before: StatusChange?) -> FuzzyDate? {
        guard s.value == "none", let before, let date = try? FuzzyDate(parsing: before.value) else { return nil }
        return date.startKey <= s.date.startKey ? date : nil
    }

    /// `1 January 2025 → 1 June 2025`; `1 January 2025 (restated)` when it was already that.
    /// `before` is `previous(s)`: a cancellation is read against it, not looked up again.
    func changeLabel(from before: StatusChange?, to s: StatusChange) -> String {
        let cancels = s.axis.isScheduled && s.value == "none"
        let now = cancels ? cancelLabel(s, before: before) : valueLabel(s)
        // A void announcement moved nothing: no "from".
        if isVoid(s) { return now }
        // An end announced for the whole product moves the end it replaced, a channel's own
        // one too (Exchange 2019's ESU end moved for the product), never one that came before
        // it (it read "14 October 2025 → …", the standard channel's end, long come).
        if s.axis.isScheduled, !cancels, s.channel == nil, let made = announcement(of: s) {
            if let replaced = made.replaced { return "\(replaced.display) → \(now)" }
            if let before, let came = try? FuzzyDate(parsing: before.value), came.startKey <= s.date.startKey { return now }
        }
        // The first advice moves from the product's own successors (`vane changes` said
        // "mid-model → new-model" where the page said "New Model").
        if s.axis == .successors, before == nil, let own = board.entities[s.entity]?.successors, !own.isEmpty {
            let was = own.map { kb.title(of: $0) ?? $0 }.joined(separator: ", ")
            return was == now ? "\(now) (restated)" : "\(was) → \(now)"
        }
        // A scale's value moves from what the product had, as the status model replays it (an
        // announced end that came left it retired), not from what an event last wrote: a
        // channel back after its end read "Deprecated (restated)".
        if let moved = replayedMove(of: s), let from = moved.from { return "\(label(from)) → \(now)" }
        // A whole-product value that moved channels (CodeCommit reopened to new customers)
        // says each move (it read "Generally available (restated)").
        let moves = channelMoves(of: s)
        if replayedMove(of: s) == nil, !moves.isEmpty {
            return moves.map { "\(channelName($0.channel ?? "", of: s.entity)): \($0.from.map(label) ?? "–") → \(now)" }.joined(separator: "; ")
        }
        guard let before, !cancels || cameBefore(s, before) == nil else { return now }
        let was = valueLabel(before)
        return was == now ? "\(now) (restated)" : "\(was) → \(now)"
    }

    /// Whether a change of availability or priority confirms the value the product had: the
    /// status model moved nothing (the history read "Flagship" on a new "since" day, where the
    /// event's page said "Flagship (restated)").
    func restates(_ s: StatusChange) -> Bool {
        guard s.axis == .availability || s.axis == .priority, replayedMove(of: s) == nil, channelMoves(of: s).isEmpty else { return false }
        return previous(s)?.value == s.value
    }

    /// The move the status model made for a change of availability or priority, when it
    /// made one (none for a value restated).
    func replayedMove(of s: StatusChange) -> StatusMove? {
        guard s.axis == .availability || s.axis == .priority, let moves = statusRows[s.entity]?.status.moves else { return nil }
        return moves.last { $0.event == s.event && $0.axis == s.axis && $0.channel == s.channel && $0.to == s.value }
    }

    /// The moves a whole-product value made on single channels (a channel back from retired
    /// while the others stayed), by channel; none for a channel's own value.
    func channelMoves(of s: StatusChange) -> [StatusMove] {
        guard s.channel == nil, s.axis == .availability || s.axis == .priority, let moves = statusRows[s.entity]?.status.moves else { return [] }
        return moves.filter { $0.event == s.event && $0.axis == s.axis && $0.channel != nil && $0.to == s.value }
            .sorted { ($0.channel ?? "") < ($1.channel ?? "") }
    }

    /// The value the same entity, axis and channel had before `s`: what it changed from
    /// (an event's page shows it; its fingerprint follows it). A channel's end or closure
    /// changes the whole product's before it too (it restates or moves it for the channel).
    func previous(_ s: StatusChange) -> StatusChange? {
        // The latest earlier one, as `max(by:)` picks it (the first of equals), read in place:
        // filtering first copied every candidate, for every change of every event's page.
        guard let changes = changesByEntity[s.entity] else { return nil }
        // As `EndSchedule` reads it: not for a channel offered since (its own end is a new offer's).
        // A channel's availability moves from the whole product's, when that came last.
        func covers(_ c: StatusChange) -> Bool {
            if c.channel == s.channel { return true }
            guard c.channel == nil, let channel = s.channel else { return false }
            if s.axis == .availability { return true }
            return s.axis.isScheduled && !changes.offer(channel, from: c.date, through: s.date)
        }
        var latest: Int?
        for i in changes.indices where changes[i].axis == s.axis && covers(changes[i]) && changes[i].event != s.event {
            guard changes[i].date.sortsBefore(s.date) == true else { continue }
            if let l = latest, changes[l].date.sortsBefore(changes[i].date) != true { continue }
            latest = i
        }
        return latest.map { changes[$0] }
    }

    private func event(_ e: Entry) -> EventPage {
        let changes = changesByEvent[e.id] ?? []
        return EventPage(
            endDate: e.endDate.map(DateView.init), involved: section(targets(of: e.id, .involves)),
            statusChanges: changes.isEmpty
                ? nil
                : EventPage.Changes(
                    rows: changes.map { s in
                        EventPage.ChangeRow(
                            entity: kb.title(of: s.entity) ?? s.entity, url: "entities/\(s.entity).html", axis: axisLabel(s.axis),
                            channel: s.channel.map { channelName($0, of: s.entity) } ?? "all",
                            value: changeLabel(from: previous(s), to: s))
                    }), ahead: !hasHappened(e))
    }

    private func claim(_ e: Entry) -> ClaimPage {
        ClaimPage(
            claimant: targets(of: e.id, .claimedBy).first.flatMap(link), about: section(targets(of: e.id, .about)),
            verdict: e.currentVerdict.rawValue,
            verdictDate: e.verdictDate.map(DateView.init), verdictSources: section(targets(of: e.id, .verdictSource)),
            supports: section(targets(of: e.id, .supports)), contradicts: section(targets(of: e.id, .contradicts)),
            supportedBy: section(sources(to: e.id, .supports)), contradictedBy: section(sources(to: e.id, .contradicts)))
    }

    private func source(_ e: Entry) -> SourcePage {
        SourcePage(
            publisher: e.publisher?.text ?? "", publisherEntity: targets(of: e.id, .publishedBy).first.flatMap(link), url: e.url ?? "",
            archive: e.archive, published: e.date.map(DateView.init), accessed: e.accessed.map(DateView.init),
            citedBy: capped(byTitle(ids: sources(to: e.id, .cites, .verdictSource)), "entries that cite it"))
    }
}

extension SiteModel {
    /// Names as a reader reads them, each once whatever its case (an alias `Bard` and the
    /// former id `bard` read "Bard, bard"); nil when there are none.
    static func namesOnce(_ names: [String]) -> String? {
        var seen: Set<String> = []
        let once = names.filter { seen.insert($0.lowercased()).inserted }
        return once.isEmpty ? nil : once.joined(separator: ", ")
    }
}
