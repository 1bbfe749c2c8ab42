import GRDB
import GRDBSQLite

/// One value read in pieces with SQLite's incremental blob I/O (`sqlite3_blob_open`),
/// which GRDB does not wrap: a large value (the stored status board) is copied a piece at
/// a time into the caller's buffer, never assembled whole by SQLite. Valid inside the
/// access that opened it; read-only.
public final class IncrementalBlob {
    private var handle: OpaquePointer?
    private let db: Database
    /// The value's length in bytes.
    public let count: Int

    public init(_ db: Database, table: String, column: String, row: Int64) throws {
        self.db = db
        let code = sqlite3_blob_open(db.sqliteConnection, "main", table, column, row, 0, &handle)
        guard code == SQLITE_OK, let handle else {
            sqlite3_blob_close(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
        }
        count = Int(sqlite3_blob_bytes(handle))
    }

    /// Copies `count` bytes from `offset` into the start of `buffer`.
    public func read(into buffer: inout [UInt8], count: Int, at offset: Int) throws {
        precondition(count <= buffer.count && offset + count <= self.count)
        let code = buffer.withUnsafeMutableBytes { sqlite3_blob_read(handle, $0.baseAddress, Int32(count), Int32(offset)) }
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage) }
    }

    public func close() {
        sqlite3_blob_close(handle)
        handle = nil
    }
}
