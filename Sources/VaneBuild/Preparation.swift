import Foundation
import GRDB
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneHistory
import VaneSite

extension Pipeline {
    /// What the site is rendered from: the steps a build and the resident preview of
    /// `vane serve` share, from reading `Content/` to running the `vane` blocks.
    public struct Prepared: Sendable {
        /// The knowledge base as loaded and linked.
        public var result: LoadResult
        /// The knowledge base as the site shows it: cut at `asOf` when one was asked for.
        public var shown: LoadResult
        public var theme: Theme?
        /// The day the site shows statuses at.
        public var asOf: FuzzyDate
        /// The content's and the theme's problems, `--strict` applied.
        public var diagnostics: [Diagnostic]
        public var history: HistoryReader.Outcome
        public var blocks: [String: [LiveBlockResult]] = [:]
        /// Problems of the `vane` blocks; they run only when everything else checked clean.
        public var blockProblems: [Diagnostic] = []
        public var timings = Timings()
        /// The files of `Site/` as they were listed for the theme.
        public var siteFiles: [DirectoryWalker.Found] = []
        /// The theme's problems, as it was loaded (before `--strict`).
        public var themeDiagnostics: [Diagnostic] = []
        /// Whether the site shows the whole knowledge base: no `asOf` asked for, or nothing
        /// after it (`KnowledgeBase.standsWhole`).
        public var showsWhole = true
        /// The graph a build started writing once all was clean (see `prepare`).
        var graph: GraphBeingWritten?
        /// Copies of the graph made in memory for the blocks (see `LiveBlocks`).
        public var graphCopies = 0

        /// Runs the blocks of `shown`; `graph` gives the graph `query` and `changes` read
        /// (nil for a copy in memory).
        mutating func runBlocks(_ timings: inout Timings, graph: (@Sendable (_ searching: Bool) -> DatabaseQueue?)?) {
            let ran = timings.measure("blocks") { LiveBlocks.run(shown, asOf: asOf, built: graph) }
            (blocks, blockProblems, graphCopies) = (ran.results, ran.problems, ran.graphCopies)
        }

        /// Whether there is a site to render: no error anywhere and a theme.
        public var canRender: Bool { theme != nil && !diagnostics.hasErrors && blockProblems.isEmpty }
    }

    /// Loads `Content/` through `cache`, the theme and recorded time (`history`: the last
    /// reading, kept while HEAD has not moved), then runs the blocks when all is clean.
    /// `scanned`: what `Content/` holds, when known without a walk (so `Site/` is as it
    /// was); `last`: the last preparation, held in memory, whose link is redone only for
    /// what changed, and whose theme is kept when `scanned` says `Site/` is as it was;
    /// `touched`: the files written since `last` (with `scanned`), the only ones read.
    /// The blocks that query the graph read a copy of it in memory.
    public static func prepare(
        _ options: Options, cache: any ParseCache, history previous: RecordedHistory?, siteFiles: [DirectoryWalker.Found]? = nil,
        scanned: ContentScan? = nil, last: Prepared? = nil, touched: Set<String>? = nil
    ) -> Prepared {
        prepare(options, cache: cache, history: previous, siteFiles: siteFiles, scanned: scanned, last: last, touched: touched, graph: .copy)
    }

    /// The graph the `vane` blocks that query it read, when the site shows the whole
    /// knowledge base (under an `asOf` that cuts it, they read a copy of the cut one).
    enum BlockGraph {
        /// A copy in memory (`prepare` and `prepareFromLastBuild` without a graph).
        case copy
        /// A build's: the graph it starts writing once everything but the blocks checked
        /// clean, given the knowledge base and whether the site shows it whole.
        case building((LoadResult, Bool) -> GraphBeingWritten)
        /// The preview's, kept in memory and brought up to date.
        case resident(GraphInMemory)
    }

