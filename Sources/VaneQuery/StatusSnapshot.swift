import Foundation
import GRDB
import VaneContent
import VaneGraph

/// `vane status --format json` at the day of the last build, computed by that build and
/// stored with it: the read most asked for costs one row, not a board built from every
/// entity and status change. It is the very text the command computes (the same reader,
/// the same encoder), kept in `build_state` under the build's start time, so a snapshot
/// from an earlier build is never read.
public enum StatusSnapshot {
    static let key = "status-json"
    /// Bump when `vane status --format json` changes (the board or its rows), so that a
    /// newer vane reading a database an older one built computes the board itself.
    static let version = "1"

    /// What a snapshot is marked with: the program that computed it, the build it belongs
    /// to, and its day.
    static func header(build: String, asOf: FuzzyDate) -> String {
        "\(version) \(ContentLoader.parserVersion)\n\(build)\n\(asOf.text)\n"
    }

    /// The JSON `vane status` prints for a board.
    public static func json(_ board: StatusBoard) -> String {
        JSONOutput.encode(board.rows.map { StatusReportRow($0, board: board) })
    }

    /// Computes the board at `asOf` from the database just written and stores its JSON,
    /// marked with `build` (the build's `started` state).
    public static func store(at url: URL, asOf: FuzzyDate, build: String) throws {
        let text = json(try GraphReader(url: url).statusBoard(asOf: asOf))
        try GraphStore.setState([key: header(build: build, asOf: asOf) + text], at: url)
    }
}

extension GraphReader {
    /// The stored JSON of the whole board at `asOf`, when the last build stored it for
    /// that day; nil otherwise (the caller computes it). The bytes as stored, never decoded
    /// into a string: at 50,000 events the board is 16 MB, printed as it is read.
    public func storedStatusJSON(asOf: FuzzyDate) throws -> Data? {
        let (started, stored) = try queue.read { db in
            (
                try String.fetchOne(db, sql: "SELECT value FROM build_state WHERE key = 'started'"),
                try Data.fetchOne(db, sql: "SELECT CAST(value AS BLOB) FROM build_state WHERE key = ?", arguments: [StatusSnapshot.key])
            )
        }
        guard let started, let stored else { return nil }
        let header = Data(StatusSnapshot.header(build: started, asOf: asOf).utf8)
        guard stored.starts(with: header) else { return nil }
        return stored.dropFirst(header.count)
    }
}
