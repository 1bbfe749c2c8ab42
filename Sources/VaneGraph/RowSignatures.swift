import VaneContent
import VaneDiagnostics

/// One number per entry for everything its rows are written from: its file's parse, its
/// title (a use without one takes its product's name), the references it resolved to, the
/// status changes it makes, and the aliases it owns. Comparing them with the last build's
/// gives the delta to write: added, changed and removed entries, whatever the edit was (an
/// alias that moved relinks an unchanged file, and so changes its signature).
public struct RowSignatures: Sendable {
    public let byID: [String: UInt64]

    public init(_ result: LoadResult) {
        let kb = result.knowledgeBase
        // Everything read in place, by index: `for … in` copies each parse, entry and edge.
        let files = result.files
        var fileHashes: [String: String] = [:]
        for i in files.indices { if let id = files[i].entry?.id { fileHashes[id] = files[i].hash } }
        let allEdges = kb.edges
        var edges: [String: [Int]] = [:]
        for i in allEdges.indices { edges[allEdges[i].from, default: []].append(i) }
        let allChanges = kb.statusChanges
        var changes: [String: [Int]] = [:]
        for i in allChanges.indices { changes[allChanges[i].event, default: []].append(i) }
        let entries = kb.entries
        var byID: [String: UInt64] = [:]
        byID.reserveCapacity(entries.count)
        for i in entries.indices {
            let id = entries[i].id
            var h = StableHash()
            h.add(entries[i].kind.rawValue)
            h.add(entries[i].path)
            h.add(fileHashes[id] ?? "")
            h.add(entries[i].title)
            for j in edges[id] ?? [] {
                h.add(allEdges[j].relation.rawValue)
                h.add(allEdges[j].to)
                h.add(location: allEdges[j].location)
            }
            for j in changes[id] ?? [] {
                h.add(allChanges[j].signature)
                h.add(location: allChanges[j].location)
            }
            for alias in entries[i].aliases where kb.aliases[alias.text.lowercased()] == id { h.add(alias.text) }
            byID[id] = h.value
        }
        self.byID = byID
    }

    /// The ids to write again (added or changed) and to delete (gone), against `previous`.
    public func delta(from previous: [String: UInt64]) -> (write: [String], remove: [String]) {
        let write = byID.filter { previous[$0.key] != $0.value }.map(\.key).sorted()
        let remove = previous.keys.filter { byID[$0] == nil }.sorted()
        return (write, remove)
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
