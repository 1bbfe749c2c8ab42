import VaneContent

/// `vane status --format json` written directly as bytes, exactly as `JSONOutput` (Foundation's
/// encoder: pretty printed, keys sorted and in snake case) writes the same rows. A build
/// stores the whole board this way for the read most asked for (2.4 MB at 10,000 events),
/// and the generic encoder, which reflects on every value and builds a tree of them before
/// writing a byte, spent a tenth of a second of CPU on it in every build. Each type below
/// lists its keys already converted and sorted; `StatusJSONTests` compares every byte with
/// the generic encoder's.
struct StatusJSON {
    private var out: [UInt8] = []
    private var depth = 0
    /// Whether the container being written has no item yet.
    private var first = true
    /// Something the generic encoder would not write as this writer does: a number it
    /// refuses (not finite).
    private var unsure = false

    /// The JSON of `rows`, with the final newline `JSONOutput` adds; nil when a value is one
    /// this writer is not sure to write as the generic encoder does (the caller uses that).
    static func encode(_ rows: [StatusReportRow]) -> String? {
        var json = StatusJSON()
        json.out.reserveCapacity(rows.count * 1_200)
        json.array(rows) { $0.row($1) }
        json.raw("\n")
        return json.unsure ? nil : String(decoding: json.out, as: UTF8.self)
    }

    // MARK: Layout: Foundation's pretty printing

