import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

/// The graph in memory that the `vane` blocks of the preview query (`query`, `changes`),
/// kept from load to load and brought up to date by each load's delta, as a build's
/// database is: the rows of the entries whose row signature changed written again, those
/// of entries gone deleted. Written whole the first time, and after a delta of a quarter
/// of the entries or more. Only the graph's tables: no file rows, parses or build state,
/// which those blocks never read (a `sql` block reads a copy of its own, see `LiveBlocks`),
/// and the text index only once a block searches text (writing it is most of writing
/// the graph: at 10,000 events about 2.3 s of 3.5).
public final class GraphInMemory: Sendable {
    private struct Held: Sendable {
        var queue: DatabaseQueue?
        var signatures: [String: UInt64] = [:]
        /// Whether the text index is written (and then kept up to date).
        var indexed = false
    }

    private let held = Locked(Held())

    public init() {}

    /// The graph of `result`, written again only where its entries' rows changed since the
    /// last call; with the text index when `searching` (a block searches text).
    public func queue(for result: LoadResult, searching: Bool = false) throws(GraphStoreError) -> DatabaseQueue {
        try GraphStoreError.wrap(URL(fileURLWithPath: ":memory:")) {
            try held.withLock { held in
                let now = RowSignatures(result)
                let delta = now.delta(from: held.signatures)
                if let queue = held.queue, (delta.write.count + delta.remove.count) * 4 < max(now.byID.count, 1) {
                    let tables = Self.tables(indexed: held.indexed)
                    try queue.write { db in try Self.write(result, ids: delta.write, removing: delta.remove, tables: tables, into: db) }
                } else {
                    let queue = try DatabaseQueue()
                    try Schema.migrator.migrate(queue)
                    try queue.write { db in try Self.write(result, ids: nil, removing: [], tables: Self.tables(indexed: searching), into: db) }
                    (held.queue, held.indexed) = (queue, searching)
                }
                if searching && !held.indexed {
                    try held.queue!.write { db in try Self.write(result, ids: nil, removing: [], tables: ["entries_fts"], into: db) }
                    held.indexed = true
                }
                held.signatures = now.byID
                return held.queue!
            }
        }
    }

    /// The tables kept: the graph's, the text index only when `indexed`.
    private static func tables(indexed: Bool) -> Set<String> {
        GraphCopy.tables.subtracting(indexed ? ["files"] : ["files", "entries_fts"])
    }

    /// The rows of the entries `ids` (every entry when nil), in the knowledge base's order,
    /// those of `removing` deleted first.
    private static func write(_ result: LoadResult, ids: [String]?, removing: [String], tables: Set<String>, into db: Database) throws {
        // Entries reference each other in any order; keys are checked at commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        let kb = result.knowledgeBase
        var rows = RowWriter(db, kb)
        rows.tables = tables
        let changed = ids.map(Set.init)
        let included = { (id: String) in changed?.contains(id) ?? true }
        for id in removing + (ids ?? []) { try rows.delete(id) }
        let entries = kb.entries
        for i in entries.indices where included(entries[i].id) {
            try rows.insert(entries[i])
            try rows.insertAliases(of: [entries[i]])
        }
        let edges = kb.edges
        for i in edges.indices where included(edges[i].from) { try rows.insert(edges[i]) }
        let changes = kb.statusChanges
        for i in changes.indices where included(changes[i].event) { try rows.insert(changes[i]) }
        try rows.replaceScales()
    }
}
