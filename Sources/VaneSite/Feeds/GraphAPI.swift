import Foundation
import VaneContent

/// The JSON API under `api/v1/`: the whole graph in one file and one file per entity.
/// Every file carries `schema_version` and `generated_at` (the day the site is as of);
/// dates keep their precision.
struct GraphAPI {
    static let schemaVersion = 1
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
    }

    struct EdgeValue: Encodable { var from: String, relation: String, to: String }

    struct StatusValue: Encodable {
        var event: String, entity: String, axis: String, channel: String?, value: String, date: DateValue
    }

    struct Graph: Encodable {
        var schemaVersion: Int, generatedAt: String
        var entries: [EntryValue], edges: [EdgeValue], statusChanges: [StatusValue]
    }

    struct EntityFile: Encodable {
        var schemaVersion: Int, generatedAt: String
        var entity: EntryValue, events: [EntryValue], claims: [EntryValue], statusHistory: [StatusValue]
    }

    func entry(_ e: Entry) -> EntryValue {
        EntryValue(
            id: e.id, kind: e.kind.rawValue, title: e.title, type: e.type, date: e.date.map(DateValue.init),
            endDate: e.endDate.map(DateValue.init), verdict: e.verdict, url: e.url ?? e.homepage,
            publisher: e.kind == .source ? model.publisherName(e) : nil,
            aliases: e.aliases.map(\.text), tags: e.tags, page: SiteModel.url(of: e))
    }

    func status(_ s: StatusChange) -> StatusValue {
        StatusValue(event: s.event, entity: s.entity, axis: s.axis.rawValue, channel: s.channel, value: s.value, date: DateValue(s.date))
    }

    var graph: Data {
        encode(
            Graph(
                schemaVersion: GraphAPI.schemaVersion, generatedAt: model.board.asOf.text,
                entries: model.kb.entries.map(entry),
                edges: model.kb.edges.map { EdgeValue(from: $0.from, relation: $0.relation.rawValue, to: $0.to) },
                statusChanges: StatusTimeline.ordered(model.kb.statusChanges).map(status)))
    }

    /// An entity with the events and claims about it or any entity under it, oldest first.
    func entity(_ e: Entry, tree: Set<String>, events: [Entry]) -> Data {
        let claimIDs = Set(tree.flatMap { model.sources(to: $0, .about, .claimedBy) })
        let claims = claimIDs.compactMap { model.kb.entry($0) }
        return encode(
            EntityFile(
                schemaVersion: GraphAPI.schemaVersion, generatedAt: model.board.asOf.text, entity: entry(e),
                events: events.sorted(by: Entry.chronological).map(entry), claims: claims.sorted(by: Entry.chronological).map(entry),
                statusHistory: StatusTimeline.ordered(model.changesByEntity[e.id] ?? []).map(status)))
    }

    private func encode(_ value: some Encodable) -> Data {
        (try? CanonicalJSON.data(value, snakeCase: true)) ?? Data("{}".utf8)
    }
}
