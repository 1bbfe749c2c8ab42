/// What the status board needs to know of an entity.
public struct EntityInfo: Sendable, Hashable {
    public var name: String
    public var type: String
    public var parent: String?
    /// What replaces it: what it was folded into (`folded_into`), then its `successors`, in
    /// the order written.
    public var successors: [String]
    /// Those of its successors it was folded into: its users were carried over.
    public var foldedInto: Set<String> = []
    /// The tiers of its channels that have one, by channel.
    public var tiers: [String: ChannelTier]
    /// Its release cycle's facts (LTS, latest version, support ends), when it is one.
    public var cycle: CycleFacts?

    public init(
        name: String, type: String, parent: String?, successors: [String] = [], tiers: [String: ChannelTier] = [:], cycle: CycleFacts? = nil
    ) {
        self.name = name
        self.type = type
        self.parent = parent
        self.successors = successors
        self.tiers = tiers
        self.cycle = cycle
    }
}

/// One product on the board: where it stands, why, and its risk.
public struct StatusRow: Sendable, Hashable {
    /// Whether `--min-risk` keeps it: a risk of at least `minimum` (one with no risk, a
    /// priority and no availability, is not kept even at 0).
    public func hasRisk(atLeast minimum: Int?) -> Bool { minimum.map { min in risk.map { $0.score >= min } ?? false } ?? true }

    public var entity: String
    public var name: String
    public var type: String
    /// The top of its parent chain.
    public var vendor: String
    /// The vendors whose views list it: every vendor between it and the top (a company
    /// another acquired), then `vendor`.
    public var vendors: [String] = []
    public var status: EntityStatus
    public var risk: PlatformRisk?
    /// Its availability is the bottom of the scale: the stranding already happened.
    public var gone: Bool
    /// On a vendor's board, the channels through which the vendor offers a product of
    /// another vendor's (a channel named for an entity under it); empty otherwise.
    public var via: [String] = []
    /// The soonest announced end still ahead.
    public var nextEnd: AnnouncedEnd?
    /// The soonest announced closure to new customers still ahead.
    public var nextClosure: AnnouncedEnd?
    public var successors: [String] = []
}

/// The availability-vs-priority board: every product with a status at a date, ranked by
/// platform risk (highest first; announced ends soonest first; then id); products that
/// are gone are kept apart.
public struct StatusBoard: Sendable {
    public var asOf: FuzzyDate
    public var scales: StatusScales
    public var ranked: [StatusRow]
    public var gone: [StatusRow]
    public var entities: [String: EntityInfo]
    /// Sources of each event (front matter and citations), for the "why".
    public var eventSources: [String: [String]]
    /// Every row as built, by entity, for lookups (rows filtered out later stay here, and
    /// on a board within a vendor, the rows outside it).
    public let rowsByEntity: [String: StatusRow]
    /// The entity whose tree the board is kept to, by its id (whatever name it was asked by).
    public private(set) var root: String?

    public init(
        changes: [StatusChange], channels: [String: [String]]? = nil, entities: [String: EntityInfo], eventSources: [String: [String]],
        asOf: FuzzyDate, scales: StatusScales, within root: String? = nil
    ) {
        self.asOf = asOf
        self.scales = scales
        self.entities = entities
        self.eventSources = eventSources
        self.root = root
        var rows: [StatusRow] = []
        // Outside `root`, kept for lookups alone: a successor under another vendor still
        // shows where it stands.
        var outside: [StatusRow] = []
        let bundles = StatusBoard.bundles(entities)
        // Grouped once, for the products a vendor's board shows through one of its channels.
        let changesOf = root == nil ? [:] : Dictionary(grouping: changes, by: \.entity)
        for (id, whole) in StatusTimeline.statuses(changes, channels: channels, bundles: bundles, asOf: asOf, scales: scales) {
            var via: [String] = []
            var status = whole
            if let root, !StatusBoard.ancestors(of: id, in: entities).contains(root) {
                // Offered through a channel that is an entity under `root`.
                let channels = Set(whole.channels.keys).union(whole.ends.compactMap(\.channel))
                via = channels.filter { entities[$0] != nil && StatusBoard.ancestors(of: $0, in: entities).contains(root) }.sorted()
                if via.isEmpty {
                    outside.append(StatusBoard.row(id, whole, entities: entities, asOf: asOf, scales: scales))
                    continue
                }
                // The product as offered through those channels only: a region's or a
                // partner's board shows their channels' values, ends and moves, not the others'.
                status =
                    StatusBoard.scoped(id, to: via, changes: changesOf[id] ?? [], bundles: bundles[id] ?? [], asOf: asOf, scales: scales) ?? whole
            }
            var row = StatusBoard.row(id, status, entities: entities, asOf: asOf, scales: scales)
            row.via = via
            rows.append(row)
        }
        (ranked, gone) = StatusBoard.ranked(rows)
        rowsByEntity = Dictionary(uniqueKeysWithValues: (rows + outside).map { ($0.entity, $0) })
    }

