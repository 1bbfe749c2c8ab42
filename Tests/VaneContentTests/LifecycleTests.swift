import Foundation
import Testing
import VaneContent
import VaneDiagnostics

/// Announced ends, notice periods, channels that end, and the second risk model.
struct LifecycleTests {
    let scales = StatusScales(SiteConfig())

    private func change(
        _ event: String, _ date: String, _ axis: StatusSetting.Axis, _ value: String, channel: String? = nil, entity: String = "p"
    ) -> StatusChange {
        StatusChange(
            event: event, entity: entity, axis: axis, channel: channel, value: value, date: try! FuzzyDate(parsing: date), location: .top(of: "x"))
    }

    private func day(_ text: String) -> FuzzyDate { try! FuzzyDate(parsing: text) }

    /// `p`'s status as of a day, its channels declared.
    private func replayed(_ changes: [StatusChange], channels: [String: [String]], asOf: FuzzyDate) throws -> EntityStatus {
        try #require(StatusTimeline.statuses(changes, channels: channels, asOf: asOf, scales: scales)["p"])
    }

    private func status(_ changes: [StatusChange], asOf: String, entity: String = "p") -> EntityStatus? {
        StatusTimeline.statuses(changes, asOf: day(asOf), scales: scales)[entity]
    }

    /// A model generally available since 2022, deprecated on 6 July 2023 with its end announced.
    private var deprecated: [StatusChange] {
        [
            change("launch", "2022-11", .availability, "generally-available"), change("launch", "2022-11", .priority, "flagship"),
            change("deprecation", "2023-07-06", .availability, "deprecated"), change("deprecation", "2023-07-06", .priority, "sunset"),
            change("deprecation", "2023-07-06", .ends, "2024-01-04"),
        ]
    }

    // MARK: - Notice and days left

    @Test func noticeAndDaysLeftAtDayPrecision() throws {
        let s = try #require(status(deprecated, asOf: "2023-12-31"))
        let end = try #require(s.nextEnd(asOf: day("2023-12-31")))
        #expect(end.daysLeft(asOf: day("2023-12-31")) == 4)
        #expect(end.noticeDays == 182)
        #expect(!end.approximate)
        #expect(end.notice == "182 days")
        #expect(end.countdown(asOf: day("2023-12-31")) == "4 days left")
        #expect(end.countdown(asOf: day("2024-01-03")) == "1 day left")
        #expect(end.event == "deprecation")
        #expect(s.availability?.value == "deprecated")
    }

    @Test func noticeAndDaysLeftAtMonthPrecisionAreApproximate() throws {
        let changes = [
            change("launch", "2023", .availability, "generally-available"), change("launch", "2023", .priority, "maintained"),
            change("notice", "2024-01", .ends, "2024-05"),
        ]
        let end = try #require(status(changes, asOf: "2024-03-15")?.nextEnd(asOf: day("2024-03-15")))
        // 1 January to 1 May 2024 (a leap year): 31 + 29 + 31 + 30 days.
        #expect(end.noticeDays == 121)
        #expect(end.approximate)
        #expect(end.notice == "about 121 days")
        #expect(end.daysLeft(asOf: day("2024-03-15")) == 47)
        #expect(end.countdown(asOf: day("2024-03-15")) == "about 47 days left")
        // As of a month, days are counted from its last day.
        #expect(end.daysLeft(asOf: day("2024-03")) == 31)
    }

