import VaneDiagnostics

/// A status change with its entity resolved and its event's date attached.
public struct StatusChange: Hashable, Sendable, Codable {
    public var event: String
    public var entity: String
    public var axis: StatusSetting.Axis
    public var channel: String?
    public var value: String
    public var date: FuzzyDate
    public var location: SourceLocation
    /// For an end or a closure: when it was first announced, when earlier than the event.
    public var announced: FuzzyDate?

    public init(event: String, entity: String, axis: StatusSetting.Axis, channel: String?, value: String, date: FuzzyDate, location: SourceLocation) {
        self.event = event
        self.entity = entity
        self.axis = axis
        self.channel = channel
        self.value = value
        self.date = date
        self.location = location
    }
}

extension StatusChange {
    /// Everything a page shows of this change, as one line (for fingerprints).
    public var signature: String { "\(event) \(entity) \(axis) \(channel ?? "") \(value) \(date.text) \(announced?.text ?? "")" }
}

extension StableHash {
    /// A status change, the fields of its `signature` one by one, without making the string
    /// (page fingerprints hash every change of every entity on each build).
    public mutating func add(_ change: StatusChange) {
        add(change.event)
        add(change.entity)
        add(change.axis.rawValue)
        add(change.channel ?? "")
        add(change.value)
        add(change.date.text)
        add(change.announced?.text ?? "")
    }

    public static func of(_ change: StatusChange) -> UInt64 {
        var h = StableHash()
        h.add(change)
        return h.value
    }
}

/// Every entry of a knowledge base, checked and linked: what the graph stores and the site shows.
public struct KnowledgeBase: Sendable {
    public var config: SiteConfig
    /// On a knowledge base as of a date, the titles of the entries dated after it, by id: a
    /// body link to one reads as its title, unlinked, not as its id.
    public var later: [String: String] = [:]
    /// On a knowledge base as of a date, the entries that cite a source published after it:
    /// a status they set reads "[later]", not "(no source)".
    public var citingLater: Set<String> = []
    /// Sorted by kind, then id.
    public private(set) var entries: [Entry]
    /// Each entry's edges together, entry by entry in the order of their files' paths.
    public var edges: [Edge] {
        get { spliced?.value ?? madeEdges }
        set { (madeEdges, spliced, successorLists) = (newValue, nil, Self.successorLists(of: newValue)) }
    }
    private var madeEdges: [Edge]
    /// The edges of a local link, made on first read (see `replacing`).
    private var spliced: Deferred<[Edge]>?
    /// Each entity's successors and folds (`StatusBoard.successors`), made on first read.
    /// Recorded time reads them at every load of the preview, and a local link, which
    /// changes no entity, keeps them: read from the edges, they waited for the edges' splice.
    public var successors: StatusBoard.Successors { successorLists.value }
    private var successorLists: Deferred<StatusBoard.Successors>
    public var statusChanges: [StatusChange]
    /// Lowercased alias → entity id.
    public var aliases: [String: String]
    /// Each product's channels, by entity id: those it declares and those its events name,
    /// sorted; a product with none has no entry. A whole-product value sets every one.
    public var channels: [String: [String]] = [:]
    /// Non-Markdown files under `Content/`, as paths relative to it, copied to the output.
    public var assets: [String]
    /// `Site/queries.yml`: command lines by name.
    public var savedQueries: [String: LiveBlock] = [:]
    /// Each entry by id (entries share their fields: one reference each).
    private var index: [String: Entry] = [:]
    private var byKind: [Kind: [Entry]] = [:]

    public init(config: SiteConfig, entries: [Entry], edges: [Edge], statusChanges: [StatusChange], aliases: [String: String], assets: [String]) {
        self.config = config
        // Each key read once, not through the entry's box at every comparison.
        let keys = entries.map { ($0.kind, $0.id) }
        self.entries = entries.sortedByPositions { keys[$0] < keys[$1] }
        self.madeEdges = edges
        self.successorLists = Self.successorLists(of: edges)
        self.statusChanges = statusChanges
        self.aliases = aliases
        self.assets = assets
        index.reserveCapacity(self.entries.count)
        for entry in self.entries { index[entry.id] = entry }
        byKind = Dictionary(grouping: self.entries, by: \.kind)
    }

