import VaneContent

// MARK: - View models of the status view, the risk board and an entity's status

/// A move on the risk board's "Why": when, which axis, from what to what, set by which
/// event on which sources.
struct MoveView: Encodable {
    var date: DateView
    var axis: String
    var change: String
    var sources: [LinkView]
    var event: LinkView?
}

struct CountdownView: Encodable {
    var date: DateView
    var countdown: String
}

/// One product on the risk board.
struct RiskRowView: Encodable {
    struct More: Encodable { var moves: [MoveView] }

    var rank: Int
    var name: String
    var url: String
    var availability: String
    var priority: String
    /// The move that matters (at most one), then the others behind a `<details>`.
    var why: [MoveView]
    var whyMore: More?
    var ends: CountdownView?
    /// What replaces it, with each successor's own position.
    var successors: String?
    var vendor: LinkView?
    var since: DateView?
    var risk: String
    var level: String
    var hasRisk: Bool
}

struct RiskSummary: Encodable {
    var board: [RiskRowView]
    var asOf: DateView
}

struct EndRowView: Encodable {
    var date: DateView
    var countdown: String
    var notice: String
    var name: String
    var url: String
    var sources: [LinkView]
    var channel: String?
    var event: LinkView?
    var successors: Section?
}

struct EndsBoard: Encodable {
    struct Rows: Encodable { var rows: [EndRowView] }
    var asOf: DateView
    var recentDays: Int
    var ahead: Rows?
    var passed: Rows?
}

struct StatusPage: Encodable {
    struct Chart: Encodable {
        var svg: String
        var list: String
        var legend: String
        var wide: Bool
    }
    struct Position: Encodable {
        var name: String
        var url: String
        var availability: String
        var priority: String
        var trail: String
    }
    struct Gone: Encodable { var rows: [RiskRowView] }

    var heading: String
    var asOf: DateView
    var chart: Chart
    var positions: [Position]
    var board: [RiskRowView]
    var ends: EndsBoard?
    var vendor: LinkView?
    var gone: Gone?
    var vendors: Section?
}

/// A product's current status on its page: its board row, and more.
struct EntityStatusView: Encodable {
    struct Ends: Encodable { var rows: [EndRowView] }

    var row: RiskRowView
    var chart: String
    var asOf: DateView
    var gone: Bool
    var availabilitySetBy: LinkView?
    var prioritySetBy: LinkView?
    var vendorView: String
    var announcedEnds: Ends?

    enum CodingKeys: String, CodingKey { case chart, asOf, gone, availabilitySetBy, prioritySetBy, vendorView, announcedEnds }

    /// The row's fields and these side by side, as the template reads them.
    func encode(to encoder: any Encoder) throws {
        try row.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(chart, forKey: .chart)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(gone, forKey: .gone)
        try c.encodeIfPresent(availabilitySetBy, forKey: .availabilitySetBy)
        try c.encodeIfPresent(prioritySetBy, forKey: .prioritySetBy)
        try c.encode(vendorView, forKey: .vendorView)
        try c.encodeIfPresent(announcedEnds, forKey: .announcedEnds)
    }
}

extension SiteModel {
    func statusPage(vendor: String?) -> StatusPage {
        let rows = board.rows.filter { vendor == nil || $0.vendor == vendor }
        let ranked = rows.filter { !$0.gone }
        let vendorName = vendor.flatMap { kb.entry($0)?.title }
        let heading = "Available today vs. strategic priority" + (vendorName.map { ": \($0)" } ?? "")
        let chart = PositionChart(board: board, rows: ranked, root: vendor == nil ? "" : "../", idPrefix: "positions-chart", channelName: channelName)
        let gone = rows.filter(\.gone)
        let others = vendors.filter { $0 != vendor }.compactMap { v -> LinkView? in
            guard var item = link(v) else { return nil }
            item.url = "status/\(v).html"
            return item
        }
        var vendorLinks = others
        if !vendorLinks.isEmpty { vendorLinks[vendorLinks.count - 1].last = true }
        return StatusPage(
            heading: heading, asOf: DateView(board.asOf),
            chart: StatusPage.Chart(svg: chart.svg, list: chart.list, legend: chart.legend, wide: chart.isWide),
            positions: ranked.map(position), board: ranked.enumerated().map { riskRow($1, rank: $0 + 1) }, ends: endsBoard(rows: rows),
            vendor: vendor.flatMap(link), gone: gone.isEmpty ? nil : StatusPage.Gone(rows: gone.map { riskRow($0, rank: 0) }),
            vendors: vendorLinks.isEmpty ? nil : Section(items: vendorLinks))
    }

    /// The top of the board, for the home page.
    func riskSummary(limit: Int) -> RiskSummary? {
        let top = board.ranked.prefix(limit)
        guard !top.isEmpty else { return nil }
        return RiskSummary(board: top.enumerated().map { riskRow($1, rank: $0 + 1) }, asOf: DateView(board.asOf))
    }

    /// How long ended ends stay on the "Announced ends" board.
    static let recentEndDays = 180

    /// The "Announced ends" board: every end still ahead, soonest first, then those that
    /// passed in the last 180 days; nil when there are none.
    func endsBoard(rows: [StatusRow]) -> EndsBoard? {
        let products = Set(rows.map(\.entity))
        let ends = board.announcedEnds(within: SiteModel.recentEndDays).filter { products.contains($0.entity) }
        guard !ends.isEmpty else { return nil }
        let (ahead, passed) = (ends.filter { $0.isAhead(asOf: board.asOf) }, ends.filter { !$0.isAhead(asOf: board.asOf) })
        return EndsBoard(
            asOf: DateView(board.asOf), recentDays: SiteModel.recentEndDays, ahead: ahead.isEmpty ? nil : EndsBoard.Rows(rows: ahead.map(endRow)),
            passed: passed.isEmpty ? nil : EndsBoard.Rows(rows: passed.reversed().map(endRow)))
    }

