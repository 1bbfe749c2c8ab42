import VaneContent
import VaneDiagnostics

/// One number per entry for everything its rows are written from: its file's parse, its
/// title (a use without one takes its product's name), the references it resolved to, the
/// status changes it makes, and the aliases it owns. Comparing them with the last build's
/// gives the delta to write: added, changed and removed entries, whatever the edit was (an
/// alias that moved relinks an unchanged file, and so changes its signature).
public struct RowSignatures: Sendable {
    public let byID: [String: UInt64]

    init(byID: [String: UInt64]) { self.byID = byID }

    public init(_ result: LoadResult) {
        let kb = result.knowledgeBase
        // Everything read in place, by index: `for … in` copies each parse, entry and edge.
        let files = result.files
        var fileHashes: [String: String] = [:]
        for i in files.indices { if let id = files[i].entry?.id { fileHashes[id] = files[i].hash } }
        byID = Self.signatures(kb.entries, fileHashes: fileHashes, edges: kb.edges, changes: kb.statusChanges, aliases: kb.aliases)
    }

    /// `previous`, the signatures of the load `generation`, brought up to `result` when it
    /// is that load linked again where its files changed (`LoadResult.relinked`): only the
    /// entries linked again can have other rows (the others' files, titles, edges, status
    /// changes and aliases are the last load's), so only theirs are computed, from the
    /// edges and status changes the link wrote for them. Nil when `result` was not linked
    /// from that load.
    public init?(_ result: LoadResult, updating previous: [String: UInt64], of generation: UInt64) {
        guard let relinked = result.relinked, relinked.from == generation else { return nil }
        let kb = result.knowledgeBase
        let entries = relinked.ids.sorted().compactMap { kb.entry($0) }
        var fileHashes: [String: String] = [:]
        for entry in entries {
            if let i = PathOrder.index(of: entry.path, in: result.files, \.path) { fileHashes[entry.id] = result.files[i].hash }
        }
        var byID = previous
        for id in relinked.ids { byID[id] = nil }
        let fresh = Self.signatures(entries, fileHashes: fileHashes, edges: relinked.edges, changes: relinked.statusChanges, aliases: kb.aliases)
        byID.merge(fresh) { _, new in new }
        self.byID = byID
    }

    /// The signatures of `entries`, from their files' hashes (by id) and the edges and
    /// status changes among `edges` and `changes` that are theirs.
    private static func signatures(
        _ entries: [Entry], fileHashes: [String: String], edges: [Edge], changes: [StatusChange], aliases: [String: String]
    ) -> [String: UInt64] {
        var hashes = [StableHash](repeating: StableHash(), count: entries.count)
        for i in entries.indices {
            hashes[i].add(entries[i].kind.rawValue)
            hashes[i].add(entries[i].path)
            hashes[i].add(fileHashes[entries[i].id] ?? "")
            hashes[i].add(entries[i].title)
        }
        // Then each entry's edges and status changes, each list in its own order, in one pass
        // over it: an entry's are written together, so its position is looked up once per
        // run, not once per edge (grouping 183,000 edges by id was most of this at 10,000
        // events).
        var positions: [String: Int] = [:]
        positions.reserveCapacity(entries.count)
        for i in entries.indices { positions[entries[i].id] = i }
        var run: (id: String, position: Int?) = ("", nil)
        for j in edges.indices {
            if edges[j].from != run.id { run = (edges[j].from, positions[edges[j].from]) }
            guard let i = run.position else { continue }
            hashes[i].add(edges[j].relation.rawValue)
            hashes[i].add(edges[j].to)
            hashes[i].add(location: edges[j].location)
        }
        run = ("", nil)
        for j in changes.indices {
            if changes[j].event != run.id { run = (changes[j].event, positions[changes[j].event]) }
            guard let i = run.position else { continue }
            hashes[i].add(changes[j].signature)
            hashes[i].add(location: changes[j].location)
        }
        var byID: [String: UInt64] = [:]
        byID.reserveCapacity(entries.count)
        for i in entries.indices {
            let id = entries[i].id
            for alias in entries[i].aliases where aliases[alias.text.lowercased()] == id { hashes[i].add(alias.text) }
            byID[id] = hashes[i].value
        }
        return byID
    }

    /// The delta from `previous` when it is under a quarter of the entries: a larger one is
    /// faster written whole, into a new database.
    public func smallDelta(from previous: [String: UInt64]) -> (write: [String], remove: [String])? {
        let delta = delta(from: previous)
        return (delta.write.count + delta.remove.count) * 4 < max(byID.count, 1) ? delta : nil
    }

    /// The ids to write again (added or changed) and to delete (gone), against `previous`.
    public func delta(from previous: [String: UInt64]) -> (write: [String], remove: [String]) {
        var write: [String] = []
        var added = 0
        for (id, signature) in byID {
            let old = previous[id]
            if old != signature { write.append(id) }
            if old == nil { added += 1 }
        }
        // Only when the previous build had ids this one lacks are they looked for.
        let remove = previous.count > byID.count - added ? previous.keys.filter { byID[$0] == nil }.sorted() : []
        return (write.sorted(), remove)
    }
}

extension StableHash {
    /// Where a reference was written (its file, line and column).
    fileprivate mutating func add(location: SourceLocation) {
        add(location.path)
        add(UInt64(location.line))
        add(UInt64(location.column))
    }
}
