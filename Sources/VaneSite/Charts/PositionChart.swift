import Foundation
import VaneContent

/// The "available today vs. strategic priority" view as a matrix: availability across
/// (most available on the right), priority down (flagship at the top). Each occupied cell
/// holds its products as stacked, labelled chips, coloured by vendor; a product whose
/// channels stand at different values has a chip per channel, named. Arrows come into a
/// product's chip from the cells it stood in before (their dates are in the chip's and the
/// arrow's `<title>` and in the data table, so no date label can collide). Columns and rows
/// that hold nothing are left out; the cells of the stranding zone (still available, no
/// longer the bet) are shaded.
///
/// Text is laid out at build time with widths that are upper bounds (`TextWidth`), so no
/// two labels can overlap. Narrow screens get the same cells as a list (`list`), which
/// reflows; the stylesheet shows one or the other.
struct PositionChart {
    let board: StatusBoard
    let rows: [StatusRow]
    /// Prefix for links from the page the chart sits on to the site root.
    let root: String
    /// Distinguishes ids when a page holds more than one chart.
    let idPrefix: String
    /// A channel's display name (an entity's name when the channel names one), with its
    /// tier, by channel and product.
    let channelName: (String, String) -> String

    /// One labelled mark: a product, or the channels of a product that share a value.
    struct Chip {
        var row: StatusRow
        var label: String
        var availability: String
        var priority: String
        var colour: String
        /// Whether the product's arrow ends here (its most available channel).
        var main: Bool
    }

    private static let chipFont = 12.0, headerFont = 11.0
    private static let chipHeight = 22.0, chipGap = 4.0, pad = 8.0, maxChipText = 200.0

    let chips: [Chip]
    /// Availability values shown, least available first; priority values shown, highest first.
    let columns: [String]
    let lines: [String]
    let vendorColours: [(vendor: String, colour: String)]

    init(board: StatusBoard, rows: [StatusRow], root: String, idPrefix: String, channelName: @escaping (String, String) -> String = { c, _ in c }) {
        self.board = board
        self.rows = rows
        self.root = root
        self.idPrefix = idPrefix
        self.channelName = channelName
        let vendors = Array(Set(rows.map(\.vendor))).sorted()
        let colours = Dictionary(uniqueKeysWithValues: vendors.enumerated().map { ($1, SVG.palette[$0 % SVG.palette.count]) })
        vendorColours = vendors.map { ($0, colours[$0]!) }
        var chips: [Chip] = []
        for row in rows {
            guard let overall = row.status.availability?.value, let priority = row.status.priority?.value else { continue }
            for (channels, value) in PositionChart.groups(row.status) {
                let suffix = channels.isEmpty ? "" : " · " + channels.map { channelName($0, row.entity) }.joined(separator: ", ")
                chips.append(
                    Chip(
                        row: row, label: row.name + suffix, availability: value, priority: priority, colour: colours[row.vendor]!,
                        main: value == overall && !chips.contains { $0.row.entity == row.entity && $0.main }))
            }
        }
        self.chips = chips
        var usedAvailability = Set(chips.map(\.availability))
        var usedPriority = Set(chips.map(\.priority))
        for chip in chips where chip.main {
            for cell in PositionChart.trail(chip.row.status, chips: chips) {
                usedAvailability.insert(cell.availability)
                usedPriority.insert(cell.priority)
            }
        }
        columns = board.scales.availability.reversed().filter(usedAvailability.contains)
        lines = board.scales.priority.filter(usedPriority.contains)
    }

    /// A product's channels grouped by value, most available first; one group with no
    /// channel names when they all agree.
    static func groups(_ status: EntityStatus) -> [([String], String)] {
        guard let overall = status.availability?.value else { return [] }
        var byValue: [String: [String]] = [:]
        for (channel, setting) in status.channels { byValue[setting.value, default: []].append(channel) }
        if byValue.isEmpty || (byValue.count == 1 && byValue[overall] != nil) { return [([], overall)] }
        // The whole product's value covers the channels not named since.
        if byValue[overall] == nil { byValue[overall] = ["rest"] }
        return byValue.map { ($0.value.sorted(), $0.key) }.sorted { $0.0.first ?? "" < $1.0.first ?? "" }
    }

