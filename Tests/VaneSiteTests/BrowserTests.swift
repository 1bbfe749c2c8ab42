import Foundation
import Testing
import VaneContent
import VaneSite
import VaneTestSupport

/// Pages opened in a real headless Chromium.
struct BrowserTests {
    static var chromium: URL? {
        executable(named: ProcessInfo.processInfo.environment["VANE_CHROMIUM"] ?? "chromium")
    }

    /// The DOM after the page has loaded and run whatever it runs.
    static func dom(of page: URL, browser: URL, profile: URL) throws -> String {
        let result = try run(browser, [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--virtual-time-budget=1500", "--dump-dom", page.absoluteString,
        ])
        return result.stdout
    }

    /// Every payload in `Tests/Fixtures/hostile` sets `data-pwned` on the page if it runs.
    @Test func noInjectedPayloadRunsOnAnyPage() throws {
        guard let browser = BrowserTests.chromium else {
            Issue.record("chromium not found (run the tests with `make test`, which installs it)")
            return
        }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("hostile/Content")])
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let pages = snapshot(of: kb.url("public")).keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count == 12)
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
        // The harness itself must see a payload that does run.
        try kb.write("<!DOCTYPE html><title>c</title><img src=x onerror=\"document.documentElement.setAttribute('data-'+'pwned','1')\">", to: "control.html")
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
