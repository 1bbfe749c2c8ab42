import Foundation
import VaneContent

/// The "available today vs. strategic priority" chart: availability across (most available
/// on the right), priority up (flagship at the top), one mark per product at its current
/// position, and a dated trail through its earlier positions.
struct PositionChart {
    let board: StatusBoard
    let rows: [StatusRow]
    /// Prefix for links from the page the chart sits on to the site root.
    let root: String
    /// Distinguishes ids when a page holds more than one chart.
    let idPrefix: String

    private let width = 760.0, height = 520.0
    private let left = 170.0, right = 30.0, top = 30.0, bottom = 130.0

    private var columns: Int { board.scales.availability.count }
    private var lines: Int { board.scales.priority.count }
    private var cellWidth: Double { (width - left - right) / Double(columns) }
    private var cellHeight: Double { (height - top - bottom) / Double(lines) }

    func x(_ availability: String) -> Double? {
        board.scales.rank(availability, on: .availability).map { left + (Double(columns - 1 - $0) + 0.5) * cellWidth }
    }

    func y(_ priority: String) -> Double? {
        board.scales.rank(priority, on: .priority).map { top + (Double($0) + 0.5) * cellHeight }
    }

    var svg: String {
        var out = """
            <svg class="chart position-chart" viewBox="0 0 \(SVG.n(width)) \(SVG.n(height))" role="img" aria-labelledby="\(idPrefix)-title \(idPrefix)-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="\(idPrefix)-title">Available today vs. strategic priority, as of \(SVG.text(board.asOf.display))</title>
            <desc id="\(idPrefix)-desc">\(SVG.text(description))</desc>

            """
        out += grid()
        for (index, row) in rows.enumerated() {
            out += mark(row, color: SVG.palette[index % SVG.palette.count], offset: offset(for: row, index: index))
        }
        out += "</svg>"
        return out
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

    private func grid() -> String {
        var out = "<g class=\"grid\">\n"
        // The stranding zone: still available (right half), no longer the bet (lower half).
        let zoneX = left + Double(columns / 2) * cellWidth
        let zoneY = top + Double(lines / 2) * cellHeight
        out +=
            "<rect class=\"zone\" x=\"\(SVG.n(zoneX))\" y=\"\(SVG.n(zoneY))\" width=\"\(SVG.n(width - right - zoneX))\" height=\"\(SVG.n(height - bottom - zoneY))\" fill=\"#fbeee6\"/>\n"
        out +=
            "<text x=\"\(SVG.n(width - right - 6))\" y=\"\(SVG.n(height - bottom - 8))\" text-anchor=\"end\" font-size=\"12\" fill=\"#a4471b\">stranding zone</text>\n"
        for (rank, value) in board.scales.availability.enumerated() {
            let cx = left + (Double(columns - 1 - rank) + 0.5) * cellWidth
            out += "<line x1=\"\(SVG.n(cx))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(cx))\" y2=\"\(SVG.n(height - bottom))\" stroke=\"#d9dee5\"/>\n"
            out +=
                "<text x=\"\(SVG.n(cx))\" y=\"\(SVG.n(height - bottom + 16))\" font-size=\"12\" text-anchor=\"end\" transform=\"rotate(-35 \(SVG.n(cx)) \(SVG.n(height - bottom + 16)))\">\(SVG.text(board.scales.label(value)))</text>\n"
        }
        for (rank, value) in board.scales.priority.enumerated() {
            let cy = top + (Double(rank) + 0.5) * cellHeight
            out += "<line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(cy))\" x2=\"\(SVG.n(width - right))\" y2=\"\(SVG.n(cy))\" stroke=\"#d9dee5\"/>\n"
            out +=
                "<text x=\"\(SVG.n(left - 10))\" y=\"\(SVG.n(cy + 4))\" font-size=\"12\" text-anchor=\"end\">\(SVG.text(board.scales.label(value)))</text>\n"
        }
        out +=
            "<text x=\"\(SVG.n(left + (width - left - right) / 2))\" y=\"\(SVG.n(height - 8))\" font-size=\"13\" text-anchor=\"middle\">Available today → more available</text>\n"
        out +=
            "<text x=\"16\" y=\"\(SVG.n(top + (height - top - bottom) / 2))\" font-size=\"13\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(SVG.n(top + (height - top - bottom) / 2)))\">Strategic priority → higher</text>\n"
        return out + "</g>\n"
    }

    /// Products in the same cell are spread on a small circle so each stays visible.
    private func offset(for row: StatusRow, index: Int) -> (Double, Double) {
        let cell = { (r: StatusRow) in "\(r.status.availability?.value ?? "")|\(r.status.priority?.value ?? "")" }
        let mates = rows.filter { cell($0) == cell(row) }
        guard mates.count > 1, let k = mates.firstIndex(where: { $0.entity == row.entity }) else { return (0, 0) }
        let angle = 2 * Double.pi * Double(k) / Double(mates.count)
        return (12 * cos(angle), 12 * sin(angle))
    }

    private func mark(_ row: StatusRow, color: String, offset: (Double, Double)) -> String {
        let positions = row.status.points.compactMap { point -> (Double, Double, StatusPoint)? in
            guard let a = point.availability, let p = point.priority, let px = x(a), let py = y(p) else { return nil }
            return (px + offset.0, py + offset.1, point)
        }
        guard let current = positions.last else { return "" }
        let a = board.scales.label(current.2.availability ?? "")
        let p = board.scales.label(current.2.priority ?? "")
        var out = "<g class=\"product\">\n"
        if positions.count > 1 {
            let path = positions.map { "\(SVG.n($0.0)),\(SVG.n($0.1))" }.joined(separator: " ")
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/>\n"
            for earlier in positions.dropLast() {
                out +=
                    "<circle cx=\"\(SVG.n(earlier.0))\" cy=\"\(SVG.n(earlier.1))\" r=\"4\" fill=\"#ffffff\" stroke=\"\(color)\" stroke-width=\"2\"><title>\(SVG.text(row.name)), \(SVG.text(earlier.2.date.display)): \(SVG.text(board.scales.label(earlier.2.availability ?? ""))), \(SVG.text(board.scales.label(earlier.2.priority ?? "")))</title></circle>\n"
                out +=
                    "<text x=\"\(SVG.n(earlier.0 + 7))\" y=\"\(SVG.n(earlier.1 - 7))\" font-size=\"11\" fill=\"\(color)\">\(SVG.text(earlier.2.date.display))</text>\n"
            }
        }
        out += "<a href=\"\(root)entities/\(row.entity).html\">"
        out +=
            "<circle cx=\"\(SVG.n(current.0))\" cy=\"\(SVG.n(current.1))\" r=\"7\" fill=\"\(color)\"><title>\(SVG.text(row.name)): \(SVG.text(a)), \(SVG.text(p)) since \(SVG.text(row.status.since?.display ?? ""))</title></circle>"
        out +=
            "<text x=\"\(SVG.n(current.0 + 10))\" y=\"\(SVG.n(current.1 + 4))\" font-size=\"13\" font-weight=\"600\" fill=\"\(color)\">\(SVG.text(row.name))</text></a>\n"
        return out + "</g>\n"
    }
}
