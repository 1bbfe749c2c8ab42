import Foundation
import GRDB
import Testing
import VaneDiagnostics
import VaneTestSupport

/// The built `vane` executable run on real knowledge bases: stdout, stderr, exit codes.
struct CLITests {
    /// A copy of the bundled knowledge base (Content/ and Site/).
    private func bundled() throws -> TemporaryKnowledgeBase {
        try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
    }

    /// A copy of the frozen founding story, for golden output.
    private func founding() throws -> TemporaryKnowledgeBase {
        try TemporaryKnowledgeBase(copying: Repository.founding)
    }

    private func small() throws -> TemporaryKnowledgeBase {
        try .built(copying: [Repository.fixture("small/Content")])
    }

    @Test func theBundledKnowledgeBaseChecksClean() throws {
        let kb = try bundled()
        let result = try vane("check", in: kb.root)
        #expect(result.status == 0)
        #expect(result.stderr == "ok: \(BundledContent.count()) entries checked\n")
        #expect(try vane("check", "--strict", in: kb.root).status == 0)
    }

    @Test func queryEventsForMetaIncludesItsDivisionsOldestFirst() throws {
        let kb = try founding()
        #expect(try vane("build", in: kb.root).status == 0)
        let result = try vane("query", "events", "--entity", "meta", "--format", "json", in: kb.root)
        #expect(result.status == 0)
        expectGolden(result.stdout, "Tests/VaneCLITests/Golden/query-events-meta.json")
        let events = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(events.count == 4)
        for event in events {
            let entities = event["entities"] as! [String]
            #expect(entities.contains("meta") || entities.contains("meta-superintelligence-labs"))
            #expect(event["date_precision"] as? String != nil)
        }
        let starts = events.map { $0["date_start"] as! String }
        #expect(starts == starts.sorted())
    }