    private mutating func raw(_ text: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private mutating func indent() {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// A container: its items each on a line of their own, one level in; an empty one
    /// keeps the blank line Foundation writes (`[` newline newline `]`).
    private mutating func container(_ open: StaticString, _ close: StaticString, _ items: (inout StatusJSON) -> Void) {
        raw(open)
        raw("\n")
        let outer = first
        (first, depth) = (true, depth + 1)
        items(&self)
        (first, depth) = (outer, depth - 1)
        raw("\n")
        indent()
        raw(close)
    }

    /// Starts an item of the container being written.
    private mutating func item() {
        if !first { raw(",\n") }
        first = false
        indent()
    }

    private mutating func key(_ name: StaticString) {
        item()
        raw("\"")
        raw(name)
        raw("\" : ")
    }

    private mutating func object(_ fields: (inout StatusJSON) -> Void) { container("{", "}", fields) }

    private mutating func array<T>(_ values: [T], _ write: (inout StatusJSON, T) -> Void) {
        container("[", "]") { json in
            for value in values {
                json.item()
                write(&json, value)
            }
        }
    }

    /// A map with keys from content, in Foundation's order and written as they are:
    /// the generic encoder leaves a dictionary's keys out of its snake-case conversion.
    private mutating func map<T>(_ values: [String: T], _ write: (inout StatusJSON, T) -> Void) {
        container("{", "}") { json in
            for key in JSONString.sortedKeys(values.keys) {
                json.item()
                json.string(key)
                json.raw(" : ")
                write(&json, values[key]!)
            }
        }
    }

    // MARK: Values

    private mutating func string(_ text: String) { JSONString.write(text) { out.append(contentsOf: $0) } }

    private mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    private mutating func int(_ value: Int) { out.append(contentsOf: String(value).utf8) }

    private mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

    /// As Foundation writes a `Double`: its shortest description, without a trailing `.0`.
    private mutating func double(_ value: Double) {
        guard value.isFinite else {
            unsure = true
            return raw("null")
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    private mutating func optional<T>(_ value: T?, _ write: (inout StatusJSON, T) -> Void) {
        if let value { write(&self, value) } else { raw("null") }
    }

    private mutating func date(_ d: JSONDate) {
        object { json in
            json.key("approximate")
            json.bool(d.approximate)
            json.key("end")
            json.string(d.end)
            json.key("iso")
            json.string(d.iso)
            json.key("precision")
            json.string(d.precision)
            json.key("start")
            json.string(d.start)
        }
    }

    // MARK: The rows

    private mutating func row(_ r: StatusReportRow) {
        object { json in
            json.key("availability")
            json.optional(r.availability) { $0.axis($1) }
            json.key("channel_tiers")
            json.map(r.channelTiers) { $0.string($1) }
            json.key("closes")
            json.optional(r.closes) { $0.end($1) }
            json.key("cycle")
            json.optional(r.cycle) { $0.cycle($1) }
            json.key("ends")
            json.optional(r.ends) { $0.end($1) }
            json.key("entity")
            json.string(r.entity)
            json.key("folded_into")
            json.strings(r.foldedInto)
            json.key("moves")
            json.array(r.moves) { $0.move($1) }
            json.key("name")
            json.string(r.name)
            json.key("priority")
            json.optional(r.priority) { $0.axis($1) }
            json.key("retired")
            json.bool(r.retired)
            json.key("risk")
            json.optional(r.risk) { $0.int($1) }
            json.key("risk_factors")
            json.optional(r.riskFactors) { $0.risk($1) }
            json.key("since")
            json.optional(r.since) { $0.date($1) }
            json.key("successors")
            json.strings(r.successors)
            json.key("type")
            json.string(r.type)
            json.key("vendor")
            json.string(r.vendor)
            json.key("via")
            json.strings(r.via)
        }
    }

    private mutating func axis(_ a: StatusReportRow.Axis) {
        object { json in
            json.key("channels")
            json.optional(a.channels) { $0.map($1) { $0.axis($1) } }
            json.key("date")
            json.date(a.date)
            json.key("event")
            json.string(a.event)
            json.key("label")
            json.string(a.label)
            json.key("sources")
            json.strings(a.sources)
            json.key("value")
            json.string(a.value)
        }
    }

    private mutating func move(_ m: StatusReportRow.Move) {
        object { json in
            json.key("axis")
            json.string(m.axis)
            json.key("channel")
            json.optional(m.channel) { $0.string($1) }
            json.key("date")
            json.date(m.date)
            json.key("event")
            json.string(m.event)
            json.key("from")
            json.optional(m.from) { $0.string($1) }
            json.key("sources")
            json.strings(m.sources)
            json.key("to")
            json.string(m.to)
        }
    }

    private mutating func risk(_ r: PlatformRisk) {
        object { json in
            json.key("band")
            json.string(r.band.rawValue)
            json.key("decline")
            json.double(r.decline)
            json.key("exposure")
            json.double(r.exposure)
            json.key("months_since_fall")
            json.optional(r.monthsSinceFall) { $0.int($1) }
            json.key("priority_score")
            json.optional(r.priorityScore) { $0.double($1) }
            json.key("recency")
            json.double(r.recency)
            json.key("score")
            json.int(r.score)
        }
    }

    private mutating func cycle(_ c: CycleFacts) {
        object { json in
            for fact in c.sortedKeyedFacts {
                json.key(fact.key)
                if let flag = CycleFacts.flag(fact.key, fact.value) { json.bool(flag) } else { json.string(fact.value) }
            }
        }
    }

    private mutating func end(_ e: EndReport) {
        object { json in
            json.key("announced")
            json.date(e.announced)
            json.key("approximate")
            json.bool(e.approximate)
            json.key("channel")
            json.optional(e.channel) { $0.string($1) }
            json.key("channel_tier")
            json.optional(e.channelTier) { $0.string($1) }
            json.key("countdown")
            json.string(e.countdown)
            json.key("cycle")
            json.optional(e.cycle) { $0.cycle($1) }
            json.key("date")
            json.date(e.date)
            json.key("days_left")
            json.int(e.daysLeft)
            json.key("entity")
            json.string(e.entity)
            json.key("event")
            json.string(e.event)
            json.key("extension_notice_days")
            json.optional(e.extensionNoticeDays) { $0.int($1) }
            json.key("first_announced")
            json.date(e.firstAnnounced)
            json.key("first_event")
            json.string(e.firstEvent)
            json.key("folded_into")
            json.strings(e.foldedInto)
            json.key("kind")
            json.string(e.kind)
            json.key("name")
            json.string(e.name)
            json.key("notice_days")
            json.int(e.noticeDays)
            json.key("retired")
            json.optional(e.retired) { $0.date($1) }
            json.key("retired_by")
            json.optional(e.retiredBy) { $0.string($1) }
            json.key("slip_days")
            json.optional(e.slipDays) { $0.int($1) }
            json.key("sources")
            json.strings(e.sources)
            json.key("successors")
            json.strings(e.successors)
        }
    }
}
