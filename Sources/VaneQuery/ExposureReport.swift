import Foundation
import GRDB
import VaneContent
import VaneDiagnostics
import VaneGraph

/// `vane exposure` from the database: our uses on the status board.
extension GraphReader {
    /// Every use as stored.
    public func uses() throws -> [UseInfo] {
        try queue.read { db in
            guard try db.tableExists(UseRecord.databaseTableName) else { return [] }
            return try UseRecord.order(Column("id")).fetchAll(db).map { r in
                let criticality: Criticality = try RecordValue.decode(r.criticality, column: "uses.criticality")
                var use = UseInfo(
                    id: r.id, title: r.title, product: r.productID, team: r.team, criticality: criticality, version: r.version,
                    since: try r.since.map { try RecordValue.date($0, column: "uses.since") }, plan: r.plan,
                    planDate: try r.planDate.map { try RecordValue.date($0, column: "uses.plan_date") },
                    generated: r.generated)
                use.namedAfterProduct = r.namedAfterProduct
                use.channel = r.channel
                use.until = try r.until.map { try RecordValue.date($0, column: "uses.until") }
                return use
            }
        }
    }

    /// The exposure board at a date; an unknown `team` is a usage error naming the teams.
    public func exposureBoard(asOf: FuzzyDate, team: String? = nil) throws -> ExposureBoard {
        let uses = try uses()
        if let team {
            let teams = ExposureBoard.teams(uses)
            guard teams.contains(team) else {
                throw QueryError.unknownValue(what: "team", value: team, allowed: teams, note: teams.isEmpty ? "no use names a team" : nil)
            }
        }
        return ExposureBoard(board: try statusBoard(asOf: asOf), uses: uses, team: team)
    }
}

/// A use as `vane exposure --format json` prints it: every key always present.
public struct ExposureReportRow: Encodable, Sendable {
    public var rank: Int
    public var use: String
    public var title: String
    public var product: String
    /// The one channel of the product the use depends on; `null` for the product.
    @Null public var channel: String?
    public var productName: String
    public var vendor: String
    @Null public var team: String?
    public var criticality: String
    @Null public var version: String?
    @Null public var since: JSONDate?
    public var band: String
    @Null public var risk: Int?
    /// The risk weighed by criticality.
    @Null public var exposure: Int?
    @Null public var position: String?
    /// The end that strands us, still ahead; `null` when none is announced.
    @Null public var ends: EndReport?
    @Null public var daysLeft: Int?
    @Null public var noticeDays: Int?
    public var successors: [Successor]
    @Null public var plan: String?
    @Null public var planDate: JSONDate?
    /// Days the plan finishes after the end (negative: before it).
    @Null public var planLateDays: Int?
    @Null public var generated: String?
    /// With no end announced, the soonest day sign-ups close still ahead (of the use's
    /// channel, for a use of one), and its days left; `null` otherwise.
    @Null public var closes: EndReport?
    @Null public var closesDaysLeft: Int?

    public struct Successor: Encodable, Sendable {
        public var entity: String
        public var name: String
        @Null public var position: String?
        /// Where a successor that is gone leads on to, each step with its position, as the
        /// table's line (empty when it is not gone).
        public var onward: [Successor]
        /// The other successors of the line's last gone step, beside its last (Office 2019,
        /// gone, leads on to Office LTSC 2024 and to Microsoft 365 Apps).
        public var onwardAlso: [Successor]

        /// For a use of `channel`, where each stands on it (`StatusBoard.position(of:through:)`).
        init(_ id: String, board: StatusBoard, onward: Bool, channel: String? = nil) {
            entity = id
            name = board.entities[id]?.name ?? id
            position = board.position(of: id, through: channel)
            let chain = onward ? board.onward(from: id, through: channel) : []
            self.onward = chain.map { Successor($0, board: board, onward: false, channel: channel) }
            onwardAlso = board.onwardAlso(from: id, chain: chain).map { Successor($0, board: board, onward: false, channel: channel) }
        }
    }

