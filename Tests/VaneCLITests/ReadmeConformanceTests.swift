import Foundation
import Testing
import VaneTestSupport

/// What a check of the command line against every claim of the README found, each by its
/// exact output.
struct ReadmeConformanceTests {
    /// A copy of the bundled knowledge base, built.
    private func bundled() throws -> TemporaryKnowledgeBase {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
        #expect(try vane("build", in: kb.root).status == 0)
        return kb
    }

    /// One setting given two ways, or one option twice, is a usage error: the parser kept
    /// one of them in silence (`--entity meta --entity openai` listed OpenAI's events alone).
    @Test func optionsThatContradictOrRepeatAreRefused() throws {
        let kb = try bundled()
        let twice = try vane("query", "events", "--entity", "meta", "--entity", "openai", in: kb.root)
        #expect(twice.status == 64 && twice.stdout.isEmpty, "\(twice.stdout)")
        #expect(twice.stderr == "error: --entity is given twice: give it once (see 'vane query --help')\n", "\(twice.stderr)")
        // A command of a command points to its own help.
        let eject = try vane("theme", "eject", "--force", "--force", in: kb.root)
        #expect(eject.stderr == "error: --force is given twice: give it once (see 'vane theme eject --help')\n", "\(eject.stderr)")
        let bad = try vane("import", "endoflife", "--from", "x", "--nonsense", in: kb.root)
        #expect(bad.status == 64 && bad.stderr.hasSuffix("(see 'vane import endoflife --help')\n"), "\(bad.stderr)")
        #expect(try vane("status", "--format", "json", "--format=csv", in: kb.root).status == 64)
        let both = try vane("show", "meta", "--json", "--format", "text", in: kb.root)
        #expect(both.status == 64 && both.stderr == "error: --json and --format text ask for two formats; give one\n", "\(both.stderr)")
        #expect(try vane("show", "meta", "--json", "--format", "json", in: kb.root).status == 0)
        // A value that may start with `-` is no option, nor anything after `--`.
        #expect(try vane("query", "events", "--text", "--entity", "--entity", "meta", in: kb.root).status == 0)
        #expect(try vane("sql", "--format", "csv", "--", "SELECT '--format' AS x", in: kb.root).stdout == "x\r\n--format\r\n")
        // A tag is found whatever its case, as an id is.
        let lower = try vane("query", "events", "--tag", "api", "--format", "csv", in: kb.root).stdout
        let upper = try vane("query", "events", "--tag", "API", "--format", "csv", in: kb.root).stdout
        #expect(lower.split(separator: "\r\n").count > 1 && upper == lower, "\(upper)")
        // Beyond ASCII too (SQLite's NOCASE folds A–Z alone: `ünicode` found nothing tagged `Ünicode`).
        let tagged = kb.url("Content/sources/openai-api-changelog.md")
        let source = try String(contentsOf: tagged, encoding: .utf8)
        try source.replacingOccurrences(of: "\n---\n", with: "\ntags: [Ünicode]\n---\n").write(to: tagged, atomically: true, encoding: .utf8)
        #expect(try vane("build", in: kb.root).status == 0)
        let folded = try vane("query", "sources", "--tag", "ünicode", "--format", "csv", in: kb.root)
        #expect(folded.stdout.contains("openai-api-changelog,") && folded.stderr.isEmpty, "\(folded.stdout)\(folded.stderr)")
        // A text of no word is said to find nothing (an empty table, in silence).
        let wordless = try vane("query", "events", "--text", "OR", in: kb.root)
        #expect(wordless.stderr == "warning: --text 'OR' has no word to search for, so nothing is found\n", "\(wordless.stderr)")
        for signs in ["-", "—", "*", "😀 -"] {
            let none = try vane("query", "events", "--text", signs, in: kb.root)
            #expect(none.stderr == "warning: --text '\(signs)' has no word to search for, so nothing is found\n", "\(none.stderr)")
        }
        // The published copy, and another folder's graph, are said to be what they are (every
        // file read as changed: "Content/ changed since the last build (45 files)").
        #expect(try vane("build", "--publish-db", in: kb.root).status == 0)
        let published = try vane("query", "events", "--db", "public/vane.sqlite", in: kb.root)
        #expect(
            published.stderr
                == "warning: public/vane.sqlite holds no build's state (a copy published by vane build --publish-db?): its answers are not checked against Content/\n",
            "\(published.stderr)")
        // A knowledge base copied with its database, its files as they were: no word.
        let moved = try TemporaryKnowledgeBase()
        let copy = moved.root.appendingPathComponent("kb")
        #expect(try run(URL(fileURLWithPath: "/bin/cp"), ["-a", kb.root.path, copy.path]).status == 0)
        let silent = try vane("query", "events", in: copy)
        #expect(silent.status == 0 && silent.stderr.isEmpty, "\(silent.stderr)")
        let other = try TemporaryKnowledgeBase(copying: [Repository.content])
        let foreign = try vane("query", "events", "--db", kb.url("vane.sqlite").path, in: other.root)
        #expect(
            foreign.stderr
                == "warning: \(kb.url("vane.sqlite").path) was built from \(kb.root.standardizedFileURL.resolvingSymlinksInPath().path), not from this folder: run vane build here for this knowledge base's answers\n",
            "\(foreign.stderr)")
        // An empty window is said, as `vane changes --from` after `--to` is.
        let window = try vane("query", "events", "--since", "2026", "--until", "2025", in: kb.root)
        #expect(window.status == 64 && window.stderr == "error: --since 2026 is after --until 2025\n", "\(window.stderr)")
    }

    /// Options after a saved query's name are added, never put in place of its own; `vane
    /// help status nonsense` is a mistake, as `vane help stauts` is; a tag no entry has says
    /// so, with the closest.
    @Test func savedQueriesHelpAndTagsSayWhatIsWrong() throws {
        let kb = try bundled()
        let saved = try vane("saved", "meta-events", "--entity", "openai", in: kb.root)
        #expect(saved.status == 64 && saved.stdout.isEmpty, "\(saved.stdout)")
        #expect(
            saved.stderr
                == "error: the saved query 'meta-events' gives --entity already ('query events --entity meta'): give it once, in a query of your own\n",
            "\(saved.stderr)")
        #expect(try vane("saved", "meta-events", "--format", "json", in: kb.root).status == 0)
        let help = try vane("help", "status", "nonsense", in: kb.root)
        #expect(help.status == 64 && help.stderr == "error: 'vane help status' takes no more words ('nonsense' is not a command of status)\n")
        let tag = try vane("query", "events", "--tag", "apii", in: kb.root)
        #expect(tag.status == 0 && tag.stderr == "warning: no entry has the tag 'apii' (did you mean 'api'?)\n", "\(tag.stderr)")
        let root = try vane("import", "endoflife", Repository.fixture("endoflife/products").path, "--root", "nosuch", in: kb.root)
        #expect(root.status == 1 && root.stderr.hasPrefix("error: no folder "), "\(root.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kb.url("nosuch").path))
    }

    /// One saved query with a mistake stops neither the list (it is how its author finds it)
    /// nor another query: `vane saved` listed nothing and `vane saved stranded` refused to run.
    @Test func aBadSavedQueryStopsOnlyItself() throws {
        let kb = try bundled()
        try kb.write("stranded: status --min-risk 30\nbad: query events --since 2027 --until 2026\n", to: "Site/queries.yml")
        let list = try vane("saved", in: kb.root)
        #expect(list.status == 1)
        #expect(list.stdout == "bad: query events --since 2027 --until 2026\nstranded: status --min-risk 30\n", "\(list.stdout)")
        #expect(list.stderr.hasPrefix("Site/queries.yml:2:"), "\(list.stderr)")
        let good = try vane("saved", "stranded", "--format", "json", in: kb.root)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.hasPrefix("["), "\(good.stdout)")
        #expect(good.stderr == "warning: Site/queries.yml has 1 error in other saved queries (vane check says them)\n", "\(good.stderr)")
        let bad = try vane("saved", "bad", in: kb.root)
        #expect(bad.status == 1 && bad.stdout.isEmpty && bad.stderr.hasPrefix("Site/queries.yml:2:"), "\(bad.stderr)")
        // A name no query has is said as such (the other query's error was all it said).
        let typo = try vane("saved", "strandd", in: kb.root)
        #expect(typo.status == 64 && typo.stderr.contains("unknown saved query 'strandd' (did you mean 'stranded'?)"), "\(typo.stderr)")
    }

    /// A bad period names the option and the forms once (the Markdown's list was glued to
    /// the option's), and an approximate one is refused: it changed nothing but a flag.
    @Test func aBadPeriodSaysTheFormsOnce() throws {
        let kb = try bundled()
        let forms = "write a year (2026), a quarter (2026-Q2), a month (2026-04) or a day (2026-04-08)"
        for (period, said) in [
            ("yesterday", "--as-of: invalid date 'yesterday'; "), ("2026/01/01", "--as-of: invalid date '2026/01/01' (did you mean '2026-01-01'?); "),
            ("~2026-12", "--as-of: '~2026-12' is marked approximate ('~'), which a period asked for cannot be; "),
        ] {
            let result = try vane("status", "--as-of", period, in: kb.root)
            #expect(result.status == 64 && result.stderr == "error: " + said + forms + "\n", "\(result.stderr)")
        }
    }

    /// The index sorts a name whatever its accents, as whatever its case (`Éclair` came after `Zeta`).
    @Test func namesSortWhateverTheirAccents() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/eclair.md": "---\nname: Éclair\ntype: vendor\n---\n",
            "Content/entities/zeta.md": "---\nname: Zeta 10\ntype: vendor\n---\n",
            "Content/entities/delta.md": "---\nname: delta\ntype: vendor\n---\n",
            "Content/entities/orsted.md": "---\nname: Ørsted\ntype: vendor\n---\n",
        ])
        #expect(try vane("build", in: kb.root).status == 0)
        let page = try kb.read("public/entities.html")
        let order = ["entities/delta.html", "entities/eclair.html", "entities/orsted.html", "entities/zeta.html"].map {
            page.range(of: $0)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! }, "\(page)")
    }

    /// A root that is a file is no folder; a `--db` that is a folder is no database ("disk
    /// I/O error"); `vane help import endofife` is a mistyped command, as `vane import endofife` is.
    @Test func wrongPlacesAreSaidAsSuch() throws {
        let kb = try bundled()
        let file = kb.root.appendingPathComponent("Content/entities/meta.md").path
        for command in [["status"], ["check"], ["build"], ["new", "event", "X"], ["saved"]] {
            let result = try vane(command + ["--root", file], in: kb.root)
            #expect(result.status == 1 && result.stderr.hasPrefix("error: no folder \(file) (run vane"), "\(command): \(result.stderr)")
        }
        let saved = try vane("saved", "--root", "nosuch", in: kb.root)
        #expect(saved.status == 1 && saved.stderr.hasPrefix("error: no folder "), "\(saved.stderr)")
        try FileManager.default.createDirectory(at: kb.root.appendingPathComponent("dbdir"), withIntermediateDirectories: true)
        for command in [["status"], ["check"], ["build"]] {
            let result = try vane(command + ["--db", "dbdir"], in: kb.root)
            #expect(result.status == 64 && result.stderr.hasPrefix("error: --db dbdir is a folder; name the database file"), "\(result.stderr)")
        }
        let help = try vane("help", "import", "endofife", in: kb.root)
        #expect(help.status == 64 && help.stderr.contains("unknown import command 'endofife' (did you mean 'endoflife'?)"), "\(help.stderr)")
        let shown = try vane("show", "Content/entities/meta.md", in: kb.root)
        #expect(shown.status == 64 && shown.stderr.contains("did you mean 'meta'?"), "\(shown.stderr)")
    }

    /// A test that sets a day `vane` cannot read would run on the machine's day.
    @Test func aMalformedTodayIsRefused() throws {
        let kb = try bundled()
        for day in ["garbage", "2027-02-30", "2027-01", "~2027-01-01"] {
            var environment = ProcessInfo.processInfo.environment
            environment["VANE_TODAY"] = day
            let result = try run(Repository.vane, ["ends"], in: kb.root, environment: environment)
            #expect(result.status == 64 && result.stderr == "error: VANE_TODAY='\(day)' is not a day (YYYY-MM-DD)\n", "\(day): \(result.stderr)")
        }
    }

    /// The status CSV's `ends` column holds end dates only: a closure has columns of its own
    /// (`closes 2027-01-31` in it read as an end); a verdict reached reads from and to; a
    /// tag is found whatever its case; an empty exposure or countdown says why.
    @Test func rowsSayWhatTheirColumnsSay() throws {
        let kb = try TemporaryKnowledgeBase()
        #expect(try vane("init", "t", "--example", in: kb.root).status == 0)
        let root = kb.root.appendingPathComponent("t")
        let event = root.appendingPathComponent("Content/events/2026-09-15-example-queue-maintenance.md")
        let text = try String(contentsOf: event, encoding: .utf8)
        try text.replacingOccurrences(of: ", ends: 2027-09-30", with: ", closes: 2027-01-31").write(to: event, atomically: true, encoding: .utf8)
        #expect(try vane("build", in: root).status == 0)
        let csv = try vane("status", "--as-of", "2026-12-06", "--format", "csv", in: root).stdout
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasSuffix(",successors,closes,closes_channel,closes_notice,days_left,closes_days_left") == true, "\(csv)")
        let row = try #require(lines.dropFirst().first)
        // The days left the table says beside each date (here, the closure's: no end).
        #expect(!row.contains("closes 2027") && row.hasSuffix(",2027-01-31,,138,,56"), "\(row)")
        let exposure = try vane("exposure", in: root)
        #expect(exposure.status == 0 && exposure.stderr.hasPrefix("no use is recorded"), "\(exposure.stderr)")
        let ends = try vane("ends", "--entity", "example-cloud", "--as-of", "2026-12-06", in: root)
        #expect(ends.stderr == "no end is announced ahead in example-cloud's tree (--within DAYS lists those that passed)\n", "\(ends.stderr)")
        // Named by its id, however it was asked (it echoed `EXAMPLE-CLOUD's tree`).
        let typed = try vane("ends", "--entity", "EXAMPLE-CLOUD", "--as-of", "2026-12-06", in: root)
        #expect(typed.stderr == ends.stderr, "\(typed.stderr)")
    }

    @Test func aVerdictReachedReadsFromPendingToTheVerdict() throws {
        let kb = try TemporaryKnowledgeBase()
        #expect(try vane("init", "t", "--example", in: kb.root).status == 0)
        let root = kb.root.appendingPathComponent("t")
        let claim = try #require(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Content/claims").path).first { $0.hasSuffix(".md") })
        let path = root.appendingPathComponent("Content/claims/\(claim)")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(
            of: "verdict: pending", with: "verdict: kept\nverdict_date: 2026-11-20\nverdict_sources: [example-cloud-queue-announcement]"
        )
        .write(to: path, atomically: true, encoding: .utf8)
        #expect(try vane("build", in: root).status == 0)
        let json = try vane("changes", "--from", "2026-11", "--to", "2026-11", "--format", "json", in: root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let verdict = try #require(rows.first { $0["kind"] as? String == "verdict" }, "\(json)")
        #expect(
            verdict["from"] as? String == "pending" && verdict["to"] as? String == "kept" && verdict["axis"] as? String == "verdict", "\(verdict)")
    }
}

