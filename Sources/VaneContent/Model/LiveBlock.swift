import VaneDiagnostics

/// A fenced code block whose info string is `vane`: one command line, as typed after
/// `vane`, replaced at build time by the command's result.
public struct LiveBlock: Hashable, Sendable, Codable {
    public struct Token: Hashable, Sendable, Codable {
        public var text: String
        public var location: SourceLocation
    }

    /// The command line as written, shown above the result.
    public var line: String

    /// The command line as a reader types it after `vane`: without the `vane` a block may be
    /// written with (`vane status` runs as `status`, `BlockGrammar.read`), or it showed twice.
    public var command: String {
        guard tokens.count > 1, tokens[0].text == "vane" else { return line }
        return String(line.unicodeScalars.dropFirst(tokens[1].location.column - tokens[0].location.column))
    }
    public var tokens: [Token]
    public var location: SourceLocation

    public init(line: String, tokens: [Token], location: SourceLocation) {
        self.line = line
        self.tokens = tokens
        self.location = location
    }
}

/// A block's command line, read: the command, its arguments and options by name.
public struct BlockCommand: Hashable, Sendable {
    public var name: String
    public var arguments: [LiveBlock.Token]
    public var options: [String: LiveBlock.Token]
    /// Where the command word is.
    public var location: SourceLocation

    public func option(_ name: String) -> String? { options[name]?.text }
}

/// The commands a block may run and their options: those of the command line that read,
/// never one that writes.
public enum BlockGrammar {
    enum Value: Hashable {
        case period, count, risk, text, entity
        case choice([String])
    }

    struct Command {
        var arguments: [(name: String, value: Value)]
        var options: [String: Value]
    }

    static let queryKinds = ["events", "claims", "sources", "entities"]

    static let commands: [String: Command] = [
        "query": Command(
            arguments: [("kind", .choice(queryKinds))],
            options: [
                "--entity": .entity, "--type": .text, "--since": .period, "--until": .period, "--tag": .text, "--text": .text,
                "--verdict": .choice(Verdict.names),
            ]),
        "status": Command(arguments: [], options: ["--entity": .entity, "--as-of": .period, "--min-risk": .risk]),
        "ends": Command(arguments: [], options: ["--entity": .entity, "--as-of": .period, "--within": .count]),
        "changes": Command(arguments: [], options: ["--from": .period, "--to": .period, "--entity": .entity]),
        "exposure": Command(arguments: [], options: ["--team": .text, "--as-of": .period]),
        "sql": Command(arguments: [("statement", .text)], options: [:]),
        "saved": Command(arguments: [("name", .text)], options: [:]),
    ]

    public static var commandNames: [String] { commands.keys.sorted() }

