import GRDB

/// The graph's schema, created by migrations that are never edited once shipped.
/// The README documents every table for `sqlite3` and Datasette users.
public enum Schema {
    /// `PRAGMA application_id` of every Weathervane database ("VANE").
    public static let applicationID: Int32 = 0x5641_4E45

    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (identifier, migrate) in migrations { migrator.registerMigration(identifier, migrate: migrate) }
        return migrator
    }

    /// Applies the migrations the database lacks inside the caller's transaction, as GRDB's
    /// migrator would in transactions of their own: a build that brings an older database
    /// up to date commits the schema and the rows written for it together, or neither.
    static func migrate(_ db: Database) throws {
        let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        for (identifier, migrate) in migrations where !applied.contains(identifier) {
            try migrate(db)
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
        }
    }

    /// Deletes every row of the graph and of the stored parses, leaving the build's other
    /// state (page fingerprints, body spans, `build_state`), which a build replaces row by row.
    static func clearGraph(_ db: Database) throws {
        // The scales are compared with the settings' and written again only when they differ.
        for table in graphTables.subtracting(["scales"]).sorted() + ["files", "entry_rows"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
    }

    /// The tables of the graph itself, which every copy of it may hold: not the file rows,
    /// nor the build's own state (fingerprints, spans, signatures, state).
    static let graphTables: Set<String> = [
        "entities", "events", "claims", "sources", "reports", "uses", "edges", "status_changes", "scales", "aliases", "tags", "entries_fts",
    ]

    private static var migrations: [(String, @Sendable (Database) throws -> Void)] {
        var list: [(String, @Sendable (Database) throws -> Void)] = []
        func registerMigration(_ identifier: String, _ migrate: @escaping @Sendable (Database) throws -> Void) { list.append((identifier, migrate)) }
        registerMigration("v1-createGraph") { db in
            try db.execute(sql: v1)
        }
        // The no-change check reads only these columns; without the index it would step
        // over every stored parse.
        registerMigration("v2-fileManifest") { db in
            try db.execute(sql: "CREATE INDEX files_manifest ON files(path, size, modified)")
        }
        registerMigration("v3-reports") { db in
            try db.execute(sql: v3)
        }
        // A product's declared channels, so that `vane status` knows every channel a
        // whole-product value sets (the others are named by its status changes).
        registerMigration("v4-channels") { db in
            try db.execute(sql: "ALTER TABLE entities ADD COLUMN channels TEXT NOT NULL DEFAULT '[]'")
        }
        // The support tier of each declared channel that has one, so that every view can
        // name it ("extended-support (paid)").
        registerMigration("v5-channelTiers") { db in
            try db.execute(sql: "ALTER TABLE entities ADD COLUMN channel_tiers TEXT NOT NULL DEFAULT '{}'")
        }
        registerMigration("v6-announced") { db in
            // When an end was first announced, when the analyst's source is later (`announced:`).
            try db.execute(sql: "ALTER TABLE status_changes ADD COLUMN announced TEXT")
        }
        // Uses: what we depend on (Content/uses/), for `vane exposure` and the exposure page.
        registerMigration("v7-uses") { db in
            try db.execute(sql: v6)
        }
        // Names over time: an entity's earlier names with the day each was replaced.
        registerMigration("v8-renames") { db in
            try db.execute(sql: "ALTER TABLE entities ADD COLUMN renames TEXT NOT NULL DEFAULT '[]'")
        }
        // What each entry's rows were written from, so that a build rewrites only the
        // entries whose rows differ (added, removed, renamed, or relinked by an alias).
        registerMigration("v9-entryRows") { db in
            try db.execute(sql: "CREATE TABLE entry_rows (id TEXT PRIMARY KEY, signature INTEGER NOT NULL)")
        }
        // Where each output file shows an entry's body, so that an edit to a body alone is
        // written into those files without the rest of the graph (build state, not graph).
        registerMigration("v10-bodySpans") { db in
            try db.execute(
                sql: """
                    CREATE TABLE body_spans (path TEXT PRIMARY KEY, spans BLOB NOT NULL);
                    CREATE TABLE body_shown (entry TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (entry, path)) WITHOUT ROWID;
                    CREATE INDEX body_shown_path ON body_shown(path);
                    """)
        }
        // A use written without a title is named after its product: by the name the
        // product had on the day a view is as of (`vane exposure --as-of`).
        registerMigration("v11-useNames") { db in
            try db.execute(sql: "ALTER TABLE uses ADD COLUMN named_after_product INTEGER NOT NULL DEFAULT 0")
        }
        // The status board as of the build's day, for SQL and Datasette (`stranded` read the
        // status rules again in SQL, and drifted from them).
        registerMigration("v12-board") { db in
            try db.execute(
                sql: """
                    CREATE TABLE board (
                        entity_id TEXT PRIMARY KEY REFERENCES entities(id),
                        as_of TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        availability TEXT,
                        channels TEXT,
                        priority TEXT,
                        priority_since TEXT,
                        priority_event TEXT,
                        risk INTEGER,
                        gone INTEGER NOT NULL
                    )
                    """)
        }
        // The board's day as a day, and each product's next end with its days left: what a
        // canned query of what we use reads (`uses_ending_soon` read the announcements again
        // in SQL, and missed an end moved for each channel, and a product already gone).
        registerMigration("v13-board-ends") { db in
            for column in ["as_of_end TEXT", "next_end TEXT", "next_end_start TEXT", "next_end_channel TEXT", "days_left INTEGER"] {
                try db.execute(sql: "ALTER TABLE board ADD COLUMN " + column)
            }
        }
        // The channel a use depends on (`vane exposure` reads it from here).
        registerMigration("v14-use-channel") { db in
            try db.execute(sql: "ALTER TABLE uses ADD COLUMN channel TEXT")
        }
        // Our exposure as of the build's day, for SQL and Datasette (`uses_ending_soon` read
        // the board by product, and missed what a use of one channel stands on).
        registerMigration("v15-exposure") { db in
            try db.execute(
                sql: """
                    CREATE TABLE exposure (
                        use_id TEXT PRIMARY KEY REFERENCES uses(id),
                        as_of_end TEXT NOT NULL,
                        rank INTEGER NOT NULL,
                        band TEXT NOT NULL,
                        risk INTEGER,
                        exposure INTEGER,
                        end_date TEXT,
                        end_start TEXT,
                        end_channel TEXT,
                        days_left INTEGER,
                        plan_late_days INTEGER
                    )
                    """)
        }
        // The day a use ended (a migration done): from then it is no exposure. And with no
        // end, the closure of sign-ups a use on its way out counts down to.
        registerMigration("v16-use-until") { db in
            try db.execute(sql: "ALTER TABLE uses ADD COLUMN until TEXT")
            try db.execute(sql: "ALTER TABLE uses ADD COLUMN until_start TEXT")
            for column in ["closes_date TEXT", "closes_start TEXT", "closes_channel TEXT", "closes_days_left INTEGER"] {
                try db.execute(sql: "ALTER TABLE exposure ADD COLUMN " + column)
            }
        }
        return list
    }

    private static let v6 = """
        CREATE TABLE uses (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            product_id TEXT NOT NULL,         -- the entity used: a product, model or release cycle
            team TEXT,                        -- who owns it
            criticality TEXT NOT NULL,        -- critical, high, medium, low
            version TEXT,                     -- the version in use, as written
            since TEXT,                       -- as written
            since_start TEXT,                 -- first day of the period, YYYY-MM-DD
            plan TEXT,
            plan_date TEXT,                   -- as written
            plan_date_end TEXT,               -- last day of the period, YYYY-MM-DD
            generated TEXT,                   -- the tool that wrote it (sbom); NULL when hand-written
            path TEXT NOT NULL,
            body TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX uses_product ON uses(product_id);

        DROP VIEW entries;
        CREATE VIEW entries AS
            SELECT id, 'entity' AS kind, name AS title, path FROM entities
            UNION ALL SELECT id, 'event', title, path FROM events
            UNION ALL SELECT id, 'claim', title, path FROM claims
            UNION ALL SELECT id, 'source', title, path FROM sources
            UNION ALL SELECT id, 'report', title, path FROM reports
            UNION ALL SELECT id, 'use', title, path FROM uses;
        """

    /// Identifiers of every migration this build knows, in order.
    public static var knownMigrations: [String] { migrator.migrations }

    private static let v1 = """
        PRAGMA application_id = \(applicationID);

        CREATE TABLE files (
            path TEXT PRIMARY KEY,            -- root-relative, e.g. Content/events/x.md
            hash TEXT NOT NULL,               -- FNV-1a 64 of the bytes and the parser settings
            kind TEXT,                        -- entity, event, claim, source; NULL for copied files
            entry_id TEXT,
            parsed TEXT,                      -- the parse (PackedCoding, a BLOB), reused while the hash matches
            size INTEGER NOT NULL DEFAULT 0,  -- bytes and modification time (ns), for the fast path
            modified INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE build_state (
            key TEXT PRIMARY KEY,             -- inputs: fingerprint of everything outside Content/;
            value TEXT NOT NULL               -- diagnostics: the last build's warnings, as JSON
        );

        CREATE TABLE entities (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            parent_id TEXT REFERENCES entities(id),
            homepage TEXT,
            path TEXT NOT NULL,
            body TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}'  -- front-matter keys outside the format, as JSON
        );

        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            type TEXT NOT NULL,
            date TEXT NOT NULL,               -- as written: 2026, 2026-Q2, 2026-04, 2026-04-08, ~2026-04
            date_precision TEXT NOT NULL,     -- year, quarter, month, day
            date_start TEXT NOT NULL,         -- first day of the period, YYYY-MM-DD
            date_end TEXT NOT NULL,           -- last day of the period (of the span's end, for spans)
            approximate INTEGER NOT NULL,     -- 1 when written with ~
            span_end TEXT,                    -- a span's `end` as written
            path TEXT NOT NULL,
            body TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}'
        );

        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            type TEXT NOT NULL,
            verdict TEXT NOT NULL,
            verdict_date TEXT,
            claimant_id TEXT NOT NULL,
            date TEXT NOT NULL,
            date_precision TEXT NOT NULL,
            date_start TEXT NOT NULL,
            date_end TEXT NOT NULL,
            approximate INTEGER NOT NULL,
            path TEXT NOT NULL,
            body TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}'
        );

        CREATE TABLE sources (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            publisher TEXT NOT NULL,          -- as written
            publisher_id TEXT,                -- the entity, when the publisher names one
            url TEXT NOT NULL,
            type TEXT,
            archive TEXT,
            published TEXT,
            published_precision TEXT,
            published_start TEXT,
            accessed TEXT,
            path TEXT NOT NULL,
            body TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}'
        );

        CREATE TABLE aliases (
            alias TEXT NOT NULL,              -- as written
            alias_key TEXT PRIMARY KEY,       -- lowercased, what lookups use
            entity_id TEXT NOT NULL REFERENCES entities(id)
        );

        CREATE TABLE tags (
            entry_id TEXT NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (entry_id, tag)
        );

        CREATE TABLE edges (
            from_id TEXT NOT NULL,
            relation TEXT NOT NULL,           -- involves, about, claimed_by, cites, mentions, parent,
                                              -- supports, contradicts, sets_status, published_by, verdict_source
            to_id TEXT NOT NULL,
            path TEXT NOT NULL,               -- where the reference was written
            line INTEGER NOT NULL,
            column INTEGER NOT NULL
        );
        CREATE INDEX edges_from ON edges(from_id, relation);
        CREATE INDEX edges_to ON edges(to_id, relation);

        CREATE TABLE status_changes (
            event_id TEXT NOT NULL REFERENCES events(id),
            entity_id TEXT NOT NULL REFERENCES entities(id),
            axis TEXT NOT NULL,               -- availability or priority
            channel TEXT,                     -- NULL when the value is for the whole product
            value TEXT NOT NULL,
            date TEXT NOT NULL,               -- the event's date, as written
            date_precision TEXT NOT NULL,
            date_start TEXT NOT NULL,         -- when the change takes effect
            path TEXT NOT NULL,
            line INTEGER NOT NULL,
            column INTEGER NOT NULL
        );
        CREATE INDEX status_changes_entity ON status_changes(entity_id, axis, date_start);

        CREATE TABLE pages (
            path TEXT PRIMARY KEY,            -- output path, e.g. events/x.html
            fingerprint INTEGER NOT NULL      -- of everything the page shows; equal means unchanged
        );

        CREATE TABLE scales (
            axis TEXT NOT NULL,               -- availability or priority
            rank INTEGER NOT NULL,            -- 0 = most available / highest priority
            value TEXT NOT NULL,
            label TEXT NOT NULL,
            PRIMARY KEY (axis, rank)
        );

        CREATE VIEW entries AS
            SELECT id, 'entity' AS kind, name AS title, path FROM entities
            UNION ALL SELECT id, 'event', title, path FROM events
            UNION ALL SELECT id, 'claim', title, path FROM claims
            UNION ALL SELECT id, 'source', title, path FROM sources;

        CREATE VIRTUAL TABLE entries_fts USING fts5(
            id UNINDEXED, kind UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        """

    /// Reports, the fifth kind, in the `entries` view too.
    private static let v3 = """
        CREATE TABLE reports (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            summary TEXT,                     -- one paragraph, as written
            date TEXT NOT NULL,
            date_precision TEXT NOT NULL,
            date_start TEXT NOT NULL,
            date_end TEXT NOT NULL,
            approximate INTEGER NOT NULL,
            path TEXT NOT NULL,
            body TEXT NOT NULL,
            extra TEXT NOT NULL DEFAULT '{}'
        );

        DROP VIEW entries;
        CREATE VIEW entries AS
            SELECT id, 'entity' AS kind, name AS title, path FROM entities
            UNION ALL SELECT id, 'event', title, path FROM events
            UNION ALL SELECT id, 'claim', title, path FROM claims
            UNION ALL SELECT id, 'source', title, path FROM sources
            UNION ALL SELECT id, 'report', title, path FROM reports;
        """
}
