import Dispatch
import VaneContent
import VaneDiagnostics
import VaneHistory

/// What each page shows, reduced to one number: a page whose fingerprint is the same as
/// at the last build would render the same bytes, so it is not rendered again.
///
/// An entry page depends on its own file, on the summary (title, type, dates, verdict,
/// publisher, address, aliases) of every entry it has an edge to or from, on its status
/// and every event it rests on with their sources, on its successors' names and positions (a
/// use's page: its product's), for an event on what each change it makes changed from,
/// on its release cycles' facts and positions, and on everything global (theme,
/// settings, vane itself); pages that show a status also depend on the as-of date. The
/// status pages, the timeline's, the claims ledger, the scorecards and the contradictions
/// page depend on what each of them shows (see their fingerprints below); the other list pages
/// and the home page depend on every file, summary, edge and status change: they are
/// few, so they are simply re-rendered whenever any of those change.
struct PageFingerprints {
    private let model: SiteModel
    /// The theme, the settings, vane itself, and which vendors have a status view.
    let global: UInt64
    private let summaries: [String: UInt64]
    /// Every file, summary, edge and status change, with the globals and the as-of date.
    let everything: UInt64
    /// The results of every `vane` block, and the bodies of the entries that hold them.
    let blocks: UInt64
    /// Every entry's file: what shows every field of every entry (the JSON API), beyond the
    /// summaries.
    let files: UInt64
    /// Every entity's id and summary: what the index of entities and the timeline's names
    /// show (made once, not once for each page of the index).
    let entities: UInt64

    /// `fileHashes`: entry id → hash of its file and parser settings.
    init(model: SiteModel, fileHashes: [String: String], global: UInt64, frameReads: [String: Set<String>] = [:]) {
        self.model = model
        self.frameReads = frameReads
        frameValues = ["counts": StableHash.of("\(model.counts)")]
        offersExposure = !model.usedProducts.isEmpty
        contradicted = model.contradictedEntities
        // Edges are read in place, by index: `for e in` copies each whole (a retain per string).
        let entries = model.kb.entries
        var summaries: [String: UInt64] = [:]
        summaries.reserveCapacity(entries.count)
        // On all cores: each summary reads its own entry and the model alone.
        let made = ResultSlots<UInt64>(count: entries.count)
        DispatchQueue.concurrentPerform(iterations: entries.count) { i in made[i] = PageFingerprints.summary(of: entries[i], model: model) }
        for (i, summary) in made.values.enumerated() { summaries[entries[i].id] = summary }
        self.summaries = summaries
        var changesShown: [String: UInt64] = [:]
        for (entity, changes) in model.changesByEntity {
            changesShown[entity] = PageFingerprints.changesShown(changes, tiers: model.board.entities[entity]?.tiers, summaries: summaries)
        }
        self.changesShown = changesShown
        var f = StableHash()
        for i in entries.indices {
            f.add(entries[i].id)
            f.add(fileHashes[entries[i].id] ?? "")
        }
        files = f.value
        var e = StableHash()
        for entity in model.kb.entries(of: .entity) {
            e.add(entity.id)
            e.add(summaries[entity.id] ?? 0)
        }
        entities = e.value
        var h = StableHash()
        h.add(global)
        h.add(model.board.asOf.text)
        // Every file, beyond the summaries: what a product declares (its channels and their
        // tiers, a cycle's facts) shows on the home page's boards and in the calendars.
        h.add(files)
        for i in entries.indices {
            h.add(entries[i].id)
            h.add(summaries[entries[i].id]!)
        }
        let edges = model.kb.edges
        for i in edges.indices {
            h.add(edges[i].from)
            h.add(edges[i].relation.rawValue)
            h.add(edges[i].to)
        }
        for s in model.kb.statusChanges { h.add(s) }
        // The entries a site as of a day leaves out as dated after it: "What's new" names
        // one by its title, and by its id once it is removed (a later date, then the file
        // removed, kept the title).
        for (id, title) in model.kb.later.sorted(by: { $0.key < $1.key }) {
            h.add(id)
            h.add(title)
        }
        // Recorded time: the home page's "What's new", the changes feed.
        if let history = model.history {
            h.add(history.head)
            h.add(String(describing: history.changes.filter { $0.commit == nil }))
            h.add(history.uncommitted.joined(separator: " "))
        }
        everything = h.value
        var b = StableHash()
        for (id, results) in model.liveBlocks.sorted(by: { $0.key < $1.key }) {
            b.add(id)
            b.add(fileHashes[id] ?? "")
            b.add(String(describing: results))
        }
        blocks = b.value
        var g = StableHash()
        g.add(global)
        // Every page's navigation links the exposure page once there is a use.
        g.add(model.kb.entries(of: .use).isEmpty ? "" : "uses")
        self.global = g.value
        self.fileHashes = fileHashes
        vendors = Set(model.vendors)
    }

