/// Small helpers for SVG drawn as text: numbers with fixed precision, escaped text.
enum SVG {
    /// A coordinate with at most one decimal, so output is stable and compact.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func text(_ s: String) -> String { HTML.escape(s) }

    /// Colours for products, chosen for contrast on white and cycled in board order.
    static let palette = ["#0b5cad", "#a4471b", "#2d6a36", "#6b3fa0", "#8a6d00", "#0f7b7b", "#b0306a", "#4a4f57"]
}

/// Day numbers for a time axis (days since 1970-01-01, proleptic Gregorian).
enum DayNumber {
    static func of(_ iso: String) -> Int {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        return days(parts[0], parts[1], parts[2])
    }

    /// Howard Hinnant's days_from_civil.
    static func days(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
