import Foundation
import VaneDiagnostics

/// Resolves every reference across the knowledge base and checks what needs more
/// than one file: unique ids, aliases, targets of the right kind, parent cycles,
/// and who may carry a status.
public struct Linker: Sendable {
    let config: SiteConfig
    /// Every id with a file, even one whose front matter failed, so one broken file
    /// does not make each reference to it an error too.
    var known: [String: (kind: Kind, path: String)] = [:]
    /// Entries by name, lowercased (`named`): made when a reference first needs it.
    var titleIndex: [String: [(id: String, kind: Kind)]]? = nil
    var aliases: [String: String] = [:]
    /// Every alias as written, for suggestions.
    var aliasTexts: [String] = []
    /// Where each alias is written, for the error that finds it written twice.
    var aliasLocations: [String: SourceLocation] = [:]
    /// The entities' ids, sorted, made when a mistyped publisher first asks for them.
    var entityIDs: [String]? = nil
    var entries: [Entry] = []
    /// Entity types by id, for the status check.
    var types: [String: String] = [:]
    var diagnostics: [Diagnostic] = []
    var edges: [Edge] = []
    var statusChanges: [StatusChange] = []
    var saved: [String: LiveBlock] = [:]
    /// Declared channels by entity id, as ids.
    var declared: [String: [String]] = [:]
    /// The ids of files that did not parse (their problems are said): what they declare is unknown.
    var unread: Set<String> = []
    /// The entries of files whose id another file has: not in the graph, but what they link
    /// to is checked all the same (a mistyped entity came out only once the file was renamed).
    var duplicates: [Entry] = []
    /// The files of another kind left out for an id a file before them has (a source whose
    /// id a new entity took): a link to that kind names them, not only the winner's kind.
    var shadowed: [String: [(kind: Kind, path: String)]] = [:]
    /// The files under `Content/` that are not entries (`events/2024/chart.png`), for the
    /// relative links of bodies.
    var assets: Set<String> = []

    /// Every entry linked, with the names they resolved against (kept for `relink`); the
    /// uses checked at `today`.
    static func link(
        _ parsed: [ParsedFile], files: [ContentFile], assets: [String], config: SiteConfig, saved: [String: LiveBlock], today: FuzzyDate,
        unlisted: [Entry] = []
    ) -> (KnowledgeBase, [Diagnostic], LinkTables, linked: Int) {
        var linker = Linker(config: config)
        linker.saved = saved
        linker.assets = Set(assets)
        linker.register(files, parsed)
        // Entries of files whose name is no id: their links checked as a duplicate's are.
        linker.duplicates += unlisted
        linker.registerAliases()
        linker.registerChannels()
        linker.linkEntries()
        linker.checkDuplicates()
        linker.checkParentCycles()
        linker.checkSuccessors()
        linker.checkAdviceCycles()
        for block in saved.values { linker.checkBlock(block) }
        let channels = linker.checkChannels()
        var baselines = linker.baselineWarnings(linker.statusChanges)
        // A product a file with errors names may have lost its launch to them (a status value
        // mistyped, a date that does not parse): "a fall from nothing" would send the reader
        // to record an event that is there.
        for (product, paths) in linker.namedByFilesWithErrors(parsed) {
            baselines[product]?.removeAll { $0.message.hasPrefix(Linker.fallFromNothing) && !paths.subtracting([$0.location.path]).isEmpty }
        }
        linker.diagnostics += baselines.values.joined()
        linker.nameUses()
        var kb = KnowledgeBase(
            config: config, entries: linker.entries, edges: linker.edges,
            statusChanges: linker.statusChanges, aliases: linker.aliases, assets: assets)
        kb.savedQueries = saved
        kb.channels = channels
        let tables = LinkTables(
            known: linker.known, aliases: linker.aliases, types: linker.types, declared: linker.declared, saved: saved, config: config,
            baselines: baselines)
        return (
            kb, linker.diagnostics + UseChecks.check(kb, today: today) + VerdictChecks.check(kb, today: today) + FoldChecks.check(kb), tables,
            linker.entries.count
        )
    }

    /// `product, model or model-family`.
    static func either(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    // MARK: - Ids and aliases

    private mutating func register(_ files: [ContentFile], _ parsed: [ParsedFile]) {
        var byPath: [String: Int] = [:]
        for i in parsed.indices where byPath[parsed[i].path] == nil { byPath[parsed[i].path] = i }
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let id = file.id, let kind = file.kind else { continue }
            if let first = known[id] {
                // Of another kind, the file that came first may be the one just added.
                let other = first.kind == kind ? "" : ", \(first.kind.withArticle): ids are shared by every kind; rename one of them"
                diagnostics.append(.error(.top(of: file.path), "duplicate id '\(id)' (already used by \(first.path)\(other))"))
                if first.kind != kind { shadowed[id, default: []].append((kind, file.path)) }
                if let at = byPath[file.path], let entry = parsed[at].entry { duplicates.append(entry) }
                continue
            }
            known[id] = (kind, file.path)
            if let at = byPath[file.path], let entry = parsed[at].entry {
                entries.append(entry)
                if kind == .entity, let type = entry.type { types[id] = type }
            } else {
                unread.insert(id)
            }
        }
    }

