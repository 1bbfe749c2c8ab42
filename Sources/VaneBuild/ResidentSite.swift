import Foundation
import VaneContent
import VaneDiagnostics
import VaneHistory
import VaneSite

/// The knowledge base as `vane serve` keeps it between edits: the last load's parses and
/// reading of recorded time, and the site as a `SitePreview` that pages are served from.
/// An edit parses the files it touched, links again and shows the pages asked for; the
/// output folder and the database follow in the background (`vane serve` builds them).
public final class ResidentSite: Sendable {
    /// What one load found.
    public struct Load: Sendable {
        public var diagnostics: [Diagnostic]
        public var succeeded: Bool
        /// Whether anything the site is made from changed since the last load.
        public var changed: Bool
        public var parsed: Int
        public var seconds: Double
        public var timings: Timings
    }

    private struct Memory: Sendable {
        var parses: MemoryParseCache
        var history: RecordedHistory?
        var inputs: TreeDigest
        var asOf: FuzzyDate
    }

    public let options: Pipeline.Options
    private let current = Locked<SitePreview?>(nil)
    private let memory = Locked<Memory?>(nil)

    public init(_ options: Pipeline.Options) { self.options = options }

    /// The site being served; nil until a load succeeded.
    public var preview: SitePreview? { current.value }

    /// Loads again (the first time from what the last build stored) and, when the
    /// result can be rendered and differs, makes it the site served. `today`: the day
    /// statuses are shown at without `asOf`, read at each load, so a preview left running
    /// overnight moves on with the next edit.
    public func load(today: FuzzyDate = .today()) -> Load {
        var options = self.options
        options.today = today
        let began = Date()
        let started = Int64(began.timeIntervalSince1970 * 1e9)
        let last = memory.value
        let prepared =
            last.map { Pipeline.prepare(options, cache: $0.parses, history: $0.history) } ?? Pipeline.prepareFromLastBuild(options)
        let inputs = Self.inputs(prepared)
        let replaced = memory.withLock { kept in
            defer {
                kept = Memory(
                    parses: MemoryParseCache(prepared.result, started: started), history: prepared.history.value, inputs: inputs,
                    asOf: prepared.asOf)
            }
            return kept
        }
        // A file read again under the racy-clean rule counts as a change, whatever its digest.
        let changed = last?.inputs != inputs || last?.asOf != prepared.asOf || prepared.result.parsedCount > 0
        let diagnostics = (prepared.diagnostics + prepared.blockProblems).sortedForReport()
        var timings = prepared.timings
        if prepared.canRender, changed || current.value == nil, let theme = prepared.theme {
            let preview = timings.measure("site model") {
                SitePreview(prepared.shown, theme: theme, asOf: prepared.asOf, blocks: prepared.blocks, history: prepared.history.value)
            }
            let shown = current.withLock { served in
                defer { served = preview }
                return served
            }
            Self.releaseLater((replaced, shown))
        } else {
            Self.releaseLater(replaced)
        }
        return Load(
            diagnostics: diagnostics, succeeded: prepared.canRender, changed: changed, parsed: prepared.result.parsedCount,
            seconds: Date().timeIntervalSince(began), timings: timings)
    }

    /// Frees what the last load held on another thread: tens of thousands of entries take
    /// a while to let go of, and the page waiting for this load need not wait for that.
    private static func releaseLater(_ value: some Sendable) {
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
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
