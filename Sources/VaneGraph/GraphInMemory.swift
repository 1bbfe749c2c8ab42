import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

/// The graph in memory that the `vane` blocks of the preview query (`query`, `changes`),
/// kept from load to load and brought up to date by each load's delta, as a build's
/// database is: the rows of the entries whose row signature changed written again, those
/// of entries gone deleted. Written whole the first time, and after a delta of a quarter
/// of the entries or more. Only the graph's tables: no file rows, parses or build state,
/// which those blocks never read (a `sql` block reads a copy of its own, see `LiveBlocks`).
public final class GraphInMemory: Sendable {
    private struct Held: Sendable {
        var queue: DatabaseQueue?
        var signatures: [String: UInt64] = [:]
    }

    private let held = Locked(Held())

    public init() {}

    /// The graph of `result`, written again only where its entries' rows changed since the
    /// last call.
    public func queue(for result: LoadResult) throws(GraphStoreError) -> DatabaseQueue {
        try GraphStoreError.wrap(URL(fileURLWithPath: ":memory:")) {
            try held.withLock { held in
                let now = RowSignatures(result)
                let delta = now.delta(from: held.signatures)
                if let queue = held.queue, (delta.write.count + delta.remove.count) * 4 < max(now.byID.count, 1) {
                    try queue.write { db in try Self.write(result, ids: delta.write, removing: delta.remove, into: db) }
                } else {
                    let queue = try DatabaseQueue()
                    try Schema.migrator.migrate(queue)
                    try queue.write { db in try Self.write(result, ids: nil, removing: [], into: db) }
                    held.queue = queue
                }
                held.signatures = now.byID
                return held.queue!
            }
        }
    }

    /// The rows of the entries `ids` (every entry when nil), in the knowledge base's order,
    /// those of `removing` deleted first.
    private static func write(_ result: LoadResult, ids: [String]?, removing: [String], into db: Database) throws {
        // Entries reference each other in any order; keys are checked at commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        let kb = result.knowledgeBase
        let rows = RowWriter(db, kb)
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
