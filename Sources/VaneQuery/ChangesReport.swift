import Foundation
import GRDB
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneHistory

/// `vane changes`: what changed between two dates, in event time (what happened then) or
/// in recorded time (what was written then, from git).
public struct ChangeRow: Encodable, Sendable, TabularRow {
    /// The day it happened (event time) or was committed (recorded time); `now` when not
    /// committed yet (JSON `null`).
    @DateText public var date: String
    /// In event time move, ends, closes, successors, rename, event, claim or verdict; in
    /// recorded time added, changed, removed, renamed, status, end or verdict.
    public var kind: String
    public var id: String
    public var what: String
    @Null public var commit: String?
    @Null public var subject: String?
    @Null public var entity: String?
    @Null public var axis: String?
    @Null public var channel: String?
    @Null public var from: String?
    @Null public var to: String?
    @Null public var sources: [String]?
    /// The end of an event's span, as written (empty for anything else; JSON: a date, or
    /// `null`): a six-month programme read as its first month.
    @DateText public var spanEnd: String = ""

    public static let displayHeaders = ["DATE", "KIND", "ID", "WHAT"]
    public var displayCells: [String] { [date + (spanEnd.isEmpty ? "" : " to " + spanEnd), kind, id, what] }

    /// The terminal's table: recorded changes add the commit and its subject.
    public static func table(_ rows: [ChangeRow], recorded: Bool) -> TextTable {
        guard recorded else { return rows.table(for: .table) }
        return TextTable(
            headers: ["DATE", "COMMIT", "KIND", "ID", "WHAT", "SUBJECT"],
            rows: rows.map { [$0.date, $0.commit ?? "-", $0.kind, $0.id, $0.what, $0.subject ?? ""] })
    }
    public static let csvHeaders = [
        "date", "kind", "id", "what", "commit", "subject", "entity", "axis", "channel", "from", "to", "sources", "span_end",
    ]
    public var csvCells: [String] {
        [
            date, kind, id, what, commit ?? "", subject ?? "", entity ?? "", axis ?? "", channel ?? "", from ?? "", to ?? "",
            (sources ?? []).joined(separator: ";"), spanEnd,
        ]
    }
}

extension GraphReader {
    public enum ChangesError: VaneError {
        /// With why git failed at the last build, when it did (a shallow clone, a folder
        /// git refuses): it read "not in a git repository, or git failed" whatever the cause.
        case noHistory(failed: String?)
        public var description: String {
            if let failed = noHistoryReason { return "no recorded time in this database: at the last build, \(failed)" }
            return "no recorded time in this database: the knowledge base is not in a git repository, or git failed at the last build"
        }
        private var noHistoryReason: String? {
            if case .noHistory(let failed) = self { return failed }
            return nil
        }
    }

    /// In event time: the status moves that took effect in the window (from and to, per
    /// axis and channel), the events and claims dated in it, the verdicts reached in it;
    /// as known on `knownOn` (today), or at the window's end when that is later: an end
    /// met late by a retirement recorded since is not a move on the day it was announced
    /// for, whichever window is asked for.
    public func changes(in window: ChangeWindow, within entity: String?, knownOn: FuzzyDate) throws -> [ChangeRow] {
        // A window still to come is read as of its end, verdicts as status moves (a verdict
        // dated in it was left out, while the site as of its end lists it).
        let knownOn = knownOn.endKey > window.to.endKey ? knownOn : window.to
        let board = try statusBoard(asOf: knownOn, within: entity)
        var rows: [ChangeRow] = window.moves(board).map { m in
            let from = m.move.from ?? "none"
            return ChangeRow(
                date: m.move.date.text, kind: "move", id: m.move.event,
                what:
                    "\(m.entity)\(m.move.channel.map { " (\(board.channelName($0, of: m.entity)))" } ?? ""): \(m.move.axis.rawValue) \(from) → \(m.move.to)",
                commit: nil,
                subject: nil, entity: m.entity, axis: m.move.axis.rawValue, channel: m.move.channel, from: m.move.from, to: m.move.to,
                sources: board.eventSources[m.move.event] ?? [])
        }
        rows += window.announcements(board).map { end in
            let axis: StatusSetting.Axis = end.kind == .end ? .ends : .closes
            return ChangeRow(
                date: end.announced.text, kind: axis.rawValue, id: end.event,
                what: "\(end.entity)\(board.channelSuffix(end)): \(end.announcement)", commit: nil, subject: nil, entity: end.entity,
                // The date announced, written as JSON dates are.
                // A restatement's `from` is the end it restated: only a first announcement's is null.
                axis: axis.rawValue, channel: end.channel,
                from: (end.replaced ?? (end.cancelled || end.event == end.firstEvent ? nil : end.date)).map { JSONDate($0).iso },
                to: end.cancelled ? "none" : JSONDate(end.date).iso,
                sources: board.eventSources[end.event] ?? [])
        }
        rows += window.advice(board).map { m in
            ChangeRow(
                date: m.move.date.text, kind: "successors", id: m.move.event,
                what: "\(m.entity): successors \(m.move.from ?? "none") → \(m.move.to)", commit: nil, subject: nil, entity: m.entity,
                axis: "successors", channel: nil, from: m.move.from, to: m.move.to, sources: board.eventSources[m.move.event] ?? [])
        }
        rows += try renames(in: window, within: entity)
        let filter = EntryFilter(entity: entity, since: window.from, until: window.to)
        rows += try events(filter).map {
            ChangeRow(date: $0.date, kind: "event", id: $0.id, what: $0.title, sources: $0.sources, spanEnd: $0.spanEnd ?? "")
        }
        rows += try claims(filter, today: knownOn).map { ChangeRow(date: $0.date, kind: "claim", id: $0.id, what: $0.title, sources: $0.sources) }
        // The verdicts reached by the day they are known on (a block of a site as of a day
        // to come lists those reached by then, as the site's pages do).
        for claim in try claims(EntryFilter(entity: entity), today: knownOn).sorted(by: { $0.id < $1.id }) {
            guard let text = claim.verdictDate, let date = try? FuzzyDate(parsing: text), window.contains(date) else { continue }
            // From and to as every other row has them (a claim is pending until its verdict).
            var row = ChangeRow(date: text, kind: "verdict", id: claim.id, what: "verdict: \(claim.verdict)", sources: claim.verdictSources)
            (row.axis, row.from, row.to) = ("verdict", "pending", claim.verdict)
            rows.append(row)
        }
        // By the day each period starts, the coarser first (a quarter before its first month), as
        // the timeline orders events; then as listed.
        return rows.enumerated().sorted { a, b in
            let (x, y) = (try? FuzzyDate(parsing: a.element.date), try? FuzzyDate(parsing: b.element.date))
            return (x?.startKey ?? 0, x?.precision.rank ?? 0, a.offset) < (y?.startKey ?? 0, y?.precision.rank ?? 0, b.offset)
        }.map(\.element)
    }

