import Foundation
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneHistory
import VaneProject
import VaneQuery
import VaneSite

/// Why a build stopped after the content checked clean; nothing was replaced.
public enum BuildFailure: VaneError {
    /// The build lock could not be taken.
    case lock(path: String, errno: Int32)
    /// The database file is not a Weathervane database, is damaged, or is too new.
    case foreignDatabase(GraphDatabase.OpenError)
    case output(OutputError)
    case database(GraphStoreError)
    /// The database could not be copied into the site (`--publish-db`).
    case publish(String)

    public var description: String {
        switch self {
        case .lock(let path, let code) where code == ENOENT:
            "no folder \((path as NSString).deletingLastPathComponent) (run vane in a knowledge base, or pass --root)"
        case .lock(let path, let code): "cannot lock the knowledge base ('\(path)'): \(String(cString: strerror(code)))"
        // One that could not be opened may be sound: nothing is said against it.
        case .foreignDatabase(let problem) where problem.mayBeSound: "\(problem); the database and the site are left as they are"
        case .foreignDatabase(let problem): "\(problem); refusing to replace it (move it away or pass --db)"
        case .output(let error): "\(error)"
        case .database(let error): "\(error)"
        case .publish(let why): "cannot publish the database into the site: \(why)"
        }
    }
}

/// `vane build` and `vane check` as library calls: load, check, and (for a build)
/// write the database and the site, only when everything succeeded.
public enum Pipeline {
    public struct Options: Sendable {
        public var root: URL
        public var database: URL
        public var output: URL
        public var strict: Bool
        /// Copies the database into the site, with Datasette's metadata (`--publish-db`).
        public var publishDatabase = false
        /// The site as it stood at the end of this period; nil for today.
        public var asOf: FuzzyDate?
        /// The day a build without `asOf` shows statuses at (UTC today unless set).
        public var today: FuzzyDate = .today()
        /// Told the name of each phase as it starts (for a progress line).
        public var progress: (@Sendable (String) -> Void)?
        /// Where recorded time is read from (the knowledge base's own folder, when `root`
        /// is a snapshot of it), and the day it is known at (`--known-at`).
        public var historyRoot: URL?
        public var knownAt: FuzzyDate?
        /// Whether the process exits once the build returns, so that what the build loaded and
        /// rendered from is left to the exit instead of being freed (`LeftToExit`): freeing
        /// 20,000 entries, their stored parses and the site's fingerprints entry by entry took
        /// a tenth of a second of a build of one added event. Only for the command's process.
        public var exitsAfter = false

