import Foundation
import Testing
import VaneTestSupport

/// `vane import endoflife` on products cut from the real endoflife.date data
/// (Tests/Fixtures/endoflife/real), then read back as an analyst does: the same snapshot
/// is the same knowledge base on any day, and it is right about the past.
struct EndOfLifeCLITests {
    static let real = Repository.fixture("endoflife/real").path
    static let golden = "Tests/VaneCLITests/Golden/endoflife/"

    /// Runs `vane` with `VANE_TODAY` set, as if on that day.
    private func vane(on today: String, _ arguments: String..., in kb: TemporaryKnowledgeBase) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["VANE_TODAY"] = today
        return try run(Repository.vane, arguments, in: kb.root, environment: environment)
    }

    private func imported(on today: String = "2026-12-02", build: Bool = true) throws -> TemporaryKnowledgeBase {
        let kb = try TemporaryKnowledgeBase()
        let result = try vane(on: today, "import", "endoflife", Self.real, in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        if build {
            let built = try vane(on: today, "build", in: kb)
            #expect(built.status == 0, "\(built.stderr)")
        }
        return kb
    }

    @Test func theSameSnapshotIsTheSameKnowledgeBaseOnAnyDay() throws {
        let early = try imported(on: "2024-01-01", build: false)
        let late = try imported(on: "2026-12-02", build: false)
        let (a, b) = (snapshot(of: early.url("Content")), snapshot(of: late.url("Content")))
        #expect(a.count == 169)
        #expect(a == b, "\(differences(a, b))")
    }

    @Test func endsAreRightAboutThePast() throws {
        let kb = try imported()
        // Ends that came before the import day are announced ends too: they count down in
        // the past and are listed as ended in the last 180 days.
        for day in ["2024-01-01", "2025-08-01", "2026-12-02"] {
            let ends = try vane(on: "2026-12-02", "ends", "--as-of", day, "--within", "180", in: kb)
            #expect(ends.status == 0, "\(ends.stderr)")
            expectGolden(ends.stdout, Self.golden + "ends-\(day)-within-180.txt")
        }
        // EKS 1.27 in January 2024: available, its end of life 205 days ahead; CakePHP 2.8
        // (`eol: true`) still available before its last release; Hadoop 2.2 (an end on its
        // release day) available until the next cycle came.
        var shown = ""
        for (id, day) in [("amazon-eks-1-27", "2024-01-01"), ("cakephp-2-8", "2016-06-01"), ("apache-hadoop-2-2", "2013-12-01")] {
            let show = try vane(on: "2026-12-02", "show", id, "--as-of", day, in: kb)
            #expect(show.status == 0, "\(show.stderr)")
            shown += "$ vane show \(id) --as-of \(day)\n" + show.stdout + "\n"
        }
        expectGolden(shown, Self.golden + "show-past.txt")
    }

    @Test func extendedSupportKeepsACycleAvailableAndIsNamedWithItsTier() throws {
        let kb = try imported()
        let show = try vane(on: "2026-12-02", "show", "ubuntu-18-04", "--as-of", "2026-12-02", in: kb)
        expectGolden(show.stdout, Self.golden + "show-ubuntu-18-04.txt")
        let status = try vane(on: "2026-12-02", "status", "--as-of", "2026-12-02", "--format", "json", in: kb)
        let rows = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [[String: Any]]
        let ubuntu = try #require(rows.first { $0["entity"] as? String == "ubuntu-18-04" })
        #expect(ubuntu["retired"] as? Bool == false)
        #expect(ubuntu["channel_tiers"] as? [String: String] == ["extended-support": "extended"])
        let ends = try #require(ubuntu["ends"] as? [String: Any])
        #expect(ends["channel"] as? String == "extended-support" && ends["channel_tier"] as? String == "extended")
        #expect(ends["days_left"] as? Int == 486)
        var cycle = try #require(ubuntu["cycle"] as? [String: Any])
        // A flag is a boolean (the text "false" reads as true to a JSON reader), a date a string.
        #expect(cycle.removeValue(forKey: "lts") as? Bool == true)
        #expect(
            cycle as? [String: String] == [
                "release_cycle": "18.04", "release_date": "2018-04-26", "active_support": "2023-05-31",
                "end_of_life": "2023-05-31", "extended_support": "2028-04-01", "latest": "18.04.6", "latest_release_date": "2021-09-17",
            ])
        // The product page lists its cycles in natural version order, with their facts.
        let page = try kb.read("public/entities/nodejs.html")
        let table = try #require(page.firstRange(of: #/<section aria-labelledby="cycles">[\s\S]*?</section>/#))
        expectGolden(String(page[table]) + "\n", Self.golden + "nodejs-cycles.html")
        // Its cycles carry the status: the page does not say it has none.
        #expect(!page.contains("class=\"no-status\""))
        // Node.js 20's standard support ended in April, its extended support runs on with no
        // end: said as the exposure says it (it read "maintained for Node.js: no end ahead").
        let twenty = try kb.read("public/entities/nodejs-20.html")
        #expect(
            twenty.contains(
                "<p class=\"reading\">Still generally available through extended-support (extended) alone, with no end announced: standard ended on 30 April 2026."
            ))
    }

    /// The README's way to correct imported data: an event of one's own, outside the
    /// generated folders, whose later announcement governs, re-import after re-import.
    @Test func aCorrectionInAnEventOfOnesOwnSurvivesReimports() throws {
        let kb = try imported(build: false)
        try kb.write(
            """
            ---
            title: Ubuntu 18.04's Pro support runs to 2030
            date: 2026-06-01
            type: statement
            entities: [ubuntu-18-04]
            sources: [endoflife-ubuntu]
            status:
              ubuntu-18-04: { ends: { extended-support: 2030-04-01 } }
            ---
            The extended support of Ubuntu 18.04 is extended to 2030.
            """, to: "Content/events/ubuntu-18-04-pro-2030.md")
        let again = try vane(on: "2026-12-02", "import", "endoflife", Self.real, in: kb)
        #expect(again.status == 0 && again.stderr.hasSuffix("0 files written, 169 unchanged, 0 removed\n"), "\(again.stderr)")
        #expect(try vane(on: "2026-12-02", "build", in: kb).status == 0)
        let show = try vane(on: "2026-12-02", "show", "ubuntu-18-04", "--as-of", "2026-12-02", in: kb)
        #expect(
            show.stdout.contains(
                "  ends: 1 April 2030 (extended-support (extended)), 1216 days left, after about 4358 days of notice from the first announcement (c. 26 April 2018), 1400 days from the extension (ubuntu-18-04-pro-2030)\n"
            ), "\(show.stdout)")
    }

    @Test func onlyMayComeBeforeTheFolder() throws {
        let kb = try TemporaryKnowledgeBase()
        let result = try vane(on: "2026-12-02", "import", "endoflife", "--only", "cakephp", "nodejs", Self.real, in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("imported 2 products, 12 release cycles"), "\(result.stderr)")
    }

    /// A folder that is not there is said, with no summary of nothing imported after it.
    @Test func aFolderThatIsNotThereIsSaidAlone() throws {
        let kb = try TemporaryKnowledgeBase()
        let result = try vane(on: "2026-12-02", "import", "endoflife", "/nonexistent-products", in: kb)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "/nonexistent-products: error: cannot read the folder (expected the products/ folder of an endoflife.date clone)\n1 error, 0 warnings\n",
            "\(result.stderr)")
    }

    @Test func identifiersAreQueryableData() throws {
        let kb = try imported()
        let sql = try vane(
            on: "2026-12-02", "sql",
            "SELECT id FROM entities WHERE EXISTS (SELECT 1 FROM json_each(extra, '$.purl') WHERE value LIKE 'pkg:maven/org.apache.hadoop/%')",
            in: kb)
        #expect(sql.status == 0, "\(sql.stderr)")
        #expect(sql.stdout.contains("apache-hadoop") && !sql.stdout.contains("cakephp"), "\(sql.stdout)")
    }

    @Test func theHomePageLeavesOutEventsThatHaveNotHappened() throws {
        let kb = try imported()
        let home = try kb.read("public/index.html")
        let latest = try #require(home.firstRange(of: #/<section aria-labelledby="latest">[\s\S]*?</section>/#))
        let days = home[latest].matches(of: #/datetime="(\d{4}-\d{2}-\d{2})"/#).map { String($0.output.1) }
        #expect(days.count == 10 && days.allSatisfy { $0 <= "2026-12-02" }, "\(days)")
        // Nor do the feeds, the site's and a product's: their entries are what has happened.
        for feed in ["public/feeds/events.atom", "public/feeds/entities/nodejs.atom"] {
            let updated = try kb.read(feed).matches(of: #/<updated>(\d{4}-\d{2}-\d{2})/#).map { String($0.output.1) }
            #expect(updated.count > 2 && updated.allSatisfy { $0 <= "2026-12-02" }, "\(feed): \(updated)")
        }
    }

    /// A product whose release cycles are folded into its row is charted at its lead
    /// cycle's position, and its chips say which cycle that is (they read "Ubuntu ·
    /// standard" for Ubuntu 22.04's channels while 24.04's were generally available); a
    /// cycle named after its vendor drops the vendor's name where a number does not follow.
    @Test func aFoldedProductsChipsNameTheCycleTheyPlace() throws {
        let kb = try imported()
        let chips = try kb.read("public/status.html").matches(of: #/<text x="[0-9.]+" y="[0-9.]+" font-size="12">([^<]+)</text>/#)
            .map { String($0.1) }
        #expect(chips.contains("Node.js 22") && chips.contains(".NET 6") && chips.contains("Ubuntu 22.04"), "\(chips)")
        #expect(!chips.contains("Ubuntu") && !chips.contains("Node.js"))
        // The boards' countdowns say whose end they count down.
        for page in ["public/index.html", "public/status.html"] {
            let text = try kb.read(page)
            #expect(text.contains("(Node.js 22 · standard)") && text.contains("(.NET 6)"), "\(page)")
        }
    }

    /// Issue 25's Exchange Server 2019: support ends 14 October 2025 for the whole product
    /// (announced ~January 2025), then a paid ESU channel to 14 April 2026 (~August 2025).
    @Test func aPaidChannelAnnouncedLaterOutlivesTheWholeProductsEnd() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("exchange-esu/Content")])
        var out = ""
        for arguments in [
            ["status", "--as-of", "2025-10-15"], ["ends", "--as-of", "2025-10-15"], ["show", "exchange-server-2019", "--as-of", "2025-10-15"],
            ["status", "--as-of", "2026-05-01"], ["ends", "--as-of", "2025-10-15", "--format", "csv"],
        ] {
            if out.isEmpty { _ = try vane(on: "2025-10-15", "build", in: kb) }
            let result = try run(Repository.vane, arguments, in: kb.root)
            #expect(result.status == 0, "\(result.stderr)")
            out += "$ vane " + arguments.joined(separator: " ") + "\n" + result.stdout + "\n"
        }
        expectGolden(out, Self.golden + "exchange-esu.txt")
        // Its own calendar, and its vendor's, hold its ends as the site's ends.ics does (it
        // held its events alone, never its end of life).
        for id in ["exchange-server-2019", "microsoft"] {
            let calendar = try kb.read("public/feeds/entities/\(id).ics")
            #expect(calendar.contains("SUMMARY:Exchange Server 2019: esu (paid) end\r\n"), "\(calendar)")
            #expect(calendar.contains("DTSTART;VALUE=DATE:20260414\r\n"), "\(calendar)")
        }
    }

    @Test func aTierIsExtendedPaidOrBundle() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/exchange-server-2019.md": """
            ---
            name: Exchange Server 2019
            type: product
            channels: [standard, { esu: payed }, { a: paid, b: paid }]
            ---
            Text.
            """,
            // Naming the channel whose tier is mistyped is no second error: it is declared.
            "Content/events/esu.md": """
            ---
            title: ESU opens
            date: 2025-10-14
            type: other
            entities: [exchange-server-2019]
            status:
              exchange-server-2019: { availability: { esu: generally-available } }
            ---
            """,
        ])
        let check = try run(Repository.vane, ["check"], in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Content/entities/exchange-server-2019.md:4:29: error: channel tier 'payed' is not one of extended, paid, bundle (did you mean 'paid'?)"
            ),
            "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "Content/entities/exchange-server-2019.md:4:38: error: each item of 'channels' must be a channel id, or a channel with its tier: '{ extended-support: paid }'"
            ), "\(check.stderr)")
        #expect(!check.stderr.contains("not declared"), "\(check.stderr)")
        #expect(check.stderr.hasSuffix("\n2 errors, 1 warning\n"), "\(check.stderr)")
    }
}
