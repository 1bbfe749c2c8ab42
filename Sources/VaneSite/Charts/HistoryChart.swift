import Foundation
import VaneContent

/// A product's two-axis history as step charts over time: availability above (one line per
/// channel when it has channels, else the product's), priority below, each step starting
/// at the event that set it; announced ends still ahead are marked on the time axis.
///
/// Drawn twice: wide for a page's column, narrow for a phone (340 units, its labels
/// column as wide as its longest label, its captions at the left edge), so that its text is
/// never shown smaller than 11 px; the stylesheet shows one or the other.
struct HistoryChart {
    enum Size: String { case wide, narrow }
    let status: EntityStatus
    let name: String
    let scales: StatusScales
    let asOf: FuzzyDate
    let eventTitles: [String: String]
    /// First and last day of the time axis, as day numbers.
    private let start: Int
    private let end: Int

    /// A channel as the chart names it, with its tier (`extended-support (paid)`).
    private let channelName: (String) -> String

    init(
        status: EntityStatus, name: String, scales: StatusScales, asOf: FuzzyDate, eventTitles: [String: String],
        channelName: @escaping (String) -> String = { $0 }, size: Size = .wide
    ) {
        self.size = size
        if size == .narrow {
            width = 340
            right = 14
            let labels = (scales.availability + scales.priority).map { TextWidth.of(scales.label($0), size: 11) }
            left = max(90, (labels.max() ?? 0) + 14)
        } else {
            width = 760
            right = 30
            left = 170
        }
        self.status = status
        self.channelName = channelName
        self.name = name
        self.scales = scales
        self.asOf = asOf
        self.eventTitles = eventTitles
        start = status.points.map { DayNumber.of($0.date.start) }.min() ?? DayNumber.of(asOf.start)
        let ends = status.ends.filter { $0.isAhead(asOf: asOf) }.map(\.date.startDay)
        // The axis stops at the as-of day unless an end lies ahead: a short history is drawn
        // across the width rather than followed by a year of nothing (it ran to April 2027
        // for a product launched in April 2026).
        end = max(DayNumber.of(asOf.end), start + 1, ends.max().map { $0 + 30 } ?? 0)
        channels = Array(Set(status.points.flatMap { $0.channels.keys })).sorted()
        // The channels' legend follows the caption on its line when it fits there (wide);
        // else it has lines of its own under the caption (a wide chart's legend of many
        // channels ran past the chart's right edge).
        let names = channels.map(channelName)
        let (captionX, width) = (size == .wide ? left : 8, width)
        let item = HistoryChart.legendItemWidth
        let inline = captionX + Double(HistoryChart.channelsCaption.count) * 7.2 + 12 + names.map(item).reduce(0, +)
        var rows: [[Int]] = []
        if size == .narrow || inline > width - 16 {
            var x = captionX
            for (index, name) in names.enumerated() {
                if rows.isEmpty || x + item(name) > width - 16 {
                    rows.append([])
                    x = captionX
                }
                rows[rows.count - 1].append(index)
                x += item(name)
            }
        }
        legendRows = rows
    }

    static let channelsCaption = "Available today, by channel:"

    /// The room one channel takes in the legend: its swatch, its name and a gap.
    static func legendItemWidth(_ name: String) -> Double { 28 + Double(name.count) * 6.5 }

    /// The channels on each line of the legend below the caption (by index); none when the
    /// legend follows the caption on its line.
    private let legendRows: [[Int]]

    /// Named channels, each drawn as its own line.
    private let channels: [String]

    let size: Size
    private let width: Double, left: Double, right: Double
    private let rowHeight = 18.0, gap = 44.0
    private var top: Double { 28 + Double(legendRows.count) * 16 }
    /// Where a panel's caption starts: above the plot, or at the left edge when narrow.
    private var captionX: Double { size == .wide ? left : 8 }
    private var ids: String { size == .wide ? "history" : "history-narrow" }

    private var availabilityHeight: Double { Double(scales.availability.count) * rowHeight }
    private var priorityHeight: Double { Double(scales.priority.count) * rowHeight }
    /// Room under the availability panel for the labels of the ends ahead, a line each
    /// where they would touch: drawn over the plot they hid a channel's line.
    private static func band(_ labels: [EndLabel]) -> Double { Double(labels.map(\.line).max().map { $0 + 1 } ?? 0) * 14 }
    private func height(band: Double) -> Double { top + availabilityHeight + band + gap + priorityHeight + 40 + (asOfLabelBelow ? 14 : 0) }

    private func x(_ day: Int) -> Double {
        left + Double(day - start) / Double(end - start) * (width - left - right)
    }

