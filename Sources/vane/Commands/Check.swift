import ArgumentParser
import Foundation
import VaneBuild
import VaneDiagnostics

extension Vane {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate every entry and report all problems, compiler-style.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Flag(name: .long, help: "Treat warnings as errors.")
        var strict = false

        func run() throws {
            // A root that is not there is said as `vane build` says it, not as a missing Content/.
            try kb.requireRootFolder()
            let outcome = Pipeline.check(Pipeline.Options(root: kb.rootURL, database: kb.databaseURL, strict: strict))
            report(outcome.diagnostics)
            guard outcome.succeeded else { throw ExitCode.failure }
            if outcome.diagnostics.isEmpty { printError("ok: \(outcome.entries) entries checked") }
        }
    }
}

/// Prints diagnostics in reading order, then a count when there were any.
func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    for d in diagnostics { printError(Terminal.colour(d)) }
    printError(diagnostics.summary)
}
