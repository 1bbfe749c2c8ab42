import Foundation
import VaneContent
import VaneDiagnostics
import VaneHistory

/// The knowledge base indexed for rendering: edges both ways, children, and the
/// small view-model pieces every page shares. Built once, read by all render workers.
struct SiteModel: @unchecked Sendable {
    private(set) var kb: KnowledgeBase
    private(set) var board: StatusBoard
    /// What every board of this knowledge base is built from (the changes pages' and each
    /// vendor's): computed once.
    let boardInputs: StatusBoard.Inputs
    /// Entries per kind and in all, for every page's footer and the home page.
    let counts: Counts
    /// Vendors with a product on the board, each with a view of its own.
    let vendors: [String]
    /// The entities a product's channel is named for (a region, a partner): their pages
    /// list what is offered through them. Found once, not per page.
    let channelEntities: Set<String>
    /// Vendors that offer others' products through a channel named for one of their
    /// entities (Microsoft, through Azure OpenAI): their views read a board within them.
    let viaVendors: Set<String>
    var statusRows: [String: StatusRow] { board.rowsByEntity }
    /// The results of each entry's `vane` blocks, in body order.
    var liveBlocks: [String: [LiveBlockResult]] = [:]
    /// Recorded time from git; nil without a repository.
    var history: RecordedHistory?
    /// The day the site is made on, when known: a site as of a later day is a projection,
    /// and every page says so (`projection`).
    var today: FuzzyDate?
    /// The theme's `style.css`, inlined into the 404 page.
    var stylesheet: String?
    /// Renders a template of the theme (the partial a block is shown with).
    var renderTemplate: (([MustacheValue], String) -> String)?
    /// Put around each entry's body while a build renders, to find where pages show it.
    var bodyMarks: BodyMarks?
    let changesByEvent: [String: [StatusChange]]
    let changesByEntity: [String: [StatusChange]]
    let eventTitles: [String: String]
    /// Every claimant's scorecard, by claimant id.
    var scorecards: [String: Scorecard] {
        claims.value("scorecards") { Dictionary(Scorecard.all(claimFacts).map { ($0.claimant, $0) }, uniquingKeysWith: { a, _ in a }) }
    }
    var contradictionGroups: [ContradictionGroup] {
        claims.value("contradictions") {
            let pairs = kb.edges.pairs { $0 == .contradicts }
            let parents = Dictionary(kb.edges.pairs { $0 == .parent }, uniquingKeysWith: { a, _ in a })
            return Contradictions.groups(claimFacts, contradicts: pairs, parents: parents)
        }
    }
    /// The entities with a group there, for the link on their pages.
    var contradictedEntities: Set<String> { claims.value("contradicted") { Set(contradictionGroups.map(\.entity)) } }
    private var claimFacts: [ClaimFacts] { claims.value("facts") { kb.claimFacts() } }
    /// What the claims pages read, made on first use: a preview shows an edit without it.
    /// Kept by a model with another board; a model of other bodies keeps it too, since no
    /// claim's facts read a body.
    private let claims = SiteMemo()
    /// Each entry's edges, out (in the order written) and in (in no particular order), as
    /// the relation and the entry at the other end.
    private var outgoing: [String: [Neighbour]]
    private var incoming: [String: [Neighbour]]
    /// What many pages of one build compute alike, computed on first use (a model with
    /// another board starts a memo of its own).
    private(set) var memo = SiteMemo()

    /// One end of an edge, seen from the other.
    struct Neighbour: Equatable {
        var relation: Relation
        var other: String
    }

