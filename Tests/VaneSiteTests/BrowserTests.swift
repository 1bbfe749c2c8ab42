import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneSite
import VaneTestSupport

/// Pages opened in a real headless Chromium.
struct BrowserTests {
    /// The DOM after the page has loaded and run whatever it runs.
    static func dom(of page: URL, browser: URL, profile: URL) throws -> String {
        try load(page, browser: browser, profile: profile).dom
    }

    /// The DOM, and every message the page wrote to the console (errors included).
    static func load(_ page: URL, browser: URL, profile: URL) throws -> (dom: String, console: [String]) {
        let result = try run(
            browser,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
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
        for (i, page) in ["index.html", "timeline.html", "entities/muse-spark.html", "search.html"].enumerated() {
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
        #expect(dom.range(of: "<p id=\"search-summary\"[^>]*>[0-9]+ results? for \u{201C}muse\u{201D}</p>", options: .regularExpression) != nil)
        // The timeline's filters are built by its script.
        let (timeline, _) = try BrowserTests.load(kb.url("public/timeline.html"), browser: browser, profile: profiles.url("timeline"))
        #expect(timeline.contains("<select>") && timeline.contains(">Muse Spark</option>"))
    }

    /// Every payload in `Tests/Fixtures/hostile` sets `data-pwned` on the page if it runs.
    @Test(.tags(.external), .fullTierOnly) func noInjectedPayloadRunsOnAnyPage() throws {
        guard let browser = ExternalTool.chromium else { return }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("hostile/Content")])
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let pages = snapshot(of: kb.url("public")).keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == 14)
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
