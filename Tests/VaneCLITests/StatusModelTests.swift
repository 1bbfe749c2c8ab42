import Foundation
import Testing
import VaneTestSupport

/// The status model on a story written as an analyst would (AWS's 2024–2026 wind-downs,
/// `Tests/Fixtures/aws`): channels that are all named, sign-ups that close, a reversal,
/// history drawn where it happened, and announcements as changes in event time.
struct StatusModelTests {
    private func built() throws -> TemporaryKnowledgeBase {
        try .built(copying: [Repository.fixture("aws/Content")], asOf: "2026-12-01", quiet: true)
    }

    private func rows(_ kb: TemporaryKnowledgeBase, asOf: String, entity: String? = nil) throws -> [String: [String: Any]] {
        let result = try vane(["status", "--as-of", asOf, "--format", "json"] + (entity.map { ["--entity", $0] } ?? []), in: kb.root)
        #expect(result.status == 0, "\(result.stderr)")
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        return Dictionary(uniqueKeysWithValues: list.map { ($0["entity"] as! String, $0) })
    }

    /// A whole-product value sets every channel the product has: no channel is left over
    /// from an earlier whole-product value.
    @Test func everyChannelIsNamedAndAWholeValueSetsThemAll() throws {
        let kb = try built()
        let before = try rows(kb, asOf: "2024-08-31")
        let workdocs = try #require(before["workdocs"]?["availability"] as? [String: Any])
        #expect(workdocs["value"] as? String == "deprecated")
        #expect(workdocs["event"] as? String == "2024-04-workdocs-wind-down")
        let channels = try #require(workdocs["channels"] as? [String: [String: Any]])
        #expect(channels.mapValues { $0["value"] as! String } == ["existing-customers": "deprecated", "new-customers": "retired"])
        // Deprecated on every channel the author named, with no end: on the way out.
        let chime = try rows(kb, asOf: "2025-06-30")["chime"]
        #expect((chime?["risk_factors"] as? [String: Any])?["band"] as? String == "on-the-way-out")
        // P = 0.6 (maintained), V = 5/6, S = 0.9, m = 5, W = 0.875: 70 + round(29 × 0.9 × 0.875) = 93.
        #expect(chime?["risk"] as? Int == 93)
        // Both named channels ended: gone since the last one went.
        let workmail = try #require(try rows(kb, asOf: "2027-04-30")["workmail"])
        #expect(workmail["retired"] as? Bool == true)
        #expect(iso((workmail["availability"] as? [String: Any])?["date"]) == "2027-03-31")
        expectGolden(try vane("status", "--as-of", "2024-08-31", in: kb.root).stdout, "Tests/VaneCLITests/Golden/aws-status-2024-08-31.txt")
        expectGolden(try vane("status", "--as-of", "2027-04-30", in: kb.root).stdout, "Tests/VaneCLITests/Golden/aws-status-2027-04-30.txt")
    }

