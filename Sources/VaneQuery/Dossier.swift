import Foundation
import GRDB
import VaneContent

/// Everything the graph knows about one entry, for `vane show`.
public struct Dossier: Codable, Sendable {
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
    /// A product's status as of the day asked, when it has one.
    public var status: Status?
    /// Its release cycle's facts, when it is one (LTS, latest version, support ends).
    public var cycle: CycleFacts?
    public var outgoing: [Link]
    public var incoming: [Link]
    public var body: String

    /// Where a product stands, as `vane status` says it.
    public struct Status: Codable, Sendable {
        public var asOf: String
        public var availability: String?
        public var availabilitySetBy: String?
        public var priority: String?
        public var prioritySetBy: String?
        /// nil when the product is gone, or has no score.
        public var risk: Int?
        public var band: String?
        public var gone: Bool
        /// Each announced end in force: its date and channel, and its countdown.
        public var ends: [String]
    }

    /// Fields that hold a date: shown as a reader reads it.
    static func isDate(_ key: String) -> Bool {
        key.hasPrefix("date") || key.hasSuffix("_date") || key == "published" || key == "accessed"
    }

    /// A plain-text dossier for the terminal.
    public func text() -> String {
        var lines = ["\(title) (\(id))", "\(kind) · \(path)"]
        var shown = fields
        if !aliases.isEmpty { shown["aliases"] = aliases.joined(separator: ", ") }
        if !tags.isEmpty { shown["tags"] = tags.joined(separator: ", ") }
        for key in shown.keys.sorted() where !(shown[key] ?? "").isEmpty {
            let value = Dossier.isDate(key) ? shown[key]!.displayDate : shown[key]!
            lines.append("  \(key): \(value)")
        }
        if let cycle {
            lines.append("")
            lines.append("Release cycle \(cycle.cycle)" + (cycle.released.map { ", released \($0.displayDate)" } ?? ""))
            for (label, text) in cycle.lines { lines.append("  \(label): \(text)") }
        }
        if let status {
            lines.append("")
            lines.append("Status as of \(status.asOf.displayDate)")
            let a = status.availability.map { "\($0) (set by \(status.availabilitySetBy ?? "-"))" } ?? "unknown"
            lines.append("  availability: \(a)")
            let p = status.priority.map { "\($0) (set by \(status.prioritySetBy ?? "-"))" } ?? "unknown"
            lines.append("  priority: \(p)")
            lines.append("  risk: " + (status.gone ? "gone" : status.risk.map { "\($0) (\(status.band ?? ""))" } ?? "none (both axes are needed)"))
            for end in status.ends { lines.append("  ends: \(end)") }
        }
        func section(_ heading: String, _ links: [Link]) {
            guard !links.isEmpty else { return }
            lines.append("")
            lines.append(heading)
            for relation in Array(Set(links.map(\.relation))).sorted() {
                lines.append("  \(relation):")
                for link in links where link.relation == relation {
                    lines.append("    \(link.id)  \(link.title)")
                }
            }
        }
        section("Links to", outgoing)
        section("Linked from", incoming)
        let body = self.body.trimmingCharacters(in: .whitespacesAndNewlines)
        if !body.isEmpty {
            lines.append("")
            lines.append(body)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Dossier {
    /// The columns a dossier lists as fields, per kind (the README's schema, by name).
    static let fieldColumns: [String: [String]] = [
        "entity": ["type", "parent_id", "homepage"],
        "event": ["type", "date", "date_precision", "date_start", "date_end", "approximate", "span_end"],
        "claim": ["type", "verdict", "verdict_date", "claimant_id", "date", "date_precision", "date_start", "date_end", "approximate"],
        "source": ["publisher", "publisher_id", "url", "type", "archive", "published", "published_precision", "published_start", "accessed"],
    ]
}

extension GraphReader {
    /// An entry's dossier; for a product with a status, where it stands at `asOf`.
    public func dossier(_ name: String, asOf: FuzzyDate) throws -> Dossier? {
        guard var dossier = try dossier(name) else { return nil }
        guard dossier.kind == Kind.entity.rawValue else { return dossier }
        let board = try statusBoard(asOf: asOf)
        dossier.cycle = board.entities[dossier.id]?.cycle
        guard let row = board.rows.first(where: { $0.entity == dossier.id }) else { return dossier }
        let s = row.status
        dossier.status = Dossier.Status(
            asOf: asOf.text,
            availability: s.availability.map { v in
                v.value
                    + (s.channels.isEmpty
                        ? ""
                        : " ("
                            + s.channels.keys.sorted().map { "\(board.channelName($0, of: row.entity)): \(s.channels[$0]!.value)" }
                            .joined(separator: ", ") + ")")
            }, availabilitySetBy: s.availability?.event, priority: s.priority?.value, prioritySetBy: s.priority?.event,
            risk: row.risk?.score, band: row.risk?.band.rawValue, gone: row.gone,
            ends: s.ends.map {
                "\($0.date.display)\(board.channelSuffix($0)), \($0.countdown(asOf: asOf)), after \($0.notice) of notice (\($0.event))"
            })
        return dossier
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
            return Dossier(
                id: id, kind: kind, title: entry["title"], path: entry["path"], fields: fields, aliases: aliases,
                tags: try tags(db, id), status: nil, outgoing: outgoing, incoming: incoming, body: row["body"])
        }
    }
}
