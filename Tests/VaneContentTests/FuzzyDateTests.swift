import Testing
import VaneContent

struct FuzzyDateTests {
    @Test(arguments: [
        ("2026", "year", "2026-01-01", "2026-12-31", "2026"),
        ("2026-Q2", "quarter", "2026-04-01", "2026-06-30", "Q2 2026"),
        ("2026-04", "month", "2026-04-01", "2026-04-30", "April 2026"),
        ("2026-04-08", "day", "2026-04-08", "2026-04-08", "8 April 2026"),
        ("2024-02", "month", "2024-02-01", "2024-02-29", "February 2024"),
        ("~2025-06", "month", "2025-06-01", "2025-06-30", "c. June 2025"),
    ])
    func parsesEachPrecision(text: String, precision: String, start: String, end: String, display: String) throws {
        let date = try FuzzyDate(parsing: text)
        #expect(date.text == text)
        #expect(date.precision.rawValue == precision)
        #expect(date.start == start)
        #expect(date.end == end)
        #expect(date.display == display)
        #expect(date.approximate == text.hasPrefix("~"))
    }

    @Test(arguments: [
        ("2026-02-29", "impossible date '2026-02-29' (February 2026 has 28 days)"),
        ("2026-04-31", "impossible date '2026-04-31' (April 2026 has 30 days)"),
        ("2026-13", "impossible date '2026-13' (a month is 01 to 12)"),
        ("2026-00-10", "impossible date '2026-00-10' (a month is 01 to 12)"),
        ("2026-Q5", "impossible date '2026-Q5' (a quarter is Q1 to Q4)"),
        ("0000", "impossible date '0000' (there is no year 0000)"),
        // Written another common way: said as this format writes it.
        (
            "April 2026",
            "invalid date 'April 2026' (did you mean '2026-04'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        (
            "2026-4-8",
            "invalid date '2026-4-8' (did you mean '2026-04-08'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        (
            "2019/11/19",
            "invalid date '2019/11/19' (did you mean '2019-11-19'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        ("Q2 2024", "invalid date 'Q2 2024' (did you mean '2024-Q2'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"),
        ("~2023-6", "invalid date '~2023-6' (did you mean '~2023-06'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"),
        (
            "January 14, 2014",
            "invalid date 'January 14, 2014' (did you mean '2014-01-14'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        // A timestamp, or a day run together: its day as written.
        (
            "2026-04-08T10:00",
            "invalid date '2026-04-08T10:00' (did you mean '2026-04-08'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        (
            "2023-01-05 10:00:00 +02:00",
            "invalid date '2023-01-05 10:00:00 +02:00' (did you mean '2023-01-05'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        (
            "20230105",
            "invalid date '20230105' (did you mean '2023-01-05'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        // Day and month before the year, when only one can be the month (trial h11).
        (
            "29/09/2023",
            "invalid date '29/09/2023' (did you mean '2023-09-29'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        (
            "9/29/2023",
            "invalid date '9/29/2023' (did you mean '2023-09-29'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"
        ),
        ("31/02/2023", "invalid date '31/02/2023' (expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"),
        // No one reading: no suggestion.
        ("03/04/2024", "invalid date '03/04/2024' (expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"),
        ("20231305", "invalid date '20231305' (expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')"),
    ])
    func refusesBadDates(text: String, message: String) {
        #expect(throws: FuzzyDate.ParseError(message: message)) { try FuzzyDate(parsing: text) }
    }

    @Test func sortsByStartThenCoarserFirst() throws {
        let texts = ["2026-04-08", "2026-Q2", "2026", "2026-04", "2025-12-31"]
        let sorted = try texts.map(FuzzyDate.init(parsing:)).sorted { $0.sortsBefore($1) ?? false }.map(\.text)
        #expect(sorted == ["2025-12-31", "2026", "2026-Q2", "2026-04", "2026-04-08"])
    }

    @Test func htmlDateTimeOnlyWhereHTMLHasOne() throws {
        #expect(try FuzzyDate(parsing: "2026").htmlDateTime == "2026")
        #expect(try FuzzyDate(parsing: "2026-Q2").htmlDateTime == nil)
        #expect(try FuzzyDate(parsing: "~2026-04").htmlDateTime == "2026-04")
        #expect(try FuzzyDate(parsing: "2026-04-08").htmlDateTime == "2026-04-08")
    }
}
