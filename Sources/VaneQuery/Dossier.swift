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
    public var outgoing: [Link]
    public var incoming: [Link]
    public var body: String

    /// A plain-text dossier for the terminal.
    public func text() -> String {
        var lines = ["\(title) (\(id))", "\(kind) · \(path)"]
        for key in fields.keys.sorted() where !(fields[key] ?? "").isEmpty {
            let value = key.hasPrefix("date") || key == "published" ? fields[key]!.displayDate : fields[key]!
            lines.append("  \(key): \(value)")
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
    public func dossier(_ name: String) throws -> Dossier? {
        guard let id = try resolve(name) else { return nil }
        return try queue.read { db -> Dossier? in
            guard let entry = try Row.fetchOne(db, sql: "SELECT kind, title, path FROM entries WHERE id = ?", arguments: [id]) else { return nil }
            let kind: String = entry["kind"]
            let table = Kind(rawValue: kind)!.folder
            let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id])!
            var fields: [String: String] = [:]
            for column in Dossier.fieldColumns[kind] ?? [] {
                if let value = row[column] as DatabaseValue?, !value.isNull { fields[column] = value.text }
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
            return Dossier(
                id: id, kind: kind, title: entry["title"], path: entry["path"], fields: fields,
                outgoing: outgoing, incoming: incoming, body: row["body"])
        }
    }
}

extension DatabaseValue {
    /// A value as the terminal shows it (NULL as the empty string).
    var text: String {
        switch storage {
        case .null: ""
        case .int64(let i): String(i)
        case .double(let d): String(d)
        case .string(let s): s
        case .blob(let b): "<\(b.count) bytes>"
        }
    }
}
