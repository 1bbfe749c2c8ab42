import VaneContent

public struct EventRow: Codable, Sendable, Hashable {
    public var id: String
    public var title: String
    public var type: String
    public var date: String
    public var datePrecision: String
    public var dateStart: String
    public var approximate: Bool
    public var spanEnd: String?
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
    public var verdictDate: String?
    public var verdictSources: [String]
    public var supports: [String]
    public var contradicts: [String]
    public var claimant: String
    public var date: String
    public var datePrecision: String
    public var dateStart: String
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
    public var publisherId: String?
    public var url: String
    public var type: String?
    public var published: String?
    public var publishedPrecision: String?
    public var citedBy: [String]
    public var path: String
}

public struct EntityRow: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var type: String
    public var parent: String?
    public var aliases: [String]
    public var tags: [String]
    public var path: String
}

extension String {
    /// `April 2026` for a date written `2026-04`.
    var displayDate: String { (try? FuzzyDate(parsing: self))?.display ?? self }
}
