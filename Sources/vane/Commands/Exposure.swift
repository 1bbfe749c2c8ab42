import ArgumentParser
import VaneContent
import VaneQuery

extension Vane {
    struct Exposure: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "exposure",
            abstract: "Our exposure: what we use (Content/uses/), ranked as the status board ranks products, weighed by criticality.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(help: "Only the uses this team owns.")
        var team: String?

        @Option(name: .customLong("as-of"), help: "The status as known at the end of this period (default: today).")
        var asOf: String?

        @OptionGroup var recorded: RecordedOptions

        @OptionGroup var formatOption: FormatOption

        func run() throws {
            let date = try parseAsOf(asOf) ?? recorded.date ?? .today()
            let reader = try open(kb, recorded)
            let exposure = try reader.exposureBoard(asOf: date, team: team)
            switch formatOption.format {
            case .json: output(JSONOutput.encode(exposure.reportRows))
            case .csv: output(exposure.table(for: .csv).csv())
            case .table:
                output(exposure.table(for: .table).aligned())
                // Said on standard error, as `vane ends` says an empty countdown.
                if exposure.rows.isEmpty {
                    let uses = try reader.uses().filter { team == nil || $0.team == team }
                    let of = team.map { " of team '\($0)'" } ?? ""
                    let begun = uses.filter { $0.begun(by: date) }
                    printError(
                        uses.isEmpty
                            ? team.map { "no use of team '\($0)' is recorded" }
                                ?? "no use is recorded (a use is a file in Content/uses/: see the README's Uses and exposure)"
                            : begun.isEmpty
                                ? "no use\(of) had begun by \(date.display) (each one's 'since' is later)"
                                : "no use\(of) goes on as of \(date.display) (each one that had begun ended by then: its 'until')")
                }
            }
        }
    }
}
