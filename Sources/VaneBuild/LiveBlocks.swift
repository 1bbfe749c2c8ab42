import Foundation
import GRDB
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneQuery

/// Runs the `vane` blocks of every body against the graph being built: `query` and
/// `changes` on the graph given (`built`: the one a build is writing, read-only in its
/// transaction, or the preview's `GraphInMemory`), else on a copy in memory (`vane
/// check`, an `--as-of` that cuts the knowledge base, a graph that could not be
/// written); `sql` on a copy (`GraphCopy`, see `run`); `ends` and `status` on the loaded
/// graph, `saved` as the query it names.
enum LiveBlocks {
    /// Each entry's block results, in body order, the problems that stop the build, and
    /// how many copies of the graph were made in memory (none, or one).
    struct Ran {
        var results: [String: [LiveBlockResult]] = [:]
        var problems: [Diagnostic] = []
        var graphCopies = 0
    }

    /// `built`: the connection of the graph the build is writing, once written, given
    /// whether the block searches text (the preview's graph writes its text index then);
    /// nil when writing failed. An `sql` block reads a copy even then: what SQL leaves unordered
    /// comes in the order rows were stored, which a delta changes (an entry written again
    /// goes last), and the build's own state (stored parses, fingerprints) is in the same
    /// file; the copy is written in one order every time, without that state.
    static func run(_ shown: LoadResult, asOf: FuzzyDate, built: (@Sendable (_ searching: Bool) -> DatabaseQueue?)? = nil) -> Ran {
        let withBlocks = shown.knowledgeBase.entries.filter { !$0.liveBlocks.isEmpty }
        guard !withBlocks.isEmpty else { return Ran() }
        let copy = Lazy { () throws(GraphStoreError) in try GraphCopy(shown) }
        let runner = Runner(kb: shown.knowledgeBase, asOf: asOf, copy: copy, built: built)
        var ran = Ran()
        for entry in withBlocks {
            var list: [LiveBlockResult] = []
            for block in entry.liveBlocks {
                do {
                    list.append(try runner.run(block))
                } catch {
                    ran.problems.append(.error(error.location ?? block.location, error.message))
                }
            }
            ran.results[entry.id] = list
        }
        ran.graphCopies = copy.isMade ? 1 : 0
        return ran
    }

    /// What the blocks would say when run that can be said without running them, for a
    /// knowledge base whose other problems stop the build before the blocks run (they run
    /// on a clean one only): found with them, not on the next build.
    static func problemsBeforeRunning(_ kb: KnowledgeBase) -> [Diagnostic] {
        let blocks = kb.entries.flatMap(\.liveBlocks)
        return sqlProblems(blocks) + typeProblems(blocks, kb)
    }

    /// The same of the saved queries (`Site/queries.yml`), at their place there, on every
    /// check and build: one no block runs would be found by `vane saved` alone.
    static func savedQueryProblems(_ kb: KnowledgeBase) -> [Diagnostic] {
        guard !kb.savedQueries.isEmpty else { return [] }
        let saved = kb.savedQueries.values.sorted { $0.location < $1.location }
        return sqlProblems(saved) + typeProblems(saved, kb)
    }

    /// A `query` block's `--type` that no entry of its kind can have (the configured types
    /// and those the entries use, as `vane query` judges it from the graph), at its value.
    static func typeProblems(_ blocks: [LiveBlock], _ kb: KnowledgeBase) -> [Diagnostic] {
        blocks.compactMap { block -> Diagnostic? in
            guard case (let command?, _) = BlockGrammar.read(block.tokens, at: block.location), command.name == "query",
                let type = command.options["--type"], let kindName = command.arguments.first?.text,
                let kind = Kind.allCases.first(where: { $0.folder == kindName })
            else { return nil }
            let problem = GraphReader.typeProblem(type.text, of: kind, config: kb.config) { kind in kb.entries(of: kind).compactMap(\.type) }
            return problem.map { .error(type.location, $0.description) }
        }
    }

