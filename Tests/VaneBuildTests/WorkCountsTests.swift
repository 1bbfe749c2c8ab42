import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneDiagnostics
import VaneTestSupport

/// The work a build does follows the change: counted on every build (as Hugo's tests count
/// renders), at 1,000 events, so that a shortcut lost shows as a number, not a timing.
@Suite(.tags(.slow), .fullTierOnly)
struct WorkCountsTests {
    private func build(_ kb: TemporaryKnowledgeBase) -> WorkCounts {
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics.filter { $0.severity == .error }) \(outcome.failure.map { "\($0)" } ?? "")")
        return outcome.work
    }

    @Test func eachEditDoesWorkInProportion() throws {
        let kb = try TemporaryKnowledgeBase()
        try SyntheticKnowledgeBase.write(events: 1000, into: kb)
        let full = build(kb)
        #expect(full.parsed == 1065)
        #expect(full.parsesDecoded == 0)
        #expect(full.outputsBuilt > 1000 && full.outputsBuilt <= full.outputsConsidered)
        #expect(full.filesWritten == full.outputsConsidered)
        #expect(full.rowsWritten > 5000)

        // Nothing changed: nothing is read beyond the file list, nothing is written.
        #expect(build(kb) == WorkCounts())

        // One body edited: one parse, its page and the files that carry its body.
        let event = "Content/events/2015/event-0.md"
        try kb.write(try kb.read(event) + "\nOne more line.\n", to: event)
        let body = build(kb)
        #expect(body.parsed == 1)
        #expect(body.outputsBuilt <= 6, "\(body.summary)")
        #expect(body.filesWritten <= body.outputsBuilt, "\(body.summary)")
        // Its rows, and per output it changed a fingerprint and its body spans (build state).
        #expect(body.rowsWritten <= 40 + 2 * body.outputsBuilt, "\(body.summary)")
        #expect(body.parsesDecoded <= 1, "\(body.summary)")
        #expect(body.outputsConsidered <= 10, "\(body.summary)")
        #expect(body.entriesLinked == 0, "\(body.summary)")

        // One event added, one removed, one entity renamed: rows for those entries only,
        // never the whole database written again.
        try kb.write(
            "---\ntitle: A new event\ndate: 2025-05\ntype: other\nentities: [product-3]\nsources: [source-1]\n---\nNew.\n",
            to: "Content/events/2025/new-event.md")
        let added = build(kb)
        #expect(added.parsed == 1)
        #expect(added.rowsWritten <= 40 + 2 * added.outputsBuilt, "\(added.summary)")
        try kb.remove("Content/events/2016/event-1.md")
        let removed = build(kb)
        #expect(removed.parsed == 0)
        #expect(removed.rowsWritten <= 40 + 2 * removed.outputsBuilt, "\(removed.summary)")
        try kb.write(
            try kb.read("Content/entities/product-3.md").replacingOccurrences(of: "name: Product 3", with: "name: Product Three"),
            to: "Content/entities/product-3.md")
        let renamed = build(kb)
        #expect(renamed.parsed == 1)
        #expect(renamed.rowsWritten <= 40 + 2 * renamed.outputsBuilt, "\(renamed.summary)")
    }
}
