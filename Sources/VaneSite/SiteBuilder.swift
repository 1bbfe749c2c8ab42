import Foundation
import VaneContent
import VaneDiagnostics
import VaneHistory

/// Renders a loaded knowledge base into a static site: every page in parallel into a
/// staging folder, then swapped in whole.
public enum SiteBuilder {
    public struct Report: Sendable {
        /// Pages in the site.
        public var pages: Int
        /// Pages rendered in this build; the others were unchanged and kept as they were.
        public var pagesRendered: Int
        /// Page path → fingerprint, stored for the next build.
        public var fingerprints: [String: UInt64]
        /// Output files whose fingerprint was computed, and files written.
        public var considered = 0
        public var built = 0
        public var written = 0
        /// The names each page template read from the frame, in this build and (with the same
        /// theme) in earlier ones: pages of a template that read the counts follow them.
        public var frameReads: [String: Set<String>] = [:]
        /// Template → the names its renders found (for the names no view model has).
        public var foundNames: [String: Set<String>] = [:]
        /// Names the knowledge base's own templates used that no view model has.
        public var themeWarnings: [Diagnostic] = []
        /// Every page rendered in this build, with the names it looked up that no context had
        /// (template → name → the keys there; empty for most): a partial build judges the
        /// names by page, the pages kept with the misses they had when they were rendered.
        public var missedByPage: [String: TemplateMisses] = [:]
        /// The body spans of each output built in this build (none for most); the others
        /// keep those of the build that made them.
        public var spans: [String: [BodySpan]] = [:]
        /// Every page and generated file was built (none kept): its spans are all new.
        public var builtEverything = false
        /// The render's own steps, by name.
        public var timings = Timings()
        /// The outputs built, each with its time and whether its bytes changed: where a
        /// build's time went, for `--verbose` (an output built again to the same bytes was
        /// work a finer fingerprint would have spared).
        public var builtOutputs: [BuiltOutput] = []
    }

    public struct BuiltOutput: Sendable {
        public var path: String
        public var seconds: Double
        public var changed: Bool
    }

    /// Bump when rendering changes in a way fingerprints cannot see.
    public static let rendererVersion = "146"

