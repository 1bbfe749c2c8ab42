/// What changed in event time between two dates: the status moves that took effect, the
/// events and claims dated in the window, and the verdicts reached in it.
public struct ChangeWindow: Sendable {
    public var from: FuzzyDate
    public var to: FuzzyDate

    public init(from: FuzzyDate, to: FuzzyDate) {
        self.from = from
        self.to = to
    }

    /// From the start of `from` to the end of `to`.
    public func contains(_ date: FuzzyDate) -> Bool { date.startKey >= from.startKey && date.startKey <= to.endKey }

    public struct Move: Hashable, Sendable {
        public var entity: String
        public var move: StatusMove
    }

    /// Every move of `board` that took effect in the window, oldest first (the board is
    /// computed as of the window's end or later, so it knows every move up to it).
    public func moves(_ board: StatusBoard) -> [Move] {
        board.rows.flatMap { row in row.status.moves.filter { contains($0.date) }.map { Move(entity: row.entity, move: $0) } }
            .sorted { a, b in
                (a.move.date.startKey, a.move.event, a.entity, a.move.axis.rawValue, a.move.channel ?? "")
                    < (b.move.date.startKey, b.move.event, b.entity, b.move.axis.rawValue, b.move.channel ?? "")
            }
    }

    /// Every dated successor advice of `board` given in the window, oldest first.
    public func advice(_ board: StatusBoard) -> [Move] {
        board.rows.flatMap { row in row.status.advice.filter { contains($0.date) }.map { Move(entity: row.entity, move: $0) } }
            .sorted { ($0.move.date.startKey, $0.move.event, $0.entity) < ($1.move.date.startKey, $1.move.event, $1.entity) }
    }

    /// Every end and closure of `board` announced in the window, each as it was made (one
    /// a later announcement replaced too), oldest first: a change on the day it is made;
    /// the fall it schedules is a move on the day it comes.
    public func announcements(_ board: StatusBoard) -> [AnnouncedEnd] {
        board.rows.flatMap(\.status.announcements).filter { contains($0.announced) }.sorted {
            ($0.announced.startKey, $0.event, $0.entity, $0.kind.rawValue, $0.channel ?? "")
                < ($1.announced.startKey, $1.event, $1.entity, $1.kind.rawValue, $1.channel ?? "")
        }
    }

    /// The quarter of the last day of a date's period, and the three before it: `changes.html`'s sections.
    public static func lastFourQuarters(before date: FuzzyDate) -> [ChangeWindow] {
        // From the quarter of the date's last day: a site as of 2025 is as of 31 December.
        let last = date.endKey
        var year = last / 10000
        var quarter = (last / 100 % 100 - 1) / 3 + 1
        var windows: [ChangeWindow] = []
        // Not before the year 1, the first a date can name (`--as-of 0001`).
        for _ in 0..<4 where year >= 1 {
            guard let q = try? FuzzyDate(parsing: FuzzyDate.pad(year, 4) + "-Q\(quarter)") else { break }
            // The quarter under way ends at the date: what an end will do later has not changed.
            windows.append(ChangeWindow(from: q, to: windows.isEmpty && date.endKey < q.endKey ? date : q))
            quarter -= 1
            if quarter == 0 {
                quarter = 4
                year -= 1
            }
        }
        return windows
    }
}
