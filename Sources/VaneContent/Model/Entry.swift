import VaneDiagnostics

/// A text value with where it was written.
public struct LocatedText: Hashable, Sendable, Codable {
    public var text: String
    public var location: SourceLocation

    public init(_ text: String, at location: SourceLocation) {
        self.text = text
        self.location = location
    }
}

/// A `[[wikilink]]` or `[@citation]` found in a body, outside code.
public struct BodyLink: Hashable, Sendable, Codable {
    public enum Style: String, Sendable, Codable { case wikilink, citation }
    public var style: Style
    public var target: String
    public var label: String?
    /// The label as inline Markdown rendered to HTML (`the **4o** model`); nil when it has
    /// no Markdown in it, and is shown as text.
    public var labelHTML: String?
    public var location: SourceLocation

    public init(style: Style, target: String, label: String?, labelHTML: String? = nil, location: SourceLocation) {
        (self.style, self.target, self.label, self.labelHTML, self.location) = (style, target, label, labelHTML, location)
    }
}

/// One status change an event causes: `muse-spark: { availability: { api: preview } }`, or
/// an announced end of availability: `codex: { ends: { api: 2023-03-23 } }`.
public struct StatusSetting: Hashable, Sendable, Codable {
    public enum Axis: String, Sendable, Codable, CaseIterable {
        case availability, priority
        /// An announced end: its value is a date as written, or `none` (cancelled).
        case ends
        /// An announced closure to new customers (sign-ups close): a date as written, or `none`.
        case closes
        /// The vendor's advice on what to move to, from the event's date: entity ids
        /// separated by spaces once linked, or `none` (advice withdrawn).
        case successors

        /// The two axes with a scale.
        public static let scaled: [Axis] = [.availability, .priority]

        /// The axes scheduled for a date rather than set at once.
        public var isScheduled: Bool { self == .ends || self == .closes }
    }
    public var entity: LocatedText
    public var axis: Axis
    /// A distribution channel (`api`, `app`, `weights`); `nil` when the value is for the whole product.
    public var channel: String?
    /// A scale value; for `ends` and `closes`, a date as written or `none`.
    public var value: String
    public var location: SourceLocation
    /// Where the channel's name was written.
    public var channelLocation: SourceLocation?
    /// For `successors`: each id as written, where it was written (empty for `none`).
    public var targets: [LocatedText] = []
    /// For `ends` and `closes`: when the vendor first announced it, as written, when that is
    /// earlier than the event (`ends: { date: 2025-10-14, announced: 2019-02 }`).
    public var announced: String?

    public init(
        entity: LocatedText, axis: Axis, channel: String?, value: String, location: SourceLocation,
        channelLocation: SourceLocation? = nil, targets: [LocatedText] = [], announced: String? = nil
    ) {
        (self.entity, self.axis, self.channel, self.value, self.location) = (entity, axis, channel, value, location)
        (self.channelLocation, self.targets, self.announced) = (channelLocation, targets, announced)
    }
}

/// One parsed file of `Content/`: its front matter read and checked on its own,
/// its body rendered to HTML with placeholders where links go.
///
/// Kind-specific fields are optional; which ones a kind has is enforced by `EntryParser`.
public struct Entry: Sendable, Codable {
    /// The fields, in one box that copies share: an entry is copied far more often than
    /// changed (every list, sort and view of the knowledge base copies entries), and a copy
    /// of the box is one retain, where a copy of the fields was one for each string and
    /// list in them. A change copies the box first when another entry shares it.
    private var box: Box

    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    /// The stored fields; an entry encodes as they do, key for key.
    private struct Fields: Sendable, Codable {
        var kind: Kind
        var id: String
        var path: String
        var title: String
        var type: String?
        var date: FuzzyDate?
        var endDate: FuzzyDate?
        var accessed: FuzzyDate?
        var verdict: Verdict?
        var verdictDate: FuzzyDate?
        /// Where `verdict_date` is written: a verdict dated after today is said there.
        var verdictDateLocation: SourceLocation?
        /// Where a source's `published` and `accessed` are written, by key: a date after
        /// today, or read before it was out, is said there.
        var dateLocations: [String: SourceLocation] = [:]
        var url: String?
        var homepage: String?
        var archive: String?
        var publisher: LocatedText?
        var summary: String?
        var use: UseFacts?
        var aliases: [LocatedText] = []
        var tags: [String] = []
        var references: [Reference] = []
        var status: [StatusSetting] = []
        var refusedChannels: [StatusSetting] = []
        var channelsNotIDs: [LocatedText] = []
        var channels: [LocatedText]?
        var channelTiers: [String: ChannelTier] = [:]
        var renames: [Rename] = []
        var formerIDs: [LocatedText] = []
        var extra: [String: FieldValue] = [:]
        var body: String = ""
        var bodyHTML: String = ""
        var bodyLinks: [BodyLink] = []
        var liveBlocks: [LiveBlock] = []
        var localLinks: [LocatedText] = []
    }

    private mutating func unshare() {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
    }

