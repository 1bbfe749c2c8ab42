import Foundation
import GRDB
import VaneContent
import VaneDiagnostics

// GRDB records for every table, written and read by column name, so a migration that adds
// a column breaks neither writers nor readers. Codable records map their coding keys to
// columns; edges and status changes, the two tables with the most rows (written on every
// build, read by every `vane status`), encode and decode by hand, and the records a build
// writes a row of for each entry or file encode by hand under their coding keys (through
// `Encodable`, writing the events of 10,000 into a copy for a `sql` block was most of a
// preview's load; `RecordsTests` reads each back as written). The README documents the
// tables; `Schema` creates them.

/// One file of the last build: a Markdown entry (with its parse) or a copied asset.
public struct FileRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "files"
    public var path: String
    public var hash: String
    public var kind: String?
    public var entryID: String?
    /// The parse in `PackedCoding`'s form.
    public var parsed: Data?
    public var size: Int
    public var modified: Int64

    enum CodingKeys: String, CodingKey {
        case path, hash, kind, parsed, size, modified
        case entryID = "entry_id"
    }

    public enum Columns {
        public static let path = Column(CodingKeys.path)
        public static let entryID = Column(CodingKeys.entryID)
        public static let parsed = Column(CodingKeys.parsed)
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.path.stringValue] = path
        container[CodingKeys.hash.stringValue] = hash
        container[CodingKeys.kind.stringValue] = kind
        container[CodingKeys.entryID.stringValue] = entryID
        container[CodingKeys.parsed.stringValue] = parsed
        container[CodingKeys.size.stringValue] = size
        container[CodingKeys.modified.stringValue] = modified
    }
}

public struct EntityRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "entities"
    public var id: String
    public var name: String
    public var type: String
    public var parentID: String?
    public var homepage: String?
    public var path: String
    public var body: String
    /// Front-matter keys outside the format, as JSON.
    public var extra: String
    /// Declared channels as written, a JSON list.
    public var channels: String
    /// The tiers of declared channels that have one, a JSON object (channel → tier).
    public var channelTiers: String = "{}"
    /// Earlier names, oldest first, a JSON list: `[{"date": "2023-07-11", "from": "Azure AD"}]`.
    public var renames: String = "[]"

    enum CodingKeys: String, CodingKey {
        case id, name, type, homepage, path, body, extra, channels, renames
        case parentID = "parent_id"
        case channelTiers = "channel_tiers"
    }

    public enum Columns {
        public static let renames = Column(CodingKeys.renames)
        public static let channels = Column(CodingKeys.channels)
        public static let channelTiers = Column(CodingKeys.channelTiers)
        public static let extra = Column(CodingKeys.extra)
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let type = Column(CodingKeys.type)
        public static let parentID = Column(CodingKeys.parentID)
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.id.stringValue] = id
        container[CodingKeys.name.stringValue] = name
        container[CodingKeys.type.stringValue] = type
        container[CodingKeys.parentID.stringValue] = parentID
        container[CodingKeys.homepage.stringValue] = homepage
        container[CodingKeys.path.stringValue] = path
        container[CodingKeys.body.stringValue] = body
        container[CodingKeys.extra.stringValue] = extra
        container[CodingKeys.channels.stringValue] = channels
        container[CodingKeys.channelTiers.stringValue] = channelTiers
        container[CodingKeys.renames.stringValue] = renames
    }
}

public struct EventRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "events"
    public var id: String
    public var title: String
    public var type: String
    /// As written, its precision, the first and last day of its period (of the span's end).
    public var date: String
    public var datePrecision: String
    public var dateStart: String
    public var dateEnd: String
    public var approximate: Bool
    public var spanEnd: String?
    public var path: String
    public var body: String
    public var extra: String

    enum CodingKeys: String, CodingKey {
        case id, title, type, date, approximate, path, body, extra
        case datePrecision = "date_precision"
        case dateStart = "date_start"
        case dateEnd = "date_end"
        case spanEnd = "span_end"
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.id.stringValue] = id
        container[CodingKeys.title.stringValue] = title
        container[CodingKeys.type.stringValue] = type
        container[CodingKeys.date.stringValue] = date
        container[CodingKeys.datePrecision.stringValue] = datePrecision
        container[CodingKeys.dateStart.stringValue] = dateStart
        container[CodingKeys.dateEnd.stringValue] = dateEnd
        container[CodingKeys.approximate.stringValue] = approximate
        container[CodingKeys.spanEnd.stringValue] = spanEnd
        container[CodingKeys.path.stringValue] = path
        container[CodingKeys.body.stringValue] = body
        container[CodingKeys.extra.stringValue] = extra
    }
}

