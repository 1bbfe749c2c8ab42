import Foundation
import Testing
import VaneContent
import VaneTestSupport

@testable import VaneQuery

/// The status board's hand-written JSON says, byte for byte, what the generic encoder says
/// of the same rows: on every fixture at several days, on a crowded board, on no rows, and
/// on content made to need every escape, every optional, channels with tiers, ends with
/// cycles and risk factors with long fractions.
struct StatusJSONTests {
    static let days = ["2020-01-01", "2024-12-31", "2026-06-30", "2031-01-01"]

    @Test(arguments: ["small", "lifecycle", "aws", "entra", "exchange-esu", "founding", "analysis", "hostile"])
    func everyFixtureMatchesTheGenericEncoder(_ name: String) throws {
        let kb = ContentLoader.load(root: Repository.fixture(name)).knowledgeBase
        var rows = 0
        for day in Self.days {
            rows += try expectSameAsGeneric(StatusBoard(kb, asOf: FuzzyDate(parsing: day)))
        }
        #expect(rows > 0)
    }

    @Test func aCrowdedBoardMatchesTheGenericEncoder() throws {
        let kb = try TemporaryKnowledgeBase()
        try CrowdedKnowledgeBase.write(products: 60, vendors: 6, into: kb)
        let loaded = ContentLoader.load(root: kb.root).knowledgeBase
        #expect(try expectSameAsGeneric(StatusBoard(loaded, asOf: fixedDay)) == 60)
    }

    @Test func noRowsMatchTheGenericEncoder() throws {
        let kb = try TemporaryKnowledgeBase()
        try kb.write("---\nname: Vendor\ntype: vendor\n---\n", to: "Content/entities/vendor.md")
        let board = StatusBoard(ContentLoader.load(root: kb.root).knowledgeBase, asOf: fixedDay)
        #expect(try expectSameAsGeneric(board) == 0)
        #expect(StatusJSON.encode([]) == "[\n\n]\n")
    }

    @Test func everyEscapeAndValueKindMatchesTheGenericEncoder() throws {
        let kb = try Self.oddKnowledgeBase(channel: "esu")
        let board = StatusBoard(ContentLoader.load(root: kb.root).knowledgeBase, asOf: try FuzzyDate(parsing: "2026-06-30"))
        #expect(try expectSameAsGeneric(board) >= 2)
        // Among what it shows: a channel's tier, a cycle's facts, a priority score, and nulls.
        let json = StatusSnapshot.json(board)
        for key in ["\"channel_tier\" : \"paid\"", "\"cycle\" : {", "\"priority_score\" : 0.", "\"months_since_fall\" : null", "\"ends\" : null"] {
            #expect(json.contains(key), "\(key)")
        }
    }

    /// A map's keys are written as they are, sorted by their bytes, as the generic encoder
    /// writes a dictionary's (its snake-case conversion leaves them alone), though no key
    /// from content has a capital or a non-ASCII letter (a channel is an id).
    @Test(arguments: ["extendedSupport", "ésu", "Z"])
    func aMapKeyIsWrittenAsTheGenericEncoderWritesIt(_ key: String) throws {
        let kb = try Self.oddKnowledgeBase(channel: "esu")
        let board = StatusBoard(ContentLoader.load(root: kb.root).knowledgeBase, asOf: try FuzzyDate(parsing: "2026-06-30"))
        var rows = board.rows.map { StatusReportRow($0, board: board) }
        let i = try #require(rows.firstIndex { !$0.channelTiers.isEmpty })
        rows[i].channelTiers[key] = "paid"
        let mine = try #require(StatusJSON.encode(rows))
        #expect(mine == StatusSnapshot.genericJSON(rows), "\(firstDifference(mine, StatusSnapshot.genericJSON(rows)))")
        #expect(mine.contains("\"\(key)\" : \"paid\""))
    }