    /// The command in `tokens` (nil when it names none), and every problem with it at its
    /// position. A command with problems is still checked for what it names (its entity,
    /// its type: all problems in one run) but never run.
    public static func read(_ tokens: [LiveBlock.Token], at location: SourceLocation) -> (BlockCommand?, [Diagnostic]) {
        guard let first = tokens.first else {
            return (nil, [.error(location, "empty vane block (write one command line, e.g. 'status --entity meta')")])
        }
        let word = first.text == "vane" && tokens.count > 1 ? tokens[1] : first
        let rest = tokens.drop { $0 != word }.dropFirst()
        guard let grammar = commands[word.text] else {
            let known = commandNames
            let writes = ["build", "new", "init", "import", "serve", "theme"].contains(word.text) ? " (blocks only read)" : ""
            return (
                nil,
                [
                    .error(
                        word.location,
                        "unknown block command '\(word.text)'\(Suggestion.hint(for: word.text, in: known))\(writes); blocks run \(known.joined(separator: ", "))"
                    )
                ]
            )
        }
        var problems: [Diagnostic] = []
        var command = BlockCommand(name: word.text, arguments: [], options: [:], location: word.location)
        var pending = Array(rest)
        while !pending.isEmpty {
            var token = pending.removeFirst()
            guard token.text.hasPrefix("--") else {
                command.arguments.append(token)
                continue
            }
            var value: LiveBlock.Token?
            if let equals = token.text.firstIndex(of: "=") {
                let valueText = String(token.text[token.text.index(after: equals)...])
                var at = token.location
                at.column += token.text.distance(from: token.text.startIndex, to: equals) + 1
                value = LiveBlock.Token(text: valueText, location: at)
                token.text = String(token.text[..<equals])
            }
            guard let kind = grammar.options[token.text] else {
                problems.append(
                    .error(
                        token.location,
                        "unknown option '\(token.text)' for '\(command.name)'\(Suggestion.hint(for: token.text, in: grammar.options.keys.sorted()))"))
                if value == nil, let next = pending.first, !next.text.hasPrefix("--") { pending.removeFirst() }
                continue
            }
            if value == nil {
                guard let next = pending.first, !next.text.hasPrefix("--") else {
                    problems.append(.error(token.location, "option '\(token.text)' needs a value"))
                    continue
                }
                value = pending.removeFirst()
            }
            if command.options[token.text] != nil {
                problems.append(.error(token.location, "option '\(token.text)' is given twice"))
            }
            problems += check(value!, as: kind, option: token.text)
            command.options[token.text] = value
        }
        problems += checkArguments(command, grammar)
        return (command, problems)
    }