    /// The statements of the `sql` blocks prepared on the schema alone, each problem at
    /// its block as a run reports it: when other problems stop the build before the blocks
    /// run (they run on a clean knowledge base only), a misspelt column is still found
    /// with them, not on the next build.
    static func sqlProblems(_ blocks: [LiveBlock]) -> [Diagnostic] {
        let blocks = blocks.compactMap { block -> (LiveBlock, String)? in
            guard case (let command?, let problems) = BlockGrammar.read(block.tokens, at: block.location), problems.isEmpty, command.name == "sql",
                let sql = command.arguments.first?.text
            else { return nil }
            return (block, sql)
        }
        guard !blocks.isEmpty, let schema = try? GraphCopy.schemaAlone() else { return [] }
        return blocks.compactMap { block, sql in
            let at = BlockGrammar.read(block.tokens, at: block.location).0?.arguments.first?.location ?? block.location
            return GraphReader.preparingProblem(sql, in: schema).map { .error(at, $0) }
        }
    }

    /// Made once, when a block first needs it.
    final class Lazy<Value: Sendable>: Sendable {
        private let make: @Sendable () throws(GraphStoreError) -> Value
        private let made = Locked<Result<Value, GraphStoreError>?>(nil)

        init(_ make: @escaping @Sendable () throws(GraphStoreError) -> Value) { self.make = make }

        /// Whether it was made (or its making failed).
        var isMade: Bool { made.value != nil }

        /// Made under the lock, so two blocks never make it twice.
        func value() throws(GraphStoreError) -> Value {
            let result = made.withLock { made -> Result<Value, GraphStoreError> in
                if let made { return made }
                let result: Result<Value, GraphStoreError>
                do throws(GraphStoreError) { result = .success(try make()) } catch { result = .failure(error) }
                made = result
                return result
            }
            return try result.get()
        }
    }

    struct Runner {
        let kb: KnowledgeBase
        let asOf: FuzzyDate
        /// The graph in memory, for `sql`, and for `query` and `changes` when there is no other.
        let copy: Lazy<GraphCopy>
        /// The graph `query` and `changes` read, when one is given.
        let built: (@Sendable (_ searching: Bool) -> DatabaseQueue?)?

        /// The graph `query` and `changes` read: the one given, else the copy with what they
        /// read (no file rows, no text index unless they search text).
        func graph(searching: Bool = false) throws(GraphStoreError) -> GraphReader {
            var reader: GraphReader
            if let queue = built?(searching) {
                reader = GraphReader(queue: queue)
            } else {
                reader = GraphReader(queue: try copy.value().queue(tables: GraphCopy.queried(searchingText: searching)))
            }
            reader.config = kb.config
            return reader
        }

        func run(_ block: LiveBlock) throws(BlockFailure) -> LiveBlockResult {
            guard case (let command?, let problems) = BlockGrammar.read(block.tokens, at: block.location), problems.isEmpty else {
                throw BlockFailure(message: "invalid vane block")
            }
            do {
                return try result(of: command)
            } catch let failure as BlockFailure {
                throw failure
            } catch {
                throw BlockFailure(message: "\(error)")
            }
        }

        private func period(_ command: BlockCommand, _ option: String) -> FuzzyDate? {
            command.option(option).flatMap { try? FuzzyDate(parsing: $0) }
        }

