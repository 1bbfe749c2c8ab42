import Foundation
import VaneContent

/// A `vane` block as a reader sees it: its command line, then the result.
struct LiveBlockView: Encodable {
    struct Cell: Encodable {
        struct Part: Encodable {
            var text: String
            var url: String?
            var title: String?
            /// Not the last of a cell (for the separator).
            var more: Bool
        }
        var parts: [Part]
        /// Its column's header: a stacked row (on a phone) names each cell by it.
        var label: String = ""
    }
    struct Row: Encodable { var cells: [Cell] }
    struct Table: Encodable {
        var headers: [String]
        var rows: [Row]
        var count: Int
        /// When its rows stack, by its width: below 40rem; below 48rem from five columns; at
        /// every width from seven (a report's column never holds them as a table).
        var stacking: String?

        init(headers: [String], rows: [Row]) {
            (self.headers, self.rows, count) = (headers, rows, rows.count)
            stacking = headers.count >= 7 ? "always" : headers.count >= 5 ? "early" : nil
        }
    }
    struct Status: Encodable {
        var chart: StatusPage.Chart
        var board: [RiskRowView]
        var asOf: DateView
    }

    var command: String
    var table: Table?
    var status: Status?
    /// Nothing matched.
    var empty: Bool
    /// Why nothing is shown, where the command line says why (`no end is announced ahead`);
    /// nil for "Nothing matches."
    var why: String?

    init(command: String, table: Table?, status: Status?, empty: Bool, why: String? = nil) {
        (self.command, self.table, self.status, self.empty) = (command, table, status, empty)
        self.why = empty ? why : nil
    }
}

extension SiteModel {
    /// A block's HTML, from the theme's `partials/live-block`.
    func liveBlockHTML(_ entry: Entry, index: Int, root: String) -> String {
        guard let result = liveBlocks[entry.id]?[safe: index], entry.liveBlocks.indices.contains(index), let render = renderTemplate else {
            return ""
        }
        let view = liveBlockView(result, command: entry.liveBlocks[index].command, idPrefix: "live-\(entry.id)-\(index)", root: root)
        return render([MustacheEncoder.encode(["root": root]), MustacheEncoder.encode(view)], "partials/live-block")
    }

    func liveBlockView(_ result: LiveBlockResult, command: String, idPrefix: String, root: String) -> LiveBlockView {
        switch result {
        case .table(let table):
            let rows = table.rows.map { row in
                LiveBlockView.Row(
                    cells: row.indices.map { i in
                        var made = cell(row[i], linking: table.idColumns.contains(i))
                        made.label = table.headers[safe: i] ?? ""
                        return made
                    })
            }
            return LiveBlockView(
                command: command, table: rows.isEmpty ? nil : LiveBlockView.Table(headers: table.headers, rows: rows), status: nil,
                empty: rows.isEmpty, why: emptyAnswer(of: command))
        case .status(let entity, let asOf, let minRisk):
            // Of another day than the site's, each product goes by the name it had then (as
            // `vane status --as-of` names it; the block used the site's names).
            let inputs = asOf == board.asOf ? boardInputs : StatusBoard.Inputs(kb, namedAsOf: asOf)
            let model = with(board: StatusBoard(inputs, asOf: asOf, within: entity))
            let ranked = model.board.ranked.filter { $0.hasRisk(atLeast: minRisk) }
            guard !ranked.isEmpty else {
                // The chart and the risk board show what is still available: what is gone is
                // said, not "Nothing matches" (two products matched, both retired).
                let gone = minRisk == nil ? model.board.gone.count : 0
                let why = gone == 0 ? nil : "No product here is still available (\(gone) gone; vane status lists \(gone == 1 ? "it" : "them") last)."
                return LiveBlockView(command: command, table: nil, status: nil, empty: true, why: why)
            }
            let chart = PositionChart(board: model.board, rows: ranked, root: root, idPrefix: idPrefix, channelName: { channelName($0, of: $1) })
            return LiveBlockView(
                command: command, table: nil,
                status: LiveBlockView.Status(
                    chart: StatusPage.Chart(svg: chart.svg, list: chart.list(headings: false), legend: chart.legend, wide: chart.isWide),
                    board: ranked.enumerated().map { model.riskRow($1, rank: $0 + 1) }, asOf: DateView(asOf)),
                empty: false)
        }
    }

    /// What the command line says of an empty answer, by the block's command (an exposure
    /// block's uses may be recorded and not begun by its day).
    private func emptyAnswer(of command: String) -> String? {
        switch command.split(separator: " ").first {
        case "ends": "No end is announced ahead."
        case "exposure": kb.entries(of: .use).isEmpty ? "No use is recorded." : "No use had begun by then."
        default: nil
        }
    }

    /// A cell's text; in an id column, each id (comma- or semicolon-separated) that names an
    /// entry links to it.
    private func cell(_ text: String, linking: Bool) -> LiveBlockView.Cell {
        guard linking else { return LiveBlockView.Cell(parts: [.init(text: text, url: nil, title: nil, more: false)]) }
        let separators: Set<Character> = [",", ";"]
        let ids = text.split(whereSeparator: { separators.contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty, ids.allSatisfy({ kb.entry($0) != nil }) else {
            return LiveBlockView.Cell(parts: [.init(text: text, url: nil, title: nil, more: false)])
        }
        return LiveBlockView.Cell(
            parts: ids.enumerated().map { i, id in
                let e = kb.entry(id)!
                return .init(text: id, url: SiteModel.url(of: e), title: e.title, more: i < ids.count - 1)
            })
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
