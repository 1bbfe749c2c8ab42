/// A claimant's record: their claims counted by verdict, the share kept of those decided,
/// and how long verdicts took.
public struct Scorecard: Hashable, Sendable {
    /// Claimants with fewer decided claims are not ranked on the Scorecards page.
    public static let rankedFrom = 3

    public var claimant: String
    /// Oldest first.
    public var claims: [ClaimFacts]
    public var counts: [Verdict: Int]

    /// Kept, broken, confirmed or refuted.
    public var decided: Int { claims.filter(\.isDecided).count }
    /// Kept or confirmed: the claimant was right.
    public var upheld: Int { (counts[.kept] ?? 0) + (counts[.confirmed] ?? 0) }

    /// Upheld over decided, 0…1; nil when nothing is decided.
    public var shareKept: Double? { decided == 0 ? nil : Double(upheld) / Double(decided) }

    /// The median of the days from a decided claim to its verdict, among those with a
    /// verdict date (from the start of one period to the start of the other; a verdict
    /// dated to a period that holds the claim's date counts 0 days, never fewer).
    public var medianDaysToVerdict: Double? {
        let days = claims.filter(\.isDecided).compactMap { c in c.verdictDate.map { max(0, $0.startDay - c.date.startDay) } }.sorted()
        guard !days.isEmpty else { return nil }
        let middle = days.count / 2
        return days.count % 2 == 1 ? Double(days[middle]) : Double(days[middle - 1] + days[middle]) / 2
    }

    /// One card per claimant, by claimant id.
    public static func all(_ facts: [ClaimFacts]) -> [Scorecard] {
        Dictionary(grouping: facts.filter { !$0.claimant.isEmpty }, by: \.claimant).map { claimant, claims in
            let ordered = claims.sorted { ($0.date.startKey, $0.id) < ($1.date.startKey, $1.id) }
            return Scorecard(claimant: claimant, claims: ordered, counts: Dictionary(grouping: claims, by: \.verdict).mapValues(\.count))
        }.sorted { $0.claimant < $1.claimant }
    }

    /// The Scorecards page's order: claimants with enough decided claims, the highest share
    /// kept first, then the most decided, then by id.
    public static func ranked(_ cards: [Scorecard]) -> [Scorecard] {
        // Each card's keys counted once, not again in every comparison of the sort.
        let keyed = cards.map { (card: $0, share: $0.shareKept ?? 0, decided: $0.decided) }.filter { $0.decided >= rankedFrom }
        return keyed.sorted {
            ($0.share, $0.decided) != ($1.share, $1.decided) ? ($0.share, $0.decided) > ($1.share, $1.decided) : $0.card.claimant < $1.card.claimant
        }.map(\.card)
    }
}
