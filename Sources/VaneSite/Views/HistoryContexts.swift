import Foundation
import VaneContent
import VaneDiagnostics
import VaneHistory

// Recorded time on entry pages, the "What's new" list, and the event-time changes page.

struct CommitView: Encodable {
    var short: String
    var date: DateView
    var subject: String

    init(_ commit: Commit) {
        short = commit.short
        date = DateView(day: commit.date)
        subject = commit.subject
    }
}

/// "Recorded 3 March 2025 · last changed 9 May 2026 (a1b2c3d: subject)", and the list of
/// the commits that touched the entry.
struct RecordedView: Encodable {
    struct Item: Encodable {
        var commit: CommitView
        var touch: String
    }
    var first: CommitView?
    var last: CommitView?
    /// The last change is not committed yet (of an entry committed before).
    var uncommitted: Bool
    /// The entry was never committed: it is new since the last commit.
    var added = false
    var items: [Item]
}

struct RecordedChangeView: Encodable {
    var date: DateView?
    var commit: CommitView?
    /// Not committed yet: recorded "now".
    var uncommitted: Bool
    var entry: LinkView?
    /// The entry's id, for one that is gone.
    var entryID: String
    /// The title of an entry the site leaves out as dated after its day (not removed).
    var later: String?
    /// Gone from the files by a commit after the site's day (a site as of an earlier day).
    var removedLater: Bool
    var text: String
}

struct ChangesPage: Encodable {
    struct MoveRow: Encodable {
        var date: DateView
        var entity: LinkView?
        var axis: String
        var channel: String?
        /// Nil for an announcement, which moves nothing yet.
        var from: String?
        var to: String
        var event: LinkView?
    }
    struct Quarter: Encodable {
        var label: String
        var anchor: String
        var moves: [MoveRow]
        var hasMoves: Bool
        var events: Section?
        var claims: Section?
        var verdicts: Section?
        var empty: Bool
        /// The site's day, for the quarter under way: an empty one says "up to" it (an event
        /// dated later in the quarter is not nothing).
        var upTo: DateView?
        /// The quarter began on the page before.
        var continued: Bool
    }
    var quarters: [Quarter]
    var pager: Pager?
    /// Where each quarter starts, when the page runs over several.
    var quarterLinks: Jumps?
}

/// A row of a quarter on "What changed", in the order shown.
private enum ChangeRow {
    case move(ChangesPage.MoveRow)
    case event(String)
    case claim(String)
    case verdict(String)
}

extension SiteModel {
    func recordedView(_ id: String) -> RecordedView? {
        guard let history else { return nil }
        let (first, last) = history.recorded(id)
        let uncommitted = history.uncommitted.contains(id)
        guard first != nil || uncommitted else { return nil }
        // One row a commit: one that removed the file of a former id and added this one
        // gave it a new id (`renamed`, as `vane changes --recorded` says).
        let touches = history.touches[id] ?? []
        let byCommit = Dictionary(grouping: touches, by: \.commit).mapValues { Set($0.map(\.touch)) }
        var shown: Set<String> = []
        let items = touches.compactMap { touch -> RecordedView.Item? in
            guard let commit = history.commit(touch.commit) else { return nil }
            let made = byCommit[touch.commit] ?? []
            guard made.isSuperset(of: [.added, .removed]) else { return RecordedView.Item(commit: CommitView(commit), touch: touch.touch.rawValue) }
            return shown.insert(touch.commit).inserted ? RecordedView.Item(commit: CommitView(commit), touch: "renamed") : nil
        }
        return RecordedView(
            first: first.map(CommitView.init), last: last.map(CommitView.init), uncommitted: uncommitted && first != nil,
            added: uncommitted && first == nil, items: items)
    }