    init(_ kb: KnowledgeBase, asOf: FuzzyDate) {
        self.kb = kb
        // The board on a thread of its own while this one indexes the rest: neither reads
        // the other.
        let made = OwnThread { () -> (StatusBoard.Inputs, StatusBoard) in
            let inputs = StatusBoard.Inputs(kb)
            return (inputs, StatusBoard(inputs, asOf: asOf))
        }
        counts = Counts(kb)
        changesByEvent = Dictionary(grouping: kb.statusChanges, by: \.event)
        changesByEntity = Dictionary(grouping: kb.statusChanges, by: \.entity)
        eventTitles = Dictionary(kb.entries(of: .event).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        (outgoing, incoming) = ([:], [:])
        let edges = kb.edges
        var start = 0
        while start < edges.count {
            // A link writes an entry's edges together: one run, looked up once.
            let from = edges[start].from
            var end = start + 1
            while end < edges.count, edges[end].from == from { end += 1 }
            outgoing[from, default: []].append(contentsOf: edges[start..<end].map { Neighbour(relation: $0.relation, other: $0.to) })
            for i in start..<end { incoming[edges[i].to, default: []].append(Neighbour(relation: edges[i].relation, other: from)) }
            start = end
        }
        (boardInputs, board) = made.value
        (vendors, channelEntities, viaVendors) = Self.vendors(board, kb)
    }

    /// The model of `kb`, which differs from `previous`'s knowledge base only as `relink`
    /// says (`Linker.relink`: some entries that are not entities gone or linked again):
    /// what those entries' edges and status changes reach is indexed again, the rest kept,
    /// and the board's rows made again only for the products their changes name. What a
    /// build makes of `kb` from nothing is this one's oracle in tests.
    init?(_ kb: KnowledgeBase, updating previous: SiteModel, relink: Relink) {
        guard let inputs = StatusBoard.Inputs(kb, keeping: previous.boardInputs, changed: relink.ids, edges: relink.edges) else { return nil }
        self.kb = kb
        let gone = relink.ids.flatMap { previous.changesByEvent[$0] ?? [] }
        let affected = inputs.affected(since: previous.boardInputs, gone: gone, fresh: relink.statusChanges)
        (boardInputs, board) = (inputs, StatusBoard(inputs, updating: previous.board, affected: affected))
        counts = Counts(kb)
        var (byEvent, titles) = (previous.changesByEvent, previous.eventTitles)
        for id in relink.ids { (byEvent[id], titles[id]) = (nil, nil) }
        byEvent.merge(Dictionary(grouping: relink.statusChanges, by: \.event)) { _, new in new }
        for id in relink.ids { if let entry = kb.entry(id), entry.kind == .event { titles[id] = entry.title } }
        (changesByEvent, eventTitles) = (byEvent, titles)
        // An entity's changes in the order of the knowledge base's, as grouping gives them.
        let named = Set(gone.map(\.entity)).union(relink.statusChanges.map(\.entity))
        var byEntity = previous.changesByEntity
        for id in named { byEntity[id] = nil }
        let changes = kb.statusChanges
        for i in changes.indices where named.contains(changes[i].entity) { byEntity[changes[i].entity, default: []].append(changes[i]) }
        changesByEntity = byEntity
        (outgoing, incoming) = (previous.outgoing, previous.incoming)
        var reached: Set<String> = []
        for id in relink.ids {
            for neighbour in outgoing[id] ?? [] { reached.insert(neighbour.other) }
            outgoing[id] = nil
        }
        for id in reached {
            let kept = incoming[id]?.filter { !relink.ids.contains($0.other) } ?? []
            incoming[id] = kept.isEmpty ? nil : kept
        }
        for edge in relink.edges {
            outgoing[edge.from, default: []].append(Neighbour(relation: edge.relation, other: edge.to))
            incoming[edge.to, default: []].append(Neighbour(relation: edge.relation, other: edge.from))
        }
        (vendors, channelEntities, viaVendors) = Self.vendors(board, kb)
    }

    /// A name without the name it begins with (a product's vendor's, a cycle's product's):
    /// `.NET 6` of `AWS Lambda .NET 6`, `Galaxy A14 5G` of `Samsung Mobile Galaxy A14 5G`;
    /// whole when nothing would be left or a number would lead (`Node.js 22`, `Debian 12`).
    /// A type as a reader reads it: `model family`, not the id `model-family`.
    /// Byte by byte: Foundation's `replacingOccurrences` was a third of the contradictions
    /// page's view, which links thousands of typed entries.
    static func typeLabel(_ type: String) -> String {
        guard type.utf8.contains(UInt8(ascii: "-")) else { return type }
        return String(decoding: type.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    static func name(_ name: String, without prefix: String) -> String {
        guard name.hasPrefix(prefix + " ") else { return name }
        let rest = name.dropFirst(prefix.count + 1)
        return rest.first.map { !$0.isNumber } == true ? String(rest) : name
    }

    /// The site's day and today, when the site is as of a day still to come (or a period
    /// that ends after today: `--as-of 2026-12` shows its last day): what it shows after
    /// today is what was announced by then, not what happened.
    var projection: (asOf: FuzzyDate, today: FuzzyDate)? {
        guard let today, board.asOf.endKey > today.endKey else { return nil }
        return (board.asOf, today)
    }

    /// Vendors with a product on the board (their own, or offered through a channel named
    /// for one of their entities), the entities products' channels are named for, and the
    /// vendors of those entities.
    private static func vendors(_ board: StatusBoard, _ kb: KnowledgeBase) -> ([String], Set<String>, Set<String>) {
        let channels = Set(board.rows.flatMap { Array($0.status.channels.keys) + $0.status.ends.compactMap(\.channel) })
            .filter { kb.kind(of: $0) == .entity }
        let via = Set(channels.flatMap { channel in StatusBoard.vendors(above: channel, in: board.entities).filter { $0 != channel } })
        return (Array(Set(board.rows.flatMap(\.vendors)).union(via)).sorted(), channels, via)
    }

    /// The same model over a knowledge base whose entries differ from this one's only in
    /// their bodies (text and HTML), with the blocks' results and recorded time of the new
    /// load: nothing the model derives from the knowledge base reads a body.
    func replacingBodies(_ kb: KnowledgeBase, blocks: [String: [LiveBlockResult]], history: RecordedHistory?) -> SiteModel {
        var model = self
        model.kb = kb
        model.liveBlocks = blocks
        model.history = history
        model.memo = SiteMemo()
        return model
    }

    /// The same model with another board (a `status` block's date or vendor).
    func with(board: StatusBoard) -> SiteModel {
        var model = self
        model.board = board
        model.memo = SiteMemo()
        return model
    }

    /// The uses going on as of the site's day: not those that ended (`until`).
    private var usesGoingOn: [UseFacts] { kb.entries(of: .use).filter { !UseFacts.ended($0.endDate, by: board.asOf) }.compactMap(\.use) }

    /// The products our uses resolve to; `feeds/exposure.ics` has their ends.
    var usedProducts: Set<String> { Set(usesGoingOn.compactMap { kb.resolve($0.product.text) }) }

    /// The channels of the products used only through named channels (`channel: free`); a
    /// product any use takes whole has no entry.
    var usedChannels: [String: Set<String>] {
        var (whole, channels): (Set<String>, [String: Set<String>]) = ([], [:])
        for use in usesGoingOn {
            guard let product = kb.resolve(use.product.text) else { continue }
            if let channel = use.channel?.text { channels[product, default: []].insert(channel) } else { whole.insert(product) }
        }
        return channels.filter { !whole.contains($0.key) }
    }

    // MARK: - Graph

    /// Targets of an entry's edges, without repeats, in the order written.
    func targets(of id: String, _ relations: Relation...) -> [String] {
        ends(outgoing[id] ?? [], relations).uniqued()
    }

    /// The other ends of the edges of the given relations.
    private func ends(_ neighbours: [Neighbour], _ relations: [Relation]) -> [String] {
        var found: [String] = []
        // Read in place, by index: `for n in` copied each neighbour (a retain of its id) of a
        // vendor's thousands to keep the few of a relation (a tenth of a build's retains).
        for i in neighbours.indices where relations.contains(neighbours[i].relation) { found.append(neighbours[i].other) }
        return found
    }

    /// Every entry with an edge from or to `id` (`outgoing`: from it), with the relation,
    /// in no particular order.
    func forEachNeighbour(of id: String, _ body: (_ outgoing: Bool, _ relation: Relation, _ other: String) -> Void) {
        for neighbour in outgoing[id] ?? [] { body(true, neighbour.relation, neighbour.other) }
        for neighbour in incoming[id] ?? [] { body(false, neighbour.relation, neighbour.other) }
    }

    /// An entity and every entity under it.
    func tree(of id: String) -> Set<String> {
        var tree: Set<String> = [id]
        var pending = [id]
        while let next = pending.popLast() {
            for child in sources(to: next, .parent) where tree.insert(child).inserted { pending.append(child) }
        }
        return tree
    }

    /// The events involving any entity of `tree` (`tree(of:)`), sorted by id.
    func treeEvents(_ tree: Set<String>) -> [String] {
        tree.count == 1 ? sources(to: tree.first!, .involves) : Set(tree.flatMap { sources(to: $0, .involves) }).sorted()
    }

    /// Entries with an edge to `id`, without repeats, sorted by id.
    func sources(to id: String, _ relations: Relation...) -> [String] {
        ends(incoming[id] ?? [], relations).uniqued().sorted()
    }

    /// The same, each as many times as it has such an edge, in no order.
    func sourcesUnsorted(to id: String, _ relations: Relation...) -> [String] {
        ends(incoming[id] ?? [], relations)
    }

    // MARK: - View pieces

    static func url(of entry: Entry) -> String { url(kind: entry.kind, id: entry.id) }
    static func url(kind: Kind, id: String) -> String { "\(kind.folder)/\(id).html" }

    /// A link to an entry: title, url and a short detail (type, or date).
    func link(_ id: String) -> LinkView? {
        guard let e = kb.entry(id) else { return nil }
        return LinkView(
            id: e.id, title: e.title, url: SiteModel.url(kind: e.kind, id: e.id), detail: e.type.map(SiteModel.typeLabel),
            date: e.date.map(DateView.init), endDate: e.endDate.map(DateView.init),
            verdict: e.kind == .claim ? e.currentVerdict.rawValue : nil)
    }

    /// Links for several ids, with `last` set on the final one (for comma lists).
    func links(_ ids: [String]) -> [LinkView] {
        var items = ids.compactMap(link)
        if !items.isEmpty { items[items.count - 1].last = true }
        return items
    }

    /// A section of links, or nil when it would be empty (sections vanish).
    func section(_ ids: [String]) -> Section? {
        ids.isEmpty ? nil : Section(items: links(ids))
    }

    func eventSummary(_ e: Entry) -> EventSummary {
        EventSummary(
            id: e.id, title: e.title, url: SiteModel.url(of: e), type: e.type ?? "",
            entityIDs: targets(of: e.id, .involves).joined(separator: " "), date: e.date.map(DateView.init),
            endDate: e.endDate.map(DateView.init), ahead: !hasHappened(e))
    }

    /// Events newest first: reverse chronological, ties by id.
    /// Ids of dated entries, newest first (claims about an entity, as its events are listed).
    func newestFirst(ids: [String]) -> [String] { newestFirst(ids.compactMap { kb.entry($0) }).map(\.id) }

    /// Ids by their entries' titles in natural order: Ubuntu 4.10 before Ubuntu 10.04.
    func byTitle(ids: [String]) -> [String] { Self.byName(ids.compactMap { kb.entry($0) }).map(\.id) }

    /// Later starts first, then finer dates first (`FuzzyDate.sortsBefore`, reversed), then ids.
    func newestFirst(_ events: [Entry]) -> [Entry] {
        // Each date's key and each id read once, not through the entry's box at every comparison.
        let keys = events.map { e in e.date.map { (start: $0.startKey, rank: $0.precision.rank) } }
        let ids = events.map(\.id)
        return events.sortedByPositions { i, j in
            guard let x = keys[i], let y = keys[j] else { return ids[i] < ids[j] }
            if x.start != y.start { return y.start < x.start }
            if x.rank != y.rank { return y.rank < x.rank }
            return ids[i] < ids[j]
        }
    }
}

/// Values that many pages of one build need alike (the events newest first, the change
/// pages), computed once on first use and then shared by the render workers. Keyed by
/// everything they depend on besides the knowledge base.
final class SiteMemo: Sendable {
    private final class Box: @unchecked Sendable {
        let value: Any
        init(_ value: Any) { self.value = value }
    }
    private let values = Locked<[String: Box]>([:])

    func value<T>(_ key: String, _ make: () -> T) -> T {
        if let hit = values.withLock({ $0[key] })?.value as? T { return hit }
        let made = make()
        values.withLock { $0[key] = Box(made) }
        return made
    }
}
