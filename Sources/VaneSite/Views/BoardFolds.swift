import VaneContent

/// Rows folded for a long board: release cycles under their product. A row whose parent
/// is of its own type and has no status of its own (endoflife.date's cycles are products
/// under a product that carries none) joins its parent's fold, which is shown as that
/// parent, led by its highest-ranked cycle; any other row is a fold of its own.
/// A product's release cycles as its page says them, when it has no status of its own.
struct CyclesStatusView: Encodable {
    var asOf: DateView
    /// "3 release cycles available: 22.04, 24.04, 25.10".
    var cycles: String
    var cyclesGone: String?
    var nextEnd: CountdownView?
    /// The cycle that end is of (the riskiest).
    var riskiest: LinkView?
    /// Its riskiest cycle's, in words.
    var cycleRisk: String?
    var cycleLevel: String
    /// Some cycle is available (with no risk: none has both axes); else all are gone.
    var available: Bool
    /// Its vendor's view, when the page links no view of its own.
    var boardView: String?
    /// What its parts are, as the count calls them: "release cycle", or "product" for
    /// products under it that are not its release cycles (EKS's versions).
    var part: String
}

struct Fold {
    var parent: String?
    var rows: [StatusRow]
    var lead: StatusRow { rows[0] }
}

extension SiteModel {
    /// At most this many products on a board, and among the gone, and in status.html's
    /// chart's data (the vendors' own views list the rest; endoflife.date's Samsung Mobile
    /// alone has 437 release cycles), and this many ends on a summary's ends board.
    static let boardLimit = 100, endsLimit = 10, homeEndsLimit = 10
    /// A vendor's own view lists its products on its board, so its ends board can stop at
    /// this many a part; and it lists the other vendors only when they are this few.
    static let vendorEndsLimit = 25, vendorListLimit = 40

    /// The parent a row folds under, if any: a product of its own type with no status of
    /// its own (a product that has one keeps its row, under its name, and so do its
    /// editions: Anvil Pro under Anvil is not shown as Anvil).
    func foldParent(_ entity: String) -> String? {
        guard let parent = board.entities[entity]?.parent, let type = board.entities[entity]?.type, board.entities[parent]?.type == type,
            board.rowsByEntity[parent] == nil
        else {
            return nil
        }
        return parent
    }

    /// `rows` folded, in their order.
    func folds(_ rows: [StatusRow]) -> [Fold] {
        var folds: [Fold] = []
        var index: [String: Int] = [:]
        for row in rows {
            let parent = foldParent(row.entity)
            let key = parent.map { "fold:" + $0 } ?? row.entity
            if let i = index[key] {
                folds[i].rows.append(row)
            } else {
                index[key] = folds.count
                folds.append(Fold(parent: parent, rows: [row]))
            }
        }
        return folds
    }

    /// A fold as one row: its lead's position and risk, under the parent's name and page.
    func foldRow(_ fold: Fold) -> StatusRow {
        guard let parent = fold.parent else { return fold.lead }
        var row = fold.lead
        row.entity = parent
        row.name = board.entities[parent]?.name ?? parent
        row.successors = []
        return row
    }

    /// "3 release cycles available: 9.4, 9.5, 10.0" (each cycle named without its product's name).
    private func foldedLine(_ fold: Fold) -> String? {
        guard let parent = fold.parent else { return nil }
        let prefix = (board.entities[parent]?.name ?? parent) + " "
        // In natural order, as a reader counts versions (10.6 after 7), not the board's.
        let names = fold.rows.map { $0.name.hasPrefix(prefix) ? String($0.name.dropFirst(prefix.count)) : $0.name }
            .sorted { VersionOrder.precedes($0, $1) }
        let shown = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        return "\(counted(fold)) \(fold.lead.gone ? "gone" : "available"): \(shown)"
    }

