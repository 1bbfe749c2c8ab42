import VaneDiagnostics

/// A name an entity had until a day: `renamed: [{ date: 2023-07-11, from: Azure Active
/// Directory }]` on Microsoft Entra ID. Its `name` is the name after the last rename.
public struct Rename: Sendable, Codable, Hashable {
    /// The day the next name took over.
    public var date: FuzzyDate
    /// The name it had until then.
    public var from: String
    public var location: SourceLocation

    public init(date: FuzzyDate, from: String, at location: SourceLocation) {
        (self.date, self.from, self.location) = (date, from, location)
    }
}

extension [Rename] {
    /// The name in use at the end of `date`'s period: the name the first later rename
    /// replaced, else `current`. A rename takes effect on its day.
    public func name(asOf date: FuzzyDate, current: String) -> String {
        first { $0.date.startKey > date.endKey }?.from ?? current
    }

    /// Each name with the day it took over (nil for the first): oldest first, `current` last.
    public func names(current: String) -> [(name: String, since: FuzzyDate?)] {
        zip(map(\.from) + [current], [nil] + map { Optional($0.date) }).map { ($0, $1) }
    }
}

extension Entry {
    public func name(asOf date: FuzzyDate) -> String { renames.name(asOf: date, current: title) }
}