    /// The whole board of `inputs` (as of `previous`'s day), whose changes and channels
    /// differ from those `previous` was built from only for the products of `affected`:
    /// their rows are made again, every other row kept (a product's row reads its own
    /// changes alone, and the entities' facts are the same).
    public init(_ inputs: Inputs, updating previous: StatusBoard, affected: Set<String>) {
        (asOf, scales, entities, eventSources) = (previous.asOf, inputs.scales, inputs.entities, inputs.sources)
        var rows = previous.rowsByEntity
        for id in affected { rows[id] = nil }
        // By index: `filter` copies every change it looks at.
        let all = inputs.changes
        let changes = all.indices.filter { affected.contains(all[$0].entity) }.map { all[$0] }
        let bundles = StatusBoard.bundles(inputs.entities.filter { affected.contains($0.key) })
        for (id, status) in StatusTimeline.statuses(changes, channels: inputs.channels, bundles: bundles, asOf: asOf, scales: scales) {
            rows[id] = StatusBoard.row(id, status, entities: entities, asOf: asOf, scales: scales)
        }
        (ranked, gone) = StatusBoard.ranked(rows.values)
        rowsByEntity = rows
    }

    /// Each product's channels that are bundles, for those with any.
    private static func bundles(_ entities: [String: EntityInfo]) -> [String: Set<String>] {
        entities.compactMapValues { info -> Set<String>? in
            let set = Set(info.tiers.filter { $0.value == .bundle }.keys)
            return set.isEmpty ? nil : set
        }
    }

    /// A product's row on the board, from its status.
    private static func row(_ id: String, _ status: EntityStatus, entities: [String: EntityInfo], asOf: FuzzyDate, scales: StatusScales)
        -> StatusRow
    {
        let gone = status.availability.map { scales.isGone($0.value) } ?? false
        let vendors = StatusBoard.vendors(above: id, in: entities)
        var row = StatusRow(
            entity: id, name: entities[id]?.name ?? id, type: entities[id]?.type ?? "", vendor: vendors.last!, vendors: vendors,
            status: status, risk: gone ? nil : PlatformRisk(status, asOf: asOf, scales: scales), gone: gone)
        row.nextEnd = gone ? nil : status.nextEnd(asOf: asOf)
        row.nextClosure = gone ? nil : status.nextClosure(asOf: asOf)
        // Advice that leaves the successors as they were is no move (a first `none` for a
        // product that never had any read "successors none → none"); the first moves from
        // the product's own successors (`none` when it has none). What the product was
        // folded into stays whatever the advice: a fold says where its users went, a fact
        // (`successors: none` withdrew Squarespace Domains from Google Domains' row).
        let own = entities[id]?.successors ?? []
        let folds = entities[id]?.foldedInto ?? []
        var held = own
        row.successors = own
        // Advice of one day is one move, to where the day left it (as for every axis).
        let daily = status.advice.indices.filter { i in
            i + 1 == status.advice.count || status.advice[i + 1].date.startKey != status.advice[i].date.startKey
        }.map { status.advice[$0] }
        row.status.advice = daily.compactMap { move in
            let now = StatusBoard.advised(move.to, keeping: own.filter(folds.contains))
            defer { held = now }
            row.successors = now
            guard Set(now) != Set(held) else { return nil }
            var move = move
            (move.from, move.to) = (StatusBoard.written(held), StatusBoard.written(now))
            return move
        }
        return row
    }

    /// The successors a dated advice (`ids` separated by spaces, or `none`) leaves a product
    /// with: what it was folded into, then the advice.
    public static func advised(_ value: String, keeping folds: [String]) -> [String] {
        let ids = value == "none" ? [] : value.split(separator: " ").map(String.init)
        return folds + ids.filter { !folds.contains($0) }
    }

