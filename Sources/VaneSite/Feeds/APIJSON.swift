import Foundation
import VaneContent

/// The API's JSON written directly as bytes, exactly as `CanonicalJSON` (Foundation's
/// encoder: keys sorted by their UTF-8 bytes, compact, slashes unescaped) writes the same
/// values. `api/v1/graph.json` is every entry of the knowledge base (31 MB at 10,000
/// events), and the generic encoder built a tree of every value before writing a byte:
/// 2 s of a build that adds one event. Each type below lists its keys already sorted;
/// `APIJSONTests` compares every byte with the generic encoder's.
struct APIJSON {
    private let bytes = ByteSink()

    /// The JSON written, handed over without a copy; the writer is empty afterwards.
    func take() -> Data { bytes.take() }

    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string, as `JSONString` writes it.
    mutating func string(_ text: String) {
        JSONString.write(text) { bytes.append(contentsOf: $0) }
    }

    /// `"key":`, for a key that needs no escape (the types' own keys).
    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        raw("\":")
    }

    mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    mutating func optional<T>(_ value: T?, _ write: (inout APIJSON, T) -> Void) {
        if let value { write(&self, value) } else { raw("null") }
    }

    mutating func array<T>(_ values: [T], _ write: (inout APIJSON, T) -> Void) {
        raw("[")
        for (i, value) in values.enumerated() {
            if i > 0 { raw(",") }
            write(&self, value)
        }
        raw("]")
    }

    /// A map with keys from content, in Foundation's order (`JSONString.sortedKeys`).
    mutating func map<T>(_ values: [String: T], _ write: (inout APIJSON, T) -> Void) {
        raw("{")
        for (i, key) in JSONString.sortedKeys(values.keys).enumerated() {
            if i > 0 { raw(",") }
            string(key)
            raw(":")
            write(&self, values[key]!)
        }
        raw("}")
    }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }
}

extension APIJSON {
    mutating func date(_ d: JSONDate) {
        raw("{")
        key("approximate", first: true)
        bool(d.approximate)
        key("end")
        string(d.end)
        key("iso")
        string(d.iso)
        key("precision")
        string(d.precision)
        key("start")
        string(d.start)
        raw("}")
    }

    /// A front-matter value as its `Codable` conformance writes it: a whole number as an
    /// integer; any other number as the generic encoder writes it (rare, and its digits are
    /// the encoder's business). A number JSON cannot write (infinite, or not a number; the
    /// front matter keeps YAML's `.inf` as text, so none comes from it) would be `null`,
    /// where the generic encoder refused the whole file.
    mutating func field(_ value: FieldValue) {
        switch value {
        case .text(let s): string(s)
        case .number(let d):
            if let whole = d.whole {
                int(whole)
            } else {
                bytes.append(contentsOf: (try? CanonicalJSON.data([d]).dropFirst().dropLast()) ?? Data("null".utf8))
            }
        case .bool(let b): bool(b)
        case .null: raw("null")
        case .list(let l): array(l) { $0.field($1) }
        case .map(let m): map(m) { $0.field($1) }
        }
    }

    mutating func cycle(_ c: CycleFacts) {
        raw("{")
        for (i, fact) in c.sortedKeyedFacts.enumerated() {
            key(fact.key, first: i == 0)
            if let flag = CycleFacts.flag(fact.key, fact.value) { bool(flag) } else { string(fact.value) }
        }
        raw("}")
    }

    mutating func entry(_ e: GraphAPI.EntryValue) {
        raw("{")
        key("aliases", first: true)
        strings(e.aliases)
        key("channel_tiers")
        optional(e.channelTiers) { $0.map($1) { $0.string($1) } }
        key("cycle")
        optional(e.cycle) { $0.cycle($1) }
        key("data")
        map(e.data) { $0.field($1) }
        key("date")
        optional(e.date) { $0.date($1) }
        key("end_date")
        optional(e.endDate) { $0.date($1) }
        key("id")
        string(e.id)
        key("kind")
        string(e.kind)
        key("page")
        string(e.page)
        key("publisher")
        optional(e.publisher) { $0.string($1) }
        key("successors")
        optional(e.successors) { $0.strings($1) }
        key("tags")
        strings(e.tags)
        key("title")
        string(e.title)
        key("type")
        optional(e.type) { $0.string($1) }
        key("url")
        optional(e.url) { $0.string($1) }
        key("verdict")
        optional(e.verdict) { $0.string($1) }
        raw("}")
    }

