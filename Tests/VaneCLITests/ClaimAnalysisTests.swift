import Foundation
import Testing
import VaneTestSupport

/// Claimant scorecards, the contradiction view and the rules on verdicts, through `vane`.
struct ClaimAnalysisTests {
    private func built() throws -> TemporaryKnowledgeBase {
        try .built(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
    }

    @Test func scorecardFiguresPerClaimant() throws {
        let kb = try built()
        // globex: kept 320 and 275 days after, refuted after 92: 2 of 3 upheld, median 275.
        #expect(
            try vane("scorecard", in: kb.root).stdout == """
                CLAIMANT      CLAIMS  DECIDED  UPHELD  MEDIAN DAYS  PENDING  KEPT  BROKEN  CONFIRMED  REFUTED  SUPERSEDED
                globex        3       3        67%     275          0        2     0       0          1        0
                hank-scorpio  2       1        0%      457          1        0     1       0          0        0
                tech-daily    2       1        100%    92           1        0     0       1          0        0

                """)
        // --entity covers the entity's tree: Hank Scorpio is a person under Globex.
        #expect(
            try vane("scorecard", "--entity", "globex", in: kb.root).stdout == """
                CLAIMANT      CLAIMS  DECIDED  UPHELD  MEDIAN DAYS  PENDING  KEPT  BROKEN  CONFIRMED  REFUTED  SUPERSEDED
                globex        3       3        67%     275          0        2     0       0          1        0
                hank-scorpio  2       1        0%      457          1        0     1       0          0        0

                """)
        #expect(
            try vane("scorecard", "--entity", "hank-scorpio", "--format", "csv", in: kb.root).stdout
                == "claimant,claims,decided,share_kept,median_days_to_verdict,pending,kept,broken,confirmed,refuted,superseded,claim_ids\r\n"
                + "hank-scorpio,2,1,0.0,457,1,0,1,0,0,0,cloud-api-stable;desktop-stays\r\n")
        let json = try vane("scorecard", "--entity", "Globex Corporation", "--format", "json", in: kb.root).stdout
        #expect(json.contains("\"share_kept\" : 0.667"))
        #expect(json.contains("\"median_days_to_verdict\" : 275"))
        #expect(json.contains("\"claims\" : [\n      \"cloud-fastest\",\n      \"cloud-prices-hold\",\n      \"cloud-regions\"\n    ]"))
        // The site: globex ranks (3 decided); the others are listed apart.
        let page = try kb.read("public/scorecards.html")
        #expect(
            page.contains(
                "<tr><td class=\"rank\">1</td><td class=\"lead\"><a href=\"entities/globex.html\">Globex</a></td><td data-label=\"Upheld\">67%</td><td data-label=\"Decided\">3</td><td data-label=\"Claims\">3</td>"
            ), "\(page)")
        #expect(!page.contains("<td class=\"rank\">2</td>"))
        let entity = try kb.read("public/entities/hank-scorpio.html")
        #expect(
            entity.contains(
                "<p>2 claims, 1 decided: 0% upheld (commitments kept, assessments confirmed); median time from claim to verdict: 457 days.</p>"))
    }

    /// A claimant with nothing decided has no share and no median: both read "-".
    @Test func aClaimantWithNothingDecidedShowsDashes() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        try kb.write("---\nname: Initech\ntype: vendor\n---\n", to: "Content/entities/initech.md")
        try kb.write(
            "---\ntitle: Stays\nclaimant: initech\nabout: [initech]\ndate: 2025-01\ntype: commitment\nsources: [tech-daily-review]\nverdict: pending\n---\n",
            to: "Content/claims/initech-stays.md")
        #expect(try vane("build", "--as-of", "2026-11-26", in: kb.root).status == 0)
        #expect(
            try vane("scorecard", "--entity", "initech", in: kb.root).stdout == """
                CLAIMANT  CLAIMS  DECIDED  UPHELD  MEDIAN DAYS  PENDING  KEPT  BROKEN  CONFIRMED  REFUTED  SUPERSEDED
                initech   1       0        -       -            1        0     0       0          0        0

                """)
    }

    @Test func aHalfDayMedianIsShownInWholeDays() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        // tech-daily's second decided claim: 93 days after, against 92 for the first: median 92.5.
        let path = "Content/claims/cloud-api-breaks.md"
        try kb.write(
            try kb.read(path).replacingOccurrences(
                of: "verdict: pending\n", with: "verdict: confirmed\nverdict_date: 2025-06-02\nverdict_sources: [tech-daily-review]\n"), to: path)
        let build = try vane("build", "--as-of", "2026-11-26", in: kb.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(
            try vane("scorecard", "--entity", "tech-daily", in: kb.root).stdout == """
                CLAIMANT    CLAIMS  DECIDED  UPHELD  MEDIAN DAYS  PENDING  KEPT  BROKEN  CONFIRMED  REFUTED  SUPERSEDED
                tech-daily  2       2        100%    93           0        0     0       2          0        0

                """)
        // CSV keeps the median as computed.
        #expect(try vane("scorecard", "--entity", "tech-daily", "--format", "csv", in: kb.root).stdout.contains("tech-daily,2,2,1.0,92.5,"))
        #expect(
            try kb.read("public/entities/tech-daily.html").contains(
                "<p>2 claims, 2 decided: 100% upheld (commitments kept, assessments confirmed); median time from claim to verdict: 93 days.</p>"))
    }

    @Test func contradictionsAreGroupedByEntityUnresolvedFirstVendorMarked() throws {
        let kb = try built()
        #expect(
            try vane("contradictions", in: kb.root).stdout == """
                ENTITY          STATE       CLAIM             BY                     DATE          VERDICT  SOURCES         AGAINST           BY          DATE          VERDICT    SOURCES
                globex-cloud    unresolved  cloud-api-stable  hank-scorpio (vendor)  1 March 2024  pending  globex-keynote  cloud-api-breaks  tech-daily  1 March 2025  pending    tech-daily-review
                globex-desktop  decided     desktop-stays     hank-scorpio (vendor)  1 March 2024  broken   globex-keynote  desktop-dead      tech-daily  1 March 2025  confirmed  tech-daily-review

                """)
        #expect(
            try vane("contradictions", "--entity", "globex-desktop", "--format", "csv", in: kb.root).stdout
                == "entity,unresolved,claim,claimant,vendor,date,verdict,sources,against,against_claimant,against_vendor,against_date,against_verdict,against_sources\r\n"
                + "globex-desktop,0,desktop-stays,hank-scorpio,1,2024-03-01,broken,globex-keynote,desktop-dead,tech-daily,0,2025-03-01,confirmed,tech-daily-review\r\n"
        )
        let page = try kb.read("public/contradictions.html")
        let cloud = try #require(page.range(of: "id=\"c-globex-cloud\""))
        let desktop = try #require(page.range(of: "id=\"c-globex-desktop\""))
        #expect(cloud.lowerBound < desktop.lowerBound)
        #expect(page.contains("<p class=\"pair-state\">Unresolved: both pending</p>"))
        // Unresolved first whatever the names: a resolved pair about "Globex Alpha" (first by
        // id) comes after Globex Cloud's unresolved one.
        try kb.write("---\nname: Globex Alpha\ntype: product\nparent: globex\n---\n", to: "Content/entities/globex-alpha.md")
        for (id, other, claimant, verdict) in [
            ("alpha-up", "alpha-down", "hank-scorpio", "refuted"), ("alpha-down", "alpha-up", "tech-daily", "confirmed"),
        ] {
            try kb.write(
                "---\ntitle: \(id)\nclaimant: \(claimant)\nabout: [globex-alpha]\ndate: 2024-03-01\ntype: assessment\nverdict: \(verdict)\n"
                    + "verdict_date: 2025-06-01\nverdict_sources: [tech-daily-review]\ncontradicts: [\(other)]\nsources: [tech-daily-review]\n---\nA claim.\n",
                to: "Content/claims/\(id).md")
        }
        let rebuilt = try vane("build", "--as-of", "2026-11-26", in: kb.root)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let reordered = try kb.read("public/contradictions.html")
        let alpha = try #require(reordered.range(of: "id=\"c-globex-alpha\""))
        #expect(try #require(reordered.range(of: "id=\"c-globex-cloud\"")).lowerBound < alpha.lowerBound)
        // The command line in the same order (it listed groups by id alone).
        let states = try vane("contradictions", "--format", "csv", in: kb.root).stdout.split(separator: "\r\n").dropFirst().map {
            $0.split(separator: ",").prefix(2).joined(separator: ",")
        }
        #expect(states == ["globex-cloud,1", "globex-alpha,0", "globex-desktop,0"], "\(states)")
        // Two entities may share a name: each group says what its entity is part of.
        #expect(
            page.contains(
                "<h2 id=\"c-globex-cloud\"><a href=\"entities/globex-cloud.html\">Globex Cloud</a> <span class=\"part-of\">of <a href=\"entities/globex.html\">Globex</a></span></h2>"
            ))
        #expect(
            try kb.read("public/entities/globex-cloud.html").contains(
                "<a href=\"../contradictions.html#c-globex-cloud\">Claims about it that contradict each other</a>"))
        // Verdicts wherever claims are listed.
        #expect(
            try kb.read("public/claims/desktop-dead.html").contains(
                "<a href=\"../claims/desktop-stays.html\">Globex Desktop will be supported for ten years</a> <span class=\"badge\">commitment</span> <span class=\"verdict verdict-broken\">broken</span>"
            ))
        // A date of any precision reads as in other tables; CSV keeps it as written, JSON as a JSON date.
        let claim = try kb.read("Content/claims/cloud-api-breaks.md")
        try kb.write(claim.replacingOccurrences(of: "date: 2025-03-01", with: "date: ~2025-Q1"), to: "Content/claims/cloud-api-breaks.md")
        #expect(try vane("build", "--as-of", "2026-11-26", in: kb.root).status == 0)
        #expect(
            try vane("contradictions", "--entity", "globex-cloud", in: kb.root).stdout == """
                ENTITY        STATE       CLAIM             BY                     DATE          VERDICT  SOURCES         AGAINST           BY          DATE        VERDICT  SOURCES
                globex-cloud  unresolved  cloud-api-stable  hank-scorpio (vendor)  1 March 2024  pending  globex-keynote  cloud-api-breaks  tech-daily  c. Q1 2025  pending  tech-daily-review

                """)
        #expect(
            try vane("contradictions", "--entity", "globex-cloud", "--format", "csv", in: kb.root).stdout
                == "entity,unresolved,claim,claimant,vendor,date,verdict,sources,against,against_claimant,against_vendor,against_date,against_verdict,against_sources\r\n"
                + "globex-cloud,1,cloud-api-stable,hank-scorpio,1,2024-03-01,pending,globex-keynote,cloud-api-breaks,tech-daily,0,~2025-Q1,pending,tech-daily-review\r\n"
        )
        let json = try vane("contradictions", "--entity", "globex-cloud", "--format", "json", in: kb.root).stdout
        let against = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first?["second"] as? [String: Any])
        let date = try #require(against["date"] as? [String: Any])
        #expect(date["iso"] as? String == "2025-Q1" && date["approximate"] as? Bool == true && date["start"] as? String == "2025-01-01")
    }

    @Test func verdictsAndClaimLinksAreChecked() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        try kb.write(
            """
            ---
            title: A claim about itself
            claimant: globex
            about: [globex-cloud]
            date: 2025-05
            type: assessment
            verdict: kept
            verdict_date: 2025-04-30
            supports: [self-claim]
            contradicts: [self-claim]
            sources: [globex-keynote]
            ---
            """, to: "Content/claims/self-claim.md")
        try kb.write(
            """
            ---
            title: A commitment judged as an assessment
            claimant: globex
            about: [globex-cloud]
            date: 2025
            type: commitment
            verdict: refuted
            verdict_date: 2025-12
            sources: [globex-keynote]
            ---
            """, to: "Content/claims/judged.md")
        try kb.write(
            """
            ---
            title: A verdict forgotten
            claimant: globex
            about: [globex-cloud]
            date: 2024
            type: commitment
            verdict_date: 2025-01-01
            sources: [globex-keynote]
            ---
            """, to: "Content/claims/forgotten.md")
        // A type mistyped (not judged against the default it fell back to: a second, false
        // error), an empty verdict, a decided one with no day, and one claim both supported
        // and contradicted.
        try kb.write(
            """
            ---
            title: Slips
            claimant: globex
            about: [globex-cloud]
            date: 2024
            type: Commitment
            verdict: kept
            verdict_sources: [globex-keynote]
            supports: [judged]
            contradicts: [judged]
            sources: [globex-keynote]
            ---
            """, to: "Content/claims/slips.md")
        try kb.write(
            """
            ---
            title: Left empty
            claimant: globex
            about: [globex-cloud]
            date: 2024
            type: commitment
            verdict:
            verdict_date: 2025-01-01
            sources: [globex-keynote]
            ---
            """, to: "Content/claims/empty.md")
        try kb.write(
            """
            ---
            title: Dated by a blank
            claimant: globex
            about: [globex-cloud]
            date: 2024
            type: commitment
            verdict: broken
            verdict_date:
            verdict_sources: [globex-keynote]
            sources: [globex-keynote]
            ---
            """, to: "Content/claims/blank-date.md")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr
                == """
                Content/claims/blank-date.md:7:1: warning: the verdict 'broken' has no 'verdict_date': a site as of any day shows it reached from the claim's own date (write the day it was)
                Content/claims/empty.md:7:1: warning: 'verdict' is empty: the claim reads as pending (write one of pending, kept, broken, confirmed, refuted, superseded, or remove the line)
                Content/claims/forgotten.md:7:1: warning: a verdict date without a verdict: the claim reads as pending (write its 'verdict:', or remove the date)
                Content/claims/judged.md:7:1: warning: the verdict 'refuted' cites no evidence: add 'verdict_sources' (the sources that show it refuted)
                Content/claims/judged.md:7:10: error: verdict 'refuted' is for assessments, rumours and facts; a commitment is kept or broken
                Content/claims/self-claim.md:7:1: warning: the verdict 'kept' cites no evidence: add 'verdict_sources' (the sources that show it kept)
                Content/claims/self-claim.md:7:10: error: verdict 'kept' is for commitments; an assessment is confirmed or refuted
                Content/claims/self-claim.md:8:15: error: verdict date 2025-04-30 is before the claim's date 2025-05
                Content/claims/self-claim.md:9:12: error: a claim cannot support itself
                Content/claims/self-claim.md:10:15: error: a claim cannot contradict itself
                Content/claims/slips.md:6:7: error: unknown claim type 'Commitment' (did you mean 'commitment'?)
                Content/claims/slips.md:7:1: warning: the verdict 'kept' has no 'verdict_date': a site as of any day shows it reached from the claim's own date (write the day it was)
                Content/claims/slips.md:10:15: error: 'judged' is also in 'supports': a claim supports another or contradicts it, not both
                7 errors, 6 warnings

                """.replacingOccurrences(of: "warnings\n\n", with: "warnings\n"))
    }
}
