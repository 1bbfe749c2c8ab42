import Foundation
import GRDB
import Testing
import VaneBuild
import VaneContent
import VaneQuery
import VaneTestSupport

/// `vane` blocks in bodies: the command's result on the page, every problem at its
/// position inside the block, and pages that follow what their blocks read.
struct LiveBlockTests {
    private func knowledgeBase() throws -> TemporaryKnowledgeBase {
        try TemporaryKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
    }

    private func build(_ kb: TemporaryKnowledgeBase) -> Pipeline.Outcome {
        Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
    }

    /// The `<figure>` of the block whose command line is `command`.
    private func figure(_ html: String, _ command: String) -> String? {
        guard let caption = html.range(of: "<figcaption><code class=\"live-command\">vane \(command)</code></figcaption>"),
            let start = html[..<caption.lowerBound].range(of: "<figure class=\"live-block\">", options: .backwards),
            let end = html[caption.upperBound...].range(of: "</figure>")
        else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func aQueryBlockIsTheCommandsTableWithLinkedIDs() throws {
        let kb = try knowledgeBase()
        #expect(build(kb).succeeded)
        let page = try kb.read("public/reports/2026-globex-review.html")
        #expect(
            figure(page, "query events --entity globex") == """
                <figure class="live-block">
                <figcaption><code class="live-command">vane query events --entity globex</code></figcaption>
                <div class="table-scroll">
                <table class="live-table stack">
                <thead><tr><th scope="col">DATE</th><th scope="col">ID</th><th scope="col">TYPE</th><th scope="col">TITLE</th></tr></thead>
                <tbody>
                <tr><td data-label="DATE">1 March 2024</td><td data-label="ID"><a href="../events/2024-03-globex-cloud-launch.html" title="Globex launches Globex Cloud">2024-03-globex-cloud-launch</a></td><td data-label="TYPE">launch</td><td data-label="TITLE">Globex launches Globex Cloud</td></tr>
                <tr><td data-label="DATE">1 June 2025</td><td data-label="ID"><a href="../events/2025-06-globex-desktop-sunset.html" title="Globex puts Globex Desktop on sunset">2025-06-globex-desktop-sunset</a></td><td data-label="TYPE">deprecation</td><td data-label="TITLE">Globex puts Globex Desktop on sunset</td></tr>
                </tbody>
                </table>
                </div>
                </figure>
                """)
    }

