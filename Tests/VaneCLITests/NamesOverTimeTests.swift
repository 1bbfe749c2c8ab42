import Foundation
import Testing
import VaneTestSupport

/// Names over time (issue: Azure AD → Microsoft Entra ID, `Tests/Fixtures/entra`): a
/// rename is dated, so a view as of a day uses the name of that day; it is a change in
/// `vane changes` and on the product's page; and an id renamed with `git mv` keeps its
/// recorded history, with a page and a feed left at the old address.
struct NamesOverTimeTests {
    private func built() throws -> TemporaryKnowledgeBase {
        try .built(copying: [Repository.fixture("entra/Content")], asOf: "2026-12-01", quiet: true)
    }

    @Test func aViewAsOfADayUsesTheNameOfThatDay() throws {
        let kb = try built()
        for (day, name) in [("2023-06-30", "Azure Active Directory"), ("2023-07-11", "Microsoft Entra ID")] {
            let status = try vane("status", "--as-of", day, "--format", "json", in: kb.root)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
            #expect(rows.map { $0["name"] as? String } == [name], "as of \(day)")
        }
        let show = try vane("show", "Azure AD", "--as-of", "2023-06-30", in: kb.root)
        #expect(
            show.stdout.hasPrefix(
                """
                Azure Active Directory (azure-ad)
                entity · Content/entities/azure-ad.md
                  aliases: Azure Active Directory, Azure AD
                  names: Azure Active Directory until 11 July 2023, then Microsoft Entra ID
                  type: product
                """), "\(show.stdout)")
        // The entities a dossier links to go by the names of that day too (they went by today's).
        for (day, name) in [("2023-06-30", "Azure Active Directory"), ("2024-01-01", "Microsoft Entra ID")] {
            let event = try vane("show", "2015-azure-ad-flagship", "--as-of", day, in: kb.root)
            #expect(event.stdout.contains("    azure-ad  \(name)\n"), "as of \(day): \(event.stdout)")
            let parent = try vane("show", "microsoft", "--json", "--as-of", day, in: kb.root)
            #expect(parent.stdout.contains("\"title\" : \"\(name)\""), "as of \(day): \(parent.stdout)")
        }
        // An entry dated after the day asked says so (it was shown as if it had been).
        let later = try vane("show", "2023-07-11-entra-renamed", "--as-of", "2023-06-30", in: kb.root).stdout
        #expect(later.contains("  after_as_of: dated after 30 June 2023: a site as of that day leaves it out\n"), "\(later)")
        #expect(!(try vane("show", "2023-07-11-entra-renamed", "--as-of", "2023-07-31", in: kb.root).stdout.contains("after_as_of")))
        let json = try vane("show", "azure-ad", "--json", "--as-of", "2024-01-01", in: kb.root)
        let dossier = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let names = try #require(dossier["names"] as? [[String: Any]])
        #expect(dossier["title"] as? String == "Microsoft Entra ID")
        #expect(names.map { $0["name"] as? String } == ["Azure Active Directory", "Microsoft Entra ID"])
        #expect(names[0]["since"] is NSNull && iso(names[1]["since"]) == "2023-07-11")
        // Any entry's dossier is as of the day asked about; one without a status has none.
        let event = try vane("show", "2023-07-11-entra-renamed", "--json", "--as-of", "2024-01-01", in: kb.root)
        let eventDossier = try #require(try JSONSerialization.jsonObject(with: Data(event.stdout.utf8)) as? [String: Any])
        #expect(iso(eventDossier["as_of"]) == "2024-01-01" && eventDossier["status"] is NSNull)

