import Foundation
import GRDB
import VaneContent
import VaneGraph

/// `vane status --format json` at the day of the last build, computed by that build and
/// stored with it: the read most asked for costs one row, not a board built from every
/// entity and status change. The build computes the board from the knowledge base it
/// writes, with the command's encoder; that it is the board the command reads back from
/// the database is tested (`ReadShortcutTests`). It is kept in `build_state` with the start time of the build it belongs
/// to in a row of its own (`status-json-build`), so that a snapshot from an earlier build
/// is never read, and a build that changed no status (an edit to bodies alone) carries
/// it over by rewriting that small row, not the board.
public enum StatusSnapshot {
    static let key = "status-json"
    static let buildKey = "status-json-build"
    /// Bump when `vane status --format json` changes (the board or its rows), so that a
    /// newer vane reading a database an older one built computes the board itself.
    static let version = "23"

    /// What a snapshot is marked with: the program that computed it and its day.
    static func header(asOf: FuzzyDate) -> String {
        "\(version) \(ContentLoader.parserVersion)\n\(asOf.text)\n"
    }

    /// The JSON `vane status` prints for a board: written directly (`StatusJSON`), or by
    /// the generic encoder when the board holds what the direct writer is not sure of.
    public static func json(_ board: StatusBoard) -> String {
        let rows = board.rows.map { StatusReportRow($0, board: board) }
        return StatusJSON.encode(rows) ?? genericJSON(rows)
    }

    /// The same rows through the generic encoder: the oracle of `StatusJSON`'s tests.
    static func genericJSON(_ rows: [StatusReportRow]) -> String { JSONOutput.encode(rows) }

    /// The `build_state` rows that carry the stored board of the build started at `old`
    /// over to the build started at `new` (which changed nothing on it); none when the board
    /// stored is not `old`'s, which is then read as stale.
    public static func carriedOver(state: [String: String], from old: String, to new: String) -> [String: String] {
        state[buildKey] == old ? [buildKey: new] : [:]
    }

    /// The `build_state` rows of `board`'s JSON, marked with `build` (the build's `started`
    /// state): a build computes them from the knowledge base it writes while its pages
    /// render, and commits them with the graph.
    public static func state(of board: StatusBoard, asOf: FuzzyDate, build: String) -> [String: String] {
        [key: header(asOf: asOf) + json(board), buildKey: build]
    }
}

extension GraphReader {
    /// The stored JSON of the whole board at `asOf`, when the last build stored it for
    /// that day, handed to `write` as stored, `piece` bytes at a time; false otherwise (the
    /// caller computes it). At 50,000 events the board is 16 MB: read through SQLite's
    /// incremental blob reads into one reused buffer, it is never whole in memory, neither
    /// in SQLite's buffer nor in ours.
    public func streamStoredStatusJSON(
        asOf: FuzzyDate, piece: Int = 1 << 20, to write: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Bool {
        try queue.read { db in
            let started = try String.fetchOne(db, sql: "SELECT value FROM build_state WHERE key = 'started'")
            let build = try String.fetchOne(db, sql: "SELECT value FROM build_state WHERE key = ?", arguments: [StatusSnapshot.buildKey])
            guard let started, build == started,
                let row = try Int64.fetchOne(db, sql: "SELECT rowid FROM build_state WHERE key = ?", arguments: [StatusSnapshot.key])
            else { return false }
            let blob = try IncrementalBlob(db, table: "build_state", column: "value", row: row)
            defer { blob.close() }
            let header = Array(StatusSnapshot.header(asOf: asOf).utf8)
            guard blob.count >= header.count else { return false }
            var buffer = [UInt8](repeating: 0, count: max(header.count, min(blob.count, piece)))
            try blob.read(into: &buffer, count: header.count, at: 0)
            guard buffer.prefix(header.count).elementsEqual(header) else { return false }
            var offset = header.count
            while offset < blob.count {
                let count = min(piece, blob.count - offset)
                try blob.read(into: &buffer, count: count, at: offset)
                try buffer.withUnsafeBytes { try write(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
                offset += count
            }
            return true
        }
    }

    /// The stored JSON of the whole board at `asOf` in one piece (for tests and small
    /// boards); nil when none is stored for that day.
    public func storedStatusJSON(asOf: FuzzyDate) throws -> Data? {
        var data = Data()
        return try streamStoredStatusJSON(asOf: asOf) { data.append(contentsOf: $0) } ? data : nil
    }
}
