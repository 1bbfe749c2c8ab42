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

/// A date kept as text for tables (`2025-07-31`, `~2025-07`, `now`) and written by JSON as
/// a `JSONDate`, or `null` when the text is no date.
@propertyWrapper
public struct DateText: Encodable, Sendable, Hashable {
    public var wrappedValue: String

    public init(wrappedValue: String) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let date = JSONDate(text: wrappedValue) { try container.encode(date) } else { try container.encodeNil() }
    }
}
