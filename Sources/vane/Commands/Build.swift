import ArgumentParser
import Foundation
import VaneBuild
import VaneHistory
import VaneQuery

extension Vane {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Ingest Content/ into the database and render the site into public/.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(name: .long, help: "The output folder (default: public in the root).", completion: .directory)
        var out: String?

        @Flag(name: .long, help: "Treat warnings as errors.")
        var strict = false

        @Flag(name: .customLong("publish-db"), help: "Copy the database into the site (vane.sqlite), with metadata.yml for Datasette.")
        var publishDatabase = false

        @Flag(name: .shortAndLong, help: "Print what was parsed and rendered.")
        var verbose = false

        @Option(name: .customLong("as-of"), help: "Render the site as it stood at the end of this period (default: today).")
        var asOf: String?

        @OptionGroup var recorded: RecordedOptions

        func run() throws {
            try kb.requireRootFolder()
            var options = Pipeline.Options(
                root: kb.rootURL, database: kb.databaseURL, output: out.map { URL(fileURLWithPath: $0) }, strict: strict,
                asOf: try asOf.map { try parsePeriod($0, option: "--as-of") })
            options.publishDatabase = publishDatabase
            // A past site under the folder a preview serves today's from: its feeds, `api/`
            // and search would be served beside today's pages until the next edit.
            if asOf != nil || recorded.knownAt != nil, let server = WatchingServer.serving(root: kb.rootURL),
                server.output == options.output.standardizedFileURL.path
            {
                printError(
                    "error: vane serve (pid \(server.pid)) serves \(options.output.path) from today's knowledge base; "
                        + "build a site as of another day elsewhere: --out DIR")
                throw ExitCode.failure
            }
            var snapshot: RecordedSnapshot?
            defer { snapshot?.remove() }
            if let knownAt = try recorded.date {
                // The files as recorded then, built into this knowledge base's output; the
                // graph of that build is not kept (the database stays today's).
                snapshot = try RecordedSnapshot.at(knownAt, root: kb.rootURL)
                let output = options.output
                options = Pipeline.Options(
                    root: snapshot!.root, database: snapshot!.root.appendingPathComponent("vane.sqlite"), output: output, strict: strict,
                    asOf: options.asOf ?? knownAt)
                options.publishDatabase = publishDatabase
                options.historyRoot = kb.rootURL
                options.knownAt = knownAt
                if verbose {
                    printError(
                        "note: the knowledge base as recorded in \(snapshot!.commit.short) (\(snapshot!.commit.date)): \(snapshot!.commit.subject)")
                }
            }
            let progress = Terminal.Progress()
            options.progress = { progress.update($0) }
            options.exitsAfter = true
            let outcome = Pipeline.build(options) { holder in
                printError("waiting for another vane build\(holder.map { " (pid \($0))" } ?? "") to finish…")
            }
            progress.finish()
            // Before the problems and their count, which count only the knowledge base's.
            for warning in outcome.warnings { printLine("warning: \(warning)") }
            report(outcome.diagnostics)
            if let failure = outcome.failure { throw failure }
            guard outcome.succeeded else { throw ExitCode.failure }
            // The output now holds the past; today's build must not keep any of it.
            if snapshot != nil { try Pipeline.forgetOutput(database: kb.databaseURL) }
            if verbose {
                for note in outcome.notes { printLine("note: \(note)") }
                printError(
                    "parsed \(outcome.parsed) of \(outcome.entries) Markdown files (\(outcome.entries - outcome.parsed) unchanged, from the database)"
                )
                printError(
                    "rendered \(outcome.pagesRendered) of \(outcome.pages) pages into \(options.output.path) (\(outcome.pages - outcome.pagesRendered) unchanged, kept)"
                )
                printError("work: \(outcome.work.summary)")
                printError("time: \(outcome.timings.summary)")
                let slowest = outcome.builtOutputs.sorted { $0.seconds > $1.seconds }.prefix(12)
                if !slowest.isEmpty {
                    let said = slowest.map { String(format: "%@ %.3fs%@", $0.path, $0.seconds, $0.changed ? "" : " (same bytes)") }
                    printError("slowest outputs: " + said.joined(separator: ", "))
                }
            }
        }
    }
}