    var svg: String {
        let labels = endLabels
        let endBand = Self.band(labels)
        let height = self.height(band: endBand)
        var out = """
            <svg class="chart history-chart \(size.rawValue)" viewBox="0 0 \(SVG.n(width)) \(SVG.n(height))" role="img" aria-labelledby="\(ids)-title" aria-describedby="\(ids)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(ids)-title">\(SVG.text(name)): availability and priority over time</title>
            <desc id="\(ids)-desc">\(SVG.text(description))</desc>

            """
        out += panel(.availability, y0: top, caption: channels.isEmpty ? "Available today" : HistoryChart.channelsCaption)
        out += panel(.priority, y0: top + availabilityHeight + endBand + gap, caption: "Strategic priority")
        out += axis(y: top + availabilityHeight + endBand + gap + priorityHeight)
        out += endMarks(labels, y0: top, y1: top + availabilityHeight)
        return out + "</svg>"
    }

    var description: String {
        let points = status.points.map { point in
            let a = point.availability.map(scales.inSentence) ?? "unknown"
            let p = point.priority.map(scales.inSentence) ?? "unknown"
            let c = point.channels.keys.sorted().map { "\(channelName($0)) \(scales.inSentence(point.channels[$0]!))" }.joined(separator: ", ")
            return "From \(point.date.display): availability \(a)\(c.isEmpty ? "" : " (\(c))"), priority \(p)."
        }
        let ends = status.ends.filter { $0.isAhead(asOf: asOf) }.map {
            "Availability\($0.channel.map { " on \(channelName($0))" } ?? "") ends \($0.date.display)."
        }
        return (points + ends).joined(separator: " ")
    }

