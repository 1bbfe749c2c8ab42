import Foundation
import Testing

@testable import VaneSite

/// The sitemap's split into files of at most 50,000 URLs under an index (the sitemaps
/// protocol's limit), stated with a small limit: a site of 50,001 pages is too slow a test.
struct SitemapTests {
    let base = "https://example.org/kb/"

    @Test func pagesThatFitAreOneFile() {
        let files = SiteExtras.sitemaps(base: base, pages: ["a.html", "index.html"], limit: 2)
        #expect(files.map(\.path) == ["sitemap.xml"])
        #expect(
            files[0].text() == """
                <?xml version="1.0" encoding="utf-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <url><loc>https://example.org/kb/a.html</loc></url>
                <url><loc>https://example.org/kb/</loc></url>
                </urlset>

                """)
    }

    @Test func moreThanTheLimitIsAnIndexOfFiles() {
        let pages = ["a.html", "b&c.html", "d.html", "e.html", "index.html"]
        let files = SiteExtras.sitemaps(base: base, pages: pages, limit: 2)
        #expect(files.map(\.path) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        #expect(
            files[0].text() == """
                <?xml version="1.0" encoding="utf-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                <sitemap><loc>https://example.org/kb/sitemap-1.xml</loc></sitemap>
                <sitemap><loc>https://example.org/kb/sitemap-2.xml</loc></sitemap>
                <sitemap><loc>https://example.org/kb/sitemap-3.xml</loc></sitemap>
                </sitemapindex>

                """)
        // Every page once, in order, escaped, each file within the limit.
        let listed = files.dropFirst().map { file in
            file.text().components(separatedBy: "\n").filter { $0.hasPrefix("<url>") }
        }
        #expect(listed.map(\.count) == [2, 2, 1])
        #expect(
            listed.joined().map { $0.replacingOccurrences(of: "<url><loc>", with: "").replacingOccurrences(of: "</loc></url>", with: "") }
                == ["a.html", "b&amp;c.html", "d.html", "e.html", ""].map { base + $0 })
        #expect(SiteExtras.sitemapLimit == 50_000)
    }
}