    private mutating func registerAliases() {
        // Entities by name: an alias that is another's name takes links written with it.
        var named: [String: String] = [:]
        for entry in entries where entry.kind == .entity { named[entry.title.lowercased()] = named[entry.title.lowercased()] ?? entry.id }
        for i in entries.indices where entries[i].kind == .entity {
            let entry = entries[i]
            for alias in entry.aliases {
                let key = alias.text.lowercased()
                let noun = Linker.aliasNoun(alias, of: entry)
                if let owner = known[key], key != entry.id {
                    // A file copied, not moved, for a new id: the old one is still there.
                    let moved = noun == "former id" && owner.kind == .entity ? "; if the entity moved, remove that file (or 'git mv' it)" : ""
                    diagnostics.append(
                        .error(alias.location, "\(noun) '\(alias.text)' is already the id of \(owner.kind.withArticle) (\(owner.path))\(moved)"))
                } else if let other = aliases[key], other != entry.id {
                    // Said with where the other is written: which of the two is new, a build cannot tell.
                    let there = aliasLocations[key].map { " (\($0))" } ?? ""
                    diagnostics.append(.error(alias.location, "\(noun) '\(alias.text)' is already an alias of '\(other)'\(there)"))
                } else {
                    aliases[key] = entry.id
                    aliasLocations[key] = alias.location
                    aliasTexts.append(alias.text)
                    if let other = named[key], other != entry.id {
                        diagnostics.append(
                            .warning(
                                alias.location,
                                "alias '\(alias.text)' is the name of '\(other)': [[\(alias.text)]] links to '\(entry.id)', not to it"))
                    }
                }
            }
        }
    }

    /// What an alias was written as: a former id, a former name (`renamed`), or an alias.
    static func aliasNoun(_ alias: LocatedText, of entry: Entry) -> String {
        if entry.formerIDs.contains(where: { $0.location == alias.location }) { return "former id" }
        if entry.renames.contains(where: { $0.location == alias.location }) { return "former name" }
        return "alias"
    }

    static let fallFromNothing = "the first recorded availability of"

    /// The entities that files with errors name in their status or their links, resolved,
    /// each with those files; a file that did not parse at all may name any.
    func namedByFilesWithErrors(_ parsed: [ParsedFile]) -> [String: Set<String>] {
        var named: [String: Set<String>] = [:]
        let unreadable = Set(parsed.filter { $0.entry == nil && $0.diagnostics.hasErrors }.map(\.path))
        if !unreadable.isEmpty { for id in known.keys { named[id] = unreadable } }
        for file in parsed where file.diagnostics.hasErrors {
            guard let entry = file.entry else { continue }
            // A status key none of whose axes could be read is looked up for its name alone:
            // what it would have set is said wrong already, and the entity's other warnings stand.
            let texts = entry.status.map(\.entity.text) + entry.references.filter { $0.relation != .setsStatus }.map(\.target)
            for text in texts { if let id = resolve(text) { named[id, default: []].insert(file.path) } }
        }
        return named
    }

    private func resolve(_ target: String) -> String? {
        Names.resolve(target, isID: { known[$0] != nil }, aliases: aliases)
    }

    // MARK: - References

    /// Every registered entry linked. One entry's link reads only the tables registered
    /// before it and appends to the edges, status changes and diagnostics alone, so runs of
    /// entries are linked on all cores, each by a copy of the linker whose lists start
    /// empty, and their lists joined in the entries' order: the lists one pass would make.
    private mutating func linkEntries() {
        let base = self
        let entries = base.entries
        let runs = min(entries.count, ProcessInfo.processInfo.activeProcessorCount * 8)
        let linked = ResultSlots<(edges: [Edge], changes: [StatusChange], diagnostics: [Diagnostic])>(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var part = base
            (part.edges, part.statusChanges, part.diagnostics) = ([], [], [])
            // Each entry passed from the array, not copied itself (`for … in` would).
            for i in (entries.count * run / runs)..<(entries.count * (run + 1) / runs) { part.link(entries[i]) }
            linked[run] = (part.edges, part.statusChanges, part.diagnostics)
        }
        for part in linked.values {
            edges += part.edges
            statusChanges += part.changes
            diagnostics += part.diagnostics
        }
    }

    /// The references of the entries left out as duplicates, checked; their edges dropped.
    private mutating func checkDuplicates() {
        for entry in duplicates {
            var part = self
            (part.edges, part.statusChanges, part.diagnostics) = ([], [], [])
            part.link(entry)
            diagnostics += part.diagnostics
        }
    }

