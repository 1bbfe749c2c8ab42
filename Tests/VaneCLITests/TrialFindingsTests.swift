import Foundation
import Testing
import VaneTestSupport

/// What trials on new knowledge bases found (Google Cloud's deprecations, boundary days,
/// hostile input), each checked by its exact output.
struct TrialFindingsTests {
    private static let vendor = [
        "Content/entities/v.md": "---\nname: V\ntype: vendor\n---\n",
        "Content/sources/s.md": "---\ntitle: Notes\npublisher: V\nurl: https://example.org/notes\n---\n",
    ]

    private func event(_ id: String, _ date: String, _ status: String) -> (String, String) {
        ("Content/events/\(id).md", "---\ntitle: \(id)\ndate: \(date)\ntype: other\nentities: [v]\nsources: [s]\nstatus: \(status)\n---\n")
    }

    /// The vendor, one product of it (`front` is the rest of its front matter), and events
    /// (id, date, status), built as of `asOf`.
    private func built(
        _ product: String, _ front: String = "", events: [(String, String, String)], asOf: String, also: [String] = []
    ) throws -> TemporaryKnowledgeBase {
        var entities: [String: String] = [:]
        for id in [product] + also { entities[id] = "---\nname: \(id.capitalized)\ntype: product\nparent: v\n\(id == product ? front : "")---\n" }
        return try built(entities: entities, events: events, asOf: asOf)
    }

    /// The vendor's files, entities (id: text), and events (id, date, status).
    private func files(entities: [String: String] = [:], events: [(String, String, String)] = []) -> [String: String] {
        var files = Self.vendor
        for (id, text) in entities { files["Content/entities/\(id).md"] = text }
        for (id, date, status) in events {
            let (path, text) = event(id, date, status)
            files[path] = text
        }
        return files
    }

    /// The vendor, entities (id: text), and events (id, date, status), built as of `asOf`.
    private func built(entities: [String: String], events: [(String, String, String)], asOf: String) throws -> TemporaryKnowledgeBase {
        let kb = try TemporaryKnowledgeBase(files(entities: entities, events: events))
        #expect(try vane("build", "--as-of", asOf, in: kb.root).status == 0)
        return kb
    }