        private func result(of command: BlockCommand) throws -> LiveBlockResult {
            let entity = command.option("--entity").flatMap(kb.resolve)
            switch command.name {
            case "status":
                return .status(entity: entity, asOf: period(command, "--as-of") ?? asOf, minRisk: command.option("--min-risk").flatMap { Int($0) })
            case "ends":
                let board = StatusBoard(kb, asOf: period(command, "--as-of") ?? asOf, within: entity)
                let table = board.endsTable(board.announcedEnds(within: command.option("--within").flatMap { Int($0) }), for: .table)
                return .table(LiveTable(headers: table.headers, rows: table.rows, idColumns: idColumns(table.headers)))
            case "exposure":
                let uses = ExposureBoard.uses(of: kb)
                let team = command.option("--team")
                if let team, case let teams = ExposureBoard.teams(uses), !teams.contains(team) {
                    // As the command line says it, at the team as written.
                    let unknown = GraphReader.QueryError.unknownValue(
                        what: "team", value: team, allowed: teams, note: teams.isEmpty ? "no use names a team" : nil)
                    throw BlockFailure(message: unknown.description, location: command.options["--team"]?.location)
                }
                let exposure = ExposureBoard(board: StatusBoard(kb, asOf: period(command, "--as-of") ?? asOf), uses: uses, team: team)
                let table = exposure.table(for: .table)
                return .table(LiveTable(headers: table.headers, rows: table.rows, idColumns: idColumns(table.headers)))
            case "query":
                let reader = try graph(searching: command.option("--text") != nil)
                let filter = EntryFilter(
                    entity: entity, type: command.option("--type"), since: period(command, "--since"), until: period(command, "--until"),
                    tag: command.option("--tag"), text: command.option("--text"), verdict: command.option("--verdict"))
                let table: TextTable
                do {
                    switch command.arguments.first?.text {
                    case "claims": table = try reader.claims(filter, today: asOf).table(for: .table)
                    case "sources": table = try reader.sources(filter).table(for: .table)
                    case "entities": table = try reader.entities(filter).table(for: .table)
                    default: table = try reader.events(filter).table(for: .table)
                    }
                } catch let error as GraphReader.QueryError {
                    throw BlockFailure(message: "\(error)", location: LiveBlocks.option(at: error, in: command))
                }
                return .table(LiveTable(headers: table.headers, rows: table.rows, idColumns: idColumns(table.headers)))
            case "changes":
                guard let from = period(command, "--from"), let to = period(command, "--to") else {
                    throw BlockFailure(message: "'changes' needs --from and --to")
                }
                do {
                    let table = ChangeRow.table(
                        try graph().changes(in: ChangeWindow(from: from, to: to), within: entity, knownOn: asOf), recorded: false)
                    return .table(LiveTable(headers: table.headers, rows: table.rows, idColumns: idColumns(table.headers)))
                } catch let error as GraphReader.QueryError {
                    throw BlockFailure(message: "\(error)")
                }
            case "sql":
                do {
                    let sql = command.arguments.first?.text ?? ""
                    let queue = try copy.value().queue(reading: sql)
                    if let problem = GraphReader.preparingProblem(sql, in: queue) {
                        throw BlockFailure(message: problem, location: command.arguments.first?.location)
                    }
                    let result = try GraphReader(queue: queue).sql(sql, limits: .block)
                    return .table(LiveTable(headers: result.headers, rows: result.table.rows, idColumns: idColumns(result.headers)))
                } catch let error as GraphReader.QueryError {
                    // At the statement, not the block's first column.
                    throw BlockFailure(message: "\(error)", location: command.arguments.first?.location)
                }
            case "saved":
                let name = command.arguments.first?.text ?? ""
                guard let saved = kb.savedQueries[name] else { throw BlockFailure(message: "unknown saved query '\(name)'") }
                do {
                    return try run(saved)
                } catch {
                    throw BlockFailure(message: "saved query '\(name)': \(error.message)")
                }
            default:
                throw BlockFailure(message: "unknown block command '\(command.name)'")
            }
        }
    }

    /// The value of the option a query's error is about (`--type lanch`), for its position.
    static func option(at error: GraphReader.QueryError, in command: BlockCommand) -> SourceLocation? {
        let option: String
        switch error {
        case .unknownValue(let what, _, _, _): option = what.contains("verdict") ? "--verdict" : what.contains("tag") ? "--tag" : "--type"
        case .inapplicable(let message): option = message.components(separatedBy: " ").first ?? ""
        case .search: option = "--text"
        case .unknownEntity, .notAnEntity: option = "--entity"
        default: return nil
        }
        return command.options[option]?.location
    }

    struct BlockFailure: Error {
        var message: String
        /// Where in the block, when one token is at fault; else the block's start.
        var location: SourceLocation? = nil
    }

    /// Columns whose cells are entry ids, by their headers as the command line prints
    /// them, or as SQL names them.
    static func idColumns(_ headers: [String]) -> Set<Int> {
        let named: Set = [
            "ID", "BY", "PARENT", "ENTITY", "CHANNEL", "SUCCESSORS", "ANNOUNCED BY", "SOURCES", "VENDOR", "USE", "PUBLISHER", "PRODUCT",
        ]
        let sqlNames: Set = ["id", "entity", "event", "claim", "source", "claimant", "vendor", "parent"]
        return Set(headers.indices.filter { named.contains(headers[$0]) || sqlNames.contains(headers[$0]) || headers[$0].hasSuffix("_id") })
    }
}
