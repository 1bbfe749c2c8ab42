import Foundation
import Testing
import VaneContent
import VaneTestSupport

/// A knowledge base as it stood at the end of a day: what is dated later is left out, with
/// its edges and status changes, and an entity goes by the name it had then.
struct AsOfTests {
    /// Microsoft Entra ID, renamed from Azure Active Directory on 2023-07-11 by an event and
    /// a source of that day, after an event of 2015.
    private func entra() throws -> KnowledgeBase {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("entra/Content")])
        let result = ContentLoader.load(root: kb.root)
        #expect(!result.hasErrors)
        return result.knowledgeBase
    }

    private func edges(_ kb: KnowledgeBase) -> [String] { kb.edges.map { "\($0.from) \($0.relation.rawValue) \($0.to)" } }

    @Test(arguments: ["2023-07-11", "2030-01-01"])
    func fromTheLastDateOnNothingIsLeftOut(_ day: String) throws {
        let kb = try entra()
        let at = kb.asOf(try FuzzyDate(parsing: day))
        #expect(at.entries.map(\.id) == kb.entries.map(\.id))
        #expect(at.entries.map(\.title) == kb.entries.map(\.title))
        #expect(at.entries.map(\.renames) == kb.entries.map(\.renames))
        #expect(edges(at) == edges(kb))
        #expect(at.statusChanges.map(\.signature) == kb.statusChanges.map(\.signature))
        #expect(at.aliases == kb.aliases)
        #expect(at.later.isEmpty)
    }

    @Test func theDayBeforeTheRenameTheOldNameAndNothingOfThatDay() throws {
        let kb = try entra()
        let at = kb.asOf(try FuzzyDate(parsing: "2023-07-10"))
        #expect(at.entry("azure-ad")?.title == "Azure Active Directory")
        #expect(at.entry("azure-ad")?.renames.isEmpty == true)
        #expect(at.entry("2023-07-11-entra-renamed") == nil)
        #expect(at.entry("ms-entra-rename") == nil)
        #expect(at.later["2023-07-11-entra-renamed"] == "Azure AD becomes Microsoft Entra ID")
        #expect(!edges(at).contains { $0.hasPrefix("2023-07-11-entra-renamed ") })
        #expect(!at.statusChanges.contains { $0.event == "2023-07-11-entra-renamed" })
        #expect(kb.statusChanges.contains { $0.event == "2023-07-11-entra-renamed" })
        #expect(at.entry("2015-azure-ad-flagship") != nil)
    }

    /// A verdict reached after the day was not reached then: the claim was pending, without
    /// the verdict's evidence (a site as of 2025 showed "broken (29 January 2026)"). A verdict
    /// dated after today is warned of.
    @Test func aVerdictReachedLaterIsPendingBefore() throws {
        let result = try load([
            "Content/claims/remain.md": """
            ---
            title: Current Llama models will remain available
            claimant: meta
            about: [llama]
            date: 2026-04
            type: commitment
            sources: [tns]
            verdict: broken
            verdict_date: 2026-09-01
            verdict_sources: [tns]
            ---
            """,
            "Content/claims/later.md": """
            ---
            title: Llama stays
            claimant: meta
            about: [llama]
            date: 2026-04
            type: commitment
            sources: [tns]
            verdict: kept
            verdict_date: 2099-01-01
            ---
            """,
        ])
        let kb = result.knowledgeBase
        let before = try #require(kb.asOf(try FuzzyDate(parsing: "2026-08")).entry("remain"))
        #expect(before.verdict == .pending && before.verdictDate == nil)
        #expect(!kb.asOf(try FuzzyDate(parsing: "2026-08")).edges.contains { $0.from == "remain" && $0.relation == .verdictSource })
        #expect(!kb.standsWhole(at: try FuzzyDate(parsing: "2026-08")))
        let after = try #require(kb.asOf(try FuzzyDate(parsing: "2026-09")).entry("remain"))
        #expect(after.verdict == .broken)
        #expect(
            result.diagnostics.map(\.description).contains {
                $0.hasPrefix("Content/claims/later.md:9:15: warning: the verdict of 'later' is dated 2099-01-01, after today")
            }, "\(result.diagnostics)")
        // A site of today has every entry, but that verdict is not reached yet.
        let (today, whole) = kb.verdicts(asOf: try FuzzyDate(parsing: "2026-12-05"))
        #expect(!whole && today.entry("later")?.verdict == .pending && today.entry("later")?.verdictDate == nil)
        #expect(today.entry("remain")?.verdict == .broken && today.entries.count == kb.entries.count)
        #expect(kb.verdicts(asOf: try FuzzyDate(parsing: "2099-01-01")).whole)
    }

    /// A source's dates that cannot be are said where they are written: published or read
    /// after today (a year mistyped), read before it was out. Nothing was said, even with
    /// `--strict`, and an event of 2026 rested on a source "published" in 2027.
    @Test func aSourcesImpossibleDatesAreSaid() throws {
        var files = SampleKnowledgeBase.files
        let source = { (published: String, accessed: String) in
            "---\ntitle: A piece\npublisher: The New Stack\nurl: https://example.org/a\npublished: \(published)\naccessed: \(accessed)\n---\n"
        }
        files["Content/sources/later.md"] = source("2027-09-15", "2028-01-02")
        files["Content/sources/early.md"] = source("2026-09-15", "2026-01-02")
        files["Content/sources/fine.md"] = source("2026-09", "2026-09-30")
        // Tomorrow, by a clock ahead of UTC: right.
        files["Content/sources/tomorrow.md"] = source("2026-11-27", "2026-11-27")
        let kb = try TemporaryKnowledgeBase(files)
        let said = ContentLoader.load(root: kb.root, today: fixedDay).diagnostics.map(\.description).filter { $0.contains("Content/sources/") }
        #expect(
            said == [
                "Content/sources/early.md:6:11: warning: 'early' is accessed on 2026-01-02, before it was published (2026-09-15)",
                "Content/sources/later.md:5:12: warning: 'later' is published on 2027-09-15, after today: is the year right?",
                "Content/sources/later.md:6:11: warning: 'later' is accessed on 2028-01-02, after today: is the year right?",
            ], "\(said)")
    }
}
