import ArgumentParser
import Foundation
import VaneBuild
import VaneServe

extension Vane {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview the site on 127.0.0.1, rebuilding and reloading on every change.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(help: "The port to listen on (127.0.0.1 only).")
        var port: UInt16 = 8000

        @Option(name: .long, help: "The output folder (default: public in the root).", completion: .directory)
        var out: String?

        func run() async throws {
            let options = Pipeline.Options(root: kb.rootURL, database: kb.databaseURL, output: out.map { URL(fileURLWithPath: $0) })
            printError("serving \(options.output.path) on http://127.0.0.1:\(port)/ (Ctrl-C to stop)")
            try await PreviewServer.run(options, port: port) { outcome in
                report(outcome.diagnostics)
                for warning in outcome.warnings { printError("warning: \(warning)") }
                if let failure = outcome.failure { printError("error: \(failure)") }
                if outcome.succeeded {
                    printError("built: \(outcome.pagesRendered) of \(outcome.pages) pages rendered")
                } else {
                    printError("build failed; still serving the last good site")
                }
            }
        }
    }
}
