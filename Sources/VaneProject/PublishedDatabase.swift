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
    public static func publish(_ database: URL, into output: URL, config: SiteConfig) throws {
        let pid = ProcessInfo.processInfo.processIdentifier
        let copy = output.appendingPathComponent(".\(databaseName).tmp-\(pid)")
        try? FileManager.default.removeItem(at: copy)
        do {
            let source = try DatabaseQueue(path: database.path, configuration: readOnly)
            try source.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy.path]) }
            try source.close()
            let published = try DatabaseQueue(path: copy.path)
            try published.inDatabase { db in
                try db.execute(
                    sql: """
                        UPDATE files SET parsed = NULL;
                        DELETE FROM pages; DELETE FROM build_state; DELETE FROM body_spans; DELETE FROM body_shown; DELETE FROM entry_rows
                        """)
                try db.execute(sql: "VACUUM")
                // A copy to be read where it is served, often read-only: no log beside it.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            try published.close()
            try replace(output.appendingPathComponent(databaseName), with: copy)
            let metadata = output.appendingPathComponent(".\(metadataName).tmp-\(pid)")
            try Data(self.metadata(config).utf8).write(to: metadata)
            try replace(output.appendingPathComponent(metadataName), with: metadata)
        } catch {
            try? FileManager.default.removeItem(at: copy)
            throw error
        }
    }

    /// Datasette's metadata: the template of `Templates/datasette-metadata.yml` with the
    /// settings of `Site/config.yml` (JSON strings, which YAML reads as they are).
    public static func metadata(_ config: SiteConfig) -> String {
        var text = ProjectFiles.all["datasette-metadata.yml"]!
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
