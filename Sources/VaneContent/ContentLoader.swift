import Foundation
import VaneDiagnostics

/// One file's parse: what the graph caches so an unchanged file is never parsed twice.
public struct ParsedFile: Sendable, Codable {
    public var path: String
    /// Hash of the file's bytes and of everything its parse depends on (see `ContentLoader.hash`).
    public var hash: String
    public var entry: Entry?
    public var diagnostics: [Diagnostic]
    /// The file's size and modification time when it was read (not part of the cache key).
    public var size: Int = 0
    public var modified: Int64 = 0

    public init(path: String, hash: String, entry: Entry?, diagnostics: [Diagnostic]) {
        self.path = path
        self.hash = hash
        self.entry = entry
        self.diagnostics = diagnostics
    }
}

/// Earlier parses, looked up by path and hash.
public protocol ParseCache: Sendable {
    func parsedFile(path: String, hash: String) -> ParsedFile?
    /// The stored parse of a file whose size and modification time are those it had when
    /// it was parsed with the same parser settings (`settings`): trusted without reading
    /// the file, as `make` trusts them.
    func parsedFile(path: String, size: Int, modified: Int64, settings: String) -> ParsedFile?
}

extension ParseCache {
    public func parsedFile(path: String, size: Int, modified: Int64, settings: String) -> ParsedFile? { nil }
}

/// The result of loading a knowledge base: everything linked, every problem found.
public struct LoadResult: Sendable {
    public var knowledgeBase: KnowledgeBase
    public var files: [ParsedFile]
    public var diagnostics: [Diagnostic]
    /// Files parsed in this run; the others came from the cache.
    public var parsedCount: Int
    public var timings = Timings()
    /// What the walk of `Content/` found, for a load that rescans only what changed.
    public var scan = ContentScan()
    /// The files under `Content/` that are not entries, copied into the site.
    public var assetFiles: [ContentFile] {
        get { scan.assets }
        set { scan.assets = newValue }
    }
    /// The names the link resolved against, for a load that links only what changed.
    public var linkTables: LinkTables?
    /// Entries linked by this load: all of them, or those a local link linked again.
    public var linked = 0
    /// Names this load among others (a random number), for `relinked`.
    public var generation = UInt64.random(in: .min ... .max)
    /// When this load linked only what changed since another load: see `Relink`.
    public var relinked: Relink?

    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// What a load that linked only what changed (`Linker.relink`) changed: the knowledge
/// base differs from that of the load `from` (its `generation`) only in the entries of
/// `ids` (gone, or linked again; none of them an entity), whose edges and status changes
/// are now `edges` and `statusChanges`, in the order the link wrote them.
public struct Relink: Sendable {
    public var from: UInt64
    public var ids: Set<String>
    /// Made when first read: the preview's body patch states its entries' edges as a pass
    /// over the knowledge base's, which only a graph kept for the blocks reads.
    private let items: Deferred<(edges: [Edge], statusChanges: [StatusChange])>
    public var edges: [Edge] { items.value.edges }
    public var statusChanges: [StatusChange] { items.value.statusChanges }

    init(from: UInt64, ids: Set<String>, edges: [Edge], statusChanges: [StatusChange]) {
        (self.from, self.ids, items) = (from, ids, Deferred { (edges, statusChanges) })
    }

    /// The load `from` with the entries of `ids` changed in their bodies alone (the
    /// preview's patch): their edges and status changes are those `kb` holds.
    public init(bodiesOf ids: Set<String>, in kb: KnowledgeBase, from: UInt64) {
        (self.from, self.ids) = (from, ids)
        items = Deferred { (kb.edges.owned(by: ids, \.from), kb.statusChanges.owned(by: ids, \.event)) }
    }
}

/// Loads `Content/` (and `Site/config.yml`): scan, parse in parallel, link.
public enum ContentLoader {
    /// Bump when parsing changes, so caches written by an older `vane` are ignored.
    public static let parserVersion = "82"

    /// The largest entry file accepted: far above any real entry, low enough that a
    /// stray data file cannot exhaust memory.
    public static let maximumFileSize = 1 << 20

