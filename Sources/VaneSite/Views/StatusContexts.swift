import VaneContent

/// Contexts for the status view, the risk board and an entity's status.
extension SiteModel {
    func statusPage(vendor: String?) -> [String: Any] {
        let rows = board.rows.filter { vendor == nil || $0.vendor == vendor }
        let ranked = rows.filter { !$0.gone }
        let vendorName = vendor.flatMap { kb.entry($0)?.title }
        let heading = "Available today vs. strategic priority" + (vendorName.map { ": \($0)" } ?? "")
        let chart = PositionChart(board: board, rows: ranked, root: vendor == nil ? "" : "../", idPrefix: "positions")
        var context: [String: Any] = [
            "pageTitle": heading, "heading": heading, "asOf": SiteModel.date(board.asOf),
            "chart": chart.svg, "positions": ranked.map(position), "board": ranked.enumerated().map { riskRow($1, rank: $0 + 1) },
            "formula": "risk = round(100 × A × (1 − P) × (0.5 + 0.5 × R))",
        ]
        if let vendor { context["vendor"] = link(vendor) }
        let gone = rows.filter(\.gone)
        if !gone.isEmpty { context["gone"] = ["rows": gone.map { riskRow($0, rank: 0) }] }
        let others = vendors.filter { $0 != vendor }.compactMap { v -> [String: Any]? in
            guard var item = link(v) else { return nil }
            item["url"] = "status/\(v).html"
            return item
        }
        if !others.isEmpty { context["vendors"] = ["items": others] }
        return context
    }

    /// The top of the board, for the home page.
    func riskSummary(limit: Int) -> [String: Any]? {
        let top = board.ranked.prefix(limit)
        guard !top.isEmpty else { return nil }
        return ["board": top.enumerated().map { riskRow($1, rank: $0 + 1) }, "asOf": SiteModel.date(board.asOf)]
    }

    private func position(_ row: StatusRow) -> [String: Any] {
        let trail = row.status.points.dropLast().map { point in
            "\(point.date.display): \(label(point.availability)), \(label(point.priority))"
        }
        return [
            "name": row.name, "url": "entities/\(row.entity).html", "availability": availabilityText(row.status),
            "priority": label(row.status.priority?.value), "trail": trail.joined(separator: "; "),
        ]
    }

    func riskRow(_ row: StatusRow, rank: Int) -> [String: Any] {
        var value: [String: Any] = [
            "rank": rank, "name": row.name, "url": "entities/\(row.entity).html",
            "availability": availabilityText(row.status), "priority": label(row.status.priority?.value),
            "why": row.status.moves.reversed().map(move),
        ]
        // Every key is set, even when empty: Mustache would otherwise look a missing key
        // up in the enclosing page's context.
        value["vendor"] = link(row.vendor) ?? false
        value["since"] = row.status.since.map(SiteModel.date) ?? false
        value["risk"] = row.risk.map { String($0.score) } ?? "–"
        value["level"] = row.risk.map { $0.score >= 40 ? "high" : $0.score >= 15 ? "medium" : "low" } ?? "none"
        value["hasRisk"] = row.risk != nil
        return value
    }

    private func move(_ m: StatusMove) -> [String: Any] {
        let change = m.from.map { "\(label($0)) → \(label(m.to))" } ?? label(m.to)
        let axis = m.axis == .availability ? "availability" + (m.channel.map { " (\($0))" } ?? "") : "priority"
        var value: [String: Any] = [
            "date": SiteModel.date(m.date), "axis": axis, "change": change,
            "sources": sourceLinks(board.eventSources[m.event] ?? []),
        ]
        value["event"] = link(m.event) ?? false
        return value
    }

    /// An entity's current status and history chart, when it has one.
    func entityStatus(_ id: String) -> [String: Any]? {
        guard let row = statusRows[id] else { return nil }
        let chart = HistoryChart(status: row.status, name: row.name, scales: board.scales, asOf: board.asOf, eventTitles: eventTitles)
        var value = riskRow(row, rank: 0)
        value["chart"] = chart.svg
        value["asOf"] = SiteModel.date(board.asOf)
        value["gone"] = row.gone
        for (key, setting) in [("availabilitySetBy", row.status.availability), ("prioritySetBy", row.status.priority)] {
            guard let setting, var event = link(setting.event) else { continue }
            event["sources"] = sourceLinks(board.eventSources[setting.event] ?? [])
            value[key] = event
        }
        value["vendorView"] = "status/\(row.vendor).html"
        return value
    }

    /// Links to sources labelled by publisher, short enough for a table cell.
    private func sourceLinks(_ ids: [String]) -> [[String: Any]] {
        ids.compactMap { id in
            guard var item = link(id), let source = kb.entry(id) else { return nil }
            item["title"] = publisherName(source)
            return item
        }
    }

    private func label(_ value: String?) -> String { value.map(board.scales.label) ?? "unknown" }

    private func availabilityText(_ status: EntityStatus) -> String {
        var text = label(status.availability?.value)
        if !status.channels.isEmpty {
            text +=
                " (" + status.channels.keys.sorted().map { "\($0): \(label(status.channels[$0]!.value).lowercased())" }.joined(separator: ", ") + ")"
        }
        return text
    }
}