public struct ClaimRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "claims"
    public var id: String
    public var title: String
    public var type: String
    public var verdict: Verdict
    public var verdictDate: String?
    public var claimantID: String
    public var date: String
    public var datePrecision: String
    public var dateStart: String
    public var dateEnd: String
    public var approximate: Bool
    public var path: String
    public var body: String
    public var extra: String

    enum CodingKeys: String, CodingKey {
        case id, title, type, verdict, date, approximate, path, body, extra
        case verdictDate = "verdict_date"
        case claimantID = "claimant_id"
        case datePrecision = "date_precision"
        case dateStart = "date_start"
        case dateEnd = "date_end"
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.id.stringValue] = id
        container[CodingKeys.title.stringValue] = title
        container[CodingKeys.type.stringValue] = type
        container[CodingKeys.verdict.stringValue] = verdict.rawValue
        container[CodingKeys.verdictDate.stringValue] = verdictDate
        container[CodingKeys.claimantID.stringValue] = claimantID
        container[CodingKeys.date.stringValue] = date
        container[CodingKeys.datePrecision.stringValue] = datePrecision
        container[CodingKeys.dateStart.stringValue] = dateStart
        container[CodingKeys.dateEnd.stringValue] = dateEnd
        container[CodingKeys.approximate.stringValue] = approximate
        container[CodingKeys.path.stringValue] = path
        container[CodingKeys.body.stringValue] = body
        container[CodingKeys.extra.stringValue] = extra
    }
}

public struct SourceRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "sources"
    public var id: String
    public var title: String
    /// As written; `publisherID` when it names an entity.
    public var publisher: String
    public var publisherID: String?
    public var url: String
    public var type: String?
    public var archive: String?
    public var published: String?
    public var publishedPrecision: String?
    public var publishedStart: String?
    public var accessed: String?
    public var path: String
    public var body: String
    public var extra: String

    enum CodingKeys: String, CodingKey {
        case id, title, publisher, url, type, archive, published, accessed, path, body, extra
        case publisherID = "publisher_id"
        case publishedPrecision = "published_precision"
        case publishedStart = "published_start"
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.id.stringValue] = id
        container[CodingKeys.title.stringValue] = title
        container[CodingKeys.publisher.stringValue] = publisher
        container[CodingKeys.publisherID.stringValue] = publisherID
        container[CodingKeys.url.stringValue] = url
        container[CodingKeys.type.stringValue] = type
        container[CodingKeys.archive.stringValue] = archive
        container[CodingKeys.published.stringValue] = published
        container[CodingKeys.publishedPrecision.stringValue] = publishedPrecision
        container[CodingKeys.publishedStart.stringValue] = publishedStart
        container[CodingKeys.accessed.stringValue] = accessed
        container[CodingKeys.path.stringValue] = path
        container[CodingKeys.body.stringValue] = body
        container[CodingKeys.extra.stringValue] = extra
    }
}

public struct ReportRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "reports"
    public var id: String
    public var title: String
    public var summary: String?
    public var date: String
    public var datePrecision: String
    public var dateStart: String
    public var dateEnd: String
    public var approximate: Bool
    public var path: String
    public var body: String
    public var extra: String

    enum CodingKeys: String, CodingKey {
        case id, title, summary, date, approximate, path, body, extra
        case datePrecision = "date_precision"
        case dateStart = "date_start"
        case dateEnd = "date_end"
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.id.stringValue] = id
        container[CodingKeys.title.stringValue] = title
        container[CodingKeys.summary.stringValue] = summary
        container[CodingKeys.date.stringValue] = date
        container[CodingKeys.datePrecision.stringValue] = datePrecision
        container[CodingKeys.dateStart.stringValue] = dateStart
        container[CodingKeys.dateEnd.stringValue] = dateEnd
        container[CodingKeys.approximate.stringValue] = approximate
        container[CodingKeys.path.stringValue] = path
        container[CodingKeys.body.stringValue] = body
        container[CodingKeys.extra.stringValue] = extra
    }
}

