import Testing

@testable import VaneSite

/// Long lists split over numbered pages: a group cut by a page break goes on, marked
/// continued; an empty group keeps its place; each group's start is linked once.
struct PaginationTests {
    @Test func groupsRunOverPagesAndEachStartIsLinkedOnce() {
        let pages = Pagination.split([(2026, ["a", "b", "c"]), (2025, []), (2024, ["d", "e"]), (2023, ["f"])], size: 2)
        let shown = pages.map { $0.map { "\($0.group)\($0.continued ? "+" : ""):\($0.items.joined())" } }
        #expect(shown == [["2026:ab"], ["2026+:c", "2025:", "2024:d"], ["2024+:e", "2023:f"]])
        let jumps = Pagination.jumps(pages, base: "timeline", label: { "\($0)" }, anchor: { "year-\($0)" })
        #expect(
            jumps.links.map(\.url) == [
                "timeline.html#year-2026", "timeline-2.html#year-2025", "timeline-2.html#year-2024", "timeline-3.html#year-2023",
            ])
        #expect(jumps.links.map(\.last) == [false, false, false, true])
        #expect(Pagination.split([(1, [String]())], size: 2).count == 1)
    }

    @Test func pagesLinkTheirNeighboursAndKeepTheirSection() throws {
        #expect(Pagination.pager("timeline", number: 1, count: 1) == nil)
        let middle = try #require(Pagination.pager("changes", number: 2, count: 3))
        #expect(middle.previous == "changes.html" && middle.next == "changes-3.html")
        #expect(
            middle.links.map(\.url) == ["changes.html", "changes-2.html", "changes-3.html"] && middle.links.map(\.current) == [false, true, false])
        #expect(Pagination.navigationKey("timeline-12.html") == "timeline" && Pagination.navigationKey("status.html") == "status")
        #expect(Pagination.navigationKey("timeline-.html") == "timeline-")
        #expect(Pagination.title("Timeline", 1) == "Timeline" && Pagination.title("Timeline", 2) == "Timeline, page 2")
    }
}