    private let fileHashes: [String: String]
    /// The entities with a status view of their own (`status/<id>.html`).
    private let vendors: Set<String>
    /// Each entity's status changes as pages show them (see `changesShown(_:tiers:summaries:)`).
    private let changesShown: [String: UInt64]
    /// Template → the names its pages read from the frame (recorded while rendering).
    private let frameReads: [String: Set<String>]
    /// What the frame holds that follows the whole knowledge base and is in no global: a
    /// theme whose entry pages show `{{counts.entries}}` re-renders them when it changes.
    private let frameValues: [String: UInt64]
    /// Whether the list pages offer `feeds/exposure.ics`.
    private let offersExposure: Bool
    /// The entities whose pages link to the contradictions page: read once, not through the
    /// model's memo (a lock and a dynamic cast) for every page.
    private let contradicted: Set<String>

    func summary(_ id: String) -> UInt64 { summaries[id] ?? 0 }

    /// The hash of the file an entry comes from and the parser's settings: it covers the
    /// entry's body, without reading the body again.
    func fileHash(_ id: String) -> String? { fileHashes[id] }

    func fingerprint(of page: PageSpec) -> UInt64 {
        parts(of: page).whole
    }

    /// A page's fingerprint, and for an entity's page what the status pages show of it too:
    /// the same without the events of what is under it, which its page lists and no status
    /// page shows (an event added to a product's cycle rendered the whole board again, to
    /// the same bytes).
    func parts(of page: PageSpec) -> (whole: UInt64, onBoards: UInt64) {
        switch page.content {
        case .timeline(let number): return both(fingerprint(ofTimeline: page, number: number))
        case .contradictions: return both(contradictions(page))
        case .claims, .scorecards: return both(claims(page))
        case .sources(let number): return both(sources(page, number: number))
        case .entities: return both(entityIndex(page))
        case .reports: return both(reportIndex(page))
        // Nothing of the knowledge base's but what every list page follows.
        case .search, .notFound: return both(listPage(page).value)
        default: break
        }
        guard case .entry(let id) = page.content else { return both(StableHash.of(page.path, String(everything))) }
        var h = StableHash()
        h.add(global)
        h.add(page.path)
        h.add(fileHashes[id] ?? "")
        for name in (frameReads[page.template] ?? []).sorted() {
            if let value = frameValues[name] { h.add(value) }
        }
        // Its own title and aliases as of the site's day (a renamed entity's earlier name).
        h.add(summaries[id] ?? 0)
        // Whether it has a status view of its own (a vendor's page links it and shows its
        // board; a product's folded cycles link their vendor's): the list of every vendor
        // was in every page's fingerprint, so a product added to an import (each product
        // its own vendor) rendered all 28,000 pages again.
        h.add(vendors.contains(id) ? "vendor" : "")
        // Its neighbours, in no order: each hashed alone and the hashes summed, as a map's
        // pairs are below, with no list of pairs made and sorted for every page. (The cost
        // is in visiting a vendor's thousands of edges, which this does not change.)
        var neighbours: UInt64 = 0
        model.forEachNeighbour(of: id) { outgoing, relation, other in
            var pair = StableHash()
            pair.add(outgoing ? ">" : "<")
            pair.add(relation.rawValue)
            pair.add(other)
            pair.add(summaries[other] ?? 0)
            neighbours &+= pair.value
        }
        h.add(neighbours)
        // What it succeeds, by the advice in force as well as the entities' own lists.
        if model.kb.kind(of: id) == .entity {
            for before in model.predecessors(of: id) {
                h.add(before)
                h.add(summaries[before] ?? 0)
            }
        }
        h.add(changesShown[id] ?? 0)
        addChangesShown(byEvent: id, to: &h)
        // On a site as of a date, a body link to a later entry reads as that entry's title.
        if !model.kb.later.isEmpty, let entry = model.kb.entry(id) {
            for link in entry.bodyLinks { if let title = model.kb.later[link.target] { h.add(title) } }
        }
        // Its history: the commits that touched it, and whether it is committed.
        if let history = model.history {
            for touch in history.touches[id] ?? [] {
                h.add(touch.commit)
                h.add(history.commit(touch.commit)?.subject ?? "")
            }
            h.add(history.uncommitted.contains(id) ? "uncommitted" : "")
        }
        // "Succeeded by" shows each successor's name and own position, and a use's page its
        // product's (only a use has `uses` edges: other pages skip the look-up).
        let isUse = model.kb.kind(of: id) == .use
        let used = isUse ? model.targets(of: id, .uses) : []
        for shown in model.board.successors(of: id) + used {
            h.add(summaries[shown] ?? 0)
            h.add(model.board.position(of: shown) ?? "")
            // What a gone successor leads on to, as the line shows it: each step's name and
            // position, a step folded into the next, how many it leaves out.
            h.add(model.board.onwardLine(from: shown) ?? "")
        }
        // A use's page: the end that strands it, its countdown and the plan's lateness, and the
        // channel it depends on as its product names it (with the tier the product gives it).
        if isUse, let standing = model.useStanding(id) { h.add(MustacheEncoder.encode(standing)) }
        if isUse, model.planOverdue(model.kb.entry(id)?.use?.planDate) { h.add("plan overdue") }
        if isUse, let entry = model.kb.entry(id), model.ended(entry) { h.add("ended") }
        if isUse, let channel = model.kb.entry(id)?.use?.channel, let product = used.first {
            h.add(model.channelName(channel.text, of: product))
            h.add(model.board.rowsByEntity[product]?.status.channels[channel.text]?.value ?? "")
        }
        // A product's "Used by" lists its cycles' uses, which have no edge to it.
        if model.kb.kind(of: id) == .entity, let used = model.usedBy(id) { h.add(MustacheEncoder.encode(used)) }
        // A product's cycles table shows each cycle's facts and where it stands at the as-of date.
        // Views hashed as a template reads them, encoded: `String(describing:)` walks them
        // by reflection, which was two fifths of fingerprinting every page.
        if let table = model.cyclesTable(of: id) { h.add(MustacheEncoder.encode(table)) }
        // A product whose status is its cycles': their row on the board, as its page says it.
        if let cycles = model.cyclesStatus(of: id) { h.add(MustacheEncoder.encode(cycles)) }
        // A vendor's page ranks its products.
        if let vendorBoard = model.vendorBoard(of: id) { h.add(MustacheEncoder.encode(vendorBoard)) }
        // A region's or a partner's page ranks what is offered through it.
        if let offered = model.offeredThrough(id) { h.add(MustacheEncoder.encode(offered)) }
        // An entity page links to the contradictions about it.
        if contradicted.contains(id) { h.add("contradictions") }
        if let blocks = model.liveBlocks[id] {
            // A block may read anything: its page follows the whole graph and its results.
            h.add(everything)
            h.add(String(describing: blocks))
        }
        if let row = model.statusRows[id] {
            // Only pages that show a status depend on the as-of date.
            h.add(model.board.asOf.text)
            for event in PageFingerprints.events(namedBy: row.status) {
                h.add(event)
                h.add(summaries[event] ?? 0)
                // On a site as of a day, a source published later shows as `[later]`.
                h.add(model.kb.citingLater.contains(event) ? "later" : "")
                for source in model.board.eventSources[event] ?? [] { h.add(summaries[source] ?? 0) }
            }
            h.add(row.vendor)
            h.add(summaries[row.vendor] ?? 0)
            // (The channels its changes name are in `changesShown`, above.)
            addChannels(of: row, to: &h)
        }
        let onBoards = h.value
        // With no status of its own, its page counts what under it is available and gone.
        if model.statusRows[id] == nil, let members = model.membersStatus(of: id) { h.add(members) }
        // The events of what is under it, which its page lists with its own (no edge to it).
        guard model.kb.kind(of: id) == .entity, case let tree = model.tree(of: id), tree.count > 1 else { return both(onBoards) }
        for event in model.treeEvents(tree) {
            h.add(event)
            h.add(summaries[event] ?? 0)
        }
        return (h.value, onBoards)
    }

