import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneTestSupport

/// Announced ends on the site: the boards, the product page, the calendar and the API.
struct LifecycleSiteTests {
    /// The lifecycle fixture built as of the day before its earlier shutdown.
    private func built(asOf: String = "2025-03-12") throws -> TemporaryKnowledgeBase {
        try TemporaryKnowledgeBase.builtInProcess(copying: [Repository.fixture("lifecycle/Content")], asOf: try FuzzyDate(parsing: asOf)).0
    }

    @Test func theAnnouncedEndsBoardListsTheCountdownSoonestFirst() throws {
        let kb = try built()
        let expected = """
            <tr><td data-label="Ends"><time datetime="2025-03-13">13 March 2025</time></td><td data-label="Countdown">1 day left</td><td class="lead"><a href="entities/nw-code-1.html">Northwind Code 1</a> <span class="badge">api</span></td><td data-label="Notice">3 days</td><td data-label="Succeeded by"></td>
            """
        for page in ["status.html", "index.html"] {
            let html = try kb.read("public/" + page)
            let board = try #require(html.range(of: "<h2 id=\"announced-ends\">Announced ends</h2>"), "\(page)")
            let first = try #require(html.range(of: expected), "\(page)")
            let second = try #require(
                html.range(
                    of:
                        "<td data-label=\"Countdown\">125 days left</td><td class=\"lead\"><a href=\"entities/nw-text-1.html\">Northwind Text 1</a></td><td data-label=\"Notice\">181 days</td>"
                ))
            #expect(board.upperBound < first.lowerBound && first.upperBound < second.lowerBound, "\(page)")
        }
        // The vendor's view has the countdown in its risk board.
        let vendor = try kb.read("public/status/northwind.html")
        #expect(
            vendor.contains(
                "<td data-label=\"Ends\"><time datetime=\"2025-03-13\">13 March 2025</time> (api)<br><span class=\"countdown\">1 day left</span></td><td class=\"risk risk-high\" data-label=\"Risk\">announced end · 100</td>"
            ))
        // Once passed, an end stays on the board for 180 days, under its own heading.
        let later = try built(asOf: "2025-08-01")
        let html = try later.read("public/status.html")
        #expect(html.contains("<tr><th scope=\"rowgroup\" colspan=\"6\">Ended in the last 180 days</th></tr>"))
        #expect(
            html.contains(
                "<td data-label=\"Countdown\">ended 17 days ago</td><td class=\"lead\"><a href=\"entities/nw-text-1.html\">Northwind Text 1</a></td>")
        )
    }

    @Test func aProductPageShowsItsEndNoticeAndSuccessors() throws {
        let kb = try built()
        let text1 = try kb.read("public/entities/nw-text-1.html")
        #expect(
            text1.contains(
                "<dt>Succeeded by</dt><dd><a href=\"../entities/nw-text-2.html\">Northwind Text 2</a> <span class=\"successor\">(Generally available · Flagship)</span></dd>"
            ))
        #expect(
            text1.contains(
                "<dt>Announced end</dt><dd><ul class=\"plain\"><li><time datetime=\"2025-07-15\">15 July 2025</time>: 125 days left, after 181 days of notice, announced by"
            ))
        #expect(
            try kb.read("public/entities/nw-text-2.html").contains(
                "<dt>Succeeds</dt><dd><a href=\"../entities/nw-text-1.html\">Northwind Text 1</a></dd>"))
        let code1 = try kb.read("public/entities/nw-code-1.html")
        // One line per channel in the step chart, and the end still ahead marked; a channel
        // that is an entity by its name, as the page names it.
        #expect(code1.contains(">Available today, by channel:</text>"))
        #expect(
            code1.contains("<text x=\"") && code1.contains("font-size=\"11\">api</text>") && code1.contains("font-size=\"11\">Azure OpenAI</text>"))
        #expect(code1.contains(">ends 13 March 2025 (api)</text>"))
    }

    /// One VEVENT per end, summed up as "product: channel end", stamped with the day the
    /// site is as of (never the end's date), with the notice and successor.
    @Test func theCalendarHasOneEventPerEndWithNoticeAndSuccessor() throws {
        let kb = try built()
        let calendar = try kb.read("public/feeds/ends.ics")
        // Every line ends with CRLF; the golden file keeps LF, to read in a diff.
        #expect(!calendar.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        expectGolden(calendar.replacingOccurrences(of: "\r\n", with: "\n"), "Tests/VaneSiteTests/Golden/lifecycle/feeds/ends.ics")
    }

    @Test func theAPICarriesAnnouncedEndsAndSuccessors() throws {
        let kb = try built()
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: kb.url("public/api/v1/graph.json"))) as! [String: Any]
        #expect(graph["schema_version"] as? Int == 3)
        let ends = graph["announced_ends"] as! [[String: Any]]
        #expect(ends.map { $0["entity"] as! String } == ["nw-code-1", "nw-text-1"])
        #expect(ends.map { $0["days_left"] as! Int } == [1, 125])
        #expect(ends.map { $0["notice_days"] as! Int } == [3, 181])
        #expect(ends[1]["channel"] is NSNull)
        let statusChanges = graph["status_changes"] as! [[String: Any]]
        #expect(
            statusChanges.contains {
                $0["axis"] as? String == "ends" && $0["value"] as? String == "2025-07-15" && $0["entity"] as? String == "nw-text-1"
            })
        let text1 = (graph["entries"] as! [[String: Any]]).first { $0["id"] as? String == "nw-text-1" }!
        #expect(text1["successors"] as? [String] == ["nw-text-2"])
        let entity = try JSONSerialization.jsonObject(with: Data(contentsOf: kb.url("public/api/v1/entities/nw-code-1.json"))) as! [String: Any]
        #expect((entity["announced_ends"] as! [[String: Any]]).map { $0["channel"] as? String } == ["api"])
        // The vendor's file has the ends of its models, by date, as its calendar has them
        // (it listed the events announcing them and none of the ends).
        let vendor = try JSONSerialization.jsonObject(with: Data(contentsOf: kb.url("public/api/v1/entities/northwind.json"))) as! [String: Any]
        let vendorEnds = vendor["announced_ends"] as! [[String: Any]]
        #expect(vendorEnds.map { $0["entity"] as? String } == ["nw-code-1", "nw-text-1"])
        #expect(vendorEnds.map { $0["days_left"] as? Int } == [1, 125])
        #expect(try kb.read("public/feeds/entities/northwind.ics").components(separatedBy: "Northwind Code 1: api end").count == 2)
    }
}