    /// An `ends` block links what its columns name, its sources too.
    @Test func anEndsBlockLinksItsEntitiesEventsAndSources() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("lifecycle/Content")])
        try kb.write("---\ntitle: Ends\ndate: 2025-03-12\n---\n```vane\nends --as-of 2025-03-12\n```\n", to: "Content/reports/ends.md")
        #expect(build(kb).succeeded)
        let block = try #require(figure(try kb.read("public/reports/ends.html"), "ends --as-of 2025-03-12"))
        #expect(block.contains("href=\"../sources/northwind-deprecations.html\""), "\(block)")
        #expect(block.contains("href=\"../events/2025-01-15-nw-text-1-deprecation.html\""))
    }

    @Test func aStatusBlockIsTheChartAndTheBoard() throws {
        let kb = try knowledgeBase()
        #expect(build(kb).succeeded)
        let block = try #require(figure(try kb.read("public/reports/2026-globex-review.html"), "status --entity globex"))
        #expect(block.contains("<svg"))
        #expect(block.contains("<caption>Products ranked by platform risk, as of <time datetime=\"2026-11-26\">26 November 2026</time></caption>"))
        let ranks = block.components(separatedBy: "\n").filter { $0.hasPrefix("<tr><td class=\"rank\">") }.map {
            $0.components(separatedBy: "</a>").first ?? ""
        }
        #expect(
            ranks == [
                "<tr><td class=\"rank\">1</td><td class=\"lead\"><a href=\"../entities/globex-desktop.html\">Globex Desktop",
                "<tr><td class=\"rank\">2</td><td class=\"lead\"><a href=\"../entities/globex-cloud.html\">Globex Cloud",
            ])
        #expect(block.contains("<td class=\"risk risk-high\" data-label=\"Risk\">on the way out · 89</td>"))
    }

    /// A status block of another day names each product as it was named that day (it used
    /// the site's names), and one written `vane status` shows `vane status` (it showed
    /// `vane vane status`).
    @Test func aStatusBlockOfAnotherDayUsesThatDaysNames() throws {
        let kb = try knowledgeBase()
        let desktop = "Content/entities/globex-desktop.md"
        try kb.write(
            try kb.read(desktop).replacingOccurrences(
                of: "\nname: Globex Desktop\n", with: "\nname: Globex Workstation\nrenamed:\n  - { date: 2026-01-01, from: Globex Desktop }\n"),
            to: desktop)
        try kb.write(
            "---\ntitle: Then\ndate: 2026-11\n---\n```vane\nvane status --entity globex --as-of 2025-12-31\n```\n\n```vane\nstatus --entity globex\n```\n",
            to: "Content/reports/then.md")
        let outcome = build(kb)
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        let page = try kb.read("public/reports/then.html")
        let then = try #require(figure(page, "status --entity globex --as-of 2025-12-31"))
        #expect(then.contains(">Globex Desktop</a>") && !then.contains("Workstation"), "\(then)")
        let now = try #require(figure(page, "status --entity globex"))
        #expect(now.contains(">Globex Workstation</a>"))
    }

    /// A saved query's SQL and what its kind refuses are checked where they are written in
    /// `Site/queries.yml`, on every build, used by a block or not (they were found by
    /// `vane saved` alone).
    @Test func aSavedQueryIsCheckedWhereItIsWritten() throws {
        let kb = try knowledgeBase()
        try kb.write(
            try kb.read("Site/queries.yml") + "badsql: sql \"SELECT nope FROM events\"\nbadverdict: query events --verdict kept\n",
            to: "Site/queries.yml")
        let lines = try kb.read("Site/queries.yml").components(separatedBy: "\n").count - 1
        let expected = [
            "Site/queries.yml:\(lines - 1):13: error: SQL error: no such column: nope",
            "Site/queries.yml:\(lines):36: error: --verdict filters claims only",
        ]
        let errors = build(kb).diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors == expected, "\(errors)")
        // `vane check` finds them too (it said "ok").
        let checked = Pipeline.check(Pipeline.Options(root: kb.root, asOf: fixedDay)).diagnostics.filter { $0.severity == .error }
        #expect(checked.map(\.description) == expected)
    }

    @Test func aSavedQueryRunsInABlockAsOnTheCommandLine() throws {
        let kb = try knowledgeBase()
        #expect(build(kb).succeeded)
        let block = try #require(figure(try kb.read("public/reports/2026-globex-review.html"), "saved globex-claims"))
        let ids = block.components(separatedBy: "title=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids == ["Globex Cloud prices will not rise in 2024", "Globex", "Globex Cloud will open three regions", "Globex"])
        let cli = try vane("saved", "globex-claims", in: kb.root)
        #expect(
            cli.stdout == """
                DATE          ID                 BY      TYPE        VERDICT  TITLE
                1 March 2024  cloud-prices-hold  globex  commitment  kept     Globex Cloud prices will not rise in 2024
                1 March 2024  cloud-regions      globex  commitment  kept     Globex Cloud will open three regions

                """)
        #expect(try vane("saved", in: kb.root).stdout == "globex-claims: query claims --entity globex --verdict kept\nrisky: status --min-risk 50\n")
        #expect(try vane("saved", "risky", "--format", "csv", in: kb.root).stdout.hasPrefix("risk,entity,vendor,availability,priority,"))
        // `--root` after the name is the command's own, as before it.
        let parent = kb.root.deletingLastPathComponent()
        for arguments in [["saved", "globex-claims", "--root", kb.root.path], ["saved", "globex-claims", "--root=\(kb.root.path)"]] {
            #expect(try vane(arguments, in: parent).stdout == cli.stdout, "\(arguments)")
        }
        let unknown = try vane("saved", "riskie", in: kb.root)
        #expect(unknown.status == 64)
        #expect(unknown.stderr == "error: unknown saved query 'riskie' (did you mean 'risky'?); saved queries are globex-claims, risky\n")
    }

    /// A block's query that returns more rows than a page shows is an error at its statement;
    /// one that runs on (a recursion without end) is stopped, so a build always ends.
    @Test func aBlocksQueryIsBoundedInRowsAndTime() throws {
        let kb = try knowledgeBase()
        let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
        try kb.write(
            "---\ntitle: Big\ndate: 2026\n---\n```vane\nsql \"\(endless) SELECT x FROM c LIMIT 20000\"\n```\n", to: "Content/reports/big.md")
        let outcome = build(kb)
        #expect(
            outcome.diagnostics.map(\.description).contains(
                "Content/reports/big.md:6:5: error: the query returns more than 10000 rows, more than a page shows: add a LIMIT"),
            "\(outcome.diagnostics)")
        // The time limit, shortened (the query needs no table).
        let reader = GraphReader(queue: try DatabaseQueue())
        let started = Date()
        #expect(throws: GraphReader.QueryError.self) {
            try reader.sql("\(endless) SELECT count(*) FROM c", limits: GraphReader.SQLLimits(rows: 10, seconds: 0.3))
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// A block that fails does not hide what the render would say besides: the build says
    /// every problem `vane check` says, in one run (a file at a path the site writes was said
    /// only once the block was mended).
    @Test func aFailingBlockHidesNoOtherProblem() throws {
        let kb = try knowledgeBase()
        try kb.write("---\ntitle: Bad\ndate: 2026\n---\n```vane\nsql \"SELECT json_extract('x', '$.a')\"\n```\n", to: "Content/reports/bad.md")
        try kb.write("hi\n", to: "Content/robots.txt")
        let said = build(kb).diagnostics.map(\.description)
        #expect(
            said == [
                "Content/reports/bad.md:6:5: error: SQL error: malformed JSON",
                "Content/robots.txt: error: would replace the site's own robots.txt: move it or rename it",
            ], "\(said)")
        #expect(Pipeline.check(Pipeline.Options(root: kb.root, asOf: fixedDay)).diagnostics.map(\.description) == said)
        #expect(!FileManager.default.fileExists(atPath: kb.url("public").path))
    }

    /// A value only the graph can judge (a type, a filter that does not apply) is an error
    /// at that value, as every other block problem is.
    @Test func aQueryBlocksWrongValueIsAtItsToken() throws {
        let kb = try knowledgeBase()
        try kb.write(
            "---\ntitle: Values\ndate: 2026\n---\n```vane\nquery events --type lanch\n```\n\n```vane\n  query events --verdict kept\n```\n",
            to: "Content/reports/values.md")
        let found = build(kb).diagnostics.map(\.description).filter { $0.contains("values.md") }
        #expect(found.count == 2, "\(found)")
        #expect(
            found.first?.hasPrefix("Content/reports/values.md:6:21: error: unknown event type 'lanch' (did you mean 'launch'?)") == true, "\(found)")
        #expect(found.last == "Content/reports/values.md:10:26: error: --verdict filters claims only", "\(found)")
    }

    /// In a block quote a `vane` fence is code, as CommonMark reads it: a warning says so
    /// (it was shown as code and nothing checked it).
    @Test func aBlockInABlockQuoteIsSaidToBeCode() throws {
        let kb = try knowledgeBase()
        try kb.write("---\ntitle: Quoted\ndate: 2026\n---\nText.\n\n> ```vane\n> status --entity globx\n> ```\n", to: "Content/reports/quoted.md")
        let found = build(kb).diagnostics.map(\.description).filter { $0.contains("quoted.md") }
        #expect(
            found == ["Content/reports/quoted.md:7:3: warning: a vane block in a block quote is shown as code, not run: take it out of the quote"])
        // So is a fence whose info string is nearly `vane`; a `vane` line in another fence is code.
        try kb.write(
            "---\ntitle: Near\ndate: 2026\n---\n```VANE\nstatus\n```\n\n ~~~vane {.x}\nstatus\n~~~\n\n```text\nvane status\n```\n\n```vanes\nstatus\n```\n\n```{.vane}\nstatus\n```\n\n```make\nstatus\n```\n",
            to: "Content/reports/near.md")
        let near = build(kb).diagnostics.map(\.description).filter { $0.contains("near.md") }
        #expect(
            near == [
                "Content/reports/near.md:5:1: warning: a code block whose info string is 'VANE' is shown as code, not run: a vane block opens with ```vane alone",
                "Content/reports/near.md:9:2: warning: a code block whose info string is 'vane {.x}' is shown as code, not run: a vane block opens with ~~~vane alone",
                "Content/reports/near.md:17:1: warning: a code block whose info string is 'vanes' is shown as code, not run: a vane block opens with ```vane alone",
                "Content/reports/near.md:21:1: warning: a code block whose info string is '{.vane}' is shown as code, not run: a vane block opens with ```vane alone",
            ], "\(near)")
        // So is one indented four spaces or more past where its text begins (it was silent).
        try kb.write(
            "---\ntitle: Indented\ndate: 2026\n---\nText.\n\n    ```vane\n    status --entity globex\n    ```\n",
            to: "Content/reports/indented.md")
        let indented = build(kb).diagnostics.map(\.description).filter { $0.contains("indented.md") }
        #expect(
            indented == [
                "Content/reports/indented.md:7:5: warning: a vane block indented 4 spaces is shown as code, not run (CommonMark reads four spaces as code): write it at the top level, or where a list item's text begins"
            ], "\(indented)")
        #expect(try kb.read("public/reports/indented.html").contains("<pre><code>```vane\n"))
    }

    /// A block where a list item's text begins runs, at any depth: a nested item's, one
    /// whose text begins at the fifth column (`10. `, `-   `), one on the marker's line (they
    /// were shown as code; the last without a word, and no option of theirs was checked).
    @Test func aBlockWhereAListItemsTextBeginsRuns() throws {
        let kb = try knowledgeBase()
        try kb.write(
            "---\ntitle: Items\ndate: 2026\n---\n- a\n  - b\n\n    ```vane\n    status --entity globex\n    ```\n\n10. ten\n\n    ```vane\n    ends\n    ```\n\n- ```vane\n  query events --entiy globex\n  ```\n",
            to: "Content/reports/items.md")
        let found = build(kb).diagnostics.map(\.description).filter { $0.contains("items.md") }
        #expect(found == ["Content/reports/items.md:19:16: error: unknown option '--entiy' for 'query' (did you mean '--entity'?)"], "\(found)")
        try kb.write(
            try kb.read("Content/reports/items.md").replacingOccurrences(of: "--entiy", with: "--entity"), to: "Content/reports/items.md")
        #expect(build(kb).diagnostics.filter { $0.description.contains("items.md") }.isEmpty)
        let page = try kb.read("public/reports/items.html")
        #expect(page.components(separatedBy: "<figure class=\"live-block\">").count == 4 && !page.contains("language-vane"), "\(page)")
        // A block quote inside a list item or a list in a quote, and a tab, are code: said.
        try kb.write(
            "---\ntitle: Code\ndate: 2026\n---\n- > ```vane\n  > status\n  > ```\n\n> - ```vane\n>   status\n>   ```\n\n- item\n\n\t```vane\n\tstatus\n\t```\n",
            to: "Content/reports/code.md")
        let code = build(kb).diagnostics.map(\.description).filter { $0.contains("code.md") }
        #expect(
            code == [
                "Content/reports/code.md:5:5: warning: a vane block in a block quote is shown as code, not run: take it out of the quote",
                "Content/reports/code.md:9:5: warning: a vane block in a block quote is shown as code, not run: take it out of the quote",
                "Content/reports/code.md:15:2: warning: a vane block indented with a tab is shown as code, not run (CommonMark reads a tab as four spaces): indent it with spaces",
            ], "\(code)")
    }

    @Test func everyProblemOfABlockIsAtItsPositionWithASuggestion() throws {
        let kb = try knowledgeBase()
        try kb.write(
            """
            ---
            title: Broken blocks
            date: 2026
            ---
            ```vane
            quer events
            ```

            ```vane
            query events --entiy globex --since 2025-13
            ```

            ```vane
              status --entity globx
            ```

            ```vane
            sql "DELETE FROM events"
            ```

            ```vane
            saved riskie
            ```

            ```vane
            ```

            ```vane
            ends --within soon
            ```

            ```vane
            changes --from 2026 --to 2025
            ```

            ```vane
            status --min-risk 101
            ```

            ```vane
            status --entity globx --min-risk 200
            ```

            ```vane
            query entities --type vendr --since 2025
            ```
            """, to: "Content/reports/broken.md")
        let outcome = build(kb)
        #expect(!outcome.succeeded)
        #expect(
            outcome.diagnostics.map(\.description) == [
                "Content/reports/broken.md:6:1: error: unknown block command 'quer' (did you mean 'query'?); blocks run changes, ends, exposure, query, saved, sql, status",
                "Content/reports/broken.md:10:14: error: unknown option '--entiy' for 'query' (did you mean '--entity'?)",
                "Content/reports/broken.md:10:37: error: '--since': impossible date '2025-13' (a month is 01 to 12)",
                "Content/reports/broken.md:14:19: error: unknown entity 'globx' (did you mean 'globex'?)",
                "Content/reports/broken.md:18:5: error: a block's SQL must be one SELECT (blocks only read)",
                "Content/reports/broken.md:22:7: error: unknown saved query 'riskie' (did you mean 'risky'?); saved queries are globex-claims, risky",
                "Content/reports/broken.md:25:1: error: empty vane block (write one command line, e.g. 'status --entity meta')",
                "Content/reports/broken.md:29:15: error: '--within' takes a whole number, 0 or more, not 'soon'",
                "Content/reports/broken.md:33:16: error: --from 2026 is after --to 2025",
                "Content/reports/broken.md:37:19: error: '--min-risk' takes a risk from 0 to 100, not '101'",
                // Two mistakes in one block are both said (the entity and the type waited for a fix).
                "Content/reports/broken.md:41:17: error: unknown entity 'globx' (did you mean 'globex'?)",
                "Content/reports/broken.md:41:34: error: '--min-risk' takes a risk from 0 to 100, not '200'",
                "Content/reports/broken.md:45:23: error: unknown entity type 'vendr' (did you mean 'vendor'?); entity types are vendor, org, person, product, model, model-family",
                "Content/reports/broken.md:45:37: error: --since and --until filter by date, and entities have none",
            ])
    }

    @Test func aBlockThatFailsWhenRunIsABuildErrorAtTheBlock() throws {
        let kb = try knowledgeBase()
        try kb.write("---\ntitle: SQL\ndate: 2026\n---\n```vane\nsql \"SELECT nope FROM events\"\n```\n", to: "Content/reports/sql.md")
        let outcome = build(kb)
        #expect(outcome.diagnostics.map(\.description) == ["Content/reports/sql.md:6:5: error: SQL error: no such column: nope"])
        #expect(!FileManager.default.fileExists(atPath: kb.url("public").path))
        // The graph this first build began to write is gone too.
        #expect(try FileManager.default.contentsOfDirectory(atPath: kb.root.path).filter { $0.contains("sqlite") } == [])
    }

    /// The blocks run on a clean knowledge base only; an SQL error is found with the other
    /// problems all the same (it was found by the next build, once they were fixed).
    @Test func anSQLErrorIsFoundWithTheOtherProblems() throws {
        let kb = try knowledgeBase()
        try kb.write(
            "---\ntitle: SQL\ndate: 2026\n---\n```vane\nsql \"SELECT nope FROM events\"\n```\n\n```vane\nsql \"SELECT id FROM events WHERE\"\n```\n\n"
                + "```vane\nsql \"SELECT id FROM events\"\n```\n\nSee [[metta]].\n",
            to: "Content/reports/sql.md")
        let expected = [
            "Content/reports/sql.md:6:5: error: SQL error: no such column: nope",
            "Content/reports/sql.md:10:5: error: SQL error: incomplete input",
            "Content/reports/sql.md:17:5: error: unknown entry 'metta' (not written yet? write it first: vane new KIND \"Title\" --id metta)",
        ]
        let built = build(kb)
        #expect(built.diagnostics.filter { $0.severity == .error }.map(\.description) == expected)
        let checked = Pipeline.check(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(checked.diagnostics.filter { $0.severity == .error }.map(\.description) == expected)
    }

    /// What `query` refuses for a kind is said with the other problems of the knowledge
    /// base, at the option's value (it was said only once everything else was clean).
    @Test func aQueryOptionItsKindRefusesIsSaidWithTheRest() throws {
        let kb = try knowledgeBase()
        try kb.write(
            "---\ntitle: Q\ndate: 2026\n---\n```vane\nquery entities --since 2025\n```\n\n```vane\nquery events --verdict kept\n```\n\nSee [[metta]].\n",
            to: "Content/reports/q.md")
        let errors = build(kb).diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(
            errors == [
                "Content/reports/q.md:6:24: error: --since and --until filter by date, and entities have none",
                "Content/reports/q.md:10:24: error: --verdict filters claims only",
                "Content/reports/q.md:13:5: error: unknown entry 'metta' (not written yet? write it first: vane new KIND \"Title\" --id metta)",
            ], "\(errors)")
    }

    /// A block's SQL reads or is refused by what it does, not by its first word: spaces and
    /// comments before a SELECT run (they were refused), a typo gets SQLite's message (it
    /// was said to write), and a WITH that deletes is refused as a write (it failed as
    /// "read-only").
    @Test func aBlocksSQLIsJudgedByWhatItDoes() throws {
        let kb = try knowledgeBase()
        try kb.write(
            "---\ntitle: SQL\ndate: 2026\n---\n```vane\nsql \"  /* why */ SELECT 1 AS one\"\n```\n",
            to: "Content/reports/sql.md")
        #expect(build(kb).succeeded)
        #expect(try kb.read("public/reports/sql.html").contains("<th scope=\"col\">one</th>"))
        try kb.write(
            "---\ntitle: SQL\ndate: 2026\n---\n```vane\nsql \"SELEC id FROM events\"\n```\n\n```vane\nsql \"WITH x AS (SELECT 1) DELETE FROM events\"\n```\n",
            to: "Content/reports/sql.md")
        #expect(
            build(kb).diagnostics.map(\.description) == [
                "Content/reports/sql.md:6:5: error: SQL error: near \"SELEC\": syntax error",
                "Content/reports/sql.md:10:5: error: a block's SQL must be one SELECT (blocks only read)",
            ])
    }

    @Test func aPageIsRenderedAgainWhenWhatItsBlockReadsChanges() throws {
        let kb = try knowledgeBase()
        #expect(build(kb).succeeded)
        #expect(build(kb).pagesRendered == 0)
        // A new event about Globex: the report's query block now lists it.
        try kb.write(
            """
            ---
            title: Globex opens a region
            date: 2026-02-01
            type: launch
            entities: [globex-cloud]
            sources: [globex-keynote]
            ---
            A region.
            """, to: "Content/events/2026-02-globex-region.md")
        let outcome = build(kb)
        #expect(outcome.succeeded)
        let report = try kb.read("public/reports/2026-globex-review.html")
        #expect(figure(report, "query events --entity globex")?.contains("2026-02-globex-region") == true)
        // And the incremental site equals a full build.
        let full = try TemporaryKnowledgeBase(copying: [kb.url("Content"), kb.url("Site")])
        #expect(build(full).succeeded)
        #expect(differences(snapshot(of: kb.url("public"), folders: true), snapshot(of: full.url("public"), folders: true)).isEmpty)
    }

    /// `query`, `changes` and `saved` blocks read the graph the build writes, in its open
    /// transaction: no copy of the graph is made, and after deltas that write entries'
    /// rows again (so that they are stored last) the pages equal a full build's. A `sql`
    /// block, and any block under an `--as-of` that cuts the knowledge base, reads a copy.
    @Test func blocksReadTheGraphTheBuildWrites() throws {
        let kb = try knowledgeBase()
        try kb.write(
            "---\ntitle: Window\ndate: 2026\n---\n```vane\nchanges --from 2024 --to 2026 --entity globex\n```\n\n```vane\nquery claims --text cloud\n```\n",
            to: "Content/reports/window.md")
        try kb.write("---\ntitle: Early\ndate: 2024\n---\n```vane\nquery events --entity globex\n```\n", to: "Content/reports/early.md")
        let first = build(kb)
        #expect(first.succeeded)
        #expect(first.work.graphCopies == 0)
        // The launch moved after the sunset, and an event added between them: both written again.
        let launch = "Content/events/2024-03-globex-cloud-launch.md"
        try kb.write(try kb.read(launch).replacingOccurrences(of: "date: 2024-03-01", with: "date: 2025-07-01"), to: launch)
        try kb.write(
            "---\ntitle: Globex opens a region\ndate: 2025-06-01\ntype: launch\nentities: [globex-cloud]\nsources: [globex-keynote]\n---\nA cloud region.\n",
            to: "Content/events/2025-06-globex-region.md")
        let delta = build(kb)
        #expect(delta.succeeded)
        #expect(delta.work.graphCopies == 0)
        // A delta, not the whole graph written again.
        #expect(delta.work.rowsWritten * 3 < first.work.rowsWritten)
        let report = try kb.read("public/reports/2026-globex-review.html")
        let listed = try #require(figure(report, "query events --entity globex"))
        let order = ["2025-06-globex-desktop-sunset", "2025-06-globex-region", "2024-03-globex-cloud-launch"].map {
            listed.range(of: ">\($0)</a>")?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!)
        let full = try TemporaryKnowledgeBase(copying: [kb.url("Content"), kb.url("Site")])
        #expect(build(full).succeeded)
        #expect(differences(snapshot(of: kb.url("public"), folders: true), snapshot(of: full.url("public"), folders: true)).isEmpty)
        // SQL reads a copy, whose rows are stored in one order whatever the deltas were.
        try kb.write("---\ntitle: SQL\ndate: 2026\n---\n```vane\nsql \"SELECT id FROM events\"\n```\n", to: "Content/reports/sql.md")
        #expect(build(kb).work.graphCopies == 1)
        try FileManager.default.removeItem(at: kb.url("Content/reports/sql.md"))
        // Under an `--as-of` before the region, the blocks see the knowledge base as it was then.
        let then = Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2025-06")))
        #expect(then.succeeded)
        #expect(then.work.graphCopies == 1)
        let early = try #require(figure(try kb.read("public/reports/early.html"), "query events --entity globex"))
        #expect(early.contains(">2025-06-globex-desktop-sunset</a>") && !early.contains(">2024-03-globex-cloud-launch</a>"))
    }

    /// Under an `--as-of` that cuts the knowledge base, `query` reads a copy holding what it
    /// reads (the text index only for `--text`): where the cut leaves what a block shows
    /// as it was, the block reads as on the graph the build writes.
    @Test func aCopyAnswersAsTheGraphTheBuildWrites() throws {
        let kb = try knowledgeBase()
        let commands = ["query claims --text cloud", "query events --entity globex", "changes --from 2024 --to 2025 --entity globex"]
        try kb.write(
            "---\ntitle: Copy\ndate: 2025\n---\n" + commands.map { "```vane\n\($0)\n```\n" }.joined(separator: "\n"), to: "Content/reports/copy.md")
        try kb.write(
            "---\ntitle: Later\ndate: 2026-10-01\ntype: launch\nentities: [tech-daily]\n---\nLater.\n", to: "Content/events/2026-10-later.md")
        let whole = Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2026-11")))
        #expect(whole.succeeded && whole.work.graphCopies == 0)
        let read = try kb.read("public/reports/copy.html")
        let cut = Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2026-09")))
        #expect(cut.succeeded && cut.work.graphCopies == 1)
        let copied = try kb.read("public/reports/copy.html")
        for command in commands {
            let shown = try #require(figure(read, command))
            #expect(shown.contains("<tbody>\n<tr>"), "\(command) lists rows")
            #expect(figure(copied, command) == shown, "\(command)")
        }
    }

    /// A database whose rows an older vane wrote (no `graph-rows` in its state) is written
    /// whole once, not given a delta: the blocks read the rows a delta leaves, and such a
    /// database may hold the rows of an entry that is gone (as one did after an edit to
    /// the body of an entry that was then removed).
    @Test func aDatabaseAnOlderVaneWroteIsWrittenWholeOnce() throws {
        let kb = try knowledgeBase()
        let first = build(kb)
        #expect(first.succeeded)
        let database = kb.url("vane.sqlite").path
        try sqlite(
            database,
            """
            DELETE FROM build_state WHERE key = 'graph-rows';
            INSERT INTO events (id, title, type, date, date_precision, date_start, date_end, approximate, path, body, extra)
              VALUES ('2025-01-gone', 'Gone', 'launch', '2025-01-01', 'day', '2025-01-01', '2025-01-01', 0, 'Content/events/gone.md', '', '{}');
            INSERT INTO edges (from_id, relation, to_id, path, line, column) VALUES ('2025-01-gone', 'involves', 'globex', 'Content/events/gone.md', 1, 1);
            """)
        let added = "---\ntitle: Globex opens a region\ndate: 2025-07-01\ntype: launch\nentities: [globex-cloud]\n---\nA region.\n"
        try kb.write(added, to: "Content/events/2025-07-globex-region.md")
        let whole = build(kb)
        #expect(whole.succeeded)
        #expect(whole.work.rowsWritten * 2 > first.work.rowsWritten)
        #expect(try sqlite(database, "SELECT count(*) FROM events WHERE id = '2025-01-gone'") == "0")
        let listed = try #require(figure(try kb.read("public/reports/2026-globex-review.html"), "query events --entity globex"))
        #expect(!listed.contains("2025-01-gone"))
        // Then deltas again.
        try kb.write(added.replacingOccurrences(of: "A region.", with: "Two regions."), to: "Content/events/2025-07-globex-region.md")
        try kb.write(added.replacingOccurrences(of: "opens a region", with: "opens a second region"), to: "Content/events/2025-08-globex-region.md")
        let delta = build(kb)
        #expect(delta.succeeded)
        #expect(delta.work.rowsWritten * 3 < first.work.rowsWritten)
    }

    /// Runs SQL on the database as another program would; the first column of its first row.
    @discardableResult
    private func sqlite(_ database: String, _ sql: String) throws -> String {
        let queue = try DatabaseQueue(path: database)
        defer { try? queue.close() }
        return try queue.write { db in
            let statements = try db.allStatements(sql: sql)
            var first = ""
            while let statement = try statements.next() {
                if let row = try Row.fetchOne(statement) { first = "\(row.databaseValues.first?.storage.value ?? "")" }
            }
            return first
        }
    }

    @Test func aChangesBlockListsWhatHappenedInTheWindow() throws {
        let kb = try knowledgeBase()
        try kb.write(
            "---\ntitle: Q2\ndate: 2026\n---\n```vane\nchanges --from 2025-Q2 --to 2025-Q2 --entity globex\n```\n", to: "Content/reports/q2.md")
        #expect(build(kb).succeeded)
        let block = try #require(figure(try kb.read("public/reports/q2.html"), "changes --from 2025-Q2 --to 2025-Q2 --entity globex"))
        // Each row's first two cells, without the column names the cells carry for a phone.
        let rows = block.components(separatedBy: "\n").map {
            $0.replacingOccurrences(of: #" data-label="[^"]*""#, with: "", options: .regularExpression)
        }
        .filter { $0.hasPrefix("<tr><td>") }.map { $0.components(separatedBy: "</td><td>").prefix(2).joined(separator: " ") }
        #expect(
            rows == [
                "<tr><td>2025-06-01 move", "<tr><td>2025-06-01 move", "<tr><td>2025-06-01 event", "<tr><td>2025-06-01 verdict",
                "<tr><td>2025-06-01 verdict",
            ])
        try kb.write("---\ntitle: Bad\ndate: 2026\n---\n```vane\nchanges --from 2025\n```\n", to: "Content/reports/bad.md")
        #expect(
            build(kb).diagnostics.map(\.description) == [
                "Content/reports/bad.md:6:1: error: 'changes' needs --to (a window: --from 2025-01 --to 2025-12)"
            ])
    }

    @Test func underAsOfABlockUsesThatDateUnlessItNamesItsOwn() throws {
        let kb = try knowledgeBase()
        try kb.write(
            "---\ntitle: Then\ndate: 2026\n---\n```vane\nstatus\n```\n\n```vane\nstatus --as-of 2024-12\n```\n", to: "Content/reports/then.md")
        #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: try FuzzyDate(parsing: "2026-06"))).succeeded)
        let page = try kb.read("public/reports/then.html")
        #expect(figure(page, "status")?.contains("as of <time datetime=\"2026-06\">June 2026</time>") == true)
        // In December 2024 the desktop suite was still maintained: no risk above drift.
        let then = try #require(figure(page, "status --as-of 2024-12"))
        #expect(then.contains("as of <time datetime=\"2024-12\">December 2024</time>"))
        #expect(!then.contains("risk-high"))
    }
}
