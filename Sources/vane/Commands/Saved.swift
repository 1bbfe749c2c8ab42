import ArgumentParser
import Foundation
import VaneContent
import VaneDiagnostics

extension Vane {
    struct Saved: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "saved",
            abstract: "Run a query saved by name in Site/queries.yml, or list them.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Argument(help: "The saved query's name; without it, every saved query is listed.")
        var name: String?

        @Argument(parsing: .captureForPassthrough, help: "More options for the command (--format json…).")
        var more: [String] = []

        func run() throws {
            let (saved, problems) = SavedQueriesLoader.load(root: kb.rootURL)
            report(problems)
            if problems.hasErrors { throw ExitCode.failure }
            guard let name else {
                for (name, block) in saved.sorted(by: { $0.key < $1.key }) { output("\(name): \(block.line)\n") }
                return
            }
            guard let block = saved[name] else {
                let names = saved.keys.sorted()
                throw UsageError(
                    "unknown saved query '\(name)'\(Suggestion.hint(for: name, in: names))"
                        + (names.isEmpty ? " (\(SavedQueriesLoader.path) names none)" : "; saved queries are \(names.joined(separator: ", "))"))
            }
            // As if typed after `vane`, in this knowledge base.
            var arguments = block.tokens.map(\.text)
            if arguments.first == "vane" { arguments.removeFirst() }
            arguments += more + ["--root", kb.root] + (kb.db.map { ["--db", $0] } ?? [])
            var command = try Vane.parseAsRoot(arguments)
            try command.run()
        }
    }
}
