import Foundation
import GRDB
import VaneContent

/// What a build leaves in the database besides the graph: page fingerprints and the
/// state its fast path compares against.
public struct BuildRecord: Sendable {
    public var pages: [String: UInt64]
    /// `build_state` rows, e.g. the fingerprint of everything outside `Content/`.
    public var state: [String: String]

    public init(pages: [String: UInt64] = [:], state: [String: String] = [:]) {
        self.pages = pages
        self.state = state
    }
}

/// The only writer of the graph. A first build (or one that changes which ids and
/// aliases exist) writes a complete new database beside the old one and renames it into
/// place; a build that only changes some entries updates their rows in one transaction.
/// Either way a failed or interrupted build leaves the previous database as it was.
public enum GraphStore {
    public static func write(_ result: LoadResult, to url: URL, record: BuildRecord = BuildRecord(), previous: DatabaseParseCache? = nil) throws {
        if let previous, previous.canUpdate(to: result), FileManager.default.fileExists(atPath: url.path) {
            return try update(result, at: url, record: record, previous: previous)
        }
        let staging = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
        do {
            let queue = try DatabaseQueue(path: staging.path)
            try Schema.migrator.migrate(queue)
            try queue.write { db in
                // Entries reference each other in any order; keys are checked at commit.
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                let rows = try RowWriter(db, result.knowledgeBase)
                let texts = RowWriter.encodeInParallel(result.files, previous: previous)
                for (parsed, text) in zip(result.files, texts) { try rows.insertFile(parsed, text: text) }
                for asset in result.assetFiles { try rows.insertAsset(asset) }
                for entry in result.knowledgeBase.entries { try rows.insert(entry) }
                try rows.insertAliases(of: result.knowledgeBase.entries)
                for edge in result.knowledgeBase.edges { try rows.insert(edge) }
                for change in result.knowledgeBase.statusChanges { try rows.insert(change) }
                try rows.replaceScales()
                try rows.replace(record, previousPages: [:])
            }
            try queue.close()
            if rename(staging.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
    }

    /// Rewrites the rows of the entries whose files changed, in one transaction.
    private static func update(_ result: LoadResult, at url: URL, record: BuildRecord, previous: DatabaseParseCache) throws {
        let queue = try DatabaseQueue(path: url.path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            let kb = result.knowledgeBase
            let rows = try RowWriter(db, kb)
            let changed = Set(result.files.filter { !previous.isUnchanged($0) }.compactMap(\.entry?.id))
            // Same ids means the same Markdown paths' ids; rewrite only rows that differ.
            for parsed in result.files where !previous.isStoredExactly(parsed) {
                try db.execute(sql: "DELETE FROM files WHERE path = ? OR entry_id = ?", arguments: [parsed.path, parsed.entry?.id])
                try rows.insertFile(parsed, previous: previous)
            }
            try db.execute(sql: "DELETE FROM files WHERE parsed IS NULL")
            for asset in result.assetFiles { try rows.insertAsset(asset) }
            for id in changed { try rows.delete(id) }
            for entry in kb.entries where changed.contains(entry.id) {
                try rows.insert(entry)
                try rows.insertAliases(of: [entry])
            }
            for edge in kb.edges where changed.contains(edge.from) { try rows.insert(edge) }
            for change in kb.statusChanges where changed.contains(change.event) { try rows.insert(change) }
            try rows.replaceScales()
            try rows.replace(record, previousPages: previous.pages)
        }
    }
}

/// Prepared statements for every table, shared by the full write and the update.
private struct RowWriter {
    let db: Database
    let kb: KnowledgeBase
    let parents: [String: String], publishers: [String: String], claimants: [String: String]
    let file, entity, event, claim, source, tag, fts, alias, edge, status: Statement
    let encoder: JSONEncoder

    init(_ db: Database, _ kb: KnowledgeBase) throws {
        self.db = db
        self.kb = kb
        func targets(_ relation: Relation) -> [String: String] {
            Dictionary(kb.edges.filter { $0.relation == relation }.map { ($0.from, $0.to) }, uniquingKeysWith: { a, _ in a })
        }
        parents = targets(.parent)
        publishers = targets(.publishedBy)
        claimants = targets(.claimedBy)
        file = try db.makeStatement(sql: "INSERT INTO files (path, hash, kind, entry_id, parsed, size, modified) VALUES (?, ?, ?, ?, ?, ?, ?)")
        entity = try db.makeStatement(sql: "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        event = try db.makeStatement(sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        claim = try db.makeStatement(sql: "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        source = try db.makeStatement(sql: "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        tag = try db.makeStatement(sql: "INSERT OR IGNORE INTO tags VALUES (?, ?)")
        fts = try db.makeStatement(sql: "INSERT INTO entries_fts (id, kind, title, body) VALUES (?, ?, ?, ?)")
        alias = try db.makeStatement(sql: "INSERT OR IGNORE INTO aliases VALUES (?, ?, ?)")
        edge = try db.makeStatement(sql: "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?)")
        status = try db.makeStatement(sql: "INSERT INTO status_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
    }

    func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

    func insertFile(_ parsed: ParsedFile, previous: DatabaseParseCache?) throws {
        // An unchanged file's parse is stored as it was, without encoding it again.
        try insertFile(parsed, text: try previous?.storedJSON(path: parsed.path, hash: parsed.hash) ?? json(parsed))
    }

    func insertFile(_ parsed: ParsedFile, text: String) throws {
        try file.execute(arguments: [parsed.path, parsed.hash, parsed.entry?.kind.rawValue, parsed.entry?.id, text, parsed.size, parsed.modified])
    }

    /// The stored form of every parse, encoded on all cores (JSON encoding is the slow part
    /// of writing a new database).
    static func encodeInParallel(_ files: [ParsedFile], previous: DatabaseParseCache?) -> [String] {
        let texts = ResultSlots<String>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            if let stored = previous?.storedJSON(path: files[i].path, hash: files[i].hash) {
                texts[i] = stored
                return
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            texts[i] = (try? encoder.encode(files[i])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
        return texts.values
    }

    func insertAsset(_ asset: ContentFile) throws {
        try file.execute(arguments: [asset.path, "", nil, nil, nil, asset.size, asset.modified])
    }

    func delete(_ id: String) throws {
        for table in ["entities", "events", "claims", "sources"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE id = ?", arguments: [id])
        }
        try db.execute(sql: "DELETE FROM tags WHERE entry_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM aliases WHERE entity_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM edges WHERE from_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM status_changes WHERE event_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM entries_fts WHERE id = ?", arguments: [id])
    }

    func insert(_ e: Entry) throws {
        let extra = try json(e.extra)
        switch e.kind {
        case .entity:
            try entity.execute(arguments: [e.id, e.title, e.type, parents[e.id], e.homepage, e.path, e.body, extra])
        case .event:
            guard let d = e.date else { return }
            try event.execute(arguments: [
                e.id, e.title, e.type, d.text, d.precision.rawValue, d.start, e.endDate?.end ?? d.end,
                d.approximate, e.endDate?.text, e.path, e.body, extra,
            ])
        case .claim:
            guard let d = e.date else { return }
            try claim.execute(arguments: [
                e.id, e.title, e.type, e.verdict, e.verdictDate?.text, claimants[e.id] ?? "",
                d.text, d.precision.rawValue, d.start, d.end, d.approximate, e.path, e.body, extra,
            ])
        case .source:
            try source.execute(arguments: [
                e.id, e.title, e.publisher?.text ?? "", publishers[e.id], e.url ?? "", e.type, e.archive,
                e.date?.text, e.date?.precision.rawValue, e.date?.start, e.accessed?.text, e.path, e.body, extra,
            ])
        }
        for t in e.tags { try tag.execute(arguments: [e.id, t]) }
        let searchable = ([e.body] + e.aliases.map(\.text)).joined(separator: "\n")
        try fts.execute(arguments: [e.id, e.kind.rawValue, e.title, searchable])
    }

    func insertAliases(of entries: [Entry]) throws {
        for e in entries where e.kind == .entity {
            for a in e.aliases where kb.aliases[a.text.lowercased()] == e.id {
                try alias.execute(arguments: [a.text, a.text.lowercased(), e.id])
            }
        }
    }

    func insert(_ e: Edge) throws {
        try edge.execute(arguments: [e.from, e.relation.rawValue, e.to, e.location.path, e.location.line, e.location.column])
    }

    func insert(_ s: StatusChange) throws {
        try status.execute(arguments: [
            s.event, s.entity, s.axis.rawValue, s.channel, s.value, s.date.text, s.date.precision.rawValue,
            s.date.start, s.location.path, s.location.line, s.location.column,
        ])
    }

    func replaceScales() throws {
        try db.execute(sql: "DELETE FROM scales")
        let scale = try db.makeStatement(sql: "INSERT INTO scales VALUES (?, ?, ?, ?)")
        let scales = StatusScales(kb.config)
        for axis in StatusSetting.Axis.allCases {
            for (rank, value) in scales.scale(axis).enumerated() {
                try scale.execute(arguments: [axis.rawValue, rank, value, scales.label(value)])
            }
        }
    }

    /// Page fingerprints (only those that changed) and the build state.
    func replace(_ record: BuildRecord, previousPages: [String: UInt64]) throws {
        for path in previousPages.keys where record.pages[path] == nil {
            try db.execute(sql: "DELETE FROM pages WHERE path = ?", arguments: [path])
        }
        let page = try db.makeStatement(sql: "INSERT OR REPLACE INTO pages VALUES (?, ?)")
        for (path, fingerprint) in record.pages where previousPages[path] != fingerprint {
            try page.execute(arguments: [path, Int64(bitPattern: fingerprint)])
        }
        let state = try db.makeStatement(sql: "INSERT OR REPLACE INTO build_state VALUES (?, ?)")
        for (key, value) in record.state { try state.execute(arguments: [key, value]) }
    }
}
