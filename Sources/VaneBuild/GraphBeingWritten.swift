import Foundation
import GRDB
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneQuery

/// The graph a build writes, on a thread of its own, started once the knowledge base has
/// loaded clean. The `vane` blocks that query the graph read this one, before the build
/// commits it (its delta in the transaction still open, or the new file beside the path),
/// and the pages render while the rest of it (the board `vane status` reads) is made.
final class GraphBeingWritten: Sendable {
    /// `board`: the stored `vane status` JSON's state rows; `rows`: the same board for the
    /// `board` table (nil when none was made).
    typealias Made = (
        graph: Result<PreparedGraph, GraphStoreError>, board: [String: String], rows: (board: [BoardRecord], exposure: [ExposureRecord])?,
        timings: Timings
    )

    private let thread: OwnThread<Made>
    private let prepared: Locked<Result<PreparedGraph, GraphStoreError>?>
    private let preparedReady: DispatchSemaphore
    private let siteBoard: Locked<StatusBoard?>
    private let siteBoardReady: DispatchSemaphore
    private let abandoned: Locked<Bool>

    /// `sharesBoard`: the board stored for `vane status` is the site's own (handed over by
    /// `share`), not computed a second time.
    init(_ result: LoadResult, at url: URL, previous: DatabaseParseCache?, sharesBoard: Bool, asOf: FuzzyDate, build: String) {
        let prepared = Locked<Result<PreparedGraph, GraphStoreError>?>(nil)
        let preparedReady = DispatchSemaphore(value: 0)
        let siteBoard = Locked<StatusBoard?>(nil)
        let siteBoardReady = DispatchSemaphore(value: 0)
        let abandoned = Locked(false)
        (self.prepared, self.preparedReady, self.siteBoard, self.siteBoardReady) = (prepared, preparedReady, siteBoard, siteBoardReady)
        self.abandoned = abandoned
        thread = OwnThread {
            var clock = Timings()
            let made = Result { () throws(GraphStoreError) in
                try clock.measure("database prepare") { () throws(GraphStoreError) in
                    try GraphStore.prepare(result, at: url, previous: previous, cancelled: { abandoned.value })
                }
            }
            prepared.withLock { $0 = made }
            preparedReady.signal()
            // `vane status --format json` of the graph being written, for the read most asked for.
            var board: [String: String] = [:]
            var rows: (board: [BoardRecord], exposure: [ExposureRecord])?
            if case .success = made {
                (board, rows) = clock.measure("status") {
                    var whole: StatusBoard?
                    if sharesBoard {
                        siteBoardReady.wait()
                        whole = siteBoard.value
                    }
                    if abandoned.value { return ([:], nil) }
                    let made = whole ?? StatusBoard(result.knowledgeBase, asOf: asOf)
                    let exposure = ExposureBoard(board: made, uses: ExposureBoard.uses(of: result.knowledgeBase))
                    return (
                        StatusSnapshot.state(of: made, asOf: asOf, build: build), (BoardRecord.rows(of: made), ExposureRecord.rows(of: exposure))
                    )
                }
            }
            return (made, board, rows, clock)
        }
    }

    /// The graph's connection once its rows are written, for the blocks to read; nil when
    /// writing it failed (the build fails on that error, reported when it is joined).
    var database: DatabaseQueue? {
        preparedReady.wait()
        defer { preparedReady.signal() }
        return try? prepared.value?.get().database
    }

    /// The site's board, as the site model made it.
    func share(_ board: StatusBoard) {
        siteBoard.withLock { $0 = board }
        siteBoardReady.signal()
    }

    /// Everything written, once it is; after `abandon` when no site board will come.
    var value: Made { thread.value }

    /// For a build that stops before its pages render: the status board is not waited
    /// for, a whole graph being written stops, and what was written is thrown away
    /// (rolled back, or the file removed).
    func abandon() {
        abandoned.withLock { $0 = true }
        siteBoardReady.signal()
        (try? thread.value.graph.get())?.discard()
    }

    /// For a render that failed, perhaps before the site's board was made: the board is
    /// computed from the knowledge base if it was not handed over, so that `value` returns.
    func renderEnded() {
        siteBoardReady.signal()
    }
}