public struct UseRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "uses"
    public var id: String
    public var title: String
    public var productID: String
    public var team: String?
    public var criticality: String
    public var version: String?
    public var since: String?
    public var sinceStart: String?
    public var plan: String?
    public var planDate: String?
    public var planDateEnd: String?
    public var generated: String?
    public var path: String
    public var body: String
    public var extra: String
    /// Written without a title: `title` is its product's name (and team).
    public var namedAfterProduct: Bool
    /// The one channel of the product the use depends on; nil for the product.
    public var channel: String?
    /// The day the use ended, as written, and the first day of its period; nil while it goes on.
    public var until: String?
    public var untilStart: String?

    enum CodingKeys: String, CodingKey {
        case id, title, team, criticality, version, since, plan, generated, path, body, extra, channel, until
        case untilStart = "until_start"
        case productID = "product_id"
        case sinceStart = "since_start"
        case planDate = "plan_date"
        case planDateEnd = "plan_date_end"
        case namedAfterProduct = "named_after_product"
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.id.stringValue] = id
        container[CodingKeys.title.stringValue] = title
        container[CodingKeys.productID.stringValue] = productID
        container[CodingKeys.team.stringValue] = team
        container[CodingKeys.criticality.stringValue] = criticality
        container[CodingKeys.version.stringValue] = version
        container[CodingKeys.since.stringValue] = since
        container[CodingKeys.sinceStart.stringValue] = sinceStart
        container[CodingKeys.plan.stringValue] = plan
        container[CodingKeys.planDate.stringValue] = planDate
        container[CodingKeys.planDateEnd.stringValue] = planDateEnd
        container[CodingKeys.generated.stringValue] = generated
        container[CodingKeys.path.stringValue] = path
        container[CodingKeys.body.stringValue] = body
        container[CodingKeys.extra.stringValue] = extra
        container[CodingKeys.namedAfterProduct.stringValue] = namedAfterProduct
        container[CodingKeys.channel.stringValue] = channel
        container[CodingKeys.until.stringValue] = until
        container[CodingKeys.untilStart.stringValue] = untilStart
    }
}

public struct AliasRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "aliases"
    public var alias: String
    /// Lowercased: what lookups use.
    public var aliasKey: String
    public var entityID: String

    enum CodingKeys: String, CodingKey {
        case alias
        case aliasKey = "alias_key"
        case entityID = "entity_id"
    }

    public enum Columns {
        public static let entityID = Column(CodingKeys.entityID)
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.alias.stringValue] = alias
        container[CodingKeys.aliasKey.stringValue] = aliasKey
        container[CodingKeys.entityID.stringValue] = entityID
    }
}

public struct TagRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "tags"
    public var entryID: String
    public var tag: String

    enum CodingKeys: String, CodingKey {
        case tag
        case entryID = "entry_id"
    }

    public enum Columns {
        public static let entryID = Column(CodingKeys.entryID)
    }

    public func encode(to container: inout PersistenceContainer) {
        container[CodingKeys.entryID.stringValue] = entryID
        container[CodingKeys.tag.stringValue] = tag
    }
}

public struct PageRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "pages"
    public var path: String
    /// Stored as SQLite's signed integer, with the same bits.
    public var fingerprint: Int64
}

/// Where an output file shows entries' bodies (see `BodySpan` in VaneSite), and whose.
/// Build state, not graph.
public struct OutputSpans: Sendable, Equatable {
    /// The spans in `PackedCoding`'s form.
    public var packed: Data
    /// The entries whose bodies the file shows.
    public var entries: Set<String>

    public init(packed: Data, entries: Set<String>) {
        (self.packed, self.entries) = (packed, entries)
    }
}

/// What the rows of one entry were written from, as one number (see `RowSignatures`): an
/// entry whose signature is unchanged keeps its rows. Build state, not graph.
public struct EntryRowsRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "entry_rows"
    public var id: String
    /// Stored as SQLite's signed integer, with the same bits.
    public var signature: Int64
}

public struct BuildStateRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "build_state"
    public var key: String
    public var value: String
}

public struct ScaleRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "scales"
    public var axis: String
    /// 0 is the most available / the highest priority.
    public var rank: Int
    public var value: String
    public var label: String

    public enum Columns {
        public static let axis = Column(CodingKeys.axis)
        public static let rank = Column(CodingKeys.rank)
    }
}

