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

extension Entry {
    /// The name in use at the end of `date`'s period: the name the first later rename
    /// replaced, else the current one. A rename takes effect on its day.
    public func name(asOf date: FuzzyDate) -> String {
        renames.first { $0.date.start > date.end }?.from ?? title
    }

    /// Each name with the day it took over (nil for the first): oldest first, the current
    /// name last.
    public var names: [(name: String, since: FuzzyDate?)] {
        var result: [(String, FuzzyDate?)] = []
        var since: FuzzyDate?
        for rename in renames {
            result.append((rename.from, since))
            since = rename.date
        }
        return result + [(title, since)]
    }
}
