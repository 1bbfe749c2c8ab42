import Foundation
import GRDB
import Testing
import VaneTestSupport

/// Uses (Content/uses/), `vane exposure` and `vane import sbom`, on products cut from the
/// real endoflife.date data (Django, NumPy, Wagtail, Node.js) and a bill of materials made
/// by a real generator: cyclonedx-bom 7.5.0 run over a virtual environment with Django
/// 4.2.11, NumPy 1.26.4, Wagtail 5.2.5 and requests 2.31.0 pinned
/// (`cyclonedx-py environment --spec-version 1.5 --output-reproducible`). The SPDX 2.3 bill
/// is written by hand.
struct UsesCLITests {
    static let products = Repository.fixture("sbom/products").path
    static let bills = Repository.fixture("sbom")
    static let golden = "Tests/VaneCLITests/Golden/uses/"
    static let today = "2026-03-01"

    /// A use written by hand: Django 4.2 at billing, with a plan finishing after its end.
    static let handWritten = """
        ---
        product: django-4-2
        team: web
        criticality: critical
        since: 2023-06
        version: 4.2.11
        plan: Move to Django 5.2 LTS
        plan_date: 2026-06
        ---
        The web shop's framework, upgraded by hand.
        """

    private func vane(_ arguments: String..., in kb: TemporaryKnowledgeBase) throws -> CommandResult {
        try vane(arguments, in: kb)
    }

