import Foundation
import GRDB
import VaneContent
import VaneDiagnostics
import VaneGraph

/// Read-side requests against the graph database, shared by the CLI and tests.
/// The database is always opened read-only.
public struct GraphReader: Sendable {
    public let queue: DatabaseQueue

    public enum QueryError: Error, CustomStringConvertible {
        case unknownEntity(String, suggestion: String?)
        case sql(String)

        public var description: String {
            switch self {
            case .unknownEntity(let name, let suggestion):
                "unknown entity '\(name)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            case .sql(let message): message
            }
        }
    }

    public init(url: URL) throws(GraphDatabase.OpenError) {
        queue = try GraphDatabase.openReadOnly(url)
    }

    // MARK: - Names

    /// The id an id or alias names, of any kind.
    public func resolve(_ name: String) throws -> String? {
        try queue.read { db in
            if let id = try String.fetchOne(db, sql: "SELECT id FROM entries WHERE id = ? OR id = lower(?)", arguments: [name, name]) {
                return id
            }
            return try String.fetchOne(db, sql: "SELECT entity_id FROM aliases WHERE alias_key = lower(?)", arguments: [name])
        }
    }

    func resolveEntity(_ name: String) throws -> String {
        if let id = try resolve(name),
            try queue.read({ db in try Bool.fetchOne(db, sql: "SELECT 1 FROM entities WHERE id = ?", arguments: [id]) }) == true
        {
            return id
        }
        let names = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM entities UNION SELECT alias FROM aliases")
        }
        throw QueryError.unknownEntity(name, suggestion: Suggestion.closest(to: name, in: names))
    }

    // MARK: - Filters as SQL

    /// `WHERE` clauses and arguments for a filter; `column` maps a filter to its column.
    private func conditions(_ filter: EntryFilter, kind: Kind) throws -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let entity = filter.entity {
            let root = try resolveEntity(entity)
            let tree =
                "WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT e.id FROM entities e JOIN tree ON e.parent_id = tree.id) SELECT id FROM tree"
            switch kind {
            case .entity:
                clauses.append("id IN (\(tree))")
                _ = arguments.append(contentsOf: [root])
            case .event:
                clauses.append("id IN (SELECT from_id FROM edges WHERE relation = 'involves' AND to_id IN (\(tree)))")
                _ = arguments.append(contentsOf: [root])
            case .claim:
                clauses.append("id IN (SELECT from_id FROM edges WHERE relation IN ('about', 'claimed_by') AND to_id IN (\(tree)))")
                _ = arguments.append(contentsOf: [root])
            case .source:
                clauses.append(
                    """
                    (publisher_id IN (\(tree)) OR id IN (SELECT c.to_id FROM edges c JOIN edges i ON i.from_id = c.from_id
                      WHERE c.relation = 'cites' AND i.relation IN ('involves', 'about') AND i.to_id IN (\(tree))))
                    """)
                _ = arguments.append(contentsOf: [root, root])
            }
        }
        if let type = filter.type {
            clauses.append("type = ?")
            _ = arguments.append(contentsOf: [type])
        }
        let dateColumn = kind == .source ? "published_start" : "date_start"
        if let since = filter.since, kind != .entity {
            clauses.append("\(dateColumn) >= ?")
            _ = arguments.append(contentsOf: [since.start])
        }
        if let until = filter.until, kind != .entity {
            clauses.append("\(dateColumn) <= ?")
            _ = arguments.append(contentsOf: [until.end])
        }
        if let tag = filter.tag {
            clauses.append("id IN (SELECT entry_id FROM tags WHERE tag = ?)")
            _ = arguments.append(contentsOf: [tag])
        }
        if let text = filter.text {
            guard let pattern = FTS5Pattern(matchingAllTokensIn: text) else { return ("0", arguments) }
            clauses.append("id IN (SELECT id FROM entries_fts WHERE entries_fts MATCH ?)")
            _ = arguments.append(contentsOf: [pattern.rawPattern])
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    static let chronological = """
        ORDER BY date_start, CASE date_precision WHEN 'year' THEN 0 WHEN 'quarter' THEN 1 WHEN 'month' THEN 2 ELSE 3 END, id
        """

    private func targets(_ db: Database, from id: String, _ relations: [String]) throws -> [String] {
        let list = relations.map { "'\($0)'" }.joined(separator: ",")
        return try String.fetchAll(
            db,
            sql: """
                SELECT to_id FROM edges WHERE from_id = ? AND relation IN (\(list))
                GROUP BY to_id ORDER BY min(rowid)
                """, arguments: [id])
    }

    private func tags(_ db: Database, _ id: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT tag FROM tags WHERE entry_id = ? ORDER BY tag", arguments: [id])
    }

    // MARK: - Kinds

    /// The rows of one kind's table that pass `filter`, read as records and made into
    /// query rows with what they link to.
    private func fetch<Record: FetchableRecord, Result>(
        _ kind: Kind, _ filter: EntryFilter, order: String, _ make: (Database, Record) throws -> Result
    ) throws -> [Result] {
        let (whereSQL, arguments) = try conditions(filter, kind: kind)
        return try queue.read { db in
            try Record.fetchAll(db, sql: "SELECT * FROM \(kind.folder) WHERE \(whereSQL) \(order)", arguments: arguments).map { try make(db, $0) }
        }
    }

    /// Events, oldest first.
    public func events(_ filter: EntryFilter = EntryFilter()) throws -> [EventRow] {
        try fetch(.event, filter, order: GraphReader.chronological) { (db, r: EventRecord) in
            EventRow(
                id: r.id, title: r.title, type: r.type, date: r.date, datePrecision: r.datePrecision, dateStart: r.dateStart,
                approximate: r.approximate, spanEnd: r.spanEnd, entities: try targets(db, from: r.id, ["involves"]),
                sources: try targets(db, from: r.id, ["cites"]), tags: try tags(db, r.id), path: r.path)
        }
    }

    /// Claims, oldest first.
    public func claims(_ filter: EntryFilter = EntryFilter()) throws -> [ClaimRow] {
        try fetch(.claim, filter, order: GraphReader.chronological) { (db, r: ClaimRecord) in
            ClaimRow(
                id: r.id, title: r.title, type: r.type, verdict: r.verdict, claimant: r.claimantID, date: r.date,
                datePrecision: r.datePrecision, dateStart: r.dateStart, approximate: r.approximate,
                about: try targets(db, from: r.id, ["about"]), sources: try targets(db, from: r.id, ["cites"]), tags: try tags(db, r.id),
                path: r.path)
        }
    }

    /// Sources, by id.
    public func sources(_ filter: EntryFilter = EntryFilter()) throws -> [SourceRow] {
        try fetch(.source, filter, order: "ORDER BY id") { (db, r: SourceRecord) in
            let citedBy = try String.fetchAll(
                db,
                sql: """
                    SELECT from_id FROM edges WHERE to_id = ? AND relation IN ('cites', 'verdict_source')
                    GROUP BY from_id ORDER BY from_id
                    """, arguments: [r.id])
            return SourceRow(
                id: r.id, title: r.title, publisher: r.publisher, publisherId: r.publisherID, url: r.url, type: r.type,
                published: r.published, publishedPrecision: r.publishedPrecision, citedBy: citedBy, path: r.path)
        }
    }

    /// Entities, by id.
    public func entities(_ filter: EntryFilter = EntryFilter()) throws -> [EntityRow] {
        try fetch(.entity, filter, order: "ORDER BY id") { (db, r: EntityRecord) in
            let aliases = try String.fetchAll(
                db, sql: "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias_key", arguments: [r.id])
            return EntityRow(id: r.id, name: r.name, type: r.type, parent: r.parentID, aliases: aliases, tags: try tags(db, r.id), path: r.path)
        }
    }

    // MARK: - SQL

    /// Any SQL, run on the read-only connection: writes are refused by SQLite itself.
    public func sql(_ text: String) throws -> TextTable {
        do {
            return try queue.read { db in
                let statement = try db.makeStatement(sql: text)
                let headers = statement.columnNames
                let rows = try Row.fetchAll(statement).map { row in
                    Array(row.databaseValues).map { $0.isNull ? "NULL" : $0.text }
                }
                return TextTable(headers: headers, rows: rows)
            }
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_READONLY || error.message?.contains("readonly") == true {
                throw QueryError.sql(
                    "the database is read-only: vane sql runs queries, not changes (SQLite: \(error.message ?? "attempt to write a readonly database"))"
                )
            }
            throw QueryError.sql("SQL error: \(error.message ?? "\(error)")")
        }
    }
}
