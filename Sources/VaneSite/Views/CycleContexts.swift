import VaneContent

/// A product's release cycles as endoflife.date's table shows them: one row per cycle, in
/// natural version order (2 before 10), with a column for each fact some cycle has.
struct CyclesTable: Encodable {
    struct Row: Encodable {
        var title: String
        var url: String
        /// Each fact under its column's name (a stacked row names it).
        var cells: [CycleFactView]
        /// Where it stands at the as-of day (`Retired`, `Generally available (extended-support
        /// (extended): generally available, standard: retired)`).
        var status: String
    }

    var headers: [String]
    var rows: [Row]
    var asOf: DateView
}

/// One fact of a cycle's page (`Extended support: until 1 April 2028`).
struct CycleFactView: Encodable {
    var label: String
    var text: String
}

extension SiteModel {
    /// The table of a product's cycles (its children with cycle facts); nil when it has none.
    func cyclesTable(of id: String) -> CyclesTable? {
        let children = sources(to: id, .parent).compactMap { child -> (Entry, CycleFacts)? in
            guard let entry = kb.entry(child), let facts = CycleFacts(entry.extra) else { return nil }
            return (entry, facts)
        }
        // By the names shown (Galaxy A06, Galaxy A06 5G, Galaxy A6 (2018)), then the data's cycle.
        let cycles = VersionOrder.sorted(children, by: \.0.title) { VersionOrder.precedes($0.1.cycle, $1.1.cycle) }
        guard !cycles.isEmpty else { return nil }
        let cells = cycles.map(\.1.cells)
        let headers = CycleFacts.columns.filter { column in cells.contains { $0[column] != nil } }
        return CyclesTable(
            headers: headers,
            rows: zip(cycles, cells).map { cycle, cells in
                CyclesTable.Row(
                    title: cycle.0.title, url: SiteModel.url(of: cycle.0), cells: headers.map { CycleFactView(label: $0, text: cells[$0] ?? "–") },
                    status: statusRows[cycle.0.id].map { availabilityText($0.status) } ?? notYet(cycle.1) ?? "unknown")
            }, asOf: DateView(board.asOf))
    }

    /// A cycle with no status yet whose release date is after the site's day (a site as of
    /// a day before it: it read "unknown").
    private func notYet(_ facts: CycleFacts) -> String? {
        guard let text = facts.released, let released = try? FuzzyDate(parsing: text), released.startKey > board.asOf.endKey else { return nil }
        return "not released yet"
    }

    /// A cycle's own facts, for its page; nil when it is not a cycle.
    func cycleFacts(of entry: Entry) -> [CycleFactView]? {
        CycleFacts(entry.extra).map { $0.lines.map { CycleFactView(label: $0.label, text: $0.text) } }
    }
}
