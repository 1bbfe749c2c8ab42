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
        /// The load the graph was last brought up to (`LoadResult.generation`).
        var generation: UInt64?
        /// Whether the text index is written (and then kept up to date).
        var indexed = false
    }

    private let held = Locked(Held())

    public init() {}

    /// The graph of `result`, written again only where its entries' rows changed since the
    /// last call; with the text index once `searching` (a block searches text).
    public func queue(for result: LoadResult, searching: Bool = false) throws(GraphStoreError) -> DatabaseQueue {
        try GraphStoreError.wrap(URL(fileURLWithPath: ":memory:")) {
            try held.withLock { held in
                if held.generation != result.generation || held.queue == nil { try update(&held, to: result, searching: searching) }
                if searching && !held.indexed {
                    try held.queue!.write { db in
                        _ = try GraphStore.insertGraph(result, into: db, previous: nil, parses: false, tables: ["entries_fts"])
                    }
                    held.indexed = true
                }
                return held.queue!
            }
        }
    }

    /// Brings the graph held to `result`: its delta, or the whole graph written anew.
    private func update(_ held: inout Held, to result: LoadResult, searching: Bool) throws {
        // A load linked again from the one the graph holds changed the rows of the entries
        // linked again alone: only theirs are signed again, and written from the edges and
        // status changes their link wrote.
        let updated = held.generation.flatMap { RowSignatures(result, updating: held.signatures, of: $0) }
        let now = updated ?? RowSignatures(result)
        assert(now.byID == RowSignatures(result).byID, "the signatures of the entries linked again are not the whole load's")
        let (kb, relink) = (result.knowledgeBase, updated != nil ? result.relinked : nil)
        if let queue = held.queue, let delta = now.smallDelta(from: held.signatures) {
            try queue.write { db in
                try RowWriter.rewrite(
                    delta, of: kb, edges: relink?.edges ?? kb.edges, statusChanges: relink?.statusChanges ?? kb.statusChanges,
                    tables: GraphCopy.queried(searchingText: held.indexed), in: db)
            }
        } else {
            let queue = try GraphStore.inMemory(result, tables: GraphCopy.queried(searchingText: searching))
            (held.queue, held.indexed) = (queue, searching)
        }
        (held.signatures, held.generation) = (now.byID, result.generation)
    }
}
