import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

/// The rows an edit to bodies alone changes, written in one transaction without reading
/// the rest of the graph: the files' rows, each entry's `body` and full-text row, the spans
/// of the outputs written again, and the build state. What the delta cannot know exactly is
/// dropped, not guessed: the entry's row signature (deleted) and the fingerprints of those
/// outputs (set to 0, which no fingerprint is taken to be), so that the next full build
/// writes them again.
public struct BodyEditWrite: Sendable {
    /// The files read again (their new parses), whether their body changed or only their time.
    public var files: [ParsedFile] = []
    /// The entries whose body changed: as the last build stored them, and now.
    public var bodies: [(old: Entry, new: Entry)] = []
    /// The outputs written again, with all their spans as they are now.
    public var spans: [String: Data] = [:]
    /// Body links the edit moved (text added above them), from where to where: their
    /// edges say where each reference is written.
    public var linkMoves: [(old: SourceLocation, new: SourceLocation)] = []
    public var state: [String: String] = [:]

    public init() {}
}

/// Why the delta could not be written as one; the build then takes the full path.
public struct BodyEditMismatch: Error, CustomStringConvertible {
    public var description: String
}

extension GraphStore {
    private static let tables: [Kind: String] = [
        .entity: "entities", .event: "events", .claim: "claims", .source: "sources", .report: "reports", .use: "uses",
    ]

    /// Writes `edit` into the database at `url`; returns how many rows changed.
    public static func write(_ edit: BodyEditWrite, at url: URL) throws -> Int {
        let queue = try GraphDatabase.openWritable(url)
        defer { try? queue.close() }
        return try queue.write { db in
            let before = db.totalChangesCount
            for parsed in edit.files {
                try db.execute(
                    sql: "UPDATE files SET hash = ?, parsed = ?, size = ?, modified = ? WHERE path = ?",
                    arguments: [parsed.hash, RowWriter.pack(parsed), parsed.size, parsed.modified, parsed.path])
            }
            let search = SearchRows(db: db)
            for (old, new) in edit.bodies {
                guard let table = tables[new.kind] else { throw BodyEditMismatch(description: "no table for \(new.kind)") }
                try db.execute(sql: "UPDATE \(table) SET body = ? WHERE id = ?", arguments: [new.body, new.id])
                // The full-text body is the body's words (the aliases are with the title).
                if let slot = try search.slot(of: new.id) {
                    let text = try String.fetchOne(db, sql: "SELECT body FROM entries_fts WHERE rowid = ?", arguments: [slot]) ?? ""
                    guard text == SearchText.visible(old.body) else {
                        throw BodyEditMismatch(description: "the full-text row of \(new.id) is not its body")
                    }
                    try db.execute(sql: "UPDATE entries_fts SET body = ? WHERE rowid = ?", arguments: [SearchText.visible(new.body), slot])
                }
                // No signature its rows have: the next full path writes them again, or deletes
                // them when the entry is gone (a deleted signature left a removed entry's rows).
                try db.execute(sql: "UPDATE entry_rows SET signature = 0 WHERE id = ?", arguments: [new.id])
            }
            // Each edge found at its old place first, then moved: a link may move to where
            // another was.
            var moved: [(rowid: Int64, to: SourceLocation)] = []
            for move in edit.linkMoves {
                let rows = try Int64.fetchAll(
                    db, sql: "SELECT rowid FROM edges WHERE path = ? AND line = ? AND column = ?",
                    arguments: [move.old.path, move.old.line, move.old.column])
                moved += rows.map { ($0, move.new) }
            }
            for (rowid, to) in moved {
                try db.execute(sql: "UPDATE edges SET line = ?, column = ? WHERE rowid = ?", arguments: [to.line, to.column, rowid])
            }
            for (path, spans) in edit.spans {
                try db.execute(sql: "UPDATE body_spans SET spans = ? WHERE path = ?", arguments: [spans, path])
                // Not a fingerprint of what the file shows now: the next full build renders it again.
                try db.execute(sql: "UPDATE pages SET fingerprint = 0 WHERE path = ?", arguments: [path])
            }
            for (key, value) in edit.state { try BuildStateRecord(key: key, value: value).insert(db, onConflict: .replace) }
            return db.totalChangesCount - before
        }
    }

    /// The body spans (packed) of the outputs that show any of `entries`.
    public static func spans(showing entries: [String], at url: URL) throws -> [String: Data] {
        let queue = try GraphDatabase.openReadOnly(url)
        defer { try? queue.close() }
        return try queue.read { db in
            let marks = entries.map { _ in "?" }.joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT path, spans FROM body_spans
                    WHERE path IN (SELECT path FROM body_shown WHERE entry IN (\(marks)))
                    """, arguments: StatementArguments(entries))
            return Dictionary(rows.map { ($0["path"] as String, $0["spans"] as Data) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The stored rows of some files: hash, kind, entry and parse, by path.
    public static func storedFiles(_ paths: [String], at url: URL) throws -> [String: FileRecord] {
        let queue = try GraphDatabase.openReadOnly(url)
        defer { try? queue.close() }
        return try queue.read { db in
            Dictionary(try FileRecord.fetchAll(db, keys: paths).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
