import Foundation
import GRDB
import VaneContent

/// The only writer of the graph. Each build writes a complete new database beside the
/// old one and renames it into place, so a failed or interrupted build leaves the
/// previous database as it was.
public enum GraphStore {
    public static func write(_ result: LoadResult, to url: URL, pages: [String: UInt64] = [:], previous: DatabaseParseCache? = nil) throws {
        let staging = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        if FileManager.default.fileExists(atPath: staging.path) { try FileManager.default.removeItem(at: staging) }
        do {
            let queue = try DatabaseQueue(path: staging.path)
            try Schema.migrator.migrate(queue)
            try queue.write { db in
                try insert(result, into: db, previous: previous)
                let page = try db.makeStatement(sql: "INSERT INTO pages VALUES (?, ?)")
                for (path, fingerprint) in pages { try page.execute(arguments: [path, Int64(bitPattern: fingerprint)]) }
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

    private static func insert(_ result: LoadResult, into db: Database, previous: DatabaseParseCache?) throws {
        // Entries reference each other in any order; keys are checked at commit.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        let kb = result.knowledgeBase
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

        let file = try db.makeStatement(sql: "INSERT INTO files (path, hash, kind, entry_id, parsed) VALUES (?, ?, ?, ?, ?)")
        for parsed in result.files {
            // An unchanged file's parse is stored as it was, without encoding it again.
            let text = try previous?.storedJSON(path: parsed.path, hash: parsed.hash) ?? json(parsed)
            try file.execute(arguments: [parsed.path, parsed.hash, parsed.entry?.kind.rawValue, parsed.entry?.id, text])
        }
        for asset in result.assetFiles {
            try file.execute(arguments: [asset.path, "", nil, nil, nil])
        }
        let parents = Dictionary(kb.edges.filter { $0.relation == .parent }.map { ($0.from, $0.to) }, uniquingKeysWith: { a, _ in a })
        let publishers = Dictionary(kb.edges.filter { $0.relation == .publishedBy }.map { ($0.from, $0.to) }, uniquingKeysWith: { a, _ in a })
        let claimants = Dictionary(kb.edges.filter { $0.relation == .claimedBy }.map { ($0.from, $0.to) }, uniquingKeysWith: { a, _ in a })

        let entity = try db.makeStatement(sql: "INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let event = try db.makeStatement(sql: "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let claim = try db.makeStatement(sql: "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let source = try db.makeStatement(sql: "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let tag = try db.makeStatement(sql: "INSERT OR IGNORE INTO tags VALUES (?, ?)")
        let fts = try db.makeStatement(sql: "INSERT INTO entries_fts (id, kind, title, body) VALUES (?, ?, ?, ?)")
        for e in kb.entries {
            let extra = try json(e.extra)
            switch e.kind {
            case .entity:
                try entity.execute(arguments: [e.id, e.title, e.type, parents[e.id], e.homepage, e.path, e.body, extra])
            case .event:
                guard let d = e.date else { continue }
                try event.execute(arguments: [
                    e.id, e.title, e.type, d.text, d.precision.rawValue, d.start, e.endDate?.end ?? d.end,
                    d.approximate, e.endDate?.text, e.path, e.body, extra,
                ])
            case .claim:
                guard let d = e.date else { continue }
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
        let alias = try db.makeStatement(sql: "INSERT OR IGNORE INTO aliases VALUES (?, ?, ?)")
        for e in kb.entries where e.kind == .entity {
            for a in e.aliases where kb.aliases[a.text.lowercased()] == e.id {
                try alias.execute(arguments: [a.text, a.text.lowercased(), e.id])
            }
        }
        let edge = try db.makeStatement(sql: "INSERT INTO edges VALUES (?, ?, ?, ?, ?, ?)")
        for e in kb.edges {
            try edge.execute(arguments: [e.from, e.relation.rawValue, e.to, e.location.path, e.location.line, e.location.column])
        }
        let scale = try db.makeStatement(sql: "INSERT INTO scales VALUES (?, ?, ?, ?)")
        let scales = StatusScales(kb.config)
        for axis in StatusSetting.Axis.allCases {
            for (rank, value) in scales.scale(axis).enumerated() {
                try scale.execute(arguments: [axis.rawValue, rank, value, scales.label(value)])
            }
        }
        let status = try db.makeStatement(sql: "INSERT INTO status_changes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for s in kb.statusChanges {
            try status.execute(arguments: [
                s.event, s.entity, s.axis.rawValue, s.channel, s.value, s.date.text, s.date.precision.rawValue,
                s.date.start, s.location.path, s.location.line, s.location.column,
            ])
        }
    }
}
