import Foundation
import GRDB
import VaneContent
import VaneDiagnostics
import VaneGraph

/// `vane status` from the database: the same board the site shows, read back from SQL.
extension GraphReader {
    /// Each product's declared channel tiers (`channels: [standard, { esu: paid }]`), read
    /// without the board: they are the same on every day.
    func channelTiers() throws -> [String: [String: ChannelTier]] {
        try queue.read { db in
            let ids = Set(try String.fetchAll(db, sql: "SELECT id FROM entities"))
            let aliases = try Dictionary(
                Row.fetchAll(db, sql: "SELECT alias_key, entity_id FROM aliases").map { ($0[0] as String, $0[1] as String) },
                uniquingKeysWith: { a, _ in a })
            var written: [String: [String: String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, channel_tiers FROM entities WHERE channel_tiers != '{}'") {
                written[row[0]] = (try? JSONDecoder().decode([String: String].self, from: Data((row[1] as String).utf8))) ?? [:]
            }
            return try GraphReader.tiers(written, resolve: { Names.resolve($0, isID: ids.contains, aliases: aliases) ?? $0 })
        }
    }

    /// Tiers as written (channel → word) made typed, each channel named as the linker reads
    /// it (`resolve`: a channel that names an entity is that entity's id).
    private static func tiers(_ written: [String: [String: String]], resolve: (String) -> String) throws -> [String: [String: ChannelTier]] {
        try written.mapValues { tiered in
            let typed = try tiered.map { key, word in (resolve(key), try RecordValue.decode(word, column: "entities.channel_tiers") as ChannelTier) }
            return Dictionary(typed, uniquingKeysWith: { a, _ in a })
        }
    }

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
            // What a product was folded into comes first among what replaces it.
            // Every relation but the others this vane knows: a stored relation it does not
            // know is decoded too, and is an error naming its column, not a successor dropped.
            let others = Relation.allCases.filter { $0 != .foldedInto && $0 != .succeededBy }.map(\.rawValue)
            var successorEdges = try EdgeRecord.filter(!others.contains(EdgeRecord.Columns.relation)).order(Column.rowID).fetchAll(db)
            successorEdges = StatusBoard.foldsFirst(successorEdges, relation: \.relation)
            let successors = StatusBoard.targets(successorEdges.map { ($0.fromID, $0.toID) })
            let folds = StatusBoard.targets(successorEdges.filter { $0.relation == .foldedInto }.map { ($0.fromID, $0.toID) })
            var entities: [String: EntityInfo] = [:]
            var declared: [String: [String]] = [:]
            let aliases = try Dictionary(
                Row.fetchAll(db, sql: "SELECT alias_key, entity_id FROM aliases").map { ($0[0] as String, $0[1] as String) },
                uniquingKeysWith: { a, _ in a })
            var tiers: [String: [String: String]] = [:]
            for row in try Row.fetchAll(db, EntityRecord.select(E.id, E.name, E.type, E.parentID, E.channels, E.channelTiers, E.extra, E.renames)) {
                let id: String = row[E.id]
                let extra = (try? JSONDecoder().decode([String: FieldValue].self, from: Data((row[E.extra] as String).utf8))) ?? [:]
                entities[id] = EntityInfo(
                    name: try GraphReader.name(row[E.name], renames: row[E.renames], asOf: asOf), type: row[E.type], parent: row[E.parentID],
                    successors: successors[id] ?? [], cycle: CycleFacts(extra))
                entities[id]?.foldedInto = Set(folds[id] ?? [])
                let list = (try? JSONDecoder().decode([String].self, from: Data((row[E.channels] as String).utf8))) ?? []
                if !list.isEmpty { declared[id] = list }
                let tiered = (try? JSONDecoder().decode([String: String].self, from: Data((row[E.channelTiers] as String).utf8))) ?? [:]
                if !tiered.isEmpty { tiers[id] = tiered }
            }
            // As the linker reads them: a channel that names an entity is that entity's id.
            let resolve = { (name: String) in Names.resolve(name, isID: { entities[$0] != nil }, aliases: aliases) ?? name }
            declared = declared.mapValues { $0.map(resolve) }
            for (id, tiered) in try GraphReader.tiers(tiers, resolve: resolve) { entities[id]?.tiers = tiered }
            var dates: [String: FuzzyDate] = [:]
            var changes: [StatusChange] = []
            for record in try StatusChangeRecord.fetchAll(db, sql: "SELECT * FROM status_changes ORDER BY rowid") {
                let axis = record.axis
                let date = try dates[record.date] ?? RecordValue.date(record.date, column: "status_changes.date")
                dates[record.date] = date
                let p = record.position
                var change = StatusChange(
                    event: record.eventID, entity: record.entityID, axis: axis, channel: record.channel, value: record.value, date: date,
                    location: SourceLocation(path: p.path, line: p.line, column: p.column))
                change.announced = try record.announced.map { try RecordValue.date($0, column: "status_changes.announced") }
                changes.append(change)
            }
            // Only the events that set a status are shown with their sources.
            let cited = try EdgeRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM edges
                    WHERE relation = 'cites' AND from_id IN (SELECT DISTINCT event_id FROM status_changes) ORDER BY rowid
                    """)
            let sources = StatusBoard.targets(cited.map { ($0.fromID, $0.toID) })
            return StatusBoard(
                changes: changes, channels: StatusTimeline.channels(declared: declared, changes: changes), entities: entities,
                eventSources: sources, asOf: asOf, scales: scales, within: root)
        }
    }
}

/// A board row as `vane status --format json` prints it.
public struct StatusReportRow: Encodable, Sendable {
    public struct Axis: Encodable, Sendable {
        public var value: String
        public var label: String
        public var event: String
        public var date: JSONDate
        public var sources: [String]
        /// Each named channel's value with the event that set it (availability only).
        @Null public var channels: [String: Axis]?
    }

    public var entity: String
    public var name: String
    public var type: String
    public var vendor: String
    /// Channels (entities under the `--entity` vendor) through which it is offered.
    public var via: [String]
    @Null public var availability: Axis?
    @Null public var priority: Axis?
    @Null public var since: JSONDate?
    @Null public var risk: Int?
    @Null public var riskFactors: PlatformRisk?
    public var retired: Bool
    /// The soonest announced end still ahead; JSON `null` when there is none.
    @Null public var ends: EndReport?
    /// The soonest announced closure to new customers still ahead; JSON `null` when none.
    @Null public var closes: EndReport?
    public var successors: [String]
    /// Those of the successors it was folded into (its users carried over).
    public var foldedInto: [String]
    public var moves: [Move]
    /// The tiers of its channels that have one (`extended-support: extended`).
    public var channelTiers: [String: String]
    /// Its release cycle's facts, when it is one.
    @Null public var cycle: CycleFacts?

    public struct Move: Encodable, Sendable {
        public var date: JSONDate
        public var event: String
        public var axis: String
        @Null public var channel: String?
        @Null public var from: String?
        public var to: String
        public var sources: [String]
    }

    public init(_ row: StatusRow, board: StatusBoard) {
        func axis(_ setting: AxisSetting?, channels: [String: AxisSetting] = [:]) -> Axis? {
            guard let setting else { return nil }
            return Axis(
                value: setting.value, label: board.scales.label(setting.value), event: setting.event,
                date: JSONDate(setting.date),
                sources: board.eventSources[setting.event] ?? [],
                channels: channels.isEmpty ? nil : channels.compactMapValues { axis($0) })
        }
        entity = row.entity
        name = row.name
        type = row.type
        vendor = row.vendor
        via = row.via
        availability = axis(row.status.availability, channels: row.status.channels)
        priority = axis(row.status.priority)
        since = row.status.since.map(JSONDate.init)
        risk = row.risk?.score
        riskFactors = row.risk
        retired = row.gone
        ends = row.nextEnd.map { EndReport($0, board: board) }
        closes = row.nextClosure.map { EndReport($0, board: board) }
        successors = row.successors
        foldedInto = row.successors.filter { board.entities[row.entity]?.foldedInto.contains($0) == true }
        channelTiers = (board.entities[row.entity]?.tiers ?? [:]).mapValues(\.rawValue)
        cycle = board.entities[row.entity]?.cycle
        moves = row.status.moves.map {
            Move(
                date: JSONDate($0.date), event: $0.event, axis: $0.axis.rawValue, channel: $0.channel, from: $0.from, to: $0.to,
                sources: board.eventSources[$0.event] ?? [])
        }
    }

}

extension StatusBoard {
    /// `cloudshell (generally-available · invested)`: each successor with its own position,
    /// and one that is gone itself with where it leads on to (`→ dotnet-10 (…)`).
    func successors(_ row: StatusRow, csv: Bool) -> String {
        if csv { return row.successors.joined(separator: ";") }
        func shown(_ id: String, after product: String) -> String {
            let position = position(of: id, label: { $0 })
            let folded = entities[product]?.foldedInto.contains(id) == true
            let words: [String] = (folded ? ["folded into"] : []) + (position.map { [$0] } ?? [])
            return id + (words.isEmpty ? "" : " (\(words.joined(separator: "; ")))")
        }
        let text = shownSuccessors(row.successors).map { id in
            let chain = onward(from: id)
            return ([shown(id, after: row.entity)] + shortened(chain, from: id) { "→ " + shown($0, after: $1) })
                .joined(separator: " ") + onwardAlso(from: id, chain: chain).map { ", " + shown($0, after: id) }.joined()
        }
        return text.isEmpty ? "-" : text.joined(separator: ", ")
    }

    /// The terminal table: ranked rows, then products that are gone.
    public func table(for format: OutputFormat) -> TextTable {
        let csv = format == .csv
        // CSV gives an end's channel a column of its own (the table says it beside the date):
        // `2027-01-31` alone read as the whole product's end.
        // and the day sign-ups close columns of their own, last (`closes 2027-01-31` in the
        // column of end dates read as an end).
        let headers =
            ["RISK", "ENTITY", "VENDOR", "AVAILABILITY", "PRIORITY", "ENDS"] + (csv ? ["ENDS CHANNEL"] : [])
            + ["NOTICE", "SINCE", "AVAILABILITY SET BY", "PRIORITY SET BY", "SUCCESSORS"]
            + (csv ? ["CLOSES", "CLOSES CHANNEL", "CLOSES NOTICE"] : [])
            // The days left the table says beside each date, after what was there before.
            + (csv ? ["DAYS LEFT", "CLOSES DAYS LEFT"] : [])
        let rows = self.rows.map { row -> [String] in
            let s = row.status
            // A value missing is an empty field in CSV, as everywhere else on its line (and
            // `null` in JSON); the table's '-'.
            let none = csv ? "" : "-"
            var availability = s.availability?.value ?? none
            if !s.channels.isEmpty {
                availability +=
                    " (" + s.channels.keys.sorted().map { "\(channelName($0, of: row.entity)): \(s.channels[$0]!.value)" }.joined(separator: ", ")
                    + ")"
            }
            if !row.via.isEmpty { availability += " via " + row.via.joined(separator: ", ") }
            let since = csv ? (s.since?.text ?? "") : (s.since?.display ?? "-")
            let risk = row.gone ? "gone" : row.risk.map { String($0.score) } ?? none
            // The end of service, or else the day sign-ups close (CSV: each in its columns).
            let end = csv ? row.nextEnd : row.nextEnd ?? row.nextClosure
            let ends =
                csv
                ? (end?.date.text ?? "")
                : end.map {
                    "\($0.kind == .closure ? "sign-ups close " : "")\($0.date.display)\(channelSuffix($0)), \($0.countdown(asOf: asOf))"
                } ?? "-"
            let notice = csv ? (end.map { String($0.noticeDays) } ?? "") : (end?.notice ?? "-")
            let closes = row.nextClosure.map { [$0.date.text, $0.channel ?? "", String($0.noticeDays)] } ?? ["", "", ""]
            let daysLeft = [end, row.nextClosure].map { $0.map { String($0.daysLeft(asOf: asOf)) } ?? "" }
            return [risk, row.entity, row.vendor, availability, s.priority?.value ?? none, ends] + (csv ? [end?.channel ?? ""] : [])
                + [notice, since, s.availability?.event ?? none, s.priority?.event ?? none, successors(row, csv: csv)]
                + (csv ? closes + daysLeft : [])
        }
        return TextTable(headers: csv ? headers.map { $0.lowercased().replacingOccurrences(of: " ", with: "_") } : headers, rows: rows)
    }
}

extension GraphReader {
    /// A stored rename: the day the next name took over, and the name before it.
    struct StoredRename: Decodable {
        var date: String
        var from: String
    }

    /// The earlier names stored with an entity, oldest first.
    static func renames(_ json: String) throws -> [Rename] {
        let stored = try CanonicalJSON.decode([StoredRename].self, from: json)
        return try stored.map { Rename(date: try RecordValue.date($0.date, column: "entities.renames"), from: $0.from, at: .top(of: "")) }
    }

    /// An entity's name at the end of `asOf`'s period, from its stored renames.
    static func name(_ current: String, renames json: String, asOf: FuzzyDate) throws -> String {
        guard json != "[]" else { return current }
        return try renames(json).name(asOf: asOf, current: current)
    }
}