    private static func successorLists(of edges: [Edge]) -> Deferred<StatusBoard.Successors> {
        Deferred { StatusBoard.successors(edges) }
    }

    /// This knowledge base with the entries of `gone` removed and `fresh` added, linked
    /// into `edges` and `statusChanges`: what `init` makes of them, without sorting every
    /// entry again, and sharing the lists of the kinds nothing changed in. The edges are
    /// made when first read: a preview shows the change without them (its site model has
    /// each entry's own), and makes them while the page is served. No entity is among
    /// `gone` or `fresh` (the successors are kept).
    func replacing(
        _ gone: Set<String>, with fresh: [Entry], edges: @escaping @Sendable () -> [Edge], statusChanges: [StatusChange],
        channels: [String: [String]], assets: [String]
    ) -> KnowledgeBase {
        assert(fresh.allSatisfy { $0.kind != .entity } && gone.allSatisfy { index[$0]?.kind != .entity }, "a local link changes no entity")
        var kb = self
        (kb.madeEdges, kb.spliced) = ([], Deferred(edges))
        (kb.statusChanges, kb.channels, kb.assets) = (statusChanges, channels, assets)
        // Both lists are sorted by kind, then id: each entry is found, taken out or put in
        // by halving them, and only the lists of the kinds that changed are touched.
        for id in gone {
            guard let entry = index[id] else { continue }
            kb.index[id] = nil
            Self.remove(entry, from: &kb.entries)
            var list = kb.byKind.removeValue(forKey: entry.kind) ?? []
            Self.remove(entry, from: &list)
            if !list.isEmpty { kb.byKind[entry.kind] = list }
        }
        for entry in fresh {
            kb.index[entry.id] = entry
            kb.entries.insert(entry, at: Self.position(of: entry, in: kb.entries))
            var list = kb.byKind.removeValue(forKey: entry.kind) ?? []
            list.insert(entry, at: Self.position(of: entry, in: list))
            kb.byKind[entry.kind] = list
        }
        return kb
    }

    private static func remove(_ entry: Entry, from entries: inout [Entry]) {
        let i = position(of: entry, in: entries)
        if i < entries.count, entries[i].id == entry.id { entries.remove(at: i) }
    }

    /// Where `entry` is or would go in `entries` (sorted by kind, then id).
    private static func position(of entry: Entry, in entries: [Entry]) -> Int {
        let key = (entry.kind, entry.id)
        return entries.insertionPoint { ($0.kind, $0.id) < key }
    }

    public func entry(_ id: String) -> Entry? { index[id] }

    public func title(of id: String) -> String? { index[id]?.title }

    public func kind(of id: String) -> Kind? { index[id]?.kind }

    /// The id a reference names: an id, an id in other case, or an alias (any case).
    public func resolve(_ target: String) -> String? {
        Names.resolve(target, isID: { index[$0] != nil }, aliases: aliases)
    }

    public func entries(of kind: Kind) -> [Entry] { byKind[kind] ?? [] }

    /// The same knowledge base with an entry's body (its text and HTML) taken from
    /// `edited`: what linking again gives when nothing else in the entry's file changed,
    /// as nothing the linker derives reads a body. Nil for an id it does not have.
    public func replacingBody(of id: String, from edited: Entry) -> KnowledgeBase? {
        guard let entry = index[id] else { return nil }
        var kb = self
        let (i, kind) = (Self.position(of: entry, in: entries), entry.kind)
        guard let list = byKind[kind], case let j = Self.position(of: entry, in: list), j < list.count, list[j].id == id,
            i < entries.count, entries[i].id == id
        else { return nil }
        kb.entries[i].body = edited.body
        kb.entries[i].bodyHTML = edited.bodyHTML
        kb.byKind[kind]![j].body = edited.body
        kb.byKind[kind]![j].bodyHTML = edited.bodyHTML
        kb.index[id] = kb.entries[i]
        return kb
    }

