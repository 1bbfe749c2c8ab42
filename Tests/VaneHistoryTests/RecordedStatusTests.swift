import Testing
import VaneContent

@testable import VaneHistory

/// Recorded time, replayed in process: a change names the value the product had; a commit
/// from a clock set far ahead is read, not trapped on.
struct RecordedStatusTests {
    private func event(_ date: String, _ values: [(axis: String, channel: String?, value: String)]) throws -> Assessments {
        var a = Assessments(date: try FuzzyDate(parsing: date))
        for v in values { a.values[.init(what: .status, entity: "codecommit", axis: v.axis, channel: v.channel)] = v.value }
        return a
    }

    @Test func aReopeningNamesTheChannelItReopened() throws {
        var state = RecordedStatus()
        _ = state.changes("launch", to: try event("2015-07-09", [("availability", nil, "generally-available")]), commit: "a")
        let closed = try event(
            "2024-07-25", [("availability", "new-customers", "retired"), ("availability", "existing-customers", "generally-available")])
        let closing = state.changes("closed", to: closed, commit: "b")
        #expect(
            closing.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["new-customers generally-available → retired"])
        let reopening = state.changes("reopened", to: try event("2025-11-24", [("availability", nil, "generally-available")]), commit: "c")
        #expect(
            reopening.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["new-customers retired → generally-available"]
        )
        // Removing the reopening gives the value back.
        let removed = state.changes("reopened", to: nil, commit: "d")
        #expect(
            removed.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["new-customers generally-available → retired"])
    }

    /// A channel brought back after its announced end came moves from `retired`, as the
    /// status model has it in event time (the commit that recorded the return said nothing).
    @Test func aReturnAfterAnEndCameMovesFromRetired() throws {
        var state = RecordedStatus()
        _ = state.changes("launch", to: try event("2020-01-01", [("availability", nil, "generally-available")]), commit: "a")
        var end = try event("2023-02-02", [("availability", "free", "deprecated")])
        end.values[.init(what: .end, entity: "codecommit", axis: "ends", channel: "free")] = "2023-02-09"
        let announced = state.changes("end", to: end, commit: "b")
        #expect(
            announced.map { "\($0.what.rawValue) \($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == [
                "end free none → 2023-02-09", "status free generally-available → deprecated",
            ])
        let back = state.changes("back", to: try event("2023-02-13", [("availability", "free", "deprecated")]), commit: "c")
        #expect(back.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["free retired → deprecated"])
    }

    /// Dated advice moves from the product's own successors, and keeps what it was folded
    /// into, as the board has it in event time: advice naming the fold moves nothing (it
    /// read "none → squarespace-domains"), other advice adds to the fold.
    @Test func adviceMovesFromTheProductsOwnSuccessorsAndKeepsItsFold() throws {
        var state = RecordedStatus(products: RecordedProducts(successors: (own: ["codecommit": ["sq"]], folds: ["codecommit": ["sq"]])))
        #expect(state.changes("sold", to: try event("2023-06-15", [("successors", nil, "sq")]), commit: "a").isEmpty)
        #expect(state.changes("none", to: try event("2023-06-20", [("successors", nil, "none")]), commit: "b").isEmpty)
        let more = state.changes("more", to: try event("2023-07-01", [("successors", nil, "other")]), commit: "c")
        #expect(more.map { "\($0.before ?? "none") → \($0.after ?? "none")" } == ["sq → sq other"])
    }

    /// A channel offered later moves from none, as in event time (it read as the
    /// product's value, and the commit that opened it said nothing).
    @Test func aChannelsFirstAvailabilityMovesFromNone() throws {
        var state = RecordedStatus()
        _ = state.changes("launch", to: try event("2017-01-01", [("availability", "global", "generally-available")]), commit: "a")
        let opened = state.changes("china", to: try event("2018-03-01", [("availability", "china", "generally-available")]), commit: "b")
        #expect(opened.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["china none → generally-available"])
    }

    /// A launch of the whole product sets each of its channels, named by an event or not:
    /// restating one later moves nothing (it read `paid: none → generally-available`), and the
    /// launch itself is the product's move, as in event time.
    @Test func aWholeProductLaunchSetsChannelsNoEventNamesYet() throws {
        var state = RecordedStatus(products: RecordedProducts(channels: ["codecommit": ["free", "paid"]]))
        let launch = state.changes("launch", to: try event("2020-01-01", [("availability", nil, "generally-available")]), commit: "a")
        #expect(launch.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["- none → generally-available"])
        let free = state.changes("free", to: try event("2023-02-02", [("availability", "free", "deprecated")]), commit: "b")
        #expect(free.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["free generally-available → deprecated"])
        #expect(state.changes("paid", to: try event("2023-03-29", [("availability", "paid", "generally-available")]), commit: "c").isEmpty)
        let retired = state.changes("gone", to: try event("2024-01-01", [("availability", "paid", "retired")]), commit: "d")
        #expect(retired.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["paid generally-available → retired"])
    }

    /// An end a new file announces moves the one that stood before it, as event time has
    /// it (an extension read "end none → 2023-02-13", as a first announcement); the same
    /// end in a file renamed moves nothing.
    @Test func anExtensionInANewFileMovesTheEndThatStood() throws {
        var state = RecordedStatus()
        var first = try event("2023-02-02", [("availability", "free", "deprecated")])
        first.values[.init(what: .end, entity: "codecommit", axis: "ends", channel: "free")] = "2023-02-09"
        _ = state.changes("e2", to: first, commit: "a")
        var later = try event("2023-02-08", [])
        later.values[.init(what: .end, entity: "codecommit", axis: "ends", channel: "free")] = "2023-02-13"
        let extended = state.changes("e3", to: later, commit: "b")
        #expect(
            extended.map { "\($0.what.rawValue) \($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == [
                "end free 2023-02-09 → 2023-02-13"
            ])
        #expect(state.changes([("e3", nil), ("e3-renamed", later)], commit: "c").isEmpty)
        // Another channel's end stands for no other.
        var other = try event("2023-02-10", [])
        other.values[.init(what: .end, entity: "codecommit", axis: "ends", channel: "paid")] = "2024-01-01"
        let paid = state.changes("e4", to: other, commit: "d")
        #expect(paid.map { "\($0.channel ?? "-") \($0.before ?? "none") → \($0.after ?? "none")" } == ["paid none → 2024-01-01"])
    }

    /// An extension committed with the end it extends (a first commit, files not committed
    /// yet) moves it, as in two commits: it read "end none → 2023-02-13".
    @Test func anExtensionCommittedWithItsEndMovesIt() throws {
        var state = RecordedStatus()
        let key = Assessments.Key(what: .end, entity: "codecommit", axis: "ends", channel: "free")
        var first = try event("2023-02-02", [("availability", "free", "deprecated")])
        first.values[key] = "2023-02-09"
        var later = try event("2023-02-08", [])
        later.values[key] = "2023-02-13"
        let both = state.changes([("e2", first), ("e3", later)], commit: "a").filter { $0.what == .end }
        #expect(
            both.map { "\($0.entry) \($0.before ?? "none") → \($0.after ?? "none")" } == [
                "e2 none → 2023-02-09", "e3 2023-02-09 → 2023-02-13",
            ])
    }

    /// A sign-ups closure a later announcement moves is chained as an end is, in two
    /// commits or one (it read "sign-ups closure none → 2027-03-31").
    @Test func aClosureMovedLaterMovesTheOneThatStood() throws {
        let first = try event("2026-01-10", [("closes", nil, "2027-01-31")])
        let later = try event("2026-05-01", [("closes", nil, "2027-03-31")])
        var apart = RecordedStatus()
        _ = apart.changes("c1", to: first, commit: "a")
        let moved = apart.changes("c2", to: later, commit: "b")
        #expect(moved.map { "\($0.before ?? "none") → \($0.after ?? "none")" } == ["2027-01-31 → 2027-03-31"], "\(moved)")
        var together = RecordedStatus()
        let both = together.changes([("c1", first), ("c2", later)], commit: "a")
        #expect(both.map { "\($0.entry) \($0.before ?? "none") → \($0.after ?? "none")" } == ["c1 none → 2027-01-31", "c2 2027-01-31 → 2027-03-31"])
    }

    /// An extension dated after the end came, or an `ends: none` on the end's day, with no
    /// return since, is no announcement in recorded time as in event time (What's new said
    /// the end had moved, or was cancelled, beside countdowns that kept it).
    @Test func anAnnouncementAfterTheEndCameIsNone() throws {
        let key = Assessments.Key(what: .end, entity: "codecommit", axis: "ends", channel: nil)
        var state = RecordedStatus()
        _ = state.changes("launch", to: try event("2020-01-01", [("availability", nil, "generally-available")]), commit: "a")
        var end = try event("2026-01-10", [])
        end.values[key] = "2027-03-01"
        _ = state.changes("end", to: end, commit: "b")
        var extended = try event("2027-03-15", [])
        extended.values[key] = "2027-06-30"
        #expect(state.changes("extend", to: extended, commit: "c").isEmpty)
        var cancelled = try event("2027-03-01", [])
        cancelled.values[key] = "none"
        #expect(state.changes("cancel", to: cancelled, commit: "d").isEmpty)
        // Before the end came, an extension is one.
        var early = try event("2027-02-01", [])
        early.values[key] = "2027-09-30"
        #expect(
            state.changes("early", to: early, commit: "e").map { "\($0.before ?? "none") → \($0.after ?? "none")" } == ["2027-03-01 → 2027-09-30"])
    }

    @Test func daysPastTheYear9999AreWrittenNotTrapped() {
        #expect(HistoryReader.day(0) == "1970-01-01")
        #expect(HistoryReader.day(1_764_633_600) == "2025-12-02")
        #expect(HistoryReader.day(253_402_300_800) == "10000-01-01")
        let commit = Commit(logLine: "abc\u{1F}abc\u{1F}253402300800\u{1F}A commit from the far future")
        #expect(commit?.date == "10000-01-01" && commit?.subject == "A commit from the far future")
    }
}