    static func prepare(
        _ options: Options, cache: any ParseCache, history previous: RecordedHistory?, siteFiles: [DirectoryWalker.Found]? = nil,
        scanned: ContentScan? = nil, last: Prepared? = nil, touched: Set<String>? = nil, graph source: BlockGraph
    ) -> Prepared {
        var timings = Timings()
        let kept = scanned != nil ? last : nil
        let siteFiles = siteFiles ?? kept?.siteFiles ?? Theme.siteFiles(root: options.root)
        options.progress?("reading Content/")
        let result = ContentLoader.load(
            root: options.root, cache: cache, scanned: scanned, previous: last?.result, touched: touched, today: options.today)
        timings.append(result.timings)
        let (theme, themeDiagnostics) =
            kept.map { ($0.theme, $0.themeDiagnostics) } ?? timings.measure("theme") { Theme.load(root: options.root, siteFiles: siteFiles) }
        var diagnostics = (result.diagnostics + themeDiagnostics + LiveBlocks.savedQueryProblems(result.knowledgeBase)).sortedForReport()
        if options.strict { diagnostics = diagnostics.promotingWarnings() }
        let history = timings.measure("history") { recordedHistory(options, kb: result.knowledgeBase, previous: previous) }
        var shown = result
        var whole = true
        if let asOf = options.asOf {
            (shown.knowledgeBase, whole) = result.knowledgeBase.cut(at: asOf)
        } else {
            (shown.knowledgeBase, whole) = result.knowledgeBase.verdicts(asOf: options.today)
        }
        // The preview updates its model from a local link of the whole knowledge base only.
        if !whole { shown.relinked = nil }
        let asOf = options.asOf ?? options.today
        // The blocks run on a clean knowledge base only; their SQL is checked with the rest.
        if diagnostics.hasErrors { diagnostics = (diagnostics + LiveBlocks.problemsBeforeRunning(shown.knowledgeBase)).sortedForReport() }
        var prepared = Prepared(result: result, shown: shown, theme: theme, asOf: asOf, diagnostics: diagnostics, history: history)
        prepared.showsWhole = whole
        if !diagnostics.hasErrors && theme != nil {
            var read: (@Sendable (_ searching: Bool) -> DatabaseQueue?)?
            switch source {
            case .copy: break
            case .building(let start):
                let graph = start(result, whole)
                prepared.graph = graph
                read = { _ in graph.database }
            case .resident(let graph): read = graph.blockGraph(result)
            }
            options.progress?("running vane blocks")
            prepared.runBlocks(&timings, graph: whole ? read : nil)
        }
        prepared.timings = timings
        prepared.siteFiles = siteFiles
        prepared.themeDiagnostics = themeDiagnostics
        return prepared
    }

    /// `prepare` from what the last build stored: its parses and its reading of recorded time.
    public static func prepareFromLastBuild(_ options: Options) -> Prepared { prepareFromLastBuild(options, graph: .copy) }

    static func prepareFromLastBuild(_ options: Options, graph: BlockGraph) -> Prepared {
        let cache = DatabaseParseCache(url: options.database, settings: parserSettings(options))
        return prepare(options, cache: cache, history: storedHistory(cache.state["history"]), graph: graph)
    }

    /// Recorded time, the last reading's when HEAD has not moved.
    static func recordedHistory(_ options: Options, kb: KnowledgeBase, previous: RecordedHistory?) -> HistoryReader.Outcome {
        // A site as recorded earlier is made from that day's `Site/`, but whether the
        // commits are a record is today's say: turned off now, they are not one then either.
        if options.knownAt != nil, let today = options.historyRoot, SiteConfigLoader.load(root: today).0.recordedTime == nil { return .off }
        let outcome = HistoryReader.read(
            root: options.historyRoot ?? options.root, config: kb.config, cached: options.knownAt == nil ? previous : nil, names: kb.aliases,
            events: kb.entries(of: .event), products: RecordedProducts(successors: kb.successors, channels: kb.channels))
        guard let knownAt = options.knownAt, case .history(let history) = outcome else { return outcome }
        return .history(history.knownAt(knownAt.end))
    }

    /// The reading of recorded time a build stored, when this version of vane wrote it.
    static func storedHistory(_ text: String?) -> RecordedHistory? {
        text.flatMap { try? JSONDecoder().decode(RecordedHistory.self, from: Data($0.utf8)) }
            .flatMap { $0.version == RecordedHistory.currentVersion ? $0 : nil }
    }
}

extension GraphInMemory {
    /// The graph `query` and `changes` blocks read for `result`, with the text index once a
    /// block searches text (nil if it cannot be written: they read a copy, which fails as
    /// it would).
    func blockGraph(_ result: LoadResult) -> @Sendable (_ searching: Bool) -> DatabaseQueue? {
        { searching in try? self.queue(for: result, searching: searching) }
    }
}
