import Foundation
import VaneContent
import VaneGraph

/// `vane scorecard` and `vane contradictions`, from the database, with the analyses the
/// site uses.
extension GraphReader {
    /// Every claim's facts, as the analyses read them.
    public func claimFacts() throws -> [ClaimFacts] {
        try claims().map { row in
            ClaimFacts(
                id: row.id, title: row.title, type: row.type, verdict: try RecordValue.decode(row.verdict, column: "claims.verdict"),
                claimant: row.claimant, about: row.about, date: try RecordValue.date(row.date, column: "claims.date"),
                verdictDate: try row.verdictDate.map { try RecordValue.date($0, column: "claims.verdict_date") }, sources: row.sources)
        }
    }

    /// Every claimant's card, or those of an entity's tree (an id or alias): the entity
    /// and every claimant under it, such as its people.
    public func scorecards(within entity: String? = nil) throws -> [Scorecard] {
        let claimants = try entity.map { try self.tree(of: resolveEntity($0)) }
        return Scorecard.all(try claimFacts()).filter { claimants?.contains($0.claimant) ?? true }
    }

    /// The contradicting pairs, grouped by entity; with `within`, only about that entity's tree.
    public func contradictionGroups(within entity: String? = nil) throws -> [ContradictionGroup] {
        let root = try entity.map(resolveEntity)
        let claims = try self.claims()
        let parents = Dictionary(try entities().compactMap { row in row.parent.map { (row.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let pairs = claims.flatMap { row in row.contradicts.map { (row.id, $0) } }
        return Contradictions.groups(try claimFacts(), contradicts: pairs, parents: parents, within: root)
    }
}

/// One claimant's card as the command line prints it.
public struct ScorecardRow: Encodable, TabularRow {
    public var claimant: String
    public var claims: [String]
    public var counts: [String: Int]
    public var decided: Int
    @Null public var shareKept: Double?
    @Null public var medianDaysToVerdict: Double?

    public init(_ card: Scorecard) {
        claimant = card.claimant
        claims = card.claims.map(\.id)
        counts = Dictionary(uniqueKeysWithValues: Verdict.allCases.map { ($0.rawValue, card.counts[$0] ?? 0) })
        decided = card.decided
        shareKept = card.shareKept.map { ($0 * 1000).rounded() / 1000 }
        medianDaysToVerdict = card.medianDaysToVerdict
    }

    private static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// The table shows whole days, rounded; CSV and JSON keep the median as computed.
    public static let displayHeaders = ["CLAIMANT", "CLAIMS", "DECIDED", "UPHELD", "MEDIAN DAYS"] + Verdict.names.map { $0.uppercased() }
    public var displayCells: [String] {
        [
            claimant, String(claims.count), String(decided), shareKept.map { "\(Int(($0 * 100).rounded()))%" } ?? "-",
            medianDaysToVerdict.map { String(Int($0.rounded())) } ?? "-",
        ]
            + Verdict.names.map { String(counts[$0] ?? 0) }
    }
    public static let csvHeaders = ["claimant", "claims", "decided", "share_kept", "median_days_to_verdict"] + Verdict.names + ["claim_ids"]
    public var csvCells: [String] {
        [claimant, String(claims.count), String(decided), shareKept.map { String($0) } ?? "", Self.number(medianDaysToVerdict)]
            + Verdict.names.map { String(counts[$0] ?? 0) } + [claims.joined(separator: ";")]
    }
}

/// One contradicting pair, under the entity it is grouped by.
public struct ContradictionRow: Encodable, TabularRow {
    public struct Side: Encodable {
        public var claim: String
        public var claimant: String
        public var vendor: Bool
        @DateText public var date: String
        public var verdict: String
        public var sources: [String]
    }
    public var entity: String
    public var unresolved: Bool
    public var first: Side
    public var second: Side

    public static func rows(_ groups: [ContradictionGroup]) -> [ContradictionRow] {
        groups.flatMap { group in
            group.pairs.map { pair in
                func side(_ c: ClaimFacts) -> Side {
                    Side(
                        claim: c.id, claimant: c.claimant, vendor: group.vendorClaims.contains(c.id), date: c.date.text, verdict: c.verdict.rawValue,
                        sources: c.sources)
                }
                return ContradictionRow(entity: group.entity, unresolved: pair.isUnresolved, first: side(pair.first), second: side(pair.second))
            }
        }
    }

    private func by(_ side: Side) -> String { side.claimant + (side.vendor ? " (vendor)" : "") }

    /// How far the pair is settled: `unresolved` (both pending), `partly decided` (one side
    /// still pending: it read "resolved"), `decided` (neither pending, one judged at least),
    /// `superseded` (both superseded).
    var state: String {
        let pending = [first.verdict, second.verdict].filter { $0 == Verdict.pending.rawValue }.count
        if unresolved || pending == 2 { return "unresolved" }
        if pending == 1 { return "partly decided" }
        return [first.verdict, second.verdict].contains { Verdict(rawValue: $0)?.isDecided == true } ? "decided" : "superseded"
    }

    public static let displayHeaders = [
        "ENTITY", "STATE", "CLAIM", "BY", "DATE", "VERDICT", "SOURCES", "AGAINST", "BY", "DATE", "VERDICT", "SOURCES",
    ]
    /// Dates as a reader sees them (`c. Q1 2026`); CSV and JSON keep the text as written.
    public var displayCells: [String] {
        [
            entity, state, first.claim, by(first), first.date.displayDate, first.verdict,
            first.sources.joined(separator: ", ").nonEmpty ?? "-", second.claim, by(second), second.date.displayDate, second.verdict,
            second.sources.joined(separator: ", ").nonEmpty ?? "-",
        ]
    }
    public static let csvHeaders = [
        "entity", "unresolved", "claim", "claimant", "vendor", "date", "verdict", "sources", "against", "against_claimant", "against_vendor",
        "against_date", "against_verdict", "against_sources",
    ]
    public var csvCells: [String] {
        [
            entity, unresolved ? "1" : "0", first.claim, first.claimant, first.vendor ? "1" : "0", first.date, first.verdict,
            first.sources.joined(separator: ";"), second.claim, second.claimant, second.vendor ? "1" : "0", second.date, second.verdict,
            second.sources.joined(separator: ";"),
        ]
    }
}