    private func both(_ fingerprint: UInt64) -> (whole: UInt64, onBoards: UInt64) { (fingerprint, fingerprint) }

    /// A status page (`status.html`, or a vendor's `status/<vendor>.html`) shows, of each
    /// product on it, what that product's own page shows of its status: the same rows,
    /// moves, events, sources, ends and successors, read by the same views. Its fingerprint
    /// is made of those pages' fingerprints (`entryPages`: a page's path to what the status
    /// pages show of it, `parts(of:).onBoards`),
    /// in the board's order, with the vendors, the names of the channels shown, and the
    /// day; an event added to one vendor's product renders that vendor's page and the whole
    /// board again, not every vendor's. Without the page of one of its products it follows
    /// everything.
    func fingerprint(ofStatus page: PageSpec, vendor: String?, entryPages: [String: UInt64]) -> UInt64 {
        var h = listPage(page)
        // The other vendors, where the page lists them.
        if model.listsOtherVendors(on: vendor) {
            for v in model.vendors {
                h.add(v)
                h.add(summaries[v] ?? 0)
            }
        } else {
            h.add("vendors elsewhere")
        }
        for row in model.forVendor(vendor).vendorRows(vendor) {
            guard let shown = entryPages[SiteModel.url(kind: .entity, id: row.entity)] else { return fingerprint(of: page) }
            h.add(row.entity)
            h.add(shown)
            addChannels(of: row, to: &h)
        }
        return h.value
    }