    /// Renders into a staging folder and returns it, not yet committed. `frameReads`: what
    /// page templates read from the frame in earlier builds with this theme. A page whose
    /// fingerprint matches `previous` and whose file exists in the current output is
    /// hard-linked instead of rendered, so its bytes and modification time stay.
    /// `boardMade` hears of the status board as soon as the site model has it, before any
    /// page is rendered. With `exitsAfter`, the model and the page list are left to the
    /// process's exit (`LeftToExit`), not freed when this returns.
    public static func render(
        _ result: LoadResult, theme: Theme, asOf: FuzzyDate, to output: URL, previous: [String: UInt64] = [:],
        blocks: [String: [LiveBlockResult]] = [:], history: RecordedHistory? = nil, frameReads: [String: Set<String>] = [:],
        boardMade: (@Sendable (StatusBoard) -> Void)? = nil, exitsAfter: Bool = false, today: FuzzyDate? = nil
    ) throws(OutputError) -> (OutputDirectory, Report) {
        var timings = Timings()
        var model = timings.measure("site model") { SiteModel(result.knowledgeBase, theme: theme, asOf: asOf, blocks: blocks, history: history) }
        model.today = today
        boardMade?(model.board)
        let marks = BodyMarks()
        model.bodyMarks = marks
        let pages = timings.measure("page list") { model.pages() }
        // Every page says when the site is a projection (as of a day still to come).
        let projection = model.projection.map { "projection \($0.asOf.text) from \($0.today.text)" } ?? ""
        // The settings in canonical form: a description of their dictionaries (`status_labels`)
        // is in another order each run, and every page was rendered again in one build of two.
        let settings = CanonicalJSON.text(model.kb.config, fallback: "\(model.kb.config)")
        let global = StableHash.of(rendererVersion, String(theme.fingerprint), settings, projection)
        var fileHashes: [String: String] = [:]
        for i in result.files.indices { if let id = result.files[i].entry?.id { fileHashes[id] = result.files[i].hash } }
        let fingerprints = timings.measure("summaries") {
            PageFingerprints(model: model, fileHashes: fileHashes, global: global, frameReads: frameReads)
        }
        let out = try OutputDirectory(target: output)
        do throws(OutputError) {
            let computed = ResultSlots<(whole: UInt64, onBoards: UInt64)>(count: pages.count)
            var pageFingerprints: [UInt64] = []
            timings.measure("fingerprints") {
                DispatchQueue.concurrentPerform(iterations: pages.count) { i in computed[i] = fingerprints.parts(of: pages[i]) }
                let parts = computed.values
                pageFingerprints = parts.map(\.whole)
                // The status pages are made of what they show of their products' pages: after them.
                let byPath = Dictionary(zip(pages.map(\.path), parts.map(\.onBoards)), uniquingKeysWith: { a, _ in a })
                for i in pages.indices {
                    guard case .status(let vendor) = pages[i].content else { continue }
                    pageFingerprints[i] = fingerprints.fingerprint(ofStatus: pages[i], vendor: vendor, entryPages: byPath)
                }
            }
            let misses = Locked<[String: TemplateMisses]>([:])
            let ownNames = theme.namesInOwnTemplates()
            let pageFiles = zip(pages, pageFingerprints).map { page, fingerprint in
                OutputFile(path: page.path, fingerprint: fingerprint) {
                    let (text, missed) = theme.renderTracked(model.view(for: page), template: page.template, ownNames: ownNames)
                    misses.withLock { $0[page.path] = missed }
                    guard case .entry(let id) = page.content, let e = model.kb.entry(id) else {
                        return TracedOutput(data: Data(text.utf8), spans: [])
                    }
                    return marks.extract(text, entry: id, body: BodyHTML(e, model: model, root: "../"))
                }
            }
            let spans = Locked<[String: [BodySpan]]>([:])
            let eventPages = Dictionary(uniqueKeysWithValues: pageFiles.filter { $0.path.hasPrefix("events/") }.map { ($0.path, $0.fingerprint) })
            let extras = timings.measure("feed list") {
                SiteExtras(model: model, fingerprints: fingerprints, eventPages: eventPages).files(pages: pages.map(\.path))
            }
            defer { if exitsAfter { LeftToExit.keep(model, pages, fingerprints, pageFiles, extras, eventPages) } }
            // A file of Content/ never replaces one the site writes (robots.txt, a feed): it
            // stayed in the output after it was removed, unlike a full build's.
            let clashes = collisions(result.assetFiles, generated: generated(pages: pages.map(\.path), extras: extras.map(\.path), theme: theme))
            if !clashes.isEmpty { throw OutputError.collides(clashes) }
            // One pass over the feeds and the pages, the feeds first: a few of them are the
            // largest files (the whole graph's JSON, the calendar), and started last they
            // kept one core busy after the other had run out of pages.
            let builtOutputs = Locked<[BuiltOutput]>([])
            let (extrasBuilt, rendered) = try timings.measure("pages and feeds") { () throws(OutputError) in
                try emit(extras + pageFiles, split: extras.count, into: out, previous: previous, spans: spans, built: builtOutputs)
            }
            for (name, data) in theme.assets { try out.write(data, to: "assets/" + name, keepingIfSame: true) }
            let stored = Dictionary((pageFiles + extras).map { ($0.path, $0.fingerprint) }, uniquingKeysWith: { a, _ in a })
            for asset in result.assetFiles {
                var data = Data()
                try OutputError.wrap("read", asset.location) { data = try Data(contentsOf: asset.url) }
                try out.write(data, to: asset.contentRelativePath, keepingIfSame: true)
            }
            var report = Report(pages: pages.count, pagesRendered: rendered, fingerprints: stored)
            report.themeWarnings = theme.unknownNames() + theme.endlessNesting()
            report.frameReads = theme.library.frameReads.value.merging(frameReads) { $0.union($1) }
            report.foundNames = theme.library.lookups.foundNames
            report.missedByPage = misses.value
            report.considered = pageFiles.count + extras.count + theme.assets.count + result.assetFiles.count
            report.written = out.written.value
            report.built = rendered + extrasBuilt
            report.spans = spans.value
            report.builtEverything = rendered == pageFiles.count && extrasBuilt == extras.count
            report.timings = timings
            report.builtOutputs = builtOutputs.value
            return (out, report)
        } catch {
            out.discard()
            throw error
        }
    }

    /// The files of `Content/` (other than entries) at a path the site writes itself, each
    /// with what it would replace: a generated file; a folder of them, for a file where the
    /// site makes a folder (`Content/feeds` took the place of every feed); a generated file,
    /// for a file under a folder named as it (`Content/index.html/a.txt` failed the build
    /// with a staging folder's path).
    static func collisions(_ assets: [ContentFile], generated: Set<String>) -> [OutputError.Collision] {
        guard !assets.isEmpty else { return [] }
        var folders: Set<Substring> = []
        for path in generated {
            var from = path.startIndex
            while let slash = path[from...].firstIndex(of: "/") {
                folders.insert(path[..<slash])
                from = path.index(after: slash)
            }
        }
        return assets.compactMap { asset in
            let path = asset.contentRelativePath
            if generated.contains(path) { return OutputError.Collision(source: asset.path, output: path) }
            if folders.contains(Substring(path)) { return OutputError.Collision(source: asset.path, output: path + "/") }
            let parents = path.indices.filter { path[$0] == "/" }.map { String(path[..<$0]) }
            return parents.first(where: generated.contains).map { OutputError.Collision(source: asset.path, output: $0) }
        }
    }

    static func generated(pages: [String], extras: [String], theme: Theme) -> Set<String> {
        Set(pages).union(extras).union(theme.assets.keys.map { "assets/" + $0 })
    }

