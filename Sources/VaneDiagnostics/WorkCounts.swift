/// What a build did, counted: the measure of whether work follows the change. Tests
/// assert them (as Hugo's tests assert render counts); `--verbose` prints them.
public struct WorkCounts: Sendable, Equatable {
    /// Markdown files parsed from their bytes.
    public var parsed = 0
    /// Stored parses decoded from the database: every stored one when they are decoded as
    /// they are read (the settings they were made with are this build's), else those of
    /// unchanged files.
    public var parsesDecoded = 0
    /// Entries linked (resolved, checked for duplicates, aliases and cycles).
    public var entriesLinked = 0
    /// Output files whose fingerprint was computed to decide whether to build them.
    public var outputsConsidered = 0
    /// Output files built (rendered or encoded) because their fingerprint changed.
    public var outputsBuilt = 0
    /// Output files written (the others were kept as they were, built or not).
    public var filesWritten = 0
    /// Database rows inserted, updated or deleted.
    public var rowsWritten = 0
    /// Copies of the graph made in memory for the `vane` blocks: one when a block runs SQL
    /// (holding the tables its statements read) or, under an `--as-of` that cuts the
    /// knowledge base (or when the graph could not be written), queries the graph (holding
    /// every table); else none (they read the graph the build writes).
    public var graphCopies = 0

    public init() {}

    /// `1 parsed, 20499 parses decoded, …`
    public var summary: String {
        [
            "\(parsed) parsed", "\(parsesDecoded) parses decoded", "\(entriesLinked) entries linked",
            "\(outputsConsidered) outputs considered", "\(outputsBuilt) outputs built", "\(filesWritten) files written",
            "\(rowsWritten) rows written", "\(graphCopies) graph copies",
        ].joined(separator: ", ")
    }
}
