import Foundation
import Testing
import VaneContent
import VaneTestSupport

@testable import VaneSite

/// The API's hand-written JSON says, byte for byte, what the generic encoder says of the
/// same values: the graph and every entity's file, on every fixture and on content made to
/// need every escape, every optional and every kind of front-matter value.
struct APIJSONTests {
    @Test(arguments: ["small", "lifecycle", "aws", "entra", "exchange-esu", "founding", "analysis", "hostile"])
    func everyFixtureMatchesTheGenericEncoder(_ name: String) throws {
        try expectSameAsGeneric(ContentLoader.load(root: Repository.fixture(name)).knowledgeBase)
    }

    @Test func everyEscapeAndValueKindMatchesTheGenericEncoder() throws {
        let kb = try TemporaryKnowledgeBase()
        // (A NUL or a line break in a one-line value, an alias among them, is an error: those
        // are in `data`.)
        let odd = "tab\\there \\\"quoted\\\" back\\\\slash /slash \\u0001\\u001f\\u007f é 東京 🦙 <b>&amp;"
        try kb.write(
            """
            ---
            name: "\(odd)"
            type: product
            aliases: ["Odd \\u0008 one", "two/three"]
            tags: [a, "b c"]
            homepage: https://example.com/a?b=c&d=%22e%22
            data:
              release_cycle: "1.0"
              eol: 2027-05-12
              lts: true
              camelCase: 30.5
              negative: -7
              large: 1.0e20
              tiny: 0.000125
              flags: [true, false, 3, "x", [], {}]
              nested: { zeta: 1, Alpha: { deep: [0.25, "\\u0002 \\u2028 \\u2029 \\r\\n"] }, "ü": 2, "a_b": 3, "aB": 4 }
            ---
            Body.
            """, to: "Content/entities/odd.md")
        try kb.write(
            """
            ---
            name: Vendor
            type: vendor
            ---
            """, to: "Content/entities/vendor.md")
        try kb.write(
            """
            ---
            title: "Odd event \\\"\(odd.prefix(8))"
            date: ~2025-07
            type: deprecation
            entities: [odd, vendor]
            status:
              odd: { availability: deprecated, priority: maintained, ends: 2027-01-31 }
            ---
            [[odd]] is going.
            """, to: "Content/events/2025-07-odd.md")
        let result = ContentLoader.load(root: kb.root)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        try expectSameAsGeneric(result.knowledgeBase)
    }

    /// The buffer the JSON is written into, grown many times from a small start, hands
    /// over every byte in order, once: it is empty afterwards.
    @Test func theSinkKeepsEveryByteAcrossGrowth() {
        let sink = ByteSink(capacity: 8)
        var expected: [UInt8] = []
        var random = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            let piece = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if round.isMultiple(of: 3) {
                piece.withUnsafeBufferPointer { sink.append(contentsOf: $0) }
            } else if round.isMultiple(of: 4) {
                sink.append(contentsOf: piece.lazy.map { $0 })
            } else {
                for byte in piece { sink.append(byte) }
            }
            expected += piece
        }
        #expect(sink.count == expected.count)
        #expect(sink.take() == Data(expected))
        #expect(sink.count == 0)
        #expect(sink.take().isEmpty)
        sink.append(7)
        #expect(sink.take() == Data([7]))
    }

    private func expectSameAsGeneric(_ kb: KnowledgeBase) throws {
        let model = SiteModel(kb, asOf: try FuzzyDate(parsing: "2026-06-30"))
        let api = GraphAPI(model: model)
        let generic = try CanonicalJSON.data(api.graphValue, snakeCase: true)
        #expect(api.graph == generic, "\(firstDifference(api.graph, generic))")
        #expect(!kb.entries.isEmpty)
        for entity in kb.entries(of: .entity) {
            let events = kb.entries(of: .event).filter { model.targets(of: $0.id, .involves).contains(entity.id) }
            let tree = model.tree(of: entity.id)
            let mine = api.entity(entity, tree: tree, events: events)
            let theirs = try CanonicalJSON.data(api.entityValue(entity, tree: tree, events: events), snakeCase: true)
            #expect(mine == theirs, "\(entity.id): \(firstDifference(mine, theirs))")
        }
    }

    private func firstDifference(_ a: Data, _ b: Data) -> String {
        let i = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func around(_ d: Data) -> String { String(decoding: d[max(0, i - 60)..<min(d.count, i + 60)], as: UTF8.self) }
        return "at byte \(i): ours …\(around(a))… theirs …\(around(b))…"
    }
}
