/// A date kept at the precision its author wrote: `2026`, `2026-Q2`, `2026-04`,
/// `2026-04-08`, any of them prefixed with `~` for "approximately".
///
/// The text is never turned into a fake full date; `start` and `end` are the bounds
/// of the period, used for sorting and for `--since`/`--until`.
public struct FuzzyDate: Hashable, Sendable, Codable {
    public enum Precision: String, Sendable, Codable, CaseIterable {
        case year, quarter, month, day

        /// Coarser precisions sort first when two periods start together.
        public var rank: Int {
            switch self {
            case .year: 0
            case .quarter: 1
            case .month: 2
            case .day: 3
            }
        }
    }

    public let text: String
    public let precision: Precision
    public let approximate: Bool
    public let year: Int
    /// First month of the period (1–12).
    public let month: Int
    /// First day of the period (1–31).
    public let day: Int

    /// Why a text is not a date, worded for a diagnostic.
    public struct ParseError: Error, Equatable {
        public let message: String
        public init(message: String) { self.message = message }
    }

    /// A date written another common way, as this format writes it: `2023-6` is `2023-06`,
    /// `2019/11/19` `2019-11-19`, `January 2014` `2014-01`, `Q2 2024` `2024-Q2`, `29/09/2023`
    /// `2023-09-29`; nil when there is no one reading of it (`03/04/2024`).
    public static func written(_ text: String) -> String? {
        let approximate = text.hasPrefix("~")
        // A timestamp (`2023-01-05T10:00:00Z`, `2023-01-05 10:00 +02:00`) or a day run
        // together (`20230105`): its day.
        let plain = text.dropFirst(approximate ? 1 : 0)
        let day = plain.prefix(10)
        if day.count == 10, plain.count > 10, "T ".contains(plain[plain.index(plain.startIndex, offsetBy: 10)]),
            (try? FuzzyDate(parsing: String(day))) != nil
        {
            return (approximate ? "~" : "") + day
        }
        if plain.count == 8, plain.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let digits = Array(plain)
            let candidate = String(digits[0..<4]) + "-" + String(digits[4..<6]) + "-" + String(digits[6..<8])
            if (try? FuzzyDate(parsing: candidate)) != nil { return (approximate ? "~" : "") + candidate }
        }
        let words = text.dropFirst(approximate ? 1 : 0).split { !$0.isLetter && !$0.isNumber }.map { $0.lowercased() }
        let months = monthNames.map { $0.lowercased() }
        func month(_ word: String) -> Int? {
            months.firstIndex { $0 == word || (word.count >= 3 && $0.hasPrefix(word)) }.map { $0 + 1 }
        }
        guard let year = words.first(where: { $0.count == 4 && $0.allSatisfy(\.isNumber) }) else { return nil }
        let rest = words.filter { $0 != year }
        var candidate: String?
        if rest.count == 1, rest[0].count == 2, rest[0].first == "q" {
            candidate = "\(year)-Q\(rest[0].dropFirst())"
        } else if let named = rest.compactMap(month).first, rest.filter({ month($0) == nil }).count <= 1 {
            let day = rest.first { month($0) == nil }.flatMap { Int($0) }
            candidate = "\(year)-\(two(named))" + (day.map { "-\(two($0))" } ?? "")
        } else if words.first == year, rest.count <= 2, rest.allSatisfy({ Int($0) != nil }), !rest.isEmpty {
            candidate = ([year] + rest.map { two(Int($0)!) }).joined(separator: "-")
        } else if words.last == year, rest.count == 2, let a = Int(rest[0]), let b = Int(rest[1]), a == b || (a > 12) != (b > 12) {
            // Day and month before the year (`29/09/2023`, `9/29/2023`): one reading when only
            // one of them can be a month, or both are the same.
            let (month, day) = a > 12 ? (b, a) : (a, b)
            candidate = "\(year)-\(two(month))-\(two(day))"
        }
        guard let candidate, candidate != text, (try? FuzzyDate(parsing: candidate)) != nil else { return nil }
        return (approximate ? "~" : "") + candidate
    }

    /// Whether this is `earlier` said again: the same date, or a day (a month) set within the
    /// period it named (`2019-04`, then `2019-04-02`).
    public func restates(_ earlier: FuzzyDate) -> Bool {
        self == earlier || earlier.precision.rank < precision.rank && startKey >= earlier.startKey && endKey <= earlier.endKey
    }

    /// Whether this sets the day of `earlier`'s period while it runs, before that day, when
    /// said on `said`: a finer date within it, still ahead (`2024-04-02` said on 20 February
    /// 2024 of an end `2024`).
    public func setsTheDay(of earlier: FuzzyDate, saidOn said: FuzzyDate) -> Bool {
        restates(earlier) && precision.rank > earlier.precision.rank && startKey > said.startKey
    }

    /// A date as stored, field for field (a stored parse read back by hand, not parsed again).
    public init(stored text: String, precision: Precision, approximate: Bool, year: Int, month: Int, day: Int) {
        (self.text, self.precision, self.approximate, self.year, self.month, self.day) = (text, precision, approximate, year, month, day)
    }

    public init(parsing raw: String) throws(ParseError) {
        let text = raw
        var body = Substring(raw)
        let approximate = body.hasPrefix("~")
        if approximate { body = body.dropFirst() }
        let parts = body.split(separator: "-", omittingEmptySubsequences: false)
        func fail() -> ParseError {
            let hint = FuzzyDate.written(text).map { "did you mean '\($0)'? " } ?? ""
            return ParseError(message: "invalid date '\(text)' (\(hint)expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~')")
        }
        func number(_ s: Substring, digits: Int) -> Int? {
            guard s.count == digits, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(s)
        }
        guard let first = parts.first, let year = number(first, digits: 4) else { throw fail() }
        var month = 1
        var day = 1
        let precision: Precision
        switch parts.count {
        case 1:
            precision = .year
        case 2 where parts[1].hasPrefix("Q"):
            guard let q = number(parts[1].dropFirst(), digits: 1) else { throw fail() }
            guard (1...4).contains(q) else {
                throw ParseError(message: "impossible date '\(text)' (a quarter is Q1 to Q4)")
            }
            precision = .quarter
            month = (q - 1) * 3 + 1
        case 2:
            guard let m = number(parts[1], digits: 2) else { throw fail() }
            guard (1...12).contains(m) else {
                throw ParseError(message: "impossible date '\(text)' (a month is 01 to 12)")
            }
            precision = .month
            month = m
        case 3:
            guard let m = number(parts[1], digits: 2), let d = number(parts[2], digits: 2) else { throw fail() }
            guard (1...12).contains(m) else {
                throw ParseError(message: "impossible date '\(text)' (a month is 01 to 12)")
            }
            let length = FuzzyDate.daysIn(month: m, year: year)
            guard (1...length).contains(d) else {
                throw ParseError(message: "impossible date '\(text)' (\(FuzzyDate.monthNames[m - 1]) \(year) has \(length) days)")
            }
            precision = .day
            month = m
            day = d
        default:
            throw fail()
        }
        guard year >= 1 else { throw ParseError(message: "impossible date '\(text)' (there is no year 0000)") }
        self.text = text
        self.precision = precision
        self.approximate = approximate
        self.year = year
        self.month = month
        self.day = day
    }

    /// First day of the period, `YYYY-MM-DD`.
    public var start: String { FuzzyDate.iso(year, month, day) }

    /// Last day of the period, `YYYY-MM-DD`.
    public var end: String {
        let key = endKey
        return FuzzyDate.iso(key / 10000, key / 100 % 100, key % 100)
    }

    /// The day after the period, as YYYYMMDD: the exclusive end iCalendar wants.
    public var dayAfterEndKey: Int {
        let key = endKey
        var (y, m, d) = (key / 10000, key / 100 % 100, key % 100 + 1)
        if d > FuzzyDate.daysIn(month: m, year: y) { (m, d) = (m + 1, 1) }
        if m > 12 { (y, m) = (y + 1, 1) }
        return y * 10000 + m * 100 + d
    }

    /// The date as a reader sees it: `2026`, `Q2 2026`, `April 2026`, `8 April 2026`;
    /// approximate dates read `c. April 2026`.
    public var display: String {
        let plain: String
        // Four digits, as written (`0999`: shown `999` while the JSON kept `0999`).
        let year = FuzzyDate.yearText(self.year)
        switch precision {
        case .year: plain = year
        case .quarter: plain = "Q\((month - 1) / 3 + 1) \(year)"
        case .month: plain = "\(FuzzyDate.monthNames[month - 1]) \(year)"
        case .day: plain = "\(day) \(FuzzyDate.monthNames[month - 1]) \(year)"
        }
        return approximate ? "c. \(plain)" : plain
    }

    /// A year as dates write it, in four digits (the timeline's headings too).
    public static func yearText(_ year: Int) -> String { pad(year, 4) }

    /// A date, and the end of its span when it has one: `October 2026 to March 2027`.
    public static func display(_ date: FuzzyDate, to end: FuzzyDate?) -> String { date.display + (end.map { " to " + $0.display } ?? "") }

    /// The date in a sentence, with its preposition: "on 31 December 2020", "in October
    /// 2024", "in Q1 2025", "in c. 2025" ("on October 2024" read wrong).
    public var onDisplay: String { (precision == .day ? "on " : "in ") + display }

    /// A machine-readable form valid in HTML's `<time datetime>`, where one exists
    /// (HTML has no quarter).
    public var htmlDateTime: String? {
        switch precision {
        case .year: return String(format4(year))
        case .quarter: return nil
        case .month: return "\(format4(year))-\(FuzzyDate.two(month))"
        case .day: return start
        }
    }

    /// The last day of the period as one number (YYYYMMDD).
    public var endKey: Int {
        switch precision {
        case .year: return year * 10000 + 1231
        case .quarter: return year * 10000 + (month + 2) * 100 + FuzzyDate.daysIn(month: month + 2, year: year)
        case .month: return year * 10000 + month * 100 + FuzzyDate.daysIn(month: month, year: year)
        case .day: return startKey
        }
    }

    /// The first day of the period as one number (YYYYMMDD), for fast comparison.
    public var startKey: Int { year * 10000 + month * 100 + day }

    /// Sort key: start of the period, then coarser precision first.
    public func sortsBefore(_ other: FuzzyDate) -> Bool? {
        if startKey != other.startKey { return startKey < other.startKey }
        if precision != other.precision { return precision.rank < other.precision.rank }
        return nil
    }

    // MARK: - Calendar arithmetic

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private func format4(_ n: Int) -> String { FuzzyDate.pad(n, 4) }
    static func two(_ n: Int) -> String { pad(n, 2) }
    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String { "\(pad(y, 4))-\(two(m))-\(two(d))" }
}
