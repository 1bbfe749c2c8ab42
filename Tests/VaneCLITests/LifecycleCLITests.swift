import Foundation
import Testing
import VaneTestSupport

/// `vane status` and `vane ends` on a knowledge base written as a new analyst would: a
/// vendor deprecating two models, one with six months' notice and one with three days',
/// a model removed from its app and restored after a backlash, and a model offered
/// through another vendor's cloud.
struct LifecycleCLITests {
    private func built() throws -> TemporaryKnowledgeBase {
        try .built(copying: [Repository.fixture("lifecycle/Content")])
    }

    @Test func theDayBeforeTheEarlierShutdownItRanksFirstWithRisk100() throws {
        let kb = try built()
        let result = try vane("status", "--as-of", "2025-03-12", "--format", "json", in: kb.root)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(rows.first?["entity"] as? String == "nw-code-1")
        #expect(rows.first?["risk"] as? Int == 100)
        let ends = try #require(rows.first?["ends"] as? [String: Any])
        #expect(iso(ends["date"]) == "2025-03-13")
        #expect(ends["days_left"] as? Int == 1)
        #expect(ends["notice_days"] as? Int == 3)
        #expect(ends["channel"] as? String == "api")
        #expect(rows[1]["entity"] as? String == "nw-text-1")
        #expect(rows[1]["risk"] as? Int == 100)
        #expect((rows[1]["ends"] as? [String: Any])?["days_left"] as? Int == 125)
        expectGolden(try vane("status", "--as-of", "2025-03-12", in: kb.root).stdout, "Tests/VaneCLITests/Golden/lifecycle-status-2025-03-12.txt")
    }

    @Test func endsListsBothSoonestFirstWithNoticeAndSuccessors() throws {
        let kb = try built()
        let table = try vane("ends", "--as-of", "2025-03-12", in: kb.root)
        #expect(table.status == 0, "\(table.stderr)")
        expectGolden(table.stdout, "Tests/VaneCLITests/Golden/lifecycle-ends-2025-03-12.txt")
        let json = try vane("ends", "--as-of", "2025-03-12", "--format", "json", in: kb.root)
        let ends = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(ends.map { $0["entity"] as! String } == ["nw-code-1", "nw-text-1"])
        #expect(ends.map { $0["notice_days"] as! Int } == [3, 181])
        #expect(ends[1]["successors"] as? [String] == ["nw-text-2"])
        #expect(ends[1]["channel"] is NSNull)
        // Once both have passed, --within brings them back.
        let later = try vane("ends", "--as-of", "2025-08-01", "--within", "365", "--format", "csv", in: kb.root)
        expectGolden(later.stdout, "Tests/VaneCLITests/Golden/lifecycle-ends-2025-08-01-within-365.csv")
        let none = try vane("ends", "--as-of", "2025-08-01", in: kb.root)
        #expect(none.stdout.split(separator: "\n").count == 1)
        // Said, as the site says it (the table alone read as nothing to say).
        #expect(none.stderr == "no end is announced ahead (--within DAYS lists those that passed)\n", "\(none.stderr)")
        #expect(try vane("ends", "--as-of", "2025-08-01", "--format", "json", in: kb.root).stderr.isEmpty)
    }

    @Test func aModelOfferedThroughAnotherVendorsCloudIsOnThatVendorsBoard() throws {
        let kb = try built()
        let result = try vane("status", "--entity", "microsoft", "--as-of", "2025-06", in: kb.root)
        #expect(result.status == 0, "\(result.stderr)")
        expectGolden(result.stdout, "Tests/VaneCLITests/Golden/lifecycle-status-microsoft.txt")
        #expect(result.stdout.contains(" via azure-openai "))
    }

    @Test func aBadAsOfNamesTheOptionAndTheForms() throws {
        let kb = try built()
        let result = try vane("ends", "--as-of", "2025-13", in: kb.root)
        #expect(result.status == 64)
        #expect(
            result.stderr
                == "error: --as-of: impossible date '2025-13' (a month is 01 to 12); write a year (2026), a quarter (2026-Q2), a month (2026-04) or a day (2026-04-08)\n"
        )
    }
}
