import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneTestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The feeds as a feed reader reads them: every link of an entry's content resolves, as
/// RFC 4287 resolves it (against the content's `xml:base`), to a file of the site, and
/// a fragment to an element of it.
struct FeedTests {
    @Test(arguments: ["small", "analysis"])
    func everyLinkInAnEntrysContentResolvesToTheSite(_ fixture: String) throws {
        let folders = ["Content", "Site"].map { Repository.fixture("\(fixture)/\($0)") }.filter { FileManager.default.fileExists(atPath: $0.path) }
        let (kb, _) = try TemporaryKnowledgeBase.builtInProcess(copying: folders)
        let site = kb.url("public").standardizedFileURL
        var checked = 0
        for feed in snapshot(of: site).keys where feed.hasSuffix(".atom") {
            let document = try XMLDocument(contentsOf: site.appendingPathComponent(feed))
            for content in try document.nodes(forXPath: "//*[local-name()='content']") {
                guard let element = content as? XMLElement, let base = element.attribute(forName: "xml:base")?.stringValue else {
                    Issue.record("\(feed): a content without xml:base")
                    continue
                }
                let page = try #require(URL(string: base, relativeTo: site.appendingPathComponent(feed))?.absoluteURL)
                let html = element.stringValue ?? ""
                for match in html.matches(of: #/(?:href|src)="([^"]+)"/#) {
                    let link = String(match.1)
                    guard !link.hasPrefix("http"), !link.hasPrefix("mailto:") else { continue }
                    let target = try #require(URL(string: link, relativeTo: page)?.absoluteURL)
                    let path = target.path
                    #expect(path.hasPrefix(site.path + "/"), "\(feed): \(link) leaves the site (\(path))")
                    let text = try? String(contentsOfFile: path, encoding: .utf8)
                    #expect(text != nil || FileManager.default.fileExists(atPath: path), "\(feed): \(link) is no file (\(path))")
                    if let fragment = target.fragment, let text {
                        #expect(text.contains("id=\"\(fragment)\""), "\(feed): \(link): no #\(fragment) in \(path)")
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 0, "no relative link in any feed of \(fixture)")
    }

    /// Two ends whose ids would run together (`zed` + `api-all`, `zed-api` + the whole
    /// product) keep UIDs of their own; no DTSTAMP is after the site's day; an empty feed is
    /// dated that day; the API's `generated_at` is that day, whatever the `--as-of` written.
    @Test func calendarsAndFeedsNameTheirItemsApartAndNoDayToCome() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/zed.md": "---\nname: Zed\ntype: product\nchannels: [api-all, web]\n---\n",
            "Content/entities/zed-api.md": "---\nname: Zed API\ntype: product\n---\n",
            "Content/entities/quiet.md": "---\nname: Quiet\ntype: org\n---\n",
            "Content/events/2026-zed-ends.md":
                "---\ntitle: Zed ends\ndate: 2025-08-01\ntype: deprecation\nentities: [zed, zed-api]\nstatus:\n"
                + "  zed: { availability: { api-all: deprecated }, ends: { api-all: 2026-03-01 } }\n"
                + "  zed-api: { availability: deprecated, ends: 2026-06-01 }\n---\n",
            "Content/events/2027-zed-gone.md": "---\ntitle: Zed gone\ndate: 2027-01-15\ntype: shutdown\nentities: [zed]\n---\n",
        ])
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2025-Q3")))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let ends = try kb.read("public/feeds/ends.ics")
        let uids = ends.split(separator: "\r\n").filter { $0.hasPrefix("UID:") }
        #expect(uids.count == 2 && Set(uids).count == 2, "\(uids)")
        #expect(uids.contains("UID:end/zed/api-all/2026-zed-ends@weathervane.invalid"))
        for calendar in ["feeds/events.ics", "feeds/entities/zed.ics", "feeds/ends.ics"] {
            let stamps = try kb.read("public/" + calendar).split(separator: "\r\n").filter { $0.hasPrefix("DTSTAMP:") }
            #expect(!stamps.isEmpty && stamps.allSatisfy { $0 <= "DTSTAMP:20250930T000000Z" }, "\(calendar): \(stamps)")
        }
        #expect(try kb.read("public/feeds/entities/quiet.atom").contains("<updated>2025-09-30T00:00:00Z</updated>"))
        // A calendar with no event still holds a component, as RFC 5545 asks: the UTC zone.
        let quiet = try kb.read("public/feeds/entities/quiet.ics")
        #expect(!quiet.contains("BEGIN:VEVENT") && quiet.contains("\r\nBEGIN:VTIMEZONE\r\nTZID:UTC\r\n"), "\(quiet)")
        #expect(!(try kb.read("public/feeds/entities/zed.ics")).contains("VTIMEZONE"))
        #expect(try kb.read("public/api/v1/graph.json").contains("\"generated_at\":\"2025-09-30\""))
    }
}