    /// An entity's channel tiers, by channel as the linker names it (a channel written as
    /// an entity's alias is that entity's id).
    public func channelTiers(of entity: Entry) -> [String: ChannelTier] {
        Dictionary(entity.channelTiers.map { (resolve($0.key) ?? $0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}

extension Entry {
    /// Sort order of dated entries: period start, coarser precision first, then id.
    public static func chronological(_ a: Entry, _ b: Entry) -> Bool {
        switch (a.date, b.date) {
        case (let x?, let y?): return x.sortsBefore(y) ?? (a.id < b.id)
        case (nil, nil): return a.id < b.id
        case (nil, _): return false
        case (_, nil): return true
        }
    }
}

extension KnowledgeBase {
    /// The knowledge base as it stood at the end of `date`'s period: events, claims and
    /// sources dated later are left out, with their edges and status changes, and each
    /// entity goes by the name it had then.
    public func asOf(_ date: FuzzyDate) -> KnowledgeBase { cut(at: date).knowledgeBase }

    /// `asOf(date)`, and whether the knowledge base stood whole at `date` (`standsWhole`).
    public func cut(at date: FuzzyDate) -> (knowledgeBase: KnowledgeBase, whole: Bool) {
        // Nothing dated later and no name changed since (a site as of today): the knowledge
        // base as it is, not a copy of every entry.
        if standsWhole(at: date) {
            var kb = self
            (kb.later, kb.citingLater) = ([:], [])
            return (kb, true)
        }
        var renamed: [String: String] = [:]
        var undecided: Set<String> = []
        var kept = entries.filter { Self.existed($0, at: date) }.map { entry in
            // A verdict reached later was not reached then: the claim was pending.
            if let verdict = entry.verdictDate, !Self.reached(verdict, by: date) {
                var pending = entry
                (pending.verdict, pending.verdictDate) = (.pending, nil)
                undecided.insert(entry.id)
                return pending
            }
            guard !entry.renames.isEmpty else { return entry }
            let named = Self.named(entry, asOf: date)
            renamed[entry.id] = named.title
            return named
        }
        // A use written without a title goes by its product's name of that day too.
        Self.nameUses(&kept, names: renamed, edges: edges)
        let ids = Set(kept.map(\.id))
        // The edges kept, and the entries whose citation of a later source is not (one pass).
        var keptEdges: [Edge] = []
        var citingLater: Set<String> = []
        for i in edges.indices where ids.contains(edges[i].from) {
            if ids.contains(edges[i].to) {
                if !(edges[i].relation == .verdictSource && undecided.contains(edges[i].from)) { keptEdges.append(edges[i]) }
            } else if edges[i].relation == .cites {
                citingLater.insert(edges[i].from)
            }
        }
        var kb = KnowledgeBase(
            config: config,
            entries: kept,
            edges: keptEdges,
            statusChanges: statusChanges.filter { ids.contains($0.event) }, aliases: aliases.filter { ids.contains($0.value) },
            assets: assets)
        kb.savedQueries = savedQueries
        kb.channels = channels
        kb.later = Dictionary(entries.filter { !ids.contains($0.id) }.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        kb.citingLater = citingLater
        return (kb, false)
    }

    /// The knowledge base of a site of today (`date`): every entry is there, later-dated
    /// ones too (an end of support next year), but a verdict dated after the day is not
    /// reached yet: its claim is pending, without the verdict's evidence, as in
    /// `asOf(date)` and as `vane check` warns; and an entity renamed after the day goes by
    /// its name of the day, as `vane show` and `vane status` name it. `whole` when no
    /// verdict or rename is dated later.
    public func verdicts(asOf date: FuzzyDate) -> (knowledgeBase: KnowledgeBase, whole: Bool) {
        let undecided = Set(entries.filter { $0.verdictDate.map { !Self.reached($0, by: date) } ?? false }.map(\.id))
        let renamedLater = Set(entries.filter { $0.renames.contains { !Self.happened($0, by: date) } }.map(\.id))
        guard !undecided.isEmpty || !renamedLater.isEmpty else { return (self, true) }
        var renamed: [String: String] = [:]
        var kept = entries.map { entry in
            var entry = entry
            if undecided.contains(entry.id) { (entry.verdict, entry.verdictDate) = (.pending, nil) }
            if renamedLater.contains(entry.id) {
                entry = Self.named(entry, asOf: date)
                renamed[entry.id] = entry.title
            }
            return entry
        }
        Self.nameUses(&kept, names: renamed, edges: edges)
        var kb = KnowledgeBase(
            config: config, entries: kept,
            edges: edges.filter { !($0.relation == .verdictSource && undecided.contains($0.from)) }, statusChanges: statusChanges,
            aliases: aliases, assets: assets)
        kb.savedQueries = savedQueries
        kb.channels = channels
        return (kb, false)
    }

    /// Each use of `entries` written without a title named after its product, by the
    /// product's name in `names` (a use whose product is not there keeps its title).
    static func nameUses(_ entries: inout [Entry], names: [String: String], edges: [Edge]) {
        guard !names.isEmpty else { return }
        let products = Dictionary(edges.pairs { $0 == .uses }, uniquingKeysWith: { a, _ in a })
        // A channel that is an entity goes by the entity's name (`· Azure Arc`, not `· azure-arc`).
        var entityNames: [String: String]?
        for i in entries.indices where entries[i].use?.untitled == true {
            guard let product = products[entries[i].id], let name = names[product] else { continue }
            var channel = entries[i].use?.channel?.text
            if let id = channel {
                if entityNames == nil {
                    entityNames = Dictionary(entries.lazy.filter { $0.kind == .entity }.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
                }
                channel = names[id] ?? entityNames?[id] ?? id
            }
            entries[i].title = UseFacts.title(product: name, team: entries[i].use?.team, channel: channel)
        }
    }

    /// Whether an entry was there at the end of `date`'s period: an entity always, anything
    /// dated from its start.
    private static func existed(_ entry: Entry, at date: FuzzyDate) -> Bool {
        guard entry.kind != .entity, let d = entry.date else { return true }
        // As numbers (YYYYMMDD), not as the ISO texts, which were made for every entry.
        return d.startKey <= date.endKey
    }

    /// Whether a verdict dated `verdict` was reached by the end of `date`'s period.
    private static func reached(_ verdict: FuzzyDate, by date: FuzzyDate) -> Bool { verdict.startKey <= date.endKey }

    /// Whether a rename had taken effect by the end of `date`'s period.
    private static func happened(_ rename: Rename, by date: FuzzyDate) -> Bool { rename.date.startKey <= date.endKey }

    /// `entry` as it was named on `date`: its name of the day, the renames that had
    /// happened (the page lists the names it had by then), and no alias that is a name it
    /// took only later (the middle name of a chain of renames is an alias today).
    private static func named(_ entry: Entry, asOf date: FuzzyDate) -> Entry {
        var named = entry
        named.title = entry.name(asOf: date)
        named.renames = entry.renames.filter { happened($0, by: date) }
        let names = entry.renames.names(current: entry.title)
        let held = Set(names.filter { $0.since.map { $0.startKey <= date.endKey } ?? true }.map { $0.name.lowercased() })
        let later = Set(names.map { $0.name.lowercased() }).subtracting(held)
        named.aliases.removeAll { later.contains($0.text.lowercased()) }
        return named
    }

    /// Whether `asOf(date)` would leave out nothing and rename nothing: every entry there,
    /// every rename happened (so each goes by its own name), and every edge, status change
    /// and alias between entries kept.
    public func standsWhole(at date: FuzzyDate) -> Bool {
        let edges = self.edges
        return entries.indices.allSatisfy { i in
            Self.existed(entries[i], at: date) && entries[i].renames.allSatisfy { Self.happened($0, by: date) }
                && entries[i].verdictDate.map { Self.reached($0, by: date) } ?? true
        }
            && edges.indices.allSatisfy { index[edges[$0].from] != nil && index[edges[$0].to] != nil }
            && statusChanges.indices.allSatisfy { index[statusChanges[$0].event] != nil }
            && aliases.values.allSatisfy { index[$0] != nil }
    }
}
