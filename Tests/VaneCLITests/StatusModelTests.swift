import Foundation
import Testing
import VaneTestSupport

/// The status model on a story written as an analyst would (AWS's 2024–2026 wind-downs,
/// `Tests/Fixtures/aws`): channels that are all named, sign-ups that close, a reversal,
/// history drawn where it happened, and announcements as changes in event time.
struct StatusModelTests {
    private func built() throws -> TemporaryKnowledgeBase {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("aws/Content")])
        let build = try vane("build", "--as-of", "2026-12-01", in: kb.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.isEmpty, "\(build.stderr)")
        return kb
    }

    private func rows(_ kb: TemporaryKnowledgeBase, asOf: String) throws -> [String: [String: Any]] {
        let result = try vane("status", "--as-of", asOf, "--format", "json", in: kb.root)
        #expect(result.status == 0, "\(result.stderr)")
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        return Dictionary(uniqueKeysWithValues: list.map { ($0["entity"] as! String, $0) })
    }

    /// A whole-product value sets every channel the product has: no channel is left over
    /// from an earlier whole-product value.
    @Test func everyChannelIsNamedAndAWholeValueSetsThemAll() throws {
        let kb = try built()
        let before = try rows(kb, asOf: "2024-08-31")
        let workdocs = try #require(before["workdocs"]?["availability"] as? [String: Any])
        #expect(workdocs["value"] as? String == "deprecated")
        #expect(workdocs["event"] as? String == "2024-04-workdocs-wind-down")
        let channels = try #require(workdocs["channels"] as? [String: [String: Any]])
        #expect(channels.mapValues { $0["value"] as! String } == ["existing-customers": "deprecated", "new-customers": "retired"])
        // Deprecated on every channel the author named, with no end: on the way out.
        let chime = try rows(kb, asOf: "2025-06-30")["chime"]
        #expect((chime?["risk_factors"] as? [String: Any])?["band"] as? String == "on-the-way-out")
        // P = 0.6 (maintained), V = 5/6, S = 0.9, m = 5, W = 0.875: 70 + round(29 × 0.9 × 0.875) = 93.
        #expect(chime?["risk"] as? Int == 93)
        // Both named channels ended: gone since the last one went.
        let workmail = try #require(try rows(kb, asOf: "2027-04-30")["workmail"])
        #expect(workmail["retired"] as? Bool == true)
        #expect((workmail["availability"] as? [String: Any])?["date"] as? String == "2027-03-31")
        expectGolden(try vane("status", "--as-of", "2024-08-31", in: kb.root).stdout, "Tests/VaneCLITests/Golden/aws-status-2024-08-31.txt")
        expectGolden(try vane("status", "--as-of", "2027-04-30", in: kb.root).stdout, "Tests/VaneCLITests/Golden/aws-status-2027-04-30.txt")
    }

    /// Sign-ups that close strand no existing builder: counted down, on the way out, below
    /// an end of service; then the product stands at `closed-to-new`.
    @Test func signUpsThatCloseAreCountedDownBelowAnEnd() throws {
        let kb = try built()
        let board = try vane("status", "--as-of", "2026-03-15", in: kb.root)
        expectGolden(board.stdout, "Tests/VaneCLITests/Golden/aws-status-2026-03-15.txt")
        let rows = try rows(kb, asOf: "2026-03-15")
        let runner = try #require(rows["app-runner"])
        #expect(runner["risk"] as? Int == 82)
        #expect((runner["risk_factors"] as? [String: Any])?["band"] as? String == "on-the-way-out")
        #expect(runner["ends"] is NSNull)
        let closes = try #require(runner["closes"] as? [String: Any])
        #expect(closes["kind"] as? String == "closure")
        #expect(closes["date"] as? String == "2026-04-30")
        #expect(closes["days_left"] as? Int == 46)
        #expect(closes["notice_days"] as? Int == 59)
        #expect(rows["app-mesh"]?["risk"] as? Int == 100)
        let after = try #require(try self.rows(kb, asOf: "2026-05-01")["app-runner"]?["availability"] as? [String: Any])
        #expect(after["value"] as? String == "closed-to-new")
        #expect(after["label"] as? String == "Closed to new customers")
        #expect(after["date"] as? String == "2026-04-30")
    }

    /// CodeCommit closed to new customers in 2024 and reopened in 2025: the reopening is a
    /// move on the channel it changed, in the JSON, in `vane changes` and on the chart.
    @Test func aReversalIsAMove() throws {
        let kb = try built()
        let codecommit = try #require(try rows(kb, asOf: "2026-01-01")["codecommit"])
        let moves = (codecommit["moves"] as! [[String: Any]]).filter { $0["axis"] as? String == "availability" }.map {
            "\($0["date"]!) \($0["channel"] as? String ?? "-") \($0["from"] as? String ?? "-") → \($0["to"]!)"
        }
        #expect(
            moves == [
                "2015-07-09 - - → generally-available", "2024-07-25 new-customers generally-available → retired",
                "2025-11-24 new-customers retired → generally-available",
            ])
        let changes = try vane("changes", "--from", "2025-11", "--to", "2025-11", in: kb.root)
        #expect(changes.stdout.contains("codecommit (new-customers): availability retired → generally-available"))
        let page = try String(contentsOf: kb.url("public/entities/codecommit.html"), encoding: .utf8)
        #expect(
            page.contains(
                "From 24 November 2025: availability generally available (existing-customers generally available, new-customers generally available), priority invested."
            ))
    }

    /// The retirement an end causes is drawn at its own date, after the announcement's point.
    @Test func historyIsDrawnWhereItHappened() throws {
        let kb = try built()
        let page = try String(contentsOf: kb.url("public/entities/app-mesh.html"), encoding: .utf8)
        #expect(
            page.contains(
                "<desc id=\"history-desc\">From 27 March 2019: availability generally available, priority invested. From 24 September 2024: availability deprecated, priority sunset. From 30 September 2026: availability retired, priority sunset.</desc>"
            ))
        // The status history lists the retirement at its own date too.
        #expect(
            page.contains(
                "<tr><td class=\"lead\"><time datetime=\"2026-09-30\">30 September 2026</time></td><td data-label=\"Axis\">availability</td><td data-label=\"Channel\">all</td><td data-label=\"Value\">Retired (ended as announced)</td><td data-label=\"Set by\"><a href=\"../events/2024-09-24-app-mesh-sunset.html\">AWS announces the end of App Mesh</a></td></tr>"
            ))
    }

    /// An announcement is a change on the day it is made; the end is a move on its day.
    @Test func announcedEndsAreChangesInEventTime() throws {
        let kb = try built()
        let changes = try vane("changes", "--from", "2024-07-01", "--to", "2024-09-30", in: kb.root)
        #expect(changes.status == 0, "\(changes.stderr)")
        expectGolden(changes.stdout, "Tests/VaneCLITests/Golden/aws-changes-2024-q3.txt")
        let end = try vane("changes", "--from", "2025-07-31", "--to", "2025-07-31", in: kb.root)
        #expect(end.stdout.contains("qldb: availability deprecated → retired"))
        let page = try String(contentsOf: kb.url("public/changes.html"), encoding: .utf8)
        #expect(page.contains("30 April 2026 (59 days of notice)"))
    }

    /// A successor is shown where decisions are made, with its own position.
    @Test func successorsWithTheirPosition() throws {
        let kb = try built()
        let table = try vane("status", "--as-of", "2026-03-15", in: kb.root).stdout
        #expect(table.contains("ecs-service-connect (generally-available · invested)"))
        #expect(try vane("build", "--as-of", "2026-03-15", in: kb.root).status == 0)
        let status = try String(contentsOf: kb.url("public/status.html"), encoding: .utf8)
        #expect(status.contains("<span class=\"successor\">→ Amazon ECS Service Connect (Generally available · Invested)</span>"))
        #expect(status.contains("; succeeded by Amazon ECS Service Connect (Generally available · Invested)</title>"))
        let page = try String(contentsOf: kb.url("public/entities/app-mesh.html"), encoding: .utf8)
        #expect(
            page.contains(
                "<dt>Succeeded by</dt><dd><a href=\"../entities/ecs-service-connect.html\">Amazon ECS Service Connect</a> <span class=\"successor\">(Generally available · Invested)</span></dd>"
            ))
    }
}
