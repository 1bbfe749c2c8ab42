import ArgumentParser
import VaneDiagnostics
import VaneQuery

extension Vane {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print an entry's dossier: its fields, what it links to, what links to it, its text.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Argument(help: "The entry's id, or an entity's alias.")
        var id: String

        @Flag(help: "Print JSON instead of text.")
        var json = false

        /// As every other read command takes it: `--format json` is `--json`, and `table`
        /// (their default) is the dossier's text.
        @Option(help: "Output format: text (or table) or json (--json is the same as --format json).")
        var format: Format?

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, table, json }

        @Option(name: .customLong("as-of"), help: "A product's status as known at the end of this period (default: today).")
        var asOf: String?

        @OptionGroup var recorded: RecordedOptions

        func run() throws {
            // `--json --format text` asks for two outputs: JSON was printed in silence.
            if json, let format, format != .json { throw UsageError("--json and --format \(format.rawValue) ask for two formats; give one") }
            let date = try parseAsOf(asOf) ?? recorded.date ?? .today()
            let reader = try open(kb, recorded)
            guard let dossier = try reader.dossier(id, asOf: date, cut: asOf != nil) else { throw try reader.unknownEntry(id) }
            // Its text as a terminal shows it: lines and tabs as written, other control characters escaped.
            output(json || format == .json ? JSONOutput.encode(dossier) : Diagnostic.terminalSafe(dossier.text(), keeping: ["\n", "\t"]))
        }
    }
}
