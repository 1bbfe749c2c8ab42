import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

/// What a build leaves in the database besides the graph: page fingerprints and the
/// state its fast path compares against.
public struct BuildRecord: Sendable {
    public var pages: [String: UInt64]
    /// `build_state` rows, e.g. the fingerprint of everything outside `Content/`.
    public var state: [String: String]
    /// The body spans of each output built (nil for one that shows no body); the outputs
    /// kept keep theirs.
    public var spans: [String: OutputSpans?]
    /// The status board as of the build's day (table `board`), written when the stored
    /// status (`status-json` in the state) changed; nil leaves the table as it is.
    public var board: [BoardRecord]?
    /// Our exposure as of the build's day (table `exposure`), written with the board.
    public var exposure: [ExposureRecord]?

    public init(
        pages: [String: UInt64] = [:], state: [String: String] = [:], spans: [String: OutputSpans?] = [:], board: [BoardRecord]? = nil,
        exposure: [ExposureRecord]? = nil
    ) {
        self.exposure = exposure
        self.pages = pages
        self.state = state
        self.spans = spans
        self.board = board
    }
}

/// Why the graph could not be written.
public enum GraphStoreError: VaneError {
    /// SQLite refused a statement or the file.
    case database(path: String, message: String)
    /// The new database could not be renamed over the old one.
    case rename(from: String, to: String, errno: Int32)

    public var description: String {
        switch self {
        case .database(let path, let message):
            "cannot write the database '\(path)': \(message)" + (Self.missingFolder(of: path).map { " (its folder '\($0)' does not exist)" } ?? "")
        case .rename(let from, let to, let code): "cannot rename '\(from)' to '\(to)': \(String(cString: strerror(code)))"
        }
    }

    /// The folder `path` would be in, when it is not there (SQLite says only "unable to open").
    private static func missingFolder(of path: String) -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return path == ":memory:" || FileManager.default.fileExists(atPath: folder) ? nil : folder
    }
}

/// The only writer of the graph. A build writes its delta into the database in place, in
/// one transaction. A first build, a database an older vane wrote, or a delta of a quarter
/// of the entries or more writes a complete new database beside the path and renames it
/// over the old one, but only once the old one is out of WAL mode, which SQLite allows
/// only when no other connection has it open: in WAL mode SQLite pairs a database with its
/// log by name alone, and a reader of the old file could be using that log. While a reader
/// holds it, the whole graph is written in place instead (with the migrations it lacks, in
/// the same transaction). Either way a failed or interrupted build leaves the previous
/// database as it was.
public enum GraphStore {
    /// How the graph's rows are kept, stored as `graph-rows` in the build state. A database
    /// without it (an older vane wrote its rows) is written whole once instead of given a
    /// delta: the `vane` blocks read the rows a delta leaves, so rows an older vane left
    /// behind (an entry removed after an edit to its body alone, before 9aa0fa1) would show.
    public static let rowsVersion = "3"

    public static func write(
        _ result: LoadResult, to url: URL, record: BuildRecord = BuildRecord(), previous: DatabaseParseCache? = nil
    ) throws(GraphStoreError) {
        _ = try prepare(result, at: url, previous: previous).finish(record)
    }