    public var kind: Kind {
        get { box.fields.kind }
        _modify {
            unshare()
            yield &box.fields.kind
        }
    }

    public var id: String {
        get { box.fields.id }
        _modify {
            unshare()
            yield &box.fields.id
        }
    }

    public var path: String {
        get { box.fields.path }
        _modify {
            unshare()
            yield &box.fields.path
        }
    }

    /// An entity's `name`, or the `title` of any other kind.
    public var title: String {
        get { box.fields.title }
        _modify {
            unshare()
            yield &box.fields.title
        }
    }

    public var type: String? {
        get { box.fields.type }
        _modify {
            unshare()
            yield &box.fields.type
        }
    }

    /// An event's date (or the start of its span), a claim's date, a source's `published`.
    public var date: FuzzyDate? {
        get { box.fields.date }
        _modify {
            unshare()
            yield &box.fields.date
        }
    }

    /// The end of an event's span.
    public var endDate: FuzzyDate? {
        get { box.fields.endDate }
        _modify {
            unshare()
            yield &box.fields.endDate
        }
    }

    public var accessed: FuzzyDate? {
        get { box.fields.accessed }
        _modify {
            unshare()
            yield &box.fields.accessed
        }
    }

    /// A claim's verdict (`pending` unless written); nil for the other kinds.
    public var verdict: Verdict? {
        get { box.fields.verdict }
        _modify {
            unshare()
            yield &box.fields.verdict
        }
    }

    public var verdictDate: FuzzyDate? {
        get { box.fields.verdictDate }
        _modify {
            unshare()
            yield &box.fields.verdictDate
        }
    }

    public var verdictDateLocation: SourceLocation? {
        get { box.fields.verdictDateLocation }
        _modify {
            unshare()
            yield &box.fields.verdictDateLocation
        }
    }

    public var dateLocations: [String: SourceLocation] {
        get { box.fields.dateLocations }
        _modify {
            unshare()
            yield &box.fields.dateLocations
        }
    }

    public var url: String? {
        get { box.fields.url }
        _modify {
            unshare()
            yield &box.fields.url
        }
    }

    public var homepage: String? {
        get { box.fields.homepage }
        _modify {
            unshare()
            yield &box.fields.homepage
        }
    }

    public var archive: String? {
        get { box.fields.archive }
        _modify {
            unshare()
            yield &box.fields.archive
        }
    }

    public var publisher: LocatedText? {
        get { box.fields.publisher }
        _modify {
            unshare()
            yield &box.fields.publisher
        }
    }

    /// A report's one-paragraph summary.
    public var summary: String? {
        get { box.fields.summary }
        _modify {
            unshare()
            yield &box.fields.summary
        }
    }

    /// A use's particulars (nil for the other kinds).
    public var use: UseFacts? {
        get { box.fields.use }
        _modify {
            unshare()
            yield &box.fields.use
        }
    }

    public var aliases: [LocatedText] {
        get { box.fields.aliases }
        _modify {
            unshare()
            yield &box.fields.aliases
        }
    }

    public var tags: [String] {
        get { box.fields.tags }
        _modify {
            unshare()
            yield &box.fields.tags
        }
    }

    public var references: [Reference] {
        get { box.fields.references }
        _modify {
            unshare()
            yield &box.fields.references
        }
    }

    public var status: [StatusSetting] {
        get { box.fields.status }
        _modify {
            unshare()
            yield &box.fields.status
        }
    }

    /// Settings whose value was refused (an error of its own), kept for their channel: it is
    /// still checked against the product's, all problems in one run. They set nothing.
    public var refusedChannels: [StatusSetting] {
        get { box.fields.refusedChannels }
        _modify {
            unshare()
            yield &box.fields.refusedChannels
        }
    }

    /// Channels written as no id (`Azure OpenAI Service`, in a status, a product's
    /// `channels` or a use's `channel`): said by the linker, which knows the entity whose
    /// alias or name such a text may be. They name nothing.
    public var channelsNotIDs: [LocatedText] {
        get { box.fields.channelsNotIDs }
        _modify {
            unshare()
            yield &box.fields.channelsNotIDs
        }
    }

    /// A product's declared channels (`channels: [api, app]`); nil when it declares none.
    public var channels: [LocatedText]? {
        get { box.fields.channels }
        _modify {
            unshare()
            yield &box.fields.channels
        }
    }

    /// The support tier of each declared channel that has one (`{ extended-support: paid }`).
    public var channelTiers: [String: ChannelTier] {
        get { box.fields.channelTiers }
        _modify {
            unshare()
            yield &box.fields.channelTiers
        }
    }

    /// An entity's earlier names, oldest first (`renamed`).
    public var renames: [Rename] {
        get { box.fields.renames }
        _modify {
            unshare()
            yield &box.fields.renames
        }
    }

    /// Ids an entity had before (`former_ids`): its recorded history under them is its
    /// own, and its old page and feed point to the new ones.
    public var formerIDs: [LocatedText] {
        get { box.fields.formerIDs }
        _modify {
            unshare()
            yield &box.fields.formerIDs
        }
    }

