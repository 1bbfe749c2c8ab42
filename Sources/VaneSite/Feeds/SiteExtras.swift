import Foundation
import VaneContent
import VaneDiagnostics

/// Everything besides the pages: Atom and iCalendar feeds (whole site and per entity),
/// the JSON API, `sitemap.xml` (when the base URL is known), `robots.txt`, and the
/// scripts with the search index and the timeline's entity names.
struct SiteExtras {
    let model: SiteModel
    let fingerprints: PageFingerprints
    /// Fingerprints of the event pages, which cover everything an event's feed entry shows.
    let eventPages: [String: UInt64]

    /// The newest entries of an Atom feed; a calendar keeps every event.
    static let atomLimit = 50
    /// The search index is split in shards, so one edited body rewrites one shard.
    static let searchShards = 16

    static func shard(of id: String) -> Int { Int(StableHash.of(id) % UInt64(searchShards)) }

    /// Whether one of these files may be at `path`, told by its name alone (the list of them
    /// fingerprints the whole site): a feed, a calendar, a search shard, the JSON of `api/`,
    /// `robots.txt`, a sitemap, the timeline's names. Where a file of `Content/` is there, a
    /// build refuses it, or copies it when the site has no such file after all.
    static func mayBeAt(_ path: String) -> Bool {
        func file(under folder: String, ending: [String]) -> Bool {
            path.hasPrefix(folder) && !path.dropFirst(folder.count).contains("/") && ending.contains(where: path.hasSuffix)
        }
        return ["robots.txt", "timeline-names.js", "api/v1/graph.json"].contains(path)
            || file(under: "", ending: [".xml"]) && path.hasPrefix("sitemap")
            || file(under: "feeds/", ending: [".atom", ".ics"]) || file(under: "feeds/entities/", ending: [".atom", ".ics"])
            || file(under: "api/v1/entities/", ending: [".json"]) || file(under: "search/", ending: [".js"])
    }

