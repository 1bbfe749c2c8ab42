import Testing
import VaneContent

/// A claimant's record, from the claims' facts.
struct ScorecardTests {
    private func claim(_ id: String, _ date: String, verdict: Verdict, on judged: String?) throws -> ClaimFacts {
        ClaimFacts(
            id: id, title: id, type: "commitment", verdict: verdict, claimant: "acme", about: [], date: try FuzzyDate(parsing: date),
            verdictDate: try judged.map(FuzzyDate.init(parsing:)), sources: [])
    }

    /// A verdict dated to a period that holds the claim's date (`2022-09` for a claim of 29
    /// September 2022) counts 0 days, never fewer (the median read "-150 days").
    @Test func daysToAVerdictAreNeverNegative() throws {
        let card = try #require(
            Scorecard.all([
                try claim("a", "2022-09-29", verdict: .kept, on: "2022-09"), try claim("b", "2022-09-29", verdict: .broken, on: "2022"),
                try claim("c", "2022-01-01", verdict: .kept, on: "2022-01-31"),
            ]).first)
        #expect(card.medianDaysToVerdict == 0)
        let later = try #require(Scorecard.all([try claim("c", "2022-01-01", verdict: .kept, on: "2022-01-31")]).first)
        #expect(later.medianDaysToVerdict == 30)
    }
}