    /// The cells a product stood in before its current one, oldest first, without repeats
    /// in a row, and without the cells where one of its channels still stands (that is a
    /// channel, not a move).
    static func trail(_ status: EntityStatus, chips: [Chip]) -> [(availability: String, priority: String, date: FuzzyDate)] {
        var cells: [(availability: String, priority: String, date: FuzzyDate)] = []
        for point in status.points {
            guard let a = point.availability, let p = point.priority else { continue }
            if let last = cells.last, last.availability == a, last.priority == p { continue }
            cells.append((a, p, point.date))
        }
        let own = chips.filter { $0.row.entity == status.entity }
        return cells.dropLast().filter { cell in !own.contains { $0.availability == cell.availability && $0.priority == cell.priority } }
    }

    // MARK: - Layout

    private struct Layout {
        var labelWidth: Double
        var headerHeight: Double
        var headerLines: [[String]]
        var columnX: [Double]
        var columnWidth: [Double]
        var chipWidth: [Double]
        var lineY: [Double]
        var lineHeight: [Double]
        var width: Double { columnX.last.map { $0 + columnWidth.last! } ?? labelWidth }
        var height: Double { lineY.last.map { $0 + lineHeight.last! } ?? headerHeight }
    }

    private func chipWidth(_ chip: Chip) -> Double {
        min(TextWidth.of(chip.label, size: Self.chipFont), Self.maxChipText) + 26
    }

    private func cell(_ chip: Chip) -> (Int, Int)? {
        guard let c = columns.firstIndex(of: chip.availability), let l = lines.firstIndex(of: chip.priority) else { return nil }
        return (c, l)
    }

    private var layout: Layout {
        let corner = ["Available today →", "↓ Strategic priority"]
        let labelWidth =
            max(
                lines.map { TextWidth.of(board.scales.label($0), size: Self.headerFont) }.max() ?? 0,
                corner.map { TextWidth.of($0, size: Self.headerFont) }.max()!)
            + 2 * Self.pad
        var columnWidth: [Double] = []
        var chipWidths: [Double] = []
        var headerLines: [[String]] = []
        for value in columns {
            let inColumn = chips.filter { $0.availability == value }
            let chip = inColumn.map(chipWidth).max() ?? 0
            let label = board.scales.label(value)
            let longestWord = label.split(separator: " ").map { TextWidth.of(String($0), size: Self.headerFont) }.max() ?? 0
            let width = max(chip, longestWord, 44) + 2 * Self.pad
            columnWidth.append(width)
            chipWidths.append(chip)
            headerLines.append(TextWidth.wrap(label, size: Self.headerFont, width: width - 2 * Self.pad))
        }
        let headerHeight = Double(max(2, headerLines.map(\.count).max() ?? 1)) * 14 + 12
        var columnX: [Double] = []
        var x = labelWidth
        for width in columnWidth {
            columnX.append(x)
            x += width
        }
        var lineY: [Double] = []
        var lineHeight: [Double] = []
        var y = headerHeight
        for value in lines {
            let stacked = columns.map { c in chips.filter { $0.availability == c && $0.priority == value }.count }.max() ?? 0
            let height = max(36, Double(stacked) * (Self.chipHeight + Self.chipGap) - Self.chipGap + 2 * Self.pad)
            lineY.append(y)
            lineHeight.append(height)
            y += height
        }
        return Layout(
            labelWidth: labelWidth, headerHeight: headerHeight, headerLines: headerLines, columnX: columnX, columnWidth: columnWidth,
            chipWidth: chipWidths, lineY: lineY, lineHeight: lineHeight)
    }

    /// The stranding zone: the more available half of the scale, the lower half of priority.
    private func inZone(_ availability: String, _ priority: String) -> Bool {
        let a = board.scales.rank(availability, on: .availability) ?? .max
        let p = board.scales.rank(priority, on: .priority) ?? -1
        return a < board.scales.availability.count / 2 && p >= board.scales.priority.count / 2
    }

    /// Wider than the page's text column: the figure then takes the width of the window.
    var isWide: Bool { !chips.isEmpty && layout.width > 820 }

    // MARK: - SVG