    private func vane(_ arguments: [String], in kb: TemporaryKnowledgeBase) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        environment["VANE_TODAY"] = Self.today
        return try run(Repository.vane, arguments, in: kb.root, environment: environment)
    }

    private func imported() throws -> TemporaryKnowledgeBase {
        let kb = try TemporaryKnowledgeBase()
        let result = try vane("import", "endoflife", Self.products, in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        return kb
    }

    /// A package URL two entities carry (a fork beside the product) goes to the one with a
    /// release cycle of the version, whatever their ids, and the report names the other (the
    /// match followed the ids' order, without a word).
    @Test func aPackageTwoEntitiesCarryGoesToTheCycleOfItsVersion() throws {
        let kb = try imported()
        for id in ["aaa-django", "zzz-django"] {
            try kb.write(
                "---\nname: Fork \(id)\ntype: product\nidentifiers: [{ purl: pkg:pypi/django }]\n---\n", to: "Content/entities/mine/\(id).md")
        }
        try Data(
            #"{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{"type":"library","name":"django","version":"4.2.11","purl":"pkg:pypi/django@4.2.11"}]}"#
                .utf8
        ).write(to: kb.url("bill.json"))
        let result = try vane("import", "sbom", kb.url("bill.json").path, "--team", "two", in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("pkg:pypi/django@4.2.11 → django-4-2 (Django 4.2); 'aaa-django' and 'zzz-django' carry this package URL too"),
            "\(result.stdout)")
    }

    /// An operating system as syft writes it, by name and version with neither package URL nor
    /// CPE, is the product of that id or name (Debian 11 was "no package URL or CPE", and its
    /// end nowhere in the exposure); a library written so is still not matched.
    @Test func anOperatingSystemIsMatchedByItsName() throws {
        let kb = try imported()
        try Data(
            #"""
            {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
             {"type":"operating-system","name":"nodejs","version":"20.11.0"},
             {"type":"operating-system","name":"Node.js","version":"18.19.0"},
             {"type":"library","name":"nodejs","version":"22.1.0"}]}
            """#.utf8
        ).write(to: kb.url("bill.json"))
        let result = try vane("import", "sbom", kb.url("bill.json").path, "--team", "ops", in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("→ nodejs-20"), "\(result.stdout)")
        #expect(result.stdout.contains("→ nodejs-18"), "\(result.stdout)")
        #expect(result.stdout.contains("no package URL or CPE"), "\(result.stdout)")
    }

    /// A component's name is text in the use's body: one holding Markdown put images of
    /// another site on the use's page, and a `[[…]]` in it failed the build.
    @Test func aComponentsNameIsTextInTheUsesBody() throws {
        let kb = try imported()
        try Data(
            #"{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{"type":"library","name":"django ![x](https://evil.example/p.png) [[nope]]","version":"4.2.11","purl":"pkg:pypi/django@4.2.11"}]}"#
                .utf8
        ).write(to: kb.url("bill.json"))
        #expect(try vane("import", "sbom", kb.url("bill.json").path, "--team", "web", in: kb).status == 0)
        let use = try kb.read("Content/uses/sbom/web/web-django-4-2.md")
        #expect(use.contains("as django \\!\\[x\\](https://evil.example/p.png) \\[\\[nope\\]\\] 4.2.11 (`vane import sbom`)"), "\(use)")
        #expect(try vane("check", in: kb).status == 0)
    }

    /// What scanners write that matched wrong or was said wrong: a library's CPE that may name
    /// the server it talks to (PyPI's `redis` client read as Redis 5.0, in silence; Go's
    /// `pkg:golang/stdlib` carries Go's own: matched, and said), a CPE's escaped colon
    /// (RHEL's epoch: Node.js 20 read as Node.js 1), a range from a manifest (said as a
    /// cycle the knowledge base lacked), and syft's files (each listed as not matched).
    @Test func whatScannersWriteIsMatchedOrSaidRight() throws {
        let kb = try imported()
        try Data(
            #"""
            {"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[
             {"type":"library","name":"django-client","version":"4.2.0","purl":"pkg:pypi/django-client@4.2.0","cpe":"cpe:2.3:a:djangoproject:django:4.2.0:*:*:*:*:*:*:*"},
             {"type":"library","name":"nodejs","cpe":"cpe:2.3:a:nodejs:node.js:1\\:20.11.1:*:*:*:*:*:*:*"},
             {"type":"library","name":"django","version":"^4.2.0","purl":"pkg:pypi/django"},
             {"type":"library","name":"django","version":"3.0.0 - 3.9.9","purl":"pkg:pypi/django"},
             {"type":"file","name":"/usr/lib/libx.so"}]}
            """#.utf8
        ).write(to: kb.url("bill.json"))
        let result = try vane("import", "sbom", kb.url("bill.json").path, "--team", "ops", in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains(
                "pkg:pypi/django-client@4.2.0 → django-4-2 (Django 4.2); matched by its CPE, 'a:djangoproject:django': a pypi package's CPE may name what it connects to; if it is a client of django, not django itself, remove this use (or add its package URL to the right product)"
            ), "\(result.stdout)")
        #expect(result.stdout.contains(":20.11.1:*:*:*:*:*:*:* → nodejs-20"), "\(result.stdout)")
        #expect(
            result.stdout.contains("pkg:pypi/django: version '^4.2.0' is a range, not the version installed (a bill made from a lock file names it)"),
            "\(result.stdout)")
        #expect(result.stdout.contains("pkg:pypi/django: version '3.0.0 - 3.9.9' is a range"), "\(result.stdout)")
        #expect(
            !result.stdout.contains("libx.so") && result.stderr.contains("1 not a package (files, scanned targets)"),
            "\(result.stdout)\(result.stderr)")
    }

    /// A vendor, its source, a product of it with `channels`, and its events (day, status).
    private func channelledProduct(_ id: String, channels: String, events: [(String, String)]) -> [String: String] {
        var files = [
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Vendor\nurl: https://example.org/notes\n---\n",
            "Content/entities/\(id).md": "---\nname: \(id.capitalized)\ntype: product\nparent: v\nchannels: \(channels)\n---\n",
        ]
        for (date, status) in events {
            files["Content/events/e-\(date).md"] =
                "---\ntitle: E \(date)\ndate: \(date)\ntype: other\nentities: [v]\nsources: [s]\nstatus:\n  \(id): \(status)\n---\n"
        }
        return files
    }

    private func bill(_ name: String) -> String { Self.bills.appendingPathComponent(name).path }

    /// A generated use that a use written by hand supersedes goes, and the report says why
    /// (it said its component was "not in this one", the bill that names it).
    @Test func aUseWrittenByHandSupersedesTheGeneratedOne() throws {
        let kb = try imported()
        #expect(try vane("import", "sbom", bill("cyclonedx-py-1.5.json"), "--team", "web", in: kb).status == 0)
        #expect(FileManager.default.fileExists(atPath: kb.url("Content/uses/sbom/web/web-django-4-2.md").path))
        try kb.write(Self.handWritten, to: "Content/uses/web-shop-django.md")
        let again = try vane("import", "sbom", bill("cyclonedx-py-1.5.json"), "--team", "web", in: kb)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stdout.contains(
                "removed (written by the last import of this team's bill, not by this one):\n  Content/uses/sbom/web/web-django-4-2.md (its component's use is written by hand now)\n"
            ), "\(again.stdout)")
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/uses/sbom/web/web-django-4-2.md").path))
    }

    @Test func aRealBillBecomesUsesRankedByWhatStrandsUs() throws {
        let kb = try imported()
        try kb.write(Self.handWritten, to: "Content/uses/web-shop-django.md")
        try kb.write(
            "---\ntitle: Our exposure\ndate: 2026-03-01\n---\n```vane\nexposure --team web\n```\n", to: "Content/reports/our-exposure.md")
        let sbom = try vane("import", "sbom", bill("cyclonedx-py-1.5.json"), "--team", "web", in: kb)
        #expect(sbom.status == 0, "\(sbom.stderr)")
        expectGolden(sbom.stdout, Self.golden + "import-cyclonedx.txt")
        #expect(
            sbom.stderr.hasSuffix(
                "read 35 components (CycloneDX 1.5): 3 matched, 32 not matched; 2 uses: 2 files written, 0 unchanged, 0 removed\n"))
        // Django is used by hand already: no generated use beside it.
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/uses/sbom/web/web-django-4-2.md").path))
        expectGolden(try kb.read("Content/uses/sbom/web/web-numpy-1-26.md"), Self.golden + "web-numpy-1-26.md")

        let built = try vane("build", in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        // A use's page says where it stands, as the exposure page does.
        let usePage = try kb.read("public/uses/web-shop-django.html")
        #expect(
            usePage.contains(
                "<dt>Standing</dt><dd>announced end, <time datetime=\"2026-04-07\">7 April 2026</time>, 37 days left; <strong>the plan finishes about 84 days after the end</strong> (as of <time datetime=\"2026-03-01\">1 March 2026</time>)</dd>"
            ), "\(usePage)")
        // A use's dossier has its fields, as every entry's has.
        let shown = try vane("show", "web-shop-django", in: kb).stdout
        for line in [
            "  criticality: critical", "  plan: Move to Django 5.2 LTS", "  plan_date: June 2026", "  team: web",
            "  since: June 2023",
        ] {
            #expect(shown.contains(line + "\n"), "\(shown)")
        }
        // `since` is a date, as `plan_date` is: an object in JSON (it was the text as written).
        #expect(
            try vane("show", "web-shop-django", "--json", in: kb).stdout.contains(
                "\"since\" : {\n      \"approximate\" : false,\n      \"end\" : \"2023-06-30\""))
        #expect(
            built.stderr.contains(
                "Content/uses/web-shop-django.md:8:12: warning: the plan finishes (2026-06) 84 days after the announced end of 'django-4-2' (2026-04-07)"
            ))
        #expect(
            built.stderr.contains(
                "Content/uses/sbom/web/web-numpy-1-26.md:2:10: warning: 'numpy-1-26' is already gone (retired since 17 September 2025): this use is stranded"
            ))
        // Those two come as days pass, with nothing changed: `--strict` leaves them warnings
        // (a pull request failed once an end came). Any other warning it makes an error.
        let strict = try vane("check", "--strict", in: kb)
        let said = strict.stderr.split(separator: "\n").filter { $0.contains("plan finishes") || $0.contains("this use is stranded") }
        #expect(said.count == 3 && said.allSatisfy { $0.contains(": warning: ") }, "\(strict.stderr)")
        #expect(strict.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }.count == said.count, "\(strict.stderr)")

        for format in ["table", "csv"] {
            let exposure = try vane("exposure", "--as-of", Self.today, "--format", format, in: kb)
            #expect(exposure.status == 0, "\(exposure.stderr)")
            expectGolden(exposure.stdout, Self.golden + "exposure-\(Self.today).\(format == "table" ? "txt" : "csv")")
        }
        let json = try vane("exposure", "--as-of", Self.today, "--format", "json", in: kb)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        // What is gone comes first, the longest gone first.
        #expect(rows.map { $0["use"] as? String } == ["web-wagtail-5-2", "web-numpy-1-26", "web-shop-django"])
        let django = rows[2]
        #expect(django["days_left"] as? Int == 37 && django["plan_late_days"] as? Int == 84 && django["exposure"] as? Int == 100)
        #expect(iso(django["plan_date"]) == "2026-06" && iso(django["since"]) == "2023-06")
        #expect(iso((django["ends"] as? [String: Any])?["date"]) == "2026-04-07")
        // Absent values are null, never left out.
        let numpy = rows[1]
        #expect(numpy["plan"] is NSNull && numpy["plan_date"] is NSNull && numpy["risk"] is NSNull && numpy["generated"] as? String == "sbom")
        #expect(Set(numpy.keys) == Set(django.keys))
        // The site's exposure page ranks them the same way.
        let page = try kb.read("public/exposure.html")
        let table = try #require(page.firstRange(of: #/<table class="exposure[^"]*">[\s\S]*?</table>/#))
        expectGolden(String(page[table]) + "\n", Self.golden + "exposure.html")
        // The home page leads with the top of it, before the risk board.
        let home = try kb.read("public/index.html")
        let top = try #require(home.firstRange(of: #/<section aria-labelledby="our-exposure">[\s\S]*?</section>/#))
        expectGolden(String(home[top]) + "\n", Self.golden + "home-exposure.html")
        #expect(home.range(of: "our-exposure")!.lowerBound < home.range(of: "risk-top")!.lowerBound)
        #expect(try kb.read("public/uses/web-shop-django.html").contains("<h1>Django 4.2 (web)</h1>"))
        // The team's calendar: the ends of what we use, and no other product's.
        let calendar = try kb.read("public/feeds/exposure.ics")
        #expect(calendar.contains("X-WR-CALNAME:") && calendar.contains("SUMMARY:Django 4.2: end"))
        let everything = try kb.read("public/feeds/ends.ics").components(separatedBy: "BEGIN:VEVENT").count
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count < everything)
        // "Used by" on the product's page.
        let product = try kb.read("public/entities/django-4-2.html")
        let usedBy = try #require(product.firstRange(of: #/<section aria-labelledby="used-by">[\s\S]*?</section>/#))
        expectGolden(String(product[usedBy]) + "\n", Self.golden + "used-by-django-4-2.html")
        // A report's `exposure` block: the same ranking, uses linked.
        let report = try kb.read("public/reports/our-exposure.html")
        #expect(report.contains(#"<a href="../uses/web-shop-django.html" title="Django 4.2 (web)">web-shop-django</a>"#), "\(report)")
        // The Datasette query, with "now" on the test's day: Django 4.2 ends within 180 days.
        let rows180 = try usesEndingSoon(in: kb)
        #expect(rows180 == [["web-shop-django", "web", "critical", "django-4-2", "2026-04-07", "37", "1"]], "\(rows180)")
        let team = try vane("exposure", "--team", "wbe", in: kb)
        #expect(team.status == 64 && team.stderr == "error: unknown team 'wbe' (did you mean 'web'?); teams are web\n", "\(team.stderr)")
        // A block says it as the command line does, at the team as written.
        // With the rest of the run's problems, not once they are mended: an option mistyped
        // in another block is said beside it.
        try kb.write(
            "---\ntitle: Typo\ndate: 2026-03-01\n---\n```vane\nexposure --team wbe\n```\n\n```vane\nexposure --taem web\n```\n",
            to: "Content/reports/typo.md")
        let block = try vane("check", in: kb)
        #expect(
            block.stderr.contains("Content/reports/typo.md:6:17: error: unknown team 'wbe' (did you mean 'web'?); teams are web\n"), "\(block.stderr)"
        )
        #expect(block.stderr.contains("Content/reports/typo.md:10:10: error: unknown option '--taem'"), "\(block.stderr)")
    }

    /// The canned query `uses_ending_soon` of the Datasette metadata, run on the database as
    /// of the test's day: use, team, criticality, product, end, days left, plan after the end.
    private func usesEndingSoon(in kb: TemporaryKnowledgeBase) throws -> [[String]] {
        let metadata = try String(contentsOf: Repository.root.appendingPathComponent("Templates/datasette-metadata.yml"), encoding: .utf8)
        let block = try #require(
            metadata.components(separatedBy: "uses_ending_soon:").last?.components(separatedBy: "\n      broken_commitments:").first)
        let sql = try #require(block.components(separatedBy: "sql: |-\n").last).replacingOccurrences(of: "date('now'", with: "date('\(Self.today)'")
        let queue = try DatabaseQueue(path: kb.url("vane.sqlite").path)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                ["use", "team", "criticality", "product", "end_date", "days_left", "plan_after_end"].map { row[$0].map { "\($0)" } ?? "" }
            }
        }
    }

    /// `uses_ending_soon` names the end `vane exposure` names: a whole-product end moved for
    /// each channel stands moved (the query read the first, 56 days away, where the
    /// command said 421), and a product already retired ends no more (it read "56 days").
    @Test func usesEndingSoonReadsTheEndTheBoardNames() throws {
        let use = { (product: String) in "---\nproduct: \(product)\nteam: web\ncriticality: high\n---\n" }
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Vendor\nurl: https://example.org/notes\n---\n",
            "Content/entities/moved.md": "---\nname: Moved\ntype: product\nparent: v\nchannels: [a, b]\n---\n",
            "Content/entities/gone.md": "---\nname: Gone\ntype: product\nparent: v\n---\n",
            "Content/entities/soon.md": "---\nname: Soon\ntype: product\nparent: v\n---\n",
            "Content/events/e-launch.md":
                "---\ntitle: Launch\ndate: 2020-01-01\ntype: launch\nentities: [v]\nsources: [s]\nstatus:\n  moved: { availability: generally-available, ends: 2026-04-26 }\n  gone: { availability: generally-available, ends: 2026-04-26 }\n  soon: { availability: generally-available, ends: 2026-04-26 }\n---\n",
            "Content/events/e-moved.md":
                "---\ntitle: Moved\ndate: 2025-01-01\ntype: other\nentities: [v]\nsources: [s]\nstatus:\n  moved: { ends: { a: 2027-04-26, b: 2027-04-26 } }\n---\n",
            "Content/events/e-gone.md":
                "---\ntitle: Gone\ndate: 2026-01-01\ntype: shutdown\nentities: [v]\nsources: [s]\nstatus:\n  gone: { availability: retired }\n---\n",
            "Content/uses/u-moved.md": use("moved"), "Content/uses/u-gone.md": use("gone"), "Content/uses/u-soon.md": use("soon"),
        ])
        let built = try vane("build", in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try usesEndingSoon(in: kb) == [["u-soon", "web", "high", "soon", "2026-04-26", "56", "0"]])
    }

    /// A use that ended (`until`: a migration done) is no exposure from that day: left out of
    /// `vane exposure` and the exposure page, warned of by nothing, its page and its product's
    /// "Used by" saying it ended; before that day it stands as any use (trial h12: a finished
    /// migration read "stranded", its plan "(overdue)", and deleting the file took it out of
    /// every past view).
    @Test func aUseThatEndedIsNoExposureFromItsDay() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Vendor\nurl: https://example.org/notes\n---\n",
            "Content/entities/ua.md": "---\nname: Old Analytics\ntype: product\nparent: v\n---\n",
            "Content/events/e-launch.md":
                "---\ntitle: Launch\ndate: 2014-01-01\ntype: launch\nentities: [v]\nsources: [s]\nstatus:\n  ua: { availability: generally-available, priority: flagship }\n---\n",
            "Content/events/e-sunset.md":
                "---\ntitle: Sunset\ndate: 2022-03-16\ntype: deprecation\nentities: [v]\nsources: [s]\nstatus:\n  ua: { priority: sunset, ends: 2023-07-01 }\n---\n",
            "Content/uses/u-moved.md":
                "---\nproduct: ua\nteam: web\nsince: 2018-01-01\nuntil: 2023-05-15\nplan: Move to the new one\nplan_date: 2023-05-31\n---\n",
            "Content/uses/u-stuck.md": "---\nproduct: ua\nteam: ads\n---\n",
        ])
        let built = try vane("build", in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        // Today the one still on it is stranded; the one that moved is warned of by nothing.
        #expect(built.stderr.contains("Content/uses/u-stuck.md:2:10: warning: 'ua' is already gone"), "\(built.stderr)")
        #expect(!built.stderr.contains("u-moved"), "\(built.stderr)")
        let uses = { (day: String) throws -> [String] in
            let json = try self.vane("exposure", "--format", "json", "--as-of", day, in: kb)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
            return rows.compactMap { $0["use"] as? String }
        }
        #expect(try uses("2023-05-14") == ["u-moved", "u-stuck"])
        #expect(try uses("2023-05-15") == ["u-stuck"])
        #expect(try uses("2023-05") == ["u-stuck"])
        #expect(try vane("exposure", in: kb).stdout.contains("u-moved") == false)
        let page = try kb.read("public/uses/u-moved.html")
        #expect(page.contains("<dt>Ended</dt><dd><time datetime=\"2023-05-15\">15 May 2023</time> (no longer used: no exposure)</dd>"), "\(page)")
        #expect(!page.contains("(overdue)") && !page.contains("<dt>Standing</dt>"), "\(page)")
        #expect(!(try kb.read("public/exposure.html")).contains("u-moved"))
        #expect(try kb.read("public/entities/ua.html").contains("web · medium · ended 15 May 2023"))
        // A site as of a day before it ended: the use stands, its end ahead.
        #expect(try vane("build", "--as-of", "2023-01-01", in: kb).status == 0)
        let before = try kb.read("public/uses/u-moved.html")
        #expect(
            before.contains("<dt>Until</dt><dd><time datetime=\"2023-05-15\">15 May 2023</time></dd>") && before.contains("<dt>Standing</dt>"),
            "\(before)")
        #expect(try kb.read("public/exposure.html").contains("u-moved"))
        // Stored for SQL, as written and by its first day.
        let queue = try DatabaseQueue(path: kb.url("vane.sqlite").path)
        #expect(
            try queue.read { db in try Row.fetchOne(db, sql: "SELECT until, until_start FROM uses WHERE id = 'u-moved'") }
                == ["until": "2023-05-15", "until_start": "2023-05-15"])
        // `vane show` reads it as a date.
        #expect(try vane("show", "u-moved", in: kb).stdout.contains("15 May 2023"))
        // With every use ended, no team calendar is offered (no end of what we use), and the
        // command says why it is empty.
        #expect(try kb.read("public/feeds/exposure.ics").contains("SUMMARY:Old Analytics"))
        try kb.remove("Content/uses/u-stuck.md")
        #expect(try vane("build", in: kb).status == 0)
        #expect(!FileManager.default.fileExists(atPath: kb.url("public/feeds/exposure.ics").path))
        #expect(try !kb.read("public/index.html").contains("exposure.ics"))
        #expect(try kb.read("public/feeds/ends.ics").contains("SUMMARY:Old Analytics"))
        #expect(try vane("exposure", in: kb).stderr.contains("no use goes on as of "))
        // A use ends once the whole of its `until` has passed: a use `until: 2023` goes on to its last day.
        try kb.write("---\nproduct: ua\nteam: data\nsince: 2023-06-15\nuntil: 2023\n---\n", to: "Content/uses/u-year.md")
        #expect(try vane("build", in: kb).status == 0)
        #expect(try uses("2023-12-30") == ["u-year"] && uses("2023-12-31").isEmpty)
        // An end before its beginning is an error at it (not one whose period holds it).
        try kb.write("---\nproduct: ua\nsince: 2023-01-01\nuntil: 2022-12\n---\n", to: "Content/uses/u-bad.md")
        let check = try vane("check", in: kb)
        #expect(
            check.stderr.contains("Content/uses/u-bad.md:4:8: error: the use ends (2022-12) before it began (since 2023-01-01)"), "\(check.stderr)")
        #expect(!check.stderr.contains("u-year"), "\(check.stderr)")
    }

    /// A use on its way out because sign-ups close on its channel says the day, as `vane
    /// status` shows it under its ends, in every view of the exposure; no plan is late for
    /// it, as a closure strands no one who holds the product (trials h10-F4, h11-F2).
    @Test func aUseOnItsWayOutByAClosureSaysItsDay() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Vendor\nurl: https://example.org/notes\n---\n",
            "Content/entities/store.md": "---\nname: Store\ntype: product\nparent: v\nchannels: [new-apps, app-updates]\n---\n",
            "Content/events/e-launch.md":
                "---\ntitle: Launch\ndate: 2020-01-01\ntype: launch\nentities: [v]\nsources: [s]\nstatus:\n  store: { availability: generally-available, priority: invested }\n---\n",
            "Content/events/e-close.md":
                "---\ntitle: Closing\ndate: 2025-04-10\ntype: deprecation\nentities: [v]\nsources: [s]\nstatus:\n  store: { closes: { app-updates: 2025-08-31 } }\n---\n",
            "Content/uses/u-updates.md": "---\nproduct: store\nchannel: app-updates\nteam: mobile\nplan: Move\nplan_date: 2025-09-15\n---\n",
            "Content/uses/u-store.md": "---\nproduct: store\nteam: web\n---\n",
        ])
        let asOf = ["--as-of", "2025-06-01"]
        let built = try vane(["build"] + asOf, in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        let table = try vane(["exposure"] + asOf, in: kb)
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let updates = try #require(lines.first { $0.contains("u-updates") })
        #expect(updates.contains("on-the-way-out") && updates.contains("sign-ups close 31 August 2025 (app-updates)  91 "), "\(table.stdout)")
        #expect(!updates.contains("late"), "\(table.stdout)")
        // A use of the product: its closure ahead, as `vane status` shows the product's.
        let product = try #require(lines.first { $0.contains("u-store") })
        #expect(product.contains("sign-ups close 31 August 2025 (app-updates)  91 "), "\(table.stdout)")
        let json = try vane(["exposure", "--format", "json"] + asOf, in: kb)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let row = try #require(rows.first { $0["use"] as? String == "u-updates" })
        #expect(row["ends"] is NSNull && row["days_left"] is NSNull && row["plan_late_days"] is NSNull)
        let closes = try #require(row["closes"] as? [String: Any])
        #expect(closes["kind"] as? String == "closure" && closes["channel"] as? String == "app-updates" && row["closes_days_left"] as? Int == 91)
        let csv = try vane(["exposure", "--format", "csv"] + asOf, in: kb).stdout
        #expect(csv.contains(",app-updates,2025-08-31,app-updates,143,91\r\n"), "\(csv)")
        // The site as of that day: the exposure page and the use's own.
        let page = try kb.read("public/exposure.html")
        #expect(
            page.contains("<time datetime=\"2025-08-31\">31 August 2025</time> (app-updates), sign-ups close: 91 days left</td>"), "\(page)")
        let own = try kb.read("public/uses/u-updates.html")
        #expect(
            own.contains("on the way out · ")
                && own.contains("<time datetime=\"2025-08-31\">31 August 2025</time> (app-updates), sign-ups close: 91 days left"),
            "\(own)")
        #expect(!own.contains("after the end"))
        // A bundle's sign-ups closing weighs nothing while the product is sold another way:
        // a use of the product does not count down to it.
        try kb.write(
            "---\nname: Suite App\ntype: product\nparent: v\nchannels: [standalone, { suite: bundle }]\n---\n", to: "Content/entities/app.md")
        try kb.write(
            "---\ntitle: Unbundled\ndate: 2025-04-10\ntype: deprecation\nentities: [v]\nsources: [s]\nstatus:\n"
                + "  app: { availability: generally-available, priority: invested, closes: { suite: 2025-08-31 } }\n---\n",
            to: "Content/events/e-unbundled.md")
        try kb.write("---\nproduct: app\nteam: ops\n---\n", to: "Content/uses/u-app.md")
        #expect(try vane(["build"] + asOf, in: kb).status == 0)
        let bundled = try vane(["exposure", "--format", "json"] + asOf, in: kb)
        let app = try #require(
            (try JSONSerialization.jsonObject(with: Data(bundled.stdout.utf8)) as? [[String: Any]])?.first { $0["use"] as? String == "u-app" })
        #expect(app["closes"] is NSNull && app["band"] as? String == "drift", "\(bundled.stdout)")
        // Once sign-ups have closed, nothing is ahead to count down to.
        let after = try vane(["exposure", "--format", "json", "--as-of", "2025-09-01"], in: kb)
        let later = try #require(try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [[String: Any]])
        #expect(later.allSatisfy { $0["closes"] is NSNull && $0["closes_days_left"] is NSNull }, "\(after.stdout)")
    }

    /// A use may name the one channel of its product it depends on: its end and its fall
    /// are that channel's (a free tier's users were stranded while the product read "drift,
    /// no end"), another channel's end is not its own, and a channel the product does not
    /// have is an error at it.
    @Test func aUseOfOneChannelStandsWhereItsChannelStands() throws {
        let use = { (channel: String) in
            "---\nproduct: dynos\nchannel: \(channel)\nteam: web\ncriticality: high\nplan: Move\nplan_date: 2026-04\n---\n"
        }
        var files = [
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Vendor\nurl: https://example.org/notes\n---\n",
            "Content/entities/dynos.md": "---\nname: Dynos\ntype: product\nparent: v\nchannels: [free, paid, eco]\n---\n",
            "Content/events/e-launch.md":
                "---\ntitle: Launch\ndate: 2020-01-01\ntype: launch\nentities: [v]\nsources: [s]\nstatus:\n  dynos: { availability: generally-available, priority: invested }\n---\n",
            "Content/events/e-free.md":
                "---\ntitle: Free ends\ndate: 2025-08-25\ntype: deprecation\nentities: [v]\nsources: [s]\nstatus:\n  dynos: { availability: { free: deprecated }, ends: { free: 2025-11-28, eco: 2026-03-31 } }\n---\n",
            "Content/uses/u-free.md": use("free"), "Content/uses/u-paid.md": use("paid"), "Content/uses/u-eco.md": use("Eco"),
        ]
        let kb = try TemporaryKnowledgeBase(files)
        let built = try vane("build", in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stderr.contains("Content/uses/u-free.md:2:10: warning: 'dynos' (free) is already gone"), "\(built.stderr)")
        #expect(
            built.stderr.contains(
                "Content/uses/u-eco.md:7:12: warning: the plan finishes (2026-04) 30 days after the announced end of 'dynos' on eco (2026-03-31)"))
        let json = try vane("exposure", "--format", "json", in: kb)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["use"] as? String } == ["u-free", "u-eco", "u-paid"])
        #expect(rows.map { $0["band"] as? String } == ["gone", "announced-end", "on-the-way-out"])
        #expect(rows.map { $0["channel"] as? String } == ["free", "eco", "paid"])
        #expect(rows.map { $0["days_left"] as? Int } == [-93, 30, nil])
        #expect(rows[2]["ends"] is NSNull && rows[2]["product_name"] as? String == "Dynos · paid")
        #expect(
            try vane("exposure", "--format", "csv", in: kb).stdout.components(separatedBy: "\r\n")[0].hasSuffix(
                ",successor_lines,channel,closes,closes_channel,closes_notice,closes_days_left"))
        #expect(try kb.read("public/exposure.html").contains(">Dynos · free</a>"))
        #expect(try kb.read("public/uses/u-paid.html").contains(">Dynos · paid</a>"))
        // The published query says what the command says: the paid use has no end of its own
        // (it was listed as ending with the free tier), the free one is gone.
        #expect(try usesEndingSoon(in: kb) == [["u-eco", "web", "high", "dynos", "2026-03-31", "30", "1"]])
        // A channel that names an entity, by an alias, is that entity's id, as in a status (it
        // was refused on a use while a status took it).
        var aliased = files
        aliased["Content/entities/cloud.md"] = "---\nname: Cloud Market\ntype: product\nparent: v\naliases: [CloudMarket]\n---\n"
        aliased["Content/entities/dynos.md"] = "---\nname: Dynos\ntype: product\nparent: v\nchannels: [free, paid, eco, cloud]\n---\n"
        aliased["Content/uses/u-cloud.md"] = use("CloudMarket")
        let viaAlias = try TemporaryKnowledgeBase(aliased)
        let aliasBuilt = try vane("build", in: viaAlias)
        #expect(aliasBuilt.status == 0, "\(aliasBuilt.stderr)")
        let cloud = try vane("exposure", "--format", "json", in: viaAlias).stdout
        #expect(cloud.contains("\"channel\" : \"cloud\"") && cloud.contains("\"product_name\" : \"Dynos · Cloud Market\""), "\(cloud)")
        // A channel the product does not have.
        files["Content/uses/u-paid.md"] = use("piad")
        files["Content/uses/u-none.md"] = "---\nproduct: v-other\nchannel: free\n---\n"
        files["Content/entities/v-other.md"] = "---\nname: Other\ntype: product\nparent: v\n---\n"
        let wrong = try vane("check", in: try TemporaryKnowledgeBase(files))
        #expect(wrong.status == 1)
        #expect(
            wrong.stderr.contains(
                "Content/uses/u-paid.md:3:10: error: channel 'piad' is not a channel of 'dynos' (did you mean 'paid'?); its channels are free, paid, eco"
            ),
            "\(wrong.stderr)")
        #expect(
            wrong.stderr.contains(
                "Content/uses/u-none.md:3:10: error: 'v-other' has no channels: a use names one only of a product that declares them ('channels:') or whose events name them"
            ), "\(wrong.stderr)")
    }

    /// A use of one channel reads that channel everywhere: its `position` in JSON is the
    /// channel's, as its page says (it was the product's most available channel's); a channel
    /// closed to new customers is on its way out while the product's other channels drift (it
    /// ranked drift); and a channel retired before its announced end is gone since the day it
    /// went, its plan late from then (it read gone with 30 days left).
    /// A use of a channel that is an entity (a cloud) sees each successor where it stands on
    /// that channel, as the channel's own board shows it: Valkey in preview on the cloud, not
    /// generally available as a whole (the exposure and the cloud's page disagreed).
    @Test func aUseOfAChannelSeesItsSuccessorWhereTheChannelStands() throws {
        let launch = """
            ---
            title: Launch
            date: 2020-01-01
            type: launch
            entities: [v]
            sources: [s]
            status:
              dynos: { availability: { self: generally-available, cloud: generally-available }, priority: invested }
              keys: { availability: { self: generally-available, cloud: preview }, priority: flagship }
            ---

            """
        let files = [
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/entities/c.md": "---\nname: Cloud Co\ntype: vendor\n---\n",
            "Content/entities/cloud.md": "---\nname: Cloud\ntype: product\nparent: c\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Vendor\nurl: https://example.org/notes\n---\n",
            "Content/entities/dynos.md": "---\nname: Dynos\ntype: product\nparent: v\nchannels: [self, cloud]\nsuccessors: [keys]\n---\n",
            "Content/entities/keys.md": "---\nname: Keys\ntype: product\nparent: v\nchannels: [self, cloud]\n---\n",
            "Content/events/e-launch.md": launch,
            "Content/events/e-close.md":
                "---\ntitle: Closed on the cloud\ndate: 2025-06-01\ntype: deprecation\nentities: [v]\nsources: [s]\nstatus:\n  dynos: { availability: { cloud: closed-to-new } }\n---\n",
            "Content/uses/u-cloud.md": "---\nproduct: dynos\nchannel: cloud\nteam: web\n---\n",
            "Content/uses/u-whole.md": "---\nproduct: dynos\nteam: web\n---\n",
        ]
        let kb = try TemporaryKnowledgeBase(files)
        let built = try vane("build", in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        let json = try vane("exposure", "--format", "json", in: kb)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let positions = Dictionary(
            uniqueKeysWithValues: rows.map { row in
                (row["use"] as! String, (row["successors"] as? [[String: Any]])?.map { $0["position"] as? String ?? "" } ?? [])
            })
        #expect(positions == ["u-cloud": ["Preview · Flagship"], "u-whole": ["Generally available · Flagship"]], "\(json.stdout)")
        #expect(try vane("exposure", in: kb).stdout.contains("Keys (Preview · Flagship)"))
        // The cloud's page, the exposure page and the use's row say the same.
        #expect(try kb.read("public/entities/cloud.html").contains("Keys (Preview · Flagship)"))
        #expect(try kb.read("public/exposure.html").contains("Keys (Preview · Flagship)"))
        // A successor gone on the channel, offered elsewhere still, is no target there: the
        // line leads on to its own successor, as the channel's board says (it stopped at
        // "Retired"), in the table, the JSON's onward steps and the CSV's line.
        var gone = files
        gone["Content/entities/keys.md"] = "---\nname: Keys\ntype: product\nparent: v\nchannels: [self, cloud]\nsuccessors: [bolts]\n---\n"
        gone["Content/entities/bolts.md"] = "---\nname: Bolts\ntype: product\nparent: v\nchannels: [self, cloud]\n---\n"
        gone["Content/events/e-launch.md"] = launch.replacingOccurrences(
            of: "priority: flagship }\n", with: "priority: flagship }\n  bolts: { availability: { cloud: preview }, priority: flagship }\n")
        gone["Content/events/e-keys-off.md"] =
            "---\ntitle: Keys off the cloud\ndate: 2025-07-01\ntype: shutdown\nentities: [v]\nsources: [s]\nstatus:\n  keys: { availability: { cloud: retired } }\n---\n"
        let goneKB = try TemporaryKnowledgeBase(gone)
        let goneBuilt = try vane("build", in: goneKB)
        #expect(goneBuilt.status == 0, "\(goneBuilt.stderr)")
        let line = "Keys (Retired · Flagship) → Bolts (Preview · Flagship)"
        #expect(try vane("exposure", in: goneKB).stdout.contains(line))
        #expect(try goneKB.read("public/exposure.html").contains(line))
        #expect(try goneKB.read("public/entities/cloud.html").contains(line))
        let csv = try vane("exposure", "--format", "csv", in: goneKB).stdout
        #expect(csv.contains(",keys>bolts,cloud"), "\(csv)")
        let goneRows = try #require(
            try JSONSerialization.jsonObject(with: Data(try vane("exposure", "--format", "json", in: goneKB).stdout.utf8)) as? [[String: Any]])
        let onward = goneRows.first { $0["use"] as? String == "u-cloud" }.flatMap { ($0["successors"] as? [[String: Any]])?.first?["onward"] }
        #expect((onward as? [[String: Any]])?.map { $0["entity"] as? String } == ["bolts"])
        // The whole product's use: Keys is available as a whole, a target itself.
        #expect(try vane("exposure", in: goneKB).stdout.contains("Keys (Generally available · Flagship)"))
    }

    @Test func aUseOfOneChannelReadsItsChannelEverywhere() throws {
        var files = channelledProduct(
            "anvil", channels: "[weights, api, app]",
            events: [
                (
                    "2025-01-10",
                    "{ availability: { weights: open-weights, api: generally-available, app: generally-available }, priority: flagship }"
                ),
                ("2025-12-01", "{ availability: { app: closed-to-new } }"),
                ("2026-01-05", "{ ends: { api: 2026-03-31 } }"),
                ("2026-02-20", "{ availability: { api: retired } }"),
            ])
        files["Content/uses/u-api.md"] = "---\nproduct: anvil\nchannel: api\nteam: web\nplan: Move\nplan_date: 2026-04\n---\n"
        files["Content/uses/u-app.md"] = "---\nproduct: anvil\nchannel: app\nteam: web\nplan: Leave\nplan_date: 2026-01\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        let built = try vane("build", in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        let json = try vane("exposure", "--format", "json", in: kb)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["use"] as? String } == ["u-api", "u-app"])
        #expect(rows.map { $0["band"] as? String } == ["gone", "on-the-way-out"])
        #expect(rows.map { $0["position"] as? String } == ["Retired · Flagship", "Closed to new customers · Flagship"])
        #expect(rows[0]["days_left"] as? Int == -9 && rows[0]["plan_late_days"] as? Int == 69, "\(rows[0])")
        #expect(try kb.read("public/uses/u-app.html").contains("Closed to new customers · Flagship"))
        // A plan whose date has passed says so (a plan for January read the same in March);
        // one still ahead does not.
        #expect(
            try kb.read("public/uses/u-app.html").contains(
                "<dd>Leave, by <time datetime=\"2026-01\">January 2026</time> <strong>(overdue)</strong></dd>"))
        let exposure = try kb.read("public/exposure.html")
        #expect(exposure.components(separatedBy: "<strong>(overdue)</strong>").count == 2, "\(exposure)")
        // The team's calendar has the ends of the channels used, not another channel's end.
        files.merge(
            channelledProduct(
                "anvil", channels: "[weights, api, app]", events: [("2026-01-05", "{ ends: { api: 2026-03-31, weights: 2027-01-01 } }")])
        ) { _, new in new }
        let withWeights = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", in: withWeights).status == 0)
        let calendar = try withWeights.read("public/feeds/exposure.ics")
        #expect(calendar.contains("DTSTART;VALUE=DATE:20260331") && !calendar.contains("DTSTART;VALUE=DATE:20270101"), "\(calendar)")
    }

    /// A use of a channel the product's end was called off for has no end of it (it was
    /// told the product's end), and the team's calendar leaves that end out.
    @Test func aUseOfAChannelAnEndWasCalledOffForHasNoEnd() throws {
        var files = channelledProduct(
            "cn", channels: "[global, china]",
            events: [
                ("2025-01-10", "{ availability: generally-available, priority: invested }"), ("2026-01-05", "{ ends: 2027-01-01 }"),
                ("2026-02-01", "{ ends: { china: none } }"),
            ])
        files["Content/uses/u-china.md"] = "---\nproduct: cn\nchannel: china\nteam: web\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        let built = try vane("build", in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(try vane("exposure", "--format", "json", in: kb).stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["band"] as? String == "on-the-way-out" && rows.first?["ends"] is NSNull, "\(rows)")
        #expect(try !kb.read("public/feeds/exposure.ics").contains("DTSTART;VALUE=DATE:20270101"))
    }

    /// `broken_commitments` leaves out a verdict dated after the day (the claim's page shows
    /// it pending until then; the query listed it broken).
    @Test func brokenCommitmentsWaitForTheirVerdictsDay() throws {
        let claim = { (id: String, day: String) in
            "---\ntitle: \(id)\ndate: 2024-01-01\ntype: commitment\nclaimant: v\nabout: [p]\nsources: [s]\nverdict: broken\nverdict_date: \(day)\nverdict_sources: [s]\n---\n"
        }
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/sources/s.md": "---\ntitle: Notes\npublisher: Vendor\nurl: https://example.org/notes\n---\n",
            "Content/entities/p.md": "---\nname: P\ntype: product\nparent: v\n---\n",
            "Content/claims/past.md": claim("past", "2025-06"), "Content/claims/later.md": claim("later", "2027-01-15"),
        ])
        #expect(try vane("build", in: kb).status == 0)
        let metadata = try String(contentsOf: Repository.root.appendingPathComponent("Templates/datasette-metadata.yml"), encoding: .utf8)
        let block = try #require(metadata.components(separatedBy: "broken_commitments:").last)
        let sql = try #require(block.components(separatedBy: "sql: |-\n").last).replacingOccurrences(of: "{{AS_OF_END}}", with: "'2026-12-06'")
        let claims = try DatabaseQueue(path: kb.url("vane.sqlite").path).read { db in try String.fetchAll(db, sql: sql) }
        #expect(claims == ["past"])
    }

    /// The published canned queries follow what the command line says of a closure that
    /// came (`stranded` read it as generally available) and of an end announced before its
    /// event (`announced_ends` counted the notice from the event); of a whole-product value
    /// followed by each channel's end (`stranded` listed a product gone as `deprecated`), and
    /// of one channel's closure beside another's end (it read `generally-available`).
    @Test func theCannedQueriesReadClosuresAndTheVendorsOwnDay() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/entities/closer.md": "---\nname: Closer\ntype: product\nparent: v\n---\n",
            "Content/entities/ender.md": "---\nname: Ender\ntype: product\nparent: v\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2024-01-10\ntype: launch\nentities: [closer, ender]\nstatus:\n"
                + "  closer: { availability: generally-available, priority: maintained }\n"
                + "  ender: { availability: generally-available, priority: maintained }\n---\n",
            "Content/events/b.md":
                "---\ntitle: B\ndate: 2025-06-01\ntype: deprecation\nentities: [closer]\nstatus:\n"
                + "  closer: { priority: deprioritized, closes: 2025-09-30 }\n---\n",
            "Content/entities/faller.md": "---\nname: Faller\ntype: product\nparent: v\n---\n",
            // Deprecated before its closure came: the closure never raises it.
            "Content/events/d.md":
                "---\ntitle: D\ndate: 2025-02-01\ntype: deprecation\nentities: [faller]\nstatus:\n"
                + "  faller: { availability: deprecated, priority: sunset, closes: 2025-08-01 }\n---\n",
            "Content/events/c.md":
                "---\ntitle: C\ndate: 2025-10-01\ntype: deprecation\nentities: [ender]\nstatus:\n"
                + "  ender: { priority: sunset, ends: { date: 2026-06-30, announced: 2025-01-01 } }\n---\n",
            "Content/entities/widget.md": "---\nname: Widget\ntype: product\nparent: v\nchannels: [standard, { esu: paid }]\n---\n",
            "Content/entities/gizmo.md": "---\nname: Gizmo\ntype: product\nparent: v\nchannels: [new-customers, existing-customers]\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2020-01-01\ntype: launch\nentities: [widget, gizmo]\nstatus:\n"
                + "  widget: { availability: generally-available, priority: maintained }\n"
                + "  gizmo: { availability: generally-available, priority: maintained }\n---\n",
            "Content/events/f.md":
                "---\ntitle: F\ndate: 2022-01-01\ntype: deprecation\nentities: [widget, gizmo]\nstatus:\n"
                + "  widget: { availability: deprecated, priority: sunset, ends: { standard: 2023-01-01, esu: 2024-01-01 } }\n"
                + "  gizmo: { priority: discontinued, closes: { new-customers: 2022-06-01 }, ends: { existing-customers: 2023-01-01 } }\n---\n",
        ])
        #expect(try vane("build", "--as-of", Self.today, in: kb).status == 0)
        let status = try vane("status", "--as-of", Self.today, "--format", "csv", in: kb).stdout
        #expect(status.contains(",closer,v,closed-to-new,deprioritized,"), "\(status)")
        let stranded = try cannedQuery("stranded", in: kb, columns: ["entity", "availability", "priority"])
        #expect(
            stranded == [
                ["gizmo", "closed-to-new", "discontinued"], ["ender", "generally-available", "sunset"], ["faller", "deprecated", "sunset"],
                ["closer", "closed-to-new", "deprioritized"],
            ],
            "\(stranded)")
        #expect(status.contains(",gizmo,v,\"closed-to-new (existing-customers: retired, new-customers: closed-to-new)\",discontinued,"), "\(status)")
        // The board is the one `vane status` prints for the build's day, gone products last.
        let board = try DatabaseQueue(path: kb.url("vane.sqlite").path).read { db in
            try Row.fetchAll(db, sql: "SELECT entity_id, as_of, availability, channels, gone FROM board ORDER BY position")
                .map { row in [0, 1, 2, 3, 4].map { row[$0].map { "\($0)" } ?? "-" } }
        }
        #expect(board.first { $0[0] == "widget" } == ["widget", Self.today, "retired", "esu: retired; standard: retired", "1"], "\(board)")
        #expect(board.last?[4] == "1" && board.map(\.[0]).count == 5, "\(board)")
        let ends = try vane("ends", "--as-of", Self.today, "--format", "json", in: kb).stdout
        #expect(ends.contains("\"notice_days\" : 545"), "\(ends)")
        #expect(
            try cannedQuery("announced_ends", in: kb, columns: ["entity", "end_date", "notice_days"]).filter { $0[0] == "ender" } == [
                ["ender", "2026-06-30", "545"]
            ])
    }

    /// `announced_ends` names a whole-product end as what replaced a channel's end announced
    /// before it (the rule `vane ends` follows); a channel's end announced after a whole one
    /// replaces nothing of it (the query looked for a later end of the same channel alone).
    @Test func aWholeProductEndReplacesAChannelsEndInTheCannedQuery() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/entities/q.md": "---\nname: Queue\ntype: product\nparent: v\nchannels: [api, console]\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2024-01-10\ntype: launch\nentities: [q]\nstatus:\n  q: { availability: generally-available, priority: maintained }\n---\n",
            "Content/events/b.md":
                "---\ntitle: B\ndate: 2026-10-01\ntype: deprecation\nentities: [q]\nstatus:\n  q: { ends: { console: 2027-01-31 } }\n---\n",
            "Content/events/c.md": "---\ntitle: C\ndate: 2026-11-01\ntype: statement\nentities: [q]\nstatus:\n  q: { ends: 2028-03 }\n---\n",
            "Content/events/d.md":
                "---\ntitle: D\ndate: 2026-11-15\ntype: statement\nentities: [q]\nstatus:\n  q: { ends: { api: 2028-06-30 } }\n---\n",
        ])
        #expect(try vane("build", "--as-of", Self.today, in: kb).status == 0)
        let rows = try cannedQuery("announced_ends", in: kb, columns: ["channel", "event", "replaced_by"])
        #expect(rows == [["console", "b", "c"], ["", "c", ""], ["api", "d", ""]], "\(rows)")
    }

    /// On a priority scale of the knowledge base's own, without `deprioritized`, `stranded`
    /// lists the products in its lower half (it listed none).
    @Test func strandedReadsAConfiguredPriorityScale() throws {
        let kb = try TemporaryKnowledgeBase([
            "Site/config.yml": "priority_scale: [bet, core, keep, wind-down, eol]\n",
            "Content/entities/v.md": "---\nname: Vendor\ntype: vendor\n---\n",
            "Content/entities/a.md": "---\nname: A\ntype: product\nparent: v\n---\n",
            "Content/entities/b.md": "---\nname: B\ntype: product\nparent: v\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2024-01-10\ntype: launch\nentities: [a, b]\nstatus:\n"
                + "  a: { availability: generally-available, priority: wind-down }\n  b: { availability: generally-available, priority: keep }\n---\n",
        ])
        #expect(try vane("build", "--as-of", Self.today, in: kb).status == 0)
        #expect(try cannedQuery("stranded", in: kb, columns: ["entity", "priority"]) == [["a", "wind-down"]])
    }

    /// A canned query of the published metadata, run on the built database on the test's day.
    private func cannedQuery(_ name: String, in kb: TemporaryKnowledgeBase, columns: [String]) throws -> [[String]] {
        let metadata = try String(contentsOf: Repository.root.appendingPathComponent("Templates/datasette-metadata.yml"), encoding: .utf8)
        let block = try #require(metadata.components(separatedBy: "\n      \(name):\n").dropFirst().first)
        // The block's lines, indented deeper than its key.
        let lines = try #require(block.components(separatedBy: "sql: |-\n").dropFirst().first).components(separatedBy: "\n")
        let sql = lines.prefix { $0.hasPrefix("          ") || $0.isEmpty }.joined(separator: "\n")
            .replacingOccurrences(of: "{{AS_OF_END}}", with: "'\(Self.today)'")
        let queue = try DatabaseQueue(path: kb.url("vane.sqlite").path)
        return try queue.read { db in try Row.fetchAll(db, sql: sql).map { row in columns.map { row[$0].map { "\($0)" } ?? "" } } }
    }

    /// A use of a product folded into another says so on the exposure page, as `vane
    /// exposure` does ("folded into Squarespace Domains", not a plain successor).
    @Test func theExposurePageSaysAFold() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/g.md": "---\nname: Google\ntype: vendor\n---\n",
            "Content/entities/gd.md": "---\nname: Google Domains\ntype: product\nparent: g\nfolded_into: [sq]\n---\n",
            "Content/entities/sq.md": "---\nname: Squarespace Domains\ntype: product\nparent: g\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2023-06-15\ntype: other\nentities: [gd, sq]\nstatus:\n  gd: { availability: deprecated, priority: sunset }\n"
                + "  sq: { availability: generally-available, priority: flagship }\n---\n",
            "Content/uses/web-gd.md": "---\nproduct: gd\nteam: web\ncriticality: high\n---\n",
        ])
        #expect(try vane("build", "--as-of", Self.today, in: kb).status == 0)
        let said = "folded into Squarespace Domains (Generally available · Flagship)"
        #expect(try vane("exposure", "--as-of", Self.today, in: kb).stdout.contains(said))
        #expect(try kb.read("public/exposure.html").contains(said))
    }

    @Test func reimportsKeepHandWrittenUsesAndFollowTheBill() throws {
        let kb = try imported()
        try kb.write(Self.handWritten, to: "Content/uses/web-shop-django.md")
        _ = try vane("import", "sbom", bill("cyclonedx-py-1.5.json"), "--team", "web", in: kb)
        let before = snapshot(of: kb.url("Content"))
        let again = try vane("import", "sbom", bill("cyclonedx-py-1.5.json"), "--team", "web", in: kb)
        #expect(again.stderr.hasSuffix("2 uses: 0 files written, 2 unchanged, 0 removed\n"), "\(again.stderr)")
        #expect(snapshot(of: kb.url("Content")) == before)

        // The bill moves on: Django 5.2 by package URL (written `Django`), Node.js 20 by
        // CPE alone; NumPy 0.9.8 has no cycle; requests is not tracked. The uses of the
        // first bill that left it are removed; the hand-written one stays as it was.
        let spdx = try vane("import", "sbom", bill("spdx-2.3.json"), "--team", "web", in: kb)
        #expect(spdx.status == 0, "\(spdx.stderr)")
        expectGolden(spdx.stdout, Self.golden + "import-spdx.txt")
        #expect(
            spdx.stderr.hasSuffix("read 5 components (SPDX-2.3): 2 matched, 3 not matched; 2 uses: 2 files written, 0 unchanged, 2 removed\n"))
        let uses = snapshot(of: kb.url("Content/uses")).keys.sorted()
        #expect(uses == ["sbom/web/web-django-5-2.md", "sbom/web/web-nodejs-20.md", "web-shop-django.md"])
        // The version the CPE alone gave is the use's (it was left out).
        let node = try kb.read("Content/uses/sbom/web/web-nodejs-20.md")
        #expect(node.contains("\nversion: \"20.11.1\"\n") && node.contains("as node 20.11.1 (`vane import sbom`)"), "\(node)")
        #expect(try kb.read("Content/uses/web-shop-django.md") == Self.handWritten)

        // Another team's bill leaves web's uses alone.
        let other = try vane("import", "sbom", bill("cyclonedx-py-1.5.json"), "--team", "search", in: kb)
        #expect(other.stderr.hasSuffix("3 uses: 3 files written, 0 unchanged, 0 removed\n"), "\(other.stderr)")
        #expect(FileManager.default.fileExists(atPath: kb.url("Content/uses/sbom/web/web-django-5-2.md").path))
        // A generated use edited (the team made it critical) that left the bill is kept, and
        // the warning says what to do with it (it said nothing of that, import after import).
        let django = "Content/uses/sbom/web/web-django-5-2.md"
        try kb.write(try kb.read(django).replacingOccurrences(of: "team: web\n", with: "team: web\ncriticality: critical\n"), to: django)
        let moved = try vane("import", "sbom", bill("cyclonedx-py-1.5.json"), "--team", "web", in: kb)
        #expect(
            moved.stderr.contains(
                "\(django):1:1: warning: edited since the import wrote it, and no longer in the data; left as it is (delete it if it is gone, or remove its 'generated: sbom' line to keep it for good)"
            ), "\(moved.stderr)")
    }

    @Test func badBillsGetALocatedErrorAndChangeNothing() throws {
        let kb = try imported()
        let before = snapshot(of: kb.url("Content"))
        var messages = ""
        for name in [
            "malformed.json", "empty.json", "foreign-package.json", "cyclonedx-1.2.json", "missing.json", "components-object.json",
            "version-as-number.json", "cyclonedx.xml", "spec-version-number.json", "no-components.json", "spdx-no-packages.json",
            "trailing-comma.json", "several-wrong-fields.json", "control-characters.json", "oversized-and-encoded.json",
        ] {
            let result = try vane("import", "sbom", bill(name), in: kb)
            #expect(result.status == 1, "\(name): \(result.stderr)")
            messages += result.stderr.replacingOccurrences(of: Self.bills.path + "/", with: "")
        }
        expectGolden(messages, Self.golden + "bad-bills.txt")
        #expect(snapshot(of: kb.url("Content")) == before)
        let team = try vane("import", "sbom", bill("spdx-2.3.json"), "--team", "Web Shop", in: kb)
        #expect(
            team.status == 64
                && team.stderr.contains("--team 'Web Shop' must be an id (lowercase a-z, 0-9, '-'), as a use's team is: --team web-shop"))
        // `any` is the folder of the uses of no team: an import of each removed the other's uses.
        // `ANY` is told so too (it was sent to `--team any`, refused in turn).
        for reserved in ["any", "sbom", "ANY", "Sbom"] {
            let taken = try vane("import", "sbom", bill("spdx-2.3.json"), "--team", reserved, in: kb)
            #expect(
                taken.status == 64
                    && taken.stderr.contains("--team '\(reserved)' is taken: Content/uses/sbom/any/sbom-….md are the uses imported without --team"),
                "\(taken.stderr)")
        }
        #expect(snapshot(of: kb.url("Content")) == before)
        // A bill read as empty would remove every use its last import wrote: after one, a
        // components list of the wrong type is an error and the uses stay.
        #expect(try vane("import", "sbom", bill("spdx-2.3.json"), "--team", "web", in: kb).status == 0)
        let written = snapshot(of: kb.url("Content"))
        for name in ["components-object.json", "no-components.json", "spdx-no-packages.json"] {
            #expect(try vane("import", "sbom", bill(name), "--team", "web", in: kb).status == 1, "\(name)")
            #expect(snapshot(of: kb.url("Content")) == written, "\(name)")
        }
    }

    /// A version only a package URL carries is the version (`pkg:pypi/django@4.2.11`), and
    /// SPDX's NOASSERTION is no version; the counts are in the singular for one.
    @Test func aPackageURLsVersionChoosesTheCycle() throws {
        let kb = try imported()
        let result = try vane("import", "sbom", bill("versions-in-purls.json"), "--team", "web", in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pkg:pypi/django@4.2.11 → django-4-2 (Django 4.2)"), "\(result.stdout)")
        #expect(result.stderr.hasPrefix("read 1 component (SPDX-2.3): 1 matched, 0 not matched; 1 use: 1 file written"), "\(result.stderr)")
    }

    /// A component's own version that names no cycle leaves the choice to its package URL's
    /// or CPE's (syft writes Go's standard library `go1.21.5`, its package URL `1.21.5`), and
    /// a version written as a cycle's codename (`bookworm`) is that cycle: both were "not matched".
    @Test func aVersionAsScannersWriteItFindsItsCycle() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/goz.md": "---\nname: Go\ntype: product\nidentifiers: [{ purl: pkg:golang/stdlib }]\n---\n",
            "Content/entities/goz-1-21.md": "---\nname: Go 1.21\ntype: product\nparent: goz\ndata: { release_cycle: \"1.21\" }\n---\n",
            "Content/entities/deb.md": "---\nname: Debian\ntype: product\nidentifiers: [{ cpe: \"cpe:2.3:o:debian:debian_linux\" }]\n---\n",
            "Content/entities/deb-12.md":
                "---\nname: Debian 12\ntype: product\nparent: deb\ndata: { release_cycle: \"12\", codename: \"Bookworm\" }\n---\n",
            // A codename two cycles share names neither.
            "Content/entities/deb-8-0.md":
                "---\nname: Debian 8.0\ntype: product\nparent: deb\ndata: { release_cycle: \"8.0\", codename: \"Oreo\" }\n---\n",
            "Content/entities/deb-8-1.md":
                "---\nname: Debian 8.1\ntype: product\nparent: deb\ndata: { release_cycle: \"8.1\", codename: \"Oreo\" }\n---\n",
            "bill.json": """
            { "bomFormat": "CycloneDX", "specVersion": "1.5", "components": [
              { "name": "stdlib", "version": "go1.21.5", "purl": "pkg:golang/stdlib@1.21.5", "cpe": "cpe:2.3:a:golang:go:1.21.5:-:*:*:*:*:*:*" },
              { "name": "debian", "version": "bookworm", "cpe": "cpe:2.3:o:debian:debian_linux:bookworm:*:*:*:*:*:*:*" },
              { "name": "debian", "version": "oreo", "cpe": "cpe:2.3:o:debian:debian_linux:oreo:*:*:*:*:*:*:*" }
            ] }
            """,
        ])
        let result = try vane("import", "sbom", kb.url("bill.json").path, "--team", "api", in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pkg:golang/stdlib@1.21.5 → goz-1-21 (Go 1.21)"), "\(result.stdout)")
        #expect(result.stdout.contains("cpe:2.3:o:debian:debian_linux:bookworm:*:*:*:*:*:*:* → deb-12 (Debian 12)"), "\(result.stdout)")
        #expect(result.stdout.contains("cpe:2.3:o:debian:debian_linux:oreo:*:*:*:*:*:*:*: no cycle of 'deb' for version oreo"), "\(result.stdout)")
    }

    /// A package URL that is none is said to be none (it read "unknown package").
    @Test func aMalformedPackageURLIsSaidToBeOne() throws {
        let kb = try imported()
        try kb.write(
            """
            { "bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
              { "name": "django", "version": "4.2.11", "purl": "pkg:pypi" },
              { "name": "django", "version": "4.2.11", "purl": "https://pypi.org/project/django" },
              { "name": "requests", "version": "2.32.3", "purl": "pkg:pypi/requests@2.32.3" }
            ] }
            """, to: "bad-purls.json")
        let result = try vane("import", "sbom", kb.url("bad-purls.json").path, "--team", "web", in: kb)
        #expect(result.stdout.contains("'pkg:pypi' is not a package URL (pkg:TYPE/NAME@VERSION)"), "\(result.stdout)")
        #expect(result.stdout.contains("'https://pypi.org/project/django' is not a package URL (pkg:TYPE/NAME@VERSION)"))
        #expect(result.stdout.contains("unknown package (no product carries this package URL)"))
    }

    /// Two versions of one cycle in a bill are one use, the first's; the second says so
    /// (it was dropped without a word).
    @Test func aSecondVersionOfACycleSaysItsUseIsTheFirsts() throws {
        let kb = try imported()
        let package = { (version: String) in
            "{ \"name\": \"Django\", \"SPDXID\": \"SPDXRef-\(version)\", \"versionInfo\": \"\(version)\", \"externalRefs\": "
                + "[{ \"referenceCategory\": \"PACKAGE-MANAGER\", \"referenceType\": \"purl\", \"referenceLocator\": \"pkg:pypi/django@\(version)\" }] }"
        }
        try kb.write(
            "{ \"spdxVersion\": \"SPDX-2.3\", \"SPDXID\": \"SPDXRef-DOCUMENT\", \"name\": \"two\", \"packages\": [\(package("4.2.9")), \(package("4.2.11"))] }\n",
            to: "two.json")
        let result = try vane("import", "sbom", kb.url("two.json").path, "--team", "web", in: kb)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("its use is already the one of pkg:pypi/django@4.2.9, the first component of 'django-4-2' in the bill"),
            "\(result.stdout)")
        #expect(try kb.read("Content/uses/sbom/web/web-django-4-2.md").contains("version: \"4.2.9\""))
    }

    /// A generated use never takes the id of an entry written by hand: the import is an
    /// error at the component, and nothing is written.
    @Test func aGeneratedUseNeverTakesAnotherEntrysID() throws {
        let kb = try imported()
        try kb.write("---\nproduct: django-4-1\nteam: data\n---\n", to: "Content/uses/web-django-4-2.md")
        let before = snapshot(of: kb.url("Content"))
        let result = try vane("import", "sbom", bill("versions-in-purls.json"), "--team", "web", in: kb)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "error: the use of 'django-4-2' would be 'web-django-4-2', the id of Content/uses/web-django-4-2.md; rename that file, or import with another --team"
            ), "\(result.stderr)")
        #expect(snapshot(of: kb.url("Content")) == before)
    }

    @Test func usesAreCheckedLikeEverythingElse() throws {
        let kb = try imported()
        try kb.write("---\nproduct: djnago-4-2\nteam: web\ncriticality: severe\n---\n", to: "Content/uses/typo.md")
        try kb.write("---\nproduct: django\nidentifiers: [{ purl: pkg:pypi/django }]\n---\n", to: "Content/uses/product.md")
        let check = try vane("check", in: kb)
        #expect(check.status == 1)
        expectGolden(check.stderr, Self.golden + "check.txt")
    }

    /// A use of a product whose release cycles carry the status says why it is not tracked,
    /// on its page and the exposure page (they said "not tracked" and nothing more).
    @Test func anUntrackedUseSaysWhy() throws {
        let kb = try imported()
        try kb.write("---\nproduct: django\nteam: web\n---\n", to: "Content/uses/product.md")
        #expect(try vane("build", in: kb).status == 0)
        let why = "not tracked · its release cycles carry the status: name the one you use"
        #expect(try kb.read("public/uses/product.html").contains("<dd>\(why) (as of "))
        #expect(try kb.read("public/exposure.html").contains("<td data-label=\"Standing\">\(why)</td>"))
        // A model family's are its models, as the build's warning says (it said release cycles).
        try kb.write("---\nname: Fam\ntype: model-family\n---\n", to: "Content/entities/fam.md")
        try kb.write("---\nname: Fam One\ntype: model\nparent: fam\n---\n", to: "Content/entities/fam-one.md")
        try kb.write(
            "---\ntitle: Fam One out\ndate: 2025-01-01\ntype: launch\nentities: [fam-one]\nstatus:\n  fam-one: { availability: generally-available, priority: invested }\n---\n",
            to: "Content/events/fam-one-out.md")
        try kb.write("---\nproduct: fam\nteam: web\n---\n", to: "Content/uses/family.md")
        let built = try vane("build", in: kb)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try kb.read("public/uses/family.html").contains("<dd>not tracked · its models carry the status: name the one you use (as of "))
    }

    @Test func anAnalystsIdentifiersMatchAnyProduct() throws {
        let kb = try imported()
        try kb.write(
            "---\nname: Requests\ntype: product\nidentifiers: [{ purl: pkg:pypi/requests }]\n---\n", to: "Content/entities/requests.md")
        let sbom = try vane("import", "sbom", bill("spdx-2.3.json"), in: kb)
        #expect(sbom.status == 0, "\(sbom.stderr)")
        #expect(sbom.stdout.contains("  pkg:pypi/requests@2.32.3 → requests (Requests)\n"), "\(sbom.stdout)")
        #expect(FileManager.default.fileExists(atPath: kb.url("Content/uses/sbom/any/sbom-requests.md").path))
    }
}
