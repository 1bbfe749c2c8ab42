import ArgumentParser
import Foundation
import VaneContent
import VaneDiagnostics
import VaneQuery

extension OutputFormat: ExpressibleByArgument {}

extension Vane {
    struct Query: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "query",
            abstract: "List events, claims, sources or entities, filtered.")

        enum Kind: String, ExpressibleByArgument, CaseIterable {
            case events, claims, sources, entities
        }

        @OptionGroup var kb: KnowledgeBaseOptions

        // Text, not `Kind`: a mistyped kind gets this tool's own "did you mean" error (exit 64).
        @Argument(help: "What to list: events, claims, sources or entities.", completion: .list(Kind.allCases.map(\.rawValue)))
        var kind: String

        @OptionGroup var scope: EntityOption

        @Option(help: "Only entries of this type (e.g. launch, commitment, model).")
        var type: String?

        @Option(help: "Only entries dated in or after this period (2025, 2025-Q3, 2025-06, 2025-06-01).")
        var since: String?

        @Option(help: "Only entries dated in or before this period.")
        var until: String?

        @Option(help: "Only entries with this tag.")
        var tag: String?

        // Taken whatever it starts with: words typed as in the search box may start with `-`.
        @Option(
            parsing: .unconditional,
            help: "Full-text search over titles, bodies and aliases: every word, as a word or its start; \"…\" is a phrase; OR joins two terms.")
        var text: String?

        // Text, not `Verdict`: a mistyped verdict gets this tool's own "did you mean" error
        // (exit 64) rather than the parser's; shells still complete the names.
        @Option(help: "Claims only: the verdict (\(Verdict.names.joined(separator: ", "))).", completion: .list(Verdict.names))
        var verdict: String?

        @OptionGroup var recorded: RecordedOptions

        @OptionGroup var formatOption: FormatOption

        func run() throws {
            let (from, to) = (try since.map { try parsePeriod($0, option: "--since") }, try until.map { try parsePeriod($0, option: "--until") })
            // An empty window is a mistake, as `vane changes --from` after `--to` is (it was an empty list, exit 0).
            if let from, let to, from.start > to.end, let since, let until { throw UsageError("--since \(since) is after --until \(until)") }
            let filter = EntryFilter(entity: scope.entity, type: type, since: from, until: to, tag: tag, text: text, verdict: verdict)
            let names = Kind.allCases.map(\.rawValue)
            guard let kind = Kind(rawValue: kind) else {
                throw UsageError("unknown kind '\(kind)'\(Suggestion.hint(for: kind, in: names)); kinds are \(names.joined(separator: ", "))")
            }
            var reader = try open(kb, recorded)
            // A text of no word (`""`, `OR`) answers nothing: said, as the site's search says it.
            if let text, TextSearch.pattern(text) == nil {
                printLine("warning: --text '\(text)' has no word to search for, so nothing is found")
            }
            // A tag no entry has answers nothing: said, with the closest one (as a mistyped type is).
            if let tag, case let tags = try reader.allTags(), !tags.contains(where: { $0.lowercased() == tag.lowercased() }) {
                printLine("warning: no entry has the tag '\(tag)'\(Suggestion.hint(for: tag, in: tags))")
            }
            // The types `Site/config.yml` adds, read only when asked for (every read opens here;
            // `--known-at` reads the settings recorded then); its problems are the build's to say.
            if type != nil, try recorded.date == nil { reader.config = SiteConfigLoader.load(root: kb.rootURL).0 }
            switch kind {
            case .events: output(try reader.events(filter), as: formatOption.format)
            // A verdict reached after the day asked about was pending then, as `vane show` says.
            case .claims: output(try reader.claims(filter, today: try recorded.date ?? .today()), as: formatOption.format)
            case .sources: output(try reader.sources(filter), as: formatOption.format)
            case .entities: output(try reader.entities(filter), as: formatOption.format)
            }
        }
    }
}

/// Opens the database read-only, turning a missing or foreign file into a clear error,
/// and says when `Content/` has changed since the build the database is from.
func open(_ kb: KnowledgeBaseOptions) throws -> GraphReader {
    // A root mistyped: said as `vane build` and `vane check` say it, not as a database to build.
    try kb.requireRootFolder()
    let reader = try GraphReader(url: kb.databaseURL)
    // A graph no build of this folder wrote: its count of changed files would mean nothing
    // (a published copy has no list of files: every file read as changed).
    let state = (try? reader.buildState("started", "root")) ?? [:]
    if state["started"] == nil {
        printError(
            "warning: \(kb.db ?? "vane.sqlite") holds no build's state (a copy published by vane build --publish-db?): its answers are not checked against Content/"
        )
        return reader
    }
    if let changed = try? reader.changedFiles(root: kb.rootURL, database: kb.databaseURL), changed > 0 {
        // Another folder's graph, not one moved with its folder (its files are as it read them).
        if let built = state["root"], built != kb.rootURL.resolvingSymlinksInPath().path {
            printError(
                "warning: \(kb.db ?? "vane.sqlite") was built from \(built), not from this folder: run vane build here for this knowledge base's answers"
            )
            return reader
        }
        printError("warning: Content/ changed since the last build (\(changed) file\(changed == 1 ? "" : "s")); run vane build")
    }
    for settings in (try? reader.changedSettings(root: kb.rootURL)) ?? [] {
        printLine("warning: \(settings) changed since the last build; run vane build")
    }
    return reader
}
