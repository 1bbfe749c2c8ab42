import ArgumentParser
import Foundation
import VaneContent
import VaneDiagnostics
import VaneQuery

@main
struct Vane: AsyncParsableCommand {
    /// Printed by `vane --version`.
    static let version = "0.3.0"

    /// Every command names itself (`commandName`): a name derived from the type costs a
    /// `String(describing:)`, which scans every protocol conformance in the binary, a few
    /// milliseconds of every command that answers in tens.
    static let configuration = CommandConfiguration(
        commandName: "vane",
        abstract: "Weathervane: record vendor-strategy shifts as Markdown, query them, publish them.",
        version: "vane \(version)",
        subcommands: [
            Build.self, Check.self, Query.self, Status.self, Exposure.self, Ends.self, Show.self, SQL.self, New.self, Serve.self, Init.self,
            ThemeCommand.self,
            Import.self, Saved.self, ScorecardCommand.self, ContradictionsCommand.self, Changes.self,
        ])

    /// A mistyped command is a usage error with the closest command (`vane stauts` →
    /// `status`), before the parser reports it as an unexpected argument.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let first = arguments.first, !first.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(first) {
                // The word a reader of the site's Search page types first.
                let search =
                    ["search", "find", "grep"].contains(first.lowercased())
                    ? " (text is searched with 'vane query entities --text WORDS', or events, claims, sources)" : ""
                printLine(
                    "error: unknown command '\(first)'\(Suggestion.hint(for: first, in: names))\(search); the commands are \(names.dropLast().joined(separator: ", "))"
                )
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            // `vane help stauts` as `vane stauts` (the parser shows the whole help, exit 0).
            let commands = Array(names.dropLast())
            if first == "help", arguments.count > 1, case let asked = arguments[1], !asked.hasPrefix("-"), !commands.contains(asked), asked != "help"
            {
                printLine(
                    "error: unknown command '\(asked)'\(Suggestion.hint(for: asked, in: commands)); the commands are \(commands.joined(separator: ", "))"
                )
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            // `vane help status nonsense`: the help of `status` was printed, the word ignored.
            if first == "help", arguments.count > 2, case let asked = arguments[1], commands.contains(asked), !arguments[2].hasPrefix("-"),
                configuration.subcommands.first(where: { $0._commandName == asked })?.configuration.subcommands.isEmpty == true
            {
                printLine("error: 'vane help \(asked)' takes no more words ('\(arguments[2])' is not a command of \(asked))")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
            // The same one level down: `vane import endofife` → `endoflife`, and `vane help import endofife`.
            let (outer, at) = first == "help" && arguments.count > 2 ? (arguments[1], 2) : (first, 1)
            let inner = configuration.subcommands.first { $0._commandName == outer }?.configuration.subcommands.map { $0._commandName } ?? []
            if !inner.isEmpty, arguments.count > at, case let second = arguments[at], !second.hasPrefix("-"), !(inner + ["help"]).contains(second) {
                printError(
                    "error: unknown \(outer) command '\(second)'\(Suggestion.hint(for: second, in: inner)); the \(outer) commands are \(inner.joined(separator: ", "))"
                )
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
        }
        // A test that sets a day it cannot read would run on the machine's, the very thing
        // the variable is there to prevent.
        if let fixed = ProcessInfo.processInfo.environment["VANE_TODAY"], !fixed.isEmpty,
            (try? FuzzyDate(parsing: fixed)).map({ $0.precision != .day || $0.approximate }) ?? true
        {
            printLine("error: VANE_TODAY='\(fixed)' is not a day (YYYY-MM-DD)")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        if let repeated = repeatedOption(arguments) {
            printLine("error: --\(repeated) is given twice: give it once (see '\(helpCommand(arguments))')")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(sqlStatementLast(arguments))
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as any VaneError {
            // Every stage's errors, in one place: the message, then 64 for a bad argument
            // (as every usage error) or 1.
            printLine("error: \(error)")
            Foundation.exit(error.isUsageError ? ExitCode.validationFailure.rawValue : ExitCode.failure.rawValue)
        } catch {
            // The parser's own errors: a usage error reads as every other error, on one line
            // with `error:` (it was `Error:` and the whole usage, beside our own `error:`
            // lines); --help and --version as the parser prints them.
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            let said = valueHint(message(for: error).split(separator: "\n").joined(separator: " "))
            printLine("error: \(said.prefix(1).lowercased() + said.dropFirst()) (see '\(helpCommand(arguments))')")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
    }

    /// The help of the command the arguments run, down to a command of a command
    /// (`vane theme eject --help`, not `vane theme --help`).
    static func helpCommand(_ arguments: [String]) -> String {
        var path = ["vane"]
        var commands = configuration.subcommands
        for argument in arguments {
            guard let command = commands.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            commands = command.configuration.subcommands
        }
        return (path + ["--help"]).joined(separator: " ")
    }
}

/// The parser's "The value 'jsn' is invalid for '--format <format>'. Please provide one of
/// 'table', 'json' or 'csv'." with the closest value, as every other bad value has it:
/// `the value 'jsn' is invalid for '--format' (did you mean 'json'?); it takes table, json or csv`.
func valueHint(_ said: String) -> String {
    guard let match = said.firstMatch(of: /^The value '(.*)' is invalid for '(--[a-z-]+)[^']*'\. Please provide one of (.*)\.$/) else { return said }
    let values = match.3.split(separator: "'", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    let value = String(match.1)
    let hint = values.first { $0 == value.lowercased() }.map { " (did you mean '\($0)'?)" } ?? Suggestion.hint(for: value, in: values)
    let list = values.count < 2 ? values.joined() : values.dropLast().joined(separator: ", ") + " or " + values.last!
    return "the value '\(value)' is invalid for '\(match.2)'\(hint); it takes \(list)"
}

/// `vane sql "-- why\nSELECT 1"`: a statement that starts with a comment reads as an
/// option to the parser ("Missing expected argument"); one that starts with `-` and holds
/// a space or a line break is no option, so it goes last, after `--`.
func sqlStatementLast(_ arguments: [String]) -> [String] {
    guard arguments.first == "sql", !arguments.contains("--") else { return arguments }
    let isStatement = { (a: String) in
        a.hasPrefix("-") && a.contains(where: \.isWhitespace)
            && !(a.hasPrefix("--") && a.prefix { $0 != "=" }.allSatisfy { $0.isLetter || $0 == "-" } && a.contains("="))
    }
    guard let i = arguments.firstIndex(where: isStatement) else { return arguments }
    var moved = arguments
    let statement = moved.remove(at: i)
    return moved + ["--", statement]
}

/// An option given twice that takes one value: the parser kept the last in silence
/// (`--entity meta --entity openai` listed OpenAI's events alone). `import endoflife`'s
/// `--only` and `--category` take several; a value that may start with `-` (`--text`) is
/// stepped over; nothing after `--` is an option.
func repeatedOption(_ arguments: [String]) -> String? {
    let several: Set = ["only", "category"]
    let takesAnything: Set = ["text", "within", "min-risk"]
    var seen: Set<String> = []
    var i = 0
    while i < arguments.count, arguments[i] != "--" {
        let argument = arguments[i]
        i += 1
        guard argument.hasPrefix("--"), case let name = String(argument.dropFirst(2).prefix { $0 != "=" }), !name.isEmpty,
            name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
        else { continue }
        if !several.contains(name), !seen.insert(name).inserted { return name }
        if takesAnything.contains(name), !argument.contains("=") { i += 1 }
    }
    return nil
}

/// `--format table|json|csv`, the same on every command that prints rows.
struct FormatOption: ParsableArguments {
    @Option(help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
}

/// `--entity ID`: one entity's tree, the same on every command that can be scoped.
struct EntityOption: ParsableArguments {
    @Option(help: "Only what concerns this entity (an id or alias) and everything under it; for status and ends, a vendor's tree.")
    var entity: String?
}

/// Where the knowledge base and its database are.
struct KnowledgeBaseOptions: ParsableArguments {
    @Option(name: .long, help: "The knowledge base folder (holding Content/ and Site/).", completion: .directory)
    var root: String = "."

    @Option(name: .long, help: "The graph database (default: vane.sqlite in the root).", completion: .file(extensions: ["sqlite"]))
    var db: String?

    var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true).standardizedFileURL }
    var databaseURL: URL { db.map { URL(fileURLWithPath: $0) } ?? rootURL.appendingPathComponent("vane.sqlite") }

    /// For a command that writes into the knowledge base: run elsewhere (a folder under
    /// `Content/`), it would make a `Content/` or `Site/` of its own there.
    func requireContent() throws {
        try requireRootFolder()
        guard isFolder(rootURL.appendingPathComponent("Content")) else {
            let place = root == "." ? "here" : "in \(rootURL.path)"
            throw CommandFailure("no Content/ folder \(place) (run vane in a knowledge base, or pass --root)")
        }
    }

    /// A root that is no folder, missing or a file, is said as such before anything is
    /// looked for in it (a read looked for `x.md/vane.sqlite`).
    func requireRootFolder() throws {
        guard isFolder(rootURL) else { throw CommandFailure("no folder \(rootURL.path) (run vane in a knowledge base, or pass --root)") }
        if isFolder(databaseURL) {
            // SQLite called it a disk I/O error.
            throw UsageError(
                "--db \(db ?? databaseURL.path) is a folder; name the database file (by default vane.sqlite in the root)")
        }
    }

    private func isFolder(_ url: URL) -> Bool {
        var folder: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
    }
}

/// Writes to standard error, where diagnostics and progress go.
func printError(_ text: String) {
    StandardStreams.error(text + "\n")
}

/// Writes one line of a message to standard error, what it quotes from content or arguments
/// escaped (`Diagnostic.oneLine`): an alias, a tag or a team could clear the screen, and an
/// argument with a line break made a usage error two lines.
func printLine(_ text: String) {
    printError(Diagnostic.oneLine(text))
}

/// Writes to standard output without an extra newline.
func output(_ text: String) {
    StandardStreams.output(text)
}

/// Writes one piece of a larger output to standard output, as it comes.
func writeToStandardOutput(_ bytes: UnsafeRawBufferPointer) throws {
    StandardStreams.output(bytes)
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