    var svg: String {
        guard !chips.isEmpty else { return "" }
        let l = layout
        var out = """
            <svg class="chart position-chart" viewBox="0 0 \(SVG.n(l.width + 2)) \(SVG.n(l.height + 2))" style="max-width: \(SVG.n(l.width + 2))px" role="img" aria-labelledby="\(idPrefix)-title \(idPrefix)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(idPrefix)-title">Available today vs. strategic priority, as of \(SVG.text(board.asOf.display))</title>
            <desc id="\(idPrefix)-desc">\(SVG.text(description))</desc>
            <defs><marker id="\(idPrefix)-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#5b6573"/></marker></defs>

            """
        out += grid(l)
        out += arrows(l)
        out += chipMarks(l)
        return out + "</svg>"
    }

    private func grid(_ l: Layout) -> String {
        var out = "<g class=\"grid\">\n"
        for (ci, a) in columns.enumerated() {
            for (li, p) in lines.enumerated() {
                let fill = inZone(a, p) ? "#fbeee6" : "#ffffff"
                out +=
                    "<rect x=\"\(SVG.n(l.columnX[ci]))\" y=\"\(SVG.n(l.lineY[li]))\" width=\"\(SVG.n(l.columnWidth[ci]))\" height=\"\(SVG.n(l.lineHeight[li]))\" fill=\"\(fill)\" stroke=\"#d9dee5\"/>\n"
            }
            for (k, text) in l.headerLines[ci].enumerated() {
                let y = l.headerHeight - 8 - Double(l.headerLines[ci].count - 1 - k) * 14
                out +=
                    "<text x=\"\(SVG.n(l.columnX[ci] + l.columnWidth[ci] / 2))\" y=\"\(SVG.n(y))\" font-size=\"11\" text-anchor=\"middle\">\(SVG.text(text))</text>\n"
            }
        }
        for (li, p) in lines.enumerated() {
            out +=
                "<text x=\"\(SVG.n(l.labelWidth - Self.pad))\" y=\"\(SVG.n(l.lineY[li] + l.lineHeight[li] / 2 + 4))\" font-size=\"11\" text-anchor=\"end\">\(SVG.text(board.scales.label(p)))</text>\n"
        }
        out += "<text x=\"\(SVG.n(Self.pad))\" y=\"14\" font-size=\"11\" fill=\"#5b6573\">Available today →</text>\n"
        out += "<text x=\"\(SVG.n(Self.pad))\" y=\"\(SVG.n(l.headerHeight - 8))\" font-size=\"11\" fill=\"#5b6573\">↓ Strategic priority</text>\n"
        return out + "</g>\n"
    }

    /// Where a chip sits: its cell, and its place in the cell's stack.
    private func frame(_ chip: Chip, _ l: Layout) -> (x: Double, y: Double, width: Double)? {
        guard let (c, li) = cell(chip) else { return nil }
        let mates = chips.filter { $0.availability == chip.availability && $0.priority == chip.priority }
        let k = mates.firstIndex { $0.row.entity == chip.row.entity && $0.label == chip.label } ?? 0
        return (l.columnX[c] + Self.pad, l.lineY[li] + Self.pad + Double(k) * (Self.chipHeight + Self.chipGap), l.chipWidth[c])
    }

    private func arrows(_ l: Layout) -> String {
        var out = "<g class=\"trails\">\n"
        for (index, chip) in chips.enumerated() where chip.main {
            let trail = PositionChart.trail(chip.row.status, chips: chips)
            guard !trail.isEmpty, let end = frame(chip, l) else { continue }
            // Arrows leave a cell a little apart from one another.
            let spread = Double(index % 5 - 2) * 4
            var points: [(Double, Double)] = trail.compactMap { cell in
                guard let c = columns.firstIndex(of: cell.availability), let li = lines.firstIndex(of: cell.priority) else { return nil }
                return (l.columnX[c] + l.columnWidth[c] / 2 + spread, l.lineY[li] + l.lineHeight[li] / 2 + spread)
            }
            let (ex, ey) = (end.x - 3, end.y + Self.chipHeight / 2)
            points.append((ex, ey))
            let path = points.enumerated().map { "\($0 == 0 ? "M" : "L")\(SVG.n($1.0)),\(SVG.n($1.1))" }.joined(separator: " ")
            let steps = (trail.map { "\($0.date.display): \(board.scales.label($0.availability)), \(board.scales.label($0.priority))" })
                .joined(separator: "; then ")
            out +=
                "<path d=\"\(path)\" fill=\"none\" stroke=\"\(chip.colour)\" stroke-opacity=\"0.6\" stroke-width=\"1.5\" marker-end=\"url(#\(idPrefix)-arrow)\"><title>\(SVG.text(chip.row.name)): \(SVG.text(steps))</title></path>\n"
        }
        return out + "</g>\n"
    }

