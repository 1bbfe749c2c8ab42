import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneSite
import VaneTestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Feeds, the JSON API, sitemap, robots, 404 and JSON-LD.
struct PublishingTests {
    private func build(_ folders: [URL]) throws -> TemporaryKnowledgeBase {
        try TemporaryKnowledgeBase.builtInProcess(copying: folders).0
    }

    private func atomEntries(_ data: Data) -> Int {
        let parser = XMLParser(data: data)
        let counter = ElementCounter(name: "entry")
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        return counter.count
    }

    @Test func feedsForTheSiteAndEachEntityTree() throws {
        let kb = try build([Repository.fixture("small/Content")])
        #expect(atomEntries(try Data(contentsOf: kb.url("public/feeds/events.atom"))) == 5)
        // A span is titled by its whole span, as its page and its calendar entry say it.
        #expect(try kb.read("public/feeds/events.atom").contains("<title>20 May 2026 to 22 May 2026: Acme developer summit</title>"))
        // acme-labs and everything under it (coyote): the reorg and the launch.
        #expect(atomEntries(try Data(contentsOf: kb.url("public/feeds/entities/acme-labs.atom"))) == 2)
        let calendar = try kb.read("public/feeds/events.ics")
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count - 1 == 5)
        #expect(calendar.contains("DTSTART;VALUE=DATE:20260408\r\nDTEND;VALUE=DATE:20260409\r\n"))
        // A month is the whole month, and the summary says so; no day is claimed.
        #expect(
            calendar.contains("DTSTART;VALUE=DATE:20260601\r\nDTEND;VALUE=DATE:20260701\r\nSUMMARY:Acme shuts down the Anvil API (June 2026)\r\n"))
        #expect(calendar.contains("SUMMARY:Acme reorganises its research (c. 2024)"))
        for line in calendar.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        let entity = try kb.read("public/entities/acme-labs.html")
        #expect(
            entity.contains(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Events involving Acme Labs (Atom)\" href=\"../feeds/entities/acme-labs.atom\">"
            ))
    }

    /// A report dated after the site's day is not news yet, as an event is not: it was the
    /// newest entry of `feeds/reports.atom` (the feed dated in the future) and led the home
    /// page's "Latest reports"; its own page and the reports' index have it.
    @Test func aReportDatedLaterIsInNoFeedNorLatest() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("---\ntitle: Next year's review\ndate: 2027-01-15\nsummary: Later.\n---\nLater.\n", to: "Content/reports/2027-01-later.md")
        try kb.write("---\ntitle: This year's review\ndate: 2026-11-15\nsummary: Now.\n---\nNow.\n", to: "Content/reports/2026-11-now.md")
        // The site of today (a fixed one), which holds what is dated later too.
        var options = Pipeline.Options(root: kb.root)
        options.today = fixedDay
        #expect(Pipeline.build(options).succeeded)
        let feed = try kb.read("public/feeds/reports.atom")
        #expect(!feed.contains("Next year") && feed.contains("This year&apos;s review"), "\(feed)")
        #expect(!feed.contains("2027-01-15T00:00:00Z"), "\(feed)")
        let home = try kb.read("public/index.html")
        #expect(!home.contains("Next year") && home.contains("This year&#39;s review"), "\(home)")
        #expect(try kb.read("public/reports.html").contains("Next year&#39;s review"))
    }

    @Test(.tags(.external), .fullTierOnly) func realFeedAndCalendarParsersAcceptEveryFile() throws {
        guard let python = ExternalTool.python else { return }
        for folders in [
            [Repository.fixture("small/Content")], [Repository.fixture("hostile/Content")], [Repository.fixture("lifecycle/Content")],
            [Repository.content, Repository.site],
        ] {
            let kb = try build(folders)
            let result = try run(python, [Repository.root.appendingPathComponent("Tests/Scripts/check_feeds.py").path, kb.url("public").path])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            let events = snapshot(of: kb.url("Content")).keys.filter { $0.hasPrefix("events/") && $0.hasSuffix(".md") }.count
            #expect(result.stdout.contains("feeds/events.atom \(events)\n"))
            #expect(result.stdout.contains("feeds/events.ics \(events)\n"))
            let ends = try kb.read("public/feeds/ends.ics").components(separatedBy: "BEGIN:VEVENT").count - 1
            #expect(result.stdout.contains("feeds/ends.ics \(ends)\n"))
        }
        // The lifecycle fixture's two announced ends, as of the fixed day, both passed.
        let lifecycle = try build([Repository.fixture("lifecycle/Content")])
        let result = try run(python, [Repository.root.appendingPathComponent("Tests/Scripts/check_feeds.py").path, lifecycle.url("public").path])
        #expect(result.stdout.contains("feeds/ends.ics 2\n"))
    }

    @Test func theJSONAPIAsDocumented() throws {
        let kb = try build(Repository.founding)
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: kb.url("public/api/v1/graph.json"))) as! [String: Any]
        #expect(graph["schema_version"] as? Int == 3)
        #expect(graph["generated_at"] as? String == "2026-11-26")
        #expect((graph["entries"] as! [[String: Any]]).count == 23)
        let edges = (graph["edges"] as! [[String: String]]).map { [$0["from"]!, $0["relation"]!, $0["to"]!] }
        // Each edge once: a source cited in front matter and in the body is one `cites`.
        #expect(!edges.isEmpty && Set(edges).count == edges.count)
        #expect(edges.contains(["2026-04-muse-spark-launch", "cites", "thenewstack-meta-muse-spark"]))
        let launch = (graph["entries"] as! [[String: Any]]).first { $0["id"] as? String == "2026-04-muse-spark-launch" }!
        let date = launch["date"] as! [String: Any]
        #expect(
            date["iso"] as? String == "2026-04" && date["approximate"] as? Bool == false && date["precision"] as? String == "month"
                && date["start"] as? String == "2026-04-01")
        // A field that does not apply is null, never left out: every entry has every key.
        let keys = [
            "id", "kind", "title", "type", "date", "end_date", "verdict", "url", "publisher", "aliases", "tags", "page", "successors",
            "channel_tiers", "cycle", "data",
        ]
        for entry in graph["entries"] as! [[String: Any]] { #expect(Set(entry.keys) == Set(keys), "\(entry["id"]!)") }
        #expect(launch["verdict"] is NSNull && launch["successors"] is NSNull && launch["end_date"] is NSNull)
        for change in graph["status_changes"] as! [[String: Any]] { #expect(change.keys.contains("channel")) }
        let llama = try JSONSerialization.jsonObject(with: Data(contentsOf: kb.url("public/api/v1/entities/llama.json"))) as! [String: Any]
        #expect(llama["schema_version"] as? Int == 3)
        #expect((llama["entity"] as! [String: Any])["title"] as? String == "Llama")
        #expect((llama["events"] as! [[String: Any]]).map { $0["id"] as! String } == ["2025-04-llama-4-release", "2026-04-muse-spark-launch"])
        #expect((llama["status_history"] as! [[String: Any]]).map { $0["value"] as! String } == ["open-weights", "flagship", "deprioritized"])
    }

    @Test func sitemapRobotsNotFoundAndCanonicalURLs() throws {
        let kb = try build(Repository.founding)
        let sitemap = try kb.read("public/sitemap.xml")
        #expect(sitemap.contains("<loc>https://weathervane.example/</loc>"))
        #expect(sitemap.contains("<loc>https://weathervane.example/entities/llama.html</loc>"))
        #expect(!sitemap.contains("404.html"))
        let pages = snapshot(of: kb.url("public")).keys.filter { $0.hasSuffix(".html") && $0 != "404.html" }
        #expect(sitemap.components(separatedBy: "<url>").count - 1 == pages.count)
        #expect(try kb.read("public/robots.txt") == "User-agent: *\nAllow: /\nSitemap: https://weathervane.example/sitemap.xml\n")
        let missing = try kb.read("public/404.html")
        #expect(missing.contains("<a href=\"https://weathervane.example/index.html\">Home</a>"))
        // Served at any address, and opened from the file system, it carries its own style.
        #expect(missing.contains("<style>/* Weathervane default theme") && !missing.contains("assets/style.css"))
        // It names no address as its own (it said BASE/404.html, where it is served at any).
        #expect(!missing.contains("rel=\"canonical\"") && !missing.contains("og:url"))
        // With no base URL its links start at the server's root, where `vane serve` puts the
        // site, so that they work at a nested address too.
        let plain = try build([Repository.fixture("small/Content")])
        let nested = try plain.read("public/404.html")
        #expect(
            nested.contains("<a href=\"/index.html\">Home</a>")
                && nested.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/assets/favicon.svg\">"))
        let llama = try kb.read("public/entities/llama.html")
        #expect(llama.contains("<link rel=\"canonical\" href=\"https://weathervane.example/entities/llama.html\">"))
        #expect(llama.contains("<meta property=\"og:title\" content=\"Llama\">"))
        // Feed links stay relative: a base URL may be a placeholder, and calendars take https.
        #expect(
            llama.contains(
                "<link rel=\"alternate\" type=\"text/calendar\" title=\"Events involving Llama (iCalendar)\" href=\"../feeds/entities/llama.ics\">"))
        #expect(!llama.contains("webcal:"))
    }

    /// Once the knowledge base records what we use, the navigation links the exposure page
    /// and the Subscribe line and the head offer the calendar of the ends of what we use.
    @Test func theExposureCalendarIsOfferedOnceUsesAreRecorded() throws {
        let bare = try build(Repository.founding)
        #expect(!(try bare.read("public/index.html")).contains("exposure"))
        let kb = try TemporaryKnowledgeBase(copying: Repository.founding)
        try kb.write("---\nproduct: llama\nteam: research\ncriticality: critical\n---\nOur assistant runs on it.\n", to: "Content/uses/assistant.md")
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let home = try kb.read("public/index.html")
        let exposure = try kb.read("public/exposure.html")
        let offer = " · <a href=\"feeds/exposure.ics\" type=\"text/calendar\">Ends of what we use (iCalendar)</a></p>"
        #expect(home.contains("<p class=\"subscribe\">Subscribe: <a href=\"feeds/events.atom\"") && home.contains(offer))
        #expect(exposure.contains(offer) && exposure.contains("<li><a href=\"exposure.html\" aria-current=\"page\">Exposure</a></li>"))
        #expect(home.contains("<li><a href=\"exposure.html\">Exposure</a></li>"))
        #expect(
            try kb.read("public/status/meta.html").contains(
                "<link rel=\"alternate\" type=\"text/calendar\" title=\"Ends of what we use (iCalendar)\" href=\"../feeds/exposure.ics\">"))
        #expect(try kb.read("public/feeds/exposure.ics").contains("BEGIN:VCALENDAR"))
    }

    @Test func jsonLDCannotBreakOutOfItsScript() throws {
        let kb = try build([Repository.fixture("hostile/Content")])
        let page = try kb.read("public/events/breakout.html")
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = String(page[start.upperBound..<end.lowerBound])
        #expect(!json.contains("<"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect((object["name"] as! String).contains("</script><script>"))
        #expect(object["@type"] as? String == "Event" && object["startDate"] as? String == "2026-04")
    }
}

final class ElementCounter: NSObject, XMLParserDelegate {
    let name: String
    var count = 0
    init(name: String) { self.name = name }
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        if elementName == name { count += 1 }
    }
}
