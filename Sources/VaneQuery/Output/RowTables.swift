/// Query rows as tables: for the terminal (dates as read) and for CSV (dates as written).
public protocol TabularRow {
    static var displayHeaders: [String] { get }
    var displayCells: [String] { get }
    static var csvHeaders: [String] { get }
    var csvCells: [String] { get }
}

extension Array where Element: TabularRow {
    public func table(for format: OutputFormat) -> TextTable {
        format == .csv
            ? TextTable(headers: Element.csvHeaders, rows: map(\.csvCells))
            : TextTable(headers: Element.displayHeaders, rows: map(\.displayCells))
    }
}

/// A list in one cell, items apart by `;`: a `;` or `\` inside an item (an alias `A;B`, a
/// tag) is escaped with `\`, so the items can be read back (ids never hold either).
private func joined(_ items: [String]) -> String {
    items.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;") }.joined(separator: ";")
}

extension EventRow: TabularRow {
    public static let displayHeaders = ["DATE", "ID", "TYPE", "TITLE"]
    /// A span as its page says it, `October 2026 to March 2027` (it read as its first month).
    public var displayCells: [String] { [date.displayDate + (spanEnd.map { " to " + $0.displayDate } ?? ""), id, type, title] }
    public static let csvHeaders = [
        "id", "title", "type", "date", "date_precision", "date_start", "date_end", "approximate", "span_end", "entities", "sources", "tags",
    ]
    public var csvCells: [String] {
        [
            id, title, type, date, datePrecision, dateStart, dateEnd, approximate ? "1" : "0", spanEnd ?? "", joined(entities), joined(sources),
            joined(tags),
        ]
    }
}

extension ClaimRow: TabularRow {
    public static let displayHeaders = ["DATE", "ID", "BY", "TYPE", "VERDICT", "TITLE"]
    public var displayCells: [String] { [date.displayDate, id, claimant, type, verdict, title] }
    public static let csvHeaders = [
        "id", "title", "type", "verdict", "verdict_date", "verdict_sources", "claimant", "date", "date_precision", "date_start",
        "date_end", "approximate", "about", "sources", "supports", "contradicts", "tags",
    ]
    public var csvCells: [String] {
        // `approximate` as the events' CSV has it (and the claims' JSON).
        [
            id, title, type, verdict, verdictDate ?? "", joined(verdictSources), claimant, date, datePrecision, dateStart, dateEnd,
            approximate ? "1" : "0", joined(about), joined(sources), joined(supports), joined(contradicts), joined(tags),
        ]
    }
}

extension SourceRow: TabularRow {
    public static let displayHeaders = ["ID", "PUBLISHER", "PUBLISHED", "TITLE"]
    public var displayCells: [String] { [id, publisher, published?.displayDate ?? "", title] }
    public static let csvHeaders = [
        "id", "title", "publisher", "publisher_id", "url", "type", "published", "published_precision", "published_start", "accessed", "archive",
        "cited_by", "tags",
    ]
    public var csvCells: [String] {
        [
            id, title, publisher, publisherId ?? "", url, type ?? "", published ?? "", publishedPrecision ?? "", publishedStart ?? "", accessed ?? "",
            archive ?? "",
            joined(citedBy), joined(tags),
        ]
    }
}

extension EntityRow: TabularRow {
    public static let displayHeaders = ["ID", "TYPE", "PARENT", "NAME"]
    public var displayCells: [String] { [id, type, parent ?? "", name] }
    public static let csvHeaders = ["id", "name", "type", "parent", "aliases", "tags"]
    public var csvCells: [String] { [id, name, type, parent ?? "", joined(aliases), joined(tags)] }
}
