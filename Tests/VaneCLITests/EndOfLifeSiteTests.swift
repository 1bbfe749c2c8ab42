import Foundation
import Testing
import VaneTestSupport

/// The site of an endoflife.date import stays readable: endoflife.date's largest product
/// (Samsung Mobile, 437 release cycles, Tests/Fixtures/endoflife/slice) keeps every page
/// under 300 KB, the timeline runs over numbered pages, and an edit rebuilt
/// incrementally gives the site a full build gives.
struct EndOfLifeSiteTests {
    private func vane(_ arguments: String..., in kb: TemporaryKnowledgeBase) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["VANE_TODAY"] = "2026-12-02"
        let result = try run(Repository.vane, arguments, in: kb.root, environment: environment)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result
    }

    private func pages(_ kb: TemporaryKnowledgeBase) -> [String: Data] {
        snapshot(of: kb.url("public")).filter { $0.key.hasSuffix(".html") }
    }

    @Test(.tags(.slow), .fullTierOnly) func everyPageOfTheLargestProductStaysUnder300KB() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = try vane("import", "endoflife", Repository.fixture("endoflife/slice").path, in: kb)
        _ = try vane("build", in: kb)
        let site = pages(kb)
        let large = site.filter { $0.value.count >= 300_000 }.map { "\($0.key): \($0.value.count) bytes" }.sorted()
        #expect(large.isEmpty, "\(large)")
        // 1,407 events, 500 a page, newest first; each page links the next and where each year starts.
        let folder = "Content/events/endoflife/samsung-mobile/"
        let events = try FileManager.default.contentsOfDirectory(atPath: kb.url(folder).path)
        #expect(events.count == 1407)
        #expect(site.keys.filter { $0.hasPrefix("timeline") }.sorted() == ["timeline-2.html", "timeline-3.html", "timeline.html"])
        let first = try kb.read("public/timeline.html")
        let second = try kb.read("public/timeline-2.html")
        func rows(_ page: String) -> Int { page.components(separatedBy: "<li data-type=").count - 1 }
        let third = try kb.read("public/timeline-3.html")
        #expect(rows(first) == 500 && rows(second) == 500 && rows(third) == 407)
        #expect(first.contains("<p>Page 1 of 3 · <a href=\"timeline-2.html\" rel=\"next\">Next</a></p>"))
        #expect(second.contains("<title>Timeline, page 2 · "))
        #expect(second.contains("<a href=\"timeline.html\" aria-current=\"page\">Timeline</a>"))
        #expect(first.contains("<a href=\"timeline.html#year-2026\">2026</a>"))
        // A year cut by the page break goes on under its heading on the next page.
        let year = try #require(first.components(separatedBy: "<h2 id=\"year-").last?.prefix(4))
        #expect(second.contains("<h2 id=\"year-\(year)\">\(year) (continued)</h2>"))
        // The product's page keeps its newest 200 events and says how many there are.
        let product = try kb.read("public/entities/samsung-mobile.html")
        #expect(product.contains("<p class=\"more\">The 200 newest of "))

        // Deleting events moves the page breaks; the rebuilt site equals a full build.
        for file in events.sorted().prefix(events.count - 500) {
            try kb.remove(folder + file)
        }
        _ = try vane("build", in: kb)
        let full = try TemporaryKnowledgeBase(copying: [kb.url("Content")])
        _ = try vane("build", in: full)
        let incremental = snapshot(of: kb.url("public"))
        let reference = snapshot(of: full.url("public"))
        #expect(differences(incremental, reference).isEmpty, "\(differences(incremental, reference))")
        #expect(!incremental.keys.contains("timeline-2.html"))
    }
}
