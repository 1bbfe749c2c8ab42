import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

/// The parses stored by the previous build, so an unchanged file is not parsed again.
public struct DatabaseParseCache: ParseCache {
    private let stored: ByPath<StoredFile>
    /// Page fingerprints of the previous build.
    public let pages: [String: UInt64]
    /// Each entry's row signature at the previous build (`RowSignatures`).
    public let rowSignatures: [String: UInt64]
    /// The previous build's `build_state`.
    public let state: [String: String]

    /// Every file of the previous build: path → (size, modification time); empty when read
    /// without `parses`.
    public let manifest: ByPath<(size: Int, modified: Int64)>
    /// Why the database could not be opened; nil when it could, or when there is none.
    public let problem: GraphDatabase.OpenError?
    /// Whether the database has every migration of this vane: one an older vane wrote is
    /// written again whole, even when no file changed.
    public let isCurrentSchema: Bool
    /// Why some of what the previous build stored could not be used, and so is computed
    /// again (printed under `--verbose`); empty when everything was read.
    public let skipped: CacheNotes
    /// How many stored parses were decoded as they were read (see `init`).
    public let decodedAsRead: Int

    /// How the stored parses are read: decoded in place, kept as stored bytes to decode
    /// when asked for, or not read at all.
    private enum Reading { case decode, keep, skip }

    /// A stored file: its hash, size and time, and its parse: decoded as it was read, or
    /// its stored bytes, decoded when asked for.
    private struct StoredFile: Sendable {
        enum Parse: Sendable {
            case decoded(ParsedFile)
            case packed(Data)
            case undecodable(String)
        }
        var hash: String, parse: Parse, size: Int, modified: Int64
    }

