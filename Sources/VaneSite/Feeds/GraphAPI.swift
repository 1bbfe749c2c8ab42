import Foundation
import VaneContent

/// The JSON API under `api/v1/`: the whole graph in one file and one file per entity.
/// Every file carries `schema_version` and `generated_at` (the day the site is as of);
/// dates keep their precision.
struct GraphAPI {
    /// 2: announced ends, successors, and `ends` rows among the status changes (see the
    /// README's changelog).
    static let schemaVersion = 2
    let model: SiteModel

    struct DateValue: Encodable {
        var text: String, precision: String, start: String, end: String, approximate: Bool
        init(_ d: FuzzyDate) {
            (text, precision, start, end, approximate) = (d.text, d.precision.rawValue, d.start, d.end, d.approximate)
        }
    }

    struct EntryValue: Encodable {
        var id: String, kind: String, title: String, type: String?
        var date: DateValue?, endDate: DateValue?, verdict: String?, url: String?, publisher: String?
        var aliases: [String], tags: [String], page: String
        /// An entity's `successors` (absent for other kinds).
        var successors: [String]?
        /// A product's channel tiers, and a release cycle's facts (absent when none).
        var channelTiers: [String: String]?
        var cycle: CycleFacts?
    }

    struct EndValue: Encodable {
        var entity: String, channel: String?, channelTier: String?, date: DateValue, announced: DateValue, event: String
        var noticeDays: Int, daysLeft: Int, approximate: Bool, retiredBy: String?, retired: DateValue?

        enum CodingKeys: String, CodingKey {
            case entity, channel, channelTier, date, announced, event, noticeDays, daysLeft, approximate, retiredBy, retired
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(entity, forKey: .entity)
            try c.encode(channel, forKey: .channel)  // null: the whole product
            try c.encodeIfPresent(channelTier, forKey: .channelTier)
            try c.encode(date, forKey: .date)
            try c.encode(announced, forKey: .announced)
            try c.encode(event, forKey: .event)
            try c.encode(noticeDays, forKey: .noticeDays)
            try c.encode(daysLeft, forKey: .daysLeft)
            try c.encode(approximate, forKey: .approximate)
            try c.encode(retiredBy, forKey: .retiredBy)
            try c.encode(retired, forKey: .retired)
        }
    }

    struct EdgeValue: Encodable { var from: String, relation: String, to: String }

    struct StatusValue: Encodable {
        var event: String, entity: String, axis: String, channel: String?, value: String, date: DateValue
    }

    struct Graph: Encodable {
        var schemaVersion: Int, generatedAt: String
        var entries: [EntryValue], edges: [EdgeValue], statusChanges: [StatusValue], announcedEnds: [EndValue]
    }

    struct EntityFile: Encodable {
        var schemaVersion: Int, generatedAt: String
        var entity: EntryValue, events: [EntryValue], claims: [EntryValue], statusHistory: [StatusValue], announcedEnds: [EndValue]
    }

    func entry(_ e: Entry) -> EntryValue {
        EntryValue(
            id: e.id, kind: e.kind.rawValue, title: e.title, type: e.type, date: e.date.map(DateValue.init),
            endDate: e.endDate.map(DateValue.init), verdict: e.verdict, url: e.url ?? e.homepage,
            publisher: e.kind == .source ? model.publisherName(e) : nil,
            aliases: e.aliases.map(\.text), tags: e.tags, page: SiteModel.url(of: e),
            successors: e.kind == .entity ? model.targets(of: e.id, .succeededBy) : nil,
            channelTiers: e.channelTiers.isEmpty ? nil : e.channelTiers.mapValues(\.rawValue), cycle: CycleFacts(e.extra))
    }

    func end(_ e: AnnouncedEnd) -> EndValue {
        EndValue(
            entity: e.entity, channel: e.channel, channelTier: e.channel.flatMap { model.board.entities[e.entity]?.tiers[$0]?.rawValue },
            date: DateValue(e.date), announced: DateValue(e.announced), event: e.event,
            noticeDays: e.noticeDays, daysLeft: e.daysLeft(asOf: model.board.asOf), approximate: e.approximate, retiredBy: e.retiredBy,
            retired: e.retired.map(DateValue.init))
    }

    /// Every announced end in force, by date.
    private var ends: [AnnouncedEnd] { model.board.announcedEnds(within: .max) }

    func status(_ s: StatusChange) -> StatusValue {
        StatusValue(event: s.event, entity: s.entity, axis: s.axis.rawValue, channel: s.channel, value: s.value, date: DateValue(s.date))
    }

    var graph: Data {
        encode(
            Graph(
                schemaVersion: GraphAPI.schemaVersion, generatedAt: model.board.asOf.text,
                entries: model.kb.entries.map(entry),
                edges: model.kb.edges.map { EdgeValue(from: $0.from, relation: $0.relation.rawValue, to: $0.to) },
                statusChanges: StatusTimeline.ordered(model.kb.statusChanges).map(status), announcedEnds: ends.map(end)))
    }

    /// An entity with the events and claims about it or any entity under it, oldest first.
    func entity(_ e: Entry, tree: Set<String>, events: [Entry]) -> Data {
        let claimIDs = Set(tree.flatMap { model.sources(to: $0, .about, .claimedBy) })
        let claims = claimIDs.compactMap { model.kb.entry($0) }
        return encode(
            EntityFile(
                schemaVersion: GraphAPI.schemaVersion, generatedAt: model.board.asOf.text, entity: entry(e),
                events: events.sorted(by: Entry.chronological).map(entry), claims: claims.sorted(by: Entry.chronological).map(entry),
                statusHistory: StatusTimeline.ordered(model.changesByEntity[e.id] ?? []).map(status),
                announcedEnds: (model.statusRows[e.id]?.status.ends ?? []).map(end)))
    }

    private func encode(_ value: some Encodable) -> Data {
        (try? CanonicalJSON.data(value, snakeCase: true)) ?? Data("{}".utf8)
    }
}