    /// `scanned`: what `Content/` holds, when the caller knows without a walk (`ContentScanner.rescan`).
    /// `previous`: the last load, kept in memory, when only what changed since need be
    /// linked again (`Linker.relink`); with `touched` (the files a watcher saw written since
    /// then, with `scanned`), every other file's parse is taken from it as it is. `today`:
    /// the day the uses are checked at (a use of something gone by then is stranded).
    public static func load(
        root: URL, cache: (any ParseCache)? = nil, scanned: ContentScan? = nil, previous: LoadResult? = nil, touched: Set<String>? = nil,
        today: FuzzyDate = .today()
    ) -> LoadResult {
        var timings = Timings()
        let (config, configDiagnostics) = SiteConfigLoader.load(root: root)
        let scan = scanned ?? timings.measure("scan") { ContentScanner.scan(root: root) }
        let parser = EntryParser(config: config)
        let salt = Data(salt(for: config).utf8)
        let settings = hash(salt)

        let parsed: [ParsedFile]
        let parsedCount: Int
        if scanned != nil, let previous, let touched, previous.knowledgeBase.config == config {
            (parsed, parsedCount) = timings.measure("parse") {
                reread(scan.entries, touched: touched, previous: previous.files) {
                    read($0, parser: parser, salt: salt, settings: settings, cache: cache)
                }
            }
        } else {
            let results = ResultSlots<ParsedFile>(count: scan.entries.count)
            let fresh = ResultSlots<Bool>(count: scan.entries.count)
            timings.measure("parse") {
                DispatchQueue.concurrentPerform(iterations: scan.entries.count) { i in
                    (results[i], fresh[i]) = read(scan.entries[i], parser: parser, salt: salt, settings: settings, cache: cache)
                }
            }
            (parsed, parsedCount) = (results.take(), fresh.values.filter { $0 }.count)
        }
        let assets = scan.assets.map(\.contentRelativePath)
        // Misnamed entries read too (never from the cache: their id is not their name's).
        let misparsed = scan.misnamed.map { read($0, parser: parser, salt: salt, settings: settings, cache: nil).0 }
        let (saved, savedDiagnostics) = SavedQueriesLoader.load(root: root)
        let link = timings.measure("link") { () -> LinkOutcome in
            if let previous, let local = Linker.relink(previous, parsed: parsed, assets: assets, config: config, saved: saved, today: today) {
                return LinkOutcome(
                    kb: local.kb, diagnostics: local.diagnostics, tables: local.tables, linked: local.linked,
                    relinked: Relink(from: previous.generation, ids: local.ids, edges: local.edges, statusChanges: local.statusChanges))
            }
            let whole = Linker.link(
                parsed, files: scan.entries, assets: assets, config: config, saved: saved, today: today,
                unlisted: misparsed.compactMap(\.entry))
            return LinkOutcome(kb: whole.0, diagnostics: whole.1, tables: whole.2, linked: whole.linked)
        }
        let (kb, linkDiagnostics) = (link.kb, link.diagnostics)
        let fileDiagnostics = parsed.indices.flatMap { parsed[$0].diagnostics } + misparsed.flatMap(\.diagnostics)
        // A folder not mounted, or a checkout gone wrong, looks like this: a build replaces the
        // site with an empty one. (`vane init` makes the kind folders: a new knowledge base is not it.)
        func noKindFolder() -> Bool {
            Kind.allCases.allSatisfy { !FileManager.default.fileExists(atPath: root.appendingPathComponent("Content/" + $0.folder).path) }
        }
        let empty =
            scan.entries.isEmpty && scan.misnamed.isEmpty && !scan.diagnostics.hasErrors && noKindFolder()
            ? [Diagnostic.warning(.whole("Content"), "holds no entries: the site and the database will have none (is this the right folder?)")]
            : []
        let active = config.unsafeHTML ? [] : scan.assets.compactMap(activeContent)
        // Each file the build could not copy, said here with the rest (the build stopped at the
        // first, and `vane check` said nothing).
        let unreadable = scan.assets.compactMap { file in
            access(file.location, R_OK) == 0
                ? nil : Diagnostic.error(.whole(file.path), "cannot read this file (\(String(cString: strerror(errno)))): the site copies it")
        }
        let diagnostics = configDiagnostics + savedDiagnostics + scan.diagnostics + fileDiagnostics + linkDiagnostics + empty + active + unreadable
        return LoadResult(
            knowledgeBase: kb, files: parsed, diagnostics: diagnostics.sortedForReport(),
            parsedCount: parsedCount, timings: timings, scan: scan, linkTables: link.tables,
            linked: link.linked, relinked: link.relinked)
    }

    /// A file of `Content/` that the site publishes as it is and a browser runs on the
    /// site's own address: a page or a script, or an SVG image with script in it (harmless
    /// as an image, live when opened). Raw HTML is off in bodies; this is said, not refused.
    static func activeContent(_ file: ContentFile) -> Diagnostic? {
        let name = file.path.lowercased()
        let at = SourceLocation.whole(file.path)
        let said =
            "is published as it is, and a browser runs any script in it on the site's own address"
            + " (raw HTML is off in bodies; set 'unsafe_html: true' in Site/config.yml to accept it)"
        // Every name a browser opens as a page, server-side includes' `.shtml` and XHTML's
        // `.xht` too (they ran script with no warning).
        if [".html", ".htm", ".xhtml", ".xht", ".shtml", ".js", ".mjs"].contains(where: name.hasSuffix) { return .warning(at, said) }
        guard [".svg", ".xml", ".xsl", ".xslt"].contains(where: name.hasSuffix), let data = FileManager.default.contents(atPath: file.location)
        else { return nil }
        let text = String(decoding: data, as: UTF8.self).lowercased()
        // A script element with a namespace prefix (`<x:script>`) runs as well.
        let scripted =
            text.range(of: #"<([a-z0-9_.-]+:)?script"#, options: .regularExpression) != nil || text.contains("javascript:")
            || text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) != nil
        return scripted ? .warning(at, "holds script: it " + said) : nil
    }

