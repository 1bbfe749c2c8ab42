import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

/// Everything the graph knows about one entry, for `vane show`.
public struct Dossier: Encodable, Sendable {
    public struct Link: Codable, Sendable, Hashable {
        public var relation: String
        public var id: String
        public var kind: String
        public var title: String

        public init(relation: String, id: String, kind: String, title: String) {
            self.relation = relation
            self.id = id
            self.kind = kind
            self.title = title
        }
    }

    public var id: String
    public var kind: String
    public var title: String
    public var path: String
    public var fields: [String: String]
    public var aliases: [String]
    public var tags: [String]
    /// An entity's names over time, oldest first, each with the day it took over (none for
    /// the first); empty when it was never renamed.
    public var names: [Name] = []
    public struct Name: Encodable, Sendable {
        public var name: String
        @Null public var since: JSONDate?
        var sinceDate: FuzzyDate?
        init(name: String, since: FuzzyDate?) {
            (self.name, self._since, self.sinceDate) = (name, Null(wrappedValue: since.map(JSONDate.init)), since)
        }
        enum CodingKeys: String, CodingKey { case name, since }
    }
    /// The day the dossier is as of (its name, and a product's status).
    public var asOf: FuzzyDate?
    /// A product's status as of that day: the row `vane status --format json` prints.
    public var status: StatusReportRow?
    /// The same status in words, for the terminal.
    var statusLines: [String] = []
    /// Its release cycle's facts, when it is one (LTS, latest version, support ends).
    public var cycle: CycleFacts?
    /// Its `data` (front-matter fields kept as written); a release cycle's facts too.
    public var data: [String: FieldValue] = [:]
    public var outgoing: [Link]
    public var incoming: [Link]
    public var body: String
    /// A product's declared channels as written, and the tier of each that has one: lists
    /// and objects in the JSON, as the database has them (`fields` has them in words).
    public var channels: [String] = []
    public var channelTiers: [String: String] = [:]
    /// A use's channel's tier, which its text says beside it (`channel: esu (paid)`).
    public var useChannelTier: String?

    /// Fields that hold a date: shown as a reader reads it, and as a JSON date.
    static func isDate(_ key: String) -> Bool {
        key == "date" || key.hasSuffix("_date") || ["published", "accessed", "span_end", "since", "until"].contains(key)
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, path, fields, aliases, names, tags, asOf, status, cycle, data, outgoing, incoming, body
    }

