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
            // `--root` and `--db` after the name are this command's too (every command takes
            // them): the saved query is looked up in that knowledge base.
            var (kb, more) = (kb, more)
            if let root = Self.take("--root", from: &more) { kb.root = root }
            if let db = Self.take("--db", from: &more) { kb.db = db }
            try kb.requireRootFolder()
            let (saved, problems) = SavedQueriesLoader.load(root: kb.rootURL)
            guard let name else {
                // Every query read is listed, one with errors too (the list is how its author
                // finds it); the errors are said, and the exit is a failure.
                report(problems)
                // Nothing on standard output, where a script reads the list; a person reads why.
                if saved.isEmpty && !problems.hasErrors { printError("no saved queries (\(SavedQueriesLoader.path) names none)") }
                for (name, block) in saved.sorted(by: { $0.key < $1.key }) { output(Diagnostic.oneLine("\(name): \(block.line)") + "\n") }
                if problems.hasErrors { throw ExitCode.failure }
                return
            }
            // A query runs when its own line is sound, as a command typed in full would: another
            // query's mistake stopped every one of them.
            // A name no query has is said as such, whatever else is wrong in the file.
            // (A file that could not be read as queries at all says why.)
            let own = saved[name].map { block in problems.filter { $0.location.line == block.location.line } } ?? (saved.isEmpty ? problems : [])
            let others = problems.filter { !own.contains($0) }.filter { $0.severity == .error }.count
            report(own)
            if own.hasErrors { throw ExitCode.failure }
            if others > 0 {
                printError(
                    "warning: \(SavedQueriesLoader.path) has \(others) error\(others == 1 ? "" : "s") in other saved queries (vane check says them)")
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
            // Options are added, never put in place of the saved query's own (`--entity openai`
            // after one saved with `--entity meta` listed OpenAI's events in silence).
            if let both = repeatedOption(arguments + more) {
                throw UsageError("the saved query '\(name)' gives --\(both) already ('\(block.line)'): give it once, in a query of your own")
            }
            arguments += more + ["--root", kb.root] + (kb.db.map { ["--db", $0] } ?? [])
            var command = try Vane.parseAsRoot(arguments)
            try command.run()
        }

        /// The last value of `option` in `arguments` (`--root DIR` or `--root=DIR`), taken out.
        static func take(_ option: String, from arguments: inout [String]) -> String? {
            var value: String?
            var i = 0
            while i < arguments.count {
                if arguments[i] == option, i + 1 < arguments.count {
                    value = arguments[i + 1]
                    arguments.removeSubrange(i...(i + 1))
                } else if arguments[i].hasPrefix(option + "=") {
                    value = String(arguments[i].dropFirst(option.count + 1))
                    arguments.remove(at: i)
                } else {
                    i += 1
                }
            }
            return value
        }
    }
}
