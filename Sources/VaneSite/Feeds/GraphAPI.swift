import Foundation
import VaneContent

/// The JSON API under `api/v1/`: the whole graph in one file and one file per entity.
/// Every file carries `schema_version` and `generated_at` (the day the site is as of);
/// dates keep their precision.
struct GraphAPI {
    /// 3: dates as `iso` (no `~`) with `approximate`; see the README's changelog.
    static let schemaVersion = 3
    let model: SiteModel

    typealias DateValue = JSONDate

    struct EntryValue: Encodable {
        var id: String, kind: String, title: String
        @Null var type: String?
        @Null var date: DateValue?
        @Null var endDate: DateValue?
        @Null var verdict: String?
        @Null var url: String?
        @Null var publisher: String?
        var aliases: [String], tags: [String], page: String
        /// An entity's `successors` (null for other kinds).
        @Null var successors: [String]?
        /// A product's channel tiers, and a release cycle's facts (null when none).
        @Null var channelTiers: [String: String]?
        @Null var cycle: CycleFacts?
        /// `data` and other keys kept from front matter, with their YAML types.
        var data: [String: FieldValue]
    }

    struct EndValue: Encodable {
        var entity: String
        /// null: the whole product.
        @Null var channel: String?
        @Null var channelTier: String?
        var date: DateValue, announced: DateValue, event: String
        /// When customers were first told (the notice counts from it): `announced:`, or an
        /// earlier announcement of the same end.
        var firstAnnounced: DateValue
        var noticeDays: Int, daysLeft: Int, approximate: Bool
        @Null var retiredBy: String?
        @Null var retired: DateValue?
    }

    struct EdgeValue: Encodable { var from: String, relation: String, to: String }

    struct StatusValue: Encodable {
        var event: String, entity: String, axis: String
        @Null var channel: String?
        var value: String, date: DateValue
    }

    struct Graph: Encodable {
        var schemaVersion: Int, generatedAt: String
        var entries: [EntryValue], edges: [EdgeValue], statusChanges: [StatusValue], announcedEnds: [EndValue]
    }

    /// Where a product stands on the site's day, as its page says "Available today": with
    /// the ends and closures that came (`status_history` lists what events set).
    struct PositionValue: Encodable {
        @Null var availability: String?
        @Null var priority: String?
        var channels: [String: String]
    }

    struct EntityFile: Encodable {
        var schemaVersion: Int, generatedAt: String
        var entity: EntryValue, events: [EntryValue], claims: [EntryValue], statusHistory: [StatusValue], announcedEnds: [EndValue]
        @Null var position: PositionValue?
    }

    func entry(_ e: Entry) -> EntryValue {
        EntryValue(
            id: e.id, kind: e.kind.rawValue, title: e.title, type: e.type, date: e.date.map(DateValue.init),
            endDate: e.endDate.map(DateValue.init), verdict: e.verdict?.rawValue, url: e.url ?? e.homepage,
            publisher: e.kind == .source ? model.publisherName(e) : nil,
            aliases: e.aliases.map(\.text), tags: e.tags, page: SiteModel.url(of: e),
            successors: e.kind == .entity ? model.board.successors(of: e.id) : nil,
            channelTiers: e.channelTiers.isEmpty ? nil : e.channelTiers.mapValues(\.rawValue), cycle: CycleFacts(e.extra),
            data: e.extra.filter { $0.key != "generated" })
    }

    func end(_ e: AnnouncedEnd) -> EndValue {
        EndValue(
            entity: e.entity, channel: e.channel, channelTier: e.channel.flatMap { model.board.entities[e.entity]?.tiers[$0]?.rawValue },
            date: DateValue(e.date), announced: DateValue(e.announced), event: e.event, firstAnnounced: DateValue(e.firstAnnounced),
            noticeDays: e.noticeDays, daysLeft: e.daysLeft(asOf: model.board.asOf), approximate: e.approximate, retiredBy: e.retiredBy,
            retired: e.retired.map(DateValue.init))
    }

    /// Every announced end in force, by date.
    var ends: [AnnouncedEnd] { model.board.announcedEnds(within: .max) }

