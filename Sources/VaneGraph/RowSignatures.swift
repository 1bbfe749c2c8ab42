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
        var fileHashes: [String: String] = [:]
        for file in result.files { if let id = file.entry?.id { fileHashes[id] = file.hash } }
        var edges: [String: [Edge]] = [:]
        for edge in kb.edges { edges[edge.from, default: []].append(edge) }
        var changes: [String: [StatusChange]] = [:]
        for change in kb.statusChanges { changes[change.event, default: []].append(change) }
        var byID: [String: UInt64] = [:]
        byID.reserveCapacity(kb.entries.count)
        for e in kb.entries {
            var h = StableHash()
            h.add(e.kind.rawValue)
            h.add(e.path)
            h.add(fileHashes[e.id] ?? "")
            h.add(e.title)
            for edge in edges[e.id] ?? [] {
                h.add(edge.relation.rawValue)
                h.add(edge.to)
                h.add(location: edge.location)
            }
            for change in changes[e.id] ?? [] {
                h.add(change.signature)
                h.add(location: change.location)
            }
            for alias in e.aliases where kb.aliases[alias.text.lowercased()] == e.id { h.add(alias.text) }
            byID[e.id] = h.value
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