    /// "3 release cycles", or "2 products" for products under a product that are not its
    /// release cycles (Chrome's Manifest V3 read as a release cycle of Chrome).
    func counted(_ fold: Fold) -> String {
        let n = fold.rows.count
        return "\(n) \(part(fold))" + (n == 1 ? "" : "s")
    }

    /// "release cycle", or "product" (see `counted`).
    func part(_ fold: Fold) -> String {
        let product = fold.parent.flatMap { board.entities[$0]?.name } ?? ""
        let cycles = fold.rows.allSatisfy { CycleFacts.isCycle(named: $0.name, facts: board.entities[$0.entity]?.cycle, under: product) }
        return cycles ? "release cycle" : "product"
    }

    /// A product whose status is its release cycles' (an imported one): on its own page, what
    /// its row on the board says of them (the status it has none of itself), and how many are
    /// gone. Nil for a product with a status, or with no cycle on the board.
    func cyclesStatus(of id: String) -> CyclesStatusView? {
        guard statusRows[id] == nil, let (ranked, gone) = cycleFolds()[id] else { return nil }
        guard let fold = ranked ?? gone else { return nil }
        let row = foldedRiskRow(fold, rank: 0)
        let goneCount = ranked == nil ? 0 : gone?.rows.count ?? 0
        return CyclesStatusView(
            asOf: DateView(board.asOf), cycles: row.folded ?? "",
            cyclesGone: goneCount == 0 ? nil : "\(goneCount) more \(goneCount == 1 ? "is" : "are") no longer available",
            // The end without its cycle's name: the link before it names the cycle
            // ("PostgreSQL 15: 11 November 2027 (PostgreSQL 15)" said it twice).
            nextEnd: riskRow(foldRow(fold), rank: 0).ends, riskiest: link(fold.lead.entity), cycleRisk: row.hasRisk ? row.risk : nil,
            cycleLevel: row.level,
            available: ranked != nil, boardView: vendors.contains(id) ? nil : "status/\(fold.lead.vendor).html",
            // Of the products gone too, when none is available: the count read "release cycles".
            part: part(Fold(parent: fold.parent, rows: (ranked?.rows ?? []) + (gone?.rows ?? []))))
    }

    /// What is directly under `id` with a status of its own on the board, counted as its page
    /// says it: `3 available today, 6 no longer available`; nil when nothing is.
    func membersStatus(of id: String) -> String? {
        let rows = sources(to: id, .parent).compactMap { board.rowsByEntity[$0] }
        guard !rows.isEmpty else { return nil }
        let gone = rows.count { $0.gone }
        return [rows.count - gone > 0 ? "\(rows.count - gone) available today" : nil, gone > 0 ? "\(gone) no longer available" : nil]
            .compactMap { $0 }.joined(separator: ", ")
    }

    /// Each product's folded cycles on the board, ranked and gone, made once a build.
    private func cycleFolds() -> [String: (ranked: Fold?, gone: Fold?)] {
        memo.value("cycle folds as of \(board.asOf.text)") {
            var byParent: [String: (ranked: Fold?, gone: Fold?)] = [:]
            for fold in folds(board.ranked) { if let parent = fold.parent { byParent[parent, default: (nil, nil)].ranked = fold } }
            for fold in folds(board.rows.filter(\.gone)) { if let parent = fold.parent { byParent[parent, default: (nil, nil)].gone = fold } }
            return byParent
        }
    }

    func foldedRiskRow(_ fold: Fold, rank: Int) -> RiskRowView {
        var view = riskRow(foldRow(fold), rank: rank)
        view.folded = foldedLine(fold)
        // The end counted down is the lead cycle's: said whose (PHP's row counted down to
        // PHP 8.2's end while 8.3 goes on, and said nothing of it).
        if let cycle = view.cycle, var ends = view.ends {
            ends.channel = [cycle, ends.channel].compactMap { $0 }.joined(separator: " · ")
            view.ends = ends
        }
        return view
    }
}
