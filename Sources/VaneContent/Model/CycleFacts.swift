/// What endoflife.date's users look at first about a release cycle, read from the `data`
/// the import keeps on it (`release_cycle`, `lts`, `latest`, `eoas`, `eol`, `eoes`,
/// `discontinued`…), as written: a date, `true` or `false`. Any entity with a
/// `release_cycle` in its data has them, imported or written by hand.
public struct CycleFacts: Sendable, Hashable, Codable {
    public var cycle: String
    public var released: String?
    /// `true`, or the day it became LTS.
    public var lts: String?
    public var latest: String?
    public var latestDate: String?
    /// The end of active support (`eoas`).
    public var activeSupport: String?
    /// The end of life: the end of security support (`eol`).
    public var endOfLife: String?
    /// The end of extended support (`eoes`).
    public var extendedSupport: String?
    public var discontinued: String?

    enum CodingKeys: String, CodingKey {
        case cycle = "release_cycle"
        case released = "release_date"
        case lts, latest
        case latestDate = "latest_release_date"
        case activeSupport = "active_support"
        case endOfLife = "end_of_life"
        case extendedSupport = "extended_support"
        case discontinued
    }

    /// A fact that is a flag, as JSON writes it: `true` or `false` written (LTS, support
    /// ended or not, discontinued) is a boolean, never the text "false" a reader takes for
    /// true; nil for a date or a name.
    public static func flag(_ key: StaticString, _ value: String) -> Bool? {
        guard value == "true" || value == "false" else { return nil }
        switch "\(key)" {
        case "release_cycle", "latest", "release_date", "latest_release_date": return nil
        default: return value == "true"
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for fact in sortedKeyedFacts {
            let key = AnyKey("\(fact.key)")
            if let flag = Self.flag(fact.key, fact.value) {
                try container.encode(flag, forKey: key)
            } else {
                try container.encode(fact.value, forKey: key)
            }
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String? {
            if let flag = try? container.decodeIfPresent(Bool.self, forKey: key) { return flag ? "true" : "false" }
            return try container.decodeIfPresent(String.self, forKey: key)
        }
        cycle = try text(.cycle) ?? ""
        released = try text(.released)
        lts = try text(.lts)
        latest = try text(.latest)
        latestDate = try text(.latestDate)
        activeSupport = try text(.activeSupport)
        endOfLife = try text(.endOfLife)
        extendedSupport = try text(.extendedSupport)
        discontinued = try text(.discontinued)
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The facts it has under the keys its `Codable` conformance writes, sorted: what the
    /// writers of JSON by hand (the API's, the stored status board's) write, an absent fact
    /// left out.
    public var sortedKeyedFacts: [(key: StaticString, value: String)] {
        let facts: [(StaticString, String?)] = [
            ("active_support", activeSupport), ("discontinued", discontinued), ("end_of_life", endOfLife),
            ("extended_support", extendedSupport), ("latest", latest), ("latest_release_date", latestDate), ("lts", lts),
            ("release_cycle", cycle), ("release_date", released),
        ]
        return facts.compactMap { key, value in value.map { (key, $0) } }
    }

    /// The facts that name a version, kept as written in `data` when a number would not
    /// read back the same (`release_cycle: 1.30`).
    public static let versionKeys: Set<String> = ["release_cycle", "latest"]

    /// The facts of an entity's data; nil without a `release_cycle`.
    public init?(_ extra: [String: FieldValue]) {
        func text(_ key: String) -> String? {
            guard let value = extra[key]?.scalarText, !value.isEmpty else { return nil }
            return value
        }
        guard let cycle = text("release_cycle") else { return nil }
        self.cycle = cycle
        released = text("release_date")
        lts = text("lts").flatMap { $0 == "false" ? nil : $0 }
        latest = text("latest")
        // endoflife.date's own spelling too, in a cycle written by hand.
        latestDate = text("latest_release_date") ?? text("latestReleaseDate")
        activeSupport = text("eoas")
        endOfLife = text("eol")
        extendedSupport = text("eoes")
        discontinued = text("discontinued")
    }

    /// The columns of a table of cycles, in the order of endoflife.date's table.
    public static let columns = ["Released", "LTS", "Active support", "Security support", "Extended support", "Latest", "Discontinued"]

    /// Each fact as a table cell, by column (`12 May 2027`, `ended`, `ongoing`); a column
    /// the cycle has nothing for is left out. Dates are shown as written, whatever the
    /// as-of day: whether they have come is the status's business.
    public var cells: [String: String] {
        var out: [String: String] = [:]
        out["Released"] = released.map(Self.day)
        out["LTS"] = lts.map { $0 == "true" ? "yes" : "from " + Self.day($0) }
        // `false` is no end of its own: it cannot outlive the security support (a retired
        // phone read "Active support: ongoing").
        let activeNone = endOfLife == "true" ? "ended" : endOfLife.map { $0 == "false" ? "ongoing" : "until its end of life" } ?? "ongoing"
        out["Active support"] = Self.support(activeSupport, none: activeNone)
        out["Security support"] = Self.support(endOfLife, none: "no end announced")
        out["Extended support"] = Self.support(extendedSupport, none: "no end announced")
        out["Latest"] = latest.map { $0 + (latestDate.map { " (\(Self.day($0)))" } ?? "") }
        out["Discontinued"] = discontinued.map { $0 == "true" ? "yes" : $0 == "false" ? "no" : Self.day($0) }
        return out
    }

    /// Each fact as a line of a dossier, "until" before an end's date:
    /// `("Active support", "until 12 May 2027")`.
    public var lines: [(label: String, text: String)] {
        let cells = cells
        let ends: Set = ["Active support", "Security support", "Extended support"]
        return Self.columns.dropFirst().compactMap { column in
            guard let text = cells[column] else { return nil }
            // A date (the words are `ended`, `ongoing`, `no end announced`).
            let isDate = text.first?.isNumber == true
            return (column, ends.contains(column) && isDate ? "until " + text : text)
        }
    }

    /// `12 May 2027`, `ended`, or for `false` what it means in that column.
    static func support(_ value: String?, none: String = "ongoing") -> String? {
        switch value {
        case nil: nil
        case "true": "ended"
        case "false": none
        case let date?: day(date)
        }
    }

    /// A day as the site shows one (`12 May 2027`); anything else as written.
    static func day(_ text: String) -> String {
        (try? FuzzyDate(parsing: text)).map(\.display) ?? text
    }
}

extension CycleFacts {
    /// Whether a product under another is one of its release cycles: it has a cycle's facts
    /// (an import's), or is named as its product's version (`Ubuntu 10.04`, `Tool v2`), not
    /// as a product of its own (Chrome's `Manifest V3 extensions`).
    public static func isCycle(named name: String, facts: CycleFacts?, under product: String) -> Bool {
        if facts != nil { return true }
        let prefix = product + " "
        guard name.hasPrefix(prefix) else { return false }
        return name.dropFirst(prefix.count).drop { $0 == "v" || $0 == "V" }.first?.isNumber == true
    }
}