        // The site as of a day before the rename never says the later name, not even in the
        // title of a use named after the product.
        try kb.write("---\nproduct: azure-ad\nteam: platform\ncriticality: high\nsince: 2021\n---\n", to: "Content/uses/sign-in.md")
        let old = kb.url("old")
        #expect(try vane("build", "--as-of", "2023-06-30", "--out", old.path, in: kb.root).status == 0)
        let page = try String(contentsOf: old.appendingPathComponent("entities/azure-ad.html"), encoding: .utf8)
        #expect(page.contains("<h1>Azure Active Directory</h1>") && !page.contains("<dt>Names</dt>"))
        let use = try String(contentsOf: old.appendingPathComponent("uses/sign-in.html"), encoding: .utf8)
        #expect(use.contains("<h1>Azure Active Directory (platform)</h1>"))
        // `vane exposure` names it so too, as of each day.
        for (day, name) in [("2023-06-30", "Azure Active Directory"), ("2026-12-01", "Microsoft Entra ID")] {
            let exposure = try vane("exposure", "--as-of", day, "--format", "json", in: kb.root)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(exposure.stdout.utf8)) as? [[String: Any]], "\(exposure.stderr)")
            #expect(rows.map { [$0["title"] as? String, $0["product_name"] as? String] } == [["\(name) (platform)", name]], "as of \(day)")
        }
        for file in snapshot(of: old).keys where file.hasSuffix(".html") || file.hasSuffix(".json") || file.hasSuffix(".js") {
            let text = try String(contentsOf: old.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("Entra"), "\(file) names the product by its later name")
        }
        // Today's site lists the names with their days.
        let today = try kb.read("public/entities/azure-ad.html")
        #expect(
            today.contains(
                #"<dt>Names</dt><dd>Azure Active Directory until <time datetime="2023-07-11">11 July 2023</time>, then Microsoft Entra ID</dd>"#))
    }

    /// A chain of renames: the middle name is an alias today, but a site as of a day before
    /// it was taken never says it (it was listed under "Also known as" and searched for).
    /// A use named after its product is titled by the product's name of the day in `vane
    /// show`, its own and under "used by" (it said today's name, as of 2022).
    @Test func aUseIsShownByItsProductsNameOfTheDay() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("entra/Content")])
        try kb.write("---\nproduct: azure-ad\nteam: it\nsince: 2014-01\n---\n", to: "Content/uses/it-identity.md")
        #expect(try vane("build", "--as-of", "2026-12-01", in: kb.root).status == 0)
        let use = try vane("show", "it-identity", "--as-of", "2022-06-30", in: kb.root).stdout
        #expect(use.hasPrefix("Azure Active Directory (it) (it-identity)\n"), "\(use)")
        let product = try vane("show", "azure-ad", "--as-of", "2022-06-30", in: kb.root).stdout
        #expect(product.contains("    it-identity  Azure Active Directory (it)\n"), "\(product)")
        #expect(try vane("show", "it-identity", in: kb.root).stdout.hasPrefix("Microsoft Entra ID (it) (it-identity)\n"))
    }

    @Test func aSiteAsOfADayLeavesOutEveryLaterName() throws {
        let kb = try built()
        try kb.write(
            """
            ---
            name: Keystore Open
            type: product
            parent: microsoft
            renamed:
              - { date: 2024-03-20, from: Keystore }
              - { date: 2025-05-01, from: Keystore Community }
            aliases: [KS]
            ---
            A store renamed twice.

            """, to: "Content/entities/keystore.md")
        for (day, shown, unsaid) in [
            ("2024-01-31", "KS", ["Keystore Community", "Keystore Open"]), ("2024-06-30", "KS, Keystore", ["Keystore Open"]),
            ("2026-12-01", "KS, Keystore, Keystore Community", []),
        ] {
            let out = kb.url("as-of-\(day)")
            #expect(try vane("build", "--as-of", day, "--out", out.path, in: kb.root).status == 0)
            let page = try String(contentsOf: out.appendingPathComponent("entities/keystore.html"), encoding: .utf8)
            #expect(page.contains("<dt>Also known as</dt><dd>\(shown)</dd>"), "as of \(day)")
            for file in snapshot(of: out).keys where file.hasSuffix(".html") || file.hasSuffix(".json") || file.hasSuffix(".js") {
                let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
                for name in unsaid { #expect(!text.contains(name), "as of \(day): \(file) names '\(name)'") }
            }
        }
    }

    @Test func aRenameIsAChange() throws {
        let kb = try built()
        let changes = try vane("changes", "--from", "2023", "--to", "2023", in: kb.root)
        #expect(
            changes.stdout == """
                DATE        KIND    ID                        WHAT
                2023-07-11  move    2023-07-11-entra-renamed  azure-ad: priority flagship → invested
                2023-07-11  rename  azure-ad                  azure-ad: name Azure Active Directory → Microsoft Entra ID
                2023-07-11  event   2023-07-11-entra-renamed  Azure AD becomes Microsoft Entra ID

                """, "\(changes.stdout)")
        let csv = try vane("changes", "--from", "2023-07", "--to", "2023-07", "--format", "csv", "--entity", "microsoft", in: kb.root)
        #expect(
            csv.stdout.contains(
                "2023-07-11,rename,azure-ad,azure-ad: name Azure Active Directory → Microsoft Entra ID,,,azure-ad,name,,Azure Active Directory,Microsoft Entra ID,"
            ))
        // The site's "what changed" says it too (it listed the moves of that day, not the name).
        #expect(try vane("build", "--as-of", "2024-03-31", in: kb.root).status == 0)
        #expect(
            try kb.read("public/changes.html").contains(
                "<li><time datetime=\"2023-07-11\">11 July 2023</time> · <a href=\"entities/azure-ad.html\">Microsoft Entra ID</a>: name Azure Active Directory → Microsoft Entra ID</li>"
            ))
    }

    /// A site of today names an entity renamed later by its name of today, as `vane show`
    /// and `vane status` do (it took the name to come; a site `--as-of` today did not), and
    /// by the new name once the day has come.
    @Test func aSiteOfTodayUsesTodaysName() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("entra/Content")])
        func on(_ day: String, _ arguments: [String]) throws -> String {
            let environment = ProcessInfo.processInfo.environment.merging(["VANE_TODAY": day]) { _, day in day }
            let result = try run(Repository.vane, arguments, in: kb.root, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout
        }
        for (day, name) in [("2023-07-10", "Azure Active Directory"), ("2023-07-11", "Microsoft Entra ID")] {
            _ = try on(day, ["build"])
            #expect(try kb.read("public/entities/azure-ad.html").contains("<h1>\(name)</h1>"), "\(day)")
            for arguments in [["status", "--format", "json"], ["status", "--format", "json", "--entity", "microsoft"]] {
                let rows = try #require(try JSONSerialization.jsonObject(with: Data(try on(day, arguments).utf8)) as? [[String: Any]])
                #expect(rows.compactMap { $0["name"] as? String }.contains(name), "\(day) \(arguments)")
            }
        }
    }

    @Test func renamesAreCheckedWhereTheyAreWritten() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("entra/Content")])
        try kb.write(
            """
            ---
            name: Microsoft Entra ID
            type: product
            renamed:
              - { date: 2023-07-11, from: Azure Active Directory }
              - { date: 2022, from: Azure AD Premium }
              - Windows Azure Active Directory
            former_ids: [Azure_AD]
            ---
            """, to: "Content/entities/azure-ad.md")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains("Content/entities/azure-ad.md:6:13: error: renames must be oldest first: 2022 is not after 2023-07-11"),
            "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "Content/entities/azure-ad.md:7:5: error: a rename is '{ date: DAY, from: EARLIER NAME }', e.g. '[{ date: 2023-07-11, from: Azure Active Directory }]'"
            ), "\(check.stderr)")
        #expect(check.stderr.contains("Content/entities/azure-ad.md:8:14: error: 'Azure_AD' is not an id (lowercase letters, digits and hyphens)"))
    }

    /// A rename from the name the entity has after it (the new name written as `from`)
    /// changes nothing: an error at the item, where every view said "X → X".
    @Test func aRenameThatChangesNothingIsAnError() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("entra/Content")])
        try kb.write(
            """
            ---
            name: Microsoft Entra ID
            type: product
            renamed:
              - { date: 2019, from: Azure AD }
              - { date: 2021, from: Azure Active Directory }
              - { date: 2023-07-11, from: Microsoft Entra ID }
            ---
            """, to: "Content/entities/azure-ad.md")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Content/entities/azure-ad.md:7:5: error: a rename from 'Microsoft Entra ID' changes nothing: it is also the name after 2023-07-11 (the title); 'from' is the name it had before"
            ), "\(check.stderr)")
        #expect(!check.stderr.contains("'Azure AD' changes nothing"), "\(check.stderr)")
    }

    /// `git mv azure-ad.md microsoft-entra-id.md` with `former_ids: [azure-ad]`: the
    /// recorded history is the product's, the old page and feed point to the new ones.
    @Test func aRenamedIDKeepsItsRecordedHistory() throws {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("entra/Content")])
        let renamed = "Content/events/2023-07-11-entra-renamed.md"
        let rename = try repo.kb.read(renamed)
        try repo.kb.remove(renamed)
        try repo.commit("Azure AD, the flagship", on: "2023-01-02")
        try repo.kb.write(rename, to: renamed)
        try repo.commit("Entra: invested", on: "2023-07-12")
        // The id follows the name: the file moves, the events name the new id.
        let entity = try repo.kb.read("Content/entities/azure-ad.md")
        try repo.kb.remove("Content/entities/azure-ad.md")
        try repo.kb.write(
            entity.replacingOccurrences(of: "parent: microsoft\n", with: "parent: microsoft\nformer_ids: [azure-ad]\n"),
            to: "Content/entities/microsoft-entra-id.md")
        for event in ["Content/events/2015-azure-ad-flagship.md", renamed] {
            try repo.kb.write(try repo.kb.read(event).replacingOccurrences(of: "azure-ad", with: "microsoft-entra-id"), to: event)
        }
        try repo.commit("Entra ID under its own id", on: "2023-08-01")
        try repo.kb.write(
            """
            ---
            title: Entra ID is maintained
            date: 2024-03
            type: other
            entities: [microsoft-entra-id]
            sources: [ms-entra-rename]
            status:
              microsoft-entra-id: { priority: maintained }
            ---
            """, to: "Content/events/2024-03-entra-maintained.md")
        try repo.commit("Entra maintained", on: "2024-03-02")
        #expect(try vane("build", "--as-of", "2026-12-01", in: repo.root).status == 0)
        let changes = try vane("changes", "--recorded", "--from", "2023-07-12", "--to", "2024-03-02", "--format", "csv", in: repo.root).stdout
        let rows = changes.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map {
            $0.components(separatedBy: ",").prefix(4).joined(separator: ",")
        }
        #expect(
            rows == [
                "2023-07-12,added,2023-07-11-entra-renamed,added",
                "2023-07-12,status,2023-07-11-entra-renamed,microsoft-entra-id: priority flagship → invested",
                "2023-08-01,changed,2015-azure-ad-flagship,changed", "2023-08-01,changed,2023-07-11-entra-renamed,changed",
                "2023-08-01,renamed,microsoft-entra-id,given a new id: azure-ad → microsoft-entra-id (the former one is an alias)",
                "2024-03-02,added,2024-03-entra-maintained,added",
                "2024-03-02,status,2024-03-entra-maintained,microsoft-entra-id: priority invested → maintained",
            ], "\(rows)")
        // Its JSON names both ids (they were null).
        let json = try vane("changes", "--recorded", "--from", "2023-08-01", "--to", "2023-08-01", "--format", "json", in: repo.root).stdout
        let renamedRow = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first { $0["kind"] as? String == "renamed" })
        #expect(renamedRow["from"] as? String == "azure-ad" && renamedRow["to"] as? String == "microsoft-entra-id", "\(renamedRow)")
        // The entity's page says so too: one row for that commit, not an addition and a removal.
        let history = try repo.kb.read("public/entities/microsoft-entra-id.html")
        #expect(history.contains("Entra ID under its own id <span class=\"badge\">renamed</span>"), "\(history)")
        #expect(!history.contains("Entra ID under its own id <span class=\"badge\">removed</span>"))
        // The old address: a page that sends the reader on, and the feed again.
        let moved = try repo.kb.read("public/entities/azure-ad.html")
        #expect(moved.contains(#"<meta http-equiv="refresh" content="0; url=microsoft-entra-id.html">"#))
        #expect(moved.contains(#"<p>This page (<code>azure-ad</code>) is now <a href="microsoft-entra-id.html">Microsoft Entra ID</a>.</p>"#))
        #expect(try repo.kb.read("public/feeds/entities/azure-ad.atom") == repo.kb.read("public/feeds/entities/microsoft-entra-id.atom"))
        // Links and `--entity` still find it by the former id.
        #expect(try vane("status", "--entity", "azure-ad", "--as-of", "2026-12-01", in: repo.root).stdout.contains("microsoft-entra-id"))
        // With a base URL, the old address's canonical link is the new page's whole address,
        // as every page's is (it was relative).
        try repo.kb.write("base_url: https://kb.example/\n", to: "Site/config.yml")
        #expect(try vane("build", "--as-of", "2026-12-01", in: repo.root).status == 0)
        #expect(
            try repo.kb.read("public/entities/azure-ad.html").contains(
                #"<link rel="canonical" href="https://kb.example/entities/microsoft-entra-id.html">"#))
    }
}