    /// Reads the previous build from the database at `url`; empty when there is none or it
    /// is unusable. Without `parses`, the stored parses themselves are not loaded (the
    /// fast path needs only the manifest).
    ///
    /// Given the parser `settings` of this build, and when they are those the stored parses
    /// were made with, each parse is decoded where SQLite holds it, as it is read, by two
    /// threads reading half the rowids each: the 128 MB of parses at 10,000 events are not
    /// copied first (a build adding one event there peaked at 516 MB, 394 MB now). Given
    /// other settings, no parse is read: none can match (a file's hash includes them).
    /// Without settings, each is kept as stored and decoded when asked for.
    public init(url: URL, parses: Bool = true, settings: String? = nil) {
        let notes = CacheNotes()
        skipped = notes
        let queue: DatabaseQueue?
        do {
            queue = try GraphDatabase.openReadOnly(url, allowingOlder: true)
            problem = nil
        } catch {
            queue = nil
            if case .missing = error { problem = nil } else { problem = error }
        }
        let applied = (try? queue?.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }) ?? []
        isCurrentSchema = queue == nil || Set(Schema.knownMigrations).isSubset(of: applied)
        /// Rows of one request; a request that fails is noted and reads as no rows.
        func read<T>(_ what: String, _ request: (Database) throws -> [T]) -> [T] {
            guard let queue else { return [] }
            do {
                return try queue.read(request)
            } catch {
                notes.add("cannot read the stored \(what) (\(error)); computing them again")
                return []
            }
        }
        // Not the stored status board (`vane status`'s, megabytes at 50,000 events): no build reads it.
        let rows = read("build state") { try BuildStateRecord.fetchAll($0, sql: "SELECT * FROM build_state WHERE key != 'status-json'") }
        state = Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        var decoded = 0
        if parses, let queue {
            // Read beside the parses, on a connection of their own: after them, these two
            // tables were a tenth of a second of one core while the loader waited.
            let tables = OwnThread { [isCurrentSchema] in Self.fingerprintTables(url, signatures: isCurrentSchema, notes: notes) }
            let made = state["parser-settings"]
            let reading: Reading = settings.map { $0 == made ? .decode : .skip } ?? .keep
            let halves = Self.readFiles(queue, url: url, reading, notes: notes)
            (manifest, stored) = (ByPath(halves.map(\.manifest)), ByPath(halves.map(\.stored)))
            decoded = halves.enumerated().reduce(0) { sum, half in
                // A path read by both halves (see `readFiles`) is the first half's.
                sum + half.element.decoded.count { path in half.offset == 0 || halves[0].stored[path] == nil }
            }
            (pages, rowSignatures) = tables.value
        } else {
            // The fast paths read no stored parse (decoding them is most of the cost), and
            // the file list only when the digest of `Content/` does not tell (`manifest(at:)`).
            (manifest, stored) = (ByPath([]), ByPath([]))
            (pages, rowSignatures) = ([:], [:])
        }
        decodedAsRead = decoded
    }

    /// The page fingerprints and (with `signatures`: the database has every migration) the
    /// row signatures, on a connection of their own; empty when they cannot be read.
    private static func fingerprintTables(_ url: URL, signatures: Bool, notes: CacheNotes) -> ([String: UInt64], [String: UInt64]) {
        guard let queue = try? GraphDatabase.openReadOnly(url, allowingOlder: true) else { return ([:], [:]) }
        /// A table of keys and 64-bit fingerprints, read by column position.
        func fingerprints(_ what: String, _ sql: String) -> [String: UInt64] {
            do {
                let pairs = try queue.read { db in
                    try Row.fetchAll(db, sql: sql).map { ($0[0] as String, UInt64(bitPattern: $0[1] as Int64)) }
                }
                return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
            } catch {
                notes.add("cannot read the stored \(what) (\(error)); computing them again")
                return [:]
            }
        }
        let pages = fingerprints("page fingerprints", "SELECT path, fingerprint FROM pages")
        return (pages, signatures ? fingerprints("row signatures", "SELECT id, signature FROM entry_rows") : [:])
    }

    /// The rows of `files` a reader read, by path: every file's size and time, and the stored
    /// file of each with a parse (not an asset). A path is the table's key: one reader's
    /// transaction reads it once.
    private struct Half: Sendable {
        var manifest: [String: (size: Int, modified: Int64)] = [:]
        var stored: [String: StoredFile] = [:]
        /// The paths whose parse was decoded as it was read.
        var decoded: [String] = []
    }

    /// Every row of `files`; when the parses are decoded as they are read, in two halves of
    /// the rowids, the second on a thread and a connection of its own, each made into
    /// tables by path where it was read (joining them took as long again on one core). The
    /// two read in transactions of their own: a build of another process that commits between them
    /// (`vane check` and the preview's first load take no build lock) can make a row
    /// missed, or read twice, which costs a parse, never a wrong one (each row is whole,
    /// and a lookup checks its hash).
    private static func readFiles(_ queue: DatabaseQueue, url: URL, _ reading: Reading, notes: CacheNotes) -> [Half] {
        let bounds = reading == .decode ? try? queue.read { db in try Row.fetchOne(db, sql: "SELECT min(rowid), max(rowid) FROM files") } : nil
        guard let low = bounds?[0] as Int64?, let high = bounds?[1] as Int64?, high > low,
            let other = try? GraphDatabase.openReadOnly(url, allowingOlder: true)
        else { return [readRows(queue, nil, reading, notes: notes)] }
        let middle = low + (high - low) / 2
        let second = OwnThread { readRows(other, (middle + 1)...high, reading, notes: notes) }
        return [readRows(queue, low...middle, reading, notes: notes), second.value]
    }

    private static func readRows(_ queue: DatabaseQueue, _ range: ClosedRange<Int64>?, _ reading: Reading, notes: CacheNotes) -> Half {
        do {
            return try queue.read { db in try rows(db, range, reading) }
        } catch {
            notes.add("cannot read the stored file list (\(error)); computing them again")
            return Half()
        }
    }

    /// The rows of `files` (those whose rowid is in `range`, when given), read by column
    /// position (the Codable records look each column up by name, a tenth of a second at
    /// 20,000 files) through a cursor whose rows read the statement's columns in place.
    private static func rows(_ db: Database, _ range: ClosedRange<Int64>?, _ reading: Reading) throws -> Half {
        var half = Half()
        let parsed = reading == .skip ? "NULL" : "parsed"
        let sql = "SELECT path, hash, \(parsed), size, modified FROM files" + (range == nil ? "" : " WHERE rowid BETWEEN ? AND ?")
        let rows = try Row.fetchCursor(db, sql: sql, arguments: range.map { [$0.lowerBound, $0.upperBound] } ?? [])
        while let row = try rows.next() {
            let path: String = row[0]
            let parse: StoredFile.Parse? = try row.withUnsafeData(atIndex: 2) { data in
                guard let data else { return nil }
                guard reading == .decode else { return .packed(Data(data)) }
                do {
                    return .decoded(try PackedCoding.decode(ParsedFile.self, from: data))
                } catch {
                    return .undecodable("\(error)")
                }
            }
            let (size, modified): (Int, Int64) = (row[3], row[4])
            half.manifest[path] = (size, modified)
            guard let parse else { continue }
            if case .decoded = parse { half.decoded.append(path) }
            half.stored[path] = StoredFile(hash: row[1], parse: parse, size: size, modified: modified)
        }
        return half
    }

    /// Every file of the previous build: path → (size, modification time); empty when
    /// there is none.
    public static func manifest(at url: URL) -> [String: (size: Int, modified: Int64)] {
        guard let queue = try? GraphDatabase.openReadOnly(url, allowingOlder: true),
            let rows = try? queue.read({ try Row.fetchAll($0, sql: "SELECT path, size, modified FROM files") })
        else { return [:] }
        return Dictionary(rows.map { ($0[0] as String, ($0[1] as Int, $0[2] as Int64)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Whether the stored row for this file is still exact, size and time included.
    public func isStoredExactly(_ parsed: ParsedFile) -> Bool {
        guard let hit = stored[parsed.path] else { return false }
        return hit.hash == parsed.hash && hit.size == parsed.size && hit.modified == parsed.modified
    }

    /// The stored form of a file's parse, when its hash still matches and it was kept as
    /// stored: reused as it is (one decoded as it was read is encoded again).
    public func storedParse(path: String, hash: String) -> Data? {
        guard let hit = stored[path], hit.hash == hash, case .packed(let packed) = hit.parse else { return nil }
        return packed
    }

    /// The delta to `signatures` (`RowSignatures.smallDelta`) when it is best written into the
    /// previous database in place: it has every migration and its signatures, and the delta
    /// is under a quarter of the entries (a larger one is faster written into a new file);
    /// nil otherwise.
    public func update(to signatures: RowSignatures) -> (write: [String], remove: [String])? {
        guard isCurrentSchema, state["graph-rows"] == GraphStore.rowsVersion, !rowSignatures.isEmpty else { return nil }
        return signatures.smallDelta(from: rowSignatures)
    }

    /// A file modified at or after the start of the build that read it is read again (git's
    /// "racy clean" rule): an edit in the same clock tick would keep its size and time.
    public func parsedFile(path: String, size: Int, modified: Int64, settings: String) -> ParsedFile? {
        guard state["parser-settings"] == settings, let started = state["started"].flatMap(Int64.init), modified < started,
            let hit = stored[path], hit.size == size, hit.modified == modified
        else { return nil }
        return parsedFile(path: path, hash: hit.hash)
    }

    public func parsedFile(path: String, hash: String) -> ParsedFile? {
        guard let hit = stored[path], hit.hash == hash else { return nil }
        let why: String
        switch hit.parse {
        case .decoded(let parsed): return parsed
        case .packed(let packed):
            do {
                return try PackedCoding.decode(ParsedFile.self, from: packed)
            } catch {
                why = "\(error)"
            }
        case .undecodable(let error): why = error
        }
        skipped.add("the stored parse of \(path) does not decode (\(why)); parsing the file again")
        return nil
    }
}

/// Values by path, in tables read apart (see `DatabaseParseCache.readFiles`): a path is
/// looked up in each in turn, and the first that has it tells.
public struct ByPath<Value: Sendable>: Sendable {
    private let tables: [[String: Value]]

    init(_ tables: [[String: Value]]) { self.tables = tables }

    public subscript(path: String) -> Value? {
        for table in tables { if let value = table[path] { return value } }
        return nil
    }

    /// Every path; one read by two readers comes twice (no set is made: a build's delta
    /// reads them to delete the rows of files gone).
    public var paths: [String] { tables.flatMap(\.keys) }
}

/// Notes collected from concurrent readers of the cache.
public final class CacheNotes: Sendable {
    private let notes = Locked<[String]>([])

    func add(_ note: String) { notes.withLock { $0.append(note) } }

    /// In the order they were noted.
    public var all: [String] { notes.value }
}

/// The stored parses, read on a thread of their own from the moment it is made: a build
/// scans `Content/` meanwhile, and its loader waits for them only when it parses.
public final class ParseCacheInBackground: ParseCache, @unchecked Sendable {
    private let read: OwnThread<(DatabaseParseCache, seconds: Double)>

    /// `settings`: this build's parser settings (see `DatabaseParseCache.init`).
    public init(url: URL, settings: String? = nil) {
        read = OwnThread {
            let start = DispatchTime.now().uptimeNanoseconds
            let loaded = DatabaseParseCache(url: url, settings: settings)
            return (loaded, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
    }

    /// The stored parses, once read.
    public var value: DatabaseParseCache { read.value.0 }

    /// How long the read itself took, once it is done.
    public var duration: Double { read.value.seconds }

    public func parsedFile(path: String, hash: String) -> ParsedFile? { value.parsedFile(path: path, hash: hash) }

    public func parsedFile(path: String, size: Int, modified: Int64, settings: String) -> ParsedFile? {
        value.parsedFile(path: path, size: size, modified: modified, settings: settings)
    }
}
