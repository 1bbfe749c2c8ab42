import VaneContent

/// The filters of `vane query`, shared by every kind.
public struct EntryFilter: Sendable {
    /// An entity id or alias; matches it and all its descendants.
    public var entity: String?
    public var type: String?
    public var since: FuzzyDate?
    public var until: FuzzyDate?
    public var tag: String?
    /// Full-text search over titles, bodies and aliases.
    public var text: String?
    /// Claims only: the verdict.
    public var verdict: String?

    public init(
        entity: String? = nil, type: String? = nil, since: FuzzyDate? = nil, until: FuzzyDate? = nil, tag: String? = nil, text: String? = nil,
        verdict: String? = nil
    ) {
        self.verdict = verdict
        self.entity = entity
        self.type = type
        self.since = since
        self.until = until
        self.tag = tag
        self.text = text
    }
}
