import Foundation
import GRDB
import VaneDiagnostics

/// Opening an existing graph database, always read-only: queries can never change it.
public enum GraphDatabase {
    public enum OpenError: VaneError {
        case missing(String)
        case notWeathervane(String)
        case tooNew(String, String)
        /// Written by an older vane: it lacks a migration this one reads.
        case tooOld(String, String)
        case unreadable(String, String)
        /// The file may be sound, but cannot be opened here (its folder not writable, an I/O
        /// error): nothing says it is not ours, so nothing is said against it.
        case cannotOpen(String, String)

        /// Whether the file was not read at all, so may be sound.
        public var mayBeSound: Bool { if case .cannotOpen = self { true } else { false } }

        public var description: String {
            switch self {
            case .missing(let path): "no database at '\(path)' (run 'vane build' first, or pass --db)"
            case .notWeathervane(let path): "'\(path)' is not a Weathervane database"
            case .tooNew(let path, let migration): "'\(path)' was written by a newer vane (schema '\(migration)'); upgrade vane"
            case .tooOld(let path, let migration):
                "'\(path)' was written by an older vane (it lacks schema '\(migration)'); run 'vane build' to bring it up to date"
            case .unreadable(let path, let why): "cannot read '\(path)': \(why)"
            case .cannotOpen(let path, let why): "cannot open '\(path)': \(why)"
            }
        }
    }

    /// `allowingOlder`: a database an older vane wrote opens too (a build reads what it
    /// can of it, then writes the current schema); queries refuse it.
    public static func openReadOnly(_ url: URL, allowingOlder: Bool = false) throws(OpenError) -> DatabaseQueue {
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path) }
        var configuration = sharing(Configuration())
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in try check(db, path: path, allowingOlder: allowingOlder) }
        } catch let error as OpenError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notWeathervane(path)
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_CANTOPEN && access(url.deletingLastPathComponent().path, W_OK) != 0
        {
            // A reader of a database in WAL mode writes its `-shm` index beside it.
            throw .unreadable(
                path, "its folder is not writable, and a reader writes the database's index (-shm) beside it; read a copy in a writable folder")
        } catch let error as DatabaseError
            where [.SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_FULL].contains(error.resultCode)
        {
            // The file was not read: it may well be sound (a build told to move it away, a
            // healthy database, when its folder was read-only).
            let folder = url.deletingLastPathComponent().path
            throw .cannotOpen(
                path,
                access(folder, W_OK) != 0
                    ? "its folder ('\(folder)') is not writable, and SQLite writes the database's journal and index beside it"
                    : "SQLite: \(error.message ?? "\(error.resultCode)")")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            // SQLite's own words and the statement GRDB ran say nothing a reader can act on.
            throw .unreadable(
                path, "it is damaged (SQLite: \(error.message ?? "database disk image is malformed")); a build makes it again once it is moved away")
        } catch {
            throw .unreadable(path, "\(error)")
        }
        return queue
    }

    /// The database is shared by a build updating it in place and any number of queries
    /// (a `vane query` in a loop, `vane serve`). In WAL mode a reader reads the last commit
    /// while a build writes, and a build never waits for readers; whatever still meets a
    /// lock (a database an older vane left in rollback mode, two writers) waits its turn
    /// rather than fail with "database is locked".
    public static func sharing(_ configuration: Configuration) -> Configuration {
        var configuration = configuration
        configuration.busyMode = .timeout(30)
        return configuration
    }

    /// The connection a build writes through, in WAL mode. The mode is kept in the file, so
    /// readers open it in WAL mode too. Not GRDB's `journalMode = .wal`, which writes a table
    /// and drops it to make the log exist: a reader creates the log it needs itself.
    /// `holdingTransaction`: the caller begins a transaction in one access and commits it in
    /// another (a build writes its delta while the pages render, and commits after).
    public static func openWritable(_ url: URL, holdingTransaction: Bool = false) throws -> DatabaseQueue {
        var configuration = sharing(Configuration())
        configuration.allowsUnsafeTransactions = holdingTransaction
        configuration.prepareDatabase { db in
            // A reader of an older rollback-mode file may hold it: the mode then changes at
            // the next build, and this one writes in the mode the file has.
            _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            // In WAL mode a commit survives a crash of the process; NORMAL risks only the last
            // commit on a power cut, never the file.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return try DatabaseQueue(path: url.path, configuration: configuration)
    }

    /// Takes the database at `url` out of WAL mode, which SQLite does only when no other
    /// connection has it open, so that a new file may be renamed over it: a reader that
    /// opens the old file meanwhile reads it in rollback mode and never meets the new file's
    /// log. False when a connection holds it (the caller then writes in place).
    public static func leaveWAL(_ url: URL) -> Bool {
        var configuration = Configuration()
        configuration.busyMode = .immediateError
        guard let queue = try? DatabaseQueue(path: url.path, configuration: configuration) else { return false }
        defer { try? queue.close() }
        let mode = try? queue.inDatabase { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
        return mode == "delete"
    }

    /// The log and index files of a database in WAL mode, which SQLite pairs with a
    /// database by name alone: a new file put in place of one that is gone must not meet a
    /// log the old one left.
    public static func removeLogs(of url: URL) {
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: url.path + suffix) }
    }

    private static func check(_ db: Database, path: String, allowingOlder: Bool) throws {
        let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        guard id == Schema.applicationID, try db.tableExists("grdb_migrations") else {
            throw OpenError.notWeathervane(path)
        }
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        if let unknown = applied.first(where: { !Schema.knownMigrations.contains($0) }) {
            throw OpenError.tooNew(path, unknown)
        }
        if !allowingOlder, let missing = Schema.knownMigrations.first(where: { !applied.contains($0) }) {
            throw OpenError.tooOld(path, missing)
        }
        // Every migration applied and a table of the graph gone: damaged (a dropped table was
        // an SQLite error on every build, blamed on a report's block, and on every read).
        if Schema.knownMigrations.allSatisfy(applied.contains),
            let gone = Schema.graphTables.subtracting(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")).min()
        {
            throw OpenError.unreadable(path, "it is damaged (its table '\(gone)' is missing); a build makes it again once it is moved away")
        }
    }
}
