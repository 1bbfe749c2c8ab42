import Testing
import VaneContent
import VaneDiagnostics
import VaneTestSupport

/// The as-of rule at each precision, channels, and the platform-risk properties.
struct StatusTests {
    let scales = StatusScales(SiteConfig())

    private func change(_ event: String, _ date: String, _ axis: StatusSetting.Axis, _ value: String, channel: String? = nil, entity: String = "p")
        -> StatusChange
    {
        StatusChange(
            event: event, entity: entity, axis: axis, channel: channel, value: value, date: try! FuzzyDate(parsing: date), location: .top(of: "x"))
    }

    private func status(_ changes: [StatusChange], asOf: String) -> EntityStatus? {
        StatusTimeline.statuses(changes, asOf: try! FuzzyDate(parsing: asOf), scales: scales)["p"]
    }

    // MARK: - As of

    @Test(
        arguments: [
            // A month-precision change counts from the first day of its month…
            ("2026-04", "2026-03-31", nil), ("2026-04", "2026-04-01", "maintained"), ("2026-04", "2026-03", nil),
            ("2026-04", "2026-04", "maintained"),
            // …a quarter from the first day of its quarter…
            ("2026-Q2", "2026-03", nil), ("2026-Q2", "2026-04-01", "maintained"), ("2026-Q2", "2026-Q2", "maintained"), ("2026-Q2", "2026-Q1", nil),
            // …a year from 1 January…
            ("2026", "2025-12-31", nil), ("2026", "2026-01-01", "maintained"), ("2026", "2026", "maintained"), ("2026", "2025", nil),
            // …and a day from that day; an as-of period includes its whole length.
            ("2026-04-08", "2026-04-07", nil), ("2026-04-08", "2026-04-08", "maintained"), ("2026-04-08", "2026-04", "maintained"),
            ("2026-04-08", "2026-Q1", nil),
            ("~2026-04", "2026-04-01", "maintained"),
        ] as [(String, String, String?)])
    func asOfRuleAtEachPrecision(changeDate: String, asOf: String, expected: String?) {
        let changes = [change("a", "2020", .priority, "flagship"), change("b", changeDate, .priority, "maintained")]
        let value = status(changes, asOf: asOf)?.priority?.value
        #expect(value == (expected ?? "flagship"))
    }

    @Test func theLatestChangeWinsWithTiesByPrecisionThenEvent() {
        let changes = [
            change("z-day", "2026-04-01", .priority, "sunset"),
            change("b-month", "2026-04", .priority, "invested"),
            change("a-month", "2026-04", .priority, "maintained"),
        ]
        // Same start: month precision first (a-month, then b-month), then the day.
        #expect(status(changes, asOf: "2026-04")?.priority?.value == "sunset")
        #expect(status(Array(changes.dropFirst()), asOf: "2026-04")?.priority?.event == "b-month")
    }

