import Foundation
import VaneContent

// Reports, claimant scorecards and the contradiction view.

struct ReportSummary: Encodable {
    var title: String
    var url: String
    var date: DateView?
    var summary: String?
    var authors: Section?
}

struct ReportIndexPage: Encodable {
    var items: [ReportSummary]
    var any: Bool
}

struct ReportPage: Encodable {
    var authors: Section?
    var summary: String?
}

struct ScorecardView: Encodable {
    struct Count: Encodable {
        var verdict: String
        var count: Int
    }
    var rank: Int
    var claimant: LinkView?
    var counts: [Count]
    var total: Int
    /// "claim" or "claims".
    var claimsWord: String
    var decided: Int
    /// "67%", or nil when nothing is decided.
    var shareKept: String?
    /// "45 days", or nil when no decided claim has a verdict date.
    var medianDays: String?
    var claims: Section?
}

struct ScorecardsPage: Encodable {
    var ranked: [ScorecardView]
    var anyRanked: Bool
    var unranked: Section?
    var minimum: Int
}

struct ContradictionsPage: Encodable {
    struct Side: Encodable {
        var claim: LinkView?
        var claimant: LinkView?
        var date: DateView
        var verdict: String
        var sources: Section?
        var vendor: Bool
    }
    struct Pair: Encodable {
        var unresolved: Bool
        var first: Side
        var second: Side
    }
    struct Group: Encodable {
        var anchor: String
        var entity: LinkView?
        /// What the entity is part of: two entities may share a name.
        var parent: LinkView?
        var pairs: [Pair]
    }
    var groups: [Group]
}

extension SiteModel {
    func reportSummary(_ e: Entry) -> ReportSummary {
        ReportSummary(
            title: e.title, url: SiteModel.url(of: e), date: e.date.map(DateView.init), summary: e.summary,
            authors: section(targets(of: e.id, .authoredBy)))
    }

    func reportIndex() -> ReportIndexPage {
        let items = newestFirst(kb.entries(of: .report)).map(reportSummary)
        return ReportIndexPage(items: items, any: !items.isEmpty)
    }

    func report(_ e: Entry) -> ReportPage {
        ReportPage(authors: section(targets(of: e.id, .authoredBy)), summary: e.summary)
    }

    // MARK: - Scorecards

    func scorecardView(_ card: Scorecard, rank: Int) -> ScorecardView {
        ScorecardView(
            rank: rank, claimant: link(card.claimant),
            counts: Verdict.allCases.compactMap { v in card.counts[v].map { ScorecardView.Count(verdict: v.rawValue, count: $0) } },
            total: card.claims.count,
            claimsWord: card.claims.count == 1 ? "claim" : "claims", decided: card.decided,
            shareKept: card.shareKept.map { "\(Int(($0 * 100).rounded()))%" },
            medianDays: card.medianDaysToVerdict.map { SiteModel.days($0) }, claims: section(card.claims.map(\.id)))
    }

    /// Whole days, rounded (a median of two is often a half day): "807 days", "1 day".
    static func days(_ value: Double) -> String {
        let days = Int(value.rounded())
        return "\(days) \(days == 1 ? "day" : "days")"
    }

    func scorecardsPage() -> ScorecardsPage {
        let all = scorecards.values.sorted { $0.claimant < $1.claimant }
        let ranked = Scorecard.ranked(all)
        let rankedIDs = Set(ranked.map(\.claimant))
        return ScorecardsPage(
            ranked: ranked.enumerated().map { scorecardView($1, rank: $0 + 1) }, anyRanked: !ranked.isEmpty,
            unranked: section(all.filter { !rankedIDs.contains($0.claimant) }.map(\.claimant)), minimum: Scorecard.rankedFrom)
    }

    /// An entity's own card, when it made claims.
    func scorecard(of id: String) -> ScorecardView? {
        scorecards[id].map { scorecardView($0, rank: 0) }
    }

    // MARK: - Contradictions

    func contradictionsPage() -> ContradictionsPage {
        // Ordered as the page says (`Contradictions.groups`): what holds an unresolved pair
        // first, then the entity order, and within an entity its unresolved pairs.
        let ordered = contradictionGroups
        return ContradictionsPage(
            groups: ordered.map { group in
                func side(_ c: ClaimFacts) -> ContradictionsPage.Side {
                    ContradictionsPage.Side(
                        claim: link(c.id), claimant: link(c.claimant), date: DateView(c.date), verdict: c.verdict.rawValue,
                        sources: section(c.sources),
                        vendor: group.vendorClaims.contains(c.id))
                }
                return ContradictionsPage.Group(
                    anchor: "c-\(group.entity)", entity: link(group.entity), parent: targets(of: group.entity, .parent).first.flatMap(link),
                    pairs: (group.pairs.filter(\.isUnresolved) + group.pairs.filter { !$0.isUnresolved }).map {
                        ContradictionsPage.Pair(unresolved: $0.isUnresolved, first: side($0.first), second: side($0.second))
                    })
            })
    }
}
