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

// The rows of `vane query` write every key, a field that does not apply as `null` (the
// synthesized encoders leave it out), so every row of a kind has the same keys.

extension EventRow {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(type, forKey: .type)
        try c.encode(date, forKey: .date)
        try c.encode(datePrecision, forKey: .datePrecision)
        try c.encode(dateStart, forKey: .dateStart)
        try c.encode(approximate, forKey: .approximate)
        try c.encode(spanEnd, forKey: .spanEnd)
        try c.encode(entities, forKey: .entities)
        try c.encode(sources, forKey: .sources)
        try c.encode(tags, forKey: .tags)
        try c.encode(path, forKey: .path)
    }
}

extension ClaimRow {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(type, forKey: .type)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(verdictDate, forKey: .verdictDate)
        try c.encode(verdictSources, forKey: .verdictSources)
        try c.encode(supports, forKey: .supports)
        try c.encode(contradicts, forKey: .contradicts)
        try c.encode(claimant, forKey: .claimant)
        try c.encode(date, forKey: .date)
        try c.encode(datePrecision, forKey: .datePrecision)
        try c.encode(dateStart, forKey: .dateStart)
        try c.encode(approximate, forKey: .approximate)
        try c.encode(about, forKey: .about)
        try c.encode(sources, forKey: .sources)
        try c.encode(tags, forKey: .tags)
        try c.encode(path, forKey: .path)
    }
}

extension SourceRow {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(publisher, forKey: .publisher)
        try c.encode(publisherId, forKey: .publisherId)
        try c.encode(url, forKey: .url)
        try c.encode(type, forKey: .type)
        try c.encode(published, forKey: .published)
        try c.encode(publishedPrecision, forKey: .publishedPrecision)
        try c.encode(citedBy, forKey: .citedBy)
        try c.encode(path, forKey: .path)
    }
}

extension EntityRow {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(type, forKey: .type)
        try c.encode(parent, forKey: .parent)
        try c.encode(aliases, forKey: .aliases)
        try c.encode(tags, forKey: .tags)
        try c.encode(path, forKey: .path)
    }
}
