import Foundation
import VaneContent

/// A product's two-axis history as step charts over time: availability above (its most
/// available channel), priority below, each step starting at the event that set it.
struct HistoryChart {
    let status: EntityStatus
    let name: String
    let scales: StatusScales
    let asOf: FuzzyDate
    let eventTitles: [String: String]
    /// First and last day of the time axis, as day numbers.
    private let start: Int
    private let end: Int

    init(status: EntityStatus, name: String, scales: StatusScales, asOf: FuzzyDate, eventTitles: [String: String]) {
        self.status = status
        self.name = name
        self.scales = scales
        self.asOf = asOf
        self.eventTitles = eventTitles
        start = status.points.map { DayNumber.of($0.date.start) }.min() ?? DayNumber.of(asOf.start)
        end = max(DayNumber.of(asOf.end), start + 365)
    }

    private let width = 760.0, left = 170.0, right = 30.0, rowHeight = 18.0, gap = 44.0, top = 28.0

    private var availabilityHeight: Double { Double(scales.availability.count) * rowHeight }
    private var priorityHeight: Double { Double(scales.priority.count) * rowHeight }
    private var height: Double { top + availabilityHeight + gap + priorityHeight + 40 }

    private func x(_ day: Int) -> Double {
        left + Double(day - start) / Double(end - start) * (width - left - right)
    }

    var svg: String {
        var out = """
            <svg class="chart history-chart" viewBox="0 0 \(SVG.n(width)) \(SVG.n(height))" role="img" aria-labelledby="history-title history-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="history-title">\(SVG.text(name)): availability and priority over time</title>
            <desc id="history-desc">\(SVG.text(description))</desc>

            """
        out += panel(.availability, y0: top, caption: "Available today")
        out += panel(.priority, y0: top + availabilityHeight + gap, caption: "Strategic priority")
        out += axis(y: top + availabilityHeight + gap + priorityHeight)
        return out + "</svg>"
    }

    var description: String {
        status.points.map { point in
            let a = point.availability.map(scales.label) ?? "unknown"
            let p = point.priority.map(scales.label) ?? "unknown"
            return "From \(point.date.display): availability \(a.lowercased()), priority \(p.lowercased())."
        }.joined(separator: " ")
    }

    private func panel(_ axis: StatusSetting.Axis, y0: Double, caption: String) -> String {
        let values = scales.scale(axis)
        var out = "<g class=\"\(axis.rawValue)\">\n"
        out += "<text x=\"\(SVG.n(left))\" y=\"\(SVG.n(y0 - 8))\" font-size=\"13\" font-weight=\"600\">\(caption)</text>\n"
        for (rank, value) in values.enumerated() {
            let cy = y0 + (Double(rank) + 0.5) * rowHeight
            out += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(cy))\" x2=\"\(SVG.n(width - right))\" y2=\"\(SVG.n(cy))\" stroke=\"#eef1f4\"/>\n"
            out +=
                "<text x=\"\(SVG.n(left - 10))\" y=\"\(SVG.n(cy + 4))\" font-size=\"11\" text-anchor=\"end\">\(SVG.text(scales.label(value)))</text>\n"
        }
        let steps = status.points.compactMap { point -> (Int, Double, StatusPoint)? in
            let value = axis == .availability ? point.availability : point.priority
            guard let value, let rank = scales.rank(value, on: axis) else { return nil }
            return (DayNumber.of(point.date.start), y0 + (Double(rank) + 0.5) * rowHeight, point)
        }
        var path: [String] = []
        for (i, step) in steps.enumerated() {
            let next = i + 1 < steps.count ? steps[i + 1].0 : end
            path.append("\(SVG.n(x(step.0))),\(SVG.n(step.1))")
            path.append("\(SVG.n(x(next))),\(SVG.n(step.1))")
        }
        if !path.isEmpty {
            out += "<polyline points=\"\(path.joined(separator: " "))\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2.5\"/>\n"
        }
        var previous: Double?
        for step in steps where step.1 != previous {
            previous = step.1
            let value = axis == .availability ? step.2.availability! : step.2.priority!
            let event = eventTitles[step.2.event] ?? step.2.event
            out +=
                "<circle cx=\"\(SVG.n(x(step.0)))\" cy=\"\(SVG.n(step.1))\" r=\"4\" fill=\"#0b5cad\"><title>\(SVG.text(step.2.date.display)): \(SVG.text(scales.label(value))) (\(SVG.text(event)))</title></circle>\n"
        }
        return out + "</g>\n"
    }

    /// Year ticks along the bottom, and the as-of date at the right end.
    private func axis(y: Double) -> String {
        var out = "<g class=\"time-axis\">\n"
        out += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(y + 6))\" x2=\"\(SVG.n(width - right))\" y2=\"\(SVG.n(y + 6))\" stroke=\"#5b6573\"/>\n"
        let firstYear = Int(String(startISO.prefix(4)))!
        let lastYear = Int(asOf.end.prefix(4))!
        for year in firstYear...max(firstYear, lastYear) {
            let day = DayNumber.days(year, 1, 1)
            guard day >= start, day <= end else { continue }
            out += "<line x1=\"\(SVG.n(x(day)))\" y1=\"\(SVG.n(y + 2))\" x2=\"\(SVG.n(x(day)))\" y2=\"\(SVG.n(y + 10))\" stroke=\"#5b6573\"/>\n"
            out += "<text x=\"\(SVG.n(x(day)))\" y=\"\(SVG.n(y + 24))\" font-size=\"11\" text-anchor=\"middle\">\(year)</text>\n"
        }
        out +=
            "<text x=\"\(SVG.n(width - right))\" y=\"\(SVG.n(y + 36))\" font-size=\"11\" text-anchor=\"end\">as of \(SVG.text(asOf.display))</text>\n"
        return out + "</g>\n"
    }

    private var startISO: String { status.points.map(\.date.start).min() ?? asOf.start }
}