    private func chipMarks(_ l: Layout) -> String {
        var out = "<g class=\"chips\">\n"
        for chip in chips {
            guard let f = frame(chip, l) else { continue }
            let text = TextWidth.fit(chip.label, size: Self.chipFont, width: Self.maxChipText)
            let risk = chip.row.risk.map { ", platform risk \($0.score)" } ?? ""
            let since = chip.row.status.since.map { " since \($0.display)" } ?? ""
            let successors = board.successorLine(chip.row).map { "; succeeded by \($0)" } ?? ""
            let title =
                "\(chip.label) (\(board.entities[chip.row.vendor]?.name ?? chip.row.vendor)): \(board.scales.label(chip.availability).lowercased()), \(board.scales.label(chip.priority).lowercased())\(since)\(risk)\(successors)"
            out += "<a href=\"\(root)entities/\(chip.row.entity).html\"><title>\(SVG.text(title))</title>"
            out +=
                "<rect x=\"\(SVG.n(f.x))\" y=\"\(SVG.n(f.y))\" width=\"\(SVG.n(f.width))\" height=\"\(SVG.n(Self.chipHeight))\" rx=\"4\" fill=\"#ffffff\" stroke=\"\(chip.colour)\"\(chip.main ? " stroke-width=\"1.5\"" : " stroke-dasharray=\"3 2\"")/>"
            out += "<circle cx=\"\(SVG.n(f.x + 10))\" cy=\"\(SVG.n(f.y + Self.chipHeight / 2))\" r=\"4\" fill=\"\(chip.colour)\"/>"
            out +=
                "<text x=\"\(SVG.n(f.x + 19))\" y=\"\(SVG.n(f.y + Self.chipHeight / 2 + 4))\" font-size=\"12\">\(SVG.text(text))</text></a>\n"
        }
        return out + "</g>\n"
    }

    /// One sentence per product, for screen readers.
    var description: String {
        guard !rows.isEmpty else { return "No product has a status yet." }
        return rows.map { row in
            let a = row.status.availability.map { board.scales.label($0.value) } ?? "availability unknown"
            let p = row.status.priority.map { board.scales.label($0.value) } ?? "priority unknown"
            let risk = row.risk.map { ", platform risk \($0.score)" } ?? (row.gone ? ", gone" : "")
            return "\(row.name): \(a.lowercased()), \(p.lowercased())\(risk)."
        }.joined(separator: " ")
    }

    // MARK: - HTML

    /// The same cells as a list, for narrow screens: highest priority first, then most
    /// available first.
    var list: String {
        guard !chips.isEmpty else { return "" }
        var out = "<div class=\"positions-list\">\n"
        for p in lines {
            for a in columns.reversed() {
                let here = chips.filter { $0.availability == a && $0.priority == p }
                guard !here.isEmpty else { continue }
                let zone = inZone(a, p)
                out +=
                    "<section class=\"cell\(zone ? " zone" : "")\"><h3>\(HTML.escape(board.scales.label(a))) · \(HTML.escape(board.scales.label(p)))"
                out += zone ? " <span class=\"badge\">stranding zone</span></h3>\n<ul>" : "</h3>\n<ul>"
                for chip in here {
                    out +=
                        "<li><span class=\"swatch\" style=\"background: \(chip.colour)\"></span><a href=\"\(root)entities/\(chip.row.entity).html\">\(HTML.escape(chip.label))</a>"
                        + (board.successorLine(chip.row).map { " <span class=\"successor\">→ \(HTML.escape($0))</span>" } ?? "") + "</li>"
                }
                out += "</ul></section>\n"
            }
        }
        return out + "</div>\n"
    }

    /// Vendors by colour, the zone, and what the marks mean.
    var legend: String {
        guard !chips.isEmpty else { return "<p class=\"no-positions\">No product has a status yet.</p>\n" }
        var out = "<ul class=\"positions-legend\">"
        for (vendor, colour) in vendorColours {
            out += "<li><span class=\"swatch\" style=\"background: \(colour)\"></span>\(HTML.escape(board.entities[vendor]?.name ?? vendor))</li>"
        }
        out += "<li><span class=\"swatch zone\"></span>stranding zone</li></ul>\n"
        return out
    }
}
