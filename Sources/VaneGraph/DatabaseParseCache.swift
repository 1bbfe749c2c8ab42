import Foundation
import GRDB
import VaneContent

/// The parses stored by the previous build, so an unchanged file is not parsed again.
public struct DatabaseParseCache: ParseCache {
    private let stored: [String: (hash: String, json: String)]
    /// Page fingerprints of the previous build.
    public let pages: [String: UInt64]

    /// Reads the `files` table of the database at `url`; empty when there is none or it is unusable.
    public init(url: URL) {
        guard let queue = try? GraphDatabase.openReadOnly(url) else {
            stored = [:]
            pages = [:]
            return
        }
        let rows = (try? queue.read { db in
            try Row.fetchAll(db, sql: "SELECT path, hash, parsed FROM files WHERE parsed IS NOT NULL")
        }) ?? []
        var stored: [String: (String, String)] = [:]
        for row in rows { stored[row["path"]] = (row["hash"], row["parsed"]) }
        self.stored = stored
        let pageRows = (try? queue.read { db in try Row.fetchAll(db, sql: "SELECT path, fingerprint FROM pages") }) ?? []
        var pages: [String: UInt64] = [:]
        for row in pageRows { pages[row["path"]] = UInt64(bitPattern: row["fingerprint"] as Int64) }
        self.pages = pages
    }

    /// The stored JSON of a file's parse, when its hash still matches: reused as it is.
    public func storedJSON(path: String, hash: String) -> String? {
        guard let hit = stored[path], hit.hash == hash else { return nil }
        return hit.json
    }

    public var count: Int { stored.count }

    public func parsedFile(path: String, hash: String) -> ParsedFile? {
        guard let hit = stored[path], hit.hash == hash else { return nil }
        return try? JSONDecoder().decode(ParsedFile.self, from: Data(hit.json.utf8))
    }
}
