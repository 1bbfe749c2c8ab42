import ArgumentParser
import Foundation
import VaneBuild
import VaneServe

extension Vane {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Preview the site on 127.0.0.1 from memory, reloading open pages on every change; the output follows in the background.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(help: "The port to listen on (127.0.0.1 only).")
        var port: UInt16 = 8000

        @Flag(help: "Print how long each step of a load took.")
        var verbose = false

        @Option(name: .long, help: "The output folder (default: public in the root).", completion: .directory)
        var out: String?

        func run() async throws {
            let options = Pipeline.Options(root: kb.rootURL, database: kb.databaseURL, output: out.map { URL(fileURLWithPath: $0) })
            let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            do {
                try await serve(options, executable: executable)
            } catch let error as PreviewError {
                printError("error: \(error)")
                throw ExitCode.failure
            }
        }

        private func serve(_ options: Pipeline.Options, executable: URL) async throws {
            try await PreviewServer.run(options, port: port, executable: executable) { event in
                switch event {
                case .listening(let listening):
                    // Said once it is true, with the port the system chose for `--port 0`.
                    printError("serving \(options.output.path) on http://127.0.0.1:\(listening)/ (Ctrl-C to stop)")
                case .loaded(let load):
                    report(load.diagnostics)
                    if load.succeeded {
                        var files = "\(load.parsed) \(load.parsed == 1 ? "file" : "files") parsed"
                        if load.linked > 0 { files += ", \(load.linked) \(load.linked == 1 ? "entry" : "entries") linked" }
                        let how = load.patched ? "edit patched" : "loaded"
                        printError("\(how) in \(String(format: "%.2f", load.seconds)) s (\(files)); serving from memory")
                        if verbose { printError("time: \(load.timings.summary)") }
                    } else {
                        printError("the knowledge base has errors; still serving the last good site")
                    }
                case .built(let outcome):
                    // A build's content problems were reported by the load before it.
                    if !outcome.succeeded { report(outcome.diagnostics) }
                    for warning in outcome.warnings { printError("warning: \(warning)") }
                    if let failure = outcome.failure { printError("error: \(failure)") }
                    if outcome.succeeded {
                        printError("built \(options.output.path): \(outcome.pagesRendered) of \(outcome.pages) pages rendered")
                    } else {
                        printError("build failed; still serving the last good site")
                    }
                case .themeWarnings(let found):
                    report(options.strict ? found.promotingWarnings() : found)
                case .builtInBackground(let succeeded, let printed):
                    if succeeded {
                        printError("built \(options.output.path) and the database in the background")
                    } else {
                        FileHandle.standardError.write(Data(printed.utf8))
                        printError("the build in the background failed; \(options.output.path) is as it was")
                    }
                }
            }
        }
    }
}