    private func panel(_ axis: StatusSetting.Axis, y0: Double, caption: String) -> String {
        let values = scales.scale(axis)
        var out = "<g class=\"\(axis.rawValue)\">\n"
        let captionY = y0 - 8 - (axis == .availability ? Double(legendRows.count) * 16 : 0)
        out += "<text x=\"\(SVG.n(captionX))\" y=\"\(SVG.n(captionY))\" font-size=\"13\" font-weight=\"600\">\(caption)</text>\n"
        for (rank, value) in values.enumerated() {
            let cy = y0 + (Double(rank) + 0.5) * rowHeight
            out += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(cy))\" x2=\"\(SVG.n(width - right))\" y2=\"\(SVG.n(cy))\" stroke=\"#eef1f4\"/>\n"
            out +=
                "<text x=\"\(SVG.n(left - 10))\" y=\"\(SVG.n(cy + 4))\" font-size=\"11\" text-anchor=\"end\">\(SVG.text(scales.label(value)))</text>\n"
        }
        let lines: [(String?, String)] =
            axis == .availability && !channels.isEmpty ? channels.map { ($0, lineColour($0)) } : [(nil, "#0b5cad")]
        for (index, (channel, colour)) in lines.enumerated() {
            // Channels at the same value stay apart by a pixel or two.
            let offset = Double(index) * 3 - Double(lines.count - 1) * 1.5
            out += steps(axis, channel: channel, y0: y0 + offset, colour: colour)
        }
        if axis == .availability && !legendRows.isEmpty {
            for (row, indices) in legendRows.enumerated() {
                var x = captionX
                let y = y0 - 8 - Double(legendRows.count - 1 - row) * 16
                for index in indices {
                    let (name, colour) = (lines[index].0.map(channelName) ?? "", lines[index].1)
                    out += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y - 6))\" width=\"12\" height=\"4\" fill=\"\(colour)\"/>"
                    out += "<text x=\"\(SVG.n(x + 16))\" y=\"\(SVG.n(y))\" font-size=\"11\">\(SVG.text(name))</text>\n"
                    x += HistoryChart.legendItemWidth(name)
                }
            }
        } else if axis == .availability && !channels.isEmpty {
            // The legend follows the caption on its line.
            var x = captionX + Double(caption.count) * 7.2 + 12
            for (channel, colour) in lines {
                let name = channel.map(channelName) ?? ""
                out += "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y0 - 14))\" width=\"12\" height=\"4\" fill=\"\(colour)\"/>"
                out += "<text x=\"\(SVG.n(x + 16))\" y=\"\(SVG.n(y0 - 8))\" font-size=\"11\">\(SVG.text(name))</text>\n"
                x += HistoryChart.legendItemWidth(name)
            }
        }
        return out + "</g>\n"
    }

    /// The step line of one axis (or one channel of availability) with a dot at each change.
    private func steps(_ axis: StatusSetting.Axis, channel: String?, y0: Double, colour: String) -> String {
        var out = ""
        let steps = status.points.compactMap { point -> (Int, Double, StatusPoint, String)? in
            let value = channel.map { point.channels[$0] } ?? (axis == .availability ? point.availability : point.priority)
            guard let value, let rank = scales.rank(value, on: axis) else { return nil }
            return (DayNumber.of(point.date.start), y0 + (Double(rank) + 0.5) * rowHeight, point, value)
        }
        var path: [String] = []
        // Drawn up to the as-of day: what comes after it is only what was announced.
        for (i, step) in steps.enumerated() {
            let next = i + 1 < steps.count ? steps[i + 1].0 : max(step.0, asOfDay)
            path.append("\(SVG.n(x(step.0))),\(SVG.n(step.1))")
            path.append("\(SVG.n(x(next))),\(SVG.n(step.1))")
        }
        if !path.isEmpty {
            out += "<polyline points=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>\n"
        }
        // A day's changes are one point, named by the day's last event: a line's dot names
        // the event that moved that line (the launch set "app: consumer only", not the API
        // preview of the same month).
        func setter(_ point: StatusPoint, _ value: String) -> String {
            // A channel's line is moved by its own move, or by the whole product's when every
            // channel moved alike (one move then, for the whole product).
            status.moves.last {
                $0.date.startKey == point.date.startKey && $0.axis == axis && $0.to == value && ($0.channel == channel || $0.channel == nil)
            }?.event ?? point.event
        }
        var previous: Double?
        for step in steps where step.1 != previous {
            previous = step.1
            let id = setter(step.2, step.3)
            let event = eventTitles[id] ?? id
            let what = (channel.map { "\(channelName($0)): " } ?? "") + scales.label(step.3)
            out +=
                "<circle cx=\"\(SVG.n(x(step.0)))\" cy=\"\(SVG.n(step.1))\" r=\"4\" fill=\"\(colour)\"><title>\(SVG.text(step.2.date.display)): \(SVG.text(what)) (\(SVG.text(event)))</title></circle>\n"
        }
        return out
    }

    /// The colour of a channel's line, and of its end's mark.
    private func lineColour(_ channel: String) -> String {
        SVG.palette[(channels.firstIndex(of: channel) ?? 0) % SVG.palette.count]
    }

    /// An end ahead's label as placed: its text (cut to fit), where it is anchored (left of
    /// its line, or right of it where the chart's left edge would cut it, else against the
    /// right edge), and on which line under the panel (the first no other label touches).
    private struct EndLabel {
        var end: AnnouncedEnd
        var label: String, shown: String
        var anchorX: Double, anchor: String
        var line: Int
    }

    private var endLabels: [EndLabel] {
        var placed: [EndLabel] = []
        var taken: [[ClosedRange<Double>]] = []
        for end in status.ends.filter({ $0.isAhead(asOf: asOf) }).sorted(by: { $0.date.startKey < $1.date.startKey }) {
            let x = x(end.date.startDay)
            let label = "ends \(end.date.display)" + (end.channel.map { " (\(channelName($0)))" } ?? "")
            // Under the panel the row labels' column is free too: cut only to the chart's width
            // (whole in the label's title).
            let shown = TextWidth.fit(label, size: 11, width: width - captionX - 4)
            let w = TextWidth.of(shown, size: 11)
            let (anchorX, anchor): (Double, String) =
                x - 4 - w >= captionX ? (x - 4, "end") : x + 4 + w <= width ? (x + 4, "start") : (width - 2, "end")
            let span = anchor == "end" ? (anchorX - w)...anchorX : anchorX...(anchorX + w)
            let line = taken.firstIndex { !$0.contains { $0.overlaps(span) } } ?? taken.count
            if line == taken.count { taken.append([]) }
            taken[line].append(span)
            placed.append(EndLabel(end: end, label: label, shown: shown, anchorX: anchorX, anchor: anchor, line: line))
        }
        return placed
    }

    /// A dashed line at each announced end still ahead, labelled with its date under the panel.
    private func endMarks(_ labels: [EndLabel], y0: Double, y1: Double) -> String {
        var out = ""
        for placed in labels {
            let (end, label, shown, anchorX, anchor) = (placed.end, placed.label, placed.shown, placed.anchorX, placed.anchor)
            let x = x(end.date.startDay)
            // Under the panel, where no channel's line runs.
            let y = y1 + 12 + Double(placed.line) * 14
            let title = shown == label ? "" : "<title>\(SVG.text(label))</title>"
            // The white halo under the text is a white copy of it drawn first (`paint-order`
            // is no attribute HTML's SVG allows, and no CSS property the Nu checker knows).
            // A channel's end in its line's colour (one in another channel's colour read as
            // that channel's); a whole-product end in rust, or in ink beside channels' lines.
            let colour = end.channel.flatMap { channels.contains($0) ? lineColour($0) : nil } ?? (channels.isEmpty ? "#a4471b" : "#1d232b")
            out +=
                "<g class=\"end\"><line x1=\"\(SVG.n(x))\" y1=\"\(SVG.n(y0))\" x2=\"\(SVG.n(x))\" y2=\"\(SVG.n(y1))\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"
            let place = "x=\"\(SVG.n(anchorX))\" y=\"\(SVG.n(y))\" font-size=\"11\" text-anchor=\"\(anchor)\""
            out += "<text \(place) fill=\"#fff\" stroke=\"#fff\" stroke-width=\"3\" aria-hidden=\"true\">\(SVG.text(shown))</text>"
            out += "<text \(place) fill=\"\(colour)\">\(title)\(SVG.text(shown))</text></g>\n"
        }
        return out
    }

    /// The as-of day on the time axis (the last day of its period).
    private var asOfDay: Int { DayNumber.of(asOf.end) }

    /// Year ticks along the bottom, to the axis's end (an end still ahead lies beyond the
    /// as-of day); the first date at the left end, and the as-of date where that day is.
    private func axis(y: Double) -> String {
        var out = "<g class=\"time-axis\">\n"
        out += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(y + 6))\" x2=\"\(SVG.n(width - right))\" y2=\"\(SVG.n(y + 6))\" stroke=\"#5b6573\"/>\n"
        let firstYear = Int(String(startISO.prefix(4)))!
        var lastYear = Int(asOf.end.prefix(4))!
        while DayNumber.days(lastYear + 1, 1, 1) <= end { lastYear += 1 }
        // A label every so many years, so that labels 40 units apart never touch.
        let perYear = 365.25 / Double(end - start) * (width - left - right)
        let every = max(1, Int((40 / perYear).rounded(.up)))
        for year in firstYear...max(firstYear, lastYear) where year % every == 0 {
            let day = DayNumber.days(year, 1, 1)
            guard day >= start, day <= end else { continue }
            out += "<line x1=\"\(SVG.n(x(day)))\" y1=\"\(SVG.n(y + 2))\" x2=\"\(SVG.n(x(day)))\" y2=\"\(SVG.n(y + 10))\" stroke=\"#5b6573\"/>\n"
            out += "<text x=\"\(SVG.n(x(day)))\" y=\"\(SVG.n(y + 24))\" font-size=\"11\" text-anchor=\"middle\">\(year)</text>\n"
        }
        // The first date and the as-of date label the ends of the axis, so that a history of a
        // few months, with one year tick or none, still says when it starts and stops.
        if let first = status.points.map(\.date).min(by: { DayNumber.of($0.start) < DayNumber.of($1.start) }) {
            out += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(y + 2))\" x2=\"\(SVG.n(left))\" y2=\"\(SVG.n(y + 10))\" stroke=\"#5b6573\"/>\n"
            out += "<text x=\"\(SVG.n(captionX))\" y=\"\(SVG.n(y + 36))\" font-size=\"11\">from \(SVG.text(first.display))</text>\n"
        }
        // At the right end when nothing lies beyond it; else a tick at the day, its label
        // kept clear of the first date's.
        let label = "as of \(asOf.display)"
        let at = x(min(asOfDay, end))
        let room = TextWidth.of(label, size: 11)
        if asOfDay < end {
            out +=
                "<line x1=\"\(SVG.n(at))\" y1=\"\(SVG.n(y - 2))\" x2=\"\(SVG.n(at))\" y2=\"\(SVG.n(y + 10))\" stroke=\"#1f2a37\" stroke-width=\"1.5\"/>\n"
        }
        var (labelX, anchor) = (max(at, firstLabelEnd + room / 2), "middle")
        var labelY = y + 36
        if asOfLabelBelow {
            // Under its own tick, on a line of its own, rather than pushed along the axis
            // past the year ticks that follow the day.
            (labelX, labelY) = (min(max(at, room / 2 + 4), width - room / 2 - 4), y + 50)
        } else if labelX + room / 2 > width - right {
            (labelX, anchor) = (width - right, "end")
        }
        out += "<text x=\"\(SVG.n(labelX))\" y=\"\(SVG.n(labelY))\" font-size=\"11\" text-anchor=\"\(anchor)\">\(SVG.text(label))</text>\n"
        return out + "</g>\n"
    }

    /// Where the first date's label ends, and room after it.
    private var firstLabelEnd: Double {
        captionX + (status.points.isEmpty ? 0 : TextWidth.of("from \(startLabel)", size: 11)) + 8
    }

    /// Whether the as-of label, centred under the day's tick inside the axis (an end lies
    /// ahead), would touch the first date's label: it then takes a line of its own.
    private var asOfLabelBelow: Bool {
        guard asOfDay < end else { return false }
        let room = TextWidth.of("as of \(asOf.display)", size: 11)
        return x(asOfDay) - room / 2 < firstLabelEnd
    }

    private var startISO: String { status.points.map(\.date.start).min() ?? asOf.start }

    /// The first date as the axis names it.
    private var startLabel: String {
        status.points.map(\.date).min(by: { DayNumber.of($0.start) < DayNumber.of($1.start) })?.display ?? ""
    }
}