    /// A recorded change in words: `Llama: priority flagship → deprioritized`.
    func describe(_ change: RecordedChange) -> String {
        func name(_ id: String?) -> String { id.flatMap { kb.resolve($0) }.flatMap { kb.title(of: $0) } ?? id ?? "" }
        // A value written for the first time reads as recorded, not as a change from nothing.
        func move(_ before: String?, _ after: String?) -> String {
            guard let before else { return "recorded as \(after ?? "none")" }
            return "\(before) → \(after ?? "none")"
        }
        let subject = "\(name(change.entity))\(change.channel.map { " (\(channelName($0, of: change.entity)))" } ?? "")"
        // `ends: none` or `closes: none` written is a cancellation, as `vane changes` says.
        // Scale values in words, dates as the site writes them, successors by name (the
        // feed read "recorded as ~2025-Q1" and "privacy-sandbox → none").
        let axis = change.axis.flatMap(StatusSetting.Axis.init(rawValue:))
        func word(_ value: String) -> String {
            if let axis, StatusSetting.Axis.scaled.contains(axis) { return label(value) }
            if value == "none" { return value }
            if axis == .successors { return value.split(separator: " ").map { name(String($0)) }.joined(separator: ", ") }
            return (try? FuzzyDate(parsing: value))?.display ?? value
        }
        let was = change.before.map { $0 == "none" ? "" : " (it was \(word($0)))" } ?? ""
        // A move an event dated after the site's day makes is said with its day, as a verdict
        // is (the feed told its readers Easel was deprioritized, beside a board that, rightly,
        // still said maintained).
        let from =
            change.date.flatMap { try? FuzzyDate(parsing: $0) }.flatMap { $0.startKey > board.asOf.endKey ? " (from \($0.display))" : nil } ?? ""
        switch change.what {
        case .verdict: return "verdict \(move(change.before.map(verdictWords), change.after.map(verdictWords)))"
        case .end where change.after == "none": return "\(subject): end cancelled\(was)"
        case .status where change.axis == "closes" && change.after == "none": return "\(subject): sign-ups closure cancelled\(was)"
        case .end: return "\(subject): announced end \(move(change.before.map(word), change.after.map(word)))"
        case .status where axis == .closes: return "\(subject): sign-ups closure \(move(change.before.map(word), change.after.map(word)))"
        case .status: return "\(subject): \(change.axis ?? "") \(move(change.before.map(word), change.after.map(word)))\(from)"
        }
    }

    /// A recorded verdict (`broken (2027-01-15)`) in words; one dated after the site's day
    /// is said to be pending until then, as the claim's page says it is (the feed told its
    /// readers a promise was broken weeks before the date given for it).
    private func verdictWords(_ value: String) -> String {
        guard let open = value.lastIndex(of: "("), value.hasSuffix(")"),
            let date = try? FuzzyDate(parsing: String(value[value.index(after: open)..<value.index(before: value.endIndex)]))
        else { return value }
        let verdict = value[..<open].trimmingCharacters(in: .whitespaces)
        return date.startKey > board.asOf.endKey ? "\(verdict), dated \(date.display) (pending until then)" : "\(verdict) (\(date.display))"
    }

    func recordedChangeView(_ change: RecordedChange) -> RecordedChangeView {
        let commit = history?.commit(change.commit)
        return RecordedChangeView(
            date: commit.map { DateView(day: $0.date) }, commit: commit.map(CommitView.init), uncommitted: change.commit == nil,
            entry: link(change.entry), entryID: change.entry, later: kb.later[change.entry], removedLater: removedLater(change.entry),
            text: describe(change))
    }

    /// An entry gone from the files whose removal the site's history (cut at its day) does
    /// not hold: removed by a later commit, not yet as of the site's day.
    private func removedLater(_ id: String) -> Bool {
        guard let history, kb.entry(id) == nil, kb.later[id] == nil, !history.uncommitted.contains(id) else { return false }
        return !(history.touches[id] ?? []).contains { $0.touch == .removed }
    }

    /// The latest recorded changes of assessments, newest first.
    func whatsNew(limit: Int) -> [RecordedChangeView] {
        guard let history else { return [] }
        return Array(history.changes.reversed().prefix(limit)).map(recordedChangeView)
    }

    func changesPageCount() -> Int { changePages().count }

    /// A page of the last four quarters (up to the as-of date) in event time.
    func changesPage(page: Int) -> ChangesPage {
        let pages = changePages()
        let quarters = pages[page - 1].map { part in
            var moves: [ChangesPage.MoveRow] = []
            var events: [String] = []
            var claims: [String] = []
            var verdicts: [String] = []
            for row in part.items {
                switch row {
                case .move(let m): moves.append(m)
                case .event(let id): events.append(id)
                case .claim(let id): claims.append(id)
                case .verdict(let id): verdicts.append(id)
                }
            }
            return ChangesPage.Quarter(
                label: part.group.label, anchor: part.group.anchor, moves: moves, hasMoves: !moves.isEmpty, events: dated(section(events)),
                claims: dated(section(claims)), verdicts: dated(section(verdicts), by: \.verdictDate), empty: part.items.isEmpty,
                upTo: part.group.upTo, continued: part.continued)
        }
        return ChangesPage(
            quarters: quarters, pager: Pagination.pager("changes", number: page, count: pages.count),
            quarterLinks: pages.count > 1 ? Pagination.jumps(pages, base: "changes", label: \.label, anchor: \.anchor) : nil)
    }

