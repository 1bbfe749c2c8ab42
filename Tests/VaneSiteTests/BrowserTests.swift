import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneQuery
import VaneSite
import VaneTestSupport

/// Pages opened in a real headless Chromium.
struct BrowserTests {
    /// The DOM after the page has loaded and run whatever it runs.
    static func dom(of page: URL, browser: URL, profile: URL) throws -> String {
        try load(page, browser: browser, profile: profile).dom
    }

    /// The DOM, and every message the page wrote to the console (errors included).
    static func load(_ page: URL, browser: URL, profile: URL, window: String = "1280,1600") throws -> (dom: String, console: [String]) {
        let result = try run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)", "--window-size=\(window)",
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=1500", "--dump-dom", page.absoluteString,
            ])
        let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map(String.init)
        return (result.stdout, console)
    }

    /// The bundled site's main pages load without a console message, and search finds
    /// Muse Spark from "muse", reading the query from the address as a shared link would.
    @Test(.tags(.external), .fullTierOnly) func mainPagesAndSearchWorkInChromium() throws {
        guard let browser = ExternalTool.chromium else { return }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let profiles = try TemporaryKnowledgeBase()
        let pages = [
            "index.html", "timeline.html", "entities/muse-spark.html", "search.html", "reports.html", "reports/2026-11-llama-after-muse-spark.html",
            "scorecards.html", "contradictions.html",
        ]
        for (i, page) in pages.enumerated() {
            let (dom, console) = try BrowserTests.load(kb.url("public/" + page), browser: browser, profile: profiles.url("p\(i)"))
            #expect(dom.contains("<main id=\"main\">"), "\(page) did not load")
            #expect(console.isEmpty, "\(page): \(console)")
        }
        var search = URLComponents(url: kb.url("public/search.html"), resolvingAgainstBaseURL: false)!
        search.query = "q=muse"
        let (dom, console) = try BrowserTests.load(search.url!, browser: browser, profile: profiles.url("search"))
        #expect(console.isEmpty, "\(console)")
        let results = try #require(dom.range(of: "<ol id=\"search-results\""))
        #expect(dom[results.lowerBound...].contains("<a href=\"entities/muse-spark.html\">Muse Spark</a>"))
        // The query was read from the address: the summary repeats it.
        #expect(dom.range(of: "<p id=\"search-summary\"[^>]*>22 results for \u{201C}muse\u{201D}</p>", options: .regularExpression) != nil)
        // Ranked as `vane query --text` ranks (FTS5's bm25, the title weighing ten times the
        // text; a tie by title, as the page breaks it). 22, not 23: a citation's id is no word
        // of the text.
        let folders = ["entity": "entities", "event": "events", "claim": "claims", "source": "sources", "report": "reports"]
        let ranked = try GraphReader(url: kb.url("vane.sqlite")).sql(
            "SELECT kind, id FROM entries_fts WHERE entries_fts MATCH '(\"muse\"*) OR \"muse\"' AND rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH '\"muse\"*') ORDER BY bm25(entries_fts, 0, 0, 10, 1), title"
        ).table.rows.map { "\(folders[$0[0]]!)/\($0[1]).html" }
        let found = dom[results.lowerBound...].components(separatedBy: "<li><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(found == ranked)
        // Two words, one of which begins most texts ("20" every date from 2000 on): each
        // counts as a prefix and once more whole, on the page as in `vane query --text`.
        search.query = "q=muse 20"
        let twoWords = try BrowserTests.dom(of: search.url!, browser: browser, profile: profiles.url("search-two"))
        let twoRanked = try GraphReader(url: kb.url("vane.sqlite")).sql(
            "SELECT kind, id FROM entries_fts WHERE entries_fts MATCH '(\"muse\"* \"20\"*) OR \"muse\" OR \"20\"' AND rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH '\"muse\"* \"20\"*') ORDER BY bm25(entries_fts, 0, 0, 10, 1), title"
        ).table.rows.map { "\(folders[$0[0]]!)/\($0[1]).html" }
        let twoFound = try #require(twoWords.range(of: "<ol id=\"search-results\"")).lowerBound
        #expect(
            twoWords[twoFound...].components(separatedBy: "<li><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) } == twoRanked
                && twoRanked.count > 1, "\(twoRanked)")
        // Each result shows its kind and type, its date, and the words around the match.
        #expect(
            dom.contains(
                "<li><a href=\"events/2026-04-muse-spark-launch.html\">Meta launches Muse Spark as a closed, cloud-only model</a> <span class=\"badge\">event · launch</span><span class=\"when\"> April 2026</span><p class=\"snippet\">In April 2026 Meta launched <mark>Muse</mark> Spark"
            ))
        // A quoted phrase is marked where it matched, its words in a row, and said with its
        // own quotes ("of" alone was marked, and the summary read “"…"”).
        search.percentEncodedQuery = "q=%22launched%20muse%22"
        let phrase = try BrowserTests.dom(of: search.url!, browser: browser, profile: profiles.url("search-phrase"))
        #expect(phrase.contains("results for \"launched muse\"</p>") || phrase.contains("result for \"launched muse\"</p>"), "\(phrase)")
        #expect(phrase.contains("Meta <mark>launched</mark> <mark>Muse</mark> Spark"))
        #expect(!phrase.contains("<mark>Spark</mark>"))
        // A citation leaves no space before the stop after it ("cancelled . For teams").
        search.query = "q=cancelled"
        let cited = try BrowserTests.dom(of: search.url!, browser: browser, profile: profiles.url("search-cited"))
        #expect(cited.contains("rather than <mark>cancelled</mark>. For teams"), "\(cited)")
        // Words match from their start: the middle of "Superintelligence" finds nothing.
        search.query = "q=uperintelligence"
        #expect(try BrowserTests.dom(of: search.url!, browser: browser, profile: profiles.url("search-infix")).contains(">0 results for"))
        // A query of no word says so (the page stayed blank, as if it had not run).
        search.query = "q=OR"
        let wordless = try BrowserTests.dom(of: search.url!, browser: browser, profile: profiles.url("search-wordless"))
        #expect(wordless.contains(">No word to search for in \u{201C}OR\u{201D}</p>"), "\(wordless)")
        // The timeline's filters are built by its script.
        let (timeline, _) = try BrowserTests.load(kb.url("public/timeline.html"), browser: browser, profile: profiles.url("timeline"))
        #expect(timeline.contains("<select>") && timeline.contains(">Muse Spark</option>"))
        // A reader chooses Muse Spark in the entity filter: exactly the events that involve it
        // (by the ids each row carries) stay in view; a row counts when the browser lays it
        // out, as a reader sees it.
        let url = kb.url("public/timeline.html")
        let reader = """
            <script>
            (function () {
              var label = Array.from(document.querySelectorAll("#timeline-filters label")).filter(function (l) { return l.textContent.indexOf("Entity") === 0; })[0];
              var box = label.querySelector("select");
              box.value = Array.from(box.options).filter(function (o) { return o.textContent === "Muse Spark"; })[0].value;
              box.dispatchEvent(new Event("change"));
              var rows = Array.from(document.querySelectorAll(".event-list li"));
              var title = function (li) { return li.querySelector(".what a").textContent; };
              var shown = rows.filter(function (li) { return li.getClientRects().length > 0; });
              var involving = rows.filter(function (li) { return li.getAttribute("data-entities").split(" ").indexOf(box.value) >= 0; });
              document.body.setAttribute("data-shown", shown.map(title).join(" | "));
              document.body.setAttribute("data-involving", involving.map(title).join(" | "));
              document.body.setAttribute("data-rows", String(rows.length));
              document.body.setAttribute("data-said", document.querySelector(".filter-count").textContent);
              // A type none of its events has: the page says so (it was blank).
              var typeBox = Array.from(document.querySelectorAll("#timeline-filters select"))[1];
              Array.from(typeBox.options).some(function (o) {
                typeBox.value = o.value;
                typeBox.dispatchEvent(new Event("change"));
                return rows.every(function (li) { return li.getClientRects().length === 0; });
              });
              document.body.setAttribute("data-none", document.querySelector(".filter-count").textContent);
            })();
            </script></body>
            """
        try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "</body>", with: reader).write(
            to: url, atomically: true, encoding: .utf8)
        let filtered = try BrowserTests.load(url, browser: browser, profile: profiles.url("timeline-filtered"))
        #expect(filtered.console.isEmpty, "\(filtered.console)")
        func attribute(_ name: String) -> String {
            filtered.dom.range(of: "\(name)=\"").map { filtered.dom[$0.upperBound...].prefix { $0 != "\"" } }.map(String.init) ?? ""
        }
        let shown = attribute("data-shown").components(separatedBy: " | ")
        #expect(shown == attribute("data-involving").components(separatedBy: " | "))
        #expect(shown.contains("Meta launches Muse Spark as a closed, cloud-only model"))
        #expect(shown.count < Int(attribute("data-rows")) ?? 0, "the filter hid nothing: \(shown)")
        #expect(attribute("data-said") == "\(shown.count) of \(attribute("data-rows")) events match.", "\(attribute("data-said"))")
        #expect(attribute("data-none") == "No event matches; choose \u{201C}all\u{201D} to see them again.", "\(attribute("data-none"))")
    }

    /// What `Tests/Scripts/positions-check.js` finds on `page` (a file of a built site)
    /// shown `width` pixels wide: the page is held in an iframe of that width, since
    /// headless Chromium's window is never narrower than 500 px.
    static func positionsReport(_ page: URL, width: Int, browser: URL, profile: URL) throws -> [String: Any] {
        try report(page, script: "positions-check.js", width: width, browser: browser, profile: profile)
    }

    /// What `script` (in `Tests/Scripts`) reports on `page` shown `width` pixels wide.
    static func report(_ page: URL, script: String, width: Int, browser: URL, profile: URL) throws -> [String: Any] {
        let folder = page.deletingLastPathComponent()
        let html = try String(contentsOf: page, encoding: .utf8)
        let checked = "check-" + page.lastPathComponent
        try html.replacingOccurrences(of: "</body>", with: "<script src=\"\(script)\"></script></body>")
            .write(to: folder.appendingPathComponent(checked), atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(script))
        try FileManager.default.copyItem(
            at: Repository.root.appendingPathComponent("Tests/Scripts/" + script), to: folder.appendingPathComponent(script))
        let frame = folder.appendingPathComponent("frame-\(width)-\(page.lastPathComponent)")
        try """
        <!doctype html><html><head><meta charset="utf-8"><title>frame</title></head><body style="margin:0">
        <iframe src="\(checked)" style="width:\(width)px;height:8000px;border:0"></iframe>
        <script>window.addEventListener("message", function (e) { document.body.setAttribute("data-positions-report", e.data); });</script>
        </body></html>
        """.write(to: frame, atomically: true, encoding: .utf8)
        let dom = try load(frame, browser: browser, profile: profile, window: "1400,2000").dom
        guard let start = dom.range(of: "data-positions-report=\""), let end = dom[start.upperBound...].firstIndex(of: "\"") else {
            Issue.record("no report from \(page.lastPathComponent) at \(width) px")
            return [:]
        }
        let json = String(dom[start.upperBound..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
    }

    /// The available-vs-priority view stays readable: at 390, 768, 1024, 1280 and 1920 px, on
    /// 50 products from 8 vendors, on one and on none, no two pieces of visible text inside
    /// #positions overlap, none is cut off by its edge, none is smaller than 11 px (the chart
    /// scrolls sideways rather than shrink), and the page is no wider than the window.
    /// A snippet shows a link by a former id as the page does, by the entry's title (it read
    /// "azure-ad drops…"), and leaves out an HTML comment the page leaves out.
    @Test(.tags(.external), .fullTierOnly) func aSnippetShowsALinkByAFormerIDAsItsTitle() throws {
        guard let browser = ExternalTool.chromium else { return }
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/entra.md": "---\nname: Microsoft Entra ID\ntype: product\nformer_ids: [azure-ad]\n---\n",
            "Content/entities/microsoft.md":
                "---\nname: Microsoft\ntype: vendor\n---\nWith the rename, [[azure-ad]] <!-- check the date --> drops Windows from its name.\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let profiles = try TemporaryKnowledgeBase()
        var search = URLComponents(url: kb.url("public/search.html"), resolvingAgainstBaseURL: false)!
        search.query = "q=drops"
        let dom = try BrowserTests.dom(of: search.url!, browser: browser, profile: profiles.url("former"))
        #expect(dom.contains("With the rename, Microsoft Entra ID <mark>drops</mark> Windows from its name</p>"), "\(dom)")
    }

    @Test(.tags(.external), .fullTierOnly) func thePositionsViewHasNoOverlapOrCutOffText() throws {
        guard let browser = ExternalTool.chromium else { return }
        let profiles = try TemporaryKnowledgeBase()
        for (products, vendors) in [(50, 8), (1, 1), (0, 1)] {
            let kb = try TemporaryKnowledgeBase()
            try CrowdedKnowledgeBase.write(products: products, vendors: vendors, into: kb)
            let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
            #expect(outcome.succeeded, "\(outcome.diagnostics)")
            var pages = ["status.html"]
            if products > 0 { pages.append("status/vendor-0.html") }
            for page in pages {
                for width in [1920, 1280, 1024, 768, 390] {
                    let label = "\(products) products, \(page), \(width) px"
                    let report = try BrowserTests.positionsReport(
                        kb.url("public/" + page), width: width, browser: browser, profile: profiles.url("p\(products)-\(width)"))
                    #expect(report["width"] as? Int == width, "\(label)")
                    #expect((report["texts"] as? Int ?? 0) > (products > 1 ? 10 : 0), "\(label): \(report)")
                    #expect((report["overlaps"] as? [String])?.isEmpty == true, "\(label): \(report["overlaps"] ?? "")")
                    #expect((report["cutOff"] as? [String])?.isEmpty == true, "\(label): \(report["cutOff"] ?? "")")
                    if products > 0 { #expect((report["smallestText"] as? Double ?? 0) >= 11, "\(label): text of \(report["smallestText"] ?? "")") }
                    #expect((report["pageWidth"] as? Int ?? .max) <= width, "\(label): the page is \(report["pageWidth"] ?? "") px wide")
                }
            }
            if products == 0 {
                #expect(try kb.read("public/status.html").contains("<p class=\"no-positions\">No product still available has a status.</p>"))
            }
        }
    }

    /// On a phone (390 px) no page is wider than the screen, every cell of a stacked table
    /// (status history, status changes, the claims ledger, the ends board, the boards, the
    /// scorecards) is on
    /// screen, and a chart shown is drawn with its text at 11 px or more: the bundled site,
    /// and a product of the AWS story whose channels have a legend of their own.
    @Test(.tags(.external), .fullTierOnly) func phonePagesFitTheScreen() throws {
        guard let browser = ExternalTool.chromium else { return }
        let bundled = try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
        #expect(Pipeline.build(Pipeline.Options(root: bundled.root, asOf: fixedDay)).succeeded)
        let aws = try TemporaryKnowledgeBase(copying: [Repository.fixture("aws/Content")])
        #expect(Pipeline.build(Pipeline.Options(root: aws.root, asOf: fixedDay)).succeeded)
        // Claimants ranked: the scorecards' seven columns scrolled sideways on a phone.
        let analysis = try TemporaryKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        #expect(Pipeline.build(Pipeline.Options(root: analysis.root, asOf: fixedDay)).succeeded)
        let profiles = try TemporaryKnowledgeBase()
        let pages = [
            (bundled, "index.html"), (bundled, "status.html"), (bundled, "entities/llama.html"), (bundled, "entities/muse-spark.html"),
            (bundled, "events/2026-04-muse-spark-launch.html"), (bundled, "claims.html"), (bundled, "timeline.html"),
            (bundled, "reports/2026-11-llama-after-muse-spark.html"), (aws, "entities/codecommit.html"), (aws, "status.html"),
            (analysis, "scorecards.html"),
        ]
        var stacked = 0
        for (i, (kb, page)) in pages.enumerated() {
            let report = try BrowserTests.report(
                kb.url("public/" + page), script: "phone-check.js", width: 390, browser: browser, profile: profiles.url("p\(i)"))
            #expect(report["width"] as? Int == 390, "\(page)")
            #expect((report["pageWidth"] as? Int ?? .max) <= 390, "\(page) is \(report["pageWidth"] ?? "") px wide")
            #expect((report["offScreen"] as? [String])?.isEmpty == true, "\(page): \(report["offScreen"] ?? "")")
            let smallest = report["smallestChartText"] as? Double ?? 0
            #expect(smallest == 0 || smallest >= 11, "\(page): chart text of \(smallest) px")
            stacked += report["stackedCells"] as? Int ?? 0
        }
        #expect(stacked > 100, "the pages showed \(stacked) cells of stacked tables")
    }

    /// Dates of any length keep the titles of an event list in one column.
    @Test(.tags(.external), .fullTierOnly) func eventTitlesLineUpWhateverTheDate() throws {
        guard let browser = ExternalTool.chromium else { return }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\ntitle: A long-dated event\nstart: ~2025-09-30\nend: 2025-12-24\ntype: other\nentities: [acme]\nsources: [acme-blog]\n---\n",
            to: "Content/events/long.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let profiles = try TemporaryKnowledgeBase()
        for page in ["timeline.html", "entities/acme.html"] {
            let url = kb.url("public/" + page)
            let measure = """
                <script>document.body.setAttribute("data-lefts", JSON.stringify(Array.from(new Set(Array.from(document.querySelectorAll(".event-list .what")).map(function (e) { return Math.round(e.getBoundingClientRect().left); })))));</script></body>
                """
            try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "</body>", with: measure)
                .write(to: url, atomically: true, encoding: .utf8)
            let dom = try BrowserTests.load(url, browser: browser, profile: profiles.url(page.replacingOccurrences(of: "/", with: "-"))).dom
            let lefts = dom.range(of: "data-lefts=\"").map { dom[$0.upperBound...].prefix { $0 != "\"" } }.map(String.init) ?? ""
            #expect(lefts.hasPrefix("[") && !lefts.contains(","), "\(page): titles start at \(lefts)")
        }
    }

    /// Every payload in `Tests/Fixtures/hostile` sets `data-pwned` on the page if it runs.
    @Test(.tags(.external), .fullTierOnly) func noInjectedPayloadRunsOnAnyPage() throws {
        guard let browser = ExternalTool.chromium else { return }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("hostile/Content")])
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let pages = snapshot(of: kb.url("public")).keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == 19)
        let executed = ResultCounter()
        let profiles = try TemporaryKnowledgeBase()
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            let url = kb.url("public/" + pages[i])
            guard let dom = try? BrowserTests.dom(of: url, browser: browser, profile: profiles.url("p\(i)")), dom.contains("<body") else {
                executed.fail(pages[i], "no DOM")
                return
            }
            if dom.contains("data-pwned=\"1\"") { executed.fail(pages[i], "a payload ran") }
            executed.pass()
        }
        #expect(executed.failures.isEmpty, "\(executed.failures)")
        #expect(executed.passed == pages.count)
        // Search results show payload titles as text.
        var search = URLComponents(url: kb.url("public/search.html"), resolvingAgainstBaseURL: false)!
        search.query = "q=onerror"
        let results = try BrowserTests.dom(of: search.url!, browser: browser, profile: profiles.url("search"))
        #expect(results.contains("results for") && !results.contains("data-pwned=\"1\""))
        // The harness itself must see a payload that does run.
        try kb.write(
            "<!DOCTYPE html><title>c</title><img src=x onerror=\"document.documentElement.setAttribute('data-'+'pwned','1')\">", to: "control.html")
        #expect(try BrowserTests.dom(of: kb.url("control.html"), browser: browser, profile: profiles.url("control")).contains("data-pwned=\"1\""))
        // Template syntax in content is shown, not evaluated.
        #expect(try kb.read("public/entities/evil.html").contains("{{site.title}} {{{body}}}"))
    }
}

final class ResultCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var failures: [String] = []
    private(set) var passed = 0
    func fail(_ page: String, _ why: String) { lock.withLock { failures.append("\(page): \(why)") } }
    func pass() { lock.withLock { passed += 1 } }
}