    /// Writes what does not depend on the rendering (the whole graph, into a new file
    /// beside the path, when there is no database yet), so that a build can do it while it
    /// renders. Nothing is visible until `finish`.
    /// `cancelled`: asked while a whole graph is written; when it says so, the write stops
    /// and fails (a build whose blocks failed does not wait for a graph it throws away).
    public static func prepare(
        _ result: LoadResult, at url: URL, previous: DatabaseParseCache? = nil, cancelled: () -> Bool = { false }
    ) throws(GraphStoreError) -> PreparedGraph {
        let signatures = RowSignatures(result)
        let exists = FileManager.default.fileExists(atPath: url.path)
        if exists, let previous, let delta = previous.update(to: signatures) {
            return try GraphStoreError.wrap(url) {
                // The transaction stays open while the pages render: readers (WAL) go on
                // reading the last commit, and `finish` commits or `discard` rolls back.
                let queue = try GraphDatabase.openWritable(url, holdingTransaction: true)
                do {
                    let rows = try queue.writeWithoutTransaction { db in
                        try db.beginTransaction(.immediate)
                        return try writeDelta(result, signatures, delta, previous: previous, in: db)
                    }
                    return PreparedGraph(url: url, step: .open(queue, previous.pages, previous.state), rows: rows)
                } catch {
                    try? queue.writeWithoutTransaction { db in if db.isInsideTransaction { try db.rollback() } }
                    try? queue.close()
                    throw error
                }
            }
        }
        let staging = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        return try GraphStoreError.wrap(url) {
            if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
            do {
                let queue = try DatabaseQueue(path: staging.path)
                try Schema.migrator.migrate(queue)
                let rows = try queue.write { db in
                    try insertGraph(result, into: db, previous: previous, signatures: signatures, cancelled: cancelled)
                }
                return PreparedGraph(url: url, step: .whole(queue, staging, exists ? (result, signatures, previous) : nil), rows: rows)
            } catch {
                try? FileManager.default.removeItem(at: staging)
                throw error
            }
        }
    }

    /// The graph in memory, read-only once written: what `--known-at` reads (the same
    /// tables and rows as the database a build writes, without the stored parses).
    public static func inMemory(_ result: LoadResult) throws(GraphStoreError) -> DatabaseQueue {
        let queue = try inMemory(result, tables: nil)
        try GraphStoreError.wrap(URL(fileURLWithPath: ":memory:")) { try queue.inDatabase { db in try db.execute(sql: "PRAGMA query_only = ON") } }
        return queue
    }

    /// The graph in memory with `tables` written (every one when nil), to be kept up to
    /// date (`GraphInMemory`).
    static func inMemory(_ result: LoadResult, tables: Set<String>?) throws(GraphStoreError) -> DatabaseQueue {
        try GraphStoreError.wrap(URL(fileURLWithPath: ":memory:")) {
            let queue = try DatabaseQueue()
            try Schema.migrator.migrate(queue)
            _ = try queue.write { db in try insertGraph(result, into: db, previous: nil, parses: false, tables: tables) }
            return queue
        }
    }

    /// Every row of the graph, into a database that has none; returns how many rows were
    /// written.
    @discardableResult
    static func insertGraph(
        _ result: LoadResult, into db: Database, previous: DatabaseParseCache?, parses: Bool = true, signatures: RowSignatures? = nil,
        tables: Set<String>? = nil, cancelled: () -> Bool = { false }
    ) throws -> Int {
        let before = db.totalChangesCount
        // Entries reference each other in any order; keys are checked at commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        let rows = RowWriter(db, result.knowledgeBase, tables: tables)
        // Asked between rows, a few hundred apart.
        func stopIfCancelled(_ i: Int) throws { if i % 512 == 0, cancelled() { throw CancellationError() } }
        try stopIfCancelled(0)
        if rows.writes("files") {
            let texts = parses ? RowWriter.encodeInParallel(result.files, previous: previous) : result.files.map { _ in Data() }
            for (parsed, packed) in zip(result.files, texts) { try rows.insertFile(parsed, packed: packed) }
            for asset in result.assetFiles { try rows.insertAsset(asset) }
        }
        for (i, entry) in result.knowledgeBase.entries.enumerated() {
            try stopIfCancelled(i)
            try rows.insert(entry)
        }
        try rows.insertAliases(of: result.knowledgeBase.entries)
        // Not even read when not written (a copy for a `sql` block that reads events alone).
        if rows.writes("edges") {
            for (i, edge) in result.knowledgeBase.edges.enumerated() {
                try stopIfCancelled(i)
                try rows.insert(edge)
            }
        }
        if rows.writes("status_changes") { for change in result.knowledgeBase.statusChanges { try rows.insert(change) } }
        try rows.replaceScales()
        for (id, signature) in signatures?.byID ?? [:] { try EntryRowsRecord(id: id, signature: Int64(bitPattern: signature)).insert(db) }
        return db.totalChangesCount - before
    }

