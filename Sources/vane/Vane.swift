import ArgumentParser
import Foundation
import VaneQuery

@main
struct Vane: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vane",
        abstract: "Weathervane: record vendor-strategy shifts as Markdown, query them, publish them.",
        subcommands: [
            Build.self, Check.self, Query.self, Status.self, Ends.self, Show.self, SQL.self, New.self, Serve.self, Init.self, ThemeCommand.self,
            Import.self, Saved.self, ScorecardCommand.self, ContradictionsCommand.self, Changes.self,
        ])
}

/// Where the knowledge base and its database are.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(name: .long, help: "The knowledge base folder (holding Content/ and Site/).")
    var root: String = "."

    @Option(name: .long, help: "The graph database (default: vane.sqlite in the root).")
    var db: String?

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL }
    var databaseURL: URL { db.map { URL(fileURLWithPath: $0) } ?? rootURL.appendingPathComponent("vane.sqlite") }
}

/// Writes to standard error, where diagnostics and progress go.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Writes to standard output without an extra newline.
func output(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

/// Rows in the format asked for: JSON objects, CSV with a header, or an aligned table
/// (`table` when the terminal's differs from the rows' own).
func output<Row: TabularRow & Encodable>(_ rows: [Row], as format: OutputFormat, table: TextTable? = nil) {
    switch format {
    case .json: output(JSONOutput.encode(rows))
    case .csv: output(rows.table(for: .csv).csv())
    case .table: output((table ?? rows.table(for: .table)).aligned())
    }
}

/// Runs a read of the graph; a request it refuses (an unknown entity, bad SQL) is printed
/// as an error and ends the command with status 1.
func reading<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GraphReader.QueryError {
        printError("error: \(error)")
        throw ExitCode.failure
    } catch let error as GraphReader.ChangesError {
        printError("error: \(error)")
        throw ExitCode.failure
    }
}