    /// A number the generic encoder refuses (not finite) leaves the rows to it.
    @Test func aNumberTheEncoderRefusesGoesToTheGenericEncoder() throws {
        let kb = try Self.oddKnowledgeBase(channel: "esu")
        let board = StatusBoard(ContentLoader.load(root: kb.root).knowledgeBase, asOf: try FuzzyDate(parsing: "2026-06-30"))
        var rows = board.rows.map { StatusReportRow($0, board: board) }
        #expect(StatusJSON.encode(rows) != nil)
        let i = try #require(rows.firstIndex { $0.riskFactors != nil })
        rows[i].riskFactors?.decline = .nan
        #expect(StatusJSON.encode(rows) == nil)
    }

    /// Rows compared with the generic encoder's; returns how many there were.
    @discardableResult
    private func expectSameAsGeneric(_ board: StatusBoard) throws -> Int {
        let rows = board.rows.map { StatusReportRow($0, board: board) }
        let mine = try #require(StatusJSON.encode(rows))
        let theirs = StatusSnapshot.genericJSON(rows)
        #expect(mine == theirs, "\(firstDifference(mine, theirs))")
        #expect(StatusSnapshot.json(board) == theirs)
        return rows.count
    }

    private func firstDifference(_ a: String, _ b: String) -> String {
        let (a, b) = (Array(a.utf8), Array(b.utf8))
        let i = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func around(_ d: [UInt8]) -> String { String(decoding: d[max(0, i - 80)..<min(d.count, i + 80)], as: UTF8.self) }
        return "at byte \(i): ours …\(around(a))… theirs …\(around(b))…"
    }

    /// A product with a tiered channel named `channel`, a release cycle, an announced end
    /// and a fall; a vendor whose name needs every escape; priorities whose scores are thirds.
    private static func oddKnowledgeBase(channel: String) throws -> TemporaryKnowledgeBase {
        let odd = "tab\\there \\\"quoted\\\" back\\\\slash /slash \\u0001\\u001f\\u007f é 東京 🦙 \\u2028 <b>&amp;"
        let kb = try TemporaryKnowledgeBase()
        try kb.write("priority_scale: [flagship, invested, maintained, deprioritized]\n", to: "Site/config.yml")
        try kb.write("---\nname: \"\(odd)\"\ntype: vendor\n---\n", to: "Content/entities/vendor.md")
        try kb.write(
            """
            ---
            name: "Server \(odd.prefix(12))"
            type: product
            parent: vendor
            channels: [standard, { "\(channel)": paid }]
            data:
              release_cycle: "2019"
              eol: 2026-10-14
              eoes: 2027-10-12
              lts: true
            ---
            """, to: "Content/entities/server.md")
        try kb.write("---\nname: Next\ntype: product\nparent: vendor\n---\n", to: "Content/entities/next.md")
        try kb.write("---\nname: Other\ntype: product\nparent: vendor\n---\n", to: "Content/entities/other.md")
        try kb.write(
            """
            ---
            title: Sources "quoted"
            publisher: vendor
            url: https://example.com/a?b=c
            ---
            """, to: "Content/sources/notes.md")
        try kb.write(
            """
            ---
            title: Launch
            date: ~2023-03
            type: launch
            entities: [server, other, vendor]
            sources: [notes]
            status:
              server: { availability: { standard: generally-available, "\(channel)": generally-available }, priority: flagship }
              other: { availability: preview, priority: invested }
            ---
            """, to: "Content/events/2023-03-launch.md")
        try kb.write(
            """
            ---
            title: "End \\"announced\\""
            date: 2025-11-04
            type: deprecation
            entities: [server, other, next]
            sources: [notes]
            status:
              server: { priority: maintained, ends: { "\(channel)": 2027-10-12 }, successors: next }
              other: { priority: deprioritized }
              next: { availability: generally-available, priority: flagship }
            ---
            """, to: "Content/events/2025-11-end.md")
        return kb
    }
}