extension ScaleRecord: Equatable {}

/// A row of the full-text index: an entry's title, and its body with its aliases.
public struct SearchTextRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "entries_fts"
    public var id: String
    public var kind: String
    public var title: String
    public var body: String
}

/// Where an edge or a status change was written.
public struct Position: Sendable, Hashable {
    public var path: String
    public var line: Int
    public var column: Int

    static let path = Column("path"), line = Column("line"), column = Column("column")

    init(row: Row) {
        path = row[Position.path]
        line = row[Position.line]
        column = row[Position.column]
    }

    init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    func encode(to container: inout PersistenceContainer) {
        container[Position.path] = path
        container[Position.line] = line
        container[Position.column] = column
    }
}

public struct EdgeRecord: FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "edges"
    public enum Columns {
        public static let fromID = Column("from_id")
        public static let relation = Column("relation")
        public static let toID = Column("to_id")
    }

    public var fromID: String
    public var relation: Relation
    public var toID: String
    public var position: Position

    init(fromID: String, relation: Relation, toID: String, position: Position) {
        self.fromID = fromID
        self.relation = relation
        self.toID = toID
        self.position = position
    }

    public init(row: Row) throws {
        fromID = row[Columns.fromID]
        relation = try RecordValue.decode(row[Columns.relation], column: "edges.relation")
        toID = row[Columns.toID]
        position = Position(row: row)
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.fromID] = fromID
        container[Columns.relation] = relation.rawValue
        container[Columns.toID] = toID
        position.encode(to: &container)
    }
}

public struct StatusChangeRecord: FetchableRecord, PersistableRecord, Sendable {
    public static let databaseTableName = "status_changes"
    public enum Columns {
        public static let eventID = Column("event_id")
        public static let entityID = Column("entity_id")
        public static let axis = Column("axis")
        public static let channel = Column("channel")
        public static let value = Column("value")
        public static let date = Column("date")
        public static let datePrecision = Column("date_precision")
        public static let dateStart = Column("date_start")
        public static let announced = Column("announced")
    }

    public var eventID: String
    public var entityID: String
    public var axis: StatusSetting.Axis
    /// NULL when the value is for the whole product.
    public var channel: String?
    public var value: String
    /// The event's date as written, its precision, and when the change takes effect.
    public var date: String
    public var datePrecision: FuzzyDate.Precision
    public var dateStart: String
    /// When an end or closure was first announced, as written, when earlier than the event.
    public var announced: String?
    public var position: Position

    public init(row: Row) throws {
        eventID = row[Columns.eventID]
        announced = row[Columns.announced]
        entityID = row[Columns.entityID]
        axis = try RecordValue.decode(row[Columns.axis], column: "status_changes.axis")
        channel = row[Columns.channel]
        value = row[Columns.value]
        date = row[Columns.date]
        datePrecision = try RecordValue.decode(row[Columns.datePrecision], column: "status_changes.date_precision")
        dateStart = row[Columns.dateStart]
        position = Position(row: row)
    }

    init(
        eventID: String, entityID: String, axis: StatusSetting.Axis, channel: String?, value: String, date: String,
        datePrecision: FuzzyDate.Precision,
        dateStart: String, announced: String? = nil, position: Position
    ) {
        self.eventID = eventID
        self.entityID = entityID
        self.axis = axis
        self.channel = channel
        self.value = value
        self.date = date
        self.datePrecision = datePrecision
        self.dateStart = dateStart
        self.announced = announced
        self.position = position
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.eventID] = eventID
        container[Columns.entityID] = entityID
        container[Columns.axis] = axis.rawValue
        container[Columns.channel] = channel
        container[Columns.value] = value
        container[Columns.date] = date
        container[Columns.datePrecision] = datePrecision.rawValue
        container[Columns.announced] = announced
        container[Columns.dateStart] = dateStart
        position.encode(to: &container)
    }
}

