import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

/// The parses stored by the previous build, so an unchanged file is not parsed again.
public struct DatabaseParseCache: ParseCache {
    private let stored: [String: (hash: String, packed: Data, size: Int, modified: Int64)]
    /// Page fingerprints of the previous build.
    public let pages: [String: UInt64]
    /// Each entry's row signature at the previous build (`RowSignatures`).
    public let rowSignatures: [String: UInt64]
    /// The previous build's `build_state`.
    public let state: [String: String]

    /// Every file of the previous build: path → (size, modification time); empty when read
    /// without `parses`.
    public let manifest: [String: (size: Int, modified: Int64)]
    /// Why the database could not be opened; nil when it could, or when there is none.
    public let problem: GraphDatabase.OpenError?
    /// Whether the database has every migration of this vane: one an older vane wrote is
    /// written again whole, even when no file changed.
    public let isCurrentSchema: Bool
    /// Why some of what the previous build stored could not be used, and so is computed
    /// again (printed under `--verbose`); empty when everything was read.
    public let skipped: CacheNotes

    /// Reads the previous build from the database at `url`; empty when there is none or it
    /// is unusable. Without `parses`, the stored parses themselves are not loaded (the
    /// fast path needs only the manifest).
    public init(url: URL, parses: Bool = true) {
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
        // Of the property's own type: a dictionary of unlabelled tuples was converted to it
        // entry by entry (`_dictionaryUpCast`) on the thread the build waits for.
        var stored: [String: (hash: String, packed: Data, size: Int, modified: Int64)] = [:]
        if parses {
            // Rows read by column position (the Codable records look each column up by name,
            // a tenth of a second at 20,000 files), through a cursor whose rows read the
            // statement's columns in place (a fetched row copies each value first, and the
            // stored parses are 128 MB at 10,000 events).
            let files = read("file list") { db in
                var files: [(path: String, hash: String, parsed: Data?, size: Int, modified: Int64)] = []
                let rows = try Row.fetchCursor(db, sql: "SELECT path, hash, parsed, size, modified FROM files")
                while let row = try rows.next() {
                    files.append(
                        (path: row[0] as String, hash: row[1] as String, parsed: row[2] as Data?, size: row[3] as Int, modified: row[4] as Int64))
                }
                return files
            }
            var manifest: [String: (size: Int, modified: Int64)] = [:]
            manifest.reserveCapacity(files.count)
            stored.reserveCapacity(files.count)
            for file in files {
                if manifest[file.path] == nil { manifest[file.path] = (file.size, file.modified) }
                if let packed = file.parsed { stored[file.path] = (file.hash, packed, file.size, file.modified) }
            }
            self.manifest = manifest
        } else {
            // The fast paths read no stored parse (decoding them is most of the cost), and
            // the file list only when the digest of `Content/` does not tell (`manifest(at:)`).
            manifest = [:]
        }
        self.stored = stored
        /// A table of keys and 64-bit fingerprints, read by column position.
        func fingerprints(_ what: String, _ sql: String) -> [String: UInt64] {
            let pairs = read(what) { db in try Row.fetchAll(db, sql: sql).map { ($0[0] as String, UInt64(bitPattern: $0[1] as Int64)) } }
            return Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        }
        pages = parses ? fingerprints("page fingerprints", "SELECT path, fingerprint FROM pages") : [:]
        rowSignatures = parses && isCurrentSchema ? fingerprints("row signatures", "SELECT id, signature FROM entry_rows") : [:]
        // Not the stored status board (`vane status`'s, megabytes at 50,000 events): no build reads it.
        let rows = read("build state") { try BuildStateRecord.fetchAll($0, sql: "SELECT * FROM build_state WHERE key != 'status-json'") }
        state = Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// Every file of the previous build: path → (size, modification time); empty when
    /// there is none.
    public static func manifest(at url: URL) -> [String: (size: Int, modified: Int64)] {
        guard let queue = try? GraphDatabase.openReadOnly(url, allowingOlder: true),
            let rows = try? queue.read({ try Row.fetchAll($0, sql: "SELECT path, size, modified FROM files") })
        else { return [:] }
        return Dictionary(rows.map { ($0[0] as String, ($0[1] as Int, $0[2] as Int64)) }, uniquingKeysWith: { a, _ in a })
    }

    public func isUnchanged(_ parsed: ParsedFile) -> Bool { stored[parsed.path]?.hash == parsed.hash }

    /// Whether the stored row for this file is still exact, size and time included.
    public func isStoredExactly(_ parsed: ParsedFile) -> Bool {
        guard let hit = stored[parsed.path] else { return false }
        return hit.hash == parsed.hash && hit.size == parsed.size && hit.modified == parsed.modified
    }

    /// The delta to `signatures` (`RowSignatures.delta`) when it is best written into the
    /// previous database in place: it has every migration and its signatures, and the delta
    /// is under a quarter of the entries (a larger one is faster written into a new file);
    /// nil otherwise.
    public func update(to signatures: RowSignatures) -> (write: [String], remove: [String])? {
        guard isCurrentSchema, !rowSignatures.isEmpty else { return nil }
        let delta = signatures.delta(from: rowSignatures)
        return (delta.write.count + delta.remove.count) * 4 < max(signatures.byID.count, 1) ? delta : nil
    }

    /// The stored form of a file's parse, when its hash still matches: reused as it is.
    public func storedParse(path: String, hash: String) -> Data? {
        guard let hit = stored[path], hit.hash == hash else { return nil }
        return hit.packed
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
        do {
            return try PackedCoding.decode(ParsedFile.self, from: hit.packed)
        } catch {
            skipped.add("the stored parse of \(path) does not decode (\(error)); parsing the file again")
            return nil
        }
    }
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

    public init(url: URL) {
        read = OwnThread {
            let start = DispatchTime.now().uptimeNanoseconds
            let loaded = DatabaseParseCache(url: url)
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