    @Test func theEndRetiresTheProductOnItsDayAttributedToTheAnnouncement() throws {
        let before = try #require(status(deprecated, asOf: "2024-01-03"))
        #expect(before.availability?.value == "deprecated")
        let after = try #require(status(deprecated, asOf: "2024-01-04"))
        #expect(after.availability == AxisSetting(value: "retired", event: "deprecation", date: day("2024-01-04")))
        #expect(after.nextEnd(asOf: day("2024-01-04")) == nil)
        #expect(
            after.moves.last
                == StatusMove(date: day("2024-01-04"), event: "deprecation", axis: .availability, channel: nil, from: "deprecated", to: "retired"))
    }

    // MARK: - Extensions, cut-offs, cancellations

    @Test func aLaterEndReplacesTheFirst() throws {
        let extended = deprecated + [change("extension", "2023-11-15", .ends, "2024-06-01")]
        let s = try #require(status(extended, asOf: "2024-02"))
        #expect(s.availability?.value == "deprecated")
        let end = try #require(s.nextEnd(asOf: day("2024-02")))
        #expect(end.date == day("2024-06-01"))
        #expect(end.event == "extension")
        // The notice counts from the first announcement; the extension's is kept beside it.
        #expect(end.noticeDays == 331)
        #expect(end.extensionNoticeDays == 199)
        #expect(end.notice == "331 days (from the first announcement; 199 days from the extension)")
        #expect(s.ends.count == 1)
        #expect(status(extended, asOf: "2024-06-01")?.availability?.value == "retired")
        // An earlier cut-off replaces it the same way.
        let cut = deprecated + [change("cut", "2023-09-01", .ends, "2023-10-01")]
        #expect(status(cut, asOf: "2023-10-01")?.availability == AxisSetting(value: "retired", event: "cut", date: day("2023-10-01")))
    }

    @Test func endsNoneCancels() throws {
        let cancelled =
            deprecated + [
                change("backlash", "2023-09", .availability, "generally-available"), change("backlash", "2023-09", .ends, "none"),
            ]
        let s = try #require(status(cancelled, asOf: "2024-06"))
        #expect(s.availability?.value == "generally-available")
        #expect(s.ends.isEmpty)
        #expect(s.nextEnd(asOf: day("2024-06")) == nil)
    }

    /// `ends: none` on the whole product cancels the channels' ends too.
    @Test func endsNoneOnTheWholeProductCancelsEveryChannelsEnd() throws {
        let changes = [
            change("launch", "2024-01", .availability, "generally-available"),
            change("notice", "2024-06-01", .ends, "2025-01-01", channel: "api"),
            change("notice", "2024-06-01", .ends, "2025-03-01", channel: "app"),
            change("reprieve", "2024-09-01", .ends, "none"),
        ]
        let s = try #require(status(changes, asOf: "2025-06"))
        #expect(s.ends.isEmpty)
        #expect(s.channels.mapValues(\.value) == ["api": "generally-available", "app": "generally-available"])
    }

    /// A restatement of the same end keeps the first announcement's notice.
    @Test func aRestatementKeepsTheFirstNotice() throws {
        let restated = deprecated + [change("restated", "2023-10-02", .ends, "2024-01-04")]
        let end = try #require(status(restated, asOf: "2023-12-31")?.nextEnd(asOf: day("2023-12-31")))
        #expect(end.noticeDays == 182)
        #expect(end.event == "deprecation")
        #expect(end.extensionNoticeDays == nil)
    }

    /// An end's day set within the period first announced (`2019-04`, then `2019-04-02`) is
    /// that end made precise, no extension; an end brought forward starts the notice again,
    /// and an extension after it says it counts from the cut-off (Google+: the first
    /// announcement of 8 October 2018, brought forward on 10 December, the day set on 30
    /// January 2019: "113 days of notice from the first announcement (10 December 2018), 62
    /// days from the extension").
    @Test func aDaySetWithinTheEndIsNoExtensionAndACutOffIsNamedSo() throws {
        let plus = [
            change("launch", "2011-06", .availability, "generally-available"),
            change("sunset", "2018-10-08", .ends, "2019-08"),
            change("expedited", "2018-12-10", .ends, "2019-04"),
            change("date-set", "2019-01-30", .ends, "2019-04-02"),
        ]
        let end = try #require(status(plus, asOf: "2019-02-15")?.nextEnd(asOf: day("2019-02-15")))
        #expect(end.date == day("2019-04-02") && end.noticeDays == 113 && end.extensionNoticeDays == nil, "\(end)")
        #expect(end.noticeOf == "113 days of notice", "\(end.noticeOf)")
        // `vane changes` says the day set as a restatement, as the countdown counts it (it
        // said "end announced for 2 April 2019 (… 62 days from this announcement)").
        let announced = try #require(status(plus, asOf: "2019-02-15")?.announcements.first { $0.event == "date-set" })
        #expect(announced.announcement == "end restated for 2 April 2019 (113 days of notice)", "\(announced.announcement)")
        // Then moved later: an extension, whose notice counts from the cut-off.
        let moved = plus + [change("reprieve", "2019-02-20", .ends, "2019-06-01")]
        let later = try #require(status(moved, asOf: "2019-03")?.nextEnd(asOf: day("2019-03")))
        #expect(later.notice == "173 days (from the cut-off; 101 days from the extension)", "\(later.notice)")
        #expect(later.noticeOf == "173 days of notice from the cut-off (10 December 2018), 101 days from the extension", "\(later.noticeOf)")
    }

    /// A whole product's end restated for each channel, one of them moved later: the
    /// restated channel keeps the first announcement's notice and event, the moved one is an
    /// extension of it (the channel's end read 214 and 365 days, as if first announced then).
    @Test func aChannelsEndAfterTheWholeProductsRestatesOrExtendsIt() throws {
        let changes = [
            change("launch", "2020-01-01", .availability, "generally-available"),
            change("first", "2023-01-01", .ends, "2025-01-01"),
            change("split", "2024-06-01", .ends, "2025-01-01", channel: "x"),
            change("split", "2024-06-01", .ends, "2025-06-01", channel: "y"),
        ]
        let asOf = day("2024-07-01")
        let s = try replayed(changes, channels: ["p": ["x", "y"]], asOf: asOf)
        let x = try #require(s.ends.first { $0.channel == "x" })
        #expect(x.noticeDays == 731)
        #expect(x.event == "first")
        #expect(x.extensionNoticeDays == nil)
        let y = try #require(s.ends.first { $0.channel == "y" })
        #expect(y.noticeDays == 882)
        #expect(y.firstEvent == "first")
        #expect(y.extensionNoticeDays == 365)
        #expect(y.notice == "882 days (from the first announcement; 365 days from the extension)")
        // One end per channel: the whole product's is the restated channel's, not listed twice.
        #expect(s.ends.count == 2)
        // The extension says the end it moved.
        #expect(s.announcements.first { $0.channel == "y" }?.replaced == day("2025-01-01"))
    }

    /// A paid extension on its own channel, announced after the whole product's end,
    /// outlives it: Exchange Server 2019 and its Extended Security Updates.
    @Test func aChannelsOwnLaterEndSurvivesTheWholeProductsEnd() throws {
        let exchange = [
            change("launch", "2018-10", .availability, "generally-available", entity: "exchange"),
            change("support-end", "~2025-01", .availability, "generally-available", entity: "exchange"),
            change("support-end", "~2025-01", .priority, "sunset", entity: "exchange"),
            change("support-end", "~2025-01", .ends, "2025-10-14", entity: "exchange"),
            change("esu", "~2025-08", .availability, "generally-available", channel: "esu", entity: "exchange"),
            change("esu", "~2025-08", .ends, "2026-04-14", channel: "esu", entity: "exchange"),
        ]
        let channels = ["exchange": ["esu", "standard"]]
        let asOf = day("2025-10-15")
        let s = try #require(StatusTimeline.statuses(exchange, channels: channels, asOf: asOf, scales: scales)["exchange"])
        #expect(s.channels.mapValues(\.value) == ["esu": "generally-available", "standard": "retired"])
        #expect(s.availability?.value == "generally-available")
        let end = try #require(s.nextEnd(asOf: asOf))
        #expect(end.channel == "esu")
        #expect(end.countdown(asOf: asOf) == "181 days left")
        #expect(PlatformRisk(s, asOf: asOf, scales: scales)?.score == 100)
        // The same answer after the ESU end: gone since that day, however late the as-of date.
        for later in ["2026-04-14", "2027-01-01"] {
            let gone = try #require(StatusTimeline.statuses(exchange, channels: channels, asOf: day(later), scales: scales)["exchange"])
            #expect(gone.availability == AxisSetting(value: "retired", event: "esu", date: day("2026-04-14")))
        }
    }

    /// A channel's own end, announced after the whole product's and extended once that end
    /// had come, still outlives it: Firefox's legacy add-ons, to end in ~2017, then on
    /// release and ESR by their own dates, then ESR 52 extended. The extension read the ESR
    /// retired since the whole product's end, and the product gone from the extension's day.
    @Test func aChannelsOwnEndExtendedAfterTheWholeEndCameStillOutlivesIt() throws {
        let firefox = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("whole", "2015-06-01", .ends, "2017-01-01"),
            change("channels", "2016-06-01", .ends, "2017-06-01", channel: "release"),
            change("channels", "2016-06-01", .ends, "2018-06-01", channel: "esr"),
            change("esr-extended", "2018-01-01", .ends, "2018-09-01", channel: "esr"),
        ]
        let channels = ["p": ["esr", "release"]]
        for asOf in ["2017-12-31", "2018-01-01", "2018-08-31"] {
            let s = try replayed(firefox, channels: channels, asOf: day(asOf))
            #expect(s.channels.mapValues(\.value) == ["esr": "generally-available", "release": "retired"], "\(asOf)")
            #expect(s.availability?.value == "generally-available", "\(asOf)")
        }
        let s = try replayed(firefox, channels: channels, asOf: day("2018-01-01"))
        let end = try #require(s.nextEnd(asOf: day("2018-01-01")))
        #expect(end.channel == "esr" && end.date == day("2018-09-01"))
        #expect(end.countdown(asOf: day("2018-01-01")) == "243 days left")
        let gone = try replayed(firefox, channels: channels, asOf: day("2018-09-01"))
        #expect(gone.availability == AxisSetting(value: "retired", event: "esr-extended", date: day("2018-09-01")))
    }

    /// An extension dated after the end came moves nothing (`vane check` warns of it): the
    /// retirement recorded later still meets the end, late (it read "ended 70 days ago").
    @Test func aVoidExtensionLeavesTheEndToBeMetLate() throws {
        let changes = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("esr-end", "2016-01-01", .ends, "2017-06-01", channel: "esr"),
            change("late-extension", "2017-06-05", .ends, "2017-09-01", channel: "esr"),
            change("esr-retired", "2017-08-01", .availability, "retired", channel: "esr"),
        ]
        let channels = ["p": ["esr", "release"]]
        let asOf = day("2017-08-10")
        for list in [changes, changes.filter { $0.event != "late-extension" }] {
            let s = try replayed(list, channels: channels, asOf: asOf)
            let end = try #require(s.ends.first { $0.channel == "esr" })
            #expect(end.retiredBy == "esr-retired")
            #expect(end.countdown(asOf: asOf) == "ended 9 days ago, 61 days late")
            #expect(s.channels["esr"] == AxisSetting(value: "retired", event: "esr-retired", date: day("2017-08-01")))
        }
        // So does a cancellation dated after it.
        var cancelled = changes
        cancelled[2] = change("late-cancel", "2017-06-05", .ends, "none", channel: "esr")
        let s = try replayed(cancelled, channels: channels, asOf: asOf)
        #expect(s.ends.first { $0.channel == "esr" }?.retiredBy == "esr-retired")
    }

    /// An end announced for a year, its day set within the year while it runs and before that
    /// day: that end made precise (Google Podcasts, "in 2024", then 2 April 2024, said on 20
    /// February). It read gone since 1 January, then back, with two ends and 42 days of notice.
    @Test func anEndsDaySetWithinItsPeriodWhileItRunsIsThatEndMadePrecise() throws {
        let podcasts = [
            change("launch", "2018-06-18", .availability, "generally-available"),
            change("in-2024", "2023-09-26", .ends, "2024"),
            change("date-set", "2024-02-20", .ends, "2024-04-02"),
        ]
        // Before the day was set, the year's end came at its start, as every coarse end does.
        #expect(try #require(status(Array(podcasts.prefix(2)), asOf: "2024-01-15")).availability?.value == "retired")
        let s = try #require(status(podcasts, asOf: "2024-03-01"))
        #expect(s.availability?.value == "generally-available")
        #expect(s.ends.map(\.date) == [day("2024-04-02")])
        let end = try #require(s.nextEnd(asOf: day("2024-03-01")))
        #expect(end.noticeDays == 189 && end.event == "in-2024" && end.extensionNoticeDays == nil)
        #expect(s.announcements.last?.announcement == "end restated for 2 April 2024 (189 days of notice)")
        #expect(
            try #require(status(podcasts, asOf: "2024-04-02")).availability
                == AxisSetting(value: "retired", event: "in-2024", date: day("2024-04-02")))
        // Set on that day or after it, the year's end had come (an announcement comes after it).
        var late = podcasts
        late[2] = change("date-set", "2024-04-02", .ends, "2024-04-02")
        #expect(try #require(status(late, asOf: "2024-03-01")).availability?.value == "retired")
    }

    /// A whole product's end for a month made precise for one channel (a day within it): that
    /// channel runs to its day, the others end with the month (the product read gone from
    /// 1 June while its channel counted down to the 15th). A channel's end that restates the
    /// whole product's on its own date is no end of its own: an extension after that end came
    /// moves nothing (it was counted down, and met "31 days early").
    @Test func aWholeEndMadePreciseForAChannelIsThatChannelsOwn() throws {
        let changes = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("whole", "2015-06-01", .ends, "2017-06"),
            change("release", "2016-06-01", .ends, "2017-06-15", channel: "release"),
        ]
        let channels = ["p": ["esr", "release"]]
        let asOf = day("2017-06-05")
        let s = try replayed(changes, channels: channels, asOf: asOf)
        #expect(s.channels.mapValues(\.value) == ["esr": "retired", "release": "generally-available"])
        #expect(s.nextEnd(asOf: asOf)?.channel == "release" && s.nextEnd(asOf: asOf)?.date == day("2017-06-15"))
        let restated = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("whole", "2015-06-01", .ends, "2017-06-01"),
            change("restated", "2016-06-01", .ends, "2017-06-01", channel: "esr"),
            change("void", "2017-06-05", .ends, "2017-09-01", channel: "esr"),
            change("esr-retired", "2017-08-01", .availability, "retired", channel: "esr"),
        ]
        let after = try replayed(restated, channels: channels, asOf: day("2017-08-10"))
        #expect(!after.ends.contains { $0.date == day("2017-09-01") })
        #expect(!after.announcements.contains { $0.event == "void" })
    }

    /// A whole product's end moving its channels' own ends of two dates later, all first
    /// announced together, keeps the notice customers had (it counted 671 days afresh, where
    /// channel ends of one date kept 1310).
    @Test func aWholeEndMovingChannelEndsOfTwoDatesKeepsTheirNotice() throws {
        let changes = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("whole", "2015-06-01", .ends, "2017-01-01"),
            change("channels", "2016-06-01", .ends, "2017-06-01", channel: "release"),
            change("channels", "2016-06-01", .ends, "2018-06-01", channel: "esr"),
            change("later", "2017-03-01", .ends, "2019-01-01"),
        ]
        let s = try replayed(changes, channels: ["p": ["esr", "release"]], asOf: day("2017-03-01"))
        let end = try #require(s.nextEnd(asOf: day("2017-03-01")))
        #expect(end.date == day("2019-01-01") && end.noticeDays == 1310 && end.extensionNoticeDays == 671, "\(end)")
    }

    /// A whole product's end announced once one channel had ended, the other outliving it with
    /// an end of its own, ends nothing: it was counted down as the gone channel's ("1 June
    /// 2018 (release), 151 days left" for a channel retired since 2017).
    @Test func aWholeEndLeftNoChannelEndsNothing() throws {
        let changes = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("release-end", "2016-06-01", .ends, "2017-01-01", channel: "release"),
            change("whole", "2017-03-01", .ends, "2018-06-01"),
            change("esr-end", "2018-01-01", .ends, "2018-09-01", channel: "esr"),
        ]
        let channels = ["p": ["esr", "release"]]
        let asOf = day("2018-01-01")
        let s = try replayed(changes, channels: channels, asOf: asOf)
        #expect(s.ends.map(\.date) == [day("2017-01-01"), day("2018-09-01")])
        #expect(s.nextEnd(asOf: asOf)?.channel == "esr")
        // So when release was retired by a recorded change, not by an end of its own.
        var recorded = changes
        recorded[1] = change("release-retired", "2017-01-01", .availability, "retired", channel: "release")
        let r = try replayed(recorded, channels: channels, asOf: asOf)
        #expect(r.ends.map(\.date) == [day("2018-09-01")] && r.nextEnd(asOf: asOf)?.channel == "esr")
    }

    /// A whole product's end said again for the product replaces the channels' own ends
    /// announced before, as a new one does: release, its day set within the product's 2017,
    /// read available for ever once the product's day was set (1 September 2017).
    @Test func aWholeEndSaidAgainReplacesTheChannelsEndsBeforeIt() throws {
        let changes = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("whole", "2015-06-01", .ends, "2017"),
            change("release", "2016-06-01", .ends, "2017-06-15", channel: "release"),
            change("day-set", "2016-12-01", .ends, "2017-09-01"),
        ]
        let channels = ["p": ["esr", "release"]]
        let s = try replayed(changes, channels: channels, asOf: day("2017-09-02"))
        #expect(s.channels.mapValues(\.value) == ["esr": "retired", "release": "retired"])
        #expect(s.ends.map(\.date) == [day("2017-09-01")] && s.ends.first?.channel == nil)
        // Moved later once the product's month came for the other channel, release follows it.
        var moved = changes
        moved[1] = change("whole", "2015-06-01", .ends, "2017-06")
        moved[3] = change("later", "2017-06-05", .ends, "2017-09-01")
        let m = try replayed(moved, channels: channels, asOf: day("2017-07-01"))
        #expect(m.channels.mapValues(\.value) == ["esr": "retired", "release": "generally-available"])
        #expect(m.nextEnd(asOf: day("2017-07-01"))?.date == day("2017-09-01"))
    }

    /// A closure announced once sign-ups were recorded closed, not opened since, closes
    /// nothing (`vane changes` listed it, with its notice).
    @Test func aClosureAfterSignUpsClosedClosesNothing() throws {
        let changes = [
            change("launch", "2023-01-01", .availability, "generally-available"),
            change("schedule", "2023-06-01", .closes, "2024-02-08"),
            change("blocked", "2024-02-08", .availability, "closed-to-new"),
            change("moved", "2024-02-09", .closes, "2025-03-30"),
        ]
        let s = try #require(status(changes, asOf: "2024-03-01"))
        #expect(!s.announcements.contains { $0.event == "moved" })
        #expect(s.closures.map(\.date) == [day("2024-02-08")] && s.closures.first?.retiredBy == "blocked")
        // Reopened first, the new closure stands.
        let reopened =
            changes.prefix(3) + [
                change("reopened", "2024-02-09", .availability, "generally-available"), change("moved", "2024-02-10", .closes, "2025-03-30"),
            ]
        #expect(try #require(status(Array(reopened), asOf: "2024-03-01")).announcements.contains { $0.event == "moved" })
    }

    /// A closure dated after the product's end closes nothing, met or not: a deprecation
    /// recorded before it read as sign-ups "closed 17 days ago, 230 days early".
    @Test func aClosureAfterTheEndClosesNothingEvenMet() throws {
        let changes = [
            change("launch", "2023-01-01", .availability, "generally-available"),
            change("schedule", "2023-06-01", .ends, "2024-06-01"),
            change("close", "2023-06-01", .closes, "2024-09-01"),
            change("deprecated", "2024-01-15", .availability, "deprecated"),
        ]
        let s = try #require(status(changes, asOf: "2024-02-01"))
        #expect(s.closures.isEmpty)
        #expect(s.ends.map(\.date) == [day("2024-06-01")])
    }

    /// The product's end said again on its own date is a reminder: a channel's own later end
    /// stands (Exchange 2019's ESU lost its April 2026 end to a reminder of October 2025).
    @Test func aReminderOfTheProductsEndLeavesChannelEndsBe() throws {
        let exchange = [
            change("launch", "2019-01-01", .availability, "generally-available", channel: "standard"),
            change("end", "2025-01-15", .ends, "2025-10-14"),
            change("esu", "2025-08-01", .availability, "generally-available", channel: "esu"),
            change("esu", "2025-08-01", .ends, "2026-04-14", channel: "esu"),
            change("reminder", "2025-09-01", .ends, "2025-10-14"),
        ]
        let s = try replayed(exchange, channels: ["p": ["esu", "standard"]], asOf: day("2025-10-20"))
        #expect(s.channels.mapValues(\.value) == ["esu": "generally-available", "standard": "retired"])
        #expect(s.nextEnd(asOf: day("2025-10-20"))?.date == day("2026-04-14"))
    }

    /// Sign-ups closed for the product, then opened again on one channel: a closure of that
    /// channel stands (it was taken for one announced once sign-ups were closed).
    @Test func aChannelReopenedCanBeClosedAgain() throws {
        let changes = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("closed", "2017-05-01", .availability, "closed-to-new"),
            change("reopened", "2017-10-01", .availability, "generally-available", channel: "esr"),
            change("esr-closes", "2017-12-01", .closes, "2018-06-01", channel: "esr"),
        ]
        let s = try replayed(changes, channels: ["p": ["esr", "release"]], asOf: day("2018-07-01"))
        #expect(s.channels["esr"]?.value == "closed-to-new")
        #expect(s.announcements.contains { $0.event == "esr-closes" })
    }

    /// On a scale of one's own, a value between closed-to-new and the second-to-last is on the
    /// way out too: a fall to it ranked the product as drifting (81 down to 41).
    @Test func aFallBelowClosedOnAScaleOfOnesOwnNeverLowersTheRisk() throws {
        var config = SiteConfig()
        config.availabilityScale = ["live", "beta", "closed-to-new", "legacy", "sunset-only", "gone"]
        let own = StatusScales(config)
        let changes = [
            change("launch", "2015-01-01", .availability, "live"), change("launch", "2015-01-01", .priority, "flagship"),
            change("closed", "2017-01-01", .availability, "closed-to-new"), change("legacy", "2017-05-01", .availability, "legacy"),
        ]
        func risk(_ asOf: String) throws -> PlatformRisk {
            let s = try #require(StatusTimeline.statuses(changes, asOf: day(asOf), scales: own)["p"])
            return try #require(PlatformRisk(s, asOf: day(asOf), scales: own))
        }
        let (before, after) = (try risk("2017-04-30"), try risk("2017-05-02"))
        #expect(before.band == .onTheWayOut && after.band == .onTheWayOut)
        #expect(after.score >= before.score, "\(before.score) → \(after.score)")
    }

    /// A closure moved once it came moves nothing: the closure recorded late still meets it.
    @Test func aClosureMovedOnceItCameLeavesItToBeMetLate() throws {
        let changes = [
            change("launch", "2015-01-01", .availability, "generally-available"),
            change("closure", "2016-01-01", .closes, "2017-06-01"),
            change("void", "2017-06-05", .closes, "2017-09-01"),
            change("closed", "2017-08-01", .availability, "closed-to-new"),
        ]
        for list in [changes, changes.filter { $0.event != "void" }] {
            let s = try #require(status(list, asOf: "2017-08-10"))
            #expect(s.closures.map(\.date) == [day("2017-06-01")])
            #expect(s.closures.first?.retiredBy == "closed")
        }
    }

    /// The whole-product end that still ends one channel (the paid ones outlive it) is met
    /// by that channel's retirement: "ended as announced", as a channel's own end is (it
    /// read "ended 6 days ago", met by nothing).
    @Test func aWholeProductEndOfOneChannelIsMetByItsRetirement() throws {
        let windows = [
            change("launch", "2015-07-29", .availability, "generally-available", channel: "standard"),
            change("end-announced", "2021-06-24", .ends, "2025-10-14"),
            change("esu", "2023-12-05", .availability, "announced", channel: "esu"),
            change("esu", "2023-12-05", .ends, "2028-10-10", channel: "esu"),
            change("end-of-support", "2025-10-14", .availability, "retired", channel: "standard"),
            change("end-of-support", "2025-10-14", .availability, "generally-available", channel: "esu"),
        ]
        let channels = ["p": ["esu", "standard"]]
        let asOf = day("2025-10-20")
        let s = try replayed(windows, channels: channels, asOf: asOf)
        let end = try #require(s.ends.first { $0.date == day("2025-10-14") })
        #expect(end.channel == "standard")
        #expect(end.retiredBy == "end-of-support")
        #expect(end.countdown(asOf: asOf) == "ended 6 days ago, as announced")
        #expect(s.channels.mapValues(\.value) == ["esu": "generally-available", "standard": "retired"])
        // Retired late, the same end is met late; before the retirement is recorded, the schedule retired it.
        var late = windows
        late[4] = change("end-of-support", "2025-10-20", .availability, "retired", channel: "standard")
        let after = try replayed(late, channels: channels, asOf: day("2025-10-25"))
        #expect(after.ends.first { $0.date == day("2025-10-14") }?.countdown(asOf: day("2025-10-25")) == "ended 5 days ago, 6 days late")
        let before = try replayed(late, channels: channels, asOf: day("2025-10-16"))
        #expect(before.ends.first { $0.date == day("2025-10-14") }?.retiredBy == nil)
        #expect(before.channels["standard"]?.value == "retired")
    }

    // MARK: - Early and late

    @Test func aRetirementBeforeTheEndMeetsItEarly() throws {
        let early = deprecated + [change("shutdown", "2023-12-01", .availability, "retired")]
        let s = try #require(status(early, asOf: "2024-02"))
        #expect(s.availability == AxisSetting(value: "retired", event: "shutdown", date: day("2023-12-01")))
        let end = try #require(s.ends.first)
        #expect(end.slip == -34)
        #expect(end.retiredBy == "shutdown")
        #expect(end.date == day("2024-01-04"))
        #expect(end.countdown(asOf: day("2024-02")) == "ended 90 days ago, 34 days early")
    }

    @Test func aRetirementAfterTheEndMeetsItLate() throws {
        let late = deprecated + [change("shutdown", "2024-01-08", .availability, "retired")]
        // Before the shutdown is recorded (as of the 5th), the schedule has retired it…
        #expect(status(late, asOf: "2024-01-05")?.availability == AxisSetting(value: "retired", event: "deprecation", date: day("2024-01-04")))
        // …once it is, the product was available until the 8th.
        let s = try #require(status(late, asOf: "2024-01-10"))
        #expect(s.availability == AxisSetting(value: "retired", event: "shutdown", date: day("2024-01-08")))
        #expect(s.ends.first?.slip == 4)
        #expect(s.ends.first?.countdown(asOf: day("2024-01-10")) == "ended 2 days ago, 4 days late")
    }

    /// A whole product retired on the day its last channel's end came meets that end, not
    /// another channel's that came a year before (trial h12-F1: Universal Analytics' standard
    /// end read "366 days late", and the standard tier available until the paid one went).
    /// Alone, an end that came is met late by the retirement, as before.
    @Test func aWholeRetirementMeetsTheLatestEndThatCame() throws {
        let ua = [
            change("launch", "2014-04-02", .availability, "generally-available", channel: "standard"),
            change("launch", "2014-04-02", .availability, "generally-available", channel: "ga360"),
            change("sunset", "2022-03-16", .ends, "2023-07-01", channel: "standard"),
            change("sunset", "2022-03-16", .ends, "2024-07-01", channel: "ga360"),
            change("shutdown", "2024-07-01", .availability, "retired"),
        ]
        let channels = ["p": ["ga360", "standard"]]
        let asOf = day("2026-12-07")
        let s = try replayed(ua, channels: channels, asOf: asOf)
        let standard = try #require(s.ends.first { $0.channel == "standard" })
        #expect(standard.retiredBy == nil && standard.countdown(asOf: asOf) == "ended 1255 days ago", "\(standard)")
        let paid = try #require(s.ends.first { $0.channel == "ga360" })
        #expect(paid.retiredBy == "shutdown" && paid.countdown(asOf: asOf) == "ended 889 days ago, as announced")
        // The standard tier went on its end's day, whatever the day the site is built as of.
        for day in [day("2023-12-01"), asOf] {
            let replay = try replayed(ua, channels: channels, asOf: day)
            #expect(replay.channels["standard"] == AxisSetting(value: "retired", event: "sunset", date: self.day("2023-07-01")), "\(day)")
        }
        // With the paid tier's end after the shutdown, the shutdown met it early; the
        // standard end came on its day all the same.
        var early = ua
        early[3] = change("sunset", "2022-03-16", .ends, "2024-12-01", channel: "ga360")
        let met = try replayed(early, channels: channels, asOf: asOf)
        #expect(met.ends.first { $0.channel == "standard" }?.countdown(asOf: asOf) == "ended 1255 days ago")
        #expect(met.ends.first { $0.channel == "ga360" }?.countdown(asOf: asOf) == "ended 889 days ago, 153 days early")
        // An end of a period that holds the shutdown is met by it, as announced.
        var quarter = ua
        quarter[2] = change("sunset", "2022-03-16", .ends, "2024-Q3", channel: "standard")
        quarter[3] = change("sunset", "2022-03-16", .ends, "2024-07-15", channel: "ga360")
        quarter[4] = change("shutdown", "2024-07-15", .availability, "retired")
        let within = try replayed(quarter, channels: channels, asOf: asOf)
        #expect(within.ends.allSatisfy { $0.retiredBy == "shutdown" }, "\(within.ends)")
        // The standard end alone: the shutdown met it late.
        let alone = try replayed(ua.enumerated().filter { $0.offset != 3 }.map(\.element), channels: channels, asOf: asOf)
        #expect(alone.ends.first { $0.channel == "standard" }?.countdown(asOf: asOf) == "ended 889 days ago, 366 days late")
    }

    /// Ends are listed by the day they came or come: one a retirement met early, by the
    /// retirement, before ends still ahead (trial v24-F6).
    @Test func anEndMetEarlyIsListedByTheDayItCame() {
        var early = AnnouncedEnd(
            entity: "a", channel: nil, date: day("2027-11-26"), event: "e", announced: day("2025-01-01"), location: .top(of: "x"))
        (early.retired, early.retiredBy) = (day("2026-11-09"), "r")
        let ahead = AnnouncedEnd(
            entity: "b", channel: nil, date: day("2027-06-01"), event: "f", announced: day("2025-01-01"), location: .top(of: "x"))
        #expect(StatusBoard.byDate([ahead, early]).map(\.entity) == ["a", "b"])
    }

    /// A retirement after sign-ups closed meets the end, not the closure: the closure came on
    /// its day (it read "closed 1245 days late", and the product generally available until
    /// its retirement). One by the closure's day meets it, as a recorded closure does any day.
    @Test func aRetirementAfterAClosureIsNoLateClosure() throws {
        let announced = [
            change("launch", "2002-01-01", .availability, "generally-available"),
            change("notice", "2020-10-16", .priority, "sunset"),
            change("notice", "2020-10-16", .closes, "2021-02-02"),
            change("notice", "2020-10-16", .ends, "2024-02-15"),
        ]
        let retired = announced + [change("removed", "2024-07-01", .availability, "retired")]
        let s = try #require(status(retired, asOf: "2024-07-01"))
        let closure = try #require(s.closures.first)
        #expect(closure.retiredBy == nil && closure.countdown(asOf: day("2024-07-01")) == "closed 1245 days ago")
        #expect(try #require(s.ends.first).countdown(asOf: day("2024-07-01")) == "ended 137 days late")
        #expect(status(retired, asOf: "2022-01-01")?.availability == AxisSetting(value: "closed-to-new", event: "notice", date: day("2021-02-02")))
        // Retired on the closure's day, or before it: that met it.
        for (on, countdown) in [("2021-02-02", "closed 1245 days ago, as announced"), ("2021-01-20", "closed 1258 days ago, 13 days early")] {
            let early = announced + [change("removed", on, .availability, "retired")]
            let met = try #require(status(early, asOf: "2024-07-01")?.closures.first)
            #expect(met.retiredBy == "removed" && met.countdown(asOf: day("2024-07-01")) == countdown, "\(on)")
        }
        // A recorded closure meets it late.
        let closedLate = announced + [change("stop", "2021-03-01", .availability, "closed-to-new")]
        #expect(
            try #require(status(closedLate, asOf: "2021-06-01")?.closures.first).countdown(asOf: day("2021-06-01"))
                == "closed 92 days ago, 27 days late")
    }

    /// A closure that can close nothing is counted down nowhere and weighs nothing: one
    /// announced for a channel already retired (it raised the risk to 92 for three months,
    /// then fell back), or for a product already closed to new customers, or coming after
    /// the product's end (it was counted down under "gone").
    @Test func aClosureThatCanCloseNothingCountsDownNowhere() throws {
        let channels = ["p": ["existing", "new"]]
        func stands(_ changes: [StatusChange], _ asOf: String) throws -> EntityStatus {
            try replayed(changes, channels: channels, asOf: day(asOf))
        }
        let launched = [
            change("launch", "2020-01-01", .availability, "generally-available", channel: "existing"),
            change("launch", "2020-01-01", .availability, "generally-available", channel: "new"),
            change("launch", "2020-01-01", .priority, "maintained"),
        ]
        let retiredChannel =
            launched + [
                change("gone", "2024-07-25", .availability, "retired", channel: "new"),
                change("again", "2025-05-01", .closes, "2025-09-01", channel: "new"),
            ]
        let s = try stands(retiredChannel, "2025-06-01")
        #expect(s.closures.isEmpty)
        #expect(PlatformRisk(s, asOf: day("2025-06-01"), scales: scales)?.band == .drift)
        let closedProduct =
            launched + [
                change("closed", "2024-07-25", .availability, "closed-to-new"),
                change("again", "2025-05-01", .closes, "2025-09-01"),
            ]
        #expect(try stands(closedProduct, "2025-06-01").closures.isEmpty)
        let afterTheEnd = launched + [change("notice", "2025-06-01", .ends, "2025-10-31"), change("notice", "2025-06-01", .closes, "2025-12-01")]
        #expect(try stands(afterTheEnd, "2025-11-05").closures.isEmpty)
        // Before the end came too: it was counted down until then.
        #expect(try stands(afterTheEnd, "2025-07-01").closures.isEmpty)
        // An end on its own announcing day ends something, as the closure does below.
        let endSameDay = launched + [change("notice", "2025-06-01", .ends, "2025-06-01")]
        #expect(try stands(endSameDay, "2025-07-01").ends.count == 1)
        // A closure on its own announcing day closes something (its own fall that day hid it).
        let sameDay = launched + [change("notice", "2025-06-01", .closes, "2025-06-01")]
        #expect(try stands(sameDay, "2025-07-01").closures.count == 1)
        #expect(try stands(afterTheEnd, "2025-11-05").availability?.value == "retired")
        // One that can close something is counted down, as before.
        let open = launched + [change("notice", "2025-05-01", .closes, "2025-09-01", channel: "new")]
        let ahead = try stands(open, "2025-06-01")
        #expect(ahead.closures.count == 1 && PlatformRisk(ahead, asOf: day("2025-06-01"), scales: scales)?.band == .onTheWayOut)
    }

    /// An end announced for a month is met by a retirement any day of that month; one
    /// before or after it is early or late by the days to the month's first or from its last.
    @Test func anEndOfAMonthIsMetWithinTheMonth() throws {
        let announced = [
            change("launch", "2022-01-10", .availability, "generally-available"),
            change("deprecation", "2024-01-15", .availability, "deprecated"),
            change("deprecation", "2024-01-15", .ends, "2024-06"),
        ]
        let cases: [(retired: String, slip: Int, countdown: String)] = [
            ("2024-06-04", 0, "ended 58 days ago, as announced"),
            ("2024-06-30", 0, "ended 32 days ago, as announced"),
            ("2024-05-20", -12, "ended 73 days ago, about 12 days early"),
            ("2024-07-03", 3, "ended 29 days ago, about 3 days late"),
        ]
        for (retired, slip, countdown) in cases {
            let s = try #require(status(announced + [change("shutdown", retired, .availability, "retired")], asOf: "2024-08-01"))
            let end = try #require(s.ends.first)
            #expect(end.slip == slip, "retired \(retired)")
            #expect(end.countdown(asOf: day("2024-08-01")) == countdown, "retired \(retired)")
        }
        // A retirement recorded for a month holding the announced day met it as announced.
        let day =
            announced.dropLast() + [
                change("deprecation", "2024-01-15", .ends, "2024-06-14"), change("shutdown", "2024-06", .availability, "retired"),
            ]
        #expect(try #require(status(Array(day), asOf: "2024-08-01")?.ends.first).slip == 0)
    }

    /// The last channel retired before a whole-product end (the other ended by its own end)
    /// meets that end early: the product is gone, nothing counts down to it, and no fall
    /// comes on its day. Until the retirement is recorded in force, it counts down.
    @Test func channelsRetiredOneByOneMeetAWholeProductEnd() throws {
        let changes = [
            change("launch", "2024-01-10", .availability, "generally-available", channel: "api"),
            change("launch", "2024-01-10", .availability, "generally-available", channel: "app"),
            change("api-end", "2024-03-01", .ends, "2024-06-15", channel: "api"),
            change("end", "2024-08-01", .ends, "2024-09-30"),
            change("app-shut", "2024-09-20", .availability, "retired", channel: "app"),
        ]
        func anvil(_ asOf: String) throws -> EntityStatus {
            try replayed(changes, channels: ["p": ["api", "app"]], asOf: day(asOf))
        }
        let gone = try anvil("2024-10-05")
        let end = try #require(gone.ends.first { $0.channel == nil })
        #expect(end.retiredBy == "app-shut" && end.slip == -10)
        #expect(end.countdown(asOf: day("2024-10-05")) == "ended 15 days ago, 10 days early")
        #expect(gone.nextEnd(asOf: day("2024-09-25")) == nil)
        #expect(gone.availability == AxisSetting(value: "retired", event: "app-shut", date: day("2024-09-20")))
        #expect(!gone.points.contains { $0.date == day("2024-09-30") })
        #expect(try anvil("2024-09-10").nextEnd(asOf: day("2024-09-10"))?.countdown(asOf: day("2024-09-10")) == "20 days left")
        // A channel made available again before the end's day leaves the end to come.
        let back = changes + [change("app-back", "2024-09-25", .availability, "generally-available", channel: "app")]
        let ending = try replayed(back, channels: ["p": ["api", "app"]], asOf: day("2024-10-05"))
        #expect(ending.ends.first { $0.channel == nil }?.retiredBy == nil)
        #expect(ending.availability?.event == "end")
    }

    // MARK: - Channels

    @Test func anEndOnOneChannelLeavesTheOtherAvailable() throws {
        let changes = [
            change("launch", "2021-08", .availability, "generally-available", channel: "api"),
            change("azure", "2022-05", .availability, "generally-available", channel: "azure-openai"),
            change("launch", "2021-08", .priority, "invested"),
            change("deprecation", "2023-03-20", .availability, "deprecated", channel: "api"),
            change("deprecation", "2023-03-20", .ends, "2023-03-23", channel: "api"),
        ]
        let s = try #require(status(changes, asOf: "2023-04"))
        #expect(s.channels["api"]?.value == "retired")
        #expect(s.channels["azure-openai"]?.value == "generally-available")
        #expect(s.availability?.value == "generally-available")
        #expect(s.decline == 1)
        #expect(s.lastFall == day("2023-03-23"))
        let risk = try #require(PlatformRisk(s, asOf: day("2023-04"), scales: scales))
        #expect(risk.band == .drift)
        // A retired channel counts as a fall all the way down: S = 1 − 0.6 × 0 = 1, m = 1.
        #expect(risk.score == Int((69 * (0.5 + 0.5 * pow(0.5, 1.0 / 12))).rounded()))
    }

    @Test func aProductIsGoneFromTheDayItsLastChannelWent() throws {
        let changes = [
            change("launch", "2021-08", .availability, "generally-available", channel: "api"),
            change("azure", "2022-05", .availability, "generally-available", channel: "azure"),
            change("api-shutdown", "2023-03-23", .availability, "retired", channel: "api"),
            change("azure-shutdown", "2024-07-01", .availability, "retired", channel: "azure"),
        ]
        #expect(status(changes, asOf: "2024-06-30")?.availability?.value == "generally-available")
        let gone = try #require(status(changes, asOf: "2024-12"))
        #expect(gone.availability == AxisSetting(value: "retired", event: "azure-shutdown", date: day("2024-07-01")))
    }

    @Test func aChannelNamedForAnEntityBringsTheProductUnderItsOwner() throws {
        let changes = [
            change("launch", "2021-08", .availability, "generally-available", channel: "api", entity: "codex"),
            change("launch", "2021-08", .priority, "invested", entity: "codex"),
            change("azure", "2022-05", .availability, "generally-available", channel: "azure-openai", entity: "codex"),
        ]
        let entities = [
            "openai": EntityInfo(name: "OpenAI", type: "vendor", parent: nil),
            "codex": EntityInfo(name: "Codex", type: "model", parent: "openai"),
            "microsoft": EntityInfo(name: "Microsoft", type: "vendor", parent: nil),
            "azure-openai": EntityInfo(name: "Azure OpenAI", type: "product", parent: "microsoft"),
        ]
        let asOf = day("2023-01")
        let microsoft = StatusBoard(changes: changes, entities: entities, eventSources: [:], asOf: asOf, scales: scales, within: "microsoft")
        #expect(microsoft.rows.map(\.entity) == ["codex"])
        #expect(microsoft.rows.first?.via == ["azure-openai"])
        #expect(microsoft.rows.first?.vendor == "openai")
        let openai = StatusBoard(changes: changes, entities: entities, eventSources: [:], asOf: asOf, scales: scales, within: "openai")
        #expect(openai.rows.first?.via == [])
    }

    // MARK: - Risk, second version

    @Test func anAnnouncedEndRanksFirstWithRisk100SoonestFirst() throws {
        var changes = deprecated.map { c -> StatusChange in
            var c = c
            c.entity = "late"
            return c
        }
        changes += [
            change("launch", "2021", .availability, "open-weights", entity: "drifting"),
            change("launch", "2021", .priority, "flagship", entity: "drifting"),
            change("fall", "2023-11", .priority, "discontinued", entity: "drifting"),
            change("launch", "2021", .availability, "generally-available", entity: "soon"),
            change("launch", "2021", .priority, "flagship", entity: "soon"),
            change("notice", "2023-12-28", .ends, "2024-01-02", entity: "soon"),
        ]
        let entities = ["late", "drifting", "soon"].reduce(into: [String: EntityInfo]()) { $0[$1] = EntityInfo(name: $1, type: "model", parent: nil) }
        let board = StatusBoard(changes: changes, entities: entities, eventSources: [:], asOf: day("2023-12-31"), scales: scales)
        #expect(board.ranked.map(\.entity) == ["soon", "late", "drifting"])
        #expect(board.ranked.map { $0.risk?.score } == [100, 100, board.ranked[2].risk?.score])
        #expect(board.ranked[2].risk?.band == .onTheWayOut)
        #expect((70...99).contains(board.ranked[2].risk!.score))
        #expect(board.ranked[0].nextEnd?.daysLeft(asOf: board.asOf) == 2)
    }

    @Test func theFormulaCanBeRecomputedByHand() throws {
        // Llama as of November 2026: open weights, deprioritized (rank 3 of 6) since April 2026.
        let changes = [
            change("release", "2025-04", .availability, "open-weights"), change("release", "2025-04", .priority, "flagship"),
            change("launch", "2026-04", .priority, "deprioritized"),
        ]
        let s = try #require(status(changes, asOf: "2026-11-26"))
        let r = try #require(PlatformRisk(s, asOf: day("2026-11-26"), scales: scales))
        #expect(r.priorityScore == 2.0 / 5.0)
        #expect(r.decline == 0)
        #expect(r.exposure == 1 - 0.4)
        #expect(r.monthsSinceFall == 7)
        #expect(r.band == .drift)
        // 69 × 0.6 × (0.5 + 0.5 × 0.5^(7/12)) = 34.51…
        #expect(r.score == 35)
        // A scale of four values: P is shown to four decimals as the other factors are (it read
        // 0.3333333333333333), the score still from the exact value.
        let four = StatusScales(availability: scales.availability, priority: ["core", "supported", "legacy", "dropped"])
        let moved = [
            change("release", "2025-04", .availability, "open-weights"), change("release", "2025-04", .priority, "core"),
            change("launch", "2026-04", .priority, "supported"),
        ]
        let s4 = try #require(StatusTimeline.statuses(moved, asOf: day("2026-11-26"), scales: four)["p"])
        let r4 = try #require(PlatformRisk(s4, asOf: day("2026-11-26"), scales: four))
        #expect(r4.priorityScore == 0.6667)
        #expect(r4.exposure == 0.3333)
        // 69 × (1/3) × (0.5 + 0.5 × 0.5^(7/12)) = 19.17…
        #expect(r4.score == 19)
    }

    /// Seeded random histories: adding a fall on any channel, or in priority, while the
    /// product stays usable never lowers its risk.
    @Test func aFallNeverLowersRisk() throws {
        var seed = UInt64(7)
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let usable = scales.availability.dropLast()
        var checked = 0
        for trial in 0..<400 {
            var changes: [StatusChange] = []
            var month = 1
            for step in 0..<(1 + next(6)) {
                let date = "2020-\(month < 10 ? "0" : "")\(month)"
                month += 1 + next(2)
                if next(2) == 0 {
                    changes.append(change("e\(step)", date, .priority, scales.priority[next(scales.priority.count)]))
                } else {
                    let channel = ["api", "app", nil][next(3)]
                    changes.append(change("e\(step)", date, .availability, usable[next(usable.count)], channel: channel))
                }
            }
            changes.append(change("base", "2019", .priority, scales.priority[next(3)]))
            changes.append(change("base", "2019", .availability, usable[next(3)], channel: "api"))
            let asOf = "2021-06"
            guard let before = status(changes, asOf: asOf), let r0 = PlatformRisk(before, asOf: day(asOf), scales: scales) else { continue }
            // A fall: priority one step down, or one channel one step down (still usable).
            var fall = change("fall", "2021-03", .priority, "")
            if next(2) == 0, let p = before.priority, let rank = scales.rank(p.value, on: .priority), rank + 1 < scales.priority.count {
                fall.value = scales.priority[rank + 1]
            } else if !before.channels.isEmpty, case let keys = before.channels.keys.sorted(), case let channel = keys[next(keys.count)],
                let rank = scales.rank(before.channels[channel]!.value, on: .availability), rank + 1 < usable.count
            {
                fall = change("fall", "2021-03", .availability, usable[rank + 1], channel: channel)
            } else {
                continue
            }
            guard let after = status(changes + [fall], asOf: asOf), let r1 = PlatformRisk(after, asOf: day(asOf), scales: scales) else {
                Issue.record("trial \(trial): the product lost its score after a fall")
                continue
            }
            #expect(r1.score >= r0.score, "trial \(trial): \(r0.score) → \(r1.score) after \(fall.axis) \(fall.channel ?? "") \(fall.value)")
            checked += 1
        }
        #expect(checked > 150)
    }
}

