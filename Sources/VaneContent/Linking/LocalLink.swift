import VaneDiagnostics

/// The names a whole-graph link resolved every reference against, kept by a resident
/// load so that the next one links again only the files that changed (`Linker.relink`).
public struct LinkTables: Sendable {
    var known: [String: (kind: Kind, path: String)]
    var aliases: [String: String]
    var types: [String: String]
    var declared: [String: [String]]
    var saved: [String: LiveBlock]
    var config: SiteConfig
    /// The warnings of `Linker.baselineWarnings`, by product.
    var baselines: [String: [Diagnostic]]
    /// The entities by name, lowercased (`Linker.entityNames`).
    var entityNames: [String: [String]]
    /// The entries whose link warns again while they stay as they are (`Linker.warnsAgain`),
    /// by id: found by the first local link after a whole one, then kept up to date.
    var rewarned: Set<String>? = nil
    /// The warnings of the entities' files alone, from the whole link (`Linker.link`).
    var standing: [Diagnostic] = []
}

extension Linker {
    /// `previous` linked again with only the files whose parse changed (`parsed`: every
    /// file's parse now, in path order), when nothing else can link differently: the last
    /// load was clean, the settings and saved queries are the same, every changed file is
    /// an entry that is not an entity before or after (entities own the names, aliases,
    /// types and channels the others resolve against, and the parents and successors), no
    /// id that goes is linked to by a file that stays, no id that comes is taken, and the
    /// entries linked again link cleanly. Then the checks across files that can warn of a
    /// clean knowledge base run again: channels named; first availabilities, for the
    /// products whose changes changed (the others' warnings are kept in the tables); uses,
    /// with their products from the last edges and the new ones, at `today`. Nil for anything else;
    /// the whole-graph link runs then, and is this one's oracle in tests.
    static func relink(
        _ previous: LoadResult, parsed: [ParsedFile], assets: [String], config: SiteConfig, saved: [String: LiveBlock], today: FuzzyDate
    ) -> (
        kb: KnowledgeBase, diagnostics: [Diagnostic], tables: LinkTables, linked: Int, ids: Set<String>, edges: [Edge], statusChanges: [StatusChange]
    )? {
        // (A file that is not an entry added or gone may mend or break a body's link.)
        guard var tables = previous.linkTables, tables.config == config, tables.saved == saved, !previous.diagnostics.hasErrors,
            previous.knowledgeBase.assets == assets
        else { return nil }
        let (gone, come) = changedFiles(from: previous.files, to: parsed)
        guard (gone + come).allSatisfy({ !$0.path.hasPrefix("Content/entities/") && $0.entry != nil && !$0.diagnostics.hasErrors })
        else { return nil }
        // Dated successor advice is checked across every product's (a circle it closes).
        guard !(gone + come).contains(where: { $0.entry?.status.contains { $0.axis == .successors } == true }) else { return nil }
        let goneIDs = Set(gone.map { $0.entry!.id })
        let fresh = come.map { $0.entry! }
        // An id that moved to another kind's folder may be linked to as the kind it was.
        let goneKinds = Dictionary(gone.map { ($0.entry!.id, $0.entry!.kind) }, uniquingKeysWith: { a, _ in a })
        guard fresh.allSatisfy({ entry in goneKinds[entry.id].map { $0 == entry.kind } ?? true }) else { return nil }
        for id in goneIDs { tables.known[id] = nil }
        for (file, entry) in zip(come, fresh) {
            guard tables.known[entry.id] == nil, tables.aliases[entry.id] == nil else { return nil }
            tables.known[entry.id] = (entry.kind, file.path)
        }
        // An id gone for good may not be linked to by a file that stays.
        let removed = goneIDs.subtracting(fresh.map(\.id))
        // Nor may an id that comes or goes be an entity's name: a publisher written so links
        // to the entity only while no entry has that id (`publisherID`).
        let added = Set(fresh.map(\.id)).subtracting(goneIDs)
        guard !removed.union(added).contains(where: { tables.entityNames[$0] != nil }) else { return nil }
        let kb = previous.knowledgeBase
        let lastEdges = kb.edges
        if !removed.isEmpty, lastEdges.indices.contains(where: { removed.contains(lastEdges[$0].to) && !goneIDs.contains(lastEdges[$0].from) }) {
            return nil
        }
        var linker = Linker(config: config)
        (linker.known, linker.aliases, linker.types, linker.declared, linker.saved, linker.entityNames) =
            (tables.known, tables.aliases, tables.types, tables.declared, saved, tables.entityNames)
        linker.assets = Set(assets)
        for entry in fresh { linker.link(entry) }
        guard linker.diagnostics.isEmpty else { return nil }
        // The entries left as they were keep their warnings (a dead relative link, a mistyped publisher).
        let rewarned = (tables.rewarned ?? Set(kb.entries.lazy.filter { linker.warnsAgain($0) }.map(\.id))).subtracting(goneIDs)
        for id in rewarned.sorted() { kb.entry(id).map { linker.warnAgain($0) } }
        tables.rewarned = rewarned.union(fresh.lazy.filter { linker.warnsAgain($0) }.map(\.id))
        let known = tables.known
        let path = { @Sendable (id: String) in known[id]?.path ?? "" }
        let (freshEdges, freshChanges) = (linker.edges, linker.statusChanges)
        linker.statusChanges = splice(kb.statusChanges, freshChanges, owner: { $0.event }, dropping: goneIDs, path: path)
        let channels = linker.checkChannels()
        // The baselines of the products whose changes changed are looked at again.
        let last = kb.statusChanges
        let products = Set(last.indices.filter { goneIDs.contains(last[$0].event) }.map { last[$0].entity }).union(freshChanges.map(\.entity))
        let all = linker.statusChanges
        let theirs = all.indices.filter { products.contains(all[$0].entity) }.map { all[$0] }
        tables.baselines = tables.baselines.filter { !products.contains($0.key) }.merging(linker.baselineWarnings(theirs)) { _, new in new }
        linker.diagnostics += tables.baselines.values.joined() + tables.standing
        // The whole list of edges waits for its first reader (see `KnowledgeBase.replacing`).
        let relinked = kb.replacing(
            goneIDs, with: named(fresh, edges: freshEdges, in: kb),
            edges: { splice(lastEdges, freshEdges, owner: { $0.from }, dropping: goneIDs, path: path) },
            statusChanges: linker.statusChanges, channels: channels, assets: assets)
        let ids = goneIDs.union(fresh.map(\.id))
        // The uses' products: the last load's, with those of the entries linked again.
        // (Only with uses to check: it is a pass over every edge.)
        var useProblems: [Diagnostic] = []
        if !relinked.entries(of: .use).isEmpty {
            var used = Dictionary(lastEdges.pairs { $0 == .uses }.filter { !goneIDs.contains($0.0) }, uniquingKeysWith: { a, _ in a })
            used.merge(freshEdges.pairs { $0 == .uses }) { a, _ in a }
            useProblems = UseChecks.check(relinked, today: today, products: used)
        }
        return (
            relinked,
            linker.diagnostics + useProblems + Linker.wholeChecks(relinked, today: today), tables,
            fresh.count, ids, freshEdges,
            freshChanges
        )
    }