    /// Date fields are JSON dates (ISO, with their precision and `approximate`); `status`
    /// is `null` for an entry without one, and `as_of` is the day asked about.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(path, forKey: .path)
        var f = c.nestedContainer(keyedBy: FieldKey.self, forKey: .fields)
        // Every field of its kind, `null` when it does not apply, never left out (a pending
        // claim had no `verdict_date` key, and `judged_later` came and went).
        let every = (Dossier.fieldColumns[kind] ?? []) + (kind == "claim" ? ["judged_later"] : []) + ["after_as_of"]
        for key in Set(every).union(fields.keys).sorted() {
            if key == "channels" {
                try channels.isEmpty ? f.encodeNil(forKey: FieldKey(key)) : f.encode(channels, forKey: FieldKey(key))
                continue
            }
            if key == "channel_tiers" {
                // An object whenever there are channels (`{}` when none has a tier, as the
                // database and the status row have it); `null` for what has none.
                try channels.isEmpty ? f.encodeNil(forKey: FieldKey(key)) : f.encode(channelTiers, forKey: FieldKey(key))
                continue
            }
            guard let value = fields[key] else {
                try f.encodeNil(forKey: FieldKey(key))
                continue
            }
            if Dossier.isDate(key), let date = JSONDate(text: value) {
                try f.encode(date, forKey: FieldKey(key))
            } else {
                try f.encode(value, forKey: FieldKey(key))
            }
        }
        try c.encode(aliases, forKey: .aliases)
        try c.encode(names, forKey: .names)
        try c.encode(tags, forKey: .tags)
        try c.encode(asOf.map(JSONDate.init), forKey: .asOf)
        try c.encode(status, forKey: .status)
        try c.encode(cycle, forKey: .cycle)
        try c.encode(data, forKey: .data)
        try c.encode(outgoing, forKey: .outgoing)
        try c.encode(incoming, forKey: .incoming)
        try c.encode(body, forKey: .body)
    }

    /// A field's column name, kept as written by the snake_case encoder.
    struct FieldKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { nil }
    }

    /// A plain-text dossier for the terminal.
    public func text() -> String {
        // Every value from content on one line of its own (an alias with a line break in it
        // would read as fields of its own); the body alone keeps its lines.
        let line = Diagnostic.oneLine
        var lines = ["\(line(title)) (\(id))", "\(kind) · \(line(path))"]
        var shown = fields
        if !aliases.isEmpty { shown["aliases"] = aliases.joined(separator: ", ") }
        if !tags.isEmpty { shown["tags"] = tags.joined(separator: ", ") }
        if let tier = useChannelTier, let channel = shown["channel"] { shown["channel"] = "\(channel) (\(tier))" }
        if names.count > 1 {
            // "Azure Active Directory until 11 July 2023, then Microsoft Entra ID"
            shown["names"] =
                zip(names, names.dropFirst()).map { "\($0.name) until \($1.sinceDate?.display ?? "?")" }
                .joined(separator: ", ") + ", then \(names.last!.name)"
        }
        for key in shown.keys.sorted() where !(shown[key] ?? "").isEmpty {
            let value = Dossier.isDate(key) ? shown[key]!.displayDate : shown[key]!
            lines.append("  \(key): \(line(value))")
        }
        if let cycle {
            lines.append("")
            lines.append("Release cycle \(line(cycle.cycle))" + (cycle.released.map { ", released \($0.displayDate)" } ?? ""))
            for (label, text) in cycle.lines { lines.append("  \(label): \(line(text))") }
        } else if !data.isEmpty {
            // As the entry's page lists it (a release cycle's is its facts, above).
            lines.append("")
            lines.append("Data")
            for field in FieldValue.flattened(data) { lines.append("  \(line(field.key)): \(line(field.value))") }
        }
        if !statusLines.isEmpty {
            lines.append("")
            lines += statusLines
        }
        func section(_ heading: String, _ links: [Link], named: (String) -> String) {
            guard !links.isEmpty else { return }
            lines.append("")
            lines.append(heading)
            for relation in Array(Set(links.map(\.relation))).sorted() {
                lines.append("  \(named(relation)):")
                for link in links where link.relation == relation {
                    lines.append("    \(link.id)  \(line(link.title))")
                }
            }
        }
        section("Links to", outgoing) { $0 }
        // Read from this entry: "succeeds" what names it as its successor, not "succeeded_by".
        section("Linked from", incoming) { relation in Dossier.inverse[relation].map { "\($0) (\(relation))" } ?? relation }
        let body = self.body.trimmingCharacters(in: .whitespacesAndNewlines)
        if !body.isEmpty {
            lines.append("")
            lines.append(body)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Dossier {
    /// Where a product stands, in words: each axis with the event that set it, the risk,
    /// each announced end and closure in force with its countdown.
    static func statusLines(_ row: StatusRow, board: StatusBoard) -> [String] {
        let (s, asOf) = (row.status, board.asOf)
        let channels =
            s.channels.isEmpty
            ? ""
            : " (" + s.channels.keys.sorted().map { "\(board.channelName($0, of: row.entity)): \(s.channels[$0]!.value)" }.joined(separator: ", ")
                + ")"
        var lines = ["Status as of \(asOf.display)"]
        lines.append("  availability: " + (s.availability.map { "\($0.value)\(channels) (set by \($0.event))" } ?? "unknown"))
        lines.append("  priority: " + (s.priority.map { "\($0.value) (set by \($0.event))" } ?? "unknown"))
        lines.append("  risk: " + (row.gone ? "gone" : row.risk.map { "\($0.score) (\($0.band.rawValue))" } ?? "none (both axes are needed)"))
        if !row.successors.isEmpty { lines.append("  successors: \(board.successors(row, csv: false))") }
        for end in s.ends {
            lines.append(
                "  ends: \(end.date.display)\(board.channelSuffix(end)), \(end.countdown(asOf: asOf)), after \(end.noticeOf) (\(end.event))"
            )
        }
        // Sign-ups closing count in the risk as an end does: each with its countdown; one that
        // came where sign-ups are open again says so (it read as if still closed).
        for closure in s.closures {
            let reopened = s.reopened(after: closure, asOf: asOf, scales: board.scales)
            lines.append(
                "  sign-ups close: \(closure.date.display)\(board.channelSuffix(closure)), \(closure.countdown(asOf: asOf))"
                    + (reopened ? ", open again now" : "") + ", after \(closure.noticeOf) (\(closure.event))")
        }
        return lines
    }

    /// A relation read from its target: what the entries that link to this one are to it.
    static let inverse: [String: String] = [
        "involves": "involved in", "about": "claims about it", "cites": "cited by", "mentions": "mentioned by", "parent": "its parts",
        "supports": "supported by", "contradicts": "contradicted by", "uses": "used by", "claimed_by": "claims it made",
        "sets_status": "its status set by", "published_by": "published by it", "verdict_source": "verdicts it shows",
        "succeeded_by": "succeeds", "folded_into": "absorbed", "authored_by": "written by it",
    ]

    /// The columns a dossier lists as fields, per kind (the README's schema, by name). Not
    /// the `_id` columns: what they name is a link under `outgoing` (`parent`, `claimed_by`,
    /// `published_by`, `uses`), and the column's name was a second name for it.
    static let fieldColumns: [String: [String]] = [
        "entity": ["type", "homepage", "channels", "channel_tiers"],
        "event": ["type", "date", "span_end"],
        "claim": ["type", "verdict", "verdict_date", "date"],
        "source": ["publisher", "url", "type", "archive", "published", "accessed"],
        "report": ["date", "summary"],
        "use": ["team", "criticality", "channel", "version", "since", "until", "plan", "plan_date", "generated"],
    ]
}

extension GraphReader {
    /// An entry's dossier; for a product with a status, where it stands at `asOf`.
    /// `cut`: the day was asked for (`--as-of`), so what is dated after it is left out, as a
    /// site as of that day leaves it out; a site of today shows every entry, later-dated
    /// ones too (an end of support next year).
    public func dossier(_ name: String, asOf: FuzzyDate, cut: Bool = true) throws -> Dossier? {
        guard var dossier = try dossier(name) else { return nil }
        dossier.asOf = asOf
        if cut {
            let later = try datedAfter(asOf)
            dossier.outgoing.removeAll { later.contains($0.id) }
            dossier.incoming.removeAll { later.contains($0.id) }
            // The entry itself may be dated later: said, as a site of that day leaves it out.
            if later.contains(dossier.id) {
                dossier.fields["after_as_of"] = "dated after \(asOf.display): a site as of that day leaves it out"
            }
        }
        // A source shows no verdict reached after the day ("verdicts it shows").
        let judgedLater = try judgedAfter(asOf)
        dossier.incoming.removeAll { $0.relation == Relation.verdictSource.rawValue && judgedLater.contains($0.id) }
        // A verdict reached after the day was not reached then: pending, as a site as of
        // that day shows it (it said the later verdict), without the verdict's evidence.
        if judgedLater.contains(dossier.id), let written = dossier.fields["verdict_date"], let reached = try? FuzzyDate(parsing: written),
            let verdict = dossier.fields["verdict"]
        {
            dossier.fields["verdict"] = "pending"
            dossier.fields["verdict_date"] = nil
            dossier.fields["judged_later"] = "\(verdict), \(reached.display)"
            dossier.outgoing.removeAll { $0.relation == Relation.verdictSource.rawValue }
        }
        // The entities it links to, under the names they went by then.
        var names = try namesAsOf(asOf, of: Set((dossier.outgoing + dossier.incoming).filter { $0.kind == Kind.entity.rawValue }.map(\.id)))
        // A use named after its product, by the product's name then (it said today's).
        let uses = (dossier.outgoing + dossier.incoming).filter { $0.kind == Kind.use.rawValue }.map(\.id)
        names.merge(try useTitlesAsOf(asOf, of: Set(uses + (dossier.kind == Kind.use.rawValue ? [dossier.id] : [])))) { a, _ in a }
        for i in dossier.outgoing.indices { if let name = names[dossier.outgoing[i].id] { dossier.outgoing[i].title = name } }
        for i in dossier.incoming.indices { if let name = names[dossier.incoming[i].id] { dossier.incoming[i].title = name } }
        if dossier.kind == Kind.use.rawValue, let title = names[dossier.id] { dossier.title = title }
        guard dossier.kind == Kind.entity.rawValue else { return dossier }
        // The name it went by then, and every name with the day it took over.
        if let stored = try queue.read({ db in try Row.fetchOne(db, sql: "SELECT name, renames FROM entities WHERE id = ?", arguments: [dossier.id]) }
        ) {
            let (name, json): (String, String) = (stored[0], stored[1])
            let renames = try GraphReader.renames(json)
            dossier.title = renames.name(asOf: asOf, current: name)
            if !renames.isEmpty { dossier.names = renames.names(current: name).map { Dossier.Name(name: $0.name, since: $0.since) } }
        }
        let board = try statusBoard(asOf: asOf)
        dossier.cycle = board.entities[dossier.id]?.cycle
        guard let row = board.rowsByEntity[dossier.id] else { return dossier }
        dossier.status = StatusReportRow(row, board: board)
        dossier.statusLines = Dossier.statusLines(row, board: board)
        return dossier
    }

    /// The names of these entities at the end of `day`, for those renamed.
    private func namesAsOf(_ day: FuzzyDate, of ids: Set<String>) throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT id, name, renames FROM entities WHERE renames != '[]'") }
        var names: [String: String] = [:]
        for row in rows {
            let id: String = row[0]
            guard ids.contains(id) else { continue }
            names[id] = try GraphReader.name(row[1], renames: row[2], asOf: day)
        }
        return names
    }

    /// The titles of these uses at the end of `day`, for those named after their product
    /// (and team): by the product's name then.
    private func useTitlesAsOf(_ day: FuzzyDate, of ids: Set<String>) throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let sql =
            "SELECT u.id, u.team, e.name, e.renames, n.title FROM uses u JOIN entities e ON e.id = u.product_id JOIN entries n ON n.id = u.id"
            + " WHERE u.named_after_product = 1 AND e.renames != '[]'"
        let rows = try queue.read { db in try Row.fetchAll(db, sql: sql) }
        var titles: [String: String] = [:]
        for row in rows {
            let id: String = row[0]
            guard ids.contains(id) else { continue }
            // The title as stored (its channel and team) with the product's name of that day.
            let (name, title): (String, String) = (row[2], row[4])
            let then = try GraphReader.name(name, renames: row[3], asOf: day)
            titles[id] = title.hasPrefix(name) ? then + title.dropFirst(name.count) : UseFacts.title(product: then, team: row[1])
        }
        return titles
    }

    /// The entries dated after the end of `day`: events, claims and reports by their date,
    /// sources by `published`, uses by `since` (entities have no date).
    private func datedAfter(_ day: FuzzyDate) throws -> Set<String> {
        try queue.read { db in
            let last = day.end
            return Set(
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT id FROM events WHERE date_start > :d UNION ALL SELECT id FROM claims WHERE date_start > :d
                        UNION ALL SELECT id FROM reports WHERE date_start > :d UNION ALL SELECT id FROM sources WHERE published_start > :d
                        UNION ALL SELECT id FROM uses WHERE since_start > :d
                        """, arguments: ["d": last]))
        }
    }

    /// The claims whose verdict was reached after the end of `day` (pending then): the rule
    /// `KnowledgeBase.asOf` and `verdicts(asOf:)` apply to a site, for what reads the graph.
    func judgedAfter(_ day: FuzzyDate) throws -> Set<String> {
        let rows = try queue.read { db in try Row.fetchAll(db, sql: "SELECT id, verdict_date FROM claims WHERE verdict_date IS NOT NULL") }
        return Set(
            rows.compactMap { row -> String? in
                guard let written: String = row["verdict_date"], let reached = try? FuzzyDate(parsing: written) else { return nil }
                return reached.startKey > day.endKey ? row["id"] : nil
            })
    }

    public func dossier(_ name: String) throws -> Dossier? {
        guard let id = try resolve(name) else { return nil }
        return try queue.read { db -> Dossier? in
            guard let entry = try Row.fetchOne(db, sql: "SELECT kind, title, path FROM entries WHERE id = ?", arguments: [id]) else { return nil }
            let kind: String = entry["kind"]
            let table = Kind(rawValue: kind)!.folder
            let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id])!
            var fields: [String: String] = [:]
            for column in Dossier.fieldColumns[kind] ?? [] {
                if let value = row[column] as DatabaseValue?, !value.isNull { fields[column] = SQLValue(value).text }
            }
            // Declared channels, as written in the file (`standard, esu (paid)`); none is no field.
            let channels = fields["channels"].flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
            let tiers = fields["channel_tiers"].flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
            fields["channels"] = channels.isEmpty ? nil : channels.map { c in tiers[c].map { "\(c) (\($0))" } ?? c }.joined(separator: ", ")
            fields["channel_tiers"] = nil
            // A use's channel with the tier its product gives it (`commercial-esu (paid)`), as
            // every other view names it; in the text alone (JSON keeps the id, as the database).
            var useChannelTier: String?
            if kind == "use", let channel = fields["channel"], let product = row["product_id"] as String?,
                let written = try String.fetchOne(db, sql: "SELECT channel_tiers FROM entities WHERE id = ?", arguments: [product])
            {
                useChannelTier = (try? JSONDecoder().decode([String: String].self, from: Data(written.utf8)))?[channel]
            }
            let extra = (row["extra"] as String?).flatMap { try? JSONDecoder().decode([String: FieldValue].self, from: Data($0.utf8)) } ?? [:]
            func links(_ sql: String) throws -> [Dossier.Link] {
                try Row.fetchAll(db, sql: sql, arguments: [id]).map {
                    Dossier.Link(relation: $0["relation"], id: $0["other"], kind: $0["kind"], title: $0["title"])
                }
            }
            let outgoing = try links(
                """
                SELECT DISTINCT e.relation, e.to_id AS other, n.kind, n.title FROM edges e JOIN entries n ON n.id = e.to_id
                WHERE e.from_id = ? ORDER BY e.relation, e.to_id
                """)
            let incoming = try links(
                """
                SELECT DISTINCT e.relation, e.from_id AS other, n.kind, n.title FROM edges e JOIN entries n ON n.id = e.from_id
                WHERE e.to_id = ? ORDER BY e.relation, e.from_id
                """)
            let aliases = try String.fetchAll(db, sql: "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias_key", arguments: [id])
            var dossier = Dossier(
                id: id, kind: kind, title: entry["title"], path: entry["path"], fields: fields, aliases: aliases,
                tags: try tags(db, id), status: nil, outgoing: outgoing, incoming: incoming, body: row["body"])
            (dossier.channels, dossier.channelTiers, dossier.useChannelTier) = (channels, tiers, useChannelTier)
            dossier.data = FieldValue.data(extra)
            return dossier
        }
    }
}
