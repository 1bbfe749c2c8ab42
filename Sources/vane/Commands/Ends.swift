import ArgumentParser
import VaneContent
import VaneQuery

extension Vane {
    struct Ends: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ends",
            abstract: "The countdown: every announced end still ahead, soonest first, with notice, successors and sources.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(name: .customLong("as-of"), help: "Count days from the end of this period (default: today).")
        var asOf: String?

        @Option(parsing: .unconditional, help: "Also list the ends that passed within this many days.")
        var within: Int?

        @OptionGroup var scope: EntityOption

        @OptionGroup var recorded: RecordedOptions

        @OptionGroup var formatOption: FormatOption

        func validate() throws {
            if let within, within < 0 { throw ValidationError("--within takes a number of days, 0 or more") }
        }

        func run() throws {
            let date = try parseAsOf(asOf) ?? recorded.date ?? .today()
            let board = try readBoard(kb, recorded, asOf: date, within: scope.entity)
            let ends = board.announcedEnds(within: within)
            switch formatOption.format {
            case .json: output(JSONOutput.encode(ends.map { EndReport($0, board: board) }))
            case .csv: output(board.endsTable(ends, for: .csv).csv())
            case .table:
                output(board.endsTable(ends, for: .table).aligned())
                // Said as the site says it, on standard error (the table stays a table).
                if ends.isEmpty {
                    let whose = (board.root ?? scope.entity).map { " in \($0)'s tree" } ?? ""
                    printError(
                        within == nil
                            ? "no end is announced ahead\(whose) (--within DAYS lists those that passed)"
                            : "no end is announced ahead or passed within \(within!) days\(whose)")
                }
            }
        }
    }
}