    /// Sign-ups that close strand no existing builder: counted down, on the way out, below
    /// an end of service; then the product stands at `closed-to-new`.
    @Test func signUpsThatCloseAreCountedDownBelowAnEnd() throws {
        let kb = try built()
        let board = try vane("status", "--as-of", "2026-03-15", in: kb.root)
        expectGolden(board.stdout, "Tests/VaneCLITests/Golden/aws-status-2026-03-15.txt")
        let rows = try rows(kb, asOf: "2026-03-15")
        let runner = try #require(rows["app-runner"])
        #expect(runner["risk"] as? Int == 82)
        #expect((runner["risk_factors"] as? [String: Any])?["band"] as? String == "on-the-way-out")
        #expect(runner["ends"] is NSNull)
        let closes = try #require(runner["closes"] as? [String: Any])
        #expect(closes["kind"] as? String == "closure")
        #expect(iso(closes["date"]) == "2026-04-30")
        #expect(closes["days_left"] as? Int == 46)
        #expect(closes["notice_days"] as? Int == 59)
        // `vane show` says the closure that sets the risk, as `status` does.
        #expect(
            try vane("show", "app-runner", "--as-of", "2026-03-15", in: kb.root).stdout.contains(
                "  sign-ups close: 30 April 2026, 46 days left, after 59 days of notice (2026-03-02-app-runner-closes)\n"))
        #expect(rows["app-mesh"]?["risk"] as? Int == 100)
        let after = try #require(try self.rows(kb, asOf: "2026-05-01")["app-runner"]?["availability"] as? [String: Any])
        #expect(after["value"] as? String == "closed-to-new")
        #expect(after["label"] as? String == "Closed to new customers")
        #expect(iso(after["date"]) == "2026-04-30")
    }

    /// A closure that came where sign-ups opened again since says so in `vane show` (it
    /// read as if the product were still closed to new customers).
    @Test func aClosureFollowedByAReopeningSaysSoInShow() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/cc.md": "---\nname: CC\ntype: product\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2015-07-09\ntype: launch\nentities: [cc]\nstatus:\n  cc: { availability: generally-available, priority: invested }\n---\n",
            "Content/events/b.md":
                "---\ntitle: B\ndate: 2024-06-25\ntype: deprecation\nentities: [cc]\nstatus:\n  cc: { priority: deprioritized, closes: 2024-07-25 }\n---\n",
        ])
        #expect(try vane("build", "--as-of", "2026-12-01", in: kb.root).status == 0)
        let closed = try vane("show", "cc", "--as-of", "2025-01-01", in: kb.root).stdout
        #expect(closed.contains("  sign-ups close: 25 July 2024, closed 160 days ago, after 30 days of notice (b)\n"), "\(closed)")
        try kb.write(
            "---\ntitle: C\ndate: 2025-11-24\ntype: other\nentities: [cc]\nstatus:\n  cc: { availability: generally-available }\n---\n",
            to: "Content/events/c.md")
        #expect(try vane("build", "--as-of", "2026-12-01", in: kb.root).status == 0)
        let open = try vane("show", "cc", "--as-of", "2026-12-01", in: kb.root).stdout
        #expect(open.contains("  sign-ups close: 25 July 2024, closed 859 days ago, open again now, after 30 days of notice (b)\n"), "\(open)")
    }

    /// CodeCommit closed to new customers in 2024 and reopened in 2025: the reopening is a
    /// move on the channel it changed, in the JSON, in `vane changes` and on the chart.
    @Test func aReversalIsAMove() throws {
        let kb = try built()
        let codecommit = try #require(try rows(kb, asOf: "2026-01-01")["codecommit"])
        let moves = (codecommit["moves"] as! [[String: Any]]).filter { $0["axis"] as? String == "availability" }.map {
            "\(iso($0["date"])!) \($0["channel"] as? String ?? "-") \($0["from"] as? String ?? "-") → \($0["to"]!)"
        }
        #expect(
            moves == [
                "2015-07-09 - - → generally-available", "2024-07-25 new-customers generally-available → retired",
                "2025-11-24 new-customers retired → generally-available",
            ])
        let changes = try vane("changes", "--from", "2025-11", "--to", "2025-11", in: kb.root)
        #expect(changes.stdout.contains("codecommit (new-customers): availability retired → generally-available"))
        let page = try String(contentsOf: kb.url("public/entities/codecommit.html"), encoding: .utf8)
        #expect(
            page.contains(
                "From 24 November 2025: availability generally available (existing-customers generally available, new-customers generally available), priority invested."
            ))
    }

    /// In recorded time too, the reopening names the value the product had on the channel it
    /// changed, not the new file's "nothing before".
    @Test func aRecordedReversalNamesTheValueTheProductHad() throws {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("aws/Content")])
        let reopened = "Content/events/2025-11-24-codecommit-reopened.md"
        let text = try repo.kb.read(reopened)
        try repo.kb.remove(reopened)
        try repo.commit("The AWS story to October 2025", on: "2025-10-01")
        try repo.kb.write(text, to: reopened)
        try repo.commit("CodeCommit reopens", on: "2025-11-25")
        #expect(try vane("build", "--as-of", "2026-12-01", in: repo.root).status == 0)
        let changes = try vane("changes", "--from", "2025-11-25", "--to", "2025-11-25", "--recorded", "--format", "csv", in: repo.root).stdout
        let rows = changes.components(separatedBy: "\r\n").filter { $0.contains(",status,") }.map { $0.components(separatedBy: ",")[3] }
        #expect(
            rows == [
                "codecommit (new-customers): availability retired → generally-available", "codecommit: priority deprioritized → invested",
                "codecommit: successors github → none",
            ])
    }

    /// A recorded change names a channel with its tier, as the changes at the events' dates
    /// do (`esu (paid)`; it said `esu`).
    @Test func aRecordedChangeNamesTheChannelsTier() throws {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("exchange-esu/Content")])
        try repo.commit("Exchange 2019", on: "2025-09-01")
        #expect(try vane("build", "--as-of", "2026-12-01", in: repo.root).status == 0)
        let changes = try vane("changes", "--from", "2025-09-01", "--to", "2025-09-01", "--recorded", in: repo.root).stdout
        #expect(changes.contains("exchange-server-2019 (esu (paid)): end none → 2026-04-14"), "\(changes)")
        #expect(changes.contains("exchange-server-2019 (standard): availability none → generally-available"), "\(changes)")
    }

    /// The retirement an end causes is drawn at its own date, after the announcement's point.
    @Test func historyIsDrawnWhereItHappened() throws {
        let kb = try built()
        let page = try String(contentsOf: kb.url("public/entities/app-mesh.html"), encoding: .utf8)
        #expect(
            page.contains(
                "<desc id=\"history-desc\">From 27 March 2019: availability generally available, priority invested. From 24 September 2024: availability deprecated, priority sunset. From 30 September 2026: availability retired, priority sunset.</desc>"
            ))
        // The status history lists the retirement at its own date too.
        #expect(
            page.contains(
                "<tr><td class=\"lead\"><time datetime=\"2026-09-30\">30 September 2026</time></td><td data-label=\"Axis\">availability</td><td data-label=\"Channel\">all</td><td data-label=\"Value\">Retired (the announced end came)</td><td data-label=\"Set by\"><a href=\"../events/2024-09-24-app-mesh-sunset.html\">AWS announces the end of App Mesh</a></td></tr>"
            ))
    }

    /// An announcement is a change on the day it is made; the end is a move on its day.
    @Test func announcedEndsAreChangesInEventTime() throws {
        let kb = try built()
        let changes = try vane("changes", "--from", "2024-07-01", "--to", "2024-09-30", in: kb.root)
        #expect(changes.status == 0, "\(changes.stderr)")
        expectGolden(changes.stdout, "Tests/VaneCLITests/Golden/aws-changes-2024-q3.txt")
        let end = try vane("changes", "--from", "2025-07-31", "--to", "2025-07-31", in: kb.root)
        #expect(end.stdout.contains("qldb: availability deprecated → retired"))
        let page = try String(contentsOf: kb.url("public/changes.html"), encoding: .utf8)
        #expect(page.contains("30 April 2026 (59 days of notice)"))
        // The quarter under way runs to the as-of day: the ends of 30 April 2026 are no change
        // yet on 15 April (WorkMail's and App Runner's), though announced.
        #expect(page.contains("<time datetime=\"2026-04-30\">"))
        let early = kb.url("early")
        #expect(try vane("build", "--as-of", "2026-04-15", "--out", early.path, in: kb.root).status == 0)
        let before = try String(contentsOf: early.appendingPathComponent("changes.html"), encoding: .utf8)
        #expect(!before.contains("<time datetime=\"2026-04-30\">") && before.contains("30 April 2026 (59 days of notice)"))
    }

    /// An end met late by a recorded retirement is one move, on the retirement's day, in
    /// every window and on `changes.html`: the announced day is no move once the
    /// retirement is known, whichever quarter is asked for.
    @Test func anEndMetLateIsOneMoveOnTheDayOfTheRetirement() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/anvil.md": "---\nname: Anvil\ntype: product\n---\n",
            "Content/events/e1.md":
                "---\ntitle: Anvil launches\ndate: 2024-01-01\ntype: launch\nentities: [anvil]\nstatus:\n  anvil: { availability: generally-available, priority: flagship }\n---\n",
            "Content/events/e2.md":
                "---\ntitle: Anvil end announced\ndate: 2025-10-01\ntype: deprecation\nentities: [anvil]\nstatus:\n  anvil: { availability: deprecated, priority: sunset, ends: 2026-03-31 }\n---\n",
            "Content/events/e3.md":
                "---\ntitle: Anvil switched off, late\ndate: 2026-04-02\ntype: shutdown\nentities: [anvil]\nstatus:\n  anvil: { availability: retired }\n---\n",
        ])
        #expect(try vane("build", "--as-of", "2026-06-30", in: kb.root).status == 0)
        let page = try kb.read("public/changes.html")
        #expect(page.components(separatedBy: "Deprecated → Retired").count - 1 == 1, "one retirement on changes.html")
        #expect(
            page.contains(
                "<time datetime=\"2026-04-02\">2 April 2026</time> · <a href=\"entities/anvil.html\">Anvil</a>: availability Deprecated → Retired"))
        for to in ["2026-03", "2026-06"] {
            let changes = try run(
                Repository.vane, ["changes", "--from", "2026-01", "--to", to, "--format", "csv"], in: kb.root,
                environment: ProcessInfo.processInfo.environment.merging(["VANE_TODAY": "2026-06-30"]) { _, day in day })
            #expect(changes.status == 0, "\(changes.stderr)")
            let retired = changes.stdout.split(whereSeparator: \.isNewline).filter { $0.contains("deprecated → retired") }
            #expect(retired.count == (to == "2026-03" ? 0 : 1), "--to \(to): \(retired)")
            #expect(retired.allSatisfy { $0.hasPrefix("2026-04-02,") }, "--to \(to): \(retired)")
        }
    }

    /// A site as of a day still to come says so on every page, and stops saying so once the
    /// day has come (the pages are made again: no page keeps the note).
    @Test func aSiteAsOfADayToComeSaysItIsAProjection() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\n",
            "Content/entities/anvil.md": "---\nname: Anvil\ntype: product\nparent: acme\n---\n",
            "Content/events/a.md":
                "---\ntitle: Anvil ends\ndate: 2026-01-10\ntype: deprecation\nentities: [anvil]\nstatus:\n  anvil: { availability: deprecated, ends: 2027-03-01 }\n---\n",
        ])
        func build(today: String, out: String) throws -> [String: String] {
            let result = try run(
                Repository.vane, ["build", "--as-of", "2027-06-30", "--out", out], in: kb.root,
                environment: ProcessInfo.processInfo.environment.merging(["VANE_TODAY": today]) { _, day in day })
            #expect(result.status == 0, "\(result.stderr)")
            return try snapshot(of: kb.url(out)).filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
        }
        let note =
            "<p class=\"projection\" role=\"note\">This site is as of <time datetime=\"2027-06-30\">30 June 2027</time>, a day still to come: "
            + "what it shows after <time datetime=\"2026-12-01\">1 December 2026</time>, the day it was made, is what had been announced by then"
        let ahead = try build(today: "2026-12-01", out: "site")
        #expect(!ahead.isEmpty && ahead.allSatisfy { $0.value.contains(note) }, "\(ahead.filter { !$0.value.contains(note) }.keys.sorted())")
        // The day comes: the same site, built again in place, has no note, as a full build has none.
        let come = try build(today: "2027-07-01", out: "site")
        #expect(come.allSatisfy { !$0.value.contains("class=\"projection\"") })
        #expect(come == (try build(today: "2027-07-01", out: "fresh")))
        // A month not over yet shows its last day: a projection too (it said nothing).
        let month = try run(
            Repository.vane, ["build", "--as-of", "2026-12", "--out", "month"], in: kb.root,
            environment: ProcessInfo.processInfo.environment.merging(["VANE_TODAY": "2026-12-05"]) { _, day in day })
        #expect(month.status == 0, "\(month.stderr)")
        #expect(
            try kb.read("month/index.html").contains(
                "This site is as of <time datetime=\"2026-12\">December 2026</time>, a period not over yet: what it shows after"))
    }

    /// Moves of periods that start together come coarser first, as the timeline's events do
    /// (a July move came before a third quarter's).
    @Test func movesOfPeriodsStartingTogetherComeCoarserFirst() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/acme-ml.md": "---\nname: Acme ML\ntype: product\n---\n",
            "Content/entities/beta-store.md": "---\nname: Beta Store\ntype: product\n---\n",
            "Content/events/a.md":
                "---\ntitle: Beta Store opens\ndate: 2024-07\ntype: launch\nentities: [beta-store]\nstatus:\n  beta-store: { availability: generally-available }\n---\n",
            "Content/events/z.md":
                "---\ntitle: Acme ML opens\ndate: 2024-Q3\ntype: launch\nentities: [acme-ml]\nstatus:\n  acme-ml: { availability: preview }\n---\n",
        ])
        #expect(try vane("build", "--as-of", "2025-06-30", in: kb.root).status == 0)
        let changes = try vane("changes", "--from", "2024", "--to", "2025", "--format", "csv", in: kb.root)
        let rows = changes.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map {
            $0.components(separatedBy: ",").prefix(3).joined(separator: ",")
        }
        #expect(rows == ["2024-Q3,move,z", "2024-Q3,event,z", "2024-07,move,a", "2024-07,event,a"], "\(changes.stdout)")
    }

    /// Calling an end off (`ends: none`) is a change on its day, in `vane changes` and on the
    /// site's "what changed" (neither listed it: only the event).
    @Test func aCancelledEndIsAChange() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/mesh.md": "---\nname: Mesh\ntype: product\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2024-01-10\ntype: deprecation\nentities: [mesh]\nstatus:\n  mesh: { availability: generally-available, priority: sunset, ends: 2026-09-30 }\n---\n",
            "Content/events/b.md": "---\ntitle: B\ndate: 2025-01-10\ntype: other\nentities: [mesh]\nstatus:\n  mesh: { ends: none }\n---\n",
        ])
        #expect(try vane("build", "--as-of", "2025-03-31", in: kb.root).status == 0)
        let changes = try vane("changes", "--from", "2025-01", "--to", "2025-01", in: kb.root).stdout
        #expect(changes.contains("mesh: end cancelled (it was announced for 30 September 2026)"), "\(changes)")
        let csv = try vane("changes", "--from", "2025-01", "--to", "2025-01", "--format", "csv", in: kb.root).stdout
        #expect(csv.contains(",mesh,ends,,2026-09-30,none,"), "\(csv)")
        #expect(try kb.read("public/changes.html").contains("<a href=\"entities/mesh.html\">Mesh</a>: end cancelled: it was 30 September 2026"))
    }

    /// Every announcement is a change on its day, one a later announcement replaced too; an
    /// extension says the end it moved and keeps the notice from the first announcement, and
    /// `announced:` counts the notice from the vendor's own day.
    @Test func everyAnnouncementIsListedWithTheNoticeItGave() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("---\nname: Relay\ntype: product\nparent: acme\n---\n", to: "Content/entities/relay.md")
        try kb.write("---\nname: Beacon\ntype: product\nparent: acme\n---\n", to: "Content/entities/beacon.md")
        func event(_ id: String, _ date: String, _ status: String) throws {
            try kb.write(
                "---\ntitle: \(id)\ndate: \(date)\ntype: other\nentities: [acme]\nsources: [acme-blog]\nstatus:\n\(status)---\n",
                to: "Content/events/\(id).md")
        }
        try event(
            "a1", "2024-01-01",
            "  relay: { availability: deprecated, ends: 2025-01-01 }\n  beacon: { ends: { date: 2025-01-01, announced: 2023-01-01 } }\n")
        try event("a2", "2024-06-01", "  relay: { ends: 2025-07-01 }\n")
        #expect(try vane("build", "--as-of", "2024-12-31", in: kb.root).status == 0)
        let json = try vane("changes", "--from", "2024", "--to", "2024", "--format", "json", in: kb.root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let ends = rows.filter { $0["kind"] as? String == "ends" }.map {
            [iso($0["date"]), $0["id"] as? String, $0["from"] as? String, $0["to"] as? String, $0["what"] as? String]
        }
        #expect(
            ends == [
                ["2024-01-01", "a1", nil, "2025-01-01", "beacon: end announced for 1 January 2025 (731 days of notice from 1 January 2023)"],
                ["2024-01-01", "a1", nil, "2025-01-01", "relay: end announced for 1 January 2025 (366 days of notice)"],
                [
                    "2024-06-01", "a2", "2025-01-01", "2025-07-01",
                    "relay: end announced for 1 July 2025 (547 days of notice from the first announcement (1 January 2024), 395 days from this announcement)",
                ],
            ], "\(ends)")
        // The site's changes page says the same.
        let page = try kb.read("public/changes.html")
        #expect(
            page.contains("1 July 2025 (547 days of notice from the first announcement (1 January 2024), 395 days from this announcement)")
                && page.contains("1 January 2025 (731 days of notice from 1 January 2023)")
        )
        // An extension the vendor said before the event's source: its own notice from the
        // vendor's day, in every view (it counted from the event's, where only the published
        // database counted from the vendor's).
        try event("a3", "2024-09-01", "  relay: { ends: { date: 2025-12-31, announced: 2024-08-15 } }\n")
        #expect(try vane("build", "--as-of", "2024-12-31", in: kb.root).status == 0)
        let later = try vane("ends", "--entity", "relay", "--as-of", "2024-12-31", "--format", "json", in: kb.root).stdout
        let end = try #require((try JSONSerialization.jsonObject(with: Data(later.utf8)) as? [[String: Any]])?.first)
        #expect(end["extension_notice_days"] as? Int == 503 && end["notice_days"] as? Int == 730, "\(end)")
        let listed = try vane("changes", "--from", "2024-09", "--to", "2024-09", in: kb.root).stdout
        #expect(
            listed.contains(
                "relay: end announced for 31 December 2025 (730 days of notice from the first announcement (1 January 2024), 503 days from this announcement (15 August 2024))"
            ), "\(listed)")
    }

    /// Advice is dated: AWS pointed CodeCommit's users to GitHub in 2024 and withdrew it
    /// when it reopened the service in 2025.
    @Test func successorAdviceIsDatedAndCanBeWithdrawn() throws {
        let kb = try built()
        #expect(try rows(kb, asOf: "2025-01-01")["codecommit"]?["successors"] as? [String] == ["github"])
        #expect(try rows(kb, asOf: "2026-01-01")["codecommit"]?["successors"] as? [String] == [])
        let changes = try vane("changes", "--from", "2024-07", "--to", "2025-11", "--entity", "codecommit", in: kb.root).stdout
        let advice = changes.split(separator: "\n").filter { $0.contains("  successors  ") }.map {
            $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        #expect(
            advice == [
                "2024-07-25 successors 2024-07-25-codecommit-closed codecommit: successors none → github",
                "2025-11-24 successors 2025-11-24-codecommit-reopened codecommit: successors github → none",
            ])
        let page = try String(contentsOf: kb.url("public/entities/codecommit.html"), encoding: .utf8)
        #expect(page.contains("<td data-label=\"Axis\">successors</td><td data-label=\"Channel\">all</td><td data-label=\"Value\">GitHub</td>"))
        #expect(
            page.contains(
                "<td data-label=\"Axis\">successors</td><td data-label=\"Channel\">all</td><td data-label=\"Value\">none (advice withdrawn)</td>"))
        #expect(!page.contains("<dt>Succeeded by</dt>"))
        #expect(try vane("build", "--as-of", "2025-01-01", in: kb.root).status == 0)
        let then = try String(contentsOf: kb.url("public/entities/codecommit.html"), encoding: .utf8)
        #expect(then.contains("<dt>Succeeded by</dt><dd><a href=\"../entities/github.html\">GitHub</a></dd>"))
    }

    /// `vane show --json` gives the structure `vane status --format json` has, and every
    /// JSON date is ISO with `approximate`, never `~2024-04` in the text.
    @Test func showJSONIsTheStatusRowAndDatesAreISO() throws {
        let kb = try built()
        let show = try vane("show", "workdocs", "--as-of", "2024-08-31", "--json", in: kb.root)
        let dossier = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let status = try #require(dossier["status"] as? [String: Any])
        let row = try #require(try rows(kb, asOf: "2024-08-31")["workdocs"])
        func canonical(_ object: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: .sortedKeys), as: UTF8.self)
        }
        #expect(try canonical(status) == canonical(row))
        #expect(iso(dossier["as_of"]) == "2024-08-31")
        let end = try #require(status["ends"] as? [String: Any])
        let announced = try #require(end["announced"] as? [String: Any])
        #expect(announced["iso"] as? String == "2024-04" && announced["approximate"] as? Bool == true)
        #expect(announced["start"] as? String == "2024-04-01" && announced["end"] as? String == "2024-04-30")
        #expect((end["date"] as? [String: Any])?["approximate"] as? Bool == false)
        let event = try vane("show", "2024-04-workdocs-wind-down", "--json", in: kb.root).stdout
        let fields = try #require((try JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any])?["fields"] as? [String: Any])
        #expect(iso(fields["date"]) == "2024-04")
        let commands = [
            ["status", "--as-of", "2024-08-31"], ["ends", "--as-of", "2024-08-31", "--within", "3650"],
            ["changes", "--from", "2024", "--to", "2024"],
        ]
        for command in commands {
            let out = try vane(command + ["--format", "json"], in: kb.root)
            #expect(out.status == 0, "\(out.stderr)")
            #expect(!out.stdout.contains("\"~"), "\(command[0]) writes a date with '~'")
        }
    }

    /// Windows 10's end was set in 2021; the analyst's earliest source is the 2023 restatement.
    /// `announced:` on the end keeps the notice customers had (1,573 days, not 901), in every
    /// view; a restatement of the same date keeps it too.
    @Test func anEndSaysWhenItWasFirstAnnounced() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/microsoft.md": "---\nname: Microsoft\ntype: vendor\n---\n",
            "Content/entities/windows-10.md": "---\nname: Windows 10\ntype: product\nparent: microsoft\n---\n",
            "Content/sources/ms.md": "---\ntitle: Microsoft lifecycle\npublisher: microsoft\nurl: https://learn.microsoft.com/lifecycle\n---\n",
            "Content/events/2015-07-29-windows-10.md":
                "---\ntitle: Windows 10 ships\ndate: 2015-07-29\ntype: launch\nentities: [windows-10]\nsources: [ms]\nstatus:\n  windows-10: { availability: generally-available, priority: flagship }\n---\n",
            "Content/events/2023-04-27-final-version.md":
                "---\ntitle: 22H2 is the final version of Windows 10\ndate: 2023-04-27\ntype: statement\nentities: [windows-10]\nsources: [ms]\nstatus:\n  windows-10: { priority: maintained, ends: { date: 2025-10-14, announced: 2021-06-24 } }\n---\n",
            "Content/events/2024-10-31-restated.md":
                "---\ntitle: Support still ends 14 October 2025\ndate: 2024-10-31\ntype: statement\nentities: [windows-10]\nsources: [ms]\nstatus:\n  windows-10: { ends: 2025-10-14 }\n---\n",
        ])
        let build = try vane("build", "--as-of", "2025-01-01", in: kb.root)
        #expect(build.status == 0 && build.stderr.isEmpty, "\(build.stderr)")
        let ends = try vane("ends", "--as-of", "2025-01-01", "--format", "json", in: kb.root).stdout
        let end = try #require((try JSONSerialization.jsonObject(with: Data(ends.utf8)) as? [[String: Any]])?.first)
        #expect(end["notice_days"] as? Int == 1573)
        #expect(iso(end["first_announced"]) == "2021-06-24" && iso(end["announced"]) == "2023-04-27")
        #expect(end["first_event"] as? String == "2023-04-27-final-version" && end["extension_notice_days"] is NSNull)
        #expect(try vane("ends", "--as-of", "2025-01-01", in: kb.root).stdout.contains("1573 days"))
        // The site's API and the calendar of ends say it too (they gave the notice with only
        // the announcing event's day).
        let api = try #require(
            (try JSONSerialization.jsonObject(with: Data(try kb.read("public/api/v1/graph.json").utf8)) as? [String: Any])?["announced_ends"]
                as? [[String: Any]])
        #expect(api.count == 1 && iso(api[0]["first_announced"]) == "2021-06-24" && api[0]["notice_days"] as? Int == 1573)
        let calendar = try kb.read("public/feeds/ends.ics").replacingOccurrences(of: "\r\n ", with: "")
        #expect(
            calendar.contains(
                "DESCRIPTION:Announced 27 April 2023 (22H2 is the final version of Windows 10): 1573 days of notice from 24 June 2021."),
            "\(calendar)")
        // An announcement cannot come after its event or after the date it announces.
        try kb.write(
            "---\ntitle: T\ndate: 2023-04-27\ntype: statement\nentities: [windows-10]\nsources: [ms]\nstatus:\n  windows-10: { ends: { date: 2025-10-14, announced: 2024-01 } }\n---\n",
            to: "Content/events/2023-04-27-final-version.md")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.hasPrefix(
                "Content/events/2023-04-27-final-version.md:8:54: error: 'announced' (2024-01) is after its event (2023-04-27): it says when the vendor first said so\n"
            ))
        // A key of the dated form mistyped is said at the key, with the one it was meant for
        // (it made a channel named 'date', and an end before its event).
        try kb.write(
            "---\ntitle: T\ndate: 2023-04-27\ntype: statement\nentities: [windows-10]\nsources: [ms]\nstatus:\n  windows-10: { ends: { date: 2025-10-14, annouced: 2021-06-24 } }\n---\n",
            to: "Content/events/2023-04-27-final-version.md")
        let typo = try vane("check", in: kb.root)
        #expect(
            typo.status == 1
                && typo.stderr.hasPrefix(
                    "Content/events/2023-04-27-final-version.md:8:43: error: unknown key 'annouced' in a dated end (did you mean 'announced'?); it takes 'date' and 'announced'\n"
                ) && !typo.stderr.contains("channel"), "\(typo.stderr)")
    }

    /// Teams left the Microsoft 365 suites (EEA 2023, worldwide 2024) and is sold on its own:
    /// suites declared as `bundle` channels close without a fall. GPT-4o leaving ChatGPT while
    /// its API stays is still a fall: ChatGPT is a way of using it, not of buying it.
    @Test func unbundlingIsNotDecline() throws {
        let event = { (id: String, date: String, status: String) in
            (
                "Content/events/\(id).md",
                "---\ntitle: \(id)\ndate: \(date)\ntype: other\nentities: [microsoft]\nsources: [ms]\nstatus:\n  \(status)\n---\n"
            )
        }
        let files = Dictionary(
            uniqueKeysWithValues: [
                ("Content/entities/microsoft.md", "---\nname: Microsoft\ntype: vendor\n---\n"),
                ("Content/entities/openai.md", "---\nname: OpenAI\ntype: vendor\n---\n"),
                (
                    "Content/entities/teams.md",
                    "---\nname: Microsoft Teams\ntype: product\nparent: microsoft\nchannels: [standalone, { suite-eea: bundle }, { suite-world: bundle }]\n---\n"
                ),
                ("Content/entities/gpt-4o.md", "---\nname: GPT-4o\ntype: model\nparent: openai\nchannels: [api, chatgpt]\n---\n"),
                ("Content/sources/ms.md", "---\ntitle: Source\npublisher: microsoft\nurl: https://example.com/\n---\n"),
                event(
                    "2017-03-14-teams", "2017-03-14",
                    "teams: { availability: { suite-eea: generally-available, suite-world: generally-available }, priority: flagship }"),
                // Announced ahead: sign-ups to the EEA suites close, the world's suites end.
                event("2023-08-31-announced", "2023-08-31", "teams: { closes: { suite-eea: 2023-10-01 }, ends: { suite-world: 2024-04-01 } }"),
                event("2023-10-01-eea", "2023-10-01", "teams: { availability: { suite-eea: retired, standalone: generally-available } }"),
                event("2024-04-01-world", "2024-04-01", "teams: { availability: { suite-world: retired } }"),
                event("2024-05-13-gpt-4o", "2024-05-13", "gpt-4o: { availability: generally-available, priority: flagship }"),
                event("2025-08-07-gpt-5", "2025-08-07", "gpt-4o: { availability: { chatgpt: retired }, priority: maintained }"),
            ])
        let kb = try TemporaryKnowledgeBase(files)
        let build = try vane("build", "--as-of", "2024-12-31", in: kb.root)
        #expect(build.status == 0 && build.stderr.isEmpty, "\(build.stderr)")
        let teams = try #require(try rows(kb, asOf: "2024-12-31")["teams"])
        #expect(teams["risk"] as? Int == 0)
        #expect((teams["risk_factors"] as? [String: Any])?["decline"] as? Double == 0)
        #expect(teams["channel_tiers"] as? [String: String] == ["suite-eea": "bundle", "suite-world": "bundle"])
        let table = try vane("status", "--as-of", "2024-12-31", in: kb.root).stdout
        #expect(table.contains("generally-available (standalone: generally-available, suite-eea (bundle): retired, suite-world (bundle): retired)"))
        // A bundle's closure or end announced ahead weighs nothing either (it read 70, then
        // 100, and fell back to 0 when the bundle closed); the board cites no bundle's move.
        for day in ["2023-09-15", "2024-02-01"] {
            let before = try #require(try rows(kb, asOf: day)["teams"])
            #expect(before["risk"] as? Int == 0, "\(day)")
            #expect((before["risk_factors"] as? [String: Any])?["band"] as? String == "drift", "\(day)")
        }
        #expect(try vane("build", "--as-of", "2024-12-31", in: kb.root).status == 0)
        let status = try kb.read("public/status.html")
        let board = try #require(status.range(of: "<h2 id=\"risk-board\">"))
        let row = try #require(status[board.upperBound...].range(of: "entities/teams.html\">Microsoft Teams</a>"))
        let why = try #require(status[row.upperBound...].range(of: "<td data-label=\"Why\">"))
        let cell = status[why.upperBound...].prefix { $0 != "\n" }.components(separatedBy: "<details>")[0]
        // Not the suites' closing: what set today's values, Teams sold on its own.
        #expect(cell.hasPrefix("<time datetime=\"2023-10-01\">1 October 2023</time>: availability (standalone)"), "\(cell)")
        #expect(!cell.contains("(bundle)"), "\(cell)")
        let gpt = try #require(try rows(kb, asOf: "2025-12-31")["gpt-4o"])
        #expect((gpt["risk_factors"] as? [String: Any])?["decline"] as? Double == 1)
        #expect((gpt["risk"] as? Int ?? 0) > 30)
    }

    /// A whole-product end that a channel's own later end outlives is the end of the other
    /// channels, and every view says whose: `14 October 2025 (standard)` on the boards and
    /// the product's page (it was the product's, while the EEA's updates went on), and in
    /// the EEA's view it ends nothing (it counted down to it, not to the EEA's own end).
    @Test func aWholeProductEndOutlivedByAChannelIsTheOtherChannelsEnd() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/microsoft.md": "---\nname: Microsoft\ntype: vendor\n---\n",
            "Content/entities/eea.md": "---\nname: European Economic Area\ntype: org\n---\n",
            "Content/entities/windows-10.md": "---\nname: Windows 10\ntype: product\nparent: microsoft\nchannels: [standard, eea]\n---\n",
            "Content/events/2015-07-29-windows-10.md":
                "---\ntitle: Ships\ndate: 2015-07-29\ntype: launch\nentities: [windows-10]\nstatus:\n  windows-10: { availability: { standard: generally-available }, priority: flagship }\n---\n",
            "Content/events/2021-06-24-end.md":
                "---\ntitle: End\ndate: 2021-06-24\ntype: deprecation\nentities: [windows-10]\nstatus:\n  windows-10: { priority: maintained, ends: 2025-10-14 }\n---\n",
            "Content/events/2025-09-25-eea.md":
                "---\ntitle: EEA\ndate: 2025-09-25\ntype: pricing\nentities: [windows-10, eea]\nstatus:\n  windows-10: { availability: { eea: generally-available }, ends: { eea: 2026-10-13 } }\n---\n",
        ])
        #expect(try vane("build", "--as-of", "2025-10-01", in: kb.root).status == 0)
        let status = try vane("status", "--as-of", "2025-10-01", in: kb.root).stdout
        #expect(status.contains("14 October 2025 (standard), 13 days left"), "\(status)")
        let region = try vane("status", "--as-of", "2025-10-01", "--entity", "eea", in: kb.root).stdout
        #expect(region.contains("13 October 2026 (eea), 377 days left  383 days"), "\(region)")
        let ends = try vane("ends", "--as-of", "2025-10-01", "--entity", "eea", "--format", "csv", in: kb.root).stdout
        #expect(
            ends.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map {
                $0.components(separatedBy: ",").prefix(4).joined(separator: ",")
            } == ["windows-10,eea,,2026-10-13"])
        let page = try kb.read("public/entities/windows-10.html")
        #expect(
            page.contains(
                "<p class=\"reading\">Still generally available; standard ends on 14 October 2025, announced with 1573 days of notice, and European Economic Area goes on after it.</p>"
            ), "\(page)")
        // The chart names the channel as the page does (its legend said `eea`).
        #expect(page.contains("font-size=\"11\">European Economic Area</text>") && !page.contains("font-size=\"11\">eea</text>"))
    }

    /// A channel named for a region is scoped as a channel: the EEA's board and countdown show
    /// what is offered through the EEA (free consumer ESU to 13 October 2026), not the
    /// commercial ESU to 2028.
    @Test func aRegionsViewsAreScopedToItsChannels() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/microsoft.md": "---\nname: Microsoft\ntype: vendor\n---\n",
            "Content/entities/european-union.md": "---\nname: European Union\ntype: org\n---\n",
            "Content/entities/eea.md": "---\nname: European Economic Area\ntype: org\nparent: european-union\n---\n",
            "Content/entities/windows-10.md":
                "---\nname: Windows 10\ntype: product\nparent: microsoft\nchannels: [standard, { commercial-esu: paid }, eea]\n---\n",
            "Content/sources/ms.md": "---\ntitle: Source\npublisher: microsoft\nurl: https://example.com/\n---\n",
            "Content/events/2015-07-29-windows-10.md":
                "---\ntitle: Windows 10 ships\ndate: 2015-07-29\ntype: launch\nentities: [windows-10]\nsources: [ms]\nstatus:\n  windows-10: { availability: { standard: generally-available }, priority: flagship }\n---\n",
            "Content/events/2025-06-24-esu.md":
                "---\ntitle: ESU for consumers, free in the EEA\ndate: 2025-06-24\ntype: pricing\nentities: [windows-10, eea]\nsources: [ms]\nstatus:\n  windows-10: { availability: { commercial-esu: generally-available, eea: generally-available }, priority: sunset, ends: { standard: 2025-10-14, commercial-esu: 2028-10-10, eea: 2026-10-13 } }\n---\n",
        ])
        let build = try vane("build", "--as-of", "2025-12-01", in: kb.root)
        #expect(build.status == 0 && build.stderr.isEmpty, "\(build.stderr)")
        let ends = try vane("ends", "--as-of", "2025-12-01", "--entity", "eea", "--format", "csv", in: kb.root).stdout
        #expect(
            ends.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map {
                $0.components(separatedBy: ",").prefix(4).joined(separator: ",")
            } == ["windows-10,eea,,2026-10-13"])
        let row = try #require(try rows(kb, asOf: "2025-12-01", entity: "eea")["windows-10"])
        #expect((row["availability"] as? [String: Any])?["channels"] as? [String: [String: Any]] != nil)
        #expect(((row["availability"] as? [String: Any])?["channels"] as? [String: Any])?.keys.sorted() == ["eea"])
        #expect(row["via"] as? [String] == ["eea"])
        #expect(iso((row["ends"] as? [String: Any])?["date"]) == "2026-10-13")
        // Microsoft's own board has every channel.
        let all = try #require(try rows(kb, asOf: "2025-12-01")["windows-10"])
        #expect(iso((all["ends"] as? [String: Any])?["date"]) == "2026-10-13")
        #expect(((all["availability"] as? [String: Any])?["channels"] as? [String: Any])?.keys.sorted() == ["commercial-esu", "eea", "standard"])
        // The region's own page lists what is offered through it, with the EEA's end.
        let page = try kb.read("public/entities/eea.html")
        let offered = try #require(page.firstRange(of: #/<section aria-labelledby="offered">[\s\S]*?</section>/#))
        let section = String(page[offered])
        #expect(section.contains("<h2 id=\"offered\">Offered through European Economic Area</h2>"))
        #expect(section.contains(#"<a href="../entities/windows-10.html">Windows 10</a>"#), "\(section)")
        #expect(section.contains("<span class=\"countdown\">316 days left</span>"), "\(section)")
        #expect(!(try kb.read("public/entities/european-union.html")).contains("aria-labelledby=\"offered\""))
    }

    /// Skype was folded into Teams (accounts and chats carried over); Visual Studio for Mac
    /// was only succeeded by VS Code. Boards, the table, the JSON and both pages tell them apart.
    @Test func foldedIntoIsNotSucceededBy() throws {
        let event = { (id: String, date: String, status: String) in
            (
                "Content/events/\(id).md",
                "---\ntitle: \(id)\ndate: \(date)\ntype: shutdown\nentities: [microsoft]\nsources: [ms]\nstatus:\n  \(status)\n---\n"
            )
        }
        let kb = try TemporaryKnowledgeBase(
            Dictionary(uniqueKeysWithValues: [
                ("Content/entities/microsoft.md", "---\nname: Microsoft\ntype: vendor\n---\n"),
                ("Content/entities/teams.md", "---\nname: Microsoft Teams\ntype: product\nparent: microsoft\n---\n"),
                ("Content/entities/vs-code.md", "---\nname: Visual Studio Code\ntype: product\nparent: microsoft\n---\n"),
                ("Content/entities/skype.md", "---\nname: Skype\ntype: product\nparent: microsoft\nfolded_into: [teams]\n---\n"),
                ("Content/entities/vs-mac.md", "---\nname: Visual Studio for Mac\ntype: product\nparent: microsoft\nsuccessors: [vs-code]\n---\n"),
                ("Content/sources/ms.md", "---\ntitle: Source\npublisher: microsoft\nurl: https://example.com/\n---\n"),
                event(
                    "launches", "2024-01-01",
                    "teams: { availability: generally-available, priority: flagship }\n  vs-code: { availability: generally-available, priority: flagship }"
                ),
                event("skype-retired", "2025-02-28", "skype: { availability: generally-available, priority: sunset, ends: 2025-05-05 }"),
                event("vs-mac-retired", "2024-08-29", "vs-mac: { availability: generally-available, priority: sunset, ends: 2025-08-31 }"),
            ]))
        let build = try vane("build", "--as-of", "2025-05-01", in: kb.root)
        #expect(build.status == 0 && build.stderr.isEmpty, "\(build.stderr)")
        let table = try vane("status", "--as-of", "2025-05-01", in: kb.root).stdout
        #expect(table.contains("teams (folded into; generally-available · flagship)"))
        #expect(table.contains("vs-code (generally-available · flagship)"))
        let rows = try rows(kb, asOf: "2025-05-01")
        #expect(rows["skype"]?["folded_into"] as? [String] == ["teams"] && rows["vs-mac"]?["folded_into"] as? [String] == [])
        let skype = try kb.read("public/entities/skype.html")
        #expect(skype.contains("<dt>Folded into</dt><dd><a href=\"../entities/teams.html\">Microsoft Teams</a>"))
        #expect(skype.contains("its users were carried over</dd>") && !skype.contains("<dt>Succeeded by</dt>"))
        #expect(try kb.read("public/entities/teams.html").contains("<dt>Absorbed</dt><dd><a href=\"../entities/skype.html\">Skype</a></dd>"))
        #expect(try kb.read("public/entities/vs-mac.html").contains("<dt>Succeeded by</dt>"))
        #expect(try kb.read("public/status.html").contains("folded into Microsoft Teams (Generally available · Flagship)"))
        // The countdown says it too: `vane ends` (table and JSON), the ends board, the chart's
        // chips (which read "succeeded by folded into …"), and the gone list once it is gone.
        let ends = try vane("ends", "--as-of", "2025-05-01", in: kb.root).stdout
        #expect(ends.contains("teams (folded into)") && ends.contains(" vs-code "), "\(ends)")
        let json = try vane("ends", "--as-of", "2025-05-01", "--format", "json", in: kb.root).stdout
        #expect(json.contains("\"folded_into\" : [\n      \"teams\"\n    ]"), "\(json)")
        let status = try kb.read("public/status.html")
        #expect(status.contains("<td data-label=\"Succeeded by\"><a href=\"entities/teams.html\">folded into Microsoft Teams</a></td>"))
        #expect(!status.contains("succeeded by folded into") && status.contains("; folded into Microsoft Teams"))
        // The calendar of ends too (it read "Succeeded by Microsoft Teams").
        let calendar = try kb.read("public/feeds/ends.ics").replacingOccurrences(of: "\r\n ", with: "")
        #expect(
            calendar.contains("Folded into Microsoft Teams: its users were carried over.") && calendar.contains("Succeeded by Visual Studio Code."))
        #expect(!calendar.contains("Succeeded by Microsoft Teams"))
        #expect(try vane("build", "--as-of", "2025-06-01", in: kb.root).status == 0)
        #expect(
            try kb.read("public/status.html").contains(
                "Skype</a> · Retired since <time datetime=\"2025-05-05\">5 May 2025</time> · → folded into Microsoft Teams"))
    }

    /// A successor is shown where decisions are made, with its own position.
    @Test func successorsWithTheirPosition() throws {
        let kb = try built()
        let table = try vane("status", "--as-of", "2026-03-15", in: kb.root).stdout
        #expect(table.contains("ecs-service-connect (generally-available · invested)"))
        #expect(try vane("build", "--as-of", "2026-03-15", in: kb.root).status == 0)
        // Within one vendor's tree too, a successor under another vendor shows where it stands.
        let kb2 = try TemporaryKnowledgeBase([
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\n",
            "Content/entities/globex.md": "---\nname: Globex\ntype: vendor\n---\n",
            "Content/entities/old-thing.md": "---\nname: Old Thing\ntype: product\nparent: acme\nsuccessors: [new-thing]\n---\n",
            "Content/entities/new-thing.md": "---\nname: New Thing\ntype: product\nparent: globex\n---\n",
            "Content/events/e1.md":
                "---\ntitle: Launches\ndate: 2024-01-01\ntype: launch\nentities: [old-thing, new-thing]\nstatus:\n"
                + "  old-thing: { availability: generally-available, priority: flagship }\n"
                + "  new-thing: { availability: generally-available, priority: flagship }\n---\n",
            "Content/events/e2.md":
                "---\ntitle: Old sunset\ndate: 2025-01-01\ntype: deprecation\nentities: [old-thing]\nstatus:\n"
                + "  old-thing: { availability: deprecated, priority: sunset }\n---\n",
        ])
        #expect(try vane("build", in: kb2.root).status == 0)
        let scoped = try vane("status", "--entity", "acme", in: kb2.root).stdout
        #expect(scoped.contains("new-thing (generally-available · flagship)"), "\(scoped)")
        #expect(!scoped.contains("globex"), "a row outside acme: \(scoped)")
        let status = try String(contentsOf: kb.url("public/status.html"), encoding: .utf8)
        #expect(status.contains("<span class=\"successor\">→ Amazon ECS Service Connect (Generally available · Invested)</span>"))
        #expect(status.contains("; succeeded by Amazon ECS Service Connect (Generally available · Invested)</title>"))
        let page = try String(contentsOf: kb.url("public/entities/app-mesh.html"), encoding: .utf8)
        #expect(
            page.contains(
                "<dt>Succeeded by</dt><dd><a href=\"../entities/ecs-service-connect.html\">Amazon ECS Service Connect</a> <span class=\"successor\">(Generally available · Invested)</span></dd>"
            ))
    }
}