    /// Writes the delta into the database in place, in the caller's transaction: the rows of
    /// the entries added or changed (by signature) again, those of removed entries deleted,
    /// the file rows of changed or removed files. Returns how many rows were written.
    fileprivate static func writeDelta(
        _ result: LoadResult, _ signatures: RowSignatures, _ delta: (write: [String], remove: [String]), previous: DatabaseParseCache,
        in db: Database
    ) throws -> Int {
        let before = db.totalChangesCount
        let (write, remove) = delta
        let kb = result.knowledgeBase
        // The file rows show no edge.
        let rows = RowWriter(db, kb, edges: [])
        let present = Set(result.files.map(\.path) + result.assetFiles.map(\.path))
        for path in previous.manifest.paths where !present.contains(path) { try FileRecord.deleteOne(db, key: path) }
        // By index: `for … in` copies every parse to find the few to write.
        for i in result.files.indices where !previous.isStoredExactly(result.files[i]) {
            let parsed = result.files[i]
            try FileRecord.filter(FileRecord.Columns.path == parsed.path || FileRecord.Columns.entryID == parsed.entry?.id).deleteAll(db)
            try rows.insertFile(parsed, previous: previous)
        }
        for asset in result.assetFiles {
            if let known = previous.manifest[asset.path], known.size == asset.size, known.modified == asset.modified { continue }
            try FileRecord.deleteOne(db, key: asset.path)
            try rows.insertAsset(asset)
        }
        try RowWriter.rewrite(delta, of: kb, edges: kb.edges, statusChanges: kb.statusChanges, in: db)
        for id in remove { try EntryRowsRecord.deleteOne(db, key: id) }
        for id in write {
            try EntryRowsRecord(id: id, signature: Int64(bitPattern: signatures.byID[id]!)).insert(db, onConflict: .replace)
        }
        return db.totalChangesCount - before
    }

    /// The whole graph written again in place, in the caller's transaction, with the
    /// migrations the database lacks: for a large delta while a reader holds the database,
    /// which then cannot be replaced. Deleting entries one by one would search the status
    /// changes and aliases for each (for all 20,000 entries of 10,000 events, 527 s).
    /// Returns the page fingerprints stored, which the record is compared with.
    fileprivate static func rewriteGraph(
        _ result: LoadResult, _ signatures: RowSignatures, previous: DatabaseParseCache?, in db: Database
    ) throws -> [String: UInt64] {
        // Rows are deleted and written again in any order; keys are checked at commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        try Schema.migrate(db)
        try Schema.clearGraph(db)
        try insertGraph(result, into: db, previous: previous, signatures: signatures)
        let pages = try PageRecord.fetchAll(db).map { ($0.path, UInt64(bitPattern: $0.fingerprint)) }
        return Dictionary(pages, uniquingKeysWith: { a, _ in a })
    }

    /// The body spans of the outputs a build kept, from the database being replaced.
    static func keepSpans(from previous: URL, except record: BuildRecord, in db: Database) throws {
        // An older database without spans has none to give: its outputs get theirs when built.
        guard FileManager.default.fileExists(atPath: previous.path), let old = try? GraphDatabase.openReadOnly(previous, allowingOlder: true),
            let (spans, shown) = try? old.read({ db in
                (try Row.fetchAll(db, sql: "SELECT path, spans FROM body_spans"), try Row.fetchAll(db, sql: "SELECT entry, path FROM body_shown"))
            })
        else { return }
        try? old.close()
        for row in spans where record.spans[row["path"]] == nil && record.pages[row["path"]] != nil {
            try db.cachedStatement(sql: "INSERT INTO body_spans (path, spans) VALUES (?, ?)").execute(arguments: [row["path"], row["spans"]])
        }
        for row in shown where record.spans[row["path"]] == nil && record.pages[row["path"]] != nil {
            try db.cachedStatement(sql: "INSERT INTO body_shown (entry, path) VALUES (?, ?)").execute(arguments: [row["entry"], row["path"]])
        }
    }