    /// Each entry with its date, as a quarter's list shows it (a quarter spans three months).
    private func dated(_ section: Section?, by date: (Entry) -> FuzzyDate? = \.date) -> Section? {
        guard var section else { return nil }
        for i in section.items.indices { section.items[i].date = kb.entry(section.items[i].id).flatMap(date).map(DateView.init) }
        return section
    }

    private struct QuarterName {
        var label: String
        var anchor: String
        /// The site's day, for the quarter under way (its window ends there).
        var upTo: DateView?
    }

    /// Each quarter's rows, split over pages.
    private func changePages() -> [[PagedGroup<QuarterName, ChangeRow>]] {
        memo.value("change pages as of \(board.asOf.text)") { computeChangePages() }
    }

    private func computeChangePages() -> [[PagedGroup<QuarterName, ChangeRow>]] {
        // Every quarter as known at the site's day, from its one board: an end met late by a
        // retirement is the retirement's move alone, as on the product's page.
        let quarters = ChangeWindow.lastFourQuarters(before: board.asOf).map { window in
            var dated = window.moves(board).map { m in
                (
                    m.move.date.startKey,
                    ChangesPage.MoveRow(
                        date: DateView(m.move.date), entity: link(m.entity), axis: m.move.axis.rawValue,
                        channel: m.move.channel.map { channelName($0, of: m.entity) },
                        from: m.move.from.map { label($0) } ?? "–", to: label(m.move.to), event: link(m.move.event))
                )
            }
            // An announced end or closure is a change on the day it is made.
            dated += window.announcements(board).map { end in
                (
                    end.announced.startKey,
                    ChangesPage.MoveRow(
                        date: DateView(end.announced), entity: link(end.entity),
                        axis: end.cancelled
                            ? (end.kind == .end ? "end cancelled:" : "sign-ups closure cancelled:") : end.announcementParts.said,
                        channel: end.channel.map { channelName($0, of: end.entity) }, from: nil,
                        to: end.cancelled ? "it was \(end.date.display)" : end.announcementParts.value,
                        event: link(end.event))
                )
            }
            // Dated successor advice, as `vane changes` lists it: `successors none → GitHub`.
            dated += window.advice(board).map { m in
                func names(_ value: String?) -> String {
                    guard let value, value != "none" else { return "none" }
                    return value.split(separator: " ").map { kb.title(of: String($0)) ?? String($0) }.joined(separator: ", ")
                }
                return (
                    m.move.date.startKey,
                    ChangesPage.MoveRow(
                        date: DateView(m.move.date), entity: link(m.entity), axis: "successors", channel: nil, from: names(m.move.from),
                        to: names(m.move.to), event: link(m.move.event))
                )
            }
            // A rename is a change on its day, as `vane changes` lists it: `Bard → Gemini`.
            for e in kb.entries(of: .entity) where !e.renames.isEmpty {
                let names = e.renames.names(current: e.title).map(\.name)
                for (i, rename) in e.renames.enumerated() where window.contains(rename.date) && rename.date.startKey <= board.asOf.endKey {
                    dated.append(
                        (
                            rename.date.startKey,
                            ChangesPage.MoveRow(
                                date: DateView(rename.date), entity: link(e.id), axis: "name", channel: nil, from: names[i], to: names[i + 1],
                                event: nil)
                        ))
                }
            }
            // Newest first, as the quarters are (a quarter's latest moves came last); moves of
            // one day in the order the status model made them.
            let moves = dated.enumerated().sorted { ($1.element.0, $0.offset) < ($0.element.0, $1.offset) }.map(\.element.1)
            let events = newestFirst(kb.entries(of: .event).filter { $0.date.map(window.contains) == true }).map(\.id)
            let claims = kb.entries(of: .claim).filter { $0.date.map(window.contains) == true }.sorted(by: Entry.chronological).reversed().map(\.id)
            // By the day each verdict was reached, as `vane changes` has them (they ran by the
            // claims' own dates), newest first.
            let verdicts = kb.entries(of: .claim).compactMap { c in c.verdictDate.flatMap { window.contains($0) ? (c.id, $0) : nil } }
                .sorted { ($1.1.startKey, $1.1.precision.rank, $0.0) < ($0.1.startKey, $0.1.precision.rank, $1.0) }.map(\.0)
            let rows = moves.map(ChangeRow.move) + events.map(ChangeRow.event) + claims.map(ChangeRow.claim) + verdicts.map(ChangeRow.verdict)
            let underWay = window.to.endKey < window.from.endKey
            return (
                QuarterName(label: window.from.display, anchor: "q-" + window.from.text.lowercased(), upTo: underWay ? DateView(window.to) : nil),
                rows
            )
        }
        return Pagination.split(quarters, size: Pagination.changesSize)
    }
}