    mutating func link(_ entry: Entry) {
        var involved: Set<String> = []
        for ref in entry.references {
            if ref.relation == .supports || ref.relation == .contradicts, resolve(ref.target) == entry.id {
                diagnostics.append(.error(ref.location, "a claim cannot \(ref.relation == .supports ? "support" : "contradict") itself"))
                continue
            }
            // A successor, a fold or a parent is never the entry itself: not suggested either.
            let notSelf = [.succeededBy, .foldedInto, .parent].contains(ref.relation) ? entry.id : nil
            if let to = target(ref.target, as: ref.relation.targetKind, at: ref.location, except: notSelf) {
                if ref.relation == .uses, let type = types[to], !config.tracks(type) {
                    diagnostics.append(
                        .error(
                            ref.location, "'\(ref.target)' is \(Linker.article(type)); a use names a \(Linker.either(config.trackableTypes))"
                        ))
                    continue
                }
                edges.append(Edge(from: entry.id, ref.relation, to: to, at: ref.location))
                if ref.relation == .involves { involved.insert(to) }
            }
        }
        for link in entry.bodyLinks {
            let relation: Relation = link.style == .wikilink ? .mentions : .cites
            if let to = target(link.target, as: relation.targetKind, at: link.location) {
                edges.append(Edge(from: entry.id, relation, to: to, at: link.location))
            }
        }
        if let publisher = entry.publisher, let to = resolve(publisher.text), known[to]?.kind == .entity {
            edges.append(Edge(from: entry.id, .publishedBy, to: to, at: publisher.location))
        } else {
            warnOfPublisher(entry)
        }
        if !entry.status.isEmpty { linkStatus(of: entry, involved: involved) }
        for block in entry.liveBlocks { checkBlock(block) }
        checkLocalLinks(of: entry)
    }

    /// The warnings `link` gives an entry, given again for one a local link leaves as it
    /// was (its names and the files of `Content/` are as they were, so they still hold).
    mutating func warnAgain(_ entry: Entry) {
        if let publisher = entry.publisher, resolve(publisher.text).map({ known[$0]?.kind == .entity }) != true { warnOfPublisher(entry) }
        checkLocalLinks(of: entry)
    }

    /// A publisher written as an id a letter away from an entity's: most likely the entity, mistyped.
    private mutating func warnOfPublisher(_ entry: Entry) {
        guard let publisher = entry.publisher, IDRule.isValid(publisher.text),
            let near = Suggestion.closest(to: publisher.text, in: entityIDsSorted())
        else { return }
        diagnostics.append(
            .warning(publisher.location, "publisher '\(publisher.text)' names no entity (did you mean '\(near)'?); it is shown as the text written"))
    }

    private mutating func entityIDsSorted() -> [String] {
        if let entityIDs { return entityIDs }
        let ids = known.filter { $0.value.kind == .entity }.keys.sorted()
        entityIDs = ids
        return ids
    }