    /// An output's spans and the entries it shows, only the rows that differ.
    static func writeSpans(_ spans: OutputSpans?, of path: String, in db: Database) throws {
        let old = try Data.fetchOne(db.cachedStatement(sql: "SELECT spans FROM body_spans WHERE path = ?"), arguments: [path])
        if let spans, !spans.entries.isEmpty {
            if old != spans.packed {
                try db.cachedStatement(
                    sql: "INSERT INTO body_spans (path, spans) VALUES (?, ?) ON CONFLICT(path) DO UPDATE SET spans = excluded.spans"
                ).execute(arguments: [path, spans.packed])
            }
        } else if old != nil {
            try db.cachedStatement(sql: "DELETE FROM body_spans WHERE path = ?").execute(arguments: [path])
        }
        let shown = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT entry FROM body_shown WHERE path = ?"), arguments: [path]))
        let now = spans?.entries ?? []
        for entry in shown.subtracting(now) {
            try db.cachedStatement(sql: "DELETE FROM body_shown WHERE entry = ? AND path = ?").execute(arguments: [entry, path])
        }
        for entry in now.subtracting(shown) {
            try db.cachedStatement(sql: "INSERT INTO body_shown (entry, path) VALUES (?, ?)").execute(arguments: [entry, path])
        }
    }

    /// An output's spans in a database that has none yet.
    private static func insertSpans(_ spans: OutputSpans, of path: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO body_spans (path, spans) VALUES (?, ?)").execute(arguments: [path, spans.packed])
        for entry in spans.entries {
            try db.cachedStatement(sql: "INSERT INTO body_shown (entry, path) VALUES (?, ?)").execute(arguments: [entry, path])
        }
    }

    /// Sets rows of the build state in a database already in place, in one transaction.
    public static func setState(_ state: [String: String], at url: URL) throws(GraphStoreError) {
        try GraphStoreError.wrap(url) {
            let queue = try GraphDatabase.openWritable(url)
            defer { try? queue.close() }
            try queue.write { db in
                for (key, value) in state { try BuildStateRecord(key: key, value: value).insert(db, onConflict: .replace) }
            }
        }
    }

    /// Page fingerprints and build state, only those that changed.
    /// `fresh`: the database is new, with no spans to compare.
    static func replace(
        _ record: BuildRecord, previousPages: [String: UInt64], previousState: [String: String] = [:], fresh: Bool = false, in db: Database
    ) throws {
        for path in previousPages.keys where record.pages[path] == nil {
            try PageRecord.deleteOne(db, key: path)
            try writeSpans(nil, of: path, in: db)
        }
        for (path, spans) in record.spans {
            if fresh {
                if let spans, !spans.entries.isEmpty { try insertSpans(spans, of: path, in: db) }
            } else {
                try writeSpans(spans, of: path, in: db)
            }
        }
        for (path, fingerprint) in record.pages where previousPages[path] != fingerprint {
            try PageRecord(path: path, fingerprint: Int64(bitPattern: fingerprint)).insert(db, onConflict: .replace)
        }
        for (key, value) in record.state where previousState[key] != value {
            try BuildStateRecord(key: key, value: value).insert(db, onConflict: .replace)
        }
        if let board = record.board, fresh || previousState[boardKey] == nil || previousState[boardKey] != record.state[boardKey] {
            try writeBoard(board, in: db)
        }
        // Compared row by row (a use changes it with the board as it was).
        if let exposure = record.exposure { try writeExposure(exposure, in: db) }
    }

