import Foundation
import Testing
import VaneContent
import VaneQuery
import VaneSite
import VaneTestSupport

/// Rebuilds render only the pages whose inputs changed, keep the others untouched, and
/// always end with exactly the site a full build would make.
struct IncrementalTests {
    private func build(_ kb: TemporaryKnowledgeBase) -> Pipeline.Outcome {
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.diagnostics) \(outcome.failure ?? "")")
        return outcome
    }

    private func modificationDates(_ kb: TemporaryKnowledgeBase) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        for path in snapshot(of: kb.url("public")).keys {
            dates[path] = try FileManager.default.attributesOfItem(atPath: kb.url("public/" + path).path)[.modificationDate] as? Date
        }
        return dates
    }

    @Test func oneBodyEditRendersOnePageAndTouchesNoOther() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(build(kb).pagesRendered == 25)
        let second = build(kb)
        #expect(second.pagesRendered == 0)
        #expect(second.parsed == 0)
        let before = try modificationDates(kb)
        Thread.sleep(forTimeInterval: 0.05)
        try kb.write(try kb.read("Content/events/2026-summit.md") + "\nA new paragraph.\n", to: "Content/events/2026-summit.md")
        let third = build(kb)
        #expect(third.parsed == 1)
        #expect(third.pagesRendered == 1)
        #expect(try kb.read("public/events/2026-summit.html").contains("<p>A new paragraph.</p>"))
        let after = try modificationDates(kb)
        // Besides its page, a body is in the feeds it belongs to and in the search index.
        let touched = after.keys.filter { after[$0] != before[$0] }.sorted()
        let shards = touched.filter { $0.hasPrefix("search/index-") }
        #expect(touched.filter { !$0.hasPrefix("search/") } == ["events/2026-summit.html", "feeds/entities/acme.atom", "feeds/events.atom"])
        #expect(shards.count == 1, "\(shards)")
    }

    /// Every table of the graph, rows sorted: what queries can see.
    private func graph(_ kb: TemporaryKnowledgeBase) throws -> [String: [[String]]] {
        let reader = try GraphReader(url: kb.url("vane.sqlite"))
        var tables: [String: [[String]]] = [:]
        for table in ["entities", "events", "claims", "sources", "edges", "status_changes", "aliases", "tags", "scales"] {
            tables[table] = try reader.sql("SELECT * FROM \(table)").rows.sorted { $0.joined(separator: "\u{1}") < $1.joined(separator: "\u{1}") }
        }
        tables["fts"] = try reader.sql("SELECT id, kind, title, body FROM entries_fts ORDER BY id").rows
        tables["files"] = try reader.sql("SELECT path, hash, kind, entry_id FROM files ORDER BY path").rows
        return tables
    }

    /// After every edit, the incremental result equals a full build of the same content.
    @Test func incrementalBuildsMatchFullBuilds() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        _ = build(kb)
        let edits: [(String, (String) -> String)] = [
            ("Content/sources/wire-report.md", { $0.replacingOccurrences(of: "title: Acme shifts its bet", with: "title: Acme changes course") }),
            ("Content/entities/daily-wire.md", { $0.replacingOccurrences(of: "name: Daily Wire Service", with: "name: The Daily Wire") }),
            ("Content/entities/acme.md", { $0.replacingOccurrences(of: "aliases: [Acme Corp]", with: "aliases: [Acme Corp, ACME]") }),
            ("Content/events/2026-summit.md", { $0 + "\nSee [[coyote]] and [[ACME]].\n" }),
            ("Content/events/2026-summit.md", { $0.replacingOccurrences(of: "entities: [acme]", with: "entities: [acme, coyote]") }),
            ("Content/events/2025/2025-roadrunner-release.md", { $0.replacingOccurrences(of: "date: 2025-Q2", with: "date: 2025-05") }),
            (
                "Content/events/2026-coyote-launch.md",
                { $0.replacingOccurrences(of: "roadrunner: { priority: maintained }", with: "roadrunner: { priority: sunset }") }
            ),
            ("Content/claims/coyote-better.md", { $0.replacingOccurrences(of: "supports: [roadrunner-stays]\n", with: "") }),
            ("Content/entities/coyote.md", { $0.replacingOccurrences(of: "parent: acme-labs", with: "parent: acme") }),
            (
                "Content/events/2026-new.md",
                { _ in "---\ntitle: A new event\ndate: 2026-07\ntype: other\nentities: [roadrunner]\nsources: [acme-blog]\n---\nNew [@acme-blog].\n" }
            ),
            ("Content/events/2026-summit.md", { _ in "" }),
        ]
        for (step, (path, edit)) in edits.enumerated() {
            let old = (try? kb.read(path)) ?? ""
            let new = edit(old)
            if new.isEmpty { try kb.remove(path) } else { try kb.write(new, to: path) }
            let outcome = build(kb)
            let full = try TemporaryKnowledgeBase(copying: [kb.url("Content")])
            _ = build(full)
            let incremental = snapshot(of: kb.url("public"))
            let reference = snapshot(of: full.url("public"))
            #expect(incremental == reference, "step \(step) (\(path)): \(differences(incremental, reference))")
            #expect(outcome.pagesRendered < outcome.pages, "step \(step) re-rendered everything")
            #expect(try graph(kb) == graph(full), "step \(step): the databases differ")
        }
    }
}