    /// Successors as a status value: ids separated by spaces, or `none`.
    public static func written(_ ids: [String]) -> String { ids.isEmpty ? "none" : ids.joined(separator: " ") }

    /// Rows ranked by platform risk (highest first; announced ends soonest first, of ends
    /// starting together the exact date first, as the countdown ranks them; then id), and
    /// those gone, by id.
    private static func ranked(_ rows: some Sequence<StatusRow>) -> (ranked: [StatusRow], gone: [StatusRow]) {
        let ranked = rows.filter { !$0.gone }.sorted { a, b in
            let (x, y) = (a.risk?.score ?? -1, b.risk?.score ?? -1)
            if x != y { return x > y }
            let (ea, eb) = (a.nextEnd?.date.startKey ?? .max, b.nextEnd?.date.startKey ?? .max)
            if ea != eb { return ea < eb }
            let (pa, pb) = (a.nextEnd?.date.precision.rank ?? 0, b.nextEnd?.date.precision.rank ?? 0)
            return pa != pb ? pa > pb : a.entity < b.entity
        }
        return (ranked, rows.filter(\.gone).sorted { $0.entity < $1.entity })
    }

    /// A product's status replayed with only its changes for `channels` (and those for the
    /// whole product, which set every channel).
    static func scoped(
        _ id: String, to channels: [String], changes: [StatusChange], bundles: Set<String>, asOf: FuzzyDate, scales: StatusScales
    ) -> EntityStatus? {
        let kept = changes.filter { $0.channel.map(channels.contains) ?? true }
        return StatusTimeline.statuses(kept, channels: [id: channels], bundles: [id: bundles], asOf: asOf, scales: scales)[id]
    }

    /// What replaces a product as of the board's day: the latest dated advice, else the
    /// entity's own `successors`.
    public func successors(of id: String) -> [String] {
        rowsByEntity[id]?.successors ?? entities[id]?.successors ?? []
    }

    /// What the boards of one knowledge base are built from, whatever their day or vendor:
    /// a build makes one board per page of changes and per vendor, and computes this once.
    public struct Inputs: Sendable {
        let entities: [String: EntityInfo]
        let sources: [String: [String]]
        let changes: [StatusChange]
        let channels: [String: [String]]
        let scales: StatusScales

        /// `namedAsOf`: each entity goes by the name it had that day, as `vane status --as-of`
        /// names it from the database (a knowledge base cut at the day has those names already).
        public init(_ kb: KnowledgeBase, namedAsOf day: FuzzyDate? = nil) {
            let parents = Dictionary(kb.edges.pairs { $0 == .parent }, uniquingKeysWith: { a, _ in a })
            let (successors, folds) = kb.successors
            var entities: [String: EntityInfo] = [:]
            for e in kb.entries(of: .entity) {
                entities[e.id] = EntityInfo(
                    name: day.map(e.name(asOf:)) ?? e.title, type: e.type ?? "", parent: parents[e.id], successors: successors[e.id] ?? [],
                    tiers: kb.channelTiers(of: e), cycle: CycleFacts(e.extra))
                entities[e.id]?.foldedInto = Set(folds[e.id] ?? [])
            }
            self.entities = entities
            sources = StatusBoard.targets(kb.edges.pairs { $0 == .cites }.filter { kb.kind(of: $0.0) == .event })
            (changes, channels, scales) = (kb.statusChanges, kb.channels, StatusScales(kb.config))
        }

        /// The inputs of `kb`, which differs from the knowledge base of `kept` only in the
        /// entries of `changed`, none of them an entity, whose edges are now `edges`
        /// (`Linker.relink`): the entities' facts are kept, the changed events' sources
        /// found again. Nil when an entity's channel tier is written as one of those ids in
        /// another case, which the change could make resolve differently.
        public init?(_ kb: KnowledgeBase, keeping kept: Inputs, changed: Set<String>, edges: [Edge]) {
            for entity in kb.entries(of: .entity) where entity.channelTiers.keys.contains(where: { changed.contains($0.lowercased()) }) {
                return nil
            }
            entities = kept.entities
            var sources = kept.sources
            for id in changed { sources[id] = nil }
            let citing = edges.indices.filter { edges[$0].relation == .cites && kb.kind(of: edges[$0].from) == .event }
            sources.merge(StatusBoard.targets(citing.map { (edges[$0].from, edges[$0].to) })) { _, new in new }
            self.sources = sources
            (changes, channels, scales) = (kb.statusChanges, kb.channels, StatusScales(kb.config))
        }