/// What the check of the content format and the imports against the README found.
struct ReadmeContentConformanceTests {
    /// `vane init t --example` in a fresh folder; the knowledge base is its `t`.
    private func example() throws -> TemporaryKnowledgeBase {
        let kb = try TemporaryKnowledgeBase()
        #expect(try vane("init", "t", "--example", in: kb.root).status == 0)
        return kb
    }

    /// A file of `Content/` where the site makes a folder (`Content/feeds` took the place
    /// of every feed) or under a folder named as a page the site writes is an error of
    /// `vane check` and `vane build`, each in one run, and the site stays as it was.
    @Test func aFileWhereTheSiteMakesAFolderIsAnError() throws {
        let kb = try example()
        let root = kb.url("t")
        #expect(try vane("build", in: root).status == 0)
        let feed = try Data(contentsOf: root.appendingPathComponent("public/feeds/events.atom"))
        try Data("x\n".utf8).write(to: root.appendingPathComponent("Content/feeds"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/index.html"), withIntermediateDirectories: true)
        try Data("y\n".utf8).write(to: root.appendingPathComponent("Content/index.html/b.txt"))
        let expected = [
            "Content/feeds: error: would replace the site's own feeds/: move it or rename it",
            "Content/index.html/b.txt: error: would replace the site's own index.html: move it or rename it",
        ]
        for command in ["check", "build"] {
            let result = try vane(command, in: root)
            #expect(result.status == 1 && expected.allSatisfy { result.stderr.contains($0 + "\n") }, "\(command): \(result.stderr)")
        }
        #expect(try Data(contentsOf: root.appendingPathComponent("public/feeds/events.atom")) == feed)
    }

    /// A body's link to a page the site writes (`../status.html`, a vendor's board) is no
    /// dead link; one to no page is.
    @Test func linksToTheSitesOwnPagesAreNotDead() throws {
        let kb = try example()
        let root = kb.url("t")
        try """
        ---
        title: Z
        date: 2024-01-01
        type: other
        entities: [example-cloud]
        sources: [example-cloud-queue-announcement]
        ---
        See [the board](../status.html), [home](../index.html), [search](../search.html), [vendor](../status/example-cloud.html), [x](../nope.html).

        Files: [feed](../feeds/events.atom), [api](../api/v1/graph.json), [entity api](../api/v1/entities/example-cloud.json), [style](../assets/style.css).

        No board: [product](../status/example-queue.html), [no one](../status/nobody.html).

        No file: [feed](../feeds/entities/nobody.atom), [shard](../search/index-x.js).

        """.write(to: root.appendingPathComponent("Content/events/z.md"), atomically: true, encoding: .utf8)
        let check = try vane("check", in: root)
        let dead = { (line: Int, column: Int, target: String) in
            "Content/events/z.md:\(line):\(column): warning: '../\(target)' links to no file (Content/\(target) is not there): the page would show a dead link\n"
        }
        #expect(
            check.stderr
                == dead(8, 127, "nope.html") + dead(12, 21, "status/example-queue.html") + dead(12, 61, "status/nobody.html")
                + dead(14, 17, "feeds/entities/nobody.atom") + dead(14, 57, "search/index-x.js") + "0 errors, 5 warnings\n",
            "\(check.stderr)")
    }

    /// What the linker takes for the site's own files is what a build writes: a link from
    /// a body to every file of a built site is no dead link (the linker knows the site's
    /// pages by rule, not from the site: this compares the two).
    @Test func everyFileABuildWritesIsNoDeadLink() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
        try kb.write("---\nproduct: llama\nteam: ml\n---\n", to: "Content/uses/ml-llama.md")
        #expect(try vane("build", in: kb.root).status == 0)
        let site = kb.url("public")
        let files = try #require(FileManager.default.subpaths(atPath: site.path)).filter { path in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path, isDirectory: &folder) && !folder.boolValue
        }
        #expect(files.count > 100)
        let links = files.sorted().enumerated().map { "[\($0.offset)](../\($0.element))" }.joined(separator: "\n")
        try kb.write(
            "---\ntitle: Every file\ndate: 2024-01-01\ntype: other\nentities: [meta]\nsources: [openai-api-changelog]\n---\n\(links)\n",
            to: "Content/events/every-file.md")
        let dead = try vane("check", in: kb.root).stderr.split(separator: "\n").filter { $0.contains("every-file.md") }
        #expect(dead.isEmpty, "\(dead)")
    }

    /// An integer beyond 2^53 stays text as written, compared as written (2^53 + 1 was the
    /// double it rounds to, 2^53).
    @Test func integersBeyondTwoToThe53StayText() throws {
        let kb = try example()
        let root = kb.url("t")
        try
            "---\nname: D1\ntype: product\ndata:\n  big: 9007199254740993\n  edge: 9007199254740992\n  neg: -9007199254740993\n  hex: 0x20000000000001\n---\n"
            .write(to: root.appendingPathComponent("Content/entities/d1.md"), atomically: true, encoding: .utf8)
        #expect(try vane("build", in: root).status == 0)
        let extra = try vane("sql", "SELECT extra FROM entities WHERE id = 'd1'", "--format", "csv", in: root).stdout
        #expect(
            extra.contains(#""{""big"":""9007199254740993"",""edge"":9007199254740992,""hex"":""0x20000000000001"",""neg"":""-9007199254740993""}""#),
            "\(extra)")
    }

    /// A closure announced by the event that deprecates the product closes nothing (it is
    /// deprecated, lower, from that day), as one announced a day after the deprecation.
    @Test func aClosureAnnouncedWithTheDeprecationIsCountedDownNowhere() throws {
        let kb = try example()
        let root = kb.url("t")
        let event = root.appendingPathComponent("Content/events/2026-09-15-example-queue-maintenance.md")
        let text = try String(contentsOf: event, encoding: .utf8)
        let status = try #require(text.range(of: #"example-queue: \{[^\n]*\}"#, options: .regularExpression))
        try text.replacingCharacters(in: status, with: "example-queue: { availability: deprecated, closes: 2027-01-31 }")
            .write(to: event, atomically: true, encoding: .utf8)
        #expect(try vane("build", in: root).status == 0)
        let json = try vane("status", "--as-of", "2026-12-06", "--format", "json", in: root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.first?["closes"] is NSNull && rows.first?["ends"] is NSNull, "\(json)")
    }

    /// A restated end's `from` is the end it restated; only a first announcement's is null.
    @Test func aRestatedEndReadsFromTheEndItRestated() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n",
            "Content/entities/relay.md": "---\nname: Relay\ntype: product\nparent: v\n---\n",
            "Content/sources/s.md": "---\ntitle: S\npublisher: v\nurl: https://v.example\n---\n",
        ])
        for (id, date, status) in [
            ("r0", "2018-01-01", "{ availability: generally-available, priority: invested }"), ("r1", "2024-01-01", "{ ends: 2025-03-01 }"),
            ("r2", "2024-06-01", "{ ends: 2025-07-01 }"), ("r3", "2024-09-01", "{ ends: 2025-07-01 }"), ("r4", "2024-10-01", "{ ends: none }"),
            ("r5", "2024-11-01", "{ ends: 2025-09-01 }"),
        ] {
            try kb.write(
                "---\ntitle: E \(id)\ndate: \(date)\ntype: other\nentities: [v]\nsources: [s]\nstatus:\n  relay: \(status)\n---\n",
                to: "Content/events/\(id).md")
        }
        #expect(try vane("build", in: kb.root).status == 0)
        let json = try vane("changes", "--from", "2024", "--to", "2025", "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let ends = rows.filter { $0["kind"] as? String == "ends" }.map {
            "\($0["id"] as? String ?? "") \($0["from"] as? String ?? "-") \($0["to"] as? String ?? "-")"
        }
        #expect(
            ends == ["r1 - 2025-03-01", "r2 2025-03-01 2025-07-01", "r3 2025-07-01 2025-07-01", "r4 2025-07-01 none", "r5 - 2025-09-01"], "\(json)")
    }

    /// "What changed" lists the verdicts reached by the day each was reached, newest first,
    /// with that day (they ran by the claims' own dates, without one).
    @Test func verdictsReachedRunByTheirOwnDay() throws {
        var files = [
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\nA.\n",
            "Content/sources/s.md": "---\ntitle: S\npublisher: acme\nurl: https://s.example/\n---\nS.\n",
        ]
        for (id, made, verdict, reached) in [("x", "2026-01-10", "kept", "2026-06-20"), ("y", "2026-03-01", "broken", "2026-04-05")] {
            files["Content/claims/\(id).md"] =
                "---\ntitle: Claim \(id)\nclaimant: acme\nabout: [acme]\ndate: \(made)\ntype: commitment\nverdict: \(verdict)\nverdict_date: \(reached)\nverdict_sources: [s]\nsources: [s]\n---\nX.\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).status == 0)
        let page = try kb.read("public/changes.html")
        let section = try #require(page.range(of: "<h3>Verdicts reached</h3>").map { String(page[$0.upperBound...].prefix(800)) })
        let x = try #require(section.range(of: "<time datetime=\"2026-06-20\">"), "\(section)")
        let y = try #require(section.range(of: "<time datetime=\"2026-04-05\">"), "\(section)")
        #expect(x.lowerBound < y.lowerBound && section.range(of: "claims/x.html")!.lowerBound < section.range(of: "claims/y.html")!.lowerBound)
    }

    /// A front matter whose closing `---` was left out is said where the text begins, with
    /// two paragraphs as with one, and a first sentence with a colon read as a key too; an
    /// escaped line break at the end of a one-line value is one (it was trimmed in silence),
    /// a block scalar's own is not.
    @Test func aMissingClosingFenceAndATrailingBreakAreSaid() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n\nAcme sells anvils.\n\nIt was founded in 1900.\n\n---\n\nMore.\n",
            "Content/entities/acme3.md": "---\nname: Acme3\ntype: vendor\n\nAcme sells anvils: the best.\n\n---\n\nMore.\n",
            "Content/entities/q5.md": "---\nname: \"Q5\\n\"\ntype: vendor\naliases: [\"Kay\\n\"]\n---\n",
            "Content/entities/q6.md": "---\nname: |\n  Block\ntype: vendor\n---\n",
        ])
        let check = try vane("check", in: kb.root).stderr
        let fence = "reads as text, not YAML: if the front matter ends above it, its closing '---' is missing there"
        #expect(
            check.contains(
                "Content/entities/acme.md:7:1: error: invalid YAML: could not find expected ':' (while scanning a simple key) (line 5 \(fence); the '---' on line 9 closed it)\n"
            ), "\(check)")
        #expect(
            check.contains(
                "Content/entities/acme3.md:5:1: warning: unknown key 'Acme sells anvils' for an entity (kept, but not part of the format; line 5 \(fence); the '---' on line 7 closed it)\n"
            ), "\(check)")
        #expect(
            check.contains("Content/entities/q5.md:2:7: error: 'name' must be one line\n")
                && check.contains("Content/entities/q5.md:4:11: error: each item of 'aliases' must be one line\n"), "\(check)")
        #expect(!check.contains("q6.md"), "\(check)")
    }

    /// Blocks say what the command line says: an empty window is an error at the block,
    /// products all gone are said so, an empty countdown says why; a dead link of an
    /// address that begins another's is said at its own column.
    @Test func blocksAndLinksSayWhatTheCommandLineSays() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\n",
            "Content/entities/widget.md": "---\nname: Widget\ntype: product\nparent: acme\n---\n",
            "Content/sources/blog.md": "---\ntitle: Blog\npublisher: acme\nurl: https://example.com/\n---\n",
            "Content/events/2026-01-10-launch.md":
                "---\ntitle: Widget launches\ndate: 2026-01-10\ntype: launch\nentities: [widget]\nsources: [blog]\nstatus:\n  widget: { availability: generally-available, priority: flagship }\n---\n[a](nosuch-long.png) [b](nosuch)\n",
            "Content/events/2026-11-01-gone.md":
                "---\ntitle: Widget retired\ndate: 2026-11-01\ntype: shutdown\nentities: [widget]\nsources: [blog]\nstatus:\n  widget: { availability: retired, priority: discontinued }\n---\n",
            "Content/reports/g.md":
                "---\ntitle: G\ndate: 2026-12-02\n---\n```vane\nstatus --entity acme\n```\n\n```vane\nends\n```\n\n```vane\nquery sources\n```\n",
        ])
        let check = try vane("check", in: kb.root).stderr
        #expect(
            check.contains("2026-01-10-launch.md:10:5: warning: 'nosuch-long.png'")
                && check.contains("2026-01-10-launch.md:10:26: warning: 'nosuch'"),
            "\(check)")
        #expect(try vane("build", "--as-of", "2026-12-06", in: kb.root).status == 0)
        let page = try kb.read("public/reports/g.html")
        #expect(page.contains("<p class=\"live-empty\">No product here is still available (1 gone; vane status lists it last).</p>"), "\(page)")
        #expect(page.contains("<p class=\"live-empty\">No end is announced ahead.</p>"), "\(page)")
        // A source's publisher is linked, as every id of a block is.
        #expect(page.contains("<td data-label=\"PUBLISHER\"><a href=\"../entities/acme.html\" title=\"Acme\">acme</a></td>"), "\(page)")
        try kb.write("---\ntitle: H\ndate: 2026-12-02\n---\n```vane\nquery events --since 2026 --until 2025\n```\n", to: "Content/reports/h.md")
        let window = try vane("check", in: kb.root)
        #expect(
            window.status == 1 && window.stderr.contains("Content/reports/h.md:6:22: error: --since 2026 is after --until 2025"), "\(window.stderr)")
    }

    /// An end restated on its own day after an extension of that day (which moved nothing)
    /// is the end that came, not a second one with no notice.
    @Test func anEndRestatedOnItsDayAfterAVoidExtensionIsOneEnd() throws {
        var files = [
            "Content/entities/twitter.md": "---\nname: Twitter\ntype: vendor\n---\n",
            "Content/entities/twitter-api.md": "---\nname: Twitter free API\ntype: product\nparent: twitter\n---\n",
            "Content/sources/s.md": "---\ntitle: S\npublisher: twitter\nurl: https://t.example\n---\n",
        ]
        for (id, date, status) in [
            ("twitter-launch", "2012-01-01", "{ availability: generally-available, priority: invested }"),
            ("twitter-ends-free-api", "2023-02-02", "{ ends: 2023-02-09 }"), ("twitter-extends", "2023-02-09", "{ ends: 2023-02-13 }"),
            ("twitter-restates", "2023-02-09", "{ ends: 2023-02-09 }"),
        ] {
            files["Content/events/\(id).md"] =
                "---\ntitle: E \(id)\ndate: \(date)\ntype: other\nentities: [twitter]\nsources: [s]\nstatus:\n  twitter-api: \(status)\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", in: kb.root).status == 0)
        let ends = try vane("ends", "--as-of", "2023-02-10", "--within", "30", "--format", "csv", in: kb.root).stdout
        let rows = ends.split(separator: "\r\n").dropFirst()
        #expect(rows.count == 1 && rows.first?.contains(",7,") == true && rows.first?.contains("twitter-ends-free-api") == true, "\(ends)")
        let changes = try vane("changes", "--from", "2023-02", "--to", "2023-02", "--format", "csv", in: kb.root).stdout
        #expect(!changes.contains(",ends,twitter-restates,") && changes.contains(",move,twitter-ends-free-api,"), "\(changes)")
    }

    /// A name an entity whose file did not load may declare is said to be maybe its, so
    /// that the one error to fix is found (the hint named the broken file as another id).
    @Test func aNameOfAnEntityThatDidNotLoadSaysSo() throws {
        let kb = try example()
        let root = kb.url("t")
        try "---\nname: Llama 5\ntype: product\nparent: example-cloud\naliases: [Llama Five\nformer_ids: [llama-5]\n---\n"
            .write(to: root.appendingPathComponent("Content/entities/llama-v5.md"), atomically: true, encoding: .utf8)
        let cloud = root.appendingPathComponent("Content/entities/example-cloud.md")
        try (try String(contentsOf: cloud, encoding: .utf8) + "\nSee [[Llama Five]], [[llama-5]] and [[exampel-queue]].\n").write(
            to: cloud, atomically: true, encoding: .utf8)
        let check = try vane("check", in: root).stderr
        let note = "; it may be a name of 'llama-v5', whose file did not load: fix that first\n"
        #expect(
            check.contains("error: unknown entry 'Llama Five'" + note)
                && check.contains("error: unknown entry 'llama-5' (did you mean 'llama-v5'?)" + note), "\(check)")
        #expect(check.contains("error: unknown entry 'exampel-queue' (did you mean 'example-queue'?)\n"), "\(check)")
    }

    /// What an Obsidian or Hugo author writes out of habit is said in this format's terms:
    /// `[[meta.md]]`, `![[chart.png]]`, `draft: true`; a former id is no name on the page.
    @Test func habitsOfOtherToolsAreSaidInThisFormatsTerms() throws {
        let kb = try example()
        let root = kb.url("t")
        try Data("png".utf8).write(to: root.appendingPathComponent("Content/events/chart.png"))
        let event = root.appendingPathComponent("Content/events/2026-09-15-example-queue-maintenance.md")
        let text = try String(contentsOf: event, encoding: .utf8)
        try text.replacingOccurrences(
            of: "\n---\n", with: "\ndraft: true\n---\n", options: [],
            range: text.range(of: "\n---\n", options: [], range: text.index(after: text.startIndex)..<text.endIndex)
        )
        .appending("\nSee [[example-cloud.md]] and ![[chart.png]].\n").write(to: event, atomically: true, encoding: .utf8)
        let check = try vane("check", in: root).stderr
        #expect(
            check.contains("error: unknown entry 'example-cloud.md' (did you mean 'example-cloud'? a link names the id, without '.md')"), "\(check)")
        #expect(
            check.contains(
                "error: unknown entry 'chart.png': a file is linked as ![text](chart.png) or [text](chart.png), relative to the entry's file, not with [[…]]"
            ), "\(check)")
        #expect(
            check.contains(
                "warning: unknown key 'draft' (kept, but not part of the format: every entry of Content/ is published; keep a draft outside Content/)"
            ), "\(check)")
        // Said too where the file is not beside the entry (an attachments folder), and beside
        // an entity file that does not load (it was blamed: "fix that first").
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/events/chart.png"))
        try "---\nname: Broken\ntype: vendor\naliases: [x\n---\n".write(
            to: root.appendingPathComponent("Content/entities/broken.md"), atomically: true, encoding: .utf8)
        let away = try vane("check", in: root).stderr
        #expect(
            away.contains(
                "error: unknown entry 'chart.png': a file is linked as ![text](chart.png) or [text](chart.png), relative to the entry's file, not with [[…]]"
            ), "\(away)")
        #expect(!away.contains("fix that first"), "\(away)")
        // Obsidian's pasted image, its name with spaces.
        try text.appending("\n![[Pasted image 20240312153000.png]]\n").write(to: event, atomically: true, encoding: .utf8)
        let pasted = try vane("check", in: root).stderr
        #expect(pasted.contains("unknown entry 'Pasted image 20240312153000.png': a file is linked as"), "\(pasted)")
        try FileManager.default.removeItem(at: root.appendingPathComponent("Content/entities/broken.md"))
        try "---\nname: Renamed\ntype: vendor\naliases: [Old Name]\nformer_ids: [old-renamed]\n---\n"
            .write(to: root.appendingPathComponent("Content/entities/renamed.md"), atomically: true, encoding: .utf8)
        try text.write(to: event, atomically: true, encoding: .utf8)
        #expect(try vane("build", in: root).status == 0)
        let page = try String(contentsOf: root.appendingPathComponent("public/entities/renamed.html"), encoding: .utf8)
        #expect(page.contains("<dt>Also known as</dt><dd>Old Name</dd>"), "\(page)")
    }

    /// The endoflife.date import: a product by its name there (`--only acme-db`, an
    /// alternate address), `--only` and `--category` adding up, a label's HTML as the text a
    /// reader sees, and no id written that an entry of `Content/` has already.
    @Test func theImportReadsNamesLabelsAndTakenIDs() throws {
        let kb = try TemporaryKnowledgeBase()
        let products = kb.root.appendingPathComponent("products")
        try FileManager.default.copyItem(at: Repository.fixture("endoflife/products"), to: products)
        let larkphone = products.appendingPathComponent("larkphone.md")
        var text = try String(contentsOf: larkphone, encoding: .utf8)
        text = text.replacingOccurrences(
            of: "releases:\n",
            with:
                "releases:\n  - releaseCycle: \"9\"\n    releaseLabel: \"9 (<abbr title='Short Term Support'>STS</abbr>) &amp; more\"\n    releaseDate: 2017-09-21\n    eol: 2018-03-31\n\n",
            options: [], range: text.range(of: "releases:\n"))
        try text.write(to: larkphone, atomically: true, encoding: .utf8)
        try kb.write("---\nname: Ours\ntype: product\n---\nWritten by hand.\n", to: "Content/entities/acmedb-3-9.md")
        try kb.write("---\nname: Ours too\ntype: product\naliases: [Nimbus-26]\nformer_ids: [nimbus-24]\n---\n", to: "Content/entities/ours.md")
        let result = try vane("import", "endoflife", products.path, "--only", "acme-db", "nimbus", "--category", "device", in: kb.root)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stderr.hasPrefix(
                "Content/entities/acmedb-3-9.md:1:1: error: the import would write the id 'acmedb-3-9' (Content/entities/endoflife/acmedb/acmedb-3-9.md), which is this entry's id already: no file of its product is written; give this entry another id"
            ), "\(result.stderr)")
        // The products of those ids are held back whole: their events would name the entries
        // of one's own (the former id's events gave 'ours' the imported cycle's status).
        #expect(result.stderr.contains("imported 1 product"), "\(result.stderr)")
        for (id, how) in [("nimbus-26", "alias"), ("nimbus-24", "former id")] {
            #expect(
                result.stderr.contains(
                    "Content/entities/ours.md:1:1: error: the import would write the id '\(id)' (Content/entities/endoflife/nimbus/\(id).md), which is this entry's \(how) already: no file of its product is written; remove that \(how) from this entity"
                ), "\(result.stderr)")
        }
        #expect(try vane("check", in: kb.root).status == 0)
        let ours = try vane("show", "ours", "--format", "json", in: kb.root).stdout
        #expect(!ours.contains("nimbus-24-release"), "\(ours)")
        let written = { (path: String) in FileManager.default.fileExists(atPath: kb.root.appendingPathComponent(path).path) }
        #expect(written("Content/entities/endoflife/larkphone.md"))
        #expect(!written("Content/entities/endoflife/acmedb.md") && !written("Content/events/endoflife/acmedb"))
        #expect(!written("Content/entities/endoflife/nimbus.md") && !written("Content/entities/endoflife/quillserver.md"))
        let label = try kb.read("Content/entities/endoflife/larkphone/larkphone-9.md")
        #expect(label.contains("\nname: \"Lark Phone 9 (STS) & more\"\n"), "\(label)")
    }
}