/// A release cycle's facts as the site's tables show them.
struct CycleFactsTests {
    private func facts(_ data: [String: String]) -> CycleFacts? {
        CycleFacts(Dictionary(uniqueKeysWithValues: (data.merging(["release_cycle": "1"]) { a, _ in a }).map { ($0.key, FieldValue.text($0.value)) }))
    }

    /// Active support with no end of its own ends with the security support: a retired
    /// phone's read "ongoing".
    @Test func activeSupportWithNoEndOfItsOwnEndsWithTheSecuritySupport() {
        #expect(facts(["eoas": "false", "eol": "true"])?.cells["Active support"] == "ended")
        #expect(facts(["eoas": "false", "eol": "2026-02-21"])?.cells["Active support"] == "until its end of life")
        #expect(facts(["eoas": "false", "eol": "false"])?.cells["Active support"] == "ongoing")
        #expect(facts(["eoas": "false"])?.cells["Active support"] == "ongoing")
        #expect(facts(["eoas": "2025-01-01", "eol": "true"])?.cells["Active support"] == "1 January 2025")
    }

    /// The latest version's date, under the key the import writes or under endoflife.date's
    /// own, in a cycle written by hand (that one's date was left out).
    @Test func theLatestDateIsReadUnderEitherSpelling() {
        #expect(facts(["latest": "14.15", "latest_release_date": "2026-11-13"])?.latestDate == "2026-11-13")
        #expect(facts(["latest": "14.15", "latestReleaseDate": "2026-11-13"])?.latestDate == "2026-11-13")
    }
}