    /// What linking gave, and how much of it was done.
    private struct LinkOutcome {
        var kb: KnowledgeBase
        var diagnostics: [Diagnostic]
        var tables: LinkTables
        var linked: Int
        var relinked: Relink? = nil
    }

    /// The parses of `files` (in path order): those of `touched` read (by `read`), the others
    /// those of `previous` (in path order too). When `files` are those `previous` was parsed
    /// from with only the files of `touched` added, removed or changed (a rescan's), only
    /// those are looked up; else both lists are walked.
    private static func reread(
        _ files: [ContentFile], touched: Set<String>, previous: [ParsedFile], read: (ContentFile) -> (ParsedFile, Bool)
    ) -> ([ParsedFile], Int) {
        var (parsed, count) = (previous, 0)
        for path in touched.sorted() {
            let old = PathOrder.position(of: path, in: parsed, \.path)
            let had = old < parsed.count && parsed[old].path == path
            guard let i = PathOrder.index(of: path, in: files, \.path) else {
                if had { parsed.remove(at: old) }
                continue
            }
            let (one, fresh) = read(files[i])
            if had { parsed[old] = one } else { parsed.insert(one, at: old) }
            if fresh { count += 1 }
        }
        // `previous` was parsed from the files of the scan `files` was rescanned from (the
        // tests, in debug builds, check every path).
        if parsed.count == files.count {
            assert(parsed.indices.allSatisfy { parsed[$0].path == files[$0].path }, "the parses kept are not the files'")
            return (parsed, count)
        }
        return walkingBoth(files, touched: touched, previous: previous, read: read)
    }

    private static func walkingBoth(
        _ files: [ContentFile], touched: Set<String>, previous: [ParsedFile], read: (ContentFile) -> (ParsedFile, Bool)
    ) -> ([ParsedFile], Int) {
        var parsed: [ParsedFile] = []
        parsed.reserveCapacity(files.count)
        var (j, count) = (0, 0)
        for file in files {
            while j < previous.count, previous[j].path < file.path { j += 1 }
            if j < previous.count, previous[j].path == file.path, !touched.contains(file.path) {
                parsed.append(previous[j])
            } else {
                let (one, fresh) = read(file)
                parsed.append(one)
                if fresh { count += 1 }
            }
        }
        return (parsed, count)
    }

    /// One entry file: from `cache` when it has the file (by size and time, else by
    /// hash), else read and parsed. The flag is true when the file was parsed.
    static func read(_ file: ContentFile, parser: EntryParser, salt: Data, settings: String, cache: (any ParseCache)?) -> (ParsedFile, Bool) {
        if var cached = cache?.parsedFile(path: file.path, size: file.size, modified: file.modified, settings: settings) {
            (cached.size, cached.modified) = (file.size, file.modified)
            return (cached, false)
        }
        // `stat`, not FileManager's attributes: a dictionary per file was 3% of parsing.
        var info = stat()
        let size = stat(file.location, &info) == 0 ? Int(info.st_size) : 0
        guard size <= maximumFileSize else {
            let d = Diagnostic.error(
                .top(of: file.path), "file is \(size) bytes, over the limit of \(maximumFileSize) bytes (1 MiB) for an entry")
            return (ParsedFile(path: file.path, hash: "", entry: nil, diagnostics: [d]), true)
        }
        guard let data = FileManager.default.contents(atPath: file.location) else {
            let why = access(file.location, R_OK) == 0 ? "" : " (\(String(cString: strerror(errno))))"
            let d = Diagnostic.error(.top(of: file.path), "cannot read this file\(why)")
            return (ParsedFile(path: file.path, hash: "", entry: nil, diagnostics: [d]), true)
        }
        let digest = hash(salt + data)
        if var cached = cache?.parsedFile(path: file.path, hash: digest) {
            (cached.size, cached.modified) = (file.size, file.modified)
            return (cached, false)
        }
        let (entry, diagnostics) = parser.parse(data, kind: file.kind!, id: file.id!, path: file.path)
        var parsed = ParsedFile(path: file.path, hash: digest, entry: entry, diagnostics: diagnostics)
        (parsed.size, parsed.modified) = (file.size, file.modified)
        return (parsed, true)
    }

    /// One entry file read and parsed again, as a load parses it, whatever was cached.
    public static func parse(_ file: ContentFile, config: SiteConfig) -> ParsedFile {
        let salt = Data(salt(for: config).utf8)
        return read(file, parser: EntryParser(config: config), salt: salt, settings: hash(salt), cache: nil).0
    }

    /// A digest of the parser's settings, stored by a build so that the next one can trust
    /// an unchanged file's size and modification time.
    public static func settingsDigest(_ config: SiteConfig) -> String { hash(Data(salt(for: config).utf8)) }

    /// What a file's parse depends on besides its bytes.
    static func salt(for config: SiteConfig) -> String {
        let settings = CanonicalJSON.text(config, fallback: "")
        return "vane-parser-\(parserVersion)\n\(settings)\n"
    }

    /// 64-bit FNV-1a, hex: a cache key, not a security measure.
    public static func hash(_ data: Data) -> String {
        var h = StableHash()
        data.withUnsafeBytes { h.add(bytes: $0) }
        let hex = String(h.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
