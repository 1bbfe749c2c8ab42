import ArgumentParser
import Foundation
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneHistory
import VaneQuery

/// `--known-at DATE`: the knowledge base as recorded at the end of DATE (its last commit
/// on or before then), read from git objects, never checked out over the working tree.
struct RecordedOptions: ParsableArguments {
    @Option(name: .customLong("known-at"), help: "The knowledge base as recorded in git at the end of this period (its last commit by then).")
    var knownAt: String?

    /// A period that has not begun is refused: what will be recorded by then is not known.
    var date: FuzzyDate? {
        get throws {
            guard let knownAt else { return nil }
            let date = try parsePeriod(knownAt, option: "--known-at")
            let today = FuzzyDate.today()
            if date.startDay > today.startDay {
                throw UsageError(
                    "--known-at \(knownAt) is after today (\(today.text)): what will be recorded by then is not known yet; "
                        + "leave --known-at out to read the files as they are")
            }
            return date
        }
    }
}

/// The graph to read: the last build's database, or, with `--known-at`, the knowledge
/// base as recorded then, loaded from git into memory.
func open(_ kb: KnowledgeBaseOptions, _ recorded: RecordedOptions) throws -> GraphReader {
    guard let date = try recorded.date else { return try open(kb) }
    try kb.requireRootFolder()
    let snapshot = try RecordedSnapshot.at(date, root: kb.rootURL)
    defer { snapshot.remove() }
    let result = ContentLoader.load(root: snapshot.root)
    if result.hasErrors {
        report(result.diagnostics.filter { $0.severity == .error })
        throw CommandFailure("the knowledge base as recorded in \(snapshot.commit.short) (\(snapshot.commit.date)) has errors")
    }
    var reader = GraphReader(queue: try GraphStore.inMemory(result))
    reader.config = result.knowledgeBase.config
    // Today's ids name what had other ids then (the last build's graph knows them).
    if let today = try? GraphReader(url: kb.databaseURL) { try reader.addingTodaysIDs(from: today) }
    return reader
}