    private static func checkArguments(_ command: BlockCommand, _ grammar: Command) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (index, (name, kind)) in grammar.arguments.enumerated() {
            guard index < command.arguments.count else {
                problems.append(.error(command.location, "'\(command.name)' needs its \(name)\(kindHint(kind))"))
                continue
            }
            problems += check(command.arguments[index], as: kind, option: name)
        }
        for extra in command.arguments.dropFirst(grammar.arguments.count) {
            problems.append(.error(extra.location, "unexpected argument '\(extra.text)' for '\(command.name)'"))
        }
        if command.name == "changes" {
            for option in ["--from", "--to"] where command.options[option] == nil {
                problems.append(.error(command.location, "'changes' needs \(option) (a window: --from 2025-01 --to 2025-12)"))
            }
            // As on the command line: an empty window is a mistake, not "Nothing matches".
            if let from = command.options["--from"], let to = command.options["--to"], let start = try? FuzzyDate(parsing: from.text),
                let end = try? FuzzyDate(parsing: to.text), start.start > end.end
            {
                problems.append(.error(from.location, "--from \(from.text) is after --to \(to.text)"))
            }
        }
        // What the query command refuses for a kind, found with the block's other problems
        // (it was found only when the block ran, once everything else was clean).
        if command.name == "query", let kind = command.arguments.first?.text, queryKinds.contains(kind) {
            if kind != "claims", let verdict = command.options["--verdict"] {
                problems.append(.error(verdict.location, verdictOnClaimsOnly))
            }
            if kind == "entities" {
                for option in ["--since", "--until"] {
                    if let token = command.options[option] {
                        problems.append(.error(token.location, noDatesOnEntities))
                    }
                }
            }
            // As `vane query` says it (it showed "Nothing matches.").
            if let since = command.options["--since"], let until = command.options["--until"], let start = try? FuzzyDate(parsing: since.text),
                let end = try? FuzzyDate(parsing: until.text), start.start > end.end
            {
                problems.append(.error(since.location, "--since \(since.text) is after --until \(until.text)"))
            }
        }
        if command.name == "sql", let statement = command.arguments.first, writes(statement.text) {
            problems.append(.error(statement.location, onlyReads))
        }
        return problems
    }

    public static let onlyReads = "a block's SQL must be one SELECT (blocks only read)"
    /// What `query` refuses for a kind, as the command line and a block's check say it.
    public static let verdictOnClaimsOnly = "--verdict filters claims only"
    public static let noDatesOnEntities = "--since and --until filter by date, and entities have none"

    /// Whether SQL begins with a statement that writes, past spaces and comments; anything
    /// else is left to SQLite, whose own message says what is wrong (`SELEC` read as a write).
    static func writes(_ sql: String) -> Bool {
        var rest = Substring(sql)
        while true {
            rest = rest.drop(while: \.isWhitespace)
            if rest.hasPrefix("--") {
                rest = rest.drop { $0 != "\n" }
            } else if rest.hasPrefix("/*"), let end = rest.range(of: "*/") {
                rest = rest[end.upperBound...]
            } else {
                break
            }
        }
        let keyword = rest.prefix { $0.isLetter }.uppercased()
        return [
            "INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT", "CREATE", "DROP", "ALTER", "ATTACH", "DETACH", "PRAGMA", "VACUUM", "REINDEX",
            "ANALYZE", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE",
        ].contains(keyword)
    }

    private static func kindHint(_ kind: Value) -> String {
        if case .choice(let values) = kind { return " (\(values.joined(separator: ", ")))" }
        return ""
    }

    private static func check(_ token: LiveBlock.Token, as kind: Value, option: String) -> [Diagnostic] {
        switch kind {
        case .text, .entity:
            return token.text.isEmpty ? [.error(token.location, "'\(option)' is empty")] : []
        case .period:
            do {
                _ = try FuzzyDate(parsing: token.text)
                return []
            } catch {
                return [.error(token.location, "'\(option)': \(error.message)")]
            }
        case .count:
            // As the command line says it.
            return Int(token.text).map { $0 >= 0 } == true
                ? [] : [.error(token.location, "'\(option)' takes a whole number, 0 or more, not '\(token.text)'")]
        case .risk:
            return Int(token.text).map { (0...100).contains($0) } == true
                ? [] : [.error(token.location, "'\(option)' takes a risk from 0 to 100, not '\(token.text)'")]
        case .choice(let values):
            return values.contains(token.text)
                ? []
                : [
                    .error(
                        token.location,
                        "unknown \(option) '\(token.text)'\(Suggestion.hint(for: token.text, in: values)); expected \(values.joined(separator: ", "))"
                    )
                ]
        }
    }

    /// Splits a command line into words as a shell does for plain words and quotes
    /// (`"…"` and `'…'`), each with the position of its first character.
    public static func tokens(of line: Substring, at start: SourceLocation) -> ([LiveBlock.Token], [Diagnostic]) {
        var tokens: [LiveBlock.Token] = []
        var current = ""
        var startColumn: Int?
        var quote: Character?
        var column = start.column
        for c in line {
            defer { column += c.unicodeScalars.count }
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
                continue
            }
            if c == "\"" || c == "'" {
                quote = c
                if startColumn == nil { startColumn = column }
                continue
            }
            if c.isWhitespace {
                if let s = startColumn {
                    tokens.append(LiveBlock.Token(text: current, location: SourceLocation(path: start.path, line: start.line, column: s)))
                }
                current = ""
                startColumn = nil
                continue
            }
            if startColumn == nil { startColumn = column }
            current.append(c)
        }
        if quote != nil {
            return (tokens, [.error(SourceLocation(path: start.path, line: start.line, column: startColumn ?? start.column), "unclosed quote")])
        }
        if let s = startColumn {
            tokens.append(LiveBlock.Token(text: current, location: SourceLocation(path: start.path, line: start.line, column: s)))
        }
        return (tokens, [])
    }
}

/// What a block shows: a table (for `query`, `ends`, `sql`), or the status view.
public enum LiveBlockResult: Hashable, Sendable {
    case table(LiveTable)
    /// The chart and the risk board of `status`, computed by the site from its own graph.
    case status(entity: String?, asOf: FuzzyDate, minRisk: Int?)
}

/// Rows as the command line prints them; cells in `idColumns` that name an entry link to it.
public struct LiveTable: Hashable, Sendable {
    public var headers: [String]
    public var rows: [[String]]
    public var idColumns: Set<Int>

    public init(headers: [String], rows: [[String]], idColumns: Set<Int>) {
        self.headers = headers
        self.rows = rows
        self.idColumns = idColumns
    }
}