    /// The renames that took effect in the window: `Azure Active Directory → Microsoft Entra ID`.
    private func renames(in window: ChangeWindow, within entity: String?) throws -> [ChangeRow] {
        let scope = try Set(entities(EntryFilter(entity: entity)).map(\.id))
        let stored = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, renames FROM entities WHERE renames != '[]' ORDER BY id").map {
                (id: $0[0] as String, name: $0[1] as String, renames: try GraphReader.renames($0[2]))
            }
        }
        var rows: [ChangeRow] = []
        for e in stored where scope.contains(e.id) {
            let names = e.renames.names(current: e.name).map(\.name)
            for (index, rename) in e.renames.enumerated() where window.contains(rename.date) {
                rows.append(
                    ChangeRow(
                        date: rename.date.text, kind: "rename", id: e.id, what: "\(e.id): name \(names[index]) → \(names[index + 1])", commit: nil,
                        subject: nil, entity: e.id, axis: "name", channel: nil, from: names[index], to: names[index + 1], sources: []))
            }
        }
        return rows
    }

    /// The recorded time the last build stored.
    public func recordedHistory() throws -> RecordedHistory? {
        guard let text = try buildState("history")["history"], !text.isEmpty else { return nil }
        return try? JSONDecoder().decode(RecordedHistory.self, from: Data(text.utf8))
    }

    /// In recorded time: the entries added, changed and removed by commits in the window,
    /// and the assessments those commits changed; what is not committed yet counts as
    /// recorded today.
    public func recordedChanges(in window: ChangeWindow, within entity: String?, today: FuzzyDate) throws -> [ChangeRow] {
        guard let history = try recordedHistory() else {
            // The build's own warning names the cause: `recorded time: …; building without it`.
            let warnings = (try? buildState("warnings")["warnings"]).flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
            let failed = warnings.first { $0.hasPrefix("recorded time: ") && $0.hasSuffix("; building without it") }
            throw ChangesError.noHistory(failed: failed.map { String($0.dropFirst("recorded time: ".count).dropLast("; building without it".count)) })
        }
        let root = try entity.map(resolveEntity)
        let tree = try root.map(self.tree(of:))
        let related = try root.map(relatedEntries(of:))
        // An entry is the tree's when it links to it now, or when it set something of the
        // tree (an event since removed has no edge left).
        let setInTree = tree.map { tree in Set(history.changes.filter { $0.entity.map(tree.contains) ?? false }.map(\.entry)) } ?? []
        // A channel is named with its tier, as the changes at the events' dates name it
        // (`ga360 (paid)`); tiers are declared on the product, the same on every day.
        let tiers = try channelTiers()
        func row(_ change: RecordedChange, date: String, commit: Commit?) -> ChangeRow {
            self.row(change, date: date, commit: commit, channel: { ChannelTier.name($0, tier: tiers[change.entity ?? ""]?[$0]) })
        }
        func keep(_ id: String) -> Bool { related.map { $0.contains(id) || setInTree.contains(id) } ?? true }
        // A change of a product is the tree's when the product is; a verdict, when its claim is.
        func keep(_ change: RecordedChange) -> Bool { change.entity.map { tree?.contains($0) ?? true } ?? keep(change.entry) }
        var rows: [ChangeRow] = []
        for commit in history.commits.reversed() {
            guard let day = try? FuzzyDate(parsing: commit.date), window.contains(day) else { continue }
            for (id, touches) in history.touches.sorted(by: { $0.key < $1.key }) where keep(id) {
                let mine = touches.filter { $0.commit == commit.hash }
                let made = mine.map(\.touch)
                // A file removed and added under the same id (read through its former ids)
                // in one commit is one entry given a new id, not two, said with both ids.
                guard !(made.contains(.added) && made.contains(.removed)) else {
                    let former = mine.compactMap(\.former).first
                    var row = ChangeRow(
                        date: commit.date, kind: "renamed", id: id,
                        what: "given a new id" + (former.map { ": \($0) → \(id)" } ?? "") + " (the former one is an alias)",
                        commit: commit.short, subject: commit.subject)
                    (row.from, row.to) = (former, id)
                    rows.append(row)
                    continue
                }
                for kind in made.map(\.rawValue) {
                    rows.append(ChangeRow(date: commit.date, kind: kind, id: id, what: kind, commit: commit.short, subject: commit.subject))
                }
            }
            for change in history.changes where change.commit == commit.hash && keep(change) {
                rows.append(row(change, date: commit.date, commit: commit))
            }
        }
        if window.contains(today) {
            // Not committed yet: gone from the graph, never committed, or changed since.
            let present = Set(try queue.read { db in try String.fetchAll(db, sql: "SELECT id FROM entries") })
            for id in history.uncommitted where keep(id) {
                let kind = !present.contains(id) ? "removed" : history.touches[id]?.isEmpty ?? true ? "added" : "changed"
                rows.append(ChangeRow(date: "now", kind: kind, id: id, what: "\(kind), not committed yet"))
            }
            for change in history.changes where change.commit == nil && keep(change) {
                rows.append(row(change, date: "now", commit: nil))
            }
        }
        return rows
    }

    private func row(_ change: RecordedChange, date: String, commit: Commit?, channel named: (String) -> String) -> ChangeRow {
        let before = change.before ?? "none"
        let after = change.after ?? "none"
        let what: String
        let subject = "\(change.entity ?? "")\(change.channel.map { " (\(named($0)))" } ?? "")"
        // `ends: none` or `closes: none` written is a cancellation, not "none → none".
        let was = change.before.map { $0 == "none" ? "" : " (it was \($0))" } ?? ""
        switch change.what {
        case .verdict: what = "verdict \(before) → \(after)"
        case .end where change.after == "none": what = "\(subject): end cancelled\(was)"
        case .end: what = "\(subject): end \(before) → \(after)"
        case .status where change.axis == "closes" && change.after == "none": what = "\(subject): sign-ups closure cancelled\(was)"
        case .status where change.axis == "closes": what = "\(subject): sign-ups closure \(before) → \(after)"
        case .status:
            // A move recorded ahead of its event's day says that day, as the site does.
            let recorded = (try? FuzzyDate(parsing: date)) ?? .today()
            let ahead = change.date.flatMap { try? FuzzyDate(parsing: $0) }.flatMap { $0.startKey > recorded.endKey ? " (from \($0.text))" : nil }
            what = "\(subject): \(change.axis ?? "") \(before) → \(after)\(ahead ?? "")"
        }
        // A verdict's `from` and `to` are the verdicts, as the status writes them; the day it
        // was reached stays in `what` (`to` read `kept (2026-11-20)`).
        let verdict = { (value: String?) in change.what == .verdict ? value.map { String($0.prefix { $0 != " " }) } : value }
        return ChangeRow(
            date: date, kind: change.what.rawValue, id: change.entry, what: what, commit: commit?.short, subject: commit?.subject,
            entity: change.entity,
            axis: change.what == .verdict ? "verdict" : change.axis, channel: change.channel, from: verdict(change.before), to: verdict(change.after))
    }

    /// An entity and everything under it.
    func tree(of root: String) throws -> Set<String> {
        try queue.read { db in Set(try String.fetchAll(db, sql: GraphReader.treeSQL, arguments: [root])) }
    }

    /// The entities of a tree and every entry but an entity with an edge to one of them: a
    /// product that names one of the tree as its successor is another product, not the tree's.
    private func relatedEntries(of root: String) throws -> Set<String> {
        try queue.read { db in
            // The tree's CTE is in scope for the whole compound SELECT.
            Set(
                try String.fetchAll(
                    db,
                    sql: """
                        \(GraphReader.treeSQL) UNION SELECT from_id FROM edges
                        WHERE to_id IN (SELECT id FROM tree) AND from_id NOT IN (SELECT id FROM entities)
                        """, arguments: [root]))
        }
    }
}

extension ChangeRow {
    init(date: String, kind: String, id: String, what: String, commit: String? = nil, subject: String? = nil, sources: [String]? = nil) {
        self.init(
            date: date, kind: kind, id: id, what: what, commit: commit, subject: subject, entity: nil, axis: nil, channel: nil, from: nil, to: nil,
            sources: sources)
    }
}
