import Foundation
import Testing
import VaneContent
import VaneDiagnostics
import VaneTestSupport

@testable import VaneGraph

/// Row signatures, computed in one pass over the edges and status changes, are those of
/// the plain reading (each entry's edges and changes found through a dictionary), and the
/// delta names exactly what was added, changed and removed.
struct RowSignaturesTests {
    @Test(arguments: ["small", "lifecycle", "aws", "entra", "founding", "analysis", "hostile"])
    func eachEntryHashesWhatThePlainReadingHashes(_ name: String) {
        let result = ContentLoader.load(root: Repository.fixture(name))
        #expect(!result.knowledgeBase.edges.isEmpty)
        #expect(RowSignatures(result).byID == Self.plain(result))
        // Edges and changes of one entry apart from each other, not in runs.
        var scattered = result
        scattered.knowledgeBase.edges = result.knowledgeBase.edges.enumerated()
            .sorted { ($0.element.to, $0.offset) < ($1.element.to, $1.offset) }.map(\.element)
        scattered.knowledgeBase.statusChanges = result.knowledgeBase.statusChanges.enumerated()
            .sorted { ($0.element.entity, $0.offset) < ($1.element.entity, $1.offset) }.map(\.element)
        #expect(RowSignatures(scattered).byID == Self.plain(scattered))
    }

    @Test func theDeltaNamesWhatWasAddedChangedAndRemoved() {
        let now = RowSignatures(byID: ["a": 1, "b": 2, "c": 3, "new": 4])
        #expect(now.delta(from: ["a": 1, "b": 9, "c": 3, "gone": 5]) == (write: ["b", "new"], remove: ["gone"]))
        #expect(now.delta(from: ["a": 1, "b": 2, "c": 3, "new": 4]) == (write: [], remove: []))
        #expect(now.delta(from: ["a": 1, "b": 2, "c": 3]) == (write: ["new"], remove: []))
        #expect(now.delta(from: ["z": 1, "y": 2, "x": 3, "w": 4]) == (write: ["a", "b", "c", "new"], remove: ["w", "x", "y", "z"]))
        #expect(now.delta(from: [:]) == (write: ["a", "b", "c", "new"], remove: []))
        #expect(RowSignatures(byID: [:]).delta(from: ["a": 1]) == (write: [], remove: ["a"]))
    }

    /// The signatures as first written: every entry's edges and changes gathered by id.
    private static func plain(_ result: LoadResult) -> [String: UInt64] {
        let kb = result.knowledgeBase
        let fileHashes = Dictionary(result.files.compactMap { f in f.entry.map { ($0.id, f.hash) } }, uniquingKeysWith: { a, _ in a })
        let edges = Dictionary(grouping: kb.edges, by: \.from)
        let changes = Dictionary(grouping: kb.statusChanges, by: \.event)
        var byID: [String: UInt64] = [:]
        for entry in kb.entries {
            var h = StableHash()
            h.add(entry.kind.rawValue)
            h.add(entry.path)
            h.add(fileHashes[entry.id] ?? "")
            h.add(entry.title)
            for edge in edges[entry.id] ?? [] {
                h.add(edge.relation.rawValue)
                h.add(edge.to)
                add(edge.location, to: &h)
            }
            for change in changes[entry.id] ?? [] {
                h.add(change.signature)
                add(change.location, to: &h)
            }
            for alias in entry.aliases where kb.aliases[alias.text.lowercased()] == entry.id { h.add(alias.text) }
            byID[entry.id] = h.value
        }
        return byID
    }

    private static func add(_ location: VaneDiagnostics.SourceLocation, to h: inout StableHash) {
        h.add(location.path)
        h.add(UInt64(location.line))
        h.add(UInt64(location.column))
    }
}
