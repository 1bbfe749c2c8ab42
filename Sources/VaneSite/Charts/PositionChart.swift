import Foundation
import VaneContent

/// The "available today vs. strategic priority" view as a matrix: availability across
/// (most available on the right), priority down (flagship at the top). Each occupied cell
/// holds its products as stacked, labelled chips, told apart by vendor with a colour and a
/// shape; a product whose channels stand at different values has a chip per channel, named
/// (dashed but for the one its path ends at). A chip that moved carries an arrow glyph for
/// the way it came (↙: availability and priority fell); its whole path is drawn while the
/// chip is hovered or focused, so a crowd of paths never crosses the chips (the dates are in
/// the path's `<title>` and in the data table). Columns and rows that hold nothing are left
/// out; the stranding zone (still available, no longer the bet) is shaded, outlined and
/// labelled.
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
        var shape: SVG.Shape
        /// Whether the product's arrow ends here (its most available channel).
        var main: Bool
        /// When these channels reached their value (and the product its priority): a channel
        /// that retired in 2025 says 2025, whatever its best channel did.
        var since: FuzzyDate?
    }

    private static let chipFont = 12.0, headerFont = 11.0
    private static let chipHeight = 22.0, chipGap = 4.0, pad = 6.0, maxChipText = 140.0
    /// Room at the end of a chip for the glyph of the way it moved.
    private static let glyphWidth = 12.0
    /// Drawn in the warning colour: the outline and label of the stranding zone (5.6:1 on white).
    private static let zoneInk = "#a4471b"

    let chips: [Chip]
    /// The products of `rows` with no chip: one of their two axes has no recorded value.
    /// The rows with no place on the chart: without an availability or a priority.
    private var lacking: [StatusRow] { rows.filter { $0.status.availability == nil || $0.status.priority == nil } }
    var unplaced: Int { lacking.count }
    /// Those of the first `count` rows (a board's table lists the first 100).
    func unplaced(amongFirst count: Int) -> Int {
        rows.prefix(count).filter { $0.status.availability == nil || $0.status.priority == nil }.count
    }

    /// What the unplaced lack, in words: `priority`, `availability`, or both kinds apart.
    var unplacedLack: String {
        let lacking = self.lacking
        if lacking.allSatisfy({ $0.status.priority == nil && $0.status.availability != nil }) { return "priority" }
        if lacking.allSatisfy({ $0.status.availability == nil && $0.status.priority != nil }) { return "availability" }
        return "priority or availability"
    }
    /// A crowd keeps the first chips of each cell (the riskiest: rows come ranked) and
    /// counts the rest here, by cell, so that the chart stays a chart at any scale.
    let hidden: [String: Int]
    private static let crowd = 60, perCell = 6
    private static func key(_ availability: String, _ priority: String) -> String { availability + "\u{1}" + priority }
    /// Availability values shown, least available first; priority values shown, highest first.
    let columns: [String]
    let lines: [String]
    let vendorMarks: [(vendor: String, colour: String, shape: SVG.Shape)]

    init(board: StatusBoard, rows: [StatusRow], root: String, idPrefix: String, channelName: @escaping (String, String) -> String = { c, _ in c }) {
        self.board = board
        self.rows = rows
        self.root = root
        self.idPrefix = idPrefix
        self.channelName = channelName
        var chips: [Chip] = []
        for row in rows {
            guard let overall = row.status.availability?.value, let priority = row.status.priority?.value else { continue }
            for (channels, value) in PositionChart.groups(row.status) {
                let suffix = channels.isEmpty ? "" : " · " + channels.map { channelName($0, row.entity) }.joined(separator: ", ")
                chips.append(
                    Chip(
                        row: row, label: row.name + suffix, availability: value, priority: priority, colour: "", shape: .circle,
                        main: value == overall && !chips.contains { $0.row.entity == row.entity && $0.main },
                        since: PositionChart.since(channels, of: row.status)))
            }
        }
        var hidden: [String: Int] = [:]
        if chips.count > Self.crowd {
            var count: [String: Int] = [:]
            chips = chips.filter { chip in
                let key = Self.key(chip.availability, chip.priority)
                count[key, default: 0] += 1
                if count[key]! <= Self.perCell { return true }
                hidden[key, default: 0] += 1
                return false
            }
        }
        // Marks go to the vendors drawn, after a crowd is thinned: given among every vendor
        // of the board (464 after an import), two drawn vendors had one colour and shape.
        let vendors = Array(Set(chips.map(\.row.vendor))).sorted()
        let (palette, shapes) = (SVG.vendorPalette, SVG.Shape.allCases)
        let marks = Dictionary(
            uniqueKeysWithValues: vendors.enumerated().map { ($1, (palette[$0 % palette.count], shapes[$0 % shapes.count])) })
        vendorMarks = vendors.map { ($0, marks[$0]!.0, marks[$0]!.1) }
        for i in chips.indices { (chips[i].colour, chips[i].shape) = marks[chips[i].row.vendor]! }
        self.chips = chips
        self.hidden = hidden
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

    /// The latest of the days these channels took their value and the product its
    /// priority; the product's own `since` for a chip of the whole product.
    static func since(_ channels: [String], of status: EntityStatus) -> FuzzyDate? {
        guard !channels.isEmpty else { return status.since }
        let days =
            channels.compactMap { $0 == "rest" ? status.availability?.date : status.channels[$0]?.date } + [status.priority?.date].compactMap { $0 }
        return days.max { $0.sortsBefore($1) ?? false }
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
        /// The stranding zone's cells as one rectangle (x, y, width, height), when shown.
        var zone: (Double, Double, Double, Double)?
        var width: Double { columnX.last.map { $0 + columnWidth.last! } ?? labelWidth }
        var gridHeight: Double { lineY.last.map { $0 + lineHeight.last! } ?? headerHeight }
        /// The grid, and a line below it for the zone's label.
        var height: Double { gridHeight + (zone == nil ? 0 : 20) }
    }

    private func chipWidth(_ chip: Chip) -> Double {
        min(TextWidth.of(shownLabel(chip), size: Self.chipFont), Self.maxChipText) + 26 + (moveGlyph(chip) == nil ? 0 : Self.glyphWidth)
    }

    /// The way a product came into its chip, from the cell it stood in just before: "↙" when
    /// it moved left (less available) and down (lower priority). Nil for a chip that did not move.
    private func moveGlyph(_ chip: Chip) -> String? {
        guard chip.main, let from = PositionChart.trail(chip.row.status, chips: chips).last,
            let c0 = columns.firstIndex(of: from.availability), let l0 = lines.firstIndex(of: from.priority),
            let c1 = columns.firstIndex(of: chip.availability), let l1 = lines.firstIndex(of: chip.priority)
        else { return nil }
        let glyphs = [["↖", "↑", "↗"], ["←", "", "→"], ["↙", "↓", "↘"]]
        let glyph = glyphs[(l1 - l0).signum() + 1][(c1 - c0).signum() + 1]
        return glyph.isEmpty ? nil : glyph
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
            let stacked =
                columns.map { c in chips.filter { $0.availability == c && $0.priority == value }.count + (hidden[Self.key(c, value)] == nil ? 0 : 1) }
                .max() ?? 0
            let height = max(36, Double(stacked) * (Self.chipHeight + Self.chipGap) - Self.chipGap + 2 * Self.pad)
            lineY.append(y)
            lineHeight.append(height)
            y += height
        }
        var zone: (Double, Double, Double, Double)?
        let zoneColumns = columns.indices.filter { inZone(columns[$0], board.scales.priority.last ?? "") }
        let zoneLines = lines.indices.filter { inZone(board.scales.availability.first ?? "", lines[$0]) }
        if let c0 = zoneColumns.min(), let c1 = zoneColumns.max(), let l0 = zoneLines.min(), let l1 = zoneLines.max() {
            zone = (
                columnX[c0], lineY[l0], columnX[c1] + columnWidth[c1] - columnX[c0], lineY[l1] + lineHeight[l1] - lineY[l0]
            )
        }
        return Layout(
            labelWidth: labelWidth, headerHeight: headerHeight, headerLines: headerLines, columnX: columnX, columnWidth: columnWidth,
            chipWidth: chipWidths, lineY: lineY, lineHeight: lineHeight, zone: zone)
    }

    /// The stranding zone: the more available half of the scale, the lower half of priority.
    private func inZone(_ availability: String, _ priority: String) -> Bool { Self.inZone(availability, priority, scales: board.scales) }

    static func inZone(_ availability: String, _ priority: String, scales: StatusScales) -> Bool {
        let a = scales.rank(availability, on: .availability) ?? .max
        let p = scales.rank(priority, on: .priority) ?? -1
        return a < scales.availability.count / 2 && p >= scales.priority.count / 2
    }

    /// Wider than the page's text column: the figure then takes the width of the window.
    var isWide: Bool { !chips.isEmpty && layout.width > 820 }

    // MARK: - SVG

    var svg: String {
        guard !chips.isEmpty else { return "" }
        let l = layout
        // Drawn at its own size, never scaled down (its text stays at 11 and 12 px): when the
        // column is narrower, the chart scrolls sideways in a box a keyboard can scroll too.
        var out = """
            <div class="chart-scroll" tabindex="0" role="group" aria-label="Positions chart (scrolls sideways when wider than the page)">
            <svg class="chart position-chart" width="\(SVG.n(l.width + 2))" height="\(SVG.n(l.height + 2))" viewBox="0 0 \(SVG.n(l.width + 2)) \(SVG.n(l.height + 2))" aria-labelledby="\(idPrefix)-title" aria-describedby="\(idPrefix)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(idPrefix)-title">Available today vs. strategic priority, as of \(SVG.text(board.asOf.display))</title>
            <desc id="\(idPrefix)-desc">\(SVG.text(description))</desc>
            <defs><marker id="\(idPrefix)-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="#5b6573"/></marker></defs>

            """
        out += grid(l)
        out += chipMarks(l)
        return out + "</svg>\n</div>"
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
        for (ci, a) in columns.enumerated() {
            for (li, p) in lines.enumerated() {
                guard let more = hidden[Self.key(a, p)] else { continue }
                let shown = Double(chips.filter { $0.availability == a && $0.priority == p }.count)
                let y = l.lineY[li] + Self.pad + shown * (Self.chipHeight + Self.chipGap) + Self.chipHeight / 2 + 4
                out +=
                    "<text x=\"\(SVG.n(l.columnX[ci] + Self.pad + 4))\" y=\"\(SVG.n(y))\" font-size=\"12\" fill=\"#5b6573\">+ \(more) more</text>\n"
            }
        }
        // The zone's shading alone is too faint to see (1.14:1): an outline and a label carry it.
        if let (x, y, width, height) = l.zone {
            out +=
                "<rect class=\"zone\" x=\"\(SVG.n(x + 1))\" y=\"\(SVG.n(y + 1))\" width=\"\(SVG.n(width - 2))\" height=\"\(SVG.n(height - 2))\" fill=\"none\" stroke=\"\(Self.zoneInk)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n"
            out +=
                "<text x=\"\(SVG.n(x + 2))\" y=\"\(SVG.n(y + height + 15))\" font-size=\"11\" font-weight=\"600\" fill=\"\(Self.zoneInk)\">Stranding zone</text>\n"
        }
        return out + "</g>\n"
    }

    /// Where a chip sits: its cell, and its place in the cell's stack.
    private func frame(_ chip: Chip, _ l: Layout) -> (x: Double, y: Double, width: Double)? {
        guard let (c, li) = cell(chip) else { return nil }
        let mates = chips.filter { $0.availability == chip.availability && $0.priority == chip.priority }
        let k = mates.firstIndex { $0.row.entity == chip.row.entity && $0.label == chip.label } ?? 0
        return (l.columnX[c] + Self.pad, l.lineY[li] + Self.pad + Double(k) * (Self.chipHeight + Self.chipGap), l.chipWidth[c])
    }

    /// The path a product took into its chip, from the middle of each cell it stood in
    /// before; the stylesheet shows it while the chip is hovered or focused.
    private func trailPath(_ chip: Chip, _ l: Layout) -> String {
        let trail = PositionChart.trail(chip.row.status, chips: chips)
        guard chip.main, !trail.isEmpty, let end = frame(chip, l) else { return "" }
        var points: [(Double, Double)] = trail.compactMap { cell in
            guard let c = columns.firstIndex(of: cell.availability), let li = lines.firstIndex(of: cell.priority) else { return nil }
            return (l.columnX[c] + l.columnWidth[c] / 2, l.lineY[li] + l.lineHeight[li] / 2)
        }
        points.append((end.x - 3, end.y + Self.chipHeight / 2))
        let path = points.enumerated().map { "\($0 == 0 ? "M" : "L")\(SVG.n($1.0)),\(SVG.n($1.1))" }.joined(separator: " ")
        let steps = (trail.map { "\($0.date.display): \(board.scales.label($0.availability)), \(board.scales.label($0.priority))" })
            .joined(separator: "; then ")
        return
            "<path class=\"trail\" d=\"\(path)\" fill=\"none\" stroke=\"\(chip.colour)\" stroke-width=\"2\" marker-end=\"url(#\(idPrefix)-arrow)\"><title>\(SVG.text(chip.row.name)): \(SVG.text(steps))</title></path>"
    }

    /// A product's name on its chip without its vendor's, which the chip's mark says already
    /// (a vendor's chips all began "Samsung Mobile G…"; "AWS Lambda .NET 8" is ".NET 8"), unless
    /// a number would lead ("Debian 12" stays).
    func shortName(_ row: StatusRow) -> String {
        board.entities[row.vendor].map { SiteModel.name(row.name, without: $0.name) } ?? row.name
    }

    /// A chip's label as shown: its product's short name, then its channels.
    func shownLabel(_ chip: Chip) -> String { shortName(chip.row) + chip.label.dropFirst(chip.row.name.count) }

    /// A chip's label cut to `width`: a product's name is cut before its channels, which tell
    /// its chips apart ("Microsoft SQL… · standard", not "Microsoft SQL Ser…" twice).
    /// Without `nicknames`, a nickname is kept as the rest of the name is: it is what tells
    /// two chips apart (`Custom Runtime (AL1)` and `(AL2)` both read "Custom Runtime").
    static func fit(_ label: String, name: String, width: Double = maxChipText, nicknames: Bool = true) -> String {
        guard TextWidth.of(label, size: chipFont) > width else { return label }
        let suffix = label.hasPrefix(name) ? String(label.dropFirst(name.count)) : ""
        let dropNickname = { (text: String) in nicknames ? Self.withoutNickname(text) : nil }
        // A cycle's nickname goes before its number ("Debian 12 (Bookworm)" is "Debian 12",
        // not "Debian…"; "Ubuntu 22.04 'Jammy Jellyfish'" is "Ubuntu 22.04"); the chip's
        // title keeps the whole name.
        guard !suffix.isEmpty else {
            if let short = dropNickname(label), TextWidth.of(short, size: chipFont) <= width { return short }
            return TextWidth.fitEnd(label, size: chipFont, width: width)
        }
        // A name keeps a few letters at least, and its last word whole while a few letters of
        // the channels fit beside it ("…Workspace · gemi…", not "…kspace · gemini-…"); the
        // channels then are cut too.
        let lastWord = name.split(separator: " ").last.map { TextWidth.of("…" + $0, size: chipFont) } ?? 0
        let room = max(
            width - TextWidth.of(suffix, size: chipFont), TextWidth.of("Abcdef…", size: chipFont),
            min(lastWord, width - TextWidth.of(" · abc…", size: chipFont)))
        // The name tells one product from the next (Node.js 18 from Node.js 20): kept whole,
        // without its nickname first, while a few letters of the channels stay.
        let whole = [dropNickname(name), name].compactMap { $0 }.first {
            TextWidth.of($0, size: chipFont) <= room || TextWidth.of($0 + " · abc…", size: chipFont) <= width
        }
        // Else the name keeps its end, where its version is, in all the room a few letters
        // of the channels leave ("…7 · standard" kept the channel whole and the name a stub).
        let named = dropNickname(name) ?? name
        let cut = (whole ?? TextWidth.fitEnd(named, size: chipFont, width: max(room, width - TextWidth.of(" · abc…", size: chipFont)))) + " "
        return cut + TextWidth.fit(suffix.trimmingCharacters(in: .whitespaces), size: chipFont, width: width - TextWidth.of(cut, size: chipFont))
    }

    /// A name without its nickname, in brackets or quotes, at its end or before a last part
    /// (`Debian 12 (Bookworm)`, `Ubuntu 22.04 'Jammy Jellyfish'`, `SQL Server 2014 'Hekaton'
    /// SP3`); nil when it has none.
    static func withoutNickname(_ name: String) -> String? {
        let characters = Array(name)
        // The last closing mark that ends the name or a word before a last part, and the
        // mark that opens it: its bracket (nested ones counted), or its quote after a space.
        guard
            let close = characters.indices.last(where: { i in
                [")", "'", "\""].contains(characters[i]) && (i == characters.count - 1 || characters[i + 1] == " ")
            })
        else { return nil }
        var open: Int?
        if characters[close] == ")" {
            var depth = 0
            for i in stride(from: close, through: 0, by: -1) {
                if characters[i] == ")" { depth += 1 } else if characters[i] == "(" { depth -= 1 }
                if depth == 0 {
                    open = i
                    break
                }
            }
        } else {
            open = characters[..<close].indices.last { characters[$0] == characters[close] && $0 > 0 && characters[$0 - 1] == " " }
        }
        guard let open, open > 1, characters[open - 1] == " " else { return nil }
        return String(characters[..<(open - 1)]) + String(characters[(close + 1)...])
    }

    /// Each chip's text: cut to fit, nickname kept where dropping it would make two chips of
    /// different products read the same.
    func chipTexts() -> [String] {
        let texts = chips.map { Self.fit(shownLabel($0), name: shortName($0.row)) }
        let labels = Dictionary(grouping: chips.indices, by: { texts[$0] }).filter { Set($0.value.map { chips[$0].label }).count > 1 }
        return chips.indices.map { i in
            labels[texts[i]] == nil ? texts[i] : Self.fit(shownLabel(chips[i]), name: shortName(chips[i].row), nicknames: false)
        }
    }

    private func chipMarks(_ l: Layout) -> String {
        var out = "<g class=\"chips\">\n"
        let texts = chipTexts()
        for (chip, text) in zip(chips, texts) {
            guard let f = frame(chip, l) else { continue }
            let glyph = moveGlyph(chip)
            let risk = chip.row.risk.map { ", platform risk \($0.score)" } ?? ""
            let since = chip.since.map { " since \($0.display)" } ?? ""
            // "succeeded by Teams", or "folded into Teams" (the line says a fold itself).
            let successors = board.successorLine(chip.row).map { $0.hasPrefix("folded into ") ? "; \($0)" : "; succeeded by \($0)" } ?? ""
            let title =
                "\(chip.label) (\(board.entities[chip.row.vendor]?.name ?? chip.row.vendor)): \(board.scales.inSentence(chip.availability)), \(board.scales.inSentence(chip.priority))\(since)\(risk)\(successors)"
            out += "<g class=\"product\">" + trailPath(chip, l)
            out += "<a href=\"\(root)entities/\(chip.row.entity).html\"><title>\(SVG.text(title))</title>"
            out +=
                "<rect x=\"\(SVG.n(f.x))\" y=\"\(SVG.n(f.y))\" width=\"\(SVG.n(f.width))\" height=\"\(SVG.n(Self.chipHeight))\" rx=\"4\" fill=\"#ffffff\" stroke=\"\(chip.colour)\"\(chip.main ? " stroke-width=\"1.5\"" : " stroke-dasharray=\"3 2\"")/>"
            out += chip.shape.mark(x: f.x + 10, y: f.y + Self.chipHeight / 2, r: 4, colour: chip.colour)
            out +=
                "<text x=\"\(SVG.n(f.x + 19))\" y=\"\(SVG.n(f.y + Self.chipHeight / 2 + 4))\" font-size=\"12\">\(SVG.text(text))</text>"
            if let glyph {
                out +=
                    "<text x=\"\(SVG.n(f.x + f.width - 5))\" y=\"\(SVG.n(f.y + Self.chipHeight / 2 + 4))\" font-size=\"12\" text-anchor=\"end\" fill=\"#5b6573\">\(glyph)</text>"
            }
            out += "</a></g>\n"
        }
        return out + "</g>\n"
    }

    /// What the chart says with no product to place: none has a status, or every one is gone
    /// (it said "no product has a status yet" above a list of those gone).
    static let nothingAvailable = "No product still available has a status."

    /// One sentence per product, for screen readers.
    /// One sentence per product drawn (a crowd's hidden chips are counted, not described).
    var description: String {
        guard !rows.isEmpty else { return Self.nothingAvailable }
        let drawn = Set(chips.map(\.row.entity))
        let more = hidden.values.reduce(0, +)
        return rows.filter { drawn.contains($0.entity) }.map { row in
            let a = row.status.availability.map { board.scales.inSentence($0.value) } ?? "availability unknown"
            let p = row.status.priority.map { board.scales.inSentence($0.value) } ?? "priority unknown"
            let risk = row.risk.map { ", platform risk \($0.score)" } ?? (row.gone ? ", gone" : "")
            return "\(row.name): \(a), \(p)\(risk)."
        }.joined(separator: " ") + (more == 0 ? "" : " \(more) more, counted in their cells.")
    }

    // MARK: - HTML

    /// The same cells as a list, for narrow screens: the stranding zone first (what a reader
    /// came for), then highest priority first, then most available first. Each cell is an
    /// `h3` under the status page's heading of the chart; in a report's block, where no
    /// heading level is known, a paragraph (an `h3` straight under the page's `h1` skips one).
    func list(headings: Bool) -> String {
        guard !chips.isEmpty else { return "" }
        let (open, close) = headings ? ("<h3>", "</h3>") : ("<p class=\"cell-title\">", "</p>")
        var out = "<div class=\"positions-list\">\n"
        let cells = lines.flatMap { p in columns.reversed().map { (a: $0, p: p) } }
        for (a, p) in cells.filter({ inZone($0.a, $0.p) }) + cells.filter({ !inZone($0.a, $0.p) }) {
            let here = chips.filter { $0.availability == a && $0.priority == p }
            guard !here.isEmpty else { continue }
            let more = hidden[Self.key(a, p)].map { "<li class=\"more\">+ \($0) more</li>" } ?? ""
            let zone = inZone(a, p)
            out +=
                "<section class=\"cell\(zone ? " zone" : "")\">\(open)\(HTML.escape(board.scales.label(a))) · \(HTML.escape(board.scales.label(p)))"
            out += zone ? " <span class=\"badge\">stranding zone</span>\(close)\n<ul>" : "\(close)\n<ul>"
            for chip in here {
                out +=
                    "<li>\(chip.shape.swatch(colour: chip.colour))<a href=\"\(root)entities/\(chip.row.entity).html\">\(HTML.escape(chip.label))</a>"
                    + (board.successorLine(chip.row).map { " <span class=\"successor\">→ \(HTML.escape($0))</span>" } ?? "") + "</li>"
            }
            out += more + "</ul></section>\n"
        }
        return out + "</div>\n"
    }

    /// Vendors by colour and shape, the zone, and what the marks mean.
    var legend: String {
        // Products without a place are counted by the caption under the chart.
        guard !chips.isEmpty else { return rows.isEmpty ? "<p class=\"no-positions\">\(Self.nothingAvailable)</p>\n" : "" }
        var out = "<ul class=\"positions-legend\">"
        // The vendors drawn: a crowd's hidden chips need no entry.
        let drawn = Set(chips.map(\.row.vendor))
        // By the names shown, as a reader scans them (by id, Apple iOS stood between Django and Laravel).
        let name = { (vendor: String) in self.board.entities[vendor]?.name ?? vendor }
        let named = VersionOrder.sorted(vendorMarks.filter { drawn.contains($0.vendor) }, by: { name($0.vendor) }, tie: { $0.vendor < $1.vendor })
        for (vendor, colour, shape) in named {
            out += "<li>\(shape.swatch(colour: colour))\(HTML.escape(board.entities[vendor]?.name ?? vendor))</li>"
        }
        out += "<li><span class=\"swatch zone\"></span>stranding zone: still available, no longer the bet</li>"
        if chips.contains(where: { !$0.main }) {
            out += "<li class=\"chart-only\"><span class=\"swatch dashed\"></span>dashed: another channel of a product, at its own position</li>"
        }
        if chips.contains(where: { moveGlyph($0) != nil }) {
            out +=
                "<li class=\"chart-only\"><span class=\"glyph\" aria-hidden=\"true\">↙</span>on a chip: the way it moved to get there (↙: less available, lower priority); hover or focus a chip to draw its path</li>"
        }
        return out + "</ul>\n"
    }
}
