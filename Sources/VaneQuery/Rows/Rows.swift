import VaneContent

// The rows of `vane query`: a field that does not apply is `null` (`@Null`), never left
// out, so every row of a kind has the same keys.

public struct EventRow: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var type: String
    public var date: String
    public var datePrecision: String
    public var dateStart: String
    /// The last day of the date's period (`2026-04` ends `2026-04-30`), or of its span.
    public var dateEnd: String
    public var approximate: Bool
    @Null public var spanEnd: String?
    public var entities: [String]
    public var sources: [String]
    public var tags: [String]
    public var path: String
}

public struct ClaimRow: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var type: String
    public var verdict: String
    @Null public var verdictDate: String?
    public var verdictSources: [String]
    public var supports: [String]
    public var contradicts: [String]
    public var claimant: String
    public var date: String
    public var datePrecision: String
    public var dateStart: String
    public var dateEnd: String
    public var approximate: Bool
    public var about: [String]
    public var sources: [String]
    public var tags: [String]
    public var path: String
}

public struct SourceRow: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var publisher: String
    @Null public var publisherId: String?
    public var url: String
    @Null public var type: String?
    @Null public var published: String?
    @Null public var publishedPrecision: String?
    /// The first day of `published`'s period, as events have `date_start`.
    @Null public var publishedStart: String?
    @Null public var accessed: String?
    @Null public var archive: String?
    public var citedBy: [String]
    public var tags: [String]
    public var path: String
}

public struct EntityRow: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: String
    @Null public var parent: String?
    public var aliases: [String]
    public var tags: [String]
    public var path: String
}

extension String {
    /// `April 2026` for a date written `2026-04`.
    var displayDate: String { (try? FuzzyDate(parsing: self))?.display ?? self }
}