    func status(_ s: StatusChange) -> StatusValue {
        // A scheduled value (an end's date) is written as JSON dates are: ISO, no `~`.
        let value = s.axis.isScheduled ? JSONDate(text: s.value)?.iso ?? s.value : s.value
        return StatusValue(event: s.event, entity: s.entity, axis: s.axis.rawValue, channel: s.channel, value: value, date: DateValue(s.date))
    }

    /// The whole graph: every entry, edge, status change and announced end.
    var graphValue: Graph {
        Graph(
            schemaVersion: GraphAPI.schemaVersion, generatedAt: model.board.asOf.end,
            entries: model.kb.entries.map(entry),
            edges: uniqueEdges,
            statusChanges: StatusTimeline.ordered(model.kb.statusChanges).map(status), announcedEnds: ends.map(end))
    }

    /// Each edge once: a source cited in front matter and in the body is one `cites` (the
    /// database keeps both, each with its line).
    /// The edges once each. An entry's edges are together (`KnowledgeBase.edges`), so a
    /// repeat is looked for among the edges of its own entry, not in a set of them all
    /// (hashing every edge's text took half of this file's time at 10,000 events).
    private var uniqueEdges: [EdgeValue] {
        var values: [EdgeValue] = []
        values.reserveCapacity(model.kb.edges.count)
        forEachUniqueEdge { values.append($0) }
        return values
    }

    /// `uniqueEdges` one by one, as they are written, with no list of them all made.
    func forEachUniqueEdge(_ body: (EdgeValue) -> Void) {
        let edges = model.kb.edges
        var ofEntry: [EdgeValue] = []
        for i in edges.indices {
            let edge = edges[i]
            if i > 0 && edges[i - 1].from != edge.from { ofEntry.removeAll(keepingCapacity: true) }
            let relation = edge.relation.rawValue
            if ofEntry.contains(where: { $0.to == edge.to && $0.relation == relation }) { continue }
            let value = EdgeValue(from: edge.from, relation: relation, to: edge.to)
            ofEntry.append(value)
            body(value)
        }
    }

    /// `graphValue` as JSON, each value written as it is made: the whole graph's values made
    /// first, then written and freed, were the longest output of a build that adds one event.
    var graph: Data {
        var json = APIJSON()
        json.graph(self)
        return json.take()
    }

    /// An entity with the events and claims about it or any entity under it, oldest first.
    func entityValue(_ e: Entry, tree: Set<String>, events: [Entry]) -> EntityFile {
        let claimIDs = Set(tree.flatMap { model.sources(to: $0, .about, .claimedBy) })
        let claims = claimIDs.compactMap { model.kb.entry($0) }
        return EntityFile(
            schemaVersion: GraphAPI.schemaVersion, generatedAt: model.board.asOf.end, entity: entry(e),
            events: events.sorted(by: Entry.chronological).map(entry), claims: claims.sorted(by: Entry.chronological).map(entry),
            statusHistory: StatusTimeline.ordered(model.changesByEntity[e.id] ?? []).map(status),
            announcedEnds: treeEnds(tree),
            position: model.statusRows[e.id].map {
                PositionValue(
                    availability: $0.status.availability?.value, priority: $0.status.priority?.value,
                    channels: $0.status.channels.mapValues(\.value))
            })
    }

    /// The announced ends of an entity and of everything under it, by date, as its calendar
    /// and its page have them (a vendor's file, or a product whose status is its release
    /// cycles', listed none).
    func treeEnds(_ tree: Set<String>) -> [EndValue] {
        StatusBoard.byDate(tree.flatMap { model.statusRows[$0]?.status.ends ?? [] }).map(end)
    }

    /// What one end's row in the API says, hashed.
    static func words(_ end: EndValue) -> UInt64 {
        var json = APIJSON()
        json.end(end)
        return StableHash.of(String(decoding: json.take(), as: UTF8.self))
    }

    func entity(_ e: Entry, tree: Set<String>, events: [Entry]) -> Data {
        var json = APIJSON()
        json.entityFile(entityValue(e, tree: tree, events: events))
        return json.take()
    }
}
