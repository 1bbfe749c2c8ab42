import Foundation
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneHistory
import VaneQuery
import VaneSite

/// The knowledge base as `vane serve` keeps it between edits: the last load, and the site
/// as a `SitePreview` that pages are served from. An edit to the body of entries (the
/// watcher names the files) is read and patched in: nothing else is read, linked or
/// derived again. Any other change parses the files it touched and links everything
/// again. The output folder and the database follow in the background (`vane serve`
/// builds them).
public final class ResidentSite: Sendable {
    /// What one load found.
    public struct Load: Sendable {
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool
        /// Whether anything the site is made from changed since the last load.
        public var changed: Bool
        /// Whether a file's size or time moved, even with nothing to show: the database
        /// (which a read compares with the files) wants a build all the same.
        public var moved = false
        /// Files parsed.
        public var parsed: Int
        /// Copies of the graph made in memory for the blocks (for a `sql` block, or when the
        /// graph kept between loads could not be written: the others read that one).
        public var graphCopies = 0
        /// Entries linked: every one, or only those of the files that changed (`Linker.relink`).
        public var linked = 0
        /// Whether the edit was patched into the last load (bodies only), rather than the
        /// knowledge base loaded and linked again.
        public var patched = false
        /// Whether the site shows the knowledge base as loaded (no verdict dated after
        /// today made pending): only then is the next edit to bodies patched in.
        public var showsWhole = true
        public var seconds: Double
        public var timings: Timings
    }

    private struct Memory: Sendable {
        var prepared: Pipeline.Prepared
        var parses: MemoryParseCache
        var inputs: TreeDigest
        /// When the load that read the parses began (for the racy-clean rule).
        var started: Int64
        /// Whether an edit may be patched in: no file of `Content/` is a symbolic link, whose
        /// target's edit the watcher would name by the target's path alone.
        var patchable: Bool
    }

    public let options: Pipeline.Options
    /// The graph the blocks query, kept between loads and brought up to date.
    private let graph = GraphInMemory()
    private let current = Locked<SitePreview?>(nil)
    private let memory = Locked<Memory?>(nil)

    public init(_ options: Pipeline.Options) { self.options = options }

    /// The template names the last build's pages found: all of them with this theme; with
    /// another (a template edited since), those of the frame alone (`current.claims`), which
    /// every page's template reads the same way wherever it writes them. Kept only for the
    /// same theme, every page served after a template edit said the frame names it did not
    /// hold until a build caught up; kept whole, a name moved out of its section
    /// (`{{verdict}}` out of `{{#counts}}`) went unsaid, as it was found in the section.
    static func foundNames(_ options: Pipeline.Options, theme: Theme) -> [String: Set<String>] {
        // These keys alone: the rest of the build's state (its recorded time) is not read at each load.
        guard let state = try? GraphReader(url: options.database).buildState("theme", "theme-found", "frame-reads") else { return [:] }
        let found = FastPath.decodeReads(state["theme-found"])
        guard state["theme"] != String(theme.fingerprint) else { return found }
        let frame = FastPath.decodeReads(state["frame-reads"]).values.reduce(into: Set<String>()) { $0.formUnion($1) }
        return found.mapValues { names in names.filter { frame.contains(String($0.prefix { $0 != "." })) } }
    }

    /// The site being served; nil until a load succeeded.
    public var preview: SitePreview? { current.value }

    /// Loads again (the first time from what the last build stored) and, when the result
    /// can be rendered and differs, makes it the site served. `touched`: the files changed
    /// since the last load, when the watcher could say (`Content/events/x.md`); nil to
    /// look at everything. `today`: the day statuses are shown at without `asOf`, read at
    /// each load, so a preview left running overnight moves on with the next edit.
    public func load(today: FuzzyDate = .today(), touched: Set<String>? = nil) -> Load {
        var options = self.options
        options.today = today
        let began = Date()
        let last = memory.value
        // The files the watcher named are looked at; the others are as the last load found them.
        let scanned = last.flatMap { last in
            touched.flatMap { last.patchable ? ContentScanner.rescan(last.prepared.result.scan, touched: $0, root: options.root) : nil }
        }
        if let last, let touched, let scanned, let load = patch(last, touched: touched, scan: scanned, options: options, began: began) {
            return load
        }
        let started = Int64(began.timeIntervalSince1970 * 1e9)
        let prepared =
            last.map {
                Pipeline.prepare(
                    options, cache: $0.parses, history: $0.prepared.history.value, scanned: scanned, last: $0.prepared, touched: touched,
                    graph: .resident(graph))
            }
            ?? Pipeline.prepareFromLastBuild(options, graph: .resident(graph))
        // The files not named are as the last load found them.
        let inputs =
            last.flatMap { last in
                scanned.flatMap { _ in touched.map { Self.inputs(last.inputs, from: last.prepared.result, to: prepared.result, touched: $0) } }
            } ?? Self.inputs(prepared)
        // The tests run debug builds: every load of theirs checks the sum against the listing.
        assert(inputs == Self.inputs(prepared), "the digest of the files named differs from the listing's")
        // A file read again under the racy-clean rule counts as a change, whatever its digest;
        // so does a commit, which recorded time shows.
        // So does a problem that came or went with no entry's file changing (a symbolic link
        // out of Content/ made, then removed: its error was neither shown nor cleared).
        let changed =
            last?.inputs != inputs || last?.prepared.asOf != prepared.asOf || prepared.result.parsedCount > 0
            || last.map { Self.recorded($0.prepared) != Self.recorded(prepared) } == true
            || last.map { $0.prepared.diagnostics != prepared.diagnostics } == true
        var timings = prepared.timings
        var preview: SitePreview?
        if prepared.canRender, changed || current.value == nil, let theme = prepared.theme {
            preview = timings.measure("site model") {
                SitePreview(
                    prepared.shown, theme: theme, asOf: prepared.asOf, blocks: prepared.blocks, history: prepared.history.value,
                    after: current.value, today: options.today, earlierFound: Self.foundNames(options, theme: theme))
            }
        }
        // A rescan refused every symbolic link among the files it looked at.
        let linked = scanned != nil ? false : timings.measure("links") { TreeDigest.walk(options.root.appendingPathComponent("Content").path) == nil }
        remember(
            Memory(
                prepared: prepared, parses: MemoryParseCache(prepared.result, started: started), inputs: inputs, started: started,
                patchable: !linked),
            preview: preview)
        var load = Load(
            diagnostics: (prepared.diagnostics + prepared.blockProblems).sortedForReport(), succeeded: prepared.canRender, changed: changed,
            parsed: prepared.result.parsedCount, seconds: Date().timeIntervalSince(began), timings: timings)
        load.moved = last?.inputs != inputs
        load.showsWhole = prepared.showsWhole
        load.linked = prepared.result.linked
        load.graphCopies = prepared.graphCopies
        return load
    }