        /// The products whose rows a board of these inputs may show otherwise than one of
        /// `kept`'s, when they differ as above: those the changed events' status changes
        /// name, before (`gone`) and after (`fresh`), and those whose channels moved.
        public func affected(since kept: Inputs, gone: [StatusChange], fresh: [StatusChange]) -> Set<String> {
            var ids = Set(gone.map(\.entity)).union(fresh.map(\.entity))
            if channels != kept.channels {
                for id in Set(channels.keys).union(kept.channels.keys) where channels[id] != kept.channels[id] { ids.insert(id) }
            }
            return ids
        }
    }

    /// Builds the board from a loaded knowledge base, its entities named as of the day.
    public init(_ kb: KnowledgeBase, asOf: FuzzyDate, within root: String? = nil) {
        self.init(Inputs(kb, namedAsOf: asOf), asOf: asOf, within: root)
    }

    public init(_ inputs: Inputs, asOf: FuzzyDate, within root: String? = nil) {
        self.init(
            changes: inputs.changes, channels: inputs.channels, entities: inputs.entities, eventSources: inputs.sources, asOf: asOf,
            scales: inputs.scales, within: root)
    }

    /// Each product's own successors (what it was folded into first) and its folds, by id.
    public typealias Successors = (own: [String: [String]], folds: [String: [String]])

    /// The successors from the entities' `folded_into` and `successors`.
    public static func successors(_ edges: [Edge]) -> Successors {
        let own = targets(foldsFirst(edges.only { $0 == .foldedInto || $0 == .succeededBy }, relation: \.relation).map { ($0.from, $0.to) })
        return (own, targets(edges.pairs { $0 == .foldedInto }))
    }

    /// (from, to) edges in the order written, grouped by `from`, each `to` once: an event's
    /// sources in the order first cited, a product's successors.
    public static func targets(_ pairs: [(String, String)]) -> [String: [String]] {
        var targets: [String: [String]] = [:]
        for (from, to) in pairs where !(targets[from]?.contains(to) ?? false) {
            targets[from, default: []].append(to)
        }
        return targets
    }

    /// The vendors above `id` whose views list it: every vendor between it and the top (a
    /// company another acquired: HashiCorp under IBM has a view of its own), then the top,
    /// which is `id` itself for a product that is its own vendor.
    public static func vendors(above id: String, in entities: [String: EntityInfo]) -> [String] {
        let chain = ancestors(of: id, in: entities)
        let top = chain.last ?? id
        return chain.dropFirst().filter { $0 != top && entities[$0]?.type == "vendor" } + [top]
    }

    /// The entity, its parent, its parent's parent… up to the top.
    public static func ancestors(of id: String, in entities: [String: EntityInfo]) -> [String] {
        ancestors(of: id) { entities[$0]?.parent }
    }

    /// The same chain from any parent relation (a cycle ends it).
    public static func ancestors(of id: String, parent: (String) -> String?) -> [String] {
        var chain = [id]
        var seen: Set<String> = [id]
        while let next = parent(chain.last!), seen.insert(next).inserted { chain.append(next) }
        return chain
    }

    /// The countdown: every announced end still ahead, soonest first, and with `within`
    /// those that passed (came, or were met by a retirement) in the last `within` days.
    /// Ends whose periods start together come as the risk board ranks them: the exact date
    /// first (the one a reader can act on; `March 2027` came before `1 March 2027`), then
    /// by id.
    public func announcedEnds(within: Int? = nil) -> [AnnouncedEnd] {
        Self.byDate(
            rows.flatMap(\.status.ends).filter { end in
                end.isAhead(asOf: asOf) || within.map { end.daysLeft(asOf: asOf) >= -$0 } == true
            })
    }