    /// The parses of `old` that are not in `new` (removed, or changed) and those of `new` not
    /// in `old` (added, or changed), each list in path order: both lists are.
    private static func changedFiles(from old: [ParsedFile], to new: [ParsedFile]) -> (gone: [ParsedFile], come: [ParsedFile]) {
        var (gone, come) = ([ParsedFile](), [ParsedFile]())
        var (i, j) = (0, 0)
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && old[i].path < new[j].path) {
                gone.append(old[i])
                i += 1
            } else if i == old.count || new[j].path < old[i].path {
                come.append(new[j])
                j += 1
            } else {
                if old[i].hash != new[j].hash || old[i].hash.isEmpty {
                    gone.append(old[i])
                    come.append(new[j])
                }
                (i, j) = (i + 1, j + 1)
            }
        }
        return (gone, come)
    }

    /// `old` without the items of the entries in `dropping`, with `new` (the items of entries
    /// linked again, in their path order) where their entries' paths put them: a link writes
    /// each entry's edges and status changes together, entry by entry in path order, so the
    /// items of one entry are copied as one run.
    private static func splice<T>(
        _ old: [T], _ new: [T], owner: (T) -> String, dropping: Set<String>, path: (String) -> String
    ) -> [T] {
        var result: [T] = []
        result.reserveCapacity(old.count + new.count)
        var (start, j) = (0, 0)
        while start < old.count {
            let id = owner(old[start])
            var end = start + 1
            while end < old.count, owner(old[end]) == id { end += 1 }
            if !dropping.contains(id) {
                let at = path(id)
                while j < new.count, path(owner(new[j])) < at {
                    result.append(new[j])
                    j += 1
                }
                result += old[start..<end]
            }
            start = end
        }
        result += new[j...]
        return result
    }

    /// The entries linked again, a use written without a title named after its product
    /// (see `nameUses`; no entity changed, so the products' names are those in `kb`).
    private static func named(_ fresh: [Entry], edges: [Edge], in kb: KnowledgeBase) -> [Entry] {
        fresh.map { written in
            // A channel that names an entity is its id, as the whole link has it (`nameUses`).
            var entry = written
            if let channel = entry.use?.channel?.text,
                let id = Names.resolve(channel, isID: { kb.kind(of: $0) == .entity }, aliases: kb.aliases), kb.kind(of: id) == .entity
            {
                entry.use?.channel?.text = id
            }
            guard entry.use?.untitled == true,
                let product = edges.first(where: { $0.from == entry.id && $0.relation == .uses })?.to,
                let name = kb.title(of: product)
            else { return entry }
            var named = entry
            let channel = (entry.use?.channel).map { kb.kind(of: $0.text) == .entity ? kb.title(of: $0.text) ?? $0.text : $0.text }
            named.title = UseFacts.title(product: name, team: entry.use?.team, channel: channel)
            return named
        }
    }
}