    public init(_ row: ExposureRow, rank: Int, board: StatusBoard) {
        self.rank = rank
        use = row.use.id
        title = row.use.title
        product = row.use.product
        channel = row.use.channel
        productName = row.productName
        vendor = row.vendor
        team = row.use.team
        criticality = row.use.criticality.rawValue
        version = row.use.version
        since = row.use.since.map(JSONDate.init)
        band = row.band.rawValue
        risk = row.risk
        exposure = row.exposure
        position = row.position
        ends = row.end.map { EndReport($0, board: board) }
        daysLeft = row.daysLeft
        noticeDays = row.end?.noticeDays
        successors = row.successors.map { Successor($0, board: board, onward: true, channel: row.use.channel) }
        plan = row.use.plan
        planDate = row.use.planDate.map(JSONDate.init)
        planLateDays = row.planLate
        generated = row.use.generated
        closes = row.closure.map { EndReport($0, board: board) }
        closesDaysLeft = row.closureDaysLeft
    }
}

extension ExposureBoard {
    public var reportRows: [ExposureReportRow] {
        rows.enumerated().map { ExposureReportRow($1, rank: $0 + 1, board: board) }
    }

    /// The terminal table (dates as read) or CSV (dates as written, ids and numbers bare).
    public func table(for format: OutputFormat) -> TextTable {
        let csv = format == .csv
        let headers = [
            "RANK", "USE", "PRODUCT", "TEAM", "CRITICALITY", "BAND", "RISK", "EXPOSURE", "ENDS", "DAYS LEFT", "NOTICE", "SUCCESSORS", "PLAN",
            "PLAN DATE",
        ]
        let rows = self.rows.enumerated().map { index, row -> [String] in
            let none = csv ? "" : "-"
            // With no end, the table shows the day sign-ups close, as `vane status` does
            // (CSV: in columns of their own).
            let shown = csv ? row.end : row.shownEnd
            let ends = shown.map { end in
                csv ? end.date.text : (end.kind == .closure ? "sign-ups close " : "") + end.date.display + board.channelSuffix(end)
            }
            let notice = shown.map { csv ? String($0.noticeDays) : $0.notice }
            // Days left read "about" when the end's own date is coarser than a day, as `vane
            // ends` says them (the table printed `85` beside "about 167 days" of notice).
            // Of an end a recorded retirement met, the days count from the retirement: as exact
            // as its date ("about -31" beside "ended 31 days ago").
            let daysLeft =
                row.daysLeft.map { days in csv || row.end?.approximateDays != true ? String(days) : "about \(days)" }
                ?? (csv ? nil : row.closureDaysLeft.map { (row.closure?.approximateDays == true ? "about " : "") + String($0) })
            var plan = row.use.planDate.map { csv ? $0.text : $0.display }
            if !csv, let late = row.planLateText { plan = plan.map { "\($0) (\(late) days late)" } }
            let successors = csv ? row.successors.joined(separator: ";") : row.successorLine
            let product =
                csv
                ? row.use.product
                : row.use.product + (row.use.version.map { " \($0)" } ?? "")
                    + (row.use.channel.map { " · " + board.channelName($0, of: row.use.product) } ?? "")
            let shared = [
                String(index + 1), row.use.id, product, row.use.team ?? none, row.use.criticality.rawValue, row.band.rawValue,
                row.risk.map(String.init) ?? none, row.exposure.map(String.init) ?? none, ends ?? none, daysLeft ?? none,
                notice ?? none, successors ?? none, row.use.plan ?? none, plan ?? none,
            ]
            // What the table writes inside its cells, the CSV gives columns of its own.
            guard csv else { return shared }
            // Each successor's line on to where it leads while gone: `a>b>c;d`.
            // The last step's alternatives after a `|` (`office-2019>office-ltsc-2024|microsoft-365-apps`).
            let lines = row.successors.map { id in
                let chain = board.onward(from: id, through: row.use.channel)
                return ([id] + chain).joined(separator: ">") + board.onwardAlso(from: id, chain: chain).map { "|" + $0 }.joined()
            }.joined(separator: ";")
            let closes =
                row.closure.map { [$0.date.text, $0.channel ?? "", String($0.noticeDays), row.closureDaysLeft.map(String.init) ?? ""] } ?? [
                    "", "", "", "",
                ]
            return shared + [row.use.version ?? "", row.end?.channel ?? "", row.planLate.map(String.init) ?? "", lines, row.use.channel ?? ""]
                + closes
        }
        let csvHeaders =
            headers.map { $0.lowercased().replacingOccurrences(of: " ", with: "_") } + [
                "version", "end_channel", "plan_late_days", "successor_lines", "channel", "closes", "closes_channel", "closes_notice",
                "closes_days_left",
            ]
        return TextTable(headers: csv ? csvHeaders : headers, rows: rows)
    }
}
