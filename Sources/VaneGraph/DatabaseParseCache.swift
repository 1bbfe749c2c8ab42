import Foundation
import GRDB
import VaneContent

/// The parses stored by the previous build, so an unchanged file is not parsed again.
public struct DatabaseParseCache: ParseCache {
    private let stored: [String: (hash: String, json: String, size: Int, modified: Int64)]
    /// Page fingerprints of the previous build.
    public let pages: [String: UInt64]
    /// Ids of the previous build and its aliases (lowercased → entity id).
    private let ids: Set<String>
    private let aliases: [String: String]
    /// The previous build's `build_state`.
    public let state: [String: String]

    /// Every file of the previous build: path → (size, modification time).
    public let manifest: [String: (size: Int, modified: Int64)]
    /// Why the database could not be opened; nil when it could, or when there is none.
    public let problem: GraphDatabase.OpenError?

    /// Reads the previous build from the database at `url`; empty when there is none or it
    /// is unusable. Without `parses`, the stored parses themselves are not loaded (the
    /// fast path needs only the manifest).
    public init(url: URL, parses: Bool = true) {
        let queue: DatabaseQueue
        do {
            queue = try GraphDatabase.openReadOnly(url)
            problem = nil
        } catch {
            if case .missing = error { problem = nil } else { problem = error }
            stored = [:]
            manifest = [:]
            pages = [:]
            ids = []
            aliases = [:]
            state = [:]
            return
        }
        var manifest: [String: (Int, Int64)] = [:]
        for row in (try? queue.read({ db in try Row.fetchAll(db, sql: "SELECT path, size, modified FROM files") })) ?? [] {
            manifest[row[0]] = (row[1], row[2])  // by position: name lookups are case-insensitive searches
        }
        self.manifest = manifest
        let rows =
            parses
            ? ((try? queue.read { db in
                try Row.fetchAll(db, sql: "SELECT path, hash, parsed, size, modified FROM files WHERE parsed IS NOT NULL")
            }) ?? []) : []
        var stored: [String: (String, String, Int, Int64)] = [:]
        for row in rows { stored[row[0]] = (row[1], row[2], row[3], row[4]) }
        self.stored = stored
        let pageRows = parses ? ((try? queue.read { db in try Row.fetchAll(db, sql: "SELECT path, fingerprint FROM pages") }) ?? []) : []
        var pages: [String: UInt64] = [:]
        for row in pageRows { pages[row[0]] = UInt64(bitPattern: row[1] as Int64) }
        self.pages = pages
        ids = parses ? Set((try? queue.read { db in try String.fetchAll(db, sql: "SELECT id FROM entries") }) ?? []) : []
        var aliases: [String: String] = [:]
        for row in parses ? ((try? queue.read { db in try Row.fetchAll(db, sql: "SELECT alias_key, entity_id FROM aliases") }) ?? []) : [] {
            aliases[row[0]] = row[1]
        }
        self.aliases = aliases
        var state: [String: String] = [:]
        for row in (try? queue.read { db in try Row.fetchAll(db, sql: "SELECT key, value FROM build_state") }) ?? [] {
            state[row[0]] = row[1]
        }
        self.state = state
    }

    public func isUnchanged(_ parsed: ParsedFile) -> Bool { stored[parsed.path]?.hash == parsed.hash }

    /// Whether the stored row for this file is still exact, size and time included.
    public func isStoredExactly(_ parsed: ParsedFile) -> Bool {
        guard let hit = stored[parsed.path] else { return false }
        return hit.hash == parsed.hash && hit.size == parsed.size && hit.modified == parsed.modified
    }

    /// Whether `result` can be written by updating the changed entries' rows: the same ids
    /// and aliases exist (so no other entry's references resolve differently), and few
    /// enough files changed that an update beats a rewrite.
    public func canUpdate(to result: LoadResult) -> Bool {
        guard !ids.isEmpty, Set(result.knowledgeBase.entries.map(\.id)) == ids, result.knowledgeBase.aliases == aliases else { return false }
        return result.files.filter { !isUnchanged($0) }.count * 4 < max(result.files.count, 1)
    }

    /// The stored JSON of a file's parse, when its hash still matches: reused as it is.
    public func storedJSON(path: String, hash: String) -> String? {
        guard let hit = stored[path], hit.hash == hash else { return nil }
        return hit.json
    }

    public func parsedFile(path: String, hash: String) -> ParsedFile? {
        guard let hit = stored[path], hit.hash == hash else { return nil }
        return try? JSONDecoder().decode(ParsedFile.self, from: Data(hit.json.utf8))
    }
}
