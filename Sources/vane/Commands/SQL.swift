import ArgumentParser
import VaneQuery

extension Vane {
    struct SQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql",
            abstract: "Run read-only SQL against the graph database (schema in the README).")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Argument(help: "The SQL statement, e.g. \"SELECT id, date FROM events\".")
        var statement: String

        @OptionGroup var formatOption: FormatOption

        func validate() throws {
            // Blank, or comments alone (`-- why`): no statement, a mistake of the arguments.
            if statement.allSatisfy(\.isWhitespace) { throw ValidationError("the statement is empty: vane sql \"SELECT …\"") }
            if GraphReader.holdsNoStatement(statement) {
                throw ValidationError("the statement is only comments: vane sql $'-- why\\nSELECT …'")
            }
        }

        func run() throws {
            let reader = try open(kb)
            let result = try reader.sql(statement)
            switch formatOption.format {
            case .table: output(result.table.aligned())
            case .csv: output(result.table.csv())
            case .json: output(result.json)
            }
        }
    }
}
