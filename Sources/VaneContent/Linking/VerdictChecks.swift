import VaneDiagnostics

/// A verdict dated after today: a verdict is reached when it is known, so a claim judged
/// ahead of time counts in the scorecards as decided before anyone could know.
enum VerdictChecks {
    static func check(_ kb: KnowledgeBase, today: FuzzyDate) -> [Diagnostic] {
        kb.entries(of: .claim).compactMap { claim in
            guard let date = claim.verdictDate, date.startKey > today.endKey else { return nil }
            return .warning(
                claim.verdictDateLocation ?? claim.top,
                "the verdict of '\(claim.id)' is dated \(date.text), after today: a verdict is known once it is reached; "
                    + "until then the claim is pending, and the site, the scorecards and `vane query claims` show it so")
        }
    }
}
