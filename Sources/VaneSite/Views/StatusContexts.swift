import VaneContent

/// Contexts for the status view, the risk board and an entity's status.
extension SiteModel {
    func statusPage(vendor: String?) -> [String: Any] {
        let rows = board.rows.filter { vendor == nil || $0.vendor == vendor }
        let ranked = rows.filter { !$0.gone }
        let vendorName = vendor.flatMap { kb.entry($0)?.title }
        let heading = "Available today vs. strategic priority" + (vendorName.map { ": \($0)" } ?? "")
        let chart = PositionChart(board: board, rows: ranked, root: vendor == nil ? "" : "../", idPrefix: "positions-chart", channelName: channelName)
        var context: [String: Any] = [
            "pageTitle": heading, "heading": heading, "asOf": SiteModel.date(board.asOf),
            "chart": ["svg": chart.svg, "list": chart.list, "legend": chart.legend, "wide": chart.isWide], "positions": ranked.map(position),
            "board": ranked.enumerated().map { riskRow($1, rank: $0 + 1) },
        ]
        context["ends"] = endsBoard(rows: rows) ?? false
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

    /// How long ended ends stay on the "Announced ends" board.
    static let recentEndDays = 180

    /// The "Announced ends" board: every end still ahead, soonest first, then those that
    /// passed in the last 180 days; nil when there are none.
    func endsBoard(rows: [StatusRow]) -> [String: Any]? {
        let products = Set(rows.map(\.entity))
        let ends = board.announcedEnds(within: SiteModel.recentEndDays).filter { products.contains($0.entity) }
        guard !ends.isEmpty else { return nil }
        let (ahead, passed) = (ends.filter { $0.isAhead(asOf: board.asOf) }, ends.filter { !$0.isAhead(asOf: board.asOf) })
        var value: [String: Any] = ["asOf": SiteModel.date(board.asOf), "recentDays": SiteModel.recentEndDays]
        value["ahead"] = ahead.isEmpty ? false : ["rows": ahead.map(endRow)]
        value["passed"] = passed.isEmpty ? false : ["rows": passed.reversed().map(endRow)]
        return value
    }

    func endRow(_ end: AnnouncedEnd) -> [String: Any] {
        var value: [String: Any] = [
            "date": SiteModel.date(end.date), "countdown": end.countdown(asOf: board.asOf), "notice": end.notice,
            "name": kb.entry(end.entity)?.title ?? end.entity, "url": "entities/\(end.entity).html",
            "sources": sourceLinks(board.eventSources[end.event] ?? []),
        ]
        value["channel"] = end.channel.map { channelName($0) } ?? false
        value["event"] = link(end.event) ?? false
        let successors = board.entities[end.entity]?.successors ?? []
        value["successors"] = successors.isEmpty ? false : ["items": links(successors)]
        return value
    }

    /// A channel's name: the entity's when it names one.
    func channelName(_ channel: String) -> String { kb.entry(channel)?.title ?? channel }

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
        let (first, rest) = why(row)
        var value: [String: Any] = [
            "rank": rank, "name": row.name, "url": "entities/\(row.entity).html",
            "availability": availabilityText(row.status) + (row.via.isEmpty ? "" : ", via " + row.via.map(channelName).joined(separator: ", ")),
            "priority": label(row.status.priority?.value), "why": first, "whyMore": rest.isEmpty ? false : ["moves": rest],
        ]
        value["ends"] = row.nextEnd.map { ["date": SiteModel.date($0.date), "countdown": $0.countdown(asOf: board.asOf)] as [String: Any] } ?? false
        // Every key is set, even when empty: Mustache would otherwise look a missing key
        // up in the enclosing page's context.
        value["vendor"] = link(row.vendor) ?? false
        value["since"] = row.status.since.map(SiteModel.date) ?? false
        value["risk"] = row.risk.map { String($0.score) } ?? "–"
        value["level"] = row.risk.map { $0.score >= 70 ? "high" : $0.score >= 30 ? "medium" : "low" } ?? "none"
        value["hasRisk"] = row.risk != nil
        return value
    }

    /// The move that matters, then the rest newest first: an announced end still ahead, else
    /// the latest fall, else the latest move (what set today's values).
    private func why(_ row: StatusRow) -> (first: [[String: Any]], rest: [[String: Any]]) {
        var items = row.status.moves.reversed().map { ($0, move($0)) }
        var first: [String: Any]?
        if let end = row.nextEnd {
            var item: [String: Any] = [
                "date": SiteModel.date(end.announced), "axis": "end",
                "change": "announced for \(end.date.display)\(end.channel.map { " (\(channelName($0)))" } ?? ""), \(end.notice)' notice",
                "sources": sourceLinks(board.eventSources[end.event] ?? []),
            ]
            item["event"] = link(end.event) ?? false
            first = item
        } else if let fall = items.firstIndex(where: { isFall($0.0) }) {
            first = items.remove(at: fall).1
        } else if !items.isEmpty {
            first = items.removeFirst().1
        }
        return (first.map { [$0] } ?? [], items.map(\.1))
    }

    private func isFall(_ m: StatusMove) -> Bool {
        guard let from = m.from, let was = board.scales.rank(from, on: m.axis), let now = board.scales.rank(m.to, on: m.axis) else { return false }
        return now > was
    }

    private func move(_ m: StatusMove) -> [String: Any] {
        let change = m.from.map { "\(label($0)) → \(label(m.to))" } ?? label(m.to)
        let axis = m.axis == .availability ? "availability" + (m.channel.map { " (\(channelName($0)))" } ?? "") : "priority"
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
        value["announcedEnds"] = row.status.ends.isEmpty ? false : ["rows": row.status.ends.map(endRow)]
        return value
    }

    /// Links to sources labelled by publisher, short enough for a table cell.
    func sourceLinks(_ ids: [String]) -> [[String: Any]] {
        ids.compactMap { id in
            guard var item = link(id), let source = kb.entry(id) else { return nil }
            item["title"] = publisherName(source)
            return item
        }
    }

    private func label(_ value: String?) -> String { value.map(board.scales.label) ?? "unknown" }

    private func availabilityText(_ status: EntityStatus) -> String {
        var text = label(status.availability?.value)
        // Channels are worth naming when they stand apart.
        if Set(status.channels.values.map(\.value)).count > 1 || status.channels.values.contains(where: { $0.value != status.availability?.value }) {
            let channels = status.channels.keys.sorted().map { "\(channelName($0)): \(label(status.channels[$0]!.value).lowercased())" }
            text += " (" + channels.joined(separator: ", ") + ")"
        }
        return text
    }
}
