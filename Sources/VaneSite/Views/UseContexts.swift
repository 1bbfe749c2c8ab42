import Foundation
import VaneContent

// A use's page (Content/uses/).

struct UsePage: Encodable {
    var product: Section?
    var team: String?
    var criticality: String
    var version: String?
    var plan: String?
    var planDate: DateView?
    /// The plan's date has passed on the site's day.
    var planOverdue: Bool
    var generated: String?
    var standing: UseStanding?
    /// The day the use ends (`until`), and whether it had by the site's day.
    var until: DateView?
    var ended: Bool
}

/// Where a use stands as `vane exposure` ranks it: the end that strands it (ahead, or come)
/// and how late its plan is.
struct UseStanding: Encodable {
    /// The band in words: "gone", "announced end".
    var band: String
    var ends: DateView?
    /// The channel the end is one of (`standard`), never said to be the whole product's.
    var channel: String?
    /// `37 days left`, `ended 165 days ago`.
    var countdown: String?
    /// Days the plan finishes after the end, when it does.
    var planLate: String?
    /// The day it stands as of: a countdown read a week later gave no day it counted from.
    var asOf: DateView? = nil
}

extension SiteModel {
    /// The uses of a product, model or release cycle, each with its owner and criticality:
    /// "Used by" on its page.
    /// A product's page lists its release cycles' uses too: an import's uses name a cycle
    /// (`python-3-12`), and the page of Python, whose cycles table a reader reads first, said
    /// nothing of them.
    func usedBy(_ id: String) -> Section? {
        let cycles = sources(to: id, .parent).filter { kb.entry($0).flatMap { CycleFacts($0.extra) } != nil }
        guard var section = section(sources(to: id, .uses) + cycles.flatMap { sources(to: $0, .uses) }) else { return nil }
        // Each with its band, as the exposure page says it: a use of a cycle gone for a year
        // read as one of a supported cycle.
        for i in section.items.indices {
            let use = kb.entry(section.items[i].id)?.use
            let product = targets(of: section.items[i].id, .uses).first ?? id
            let channel = use?.channel.map { channelName($0.text, of: product) }
            // One that ended (a migration done) says so, where the others say their band.
            let ended = kb.entry(section.items[i].id).flatMap { self.ended($0) ? $0.endDate.map { "ended \($0.display)" } : nil }
            section.items[i].detail = [
                channel, use?.team, use.map { "\($0.criticality.rawValue)" }, ended ?? exposureRows[section.items[i].id]?.band.words,
            ]
            .compactMap { $0 }.joined(separator: " · ")
        }
        return section
    }

    func usePage(_ e: Entry) -> UsePage {
        let facts = e.use
        var generated: String?
        if case .text(let tool) = e.extra["generated"] { generated = tool }
        var product = positioned(section(targets(of: e.id, .uses)))
        // The one channel it depends on, named with its product (`Heroku Dynos · free`), and
        // where that channel stands (not the product's most available channel).
        if let channel = facts?.channel, let item = product?.items.first {
            product?.items[0].title = item.title + " · " + channelName(channel.text, of: item.id)
            product?.items[0].detail = board.position(of: item.id, channel: channel.text)
        }
        return UsePage(
            product: product, team: facts?.team, criticality: facts?.criticality.rawValue ?? "medium",
            version: facts?.version, plan: facts?.plan, planDate: facts?.planDate.map(DateView.init),
            planOverdue: !ended(e) && planOverdue(facts?.planDate), generated: generated,
            standing: useStanding(e.id), until: e.endDate.map(DateView.init), ended: ended(e))
    }

    /// The use's row of the exposure board, in the words its page shows (nil for a use of
    /// what has no end, ahead or come): what the page's fingerprint follows too.
    func useStanding(_ id: String) -> UseStanding? {
        guard let row = exposureRows[id] else { return nil }
        // With no end, the band and the risk say where it stands (on the way out · 87).
        guard let end = row.end else {
            guard let risk = row.risk else {
                // Not tracked (no priority to weigh it against), or gone with no end announced
                // (retired by an event: it had no standing at all): where it stands all the same.
                guard row.band == .untracked || row.band == .gone else { return nil }
                return UseStanding(
                    band: ([row.band.words] + [row.position ?? untrackedWhy(row)].compactMap { $0 }).joined(separator: " · "), ends: nil,
                    channel: nil, countdown: nil, planLate: nil, asOf: DateView(board.asOf))
            }
            // With a closure of sign-ups ahead, its day: what puts it on its way out.
            return UseStanding(
                band: row.band == .drift ? "drift · \(risk)/100" : "\(row.band.words) · \(risk)", ends: row.closure.map { DateView($0.date) },
                channel: row.closure?.channel.map { channelName($0, of: row.use.product) }, countdown: row.closure.map(countdown),
                planLate: nil, asOf: DateView(board.asOf))
        }
        // Not tracked with an end that came: where it stands, as the exposure page says it
        // (the page said "untracked", the exposure page "not tracked · Generally available").
        let band =
            row.band == .untracked
            ? ([row.band.words] + [row.position ?? untrackedWhy(row)].compactMap { $0 }).joined(separator: " · ")
            : row.band.rawValue.replacingOccurrences(of: "-", with: " ")
        return UseStanding(
            band: band, ends: DateView(end.date),
            channel: end.channel.map { channelName($0, of: row.use.product) }, countdown: end.countdown(asOf: board.asOf),
            planLate: row.planLateText, asOf: DateView(board.asOf))
    }
}

