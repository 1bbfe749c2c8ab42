import Foundation
import VaneContent
import VaneDiagnostics
import VaneGraph

/// `vane build` and `vane check` as library calls: load, check, and (for a build)
/// write the database and the site, only when everything succeeded.
public enum Pipeline {
    public struct Options: Sendable {
        public var root: URL
        public var database: URL
        public var output: URL
        public var strict: Bool
        /// The site as it stood at the end of this period; nil for today.
        public var asOf: FuzzyDate?

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
        public var failure: String?

        public var succeeded: Bool { failure == nil && !diagnostics.hasErrors }
    }

    /// Loads and checks; writes nothing.
    public static func check(_ options: Options) -> Outcome {
        let result = ContentLoader.load(root: options.root, cache: DatabaseParseCache(url: options.database))
        var diagnostics = result.diagnostics + Theme.load(root: options.root).1
        if options.strict { diagnostics = diagnostics.promotingWarnings() }
        return Outcome(diagnostics: diagnostics.sortedForReport(), entries: result.files.count, parsed: result.parsedCount)
    }

    /// Loads, checks, renders aside, then swaps in the database and the site.
    public static func build(_ options: Options) -> Outcome {
        let result = ContentLoader.load(root: options.root, cache: DatabaseParseCache(url: options.database))
        let (theme, themeDiagnostics) = Theme.load(root: options.root)
        var diagnostics = result.diagnostics + themeDiagnostics
        if options.strict { diagnostics = diagnostics.promotingWarnings() }
        var outcome = Outcome(diagnostics: diagnostics.sortedForReport(), entries: result.files.count, parsed: result.parsedCount)
        guard !diagnostics.hasErrors, let theme else { return outcome }
        do {
            var shown = result
            if let asOf = options.asOf { shown.knowledgeBase = result.knowledgeBase.asOf(asOf) }
            let (staged, report) = try SiteBuilder.render(shown, theme: theme, asOf: options.asOf ?? .today(), to: options.output)
            do {
                try GraphStore.write(result, to: options.database)
            } catch {
                staged.discard()
                throw error
            }
            try staged.commit()
            outcome.pages = report.pagesRendered
        } catch {
            outcome.failure = "\(error)"
        }
        return outcome
    }
}