    /// A page of the timeline shows its own events (each as its summary has it: title,
    /// type, date, the entities involved) under their years, the pager, and the years of
    /// every page. An event added renders the pages whose events it moved, not all of them.
    private func fingerprint(ofTimeline page: PageSpec, number: Int) -> UInt64 {
        let pages = model.timelinePages()
        guard pages.indices.contains(number - 1) else { return StableHash.of(page.path, String(everything)) }
        var h = listPage(page)
        for (i, parts) in pages.enumerated() {
            h.add(UInt64(i))
            for part in parts {
                h.add(UInt64(bitPattern: Int64(part.group)))
                h.add(part.continued ? "continued" : "")
            }
        }
        for part in pages[number - 1] {
            for event in part.items {
                h.add(event.id)
                h.add(summaries[event.id] ?? 0)
            }
        }
        return h.value
    }

    /// The contradictions page shows each group's entity and its parent, and of each claim
    /// of each pair its summary, claimant, date, verdict and sources, in the groups' order.
    private func contradictions(_ page: PageSpec) -> UInt64 {
        var h = listPage(page)
        func entry(_ id: String) {
            h.add(id)
            h.add(summaries[id] ?? 0)
        }
        for group in model.contradictionGroups {
            entry(group.entity)
            for parent in model.targets(of: group.entity, .parent) { entry(parent) }
            for pair in group.pairs {
                for claim in [pair.first, pair.second] {
                    entry(claim.id)
                    entry(claim.claimant)
                    h.add(claim.date.text)
                    h.add(claim.verdict.rawValue)
                    h.add(group.vendorClaims.contains(claim.id) ? "vendor" : "")
                    h.add(UInt64(claim.sources.count))
                    for source in claim.sources { entry(source) }
                }
            }
        }
        return h.value
    }

