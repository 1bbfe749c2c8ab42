import Foundation
import GRDB
import VaneContent
import VaneSite

/// `vane build --publish-db`: the graph copied into the site as `vane.sqlite`, with a
/// `metadata.yml` for Datasette (0.65) holding the title, licence, source and canned
/// queries.
public enum PublishedDatabase {
    public static let databaseName = "vane.sqlite"
    public static let metadataName = "metadata.yml"

    /// Copies `database` into `output` and writes the metadata beside it, each through a
    /// temporary file renamed into place, so a reader sees the old copy or the new one.
    /// The copy leaves out what only the next build needs: stored parses, page
    /// fingerprints, body spans, row signatures and the build state.
    /// `asOf`: the day the site is built for, which the canned queries read as theirs (a site
    /// of claims alone has no board to take it from, and read the machine's day).
    public static func publish(_ database: URL, into output: URL, config: SiteConfig, asOf: FuzzyDate) throws {
        let pid = ProcessInfo.processInfo.processIdentifier
        let copy = output.appendingPathComponent(".\(databaseName).tmp-\(pid)")
        try? FileManager.default.removeItem(at: copy)
        do {
            let source = try DatabaseQueue(path: database.path, configuration: readOnly)
            try source.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy.path]) }
            try source.close()
            // Rows are moved table by table: the references hold again once all have moved.
            var unchecked = Configuration()
            unchecked.foreignKeysEnabled = false
            let published = try DatabaseQueue(path: copy.path, configuration: unchecked)
            try published.inDatabase { db in
                try db.execute(
                    sql: """
                        DELETE FROM files;
                        DELETE FROM pages; DELETE FROM build_state; DELETE FROM body_spans; DELETE FROM body_shown; DELETE FROM entry_rows
                        """)
                try canonicalOrder(db)
                try db.execute(sql: "VACUUM")
                // A copy to be read where it is served, often read-only: no log beside it.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            try published.close()
            try replace(output.appendingPathComponent(databaseName), with: copy)
            let metadata = output.appendingPathComponent(".\(metadataName).tmp-\(pid)")
            try Data(self.metadata(config, asOf: asOf).utf8).write(to: metadata)
            try replace(output.appendingPathComponent(metadataName), with: metadata)
        } catch {
            try? FileManager.default.removeItem(at: copy)
            throw error
        }
    }

    /// Every table's rows stored in the order of their values, and the text index made
    /// again in the order of its ids: a graph written by deltas keeps rows where they were
    /// first stored, so an incremental build's copy differed from a full build's in its
    /// bytes (rowids, the index's segments) though not in its rows.
    static func canonicalOrder(_ db: Database) throws {
        let tables = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND name NOT LIKE 'entries_fts%' AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name
                """)
        for table in tables {
            let quoted = "\"\(table.replacingOccurrences(of: "\"", with: "\"\""))\""
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_table_info(?)", arguments: [table]) ?? 0
            guard count > 0 else { continue }
            let order = (1...count).map(String.init).joined(separator: ", ")
            try db.execute(
                sql: """
                    CREATE TEMP TABLE vane_canonical AS SELECT * FROM \(quoted) ORDER BY \(order);
                    DELETE FROM \(quoted);
                    INSERT INTO \(quoted) SELECT * FROM vane_canonical ORDER BY \(order);
                    DROP TABLE vane_canonical;
                    """)
        }
        // Made anew (its segments are numbered from the table's whole history).
        guard let index = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'entries_fts'") else { return }
        try db.execute(
            sql: """
                CREATE TEMP TABLE vane_canonical AS SELECT id, kind, title, body FROM entries_fts ORDER BY kind, id;
                DROP TABLE entries_fts;
                \(index);
                INSERT INTO entries_fts (id, kind, title, body) SELECT id, kind, title, body FROM vane_canonical ORDER BY kind, id;
                DROP TABLE vane_canonical;
                """)
    }

    /// Datasette's metadata: the template of `Templates/datasette-metadata.yml` with the
    /// settings of `Site/config.yml` (JSON strings, which YAML reads as they are).
    public static func metadata(_ config: SiteConfig, asOf: FuzzyDate) -> String {
        var text = ProjectFiles.all["datasette-metadata.yml"]!.replacingOccurrences(of: "{{AS_OF_END}}", with: "'\(asOf.end)'")
        let values = [
            "TITLE": config.title, "LICENSE": config.license, "LICENSE_URL": config.licenseURL,
            "SOURCE": config.sourceURL.isEmpty ? "" : config.title, "SOURCE_URL": config.sourceURL,
        ]
        for (key, value) in values {
            text = text.replacingOccurrences(of: "{{\(key)}}", with: value.isEmpty ? "null" : Scaffold.quoted(value))
        }
        return text
    }

    private static var readOnly: Configuration {
        var c = Configuration()
        c.readonly = true
        return c
    }

    private static func replace(_ target: URL, with file: URL) throws {
        guard rename(file.path, target.path) == 0 else {
            throw OutputError.system(operation: "rename", path: target.path, errno: errno)
        }
    }
}
