import Foundation
import GRDB
import Testing
import VaneBuild
import VaneContent
import VaneQuery
import VaneSite
import VaneTestSupport

/// Queries against the `small` fixture's real database.
struct GraphReaderTests {
    let kb: TemporaryKnowledgeBase
    let reader: GraphReader

    init() throws {
        kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root))
        #expect(outcome.succeeded)
        reader = try GraphReader(url: kb.url("vane.sqlite"))
    }

    /// Reads go by column name: a column added by a later migration changes no answer.
    @Test func readsSurviveAnAddedColumn() throws {
        let before = (try reader.events(), try reader.claims(), try reader.sources(), try reader.entities(), try reader.dossier("coyote"))
        let board = try JSONOutput.encode(reader.statusBoard(asOf: fixedDay).rows.map(\.entity))
        let queue = try DatabaseQueue(path: kb.url("vane.sqlite").path)
        try queue.write { db in
            for table in graphTables { try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN added_later TEXT DEFAULT 'x'") }
        }
        try queue.close()
        let reader = try GraphReader(url: kb.url("vane.sqlite"))
        #expect(try reader.events() == before.0)
        #expect(try reader.claims() == before.1)
        #expect(try reader.sources() == before.2)
        #expect(try reader.entities() == before.3)
        #expect(try JSONOutput.encode(reader.dossier("coyote")) == JSONOutput.encode(before.4))
        #expect(try JSONOutput.encode(reader.statusBoard(asOf: fixedDay).rows.map(\.entity)) == board)
    }

    @Test func eventsOldestFirstWithTheirPrecision() throws {
        let events = try reader.events()
        #expect(events.map(\.id) == ["2024-reorg", "2025-roadrunner-release", "2026-coyote-launch", "2026-summit", "2026-anvil-shutdown"])
        #expect(events.map(\.datePrecision) == ["year", "quarter", "day", "day", "month"])
        #expect(events[0].approximate && events[0].date == "~2024")
        #expect(events[3].spanEnd == "2026-05-22")
    }

    @Test func entityFilterIncludesDescendantsAndAliases() throws {
        #expect(try reader.events(EntryFilter(entity: "acme-labs")).map(\.id) == ["2024-reorg", "2026-coyote-launch"])
        // coyote sits under acme-labs, under acme: every event involving any of them.
        #expect(
            try reader.events(EntryFilter(entity: "Acme Corp")).map(\.id) == [
                "2024-reorg", "2025-roadrunner-release", "2026-coyote-launch", "2026-summit", "2026-anvil-shutdown",
            ])
        #expect(try reader.entities(EntryFilter(entity: "acme-labs")).map(\.id) == ["acme-labs", "coyote"])
        // 2026-Q2 starts on 1 April, before 8 April.
        #expect(try reader.claims(EntryFilter(entity: "coyote")).map(\.id) == ["coyote-worse-at-code", "coyote-better"])
        #expect(try reader.sources(EntryFilter(entity: "daily-wire")).map(\.id) == ["wire-report"])
    }

    @Test func unknownEntityIsAnErrorWithASuggestion() throws {
        #expect(throws: GraphReader.QueryError.self) { try reader.events(EntryFilter(entity: "acmee")) }
        do {
            _ = try reader.events(EntryFilter(entity: "acmee"))
        } catch {
            #expect("\(error)" == "unknown entity 'acmee' (did you mean 'acme'?)")
        }
    }

    @Test func dateFiltersUseWholePeriods() throws {
        let since = try FuzzyDate(parsing: "2025-Q2")
        let until = try FuzzyDate(parsing: "2026-04")
        #expect(try reader.events(EntryFilter(since: since, until: until)).map(\.id) == ["2025-roadrunner-release", "2026-coyote-launch"])
        #expect(try reader.events(EntryFilter(until: try FuzzyDate(parsing: "2024"))).map(\.id) == ["2024-reorg"])
    }

    @Test func typeTagAndTextFilters() throws {
        #expect(try reader.events(EntryFilter(type: "launch")).map(\.id) == ["2026-coyote-launch"])
        #expect(try reader.entities(EntryFilter(tag: "cloud")).map(\.id) == ["acme"])
        #expect(try reader.events(EntryFilter(text: "weights")).map(\.id) == ["2025-roadrunner-release"])
        #expect(try reader.claims(EntryFilter(type: "commitment")).map(\.id) == ["roadrunner-stays"])
    }

    @Test func listsKeepTheOrderWritten() throws {
        let launch = try #require(try reader.events().first { $0.id == "2026-coyote-launch" })
        #expect(launch.entities == ["acme-labs", "coyote", "roadrunner"])
        #expect(launch.sources == ["wire-report", "acme-blog"])
    }

    @Test func sqlIsReadOnly() throws {
        let before = try Data(contentsOf: kb.url("vane.sqlite"))
        #expect(try reader.sql("SELECT id FROM events ORDER BY id LIMIT 1").rows == [[.text("2024-reorg")]])
        do {
            _ = try reader.sql("DELETE FROM events")
            Issue.record("a write went through")
        } catch {
            #expect("\(error)".hasPrefix("the database is read-only: vane sql runs queries, not changes"))
        }
        #expect(try Data(contentsOf: kb.url("vane.sqlite")) == before)
    }

    @Test func dossierListsLinksBothWays() throws {
        let dossier = try #require(try reader.dossier("Acme Corp"))
        #expect(dossier.id == "acme")
        #expect(dossier.incoming.contains(Dossier.Link(relation: "parent", id: "acme-labs", kind: "entity", title: "Acme Labs")))
        #expect(
            dossier.incoming.contains(
                Dossier.Link(relation: "claimed_by", id: "roadrunner-stays", kind: "claim", title: "Roadrunner models will remain downloadable")))
        #expect(try reader.dossier("nothing") == nil)
    }

    /// `vane show`: a product's channels are a list in the JSON and their tiers an object,
    /// as the database has them (the JSON had the text's `api, esu`, tiers lost); every value
    /// from content is one line in the text (a line break in `data` started a line of its own).
    @Test func dossierChannelsAreListsAndItsValuesOneLine() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n",
            "Content/entities/p.md":
                "---\nname: P\ntype: product\nparent: v\nchannels: [api, { esu: paid }]\ndata: { note: \"one\\ntwo\\u2028three\" }\n---\n",
            "Content/entities/q.md": "---\nname: Q\ntype: product\nparent: v\nchannels: [api, app]\n---\n",
        ])
        #expect(Pipeline.build(Pipeline.Options(root: kb.root)).succeeded)
        let dossier = try #require(try GraphReader(url: kb.url("vane.sqlite")).dossier("p"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(dossier).utf8)) as? [String: Any])
        let fields = try #require(json["fields"] as? [String: Any])
        #expect(fields["channels"] as? [String] == ["api", "esu"], "\(fields)")
        #expect(fields["channel_tiers"] as? [String: String] == ["esu": "paid"], "\(fields)")
        let text = dossier.text()
        #expect(text.contains("\n  channels: api, esu (paid)\n"), "\(text)")
        #expect(text.contains("\n  note: one\\ntwo\\u{2028}three\n"), "\(text)")
        let vendor = try #require(try GraphReader(url: kb.url("vane.sqlite")).dossier("v"))
        let vendorFields =
            try #require(
                try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(vendor).utf8)) as? [String: Any])["fields"] as? [String: Any]
        #expect(vendorFields?["channels"] is NSNull && vendorFields?["channel_tiers"] is NSNull, "\(String(describing: vendorFields))")
        // Channels with no tier: an empty object, as the database and the status row have it (it was null).
        let plain = try #require(try GraphReader(url: kb.url("vane.sqlite")).dossier("q"))
        let plainFields =
            try #require(
                try JSONSerialization.jsonObject(with: Data(JSONOutput.encode(plain).utf8)) as? [String: Any])["fields"] as? [String: Any]
        #expect(plainFields?["channel_tiers"] as? [String: String] == [:], "\(String(describing: plainFields))")
    }

    @Test func tablesAlignAndCSVQuotes() {
        let table = TextTable(headers: ["A", "LONGER"], rows: [["wide value", "x"], ["b", "with, comma \"q\""]])
        #expect(table.aligned() == "A           LONGER\nwide value  x\nb           with, comma \"q\"\n")
        #expect(table.csv() == "A,LONGER\r\nwide value,x\r\nb,\"with, comma \"\"q\"\"\"\r\n")
        // A body's line breaks keep one row to a line (`vane sql` printed them raw).
        let body = TextTable(headers: ["ID", "BODY"], rows: [["a", "one\ntwo\r\n\tthree"], ["bb", "x"]])
        #expect(body.aligned() == "ID  BODY\na   one\\ntwo\\r\\n\\tthree\nbb  x\n")
        // A commit's subject or a title with terminal escapes reads as text, in CSV too
        // (the table cleared the screen and set the window's title).
        let escapes = TextTable(headers: ["SUBJECT"], rows: [["evil \u{1B}[2J\u{1B}]0;title\u{07} done\u{202E}"], ["two\nlines\u{1B}"]])
        #expect(escapes.aligned() == "SUBJECT\nevil \\u{1B}[2J\\u{1B}]0;title\\u{7} done\\u{202E}\ntwo\\nlines\\u{1B}\n")
        // Invisible characters that are text stay: an emoji's joiner, a soft hyphen, a Persian non-joiner.
        let text = TextTable(headers: ["T"], rows: [["👩\u{200D}💻 co\u{00AD}op \u{0645}\u{200C}\u{06CC}"]])
        #expect(text.aligned() == "T\n👩\u{200D}💻 co\u{00AD}op \u{0645}\u{200C}\u{06CC}\n" && text.csv().unicodeScalars.contains("\u{200D}"))
        #expect(escapes.csv() == "SUBJECT\r\nevil \\u{1B}[2J\\u{1B}]0;title\\u{7} done\\u{202E}\r\n\"two\nlines\\u{1B}\"\r\n")
        // A Unicode line separator starts a line in a terminal too: escaped in the table.
        #expect(TextTable(headers: ["T"], rows: [["a\u{2028}b\u{2029}c"]]).aligned() == "T\na\\u{2028}b\\u{2029}c\n")
    }
}