    /// The edit patched into the last load, when it is one the patch covers: every touched
    /// file an entry of the last load whose new parse differs from the old only in its
    /// body (text and HTML; its links, blocks and problems the same), or an asset written
    /// again, or a file that is gone again and never counted (an editor's temporary
    /// file). Nil for anything else: a file added or removed, `Site/`, another day.
    /// `scan`: the last load's, with the files of `touched` looked at again.
    private func patch(_ last: Memory, touched: Set<String>, scan: ContentScan, options: Pipeline.Options, began: Date) -> Load? {
        var prepared = last.prepared
        // The patch shows the knowledge base as loaded: not one whose verdicts dated after
        // today were made pending for the site of today (`KnowledgeBase.verdicts(asOf:)`).
        guard last.patchable, options.asOf == nil, prepared.canRender, prepared.asOf == options.today, prepared.showsWhole,
            let previous = current.value
        else { return nil }
        var timings = Timings()
        var result = prepared.result
        result.scan = scan
        var inputs = last.inputs
        var edited: [Entry] = []
        var changed = false
        for path in touched.sorted() {
            guard path.hasPrefix("Content/") else { return nil }
            // Hidden files are not content (an editor's swap file).
            if path.split(separator: "/").contains(where: DirectoryWalker.isIgnored) { continue }
            var now = Self.regularFile(options.root.appendingPathComponent(path).path)
            // Its size and time as the rescan read them, which the listing of the files holds.
            if let found = scan.file(at: path) { now = now.map { (found.size, found.modified, $0.links) } }
            // An asset written again (the rescan has its new size and time).
            if let i = PathOrder.index(of: path, in: last.prepared.result.assetFiles, \.path) {
                guard let now else { return nil }
                let old = last.prepared.result.assetFiles[i]
                inputs = inputs.replacing((old.path, old.size, old.modified), with: (path, now.size, now.modified))
                changed = true
                continue
            }
            guard let i = PathOrder.index(of: path, in: result.files, \.path) else {
                if now == nil { continue }
                return nil
            }
            // A file with another name (a hard link) may have been written under that name.
            guard let now, now.links == 1, let entry = result.files[i].entry else { return nil }
            let old = result.files[i]
            var file = ContentFile(path: path, location: options.root.appendingPathComponent(path).path, size: now.size, modified: now.modified)
            (file.kind, file.id) = (entry.kind, entry.id)
            let parsed = timings.measure("parse") { ContentLoader.parse(file, config: result.knowledgeBase.config) }
            if parsed.hash != old.hash {
                guard let new = parsed.entry, parsed.diagnostics == old.diagnostics, Self.sameButBody(new, entry) else { return nil }
                edited.append(new)
                changed = true
            }
            inputs = inputs.replacing((old.path, old.size, old.modified), with: (path, now.size, now.modified))
            result.files[i] = parsed
        }
        // Nothing to show (a swap file, a file saved unchanged): only sizes and times move.
        guard changed else {
            prepared.result = result
            prepared.shown = result
            var kept = last
            (kept.prepared, kept.inputs) = (prepared, inputs)
            kept.parses = MemoryParseCache(result, started: last.started)
            remember(kept, preview: nil)
            var load = Load(
                diagnostics: (prepared.diagnostics + prepared.blockProblems).sortedForReport(), succeeded: true, changed: false, parsed: 0,
                seconds: Date().timeIntervalSince(began), timings: timings)
            load.patched = true
            load.moved = inputs != last.inputs
            return load
        }
        var kb = result.knowledgeBase
        for entry in edited {
            guard let patched = kb.replacingBody(of: entry.id, from: entry) else { return nil }
            kb = patched
        }
        result.knowledgeBase = kb
        result.parsedCount = edited.count
        // Another load than the last one: what it changed, for the preview's graph.
        result.relinked = Relink(bodiesOf: Set(edited.map(\.id)), in: kb, from: result.generation)
        result.generation = .random(in: .min ... .max)
        prepared.result = result
        prepared.shown = result
        // Recorded time is read as a load reads it; the blocks run again, since a `sql`
        // block may read bodies.
        prepared.history = timings.measure("history") { Pipeline.recordedHistory(options, kb: kb, previous: prepared.history.value) }
        prepared.runBlocks(&timings, graph: graph.blockGraph(result))
        var preview: SitePreview?
        if changed && prepared.canRender {
            preview = timings.measure("site model") {
                SitePreview(prepared.shown, replacingBodiesOf: previous, blocks: prepared.blocks, history: prepared.history.value)
            }
        }
        // The files not read keep the racy-clean stamp of the load that read them.
        var kept = last
        (kept.prepared, kept.inputs) = (prepared, inputs)
        kept.parses = MemoryParseCache(result, started: last.started)
        remember(kept, preview: preview)
        var load = Load(
            diagnostics: (prepared.diagnostics + prepared.blockProblems).sortedForReport(), succeeded: prepared.canRender, changed: changed,
            parsed: edited.count, seconds: Date().timeIntervalSince(began), timings: timings)
        load.patched = true
        load.moved = true
        load.graphCopies = prepared.graphCopies
        return load
    }

