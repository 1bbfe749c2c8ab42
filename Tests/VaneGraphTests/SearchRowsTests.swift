import GRDB
import Testing
import VaneTestSupport

@testable import VaneGraph

/// The full-text rows at hashed rowids, with every id given the same home so that each
/// insert and delete works on one long run: after any sequence, each row is found from
/// its home, and the index holds exactly the rows inserted and not deleted.
struct SearchRowsTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func everyRowIsFoundAfterInsertsAndDeletesInOneRun(seed: UInt64) throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE entries_fts USING fts5(id UNINDEXED, kind UNINDEXED, title, body)")
            var rows = SearchRows(db: db)
            rows.home = { $0.hasPrefix("b") ? 4 : 3 }
            var random = SplitMix64(seed: seed)
            var present: Set<String> = []
            for _ in 0..<300 {
                let id = random.pick(["a", "b"]) + String(random.next(below: 25))
                if present.contains(id) {
                    try rows.delete(id)
                    present.remove(id)
                } else {
                    try rows.insert(SearchTextRecord(id: id, kind: "event", title: "Title \(id)", body: "body of \(id)"))
                    present.insert(id)
                }
                for known in present { #expect(try rows.slot(of: known) != nil, "\(known)") }
                #expect(try rows.slot(of: "a99") == nil)
            }
            let stored = try Row.fetchAll(db, sql: "SELECT id, title, body FROM entries_fts").map { row -> String in
                let id: String = row[0]
                #expect(row[1] == "Title \(id)")
                #expect(row[2] == "body of \(id)")
                return id
            }
            #expect(stored.sorted() == present.sorted())
            #expect(try String.fetchAll(db, sql: "SELECT id FROM entries_fts WHERE entries_fts MATCH 'body'").count == present.count)
        }
    }
}