    /// Whether `dryRun` can find anything: files of `Content/` besides entries, or templates
    /// of the knowledge base's own.
    public static func dryRunFinds(_ result: LoadResult, theme: Theme) -> Bool {
        !result.assetFiles.isEmpty || !theme.overridden.isEmpty
    }

    /// What a build would say once it renders, said without writing a file (for `vane
    /// check`): the files of `Content/` at a path the site writes itself, and the names the
    /// knowledge base's own templates use that no view model has (every page is rendered
    /// in memory, as a full build renders it). Neither is looked for when it cannot arise
    /// (`dryRunFinds`).
    public static func dryRun(
        _ result: LoadResult, theme: Theme, asOf: FuzzyDate, blocks: [String: [LiveBlockResult]] = [:], history: RecordedHistory? = nil
    ) -> [Diagnostic] {
        let ownTemplates = !theme.overridden.isEmpty
        guard dryRunFinds(result, theme: theme) else { return [] }
        let model = SiteModel(result.knowledgeBase, theme: theme, asOf: asOf, blocks: blocks, history: history)
        let pages = model.pages()
        var found: [Diagnostic] = []
        if !result.assetFiles.isEmpty {
            let fingerprints = PageFingerprints(model: model, fileHashes: [:], global: 0, frameReads: [:])
            let extras = SiteExtras(model: model, fingerprints: fingerprints, eventPages: [:]).files(pages: pages.map(\.path)).map(\.path)
            let clashes = collisions(result.assetFiles, generated: generated(pages: pages.map(\.path), extras: extras, theme: theme))
            found += clashes.map(\.diagnostic)
        }
        if ownTemplates {
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                _ = theme.render(model.view(for: pages[i]), template: pages[i].template)
            }
            found += theme.unknownNames() + theme.endlessNesting()
        }
        return found
    }

    /// Builds, on all cores, every file whose fingerprint changed or whose old copy is
    /// missing; keeps the others. Returns how many were built before `split` and after it.
    private static func emit(
        _ files: [OutputFile], split: Int, into out: OutputDirectory, previous: [String: UInt64], spans: Locked<[String: [BodySpan]]>,
        built outputs: Locked<[BuiltOutput]>
    ) throws(OutputError) -> (Int, Int) {
        let failures = Locked<[OutputError]>([])
        let built = Locked((0, 0))
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            if previous[file.path] == file.fingerprint, out.keep(file.path) { return }
            built.withLock { if i < split { $0.0 += 1 } else { $0.1 += 1 } }
            do throws(OutputError) {
                let began = DispatchTime.now().uptimeNanoseconds
                let made = file.make()
                spans.withLock { $0[file.path] = made.spans }
                let changed = try out.write(made.data, to: file.path, keepingIfSame: true)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
                outputs.withLock { $0.append(BuiltOutput(path: file.path, seconds: seconds, changed: changed)) }
            } catch {
                failures.withLock { $0.append(error) }
            }
        }
        if let first = failures.value.first { throw first }
        return built.value
    }
}

/// A file of the output: its path, a fingerprint of what it is built from, and how to
/// build it (only when the fingerprint changed since the last build).
struct OutputFile: @unchecked Sendable {
    var path: String
    var fingerprint: UInt64
    /// Reads only the immutable site model and theme, so it may run on any thread.
    var make: () -> TracedOutput

    init(path: String, fingerprint: UInt64, make: @escaping () -> TracedOutput) {
        (self.path, self.fingerprint, self.make) = (path, fingerprint, make)
    }

    /// A file that shows no body.
    init(path: String, fingerprint: UInt64, make: @escaping () -> Data) {
        self.init(path: path, fingerprint: fingerprint) { TracedOutput(data: make(), spans: []) }
    }
}

extension SiteModel {
    /// The model every page of a site is rendered from, whether into files (a build) or
    /// into memory (the preview of `vane serve`).
    init(_ kb: KnowledgeBase, theme: Theme, asOf: FuzzyDate, blocks: [String: [LiveBlockResult]], history: RecordedHistory?) {
        self.init(kb, asOf: asOf)
        dress(theme: theme, blocks: blocks, history: history)
    }

    /// The same from `previous`'s model, when `kb` differs from its knowledge base only as
    /// `relink` says (see `init(_:updating:relink:)`); nil when that cannot be done.
    init?(
        _ kb: KnowledgeBase, theme: Theme, blocks: [String: [LiveBlockResult]], history: RecordedHistory?, updating previous: SiteModel,
        relink: Relink
    ) {
        self.init(kb, updating: previous, relink: relink)
        dress(theme: theme, blocks: blocks, history: history)
    }

    /// What a model reads besides the knowledge base: the blocks' results, recorded time, the theme.
    private mutating func dress(theme: Theme, blocks: [String: [LiveBlockResult]], history: RecordedHistory?) {
        liveBlocks = blocks
        self.history = history
        renderTemplate = { theme.render($0, template: $1) }
        stylesheet = theme.assets["style.css"].map { String(decoding: $0, as: UTF8.self) }
    }
}