    @Test func fiveDefectsGiveFiveErrorsAndChangeNothing() throws {
        let kb = try founding()
        #expect(try vane("build", in: kb.root).status == 0)
        let publicBefore = snapshot(of: kb.url("public"))
        let databaseBefore = try Data(contentsOf: kb.url("vane.sqlite"))

        try kb.write("---\nname: Llama\ntype: [model-family\nparent: meta\n---\nBody.\n", to: "Content/entities/llama.md")
        let launch = try kb.read("Content/events/2026-04-muse-spark-launch.md")
        try kb.write(launch.replacingOccurrences(of: "type: launch\n", with: ""), to: "Content/events/2026-04-muse-spark-launch.md")
        let claim = try kb.read("Content/claims/llama-models-remain-available.md")
        try kb.write(
            claim.replacingOccurrences(of: "[[meta|Meta]] said", with: "[[metta|Meta]] said"), to: "Content/claims/llama-models-remain-available.md")
        let release = try kb.read("Content/events/2025-04-llama-4-release.md")
        try kb.write(release.replacingOccurrences(of: "date: 2025-04\n", with: "date: 2025-02-30\n"), to: "Content/events/2025-04-llama-4-release.md")
        try kb.write(try kb.read("Content/sources/deeplearning-ai-muse-spark.md"), to: "Content/sources/2026/deeplearning-ai-muse-spark.md")

        let expected = """
            Content/claims/llama-models-remain-available.md:10:59: error: unknown entry 'metta' (did you mean 'meta'?)
            Content/entities/llama.md:3:7: error: invalid YAML: a '[' is never closed (its ']' is missing: the parser reached 4:7 without it)
            Content/events/2025-04-llama-4-release.md:3:7: error: impossible date '2025-02-30' (February 2025 has 28 days)
            Content/events/2026-04-muse-spark-launch.md:1:1: error: missing required field 'type'
            Content/sources/deeplearning-ai-muse-spark.md:1:1: error: duplicate id 'deeplearning-ai-muse-spark' (already used by Content/sources/2026/deeplearning-ai-muse-spark.md)
            5 errors, 0 warnings

            """
        for command in ["check", "build"] {
            let result = try vane(command, in: kb.root)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr == expected, "\(command)")
            #expect(result.stdout.isEmpty)
        }
        #expect(snapshot(of: kb.url("public")) == publicBefore)
        #expect(try Data(contentsOf: kb.url("vane.sqlite")) == databaseBefore)
        let strays = try FileManager.default.contentsOfDirectory(atPath: kb.root.path).filter { $0.hasPrefix(".") && $0 != ".vane-build.lock" }
        #expect(strays.isEmpty, "staging left behind: \(strays)")
    }

    @Test func aSecondBuildParsesNoMarkdown() throws {
        let kb = try bundled()
        let n = BundledContent.count()
        // The bundled knowledge base turns recorded time off: said once, then the counts.
        let noHistory = "note: recorded time is off (recorded_time: false in Site/config.yml)\n"
        let first = try vane("build", "--verbose", in: kb.root)
        #expect(first.stderr.hasPrefix(noHistory + "parsed \(n) of \(n) Markdown files (0 unchanged, from the database)\n"))
        let second = try vane("build", "--verbose", in: kb.root)
        #expect(second.stderr.hasPrefix("parsed 0 of \(n) Markdown files (\(n) unchanged, from the database)\n"))
        let edited = try kb.read("Content/entities/meta.md") + "\nOne more line.\n"
        try kb.write(edited, to: "Content/entities/meta.md")
        let third = try vane("build", "--verbose", in: kb.root)
        #expect(third.stderr.hasPrefix(noHistory + "parsed 1 of \(n) Markdown files (\(n - 1) unchanged, from the database)\n"))
        #expect(try kb.read("public/entities/meta.html").contains("One more line."))
    }

    /// With recorded time off, `changes --recorded` says so (it blamed git).
    @Test func recordedChangesWithRecordedTimeOffSayWhy() throws {
        let kb = try bundled()
        #expect(try vane("build", in: kb.root).status == 0)
        let result = try vane("changes", "--recorded", "--from", "2025", "--to", "2026", in: kb.root)
        #expect(result.status == 1)
        #expect(
            result.stderr == "error: no recorded time: it is off in this knowledge base (recorded_time: false in Site/config.yml)\n",
            "\(result.stderr)")
    }

    /// Settings with a map (`status_labels`) leave the pages' fingerprints alone from one
    /// process to the next: they were made from the settings' description, whose map came
    /// in another order each run, and one build in two rendered every page again.
    @Test func settingsWithAMapKeepThePagesFingerprints() throws {
        let kb = try small()
        let labels = ["announced", "preview", "deprecated", "retired", "flagship", "invested", "maintained", "sunset"]
            .map { "  \($0): \($0.capitalized) here" }.joined(separator: "\n")
        try kb.write("status_labels:\n\(labels)\n", to: "Site/config.yml")
        #expect(try vane("build", in: kb.root).status == 0)
        for round in 0..<3 {
            let event = "Content/events/2026-summit.md"
            try kb.write(try kb.read(event).replacingOccurrences(of: "\ntitle: ", with: "\ntitle: X\(round) "), to: event)
            let build = try vane("build", "--verbose", in: kb.root)
            let rendered = try #require(build.stderr.firstMatch(of: #/rendered (\d+) of (\d+) pages/#), "\(build.stderr)")
            #expect(Int(rendered.1)! < Int(rendered.2)! / 2, "round \(round): \(rendered.0)")
        }
    }

    /// A stored parse that cannot be used is parsed again, and `--verbose` says why.
    @Test func aStoredParseThatDoesNotDecodeIsParsedAgainAndSaysSo() throws {
        let kb = try bundled()
        #expect(try vane("build", in: kb.root).status == 0)
        let queue = try DatabaseQueue(path: kb.url("vane.sqlite").path)
        try queue.write { try $0.execute(sql: "UPDATE files SET parsed = '{' WHERE path = 'Content/entities/meta.md'") }
        try queue.close()
        try kb.write(try kb.read("Content/entities/llama.md") + "\nEdited.\n", to: "Content/entities/llama.md")
        let result = try vane("build", "--verbose", in: kb.root)
        #expect(result.status == 0)
        let n = BundledContent.count()
        #expect(result.stderr.hasPrefix("note: the stored parse of Content/entities/meta.md does not decode ("))
        #expect(
            result.stderr.contains(
                "); parsing the file again\nnote: recorded time is off (recorded_time: false in Site/config.yml)\nparsed 2 of \(n) Markdown files (\(n - 2) unchanged, from the database)\n"
            ))
    }

    @Test func sqlRefusesWritesAndLeavesTheFileAlone() throws {
        let kb = try bundled()
        #expect(try vane("build", in: kb.root).status == 0)
        let before = try Data(contentsOf: kb.url("vane.sqlite"))
        let result = try vane("sql", "DELETE FROM events", in: kb.root)
        #expect(result.status == 1)
        #expect(
            result.stderr == "error: the database is read-only: vane sql runs queries, not changes (SQLite: attempt to write a readonly database)\n")
        #expect(try Data(contentsOf: kb.url("vane.sqlite")) == before)
        let select = try vane("sql", "SELECT count(*) AS n FROM events", "--format", "csv", in: kb.root)
        #expect(select.stdout == "n\r\n\(BundledContent.count("events"))\r\n")
    }

    @Test func queryOutputsInEveryFormat() throws {
        let kb = try small()
        expectGolden(try vane("query", "events", in: kb.root).stdout, "Tests/VaneCLITests/Golden/small-events.txt")
        expectGolden(try vane("query", "claims", "--format", "csv", in: kb.root).stdout, "Tests/VaneCLITests/Golden/small-claims.csv")
        expectGolden(try vane("query", "sources", "--format", "json", in: kb.root).stdout, "Tests/VaneCLITests/Golden/small-sources.json")
        expectGolden(
            try vane("query", "entities", "--entity", "acme-labs", in: kb.root).stdout, "Tests/VaneCLITests/Golden/small-entities-acme-labs.txt")
        expectGolden(try vane("show", "coyote", "--as-of", "2026-11-30", in: kb.root).stdout, "Tests/VaneCLITests/Golden/small-show-coyote.txt")
    }

    @Test func clearErrorsForBadArgumentsAndMissingDatabase() throws {
        let kb = try small()
        let unknown = try vane("query", "events", "--entity", "acmee", in: kb.root)
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "error: unknown entity 'acmee' (did you mean 'acme'?)\n")
        let badDate = try vane("query", "events", "--since", "2026-13", in: kb.root)
        #expect(badDate.status == 64)
        #expect(badDate.stderr.contains("impossible date '2026-13' (a month is 01 to 12)"))
        let empty = try TemporaryKnowledgeBase()
        let missing = try vane("query", "events", in: empty.root)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("error: no database at '"))
        let noEntry = try vane("show", "nothing", in: kb.root)
        #expect(noEntry.status == 64)
        #expect(noEntry.stderr == "error: no entry 'nothing'\n")
        // A name where an id goes: the id of what has that name, as `vane check` says it in content.
        let named = try vane("status", "--entity", "acme labs", in: kb.root)
        #expect(named.status == 64)
        #expect(named.stderr == "error: unknown entity 'acme labs' (did you mean 'acme-labs', whose name it is?)\n", "\(named.stderr)")
        let titled = try vane("show", "Acme Labs", in: kb.root)
        #expect(titled.stderr == "error: no entry 'Acme Labs' (did you mean 'acme-labs', whose name it is?)\n", "\(titled.stderr)")
    }

    /// `--min-risk` keeps the products with at least that risk: one with none (a priority and
    /// no availability) is not kept, even at 0 (it was, as if its risk were 0).
    @Test func minRiskKeepsNoProductWithoutARisk() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n",
            "Content/entities/p.md": "---\nname: P\ntype: product\nparent: v\n---\n",
            "Content/entities/q.md": "---\nname: Q\ntype: product\nparent: v\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2025-01-01\ntype: other\nentities: [p, q]\nstatus:\n  p: { availability: generally-available, priority: sunset }\n"
                + "  q: { priority: sunset }\n---\n",
        ])
        #expect(try vane("build", "--as-of", "2026-01-01", in: kb.root).status == 0)
        let all = try vane("status", "--as-of", "2026-01-01", in: kb.root).stdout
        #expect(all.contains("\nq ") || all.contains(" q "), "\(all)")
        let kept = try vane("status", "--as-of", "2026-01-01", "--min-risk", "0", "--format", "csv", in: kb.root).stdout
        #expect(kept.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[1]) } == ["p"], "\(kept)")
    }

    /// A database from another vane: older, it says to build again (and a build brings it
    /// up to date); newer, it says to upgrade. Never an SQLite error about a column.
    @Test func aDatabaseFromAnotherVaneSaysWhatToDo() throws {
        let kb = try small()
        let path = kb.url("vane.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "ALTER TABLE entities DROP COLUMN renames")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v8-renames'")
        }
        let old = try vane("status", "--as-of", "2026-11-26", in: kb.root)
        #expect(old.status == 1)
        #expect(
            old.stderr.hasSuffix(
                "vane.sqlite' was written by an older vane (it lacks schema 'v8-renames'); run 'vane build' to bring it up to date\n"),
            "\(old.stderr)")
        // Nothing changed since the last build: it is written again all the same.
        #expect(try vane("build", "--as-of", "2026-11-26", in: kb.root).status == 0)
        #expect(try vane("status", "--as-of", "2026-11-26", in: kb.root).status == 0)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
        let new = try vane("status", in: kb.root)
        #expect(new.status == 1 && new.stderr.hasSuffix("vane.sqlite' was written by a newer vane (schema 'v99-future'); upgrade vane\n"))
    }

    /// Queries read while builds commit: every one answers, none fails with "database is
    /// locked" (each waits its turn for the lock).
    @Test(.tags(.slow), .fullTierOnly) func aQueryInALoopWhileBuildsCommitNeverFails() throws {
        let kb = try small()
        let failures = Locked<[String]>([])
        let done = Locked(false)
        let reads = Locked(0)
        let reader = Thread {
            while !done.value {
                reads.withLock { $0 += 1 }
                if let result = try? vane("query", "events", "--format", "csv", in: kb.root), result.status != 0 || !result.stdout.hasPrefix("id,") {
                    failures.withLock { $0.append(result.stderr) }
                }
            }
        }
        reader.start()
        for n in 0..<25 {
            try kb.write(try kb.read("Content/events/2026-summit.md") + "\nEdit \(n).\n", to: "Content/events/2026-summit.md")
            #expect(try vane("build", "--as-of", "2026-11-26", in: kb.root).status == 0)
        }
        done.withLock { $0 = true }
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(failures.value.isEmpty, "\(failures.value)")
        #expect(reads.value > 25, "only \(reads.value) queries ran beside the builds")
    }

    /// Terms as data: a priced event's figures are on its page, nested keys dotted, with
    /// their YAML types written as they were.
    @Test func anEntrysDataIsOnItsPage() throws {
        let kb = try small()
        try kb.write(
            """
            ---
            title: Coyote's paid tier
            date: 2026-09
            type: pricing
            entities: [coyote]
            sources: [acme-blog]
            data: { usd_per_user_month: 30, tiers: [team, enterprise], esu: { year1: 61, year3: 244.5 }, free_trial: false }
            ---
            Priced [@acme-blog].
            """, to: "Content/events/2026-coyote-priced.md")
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).status == 0)
        let page = try kb.read("public/events/2026-coyote-priced.html")
        let data = try #require(page.firstRange(of: #/<section class="data"[\s\S]*?</section>/#))
        #expect(
            String(page[data]) == """
                <section class="data" aria-labelledby="data">
                <h2 id="data">Data</h2>
                <dl class="facts">
                <dt><code>esu.year1</code></dt><dd>61</dd>
                <dt><code>esu.year3</code></dt><dd>244.5</dd>
                <dt><code>free_trial</code></dt><dd>false</dd>
                <dt><code>tiers</code></dt><dd>team, enterprise</dd>
                <dt><code>usd_per_user_month</code></dt><dd>30</dd>
                </dl>
                </section>
                """)
        #expect(!(try kb.read("public/events/2026-summit.html")).contains("<section class=\"data\""))
    }

    /// A key outside the format that `data` also has is left out, with a warning that says
    /// so: the field written as data is the one kept (the stray key replaced it).
    @Test func aStrayKeyNeverReplacesAFieldOfData() throws {
        let kb = try small()
        try kb.write(
            "---\ntitle: Collide\ndate: 2026-09\ntype: pricing\nentities: [coyote]\nfoo: stray\ndata: { foo: kept, bar: 1 }\n---\n",
            to: "Content/events/2026-collide.md")
        let build = try vane("build", "--as-of", "2026-11-30", in: kb.root)
        #expect(build.status == 0)
        #expect(
            build.stderr.contains(
                "Content/events/2026-collide.md:6:1: warning: unknown key 'foo' for an event (left out: 'data' has a field 'foo', which is kept)"),
            "\(build.stderr)")
        #expect(try kb.read("public/events/2026-collide.html").contains("<dt><code>foo</code></dt><dd>kept</dd>"))
    }

    /// An alias is looked up as it was stored, lowered beyond ASCII: `ÄRGER` names the
    /// entity whose alias it is (it was "unknown entity 'ÄRGER' (did you mean 'ÄRGER'?)").
    @Test func anAliasBeyondASCIINamesItsEntity() throws {
        let kb = try small()
        try kb.write("---\nname: Ärger GmbH\ntype: vendor\naliases: [ÄRGER]\n---\n", to: "Content/entities/aerger.md")
        try kb.write("---\ntitle: Ärger\ndate: 2026-05-02\ntype: other\nentities: [ÄRGER]\n---\n", to: "Content/events/2026-aerger.md")
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).status == 0)
        let events = try vane("query", "events", "--entity", "ÄRGER", "--format", "csv", in: kb.root)
        #expect(events.status == 0 && events.stdout.contains("2026-aerger,"), "\(events.stderr)")
        let shown = try vane("show", "ÄRGER", in: kb.root)
        #expect(shown.status == 0 && shown.stdout.contains("Ärger GmbH"), "\(shown.stderr)")
    }

    /// A file of `Content/` where the site writes one of its own (robots.txt, a feed) fails
    /// the build and the site stays: it replaced the generated file without a word, and
    /// stayed in the output after it was removed.
    /// `vane check` says it too, and both say every such file in one run, counted.
    @Test func aContentFileNeverReplacesAGeneratedOne() throws {
        let kb = try small()
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).status == 0)
        let robots = try kb.read("public/robots.txt")
        let paths = ["Content/feeds/events.atom", "Content/index.html", "Content/robots.txt"]
        for path in paths { try kb.write("stale\n", to: path) }
        // A page copied as it is is also said as one (`ContentLoader.activeContent`).
        let active =
            "Content/index.html: warning: is published as it is, and a browser runs any script in it on the site's own address"
            + " (raw HTML is off in bodies; set 'unsafe_html: true' in Site/config.yml to accept it)\n"
        let said = paths.map {
            "\($0): error: would replace the site's own \($0.dropFirst("Content/".count)): move it or rename it\n"
                + ($0.hasSuffix(".html") ? active : "")
        }.joined()
        for command in [["check"], ["build", "--as-of", "2026-11-30"]] {
            let result = try vane(command, in: kb.root)
            #expect(result.status == 1)
            #expect(result.stderr.hasPrefix(said) && result.stderr.contains("3 errors"), "\(command): \(result.stderr)")
        }
        #expect(try kb.read("public/robots.txt") == robots)
        for path in paths { try kb.remove(path) }
        // A file of Content/ beside them is no problem.
        try kb.write("fine\n", to: "Content/notes.txt")
        #expect(try vane("check", in: kb.root).status == 0)
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).status == 0)
    }

    /// In git, the site writes a feed of what changed: `vane check` reads recorded time as a
    /// build does, so a file of Content/ at that path is its error too (it passed check).
    @Test func checkKnowsTheFilesRecordedTimeWrites() throws {
        let repository = try GitKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try repository.kb.write("stale\n", to: "Content/feeds/changes.atom")
        try repository.commit("Start", on: "2026-05-01")
        let said = "Content/feeds/changes.atom: error: would replace the site's own feeds/changes.atom: move it or rename it\n"
        for command in [["check"], ["build", "--as-of", "2026-11-30"]] {
            let result = try vane(command, in: repository.root)
            #expect(result.status == 1 && result.stderr.hasPrefix(said), "\(command): \(result.stderr)")
        }
    }

    /// `vane new` and `vane theme eject` run from a folder under `Content/` refuse, as a
    /// build does: they wrote a `Content/` and a `Site/` of their own there.
    @Test func writingCommandsRefuseAFolderThatIsNoKnowledgeBase() throws {
        let kb = try small()
        let events = kb.url("Content/events")
        for arguments in [["new", "event", "Oops"], ["theme", "eject"]] {
            let result = try vane(arguments, in: events)
            #expect(result.status == 1 && result.stderr == "error: no Content/ folder here (run vane in a knowledge base, or pass --root)\n")
        }
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/events/Content").path))
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/events/Site").path))
    }

    /// An unknown successor is never answered with the entry itself (following it would
    /// be a cycle): `successors: [o3-mni]` on `o1-mini` suggested 'o1-mini'.
    @Test func aSuccessorsSuggestionIsNeverTheEntryItself() throws {
        let kb = try small()
        try kb.write("---\nname: o1-mini\ntype: model\nsuccessors: [o3-mni]\n---\n", to: "Content/entities/o1-mini.md")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains("Content/entities/o1-mini.md:4:14: error: unknown entity 'o3-mni'") && !check.stderr.contains("'o1-mini'?"),
            "\(check.stderr)")
    }

    /// A list in a CSV cell can be read back: a `;` or `\` inside an item is escaped.
    @Test func aCSVListEscapesItsSeparator() throws {
        let kb = try small()
        try kb.write("---\nname: Semi\ntype: vendor\naliases: [\"A;B\", C]\ntags: [\"x\\\\y\"]\n---\n", to: "Content/entities/semi.md")
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).status == 0)
        let csv = try vane("query", "entities", "--format", "csv", in: kb.root).stdout
        #expect(csv.contains("\r\nsemi,Semi,vendor,,A\\;B;C,x\\\\y\r\n"), "\(csv)")
    }

    /// A value a reader cannot read (a database written by another vane, or edited by
    /// hand) is an error that names the column, never a row silently left out.
    @Test func aValueTheReaderDoesNotKnowIsAnErrorNotASkippedRow() throws {
        let kb = try small()
        let queue = try DatabaseQueue(path: kb.url("vane.sqlite").path)
        try queue.write { try $0.execute(sql: "UPDATE claims SET verdict = 'maybe' WHERE id = 'coyote-better'") }
        let scorecard = try vane("scorecard", in: kb.root)
        #expect(scorecard.status == 1)
        #expect(
            scorecard.stderr
                == "error: the database holds a value in claims.verdict, which this vane does not know (Cannot initialize Verdict from invalid String value maybe); build again\n"
        )
        try queue.write { try $0.execute(sql: "UPDATE claims SET verdict = 'kept', date = 'soon' WHERE id = 'coyote-better'") }
        #expect(
            try vane("scorecard", in: kb.root).stderr
                == "error: the database holds 'soon' in claims.date, which this vane does not know; build again\n")
        // A relation: the board read successors by the two it knows, and dropped it in silence.
        try queue.write { try $0.execute(sql: "UPDATE edges SET relation = 'bogus-rel' WHERE rowid = (SELECT min(rowid) FROM edges)") }
        #expect(
            try vane("status", "--as-of", "2026-11-30", in: kb.root).stderr
                == "error: the database holds 'bogus-rel' in edges.relation, which this vane does not know; build again\n")
    }

    /// Every bad argument is a usage error (64) that says what would have been right.
    @Test func everyBadArgumentExits64WithTheClosestRightOne() throws {
        let kb = try small()
        let cases: [([String], String)] = [
            (
                ["stauts"],
                "error: unknown command 'stauts' (did you mean 'status'?); the commands are build, check, query, status, exposure, ends, show, sql, new, serve, init, theme, import, saved, scorecard, contradictions, changes\n"
            ),
            (
                ["import", "endofife", "products"],
                "error: unknown import command 'endofife' (did you mean 'endoflife'?); the import commands are endoflife, sbom\n"
            ),
            (["theme", "ejet"], "error: unknown theme command 'ejet' (did you mean 'eject'?); the theme commands are eject\n"),
            // The word a reader of the site's Search page types first (trial h10-F7).
            (
                ["search", "graph"],
                "error: unknown command 'search' (text is searched with 'vane query entities --text WORDS', or events, claims, sources); the commands are build, check, query, status, exposure, ends, show, sql, new, serve, init, theme, import, saved, scorecard, contradictions, changes\n"
            ),
            // `vane help stauts` as `vane stauts` (it printed the whole help, exit 0).
            (
                ["help", "stauts"],
                "error: unknown command 'stauts' (did you mean 'status'?); the commands are build, check, query, status, exposure, ends, show, sql, new, serve, init, theme, import, saved, scorecard, contradictions, changes\n"
            ),
            (["show", "coyot"], "error: no entry 'coyot' (did you mean 'coyote'?)\n"),
            // Cut short of several ids: each, as `vane check` says them.
            (["show", "coy"], "error: no entry 'coy' (did you mean 'coyote', 'coyote-better' or 'coyote-worse-at-code'?)\n"),
            (["status", "--entity", "acmee"], "error: unknown entity 'acmee' (did you mean 'acme'?)\n"),
            (["scorecard", "--entity", "acmee"], "error: unknown entity 'acmee' (did you mean 'acme'?)\n"),
            (
                ["query", "claims", "--verdict", "kep"],
                "error: unknown verdict 'kep' (did you mean 'kept'?); verdicts are pending, kept, broken, confirmed, refuted, superseded\n"
            ),
            (["query", "events", "--verdict", "kept"], "error: --verdict filters claims only\n"),
            (["query", "entities", "--since", "2030"], "error: --since and --until filter by date, and entities have none\n"),
            (["changes", "--from", "2027", "--to", "2026"], "error: --from 2027 is after --to 2026\n"),
            (
                ["new", "evnt", "A title"],
                "error: unknown kind 'evnt' (did you mean 'event'?); kinds are entity, event, claim, source, report, use\n"
            ),
            (["query", "evnts"], "error: unknown kind 'evnts' (did you mean 'events'?); kinds are events, claims, sources, entities\n"),
            (
                ["new", "model", "GPT-4.1"],
                "error: unknown kind 'model': 'model' is a type of entity, so write vane new entity … --type model; kinds are entity, event, claim, source, report, use\n"
            ),
        ]
        for (arguments, message) in cases {
            let result = try vane(arguments, in: kb.root)
            #expect(result.status == 64, "vane \(arguments.joined(separator: " "))")
            #expect(result.stderr == message)
        }
        let type = try vane("query", "events", "--type", "lanch", in: kb.root)
        #expect(type.status == 64)
        #expect(type.stderr.hasPrefix("error: unknown event type 'lanch' (did you mean 'launch'?); event types are "))
        // A negative number is the option's value, out of its range (not "Missing value").
        // The parser's own usage errors read as ours: one line, `error:` (they were `Error:`
        // and the whole usage).
        for (arguments, message) in [
            (["ends", "--within", "-5"], "error: --within takes a number of days, 0 or more (see 'vane ends --help')\n"),
            (["status", "--min-risk", "-3"], "error: --min-risk takes a risk from 0 to 100 (see 'vane status --help')\n"),
            (["changes", "--from", "2026-01-01"], "error: missing expected argument '--to <to>' (see 'vane changes --help')\n"),
            (
                ["status", "--format", "yaml"],
                "error: the value 'yaml' is invalid for '--format'; it takes table, json or csv (see 'vane status --help')\n"
            ),
            // The closest value, as every other bad value has it.
            (
                ["status", "--format", "jsn"],
                "error: the value 'jsn' is invalid for '--format' (did you mean 'json'?); it takes table, json or csv (see 'vane status --help')\n"
            ),
        ] {
            let result = try vane(arguments, in: kb.root)
            #expect(result.status == 64 && result.stderr == message, "\(arguments): \(result.stderr)")
        }
        // A statement of comments alone is no statement, as an empty one (it was exit 1, as
        // a failed query).
        let comments = try vane("sql", "-- only a comment", in: kb.root)
        #expect(
            comments.status == 64
                && comments.stderr == "error: the statement is only comments: vane sql $'-- why\\nSELECT …' (see 'vane sql --help')\n",
            "\(comments.stderr)")
        // Words typed as in the search box may start with `-` (it said "Missing value").
        let dashed = try vane("query", "events", "--text", "-mini model", "--format", "csv", in: kb.root)
        #expect(dashed.status == 0 && dashed.stdout.hasPrefix("id,title,type,date,"), "\(dashed.stderr)")
        // `show` takes `table`, the default of every other command, as its text.
        let (table, text) = (try vane("show", "coyote", "--format", "table", in: kb.root), try vane("show", "coyote", in: kb.root))
        #expect(table.status == 0 && table.stdout == text.stdout)
        // A root mistyped is said as such by a read (it said "no database", and to build one).
        let missing = kb.root.appendingPathComponent("nowhere").path
        for command in [["query", "events"], ["status"], ["sql", "SELECT 1"], ["show", "coyote"]] {
            let read = try vane(command + ["--root", missing], in: kb.root)
            #expect(
                read.status == 1 && read.stderr == "error: no folder \(missing) (run vane in a knowledge base, or pass --root)\n",
                "\(command): \(read.stderr)")
        }
        let version = try vane("--version", in: kb.root)
        #expect(version.status == 0 && version.stdout == "vane 0.3.0\n")
        // A file that exists is not a usage error: nothing was wrong with the arguments.
        #expect(try vane("new", "entity", "Coyote", in: kb.root).status == 1)
    }

    // MARK: - Status

    @Test func statusRanksLlamaAboveMuseSparkAndSaysWhy() throws {
        let kb = try founding()
        #expect(try vane("build", in: kb.root).status == 0)
        let result = try vane("status", "--format", "json", in: kb.root)
        #expect(result.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(rows.map { $0["entity"] as! String } == ["llama", "muse-spark"])
        #expect((rows[0]["risk"] as! Int) > (rows[1]["risk"] as! Int))
        let availability = rows[0]["availability"] as! [String: Any]
        let priority = rows[0]["priority"] as! [String: Any]
        #expect(availability["value"] as? String == "open-weights")
        #expect(priority["value"] as? String == "deprioritized")
        #expect(priority["event"] as? String == "2026-04-muse-spark-launch")
        #expect(iso(priority["date"]) == "2026-04")
        #expect(priority["sources"] as? [String] == ["thenewstack-meta-muse-spark", "deeplearning-ai-muse-spark"])
        expectGolden(
            try vane("status", "--format", "json", "--as-of", "2026-11-26", in: kb.root).stdout, "Tests/VaneCLITests/Golden/status-2026-11-26.json")
    }

    /// The founding story holds in the bundled knowledge base whatever else it gains:
    /// among products with no announced end, Llama is at the top of the board.
    @Test func theBundledLlamaRanksFirstAmongProductsWithoutAnEnd() throws {
        let kb = try bundled()
        #expect(try vane("build", in: kb.root).status == 0)
        let result = try vane("status", "--format", "json", in: kb.root)
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        let withoutEnd = rows.filter { $0["ends"] is NSNull && $0["retired"] as? Bool == false }
        #expect(withoutEnd.first?["entity"] as? String == "llama")
        #expect(rows.contains { $0["retired"] as? Bool == true && $0["entity"] as? String == "gpt-4-5-preview" })
    }

    @Test func statusAsOfBeforeMuseSpark() throws {
        let kb = try founding()
        #expect(try vane("build", in: kb.root).status == 0)
        let result = try vane("status", "--as-of", "2025-12", in: kb.root)
        #expect(result.status == 0)
        expectGolden(result.stdout, "Tests/VaneCLITests/Golden/status-2025-12.txt")
        #expect(result.stdout.contains("llama   meta    open-weights  flagship"))
        #expect(!result.stdout.contains("muse-spark"))
    }

    @Test func statusTableForAVendorTree() throws {
        let kb = try small()
        expectGolden(try vane("status", "--as-of", "2026-11-26", in: kb.root).stdout, "Tests/VaneCLITests/Golden/small-status.txt")
        expectGolden(
            try vane("status", "--as-of", "2026-11-26", "--entity", "acme-labs", "--format", "csv", in: kb.root).stdout,
            "Tests/VaneCLITests/Golden/small-status-acme-labs.csv")
    }
}