// The exposure page: our uses ranked as `vane exposure` ranks them.

struct ExposurePage: Encodable {
    struct Row: Encodable {
        var rank: Int
        var use: LinkView?
        var product: LinkView?
        var version: String?
        var team: String?
        var criticality: String
        var band: String
        /// The band in words with the risk on its scale: "drift · 56/100", "gone".
        var standing: String
        var risk: Int?
        var exposure: Int?
        var ends: DateView?
        /// The channel that ends, with its tier (`extended-support (paid)`); nil for the product.
        var channel: String?
        /// `37 days left`, `ended 165 days ago`.
        var countdown: String?
        var notice: String?
        var successors: String?
        var plan: String?
        var planDate: DateView?
        var planOverdue: Bool
        /// Days the plan finishes after the end, when it does.
        var planLate: String?
    }
    var rows: [Row]
    var any: Bool
    var asOf: DateView
    /// On the home page: how many uses there are in all, when only the top is shown.
    var total: Int
    var more: Bool
}

extension SiteModel {
    /// The uses on the status board as of the site's day.
    /// Made once a build (the home page, the exposure page and every use's page read it):
    /// finding the uses' products walks every edge.
    var exposureBoard: ExposureBoard {
        memo.value("exposure board as of \(board.asOf.text)") { ExposureBoard(board: board, uses: ExposureBoard.uses(of: kb)) }
    }

    /// Its rows by use, for a use's page and the "Used by" of a product's (each page
    /// searched every row).
    var exposureRows: [String: ExposureRow] {
        memo.value("exposure rows as of \(board.asOf.text)") {
            Dictionary(exposureBoard.rows.map { ($0.use.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Why a use of a product with no status is not tracked, when its release cycles carry
    /// the status (an import's `nodejs`): the page said "not tracked" and nothing more.
    func untrackedWhy(_ row: ExposureRow) -> String? {
        guard row.band == .untracked, row.position == nil else { return nil }
        let under = sources(to: row.use.product, .parent).filter { statusRows[$0] != nil }
        guard !under.isEmpty else { return nil }
        return "its \(UseChecks.parts(under, of: row.use.product, in: kb)) carry the status: name the one you use"
    }

    /// Whether a use had ended (`until`) by the site's day.
    func ended(_ use: Entry) -> Bool { UseFacts.ended(use.endDate, by: board.asOf) }

    /// An end's countdown, or a closure's said as one (`sign-ups close: 85 days left`): the
    /// risk board's and the exposure's.
    func countdown(_ end: AnnouncedEnd) -> String { (end.kind == .closure ? "sign-ups close: " : "") + end.countdown(asOf: board.asOf) }

    /// Whether a plan's date (its whole period: `2026-06` is June) has passed on the site's
    /// day: said beside it (a plan for June read the same in December).
    func planOverdue(_ date: FuzzyDate?) -> Bool { date.map { $0.endKey < board.asOf.endKey } == true }

    /// A use's product, and the one channel it depends on (`Heroku Dynos · free`), with the
    /// version before the channel (`Amazon EKS 1.32 1.32 · extended-support (paid)`: after it,
    /// the version read as part of the channel's name).
    private func productLink(_ use: UseInfo) -> LinkView? {
        guard var product = link(use.product) else { return nil }
        if let channel = use.channel {
            product.title += (use.version.map { " " + $0 } ?? "") + " · " + channelName(channel, of: use.product)
        }
        return product
    }

    /// The first `limit` rows of the exposure page, or nil when nothing is used.
    func exposureSummary(limit: Int) -> ExposurePage? {
        let page = exposurePage(limit: limit)
        return page.any ? page : nil
    }

    func exposurePage(limit: Int = .max) -> ExposurePage {
        let all = exposureBoard.rows
        let rows = all.prefix(limit).enumerated().map { index, row in
            ExposurePage.Row(
                rank: index + 1, use: link(row.use.id), product: productLink(row.use), version: row.use.channel == nil ? row.use.version : nil,
                team: row.use.team,
                criticality: row.use.criticality.rawValue, band: row.band.rawValue,
                standing: row.risk.map { row.band == .drift ? "drift · \($0)/100" : "\(row.band.words) · \($0)" }
                    ?? ([row.band.words] + [row.band == .untracked ? row.position ?? untrackedWhy(row) : nil].compactMap { $0 }).joined(
                        separator: " · "), risk: row.risk,
                exposure: row.exposure,
                ends: row.shownEnd.map { DateView($0.date) }, channel: row.shownEnd?.channel.map { channelName($0, of: row.use.product) },
                countdown: row.shownEnd.map(countdown), notice: row.shownEnd?.notice,
                successors: board.successorLine(row.successors, of: row.use.product, channel: row.use.channel), plan: row.use.plan,
                planDate: row.use.planDate.map(DateView.init), planOverdue: planOverdue(row.use.planDate),
                planLate: row.planLateText)
        }
        return ExposurePage(rows: rows, any: !rows.isEmpty, asOf: DateView(board.asOf), total: all.count, more: all.count > rows.count)
    }
}