    /// The relative links and images of a body's HTML (`2024/chart.png`), without their
    /// `#part` or `?query`: what `checkLocalLinks` checks, and what a body edit must leave
    /// as it was to skip the link (`ResidentSite.sameButBody`).
    public static func localLinks(in html: String) -> [String] {
        // Over the bytes, once: every body of the knowledge base passes here at each link
        // (Swift's `contains` and `Regex` cost 0.7 s at 20,000 entries).
        var html = html
        return html.withUTF8 { bytes -> [String] in
            var found: [String] = []
            var i = 0
            let quote = UInt8(ascii: "\"")
            while i + 5 < bytes.count {
                // `="` after `href` or `src`: the value runs to the next quote.
                guard bytes[i] == UInt8(ascii: "="), bytes[i + 1] == quote else {
                    i += 1
                    continue
                }
                let isHref =
                    i >= 4 && bytes[i - 4] == UInt8(ascii: "h") && bytes[i - 3] == UInt8(ascii: "r") && bytes[i - 2] == UInt8(ascii: "e")
                    && bytes[i - 1] == UInt8(ascii: "f")
                let isSrc = i >= 3 && bytes[i - 3] == UInt8(ascii: "s") && bytes[i - 2] == UInt8(ascii: "r") && bytes[i - 1] == UInt8(ascii: "c")
                var end = i + 2
                while end < bytes.count, bytes[end] != quote { end += 1 }
                if isHref || isSrc {
                    // Without its `#part` or `?query`.
                    var stop = i + 2
                    while stop < end, bytes[stop] != UInt8(ascii: "#"), bytes[stop] != UInt8(ascii: "?") { stop += 1 }
                    let url = String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 2)..<stop]), as: UTF8.self)
                    if !url.isEmpty, MarkdownRenderer.isRelativePath(url) { found.append(url) }
                }
                i = end + 1
            }
            return found
        }
    }

    /// A relative link or image of a body (relative to its page, `events/x.html`) must
    /// find a file of `Content/` or a page: a warning where it is written otherwise, as the
    /// page would show a dead link.
    private mutating func checkLocalLinks(of entry: Entry) {
        for link in entry.localLinks {
            // Quoted as written: `a b.png`, not the page's `a%20b.png`.
            let url = link.text.removingPercentEncoding ?? link.text
            var parts = entry.kind.folder.split(separator: "/").map(String.init)
            var outside = false
            for part in url.split(separator: "/") {
                if part == ".." {
                    if parts.popLast() == nil {
                        outside = true
                        break
                    }
                } else if part != "." {
                    parts.append(String(part))
                }
            }
            if outside {
                diagnostics.append(
                    .warning(link.location, "'\(url)' links outside Content/, which the site does not publish: the page would show a dead link"))
                continue
            }
            let path = parts.joined(separator: "/")
            if assets.contains(path) { continue }
            // A page written by hand: `../entities/meta.html`.
            if path.hasSuffix(".html"), let folder = parts.first, let id = parts.last.map({ String($0.dropLast(5)) }),
                let kind = known[id]?.kind, kind.folder == folder, parts.count == 2
            {
                continue
            }
            diagnostics.append(.warning(link.location, "'\(url)' links to no file (Content/\(path) is not there): the page would show a dead link"))
        }
    }

    /// What a block names must exist: the entity of `--entity`, the query of `saved`.
    private mutating func checkBlock(_ block: LiveBlock) {
        guard case (let command?, _) = BlockGrammar.read(block.tokens, at: block.location) else { return }
        if let entity = command.options["--entity"] { _ = target(entity.text, as: .entity, at: entity.location) }
        // A team no use names, found with every other problem (the block would fail alone, later).
        if command.name == "exposure", let team = command.options["--team"] {
            let teams = Array(Set(entries.compactMap { $0.use?.team })).sorted()
            if !teams.contains(team.text) {
                diagnostics.append(
                    .error(
                        team.location,
                        "unknown team '\(team.text)'\(Suggestion.hint(for: team.text, in: teams))"
                            + (teams.isEmpty ? " (no use names a team)" : "; teams are \(teams.joined(separator: ", "))")))
            }
        }
        if command.name == "saved", let name = command.arguments.first, saved[name.text] == nil {
            let names = saved.keys.sorted()
            diagnostics.append(
                .error(
                    name.location,
                    "unknown saved query '\(name.text)'\(Suggestion.hint(for: name.text, in: names))"
                        + (names.isEmpty ? " (\(SavedQueriesLoader.path) names none)" : "; saved queries are \(names.joined(separator: ", "))")))
        }
    }

    /// The id of the one entry of `kind` whose name (title) is `written`, ignoring case;
    /// the names are indexed at the first reference that needs them.
    private mutating func named(_ written: String, kind: Kind?, except: String?) -> String? {
        if titleIndex == nil {
            var index: [String: [(id: String, kind: Kind)]] = [:]
            for entry in entries { index[entry.title.lowercased(), default: []].append((entry.id, entry.kind)) }
            titleIndex = index
        }
        let matches = (titleIndex?[written.lowercased()] ?? []).filter { (kind == nil || $0.kind == kind) && $0.id != except }
        return matches.count == 1 ? matches[0].id : nil
    }

    /// The id a reference names, if it exists and has the expected kind; else a diagnostic.
    private mutating func target(_ written: String, as kind: Kind?, at location: SourceLocation, except: String? = nil) -> String? {
        guard let id = resolve(written) else {
            let noun = kind?.rawValue ?? "entry"
            let ids = known.filter { (kind == nil || $0.value.kind == kind) && $0.key != except }.map(\.key)
            // A name written where an id goes: the id of what has that name.
            if let named = named(written, kind: kind, except: except) {
                diagnostics.append(.error(location, "unknown \(noun) '\(written)' (did you mean '\(named)', whose name it is?)"))
                return nil
            }
            let suggestion = Suggestion.closest(to: written, preferring: ids, then: kind == nil || kind == .entity ? aliasTexts : [])
            // `a - b`: YAML read a list item indented under the one before as its text.
            let merged = suggestion == nil && written.contains(" - ") ? " (two list items read as one: put each '- ' at the same indentation)" : ""
            diagnostics.append(.error(location, "unknown \(noun) '\(written)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? merged)"))
            return nil
        }
        if let kind, let actual = known[id]?.kind, actual != kind {
            let left = shadowed[id]?.first { $0.kind == kind }.map {
                " (\($0.path) is \(kind.withArticle) with that id, left out as a duplicate of \(known[id]?.path ?? id): rename one of them)"
            }
            diagnostics.append(.error(location, "'\(written)' is \(actual.withArticle), not \(kind.withArticle)\(left ?? "")"))
            return nil
        }
        return id
    }

    /// Without a date (one that did not parse, an error of its own) the settings are still
    /// checked, all problems in one run, and make no change.
    private mutating func linkStatus(of event: Entry, involved: Set<String>) {
        let date = event.date
        var added: Set<String> = []
        for setting in event.status {
            guard let id = target(setting.entity.text, as: .entity, at: setting.entity.location) else { continue }
            if let type = types[id], !config.tracks(type) {
                diagnostics.append(
                    .error(
                        setting.entity.location,
                        "'\(setting.entity.text)' is \(Linker.article(type)); a status can only be set on \(config.trackableTypes.joined(separator: ", "))"
                    ))
                continue
            }
            var value = setting.value
            if setting.axis == .successors {
                guard let ids = successorAdvice(setting, of: id) else { continue }
                value = ids.isEmpty ? "none" : ids.joined(separator: " ")
            }
            // A channel that names an entity (`azure-openai`) is that entity: it is written
            // as its id, and the event involves it.
            let channelEntity = setting.channel.flatMap(channelEntity)
            let channel = channelEntity ?? setting.channel
            if let name = channel, !checkDeclared(name, of: id, at: setting.channelLocation ?? setting.location) { continue }
            if let entity = channelEntity {
                if !involved.contains(entity), added.insert("channel " + entity).inserted {
                    edges.append(Edge(from: event.id, .involves, to: entity, at: setting.location))
                }
            }
            guard let date else { continue }
            var change = StatusChange(
                event: event.id, entity: id, axis: setting.axis, channel: channel, value: value, date: date, location: setting.location)
            change.announced = setting.announced.flatMap { try? FuzzyDate(parsing: $0) }
            statusChanges.append(change)
            if added.insert(id).inserted {
                edges.append(Edge(from: event.id, .setsStatus, to: id, at: setting.entity.location))
                // An entity named in `status` is involved in the event even if `entities` omits it.
                if !involved.contains(id) {
                    edges.append(Edge(from: event.id, .involves, to: id, at: setting.entity.location))
                }
            }
        }
    }

    /// The ids a dated `successors` advice names, each a trackable entity other than the
    /// product itself; nil when one is wrong (each problem reported at its id).
    private mutating func successorAdvice(_ setting: StatusSetting, of product: String) -> [String]? {
        var ids: [String] = []
        var wrong = false
        for written in setting.targets {
            guard let id = target(written.text, as: .entity, at: written.location) else {
                wrong = true
                continue
            }
            if let type = types[id], !config.tracks(type) {
                diagnostics.append(
                    .error(
                        written.location, "successors link \(config.trackableTypes.joined(separator: ", ")) only; '\(id)' is \(Linker.article(type))")
                )
                wrong = true
            } else if id == product {
                diagnostics.append(.error(written.location, "'\(written.text)' cannot succeed itself"))
                wrong = true
            } else if !ids.contains(id) {
                ids.append(id)
            }
        }
        return wrong ? nil : ids
    }

    /// The entity a channel's name stands for, when it names one.
    private func channelEntity(_ name: String) -> String? {
        guard let entity = resolve(name), known[entity]?.kind == .entity else { return nil }
        return entity
    }

    // MARK: - Channels

    private mutating func registerChannels() {
        for i in entries.indices where entries[i].kind == .entity {
            // An empty list (`channels: []`, or every item refused) declares nothing: the
            // product has the channels its events name (it said "its channels are " and nothing).
            guard let list = entries[i].channels, !list.isEmpty else { continue }
            declared[entries[i].id] = list.map { channelEntity($0.text) ?? $0.text }
        }
    }

    /// A product that declares channels names no other: an error at the channel that lists them.
    private mutating func checkDeclared(_ channel: String, of entity: String, at location: SourceLocation) -> Bool {
        guard let list = declared[entity], !list.contains(channel) else { return true }
        diagnostics.append(
            .error(
                location,
                "channel '\(channel)' is not declared by '\(entity)'\(Suggestion.hint(for: channel, in: list)); its channels are \(list.joined(separator: ", "))"
            ))
        return false
    }

    /// Every product's channels: declared ones, and those its events name. One whose
    /// events name channels it does not declare is told the declaration to add.
    mutating func checkChannels() -> [String: [String]] {
        let channels = StatusTimeline.channels(declared: declared, changes: statusChanges)
        // Not for a product whose file did not parse: it may declare them already.
        for (id, named) in channels.sorted(by: { $0.key < $1.key }) where declared[id] == nil && !unread.contains(id) {
            guard let path = known[id]?.path else { continue }
            let list = named.joined(separator: ", ")
            diagnostics.append(
                .warning(.top(of: path), "the events of '\(id)' name the channels \(list); declare them on the product: 'channels: [\(list)]'"))
            nearMisses(of: id, among: named)
        }
        return channels
    }

    /// A channel of an undeclared product one edit from another (`vendor-eus` beside
    /// `vendor-esu`) is most likely that one mistyped, and a channel of its own otherwise:
    /// said where the rarer (or later) of the two is written.
    private mutating func nearMisses(of id: String, among named: [String]) {
        let changes = statusChanges.filter { $0.entity == id && $0.channel != nil }
        let uses = Dictionary(grouping: changes, by: { $0.channel! })
        func rarer(_ a: String, _ b: String) -> Bool {
            let (x, y) = (uses[a] ?? [], uses[b] ?? [])
            if x.count != y.count { return x.count < y.count }
            return (x.map(\.date.startKey).min() ?? 0, a) > (y.map(\.date.startKey).min() ?? 0, b)
        }
        for channel in named where channel.count >= 5 {
            guard
                let other = named.first(where: {
                    $0 != channel && $0.count >= 5 && Suggestion.editDistance($0, channel) == 1 && rarer(channel, $0)
                }), let first = uses[channel]?.first
            else { continue }
            diagnostics.append(
                .warning(
                    first.location,
                    "channel '\(channel)' of '\(id)' is one letter from '\(other)' (did you mean '\(other)'?); "
                        + "'\(id)' declares no channels, so each name is a channel of its own"))
        }
    }

    /// The warnings, by product, for the products of `changes` (all of each one's) whose
    /// first recorded availability is already a fall (a closure recorded without its
    /// launch): such a product would score as if nothing fell, so the author is told what
    /// to record; and for each cancellation that cancels an end already come.
    func baselineWarnings(_ changes: [StatusChange]) -> [String: [Diagnostic]] {
        // Each product's availability, ends and closures in order, read by both checks.
        let scheduled = Dictionary(
            grouping: StatusTimeline.ordered(changes.filter { $0.axis != .priority && $0.axis != .successors }), by: \.entity)
        var warnings = lateCancellations(scheduled).merging(endsAfterGone(scheduled)) { $0 + $1 }
        let scale = config.availabilityScale
        guard let usable = scale.firstIndex(of: "generally-available") ?? scale.indices.first else { return warnings }
        let ordered = StatusTimeline.ordered(changes.filter { $0.axis == .availability })
        for list in Dictionary(grouping: ordered, by: \.entity).values {
            // The first day's changes happen together: where the day ends is what was first
            // recorded (a launch the same day as a closure is no fall from nothing).
            let firstDay = list.prefix { $0.date.startKey == list[0].date.startKey }
            var last: [String: StatusChange] = [:]
            for change in firstDay {
                if change.channel == nil { last = [:] }
                last[change.channel ?? "*"] = change
            }
            guard
                let change = last.sorted(by: { $0.key < $1.key }).map(\.value).min(by: {
                    (scale.firstIndex(of: $0.value) ?? .max) < (scale.firstIndex(of: $1.value) ?? .max)
                }),
                let rank = scale.firstIndex(of: change.value), rank > scale.count - 4, rank > usable
            else { continue }
            warnings[change.entity, default: []].append(
                .warning(
                    change.location,
                    "\(Linker.fallFromNothing) '\(change.entity)' is '\(change.value)', a fall from nothing: record the event that made it available (its launch) so that the fall counts in its risk"
                ))
        }
        return warnings
    }

    /// `ends: none` (or `closes: none`) dated no earlier than the end it would cancel comes
    /// after it: the end came at the start of its day and stands, so the cancellation
    /// cancels nothing (`EndSchedule.resolve`, as the status reads it). Said, not left to
    /// read as a cancellation on one page and as nothing in `vane changes`.
    func lateCancellations(_ scheduled: [String: [StatusChange]]) -> [String: [Diagnostic]] {
        let scales = StatusScales(config)
        var warnings: [String: [Diagnostic]] = [:]
        for list in scheduled.values {
            for (change, came, metBy) in EndSchedule.resolve(list, scales: scales).void {
                let what = change.axis == .ends ? "end" : "closure"
                let why = metBy.map { "was met by \($0) before this" } ?? "came at the start of that day, before this"
                warnings[change.entity, default: []].append(
                    .warning(
                        change.location,
                        "'\(change.axis.rawValue): none' cancels nothing: the \(what) announced for \(came.display) \(why) (date the cancellation earlier if it came first)"
                    ))
            }
        }
        return warnings
    }

    /// An end or closure announced once the product (or the channel) was already gone, in
    /// an earlier period than the announcement (retired by an event, or by an end that
    /// came): nothing counts it down (the boards list what is still usable), so it is said
    /// where it is written rather than dropped in silence. A product made available again
    /// may be given a new end.
    func endsAfterGone(_ scheduled: [String: [StatusChange]]) -> [String: [Diagnostic]] {
        let scales = StatusScales(config)
        var warnings: [String: [Diagnostic]] = [:]
        for list in scheduled.values {
            // Most products have no end: nothing to replay.
            guard list.contains(where: { $0.axis != .availability }) else { continue }
            var state = GoneState()
            for change in list {
                state.settle(before: change.date)
                switch change.axis {
                case .availability:
                    let gone =
                        scales.isGone(change.value) ? GoneState.Gone(date: change.date, event: change.event, ended: false, value: change.value) : nil
                    state.set(change.channel, gone)
                case .closes: break
                default: state.announce(change)
                }
                // An end comes at the start of its day: an announcement made that day comes
                // after it (as a cancellation does), unless it restates that very end.
                guard change.axis != .availability, change.value != "none", let gone = state.gone(change.channel),
                    gone.ended
                        ? gone.date.startKey <= change.date.startKey && (try? FuzzyDate(parsing: change.value)) != gone.date
                        : gone.date.endKey < change.date.startKey
                else { continue }
                let what = change.channel.map { "'\(change.entity)' (\($0))" } ?? "'\(change.entity)'"
                let was = gone.ended ? "had already ended (\(gone.date.display), announced by" : "was already \(gone.value) (\(gone.date.display), by"
                let kind = change.axis == .ends ? "an end" : "a closure"
                let sameDay = gone.ended && gone.date.endKey >= change.date.startKey
                let hint =
                    sameDay
                    ? "the end came at the start of that day, before this: date this earlier if it came first"
                    : "record its return first if it came back"
                warnings[change.entity, default: []].append(
                    .warning(
                        change.location, "\(what) \(was) \(gone.event)): \(kind) announced after that counts nothing down (\(hint))"))
            }
        }
        return warnings
    }

    /// A use written without a title is named after what it uses: `Django 4.2 (billing)`.
    private mutating func nameUses() {
        var names: [String: String] = [:]
        for i in entries.indices where entries[i].kind == .entity { names[entries[i].id] = names[entries[i].id] ?? entries[i].title }
        KnowledgeBase.nameUses(&entries, names: names, edges: edges)
    }

    // MARK: - Successors

    /// `successors` link products, models and model families to what replaces them, and
    /// never in a circle.
    private mutating func checkSuccessors() {
        var kept: [String: [Edge]] = [:]
        var refused = false
        for edge in edges.only({ $0 == .succeededBy || $0 == .foldedInto }) {
            if let problem = [edge.from, edge.to].first(where: { types[$0].map { !config.tracks($0) } ?? false }) {
                let what =
                    problem == edge.from
                    ? "'\(edge.from)' is \(Linker.article(types[problem]!))" : "'\(edge.to)' is \(Linker.article(types[problem]!))"
                let allowed = config.trackableTypes.joined(separator: ", ")
                let subject = edge.relation == .foldedInto ? "folded_into links" : "successors link"
                diagnostics.append(.error(edge.location, "\(subject) \(allowed) only; \(what)"))
                refused = true
                continue
            }
            kept[edge.from, default: []].append(edge)
        }
        var reported: Set<String> = []
        // Each cycle found leaves the search without the edge it is said at, so a second
        // cycle through the same entity is found in the same run (it waited for a fix).
        var open = kept
        for start in kept.keys.sorted() {
            while let cycle = Linker.cycle(from: start, next: { (open[$0] ?? []).map(\.to) }) {
                reported.formUnion(cycle)
                let text = (cycle + [cycle[0]]).joined(separator: " → ")
                let steps = cycle.indices.compactMap { i in open[cycle[i]]?.first { $0.to == cycle[(i + 1) % cycle.count] } }
                // Named for the fields written: a circle of `folded_into` alone is a fold cycle.
                let kind =
                    steps.allSatisfy { $0.relation == .foldedInto }
                    ? "fold cycle (folded_into)" : steps.contains { $0.relation == .foldedInto } ? "successor and fold cycle" : "successor cycle"
                diagnostics.append(.error(steps[0].location, "\(kind): \(text)"))
                open[cycle[0]]?.removeAll { $0.to == steps[0].to && $0.relation == steps[0].relation }
            }
        }
        // Only when there is something to remove: the pass copies every edge of the graph.
        guard refused || !reported.isEmpty else { return }
        edges.removeAll {
            ($0.relation == .succeededBy || $0.relation == .foldedInto) && (kept[$0.from]?.contains($0) != true || reported.contains($0.from))
        }
    }

    /// Dated advice that closes a circle with what the products' successors are on its day
    /// (`a → b`, then `b → a`): an error at the advice that closes it, as a circle of
    /// `successors` is (every view led from the product back to itself).
    private mutating func checkAdviceCycles() {
        let advice = statusChanges.filter { $0.axis == .successors }
        guard !advice.isEmpty else { return }
        let (own, folds) = StatusBoard.successors(edges)
        var current = own
        var reported: Set<String> = []
        for change in StatusTimeline.ordered(advice) {
            let kept = (own[change.entity] ?? []).filter { (folds[change.entity] ?? []).contains($0) }
            current[change.entity] = StatusBoard.advised(change.value, keeping: kept)
            guard let cycle = Linker.cycle(from: change.entity, next: { current[$0] ?? [] }),
                reported.insert(cycle.joined(separator: " ")).inserted
            else { continue }
            diagnostics.append(
                .error(
                    change.location,
                    "successor cycle from \(change.date.display), by dated advice: \((cycle + [cycle[0]]).joined(separator: " → "))"))
        }
    }

    /// A cycle reachable from `start` (depth first, neighbours in order), rotated to begin
    /// at its smallest id; nil when there is none.
    static func cycle(from start: String, next: (String) -> [String]) -> [String]? {
        var path: [String] = []
        var onPath: Set<String> = []
        var done: Set<String> = []
        func visit(_ node: String) -> [String]? {
            if onPath.contains(node) {
                let loop = Array(path[path.firstIndex(of: node)!...])
                let first = loop.firstIndex(of: loop.min()!)!
                return Array(loop[first...] + loop[..<first])
            }
            guard done.insert(node).inserted else { return nil }
            path.append(node)
            onPath.insert(node)
            defer {
                path.removeLast()
                onPath.remove(node)
            }
            for n in next(node) { if let found = visit(n) { return found } }
            return nil
        }
        return visit(start)
    }

    // MARK: - Parents

    private mutating func checkParentCycles() {
        let parentEdges = edges.only { $0 == .parent }
        let parent = Dictionary(parentEdges.map { ($0.from, $0) }, uniquingKeysWith: { a, _ in a })
        var reported: Set<String> = []
        for start in parent.keys.sorted() where !reported.contains(start) {
            var path: [String] = [start]
            var current = start
            while let next = parent[current]?.to {
                if let loopStart = path.firstIndex(of: next) {
                    let cycle = Array(path[loopStart...])
                    if cycle.allSatisfy({ !reported.contains($0) }) {
                        reported.formUnion(cycle)
                        let first = cycle.min()!
                        let rotated = Array(cycle[cycle.firstIndex(of: first)!...] + cycle[..<cycle.firstIndex(of: first)!])
                        let text = (rotated + [first]).joined(separator: " → ")
                        diagnostics.append(.error(parent[first]!.location, "parent cycle: \(text)"))
                    }
                    break
                }
                path.append(next)
                current = next
            }
        }
        if !reported.isEmpty {
            edges.removeAll { $0.relation == .parent && reported.contains($0.from) }
        }
    }
}

