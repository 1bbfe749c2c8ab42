import Foundation
import GRDB
import GRDBSQLite
import VaneContent
import VaneDiagnostics
import VaneGraph

/// Read-side requests against the graph database, shared by the CLI and tests.
/// The database is always opened read-only.
public struct GraphReader: Sendable {
    public let queue: DatabaseQueue
    /// The knowledge base's settings: the types it adds are types `--type` may name
    /// before any entry has one.
    public var config = SiteConfig()

    public enum QueryError: VaneError {
        case unknownEntity(String, suggestion: Hint?)
        /// `--entity` given the id of an entry of another kind (a use, a source).
        case notAnEntity(String, kind: String, suggestion: Hint?)
        /// `vane show` of an id or alias that names nothing.
        case unknownEntry(String, suggestion: Hint?)
        /// A filter value that no entry of that kind can have, and the values it can.
        case unknownValue(what: String, value: String, allowed: [String], note: String?)
        /// A filter that does not apply to what is listed (`--verdict` on events).
        case inapplicable(String)
        /// `--text` that FTS5 cannot read as a search.
        case search(String)
        /// `vane sql` refused a statement, or SQLite failed on it.
        case sql(String)

        /// The request names something that is not there, or asks what cannot be asked: a
        /// usage error (exit 64), not a failure of the graph.
        public var isUsageError: Bool {
            if case .sql = self { return false }
            return true
        }

        public var description: String {
            switch self {
            case .unknownEntity(let name, let suggestion):
                "unknown entity '\(name)'" + (suggestion?.said ?? "")
            case .notAnEntity(let name, let kind, let suggestion):
                "'\(name)' is \(kind == "event" ? "an" : "a") \(kind), not an entity" + (suggestion?.said ?? "")
            case .unknownEntry(let name, let suggestion):
                "no entry '\(name)'" + (suggestion?.said ?? "")
            case .unknownValue(let what, let value, let allowed, let note):
                "unknown \(what) '\(value)'\(Suggestion.hint(for: value, in: allowed))"
                    + (allowed.isEmpty ? "" : "; \(what)s are \(allowed.joined(separator: ", "))") + (note.map { " (\($0))" } ?? "")
            case .inapplicable(let message), .search(let message), .sql(let message): message
            }
        }
    }

    /// What a name was probably meant to be: an id or alias near it, or the id of the entry
    /// whose name it is (`--entity "Nimbus Cloud"`), as `vane check` says it in content.
    public struct Hint: Sendable, Equatable {
        public var id: String
        public var isName: Bool
        /// As near as `id`: the other names a name cut short begins (as `vane check` lists them).
        public var others: [String] = []
        var said: String { isName ? " (did you mean '\(id)', whose name it is?)" : " (did you mean \(Suggestion.alternatives([id] + others))?)" }
    }

    public init(url: URL) throws(GraphDatabase.OpenError) {
        queue = try GraphDatabase.openReadOnly(url)
    }

    /// A graph already open, such as the one a build keeps in memory for its blocks.
    public init(queue: DatabaseQueue) {
        self.queue = queue
    }

    // MARK: - Names

