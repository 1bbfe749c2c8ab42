import Foundation
import GRDB
import Testing
import VaneContent
import VaneQuery
import VaneTestSupport

@testable import VaneGraph

/// A `sql` block's copy of the graph writes only the tables its statement reads, and
/// answers every statement as the whole copy does: the same rows, in the same order.
struct GraphCopyTests {
    static let statements = [
        "SELECT id FROM events",
        "SELECT count(*) FROM edges",
        "SELECT count(*) AS n FROM entities",
        "SELECT id, kind FROM entries",
        "SELECT kind, count(*) FROM entries GROUP BY kind",
        "SELECT e.id, x.to_id FROM events e JOIN edges x ON x.from_id = e.id",
        "SELECT id FROM claims WHERE id IN (SELECT from_id FROM edges WHERE relation = 'about')",
        "WITH t AS (SELECT entity_id, count(*) AS n FROM status_changes GROUP BY entity_id) SELECT * FROM t",
        "SELECT id, title FROM entries_fts WHERE entries_fts MATCH 'globex'",
        "SELECT alias, entity_id FROM aliases",
        "SELECT entry_id, tag FROM tags",
        "SELECT path, hash, kind, entry_id, parsed, size FROM files",
        "SELECT axis, rank, value FROM scales",
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
        "SELECT name FROM pragma_table_info('events')",
        "SELECT * FROM events, sources LIMIT 3",
        "SELECT (SELECT count(*) FROM uses) + (SELECT count(*) FROM reports)",
        "SELECT count(*) FROM build_state",
        "SELECT count(*) FROM entries_fts_docsize",
        "SELECT (SELECT count(*) FROM status_changes), * FROM pragma_foreign_key_check",
        "SELECT count(*) FROM sqlite_master",
        "SELECT nope FROM events",
    ]

    /// Every table the schema makes is one a copy writes, or one it leaves as the schema
    /// made it (the build's own state, the schema's): a table added to the graph and not
    /// named would be empty in every copy.
    @Test func everyTableIsWrittenOrLeftByName() throws {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        let names = try queue.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        let unnamed = names.filter { !GraphCopy.tables.contains($0) && !GraphCopy.unwritten.contains($0) && !$0.hasPrefix("entries_fts_") }
        #expect(names.count > GraphCopy.tables.count && unnamed.isEmpty, "\(unnamed)")
        #expect(GraphCopy.tables.isDisjoint(with: GraphCopy.unwritten))
    }

    @Test(arguments: ["analysis", "aws", "founding"])
    func everyStatementReadsAsOnTheWholeCopy(fixture: String) throws {
        let folders = ["Content", "Site"].map { Repository.fixture(fixture).appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        let kb = try TemporaryKnowledgeBase(copying: folders)
        let result = ContentLoader.load(root: kb.root)
        #expect(result.diagnostics.allSatisfy { $0.severity != .error }, "\(fixture)")
        let whole = GraphReader(queue: try GraphStore.inMemory(result))
        for statement in Self.statements {
            // A copy of its own for each statement: only what it reads is written.
            let copy = GraphReader(queue: try GraphCopy(result).queue(reading: statement))
            #expect(answer(copy, statement) == answer(whole, statement), "\(fixture): \(statement)")
        }
        // One copy answering every statement in turn, the tables written as they are first read.
        let shared = try GraphCopy(result)
        for statement in Self.statements {
            let copy = GraphReader(queue: try shared.queue(reading: statement))
            #expect(answer(copy, statement) == answer(whole, statement), "\(fixture), shared: \(statement)")
        }
    }

    /// A statement that reads one table leaves the others empty.
    @Test func onlyTheTablesReadAreWritten() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("analysis/Content")])
        let result = ContentLoader.load(root: kb.root)
        let queue = try GraphCopy(result).queue(reading: "SELECT id FROM events")
        let counts = try queue.read { db in
            try ["events", "edges", "entries_fts", "files", "entities"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
        #expect(counts[0] == 2 && counts[1...] == [0, 0, 0, 0])
    }

    /// The preview's graph keeps the text index only once a block searches text, and then
    /// answers a search as the whole copy does, before and after a delta.
    @Test func thePreviewsGraphIndexesTextOnceASearchAsks() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        let memory = GraphInMemory()
        var result = ContentLoader.load(root: kb.root)
        let indexed = { (queue: DatabaseQueue) in try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entries_fts") ?? -1 } }
        #expect(try indexed(try memory.queue(for: result)) == 0)
        let search = EntryFilter(text: "cloud")
        for step in 0..<2 {
            let reader = GraphReader(queue: try memory.queue(for: result, searching: true))
            let whole = GraphReader(queue: try GraphStore.inMemory(result))
            #expect(try indexed(reader.queue) == result.knowledgeBase.entries.count, "step \(step)")
            #expect(try reader.claims(search).map(\.id) == whole.claims(search).map(\.id), "step \(step)")
            #expect(try !reader.claims(search).isEmpty)
            // A claim's body now names the cloud, another's no longer does: a delta.
            let path = "Content/claims/desktop-dead.md"
            try kb.write(try kb.read(path) + "\nThe cloud is next.\n", to: path)
            result = ContentLoader.load(root: kb.root)
        }
    }

    private func answer(_ reader: GraphReader, _ statement: String) -> String {
        do {
            let result = try reader.sql(statement)
            return "\(result.headers) \(result.rows.map { $0.map { "\($0)" } })"
        } catch {
            return "error: \(error)"
        }
    }
}
