import Foundation
import GRDB
import VaneContent
import VaneDiagnostics
import VaneGraph

/// `vane status` from the database: the same board the site shows, read back from SQL.
extension GraphReader {
    public func statusBoard(asOf: FuzzyDate, within vendor: String? = nil) throws -> StatusBoard {
        let root = try vendor.map(resolveEntity)
        return try queue.read { db in
            var scales = StatusScales(availability: [], priority: [])
            for scale in try ScaleRecord.order(ScaleRecord.Columns.axis, ScaleRecord.Columns.rank).fetchAll(db) {
                if scale.axis == StatusSetting.Axis.availability.rawValue {
                    scales.availability.append(scale.value)
                } else {
                    scales.priority.append(scale.value)
                }
                scales.labels[scale.value] = scale.label
            }
            typealias E = EntityRecord.Columns
            var entities: [String: EntityInfo] = [:]
            for row in try Row.fetchAll(db, EntityRecord.select(E.id, E.name, E.type, E.parentID)) {
                entities[row[E.id]] = EntityInfo(name: row[E.name], type: row[E.type], parent: row[E.parentID])
            }
            var dates: [String: FuzzyDate] = [:]
            var changes: [StatusChange] = []
            for record in try StatusChangeRecord.fetchAll(db, sql: "SELECT * FROM status_changes ORDER BY rowid") {
                guard let axis = StatusSetting.Axis(rawValue: record.axis),
                    let date = dates[record.date] ?? (try? FuzzyDate(parsing: record.date))
                else { continue }
                dates[record.date] = date
                let p = record.position
                changes.append(
                    StatusChange(
                        event: record.eventID, entity: record.entityID, axis: axis, channel: record.channel, value: record.value,
                        date: date, location: SourceLocation(path: p.path, line: p.line, column: p.column)))
            }
            // Only the events that set a status are shown with their sources.
            let cited = try EdgeRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM edges
                    WHERE relation = 'cites' AND from_id IN (SELECT DISTINCT event_id FROM status_changes) ORDER BY rowid
                    """)
            let sources = StatusBoard.sources(citedBy: cited.map { ($0.fromID, $0.toID) })
            return StatusBoard(changes: changes, entities: entities, eventSources: sources, asOf: asOf, scales: scales, within: root)
        }
    }
}

/// A board row as `vane status --format json` prints it.
public struct StatusReportRow: Codable, Sendable {
    public struct Axis: Codable, Sendable {
        public var value: String
        public var label: String
        public var event: String
        public var date: String
        public var datePrecision: String
        public var sources: [String]
        public var channels: [String: String]?
    }

    public var entity: String
    public var name: String
    public var type: String
    public var vendor: String
    public var availability: Axis?
    public var priority: Axis?
    public var since: String?
    public var risk: Int?
    public var riskFactors: PlatformRisk?
    public var retired: Bool
    public var moves: [Move]

    public struct Move: Codable, Sendable {
        public var date: String
        public var event: String
        public var axis: String
        public var channel: String?
        public var from: String?
        public var to: String
        public var sources: [String]
    }

    public init(_ row: StatusRow, board: StatusBoard) {
        func axis(_ setting: AxisSetting?, channels: [String: AxisSetting] = [:]) -> Axis? {
            guard let setting else { return nil }
            return Axis(
                value: setting.value, label: board.scales.label(setting.value), event: setting.event,
                date: setting.date.text, datePrecision: setting.date.precision.rawValue,
                sources: board.eventSources[setting.event] ?? [],
                channels: channels.isEmpty ? nil : channels.mapValues(\.value))
        }
        entity = row.entity
        name = row.name
        type = row.type
        vendor = row.vendor
        availability = axis(row.status.availability, channels: row.status.channels)
        priority = axis(row.status.priority)
        since = row.status.since?.text
        risk = row.risk?.score
        riskFactors = row.risk
        retired = row.gone
        moves = row.status.moves.map {
            Move(
                date: $0.date.text, event: $0.event, axis: $0.axis.rawValue, channel: $0.channel, from: $0.from, to: $0.to,
                sources: board.eventSources[$0.event] ?? [])
        }
    }
}

extension StatusBoard {
    /// The terminal table: ranked rows, then products that are gone.
    public func table(for format: OutputFormat) -> TextTable {
        let headers = ["RISK", "ENTITY", "VENDOR", "AVAILABILITY", "PRIORITY", "SINCE", "AVAILABILITY SET BY", "PRIORITY SET BY"]
        let rows = self.rows.map { row -> [String] in
            let s = row.status
            var availability = s.availability?.value ?? "-"
            if !s.channels.isEmpty {
                availability += " (" + s.channels.keys.sorted().map { "\($0): \(s.channels[$0]!.value)" }.joined(separator: ", ") + ")"
            }
            let since = format == .csv ? (s.since?.text ?? "") : (s.since?.display ?? "-")
            let risk = row.gone ? "gone" : row.risk.map { String($0.score) } ?? "-"
            return [
                risk, row.entity, row.vendor, availability, s.priority?.value ?? "-", since, s.availability?.event ?? "-", s.priority?.event ?? "-",
            ]
        }
        return TextTable(headers: format == .csv ? headers.map { $0.lowercased().replacingOccurrences(of: " ", with: "_") } : headers, rows: rows)
    }
}
