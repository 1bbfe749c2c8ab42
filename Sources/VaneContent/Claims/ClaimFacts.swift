/// What the claim analyses read of a claim, from the loaded graph or the database alike.
public struct ClaimFacts: Hashable, Sendable {
    public var id: String
    public var title: String
    public var type: String
    public var verdict: Verdict
    public var claimant: String
    public var about: [String]
    public var date: FuzzyDate
    public var verdictDate: FuzzyDate?
    public var sources: [String]

    public init(
        id: String, title: String, type: String, verdict: Verdict, claimant: String, about: [String], date: FuzzyDate, verdictDate: FuzzyDate?,
        sources: [String]
    ) {
        self.id = id
        self.title = title
        self.type = type
        self.verdict = verdict
        self.claimant = claimant
        self.about = about
        self.date = date
        self.verdictDate = verdictDate
        self.sources = sources
    }

    public var isDecided: Bool { verdict.isDecided }
}

extension KnowledgeBase {
    /// Every claim's facts, by id.
    public func claimFacts() -> [ClaimFacts] {
        // Positions in `edges`, read in place: grouping the edges themselves copies each.
        let edges = self.edges
        let shown: Set<Relation> = [.claimedBy, .about, .cites]
        var outgoing: [String: [Int]] = [:]
        for i in edges.indices where shown.contains(edges[i].relation) { outgoing[edges[i].from, default: []].append(i) }
        return entries(of: .claim).compactMap { c in
            guard let date = c.date else { return nil }
            let out = outgoing[c.id] ?? []
            func targets(_ r: Relation) -> [String] { out.filter { edges[$0].relation == r }.map { edges[$0].to }.uniqued() }
            return ClaimFacts(
                id: c.id, title: c.title, type: (c.claimType ?? .unstated).rawValue, verdict: c.currentVerdict,
                claimant: targets(.claimedBy).first ?? "",
                about: targets(.about), date: date, verdictDate: c.verdictDate, sources: targets(.cites))
        }
    }
}
