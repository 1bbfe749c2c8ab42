/// Day numbers (days since 1970-01-01, proleptic Gregorian), for counting days between
/// dates and for time axes.
public enum DayNumber {
    public static func of(_ iso: String) -> Int {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        return days(parts[0], parts[1], parts[2])
    }

    /// Howard Hinnant's days_from_civil.
    public static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}

extension FuzzyDate {
    /// The first and last day of the period as day numbers.
    public var startDay: Int { DayNumber.days(year, month, day) }
    public var endDay: Int { DayNumber.of(end) }
}
