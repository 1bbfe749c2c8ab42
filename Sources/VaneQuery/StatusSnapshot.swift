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
    /// that day; nil otherwise (the caller computes it).
    public func storedStatusJSON(asOf: FuzzyDate) throws -> String? {
        let state = try buildState("started", StatusSnapshot.key)
        guard let started = state["started"], let stored = state[StatusSnapshot.key] else { return nil }
        let header = StatusSnapshot.header(build: started, asOf: asOf)
        guard stored.hasPrefix(header) else { return nil }
        return String(stored.dropFirst(header.count))
    }
}