    /// A graph as recorded earlier, read through today's names: an entity that had another
    /// id then (today's `former_ids`, an alias in `today`) is found by its id of today too.
    public func addingTodaysIDs(from today: GraphReader) throws {
        let renamed = try today.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT a.alias_key, a.entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id").map {
                (old: $0[0] as String, id: $0[1] as String)
            }
        }
        // The recorded graph is built in memory and kept read-only; it is opened for these rows alone.
        try queue.inDatabase { db in
            try db.execute(sql: "PRAGMA query_only = OFF")
            defer { try? db.execute(sql: "PRAGMA query_only = ON") }
            let ids = Set(try String.fetchAll(db, sql: "SELECT id FROM entities"))
            for (old, id) in renamed where ids.contains(old) && !ids.contains(id) {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO aliases (alias, alias_key, entity_id) VALUES (?, ?, ?)", arguments: [id, id.lowercased(), old])
            }
        }
    }

    /// The id an id or alias names, of any kind.
    public func resolve(_ name: String) throws -> String? {
        try queue.read { db in
            // Lowered as the keys were written (SQLite's `lower` knows ASCII alone: `ÄRGER`).
            let key = name.lowercased()
            if let id = try String.fetchOne(db, sql: "SELECT id FROM entries WHERE id = ? OR id = ?", arguments: [name, key]) {
                return id
            }
            return try String.fetchOne(db, sql: "SELECT entity_id FROM aliases WHERE alias_key = ?", arguments: [key])
        }
    }

    /// The refusal for a name that is no entry's id or alias, with the closest one.
    public func unknownEntry(_ name: String) throws -> QueryError {
        // A file's path names its entry by its name (`Content/entities/meta.md` → `meta`).
        let stem = name.hasSuffix(".md") ? String((name.split(separator: "/").last ?? "").dropLast(3)) : name
        guard stem != name, !stem.isEmpty else { return .unknownEntry(name, suggestion: try closestName(to: name, among: "entries")) }
        return .unknownEntry(name, suggestion: try closestName(to: stem, among: "entries").map { Hint(id: $0.id, isName: false, others: $0.others) })
    }

    /// The id of the entry of `table` whose name (title) `name` is, whatever its case; else
    /// the id (or alias) closest to it, ids first.
    private func closestName(to name: String, among table: String) throws -> Hint? {
        let kind = table == "entities" ? " WHERE kind = 'entity'" : ""
        let (titled, ids, aliases) = try queue.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT id, title FROM entries\(kind)").map { ($0[0] as String, $0[1] as String) },
                try String.fetchAll(db, sql: "SELECT id FROM \(table)"), try String.fetchAll(db, sql: "SELECT alias FROM aliases")
            )
        }
        let wanted = name.lowercased()
        if let named = titled.first(where: { $0.1.lowercased() == wanted }) { return Hint(id: named.0, isName: true) }
        let near = Suggestion.nearest(to: name, preferring: ids, then: aliases)
        return near.first.map { Hint(id: $0, isName: false, others: Array(near.dropFirst())) }
    }

    func resolveEntity(_ name: String) throws -> String {
        if let id = try resolve(name),
            try queue.read({ db in try Bool.fetchOne(db, sql: "SELECT 1 FROM entities WHERE id = ?", arguments: [id]) }) == true
        {
            return id
        }
        let suggestion = try closestName(to: name, among: "entities")
        // The id of a use or a source: said as `vane check` says it, not "unknown".
        if let kind = try queue.read({ db in
            try String.fetchOne(db, sql: "SELECT kind FROM entries WHERE id = ? AND kind != 'entity'", arguments: [name.lowercased()])
        }) {
            throw QueryError.notAnEntity(name, kind: kind, suggestion: suggestion)
        }
        throw QueryError.unknownEntity(name, suggestion: suggestion)
    }

    // MARK: - Filters as SQL

    /// The ids of an entity (the one argument) and of everything under it.
    static let treeSQL =
        "WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT e.id FROM entities e JOIN tree ON e.parent_id = tree.id) SELECT id FROM tree"

    /// `WHERE` clauses and arguments for a filter; `column` maps a filter to its column.
    private func conditions(_ filter: EntryFilter, kind: Kind) throws -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let entity = filter.entity {
            let root = try resolveEntity(entity)
            let tree = GraphReader.treeSQL
            // Each clause names the tree (bound to the root) once, or twice for sources.
            let clause =
                switch kind {
                case .entity: "id IN (\(tree))"
                case .event: "id IN (SELECT from_id FROM edges WHERE relation = 'involves' AND to_id IN (\(tree)))"
                case .claim: "id IN (SELECT from_id FROM edges WHERE relation IN ('about', 'claimed_by') AND to_id IN (\(tree)))"
                case .source:
                    """
                    (publisher_id IN (\(tree)) OR id IN (SELECT c.to_id FROM edges c JOIN edges i ON i.from_id = c.from_id
                      WHERE c.relation = 'cites' AND i.relation IN ('involves', 'about') AND i.to_id IN (\(tree))))
                    """
                case .report: "id IN (SELECT from_id FROM edges WHERE relation IN ('authored_by', 'mentions') AND to_id IN (\(tree)))"
                case .use: "product_id IN (\(tree))"
                }
            clauses.append(clause)
            _ = arguments.append(contentsOf: StatementArguments(Array(repeating: root, count: kind == .source ? 2 : 1)))
        }
        if let type = filter.type {
            try checkType(type, of: kind)
            clauses.append("type = ?")
            _ = arguments.append(contentsOf: [type])
        }
        if let verdict = filter.verdict {
            guard kind == .claim else { throw QueryError.inapplicable(BlockGrammar.verdictOnClaimsOnly) }
            guard Verdict(rawValue: verdict) != nil else {
                throw QueryError.unknownValue(what: "verdict", value: verdict, allowed: Verdict.names, note: nil)
            }
            clauses.append("verdict = ?")
            _ = arguments.append(contentsOf: [verdict])
        }
        if kind == .entity, filter.since != nil || filter.until != nil {
            throw QueryError.inapplicable(BlockGrammar.noDatesOnEntities)
        }
        let dateColumn = kind == .source ? "published_start" : "date_start"
        if let since = filter.since {
            clauses.append("\(dateColumn) >= ?")
            _ = arguments.append(contentsOf: [since.start])
        }
        if let until = filter.until {
            clauses.append("\(dateColumn) <= ?")
            _ = arguments.append(contentsOf: [until.end])
        }
        if let tag = filter.tag {
            // In any case, as the warning of an unknown tag compares them: SQLite's NOCASE
            // folds ASCII letters alone (`--tag ünicode` found nothing tagged `Ünicode`).
            let matching = try allTags().filter { $0.lowercased() == tag.lowercased() }
            clauses.append("id IN (SELECT entry_id FROM tags WHERE tag IN (\(matching.map { _ in "?" }.joined(separator: ", "))))")
            _ = arguments.append(contentsOf: StatementArguments(matching))
        }
        if let text = filter.text {
            guard TextSearch.pattern(text) != nil else { return ("0", arguments) }
            clauses.append("id IN (SELECT id FROM hits)")
        }
        return (clauses.isEmpty ? "1" : clauses.joined(separator: " AND "), arguments)
    }

    /// A `--type` that no entry of the kind can have is an error naming the types: the
    /// built-in ones and those in the database (a knowledge base may add its own).
    private func checkType(_ type: String, of kind: Kind) throws {
        if let problem = try Self.typeProblem(
            type, of: kind, config: config,
            used: { kind in
                try queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT type FROM \(kind.folder) WHERE type IS NOT NULL") }
            })
        {
            throw problem
        }
    }

    /// Why no entry of `kind` can have `type`, or nil: the one rule `vane query` and a
    /// block's check before it runs (`used` from the knowledge base) apply. `config`: the
    /// built-in types with those `Site/config.yml` adds.
    public static func typeProblem(_ type: String, of kind: Kind, config: SiteConfig, used: (Kind) throws -> [String]) rethrows -> QueryError? {
        let builtIn: [String]
        switch kind {
        case .entity: builtIn = config.entityTypes
        case .event: builtIn = config.eventTypes
        case .claim: builtIn = SiteConfig.claimTypes
        case .source: builtIn = SiteConfig.sourceTypes
        case .report, .use: return .inapplicable("\(kind.folder) have no type")
        }
        var allowed = builtIn
        for t in try used(kind).sorted() where !allowed.contains(t) { allowed.append(t) }
        guard !allowed.contains(type) else { return nil }
        let note = kind == .claim && Verdict(rawValue: type) != nil ? "'\(type)' is a verdict: use --verdict \(type)" : nil
        return .unknownValue(what: "\(kind.rawValue) type", value: type, allowed: allowed, note: note)
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

    /// Every tag an entry has, each once, sorted.
    public func allTags() throws -> [String] {
        try queue.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT tag FROM tags ORDER BY tag") }
    }

    func tags(_ db: Database, _ id: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT tag FROM tags WHERE entry_id = ? ORDER BY tag", arguments: [id])
    }

    // MARK: - Kinds

    /// The rows of one kind's table that pass `filter`, read as records and made into
    /// query rows with what they link to.
    private func fetch<Record: FetchableRecord, Result>(
        _ kind: Kind, _ filter: EntryFilter, order: String, _ make: (Database, Record) throws -> Result
    ) throws -> [Result] {
        var (whereSQL, arguments) = try conditions(filter, kind: kind)
        var sql = "SELECT * FROM \(kind.folder) WHERE \(whereSQL) \(order)"
        if let text = filter.text, let pattern = TextSearch.pattern(text), let ranking = TextSearch.ranking(text) {
            // Most relevant first (bm25, a match in the title or name counting ten times
            // one in the body, ranked by `TextSearch.ranking`), then in the usual order.
            sql = """
                WITH hits AS (
                    SELECT id, bm25(entries_fts, 0, 0, 10, 1) AS score FROM entries_fts
                    WHERE entries_fts MATCH ? AND rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?))
                SELECT \(kind.folder).* FROM \(kind.folder) JOIN hits USING (id) WHERE \(whereSQL)
                ORDER BY hits.score, \(order.replacingOccurrences(of: "ORDER BY ", with: ""))
                """
            arguments = [ranking, pattern] + arguments
        }
        return try queue.read { db in
            do {
                return try Record.fetchAll(db, sql: sql, arguments: arguments).map { try make(db, $0) }
            } catch let error as DatabaseError where error.message?.contains("fts5") == true {
                throw QueryError.search(
                    "--text: \(error.message ?? "not a search"); words are matched as prefixes, \"…\" is a phrase, OR joins two terms")
            } catch let error as DecodingError {
                throw RecordValue.Unknown(error, table: kind.folder)
            }
        }
    }

    /// Events, oldest first.
    public func events(_ filter: EntryFilter = EntryFilter()) throws -> [EventRow] {
        try fetch(.event, filter, order: GraphReader.chronological) { (db, r: EventRecord) in
            EventRow(
                id: r.id, title: r.title, type: r.type, date: r.date, datePrecision: r.datePrecision, dateStart: r.dateStart,
                dateEnd: r.dateEnd, approximate: r.approximate, spanEnd: r.spanEnd, entities: try targets(db, from: r.id, ["involves"]),
                sources: try targets(db, from: r.id, ["cites"]), tags: try tags(db, r.id), path: r.path)
        }
    }

    /// Claims, oldest first, as of `today`: a verdict dated after the day is not reached
    /// yet (the claim pending, without the verdict's evidence), as the site of today has it.
    /// `--verdict` filters the verdicts of the day.
    public func claims(_ filter: EntryFilter = EntryFilter(), today: FuzzyDate = .today()) throws -> [ClaimRow] {
        if let verdict = filter.verdict, Verdict(rawValue: verdict) == nil {
            throw QueryError.unknownValue(what: "verdict", value: verdict, allowed: Verdict.names, note: nil)
        }
        var any = filter
        any.verdict = nil
        let later = try judgedAfter(today)
        let rows = try writtenClaims(any).map { row -> ClaimRow in
            guard later.contains(row.id) else { return row }
            var pending = row
            (pending.verdict, pending.verdictDate, pending.verdictSources) = (Verdict.pending.rawValue, nil, [])
            return pending
        }
        return filter.verdict.map { verdict in rows.filter { $0.verdict == verdict } } ?? rows
    }

    /// Claims as written, oldest first.
    private func writtenClaims(_ filter: EntryFilter) throws -> [ClaimRow] {
        try fetch(.claim, filter, order: GraphReader.chronological) { (db, r: ClaimRecord) in
            ClaimRow(
                id: r.id, title: r.title, type: r.type, verdict: r.verdict.rawValue, verdictDate: r.verdictDate,
                verdictSources: try targets(db, from: r.id, ["verdict_source"]), supports: try targets(db, from: r.id, ["supports"]),
                contradicts: try targets(db, from: r.id, ["contradicts"]), claimant: r.claimantID, date: r.date,
                datePrecision: r.datePrecision, dateStart: r.dateStart, dateEnd: r.dateEnd, approximate: r.approximate,
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
                published: r.published, publishedPrecision: r.publishedPrecision, publishedStart: r.publishedStart, accessed: r.accessed,
                archive: r.archive, citedBy: citedBy,
                tags: try tags(db, r.id), path: r.path)
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

    /// One SQL statement, run on the read-only connection: writes are refused by SQLite itself.
    /// What a query may take when a build runs it (a `sql` block): a page shows a table,
    /// not the graph, and a build must end.
    public struct SQLLimits: Sendable {
        public var rows: Int
        public var seconds: Double
        public static let block = SQLLimits(rows: 10_000, seconds: 10)

        public init(rows: Int, seconds: Double) {
            (self.rows, self.seconds) = (rows, seconds)
        }
    }

    /// When a statement must stop (monotonic nanoseconds), for SQLite's progress handler.
    private final class Deadline {
        let at: UInt64
        init(_ at: UInt64) { self.at = at }
    }

    /// Runs one statement; with `limits`, one that returns more rows or runs longer is an error.
    /// Why `text` would fail before it reads a row (a syntax error, an unknown table or
    /// column, two statements), as `sql` says it; nil when it prepares. Nothing is run.
    public static func preparingProblem(_ text: String, in queue: DatabaseQueue) -> String? {
        do {
            // A statement that writes, however it begins (`WITH x AS (…) DELETE …`), is a block's mistake.
            let reads = try queue.read { db in try onlyStatement(text, in: db).isReadonly }
            return reads ? nil : BlockGrammar.onlyReads
        } catch let error as DatabaseError {
            return "SQL error: \(error.message ?? "\(error)")"
        } catch {
            return "\(error)"
        }
    }

    /// Whether `text` holds no statement at all: only blanks and comments (`-- why`), which
    /// SQLite prepares as nothing. Asked of an empty database, before the graph is opened.
    public static func holdsNoStatement(_ text: String) -> Bool {
        guard let queue = try? DatabaseQueue() else { return false }
        return (try? queue.read { db in try db.allStatements(sql: text).next() == nil }) ?? false
    }

    /// The one statement of `text`, prepared: none, or two, is an error as `vane sql` says it.
    private static func onlyStatement(_ text: String, in db: Database) throws -> Statement {
        let statements = try db.allStatements(sql: text)
        guard let statement = try statements.next() else { throw QueryError.sql("no SQL statement given") }
        if try statements.next() != nil {
            throw QueryError.sql("vane sql runs one statement at a time; run each on its own")
        }
        return statement
    }

    public func sql(_ text: String, limits: SQLLimits? = nil) throws -> SQLResult {
        do {
            return try queue.read { db in
                let statement = try Self.onlyStatement(text, in: db)
                // SQLite asks every few thousand steps of this statement whether to stop: past
                // the deadline (on the monotonic clock, which a faked calendar leaves alone),
                // it stops with SQLITE_INTERRUPT. No timer, no other statement touched.
                let deadline = limits.map { Deadline(DispatchTime.now().uptimeNanoseconds + UInt64($0.seconds * 1e9)) }
                if let deadline {
                    sqlite3_progress_handler(
                        db.sqliteConnection, 10_000,
                        { context in
                            guard let context else { return 0 }
                            return DispatchTime.now().uptimeNanoseconds > Unmanaged<Deadline>.fromOpaque(context).takeUnretainedValue().at ? 1 : 0
                        }, Unmanaged.passUnretained(deadline).toOpaque())
                }
                defer {
                    if deadline != nil { sqlite3_progress_handler(db.sqliteConnection, 0, nil, nil) }
                    withExtendedLifetime(deadline) {}
                }
                var rows: [[SQLValue]] = []
                let cursor = try Row.fetchCursor(statement)
                while let row = try cursor.next() {
                    if let limits, rows.count == limits.rows {
                        throw QueryError.sql("the query returns more than \(limits.rows) rows, more than a page shows: add a LIMIT")
                    }
                    rows.append(Array(row.databaseValues).map(SQLValue.init))
                }
                return SQLResult(headers: statement.columnNames, rows: rows)
            }
        } catch let error as DatabaseError where error.isInterruptionError && limits != nil {
            throw QueryError.sql("the query ran for more than \(Int(limits!.seconds)) seconds and was stopped: a block's query must end")
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

extension GraphReader {
    /// Rows of the last build's own state, by key (a key it did not store is absent).
    public func buildState(_ keys: String...) throws -> [String: String] {
        let records = try queue.read { db in try BuildStateRecord.filter(keys.contains(Column("key"))).fetchAll(db) }
        return Dictionary(records.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// How many files under `Content/` differ from the last build (added, removed, or with
    /// another size or modification time): what a read of the graph does not yet show.
    /// `database`: where this graph is, for a `vane serve` watching `root` to vouch for it.
    public func changedFiles(root: URL, database: URL? = nil) throws -> Int {
        let content = root.appendingPathComponent("Content").path
        let state = try buildState("content-digest", "started")
        // No walk at all when a `vane serve` watching the files says nothing changed.
        if let database, let started = state["started"], WatchingServer.vouches(root: root, database: database, build: started) {
            return 0
        }
        // One walk in C, no row read: the common case of a graph that is up to date. A
        // file modified once that build had started is looked at file by file (git's
        // "racy clean" rule).
        if let stored = state["content-digest"], let started = state["started"].flatMap(Int64.init),
            let (now, newest) = TreeDigest.walk(content), now.description == stored, newest < started
        {
            return 0
        }
        let manifest = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT path, size, modified FROM files").map {
                ($0["path"] as String, $0["size"] as Int, $0["modified"] as Int64)
            }
        }
        var known = Dictionary(manifest.map { ($0.0, ($0.1, $0.2)) }, uniquingKeysWith: { a, _ in a })
        var changed = 0
        for file in DirectoryWalker.files(under: content, sorted: false) ?? [] {
            guard let (size, modified) = known.removeValue(forKey: "Content/" + file.relative) else {
                changed += 1
                continue
            }
            if size != file.size || modified != file.modified { changed += 1 }
        }
        return changed + known.count
    }
}

/// The settings a read's answers depend on (scales, types, labels), as a build read them:
/// by size and modification time, which a read compares in one `stat`. (`Site/queries.yml`
/// is read by `vane saved` itself, never from the graph.)
public enum SettingsStamp {
    static let files = ["Site/config.yml"]

    /// Each settings file of `root` with its size and time, or `none`. Read with `fstatat`,
    /// as the walk of `Content/` reads its files: a clock moved for one run (`faketime`
    /// moves the times `stat` gives, not `fstatat`'s) made every read say the settings changed.
    public static func take(_ root: URL) -> String {
        files.map { name in
            var info = stat()
            guard fstatat(AT_FDCWD, root.appendingPathComponent(name).path, &info, 0) == 0 else { return "\(name) none" }
            return "\(name) \(info.st_size) \(Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))"
        }.joined(separator: "\n")
    }
}

extension GraphReader {
    /// The settings files changed since the build the graph is from (a scale reordered
    /// answers differently); none when the build stored no stamp (an older `vane`).
    public func changedSettings(root: URL) throws -> [String] {
        guard let stored = try buildState("settings-stamp")["settings-stamp"], !stored.isEmpty else { return [] }
        let (then, now) = (stored.split(separator: "\n"), SettingsStamp.take(root).split(separator: "\n"))
        return SettingsStamp.files.indices.filter { then[safe: $0] != now[safe: $0] }.map { SettingsStamp.files[$0] }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