        public init(root: URL, database: URL? = nil, output: URL? = nil, strict: Bool = false, asOf: FuzzyDate? = nil) {
            self.root = root
            self.asOf = asOf
            self.database = database ?? root.appendingPathComponent("vane.sqlite")
            self.output = output ?? root.appendingPathComponent("public")
            self.strict = strict
        }
    }

    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic]
        public var entries: Int
        /// Markdown files parsed in this run; the rest came from the database's cache.
        public var parsed: Int
        public var pages: Int = 0
        /// Pages rendered in this build; the others were unchanged and kept.
        public var pagesRendered: Int = 0
        public var failure: BuildFailure?
        public var timings = Timings()
        /// What the build did, counted.
        public var work = WorkCounts()
        /// What the build noticed but went on without, for `--verbose` (a stored parse it
        /// could not use, say).
        public var notes: [String] = []
        /// The outputs the render built (`SiteBuilder.Report.builtOutputs`), in no order.
        public var builtOutputs: [SiteBuilder.BuiltOutput] = []
        /// Problems that do not stop a build and that `--strict` leaves alone (git failing:
        /// the site is built without recorded time).
        public var warnings: [String] = []

        public var succeeded: Bool { failure == nil && !diagnostics.hasErrors }
    }

    /// Loads and checks; writes nothing.
    public static func check(_ options: Options) -> Outcome {
        let cache = ParseCacheInBackground(url: options.database, settings: parserSettings(options))
        let result = ContentLoader.load(root: options.root, cache: cache, today: options.today)
        let (theme, themeProblems) = Theme.load(root: options.root)
        var diagnostics = result.diagnostics + themeProblems + LiveBlocks.savedQueryProblems(result.knowledgeBase)
        if !diagnostics.hasErrors {
            var shown = result
            shown.knowledgeBase = options.asOf.map(result.knowledgeBase.asOf) ?? result.knowledgeBase.verdicts(asOf: options.today).knowledgeBase
            let blocks = LiveBlocks.run(shown, asOf: options.asOf ?? options.today)
            diagnostics += blocks.problems
            // What a build finds as it renders: a file it would refuse to copy over the site's
            // own, a name the knowledge base's templates use that no view model has; with
            // recorded time, as a build has it (its feed, the pages' "What's new").
            if let theme, SiteBuilder.dryRunFinds(shown, theme: theme) {
                let history = recordedHistory(options, kb: result.knowledgeBase, previous: storedHistory(cache.value.state["history"])).value
                diagnostics += SiteBuilder.dryRun(
                    shown, theme: theme, asOf: options.asOf ?? options.today, blocks: blocks.results, history: history)
            }
        } else {
            diagnostics += LiveBlocks.problemsBeforeRunning(result.knowledgeBase)
        }
        if options.strict { diagnostics = diagnostics.promotingWarnings() }
        return Outcome(diagnostics: diagnostics.sortedForReport(), entries: result.files.count, parsed: result.parsedCount)
    }

    /// The parser settings of `Site/config.yml` as it is now: the stored parses made with
    /// them are decoded as they are read. Nil when the config has errors (the loader reports
    /// them): the stored parses are then decoded when asked for.
    static func parserSettings(_ options: Options) -> String? {
        let (config, problems) = SiteConfigLoader.load(root: options.root)
        return problems.hasErrors ? nil : ContentLoader.settingsDigest(config)
    }

    /// Loads, checks, renders aside, then swaps in the site and the database. Builds of one
    /// knowledge base take turns; `waiting` hears of it when another holds the lock.
    public static func build(_ options: Options, waiting: (Int32?) -> Void = { _ in }) -> Outcome {
        let lock: BuildLock
        do {
            lock = try BuildLock(root: options.root, waiting: waiting)
        } catch {
            return Outcome(diagnostics: [], entries: 0, parsed: 0, failure: error)
        }
        defer { withExtendedLifetime(lock) {} }
        var timings = Timings()
        // Files modified from now on are read again by the next build (see `parsedFile`).
        let started = Int64(Date().timeIntervalSince1970 * 1e9)
        // Taken before the settings are read: one edited during the build is told to reads.
        let settingsStamp = SettingsStamp.take(options.root)
        let last = timings.measure("check") { DatabaseParseCache(url: options.database, parses: false) }
        // A database file that is not ours (or is damaged) is never overwritten.
        if let problem = last.problem {
            return Outcome(diagnostics: [], entries: 0, parsed: 0, failure: .foreignDatabase(problem))
        }
        // A folder that is not vane's is never taken over (its files would be removed).
        if let reason = OutputDirectory.refusal(target: options.output, root: options.root, database: options.database) {
            return Outcome(diagnostics: [], entries: 0, parsed: 0, failure: .output(.refused(path: options.output.path, reason: reason)))
        }
        let unfinished = BodyEdits.resume(options, state: last.state)
        // After git failed, every build reads it again: what mends it (the `safe.directory`
        // its message gives, a fetch) changes no file, and the failure was said again and
        // again, from the stored warnings, by builds that never asked git.
        let gitFailed = last.state["history-failed"] == "1"
        removeLeftovers(of: options)
        let asOf = options.asOf ?? options.today
        let siteFiles = Theme.siteFiles(root: options.root)
        let inputs = FastPath.inputs(options, siteFiles: siteFiles)
        // After an unfinished body build, the full path renders its outputs again.
        let walk = unfinished ? nil : timings.measure("walk") { FastPath.walk(options, previous: last, inputs: inputs) }
        if !gitFailed, let walk,
            let outcome = BodyEdits.build(options, previous: last, walk: walk, inputs: inputs, started: started, timings: &timings)
        {
            return outcome
        }
        if !unfinished, !gitFailed, FastPath.unchanged(options, previous: last, inputs: inputs, walk: walk) {
            var outcome = repeating(last.state, options: options, parsed: 0)
            outcome.timings = timings
            return outcome
        }
        options.progress?("reading the last build")
        // Read while the loader scans `Content/` (the state it stored is the one just read).
        let reading = ParseCacheInBackground(url: options.database, settings: parserSettings(options))
        // The graph is written on a thread of its own from the moment everything but the
        // blocks checked clean: the blocks that query it read it, and the pages render
        // while the rest is made. Not as two iterations of one `concurrentPerform`:
        // libdispatch divides the machine among nested applies, so the renderer's own would
        // get one thread of the two and render every page on it, long after the graph was done.
        let writing = Pipeline.BlockGraph.building { result, whole in
            // The board stored for `vane status` is the site's own when the site shows the
            // whole knowledge base (no `--as-of`, or nothing after it): taken from the site
            // model, not computed twice.
            GraphBeingWritten(result, at: options.database, previous: reading.value, sharesBoard: whole, asOf: asOf, build: String(started))
        }
        let scanned = timings.measure("listing") { FastPath.listing(options, walk: walk) }
        let loaded = Pipeline.prepare(
            options, cache: reading, history: storedHistory(last.state["history"]), siteFiles: siteFiles, scanned: scanned, graph: writing)
        let cache = reading.value
        defer { if options.exitsAfter { LeftToExit.keep(loaded, cache) } }
        timings.append("cache", reading.duration)
        timings.append(loaded.timings)
        let (result, history) = (loaded.result, loaded.history)
        var diagnostics = loaded.diagnostics
        var outcome = Outcome(diagnostics: diagnostics.sortedForReport(), entries: result.files.count, parsed: result.parsedCount)
        outcome.work.parsed = result.parsedCount
        // Every stored parse when they were decoded as they were read (changed files' too),
        // else every file not parsed, was decoded; every file is linked.
        outcome.work.parsesDecoded = cache.decodedAsRead > 0 ? cache.decodedAsRead : result.files.count - result.parsedCount
        outcome.work.entriesLinked = result.files.count
        outcome.work.graphCopies = loaded.graphCopies
        outcome.notes = cache.skipped.all
        // A database another knowledge base's builds wrote (`--db` of another folder): said,
        // as the reads say it, not replaced in silence (a folder moved says so once).
        let root = options.root.standardizedFileURL.resolvingSymlinksInPath().path
        let foreign = cache.state["root"].flatMap { other in
            other.isEmpty || other == root
                ? nil : "the database '\(options.database.path)' was last built from '\(other)'; it now holds the knowledge base in '\(root)'"
        }
        if let foreign { outcome.warnings.append(foreign) }
        switch history {
        case .none: outcome.notes.append("no git repository: the site has no recorded time")
        case .off: outcome.notes.append("recorded time is off (recorded_time: false in Site/config.yml)")
        case .failed(let why): outcome.warnings.append("recorded time: \(why); building without it")
        case .history(let recorded):
            // A commit dated after today (a wrong clock): its changes would be news from the future.
            // The oldest such: the commits after it count from its day, and were named for it.
            if let wrong = recorded.commits.last(where: { $0.date > options.today.text }) {
                // Those after it dated later still count from their own day, each after today too.
                let later = recorded.commits.prefix { $0.hash != wrong.hash }
                let after = later.filter { $0.date == wrong.date }.count
                let beyond = later.filter { $0.date > wrong.date }
                var counted = ""
                if after == 1 { counted = ", and the commit after it counts from that day" }
                if after > 1 { counted = ", and the \(after) commits after it count from that day" }
                var dated = ""
                if let newest = beyond.first {
                    dated =
                        beyond.count == 1
                        ? "; so is \(newest.short), dated \(newest.date)"
                        : "; so are \(beyond.count) later commits, the newest \(newest.short) dated \(newest.date)"
                }
                // A site as of a day before it leaves it out: no page says its changes then.
                let shown =
                    options.asOf.flatMap {
                        wrong.date > $0.end ? ": a site as of \($0.text) leaves it out; today's would say its changes on that day" : nil
                    }
                    ?? ": What's new and the feeds say their changes on that day"
                outcome.warnings.append(
                    "recorded time: commit \(wrong.short) is dated \(wrong.date), after today (\(options.today.text))\(counted)\(dated)"
                        + "\(shown) (was the clock it was made with wrong?)")
            }
        }
        guard !diagnostics.hasErrors, let theme = loaded.theme else { return outcome }
        guard let graphMade = loaded.graph else { preconditionFailure("a clean load starts writing the graph") }
        // A site as of a day shows the commits made by then (as later-dated entries are left
        // out), whatever the day: one dated after it, by a wrong clock, stayed in a site as of
        // today or later; what is being edited is still marked.
        let shownHistory = options.asOf.flatMap { history.value?.committed(by: $0.end, keepingUncommitted: true) } ?? history.value
        if !loaded.blockProblems.isEmpty {
            graphMade.abandon()
            // What the render would say besides (a file at a path the site writes, a name no
            // view has), as `vane check` says it: every problem in one run.
            var found = SiteBuilder.dryRun(loaded.shown, theme: theme, asOf: asOf, blocks: loaded.blocks, history: shownHistory)
            if options.strict { found = found.promotingWarnings() }
            outcome.diagnostics = (diagnostics + loaded.blockProblems + found).sortedForReport()
            return outcome
        }
        let blocks = loaded.blocks
        options.progress?("rendering")
        let pages = loaded.shown
        let themeKey = String(theme.fingerprint)
        // The fingerprints describe the files of the output the last build wrote: of
        // another folder (`--out`), or one something else wrote since (`--known-at`, a
        // build with another `--db`, or of another knowledge base: its folders are not as
        // this build left them), every file is built again.
        let output = options.output.standardizedFileURL.path
        let ownOutput = cache.state["output"] == output && OutputStamp.holds(cache.state["output-stamp"], options.output)
        let keptFingerprints = ownOutput ? cache.pages : [:]
        let sharesBoard = loaded.showsWhole
        var renderTime = Timings()
        let rendered = Result { () throws(OutputError) in
            try renderTime.measure("render") { () throws(OutputError) in
                try SiteBuilder.render(
                    pages, theme: theme, asOf: asOf, to: options.output, previous: keptFingerprints, blocks: blocks,
                    history: shownHistory,
                    frameReads: cache.state["theme"] == themeKey ? FastPath.decodeReads(cache.state["frame-reads"]) : [:],
                    boardMade: sharesBoard ? graphMade.share : nil, exitsAfter: options.exitsAfter, today: options.today)
            }
        }
        graphMade.renderEnded()
        let (graph, statusBoard, boardRows, graphTime) = graphMade.value
        defer { if options.exitsAfter { LeftToExit.keep(rendered, graph) } }
        timings.append(renderTime)
        let staged: OutputDirectory
        let report: SiteBuilder.Report
        do {
            (staged, report) = try rendered.get()
            timings.append(report.timings)
            timings.append(graphTime)
            outcome.builtOutputs = report.builtOutputs
        } catch {
            timings.append(graphTime)
            (try? graph.get())?.discard()
            // Files of Content/ where the site writes its own are the content's problems:
            // counted and said at each file, as `vane check` says them.
            if case .collides(let clashes) = error {
                outcome.diagnostics = (diagnostics + clashes.map(\.diagnostic)).sortedForReport()
            } else {
                outcome.failure = .output(error)
            }
            outcome.timings = timings
            return outcome
        }
        // The names a theme's templates use that no view model has: found by rendering, so
        // when only some pages were rendered with the same theme, those of the last build,
        // and those the pages rendered now miss that no page of an earlier build found (a
        // page that shows a name for the first time: `--strict` passed, and the warning was
        // lost until a full render).
        let sameTheme = cache.state["theme"] == themeKey
        let earlierFound = sameTheme ? FastPath.decodeReads(cache.state["theme-found"]) : [:]
        // What each page of the site missed: as rendered now, or as kept with its page (a
        // warning a page no longer gives went on being said, and `--strict` failed where a
        // full build passed). Known whole after a full render, and kept whole from then on.
        let keptMisses = sameTheme ? ThemeMisses.decode(cache.state["theme-missed"]) : nil
        var pageMisses = report.missedByPage.filter { !$0.value.isEmpty }
        if let keptMisses {
            for (path, missed) in keptMisses where report.fingerprints[path] != nil && report.missedByPage[path] == nil { pageMisses[path] = missed }
        }
        let missesKnown = report.pagesRendered == report.pages || keptMisses != nil
        let themeWarnings = ThemeMisses.warnings(
            report, theme: theme, kept: keptMisses, pages: pageMisses, sameTheme: sameTheme, state: cache.state,
            earlierFound: earlierFound)
        // A partial cut where it nested too deep is an error: the pages it cut are wrong.
        if options.strict && !themeWarnings.isEmpty || themeWarnings.contains(where: { $0.severity == .error }) {
            staged.discard()
            (try? graph.get())?.discard()
            outcome.diagnostics = (diagnostics + themeWarnings.promotingWarnings()).sortedForReport()
            return outcome
        }
        diagnostics += themeWarnings
        outcome.diagnostics = diagnostics.sortedForReport()
        outcome.work.outputsConsidered = report.considered
        outcome.work.outputsBuilt = report.built
        outcome.work.filesWritten = report.written
        let prepared: PreparedGraph
        do {
            prepared = try graph.get()
        } catch {
            staged.discard()
            outcome.failure = .database(error)
            outcome.timings = timings
            return outcome
        }
        do {
            // The site goes in first, then the database: each swap is atomic on its own.
            if options.publishDatabase {
                // The last published copy stays visible until the new one replaces it.
                _ = staged.keep(PublishedDatabase.databaseName)
                _ = staged.keep(PublishedDatabase.metadataName)
            }
            try timings.measure("swap") { () throws(OutputError) in try staged.commit() }
        } catch {
            prepared.discard()
            outcome.failure = .output(error)
            outcome.timings = timings
            return outcome
        }
        options.progress?("writing the database")
        let stamp = OutputStamp.take(options.output) ?? ""
        do {
            try timings.measure("database") { () throws(GraphStoreError) in
                let state = [
                    "inputs": inputs, "pages": String(report.pages), "entries": String(result.files.count),
                    "diagnostics": FastPath.encode(diagnostics.filter { $0.severity != .error }),
                    // Said again by every build that finds nothing changed, as the diagnostics are.
                    "warnings": CanonicalJSON.text(outcome.warnings.filter { $0 != foreign }, fallback: "[]"),
                    "history": history.value.map { CanonicalJSON.text($0, fallback: "") } ?? "",
                    "history-failed": { if case .failed = history { "1" } else { "" } }(),
                    "theme": themeKey, "theme-warnings": FastPath.encode(themeWarnings),
                    "theme-missed": missesKnown ? ThemeMisses.encode(pageMisses) : "",
                    "frame-reads": CanonicalJSON.text(report.frameReads.mapValues { $0.sorted() }, fallback: "{}"),
                    // A full render's own (a name only a page since removed found is found no more).
                    "theme-found": CanonicalJSON.text(
                        (report.pagesRendered == report.pages ? report.foundNames : report.foundNames.merging(earlierFound) { $0.union($1) })
                            .mapValues { $0.sorted() }, fallback: "{}"),
                    "parser-settings": ContentLoader.settingsDigest(result.knowledgeBase.config), "started": String(started),
                    "content-digest": contentDigest(result).description, "content-newest": String(contentNewest(result)),
                    // What a build of an edit to bodies alone needs to know (`BodyEdits`).
                    "live-blocks": String(blocks.values.reduce(0) { $0 + $1.count }),
                    "body-spans": cache.state["body-spans"] == "complete" || report.builtEverything ? "complete" : "",
                    "pending-splice": "", "output": output, "output-stamp": stamp,
                    // Reads say when the settings changed since (they answer from this graph).
                    "settings-stamp": settingsStamp,
                    // Reads of this graph from another folder say so (`--db`).
                    "root": root,
                ].merging(statusBoard) { a, _ in a }
                let record = BuildRecord(
                    pages: report.fingerprints, state: state, spans: report.spans.mapValues(OutputSpans.init), board: boardRows?.board,
                    exposure: boardRows?.exposure)
                outcome.work.rowsWritten = try prepared.finish(record)
            }
            outcome.pages = report.pages
            outcome.pagesRendered = report.pagesRendered
        } catch {
            // The site the database describes goes back in: a failed build changes nothing.
            staged.undo()
            outcome.failure = .database(error)
        }
        if options.publishDatabase && outcome.failure == nil {
            do {
                try timings.measure("publish") {
                    try PublishedDatabase.publish(options.database, into: options.output, config: result.knowledgeBase.config, asOf: asOf)
                }
                // Publishing wrote into the output's own folder, whose time the next build would
                // take for another tool's hand (and render every page again).
                if let restamped = OutputStamp.restamped(stamp, folders: [""], options.output) {
                    try? GraphStore.setState(["output-stamp": restamped], at: options.database)
                }
            } catch {
                outcome.failure = .publish("\(error)")
            }
        }
        // The old site, removed while the database was written.
        timings.measure("cleanup") { OutputDirectory.finishRemovals() }
        outcome.timings = timings
        return outcome
    }

    /// What the build read of `Content/` (entries and assets), as a read command walks it.
    static func contentDigest(_ result: LoadResult) -> TreeDigest {
        let prefix = "Content/".count
        let parsed = result.files
        let files = parsed.indices.map { i in
            (relative: String(parsed[i].path.dropFirst(prefix)), size: parsed[i].size, modified: parsed[i].modified)
        }
        let assets = result.assetFiles.map { (relative: String($0.path.dropFirst(prefix)), size: $0.size, modified: $0.modified) }
        return TreeDigest(files: files + assets)
    }

    /// The newest modification time among the files the build read of `Content/`.
    static func contentNewest(_ result: LoadResult) -> Int64 {
        let parsed = result.files
        return (parsed.indices.map { parsed[$0].modified } + result.assetFiles.map(\.modified)).max() ?? 0
    }

    /// The outcome of a build that changed no entry's front matter or links: the last
    /// build's warnings (errors stop a build) and counts, as it stored them.
    static func repeating(_ state: [String: String], options: Options, parsed: Int) -> Outcome {
        var diagnostics = FastPath.decode(state["diagnostics"])
        if options.strict { diagnostics = diagnostics.promotingWarnings() }
        var outcome = Outcome(diagnostics: diagnostics.sortedForReport(), entries: Int(state["entries"] ?? "") ?? 0, parsed: parsed)
        outcome.pages = Int(state["pages"] ?? "") ?? 0
        // A commit dated after today still drives What's new: said as long as it does.
        outcome.warnings = (try? CanonicalJSON.decode([String].self, from: state["warnings"] ?? "[]")) ?? []
        return outcome
    }

    /// Marks the database's build as no longer describing its output folder, which a
    /// build of another knowledge base (a `--known-at` snapshot) has just written: its next
    /// build takes the full path and builds every file again.
    public static func forgetOutput(database: URL) throws(GraphStoreError) {
        guard FileManager.default.fileExists(atPath: database.path) else { return }
        try GraphStore.setState(["inputs": "", "output": ""], at: database)
    }

    /// Staging folders and databases left by a build that was killed; the lock is held,
    /// so none of them belongs to a running build.
    static func removeLeftovers(of options: Options) {
        let fm = FileManager.default
        for (target, marker) in [(options.output.standardizedFileURL, ".staging-"), (options.database.standardizedFileURL, ".tmp-")] {
            let folder = target.deletingLastPathComponent()
            let prefix = ".\(target.lastPathComponent)\(marker)"
            for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
                try? fm.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}

extension HistoryReader.Outcome {
    /// The reading, when there is one.
    public var value: RecordedHistory? {
        if case .history(let history) = self { return history }
        return nil
    }
}
