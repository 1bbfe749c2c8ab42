import ArgumentParser
import VaneContent
import VaneQuery

extension Vane {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Available today vs. strategic priority: every product ranked by platform risk.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(help: "Only this vendor's tree (an entity id or alias and everything under it).")
        var entity: String?

        @Option(name: .customLong("as-of"), help: "The status as known at the end of this period (default: today).")
        var asOf: String?

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        func run() throws {
            let date = try asOf.map(parsePeriod) ?? .today()
            let board: StatusBoard
            do {
                board = try open(kb).statusBoard(asOf: date, within: entity)
            } catch let error as GraphReader.QueryError {
                printError("error: \(error)")
                throw ExitCode.failure
            }
            switch format {
            case .json: output(JSONOutput.encode(board.rows.map { StatusReportRow($0, board: board) }))
            case .csv: output(board.table(for: .csv).csv())
            case .table: output(board.table(for: .table).aligned())
            }
        }
    }
}

/// A `--since`/`--until`/`--as-of` period, or a usage error.
func parsePeriod(_ text: String) throws -> FuzzyDate {
    do { return try FuzzyDate(parsing: text) } catch { throw ValidationError(error.message) }
}