    /// Ends in the order every list of them has: by the day each came or comes (an end met
    /// early by a retirement, by the retirement: it sat among the ends ahead, "ended 17 days
    /// ago, 371 days early" between ends 320 and 663 days away), the exact first, then by
    /// product and channel.
    public static func byDate(_ ends: [AnnouncedEnd]) -> [AnnouncedEnd] {
        ends.sorted {
            ($0.came.startKey, -$0.came.precision.rank, $0.entity, $0.channel ?? "")
                < ($1.came.startKey, -$1.came.precision.rank, $1.entity, $1.channel ?? "")
        }
    }

    /// Where a product stands: `Generally available · Invested` in labels, or with `label`
    /// another spelling of the values; nil when neither axis has a value on this board.
    public func position(of id: String, label: ((String) -> String)? = nil) -> String? {
        guard let status = rowsByEntity[id]?.status else { return nil }
        // A row with only successor advice by the day has no position: not an empty "()".
        let values = [status.availability?.value, status.priority?.value].compactMap { $0 }
        return values.isEmpty ? nil : values.map(label ?? scales.label).joined(separator: " · ")
    }

    /// Where one channel of a product stands (`Closed to new customers · Flagship`): that
    /// channel's availability, not the product's most available one.
    public func position(of id: String, channel: String) -> String? {
        guard let status = rowsByEntity[id]?.status else { return nil }
        let values = [status.channels[channel]?.value, status.priority?.value].compactMap { $0 }
        return values.isEmpty ? nil : values.map(scales.label).joined(separator: " · ")
    }

    /// What replaces a product, each with its own position: `CloudShell (Generally
    /// available · Invested)`.
    public func successorLine(_ row: StatusRow) -> String? { successorLine(row.successors, of: row.entity) }

    /// The same for any list of successors of `product`: a fold says so, and a successor
    /// that is gone itself leads on to its own: `.NET 8 (Retired · …) → .NET 10 (…)`.
    /// Folds and successors both: `folded into Teams (…); succeeded by Zoom (…)` (a line
    /// joined by commas read as folded into both).
    /// For a use of one channel that is an entity (a cloud, a region), each successor offered
    /// through it stands as it does there, as that channel's own board shows it (Valkey on
    /// Amazon ElastiCache, not open source as a whole).
    public func successorLine(_ successors: [String], of product: String? = nil, channel: String? = nil) -> String? {
        guard !successors.isEmpty else { return nil }
        let folds = Set(product.flatMap { entities[$0]?.foldedInto } ?? [])
        let shown = shownSuccessors(successors).map { id in
            (
                fold: folds.contains(id),
                text: named(id, after: product, through: channel) + (onwardLine(from: id, through: channel).map { " " + $0 } ?? "")
            )
        }
        let (folded, succeeded) = (shown.filter(\.fold).map(\.text), shown.filter { !$0.fold }.map(\.text))
        guard !folded.isEmpty, !succeeded.isEmpty else { return shown.map(\.text).joined(separator: ", ") }
        return folded.joined(separator: ", ") + "; succeeded by " + succeeded.joined(separator: ", ")
    }

    /// Successors as a line shows them: one that an earlier one's onward line reaches is
    /// said there, not twice (Skype folded into Teams classic, gone, → New Teams; and New Teams).
    public func shownSuccessors(_ successors: [String]) -> [String] {
        var reached: Set<String> = []
        return successors.filter { id in
            defer { reached.formUnion(onward(from: id)) }
            return !reached.contains(id)
        }
    }

    /// Where a successor that is gone leads on to, each with its position: `→ .NET 10
    /// (Generally available · Flagship)`; nil when it is not gone (or leads nowhere).
    public func onwardLine(from id: String, through channel: String? = nil) -> String? {
        let chain = onward(from: id, through: channel)
        guard !chain.isEmpty else { return nil }
        let also = onwardAlso(from: id, chain: chain).map { named($0, after: nil, through: channel) }
        return shortened(chain, from: id, through: channel) { next, before in "→ " + named(next, after: before, through: channel) }.joined(
            separator: " ")
            + also.map { ", " + $0 }.joined()
    }

    /// The other successors of the last gone step of the line on from `id`: a gone successor
    /// with two of its own leads on to both (Office 2016 → Office 2019, gone, → Office LTSC
    /// 2024, and Microsoft 365 Apps, which the line dropped).
    /// `chain` is `onward(from: id)`, when the caller has it already.
    public func onwardAlso(from id: String, chain known: [String]? = nil, through channel: String? = nil) -> [String] {
        let chain = known ?? onward(from: id, through: channel)
        guard !chain.isEmpty else { return [] }
        let lastGone = chain.count >= 2 ? chain[chain.count - 2] : id
        let seen = Set([id] + chain)
        var also: [String] = []
        for next in successors(of: lastGone) where !seen.contains(next) && !also.contains(next) { also.append(next) }
        return also
    }

