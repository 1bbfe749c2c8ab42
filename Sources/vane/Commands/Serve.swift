import ArgumentParser
import Foundation
import VaneBuild
import VaneDiagnostics
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
            try kb.requireRootFolder()
            let options = Pipeline.Options(root: kb.rootURL, database: kb.databaseURL, output: out.map { URL(fileURLWithPath: $0) })
            let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            do {
                try await serve(options, executable: executable)
            } catch let error as PreviewError {
                printLine("error: \(error)")
                throw ExitCode.failure
            }
        }

        private func serve(_ options: Pipeline.Options, executable: URL) async throws {
            let log = PreviewLog(output: options.output)
            try await PreviewServer.run(options, port: port, executable: executable) { event in
                switch event {
                case .listening(let listening):
                    // Said once it is true, with the port the system chose for `--port 0`.
                    printError("serving \(options.output.path) on http://127.0.0.1:\(listening)/ (Ctrl-C to stop)")
                case .loaded(let load):
                    log.problems(load.diagnostics)
                    if load.succeeded {
                        log.served()
                        var files = "\(load.parsed) \(load.parsed == 1 ? "file" : "files") parsed"
                        if load.linked > 0 { files += ", \(load.linked) \(load.linked == 1 ? "entry" : "entries") linked" }
                        let how = load.patched ? "edit patched" : "loaded"
                        printError("\(how) in \(String(format: "%.2f", load.seconds)) s (\(files)); serving from memory")
                        if verbose { printError("time: \(load.timings.summary)") }
                    } else {
                        printError(log.failed("the knowledge base has errors"))
                    }
                case .built(let outcome):
                    // A build's content problems were reported by the load before it.
                    if !outcome.succeeded { log.problems(outcome.diagnostics) }
                    for warning in outcome.warnings { printLine("warning: \(warning)") }
                    if let failure = outcome.failure { printLine("error: \(failure)") }
                    if outcome.succeeded {
                        printError("built \(options.output.path): \(outcome.pagesRendered) of \(outcome.pages) pages rendered")
                    } else {
                        printError(log.failed("build failed"))
                    }
                case .themeWarnings(let found):
                    report(options.strict ? found.promotingWarnings() : found)
                case .builtInBackground(let succeeded, let printed):
                    if succeeded {
                        // What the build says beside the content's problems (recorded time: a
                        // commit dated after today), once while it stands: the preview's loads
                        // do not read it (the commit came while it served).
                        for line in printed.split(separator: "\n") where line.hasPrefix("warning: ") && log.firstTime(String(line)) {
                            printError(String(line))
                        }
                        printError("built \(options.output.path) and the database in the background")
                    } else {
                        if !log.listed(printed) { StandardStreams.error(printed) }
                        printError("the build in the background failed; \(options.output.path) is as it was")
                    }
                }
            }
        }
    }
}

/// The terminal's account of the preview. A set of problems is listed once while it
/// stands: the first build, the load after it and the build in the background find the
/// same ones, and listing them three times buried the line that said what was served.
/// "The last good site" is said only when there is one.
private final class PreviewLog: Sendable {
    private let output: URL
    private let state = Locked<(listed: [Diagnostic], good: Bool)>(([], false))

    init(output: URL) { self.output = output }

    /// Lists `diagnostics` (and their count) unless they are the ones listed last.
    func problems(_ diagnostics: [Diagnostic]) {
        let changed = state.withLock { state -> Bool in
            defer { state.listed = diagnostics }
            return state.listed != diagnostics
        }
        if changed { report(diagnostics) }
    }

    /// Whether `line` is said for the first time (a build's own warning, said once).
    func firstTime(_ line: String) -> Bool { told.withLock { $0.insert(line).inserted } }
    private let told = Locked<Set<String>>([])

    /// Whether every line a build printed is one of the problems listed last, or their count.
    func listed(_ printed: String) -> Bool {
        let listed = state.withLock { $0.listed }
        let known = Set(listed.map(\.description) + [listed.summary])
        return !listed.isEmpty && printed.split(separator: "\n").allSatisfy { known.contains(String($0)) }
    }

    func served() { state.withLock { $0.good = true } }

    /// `what` went wrong, and what is served meanwhile.
    func failed(_ what: String) -> String {
        let good = state.withLock { $0.good } || FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path)
        return good ? "\(what); still serving the last good site" : "\(what); there is no good site to serve yet (pages show the problems)"
    }
}
