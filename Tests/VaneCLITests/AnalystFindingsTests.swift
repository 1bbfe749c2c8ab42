import Foundation
import Testing
import VaneTestSupport

/// What a new analyst hit on real knowledge bases, each checked by its exact output.
struct AnalystFindingsTests {
    private func small() throws -> TemporaryKnowledgeBase {
        try .built(copying: [Repository.fixture("small/Content")])
    }

    /// Codex left the API in March 2023 and Azure in July 2024: it is gone from July 2024.
    @Test func aProductIsGoneFromTheDayItsLastChannelWent() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/openai.md": "---\nname: OpenAI\ntype: vendor\n---\n",
            "Content/entities/codex.md": "---\nname: Codex\ntype: model\nparent: openai\n---\n",
            "Content/sources/notes.md": "---\ntitle: Notes\npublisher: OpenAI\nurl: https://example.org/notes\n---\n",
            "Content/events/codex-launch.md":
                "---\ntitle: Codex launches\ndate: 2021-08-10\ntype: launch\nentities: [codex]\nsources: [notes]\nstatus:\n  codex: { availability: { api: generally-available, azure: generally-available }, priority: invested }\n---\n",
            "Content/events/codex-shutdown.md":
                "---\ntitle: Codex leaves the API\ndate: 2023-03-23\ntype: shutdown\nentities: [codex]\nsources: [notes]\nstatus:\n  codex: { availability: { api: retired } }\n---\n",
            "Content/events/codex-azure-shutdown.md":
                "---\ntitle: Codex leaves Azure\ndate: 2024-07-01\ntype: shutdown\nentities: [codex]\nsources: [notes]\nstatus:\n  codex: { availability: { azure: retired } }\n---\n",
        ])
        #expect(try vane("build", "--as-of", "2024-12-31", in: kb.root).status == 0)
        let table = try vane("status", "--as-of", "2024-12-31", in: kb.root).stdout
        #expect(
            table == """
                RISK  ENTITY  VENDOR  AVAILABILITY                            PRIORITY  ENDS  NOTICE  SINCE        AVAILABILITY SET BY   PRIORITY SET BY  SUCCESSORS
                gone  codex   openai  retired (api: retired, azure: retired)  invested  -     -       1 July 2024  codex-azure-shutdown  codex-launch     -

                """)
        let json = try vane("status", "--as-of", "2024-12-31", "--format", "json", in: kb.root).stdout
        let row = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]).first)
        let availability = row["availability"] as! [String: Any]
        #expect(availability["event"] as? String == "codex-azure-shutdown" && iso(availability["date"]) == "2024-07-01")
        #expect(
            try kb.read("public/status.html").contains(
                "<li><a href=\"entities/codex.html\">Codex</a> · Retired since <time datetime=\"2024-07-01\">1 July 2024</time></li>"
            ))
        #expect(
            try kb.read("public/entities/codex.html").contains(
                "<dt>Available today</dt><dd>Retired, set by <a href=\"../events/codex-azure-shutdown.html\">Codex leaves Azure</a>"
            ))
        // As of June 2024 Azure still serves it.
        #expect(
            try vane("status", "--as-of", "2024-06-30", in: kb.root).stdout.contains("generally-available (api: retired, azure: generally-available)")
        )
    }

    @Test func sqlKeepsTypes() throws {
        let kb = try small()
        let json = try vane("sql", "--format", "json", "SELECT 1+1 AS n, 2.5 AS f, NULL AS z, 'a\"b' AS t, x'00ff' AS b", in: kb.root)
        #expect(json.stdout == "[\n  {\n    \"n\" : 2,\n    \"f\" : 2.5,\n    \"z\" : null,\n    \"t\" : \"a\\\"b\",\n    \"b\" : \"AP8=\"\n  }\n]\n")
        #expect(try vane("sql", "--format", "csv", "SELECT 1+1 AS n, NULL AS z, 'x' AS t", in: kb.root).stdout == "n,z,t\r\n2,,x\r\n")
        #expect(try vane("sql", "SELECT 1+1 AS n, NULL AS z, 'x' AS t", in: kb.root).stdout == "n  z  t\n2     x\n")
        // An empty statement is a usage error (exit 1 before, as a failed query).
        let empty = try vane("sql", " ", in: kb.root)
        #expect(empty.status == 64 && empty.stderr.contains("the statement is empty"), "\(empty.stderr)")
        // A statement that starts with a comment is no option (it was "Missing expected argument").
        #expect(try vane("sql", "-- why\nSELECT 1 AS n", "--format", "csv", in: kb.root).stdout == "n\r\n1\r\n")
        // A name given twice is two keys (a JSON reader kept only the last).
        let repeated = try vane("sql", "--format", "json", "SELECT 1 AS a, 2 AS a, 3 AS a_2", in: kb.root).stdout
        #expect(repeated == "[\n  {\n    \"a\" : 1,\n    \"a_3\" : 2,\n    \"a_2\" : 3\n  }\n]\n", "\(repeated)")
        let two = try vane("sql", "SELECT 1; SELECT 2", in: kb.root)
        #expect(two.status == 1)
        #expect(two.stderr == "error: vane sql runs one statement at a time; run each on its own\n")
    }

    @Test func showHasAliasesTagsAndAProductsStatus() throws {
        let kb = try small()
        expectGolden(
            try vane("show", "roadrunner", "--as-of", "2026-11-26", in: kb.root).stdout, "Tests/VaneCLITests/Golden/small-show-roadrunner.txt")
        let acme = try vane("show", "acme", in: kb.root).stdout
        #expect(acme.contains("  aliases: Acme Corp\n"))
        let claim = try vane("show", "coyote-worse-at-code", in: kb.root).stdout
        #expect(claim.contains("  verdict_date: June 2026\n"))
        #expect(claim.contains("  date: Q2 2026\n"))
        // As of a day before the verdict: pending then, as a site as of that day says.
        let before = try vane("show", "coyote-worse-at-code", "--as-of", "2026-05-31", in: kb.root).stdout
        #expect(before.contains("  verdict: pending\n") && !before.contains("verdict_date"), "\(before)")
        #expect(before.contains("  judged_later: confirmed, June 2026\n"), "\(before)")
        // …without the verdict's evidence, which it cites once judged.
        #expect(!before.contains("verdict_source"), "\(before)")
        #expect(try vane("show", "coyote-worse-at-code", "--as-of", "2026-07-01", in: kb.root).stdout.contains("  verdict_source:\n    wire-report"))
        // The source shows it only once it is reached.
        #expect(try !vane("show", "wire-report", "--as-of", "2026-05-31", in: kb.root).stdout.contains("verdicts it shows"))
        #expect(
            try vane("show", "wire-report", "--as-of", "2026-07-01", in: kb.root).stdout.contains(
                "verdicts it shows (verdict_source):\n    coyote-worse-at-code"))
        // Nor what was written after the day: the 2026 launch and claims were not there at
        // the end of 2025 (it listed them under the status of that day).
        let earlier = try vane("show", "roadrunner", "--as-of", "2025-12-31", in: kb.root).stdout
        #expect(earlier.contains("  priority: flagship (set by 2025-roadrunner-release)\n"), "\(earlier)")
        #expect(!earlier.contains("2026-coyote-launch") && !earlier.contains("coyote-better"), "\(earlier)")
        let json = try vane("show", "roadrunner", "--as-of", "2025-12-31", "--json", in: kb.root).stdout
        #expect(!json.contains("2026-coyote-launch") && json.contains("2025-roadrunner-release"), "\(json)")
        // Every field of a kind is there, null when it does not apply (a pending claim had
        // no verdict_date key, and judged_later came and went).
        for id in ["roadrunner-stays", "coyote-worse-at-code"] {
            let text = try vane("show", id, "--json", "--as-of", "2026-05-01", in: kb.root).stdout
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let fields = try #require(object["fields"] as? [String: Any])
            #expect(fields.keys.sorted() == ["after_as_of", "date", "judged_later", "type", "verdict", "verdict_date"], "\(fields)")
            // The claimant is a link, by its relation, not a field by the column's name.
            let outgoing = try #require(object["outgoing"] as? [[String: Any]])
            #expect(outgoing.contains { $0["relation"] as? String == "claimed_by" }, "\(outgoing)")
        }
        // Without --as-of, what is dated after today is shown, as the site of today shows it.
        try kb.write(
            "---\ntitle: Roadrunner support ends\ndate: 2099-01-01\ntype: other\nentities: [roadrunner]\nsources: [acme-blog]\n---\n",
            to: "Content/events/2099-roadrunner-end.md")
        #expect(try vane("build", "--as-of", "2026-11-26", in: kb.root).status == 0)
        #expect(try vane("show", "roadrunner", in: kb.root).stdout.contains("2099-roadrunner-end"))
        #expect(try !vane("show", "roadrunner", "--as-of", "2026-11-26", in: kb.root).stdout.contains("2099-roadrunner-end"))
    }

    /// A verdict dated after today is not reached yet: pending on the site of today, in the
    /// scorecards and in `vane query claims` (they counted it decided, while `--as-of` today
    /// and `vane show` said pending).
    @Test func aVerdictDatedAfterTodayIsPendingEverywhere() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\ntitle: Coyote will lead by 2099\nclaimant: daily-wire\nabout: [coyote]\ndate: 2026-05\ntype: assessment\nverdict: confirmed\nverdict_date: 2099-01\nverdict_sources: [wire-report]\nsources: [wire-report]\n---\nA bold call.\n",
            to: "Content/claims/coyote-leads.md")
        let built = try vane("build", in: kb.root)
        #expect(built.status == 0 && built.stderr.contains("coyote-leads.md:8:15: warning: the verdict of 'coyote-leads'"), "\(built.stderr)")
        #expect(try kb.read("public/claims/coyote-leads.html").contains("<span class=\"verdict verdict-pending\">pending</span>"))
        let card = try vane("scorecard", "--entity", "daily-wire", "--format", "json", in: kb.root).stdout
        let counts = try #require((try JSONSerialization.jsonObject(with: Data(card.utf8)) as? [[String: Any]])?.first?["counts"] as? [String: Int])
        #expect(counts["pending"] == 1 && counts["confirmed"] == 1, "\(card)")
        #expect(try !vane("query", "claims", "--verdict", "confirmed", "--format", "csv", in: kb.root).stdout.contains("coyote-leads"))
        #expect(try vane("query", "claims", "--verdict", "pending", "--format", "csv", in: kb.root).stdout.contains("coyote-leads,"))
    }

    @Test func claimsInJSONAndCSVCarryVerdictsAndLinks() throws {
        let kb = try small()
        let json = try vane("query", "claims", "--format", "json", in: kb.root).stdout
        let claims = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        let better = try #require(claims.first { $0["id"] as? String == "coyote-better" })
        #expect(better["supports"] as? [String] == ["roadrunner-stays"])
        #expect(better["contradicts"] as? [String] == [])
        #expect(better["verdict_sources"] as? [String] == [])
        // Every row of a kind has the same keys: a field that does not apply is null.
        for kind in ["events", "claims", "sources", "entities"] {
            let text = try vane("query", kind, "--format", "json", in: kb.root).stdout
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            #expect(rows.count > 1 && Set(rows.map { $0.keys.sorted() }).count == 1, "\(kind): \(Set(rows.map { $0.keys.sorted() }))")
        }
        let pending = try #require(claims.first { $0["verdict"] as? String == "pending" })
        #expect(pending["verdict_date"] is NSNull)
        let csv = try vane("query", "claims", "--format", "csv", in: kb.root).stdout
        #expect(
            csv.hasPrefix(
                "id,title,type,verdict,verdict_date,verdict_sources,claimant,date,date_precision,date_start,date_end,approximate,about,sources,supports,contradicts,tags\r\n"
            ))
    }

    @Test func textSearchMatchesPrefixesPhrasesAndOr() throws {
        let kb = try small()
        let prefix = try vane("query", "events", "--text", "shut", "--format", "csv", in: kb.root).stdout
        #expect(prefix.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").first! } == ["2026-anvil-shutdown"])
        let either = try vane("query", "events", "--text", "anvil OR summit", in: kb.root)
        #expect(either.stdout.split(separator: "\n").count == 3, "\(either.stdout)")
        let phrase = try vane("query", "events", "--text", "\"shuts down\"", in: kb.root)
        #expect(phrase.stdout.contains("2026-anvil-shutdown") && phrase.stdout.split(separator: "\n").count == 2)
        // The words the page shows, not a citation's id (`[@wire-report]` made "wire" find
        // every event citing it) nor a labelled link's target.
        try kb.write(
            "---\ntitle: Acme reorganises\ndate: 2024-03\ntype: reorg\nentities: [acme]\nsources: [wire-report]\n---\n"
                + "[[acme|The maker]] moves its teams [@wire-report]; see [the memo](https://example.com/memo-x).\n",
            to: "Content/events/2024-reorg.md")
        #expect(try vane("build", in: kb.root).status == 0)
        for (query, found) in [("wire", ""), ("maker", "2024-reorg"), ("memo", "2024-reorg"), ("example", "")] {
            let rows = try vane("query", "events", "--text", query, "--format", "csv", in: kb.root).stdout
            #expect(
                rows.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",").first!) } == (found.isEmpty ? [] : [found]),
                "\(query)")
        }
    }

    /// A word that begins nearly every text ("20" begins every date from 2000 on) still
    /// ranks where it is whole: `node 20` finds Node.js 20 first (it came after every
    /// shorter entry naming Node.js, "20" weighing nothing as a prefix).
    @Test func aWholeWordRanksAboveItsPrefix() throws {
        var files = [
            "Content/sources/s.md": "---\ntitle: S\npublisher: P\nurl: https://example.org/s\n---\n",
            "Content/entities/node-20.md":
                "---\nname: Node.js 20\ntype: product\n---\nThe release line of Node.js that came out on 2023-04-18, with a long-term support period running for thirty months.\n",
            "Content/entities/node-3.md": "---\nname: Node.js 3\ntype: product\n---\nOut 2016.\n",
        ]
        for i in 0..<12 {
            files["Content/events/e\(i).md"] =
                "---\ntitle: Event \(i)\ndate: 20\(10 + i)\ntype: other\nentities: [node-3]\nsources: [s]\n---\nOn 20\(10 + i)-01-0\(i % 9 + 1).\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", in: kb.root).status == 0)
        let rows = try vane("query", "entities", "--text", "node 20", "--format", "csv", in: kb.root).stdout
        #expect(rows.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",").first!) } == ["node-20", "node-3"], "\(rows)")
    }

    /// `vane show` lists an entry's `data`, as its page does, and a product's declared
    /// channels (a price recorded on a pricing event could be read only with `vane sql`).
    @Test func showListsDataAndChannels() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/g.md": "---\nname: G\ntype: vendor\ndata: { founded: 1998, hq: { city: Mountain View } }\n---\n",
            "Content/entities/w.md": "---\nname: W\ntype: product\nparent: g\nchannels: [standard, { esu: paid }]\n---\n",
            "Content/events/p.md":
                "---\ntitle: P\ndate: 2023-08-29\ntype: pricing\nentities: [w]\ndata: { usd_per_user_month: 30 }\n---\n",
        ])
        #expect(try vane("build", in: kb.root).status == 0)
        #expect(try vane("show", "p", in: kb.root).stdout.contains("\nData\n  usd_per_user_month: 30\n"))
        #expect(try vane("show", "g", in: kb.root).stdout.contains("\nData\n  founded: 1998\n  hq.city: Mountain View\n"))
        // With each channel's tier (it was left out).
        #expect(try vane("show", "w", in: kb.root).stdout.contains("  channels: standard, esu (paid)\n"))
        let json = try vane("show", "p", "--json", in: kb.root).stdout
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((shown["data"] as? [String: Any])?["usd_per_user_month"] as? Int == 30, "\(json)")
        let vendor = try #require(
            try JSONSerialization.jsonObject(with: Data(try vane("show", "g", "--json", in: kb.root).stdout.utf8)) as? [String: Any])
        #expect((vendor["fields"] as? [String: Any])?["channels"] is NSNull)
    }

    @Test func filtersThatMatchNothingAreErrors() throws {
        let kb = try small()
        let kept = try vane("query", "claims", "--type", "kept", in: kb.root)
        #expect(kept.status == 64)
        #expect(
            kept.stderr
                == "error: unknown claim type 'kept'; claim types are commitment, assessment, rumour, fact ('kept' is a verdict: use --verdict kept)\n"
        )
        let verdict = try vane("query", "claims", "--verdict", "pending", "--format", "csv", in: kb.root)
        #expect(verdict.status == 0)
        // The header and the two pending claims of the three.
        #expect(verdict.stdout.split(separator: "\r\n").count == 3)
        let typo = try vane("query", "events", "--type", "shutdwn", in: kb.root)
        #expect(typo.stderr.hasPrefix("error: unknown event type 'shutdwn' (did you mean 'shutdown'?); event types are launch, release,"))
        // A type `Site/config.yml` adds is a type before any entry has it: an empty answer,
        // in a command and in a block alike (it was unknown until an event had it).
        try kb.write("event_types: [rename]\n", to: "Site/config.yml")
        try kb.write("---\ntitle: Renames\ndate: 2026\n---\n```vane\nquery events --type rename\n```\n", to: "Content/reports/renames.md")
        let built = try vane("build", in: kb.root)
        #expect(built.status == 0, "\(built.stderr)")
        let renames = try vane("query", "events", "--type", "rename", "--format", "json", in: kb.root)
        let listed = try JSONSerialization.jsonObject(with: Data(renames.stdout.utf8)) as? [Any]
        #expect(renames.status == 0 && listed?.isEmpty == true, "\(renames.stderr)")
        let unknown = try vane("query", "events", "--type", "renam", in: kb.root)
        #expect(
            unknown.stderr.hasPrefix("error: unknown event type 'renam' (did you mean 'rename'?); event types are launch, release,"),
            "\(unknown.stderr)")
        #expect(unknown.stderr.contains(", other, rename"), "\(unknown.stderr)")
    }

    @Test func newCutsIdsAtAWordAndLeavesTheTypeToTheAuthor() throws {
        let kb = try small()
        let long = try vane("new", "event", String(repeating: "Acme deprecates ", count: 6), in: kb.root)
        #expect(long.stdout == "Content/events/acme-deprecates-acme-deprecates-acme-deprecates-acme-deprecates-acme-deprecates.md\n")
        let entity = try vane("new", "entity", "OpenAI", in: kb.root)
        #expect(
            try kb.read(entity.stdout.trimmingCharacters(in: .newlines))
                == "---\nname: \"OpenAI\"\ntype:   # vendor, org, person, product, model, model-family\n---\n")
        let check = try vane("check", in: kb.root)
        #expect(
            check.stderr.contains(
                "Content/entities/openai.md:3:1: error: 'type' is empty (expected one of: vendor, org, person, product, model, model-family)\n"))
        // Letters no accent folding reaches are spelled out (they were dropped: `stra-e`, `uvre`).
        #expect(try vane("new", "entity", "Straße Œuvre Ærø", in: kb.root).stdout == "Content/entities/strasse-oeuvre-aero.md\n")
        // Compatibility characters as what they stand for (a title pasted from a PDF: `ﬁsh` was `sh`).
        #expect(try vane("new", "entity", "Ǆemal ﬁsh Ⅻ", in: kb.root).stdout == "Content/entities/dzemal-fish-xii.md\n")
        #expect(try vane("new", "entity", "Acme™ Cloud ½", in: kb.root).stdout == "Content/entities/acme-cloud.md\n")
        // With --root, the path from where the command ran (it was the path inside the root).
        let elsewhere = try vane("new", "entity", "Far Away", "--root", kb.root.path, in: kb.root.deletingLastPathComponent())
        #expect(elsewhere.stdout == kb.root.path + "/Content/entities/far-away.md\n", "\(elsewhere.stdout)")
        let typed = try vane("new", "entity", "Mistral", "--type", "vendor", in: kb.root)
        #expect(try kb.read(typed.stdout.trimmingCharacters(in: .newlines)).contains("\ntype: vendor\n---\n"))
        #expect(
            try vane("new", "entity", "X", "--type", "vendr", in: kb.root).stderr.hasPrefix(
                "error: unknown entity type 'vendr' (did you mean 'vendor'?)"))
    }

    @Test func aStaleGraphIsNeverReadSilently() throws {
        let kb = try small()
        let fresh = try vane("query", "events", in: kb.root)
        #expect(fresh.stderr.isEmpty)
        try kb.write(try kb.read("Content/entities/acme.md") + "\nEdited.\n", to: "Content/entities/acme.md")
        try kb.write("---\nname: New\ntype: org\n---\n", to: "Content/entities/new.md")
        for command in [["query", "events"], ["status"], ["ends"], ["show", "acme"], ["sql", "SELECT 1"]] {
            let stale = try vane(command, in: kb.root)
            #expect(stale.status == 0)
            // (`ends` also says that no end is ahead: this knowledge base announces none.)
            let none = command == ["ends"] ? "no end is announced ahead (--within DAYS lists those that passed)\n" : ""
            #expect(stale.stderr == "warning: Content/ changed since the last build (2 files); run vane build\n" + none, "\(command)")
        }
        #expect(try vane("build", in: kb.root).status == 0)
        #expect(try vane("status", in: kb.root).stderr.isEmpty)
        // The settings too: a scale reordered answers otherwise (it was read in silence).
        try kb.write("priority_scale: [sunset, flagship, invested, maintained, deprioritized, discontinued]\n", to: "Site/config.yml")
        for command in [["query", "events"], ["status"]] {
            let stale = try vane(command, in: kb.root)
            #expect(stale.stderr == "warning: Site/config.yml changed since the last build; run vane build\n", "\(command)")
        }
        #expect(try vane("build", in: kb.root).status == 0)
        #expect(try vane("status", in: kb.root).stderr.isEmpty)
    }
}
