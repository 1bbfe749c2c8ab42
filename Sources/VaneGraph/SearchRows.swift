import GRDB
import VaneContent

/// The full-text rows, each at a rowid derived from its entry's id, so that one is found
/// by rowid: FTS5 cannot index its `id` column, and a delete by id read the whole index
/// (8 s of a build after one edit at 50,000 events). A row sits at its id's hash, or at
/// the next free rowid after it when that is taken (linear probing).
struct SearchRows {
    let db: Database
    /// Where an id's row belongs; tests give every id the same home to make runs.
    var home: (String) -> Int64 = { Int64(bitPattern: StableHash.of($0) >> 1) | 1 }

    private static func after(_ slot: Int64) -> Int64 { slot == .max ? 1 : slot + 1 }

    private func row(at slot: Int64) throws -> SearchTextRecord? {
        try SearchTextRecord.fetchOne(db.cachedStatement(sql: "SELECT id, kind, title, body FROM entries_fts WHERE rowid = ?"), arguments: [slot])
    }

    /// The rowid of an id's row, found from its home.
    func slot(of id: String) throws -> Int64? {
        var slot = home(id)
        while let found = try row(at: slot) {
            if found.id == id { return slot }
            slot = Self.after(slot)
        }
        return nil
    }

    func insert(_ record: SearchTextRecord) throws {
        var slot = home(record.id)
        while try row(at: slot) != nil { slot = Self.after(slot) }
        try db.cachedStatement(sql: "INSERT INTO entries_fts (rowid, id, kind, title, body) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [slot, record.id, record.kind, record.title, record.body])
    }

    /// Deletes an id's row, then places the rows after it in its run again, so that each
    /// stays reachable from its home.
    func delete(_ id: String) throws {
        guard let slot = try slot(of: id) else { return }
        try db.cachedStatement(sql: "DELETE FROM entries_fts WHERE rowid = ?").execute(arguments: [slot])
        var next = Self.after(slot)
        while let moved = try row(at: next) {
            try db.cachedStatement(sql: "DELETE FROM entries_fts WHERE rowid = ?").execute(arguments: [next])
            try insert(moved)
            next = Self.after(next)
        }
    }
}