    /// The rows of `exposure` that differ from the table's, written; those of uses gone, removed.
    private static func writeExposure(_ rows: [ExposureRecord], in db: Database) throws {
        let old = Dictionary(try ExposureRecord.fetchAll(db).map { ($0.useID, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Set(rows.map(\.useID))
        for id in old.keys where !now.contains(id) { _ = try ExposureRecord.deleteOne(db, key: id) }
        for row in rows where old[row.useID] != row { try row.insert(db, onConflict: .replace) }
    }

    /// The state row the board is written after: the stored `vane status` JSON, which
    /// holds its day and every row.
    static let boardKey = "status-json"

    /// The rows of `board` that differ from the table's, written; the others left: an event
    /// added moves a product or two, not the 300 rows of the board (every row was written
    /// again, more rows than the rest of the delta).
    private static func writeBoard(_ board: [BoardRecord], in db: Database) throws {
        let old = Dictionary(try BoardRecord.fetchAll(db).map { ($0.entityID, $0) }, uniquingKeysWith: { a, _ in a })
        let now = Set(board.map(\.entityID))
        for id in old.keys where !now.contains(id) { _ = try BoardRecord.deleteOne(db, key: id) }
        for row in board where old[row.entityID] != row { try row.insert(db, onConflict: .replace) }
    }
}

/// A graph written aside, or a delta written in a transaction still open, waiting for the
/// build record.
public struct PreparedGraph: @unchecked Sendable {
    enum Step {
        /// A new database written beside the path; when one exists there, what to write
        /// into it in place if it cannot be replaced.
        case whole(DatabaseQueue, URL, (LoadResult, RowSignatures, DatabaseParseCache?)?)
        /// The delta written into the database in a transaction still open, with the
        /// page fingerprints and state the record is compared with.
        case open(DatabaseQueue, [String: UInt64], [String: String])
    }
    let url: URL
    let step: Step
    /// Rows already written aside (the whole graph).
    var rows = 0

    /// The connection the graph was written through, before it is finished: the delta's,
    /// inside its transaction, or the new file's. Reads through it see the rows written.
    public var database: DatabaseQueue {
        switch step {
        case .whole(let queue, _, _), .open(let queue, _, _): queue
        }
    }

    /// Adds the page fingerprints and build state, then puts the database in place: the
    /// new file renamed to the path (where there was none), or the delta's transaction
    /// committed.
    /// Returns how many rows the build wrote in all.
    @discardableResult
    public func finish(_ record: BuildRecord) throws(GraphStoreError) -> Int {
        var record = record
        record.state["graph-rows"] = GraphStore.rowsVersion
        return try GraphStoreError.wrap(url) {
            switch step {
            case .open(let queue, let pages, let state):
                defer { try? queue.close() }
                do {
                    return try queue.writeWithoutTransaction { db in
                        let before = db.totalChangesCount
                        try GraphStore.replace(record, previousPages: pages, previousState: state, in: db)
                        try db.commit()
                        return rows + db.totalChangesCount - before
                    }
                } catch {
                    try? queue.writeWithoutTransaction { db in if db.isInsideTransaction { try db.rollback() } }
                    throw error
                }
            case .whole(let queue, let staging, let inPlace):
                do {
                    let more = try queue.write { db in
                        let before = db.totalChangesCount
                        try GraphStore.replace(record, previousPages: [:], fresh: true, in: db)
                        try GraphStore.keepSpans(from: url, except: record, in: db)
                        return db.totalChangesCount - before
                    }
                    // Written in rollback mode (one writer, nothing to share yet), read in WAL
                    // mode from the first reader on.
                    try queue.inDatabase { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                    try queue.close()
                    if let (result, signatures, previous) = inPlace, !GraphDatabase.leaveWAL(url) {
                        // Someone reads the database: it is written again in place instead.
                        try? FileManager.default.removeItem(at: staging)
                        let live = try GraphDatabase.openWritable(url)
                        defer { try? live.close() }
                        return try live.write { db in
                            let before = db.totalChangesCount
                            let pages = try GraphStore.rewriteGraph(result, signatures, previous: previous, in: db)
                            try GraphStore.replace(record, previousPages: pages, in: db)
                            return db.totalChangesCount - before
                        }
                    }
                    // No reader of a database at the path, so none of its log: a log left by
                    // one that is gone would be read as this database's.
                    GraphDatabase.removeLogs(of: url)
                    if rename(staging.path, url.path) != 0 {
                        throw GraphStoreError.rename(from: staging.path, to: url.path, errno: errno)
                    }
                    return rows + more
                } catch {
                    try? FileManager.default.removeItem(at: staging)
                    throw error
                }
            }
        }
    }

    /// Removes the database written aside, or rolls the delta back (the build failed).
    public func discard() {
        switch step {
        case .whole(let queue, let staging, _):
            try? queue.close()
            try? FileManager.default.removeItem(at: staging)
        case .open(let queue, _, _):
            try? queue.writeWithoutTransaction { db in if db.isInsideTransaction { try db.rollback() } }
            try? queue.close()
        }
    }
}

extension GraphStoreError {
    /// Runs `body`, turning what SQLite and the file system throw into this error.
    static func wrap<T>(_ url: URL, _ body: () throws -> T) throws(GraphStoreError) -> T {
        do {
            return try body()
        } catch let error as GraphStoreError {
            throw error
        } catch let error as DatabaseError {
            throw .database(path: url.path, message: error.message ?? "\(error.resultCode)")
        } catch {
            throw .database(path: url.path, message: "\(error)")
        }
    }
}

/// Every table's rows from the knowledge base, shared by the full write and the update.
struct RowWriter {
    let db: Database
    let kb: KnowledgeBase
    let parents: [String: String], publishers: [String: String], claimants: [String: String], products: [String: String]
    /// The only tables written (every one when nil): a copy for a `sql` block writes those
    /// its statement reads.
    let tables: Set<String>?

    func writes(_ table: String) -> Bool { tables?.contains(table) ?? true }

    /// Writes the rows of any entry of `kb`, into `tables` alone when given, their parents,
    /// publishers, claimants and products from `edges` (the knowledge base's when nil; read
    /// only when a table written shows them, since the link may have left its list of edges
    /// to be made when first read).
    init(_ db: Database, _ kb: KnowledgeBase, tables: Set<String>? = nil, edges: [Edge]? = nil) {
        (self.db, self.kb, self.tables) = (db, kb, tables)
        // One pass over the edges, read in place, the first target of each kept; none when
        // no table written shows one (a copy of the events).
        var targets: [Relation: [String: String]] = [.parent: [:], .publishedBy: [:], .claimedBy: [:], .uses: [:]]
        if ["entities", "sources", "claims", "uses"].contains(where: { tables?.contains($0) ?? true }) {
            let edges = edges ?? kb.edges
            for i in edges.indices where targets[edges[i].relation]?[edges[i].from] == nil {
                targets[edges[i].relation]?[edges[i].from] = edges[i].to
            }
        }
        parents = targets[.parent]!
        publishers = targets[.publishedBy]!
        claimants = targets[.claimedBy]!
        products = targets[.uses]!
    }

    func insertFile(_ parsed: ParsedFile, previous: DatabaseParseCache?) throws {
        // An unchanged file's parse is stored as it was, without encoding it again.
        try insertFile(parsed, packed: previous?.storedParse(path: parsed.path, hash: parsed.hash) ?? RowWriter.pack(parsed))
    }

    func insertFile(_ parsed: ParsedFile, packed: Data) throws {
        try FileRecord(
            path: parsed.path, hash: parsed.hash, kind: parsed.entry?.kind.rawValue, entryID: parsed.entry?.id, parsed: packed,
            size: parsed.size, modified: parsed.modified
        ).insert(db)
    }

    /// The stored form of every parse, encoded on all cores (encoding is the slow part of
    /// writing a new database).
    static func encodeInParallel(_ files: [ParsedFile], previous: DatabaseParseCache?) -> [Data] {
        let packed = ResultSlots<Data>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            packed[i] = previous?.storedParse(path: files[i].path, hash: files[i].hash) ?? pack(files[i])
        }
        return packed.values
    }

    /// A parse that cannot be encoded is stored empty: it does not decode, so the next
    /// build parses its file again.
    static func pack(_ parsed: ParsedFile) -> Data { (try? PackedCoding.encode(parsed)) ?? Data() }

    func insertAsset(_ asset: ContentFile) throws {
        try FileRecord(path: asset.path, hash: "", kind: nil, entryID: nil, parsed: nil, size: asset.size, modified: asset.modified).insert(db)
    }

    func delete(_ id: String) throws {
        try EntityRecord.deleteOne(db, key: id)
        try EventRecord.deleteOne(db, key: id)
        try ClaimRecord.deleteOne(db, key: id)
        try SourceRecord.deleteOne(db, key: id)
        try ReportRecord.deleteOne(db, key: id)
        try UseRecord.deleteOne(db, key: id)
        try TagRecord.filter(TagRecord.Columns.entryID == id).deleteAll(db)
        try AliasRecord.filter(AliasRecord.Columns.entityID == id).deleteAll(db)
        try EdgeRecord.filter(EdgeRecord.Columns.fromID == id).deleteAll(db)
        try StatusChangeRecord.filter(StatusChangeRecord.Columns.eventID == id).deleteAll(db)
        try SearchRows(db: db).delete(id)
    }

    func insert(_ e: Entry) throws {
        // An entry its kind's table cannot hold (an event without a date) has no rows at all.
        switch e.kind {
        case .event, .claim, .report: guard e.date != nil else { return }
        case .use: guard e.use != nil else { return }
        case .entity, .source: break
        }
        if writes(e.kind.folder) { try insertRow(e) }
        if writes("tags") { for t in e.tags { try TagRecord(entryID: e.id, tag: t).insert(db, onConflict: .ignore) } }
        if writes("entries_fts") {
            // The aliases are names, weighed as the title is: Gemini, named Bard until 2024,
            // came last of seven for "bard" when they were body text.
            // An entity's id too, its address and what an import names it by (`nodejs`
            // found only a source).
            let names = ([e.title] + e.aliases.map(\.text) + (e.kind == .entity ? [e.id] : [])).joined(separator: "\n")
            try SearchRows(db: db).insert(SearchTextRecord(id: e.id, kind: e.kind.rawValue, title: names, body: SearchText.visible(e.body)))
        }
    }

    /// The entry's row in the table of its kind.
    private func insertRow(_ e: Entry) throws {
        // Most entries have no fields of their own: no encoder made for those.
        let extra = e.extra.isEmpty ? "{}" : CanonicalJSON.text(e.extra)
        switch e.kind {
        case .entity:
            try EntityRecord(
                id: e.id, name: e.title, type: e.type ?? "", parentID: parents[e.id], homepage: e.homepage, path: e.path, body: e.body,
                extra: extra, channels: CanonicalJSON.text((e.channels ?? []).map(\.text), fallback: "[]"),
                channelTiers: CanonicalJSON.text(e.channelTiers.mapValues(\.rawValue), fallback: "{}"),
                renames: CanonicalJSON.text(e.renames.map { ["date": $0.date.text, "from": $0.from] }, fallback: "[]")
            ).insert(db)
        case .event:
            guard let d = e.date else { return }
            try EventRecord(
                id: e.id, title: e.title, type: e.type ?? "", date: d.text, datePrecision: d.precision.rawValue, dateStart: d.start,
                dateEnd: e.endDate?.end ?? d.end, approximate: d.approximate, spanEnd: e.endDate?.text, path: e.path, body: e.body, extra: extra
            ).insert(db)
        case .claim:
            guard let d = e.date else { return }
            try ClaimRecord(
                id: e.id, title: e.title, type: e.type ?? "", verdict: e.currentVerdict, verdictDate: e.verdictDate?.text,
                claimantID: claimants[e.id] ?? "", date: d.text, datePrecision: d.precision.rawValue, dateStart: d.start, dateEnd: d.end,
                approximate: d.approximate, path: e.path, body: e.body, extra: extra
            ).insert(db)
        case .source:
            try SourceRecord(
                id: e.id, title: e.title, publisher: e.publisher?.text ?? "", publisherID: publishers[e.id], url: e.url ?? "", type: e.type,
                archive: e.archive, published: e.date?.text, publishedPrecision: e.date?.precision.rawValue, publishedStart: e.date?.start,
                accessed: e.accessed?.text, path: e.path, body: e.body, extra: extra
            ).insert(db)
        case .report:
            guard let d = e.date else { return }
            try ReportRecord(
                id: e.id, title: e.title, summary: e.summary, date: d.text, datePrecision: d.precision.rawValue, dateStart: d.start, dateEnd: d.end,
                approximate: d.approximate, path: e.path, body: e.body, extra: extra
            ).insert(db)
        case .use:
            guard let u = e.use else { return }
            var generated: String?
            if case .text(let tool) = e.extra["generated"] { generated = tool }
            try UseRecord(
                id: e.id, title: e.title, productID: products[e.id] ?? u.product.text, team: u.team, criticality: u.criticality.rawValue,
                version: u.version, since: e.date?.text, sinceStart: e.date?.start, plan: u.plan, planDate: u.planDate?.text,
                planDateEnd: u.planDate?.end, generated: generated, path: e.path, body: e.body, extra: extra, namedAfterProduct: u.untitled,
                channel: u.channel?.text, until: e.endDate?.text, untilStart: e.endDate?.start
            ).insert(db)
        }
    }

    /// A delta: the rows of the entries `delta.remove` deleted, those of `delta.write`
    /// written again (each entry's rows together, in the knowledge base's order) from the
    /// edges and status changes of theirs among `edges` and `statusChanges` (a relink's, or
    /// the knowledge base's: the others' are not read), and the scales.
    static func rewrite(
        _ delta: (write: [String], remove: [String]), of kb: KnowledgeBase, edges: [Edge], statusChanges: [StatusChange],
        tables: Set<String>? = nil, in db: Database
    ) throws {
        let ids = Set(delta.write)
        let (edges, changes) = (edges.owned(by: ids, \.from), statusChanges.owned(by: ids, \.event))
        let rows = RowWriter(db, kb, tables: tables, edges: edges)
        // Entries reference each other in any order; keys are checked at commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        for id in delta.remove + delta.write { try rows.delete(id) }
        // By index: `for … in` copies every entry to find the few to write.
        let entries = kb.entries
        for i in entries.indices where ids.contains(entries[i].id) {
            try rows.insert(entries[i])
            try rows.insertAliases(of: [entries[i]])
        }
        for edge in edges { try rows.insert(edge) }
        for change in changes { try rows.insert(change) }
        try rows.replaceScales()
    }

    func insertAliases(of entries: [Entry]) throws {
        guard writes("aliases") else { return }
        for e in entries where e.kind == .entity {
            for a in e.aliases where kb.aliases[a.text.lowercased()] == e.id {
                try AliasRecord(alias: a.text, aliasKey: a.text.lowercased(), entityID: e.id).insert(db, onConflict: .ignore)
            }
        }
    }

    /// Through a statement compiled once and arguments by position: 183,000 rows at
    /// 10,000 events, where a record's persistence container (a dictionary of columns per
    /// row) cost more than SQLite's insert.
    func insert(_ e: Edge) throws {
        guard writes("edges") else { return }
        try db.cachedStatement(sql: "INSERT INTO edges (from_id, relation, to_id, path, line, column) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [e.from, e.relation.rawValue, e.to, e.location.path, e.location.line, e.location.column])
    }

    func insert(_ s: StatusChange) throws {
        guard writes("status_changes") else { return }
        try StatusChangeRecord(
            eventID: s.event, entityID: s.entity, axis: s.axis, channel: s.channel, value: s.value, date: s.date.text,
            datePrecision: s.date.precision, dateStart: s.date.start, announced: s.announced?.text, position: Position(s.location)
        ).insert(db)
    }

    /// The status scales of the settings, written again only when they changed.
    func replaceScales() throws {
        guard writes("scales") else { return }
        let scales = StatusScales(kb.config)
        let records = StatusSetting.Axis.scaled.flatMap { axis in
            scales.scale(axis).enumerated().map {
                ScaleRecord(axis: axis.rawValue, rank: $0.offset, value: $0.element, label: scales.label($0.element))
            }
        }
        let stored = try ScaleRecord.order(ScaleRecord.Columns.axis, ScaleRecord.Columns.rank).fetchAll(db)
        let sorted = records.sorted { ($0.axis, $0.rank) < ($1.axis, $1.rank) }
        guard stored != sorted else { return }
        try ScaleRecord.deleteAll(db)
        for record in records { try record.insert(db) }
    }
}

extension Position {
    init(_ location: SourceLocation) { self.init(path: location.path, line: location.line, column: location.column) }
}