    /// Keeps `memory` for the next load and serves `preview` (when there is one); what
    /// they replace is freed on another thread: tens of thousands of entries take a while
    /// to let go of, and the page waiting for this load need not wait for that.
    private func remember(_ kept: Memory, preview: SitePreview?) {
        let replaced = memory.withLock { held in
            defer { held = kept }
            return held
        }
        let shown = preview.flatMap { preview in
            current.withLock { served in
                defer { served = preview }
                return served
            }
        }
        DispatchQueue.global(qos: .utility).async {
            withExtendedLifetime((replaced, shown)) {}
            // What a local link left to be made on first read, made before the next edit needs it.
            _ = kept.prepared.result.knowledgeBase.edges
            preview?.listChanges()
        }
    }

    /// Whether two parses of one file differ only in the body's text and HTML, and not in
    /// the relative links the link checks, where they are written (a dead one is a warning
    /// of the link, not the parse): every other field is compared, those links too.
    static func sameButBody(_ a: Entry, _ b: Entry) -> Bool {
        var (x, y) = (a, b)
        (x.body, x.bodyHTML, y.body, y.bodyHTML) = ("", "", "", "")
        guard let left = try? PackedCoding.encode(x), let right = try? PackedCoding.encode(y) else { return false }
        return left == right
    }

    /// A regular file's size, modification time and number of names; nil when there is
    /// none at `path` (a symbolic link is not one).
    private static func regularFile(_ path: String) -> (size: Int, modified: Int64, links: Int)? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return (Int(info.st_size), Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec), Int(info.st_nlink))
    }

    /// What recorded time a load read: the commit it stands at and the files not committed.
    private static func recorded(_ prepared: Pipeline.Prepared) -> [String] {
        prepared.history.value.map { [$0.head] + $0.uncommitted } ?? []
    }

    /// `inputs` of the load `old`, for the load `new`, whose files differ from its only in
    /// those of `touched` (`ContentScanner.rescan`): the digest is a sum, so those are
    /// taken out and put in again, as `inputs(_:)` lists them (an entry by its parse, which
    /// says 0 and 0 for a file it could not read).
    private static func inputs(_ inputs: TreeDigest, from old: LoadResult, to new: LoadResult, touched: Set<String>) -> TreeDigest {
        let find = { (result: LoadResult, path: String) -> [(relative: String, size: Int, modified: Int64)] in
            if let i = PathOrder.index(of: path, in: result.files, \.path) {
                return [(path, result.files[i].size, result.files[i].modified)]
            }
            return PathOrder.index(of: path, in: result.assetFiles, \.path).map {
                [(path, result.assetFiles[$0].size, result.assetFiles[$0].modified)]
            } ?? []
        }
        return inputs.removing(touched.flatMap { find(old, $0) }).adding(touched.flatMap { find(new, $0) })
    }

    /// Every file the site is made from, by path, size and modification time.
    private static func inputs(_ prepared: Pipeline.Prepared) -> TreeDigest {
        let content =
            (prepared.result.files.map { ($0.path, $0.size, $0.modified) })
            + prepared.result.assetFiles.map { ($0.path, $0.size, $0.modified) }
        let site = prepared.siteFiles.map { ("Site/" + $0.relative, $0.size, $0.modified) }
        return TreeDigest(files: (content + site).map { (relative: $0.0, size: $0.1, modified: $0.2) })
    }
}
