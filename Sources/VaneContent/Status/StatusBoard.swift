/// What the status board needs to know of an entity.
public struct EntityInfo: Sendable, Hashable {
    public var name: String
    public var type: String
    public var parent: String?

    public init(name: String, type: String, parent: String?) {
        self.name = name
        self.type = type
        self.parent = parent
    }
}

/// One product on the board: where it stands, why, and its risk.
public struct StatusRow: Sendable, Hashable {
    public var entity: String
    public var name: String
    public var type: String
    /// The top of its parent chain.
    public var vendor: String
    public var status: EntityStatus
    public var risk: PlatformRisk?
    /// Its availability is the bottom of the scale: the stranding already happened.
    public var gone: Bool
}

/// The availability-vs-priority board: every product with a status at a date, ranked by
/// platform risk (highest first, then id); products that are gone are kept apart.
public struct StatusBoard: Sendable {
    public var asOf: FuzzyDate
    public var scales: StatusScales
    public var ranked: [StatusRow]
    public var gone: [StatusRow]
    public var entities: [String: EntityInfo]
    /// Sources of each event (front matter and citations), for the "why".
    public var eventSources: [String: [String]]

    public init(
        changes: [StatusChange], entities: [String: EntityInfo], eventSources: [String: [String]], asOf: FuzzyDate, scales: StatusScales,
        within root: String? = nil
    ) {
        self.asOf = asOf
        self.scales = scales
        self.entities = entities
        self.eventSources = eventSources
        var rows: [StatusRow] = []
        for (id, status) in StatusTimeline.statuses(changes, asOf: asOf, scales: scales) {
            let chain = StatusBoard.ancestors(of: id, in: entities)
            if let root, !chain.contains(root) { continue }
            let gone = status.availability.map { scales.isGone($0.value) } ?? false
            rows.append(
                StatusRow(
                    entity: id, name: entities[id]?.name ?? id, type: entities[id]?.type ?? "", vendor: chain.last ?? id,
                    status: status, risk: gone ? nil : PlatformRisk(status, asOf: asOf, scales: scales), gone: gone))
        }
        ranked = rows.filter { !$0.gone }.sorted { a, b in
            let (x, y) = (a.risk?.score ?? -1, b.risk?.score ?? -1)
            return x != y ? x > y : a.entity < b.entity
        }
        gone = rows.filter(\.gone).sorted { $0.entity < $1.entity }
    }

    /// Builds the board from a loaded knowledge base.
    public init(_ kb: KnowledgeBase, asOf: FuzzyDate, within root: String? = nil) {
        let parents = Dictionary(kb.edges.filter { $0.relation == .parent }.map { ($0.from, $0.to) }, uniquingKeysWith: { a, _ in a })
        var entities: [String: EntityInfo] = [:]
        for e in kb.entries(of: .entity) {
            entities[e.id] = EntityInfo(name: e.title, type: e.type ?? "", parent: parents[e.id])
        }
        let cites = kb.edges.filter { $0.relation == .cites && kb.entry($0.from)?.kind == .event }.map { ($0.from, $0.to) }
        let sources = StatusBoard.sources(citedBy: cites)
        self.init(changes: kb.statusChanges, entities: entities, eventSources: sources, asOf: asOf, scales: StatusScales(kb.config), within: root)
    }

    /// Each event's sources in the order first cited, each once: (event, source) pairs in the
    /// order written grouped by event.
    public static func sources(citedBy pairs: [(String, String)]) -> [String: [String]] {
        var sources: [String: [String]] = [:]
        for (event, source) in pairs where !(sources[event]?.contains(source) ?? false) {
            sources[event, default: []].append(source)
        }
        return sources
    }

    /// The entity, its parent, its parent's parent… up to the top.
    public static func ancestors(of id: String, in entities: [String: EntityInfo]) -> [String] {
        var chain = [id]
        var seen: Set<String> = [id]
        while let parent = entities[chain.last!]?.parent, seen.insert(parent).inserted { chain.append(parent) }
        return chain
    }

    /// Every row, ranked ones first.
    public var rows: [StatusRow] { ranked + gone }
}