    /// An end a recorded retirement met, early or late: its days count from the retirement
    /// wherever they are said (`vane ends` gave `days_left` 5 beside "ended 5 days ago", as
    /// the graph's JSON did; the exposure table "about -2" beside "ended 2 days ago"), and
    /// `vane status` CSV leaves a missing value empty (it wrote `-`).
    @Test func anEndMetByARetirementCountsItsDaysFromIt() throws {
        var files = files(
            entities: ["early": "---\nname: Early\ntype: product\nparent: v\n---\n", "late": "---\nname: Late\ntype: product\nparent: v\n---\n"],
            events: [
                (
                    "a", "2020-01-01",
                    "{ early: { availability: generally-available, priority: invested }, late: { availability: generally-available } }"
                ),
                ("b", "2025-09-01", "{ early: { ends: 2026-09-30 }, late: { ends: 2026-09 } }"),
                ("c", "2026-09-20", "{ early: { availability: retired } }"),
                ("d", "2026-10-03", "{ late: { availability: retired } }"),
            ])
        files["Content/uses/u.md"] = "---\nproduct: late\nteam: web\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", in: kb.root).status == 0)
        let ends = try vane("ends", "--as-of", "2026-10-05", "--within", "180", "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(ends.utf8)) as? [[String: Any]])
        let days = Dictionary(uniqueKeysWithValues: rows.map { ($0["entity"] as! String, $0["days_left"] as! Int) })
        #expect(days == ["early": -15, "late": -2], "\(ends)")
        let countdowns = rows.map { $0["countdown"] as! String }
        #expect(countdowns.sorted() == ["ended 15 days ago, 10 days early", "ended 2 days ago, about 3 days late"], "\(countdowns)")
        let exposure = try vane("exposure", "--as-of", "2026-10-05", in: kb.root).stdout
        #expect(exposure.contains(" -2 ") && !exposure.contains("about -2"), "\(exposure)")
        let csv = try vane("status", "--as-of", "2026-10-05", "--format", "csv", in: kb.root).stdout
        let late = try #require(csv.split(whereSeparator: \.isNewline).first { $0.contains(",late,") })
        #expect(late.hasPrefix("gone,late,v,retired,,"), "\(late)")
        #expect(!csv.contains(",-,"), "\(csv)")
    }

    /// Container Registry: its whole end restated for one channel and moved later for the
    /// other. The restated channel read 214 days of notice (from the restatement), the moved
    /// one 365 (no extension), and the event page showed no end it moved.
    @Test func aChannelsEndAfterTheWholeProductsKeepsItsNotice() throws {
        let kb = try built(
            "pb", "channels: [x, y]\n",
            events: [
                ("e1", "2020-01-01", "{ pb: { availability: generally-available, priority: invested } }"),
                ("e2", "2023-01-01", "{ pb: { ends: 2025-01-01 } }"),
                ("e3", "2024-06-01", "{ pb: { ends: { x: 2025-01-01, y: 2025-06-01 } } }"),
            ], asOf: "2024-07-01")
        let ends = try vane("ends", "--as-of", "2024-07-01", in: kb.root).stdout
        #expect(
            ends == """
                ENDS            COUNTDOWN      ENTITY  CHANNEL  NOTICE                                                               SUCCESSORS  ANNOUNCED BY  SOURCES
                1 January 2025  184 days left  pb      x        731 days                                                             -           e2            s
                1 June 2025     335 days left  pb      y        882 days (from the first announcement; 365 days from the extension)  -           e3            s

                """, "\(ends)")
        let page = try kb.read("public/events/e3.html")
        #expect(page.contains("<td data-label=\"Value\">1 January 2025 (restated)</td>"))
        #expect(page.contains("<td data-label=\"Value\">1 January 2025 → 1 June 2025</td>"))
    }

    /// A channel back after its announced end came moves from retired, as `vane changes`
    /// says: the event page read "Deprecated (restated)" (the last value an event wrote).
    @Test func aChannelBackAfterItsEndCameMovesFromRetiredOnItsPage() throws {
        let kb = try built(
            "pf", "channels: [free, paid]\n",
            events: [
                ("e1", "2020-01-01", "{ pf: { availability: generally-available, priority: invested } }"),
                ("e2", "2023-02-02", "{ pf: { availability: { free: deprecated }, ends: { free: 2023-02-13 } } }"),
                ("e3", "2023-03-29", "{ pf: { availability: { free: deprecated, paid: generally-available } } }"),
            ], asOf: "2023-06-01")
        let changes = try vane("changes", "--from", "2023-03-29", "--to", "2023-03-29", in: kb.root).stdout
        #expect(changes.contains("pf (free): availability retired → deprecated"), "\(changes)")
        let page = try kb.read("public/events/e3.html")
        #expect(page.contains("<td data-label=\"Channel\">free</td><td data-label=\"Value\">Retired → Deprecated</td>"), "\(page)")
        // Restated, as it was since the launch.
        #expect(page.contains("<td data-label=\"Channel\">paid</td><td data-label=\"Value\">Generally available (restated)</td>"))
        #expect(try kb.read("public/events/e2.html").contains("<td data-label=\"Value\">Generally available → Deprecated</td>"))
        // The product's history says so too (it read a new "since" row, unmarked); the
        // channel back after its end is a move.
        let product = try kb.read("public/entities/pf.html")
        #expect(
            product.contains(
                "<td data-label=\"Channel\">paid</td><td data-label=\"Value\">Generally available (restated)</td><td data-label=\"Set by\"><a href=\"../events/e3.html\">"
            ), "\(product)")
        #expect(
            product.contains(
                "<td data-label=\"Channel\">free</td><td data-label=\"Value\">Deprecated</td><td data-label=\"Set by\"><a href=\"../events/e3.html\">"
            ))
    }

    /// A whole-product value after per-channel ones that moves a channel (CodeCommit reopened
    /// to new customers) says the move on the event's page and is no restatement in the
    /// product's history (both read "Generally available (restated)").
    @Test func aReopeningByAWholeProductValueIsAMoveOnItsPages() throws {
        let kb = try built(
            "pr", "channels: [new-customers, existing-customers]\n",
            events: [
                ("e1", "2015-07-09", "{ pr: { availability: generally-available, priority: invested } }"),
                ("e2", "2024-07-25", "{ pr: { availability: { new-customers: retired, existing-customers: generally-available } } }"),
                ("e3", "2025-11-24", "{ pr: { availability: generally-available } }"),
            ], asOf: "2026-01-01")
        let page = try kb.read("public/events/e3.html")
        #expect(
            page.contains("<td data-label=\"Channel\">all</td><td data-label=\"Value\">new-customers: Retired → Generally available</td>"),
            "\(page)")
        let product = try kb.read("public/entities/pr.html")
        #expect(
            product.contains(
                "<td data-label=\"Channel\">all</td><td data-label=\"Value\">Generally available</td><td data-label=\"Set by\"><a href=\"../events/e3.html\">"
            ), "\(product)")
    }

    /// A declared channel not offered yet holds nothing for a whole-product end to end: the
    /// end is the one channel's it still ends, and a use of the paid channel is not told it
    /// (Windows 10's EEA offer, declared before it came, made the standard channel's end the
    /// product's, and the ESU use's, until the offer's first value).
    @Test func aChannelNotOfferedYetIsNotEndedByTheProductsEnd() throws {
        var files = files(
            entities: ["po": "---\nname: Po\ntype: product\nparent: v\nchannels: [standard, { esu: paid }, later]\n---\n"],
            events: [
                ("e1", "2020-01-01", "{ po: { availability: { standard: generally-available }, priority: maintained, ends: 2025-10-14 } }"),
                ("e2", "2023-12-05", "{ po: { availability: { esu: generally-available }, ends: { esu: 2028-10-10 } } }"),
            ])
        files["Content/uses/fleet.md"] = "---\nproduct: po\nchannel: esu\nteam: it\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", in: kb.root).status == 0)
        let ends = try vane("ends", "--as-of", "2024-07-24", "--format", "csv", in: kb.root).stdout
        #expect(ends.contains("\npo,standard,,2025-10-14,") && ends.contains("\npo,esu,paid,2028-10-10,"), "\(ends)")
        let exposure = try vane("exposure", "--as-of", "2024-07-24", "--format", "json", in: kb.root).stdout
        #expect(exposure.contains("\"days_left\" : 1539"), "\(exposure)")
    }

    /// A whole-product end announced once one channel's end came, on the day the paid
    /// channel had for its own: the paid channel is not retired from the first end's day
    /// (the product read gone since then, and the new end counted nowhere); the new end is
    /// the product's, with the paid end's notice.
    @Test func aWholeProductEndAfterAChannelsEndRetiresNothingBackwards() throws {
        let kb = try built(
            "px", "channels: [standard, { esu: paid }]\n",
            events: [
                ("e1", "2018-10-22", "{ px: { availability: { standard: generally-available }, priority: maintained, ends: 2025-10-14 } }"),
                ("e2", "2025-05-15", "{ px: { availability: { esu: generally-available }, ends: { esu: 2026-04-14 } } }"),
                ("e3", "2025-11-01", "{ px: { ends: 2026-04-14 } }"),
            ], asOf: "2025-12-01")
        let status = try vane("status", "--as-of", "2025-12-01", "--format", "csv", in: kb.root).stdout
        #expect(status.contains("esu (paid): generally-available, standard: retired"), "\(status)")
        let ends = try vane("ends", "--as-of", "2025-12-01", "--within", "200", "--format", "csv", in: kb.root).stdout
        #expect(ends.contains("\npx,standard,,2025-10-14,") && ends.contains("\npx,,,2026-04-14,day,134,334,"), "\(ends)")
        let after = try vane("status", "--as-of", "2026-05-01", "--format", "csv", in: kb.root).stdout
        #expect(after.contains("esu (paid): retired, standard: retired"), "\(after)")
        // Nor does calling the ends off, for the product or the paid channel: the paid
        // channel stays offered, with no end.
        for cancel in ["{ px: { ends: none } }", "{ px: { ends: { esu: none } } }"] {
            let called = try built(
                "px", "channels: [standard, { esu: paid }]\n",
                events: [
                    ("e1", "2018-10-22", "{ px: { availability: { standard: generally-available }, priority: maintained, ends: 2025-10-14 } }"),
                    ("e2", "2025-05-15", "{ px: { availability: { esu: generally-available }, ends: { esu: 2026-04-14 } } }"),
                    ("e3", "2025-11-01", cancel),
                ], asOf: "2026-05-01")
            let status = try vane("status", "--as-of", "2026-05-01", "--format", "csv", in: called.root).stdout
            #expect(status.contains("esu (paid): generally-available, standard: retired"), "\(cancel): \(status)")
            // It called the paid end off: no warning that it cancels nothing, and its page says
            // so (both said the standard channel's end "came first").
            let check = try vane("check", in: called.root)
            #expect(check.status == 0 && !check.stderr.contains("cancels nothing"), "\(cancel): \(check.stderr)")
            let page = try called.read("public/events/e3.html")
            #expect(page.contains("cancelled</td>") && !page.contains("nothing to cancel"), "\(cancel)")
        }
        // Moved later for the whole product, it is the paid end moved: its notice kept, and the
        // event's page says the end it moved (it read 425 days, and "14 October 2025 → …",
        // the standard channel's end, long come).
        let moved = try built(
            "pm", "channels: [standard, { esu: paid }]\n",
            events: [
                ("e1", "2018-10-22", "{ pm: { availability: { standard: generally-available }, priority: maintained, ends: 2025-10-14 } }"),
                ("e2", "2025-05-15", "{ pm: { availability: { esu: generally-available }, ends: { esu: 2026-04-14 } } }"),
                ("e3", "2025-11-01", "{ pm: { ends: 2026-12-31 } }"),
            ], asOf: "2025-12-01")
        let movedEnds = try vane("ends", "--as-of", "2025-12-01", "--format", "csv", in: moved.root).stdout
        #expect(movedEnds.contains("\npm,,,2026-12-31,day,395,595,"), "\(movedEnds)")
        #expect(try moved.read("public/events/e3.html").contains("<td data-label=\"Value\">14 April 2026 → 31 December 2026</td>"))
        // A channel declared and offered only after the product's end came never read retired.
        let late = try built(
            "pl", "channels: [standard, { esu: paid }]\n",
            events: [
                ("e1", "2018-10-22", "{ pl: { availability: { standard: generally-available }, priority: maintained, ends: 2025-10-14 } }"),
                ("e2", "2025-11-01", "{ pl: { availability: { esu: generally-available }, ends: { esu: 2026-04-14 } } }"),
            ], asOf: "2025-10-20")
        let before = try vane("status", "--as-of", "2025-10-20", "--format", "csv", in: late.root).stdout
        #expect(before.contains("retired (standard: retired)") && !before.contains("esu"), "\(before)")
    }

    /// Once a later whole-product end came, a channel that had gone before it stays gone
    /// since its own end: a use of it keeps that end (it was told the later one, 5 days
    /// past, where it stood 448 days past its own), and the board dates the channel so.
    @Test func aChannelGoneBeforeALaterWholeEndKeepsItsOwnEnd() throws {
        var files = files(
            entities: ["pg": "---\nname: Pg\ntype: product\nparent: v\nchannels: [standard, { esu: paid }]\n---\n"],
            events: [
                ("e1", "2018-10-22", "{ pg: { availability: { standard: generally-available }, priority: maintained, ends: 2025-10-14 } }"),
                ("e2", "2025-05-15", "{ pg: { availability: { esu: generally-available }, ends: { esu: 2026-04-14 } } }"),
                ("e3", "2025-11-01", "{ pg: { ends: 2026-12-31 } }"),
            ])
        files["Content/uses/on-standard.md"] = "---\nproduct: pg\nchannel: standard\nteam: it\n---\n"
        files["Content/uses/on-esu.md"] = "---\nproduct: pg\nchannel: esu\nteam: it\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", in: kb.root).status == 0)
        let exposure = try vane("exposure", "--as-of", "2027-01-05", "--format", "csv", in: kb.root).stdout
        let rows = exposure.split(separator: "\r\n").map(String.init)
        let standard = try #require(rows.first { $0.hasPrefix("on-standard,") || $0.contains(",on-standard,") }, "\(exposure)")
        let esu = try #require(rows.first { $0.hasPrefix("on-esu,") || $0.contains(",on-esu,") }, "\(exposure)")
        #expect(standard.contains("2025-10-14") && standard.contains(",-448,"), "\(standard)")
        #expect(esu.contains("2026-12-31") && esu.contains(",-5,"), "\(esu)")
        let status = try vane("status", "--as-of", "2027-01-05", "--format", "json", in: kb.root).stdout
        let board = try #require(JSONSerialization.jsonObject(with: Data(status.utf8)) as? [[String: Any]])
        let channels = try #require((board.first?["availability"] as? [String: Any])?["channels"] as? [String: [String: Any]])
        #expect((channels["standard"]?["date"] as? [String: Any])?["iso"] as? String == "2025-10-14", "\(status)")
        #expect((channels["esu"]?["date"] as? [String: Any])?["iso"] as? String == "2026-12-31", "\(status)")
    }

    /// goo.gl: every link to end, then the active ones spared by name, `ends: { active: none }`
    /// with their return: the end is called off for them (it was read as a new offer's end,
    /// and lifted nothing: the spared links read gone, and a use of them stranded).
    @Test func aChannelSparedFromTheWholeProductsEndOutlivesIt() throws {
        let kb = try built(
            "pl", "channels: [active, inactive]\n",
            events: [
                ("e1", "2020-01-01", "{ pl: { availability: generally-available, priority: invested } }"),
                ("e2", "2024-07-18", "{ pl: { availability: deprecated, ends: 2025-08-25 } }"),
                ("e3", "2025-08-01", "{ pl: { availability: { active: generally-available }, ends: { active: none } } }"),
            ], asOf: "2026-12-06")
        let changes = try vane("changes", "--from", "2025-08", "--to", "2025-08", "--format", "csv", in: kb.root).stdout
        #expect(changes.contains(",ends,e3,pl (active): end cancelled (it was announced for 25 August 2025),"), "\(changes)")
        let status = try vane("status", "--as-of", "2026-12-06", "--format", "csv", in: kb.root).stdout
        #expect(status.contains("generally-available (active: generally-available, inactive: retired)"), "\(status)")
    }

    /// A product retired with no end announced strands its users on the day it went, with no
    /// notice: the use reads that day, ranks by it, and its plan is late from it (it read gone
    /// with no date, below what went later, its plan never late).
    @Test func aRetirementWithNoEndStrandsOnItsDay() throws {
        var files = files(
            entities: [
                "old-reg": "---\nname: Old Registrar\ntype: product\nparent: v\n---\n",
                "other": "---\nname: Other\ntype: product\nparent: v\n---\n",
            ],
            events: [
                (
                    "e1", "2015-01-01",
                    "{ old-reg: { availability: generally-available, priority: invested }, other: { availability: generally-available, priority: invested } }"
                ),
                ("e3", "2024-06", "{ old-reg: { availability: retired, priority: discontinued } }"),
                ("e4", "2025-01-10", "{ other: { ends: 2025-06-30 } }"),
            ])
        files["Content/uses/web-domains.md"] =
            "---\nproduct: old-reg\nteam: web\ncriticality: critical\nsince: 2019-03\nplan: Transfer\nplan_date: 2024-09\n---\n"
        files["Content/uses/web-other.md"] = "---\nproduct: other\nteam: web\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-12-06", in: kb.root).status == 0)
        let csv = try vane("exposure", "--as-of", "2026-12-06", "--format", "csv", in: kb.root).stdout
        let rows = csv.split(separator: "\r\n").dropFirst().map(String.init)
        #expect(rows.first?.hasPrefix("1,web-domains,old-reg,web,critical,gone,,,2024-06,-918,0,") == true, "\(csv)")
        let json = try vane("exposure", "--as-of", "2026-12-06", "--format", "json", in: kb.root).stdout
        #expect(json.contains("\"plan_late_days\" : 121") && !json.contains("as announced"), "\(json)")
    }

    /// CentOS Linux 8: an end brought forward says what it cut, and a restatement that it
    /// moved nothing (both read "end announced for", as a first announcement does).
    @Test func aCutOffAndARestatementSayWhatTheyDid() throws {
        let kb = try built(
            "pc", "",
            events: [
                ("e1", "2019-09-24", "{ pc: { availability: generally-available, priority: invested, ends: 2029-05-31 } }"),
                ("e2", "2020-12-08", "{ pc: { ends: 2021-12-31 } }"), ("e3", "2021-06-01", "{ pc: { ends: 2021-12-31 } }"),
            ], asOf: "2022-01-31")
        let changes = try vane("changes", "--from", "2020", "--to", "2021", in: kb.root).stdout
        #expect(changes.contains("pc: end brought forward from 31 May 2029 to 31 December 2021 (388 days of notice)"), "\(changes)")
        #expect(changes.contains("pc: end restated for 31 December 2021 (388 days of notice)"), "\(changes)")
        // The "what changed" page says the same (its four quarters as of each day).
        #expect(try kb.read("public/changes.html").contains("end restated for 31 December 2021 (388 days of notice)"))
        #expect(try vane("build", "--as-of", "2021-03-31", in: kb.root).status == 0)
        #expect(try kb.read("public/changes.html").contains("end brought forward from 31 May 2029 to 31 December 2021 (388 days of notice)"))
    }

    /// A use of a product folded into another is not stranded: its users were carried over,
    /// and `vane check` says to record the use as one of the other (it said "stranded").
    @Test func aUseOfAFoldedProductIsCarriedOver() throws {
        var files = files(
            entities: [
                "old-reg": "---\nname: Old Registrar\ntype: product\nparent: v\nfolded_into: [new-reg]\n---\n",
                "new-reg": "---\nname: New Registrar\ntype: product\nparent: v\n---\n",
            ],
            events: [
                (
                    "e1", "2015-01-01",
                    "{ old-reg: { availability: generally-available, priority: invested }, new-reg: { availability: generally-available, priority: invested } }"
                ),
                ("e2", "2024-06-01", "{ old-reg: { availability: retired, priority: discontinued } }"),
            ])
        files["Content/uses/web-domains.md"] = "---\nproduct: old-reg\nteam: web\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        let check = try vane("check", in: kb.root).stderr
        #expect(
            check.contains(
                "Content/uses/web-domains.md:2:10: warning: 'old-reg' is already gone (retired since 1 June 2024), folded into 'new-reg', which carried its users over: record this use as one of it"
            ), "\(check)")
    }

    /// A use of a channel that is an entity is titled by the entity's name (`· azure-arc`
    /// stood beside `Azure Arc (paid)` in its row), and `vane show` lists its channel (it
    /// was in no field, text or JSON).
    @Test func aUsesEntityChannelIsNamedAndShown() throws {
        var files = files(
            entities: [
                "pw": "---\nname: Pw 2012\ntype: product\nparent: v\nchannels: [standard, { arc: paid }]\n---\n",
                "arc": "---\nname: Arc Cloud\ntype: product\nparent: v\n---\n",
            ],
            events: [("e1", "2020-01-01", "{ pw: { availability: generally-available, priority: maintained } }")])
        files["Content/uses/ops-pw.md"] = "---\nproduct: pw\nteam: ops\nchannel: arc\n---\n"
        files["Content/uses/ops-all.md"] = "---\nproduct: pw\nteam: ops\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-12-06", in: kb.root).status == 0)
        #expect(try kb.read("public/uses/ops-pw.html").contains("<h1>Pw 2012 · Arc Cloud (ops)</h1>"))
        let json = try vane("exposure", "--as-of", "2026-12-06", "--format", "json", in: kb.root).stdout
        #expect(json.contains("\"title\" : \"Pw 2012 · Arc Cloud (ops)\""), "\(json)")
        let shown = try vane("show", "ops-pw", "--as-of", "2026-12-06", in: kb.root).stdout
        #expect(shown.hasPrefix("Pw 2012 · Arc Cloud (ops) (ops-pw)\n") && shown.contains("\n  channel: arc (paid)\n"), "\(shown)")
        let fields = try vane("show", "ops-all", "--json", in: kb.root).stdout
        let object = try #require(try JSONSerialization.jsonObject(with: Data(fields.utf8)) as? [String: Any])
        let all = try #require(object["fields"] as? [String: Any])
        #expect(all["channel"] is NSNull, "\(all)")
    }

    /// A channel written as the views print it, with its tier (`esu (paid)`), is told the id
    /// meant and where its tier is declared (it was told only that it must be an id).
    @Test func aChannelWrittenWithItsTierIsToldTheID() throws {
        let kb = try TemporaryKnowledgeBase(
            files(
                entities: ["px": "---\nname: Px\ntype: product\nparent: v\nchannels: [standard, { esu: paid }]\n---\n"],
                events: [("e1", "2020-01-01", "{ px: { availability: { esu (paid): generally-available } } }")]))
        let check = try vane("check", in: kb.root)
        #expect(
            check.stderr.contains(
                "error: channel 'esu (paid)' must be an id (lowercase a-z, 0-9, '-') (did you mean 'esu'? a tier is declared with the product's channels, channels: [{ esu: paid }], not written with the channel)"
            ), "\(check.stderr)")
    }

    /// An end announced for a channel not offered yet (EKS's paid extended support, both ends
    /// announced at release) counts down nowhere while the channel is not offered: it was
    /// counted down, 106 days left, on a product every other view called gone; `vane check`
    /// says to record the opening, and once recorded the end counts down with its notice.
    @Test func anEndOfAChannelNotOfferedCountsDownNowhere() throws {
        let front = "channels: [standard, { extended: paid }]\n"
        let release = (
            "e1", "2025-01-23",
            "{ pk: { availability: { standard: generally-available }, priority: invested, ends: { standard: 2026-03-23, extended: 2027-03-23 } } }"
        )
        var files = files(entities: ["pk": "---\nname: Pk\ntype: product\nparent: v\n\(front)---\n"], events: [release])
        files["Content/uses/ops-pk.md"] = "---\nproduct: pk\nchannel: extended\nteam: ops\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-12-07", in: kb.root).status == 0)
        // A use of that channel stands as the product does: gone by the standard end, with its
        // notice (it read the product's retirement with 0 days).
        let exposure = try vane("exposure", "--as-of", "2026-12-07", "--format", "csv", in: kb.root).stdout
        #expect(exposure.contains(",gone,,,2026-03-23,") && exposure.contains(",-259,424,"), "\(exposure)")
        let ends = try vane("ends", "--as-of", "2026-12-07", "--format", "csv", in: kb.root).stdout
        #expect(ends.split(separator: "\r\n").count == 1, "\(ends)")
        let shown = try vane("show", "pk", "--as-of", "2026-12-07", in: kb.root).stdout
        #expect(shown.contains("  risk: gone\n") && !shown.contains("left"), "\(shown)")
        let check = try vane("check", in: kb.root).stderr
        #expect(
            check.contains(
                "e1.md:7:126: warning: 'pk' (extended) is never made available, so its end counts down nowhere: record when it opens (availability: { extended: generally-available }), or that it is announced (availability: { extended: announced })"
            ), "\(check)")
        // The opening recorded: available through the paid channel, its end counted down
        // with the notice given at release.
        let opened = try built(
            "pk", front, events: [release, ("e2", "2026-03-23", "{ pk: { availability: { extended: generally-available } } }")], asOf: "2026-12-07")
        let counted = try vane("ends", "--as-of", "2026-12-07", in: opened.root).stdout
        #expect(counted.contains("23 March 2027  106 days left  pk      extended (paid)  789 days"), "\(counted)")
        #expect(!(try vane("check", in: opened.root).stderr.contains("never made available")))
    }

    /// One event's status that names an entity, or a channel, twice in two cases is an error
    /// at the repeat, as a key written twice is (the last won in silence, and Llama read gone).
    @Test func anIDWrittenTwiceInAnotherCaseIsAnError() throws {
        let kb = try TemporaryKnowledgeBase(
            files(
                entities: ["px": "---\nname: Px\ntype: product\nparent: v\nchannels: [app, api]\n---\n"],
                events: [("e1", "2020-01-01", "{ px: { availability: { app: generally-available, APP: retired } }, PX: { priority: flagship } }")]))
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "e1.md:7:59: error: 'APP' is written already on line 7 (an id is read in any case, so this sets it twice): write it once"),
            "\(check.stderr)")
        #expect(check.stderr.contains("error: 'PX' is written already on line 7"), "\(check.stderr)")
    }

    /// One event's status that names an entity by its id and again by a former id or an
    /// alias sets it twice: the later line won in silence (Gemini, renamed from Bard, read
    /// gone from its launch). An error at the repeat, either way round.
    @Test func anEntityNamedAgainByAFormerIDOrAnAliasIsAnError() throws {
        let gemini = "---\nname: Gemini\ntype: product\nparent: v\naliases: [Gem]\nformer_ids: [bard]\n---\n"
        let kb = try TemporaryKnowledgeBase(
            files(
                entities: ["gemini": gemini],
                events: [
                    ("e1", "2024-02-08", "{ gemini: { availability: generally-available }, bard: { availability: retired } }"),
                    ("e2", "2024-03-01", "{ Gem: { priority: flagship }, gemini: { priority: sunset } }"),
                ]))
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1, "\(check.stderr)")
        #expect(
            check.stderr.contains(
                "e1.md:7:58: error: 'bard' names 'gemini', written already on line 7 as 'gemini' ('bard' is a former id of it): this sets it twice; write it once"
            ), "\(check.stderr)")
        #expect(
            check.stderr.contains("error: 'gemini' names 'gemini', written already on line 7 as 'Gem' ('gem' is an alias of it)"), "\(check.stderr)")
        // A channel that is an entity, named by its id and by its alias in one value.
        let channel = try TemporaryKnowledgeBase(
            files(
                entities: [
                    "azure-openai": "---\nname: Azure OpenAI\ntype: product\nparent: v\naliases: [AOAI]\n---\n",
                    "gpt": "---\nname: GPT\ntype: model\nparent: v\nchannels: [api, azure-openai]\n---\n",
                ],
                events: [("e3", "2024-03-01", "{ gpt: { availability: { azure-openai: generally-available, AOAI: retired } } }")]))
        let twice = try vane("check", in: channel.root).stderr
        #expect(
            twice.contains(
                "e3.md:7:69: error: 'aoai' names the channel 'azure-openai', written already on line 7 as 'azure-openai': this sets it twice; write it once"
            ),
            "\(twice)")
    }

    /// A quarter's end comes on its first day, which the vendor never named: that day's
    /// countdown is about, as the days before and after are ("ends today" was the one word
    /// without it); a warning of an end that came names the day it came; a year before 1000
    /// is shown as written.
    @Test func aCoarseEndComesAboutOnItsFirstDay() throws {
        let kb = try built(
            "pq",
            events: [
                ("e1", "0999", "{ pq: { availability: generally-available, priority: invested } }"),
                ("e2", "2026-07-01", "{ pq: { ends: 2027-Q1 } }"),
                ("e3", "2027-02-10", "{ pq: { ends: none } }"),
            ], asOf: "2027-01-01")
        let ends = try vane("ends", "--as-of", "2027-01-01", "--within", "5", in: kb.root).stdout
        #expect(ends.contains("Q1 2027  ends about today"), "\(ends)")
        let check = try vane("check", in: kb.root).stderr
        #expect(
            check.contains(
                "e3.md:7:23: warning: 'ends: none' cancels nothing: the end announced for Q1 2027 came at the start of 1 January 2027, the start of Q1 2027, before this"
            ), "\(check)")
        #expect(try vane("query", "events", in: kb.root).stdout.contains("\n0999 "))
        #expect(try kb.read("public/timeline.html").contains("<h2 id=\"year-0999\">0999</h2>"))
    }

    /// An alias, a former name included, is searched as a name, weighed as the title is:
    /// Gemini, named Bard until 2024, came last of seven for "bard" (its aliases were body
    /// text). The body column holds the words the page shows, and a body edit keeps it so.
    @Test func anAliasIsSearchedAsAName() throws {
        let gemini = "---\nname: Gemini\ntype: product\nparent: v\naliases: [Bard]\n---\nGoogle's chatbot.\n"
        let kb = try TemporaryKnowledgeBase(files(entities: ["gemini": gemini]))
        #expect(try vane("build", in: kb.root).status == 0)
        let query = "SELECT title, body FROM entries_fts WHERE id = 'gemini'"
        #expect(try vane("sql", query, "--format", "csv", in: kb.root).stdout == "title,body\r\n\"Gemini\nBard\ngemini\",\"Google's chatbot.\n\"\r\n")
        try kb.write(gemini.replacingOccurrences(of: "Google's chatbot.", with: "Google's assistant."), to: "Content/entities/gemini.md")
        #expect(try vane("build", in: kb.root).status == 0)
        #expect(
            try vane("sql", query, "--format", "csv", in: kb.root).stdout == "title,body\r\n\"Gemini\nBard\ngemini\",\"Google's assistant.\n\"\r\n")
        let ranked = try vane("query", "entities", "--text", "bard", in: kb.root).stdout
        #expect(ranked.contains("gemini"), "\(ranked)")
        // An entity by its id, which is its address and an import's name for it.
        try kb.write("---\nname: Node.js\ntype: product\nparent: v\n---\n", to: "Content/entities/nodejs.md")
        #expect(try vane("build", in: kb.root).status == 0)
        #expect(try vane("query", "entities", "--text", "nodejs", in: kb.root).stdout.contains("nodejs"))
    }

    /// `vane changes` says a span whole, as changes.html and `vane query events` do (a
    /// six-month programme read as its first month), and its JSON and CSV give its end.
    @Test func changesSayASpanWhole() throws {
        var files = Self.vendor
        files["Content/events/beta.md"] = "---\ntitle: Beta period\nstart: 2026-10\nend: 2027-03\ntype: release\nentities: [v]\nsources: [s]\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-12-07", in: kb.root).status == 0)
        let table = try vane("changes", "--from", "2026-09", "--to", "2026-12", in: kb.root).stdout
        #expect(table.contains("2026-10 to 2027-03  event  beta  Beta period"), "\(table)")
        let json = try vane("changes", "--from", "2026-09", "--to", "2026-12", "--format", "json", in: kb.root).stdout
        #expect(json.contains("\"span_end\" : {"), "\(json)")
        #expect(json.contains("\"end\" : \"2027-03-31\""), "\(json)")
        let csv = try vane("changes", "--from", "2026-09", "--to", "2026-12", "--format", "csv", in: kb.root).stdout
        #expect(
            csv.hasPrefix("date,kind,id,what,commit,subject,entity,axis,channel,from,to,sources,span_end\r\n") && csv.contains(",s,2027-03\r\n"),
            "\(csv)")
    }

    /// A status table with no row says why on standard error, as `vane ends` and `vane
    /// exposure` do: a bare header read as a typo in the filter or a broken database.
    @Test func anEmptyStatusTableIsSaid() throws {
        let kb = try TemporaryKnowledgeBase(Self.vendor)
        #expect(try vane("build", in: kb.root).status == 0)
        let all = try vane("status", "--as-of", "2026-12-07", in: kb.root)
        #expect(all.status == 0 && all.stderr == "no product has a status as of 7 December 2026\n", "\(all.stderr)")
        let some = try vane("status", "--entity", "v", "--min-risk", "50", "--as-of", "2026-12-07", in: kb.root)
        #expect(some.stderr == "no product has a status in v's tree as of 7 December 2026 with a risk of 50 or more\n", "\(some.stderr)")
        #expect(try vane("status", "--format", "csv", in: kb.root).stderr.isEmpty)
    }

    /// A product with no priority recorded (an import's cycle) is still said in words on its
    /// page: it had no sentence, even at the top of the risk board with its end two days off.
    @Test func aProductWithNoPriorityIsSaidInWords() throws {
        let kb = try built(
            "pn",
            events: [
                ("e1", "2024-01-01", "{ pn: { availability: generally-available } }"),
                ("e2", "2024-01-02", "{ pm: { availability: generally-available, ends: 2026-12-09 } }"),
            ],
            asOf: "2026-12-07", also: ["pm"])
        #expect(
            try kb.read("public/entities/pn.html").contains(
                "<p class=\"reading\">Generally available, with no priority recorded: no end announced.</p>"))
        #expect(
            try kb.read("public/entities/pm.html").contains(
                "<p class=\"reading\">Still generally available, until 9 December 2026: the end is announced"))
    }

    /// An event dated after the site's day is marked to come wherever it is listed, and its
    /// page says its changes are announced, not made: the timeline opened with years of
    /// events to come, in the words of what happened. The mark goes when the day comes.
    @Test func anEventToComeIsMarked() throws {
        let kb = try TemporaryKnowledgeBase(
            files(
                entities: ["pt": "---\nname: Pt\ntype: product\nparent: v\n---\n"],
                events: [("e1", "2026-01-01", "{ pt: { availability: generally-available } }"), ("e2", "2027-06-01", "{ pt: { priority: sunset } }")])
        )
        // A site of today (not `--as-of`, which leaves later events out), today fixed.
        func build(on day: String) throws -> Int32 {
            var environment = ProcessInfo.processInfo.environment
            environment["VANE_TODAY"] = day
            return try run(Repository.vane, ["build"], in: kb.root, environment: environment).status
        }
        #expect(try build(on: "2026-12-07") == 0)
        let badge = "<span class=\"badge\">other, to come</span>"
        let timeline = try kb.read("public/timeline.html")
        #expect(timeline.components(separatedBy: badge).count == 2, "\(timeline)")
        #expect(try kb.read("public/events/e2.html").contains(" · <strong>to come</strong>: what it changes is announced, not made</p>"))
        #expect(!(try kb.read("public/events/e1.html")).contains("to come"))
        #expect(try build(on: "2027-06-01") == 0)
        #expect(!(try kb.read("public/timeline.html")).contains(badge))
        #expect(!(try kb.read("public/events/e2.html")).contains("to come"))
    }

    /// Half a span is said as half a span, either half: an `end` alone was "an unknown key"
    /// beside "missing required field 'date'", which told the author to remove the right line.
    @Test func halfASpanIsSaidAsSuch() throws {
        var files = files()
        files["Content/events/ends.md"] = "---\ntitle: Ends\nend: 2026-04\ntype: other\nentities: [v]\nsources: [s]\n---\n"
        files["Content/events/starts.md"] = "---\ntitle: Starts\nstart: 2026-04\ntype: other\nentities: [v]\nsources: [s]\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        let check = try vane("check", in: kb.root)
        #expect(
            check.stderr
                == "Content/events/ends.md:1:1: error: missing required field 'start' (a span needs 'start' and 'end')\n"
                + "Content/events/starts.md:1:1: error: missing required field 'end' (a span needs 'start' and 'end')\n2 errors, 0 warnings\n",
            "\(check.stderr)")
    }

    /// A team's uses of two channels of one product, named after it, read apart: each title
    /// names its channel (three uses read "Node.js 18 (api)").
    @Test func usesOfTwoChannelsReadApart() throws {
        var files = files(
            entities: ["pn": "---\nname: Pn 18\ntype: product\nparent: v\nchannels: [standard, { extended: extended }]\n---\n"],
            events: [("e1", "2020-01-01", "{ pn: { availability: generally-available, priority: maintained } }")])
        files["Content/uses/n-std.md"] = "---\nproduct: pn\nteam: api\nchannel: standard\n---\n"
        files["Content/uses/n-ext.md"] = "---\nproduct: pn\nteam: api\nchannel: extended\n---\n"
        files["Content/uses/n-all.md"] = "---\nproduct: pn\nteam: api\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-12-06", in: kb.root).status == 0)
        let json = try vane("exposure", "--as-of", "2026-12-06", "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let titles = Dictionary(uniqueKeysWithValues: rows.map { ($0["use"] as? String ?? "", $0["title"] as? String ?? "") })
        #expect(titles == ["n-std": "Pn 18 · standard (api)", "n-ext": "Pn 18 · extended (api)", "n-all": "Pn 18 (api)"], "\(titles)")
        #expect(try kb.read("public/uses/n-ext.html").contains("<h1>Pn 18 · extended (api)</h1>"))
    }

    /// A product standing only by extended support, with no priority recorded (OpenSSL 1.1.1
    /// as endoflife.date has it) or with one: its uses rank among announced ends by the
    /// standard end that came, before every end still ahead (they ranked last, "not
    /// tracked", then "on the way out" below ends years ahead, and a use ranked first the day
    /// before its standard end fell to last on that day). With the end of its extended
    /// support announced (Spring Boot 2.7's, 2029), by that end, as any announced end.
    @Test func aUseStandingOnlyByExtendedSupportIsPastItsStandardEnd() throws {
        var files = files(
            entities: [
                "old": "---\nname: Old 1\ntype: product\nparent: v\nchannels: [standard, { extended-support: extended }]\n---\n",
                "new": "---\nname: New 2\ntype: product\nparent: v\n---\n",
                "node": "---\nname: Node 18\ntype: product\nparent: v\nchannels: [standard, { extended-support: extended }]\n---\n",
            ],
            events: [
                (
                    "e1", "2020-01-01",
                    "{ old: { availability: generally-available, ends: { standard: 2023-09-11 } }, new: { availability: generally-available } }"
                ),
                // With a priority, the same (it drifted, below OpenSSL).
                ("e2", "2022-04-19", "{ node: { availability: generally-available, priority: maintained, ends: { standard: 2025-04-30 } } }"),
                // With the end of its extended support announced, years ahead.
                (
                    "e3", "2018-01-01",
                    "{ boot: { availability: generally-available, priority: maintained, ends: { standard: 2023-06-30, extended-support: 2029-06-30 } }, pg: { availability: generally-available, priority: maintained, ends: 2028-11-09 } }"
                ),
            ])
        files["Content/entities/boot.md"] = "---\nname: Boot 2\ntype: product\nparent: v\nchannels: [standard, { extended-support: extended }]\n---\n"
        files["Content/entities/pg.md"] = "---\nname: PG 16\ntype: product\nparent: v\n---\n"
        for product in ["old", "new", "node", "boot", "pg"] { files["Content/uses/a-\(product).md"] = "---\nproduct: \(product)\nteam: api\n---\n" }
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-12-06", in: kb.root).status == 0)
        let json = try vane("exposure", "--as-of", "2026-12-06", "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["use"] as? String } == ["a-old", "a-node", "a-pg", "a-boot", "a-new"], "\(rows)")
        #expect(
            rows.map { $0["band"] as? String } == ["announced-end", "announced-end", "announced-end", "announced-end", "untracked"], "\(rows)")
        #expect(rows[1]["risk"] as? Int != nil, "\(rows)")
        #expect(rows.first?["days_left"] as? Int == -1182, "\(rows)")
        // The day before Node 18's standard end it is an announced end, first; on the day, it
        // stays ahead of the end still to come.
        let before = try vane("exposure", "--as-of", "2025-04-29", "--format", "json", in: kb.root).stdout
        let after = try vane("exposure", "--as-of", "2025-04-30", "--format", "json", in: kb.root).stdout
        func order(_ text: String) throws -> [String] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]).compactMap { $0["use"] as? String }
        }
        #expect(try order(before).firstIndex(of: "a-node")! < order(before).firstIndex(of: "a-pg")!)
        #expect(try order(after).firstIndex(of: "a-node")! < order(after).firstIndex(of: "a-pg")!)
    }

    /// EKS, whose versions are products under it (not release cycles) with a paid extended
    /// channel: its page says what they say, and nothing of having no status (it read "no
    /// event sets this product's status" below a risk of 100); the versions are "products"
    /// throughout; and the channel's tier is named wherever the version is shown under EKS.
    @Test func aProductWhoseStatusIsItsVersionsSaysSoAndKeepsTheirTiers() throws {
        let kb = try built(
            entities: [
                "eks": "---\nname: Amazon Elastic Kubernetes Service\ntype: product\nparent: v\n---\n",
                "eks-1-32": "---\nname: Amazon EKS 1.32\ntype: product\nparent: eks\nchannels: [standard, { extended-support: paid }]\n---\n",
            ],
            events: [
                (
                    "e1", "2025-01-23",
                    "{ eks-1-32: { availability: { standard: generally-available }, priority: invested, ends: { standard: 2026-03-23, extended-support: 2027-03-23 } } }"
                ),
                ("e2", "2026-03-23", "{ eks-1-32: { availability: { extended-support: generally-available }, priority: sunset } }"),
            ], asOf: "2026-12-07")
        let page = try kb.read("public/entities/eks.html")
        #expect(!page.contains("no status and no platform risk"), "\(page)")
        #expect(page.contains("1 product available: Amazon EKS 1.32.") && page.contains("its riskiest product's"), "\(page)")
        #expect(page.contains("Each product on its vendor's board"), "\(page)")
        #expect(page.contains("23 March 2027</time> (extended-support (paid)), 106 days left"), "\(page)")
        for path in ["public/index.html", "public/status.html"] {
            let text = try kb.read(path)
            #expect(text.contains("Amazon EKS 1.32 · extended-support (paid)") && !text.contains("EKS 1.32 · extended-support)"), "\(path)")
        }
    }

    /// A product whose sign-ups closed and opened again (CodeCommit): its page says so beside
    /// the closure, as `vane show` does (it read "closed 865 days ago" alone).
    @Test func aClosureThatWasUndoneSaysSignUpsAreOpenAgain() throws {
        let kb = try built(
            "cc",
            events: [
                ("e1", "2015-07-09", "{ cc: { availability: generally-available, priority: invested } }"),
                ("e2", "2024-07-25", "{ cc: { closes: 2024-07-25, priority: sunset } }"),
                ("e3", "2025-11-24", "{ cc: { availability: generally-available, priority: invested } }"),
            ], asOf: "2026-12-07")
        let page = try kb.read("public/entities/cc.html")
        #expect(page.contains("closed 865 days ago, open again now, after 0 days of notice"), "\(page)")
        let shown = try vane("show", "cc", "--as-of", "2026-12-07", in: kb.root).stdout
        #expect(shown.contains("closed 865 days ago, open again now"), "\(shown)")
    }

    /// A use of a paid channel names its tier in `vane show` and the exposure table, with the
    /// version before the channel (it read "windows-10 · commercial-esu 22H2"); a use of a
    /// bundle closed to new customers drifts with the product (a renewal is no fall: it read
    /// "on the way out · 0").
    @Test func aUsesChannelIsNamedWithItsTierAndABundlesClosingIsNoFall() throws {
        var files = files(
            entities: [
                "w10": "---\nname: W10\ntype: product\nparent: v\nchannels: [standard, { commercial-esu: paid }]\n---\n",
                "teams": "---\nname: Teams\ntype: product\nparent: v\nchannels: [standalone, { suite: bundle }]\n---\n",
            ],
            events: [
                (
                    "e1", "2015-07-29",
                    "{ w10: { availability: { standard: generally-available }, priority: flagship }, teams: { availability: { suite: generally-available }, priority: flagship } }"
                ),
                (
                    "e2", "2023-12-05",
                    "{ w10: { availability: { commercial-esu: generally-available }, ends: { standard: 2025-10-14, commercial-esu: 2028-10-10 } } }"
                ),
                ("e3", "2024-04-01", "{ teams: { availability: { suite: closed-to-new, standalone: generally-available } } }"),
            ])
        files["Content/uses/desk.md"] = "---\nproduct: w10\nchannel: commercial-esu\nversion: 22H2\nteam: it\n---\n"
        files["Content/uses/chat.md"] = "---\nproduct: teams\nchannel: suite\nteam: it\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-12-07", in: kb.root).status == 0)
        let shown = try vane("show", "desk", in: kb.root).stdout
        #expect(shown.contains("  channel: commercial-esu (paid)\n"), "\(shown)")
        // The JSON keeps the id, as the database and `vane exposure` have it.
        let json = try vane("show", "desk", "--json", in: kb.root).stdout
        #expect(json.contains("\"channel\" : \"commercial-esu\""), "\(json)")
        let table = try vane("exposure", "--as-of", "2026-12-07", in: kb.root).stdout
        #expect(table.contains("w10 22H2 · commercial-esu (paid)"), "\(table)")
        #expect(table.contains("teams · suite (bundle)") && table.contains("drift"), "\(table)")
        #expect(!table.contains("on-the-way-out"), "\(table)")
        #expect(try kb.read("public/exposure.html").contains(">W10 22H2 · commercial-esu (paid)</a>"))
    }

    /// A gone successor with two successors of its own leads on to both (Office 2016 → Office
    /// 2019, gone → Office LTSC 2024, and Microsoft 365 Apps, which every line dropped).
    @Test func aGoneSuccessorLeadsOnToEachOfItsSuccessors() throws {
        var files = files(
            entities: [
                "o16": "---\nname: Office 2016\ntype: product\nparent: v\nsuccessors: [o19]\n---\n",
                "o19": "---\nname: Office 2019\ntype: product\nparent: v\nsuccessors: [ltsc, m365]\n---\n",
                "ltsc": "---\nname: Office LTSC 2024\ntype: product\nparent: v\n---\n",
                "m365": "---\nname: Microsoft 365 Apps\ntype: product\nparent: v\n---\n",
            ],
            events: [
                (
                    "e1", "2018-09-24",
                    "{ o16: { availability: generally-available, priority: maintained }, o19: { availability: generally-available, priority: invested } }"
                ),
                (
                    "e2", "2024-09-16",
                    "{ ltsc: { availability: generally-available, priority: maintained }, m365: { availability: generally-available, priority: flagship } }"
                ),
                ("e3", "2025-10-14", "{ o16: { availability: retired }, o19: { availability: retired } }"),
            ])
        files["Content/uses/desk.md"] = "---\nproduct: o16\nteam: it\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-12-07", in: kb.root).status == 0)
        let status = try vane("status", "--as-of", "2026-12-07", in: kb.root).stdout
        #expect(
            status.contains("o19 (retired · invested) → ltsc (generally-available · maintained), m365 (generally-available · flagship)"), "\(status)")
        let csv = try vane("exposure", "--as-of", "2026-12-07", "--format", "csv", in: kb.root).stdout
        #expect(csv.contains("o19>ltsc|m365"), "\(csv)")
        let json = try vane("exposure", "--as-of", "2026-12-07", "--format", "json", in: kb.root).stdout
        #expect(json.contains("\"onward_also\" : [") && json.contains("\"entity\" : \"m365\""), "\(json)")
        #expect(
            try kb.read("public/status.html").contains(
                "→ Office LTSC 2024 (Generally available · Maintained), Microsoft 365 Apps (Generally available · Flagship)"))
    }

    /// A launch that sets every channel of a product with a paid channel opens the paid
    /// programme at the launch (its announcement then read as a fall, its end as an extension
    /// of 2,665 days' notice): `vane check` says so where it is written; naming the channel
    /// says what was meant, and an `extended` channel (support that comes with a release, as
    /// an import writes it) is no such case.
    @Test func anAvailabilityWithNoChannelOpeningAPaidChannelIsWarnedOf() throws {
        let kb = try TemporaryKnowledgeBase(
            files(
                entities: [
                    "w10": "---\nname: W10\ntype: product\nparent: v\nchannels: [standard, { esu: paid }]\n---\n",
                    "k8": "---\nname: K8\ntype: product\nparent: v\nchannels: [standard, { extended-support: extended }]\n---\n",
                    "w11": "---\nname: W11\ntype: product\nparent: v\nchannels: [standard, { esu: paid }]\n---\n",
                ],
                events: [
                    ("e1", "2015-07-29", "{ w10: { availability: generally-available }, k8: { availability: generally-available } }"),
                    ("e2", "2021-10-05", "{ w11: { availability: { standard: generally-available } } }"),
                    ("e3", "2023-12-05", "{ w10: { availability: { esu: announced }, ends: { esu: 2028-10-10 } }, w11: { availability: retired } }"),
                ]))
        let check = try vane("check", in: kb.root)
        #expect(
            check.stderr
                == "Content/events/e1.md:7:32: warning: an availability with no channel sets every channel of 'w10', 'esu (paid)' included: it reads as offered from 29 July 2015; name the channels meant (availability: { standard: generally-available })\n0 errors, 1 warning\n",
            "\(check.stderr)")
    }

    /// A read as of a day still to come says so on standard error, as a site as of it says on
    /// every page ("ended 92 days ago" of an end only announced was printed in silence); as of
    /// a day gone by, nothing is said.
    @Test func aReadAsOfADayToComeSaysSo() throws {
        let kb = try built(
            "p", events: [("e1", "2026-01-01", "{ p: { availability: generally-available, priority: invested, ends: 2027-09-30 } }")],
            asOf: "2026-12-07")
        var environment = ProcessInfo.processInfo.environment
        environment["VANE_TODAY"] = "2026-12-07"
        let ahead = try run(Repository.vane, ["ends", "--as-of", "2027-12", "--within", "100"], in: kb.root, environment: environment)
        #expect(ahead.stdout.contains("ended 92 days ago"), "\(ahead.stdout)")
        #expect(
            ahead.stderr
                == "note: --as-of 2027-12 is a period not over yet (today is 7 December 2026): what is shown after today is what had been announced, not what happened\n",
            "\(ahead.stderr)")
        for command in ["status", "exposure"] {
            let day = try run(Repository.vane, [command, "--as-of", "2027-01-15"], in: kb.root, environment: environment)
            #expect(day.stderr.hasPrefix("note: --as-of 2027-01-15 is a day still to come (today is 7 December 2026)"), "\(command): \(day.stderr)")
        }
        #expect(try run(Repository.vane, ["show", "p", "--as-of", "2026-12-07"], in: kb.root, environment: environment).stderr == "")
        // `vane changes` over a window that runs past today, too.
        let window = try run(Repository.vane, ["changes", "--from", "2027-09", "--to", "2027-09"], in: kb.root, environment: environment)
        #expect(window.stdout.contains("retired"), "\(window.stdout)")
        #expect(
            window.stderr
                == "note: --to 2027-09 is after today (7 December 2026): the moves after today are what had been announced, not what happened\n",
            "\(window.stderr)")
    }

    /// What a usage error or a command's warning quotes from content or an argument is
    /// escaped, as diagnostics are, and the error stays one line: an alias, a tag or a team
    /// could clear the screen, and an argument with a line break made two lines.
    @Test func usageErrorsQuoteContentEscaped() throws {
        var files = files(
            entities: ["p": "---\nname: P\ntype: product\nparent: v\naliases: [\"Evil\\e[2JQueue\"]\n---\n"],
            events: [("e1", "2026-01-01", "{ p: { availability: generally-available, priority: invested } }")])
        files["Content/uses/u.md"] = "---\nproduct: p\nteam: \"ops\\e[2Jx\"\n---\n"
        files["Site/queries.yml"] = "\"q\\e[2Jx\": status --min-risk 30\n"
        let kb = try TemporaryKnowledgeBase(files)
        _ = try vane("build", in: kb.root)
        let entity = try vane("query", "events", "--entity", "Evil[2JQueu", in: kb.root)
        #expect(entity.stderr == "error: unknown entity 'Evil[2JQueu' (did you mean 'Evil\\u{1B}[2JQueue'?)\n", "\(entity.stderr)")
        let team = try vane("exposure", "--team", "zzz", in: kb.root)
        #expect(!team.stderr.contains("\u{1B}") && team.stderr.contains("ops\\u{1B}[2Jx"), "\(team.stderr)")
        let saved = try vane("saved", in: kb.root)
        #expect(saved.stdout == "q\\u{1B}[2Jx: status --min-risk 30\n", "\(saved.stdout)")
        // The parser's own errors and an unknown command, too.
        let command = try vane("st\u{1B}[2Jatus", in: kb.root)
        #expect(command.stderr.hasPrefix("error: unknown command 'st\\u{1B}[2Jatus'") && !command.stderr.contains("\u{1B}"), "\(command.stderr)")
        let option = try vane("status", "--bogus\u{1B}[1m", in: kb.root)
        #expect(option.stderr.contains("'--bogus\\u{1B}[1m'") && !option.stderr.contains("\u{1B}"), "\(option.stderr)")
        #expect(try vane("st\natus", in: kb.root).stderr.filter { $0 == "\n" }.count == 1)
        let lines = try vane("query", "events", "--entity", "lla\nma", in: kb.root)
        #expect(lines.stderr.hasPrefix("error: unknown entity 'lla\\nma'") && lines.stderr.filter { $0 == "\n" }.count == 1, "\(lines.stderr)")
    }

    /// `vane build --db` of another knowledge base's database says so (it was replaced in
    /// silence, though the reads say whose it is); a build of its own says nothing.
    @Test func aBuildIntoAnotherKnowledgeBasesDatabaseSaysSo() throws {
        let first = try built("p", events: [("e1", "2026-01-01", "{ p: { availability: generally-available } }")], asOf: "2026-12-07")
        let second = try TemporaryKnowledgeBase(files(entities: ["q": "---\nname: Q\ntype: product\nparent: v\n---\n"]))
        let db = first.url("vane.sqlite").path
        let other = try vane("build", "--db", db, "--out", second.url("public").path, in: second.root)
        let root = first.root.standardizedFileURL.resolvingSymlinksInPath().path
        #expect(other.status == 0)
        #expect(
            other.stderr.contains("warning: the database '\(db)' was last built from '\(root)'; it now holds the knowledge base in '"),
            "\(other.stderr)")
        #expect(!(try vane("build", "--db", db, "--out", second.url("public").path, in: second.root).stderr.contains("last built from")))
    }

    /// An Obsidian author's habits, each said where it is written with what to write: a
    /// `%%comment%%` (published, page and search index), `publish: false`, typographic quotes
    /// around a name, `aliases: UA, GA3`, `parent: [[v]]`, the industry's `GA` and `EOL`, and
    /// a link to a note not written yet.
    @Test func anObsidianAuthorsHabitsAreSaidWhereTheyAre() throws {
        var files = files(entities: [
            "p":
                "---\nname: “Universal Analytics”\ntype: product\nparent: v\naliases: UA, GA3\npublish: false\n---\nShown. %%note to self%% and `%%code%%`.\n"
        ])
        files["Content/entities/q.md"] = "---\nname: Q\ntype: product\nparent: [[v]]\n---\nSee [[killed-by-google]].\nAnd ![[v]].\n"
        files["Content/events/e1.md"] =
            "---\ntitle: E\ndate: 2026-01-01\ntype: other\nentities: [v]\nsources: [s]\nstatus:\n  p: { availability: GA, priority: EOL }\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        let check = try vane("check", in: kb.root).stderr
        let lines = check.split(separator: "\n").map(String.init)
        let expected = [
            "Content/entities/p.md:2:7: warning: 'name' is in typographic quotes (“…”), which YAML keeps as part of the text: write straight quotes, \"Universal Analytics\", or none",
            "Content/entities/p.md:5:10: warning: 'aliases' is one alias, 'UA, GA3': a list is written in brackets, 'aliases: [UA, GA3]' (quote it to keep one alias with a comma)",
            "Content/entities/p.md:6:1: warning: unknown key 'publish' (kept, but not part of the format: every entry of Content/ is published; keep a draft outside Content/)",
            "Content/entities/p.md:8:8: warning: '%%' is an Obsidian comment, which Markdown does not have: the page publishes the text up to the next '%%'; write <!-- … --> to keep a note off the page and out of search",
            "Content/entities/q.md:4:9: error: 'parent' must be text, not a list (Obsidian's [[link]] is a list in a list to YAML: write 'parent: v')",
            "Content/entities/q.md:6:5: error: unknown entry 'killed-by-google' (not written yet? write it first: vane new KIND \"Title\" --id killed-by-google)",
            "Content/entities/q.md:7:5: warning: '![[v]]' is Obsidian's embed of a note, which this format does not have: the page shows a link with a '!' before it; write [[v]]",
            "Content/events/e1.md:8:22: error: 'GA' is not on the availability scale (did you mean 'generally-available'?); the scale is open-source, open-weights, generally-available, preview, consumer-only, announced, closed-to-new, deprecated, retired",
            "Content/events/e1.md:8:36: error: 'EOL' is not on the priority scale (did you mean 'discontinued'?); the scale is flagship, invested, maintained, deprioritized, sunset, discontinued",
        ]
        for line in expected { #expect(lines.contains(line), "\(line)\n\(check)") }
    }

    /// `status:` left empty, the entity under it not indented: an error at the entity, which
    /// says to indent it (its change was lost beside an "unknown key" warning, and the build
    /// went on).
    @Test func aStatusEntryNotIndentedUnderStatusIsAnError() throws {
        var files = files(entities: ["p": "---\nname: P\ntype: product\nparent: v\n---\n"])
        files["Content/events/e1.md"] =
            "---\ntitle: E\ndate: 2026-10-01\ntype: deprecation\nentities: [v]\nsources: [s]\nstatus:\np: { priority: sunset }\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr
                == "Content/events/e1.md:8:1: error: 'p' is written at the top of the front matter, under an empty 'status:': indent it to set its status ('status:' then '  p: { … }')\n1 error, 0 warnings\n",
            "\(check.stderr)")
    }

    /// An end dated before the product was first offered, offered later (a year mistyped):
    /// said at the end (the launch read as a return after it, in silence).
    @Test func anEndBeforeTheLaunchIsWarnedOf() throws {
        let kb = try TemporaryKnowledgeBase(
            files(
                entities: ["st": "---\nname: St\ntype: product\nparent: v\n---\n"],
                events: [
                    ("e1", "2019-03-19", "{ st: { availability: announced, ends: 2019-10-18 } }"),
                    ("e2", "2019-11-19", "{ st: { availability: generally-available, priority: flagship } }"),
                ]))
        let check = try vane("check", in: kb.root)
        #expect(
            check.stderr
                == "Content/events/e1.md:7:48: warning: 'st' ends on 18 October 2019, before it was first offered (19 November 2019, by e2): is the year right?\n0 errors, 1 warning\n",
            "\(check.stderr)")
    }

    /// An end announced for a channel once the whole product's end came, with no return of
    /// that channel, ends nothing: the channel stays retired, nothing is counted down (it read
    /// deprecated again, 15 days left, while `vane check` said it counted nothing down).
    @Test func aChannelsEndAfterTheWholeEndCameRevivesNothing() throws {
        let kb = try built(
            "pr", "channels: [active, inactive]\n",
            events: [
                ("e1", "2020-01-01", "{ pr: { availability: generally-available, priority: invested } }"),
                ("e2", "2024-07-18", "{ pr: { availability: deprecated, ends: 2025-06-30 } }"),
                ("e3", "2025-08-01", "{ pr: { availability: { active: generally-available }, ends: { inactive: 2025-08-25 } } }"),
            ], asOf: "2025-08-10")
        let status = try vane("status", "--as-of", "2025-08-10", "--format", "csv", in: kb.root).stdout
        #expect(status.contains("generally-available (active: generally-available, inactive: retired)"), "\(status)")
        let ends = try vane("ends", "--as-of", "2025-08-10", "--format", "csv", in: kb.root).stdout
        #expect(ends.split(separator: "\r\n").count == 1, "\(ends)")
        // Nor is it an announcement (`vane changes` listed it, with 24 days of notice), and the
        // end that came ended both channels, the one whose end was said too.
        let changes = try vane("changes", "--from", "2025", "--to", "2025", in: kb.root).stdout
        #expect(!changes.contains("inactive"), "\(changes)")
        #expect(changes.contains("e2  pr: availability deprecated → retired"), "\(changes)")
        let passed = try vane("ends", "--as-of", "2025-09-01", "--within", "3000", "--format", "csv", in: kb.root).stdout
        #expect(passed.split(separator: "\r\n").count == 2 && passed.contains("2025-06-30,"), "\(passed)")
        #expect(!passed.contains("active"), "\(passed)")
    }

    /// An end said again for a channel on the day the whole product's end came, for that very
    /// day, restates it: listed as the announcement it is, not refused as one after the end.
    @Test func aChannelsEndOnTheWholeEndsDayForThatDayIsARestatement() throws {
        let kb = try built(
            "pr", "channels: [active, inactive]\n",
            events: [
                ("e1", "2020-01-01", "{ pr: { availability: generally-available, priority: invested } }"),
                ("e2", "2024-07-18", "{ pr: { availability: deprecated, ends: 2025-06-30 } }"),
                ("e3", "2025-06-30", "{ pr: { ends: { inactive: 2025-06-30 } } }"),
                ("e4", "2025-07-01", "{ pr: { ends: { inactive: 2025-09-30 } } }"),
            ], asOf: "2025-08-10")
        let changes = try vane("changes", "--from", "2025", "--to", "2025", in: kb.root).stdout
        #expect(changes.contains("ends   e3  pr (inactive): end restated for 30 June 2025"), "\(changes)")
        #expect(changes.contains("move   e2  pr: availability deprecated → retired"), "\(changes)")
        #expect(!changes.contains("ends   e4"), "\(changes)")
    }

    /// Ends that came on one day are listed in one order by `vane ends` and the status page
    /// (the page's list of those that came, newest first, read them in reverse).
    @Test func endsOfOneDayKeepTheirOrderOnThePage() throws {
        let kb = try built(
            "pq", "channels: [one, two]\n",
            events: [
                ("e1", "2024-01-01", "{ pq: { availability: generally-available, priority: maintained, ends: { one: 2026-10-13 } } }"),
                ("e2", "2025-09-25", "{ pq: { ends: { two: 2026-10-13 } } }"),
            ], asOf: "2026-12-06")
        let ends = try vane("ends", "--as-of", "2026-12-06", "--within", "180", "--format", "csv", in: kb.root).stdout
        let order = ends.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[1] }
        #expect(order == ["one", "two"], "\(ends)")
        let page = try kb.read("public/status.html")
        let one = try #require(page.range(of: "<span class=\"badge\">one</span>"))
        let two = try #require(page.range(of: "<span class=\"badge\">two</span>"))
        #expect(one.lowerBound < two.lowerBound, "\(page)")
    }

    /// `vane changes` over a window still to come lists the verdicts reached in it, as it
    /// lists its status moves and as a site as of its end does (it left them out).
    @Test func aWindowToComeListsItsVerdicts() throws {
        var files = files(events: [("e1", "2020-01-01", "{ px: { availability: generally-available, priority: invested } }")])
        files["Content/entities/px.md"] = "---\nname: Px\ntype: product\nparent: v\n---\n"
        files["Content/claims/c.md"] =
            "---\ntitle: C\nclaimant: v\nabout: [px]\ndate: 2020-02-01\nsources: [s]\nverdict: confirmed\nverdict_date: 2099-03\nverdict_sources: [s]\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", in: kb.root).status == 0)
        let changes = try vane("changes", "--from", "2099-01", "--to", "2099-12", in: kb.root).stdout
        #expect(changes == "DATE     KIND     ID  WHAT\n2099-03  verdict  c   verdict: confirmed\n", "\(changes)")
        #expect(!(try vane("changes", "--from", "2099-01", "--to", "2099-02", in: kb.root).stdout.contains("verdict")))
    }

    /// `successors: none` for a product that never had any is no move (it read "successors
    /// none → none" and "none (advice withdrawn)"); the first advice moves from the
    /// product's own successors, in JSON too (`from` was null).
    @Test func adviceThatChangesNothingIsNoMove() throws {
        let kb = try built(
            entities: ["pz": "---\nname: Pz\ntype: product\nparent: v\n---\n", "v2": "---\nname: V2\ntype: product\nparent: v\n---\n"],
            events: [
                ("e1", "2020-01-01", "{ pz: { availability: generally-available, priority: invested, successors: none } }"),
                ("e2", "2021-01-01", "{ pz: { successors: v2 } }"), ("e3", "2022-01-01", "{ pz: { successors: none } }"),
            ], asOf: "2024-07-01")
        let changes = try vane("changes", "--from", "2020", "--to", "2023", "--format", "csv", in: kb.root).stdout
        let advice = changes.split(separator: "\r\n").filter { $0.contains(",successors,") }
        #expect(advice.count == 2, "\(changes)")
        #expect(advice.first?.contains("pz: successors none → v2") == true)
        #expect(advice.first?.contains(",successors,,none,v2,") == true, "\(advice)")
        let first = try kb.read("public/events/e1.html")
        #expect(first.contains("<td data-label=\"Value\">none</td>"), "\(first)")
        #expect(try kb.read("public/events/e3.html").contains("<td data-label=\"Value\">V2 → none (advice withdrawn)</td>"))
        // Advice of one day is one move: given and withdrawn the same day, none (it listed
        // "none → v2" and "v2 → none" through successors never held).
        for (id, advice) in [("e4", "v2"), ("e5", "none")] {
            let (path, text) = event(id, "2023-06-01", "{ pz: { successors: \(advice) } }")
            try kb.write(text, to: path)
        }
        #expect(try vane("build", "--as-of", "2024-07-01", in: kb.root).status == 0)
        let sameDay = try vane("changes", "--from", "2023", "--to", "2023", "--format", "csv", in: kb.root).stdout
        #expect(!sameDay.contains(",successors,"), "\(sameDay)")
    }

    /// A vendor another acquired (HashiCorp under IBM) has a view of its own and ranks its
    /// products on its page, as `vane status --entity` does; only the top vendor had them.
    @Test func aVendorUnderAnotherHasItsOwnView() throws {
        let kb = try built(
            entities: [
                "holdco": "---\nname: Holdco\ntype: vendor\n---\n", "v": "---\nname: V\ntype: vendor\nparent: holdco\n---\n",
                "pn": "---\nname: Pn\ntype: product\nparent: v\n---\n",
            ], events: [("e1", "2020-01-01", "{ pn: { availability: generally-available, priority: invested } }")], asOf: "2024-07-01")
        for view in ["public/status/v.html", "public/status/holdco.html"] {
            #expect(try kb.read(view).contains("href=\"../entities/pn.html\""), "\(view)")
        }
        let page = try kb.read("public/entities/v.html")
        #expect(page.contains("href=\"../status/v.html\""), "\(page)")
        #expect(page.contains("href=\"../entities/pn.html\""))
        #expect(try kb.read("public/status.html").contains("href=\"status/v.html\""))
    }

    /// A vendor's views list what it offers through a channel named for one of its
    /// entities (an OpenAI model through Azure OpenAI, on Microsoft's), as `vane status
    /// --entity microsoft` does; they showed neither it nor its end, 177 days ahead.
    @Test func aVendorsViewsListWhatItOffersThroughItsEntities() throws {
        let kb = try built(
            entities: [
                "ms": "---\nname: Microsoft\ntype: vendor\n---\n", "azure-ai": "---\nname: Azure AI\ntype: product\nparent: ms\n---\n",
                "m1": "---\nname: M1\ntype: model\nparent: v\nchannels: [api, azure-ai]\n---\n",
            ],
            events: [
                ("e1", "2022-11-28", "{ m1: { availability: generally-available, priority: flagship } }"),
                (
                    "e2", "2023-07-06",
                    "{ m1: { availability: { api: deprecated }, priority: sunset, ends: { api: 2024-01-04, azure-ai: 2024-07-05 } } }"
                ),
            ], asOf: "2024-01-10")
        #expect(try vane("status", "--entity", "ms", "--as-of", "2024-01-10", in: kb.root).stdout.contains("via azure-ai"))
        let view = try kb.read("public/status/ms.html")
        #expect(view.contains("177 days left"), "\(view)")
        #expect(view.contains("Generally available, via Azure AI"))
        #expect(try kb.read("public/entities/ms.html").contains("href=\"../entities/m1.html\""))
        // The model's own vendor's view keeps every channel.
        #expect(try kb.read("public/status/v.html").contains("4 January 2024"))
        // A channel's move from the whole product's value says what it moved from (it read "Deprecated").
        #expect(try kb.read("public/events/e2.html").contains("<td data-label=\"Value\">Generally available → Deprecated</td>"))
    }

    /// A site as of a day before a source was published cites it as a mark, not by its
    /// title ("Bard becomes Gemini" on the page of Bard, a day before the rename).
    @Test func aLaterSourceIsCitedWithoutItsTitle() throws {
        var files = Self.vendor
        files["Content/entities/bard.md"] = "---\nname: Bard\ntype: product\nparent: v\n---\nRenamed later [@renamed].\n"
        files["Content/sources/renamed.md"] =
            "---\ntitle: Bard becomes Gemini\npublisher: V\npublished: 2024-02-08\nurl: https://example.org/g\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2024-02-07", in: kb.root).status == 0)
        let page = try kb.read("public/entities/bard.html")
        #expect(page.contains("Renamed later <sup class=\"later\" title=\"a source recorded after this site's date\">[later]</sup>."), "\(page)")
        #expect(!page.contains("Gemini"))
        // As of a day before a rename, the page is titled by the earlier name, not also known by it.
        try kb.write(
            "---\nname: Gemini\ntype: product\nparent: v\nrenamed: [{ date: 2024-02-08, from: Bard }]\n---\nRenamed later [@renamed].\n",
            to: "Content/entities/bard.md")
        #expect(try vane("build", "--as-of", "2024-02-07", in: kb.root).status == 0)
        let before = try kb.read("public/entities/bard.html")
        #expect(before.contains("<title>Bard") && !before.contains("Also known as"), "\(before)")
        #expect(try vane("build", "--as-of", "2024-02-08", in: kb.root).status == 0)
        #expect(try kb.read("public/entities/bard.html").contains("<dt>Also known as</dt><dd>Bard</dd>"))
    }

    /// A status set by an event whose only source was published after the site's day reads
    /// `[later]`, as the event's own page cites it, not "(no source)", which is for an event
    /// that cites none (trial h9-F1: a 2008 launch sourced from a 2024 retrospective); an
    /// edit that takes the source away says so on the next build of the same day.
    @Test func aStatusSourcedLaterIsMarkedLaterNotUnsourced() throws {
        var files = Self.vendor
        files["Content/entities/anvil.md"] = "---\nname: Anvil\ntype: product\nparent: v\n---\n"
        files["Content/sources/retro.md"] =
            "---\ntitle: A look back\npublisher: V\npublished: 2024-02-12\nurl: https://example.org/retro\n---\n"
        let launch = { (sources: String) in
            "---\ntitle: Anvil launched\ndate: 2008-07-01\ntype: launch\nentities: [anvil]\nsources: \(sources)\nstatus:\n  anvil: { availability: generally-available, priority: maintained }\n---\n"
        }
        files["Content/events/launch.md"] = launch("[retro]")
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2020-01-01", in: kb.root).status == 0)
        let later = "<sup class=\"later\" title=\"a source recorded after this site's date\">[later]</sup>"
        let page = try kb.read("public/entities/anvil.html")
        #expect(page.contains("set by <a href=\"../events/launch.html\">Anvil launched</a> \(later)</dd>"), "\(page)")
        #expect(!page.contains("(no source)"))
        #expect(try kb.read("public/index.html").contains("priority Maintained</a> \(later)"))
        #expect(try !kb.read("public/status.html").contains("(no source)"))
        // A site of today cites it by its publisher.
        #expect(try vane("build", in: kb.root).status == 0)
        let today = try kb.read("public/entities/anvil.html")
        #expect(today.contains("<a class=\"source\" href=\"../sources/retro.html\">[V]</a>") && !today.contains("[later]"), "\(today)")
        // Cited by nothing, the same day's page says so again (the mark was in its fingerprint).
        #expect(try vane("build", "--as-of", "2020-01-01", in: kb.root).status == 0)
        try kb.write(launch("[]"), to: "Content/events/launch.md")
        #expect(try vane("build", "--as-of", "2020-01-01", in: kb.root).status == 0)
        let unsourced = try kb.read("public/entities/anvil.html")
        #expect(unsourced.contains("(no source)") && !unsourced.contains("[later]"), "\(unsourced)")
    }

    /// A release cycle released after the site's day, with no status yet, is "not released
    /// yet" in its product's table of cycles, not "unknown" (trial h10-F6).
    @Test func aCycleReleasedAfterTheSitesDayIsNotReleasedYet() throws {
        var files = Self.vendor
        files["Content/entities/api.md"] = "---\nname: Target API\ntype: product\nparent: v\n---\n"
        for (level, date) in [("35", "2024-09-03"), ("36", "2025-06-10")] {
            files["Content/entities/api-\(level).md"] =
                "---\nname: Target API \(level)\ntype: product\nparent: api\ndata: { release_cycle: \"\(level)\", release_date: \(date) }\n---\n"
            files["Content/events/api-\(level)-released.md"] =
                "---\ntitle: API \(level) released\ndate: \(date)\ntype: launch\nentities: [api-\(level)]\nsources: [s]\nstatus:\n  api-\(level): { availability: generally-available }\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2025-06-01", in: kb.root).status == 0)
        let before = try kb.read("public/entities/api.html")
        #expect(before.contains("not released yet") && !before.contains(">unknown<"), "\(before)")
        #expect(try vane("build", "--as-of", "2025-07-01", in: kb.root).status == 0)
        #expect(try !kb.read("public/entities/api.html").contains("not released yet"))
    }

    /// A product folded from its release cycles: its chip names the lead cycle, and so do
    /// the chip's successor (the cycle's: it had none) and the chart's data (it said the
    /// product beside the cycle's history). A view whose products have no place on the chart
    /// does not say they have no status.
    @Test func aFoldedChipNamesItsCyclesSuccessor() throws {
        let cycle = { (n: Int, more: String) in "---\nname: Pp \(n)\ntype: product\nparent: pp\n\(more)---\n" }
        let kb = try built(
            entities: [
                "pp": "---\nname: Pp\ntype: product\nparent: v\n---\n", "pp-1": cycle(1, "successors: [pp-2]\n"), "pp-2": cycle(2, ""),
                "pq": "---\nname: Pq\ntype: product\nparent: w\n---\n", "w": "---\nname: W\ntype: vendor\n---\n",
            ],
            events: [
                (
                    "e1", "2024-01-01",
                    "{ pp-1: { availability: generally-available, priority: maintained, ends: 2027-01-01 }, pp-2: { availability: generally-available, priority: invested } }"
                ),
                ("e2", "2024-01-01", "{ pq: { availability: generally-available } }"),
            ], asOf: "2026-12-05")
        let status = try kb.read("public/status.html")
        #expect(status.contains(">Pp 1</a> <span class=\"successor\">→ "), "\(status)")
        #expect(status.contains("succeeded by Pp 2"))
        let view = try kb.read("public/status/w.html")
        #expect(!view.contains("has a status") && view.contains("1 of the 1 products"), "\(view)")
    }

    /// A product's table of release cycles is in the natural order of the names shown
    /// (Galaxy A06, Galaxy A6 (2018), Galaxy A60); it was the data's cycle ids' (a6-2018
    /// before a06), which read out of order.
    @Test func releaseCyclesAreListedByTheirNames() throws {
        let cycle = { (name: String, id: String) in
            "---\nname: \(name)\ntype: product\nparent: gx\ndata: { release_cycle: \"\(id)\", release_date: 2020-01-01 }\n---\n"
        }
        let kb = try built(
            entities: [
                "gx": "---\nname: Galaxy\ntype: product\nparent: v\n---\n", "gx-a60": cycle("Galaxy A60", "a60"),
                "gx-a6-2018": cycle("Galaxy A6 (2018)", "a6-2018"), "gx-a06": cycle("Galaxy A06", "zz-a06"),
            ], events: [], asOf: "2026-12-05")
        let page = try kb.read("public/entities/gx.html")
        let names = page.matches(of: #/<th scope="row" class="lead"><a [^>]*>([^<]*)</a>/#).map { String($0.output.1) }
        #expect(names == ["Galaxy A06", "Galaxy A6 (2018)", "Galaxy A60"], "\(names)")
    }

    /// An ends board with only ends of the last 180 days says none is ahead (its header was
    /// followed by "Ended in the last 180 days" alone).
    @Test func anEndsBoardWithNothingAheadSaysSo() throws {
        let kb = try built(
            "pe", events: [("e1", "2026-01-01", "{ pe: { availability: generally-available, priority: invested, ends: 2026-11-01 } }")],
            asOf: "2026-12-05")
        let home = try kb.read("public/index.html")
        #expect(home.contains("<p class=\"none-ahead\">No end is announced ahead.</p>") && home.contains("Ended in the last 180 days"), "\(home)")
    }

    /// A product's page counts down sign-ups closing, as `vane status` and the boards do.
    @Test func aProductPageCountsDownItsClosure() throws {
        let kb = try built(
            "pd",
            events: [
                ("e4", "2020-01-01", "{ pd: { availability: generally-available, priority: invested } }"),
                ("e5", "2024-01-01", "{ pd: { priority: sunset, closes: 2024-06-01 } }"),
            ], asOf: "2024-05-01")
        let page = try kb.read("public/entities/pd.html")
        #expect(
            page.contains(
                "<dt>Sign-ups close</dt><dd><ul class=\"plain\"><li><time datetime=\"2024-06-01\">1 June 2024</time>: 31 days left, after 152 days of notice, announced by <a href=\"../events/e5.html\">e5</a>"
            ), "\(page)")
    }

    /// `ends: none` after the end came cancels nothing: the pages said "→ cancelled".
    @Test func aCancellationAfterTheEndCameSaysItCancelledNothing() throws {
        let kb = try built(
            "pi",
            events: [
                ("pi-launch", "2026-01-01", "{ pi: { availability: generally-available, priority: invested } }"),
                ("pi-end", "2026-10-01", "{ pi: { ends: 2026-11-15 } }"),
                ("pi-cancel", "2026-11-20", "{ pi: { ends: none } }"),
            ], asOf: "2026-12-01")
        #expect(try kb.read("public/events/pi-cancel.html").contains("<td data-label=\"Value\">nothing to cancel (15 November 2026 came first)</td>"))
        #expect(try kb.read("public/entities/pi.html").contains("nothing to cancel (15 November 2026 came first)"))
    }

    /// Ends whose periods start together are listed as the risk board ranks them: the exact
    /// date first, then by id (they came coarser first, the other way round from the board).
    @Test func endsStartingTogetherAreListedExactFirst() throws {
        var files = Self.vendor
        var status: [String] = []
        for (id, end) in [("aaa", "2027"), ("zzz", "2027-Q1"), ("mmm", "2027-01"), ("bbb", "2027-01-01")] {
            files["Content/entities/\(id).md"] = "---\nname: \(id.uppercased())\ntype: product\nparent: v\n---\n"
            status.append("\(id): { availability: generally-available, priority: invested, ends: \(end) }")
        }
        let (path, text) = event("notice", "2026-06-01", "{ \(status.joined(separator: ", ")) }")
        files[path] = text
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", "--as-of", "2026-07-01", in: kb.root).status == 0)
        let json = try vane("ends", "--as-of", "2026-07-01", "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["entity"] as? String } == ["bbb", "mmm", "zzz", "aaa"], "\(json)")
    }

    /// Links the page shows as text are said where they are written; a link with no scheme
    /// (`//host/x`) leaves the site and is shown as text too; a dead link is said where it is
    /// written and as written; a page or script copied from `Content/` is said; so is an
    /// empty `Content/`; and a name with invisible characters is shown escaped.
    @Test func whatThePageDropsOrPublishesAsItIsIsSaid() throws {
        var files = Self.vendor
        files["Content/events/e.md"] =
            "---\ntitle: E\ndate: 2026-01-01\ntype: other\nentities: [v]\nsources: [s]\n---\n"
            + "See [a](//evil.example/a) and [t](tel:+15551234).\n\nA [q](<a b.png>)\n\nB [r](../../notes.txt) and [u](tel:+15551234) [v](tel:+15551234).\n"
        files["Content/sources/page.html"] = "<script>alert(1)</script>\n"
        files["Content/sources/chart.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>\n"
        files["Content/sources/plain.svg"] = "<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>\n"
        files["Content/entities/z.md"] = "---\nname: Z\ntype: product\nparent: v\u{200B}\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        let check = try vane("check", in: kb.root)
        #expect(
            check.stderr == """
                Content/entities/z.md:4:9: error: unknown entity 'v\\u{200B}' (did you mean 'v'?)
                Content/events/e.md:8:9: warning: '//evil.example/a' leaves the site without a scheme: the link is shown as its text (write it with https:)
                Content/events/e.md:8:35: warning: 'tel:+15551234' is not an http, https, mailto or relative link: the page shows it as text
                Content/events/e.md:10:8: warning: 'a b.png' links to no file (Content/events/a b.png is not there): the page would show a dead link
                Content/events/e.md:12:7: warning: '../../notes.txt' links outside Content/, which the site does not publish: the page would show a dead link
                Content/events/e.md:12:32: warning: 'tel:+15551234' is not an http, https, mailto or relative link: the page shows it as text
                Content/events/e.md:12:51: warning: 'tel:+15551234' is not an http, https, mailto or relative link: the page shows it as text
                Content/sources/chart.svg: warning: holds script: it is published as it is, and a browser runs any script in it on the site's own address (raw HTML is off in bodies; set 'unsafe_html: true' in Site/config.yml to accept it)
                Content/sources/page.html: warning: is published as it is, and a browser runs any script in it on the site's own address (raw HTML is off in bodies; set 'unsafe_html: true' in Site/config.yml to accept it)
                1 error, 8 warnings

                """, "\(check.stderr)")
        let empty = try TemporaryKnowledgeBase(["Content/.keep": ""])
        #expect(
            try vane("check", in: empty.root).stderr
                == "Content: warning: holds no entries: the site and the database will have none (is this the right folder?)\n0 errors, 1 warning\n")
    }

    /// Every file a browser runs script from is said: server-side includes' `.shtml`, XHTML's
    /// `.xht`, an XML file or an SVG with a script element under a namespace prefix ran
    /// script on the site's address with no warning. A data file without script is quiet.
    @Test func everyScriptBearingFileIsSaid() throws {
        var files = Self.vendor
        files["Content/sources/a.shtml"] = "<p>hi</p>\n"
        files["Content/sources/b.xht"] = "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>\n"
        files["Content/sources/c.xml"] = "<x:html xmlns:x=\"http://www.w3.org/1999/xhtml\"><x:script>alert(1)</x:script></x:html>\n"
        files["Content/sources/d.svg"] =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:h=\"http://www.w3.org/1999/xhtml\"><h:script>alert(1)</h:script></svg>\n"
        files["Content/sources/data.xml"] = "<rows><row>1</row></rows>\n"
        let kb = try TemporaryKnowledgeBase(files)
        let check = try vane("check", in: kb.root).stderr
        for name in ["a.shtml", "b.xht"] { #expect(check.contains("Content/sources/\(name): warning: is published as it is"), "\(check)") }
        for name in ["c.xml", "d.svg"] { #expect(check.contains("Content/sources/\(name): warning: holds script"), "\(check)") }
        #expect(!check.contains("data.xml") && check.hasSuffix("0 errors, 4 warnings\n"), "\(check)")
    }

    /// The 404 page's stylesheet is inlined: a `</style` in it closed the element, and what
    /// followed ran as script on every address the host answers with that page.
    @Test func anInlinedStylesheetCannotCloseItsElement() throws {
        var files = Self.vendor
        files["Site/assets/style.css"] = "body { color: #111 } /* </style><script>alert(1)</script><style> */\n"
        let kb = try TemporaryKnowledgeBase(files)
        #expect(try vane("build", in: kb.root).status == 0)
        let page = try kb.read("public/404.html")
        #expect(!page.contains("</style><script>") && page.contains("/* <\\/style><script>alert(1)</script><style> */"), "\(page)")
    }

    /// A product deprecated before its sign-ups closed stays deprecated: its history has no
    /// "closed to new customers" row when the closure came (goo.gl's page had one, beside
    /// "Available today: Deprecated"). `--entity` given a use's id says what it is; a use's
    /// team that is not an id is warned of (an SBOM import refuses it).
    @Test func aClosureThatRaisesNothingHasNoHistoryRowAndAUseIsSaidAsOne() throws {
        var files = files(
            entities: ["shortener": "---\nname: Shortener\ntype: product\nparent: v\n---\n"],
            events: [
                ("launch", "2010-01-01", "{ shortener: { availability: generally-available, priority: maintained } }"),
                ("closing", "2018-03-30", "{ shortener: { availability: deprecated, priority: discontinued, closes: 2018-04-13 } }"),
            ])
        files["Content/uses/links.md"] = "---\nproduct: shortener\nteam: Web Team\n---\n"
        let kb = try TemporaryKnowledgeBase(files)
        let built = try vane("build", "--as-of", "2019-01-01", in: kb.root)
        #expect(built.status == 0)
        #expect(
            built.stderr.contains(
                "Content/uses/links.md:3:7: warning: team 'Web Team' is not an id (lowercase a-z, 0-9, '-'), as 'vane import sbom --team' takes it (did you mean 'web-team'?)"
            ), "\(built.stderr)")
        let page = try kb.read("public/entities/shortener.html")
        #expect(page.contains("Deprecated"))
        #expect(!page.contains("the announced closure came"), "\(page)")
        // Its API file says where it stands, as the page's "Available today" does.
        let api = try kb.read("public/api/v1/entities/shortener.json")
        #expect(api.contains("\"position\":{\"availability\":\"deprecated\",\"channels\":{},\"priority\":\"discontinued\"}"), "\(api)")
        let ends = try vane("ends", "--entity", "links", in: kb.root)
        #expect(ends.status == 64)
        #expect(ends.stderr.contains("'links' is a use, not an entity"), "\(ends.stderr)")
    }

    /// A fold is where a product's users went, a fact dated advice does not undo: advice
    /// naming it moves nothing in event time and in recorded time alike, and `successors:
    /// none` is warned of and leaves the fold (it emptied `folded_into`).
    @Test func datedAdviceKeepsWhatAProductWasFoldedInto() throws {
        let files = files(
            entities: [
                "domains": "---\nname: Domains\ntype: product\nparent: v\nfolded_into: [registrar]\n---\n",
                "registrar": "---\nname: Registrar\ntype: product\nparent: v\n---\n",
            ],
            events: [
                ("launch", "2015-01-01", "{ domains: { availability: generally-available, priority: invested } }"),
                ("sold", "2023-06-15", "{ domains: { priority: sunset, successors: [registrar] } }"),
                ("withdrawn", "2023-07-01", "{ domains: { successors: none } }"),
            ])
        let repo = try GitKnowledgeBase(copying: [])
        for (path, text) in files { try repo.kb.write(text, to: path) }
        try repo.commit("Domains", on: "2023-07-02")
        let built = try vane("build", in: repo.root)
        #expect(
            built.stderr.contains(
                "Content/events/withdrawn.md:7:34: warning: 'domains' was folded into 'registrar' (folded_into: where its users went): 'successors: none' withdraws advice, not the fold, which stays its successor (remove folded_into if its users did not carry over)"
            ), "\(built.stderr)")
        let changes = try vane("changes", "--from", "2023-01-01", "--to", "2023-12-31", in: repo.root).stdout
        #expect(!changes.contains("successors"), "\(changes)")
        let recorded = try vane("changes", "--from", "2023-01-01", "--to", "2023-12-31", "--recorded", in: repo.root).stdout
        #expect(!recorded.contains("successors"), "\(recorded)")
        let status = try vane("status", "--format", "json", in: repo.root).stdout
        #expect(status.contains("\"folded_into\" : [\n      \"registrar\"\n    ]"), "\(status)")
    }

    /// `ends: { china: none }` under the whole product's end still ahead: the channel
    /// outlives it (it was retired on the product's day, silently); a whole `ends: none`
    /// says each channel end it called off, not only the product's date.
    @Test func anEndCalledOffForOneChannelLeavesThatChannelAvailable() throws {
        let kb = try built(
            "anvil", "channels: [global, china]\n",
            events: [
                ("e1", "2017-01-01", "{ anvil: { availability: generally-available, priority: flagship } }"),
                ("e2", "2017-07-25", "{ anvil: { priority: sunset, ends: 2020-12-31 } }"),
                ("e3", "2020-12-01", "{ anvil: { ends: { china: none } } }"),
            ], asOf: "2021-06-01")
        let status = try vane("status", "--as-of", "2021-06-01", in: kb.root).stdout
        #expect(status.contains("generally-available (china: generally-available, global: retired)"), "\(status)")
        let changes = try vane("changes", "--from", "2020-12-01", "--to", "2020-12-31", in: kb.root).stdout
        #expect(changes.contains("anvil (china): end cancelled (it was announced for 31 December 2020)"), "\(changes)")
        #expect(changes.contains("anvil (global): availability generally-available → retired"), "\(changes)")
        #expect(!changes.contains("anvil (china): availability"), "\(changes)")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 0 && !check.stderr.contains("warning"), "\(check.stderr)")

        let whole = try built(
            "anvil", "channels: [pre, stable]\n",
            events: [
                ("e1", "2020-01-01", "{ anvil: { availability: generally-available } }"),
                ("e2", "2021-09-01", "{ anvil: { ends: 2023-06 } }"),
                ("e3", "2022-01-01", "{ anvil: { ends: { pre: 2023-01 } } }"),
                ("e4", "2022-12-09", "{ anvil: { ends: none } }"),
            ], asOf: "2022-12-31")
        let called = try vane("changes", "--from", "2022-12-01", "--to", "2022-12-31", in: whole.root).stdout
        #expect(called.contains("anvil (pre): end cancelled (it was announced for January 2023)"), "\(called)")
        #expect(called.contains("anvil: end cancelled (it was announced for June 2023)"), "\(called)")
    }

    /// A move made by an event dated after the site's day is said with its day in What's
    /// new and the feed: committed today, it comes on its own day (the feed told its readers
    /// Anvil was deprioritized, beside a board that still said invested).
    @Test func aMoveDatedAfterTheSitesDayIsSaidWithItsDay() throws {
        let files = files(
            entities: ["anvil": "---\nname: Anvil\ntype: product\nparent: v\n---\n"],
            events: [
                ("e1", "2020-01-01", "{ anvil: { availability: generally-available, priority: invested } }"),
                ("e2", "2026-12-20", "{ anvil: { priority: deprioritized } }"),
            ])
        let repo = try GitKnowledgeBase(copying: [])
        for (path, text) in files { try repo.kb.write(text, to: path) }
        try repo.commit("All", on: "2026-12-01")
        for (today, said) in [("2026-12-06", true), ("2026-12-20", false)] {
            var environment = ProcessInfo.processInfo.environment
            environment["VANE_TODAY"] = today
            #expect(try run(Repository.vane, ["build"], in: repo.root, environment: environment).status == 0)
            let move = "Anvil: priority Invested → Deprioritized"
            for page in ["public/index.html", "public/feeds/changes.atom"] {
                let text = try repo.kb.read(page)
                #expect(text.contains(move + (said ? " (from 20 December 2026)" : "<")), "\(today) \(page): \(text)")
            }
        }
        var environment = ProcessInfo.processInfo.environment
        environment["VANE_TODAY"] = "2026-12-06"
        // A site as of a day says it too (the event, dated later, is left out of that site),
        // and so does `vane changes --recorded`.
        #expect(try run(Repository.vane, ["build", "--as-of", "2026-12-06"], in: repo.root, environment: environment).status == 0)
        #expect(try repo.kb.read("public/index.html").contains("Anvil: priority Invested → Deprioritized (from 20 December 2026)"))
        let recorded = try run(
            Repository.vane, ["changes", "--recorded", "--from", "2026-12", "--to", "2026-12"], in: repo.root, environment: environment
        )
        .stdout
        #expect(recorded.contains("anvil: priority invested → deprioritized (from 2026-12-20)"), "\(recorded)")
        // The event redated later: each move is said from the day it moved at (the commit
        // moved the 20th back to invested; it read "Deprioritized → Invested (from 22 December
        // 2026)", the opposite of that day's move, and redated the first commit's move too).
        let e2 = "Content/events/e2.md"
        try repo.kb.write(try repo.kb.read(e2).replacingOccurrences(of: "2026-12-20", with: "2026-12-22"), to: e2)
        try repo.commit("Later", on: "2026-12-03")
        #expect(try run(Repository.vane, ["build"], in: repo.root, environment: environment).status == 0)
        let home = try repo.kb.read("public/index.html")
        #expect(home.contains("Anvil: priority Invested → Deprioritized (from 20 December 2026)"), "\(home)")
        #expect(home.contains("Anvil: priority Deprioritized → Invested (from 20 December 2026)"), "\(home)")
        #expect(!home.contains("(from 22 December 2026)"), "\(home)")
    }

    /// A verdict dated after the site's day: "What's new" says it is pending until then, as
    /// the claim's page does, and a report's `query claims` block of a site as of a later
    /// day shows it reached, as that site's pages do. A product gone is "Retired since" the
    /// day it was, and a month-precision end reads "in", not "on".
    @Test func aLaterVerdictAndAMonthsEndReadAsTheSiteDoes() throws {
        var files = files(
            entities: ["anvil": "---\nname: Anvil\ntype: product\nparent: v\nchannels: [app, api]\n---\n"],
            events: [
                ("e1", "2020-01-01", "{ anvil: { availability: generally-available, priority: invested } }"),
                ("e2", "2024-03-01", "{ anvil: { ends: { app: 2024-10 } } }"),
            ])
        files["Content/claims/stays.md"] =
            "---\ntitle: Anvil stays\ndate: 2026-01-01\ntype: commitment\nclaimant: v\nabout: [anvil]\nsources: [s]\nverdict: broken\nverdict_date: 2026-12-20\nverdict_sources: [s]\n---\n"
        files["Content/reports/r.md"] = "---\ntitle: R\ndate: 2026-01-01\n---\n```vane\nquery claims\n```\n"
        let repo = try GitKnowledgeBase(copying: [])
        for (path, text) in files { try repo.kb.write(text, to: path) }
        try repo.commit("All", on: "2026-12-01")
        #expect(try vane("build", "--as-of", "2026-12-06", in: repo.root).status == 0)
        #expect(try repo.kb.read("public/index.html").contains("verdict recorded as broken, dated 20 December 2026 (pending until then)"))
        #expect(try vane("build", "--as-of", "2024-07-01", "--out", "past", in: repo.root).status == 0)
        #expect(try repo.kb.read("past/entities/anvil.html").contains("app ends in October 2024"))
        #expect(try vane("build", "--as-of", "2026-12-31", "--out", "later", in: repo.root).status == 0)
        let report = try repo.kb.read("later/reports/r.html")
        #expect(report.contains(">broken<") && !report.contains(">pending<"), "\(report)")
    }

    /// Products under a product that are not its release cycles are counted as products on
    /// the board ("2 release cycles available: Chrome Manifest V3 extensions, …" read wrong);
    /// named as its versions, they are its cycles.
    @Test func subProductsFoldAsProductsAndVersionsAsCycles() throws {
        let entities = [
            "chrome": "---\nname: Chrome\ntype: product\nparent: v\n---\n",
            "mv3": "---\nname: Manifest V3 extensions\ntype: product\nparent: chrome\n---\n",
            "cookies": "---\nname: Third-party cookies\ntype: product\nparent: chrome\n---\n",
            "tool": "---\nname: Tool\ntype: product\nparent: v\n---\n",
            "tool-1": "---\nname: Tool 1.0\ntype: product\nparent: tool\n---\n",
            "tool-2": "---\nname: Tool v2\ntype: product\nparent: tool\n---\n",
        ]
        let events = ["mv3", "cookies", "tool-1", "tool-2"].map { id in
            ("e-\(id)", "2024-01-01", "{ \(id): { availability: generally-available, priority: maintained } }")
        }
        let kb = try built(entities: entities, events: events, asOf: "2024-06-01")
        let page = try kb.read("public/status.html")
        #expect(page.contains("2 products available: Manifest V3 extensions, Third-party cookies"), "\(page)")
        #expect(page.contains("2 release cycles available: 1.0, v2"), "\(page)")
    }

    /// Dated advice is read by every page: the new model's page says what it succeeds (it
    /// said nothing, and the middle one still "succeeded" the old), the event page says the
    /// advice moved from the model's own successors; `vane exposure` says "about" of days
    /// left to a month's end; a use of a model family is told to name one of its models.
    @Test func adviceIsReadByEveryPageAndAMonthsDaysLeftAreAbout() throws {
        let entities = [
            "old": "---\nname: Old Model\ntype: model\nparent: v\nsuccessors: [mid]\n---\n",
            "mid": "---\nname: Mid Model\ntype: model\nparent: v\n---\n",
            "new": "---\nname: New Model\ntype: model\nparent: v\n---\n",
            "fam": "---\nname: Fam\ntype: model-family\nparent: v\n---\n",
            "lm-1": "---\nname: LM 1\ntype: model\nparent: fam\n---\n",
        ]
        let events = [
            (
                "launch", "2024-01-01",
                "{ old: { availability: generally-available, priority: maintained }, lm-1: { availability: generally-available } }"
            ),
            ("advice", "2025-01-01", "{ old: { successors: [new], ends: 2027-03 } }"),
        ]
        let kb = try built(entities: entities, events: events, asOf: "2026-12-06")
        #expect(try kb.read("public/entities/new.html").contains("<dt>Succeeds</dt><dd><a href=\"../entities/old.html\">Old Model</a></dd>"))
        #expect(!(try kb.read("public/entities/mid.html")).contains("<dt>Succeeds</dt>"))
        #expect(try kb.read("public/events/advice.html").contains("<td data-label=\"Value\">Mid Model → New Model</td>"))
        try kb.write("---\nproduct: old\nteam: web\n---\n", to: "Content/uses/web-old.md")
        try kb.write("---\nproduct: fam\nteam: web\n---\n", to: "Content/uses/web-fam.md")
        let build = try vane("build", "--as-of", "2026-12-06", in: kb.root)
        #expect(
            build.stderr.contains(
                "Content/uses/web-fam.md:2:10: warning: 'fam' has no status of its own, only its models: name the one you use (product: lm-1, say), or this use is not tracked"
            ), "\(build.stderr)")
        let exposure = try vane("exposure", "--as-of", "2026-12-06", in: kb.root).stdout
        #expect(exposure.contains("March 2027  about 85 "), "\(exposure)")
    }

    /// Dated advice that closes a circle (a → b, then b → a) is an error where it is
    /// written, as a circle of successors is (every view led a product back to itself); a
    /// use of a model retired with no end announced says where it stands on its page.
    @Test func adviceClosingACircleIsAnErrorAndAGoneUseHasItsStanding() throws {
        let entities = ["a": "---\nname: A\ntype: model\nparent: v\n---\n", "b": "---\nname: B\ntype: model\nparent: v\n---\n"]
        let kb = try TemporaryKnowledgeBase(
            files(
                entities: entities,
                events: [
                    (
                        "launch", "2024-01-01",
                        "{ a: { availability: generally-available, priority: flagship }, b: { availability: generally-available } }"
                    ),
                    ("to-b", "2025-01-01", "{ a: { availability: retired, successors: [b] } }"),
                    ("to-a", "2025-06-01", "{ b: { successors: [a] } }"),
                ]))
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains("Content/events/to-a.md:7:28: error: successor cycle from 1 June 2025, by dated advice: a → b → a"),
            "\(check.stderr)")
        try kb.write("---\ntitle: to-a\ndate: 2025-06-01\ntype: other\nentities: [v]\nsources: [s]\n---\n", to: "Content/events/to-a.md")
        try kb.write("---\nproduct: a\nteam: web\n---\n", to: "Content/uses/web-a.md")
        #expect(try vane("build", "--as-of", "2026-01-01", in: kb.root).status == 0)
        let use = try kb.read("public/uses/web-a.html")
        #expect(use.contains("<dt>Standing</dt><dd>gone"), "\(use)")
    }

    /// A site as of a day before anything was recorded says so, rather than headers over
    /// nothing (the chart's data and the risk board) or a blank timeline and sources page.
    @Test func aSiteBeforeAnythingWasRecordedSaysSo() throws {
        let kb = try built(
            "anvil", events: [("launch", "2024-01-01", "{ anvil: { availability: generally-available, priority: maintained } }")],
            asOf: "2023-06-01")
        let status = try kb.read("public/status.html")
        #expect(!status.contains("The chart's data") && !status.contains("<h2 id=\"risk-board\">"), "\(status)")
        #expect(try kb.read("public/timeline.html").contains("<p>No event is recorded yet.</p>"))
        let index = try kb.read("public/index.html")
        #expect(index.contains("<p>No event is recorded yet.</p>") && !index.contains("on the timeline</a>"), "\(index)")
        #expect(try vane("build", "--as-of", "2024-06-01", in: kb.root).status == 0)
        #expect(try kb.read("public/index.html").contains(">All 1 event on the timeline</a>"))
        #expect(try kb.read("public/status.html").contains("<h2 id=\"risk-board\">"))
    }

    /// An end comes at the start of its day, before that day's events, whatever their file
    /// names (a return dated on the end's day kept the product or not by its id); a closure
    /// for what is already deprecated is counted down nowhere; an end announced in a later
    /// period than a recorded retirement is no announcement in `vane changes`.
    @Test func anEndComesBeforeItsDaysEventsAndWhatIsGoneAnnouncesNothing() throws {
        for returning in ["a0-return", "e3-return"] {
            let kb = try built(
                "anvil", "channels: [api, app]\n",
                events: [
                    ("e1-launch", "2025-01-01", "{ anvil: { availability: generally-available, priority: maintained } }"),
                    ("e2-end", "2025-03-01", "{ anvil: { priority: sunset, ends: 2025-06-30 } }"),
                    (returning, "2025-06-30", "{ anvil: { availability: generally-available } }"),
                ], asOf: "2025-07-01")
            let status = try vane("status", "--as-of", "2025-07-01", in: kb.root).stdout
            #expect(status.contains("generally-available (api: generally-available, app: generally-available)"), "\(returning): \(status)")
        }
        let closing = try built(
            "anvil", "channels: [api, app]\n",
            events: [
                ("e1", "2025-01-01", "{ anvil: { availability: generally-available, priority: maintained } }"),
                ("e2", "2025-03-01", "{ anvil: { availability: deprecated } }"),
                ("e3", "2025-04-01", "{ anvil: { closes: { api: 2025-05-15 } } }"),
            ], asOf: "2025-05-01")
        #expect(!(try vane("status", "--as-of", "2025-05-01", in: closing.root).stdout).contains("sign-ups close"))
        let gone = try built(
            "anvil",
            events: [
                ("e1", "2025-01-01", "{ anvil: { availability: generally-available } }"),
                ("e2", "2025-06", "{ anvil: { availability: retired } }"),
                ("e4", "2025-07-01", "{ anvil: { ends: 2026-01-31 } }"),
            ], asOf: "2026-06-01")
        let changes = try vane("changes", "--from", "2025-01-01", "--to", "2026-12-31", in: gone.root).stdout
        #expect(!changes.contains("end announced"), "\(changes)")
        // The pages say it moved nothing (they read "30 June 2025 → 31 January 2026").
        #expect(
            try gone.read("public/events/e4.html").contains(
                "<td data-label=\"Value\">31 January 2026 (moves nothing: what it ends was already gone)</td>"))
        // So is a closure announced once an announced end came (not recorded): for the whole
        // product, and for a channel whose end came (it was listed, with its notice). One
        // for a channel the end did not reach still closes.
        let ended = try built(
            "anvil", "channels: [api, app]\n",
            events: [
                ("e1", "2025-01-01", "{ anvil: { availability: generally-available, priority: maintained } }"),
                ("e2", "2025-02-01", "{ anvil: { ends: 2025-06-30 } }"),
                ("e3", "2025-03-01", "{ anvil: { ends: { api: 2025-04-30 } } }"),
                ("e4", "2025-05-01", "{ anvil: { closes: { api: 2025-05-31, app: 2025-05-31 } } }"),
                ("e5", "2025-07-01", "{ anvil: { closes: 2025-12-01 } }"),
            ], asOf: "2026-06-01")
        let closures = try vane("changes", "--from", "2025-01-01", "--to", "2026-12-31", "--format", "json", in: ended.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(closures.utf8)) as? [[String: Any]])
        #expect(
            rows.filter { $0["kind"] as? String == "closes" }.map { "\($0["id"] ?? "") \($0["channel"] ?? "")" } == ["e4 app"], "\(closures)")
        #expect(
            try ended.read("public/events/e5.html").contains(
                "<td data-label=\"Value\">1 December 2025 (moves nothing: what it ends was already gone)</td>"))
    }

    /// Sign-ups closed the day a whole-product deprecation was announced: the channel's end,
    /// announced for its own day, falls after its event's changes (the event's whole
    /// `deprecated` undid it, while every countdown said it had ended). A whole `ends: none`
    /// that calls off a channel's end still ahead is no "cancels nothing", though another
    /// channel's end came before it.
    @Test func anEndAnnouncedForItsOwnDayFallsAfterItsEvent() throws {
        let kb = try built(
            "pinpoint", "channels: [new-customers, existing-customers]\n",
            events: [
                ("e1", "2020-01-01", "{ pinpoint: { availability: generally-available, priority: invested } }"),
                (
                    "e2", "2025-05-20",
                    "{ pinpoint: { availability: deprecated, priority: sunset, ends: { new-customers: 2025-05-20, existing-customers: 2026-10-30 } } }"
                ),
                ("e3", "2025-08-01", "{ pinpoint: { availability: generally-available, ends: none } }"),
            ], asOf: "2025-06-01")
        let show = try vane("show", "pinpoint", "--as-of", "2025-06-01", in: kb.root).stdout
        #expect(show.contains("availability: deprecated (existing-customers: deprecated, new-customers: retired)"), "\(show)")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 0 && !check.stderr.contains("cancels nothing"), "\(check.stderr)")
        let changes = try vane("changes", "--from", "2025-08-01", "--to", "2025-08-01", in: kb.root).stdout
        #expect(changes.contains("pinpoint (existing-customers): end cancelled"), "\(changes)")
    }

    /// Two ends on one day: the exact announcement is the one counted (an approximate
    /// rumour with a longer notice won, "about 415 days").
    @Test func aTieForTheSoonestEndPrefersTheExactAnnouncement() throws {
        let kb = try built(
            "chime", "channels: [meetings, business-calling]\n",
            events: [
                ("e1", "2020-01-01", "{ chime: { availability: generally-available, priority: maintained } }"),
                ("e2-rumour", "~2025-01", "{ chime: { ends: { business-calling: 2026-02-20 } } }"),
                ("e3-notice", "2025-02-14", "{ chime: { ends: { meetings: 2026-02-20 } } }"),
            ], asOf: "2025-06-30")
        let status = try vane("status", "--as-of", "2025-06-30", "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [[String: Any]])
        let ends = try #require(rows.first?["ends"] as? [String: Any])
        #expect(ends["event"] as? String == "e3-notice" && ends["channel"] as? String == "meetings", "\(ends)")
    }

    /// An end announced for a product whose launch is not recorded yet is an end: risk 100
    /// (it read "-", while `vane ends` counted it down).
    @Test func anAnnouncedEndScoresWithoutARecordedAvailability() throws {
        let kb = try built("anvil", events: [("e1", "2026-03-01", "{ anvil: { priority: sunset, ends: 2027-06-30 } }")], asOf: "2026-06-01")
        let status = try vane("status", "--as-of", "2026-06-01", "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(status.utf8)) as? [[String: Any]])
        #expect(rows.first?["risk"] as? Int == 100, "\(status)")
        // A priority alone still has no score: both axes are needed outside an end.
        let drift = try built("anvil", events: [("e1", "2026-03-01", "{ anvil: { priority: sunset } }")], asOf: "2026-06-01")
        let none = try vane("status", "--as-of", "2026-06-01", "--format", "json", in: drift.root).stdout
        let noRisk = try #require(try JSONSerialization.jsonObject(with: Data(none.utf8)) as? [[String: Any]])
        #expect(noRisk.first?["risk"] is NSNull, "\(none)")
    }

    /// A successor that an earlier one's onward line reaches is said once (Skype folded into
    /// Teams classic, gone, → New Teams; and New Teams again).
    @Test func aSuccessorReachedThroughAnotherIsSaidOnce() throws {
        let product = { (id: String, front: String) in "---\nname: \(id)\ntype: product\nparent: v\n\(front)---\n" }
        let kb = try built(
            entities: [
                "skype": product("Skype", "folded_into: [teams-classic]\nsuccessors: [new-teams]\n"),
                "teams-classic": product("Teams classic", "successors: [new-teams]\n"), "new-teams": product("New Teams", ""),
            ],
            events: [
                (
                    "e1", "2020-01-01",
                    "{ skype: { availability: generally-available }, teams-classic: { availability: generally-available }, new-teams: { availability: generally-available } }"
                ),
                ("e2", "2025-07-01", "{ teams-classic: { availability: retired }, skype: { availability: retired } }"),
            ], asOf: "2025-08-01")
        let status = try vane("status", "--as-of", "2025-08-01", in: kb.root).stdout
        let line = try #require(status.split(separator: "\n").first { $0.contains("skype ") })
        #expect(line.components(separatedBy: "new-teams").count == 2, "\(line)")
        let page = try kb.read("public/status.html")
        let gone = try #require(page.components(separatedBy: "\n").first { $0.contains(">Skype<") && $0.contains("folded into") })
        #expect(gone.components(separatedBy: "New Teams (").count == 2, "\(gone)")
        // The chart's data table names what replaces a product too, with its position.
        try kb.write(product("Teams classic", "successors: [new-teams]\n"), to: "Content/entities/teams-classic.md")
        let (path, text) = event("e2", "2025-07-01", "{ skype: { availability: retired }, teams-classic: { availability: deprecated } }")
        try kb.write(text, to: path)
        #expect(try vane("build", "--as-of", "2025-08-01", in: kb.root).status == 0)
        #expect(
            try kb.read("public/status.html").contains(
                "<td data-label=\"Earlier positions\">1 January 2020: Generally available, unknown</td><td data-label=\"Succeeded by\">New Teams (Generally available)</td>"
            ))
    }
}
