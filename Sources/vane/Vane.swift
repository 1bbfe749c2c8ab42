import ArgumentParser
import Foundation

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