    /// Periods that start on one day happen together, whatever their precision: a value held
    /// only between them was never held, so it is no move, no fall and no best value (a
    /// year's launch and a deprecation on its first day read as one move to deprecated,
    /// decline 0, where they read as a launch then a fall, decline 0.83).
    @Test func periodsStartingOnOneDayHappenTogether() throws {
        let changes = [
            change("y", "2024", .availability, "generally-available"), change("y", "2024", .priority, "flagship"),
            change("d", "2024-01-01", .availability, "deprecated"), change("d", "2024-01-01", .priority, "flagship"),
        ]
        let s = try #require(status(changes, asOf: "2024-06"))
        // The deprecation restates the launch's priority: the launch brought it there.
        #expect(
            s.moves.map { "\($0.axis.rawValue) \($0.from ?? "none") → \($0.to) (\($0.event))" } == [
                "availability none → deprecated (d)", "priority none → flagship (y)",
            ])
        #expect(s.decline == 0 && s.lastFall == nil)
        #expect(s.points.count == 1)
        // A fall and a rise back the same day are no fall.
        let back = [
            change("a", "2020", .availability, "generally-available"), change("b", "2024-03", .availability, "deprecated"),
            change("c", "2024-03-01", .availability, "generally-available"),
        ]
        let t = try #require(status(back, asOf: "2024-06"))
        #expect(t.moves.count == 1 && t.decline == 0 && t.lastFall == nil)
        // Back where the day began, each axis and channel keeps the event and date that set
        // it then (the priority and the channels named the day's second event).
        let round = [
            change("a", "2025-01-01", .availability, "generally-available"), change("a", "2025-01-01", .priority, "maintained"),
            change("b", "2025-05-01", .availability, "deprecated"), change("b", "2025-05-01", .priority, "sunset"),
            change("c", "2025-05-01", .availability, "generally-available"), change("c", "2025-05-01", .priority, "maintained"),
        ]
        let r = try #require(
            StatusTimeline.statuses(round, channels: ["p": ["api", "app"]], asOf: try FuzzyDate(parsing: "2025-07-01"), scales: scales)["p"])
        #expect([r.availability?.event, r.priority?.event] + r.channels.values.map(\.event) == ["a", "a", "a", "a"], "\(r)")
        #expect(r.moves.count == 2 && r.priority?.date.text == "2025-01-01")
        // A restatement on a later day confirms the value: the change that brought it there
        // still set it, as SINCE says (the priority named the restatement, the availability not).
        let restated = try #require(
            StatusTimeline.statuses(
                Array(round.prefix(2)) + [
                    change("d", "2025-06-01", .priority, "maintained"), change("d", "2025-06-01", .availability, "generally-available"),
                ],
                channels: ["p": ["api", "app"]], asOf: try FuzzyDate(parsing: "2025-07-01"), scales: scales)["p"])
        #expect([restated.availability?.event, restated.priority?.event] == ["a", "a"])
        #expect(restated.moves.count == 2 && restated.since?.text == "2025-01-01")
        // The warning of a fall from nothing reads where the first day ended.
        let warned = try load([
            "Content/entities/q.md": "---\nname: Q\ntype: product\n---\n",
            "Content/events/d.md":
                "---\ntitle: D\ndate: 2024-01-01\ntype: other\nentities: [q]\nsources: [tns]\nstatus:\n  q: { availability: deprecated }\n---\n",
            "Content/events/y.md":
                "---\ntitle: Y\ndate: 2024-01-01\ntype: launch\nentities: [q]\nsources: [tns]\nstatus:\n  q: { availability: generally-available }\n---\n",
        ])
        #expect(!warned.diagnostics.contains { $0.message.contains("a fall from nothing") }, "\(warned.diagnostics)")
        let fell = try load([
            "Content/entities/q.md": "---\nname: Q\ntype: product\n---\n",
            "Content/events/y.md":
                "---\ntitle: Y\ndate: 2024\ntype: launch\nentities: [q]\nsources: [tns]\nstatus:\n  q: { availability: generally-available }\n---\n",
            "Content/events/d.md":
                "---\ntitle: D\ndate: 2024-01-01\ntype: other\nentities: [q]\nsources: [tns]\nstatus:\n  q: { availability: deprecated }\n---\n",
        ])
        #expect(fell.diagnostics.map(\.description).contains { $0.hasPrefix("Content/events/d.md:") && $0.contains("a fall from nothing") })
    }

    @Test func nothingBeforeTheFirstChange() {
        #expect(status([change("a", "2026", .priority, "flagship")], asOf: "2025-12") == nil)
    }

    // MARK: - Channels

    @Test func overallAvailabilityIsTheMostAvailableChannel() throws {
        let changes = [
            change("launch", "2026-04", .availability, "consumer-only", channel: "app"),
            change("api", "2026-05", .availability, "preview", channel: "api"),
        ]
        let s = try #require(status(changes, asOf: "2026-12"))
        #expect(s.availability?.value == "preview")
        #expect(s.availability?.event == "api")
        #expect(s.channels.mapValues(\.value) == ["app": "consumer-only", "api": "preview"])
        // A channel keeps its value until a change names it again.
        let later = try #require(status(changes + [change("ga", "2026-06", .availability, "generally-available", channel: "app")], asOf: "2026-12"))
        #expect(later.channels.mapValues(\.value) == ["app": "generally-available", "api": "preview"])
        #expect(later.availability?.value == "generally-available")
    }

    @Test func aWholeProductValueSetsEveryChannel() throws {
        let changes = [
            change("a", "2026-04", .availability, "generally-available", channel: "app"),
            change("b", "2026-05", .availability, "preview", channel: "api"),
            change("c", "2026-06", .availability, "retired"),
        ]
        let s = try #require(status(changes, asOf: "2026-12"))
        #expect(s.availability == AxisSetting(value: "retired", event: "c", date: try FuzzyDate(parsing: "2026-06")))
        #expect(s.channels.mapValues(\.value) == ["app": "retired", "api": "retired"])
        // A move on each channel it changed, named.
        #expect(
            s.moves.filter { $0.event == "c" }.map { "\($0.channel ?? "-") \($0.from ?? "-") → \($0.to)" } == [
                "api preview → retired", "app generally-available → retired",
            ])
    }

    /// The changes of one day happen together: a channel retired and another opened that day
    /// never left the product at the value between them, so it did not move.
    @Test func theChangesOfOneDayAreOneStep() throws {
        let changes = [
            change("e0-launch", "2020-01-01", .availability, "generally-available", channel: "a"),
            change("e0-launch", "2020-01-01", .availability, "announced", channel: "b"),
            change("e0-launch", "2020-01-01", .priority, "maintained"),
            change("e1-a-off", "2021-01-01", .availability, "retired", channel: "a"),
            change("e2-b-on", "2021-01-01", .availability, "generally-available", channel: "b"),
        ]
        let s = try #require(status(changes, asOf: "2021-06"))
        #expect(s.availability == AxisSetting(value: "generally-available", event: "e0-launch", date: try FuzzyDate(parsing: "2020-01-01")))
        #expect(s.since == (try FuzzyDate(parsing: "2020-01-01")))
        #expect(s.points.map(\.date.text) == ["2020-01-01", "2021-01-01"])
        #expect(s.points.map { $0.availability ?? "-" } == ["generally-available", "generally-available"])
        // Each channel's own move is kept.
        #expect(
            s.moves.filter { $0.axis == .availability && $0.date.text == "2021-01-01" }.map { "\($0.channel ?? "-") \($0.to)" } == [
                "a retired", "b generally-available",
            ])
    }

    /// An end announced for what an earlier end had already retired ends nothing: the end
    /// that came stands, and nothing counts down.
    @Test func anEndAnnouncedForWhatIsGoneEndsNothing() throws {
        let changes = [
            change("launch", "2023-01-01", .availability, "generally-available"),
            change("m1", "2024-01-01", .ends, "2024-03-01"),
            change("m2", "2024-05-01", .ends, "2025-01-01"),
        ]
        for day in ["2024-10-01", "2026-01-01"] {
            let s = try #require(status(changes, asOf: day))
            #expect(s.ends.map(\.event) == ["m1"], "as of \(day)")
            #expect(s.availability?.value == "retired" && s.availability?.date.text == "2024-03-01")
            #expect(s.nextEnd(asOf: try FuzzyDate(parsing: day)) == nil)
        }
        // Made available again first, the product has a new end to count down to.
        let revived = changes + [change("back", "2024-04-01", .availability, "generally-available")]
        let s = try #require(status(revived, asOf: "2024-10-01"))
        #expect(s.ends.map(\.event) == ["m1", "m2"])
        #expect(s.nextEnd(asOf: try FuzzyDate(parsing: "2024-10-01"))?.event == "m2")
    }

    // MARK: - Risk

    private func risk(_ changes: [StatusChange], asOf: String = "2026-12") -> PlatformRisk? {
        let date = try! FuzzyDate(parsing: asOf)
        return status(changes, asOf: asOf).flatMap { PlatformRisk($0, asOf: date, scales: scales) }
    }

    @Test func aFallInPriorityRaisesRisk() throws {
        let before = [change("a", "2025-04", .availability, "open-weights"), change("a", "2025-04", .priority, "flagship")]
        let after = before + [change("b", "2026-04", .priority, "deprioritized")]
        let r0 = try #require(risk(before))
        let r1 = try #require(risk(after))
        #expect(r1.score > r0.score)
        let further = after + [change("c", "2026-06", .priority, "sunset")]
        #expect(try #require(risk(further)).score > r1.score)
    }

    @Test func flagshipAndOpenHasLowRisk() throws {
        let r = try #require(risk([change("a", "2025", .availability, "open-source"), change("a", "2025", .priority, "flagship")]))
        #expect(r.score == 0)
    }

    @Test func recencyMatters() throws {
        let base = [change("a", "2020", .availability, "open-weights"), change("a", "2020", .priority, "flagship")]
        let recent = try #require(risk(base + [change("b", "2026-10", .priority, "maintained")]))
        let old = try #require(risk(base + [change("b", "2022-10", .priority, "maintained")]))
        #expect(recent.score > old.score)
        // Risk does not vanish with time: the gap stays, only the recency bonus fades.
        #expect(old.score > 0)
    }

    @Test func aRetiredProductHasNoRiskAndIsListedApart() {
        let changes = [
            change("a", "2024", .availability, "generally-available", entity: "old"), change("a", "2024", .priority, "invested", entity: "old"),
            change("b", "2026-06", .availability, "retired", entity: "old"), change("b", "2026-06", .priority, "discontinued", entity: "old"),
            change("a", "2024", .availability, "open-weights", entity: "live"), change("c", "2026", .priority, "maintained", entity: "live"),
        ]
        let entities = [
            "old": EntityInfo(name: "Old", type: "product", parent: "v"), "live": EntityInfo(name: "Live", type: "model", parent: "v"),
            "v": EntityInfo(name: "V", type: "vendor", parent: nil),
        ]
        let board = StatusBoard(changes: changes, entities: entities, eventSources: [:], asOf: try! FuzzyDate(parsing: "2026-12"), scales: scales)
        #expect(board.ranked.map(\.entity) == ["live"])
        #expect(board.gone.map(\.entity) == ["old"])
        #expect(board.gone[0].risk == nil)
        #expect(board.ranked[0].vendor == "v")
        // Before the shutdown it was still on the board.
        let earlier = StatusBoard(changes: changes, entities: entities, eventSources: [:], asOf: try! FuzzyDate(parsing: "2026-05"), scales: scales)
        #expect(earlier.gone.isEmpty && earlier.ranked.count == 2)
    }

    /// A position names the values of both axes that are set; a product with only successor
    /// advice has none, so "Successor ()" never shows.
    @Test func aPositionNamesOnlyWhatIsSet() {
        let changes = [
            change("a", "2024", .availability, "generally-available", entity: "new"),
            change("b", "2025", .successors, "new", entity: "old"),
        ]
        let entities = [
            "old": EntityInfo(name: "Old", type: "product", parent: nil), "new": EntityInfo(name: "New", type: "product", parent: nil),
        ]
        let board = StatusBoard(changes: changes, entities: entities, eventSources: [:], asOf: try! FuzzyDate(parsing: "2026-12"), scales: scales)
        #expect(board.position(of: "new") == "Generally available")
        #expect(board.position(of: "old") == nil)
        #expect(board.position(of: "elsewhere") == nil)
        #expect(board.successorLine(["old", "new"]) == "Old, New (Generally available)")
    }

    /// Ends of one starting day, at one risk, rank the exact date first on the risk board and
    /// the exposure board, as the countdown ranks them: the boards ranked them by id, and
    /// the status page showed both orders.
    @Test func endsStartingTogetherRankTheExactDateFirstOnEveryBoard() throws {
        var files = [
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\n",
            "Content/sources/s.md": "---\ntitle: S\npublisher: acme\nurl: https://example.org/s\n---\n",
            "Content/events/e.md": """
            ---
            title: Ends
            date: 2026-01-01
            type: deprecation
            entities: [acme]
            sources: [s]
            status:
              p-a: { availability: generally-available, priority: sunset, ends: 2027 }
              p-b: { availability: generally-available, priority: sunset, ends: 2027-Q1 }
              p-c: { availability: generally-available, priority: sunset, ends: 2027-01-01 }
            ---

            """,
        ]
        for id in ["p-a", "p-b", "p-c"] {
            files["Content/entities/\(id).md"] = "---\nname: \(id)\ntype: product\nparent: acme\n---\n"
            files["Content/uses/u-\(id).md"] = "---\nproduct: \(id)\nteam: web\ncriticality: high\n---\n"
        }
        let kb = try TemporaryKnowledgeBase(files)
        let loaded = ContentLoader.load(root: kb.root)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        let board = StatusBoard(loaded.knowledgeBase, asOf: try FuzzyDate(parsing: "2026-12-07"))
        #expect(board.announcedEnds().map(\.entity) == ["p-c", "p-b", "p-a"])
        #expect(board.rows.map(\.entity) == ["p-c", "p-b", "p-a"])
        let exposure = ExposureBoard(board: board, uses: ExposureBoard.uses(of: loaded.knowledgeBase))
        #expect(exposure.rows.map(\.use.id) == ["u-p-c", "u-p-b", "u-p-a"])
    }
}
