import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

/// The graph in memory for `sql` blocks: the same tables and rows, in the same order, as a
/// full build writes (without the stored parses), each table written only once a
/// statement reads it, which SQLite tells when the statement is prepared. A statement
/// that reads `events` alone costs the events' rows, not the whole graph (3.3–3.9 s at
/// 10,000 events, most of it the edges and the text index).
public final class GraphCopy: Sendable {
    /// Every table of the graph a statement may read and a copy writes: the build's own
    /// state (fingerprints, spans, signatures) is never written, as before.
    public static let tables = Schema.graphTables.union(["files"])

    /// The tables `query` and `changes` read (`GraphReader`): all but the file rows, and but
    /// the text index unless they search text.
    public static func queried(searchingText: Bool) -> Set<String> {
        tables.subtracting(searchingText ? ["files"] : ["files", "entries_fts"])
    }

    private let result: LoadResult
    private let queue: DatabaseQueue
    private let written = Locked<Set<String>>([])

    /// The schema alone. Foreign keys are not enforced: a table may be written without
    /// those it refers to, which the statement does not read.
    public init(_ result: LoadResult) throws(GraphStoreError) {
        self.result = result
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        queue = try GraphStoreError.wrap(URL(fileURLWithPath: ":memory:")) {
            let queue = try DatabaseQueue(configuration: configuration)
            try Schema.migrator.migrate(queue)
            return queue
        }
    }

    /// A database with the graph's schema and no rows, to prepare statements on.
    public static func schemaAlone() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        return queue
    }

    /// The copy, with every table `sql` reads written (every table when nil). A statement
    /// that does not prepare gets the copy as it is, where it fails as it would on any.
    public func queue(reading sql: String?) throws(GraphStoreError) -> DatabaseQueue {
        try queue(tables: sql.flatMap { Self.read(by: $0, in: queue) } ?? Self.tables)
    }

    /// The copy, with `tables` written (the others as they are).
    public func queue(tables: Set<String>) throws(GraphStoreError) -> DatabaseQueue {
        try GraphStoreError.wrap(URL(fileURLWithPath: ":memory:")) {
            try written.withLock { written in
                let missing = tables.intersection(Self.tables).subtracting(written)
                guard !missing.isEmpty else { return }
                try queue.write { db in
                    _ = try GraphStore.insertGraph(result, into: db, previous: nil, parses: false, tables: missing)
                }
                written.formUnion(missing)
            }
            return queue
        }
    }

    /// The tables `sql` reads (nil: any), as SQLite's authorizer reports them while
    /// preparing it (through views too: `entries` reads the tables it is made of). The
    /// text index's own tables (`entries_fts_docsize`…) are the index's; the build's state
    /// and the schema are never written; any other name (a pragma function's) asks for
    /// every table, as the whole copy had them.
    static func read(by sql: String, in queue: DatabaseQueue) -> Set<String>? {
        let region = try? queue.read { db in
            var region = DatabaseRegion()
            let statements = try db.allStatements(sql: sql)
            while let statement = try statements.next() { region.formUnion(statement.databaseRegion) }
            return region
        }
        guard let region else { return [] }
        if region.isFullDatabase { return nil }
        var read: Set<String> = []
        for name in names(in: region) {
            if tables.contains(name) {
                read.insert(name)
            } else if name.hasPrefix("entries_fts_") {
                read.insert("entries_fts")
            } else if !unwritten.contains(name) {
                return nil
            }
        }
        return read
    }

    /// Tables a copy leaves as the schema made them: the build's own state, and the schema's.
    static let unwritten: Set<String> = [
        "pages", "build_state", "body_spans", "body_shown", "entry_rows", "board", "exposure", "grdb_migrations", "sqlite_master", "sqlite_schema",
        "sqlite_temp_master", "sqlite_temp_schema", "sqlite_sequence",
    ]

    /// The names of the tables in `region`, lowercased, from its description
    /// (`events(id,title),entries_fts(*)`): GRDB offers no other way to list them.
    static func names(in region: DatabaseRegion) -> [String] {
        guard !region.isEmpty else { return [] }
        var names: [String] = []
        var depth = 0
        var name = ""
        for character in region.description {
            switch character {
            case "(", "[":
                if depth == 0 && !name.isEmpty { (names, name) = (names + [name.lowercased()], "") }
                depth += 1
            case ")", "]": depth -= 1
            case "," where depth == 0: name = ""
            default: if depth == 0 { name.append(character) }
            }
        }
        return names
    }
}
