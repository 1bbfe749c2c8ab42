import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneDiagnostics
import VaneTestSupport

@testable import VaneImport

/// `vane import endoflife` on product files written for the tests in endoflife.date's
/// format (Tests/Fixtures/endoflife, described in its FORMAT.md).
struct EndOfLifeImportTests {
    static let fixture = Repository.fixture("endoflife")
    static let today = "2026-11-30"

    private func importing(_ folder: String, into kb: TemporaryKnowledgeBase, only: [String] = []) -> (EndOfLifeImport.Summary, [Diagnostic]) {
        var options = EndOfLifeImport.Options(products: Self.fixture.appendingPathComponent(folder).path, root: kb.root, today: Self.today)
        options.only = only
        return EndOfLifeImport.run(options)
    }

    @Test func theProductsBecomeAKnowledgeBaseThatChecksClean() throws {
        let kb = try TemporaryKnowledgeBase()
        let (summary, diagnostics) = importing("products", into: kb)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(summary.products == 5 && summary.cycles == 21 && summary.sources == 5)
        #expect(summary.entities == 26 && summary.written == summary.entities + summary.events + summary.sources)
        let outcome = Pipeline.check(Pipeline.Options(root: kb.root))
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    }

    @Test func aCycleWithAFutureEndIsAnnouncedOnItsRelease() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb, only: ["acmedb"])
        #expect(
            try kb.read("Content/entities/endoflife/acmedb/acmedb-3-10.md") == """
                ---
                name: "AcmeDB 3.10"
                type: product
                parent: acmedb
                tags: [endoflife]
                generated: endoflife
                data: { release_cycle: "3.10", lts: true, eoas: 2027-05-12, eol: 2029-05-12, latest: "3.10.2", latest_release_date: 2026-10-20 }
                ---
                AcmeDB 3.10, a release cycle of [[acmedb]], released 2026-05-12 [@endoflife-acmedb].

                """)
        #expect(
            try kb.read("Content/events/endoflife/acmedb/acmedb-3-10-release.md") == """
                ---
                title: "AcmeDB 3.10 released"
                date: 2026-05-12
                type: release
                entities: [acmedb, acmedb-3-10]
                sources: [endoflife-acmedb]
                tags: [endoflife]
                generated: endoflife
                status:
                  acmedb-3-10: { availability: generally-available, ends: 2029-05-12 }
                ---
                AcmeDB 3.10 was released on 2026-05-12 [@endoflife-acmedb].

                """)
    }

    @Test func endsOfLifeAsTheDataMeansThem() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb)
        let events = "Content/events/endoflife/"
        // A past end of life retires the cycle on its day; `eol: true` approximately, by
        // the last date recorded for the cycle; `eol: false` announces nothing.
        #expect(try kb.read(events + "acmedb/acmedb-3-1-retired.md").contains("date: 2025-01-31\ntype: shutdown\n"))
        #expect(try kb.read(events + "acmedb/acmedb-2-7-retired.md").contains("date: ~2022\n"))
        #expect(try kb.read(events + "nimbus/nimbus-20-retired.md").contains("date: ~2021\n"))
        #expect(!FileManager.default.fileExists(atPath: kb.url(events + "acmedb/acmedb-3-9-retired.md").path))
        #expect(try kb.read(events + "acmedb/acmedb-3-9-release.md").contains("acmedb-3-9: { availability: generally-available }\n"))
        // A dated end of active support lowers the priority; `eoas: true` has no date.
        #expect(try kb.read(events + "acmedb/acmedb-3-9-active-support-ends.md").contains("date: 2026-05-12\n"))
        #expect(try kb.read(events + "acmedb/acmedb-3-9-active-support-ends.md").contains("acmedb-3-9: { priority: maintained }"))
        #expect(!FileManager.default.fileExists(atPath: kb.url(events + "acmedb/acmedb-3-8-active-support-ends.md").path))
        // Comments after values are not part of them; a cycle with '+' keeps its own id.
        #expect(try kb.read("Content/entities/endoflife/acmedb/acmedb-3-8.md").contains("lts: 2026-01-15,"))
        #expect(try kb.read("Content/entities/endoflife/larkphone/larkphone-5-plus.md").contains("name: \"Lark Phone 5+\""))
        #expect(try kb.read("Content/entities/endoflife/larkphone/larkphone-5.md").contains("successors: [larkphone-5-plus]"))
    }

    @Test func aModelFamilyWithItsRecommendedReplacements() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb, only: ["zephyr-llm"])
        let family = try kb.read("Content/entities/endoflife/zephyr-llm.md")
        #expect(family.contains("type: model-family\n") && family.contains("tags: [llm, service, endoflife]\n"))
        let cycles = "Content/entities/endoflife/zephyr-llm/"
        #expect(
            try kb.read(cycles + "zephyr-llm-zephyr-2-1.md").contains(
                "type: model\nparent: zephyr-llm\nsuccessors: [zephyr-llm-zephyr-swift-2-20260115]\n"))
        // The replacement and the next cycle, when they differ.
        #expect(
            try kb.read(cycles + "zephyr-llm-zephyr-preview-1.md").contains(
                "successors: [zephyr-llm-zephyr-swift-2-20260115, zephyr-llm-zephyr-2-1]\n"))
        // "N/A" names no cycle.
        #expect(!(try kb.read(cycles + "zephyr-llm-zephyr-ultra-3.md")).contains("successors"))
        let source = try kb.read("Content/sources/endoflife/endoflife-zephyr-llm.md")
        #expect(source.contains("url: \"https://endoflife.date/zephyr\"\n"))
        #expect(source.contains("The vendor's release policy: <https://docs.zephyrlabs.example/models/deprecations>."))
    }

    @Test func aSecondRunChangesNoByteAndNewerInputOnlyWhatChanged() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb)
        let first = snapshot(of: kb.url("Content"))
        let (again, diagnostics) = importing("products", into: kb)
        #expect(diagnostics.isEmpty)
        #expect(again.written == 0 && again.removed == 0 && again.unchanged == first.count)
        #expect(snapshot(of: kb.url("Content")) == first)

        let (newer, _) = importing("products-newer", into: kb)
        let now = snapshot(of: kb.url("Content"))
        let changed = Set(now.keys.filter { first[$0] != now[$0] })
        let removed = Set(first.keys.filter { now[$0] == nil })
        #expect(
            changed == [
                "events/endoflife/acmedb/acmedb-3-11-release.md", "events/endoflife/acmedb/acmedb-3-11-active-support-ends.md",
                "entities/endoflife/acmedb/acmedb-3-11.md", "entities/endoflife/acmedb/acmedb-3-10.md",
                "entities/endoflife/zephyr-llm/zephyr-llm-zephyr-swift-2-20260115.md",
                "events/endoflife/zephyr-llm/zephyr-llm-zephyr-swift-2-20260115-release.md",
            ], "\(changed.sorted())")
        #expect(
            removed == [
                "entities/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1.md",
                "events/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1-release.md",
                "events/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1-retired.md",
            ], "\(removed.sorted())")
        #expect(newer.written == changed.count && newer.removed == removed.count)
        #expect(Pipeline.check(Pipeline.Options(root: kb.root)).diagnostics.isEmpty)
    }

    @Test func aFileWithoutTheMarkerIsNeverTouched() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb)
        let path = "Content/entities/endoflife/nimbus/nimbus-24.md"
        let edited = try kb.read(path).replacingOccurrences(of: "generated: endoflife\n", with: "").replacingOccurrences(
            of: "released", with: "shipped")
        try kb.write(edited, to: path)
        let (summary, diagnostics) = importing("products", into: kb)
        #expect(diagnostics.map(\.description) == ["\(path):1:1: error: not written by the import (no 'generated: endoflife'); left as it is"])
        #expect(try kb.read(path) == edited)
        #expect(summary.written == 0)
    }

    @Test func aMalformedProductIsLocatedAndTheOthersImported() throws {
        let kb = try TemporaryKnowledgeBase()
        let folder = try TemporaryKnowledgeBase([:])
        for name in ["acmedb.md", "nimbus.md"] {
            try folder.write(try String(contentsOf: Self.fixture.appendingPathComponent("products/" + name), encoding: .utf8), to: "products/" + name)
        }
        try folder.write(
            try String(contentsOf: Self.fixture.appendingPathComponent("malformed/broken.md"), encoding: .utf8), to: "products/broken.md")
        let (summary, diagnostics) = EndOfLifeImport.run(
            EndOfLifeImport.Options(products: folder.url("products").path, root: kb.root, today: Self.today))
        #expect(diagnostics.count == 1)
        #expect(
            diagnostics.first?.description.hasPrefix(folder.url("products").path + "/broken.md:16:33: error: invalid YAML") == true, "\(diagnostics)")
        #expect(summary.products == 2)
    }
}
