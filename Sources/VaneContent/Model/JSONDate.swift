/// A date as every JSON output writes it (the commands' `--format json` and the site's API):
/// ISO 8601 at the precision written (`2025`, `2025-Q3`, `2025-07`, `2025-07-31`), never
/// with the `~` of the Markdown; the period's first and last days; and whether the author
/// marked it approximate.
public struct JSONDate: Encodable, Sendable, Hashable {
    public var iso: String
    public var precision: String
    public var start: String
    public var end: String
    public var approximate: Bool

    public init(_ date: FuzzyDate) {
        iso = date.approximate ? String(date.text.dropFirst()) : date.text
        precision = date.precision.rawValue
        start = date.start
        end = date.end
        approximate = date.approximate
    }

    /// The date in `text`, when it is one (`now` and empty texts are not).
    public init?(text: String) {
        guard let date = try? FuzzyDate(parsing: text) else { return nil }
        self.init(date)
    }
}