    /// Front-matter keys the spec does not define, kept for templates and JSON.
    public var extra: [String: FieldValue] {
        get { box.fields.extra }
        _modify {
            unshare()
            yield &box.fields.extra
        }
    }

    public var body: String {
        get { box.fields.body }
        _modify {
            unshare()
            yield &box.fields.body
        }
    }

    /// The body as HTML, with `BodyRenderer.placeholder` marks where `bodyLinks` go.
    public var bodyHTML: String {
        get { box.fields.bodyHTML }
        _modify {
            unshare()
            yield &box.fields.bodyHTML
        }
    }

    public var bodyLinks: [BodyLink] {
        get { box.fields.bodyLinks }
        _modify {
            unshare()
            yield &box.fields.bodyLinks
        }
    }

    /// The body's `vane` blocks, in order; the HTML has a placeholder for each.
    public var liveBlocks: [LiveBlock] {
        get { box.fields.liveBlocks }
        _modify {
            unshare()
            yield &box.fields.liveBlocks
        }
    }

    /// The body's relative links and images (`../events/x.html`, `chart.png`), each where it
    /// was written: the link checks that each finds a file or a page.
    public var localLinks: [LocatedText] {
        get { box.fields.localLinks }
        _modify {
            unshare()
            yield &box.fields.localLinks
        }
    }

    public init(kind: Kind, id: String, path: String, title: String) {
        box = Box(Fields(kind: kind, id: id, path: path, title: title))
    }

    public init(from decoder: any Decoder) throws { box = Box(try Fields(from: decoder)) }

    public func encode(to encoder: any Encoder) throws { try box.fields.encode(to: encoder) }

    /// The location of the file's first line, where whole-entry problems are reported.
    public var top: SourceLocation { .top(of: path) }
}

/// A front-matter value the spec does not define, kept as plain data.
public indirect enum FieldValue: Hashable, Sendable, Codable {
    case text(String)
    /// A plain YAML number (`61`, `30.5`), kept a number in the database's JSON so that SQL
    /// compares it as one.
    case number(Double)
    /// A plain `true` or `false` (`True`, `FALSE`: YAML 1.2's booleans).
    case bool(Bool)
    /// A plain `null`, `~` or nothing: JSON's `null`.
    case null
    case list([FieldValue])
    case map([String: FieldValue])

    /// Fields as a reader lists them: by key, a nested key dotted (`usd_per_device.year1:
    /// 61`), a list's items joined (`…` for an item that is itself a list or a map).
    public static func flattened(_ fields: [String: FieldValue]) -> [(key: String, value: String)] {
        func flatten(_ key: String, _ value: FieldValue) -> [(key: String, value: String)] {
            switch value {
            case .map(let fields): fields.sorted { $0.key < $1.key }.flatMap { flatten("\(key).\($0.key)", $0.value) }
            case .list(let items): [(key, items.map { $0.scalarText ?? "…" }.joined(separator: ", "))]
            default: [(key, value.scalarText ?? "")]
            }
        }
        return fields.sorted { $0.key < $1.key }.flatMap { flatten($0.key, $0.value) }
    }

    /// An entry's `extra` as its `data`: without what vane keeps there itself (`generated`,
    /// `identifiers`).
    public static func data(_ extra: [String: FieldValue]) -> [String: FieldValue] {
        extra.filter { !["generated", "identifiers"].contains($0.key) }
    }

    /// A scalar as text, as written (`61`, `true`); nil for a list or a map.
    public var scalarText: String? {
        switch self {
        case .text(let s): s
        case .number(let d): d.plainText
        case .bool(let b): b ? "true" : "false"
        // Nothing written, as an empty value read before nulls were told apart: a cycle's
        // empty `eol:` is no fact, and a page lists it empty.
        case .null: ""
        case .list, .map: nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let s = try? container.decode(String.self) {
            self = .text(s)
        } else if let b = try? container.decode(Bool.self) {
            self = .bool(b)
        } else if let d = try? container.decode(Double.self) {
            self = .number(d)
        } else if let l = try? container.decode([FieldValue].self) {
            self = .list(l)
        } else {
            self = .map(try container.decode([String: FieldValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let s): try container.encode(s)
        case .number(let d): if let whole = d.whole { try container.encode(whole) } else { try container.encode(d) }
        case .bool(let b): try container.encode(b)
        case .null: try container.encodeNil()
        case .list(let l): try container.encode(l)
        case .map(let m): try container.encode(m)
        }
    }
}

extension Double {
    /// The number as an integer when it is one (`61`, not `61.0`), within what a double
    /// holds exactly (2^53: `data` keeps no larger integer as a number).
    public var whole: Int? { self == rounded() && abs(self) <= Double.exactIntegers ? Int(self) : nil }

    /// The largest integer below which every integer is a double: 2^53.
    public static let exactIntegers = 9_007_199_254_740_992.0

    /// `61`, `30.5`: as a reader writes it.
    public var plainText: String { whole.map(String.init) ?? String(self) }
}
