/// Pairs of claims that contradict each other, grouped by what they are about.
public struct Contradiction: Hashable, Sendable {
    /// The pair, ordered by date then id.
    public var first: ClaimFacts
    public var second: ClaimFacts
    /// Both still pending: nobody knows yet who is right.
    public var isUnresolved: Bool { first.verdict == .pending && second.verdict == .pending }
}

public struct ContradictionGroup: Hashable, Sendable {
    /// The entity both claims are about (or either, when they share none).
    public var entity: String
    public var pairs: [Contradiction]
    /// Claims made by the entity's vendor (its top ancestor) or anything under it.
    public var vendorClaims: Set<String>
}

public enum Contradictions {
    /// `contradicts`: (from, to) edges; `parents`: entity → parent.
    public static func groups(_ facts: [ClaimFacts], contradicts: [(String, String)], parents: [String: String], within root: String? = nil)
        -> [ContradictionGroup]
    {
        let byID = Dictionary(facts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: Set<[String]> = []
        var pairs: [Contradiction] = []
        for (a, b) in contradicts {
            guard let x = byID[a], let y = byID[b], a != b, seen.insert([a, b].sorted()).inserted else { continue }
            let ordered = (x.date.startKey, x.id) <= (y.date.startKey, y.id) ? (x, y) : (y, x)
            pairs.append(Contradiction(first: ordered.0, second: ordered.1))
        }
        func chain(_ entity: String) -> [String] { StatusBoard.ancestors(of: entity) { parents[$0] } }
        func within(_ entity: String, _ top: String) -> Bool { chain(entity).contains(top) }
        var grouped: [String: [Contradiction]] = [:]
        for pair in pairs {
            let shared = pair.first.about.filter(pair.second.about.contains)
            for entity in shared.isEmpty ? (pair.first.about + pair.second.about).uniqued() : shared {
                if let root, !within(entity, root) { continue }
                grouped[entity, default: []].append(pair)
            }
        }
        // What holds a pair with both claims pending comes first, then the entity order (the
        // command line and the page alike).
        let open = Set(grouped.filter { $0.value.contains(where: \.isUnresolved) }.keys)
        return grouped.keys.sorted { (open.contains($0) ? 0 : 1, $0) < (open.contains($1) ? 0 : 1, $1) }.map { entity in
            let top = chain(entity).last!
            let list = grouped[entity]!.sorted { a, b in
                a.isUnresolved != b.isUnresolved ? a.isUnresolved : (a.first.date.startKey, a.first.id) < (b.first.date.startKey, b.first.id)
            }
            let claims = list.flatMap { [$0.first, $0.second] }
            return ContradictionGroup(
                entity: entity, pairs: list, vendorClaims: Set(claims.filter { within($0.claimant, top) }.map(\.id)))
        }
    }
}
