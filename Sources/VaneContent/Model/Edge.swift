import VaneDiagnostics

/// The kinds of edge in the graph, named as they are stored.
public enum Relation: String, Sendable, Codable, CaseIterable {
    case involves, about, cites, mentions, parent, supports, contradicts
    /// A use's product, model or release cycle.
    case uses
    case claimedBy = "claimed_by"
    case setsStatus = "sets_status"
    case publishedBy = "published_by"
    case verdictSource = "verdict_source"
    case succeededBy = "succeeded_by"
    /// Merged into another product, its users carried over (Skype → Teams), unlike a
    /// successor, which customers move to themselves.
    case foldedInto = "folded_into"
    case authoredBy = "authored_by"

    /// The kind a target must have; `nil` when any entry will do (wikilinks).
    public var targetKind: Kind? {
        switch self {
        case .involves, .about, .claimedBy, .parent, .setsStatus, .publishedBy, .succeededBy, .foldedInto, .authoredBy, .uses: .entity
        case .cites, .verdictSource: .source
        case .supports, .contradicts: .claim
        case .mentions: nil
        }
    }
}

/// A reference as written in an entry, before it is resolved to an id.
public struct Reference: Hashable, Sendable, Codable {
    public var relation: Relation
    public var target: String
    public var location: SourceLocation

    public init(_ relation: Relation, _ target: String, at location: SourceLocation) {
        self.relation = relation
        self.target = target
        self.location = location
    }
}

/// A resolved edge: `from` and `to` are entry ids; `location` is where it was written.
public struct Edge: Hashable, Sendable, Codable {
    public var from: String
    public var relation: Relation
    public var to: String
    public var location: SourceLocation

    public init(from: String, _ relation: Relation, to: String, at location: SourceLocation) {
        self.from = from
        self.relation = relation
        self.to = to
        self.location = location
    }
}

extension Array where Element == Edge {
    /// The ends of every edge whose relation `keep` accepts, in the order written, read in
    /// place: `filter` and `for … in` copy each edge they pass (a retain for each of its
    /// strings), a cost every build paid over 100,000 edges, several times over.
    public func pairs(where keep: (Relation) -> Bool) -> [(String, String)] {
        var found: [(String, String)] = []
        for i in indices where keep(self[i].relation) { found.append((self[i].from, self[i].to)) }
        return found
    }

    /// The edges whose relation `keep` accepts; only those are copied.
    public func only(_ keep: (Relation) -> Bool) -> [Edge] {
        var found: [Edge] = []
        for i in indices where keep(self[i].relation) { found.append(self[i]) }
        return found
    }
}
