import ArgumentParser
import VaneContent
import VaneDiagnostics
import VaneHistory
import VaneQuery

extension Vane {
    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "changes",
            abstract: "What changed between two dates: in event time, or with --recorded as written in git.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(help: "The window's first period (2025, 2025-Q1, 2025-01, 2025-01-15): from its start.")
        var from: String

        @Option(help: "The window's last period: to its end.")
        var to: String

        @OptionGroup var scope: EntityOption

        @Flag(help: "Recorded time: the entries and assessments that commits in the window added, changed or removed.")
        var recorded = false

        @OptionGroup var formatOption: FormatOption

        func run() throws {
            let window = ChangeWindow(from: try parsePeriod(from, option: "--from"), to: try parsePeriod(to, option: "--to"))
            guard window.from.start <= window.to.end else { throw UsageError("--from \(from) is after --to \(to)") }
            // A window that runs past today lists what had been announced for it as taken
            // effect: said, as for the other reads as of a day to come.
            let today = FuzzyDate.today()
            if !recorded, window.to.endKey > today.endKey {
                printError(
                    "note: --to \(window.to.text) is after today (\(today.display)): the moves after today are what had been announced, not what happened"
                )
            }
            let reader = try open(kb)
            // Committing changes no file: the recorded changes are the last build's until it runs again.
            if recorded, let stored = try reader.recordedHistory()?.head, let head = HistoryReader.head(root: kb.rootURL), head != stored {
                printError("warning: commits were made since the last build (HEAD is \(head.prefix(7)) now); run vane build")
            }
            let rows: [ChangeRow]
            do {
                rows =
                    recorded
                    ? try reader.recordedChanges(in: window, within: scope.entity, today: .today())
                    : try reader.changes(in: window, within: scope.entity, knownOn: .today())
            } catch GraphReader.ChangesError.noHistory(_) where SiteConfigLoader.load(root: kb.rootURL).0.recordedTime == nil {
                // The setting, not git, is why (it said "not in a git repository").
                throw CommandFailure("no recorded time: it is off in this knowledge base (recorded_time: false in Site/config.yml)")
            }
            output(rows, as: formatOption.format, table: ChangeRow.table(rows, recorded: recorded))
        }
    }
}