    mutating func end(_ e: GraphAPI.EndValue) {
        raw("{")
        key("announced", first: true)
        date(e.announced)
        key("approximate")
        bool(e.approximate)
        key("channel")
        optional(e.channel) { $0.string($1) }
        key("channel_tier")
        optional(e.channelTier) { $0.string($1) }
        key("date")
        date(e.date)
        key("days_left")
        int(e.daysLeft)
        key("entity")
        string(e.entity)
        key("event")
        string(e.event)
        key("first_announced")
        date(e.firstAnnounced)
        key("notice_days")
        int(e.noticeDays)
        key("retired")
        optional(e.retired) { $0.date($1) }
        key("retired_by")
        optional(e.retiredBy) { $0.string($1) }
        raw("}")
    }

    mutating func edge(_ e: GraphAPI.EdgeValue) {
        raw("{")
        key("from", first: true)
        string(e.from)
        key("relation")
        string(e.relation)
        key("to")
        string(e.to)
        raw("}")
    }

    mutating func status(_ s: GraphAPI.StatusValue) {
        raw("{")
        key("axis", first: true)
        string(s.axis)
        key("channel")
        optional(s.channel) { $0.string($1) }
        key("date")
        date(s.date)
        key("entity")
        string(s.entity)
        key("event")
        string(s.event)
        key("value")
        string(s.value)
        raw("}")
    }

    mutating func position(_ p: GraphAPI.PositionValue) {
        raw("{")
        key("availability", first: true)
        optional(p.availability) { $0.string($1) }
        key("channels")
        map(p.channels) { $0.string($1) }
        key("priority")
        optional(p.priority) { $0.string($1) }
        raw("}")
    }

    mutating func graph(_ g: GraphAPI.Graph) {
        raw("{")
        key("announced_ends", first: true)
        array(g.announcedEnds) { $0.end($1) }
        key("edges")
        array(g.edges) { $0.edge($1) }
        key("entries")
        array(g.entries) { $0.entry($1) }
        key("generated_at")
        string(g.generatedAt)
        key("schema_version")
        int(g.schemaVersion)
        key("status_changes")
        array(g.statusChanges) { $0.status($1) }
        raw("}")
    }

    /// The same as `graph(api.graphValue)`, each value written as it is made.
    mutating func graph(_ api: GraphAPI) {
        raw("{")
        key("announced_ends", first: true)
        array(api.ends) { $0.end(api.end($1)) }
        key("edges")
        raw("[")
        var first = true
        api.forEachUniqueEdge { value in
            if !first { raw(",") }
            first = false
            edge(value)
        }
        raw("]")
        key("entries")
        let entries = api.model.kb.entries
        raw("[")
        // By index: `for e in` copies each entry whole.
        for i in entries.indices {
            if i > 0 { raw(",") }
            entry(api.entry(entries[i]))
        }
        raw("]")
        key("generated_at")
        string(api.model.board.asOf.end)
        key("schema_version")
        int(GraphAPI.schemaVersion)
        key("status_changes")
        array(StatusTimeline.ordered(api.model.kb.statusChanges)) { $0.status(api.status($1)) }
        raw("}")
    }

    mutating func entityFile(_ f: GraphAPI.EntityFile) {
        raw("{")
        key("announced_ends", first: true)
        array(f.announcedEnds) { $0.end($1) }
        key("claims")
        array(f.claims) { $0.entry($1) }
        key("entity")
        entry(f.entity)
        key("events")
        array(f.events) { $0.entry($1) }
        key("generated_at")
        string(f.generatedAt)
        key("position")
        optional(f.position) { $0.position($1) }
        key("schema_version")
        int(f.schemaVersion)
        key("status_history")
        array(f.statusHistory) { $0.status($1) }
        raw("}")
    }
}