    /// A page of sources shows each of its sources as its summary has it (title, date,
    /// address, publisher) with the number of entries citing it, and the pager, which names
    /// the publishers of every page: an event added renders the page of the sources it
    /// cites, not all of them.
    private func sources(_ page: PageSpec, number: Int) -> UInt64 {
        let (pages, ranges) = model.bibliographyPages()
        guard pages.indices.contains(number - 1) else { return StableHash.of(page.path, String(everything)) }
        var h = listPage(page)
        for range in ranges { h.add(range) }
        for source in pages[number - 1] {
            h.add(source.id)
            h.add(summaries[source.id] ?? 0)
            h.add(UInt64(model.citedCount(source.id)))
        }
        return h.value
    }

    /// The index of entities shows every entity as its summary has it (name, type), by type
    /// and name over numbered pages, each named by its first and last names: an event
    /// added rendered it again, to the same bytes.
    private func entityIndex(_ page: PageSpec) -> UInt64 {
        var h = listPage(page)
        h.add(entities)
        return h.value
    }

    /// The index of reports shows each report as its summary has it (title, date, summary)
    /// with its authors.
    private func reportIndex(_ page: PageSpec) -> UInt64 {
        listed(page, .report, with: .authoredBy)
    }

    /// The claims ledger shows each claim as its summary has it, with its claimant; the
    /// scorecards count the same claims by claimant and verdict, and list them.
    private func claims(_ page: PageSpec) -> UInt64 {
        listed(page, .claim, with: .claimedBy)
    }

    /// A list page of every entry of `kind`, each as its summary has it, with those it has an
    /// edge of `relation` to (a report's authors, a claim's claimant).
    private func listed(_ page: PageSpec, _ kind: Kind, with relation: Relation) -> UInt64 {
        var h = listPage(page)
        for entry in model.kb.entries(of: kind) {
            h.add(entry.id)
            h.add(summaries[entry.id] ?? 0)
            for other in model.targets(of: entry.id, relation) {
                h.add(other)
                h.add(summaries[other] ?? 0)
            }
        }
        return h.value
    }

    /// What every list page follows besides its own content: the globals, its path, the
    /// day (a claim's verdict may be later), the frame's values its template reads, and the
    /// feeds it offers.
    private func listPage(_ page: PageSpec) -> StableHash {
        var h = StableHash()
        h.add(global)
        h.add(page.path)
        h.add(model.board.asOf.text)
        for name in (frameReads[page.template] ?? []).sorted() {
            if let value = frameValues[name] { h.add(value) }
        }
        // The list pages offer the calendar of the ends of what we use once a use names a product.
        h.add(offersExposure ? "exposure" : "")
        return h
    }

    /// Every event a status names, each shown with its title and sources somewhere: the
    /// settings in force ("Priority set by", which a setting to the same value takes over
    /// without a move), the moves, successor advice, and the ends and sign-up closures with
    /// the events that first announced them and that met them.
    private static func events(namedBy status: EntityStatus) -> [String] {
        var events = [status.availability?.event, status.priority?.event].compactMap { $0 }
        events += status.channels.keys.sorted().compactMap { status.channels[$0]?.event }
        events += status.moves.map(\.event) + status.advice.map(\.event)
        for end in status.ends + status.closures { events += [end.event, end.firstEvent] + (end.retiredBy.map { [$0] } ?? []) }
        return events
    }

    /// An event's page shows each status change it makes as "from → to": the value the
    /// same entity had before, which another event set (with the successors it advised by
    /// name), and the channel by its name and the tier its product gives it.
    private func addChangesShown(byEvent id: String, to h: inout StableHash) {
        for change in model.changesByEvent[id] ?? [] {
            PageFingerprints.add(change, summaries: summaries, to: &h)
            if let before = model.previous(change) { PageFingerprints.add(before, summaries: summaries, to: &h) } else { h.add("-") }
            // A first advice moves from the product's own successors, shown by name.
            if change.axis == .successors {
                for own in model.board.entities[change.entity]?.successors ?? [] {
                    h.add(own)
                    h.add(summaries[own] ?? 0)
                }
            }
            if let channel = change.channel { h.add(model.board.entities[change.entity]?.tiers[channel]?.rawValue ?? "") }
            // Whether it moved nothing, and what it moved from, follow the product's other changes.
            h.add(model.isVoid(change) ? "void" : "")
            h.add(model.replayedMove(of: change)?.from ?? "\u{0}")
            for move in model.channelMoves(of: change) { h.add("\(move.channel ?? "") \(move.from ?? "-")") }
            h.add(model.announcement(of: change)?.replaced?.text ?? "-")
            h.add(model.callsOff(change) ? "calls off" : "")
        }
    }

