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

    /// The preview's graph signs again only the entries a load linked again (or whose
    /// bodies its patch changed): the others' signatures are the last load's, and all of
    /// them are the whole load's.
    @Test(arguments: ["small", "aws", "analysis"])
    func signingWhatALoadLinkedAgainSignsTheWholeLoad(_ fixture: String) throws {
        let folders = ["Content", "Site"].map { Repository.fixture(fixture).appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let kb = try TemporaryKnowledgeBase(copying: folders)
        var random = SplitMix64(seed: UInt64(fixture.utf8.count) + 3)
        #expect(!ContentLoader.load(root: kb.root).hasErrors)
        var last = ContentLoader.load(root: kb.root)
        var (local, patched) = (0, 0)
        let fm = FileManager.default
        for step in 0..<20 {
            let before = kb.url("Content-before")
            try fm.copyItem(at: kb.url("Content"), to: before)
            let label = try EntryEdits.random(kb, &random, step: step)
            let now = ContentLoader.load(root: kb.root, previous: last)
            let whole = RowSignatures(now).byID
            if let updated = RowSignatures(now, updating: RowSignatures(last).byID, of: last.generation) {
                #expect(Self.differing(updated.byID, whole) == [], "\(fixture), step \(step) (\(label))")
                local += 1
            }
            #expect(RowSignatures(now, updating: whole, of: now.generation &+ 1) == nil, "another load's signatures are not updated")
            // An edit that broke the knowledge base is undone, and the next load links it all.
            if now.hasErrors {
                try fm.removeItem(at: kb.url("Content"))
                try fm.moveItem(at: before, to: kb.url("Content"))
                last = ContentLoader.load(root: kb.root, previous: now)
                continue
            }
            try fm.removeItem(at: before)
            last = now
            // Bodies alone changed, as the preview patches them in: their edges are the kb's.
            let kb = now.knowledgeBase
            let ids = Set(kb.edges.prefix(3).map(\.from) + kb.statusChanges.prefix(1).map(\.event))
            var body = now
            body.files = now.files.map { file in
                guard let id = file.entry?.id, ids.contains(id) else { return file }
                var edited = file
                edited.hash += "-edited"
                return edited
            }
            body.relinked = Relink(bodiesOf: ids, in: kb, from: now.generation)
            let signed = try #require(RowSignatures(body, updating: whole, of: now.generation))
            #expect(Self.differing(signed.byID, RowSignatures(body).byID) == [], "\(fixture), step \(step) (\(label))")
            #expect(signed.delta(from: whole).write == ids.sorted())
            patched += 1
        }
        #expect(local > 0 && patched > 0)
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

    /// The ids whose signatures differ between `a` and `b`, or that only one has.
    private static func differing(_ a: [String: UInt64], _ b: [String: UInt64]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
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