    func endRow(_ end: AnnouncedEnd) -> EndRowView {
        EndRowView(
            date: DateView(end.date), countdown: end.countdown(asOf: board.asOf), notice: end.notice,
            name: kb.entry(end.entity)?.title ?? end.entity, url: "entities/\(end.entity).html",
            sources: sourceLinks(board.eventSources[end.event] ?? []),
            channel: end.channel.map { channelName($0) }, event: link(end.event), successors: section(board.entities[end.entity]?.successors ?? []))
    }

    /// A channel's name: the entity's when it names one.
    func channelName(_ channel: String) -> String { kb.entry(channel)?.title ?? channel }

    private func position(_ row: StatusRow) -> StatusPage.Position {
        let trail = row.status.points.dropLast().map { point in
            "\(point.date.display): \(label(point.availability)), \(label(point.priority))"
        }
        return StatusPage.Position(
            name: row.name, url: "entities/\(row.entity).html", availability: availabilityText(row.status),
            priority: label(row.status.priority?.value), trail: trail.joined(separator: "; "))
    }

    func riskRow(_ row: StatusRow, rank: Int) -> RiskRowView {
        let (first, rest) = why(row)
        return RiskRowView(
            rank: rank, name: row.name, url: "entities/\(row.entity).html",
            availability: availabilityText(row.status) + (row.via.isEmpty ? "" : ", via " + row.via.map(channelName).joined(separator: ", ")),
            priority: label(row.status.priority?.value), why: first.map { [$0] } ?? [], whyMore: rest.isEmpty ? nil : RiskRowView.More(moves: rest),
            ends: (row.nextEnd ?? row.nextClosure).map {
                CountdownView(date: DateView($0.date), countdown: ($0.kind == .closure ? "sign-ups close: " : "") + $0.countdown(asOf: board.asOf))
            },
            successors: board.successorLine(row).map { "→ " + $0 }, vendor: link(row.vendor),
            since: row.status.since.map(DateView.init), risk: row.risk.map { String($0.score) } ?? "–",
            level: row.risk.map { $0.score >= 70 ? "high" : $0.score >= 30 ? "medium" : "low" } ?? "none", hasRisk: row.risk != nil)
    }

    /// The move that matters, then the rest newest first: an announced end still ahead, else
    /// the latest fall, else the latest move (what set today's values).
    private func why(_ row: StatusRow) -> (first: MoveView?, rest: [MoveView]) {
        var items = row.status.moves.reversed().map { ($0, move($0)) }
        if let end = row.nextEnd ?? row.nextClosure {
            let change = "announced for \(end.date.display)\(end.channel.map { " (\(channelName($0)))" } ?? ""), \(end.notice)' notice"
            let item = MoveView(
                date: DateView(end.announced), axis: end.kind == .end ? "end" : "sign-ups close", change: change,
                sources: sourceLinks(board.eventSources[end.event] ?? []),
                event: link(end.event))
            return (item, items.map(\.1))
        }
        if let fall = items.firstIndex(where: { isFall($0.0) }) {
            let first = items.remove(at: fall).1
            return (first, items.map(\.1))
        }
        guard !items.isEmpty else { return (nil, []) }
        let first = items.removeFirst().1
        return (first, items.map(\.1))
    }

    private func isFall(_ m: StatusMove) -> Bool {
        guard let from = m.from, let was = board.scales.rank(from, on: m.axis), let now = board.scales.rank(m.to, on: m.axis) else { return false }
        return now > was
    }

    private func move(_ m: StatusMove) -> MoveView {
        let change = m.from.map { "\(label($0)) → \(label(m.to))" } ?? label(m.to)
        let axis = m.axis == .availability ? "availability" + (m.channel.map { " (\(channelName($0)))" } ?? "") : "priority"
        return MoveView(
            date: DateView(m.date), axis: axis, change: change, sources: sourceLinks(board.eventSources[m.event] ?? []), event: link(m.event))
    }

    /// An entity's current status and history chart, when it has one.
    func entityStatus(_ id: String) -> EntityStatusView? {
        guard let row = statusRows[id] else { return nil }
        let charts = [HistoryChart.Size.wide, .narrow].map {
            HistoryChart(status: row.status, name: row.name, scales: board.scales, asOf: board.asOf, eventTitles: eventTitles, size: $0).svg
        }
        func setBy(_ setting: AxisSetting?) -> LinkView? {
            guard let setting, var event = link(setting.event) else { return nil }
            event.sources = sourceLinks(board.eventSources[setting.event] ?? [])
            return event
        }
        return EntityStatusView(
            row: riskRow(row, rank: 0), chart: charts.joined(separator: "\n"), asOf: DateView(board.asOf), gone: row.gone,
            availabilitySetBy: setBy(row.status.availability), prioritySetBy: setBy(row.status.priority), vendorView: "status/\(row.vendor).html",
            announcedEnds: row.status.ends.isEmpty ? nil : EntityStatusView.Ends(rows: row.status.ends.map(endRow)))
    }

    /// Links to sources labelled by publisher, short enough for a table cell.
    func sourceLinks(_ ids: [String]) -> [LinkView] {
        ids.compactMap { id in
            guard var item = link(id), let source = kb.entry(id) else { return nil }
            item.title = publisherName(source)
            return item
        }
    }

    func label(_ value: String?) -> String { value.map(board.scales.label) ?? "unknown" }

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