/// One use on the exposure board the build stored (`vane exposure` as of the build's day),
/// for SQL and Datasette: the canned query `uses_ending_soon` reads it.
public struct ExposureRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "exposure"
    public var useID: String
    /// The last day of the board's period, `YYYY-MM-DD`.
    public var asOfEnd: String
    /// 1 for what strands us first, as `vane exposure` ranks the uses.
    public var rank: Int
    public var band: String
    public var risk: Int?
    public var exposure: Int?
    /// The end that strands the use (ahead, or come), as written, its first day and its channel.
    public var endDate: String?
    public var endStart: String?
    public var endChannel: String?
    public var daysLeft: Int?
    public var planLateDays: Int?
    /// With no end, the closure of sign-ups ahead, as written, its first day, its channel and its days left.
    public var closesDate: String?
    public var closesStart: String?
    public var closesChannel: String?
    public var closesDaysLeft: Int?

    enum CodingKeys: String, CodingKey {
        case useID = "use_id"
        case closesDate = "closes_date"
        case closesStart = "closes_start"
        case closesChannel = "closes_channel"
        case closesDaysLeft = "closes_days_left"
        case asOfEnd = "as_of_end"
        case rank, band, risk, exposure
        case endDate = "end_date"
        case endStart = "end_start"
        case endChannel = "end_channel"
        case daysLeft = "days_left"
        case planLateDays = "plan_late_days"
    }

    /// The rows of `board`, in its order.
    public static func rows(of board: ExposureBoard) -> [ExposureRecord] {
        board.rows.enumerated().map { index, row in
            ExposureRecord(
                useID: row.use.id, asOfEnd: board.board.asOf.end, rank: index + 1, band: row.band.rawValue, risk: row.risk,
                exposure: row.exposure, endDate: row.end?.date.text, endStart: row.end?.date.start, endChannel: row.end?.channel,
                daysLeft: row.daysLeft, planLateDays: row.planLate, closesDate: row.closure?.date.text, closesStart: row.closure?.date.start,
                closesChannel: row.closure?.channel, closesDaysLeft: row.closureDaysLeft)
        }
    }
}

/// One product on the status board the build stored (`vane status` as of the build's day),
/// for SQL and Datasette: the canned query `stranded` reads it, not the status rules again.
public struct BoardRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "board"
    public var entityID: String
    /// The day the board stands at.
    public var asOf: String
    /// 1 for the highest platform risk; the products gone after the others, by id.
    public var position: Int
    /// The most available channel's value; nil when none was recorded.
    public var availability: String?
    /// Each channel's value, `api: retired; web: deprecated`; nil for a product without channels.
    public var channels: String?
    public var priority: String?
    /// The date of the change that set the priority, as written, and its event.
    public var prioritySince: String?
    public var priorityEvent: String?
    /// Platform risk, 0–100; nil when gone, or with nothing to score.
    public var risk: Int?
    /// 1 when the product is gone (its availability is the bottom of the scale).
    public var gone: Bool
    /// The last day of the board's period, `YYYY-MM-DD` (the day of `vane status`).
    public var asOfEnd: String?
    /// The next announced end still ahead, as written, its first day, its channel (nil for
    /// the whole product) and the days left to it from the board's day; nil when none.
    public var nextEnd: String?
    public var nextEndStart: String?
    public var nextEndChannel: String?
    public var daysLeft: Int?

    enum CodingKeys: String, CodingKey {
        case entityID = "entity_id"
        case asOf = "as_of"
        case position, availability, channels, priority
        case prioritySince = "priority_since"
        case priorityEvent = "priority_event"
        case risk, gone
        case asOfEnd = "as_of_end"
        case nextEnd = "next_end"
        case nextEndStart = "next_end_start"
        case nextEndChannel = "next_end_channel"
        case daysLeft = "days_left"
    }

    /// The rows of `board`, in its order.
    public static func rows(of board: StatusBoard) -> [BoardRecord] {
        board.rows.enumerated().map { index, row in
            let channels = row.status.channels.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.value)" }
            return BoardRecord(
                entityID: row.entity, asOf: board.asOf.text, position: index + 1, availability: row.status.availability?.value,
                channels: channels.isEmpty ? nil : channels.joined(separator: "; "), priority: row.status.priority?.value,
                prioritySince: row.status.priority?.date.text, priorityEvent: row.status.priority?.event, risk: row.risk?.score, gone: row.gone,
                asOfEnd: board.asOf.end, nextEnd: row.nextEnd?.date.text, nextEndStart: row.nextEnd?.date.start, nextEndChannel: row.nextEnd?.channel,
                daysLeft: row.nextEnd?.daysLeft(asOf: board.asOf))
        }
    }
}
