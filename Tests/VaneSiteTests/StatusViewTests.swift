import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneSite
import VaneTestSupport

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The status view and the entity charts, on the `small` fixture and the bundled knowledge base.
struct StatusViewTests {
    private func build(_ folders: [URL], asOf: String = "2026-11-26") throws -> TemporaryKnowledgeBase {
        try TemporaryKnowledgeBase.builtInProcess(copying: folders, asOf: try FuzzyDate(parsing: asOf)).0
    }

    /// Every inline chart (`<svg class="chart …">…</svg>`) of a page; not the legend's swatches.
    private func charts(_ html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg class=\"chart"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            found.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// An event of the `small` fixture's kind (citing its blog) setting one product's status.
    private func statusEvent(_ title: String, _ date: String, _ entity: String, _ status: String) -> String {
        "---\ntitle: \(title)\ndate: \(date)\ntype: other\nentities: [\(entity)]\nsources: [acme-blog]\nstatus:\n  \(entity): \(status)\n---\n"
    }

    /// A chip per channel value, each with the day its own channel took that value.
    @Test func eachChannelChipCarriesItsOwnChannelsDate() throws {
        let product = "---\nname: Relay\ntype: product\nparent: acme\nchannels: [api, app]\n---\n"
        func event(_ id: String, _ date: String, _ status: String) -> String { statusEvent(id, date, "relay", status) }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(product, to: "Content/entities/relay.md")
        try kb.write(
            event("relay-launch", "2024-04", "{ availability: generally-available, priority: invested }"), to: "Content/events/relay-launch.md")
        try kb.write(event("relay-api-deprecated", "2025-03", "{ availability: { api: deprecated } }"), to: "Content/events/relay-api.md")
        try kb.write(event("relay-app-retired", "2026-01", "{ availability: { app: retired } }"), to: "Content/events/relay-app.md")
        let built = try TemporaryKnowledgeBase.builtInProcess(copying: [kb.url("Content")], asOf: try FuzzyDate(parsing: "2026-06-01")).0
        let status = try built.read("public/status.html")
        let titles = status.matches(of: #/<title>(Relay · [^<]*)</title>/#).map { String($0.1) }
        #expect(
            titles == [
                "Relay · api (Acme): deprecated, invested since March 2025, platform risk 95",
                "Relay · app (Acme): retired, invested since January 2026, platform risk 95",
            ], "\(titles)")
    }

    /// The vendors' own views are listed by the names shown, in natural order (they came by
    /// id: "Go, Apple iOS, Kubernetes, …").
    @Test func theVendorsAreListedByName() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        for (id, name) in [("a-corp", "Zeta Corp"), ("b-corp", "Alpha Corp"), ("c-corp", "Model 10 Labs"), ("d-corp", "Model 9 Labs")] {
            try kb.write("---\nname: \(name)\ntype: vendor\n---\n", to: "Content/entities/\(id).md")
            try kb.write("---\nname: \(name) One\ntype: product\nparent: \(id)\n---\n", to: "Content/entities/\(id)-one.md")
            try kb.write(
                statusEvent("\(id) launch", "2024-04", "\(id)-one", "{ availability: generally-available, priority: invested }"),
                to: "Content/events/\(id)-launch.md")
        }
        let built = try TemporaryKnowledgeBase.builtInProcess(copying: [kb.url("Content")], asOf: try FuzzyDate(parsing: "2026-06-01")).0
        let status = try built.read("public/status.html")
        let section = try #require(status.range(of: "<h2 id=\"vendors\">By vendor</h2>"))
        let list = status[section.upperBound...]
        let names = list[..<(list.range(of: "</section>")?.lowerBound ?? list.endIndex)]
            .matches(of: #/href="status/[a-z-]+\.html">([^<]+)</a>/#).map { String($0.1) }
        #expect(names == ["Acme", "Alpha Corp", "Model 9 Labs", "Model 10 Labs", "Zeta Corp"], "\(names)")
    }

    /// A product on the way out says why on its page: sign-ups closing (it read "maintained
    /// since …", a priority that alone is drift), or its availability winding down.
    @Test func aProductOnTheWayOutSaysWhy() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        for (id, status) in [
            ("cloud9", "{ availability: generally-available, priority: maintained, closes: 2026-07-25 }"),
            ("workdocs", "{ availability: deprecated, priority: maintained }"),
        ] {
            try kb.write("---\nname: \(id)\ntype: product\nparent: acme\n---\n", to: "Content/entities/\(id).md")
            try kb.write(statusEvent("\(id) news", "2026-04-01", id, status), to: "Content/events/\(id)-news.md")
        }
        let built = try TemporaryKnowledgeBase.builtInProcess(copying: [kb.url("Content")], asOf: try FuzzyDate(parsing: "2026-06-01")).0
        #expect(
            try built.read("public/entities/cloud9.html").contains(
                "Still generally available, but on the way out: sign-ups close on 25 July 2026, announced with 115 days of notice."))
        #expect(try built.read("public/entities/workdocs.html").contains("Still usable, but on the way out: deprecated since 1 April 2026."))
    }

    /// A chip names its product without the vendor's name its mark says already (every
    /// chip of a vendor read "Samsung Mobile G…"), unless only a number would be left; its
    /// title keeps the whole name.
    @Test func aChipLeavesOutItsVendorsName() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("---\nname: Samsung Mobile\ntype: vendor\n---\n", to: "Content/entities/samsung.md")
        for (id, name) in [("a14", "Samsung Mobile Galaxy A14 5G"), ("s24", "Samsung Mobile Galaxy S24"), ("sm12", "Samsung Mobile 12")] {
            try kb.write("---\nname: \(name)\ntype: product\nparent: samsung\n---\n", to: "Content/entities/\(id).md")
            try kb.write(
                statusEvent("\(id) launch", "2024-04", id, "{ availability: generally-available, priority: invested }"),
                to: "Content/events/\(id)-launch.md")
        }
        let built = try TemporaryKnowledgeBase.builtInProcess(copying: [kb.url("Content")], asOf: try FuzzyDate(parsing: "2026-06-01")).0
        for page in ["public/status.html", "public/status/samsung.html"] {
            let chips = try built.read(page).matches(of: #/<text x="[0-9.]+" y="[0-9.]+" font-size="12">([^<]+)</text>/#).map { String($0.1) }
            #expect(chips.contains("Galaxy A14 5G") && chips.contains("Galaxy S24") && chips.contains("Samsung Mobile 12"), "\(page): \(chips)")
            #expect(try built.read(page).contains("<title>Samsung Mobile Galaxy S24 (Samsung Mobile): generally available, invested"))
        }
    }

    /// A dot on the product's chart names the event that moved its line, not the last event
    /// of its day: the API preview of the same month, or a priority set the same day after a
    /// whole-product value (one move for every channel), named every line.
    @Test func aChartsDotNamesTheEventThatMovedItsLine() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        func event(_ id: String, _ status: String) -> String { statusEvent(id, "2026-04-08", "widget", status) }
        try kb.write("---\nname: Widget\ntype: product\nparent: acme\nchannels: [cloud, server]\n---\n", to: "Content/entities/widget.md")
        try kb.write(event("a-launch", "{ availability: generally-available }"), to: "Content/events/a-launch.md")
        try kb.write(event("b-pricing", "{ priority: flagship }"), to: "Content/events/b-pricing.md")
        let built = try TemporaryKnowledgeBase.builtInProcess(copying: [kb.url("Content")], asOf: try FuzzyDate(parsing: "2026-06-01")).0
        let chart = try #require(charts(try built.read("public/entities/widget.html")).first)
        let dots = chart.matches(of: #/<title>(8 April 2026: [^<]*)</title>/#).map { String($0.1) }
        #expect(
            dots == [
                "8 April 2026: cloud: Generally available (a-launch)", "8 April 2026: server: Generally available (a-launch)",
                "8 April 2026: Flagship (b-pricing)",
            ], "\(dots)")
    }

    /// "Since" is when the product reached where it stands, not when its best channel got
    /// its value: Windows 10 is generally available since 2015, through its paid updates
    /// once the free ones ended, not since those opened.
    @Test func sinceIsWhenTheProductGotWhereItStands() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        func event(_ id: String, _ date: String, _ status: String) -> String { statusEvent(id, date, "windows", status) }
        try kb.write("---\nname: Windows\ntype: product\nparent: acme\nchannels: [standard, { esu: paid }]\n---\n", to: "Content/entities/windows.md")
        try kb.write(event("windows-ga", "2015-07-29", "{ availability: generally-available, priority: invested }"), to: "Content/events/w1.md")
        try kb.write(event("windows-esu", "2023-10-03", "{ availability: { esu: generally-available } }"), to: "Content/events/w2.md")
        try kb.write(event("windows-end", "2025-10-14", "{ availability: { standard: retired } }"), to: "Content/events/w3.md")
        let built = try TemporaryKnowledgeBase.builtInProcess(copying: [kb.url("Content")], asOf: try FuzzyDate(parsing: "2026-06-01")).0
        let json = try vane("status", "--as-of", "2026-06-01", "--format", "json", "--entity", "windows", in: built.root)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect((rows.first?["since"] as? [String: Any])?["iso"] as? String == "2015-07-29", "\(json.stdout)")
        // The chip of the paid channel carries its own day.
        let status = try built.read("public/status.html")
        let title = try #require(status.firstMatch(of: #/<title>(Windows · esu[^<]*)</title>/#)).1
        #expect(title == "Windows · esu (paid) (Acme): generally available, invested since 3 October 2023, platform risk 56", "\(title)")
    }

    @Test func chartsAreWellFormedXMLWithTitleAndDescription() throws {
        let kb = try build(Repository.founding)
        let pages = ["public/status.html", "public/status/meta.html", "public/entities/llama.html", "public/entities/muse-spark.html"]
        for page in pages {
            let svgs = charts(try kb.read(page))
            // A product's page draws its history wide and narrow.
            #expect(svgs.count == (page.contains("/entities/") ? 2 : 1), "\(page)")
            for svg in svgs {
                let parser = XMLParser(data: Data(svg.utf8))
                #expect(parser.parse(), "\(page): \(parser.parserError.map { "\($0)" } ?? "")")
                #expect(svg.contains("<title id=") && svg.contains("<desc id="))
            }
        }
        #expect(charts(try kb.read("public/entities/meta.html")).isEmpty)
    }

    /// At endoflife.date's scale (here 120 products of 3 release cycles each, every cycle with
    /// an announced end) the board folds each product's cycles into its row, keeps the top
    /// 100 and says so, and the status and home pages stay well under 300 KB; a product's
    /// own view still lists each of its cycles. The home page leads with the ranking.
    /// Ends ahead extend the time axis past the as-of day, which is marked where it falls;
    /// the lines stop there, and two ends' labels that would touch take a line each.
    @Test func endsAheadLieBeyondTheAsOfDayWithLabelsApart() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\nname: Server\ntype: product\nparent: acme\nchannels: [standard, { extended: paid }]\n---\n", to: "Content/entities/server.md")
        try kb.write(
            "---\ntitle: Server launch\ndate: 2016-10-15\ntype: launch\nentities: [server]\nsources: [acme-blog]\nstatus:\n"
                + "  server: { availability: generally-available, priority: maintained, ends: { standard: 2027-01-12, extended: 2030-01-12 } }\n---\n",
            to: "Content/events/server-launch.md")
        let built = try TemporaryKnowledgeBase.builtInProcess(copying: [kb.url("Content")], asOf: try FuzzyDate(parsing: "2026-12-05")).0
        let chart = try #require(charts(try built.read("public/entities/server.html")).first { $0.contains("history-chart wide") })
        // The labels as read (each has a white copy under it, its halo, hidden from readers).
        let labels = chart.matches(of: #/<text x="([\d.]+)" y="([\d.]+)"[^>]*>ends ([^<]*)</text>/#).filter { !$0.0.contains("aria-hidden") }.map {
            (Double($0.1)!, Double($0.2)!, String($0.3))
        }
        #expect(labels.map(\.2) == ["12 January 2027 (standard)", "12 January 2030 (extended (paid))"], "\(labels)")
        #expect(Set(labels.map(\.1)).count == 2, "each end's label on a line of its own")
        // Under the availability panel, where no channel's line runs (over it, they hid a
        // channel's fall to the bottom rows).
        let retired = try #require(chart.firstMatch(of: #/<text x="[\d.]+" y="([\d.]+)"[^>]*>Retired</text>/#))
        #expect(labels.allSatisfy { $0.1 > Double(retired.1)! + 9 }, "\(labels) \(retired.1)")
        // Each end in its channel's colour, the legend's (the extended channel's end was in
        // the standard channel's rust).
        let legend = Dictionary(
            uniqueKeysWithValues: chart.matches(of: #/fill="(#[0-9a-f]{6})"/><text x="[\d.]+" y="[\d.]+" font-size="11">([^<]+)</text>/#).map {
                (String($0.2), String($0.1))
            })
        let colours = chart.matches(of: #/fill="(#[0-9a-f]{6})">ends [^(]*\((.+)\)</text>/#).map { (String($0.2), String($0.1)) }
        #expect(colours.map(\.0) == ["standard", "extended (paid)"] && colours.allSatisfy { legend[$0.0] == $0.1 }, "\(colours) \(legend)")
        #expect(Set(colours.map(\.1)).count == 2)
        let asOf = try #require(chart.firstMatch(of: #/<text x="([\d.]+)"[^>]*>as of 5 December 2026</text>/#))
        #expect(Double(asOf.1)! < labels[1].0, "the as-of day lies before the last end")
        #expect(chart.contains(">2030</text>"), "year ticks run to the end")
        // No line runs past the as-of day.
        let ends = chart.matches(of: #/<polyline points="([^"]*)"/#).compactMap {
            $0.1.split(separator: " ").last?.split(separator: ",").first.flatMap { Double($0) }
        }
        #expect(!ends.isEmpty && ends.allSatisfy { $0 <= Double(asOf.1)! + 0.1 }, "\(ends)")
    }

    @Test func releaseCyclesFoldUnderTheirProductAndThePagesStaySmall() throws {
        let kb = try TemporaryKnowledgeBase()
        try kb.write("---\ntitle: Cycles\npublisher: Analyst desk\nurl: https://example.org/cycles\n---\n", to: "Content/sources/notes.md")
        for p in 0..<120 {
            try kb.write("---\nname: Tool \(p)\ntype: product\n---\n", to: "Content/entities/tool-\(p).md")
            for c in 1...3 {
                let id = "tool-\(p)-\(c)"
                try kb.write("---\nname: Tool \(p) \(c).0\ntype: product\nparent: tool-\(p)\n---\n", to: "Content/entities/\(id).md")
                let month = String(format: "%02d", 1 + (p + c) % 12)
                try kb.write(
                    "---\ntitle: Tool \(p) \(c).0 released\ndate: 2025-0\(c)-01\ntype: other\nentities: [\(id)]\nsources: [notes]\nstatus:\n"
                        + "  \(id): { availability: generally-available, priority: maintained, ends: 2027-\(month)-15 }\n---\nReleased [@notes].\n",
                    to: "Content/events/\(id)-release.md")
            }
        }
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let page = try kb.read("public/status.html")
        #expect(page.utf8.count < 200_000, "status.html is \(page.utf8.count) bytes")
        let board = try #require(page.range(of: "<h2 id=\"risk-board\">")).upperBound
        #expect(page[board...].components(separatedBy: "<td class=\"rank\">").count - 1 == 100)
        #expect(
            page.contains(
                "<td class=\"lead\"><a href=\"entities/tool-0.html\">Tool 0</a><br><span class=\"successor\">3 release cycles available: 1.0, 2.0, 3.0</span>"
            ))
        #expect(!page[board...].contains("href=\"entities/tool-0-1.html\">Tool 0 1.0</a>"))
        #expect(page.contains("The 100 highest of 120 products"))
        let home = try kb.read("public/index.html")
        #expect(home.utf8.count < 100_000, "index.html is \(home.utf8.count) bytes")
        let top = try #require(home.range(of: "<h2 id=\"risk-top\">"))
        let ends = try #require(home.range(of: "<h2 id=\"announced-ends\">"))
        #expect(top.lowerBound < ends.lowerBound)
        // What the ends board leaves out is counted once per product: ten of 120 shown.
        #expect(home.contains("110 more products have an end ahead;") && !home.contains("ends came in the last"))
        // The product's own view lists its cycles one by one.
        let own = try kb.read("public/status/tool-0.html")
        #expect(
            own.components(separatedBy: "<td class=\"rank\">").count - 1 == 3 && own.contains("href=\"../entities/tool-0-1.html\">Tool 0 1.0</a>"))
        // Among 120 vendors, a vendor's view links to the list on status.html instead of repeating it.
        #expect(own.contains("<a href=\"../status.html#vendors\">Every vendor's own view</a>") && !own.contains("<h2 id=\"vendors\">"))
    }

    /// Versions as a reader counts them: a product's cycles folded on the board, and the
    /// list of what is part of it, in natural order (4.10, 9.10, 10.04), not the board's
    /// ranking or the ids' text order; the claims about an entity newest first.
    @Test func versionsAreListedInNaturalOrder() throws {
        var files = [
            "Content/entities/ubuntu.md": "---\nname: Ubuntu\ntype: product\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Canonical\nurl: https://example.org/s\n---\n",
        ]
        for (version, end) in [("10.04", "2027-01-01"), ("4.10", "2027-03-01"), ("9.10", "2027-02-01")] {
            let id = "ubuntu-" + version.replacingOccurrences(of: ".", with: "-")
            files["Content/entities/\(id).md"] = "---\nname: Ubuntu \(version)\ntype: product\nparent: ubuntu\n---\n"
            files["Content/events/\(id)-release.md"] =
                "---\ntitle: Ubuntu \(version)\ndate: 2025-01-01\ntype: release\nentities: [\(id)]\nsources: [s]\nstatus:\n"
                + "  \(id): { availability: generally-available, priority: maintained, ends: \(end) }\n---\n"
        }
        for (id, date) in [("a-late", "2026-05"), ("b-early", "2025-02"), ("c-middle", "2025-09")] {
            files["Content/claims/\(id).md"] =
                "---\ntitle: Claim \(id)\nclaimant: ubuntu\nabout: [ubuntu]\ndate: \(date)\nsources: [s]\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        #expect(try kb.read("public/status.html").contains("3 release cycles available: 4.10, 9.10, 10.04"))
        let page = try kb.read("public/entities/ubuntu.html")
        let children = try #require(page.range(of: "<h2 id=\"children\">")).upperBound
        let order = ["ubuntu-4-10", "ubuntu-9-10", "ubuntu-10-04"].compactMap {
            page.range(of: "entities/\($0).html", range: children..<page.endIndex)?.lowerBound
        }
        #expect(order.count == 3 && order == order.sorted())
        let claims = ["a-late", "c-middle", "b-early"].compactMap { page.range(of: "claims/\($0).html")?.lowerBound }
        #expect(claims.count == 3 && claims == claims.sorted())
        // A product whose status is its cycles' says it on its page (it said nothing), and
        // follows them when a build is incremental.
        #expect(page.contains("<p class=\"reading\">3 release cycles available: 4.10, 9.10, 10.04.</p>"), "\(page)")
        #expect(page.contains("<dt>Next end</dt><dd><a href=\"../entities/ubuntu-10-04.html\">Ubuntu 10.04</a>: <time datetime=\"2027-01-01\">"))
        try kb.write(
            "---\ntitle: Gone\ndate: 2026-02-01\ntype: shutdown\nentities: [ubuntu-4-10]\nsources: [s]\nstatus:\n  ubuntu-4-10: { availability: retired }\n---\n",
            to: "Content/events/ubuntu-4-10-gone.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(
            try kb.read("public/entities/ubuntu.html").contains(
                "<p class=\"reading\">2 release cycles available: 9.10, 10.04; 1 more is no longer available.</p>"))
    }

    /// A successor that is gone itself is no migration target: the line goes on to where it
    /// leads (`.NET 6 → .NET 8 (Retired) → .NET 10`), and follows a change there when the
    /// build is incremental.
    @Test func aGoneSuccessorLeadsOnToItsOwn() throws {
        let event = { (id: String, date: String, status: String) in
            ("Content/events/\(id).md", "---\ntitle: \(id)\ndate: \(date)\ntype: other\nentities: [net]\nsources: [s]\nstatus:\n  \(status)\n---\n")
        }
        let kb = try TemporaryKnowledgeBase(
            Dictionary(uniqueKeysWithValues: [
                ("Content/entities/net.md", "---\nname: Microsoft\ntype: vendor\n---\n"),
                ("Content/entities/net-6.md", "---\nname: .NET 6\ntype: product\nparent: net\nsuccessors: [net-8]\n---\n"),
                ("Content/entities/net-8.md", "---\nname: .NET 8\ntype: product\nparent: dotnet-foundation\nsuccessors: [net-10]\n---\n"),
                ("Content/entities/dotnet-foundation.md", "---\nname: .NET Foundation\ntype: vendor\n---\n"),
                // Under another vendor: the first vendor's view follows it through the line alone.
                ("Content/entities/net-10.md", "---\nname: .NET 10\ntype: product\nparent: dotnet-foundation\n---\n"),
                ("Content/sources/s.md", "---\ntitle: Notes\npublisher: Microsoft\nurl: https://example.org/s\n---\n"),
                event("e6", "2022-01-01", "net-6: { availability: generally-available, priority: maintained, ends: 2024-11-12 }"),
                event("e8", "2023-11-14", "net-8: { availability: generally-available, priority: maintained, ends: 2026-11-10 }"),
                event("e10", "2025-11-11", "net-10: { availability: generally-available, priority: flagship }"),
                ("Content/uses/ours.md", "---\nproduct: net-6\nteam: web\ncriticality: medium\n---\n"),
            ]))
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let line = "→ .NET 8 (Retired · Maintained) → .NET 10 (Generally available · Flagship)"
        #expect(try kb.read("public/status.html").contains(line))
        // `vane exposure`'s JSON and CSV follow it as its table does.
        let json = try vane("exposure", "--as-of", fixedDay.text, "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let successor = try #require((rows.first?["successors"] as? [[String: Any]])?.first)
        #expect(successor["entity"] as? String == "net-8" && successor["position"] as? String == "Retired · Maintained")
        let onward = try #require(successor["onward"] as? [[String: Any]])
        #expect(onward.map { $0["entity"] as? String } == ["net-10"] && onward.first?["position"] as? String == "Generally available · Flagship")
        let csv = try vane("exposure", "--as-of", fixedDay.text, "--format", "csv", in: kb.root).stdout
        #expect(
            csv.hasPrefix("rank,") && csv.contains(",successor_lines,channel,closes,closes_channel,closes_notice,closes_days_left\r\n")
                && csv.contains(",net-8>net-10,,,,,\r\n"), "\(csv)")
        // The product's page, `vane status` and `vane show` follow it too.
        #expect(
            try kb.read("public/entities/net-6.html").contains(
                "<span class=\"successor\">(Retired · Maintained)</span> <span class=\"successor\">→ .NET 10 (Generally available · Flagship)</span>")
        )
        let chain = "net-8 (retired · maintained) → net-10 (generally-available · flagship)"
        #expect(try vane("status", "--as-of", fixedDay.text, in: kb.root).stdout.contains(chain))
        #expect(try vane("show", "net-6", "--as-of", fixedDay.text, in: kb.root).stdout.contains("successors: " + chain))
        try kb.write(
            "---\ntitle: e11\ndate: 2026-11-20\ntype: other\nentities: [net]\nsources: [s]\nstatus:\n  net-10: { priority: maintained }\n---\n",
            to: "Content/events/e11.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(try kb.read("public/status.html").contains("→ .NET 8 (Retired · Maintained) → .NET 10 (Generally available · Maintained)"))
        #expect(try kb.read("public/status/net.html").contains("→ .NET 10 (Generally available · Maintained)"))
        #expect(try kb.read("public/entities/net-6.html").contains("→ .NET 10 (Generally available · Maintained)</span>"))
        // A step of the line folded into the next says so, after an incremental build too.
        try kb.write("---\nname: .NET 8\ntype: product\nparent: dotnet-foundation\nfolded_into: [net-10]\n---\n", to: "Content/entities/net-8.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(try kb.read("public/entities/net-6.html").contains("→ folded into .NET 10 (Generally available · Maintained)</span>"))
    }

    /// A long line of gone successors (a release cycle's runs through every later cycle)
    /// shows its first and last steps and how many it leaves out between.
    @Test func aLongLineOfGoneSuccessorsIsShortened() throws {
        var files: [String: String] = ["Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n"]
        for i in 1...6 {
            files["Content/entities/p\(i).md"] = "---\nname: P\(i)\ntype: product\nparent: v\n\(i < 6 ? "successors: [p\(i + 1)]\n" : "")---\n"
            let value = i < 6 ? "retired" : "generally-available"
            files["Content/events/e\(i).md"] =
                "---\ntitle: E\(i)\ndate: 2020-01-0\(i)\ntype: other\nentities: [p\(i)]\nstatus:\n  p\(i): { availability: \(value), priority: maintained }\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(
            try kb.read("public/entities/p1.html").contains(
                "<span class=\"successor\">(Retired · Maintained)</span> <span class=\"successor\">→ 3 more, each gone → P6 (Generally available · Maintained)</span>"
            ))
        #expect(
            try vane("status", "--as-of", fixedDay.text, in: kb.root).stdout.contains(
                "p2 (retired · maintained) → 3 more, each gone → p6 (generally-available · maintained)"))
    }

    /// What is gone is listed by name in natural order (Q 3.2 before Q 3.10, not by id);
    /// a product whose available cycles have no risk (none has a priority) says so, not
    /// that none is available.
    @Test func goneInNaturalOrderAndCyclesWithoutRisk() throws {
        func event(_ id: String, _ entity: String, _ status: String) -> (String, String) {
            (
                "Content/events/\(id).md",
                "---\ntitle: \(id)\ndate: 2020-01-01\ntype: other\nentities: [\(entity)]\nstatus:\n  \(entity): \(status)\n---\n"
            )
        }
        let kb = try TemporaryKnowledgeBase(
            Dictionary(uniqueKeysWithValues: [
                ("Content/entities/v.md", "---\nname: V\ntype: vendor\n---\n"),
                ("Content/entities/q-3-2.md", "---\nname: Q 3.2\ntype: product\nparent: v\n---\n"),
                ("Content/entities/q-3-10.md", "---\nname: Q 3.10\ntype: product\nparent: v\n---\n"),
                ("Content/entities/p.md", "---\nname: P\ntype: product\nparent: v\n---\n"),
                ("Content/entities/p-1.md", "---\nname: P 1\ntype: product\nparent: p\n---\n"),
                event("e1", "q-3-2", "{ availability: retired }"), event("e2", "q-3-10", "{ availability: retired }"),
                event("e3", "p-1", "{ availability: generally-available }"),
                // A cycle whose channels stand apart, shown as its product: they are named as the cycle's.
                ("Content/entities/r.md", "---\nname: R\ntype: product\nparent: v\n---\n"),
                ("Content/entities/r-1.md", "---\nname: R 1\ntype: product\nparent: r\nchannels: [standard, { extended-support: extended }]\n---\n"),
                event("e4", "r-1", "{ availability: { standard: retired, extended-support: generally-available }, priority: maintained }"),
            ]))
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let status = try kb.read("public/status.html")
        let (three2, three10) = (try #require(status.range(of: ">Q 3.2<")), try #require(status.range(of: ">Q 3.10<")))
        #expect(three2.lowerBound < three10.lowerBound)
        #expect(
            try kb.read("public/entities/p.html").contains(
                "<dt>Platform risk</dt><dd>unknown: no available release cycle has both axes (a priority is needed)</dd>"))
        // A folded row's position is its lead cycle's, named before each axis (its priority
        // read as the product's: trial h10-F1).
        #expect(
            status.contains(
                "<td data-label=\"Available today\">R 1: Generally available (extended-support (extended): generally available, standard: retired)</td><td data-label=\"Strategic priority\">R 1: Maintained</td>"
            ), "\(status)")
        // The chart's data names the row for the cycle already: not twice.
        #expect(status.contains(">R 1</a></td><td data-label=\"Available today\">Generally available (extended-support"), "\(status)")
    }

    /// A board that folds release cycles says how many more ends a row stands for, and of
    /// the ends that came, shows one that left its cycle gone, not a standard end after which
    /// the cycle goes on under extended support (trial h10-F5).
    @Test func aFoldedEndSaysHowManyMoreAndWhatWentAway() throws {
        var files = [
            "Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n",
            "Content/entities/k.md": "---\nname: Kube\ntype: product\nparent: v\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: V\nurl: https://example.org/s\n---\n",
        ]
        // As of 26 November 2026: 1.1 went away in September; 1.2's standard support ended
        // in October and its extended support goes on to October 2027; 1.3 and 1.4 end next year.
        let cycles = [
            ("1-1", "{ availability: generally-available, priority: maintained, ends: 2026-09-01 }"),
            ("1-2", "{ availability: generally-available, priority: maintained, ends: { standard: 2026-10-01, extended: 2027-10-01 } }"),
            ("1-3", "{ availability: generally-available, priority: maintained, ends: 2027-03-01 }"),
            ("1-4", "{ availability: generally-available, priority: flagship, ends: 2027-06-01 }"),
        ]
        for (cycle, status) in cycles {
            let channels = cycle == "1-2" ? "\nchannels: [standard, { extended: paid }]" : ""
            files["Content/entities/k-\(cycle).md"] =
                "---\nname: Kube \(cycle.replacingOccurrences(of: "-", with: "."))\ntype: product\nparent: k\(channels)\n---\n"
            files["Content/events/k-\(cycle)-released.md"] =
                "---\ntitle: Kube \(cycle) released\ndate: 2025-01-01\ntype: release\nentities: [k-\(cycle)]\nsources: [s]\nstatus:\n  k-\(cycle): \(status)\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        for page in ["public/status.html", "public/index.html"] {
            let html = try kb.read(page)
            let board = try #require(html.range(of: "<h2 id=\"announced-ends\">"), "\(page)")
            let part = html[board.upperBound...]
            let ends = String(part[..<(try #require(part.range(of: "</section>"))).lowerBound])
            // 1.4's end and 1.2's extended support's are ahead too.
            #expect(ends.contains(">Kube 1.3</a> <span class=\"also-folded\">and 2 more ends of Kube</span></td>"), "\(page): \(ends)")
            #expect(!ends.contains(">Kube 1.4</a>"), "\(page): \(ends)")
            // Of the two that came, the end that took 1.1 away, though 1.2's standard end came later.
            #expect(ends.contains(">Kube 1.1</a> <span class=\"also-folded\">and 1 more end of Kube</span></td>"), "\(page): \(ends)")
            #expect(!ends.contains(">Kube 1.2</a>"), "\(page): \(ends)")
        }
        // The vendor's own view folds nothing: every end, with no count.
        let own = try kb.read("public/status/v.html")
        #expect(own.contains(">Kube 1.2</a> <span class=\"badge\">standard</span></td>") && !own.contains("also-folded"), "\(own)")
    }

    /// A product with no recorded priority has no place on the chart, and the chart says
    /// so (34 of 50 imported products were left off without a word); a ledger with no claim
    /// says how to write one.
    @Test func theChartSaysWhatItLeavesOut() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/a.md": "---\nname: A\ntype: product\n---\n",
            "Content/entities/b.md": "---\nname: B\ntype: product\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2025-01-01\ntype: launch\nentities: [a, b]\nstatus:\n  a: { availability: generally-available, priority: flagship }\n"
                + "  b: { availability: generally-available }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(
            try kb.read("public/status.html").contains(
                "are left out. 1 of the 2 products has no recorded priority, so no place on the chart; the table below lists it all the same.</figcaption>"
            ))
        #expect(try kb.read("public/claims.html").contains("<p>No claims yet: write one in Content/claims/"))
    }

    /// A board of more than 100 products: the table lists the first 100, and the caption
    /// counts those of them with no place (it said the table listed all 349 of 451), and
    /// claims no view that lists the rest (a vendor's own stops at 100 too).
    @Test func theCaptionCountsTheUnplacedTheTableLists() throws {
        var files = ["Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n"]
        var status = ""
        for i in 0..<130 {
            files["Content/entities/p\(i).md"] = "---\nname: P\(i)\ntype: product\nparent: v\n---\n"
            // 30 with a priority (placed, ranked first by their risk), 100 without.
            status += i < 30 ? "  p\(i): { availability: deprecated, priority: sunset }\n" : "  p\(i): { availability: generally-available }\n"
        }
        files["Content/events/e.md"] = "---\ntitle: E\ndate: 2025-01-01\ntype: other\nentities: [v]\nstatus:\n\(status)---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/status.html")
        #expect(
            page.contains(
                "100 of the 130 products have no recorded priority, so no place on the chart; 70 of them are among the 100 the table below lists."),
            "\(page.firstMatch(of: #/\d+ of the 130[^<]*/#).map { String($0.0) } ?? page)")
    }

    /// A product folded into one and succeeded by another: the boards say which is which
    /// (they read "folded into A, B", the successor B among the folds).
    @Test func aFoldAndASuccessorAreSaidApart() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n",
            "Content/entities/old.md": "---\nname: Old\ntype: product\nparent: v\nfolded_into: [merged]\nsuccessors: [next]\n---\n",
            "Content/entities/merged.md": "---\nname: Merged\ntype: product\nparent: v\n---\n",
            "Content/entities/next.md": "---\nname: Next\ntype: product\nparent: v\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2025-01-01\ntype: other\nentities: [old, merged, next]\nstatus:\n"
                + "  old: { availability: deprecated, priority: sunset }\n  merged: { availability: generally-available, priority: flagship }\n"
                + "  next: { availability: generally-available, priority: invested }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let status = try kb.read("public/status.html")
        #expect(
            status.contains("folded into Merged (Generally available · Flagship); succeeded by Next (Generally available · Invested)"),
            "\(status)")
        #expect(!status.contains("folded into Merged (Generally available · Flagship), Next"))
    }

    /// A label set in `status_labels` is written as configured inside sentences and channel
    /// lists (an acronym read "ga"); a default one is lower-cased there, vane's own "Closed
    /// to new customers" too (it kept its capital).
    @Test func aConfiguredLabelKeepsItsCaseInSentences() throws {
        let kb = try TemporaryKnowledgeBase([
            "Site/config.yml": "status_labels:\n  generally-available: GA\n",
            "Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n",
            "Content/entities/p.md": "---\nname: P\ntype: product\nparent: v\nchannels: [api, console, portal]\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2025-01-01\ntype: launch\nentities: [p]\nstatus:\n"
                + "  p: { availability: { api: generally-available, console: deprecated, portal: closed-to-new }, priority: maintained }\n---\n",
            "Content/events/f.md": "---\ntitle: F\ndate: 2025-02-01\ntype: other\nentities: [p]\nstatus:\n  p: { ends: { api: 2027-03-31 } }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/entities/p.html")
        #expect(page.contains("GA (api: GA, console: deprecated, portal: closed to new customers)"), "\(page)")
        #expect(page.contains("Still GA;"), "\(page)")
        #expect(!page.contains(": ga") && !page.contains("availability ga"), "\(page)")
    }

    /// An extended end's notice reads as a sentence on the product's page and the board
    /// (they read "after 364 days (from the first announcement; …) of notice" and "…)' notice").
    @Test func anExtendedEndsNoticeReadsAsASentence() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/p.md": "---\nname: P\ntype: product\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2024-01-01\ntype: launch\nentities: [p]\nstatus:\n  p: { availability: generally-available, priority: maintained }\n---\n",
            "Content/events/b.md": "---\ntitle: B\ndate: 2025-01-01\ntype: deprecation\nentities: [p]\nstatus:\n  p: { ends: 2025-06-30 }\n---\n",
            "Content/events/c.md": "---\ntitle: C\ndate: 2025-03-01\ntype: other\nentities: [p]\nstatus:\n  p: { ends: 2025-12-31 }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2025-04-01"))).succeeded)
        let page = try kb.read("public/entities/p.html")
        #expect(page.contains("after 364 days of notice from the first announcement (1 January 2025), 305 days from the extension"), "\(page)")
        let status = try kb.read("public/status.html")
        #expect(
            status.contains(
                "announced for 31 December 2025, 364 days of notice from the first announcement (1 January 2025), 305 days from the extension"))
        #expect(!page.contains("extension) of notice") && !status.contains("extension)' notice"))
    }

    /// Dated successor advice is a change on "what changed" as in `vane changes` (the page
    /// left it out).
    @Test func successorAdviceIsAChangeOnTheChangesPage() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/old.md": "---\nname: Old Tool\ntype: product\n---\n",
            "Content/entities/new.md": "---\nname: New Tool\ntype: product\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2026-01-01\ntype: launch\nentities: [old, new]\nstatus:\n  old: { availability: generally-available, priority: maintained }\n"
                + "  new: { availability: generally-available, priority: flagship }\n---\n",
            "Content/events/b.md": "---\ntitle: B\ndate: 2026-03-10\ntype: other\nentities: [old]\nstatus:\n  old: { successors: [new] }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(
            try kb.read("public/changes.html").contains(
                "<time datetime=\"2026-03-10\">10 March 2026</time> · <a href=\"entities/old.html\">Old Tool</a>: successors none → New Tool · <a href=\"events/b.html\">B</a></li>"
            ))
    }

    /// What `status.html` shows from the first row's "Why" cell of its risk board on.
    private func firstWhy(_ kb: TemporaryKnowledgeBase) throws -> Substring {
        let status = try kb.read("public/status.html")
        let board = try #require(status.range(of: "<h2 id=\"risk-board\">")).upperBound
        return status[try #require(status[board...].range(of: "<td data-label=\"Why\">")).upperBound...]
    }

    /// A bundle closing while the product is sold on its own is no fall: the move that
    /// matters on the board is the real one (it was the bundle's retirement).
    @Test func aBundlesEndIsNotTheMoveThatMatters() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/teams.md": "---\nname: Teams\ntype: product\nchannels: [standalone, { suite: bundle }]\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2024-01-10\ntype: launch\nentities: [teams]\nstatus:\n  teams: { availability: generally-available, priority: invested }\n---\n",
            "Content/events/b.md":
                "---\ntitle: B\ndate: 2024-06-10\ntype: other\nentities: [teams]\nstatus:\n  teams: { priority: maintained }\n---\n",
            "Content/events/c.md":
                "---\ntitle: C\ndate: 2024-10-10\ntype: other\nentities: [teams]\nstatus:\n  teams: { availability: { suite: retired } }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2025-01-31"))).succeeded)
        let why = try firstWhy(kb)
        #expect(why.hasPrefix("<time datetime=\"2024-06-10\">10 June 2024</time>: priority Invested → Maintained"), "\(why.prefix(300))")
    }

    /// With no end and no fall, the move that matters is what set today's values, as the
    /// product's page and `vane status` say: not a later rise of another channel, which moved
    /// neither value (the board named the app's launch, the page the web's).
    @Test func withNoFallTheMoveThatMattersIsWhatSetTodaysValues() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/anvil.md": "---\nname: Anvil\ntype: product\nchannels: [web, app]\n---\n",
            "Content/events/a.md":
                "---\ntitle: Web\ndate: 2024-01-10\ntype: launch\nentities: [anvil]\nstatus:\n  anvil: { availability: { web: generally-available }, priority: flagship }\n---\n",
            "Content/events/b.md":
                "---\ntitle: App\ndate: 2025-06-01\ntype: release\nentities: [anvil]\nstatus:\n  anvil: { availability: { app: generally-available } }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2025-12-31"))).succeeded)
        let why = try firstWhy(kb)
        #expect(why.hasPrefix("<time datetime=\"2024-01-10\">10 January 2024</time>"), "\(why.prefix(300))")
        let home = try kb.read("public/index.html")
        #expect(home.contains("title=\"Web\">10 January 2024: "), "\(home)")
    }

    /// A fall undone since (a priority that fell, and came back when the end was called off)
    /// is not the move that matters: what set today's values is (trial h14-F2).
    @Test func aFallUndoneIsNotTheMoveThatMatters() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/video.md": "---\nname: Video\ntype: product\n---\n",
            "Content/events/a.md":
                "---\ntitle: Launch\ndate: 2020-01-10\ntype: launch\nentities: [video]\nstatus:\n  video: { availability: generally-available, priority: invested }\n---\n",
            "Content/events/b.md":
                "---\ntitle: End of life\ndate: 2023-12-05\ntype: deprecation\nentities: [video]\nstatus:\n  video: { priority: sunset, ends: 2024-12-05 }\n---\n",
            "Content/events/c.md":
                "---\ntitle: Reversed\ndate: 2024-10-22\ntype: statement\nentities: [video]\nstatus:\n  video: { priority: invested, ends: none }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let why = try firstWhy(kb)
        #expect(why.hasPrefix("<time datetime=\"2024-10-22\">22 October 2024</time>: priority Sunset → Invested"), "\(why.prefix(300))")
        // A fall undone in part still matters: flagship to sunset, then back to maintained.
        try kb.write(
            "---\ntitle: Reversed\ndate: 2024-10-22\ntype: statement\nentities: [video]\nstatus:\n  video: { priority: maintained, ends: none }\n---\n",
            to: "Content/events/c.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(try firstWhy(kb).hasPrefix("<time datetime=\"2023-12-05\">5 December 2023</time>: priority Invested → Sunset"))
        // Before the reversal, the fall is what matters (with the end announced, the end).
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2024-06-01"))).succeeded)
        #expect(try firstWhy(kb).hasPrefix("<time datetime=\"2023-12-05\">5 December 2023</time>: end announced"))
    }

    /// A use's page says where it stands with no end announced too: the band and the risk,
    /// as the exposure page has them (it said nothing).
    @Test func aUseWithNoEndStillSaysWhereItStands() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/tool.md": "---\nname: Tool\ntype: product\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2024-01-10\ntype: launch\nentities: [tool]\nstatus:\n  tool: { availability: generally-available, priority: flagship }\n---\n",
            "Content/events/b.md": "---\ntitle: B\ndate: 2026-06-10\ntype: other\nentities: [tool]\nstatus:\n  tool: { priority: sunset }\n---\n",
            "Content/uses/ours.md": "---\nproduct: tool\nteam: web\ncriticality: high\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let exposure = try kb.read("public/exposure.html")
        let band = try #require(exposure.range(of: "<td data-label=\"Standing\">")).upperBound
        let standing = String(exposure[band...].prefix { $0 != "<" })
        #expect(standing.hasPrefix("on the way out · "))
        #expect(try kb.read("public/uses/ours.html").contains("<dt>Standing</dt><dd>\(standing) (as of "))
        // Not tracked (an availability with no priority): its position all the same.
        try kb.write(
            "---\nname: Plain\ntype: product\n---\n", to: "Content/entities/plain.md")
        try kb.write(
            "---\ntitle: P\ndate: 2024-01-10\ntype: launch\nentities: [plain]\nstatus:\n  plain: { availability: generally-available }\n---\n",
            to: "Content/events/p.md")
        try kb.write("---\nproduct: plain\nteam: web\ncriticality: low\n---\n", to: "Content/uses/plain-use.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(try kb.read("public/exposure.html").contains("<td data-label=\"Standing\">not tracked · Generally available</td>"))
        #expect(try kb.read("public/uses/plain-use.html").contains("<dt>Standing</dt><dd>not tracked · Generally available (as of "))
        // With no status at all: not tracked, as the exposure page says (the page said nothing).
        try kb.write("---\nname: Bare\ntype: product\n---\n", to: "Content/entities/bare.md")
        try kb.write("---\nproduct: bare\nteam: web\ncriticality: low\n---\n", to: "Content/uses/bare-use.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(try kb.read("public/uses/bare-use.html").contains("<dt>Standing</dt><dd>not tracked (as of "))
        // With no priority, past an end that came (its standard support; extended support goes
        // on): on its way out, as the exposure page says (the page said "untracked", then "not
        // tracked · Generally available", ranked below what nothing threatens).
        try kb.write(
            "---\nname: Ossl\ntype: product\nchannels: [standard, { extended-support: extended }]\n---\n", to: "Content/entities/ossl.md")
        try kb.write(
            "---\ntitle: O\ndate: 2020-01-10\ntype: launch\nentities: [ossl]\nstatus:\n  ossl: { availability: generally-available, ends: { standard: 2023-09-11 } }\n---\n",
            to: "Content/events/o.md")
        try kb.write("---\nproduct: ossl\nteam: web\ncriticality: low\n---\n", to: "Content/uses/ossl-use.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/uses/ossl-use.html")
        #expect(page.contains("<dt>Standing</dt><dd>announced end"), "\(page)")
        #expect(page.contains("11 September 2023"), "\(page)")
    }

    /// A move, a setting or an end whose event cites no source says so where its sources
    /// would be, on the product's page and the boards: it read exactly as a sourced one, and
    /// the warning was the author's alone.
    @Test func anUnsourcedMoveSaysSo() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/q.md": "---\nname: Queue\ntype: product\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Vendor\nurl: https://example.org/notes\n---\n",
            "Content/events/a.md":
                "---\ntitle: Launch\ndate: 2024-01-10\ntype: launch\nentities: [q]\nsources: [s]\nstatus:\n  q: { availability: generally-available, priority: flagship }\n---\n",
            "Content/events/b.md":
                "---\ntitle: Maintenance\ndate: 2026-09-15\ntype: other\nentities: [q]\nstatus:\n  q: { priority: sunset, ends: 2027-09-30 }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/entities/q.html")
        let unsourced = " <span class=\"unsourced\">(no source)</span>"
        #expect(page.contains("set by <a href=\"../events/b.html\">Maintenance</a>\(unsourced)"), "\(page)")
        #expect(page.contains("announced by <a href=\"../events/b.html\">Maintenance</a>\(unsourced)"), "\(page)")
        #expect(page.contains("set by <a href=\"../events/a.html\">Launch</a> <a class=\"source\""), "\(page)")
        #expect(try kb.read("public/status.html").contains("Maintenance</a>\(unsourced)"))
        // The home page's compact board marks it too.
        #expect(try kb.read("public/index.html").contains("</a>\(unsourced)"))
        // A move dated after the site's day is "to come" in the status history (it stood under
        // "Since" beside a status that said otherwise).
        try kb.write(
            "---\ntitle: Later\ndate: 2027-01-10\ntype: other\nentities: [q]\nsources: [s]\nstatus:\n  q: { priority: deprioritized }\n---\n",
            to: "Content/events/c.md")
        var today = Pipeline.Options(root: kb.root)
        today.today = fixedDay
        #expect(Pipeline.build(today).succeeded)
        let later = try kb.read("public/entities/q.html")
        #expect(later.contains("<td data-label=\"Value\">Deprioritized (to come)</td>"), "\(later)")
    }

    /// A product's page lists the uses of its release cycles under "Used by" (an import's
    /// uses name a cycle: the product's page, with the cycles table a reader reads first,
    /// said nothing of them), and follows them in an incremental build.
    @Test func aProductsPageListsItsCyclesUses() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/py.md": "---\nname: Py\ntype: product\n---\n",
            "Content/entities/py-3-12.md": "---\nname: Py 3.12\ntype: product\nparent: py\ndata: { release_cycle: \"3.12\", eol: 2028-10-31 }\n---\n",
            "Content/uses/web-py.md": "---\nproduct: py-3-12\nteam: web\ncriticality: high\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/entities/py.html")
        #expect(page.contains("<h2 id=\"used-by\">Used by</h2>") && page.contains("Py 3.12 (web)"), "\(page)")
        try kb.write("---\nproduct: py-3-12\nteam: billing\ncriticality: low\n---\n", to: "Content/uses/billing-py.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        #expect(try kb.read("public/entities/py.html").contains("Py 3.12 (billing)"))
    }

    /// A use that had not begun by the day asked is no exposure then, on the command line as
    /// on a site as of that day (`vane exposure --as-of` listed it); a channel's end on the
    /// home page's top five says whose it is.
    @Test func exposureAsOfADayLeavesOutUsesNotYetBegun() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/os.md": "---\nname: OS\ntype: product\nchannels: [standard, { esu: paid }]\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2020-01-10\ntype: launch\nentities: [os]\nstatus:\n  os: { availability: generally-available, priority: maintained, ends: { standard: 2027-04-01 } }\n---\n",
            "Content/uses/early.md": "---\nproduct: os\nteam: web\ncriticality: high\nsince: 2021-01\n---\n",
            "Content/uses/late.md": "---\nproduct: os\nteam: web\ncriticality: high\nsince: 2024-06\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let csv = try vane("exposure", "--as-of", "2023-12-31", "--format", "csv", in: kb.root).stdout
        #expect(csv.contains("\r\n1,early,") && !csv.contains(",late,"), "\(csv)")
        #expect(try vane("exposure", "--format", "csv", in: kb.root).stdout.contains(",late,"))
        let home = try kb.read("public/index.html")
        #expect(home.contains("</span> (standard)</td>"), "\(home)")
    }

    /// A chart's legend of many channels stays inside the chart: on lines of its own under
    /// the caption when it does not fit after it (Windows 10's ran past the right edge).
    @Test func aChartsLegendOfManyChannelsStaysInside() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/w.md":
                "---\nname: W\ntype: product\nchannels: [standard, { commercial-esu: paid }, { consumer-esu: paid }, eea-consumer-updates]\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2015-07-29\ntype: launch\nentities: [w]\nstatus:\n  w: { availability: generally-available, priority: maintained }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/entities/w.html")
        for size in ["wide", "narrow"] {
            let svg = try #require(
                page.firstRange(of: try Regex("<svg class=\"chart history-chart \(size)\" viewBox=\"0 0 ([0-9.]+) [\\s\\S]*?</svg>")))
            let chart = String(page[svg])
            let width = try #require(Double(chart.firstMatch(of: #/viewBox="0 0 ([0-9.]+) /#)!.output.1))
            let items = chart.matches(
                of:
                    #/<rect x="([0-9.]+)" y="[0-9.]+" width="12" height="4" fill="[^"]+"/><text x="[0-9.]+" y="[0-9.]+" font-size="11">([^<]+)</text>/#
            )
            #expect(items.count == 4, "\(size)")
            for item in items {
                let right = (Double(item.output.1) ?? 0) + 16 + Double(item.output.2.count) * 6.5
                #expect(right <= width, "\(size): \(item.output.2) ends at \(right), past \(width)")
            }
        }
    }

    /// A use of a product whose end is one channel's says which, as the exposure page does:
    /// the standard channel's end is not the product's while extended support goes on.
    @Test func aUsesStandingNamesTheChannelItsEndIsOf() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/os.md": "---\nname: OS 22\ntype: product\nchannels: [standard, extended]\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2022-04-21\ntype: launch\nentities: [os]\nstatus:\n  os: { availability: generally-available, priority: maintained, ends: { standard: 2027-04-01, extended: 2032-04-09 } }\n---\n",
            "Content/uses/ours.md": "---\nproduct: os\nteam: web\ncriticality: high\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let exposure = try kb.read("public/exposure.html")
        #expect(exposure.contains("<td data-label=\"Ends\"><time datetime=\"2027-04-01\">1 April 2027</time> (standard), "), "\(exposure)")
        let use = try kb.read("public/uses/ours.html")
        #expect(use.contains("<dt>Standing</dt><dd>announced end, <time datetime=\"2027-04-01\">1 April 2027</time> (standard), "), "\(use)")
        // Standard support ended, extended support goes on with no end: the end that came
        // is shown, not nothing (Node.js 18 read as if no end had ever come).
        try kb.write("---\nname: OS 18\ntype: product\nchannels: [standard, { extended: extended }]\n---\n", to: "Content/entities/os18.md")
        try kb.write(
            "---\ntitle: B\ndate: 2018-04-26\ntype: launch\nentities: [os18]\nstatus:\n  os18: { availability: generally-available, priority: maintained, ends: { standard: 2025-04-30 } }\n---\n",
            to: "Content/events/b.md")
        try kb.write("---\nproduct: os18\nteam: web\ncriticality: high\n---\n", to: "Content/uses/old.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let after = try kb.read("public/exposure.html")
        #expect(after.contains("<td data-label=\"Ends\"><time datetime=\"2025-04-30\">30 April 2025</time> (standard), ended "), "\(after)")
        // Still offered another ordinary way (GPT-4o's API after it left ChatGPT): no end came
        // for its users, and a plan is late against nothing.
        try kb.write("---\nname: Model\ntype: model\nchannels: [api, chatgpt]\n---\n", to: "Content/entities/m.md")
        try kb.write(
            "---\ntitle: C\ndate: 2024-05-13\ntype: launch\nentities: [m]\nstatus:\n  m: { availability: generally-available, priority: flagship, ends: { chatgpt: 2026-02-13 } }\n---\n",
            to: "Content/events/c.md")
        try kb.write("---\nproduct: m\nteam: web\ncriticality: high\nplan: Move on\nplan_date: 2027-03\n---\n", to: "Content/uses/m-use.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let model = try kb.read("public/uses/m-use.html")
        #expect(!model.contains("days after the end") && !model.contains("13 February 2026"), "\(model)")
    }

    /// An announced closure, and its cancellation, read as sign-ups closing in a product's
    /// status history (they read as availability "25 July 2024", then "cancelled").
    @Test func anAnnouncedClosureIsNamedAsOne() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/ide.md": "---\nname: IDE\ntype: product\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2020-01-10\ntype: launch\nentities: [ide]\nstatus:\n  ide: { availability: generally-available, priority: invested }\n---\n",
            "Content/events/b.md": "---\ntitle: B\ndate: 2024-07-01\ntype: other\nentities: [ide]\nstatus:\n  ide: { closes: 2024-07-25 }\n---\n",
            "Content/events/c.md": "---\ntitle: C\ndate: 2024-07-10\ntype: other\nentities: [ide]\nstatus:\n  ide: { closes: none }\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        let page = try kb.read("public/entities/ide.html")
        #expect(
            page.contains("<td data-label=\"Axis\">sign-ups close</td><td data-label=\"Channel\">all</td><td data-label=\"Value\">25 July 2024</td>"))
        #expect(
            page.contains("<td data-label=\"Axis\">sign-ups close</td><td data-label=\"Channel\">all</td><td data-label=\"Value\">cancelled</td>"))
    }

    /// Two sources of one publisher cited for one move read apart: by date, or by title when
    /// they share a day.
    @Test func citationsOfOnePublisherAreToldApart() throws {
        let kb = try TemporaryKnowledgeBase()
        try kb.write("---\nname: Acme\ntype: vendor\n---\n", to: "Content/entities/acme.md")
        try kb.write("---\nname: Rocket\ntype: product\nparent: acme\n---\n", to: "Content/entities/rocket.md")
        let sources = [("post", "2026-05-03", "Rocket is deprecated"), ("faq", "2026-05-04", "Rocket FAQ"), ("memo", "2026-05-04", "Rocket memo")]
        for (id, date, title) in sources {
            try kb.write(
                "---\ntitle: \(title)\npublisher: Acme\npublished: \(date)\nurl: https://acme.example/\(id)\n---\n", to: "Content/sources/\(id).md")
        }
        try kb.write(
            "---\ntitle: Rocket deprioritized\ndate: 2026-05-03\ntype: other\nentities: [rocket]\nsources: [post, faq, memo]\nstatus:\n"
                + "  rocket: { availability: generally-available, priority: deprioritized }\n---\nDeprioritized [@post].\n",
            to: "Content/events/rocket-deprecated.md")
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let page = try kb.read("public/entities/rocket.html")
        #expect(
            page.contains(
                "<a class=\"source\" href=\"../sources/post.html\">[Acme, 3 May 2026]</a> <a class=\"source\" href=\"../sources/faq.html\">[Acme: Rocket FAQ]</a> <a class=\"source\" href=\"../sources/memo.html\">[Acme: Rocket memo]</a>"
            ))
    }

    @Test func theBundledViewRanksLlamaFirstAndExplainsWhy() throws {
        let kb = try build(Repository.founding)
        let page = try kb.read("public/status.html")
        let llama = try #require(page.range(of: "<td class=\"rank\">1</td><td class=\"lead\"><a href=\"entities/llama.html\">Llama</a>"))
        let muse = try #require(page.range(of: "<td class=\"rank\">2</td><td class=\"lead\"><a href=\"entities/muse-spark.html\">Muse Spark</a>"))
        #expect(llama.lowerBound < muse.lowerBound)
        #expect(page.contains("priority Flagship → Deprioritized, <a href=\"events/2026-04-muse-spark-launch.html\">"))
        #expect(try kb.read("public/index.html").contains("Where builders may be stranded"))
        // A product's page reads its position in one sentence.
        #expect(
            try kb.read("public/entities/llama.html").contains(
                "<p class=\"reading\">Still open weights, but no longer Meta&#39;s bet since April 2026 (deprioritized).</p>"))
        // The event says what changed, in labels: from what, to what.
        #expect(
            try kb.read("public/events/2026-04-muse-spark-launch.html").contains(
                "<td class=\"lead\"><a href=\"../entities/llama.html\">Llama</a></td><td data-label=\"Axis\">priority</td><td data-label=\"Channel\">all</td><td data-label=\"Value\">Flagship → Deprioritized</td>"
            ))
        // The vendor's page ranks its products in the compact board, without naming itself on each row.
        let meta = try kb.read("public/entities/meta.html")
        let products = try #require(meta.range(of: "<h2 id=\"products\">Its products by platform risk</h2>")).upperBound
        #expect(
            meta[products...].contains(
                "<tr><td class=\"rank\">1</td><td class=\"lead\"><a href=\"../entities/llama.html\">Llama</a></td><td data-label=\"Available today · priority\">Open weights · Deprioritized</td>"
            ))
        #expect(meta[products...].contains("<td class=\"rank\">2</td><td class=\"lead\"><a href=\"../entities/muse-spark.html\">Muse Spark</a>"))
    }

    @Test func aSiteAsOfAnEarlierDateLeavesOutWhatCameLater() throws {
        let kb = try build(Repository.founding, asOf: "2025-12")
        #expect(!FileManager.default.fileExists(atPath: kb.url("public/events/2026-04-muse-spark-launch.html").path))
        let page = try kb.read("public/status.html")
        #expect(page.contains("Llama: open weights, flagship, platform risk 0."))
        #expect(!page.contains("Muse Spark</a></td>"))
        // A body's link to an event that had not happened yet is named by its title, unlinked.
        #expect(
            try kb.read("public/entities/muse-spark.html").contains(
                "<p>Unlike <a class=\"wikilink\" href=\"../entities/llama.html\">Llama</a>, it has no downloadable weights: it launched in April 2026 as a closed, cloud-only model behind <a class=\"wikilink\" href=\"../entities/meta-ai.html\">Meta AI</a> (<span class=\"later\" title=\"recorded after this site's date\">Meta launches Muse Spark as a closed, cloud-only model</span>)"
            ))
    }

    @Test func goneProductsAreListedApart() throws {
        let kb = try build([Repository.fixture("small/Content")])
        let page = try kb.read("public/status.html")
        let gone = try #require(page.range(of: "<h2 id=\"gone\">Gone</h2>"))
        let anvil = try #require(page.range(of: "<a href=\"entities/anvil.html\">Anvil API</a> · Retired"))
        #expect(gone.lowerBound < anvil.lowerBound)
        #expect(!page.contains("<td><a href=\"entities/anvil.html\">"))
        #expect(try kb.read("public/entities/anvil.html").contains("none left: no longer available"))
    }

    /// A release cycle folded under its product on status.html keeps its own channels' tiers
    /// in "Why": the fold is shown as the product, whose channels have no tier.
    /// A product under a product that has a status of its own is not a release cycle to
    /// fold: each keeps its row, under its own name, with its own position.
    @Test func aProductUnderAProductWithAStatusKeepsItsOwnRow() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\n",
            "Content/entities/anvil.md": "---\nname: Anvil\ntype: product\nparent: acme\n---\n",
            "Content/entities/anvil-pro.md": "---\nname: Anvil Pro\ntype: product\nparent: anvil\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: acme\nurl: https://example.com/s\n---\n",
            "Content/events/e1.md":
                "---\ntitle: Launch\ndate: 2020-01-01\ntype: launch\nentities: [anvil, anvil-pro]\nsources: [s]\nstatus:\n"
                + "  anvil: { availability: generally-available, priority: flagship }\n"
                + "  anvil-pro: { availability: generally-available, priority: invested }\n---\n",
            "Content/events/e2.md":
                "---\ntitle: Pro sunset\ndate: 2026-01-01\ntype: deprecation\nentities: [anvil-pro]\nsources: [s]\nstatus:\n"
                + "  anvil-pro: { priority: sunset, ends: 2027-06-30 }\n---\n",
        ])
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2026-06-30")))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        for page in ["status.html", "index.html", "entities/acme.html"] {
            let html = try kb.read("public/\(page)")
            #expect(!html.contains("release cycle"), "\(page) folds Anvil Pro under Anvil")
            #expect(html.contains(">Anvil Pro</a>"), "\(page) does not name Anvil Pro")
        }
        // Anvil's own row is flagship, never the Pro's sunset under Anvil's name.
        let status = try kb.read("public/status.html")
        let rows = status.components(separatedBy: "<td class=\"rank\">").dropFirst()
        let anvil = try #require(rows.first { $0.contains(">Anvil</a>") })
        #expect(anvil.contains("Flagship") && !anvil.contains("Sunset"))
    }

    @Test func aFoldedCycleNamesItsOwnTieredChannels() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\nA vendor.\n",
            "Content/entities/db.md": "---\nname: DB\ntype: product\nparent: acme\n---\nA product.\n",
            "Content/entities/db-1.md":
                "---\nname: DB 1\ntype: product\nparent: db\nchannels: [standard, { extended-support: extended }]\n---\nA cycle.\n",
            "Content/sources/notes.md": "---\ntitle: Notes\npublisher: Acme\nurl: https://example.org/notes\n---\n",
            "Content/events/db-1-released.md":
                "---\ntitle: DB 1 released\ndate: 2024-01\ntype: release\nentities: [db-1]\nsources: [notes]\nstatus:\n  db-1: { availability: generally-available }\n---\nReleased [@notes].\n",
            "Content/events/db-1-ext.md":
                "---\ntitle: DB 1 extended support deprecated\ndate: 2025-01\ntype: deprecation\nentities: [db-1]\nsources: [notes]\nstatus:\n  db-1: { availability: { extended-support: deprecated } }\n---\nDeprecated [@notes].\n",
        ])
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let status = try kb.read("public/status.html")
        #expect(status.contains("availability (extended-support (extended))"))
        #expect(!status.contains("availability (extended-support)"))
    }

    /// One channel's end is not the product's: Windows 10's standard support ends while its
    /// paid updates go on, and the page said the product was available "until" the first.
    @Test func aChannelsEndIsNotSaidToBeTheProducts() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/msft.md": "---\nname: Microsoft\ntype: vendor\n---\n",
            "Content/entities/win.md": "---\nname: Windows 10\ntype: product\nparent: msft\nchannels: [standard, { esu: paid }]\n---\n",
            "Content/entities/ie.md": "---\nname: IE 11\ntype: product\nparent: msft\nchannels: [desktop, ie-mode]\n---\n",
            "Content/sources/s.md": "---\ntitle: Lifecycle\npublisher: msft\nurl: https://example.com/s\n---\n",
            "Content/events/e1.md":
                "---\ntitle: Released\ndate: 2015-07-29\ntype: release\nentities: [win, ie]\nsources: [s]\nstatus:\n"
                + "  win: { availability: { standard: generally-available }, priority: flagship }\n"
                + "  ie: { availability: { desktop: generally-available, ie-mode: retired }, priority: sunset }\n---\n",
            "Content/events/e2.md":
                "---\ntitle: Ends announced\ndate: 2024-01-10\ntype: deprecation\nentities: [win, ie]\nsources: [s]\nstatus:\n"
                + "  win: { availability: { esu: announced }, ends: { standard: 2025-10-14, esu: 2028-10-10 } }\n"
                + "  ie: { ends: { desktop: 2025-06-15 } }\n---\n",
        ])
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2025-03-01")))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let win = try kb.read("public/entities/win.html")
        #expect(
            win.contains(
                "<p class=\"reading\">Still generally available; standard ends on 14 October 2025, announced with 643 days of notice, "
                    + "and esu (paid) goes on after it.</p>"), "\(win)")
        // The last channel's end is the product's, through the channels still available
        // (IE's mode was retired from the first).
        let ie = try kb.read("public/entities/ie.html")
        #expect(
            ie.contains("<p class=\"reading\">Still generally available through desktop alone, until 15 June 2025: the end is announced"), "\(ie)")
        // The boards name the channel whose end they count down.
        let status = try kb.read("public/status.html")
        let board = try #require(status.components(separatedBy: "<td class=\"rank\">").dropFirst().first { $0.contains(">Windows 10</a>") })
        #expect(board.contains("14 October 2025</time> (standard)<br>"), "\(board)")
        let home = try kb.read("public/index.html")
        #expect(home.contains("<span class=\"countdown\">227 days left</span> (standard)"))
        // Once standard support ended, the paid updates alone: said (it read as the product's).
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2026-01-01"))).succeeded)
        let later = try kb.read("public/entities/win.html")
        #expect(later.contains("<p class=\"reading\">Still announced through esu (paid) alone, until 10 October 2028"), "\(later)")
    }
}