extension Linker {
    /// "a product", "an org": a type named in a message.
    static func article(_ type: String) -> String {
        ("aeiou".contains(type.first ?? "x") ? "an " : "a ") + type
    }
}

/// Whether a product, or one of its channels, is gone as its changes are replayed in
/// order (`Linker.endsAfterGone`): retired by an event, or by an announced end whose day
/// has come; a whole-product change speaks for every channel.
struct GoneState {
    struct Gone { var date: FuzzyDate, event: String, ended: Bool, value: String = "" }
    private var whole: Gone?
    private var channels: [String: Gone?] = [:]
    private var pending: [String: (change: StatusChange, day: FuzzyDate)] = [:]
    private var calledOff: Set<String> = []
    private static let wholeKey = ""

    func gone(_ channel: String?) -> Gone? {
        guard let channel else { return channels.values.contains { $0 == nil } ? nil : whole }
        return channels[channel] ?? whole
    }

    mutating func set(_ channel: String?, _ gone: Gone?) {
        guard let channel else {
            (whole, channels) = (gone, [:])
            return
        }
        channels[channel] = .some(gone)
    }

    /// An end announced (or called off) replaces the one pending for its channel; a whole
    /// product's replaces every channel's.
    mutating func announce(_ change: StatusChange) {
        if change.channel == nil { (pending, calledOff) = ([:], []) }
        // `ends: { china: none }` under a whole product's end still ahead: the channel outlives it.
        if let channel = change.channel, change.value == "none", pending[Self.wholeKey] != nil { calledOff.insert(channel) }
        pending[change.channel ?? Self.wholeKey] = (try? FuzzyDate(parsing: change.value)).map { (change, $0) }
    }

    /// The ends whose day has come by `date` take effect, in their order.
    mutating func settle(before date: FuzzyDate) {
        guard !pending.isEmpty else { return }
        let due = pending.compactMap { key, end -> (String, StatusChange, FuzzyDate)? in
            end.day.startKey <= date.startKey ? (key, end.change, end.day) : nil
        }.sorted { $0.2.startKey < $1.2.startKey }
        for (key, change, day) in due {
            pending[key] = nil
            // Gone already: an end announced since counted nothing down, and the product
            // is gone from the first end (or retirement), not from this one.
            if gone(key == Self.wholeKey ? nil : key) != nil { continue }
            let gone = Gone(date: day, event: change.event, ended: true)
            guard key == Self.wholeKey else {
                set(key, gone)
                continue
            }
            // A channel with an end of its own still ahead outlives the product's, and so
            // does one the product's end was called off for.
            let outliving = Set(pending.keys).union(calledOff).map { ($0, channels[$0] ?? .some(nil)) }
            set(nil, gone)
            for (channel, state) in outliving { channels[channel] = state }
        }
    }
}