    /// A status change as a page shows it: with its channel's name and the successors it
    /// advises by name.
    private static func add(_ change: StatusChange, summaries: [String: UInt64], to h: inout StableHash) {
        h.add(change)
        if let channel = change.channel { h.add(summaries[channel] ?? 0) }
        guard change.axis == .successors else { return }
        for named in change.value.split(separator: " ") { h.add(summaries[String(named)] ?? 0) }
    }

    /// An entity's status changes as its page shows them, and the tiers of its channels:
    /// once per entity, not once per page that shows them.
    private static func changesShown(_ changes: [StatusChange], tiers: [String: ChannelTier]?, summaries: [String: UInt64]) -> UInt64 {
        var h = StableHash()
        for change in changes { add(change, summaries: summaries, to: &h) }
        for (channel, tier) in (tiers ?? [:]).sorted(by: { $0.key < $1.key }) {
            h.add(channel)
            h.add(tier.rawValue)
        }
        return h.value
    }

    /// The channels a product's status may name, each with its summary: a channel that is
    /// an entity (`azure-openai`) is shown by that entity's name.
    private func addChannels(of row: StatusRow, to h: inout StableHash) {
        var channels = Set(row.status.channels.keys)
        channels.formUnion(row.via)
        channels.formUnion(row.status.moves.compactMap(\.channel))
        channels.formUnion((row.status.ends + row.status.closures).compactMap(\.channel))
        for channel in channels.sorted() {
            h.add(channel)
            h.add(summaries[channel] ?? 0)
        }
    }

    /// Everything another page may show about an entry.
    private static func summary(of e: Entry, model: SiteModel) -> UInt64 {
        var h = StableHash()
        h.add(e.kind.rawValue)
        h.add(e.title)
        h.add(e.type ?? "")
        h.add(e.date?.text ?? "")
        h.add(e.endDate?.text ?? "")
        // An event to come is marked so wherever it is listed, until the site's day reaches it.
        if e.kind == .event, !model.hasHappened(e) { h.add("ahead") }
        h.add(e.verdict?.rawValue ?? "")
        h.add(e.verdictDate?.text ?? "")
        h.add(e.summary ?? "")
        h.add(e.url ?? "")
        // A source's archived copy is linked from every page that cites it.
        h.add(e.archive ?? "")
        for alias in e.aliases { h.add(alias.text) }
        if e.kind == .source { h.add(model.publisherName(e)) }
        // Event lists carry the entities an event involves (for the timeline filter).
        if e.kind == .event { for id in model.targets(of: e.id, .involves) { h.add(id) } }
        // A use's owner, criticality, version and plan show on the exposure page, the home
        // page and its product's "Used by".
        if let use = e.use { h.add(String(describing: use)) }
        return h.value
    }
}

extension StableHash {
    /// A view as a template reads it. A map's keys are in no order (a dictionary's order
    /// changes from run to run), so each key and value is hashed alone and the hashes summed.
    mutating func add(_ value: MustacheValue) {
        switch value {
        case .null: add("n")
        case .bool(let b): add(b ? "t" : "f")
        case .int(let i):
            add("i")
            add(UInt64(bitPattern: Int64(i)))
        case .double(let d):
            add("d")
            add(d.bitPattern)
        case .string(let s):
            add("s")
            add(s)
        case .list(let items):
            add("l")
            add(UInt64(items.count))
            for item in items { add(item) }
        case .map(let pairs):
            add("m")
            add(UInt64(pairs.count))
            var sum: UInt64 = 0
            for (key, item) in pairs {
                var pair = StableHash()
                pair.add(key)
                pair.add(item)
                sum &+= pair.value
            }
            add(sum)
        }
    }
}