    /// The steps of the line on from `id` (shown before them) as shown, each made by `step`
    /// (with the step before it): all of them when the line, `id` with them, has three
    /// steps or fewer; else how many gone ones lie between `id` and the last, and the last
    /// (a release cycle's line runs through every later cycle).
    public func shortened(_ chain: [String], from id: String, through channel: String? = nil, step: (String, String) -> String) -> [String] {
        // Only the steps shown are made (a page's fingerprint makes its line too).
        func made(_ i: Int) -> String { step(chain[i], i == 0 ? id : chain[i - 1]) }
        guard chain.count > 2 else { return chain.indices.map(made) }
        // The steps left out: each gone, or some only past their standard end (`isNoTarget`).
        let allGone = chain.dropLast().allSatisfy { isGone($0, through: channel) }
        return ["→ \(chain.count - 1) more, each \(allGone ? "gone" : "gone or past its standard end")", made(chain.count - 1)]
    }

    /// A successor by name with its position, said to be a fold when `after` was folded into it.
    private func named(_ id: String, after: String?, through channel: String? = nil) -> String {
        let folds = after.flatMap { entities[$0]?.foldedInto } ?? []
        return (folds.contains(id) ? "folded into " : "") + (entities[id]?.name ?? id)
            + (position(of: id, through: channel).map { " (\($0))" } ?? "")
    }

    /// Where `id` stands on `channel` when that is an entity (a cloud, a region) it is offered
    /// through, as the channel's own board shows it; else as a whole.
    public func position(of id: String, through channel: String?) -> String? {
        guard let channel = offered(id, through: channel) else { return position(of: id) }
        return position(of: id, channel: channel)
    }

    /// `channel` when it is an entity that `id` is offered through; nil otherwise.
    private func offered(_ id: String, through channel: String?) -> String? {
        guard let channel, entities[channel] != nil, rowsByEntity[id]?.status.channels[channel] != nil else { return nil }
        return channel
    }

    /// Whether `id` is gone: on `channel` when it is offered through it (as the channel's
    /// board scopes it), else as a whole.
    func isGone(_ id: String, through channel: String? = nil) -> Bool {
        guard let row = rowsByEntity[id] else { return false }
        guard let channel = offered(id, through: channel), let value = row.status.channels[channel]?.value else { return row.gone }
        return scales.isGone(value)
    }

    /// Where a successor that is gone leads on to, followed while each is gone (never
    /// round a circle, 64 steps at most): a migration target that is itself retired is no
    /// target, nor one past its standard end on extended support alone (Node.js 1 to 11 led
    /// to Node.js 12, "generally available" four years after its end of life).
    /// For a use of a channel that is an entity, a successor gone on that channel is no target
    /// there, as the channel's board says it.
    public func onward(from id: String, through channel: String? = nil) -> [String] {
        var (chain, seen, current) = ([String](), Set([id]), id)
        while chain.count < 64, isNoTarget(current, through: channel), let next = successors(of: current).first(where: { !seen.contains($0) }) {
            chain.append(next)
            seen.insert(next)
            current = next
        }
        return chain
    }

    /// Gone, or standing only by support beyond the standard term, its standard end come.
    func isNoTarget(_ id: String, through channel: String? = nil) -> Bool {
        guard let row = rowsByEntity[id] else { return false }
        return isGone(id, through: channel)
            || ExposureBoard.cameOnAChannel(row.status, asOf: asOf, scales: scales, tiers: entities[id]?.tiers ?? [:]) != nil
    }

    /// Edges in their order, those to what a product was folded into first.
    public static func foldsFirst<E>(_ edges: [E], relation: (E) -> Relation) -> [E] {
        edges.enumerated().sorted { a, b in
            let (x, y) = (relation(a.element) == .foldedInto ? 0 : 1, relation(b.element) == .foldedInto ? 0 : 1)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// Every row, ranked ones first.
    public var rows: [StatusRow] { ranked + gone }
}