    func files(pages: [String]) -> [OutputFile] {
        var files: [OutputFile] = []
        let model = self.model
        let events = model.memo.value("events newest first") { model.newestFirst(model.kb.entries(of: .event)) }
        let title = model.kb.config.title
        let global = fingerprints.global
        // Every file shows something of the settings (the site's title, its address).
        @Sendable func fingerprint(_ path: String, _ parts: [UInt64]) -> UInt64 {
            var h = StableHash()
            h.add(global)
            h.add(path)
            for p in parts { h.add(p) }
            return h.value
        }
        // A feed, like the home page's "Latest", holds what has happened by the as-of day: an
        // end of active support scheduled for 2033 is not news yet (calendars hold it).
        let happened = Array(events.lazy.filter(model.hasHappened).prefix(SiteExtras.atomLimit))
        // An empty feed is dated the site's day (`AtomFeed`), as an entity's is.
        let eventParts = happened.isEmpty ? [StableHash.of(model.board.asOf.text)] : happened.map { eventPages["events/\($0.id).html"] ?? 0 }
        files.append(
            OutputFile(path: "feeds/events.atom", fingerprint: fingerprint("feeds/events.atom", eventParts)) {
                AtomFeed(model: model, title: "\(title): events", path: "feeds/events.atom", events: happened).traced
            })
        // Reports show their blocks, which may read anything: the feed follows everything. A
        // report dated after the as-of day is not news yet either.
        let reports = Array(model.newestFirst(model.kb.entries(of: .report)).lazy.filter(model.hasHappened).prefix(SiteExtras.atomLimit))
        files.append(
            OutputFile(
                path: "feeds/reports.atom",
                fingerprint: fingerprint(
                    "feeds/reports.atom",
                    [fingerprints.everything, fingerprints.blocks] + reports.map { StableHash.of($0.bodyHTML) }
                        + (reports.isEmpty ? [StableHash.of(model.board.asOf.text)] : []))
            ) {
                AtomFeed(model: model, title: "\(title): reports", path: "feeds/reports.atom", events: reports).traced
            })
        if let history = model.history {
            files.append(
                OutputFile(path: ChangesFeed.path, fingerprint: fingerprint(ChangesFeed.path, [fingerprints.everything])) {
                    Data(ChangesFeed(model: model, history: history).xml.utf8)
                })
        }
        // Of each event its own fields alone (date, span, title, type, address), as an entity's
        // calendar: it follows the events' files (renaming an entity built it again, to the
        // same bytes), and the day when an item is ahead of it (stamped with that day).
        let calendarParts =
            events.map { StableHash.of($0.id, fingerprints.fileHash($0.id) ?? "") }
            + (events.contains { ($0.date?.startKey ?? 0) > model.board.asOf.endKey } ? [StableHash.of(model.board.asOf.text)] : [])
        files.append(
            OutputFile(path: "feeds/events.ics", fingerprint: fingerprint("feeds/events.ics", calendarParts)) {
                Data(CalendarFeed(model: model, name: "\(title): events", events: events).text.utf8)
            })
        // Every product's ends in the board's order, as they are worded: an event added that
        // announces none leaves it as it is.
        let byEntity = SiteExtras.endItems(model)
        let endItems = model.board.rows.flatMap { byEntity[$0.entity] ?? [] }
        files.append(
            OutputFile(
                path: "feeds/ends.ics",
                fingerprint: fingerprint("feeds/ends.ics", endItems.map(SiteExtras.words) + [StableHash.of(model.board.asOf.text)])
            ) {
                // RFC 5545 stamps a file with when it was made. The day the site is as of (today,
                // or the last day of --as-of) at 00:00:00Z says that and keeps the file the same,
                // byte for byte, in a full and an incremental build of one day; the fingerprint
                // holds the as-of date, so the next day's build rewrites it.
                Data(CalendarFeed(model: model, name: "\(title): announced ends", items: endItems, stamp: model.board.asOf).text.utf8)
            })
        // The ends of what we use, for a team's calendar, once the knowledge base records uses.
        let used = model.usedProducts
        if !used.isEmpty {
            files.append(
                OutputFile(path: "feeds/exposure.ics", fingerprint: fingerprint("feeds/exposure.ics", [fingerprints.everything])) {
                    // A product used through one channel alone: that channel's ends and the
                    // whole product's, not another channel's (as the exposure board reads it).
                    let channels = model.usedChannels
                    let ends = model.board.rows.filter { used.contains($0.entity) }.flatMap(\.status.ends).filter { end in
                        guard let only = channels[end.entity] else { return true }
                        return only.contains { end.covers($0) }
                    }
                    let items = CalendarFeed.items(ends: ends, model: model)
                    return Data(CalendarFeed(model: model, name: "\(title): ends of what we use", items: items, stamp: model.board.asOf).text.utf8)
                })
        }
        let api = GraphAPI(model: model)
        // The graph's JSON shows every field of every entry (its data and tags too).
        files.append(
            OutputFile(path: "api/v1/graph.json", fingerprint: fingerprint("api/v1/graph.json", [fingerprints.everything, fingerprints.files])) {
                api.graph
            })
        let rank = Dictionary(events.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Each entity's feeds and API file ask the edge indexes for its tree: on all cores.
        let entities = model.kb.entries(of: .entity)
        let perEntity = ResultSlots<[OutputFile]>(count: entities.count)
        DispatchQueue.concurrentPerform(iterations: entities.count) { i in
            perEntity[i] = entityFiles(entities[i], events: events, rank: rank, api: api, fingerprint: fingerprint)
        }
        files += perEntity.values.flatMap { $0 }
        let base = model.kb.config.baseURL
        let everything = [fingerprints.everything, StableHash.of(pages.sorted().joined(separator: "\n"))]
        // The settings alone (its sitemap's address), which every file's fingerprint holds.
        files.append(
            OutputFile(path: "robots.txt", fingerprint: fingerprint("robots.txt", [])) {
                Data(("User-agent: *\nAllow: /\n" + (base.isEmpty ? "" : "Sitemap: \(base)sitemap.xml\n")).utf8)
            })
        if !base.isEmpty {
            let listed = pages.sorted().filter { $0 != "404.html" }
            files += SiteExtras.sitemaps(base: base, pages: listed).map { sitemap in
                OutputFile(path: sitemap.path, fingerprint: fingerprint(sitemap.path, everything)) { Data(sitemap.text().utf8) }
            }
        }
        files.append(
            OutputFile(path: "timeline-names.js", fingerprint: fingerprint("timeline-names.js", [fingerprints.entities])) {
                let names = Dictionary(model.kb.entries(of: .entity).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
                return Data("window.VANE_ENTITY_NAMES = \(ScriptJSON.encode(names));\n".utf8)
            })
        files += searchIndex()
        return files
    }

    /// Each product's announced ends as calendars show them, made once a build.
    static func endItems(_ model: SiteModel) -> [String: [CalendarFeed.Item]] {
        model.memo.value("calendar items of ends") {
            model.board.rows.reduce(into: [String: [CalendarFeed.Item]]()) { $0[$1.entity] = CalendarFeed.items(ends: $1.status.ends, model: model) }
        }
    }

    /// What a calendar item shows, hashed.
    static func words(_ item: CalendarFeed.Item) -> UInt64 {
        StableHash.of(item.uid, item.date.text, item.last?.text ?? "", item.title, item.description, item.page, item.category ?? "")
    }

    /// An entity's Atom and iCalendar feeds, its API file, and what stays at its former ids.
    private func entityFiles(
        _ entity: Entry, events: [Entry], rank: [String: Int], api: GraphAPI, fingerprint: @Sendable (String, [UInt64]) -> UInt64
    ) -> [OutputFile] {
        var files: [OutputFile] = []
        let model = self.model
        let title = model.kb.config.title
        let tree = model.tree(of: entity.id)
        // Events reach an entity through its incoming `involves` edges: no scan of all events.
        let own = model.treeEvents(tree).compactMap { rank[$0] }.sorted().map { events[$0] }
        let claims = Set(tree.flatMap { model.sources(to: $0, .about, .claimedBy) }).sorted()
        let treeParts = tree.sorted().map { fingerprints.summary($0) }
        let path = "feeds/entities/\(entity.id)"
        let newest = Array(own.lazy.filter(model.hasHappened).prefix(SiteExtras.atomLimit))
        // An empty feed is dated the site's day (`AtomFeed`).
        let ownParts = newest.isEmpty ? [StableHash.of(model.board.asOf.text)] : newest.map { eventPages["events/\($0.id).html"] ?? 0 }
        let atom = { AtomFeed(model: model, title: "\(title): \(entity.title)", path: path + ".atom", events: newest).traced }
        // The calendar shows of each event its own fields alone (date, span, title, type,
        // address), not the names its page shows: it follows the events' files, so renaming
        // an entity they involve leaves it as it is.
        // With the announced ends of what is in it, as `feeds/ends.ics` has them: a product's
        // own calendar held its events and never its end of life.
        // Each product's made once a build, not once for each entity above it.
        let itemsByEntity = SiteExtras.endItems(model)
        let endItems = tree.sorted().flatMap { itemsByEntity[$0] ?? [] }
        let calendarParts =
            [fingerprints.summary(entity.id)] + own.map { StableHash.of($0.id, fingerprints.fileHash($0.id) ?? "") }
            + endItems.map(SiteExtras.words)
            // An item ahead of the site's day is stamped with that day (`CalendarFeed`).
            + (own.contains { ($0.date?.startKey ?? 0) > model.board.asOf.endKey } || endItems.contains { $0.date.startKey > model.board.asOf.endKey }
                ? [StableHash.of(model.board.asOf.text)] : [])
        let calendar = {
            Data(CalendarFeed(model: model, name: "\(title): \(entity.title)", items: CalendarFeed.items(events: own) + endItems).text.utf8)
        }
        let statusParts =
            (model.changesByEntity[entity.id] ?? []).map(StableHash.of)
            + [StableHash.of(model.board.successors(of: entity.id).joined(separator: " "))]
        // An entity's JSON shows every field of the entries in it, beyond their summaries.
        let shown = tree.sorted() + own.map(\.id) + claims
        let apiParts =
            treeParts + own.map { fingerprints.summary($0.id) } + claims.map { fingerprints.summary($0) } + statusParts + [
                StableHash.of(model.board.asOf.text)
            ] + shown.map { StableHash.of($0, fingerprints.fileHash($0) ?? "") } + api.treeEnds(tree).map(GraphAPI.words)
        let json = { api.entity(entity, tree: tree, events: own) }
        // At its id and at each id it had before: the feeds again (an Atom feed's self link is
        // the new one, so readers move; a calendar application follows none) and the API file
        // (a client asked for the old address), beside a page that points to the new one, and
        // for a vendor its board's (`status/OLD.html` was gone while its page stayed).
        let summary = fingerprints.summary(entity.id)
        for id in [entity.id] + entity.formerIDs.map(\.text) {
            let (feed, file) = ("feeds/entities/\(id)", "api/v1/entities/\(id).json")
            files.append(OutputFile(path: feed + ".atom", fingerprint: fingerprint(feed + ".atom", treeParts + ownParts), make: atom))
            files.append(OutputFile(path: feed + ".ics", fingerprint: fingerprint(feed + ".ics", calendarParts), make: calendar))
            files.append(OutputFile(path: file, fingerprint: fingerprint(file, apiParts), make: json))
            guard id != entity.id else { continue }
            for folder in ["entities"] + (model.vendors.contains(entity.id) ? ["status"] : []) {
                let moved = "\(folder)/\(id).html"
                files.append(
                    OutputFile(path: moved, fingerprint: fingerprint(moved, [summary])) {
                        Data(SiteExtras.moved(from: id, to: entity, baseURL: model.kb.config.baseURL, folder: folder).utf8)
                    })
            }
        }
        return files
    }

    /// Title, kind, type, date, aliases and body text of every entry, for `assets/search.js`, in shards
    /// that each add to `window.VANE_SEARCH`.
    private func searchIndex() -> [OutputFile] {
        let byShard = Dictionary(grouping: model.kb.entries, by: { SiteExtras.shard(of: $0.id) })
        return (0..<SiteExtras.searchShards).map { shard in
            let entries = byShard[shard] ?? []
            var h = StableHash()
            // vane itself (the rows' form) and the settings, as every other file.
            h.add(fingerprints.global)
            h.add("search \(shard)")
            for e in entries {
                h.add(e.id)
                h.add(fingerprints.summary(e.id))
                if let file = fingerprints.fileHash(e.id) { h.add("file " + file) } else { h.add("body " + e.body) }
            }
            return OutputFile(path: "search/index-\(shard).js", fingerprint: h.value) {
                // Title, kind, type, date as shown, address, aliases and body.
                let rows = entries.map { e -> [String: String] in
                    var row = [
                        "t": SiteExtras.shownInSearch(e.title), "k": e.kind.rawValue, "y": e.type ?? "",
                        // A span whole, as the lists say it.
                        "d": e.date.map { FuzzyDate.display($0, to: e.endDate) } ?? "",
                        "u": SiteModel.url(of: e),
                        "a": e.aliases.map(\.text).joined(separator: " "), "b": SiteExtras.searchBody(e.body),
                    ]
                    // Its former ids, so that a snippet shows a link by one as its page does: the title.
                    if !e.formerIDs.isEmpty { row["f"] = e.formerIDs.map(\.text).joined(separator: " ") }
                    return row
                }
                let head = "(window.VANE_SEARCH = window.VANE_SEARCH || []).push(..."
                let (json, bodies) = ScriptJSON.encode(rows, locating: "b")
                let spans = zip(entries, bodies).compactMap { e, range in
                    range.map { BodySpan(entry: e.id, start: head.utf8.count + $0.lowerBound, length: $0.count, form: .json) }
                }
                return TracedOutput(data: Data((head + json + ");\n").utf8), spans: spans)
            }
        }
    }
}

extension SiteExtras {
    /// A title as pages show it (the search script puts it in the page as it is): without the
    /// control characters HTML refuses, its bidirectional controls closed after it.
    static func shownInSearch(_ title: String) -> String {
        Escape.map(title) { $0.isControlHTMLRefuses ? "" : nil } + Bidi.closers(title)
    }

    /// A body as the search index holds it: as search shows it (`SearchText.shown`), each
    /// control character HTML refuses shown as U+FFFD, as the entry's page shows it.
    static func searchBody(_ body: String) -> String {
        Escape.map(SearchText.shown(body)) { $0.isControlHTMLRefuses ? "\u{FFFD}" : nil }
    }

    /// The page left at an entity's former address: it sends the reader on to the new one.
    /// Its canonical address is the new page's, whole under `baseURL` as every page's is.
    static func moved(from former: String, to entity: Entry, baseURL: String, folder: String = "entities") -> String {
        let (name, url) = (XML.escape(entity.title), XML.escape("\(entity.id).html"))
        let canonical = baseURL.isEmpty ? url : XML.escape(baseURL + "\(folder)/\(entity.id).html")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(name) has moved</title>
            <meta http-equiv="refresh" content="0; url=\(url)">
            <link rel="canonical" href="\(canonical)">
            <meta name="robots" content="noindex">
            </head>
            <body>
            <p>This page (<code>\(XML.escape(former))</code>) is now <a href="\(url)">\(name)</a>.</p>
            </body>
            </html>

            """
    }
}

extension SiteExtras {
    /// The most URLs one sitemap file may list (the sitemaps protocol's limit).
    static let sitemapLimit = 50_000

    /// The sitemap of `pages` (relative paths, sorted): one `sitemap.xml` while they fit in
    /// one file, else `sitemap.xml` as an index of `sitemap-1.xml`, `sitemap-2.xml`… of at
    /// most `limit` URLs each, as search engines ask.
    static func sitemaps(base: String, pages: [String], limit: Int = sitemapLimit) -> [(path: String, text: @Sendable () -> String)] {
        let header = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        @Sendable func urlset(_ pages: ArraySlice<String>) -> String {
            var xml = header + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for page in pages {
                xml += "<url><loc>\(XML.escape(base + (page == "index.html" ? "" : page)))</loc></url>\n"
            }
            return xml + "</urlset>\n"
        }
        guard pages.count > limit else { return [("sitemap.xml", { urlset(pages[...]) })] }
        let parts = stride(from: 0, to: pages.count, by: limit).map { pages[$0..<min($0 + limit, pages.count)] }
        let names = parts.indices.map { "sitemap-\($0 + 1).xml" }
        let index: @Sendable () -> String = {
            var xml = header + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for name in names { xml += "<sitemap><loc>\(XML.escape(base + name))</loc></sitemap>\n" }
            return xml + "</sitemapindex>\n"
        }
        return [("sitemap.xml", index)] + zip(names, parts).map { name, part in (name, { urlset(part) }) }
    }
}
