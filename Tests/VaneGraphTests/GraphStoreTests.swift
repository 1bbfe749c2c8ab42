import Foundation
import GRDB
import Testing
import VaneContent
import VaneGraph
import VaneTestSupport

/// The graph written to a real SQLite file, read back with plain SQL.
struct GraphStoreTests {
    let kb: TemporaryKnowledgeBase
    let database: URL

    init() throws {
        kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        database = kb.url("vane.sqlite")
    }

    private func ingest() throws -> LoadResult {
        let result = ContentLoader.load(root: kb.root, cache: DatabaseParseCache(url: database))
        #expect(!result.hasErrors)
        try GraphStore.write(result, to: database)
        return result
    }

    private func rows(_ sql: String) throws -> [[String]] {
        let queue = try GraphDatabase.openReadOnly(database)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { "\($0.storage.value ?? "NULL")" } }
        }
    }

    @Test func everyEntryBecomesARowOfItsKind() throws {
        _ = try ingest()
        #expect(
            try rows("SELECT id, name, type, ifnull(parent_id, '') FROM entities ORDER BY id") == [
                ["llama", "Llama", "model-family", "meta"], ["meta", "Meta", "vendor", ""],
            ])
        #expect(
            try rows("SELECT id, date, date_precision, date_start, date_end, approximate FROM events") == [
                ["launch", "2026-04", "month", "2026-04-01", "2026-04-30", "0"]
            ])
        #expect(try rows("SELECT id, type, verdict, claimant_id FROM claims") == [["remain", "commitment", "pending", "meta"]])
        #expect(
            try rows("SELECT id, publisher, ifnull(publisher_id, 'NULL'), url FROM sources") == [
                ["tns", "The New Stack", "NULL", "https://thenewstack.io/"]
            ])
        #expect(try rows("SELECT alias, alias_key, entity_id FROM aliases") == [["Meta Platforms", "meta platforms", "meta"]])
    }

    @Test func edgesRecordWhereTheyWereWritten() throws {
        _ = try ingest()
        let edges = try rows("SELECT from_id, relation, to_id, path, line, column FROM edges WHERE from_id = 'launch' ORDER BY line, column, rowid")
        #expect(
            edges == [
                ["launch", "involves", "meta", "Content/events/launch.md", "5", "12"],
                ["launch", "cites", "tns", "Content/events/launch.md", "6", "11"],
                ["launch", "sets_status", "llama", "Content/events/launch.md", "8", "3"],
                ["launch", "involves", "llama", "Content/events/launch.md", "8", "3"],
                ["launch", "mentions", "meta", "Content/events/launch.md", "10", "1"],
                ["launch", "cites", "tns", "Content/events/launch.md", "10", "32"],
            ])
    }

    @Test func statusChangesAreRows() throws {
        _ = try ingest()
        #expect(
            try rows("SELECT event_id, entity_id, axis, ifnull(channel, '-'), value, date, date_start, line, column FROM status_changes") == [
                ["launch", "llama", "priority", "-", "maintained", "2026-04", "2026-04-01", "8", "22"]
            ])
    }

    @Test func fullTextSearchCoversTitlesBodiesAndAliases() throws {
        _ = try ingest()
        // 'Platforms' is in meta's alias and in the wikilink text of launch's body.
        #expect(try rows("SELECT id FROM entries_fts WHERE entries_fts MATCH 'platforms' ORDER BY id") == [["launch"], ["meta"]])
        #expect(try rows("SELECT id FROM entries_fts WHERE entries_fts MATCH 'remain' ORDER BY id") == [["remain"]])
    }

    @Test func unchangedFilesAreNotParsedAgain() throws {
        #expect(try ingest().parsedCount == 5)
        #expect(try ingest().parsedCount == 0)
        try kb.write(SampleKnowledgeBase.files["Content/entities/meta.md"]! + "\nMore text.\n", to: "Content/entities/meta.md")
        let third = try ingest()
        #expect(third.parsedCount == 1)
        #expect(third.knowledgeBase.entry("meta")?.body.contains("More text.") == true)
    }

    @Test func cachedParsesStillReportTheirWarnings() throws {
        try kb.write("---\nname: X\ntype: org\nfounded: 1999\n---\n", to: "Content/entities/x.md")
        let first = try ingest()
        let second = try ingest()
        #expect(second.parsedCount == 0)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.diagnostics.count == 1)
    }

    /// A later migration may add a column to any table. Rows are written and read by column
    /// name, so an update of a database with an extra column everywhere still works.
    @Test func writesAndReadsSurviveAnAddedColumn() throws {
        _ = try ingest()
        let queue = try DatabaseQueue(path: database.path)
        try queue.write { db in
            for table in graphTables { try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN added_later TEXT") }
        }
        try queue.close()
        let launch = SampleKnowledgeBase.files["Content/events/launch.md"]!
        try kb.write(
            launch.replacingOccurrences(of: "title: Muse Spark launches", with: "title: Muse Spark goes live"), to: "Content/events/launch.md")
        let cache = DatabaseParseCache(url: database)
        #expect(cache.skipped.all.isEmpty)
        let result = ContentLoader.load(root: kb.root, cache: cache)
        #expect(result.parsedCount == 1)
        try GraphStore.write(result, to: database, record: BuildRecord(pages: ["events/launch.html": 7], state: ["inputs": "x"]), previous: cache)
        // Updated in place (the added column is still there), every row written by name.
        #expect(try rows("SELECT id, title, added_later FROM events") == [["launch", "Muse Spark goes live", "NULL"]])
        #expect(try rows("SELECT to_id FROM edges WHERE from_id = 'launch' AND relation = 'sets_status'") == [["llama"]])
        #expect(try rows("SELECT entity_id, value FROM status_changes") == [["llama", "maintained"]])
        #expect(try rows("SELECT path, fingerprint FROM pages") == [["events/launch.html", "7"]])
        let again = DatabaseParseCache(url: database)
        #expect(again.skipped.all.isEmpty)
        #expect(again.state["inputs"] == "x")
        #expect(again.pages == ["events/launch.html": 7])
        #expect(ContentLoader.load(root: kb.root, cache: again).parsedCount == 0)
    }

    /// A large delta (here two of five entries) writes a new database beside the path and
    /// renames it over the old one when nobody has the old one open (it is taken out of WAL
    /// mode first); while a reader holds it, the delta is written in place instead: never a
    /// new file over one whose log a reader may still be using.
    @Test func aLargeDeltaReplacesTheDatabaseOnlyWhenNobodyReadsIt() throws {
        _ = try ingest()
        func inode() throws -> Int? { try FileManager.default.attributesOfItem(atPath: database.path)[.systemFileNumber] as? Int }
        let first = try inode()
        let reader = try GraphDatabase.openReadOnly(database)
        #expect(try reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM claims") } == 1)
        try kb.remove("Content/claims/remain.md")
        try kb.remove("Content/sources/tns.md")
        let launch = try kb.read("Content/events/launch.md")
        try kb.write(
            launch.replacingOccurrences(of: "sources: [tns]\n", with: "").replacingOccurrences(of: " [@tns]", with: ""),
            to: "Content/events/launch.md")
        _ = try ingest()
        #expect(try inode() == first, "replaced while a reader had it open")
        #expect(try reader.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM claims") } == 0)
        try reader.close()
        #expect(try rows("SELECT count(*) FROM sources") == [["0"]])
        #expect(try rows("SELECT id FROM entries ORDER BY id") == [["launch"], ["llama"], ["meta"]])
        // The graph written again in place is the one a first build writes.
        let fresh = kb.url("fresh.sqlite")
        try GraphStore.write(ContentLoader.load(root: kb.root, cache: DatabaseParseCache(url: fresh)), to: fresh)
        #expect(try graphRows(database) == graphRows(fresh))

        // Nobody reads it now: the next large delta is a new file renamed into place.
        try kb.write("---\nname: Other\ntype: vendor\n---\n", to: "Content/entities/other.md")
        try kb.write("---\nname: Another\ntype: vendor\n---\n", to: "Content/entities/another.md")
        _ = try ingest()
        #expect(try inode() != first)
        #expect(try rows("PRAGMA journal_mode") == [["wal"]])
        #expect(try rows("SELECT id FROM entries ORDER BY id") == [["another"], ["launch"], ["llama"], ["meta"], ["other"]])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: kb.root.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    /// WAL mode: a reader reads the last commit while a build holds the write lock, even
    /// an exclusive one, without waiting (in rollback mode this read fails at once with
    /// "database is locked").
    @Test func aReaderNeverWaitsForAWriter() throws {
        _ = try ingest()
        #expect(try rows("PRAGMA journal_mode") == [["wal"]])
        let writer = try GraphDatabase.openWritable(database)
        let read = try writer.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            defer { try? db.execute(sql: "ROLLBACK") }
            try db.execute(sql: "UPDATE events SET title = 'Not committed'")
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .immediateError
            return Result {
                let reader = try DatabaseQueue(path: database.path, configuration: configuration)
                defer { try? reader.close() }
                return try reader.read { try String.fetchAll($0, sql: "SELECT title FROM events") }
            }
        }
        #expect(try read.get() == ["Muse Spark launches"])
        try writer.close()
    }

    /// A database an older vane wrote (here without the body spans' migration, and with
    /// the rows of an entry since removed), while a reader holds it, is brought to this
    /// schema and its graph written again in place, in one transaction: both, or, when the
    /// write fails, neither.
    @Test func anOlderDatabaseIsUpdatedInOneTransaction() throws {
        _ = try ingest()
        let older = try DatabaseQueue(path: database.path)
        try older.write { db in
            try db.execute(
                sql: """
                    DROP TABLE body_shown; DROP TABLE body_spans; DELETE FROM grdb_migrations WHERE identifier = 'v10-bodySpans';
                    INSERT INTO events (id, title, type, date, date_precision, date_start, date_end, approximate, path, body)
                    VALUES ('gone', 'Gone', 'launch', '2020', 'year', '2020-01-01', '2020-12-31', 0, 'Content/events/gone.md', '');
                    """)
        }
        try older.close()
        #expect(throws: GraphDatabase.OpenError.self) { try GraphDatabase.openReadOnly(database) }
        let reader = try GraphDatabase.openReadOnly(database, allowingOlder: true)
        defer { try? reader.close() }
        func inode() throws -> Int? { try FileManager.default.attributesOfItem(atPath: database.path)[.systemFileNumber] as? Int }
        let first = try inode()

        // A write that fails: a trigger refuses the launch event's row.
        let failing = try DatabaseQueue(path: database.path)
        try failing.write {
            try $0.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON events WHEN NEW.id = 'launch' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        try failing.close()
        let cache = DatabaseParseCache(url: database)
        #expect(!cache.isCurrentSchema)
        let result = ContentLoader.load(root: kb.root, cache: cache)
        #expect(throws: GraphStoreError.self) { try GraphStore.write(result, to: database, previous: cache) }
        #expect(!DatabaseParseCache(url: database).isCurrentSchema)
        #expect(try rowsAllowingOlder("SELECT id FROM events ORDER BY id") == [["gone"], ["launch"]])

        let mended = try DatabaseQueue(path: database.path)
        try mended.write { try $0.execute(sql: "DROP TRIGGER refuse") }
        try mended.close()
        try GraphStore.write(result, to: database, previous: DatabaseParseCache(url: database))
        #expect(DatabaseParseCache(url: database).isCurrentSchema)
        #expect(try rows("SELECT id FROM events ORDER BY id") == [["launch"]])
        #expect(try rows("SELECT count(*) FROM entry_rows") == [["5"]])
        #expect(try rows("SELECT count(*) FROM body_spans") == [["0"]])
        #expect(try inode() == first)
        #expect(try reader.read { try String.fetchAll($0, sql: "SELECT id FROM events ORDER BY id") } == ["launch"])
    }

    /// Every row of the graph's tables at `url`, sorted: what queries can see.
    private func graphRows(_ url: URL) throws -> [String: [[String]]] {
        let queue = try GraphDatabase.openReadOnly(url)
        defer { try? queue.close() }
        var tables: [String: [[String]]] = [:]
        let queries = [
            "files": "SELECT path, hash, kind, entry_id, parsed FROM files",
            "fts": "SELECT rowid, id, kind, title, body FROM entries_fts",
        ].merging(
            ["entities", "events", "claims", "sources", "reports", "uses", "aliases", "tags", "edges", "status_changes", "scales", "entry_rows"]
                .map { ($0, "SELECT * FROM \($0)") }, uniquingKeysWith: { a, _ in a })
        for (name, sql) in queries {
            tables[name] = try queue.read { db in
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { "\($0.storage.value ?? "NULL")" } }.sorted {
                    $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}")
                }
            }
        }
        return tables
    }

    private func rowsAllowingOlder(_ sql: String) throws -> [[String]] {
        let queue = try GraphDatabase.openReadOnly(database, allowingOlder: true)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { "\($0.storage.value ?? "NULL")" } }
        }
    }

    @Test func aForeignFileIsNotAWeathervaneDatabase() throws {
        try kb.write("not a database at all", to: "foreign.sqlite")
        #expect(throws: GraphDatabase.OpenError.self) { try GraphDatabase.openReadOnly(kb.url("foreign.sqlite")) }
        let other = try DatabaseQueue(path: kb.url("other.sqlite").path)
        try other.write { try $0.execute(sql: "CREATE TABLE t (x)") }
        do {
            _ = try GraphDatabase.openReadOnly(kb.url("other.sqlite"))
            Issue.record("opened a foreign database")
        } catch {
            #expect("\(error)".hasSuffix("other.sqlite' is not a Weathervane database"))
        }
    }

    @Test func aDatabaseFromANewerVaneIsRefusedClearly() throws {
        _ = try ingest()
        let queue = try DatabaseQueue(path: database.path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-fromTheFuture')") }
        try queue.close()
        do {
            _ = try GraphDatabase.openReadOnly(database)
            Issue.record("opened a database from a newer vane")
        } catch {
            #expect("\(error)" == "'\(database.path)' was written by a newer vane (schema 'v9-fromTheFuture'); upgrade vane")
        }
    }

    @Test func aTruncatedDatabaseIsAClearError() throws {
        _ = try ingest()
        let bytes = try Data(contentsOf: database)
        try bytes.prefix(bytes.count / 3).write(to: database)
        #expect(throws: GraphDatabase.OpenError.self) { try GraphDatabase.openReadOnly(database) }
    }

    @Test func readOnlyConnectionsRefuseWrites() throws {
        _ = try ingest()
        let before = try Data(contentsOf: database)
        let queue = try GraphDatabase.openReadOnly(database)
        #expect(throws: DatabaseError.self) { try queue.read { try $0.execute(sql: "DELETE FROM events") } }
        #expect(try Data(contentsOf: database) == before)
    }
}

extension DatabaseValue.Storage {
    var value: Any? {
        switch self {
        case .null: nil
        case .int64(let i): i
        case .double(let d): d
        case .string(let s): s
        case .blob(let b): b
        }
    }
}
