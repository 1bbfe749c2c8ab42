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
    static let golden = "Tests/VaneImportTests/Golden/"

    private func importing(_ folder: String, into kb: TemporaryKnowledgeBase, only: [String] = []) -> (EndOfLifeImport.Summary, [Diagnostic]) {
        var options = EndOfLifeImport.Options(products: Self.fixture.appendingPathComponent(folder).path, root: kb.root)
        options.only = only
        return EndOfLifeImport.run(options)
    }

    @Test func theProductsBecomeAKnowledgeBaseThatChecksClean() throws {
        let kb = try TemporaryKnowledgeBase()
        let (summary, diagnostics) = importing("products", into: kb)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(summary.products == 5 && summary.cycles == 21 && summary.sources == 5 && summary.events == 67)
        #expect(summary.entities == 26 && summary.written == summary.entities + summary.events + summary.sources)
        let outcome = Pipeline.check(Pipeline.Options(root: kb.root))
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
    }

    /// A name from the data is text in the bodies written, as in the front matter: a title
    /// holding Markdown put images and links of another site on the page, and a `[[…]]` in
    /// it failed the knowledge base's build.
    @Test func namesFromTheDataAreTextInBodies() throws {
        let products = try TemporaryKnowledgeBase([
            "products/mdinj.md": """
            ---
            title: "Md DB ![t](https://evil.example/p.png) [[nope]] <b> *x*"
            category: database
            permalink: /mdinj
            releases:
              - releaseCycle: "1.0"
                releaseDate: 2026-05-12
                eol: 2029-05-12
            ---

            """
        ])
        let kb = try TemporaryKnowledgeBase()
        let (_, problems) = EndOfLifeImport.run(EndOfLifeImport.Options(products: products.url("products").path, root: kb.root))
        #expect(problems.isEmpty, "\(problems)")
        #expect(
            try kb.read("Content/entities/endoflife/mdinj.md").hasSuffix(
                "\nMd DB \\!\\[t\\](https://evil.example/p.png) \\[\\[nope\\]\\] \\<b\\> \\*x\\*'s release cycles as recorded by endoflife.date [@endoflife-mdinj].\n"
            ))
        #expect(Pipeline.check(Pipeline.Options(root: kb.root)).diagnostics.isEmpty)
        #expect(ImportedText.prose("# one\ntwo") == "\\# one two" && ImportedText.prose("2024. Q") == "2024\\. Q")
    }

    /// A cycle's text reads back as text: Nimbus's `releaseCycle: "24"` is the text "24" in
    /// its data (written `"24"`), as Ubuntu's "18.04" is, never the number 24.
    @Test func aCyclesTextReadsBackAsText() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb)
        let loaded = ContentLoader.load(root: kb.root).knowledgeBase
        let cycles = loaded.entries(of: .entity).filter { $0.extra["release_cycle"] != nil }
        #expect(cycles.count == 21)
        for cycle in cycles {
            guard case .text = cycle.extra["release_cycle"] else {
                Issue.record("\(cycle.id): release_cycle is \(String(describing: cycle.extra["release_cycle"]))")
                continue
            }
        }
        #expect(try kb.read("Content/entities/endoflife/nimbus/nimbus-24.md").contains("release_cycle: \"24\""))
    }

    /// Two cycles labelled alike are told apart: Windows' "11 24H2 (E)" and its LTSC
    /// edition read the same on every board; a long-term one takes " LTS", others still
    /// alike their cycle's name.
    @Test func cyclesLabelledAlikeAreToldApart() throws {
        let kb = try TemporaryKnowledgeBase()
        let folder = kb.url("eol")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        ---
        title: Windows
        category: os
        releaseLabel: "Windows __RELEASE_CYCLE__"

        releases:
          - releaseCycle: "11-24h2-e-lts"
            releaseLabel: "11 24H2 (E)"
            releaseDate: 2024-10-01
            lts: true
            eol: 2029-10-09
          - releaseCycle: "11-24h2-e"
            releaseLabel: "11 24H2 (E)"
            releaseDate: 2024-10-01
            eol: 2027-10-12
          - releaseCycle: "10-1607-a"
            releaseLabel: "10 1607"
            releaseDate: 2016-08-02
            eol: 2018-04-10
          - releaseCycle: "10-1607-b"
            releaseLabel: "10 1607"
            releaseDate: 2016-08-02
            eol: 2019-04-09
        ---
        """.write(to: folder.appendingPathComponent("windows.md"), atomically: true, encoding: .utf8)
        let (_, problems) = EndOfLifeImport.run(EndOfLifeImport.Options(products: folder.path, root: kb.root))
        #expect(problems.isEmpty, "\(problems)")
        let names = ContentLoader.load(root: kb.root).knowledgeBase.entries(of: .entity).filter { $0.id != "windows" }.map(\.title).sorted()
        #expect(names == ["Windows 10 1607 (10-1607-a)", "Windows 10 1607 (10-1607-b)", "Windows 11 24H2 (E)", "Windows 11 24H2 (E) LTS"])
    }

    @Test func aCycleIsItsReleaseAndAnEndAnnouncedApproximatelyOnItsRelease() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb, only: ["acmedb"])
        let files = [
            "Content/entities/endoflife/acmedb.md", "Content/entities/endoflife/acmedb/acmedb-3-10.md",
            "Content/events/endoflife/acmedb/acmedb-3-10-release.md", "Content/events/endoflife/acmedb/acmedb-3-10-end-of-life.md",
        ]
        expectGolden(try files.map { "== \($0)\n" + (try kb.read($0)) }.joined(), Self.golden + "acmedb-3-10.txt")
    }

    @Test func endsOfLifeAsTheDataMeansThem() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb)
        // Every end of life is an announced end, past or not: dated as written; `eol: true`
        // approximately, by the latest date that bounds it; `eol: false` announces nothing;
        // extended support is its own channel, ending later.
        expectGolden(try endsDigest(kb), Self.golden + "fixture-ends.txt")
        let events = "Content/events/endoflife/"
        #expect(!FileManager.default.fileExists(atPath: kb.url(events + "acmedb/acmedb-3-9-end-of-life.md").path))
        #expect(try kb.read(events + "acmedb/acmedb-3-9-release.md").contains("acmedb-3-9: { availability: generally-available }\n"))
        // A dated end of active support lowers the priority; `eoas: true` has no date.
        #expect(try kb.read(events + "acmedb/acmedb-3-9-active-support-ends.md").contains("date: 2026-05-12\n"))
        #expect(try kb.read(events + "acmedb/acmedb-3-9-active-support-ends.md").contains("acmedb-3-9: { priority: maintained }"))
        #expect(!FileManager.default.fileExists(atPath: kb.url(events + "acmedb/acmedb-3-8-active-support-ends.md").path))
        // The day the last support ends discontinues the cycle (it read "Retired · Maintained"
        // for years after): extended support's end when there is one, dated as the end is;
        // none while extended support goes on with no end, nor without an end.
        let ends = try kb.read(events + "acmedb/acmedb-3-10-support-ends.md")
        #expect(ends.contains("date: 2029-05-12\n") && ends.contains("acmedb-3-10: { priority: discontinued }"), "\(ends)")
        let extended = try kb.read(events + "nimbus/nimbus-24-extended-support-ends.md")
        #expect(extended.contains("date: 2030-04-30\n") && extended.contains("nimbus-24: { priority: discontinued }"), "\(extended)")
        #expect(!FileManager.default.fileExists(atPath: kb.url(events + "nimbus/nimbus-24-support-ends.md").path))
        #expect(!FileManager.default.fileExists(atPath: kb.url(events + "acmedb/acmedb-3-9-support-ends.md").path))
        // Comments after values are not part of them; a cycle with '+' keeps its own id.
        #expect(try kb.read("Content/entities/endoflife/acmedb/acmedb-3-8.md").contains("lts: 2026-01-15,"))
        #expect(try kb.read("Content/entities/endoflife/larkphone/larkphone-5-plus.md").contains("name: \"Lark Phone 5+\""))
        #expect(try kb.read("Content/entities/endoflife/larkphone/larkphone-5.md").contains("successors: [larkphone-5-plus]"))
    }

    /// Cycles cut from the real data, one case each: Ubuntu's LTS track and extended
    /// support, Hadoop's ends on the release day, CakePHP's `eol: true` before the last
    /// release, AWS Lambda's parallel runtimes, Node.js's LTS lines, Amazon EKS's dated ends.
    @Test func realProductsGetTheirEndsSuccessorsAndNames() throws {
        let kb = try TemporaryKnowledgeBase()
        let (_, diagnostics) = importing("real", into: kb)
        let described = diagnostics.map { $0.description.replacingOccurrences(of: Self.fixture.path + "/", with: "") }
        expectGolden(described.joined(separator: "\n") + "\n", Self.golden + "real-diagnostics.txt")
        expectGolden(try cyclesDigest(kb) + "\n" + (try endsDigest(kb)), Self.golden + "real-cycles.txt")
        #expect(Pipeline.check(Pipeline.Options(root: kb.root)).diagnostics.isEmpty)
    }

    @Test func extendedSupportIsNeverTextWithoutSecurityFixes() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("real", into: kb)
        for (path, data) in snapshot(of: kb.url("Content/events/endoflife")) where path.hasSuffix("-end-of-life.md") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.lowercased().contains("extended support") != text.contains("no more fixes"), "\(path)")
        }
    }

    @Test func anEndWithNothingToDateItByIsRecordedAsUnknown() throws {
        let folder = try TemporaryKnowledgeBase([
            "products/oldie.md": """
            ---
            title: Oldie
            category: app
            permalink: /oldie
            releases:
              - releaseCycle: "1"
                releaseDate: 2010-01-05
                eol: true
            ---

            > Oldie.
            """
        ])
        let kb = try TemporaryKnowledgeBase()
        let (summary, diagnostics) = EndOfLifeImport.run(EndOfLifeImport.Options(products: folder.url("products").path, root: kb.root))
        #expect(diagnostics.isEmpty && summary.events == 1)
        #expect(
            try kb.read("Content/entities/endoflife/oldie/oldie-1.md").hasSuffix(
                "\nIt has ended, date unknown: endoflife.date records no date after its release to date the end by.\n"))
    }

    @Test func namesSayTheProductOnce() {
        #expect(EndOfLifeNames.naming("Google Pixel", in: "Pixel 11") == "Google Pixel 11")
        #expect(EndOfLifeNames.naming("Apple macOS", in: "macOS 10.12 (Sierra)") == "Apple macOS 10.12 (Sierra)")
        #expect(EndOfLifeNames.naming("Red Hat build of OpenJDK", in: "OpenJDK 11") == "Red Hat build of OpenJDK 11")
        #expect(EndOfLifeNames.naming("IBM MQ", in: "WebSphere MQ 5.3") == "IBM WebSphere MQ 5.3")
        #expect(EndOfLifeNames.naming("Debian", in: "12 (Bookworm)") == "Debian 12 (Bookworm)")
        #expect(EndOfLifeNames.naming("Motorola Mobility", in: "Motorola Moto E14") == "Motorola Moto E14")
    }

    @Test func successorsFollowTheirTrackInVersionOrder() {
        #expect(
            ["java8", "java8.al2", "python3.12", "3.10", "9.7_u4", "5+", "provided"].map(EndOfLifeTracks.track) == [
                "java", "java", "python", "", "", "", "provided",
            ])
        #expect(["10", "2", "0.12", "3.10", "3.9", "24.04"].sorted(by: VersionOrder.precedes) == ["0.12", "2", "3.9", "3.10", "10", "24.04"])
    }

    /// A successor is of the cycle's own platform or edition: NVIDIA's Windows driver was
    /// told to move to the Linux one, Windows 11 Enterprise to Workstation.
    @Test func aSuccessorKeepsToItsPlatform() {
        #expect(EndOfLifeTracks.variant(of: "r590-windows") == ["windows"])
        #expect(EndOfLifeTracks.variant(of: "11-24h2-e-lts") == ["h", "e"])
        #expect(EndOfLifeTracks.variant(of: "java8.al2") == ["al"])
        #expect(EndOfLifeTracks.variant(of: "3.12").isEmpty && EndOfLifeTracks.variant(of: "provided").isEmpty)
        typealias C = EndOfLifeTracks.Candidate
        func cycle(_ name: String, _ released: String, ends: String) -> C {
            C(id: name, name: name, released: released, isLTS: false, last: ends, end: ends)
        }
        let windows = cycle("r590-windows", "2025-01-01", ends: "2026-01-01")
        let cycles = [windows, cycle("r595-linux", "2025-03-01", ends: "2027-01-01"), cycle("r595-windows", "2025-03-02", ends: "2027-01-01")]
        #expect(EndOfLifeTracks.successor(of: windows, among: cycles) == "r595-windows")
        let enterprise = cycle("11-24h2-e", "2024-10-01", ends: "2027-10-01")
        let editions = [enterprise, cycle("11-25h2-w", "2025-10-01", ends: "2027-11-01"), cycle("11-25h2-e", "2025-10-02", ends: "2028-10-01")]
        #expect(EndOfLifeTracks.successor(of: enterprise, among: editions) == "11-25h2-e")
        // One without words of its own goes on to one with them (Windows 10 22H2 to 11), and
        // AWS Lambda's java8.al2 to java11.
        let ten = cycle("10-22h2", "2022-10-18", ends: "2025-10-14")
        #expect(EndOfLifeTracks.successor(of: ten, among: [ten] + editions) == "11-24h2-e")
        // Of several released on one day, the nearest in name.
        let fifteen = cycle("15", "2023-09-22", ends: "2029-09-22")
        let sixteen = [cycle("16-pro-max", "2024-09-20", ends: "2030-09-20"), cycle("16", "2024-09-20", ends: "2030-09-20")]
        #expect(EndOfLifeTracks.successor(of: fifteen, among: [fifteen] + sixteen) == "16")
        let pro = cycle("15-pro", "2023-09-22", ends: "2029-09-22")
        let pros = sixteen + [cycle("16-pro", "2024-09-20", ends: "2030-09-20")]
        #expect(EndOfLifeTracks.successor(of: pro, among: [pro] + pros) == "16-pro")
        let al2 = cycle("java8.al2", "2020-01-01", ends: "2026-06-30")
        #expect(EndOfLifeTracks.successor(of: al2, among: [al2, cycle("java11", "2020-06-01", ends: "2027-06-30")]) == "java11")
    }

    /// A cycle still supported with no end known (log4j's `2`, `eol: false`) is followed by
    /// no cycle that has an end: its later `2.3` and `2.12` ended years ago, and a use of it
    /// was told to move to them.
    @Test func aCycleWithNoEndIsFollowedOnlyByOneWithNone() {
        typealias C = EndOfLifeTracks.Candidate
        let two = C(id: "log4j-2", name: "2", released: "2014-07-12", isLTS: false, last: nil)
        let ended = [
            C(id: "log4j-2-3", name: "2.3", released: "2015-05-10", isLTS: false, last: "2015-09-20"),
            C(id: "log4j-2-12", name: "2.12", released: "2019-06-26", isLTS: false, last: "2021-12-14"),
        ]
        #expect(EndOfLifeTracks.successor(of: two, among: [two] + ended) == nil)
        let three = C(id: "log4j-3", name: "3", released: "2024-01-01", isLTS: false, last: nil)
        #expect(EndOfLifeTracks.successor(of: two, among: [two] + ended + [three]) == "log4j-3")
        #expect(EndOfLifeTracks.successor(of: ended[0], among: [two] + ended + [three]) == "log4j-2-12")
        // Extended support with no end after a dated one (Node.js 22): followed by a cycle
        // supported after the standard end.
        let node22 = C(id: "nodejs-22", name: "22", released: "2024-04-24", isLTS: true, last: nil, end: "2027-04-30")
        let node24 = C(id: "nodejs-24", name: "24", released: "2025-05-06", isLTS: true, last: "2028-04-30", end: "2028-04-30")
        #expect(EndOfLifeTracks.successor(of: node22, among: [node22, node24]) == "nodejs-24")
    }

    /// An LTS cycle with no later LTS is followed, once it has an end, by the next cycle that
    /// qualifies: Spring Framework 5.3, its only LTS, gave a team on it no way out.
    @Test func anLTSWithNoLaterLTSIsFollowedByTheNextCycle() {
        typealias C = EndOfLifeTracks.Candidate
        let spring53 = C(id: "5-3", name: "5.3", released: "2020-10-27", isLTS: true, last: "2029-06-30", end: "2024-08-31")
        let later = [
            C(id: "6-0", name: "6.0", released: "2022-11-16", isLTS: false, last: "2024-08-31", end: "2024-08-31"),
            C(id: "6-1", name: "6.1", released: "2023-11-16", isLTS: false, last: "2025-08-31", end: "2025-08-31"),
        ]
        #expect(EndOfLifeTracks.successor(of: spring53, among: [spring53] + later) == "6-1")
        // A later LTS is still the one: the cycles between are passed over.
        let spring7 = C(id: "7-0", name: "7.0", released: "2025-11-13", isLTS: true, last: "2027-07-31", end: "2027-07-31")
        #expect(EndOfLifeTracks.successor(of: spring53, among: [spring53] + later + [spring7]) == "7-0")
        // With no end, an LTS waits for the next LTS.
        let open = C(id: "8", name: "8", released: "2026-01-01", isLTS: true, last: nil)
        let newer = C(id: "9", name: "9", released: "2026-06-01", isLTS: false, last: nil)
        #expect(EndOfLifeTracks.successor(of: open, among: [open, newer]) == nil)
        // Extended support past the next release's own (Ubuntu 24.04 LTS's runs to May 2036,
        // 26.04's to April): the next LTS follows all the same, as it outlives the standard
        // support. It had no successor.
        let noble = C(id: "ubuntu-24-04", name: "24.04", released: "2024-04-25", isLTS: true, last: "2036-05-31", end: "2029-05-31")
        let resolute = C(id: "ubuntu-26-04", name: "26.04", released: "2026-04-23", isLTS: true, last: "2036-04-30", end: "2031-04-30")
        #expect(EndOfLifeTracks.successor(of: noble, among: [noble, resolute]) == "ubuntu-26-04")
        // Never one that had ended by the standard end.
        let short = C(id: "ubuntu-25-04", name: "25.04", released: "2025-04-17", isLTS: false, last: "2026-01-15", end: "2026-01-15")
        let jammy = C(id: "ubuntu-22-04", name: "22.04", released: "2022-04-21", isLTS: false, last: "2034-04-30", end: "2027-06-01")
        #expect(EndOfLifeTracks.successor(of: jammy, among: [jammy, short, resolute]) == "ubuntu-26-04")
    }

    /// A version is in the longest cycle it begins with, followed by anything but a digit;
    /// a distribution's epoch and a leading `v` are not part of it.
    @Test func aVersionFindsItsCycleAsPackagesWriteThem() {
        let cycles = [
            ("1.1.1", "openssl-1-1-1"), ("3.0", "openssl-3-0"), ("8", "java-8"), ("1.24", "go-1-24"), ("4.2", "django-4-2"),
            ("4", "django-4"), ("7.0", "redis-7-0"),
        ].map { (name: $0.0, id: $0.1) }
        let found = [
            "1.1.1w", "1:3.0.2-0ubuntu1.15", "8u402-b06", "1.24rc1", "v4.2.11", "4.20", "5:7.0.15-1~deb12u1", "3.01", "a:3.0", "1.1",
            // Java 8 as `java -version` and syft write it.
            "1.8.0_402-b06", "1.8.0",
        ].map { PackageMatcher.cycle(of: $0, among: cycles) }
        #expect(
            found == [
                "openssl-1-1-1", "openssl-3-0", "java-8", "go-1-24", "django-4-2", "django-4", "redis-7-0", nil, nil, nil, "java-8", nil,
            ])
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
        // The replacement; the next cycle only when it is of the same track.
        #expect(try kb.read(cycles + "zephyr-llm-zephyr-preview-1.md").contains("successors: [zephyr-llm-zephyr-swift-2-20260115]\n"))
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
                "events/endoflife/acmedb/acmedb-3-11-end-of-life.md", "events/endoflife/acmedb/acmedb-3-11-support-ends.md",
                "entities/endoflife/acmedb/acmedb-3-11.md", "entities/endoflife/zephyr-llm/zephyr-llm-zephyr-swift-2-20260115.md",
                "events/endoflife/zephyr-llm/zephyr-llm-zephyr-swift-2-20260115-end-of-life.md",
                "events/endoflife/zephyr-llm/zephyr-llm-zephyr-swift-2-20260115-support-ends.md",
            ], "\(changed.sorted())")
        #expect(
            removed == [
                "entities/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1.md",
                "events/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1-release.md",
                "events/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1-end-of-life.md",
                "events/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1-support-ends.md",
            ], "\(removed.sorted())")
        #expect(newer.written == changed.count && newer.removed == removed.count)
        #expect(Pipeline.check(Pipeline.Options(root: kb.root)).diagnostics.isEmpty)
    }

    /// A cycle gone from the data that an analyst's file names, or a generated file kept as
    /// edited names, stays, with a warning: it was removed, the import said nothing, and
    /// `vane check` failed on the analyst's file. One nothing names goes as before.
    @Test func aCycleThatLeftTheDataStaysWhileAFileNamesIt() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb)
        try kb.write(
            "---\ntitle: Our lab still runs Zephyr Preview 1\ndate: 2026-11-01\ntype: other\nentities: [zephyr-llm-zephyr-preview-1]\nsources: [endoflife-zephyr-llm]\n---\nNoted.\n",
            to: "Content/events/mine/preview-note.md")
        let (summary, diagnostics) = importing("products-newer", into: kb)
        let cycle = "Content/entities/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1.md"
        let events = "Content/events/endoflife/zephyr-llm/zephyr-llm-zephyr-preview-1"
        #expect(
            diagnostics.map(\.description) == [
                "\(cycle):1:1: warning: no longer in the data, but Content/events/mine/preview-note.md names it; left as it is (remove what names it, then import again to remove it)",
                "\(events)-end-of-life.md:1:1: warning: no longer in the data, but it sets the status of \(cycle), which is kept; left as it is (remove what names it, then import again to remove it)",
                "\(events)-release.md:1:1: warning: no longer in the data, but it sets the status of \(cycle), which is kept; left as it is (remove what names it, then import again to remove it)",
                "\(events)-support-ends.md:1:1: warning: no longer in the data, but it sets the status of \(cycle), which is kept; left as it is (remove what names it, then import again to remove it)",
            ], "\(diagnostics)")
        #expect(FileManager.default.fileExists(atPath: kb.url(cycle).path))
        // Its own events stay with it: they set its status (without them a use of it read
        // "untracked", with no end, instead of "gone").
        #expect(FileManager.default.fileExists(atPath: kb.url(events + "-release.md").path))
        #expect(summary.kept == 4 && summary.removed == 0, "\(summary)")
        #expect(Pipeline.check(Pipeline.Options(root: kb.root)).diagnostics.filter { $0.severity == .error }.isEmpty)
        // Once nothing names it, the next import removes it, and its events.
        try kb.remove("Content/events/mine/preview-note.md")
        let (after, quiet) = importing("products-newer", into: kb)
        #expect(quiet.isEmpty && after.removed == 4 && !FileManager.default.fileExists(atPath: kb.url(cycle).path))
    }

    @Test func aFileEditedOrTakenOverByHandIsKeptWithAWarning() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb)
        let taken = "Content/entities/endoflife/nimbus/nimbus-24.md"
        let takenText = try kb.read(taken).replacing(#/generated: endoflife \w+\n/#, with: "").replacingOccurrences(of: "released", with: "shipped")
        try kb.write(takenText, to: taken)
        let edited = "Content/entities/endoflife/zephyr-llm/zephyr-llm-zephyr-swift-2-20260115.md"
        let editedText = try kb.read(edited).replacingOccurrences(of: "released", with: "first shipped")
        try kb.write(editedText, to: edited)
        // The same data: the edit is kept, and said.
        let (_, same) = importing("products", into: kb)
        #expect(
            same.map(\.description).contains(
                "\(edited):1:1: warning: edited since the import wrote it; left as it is, not updated (delete it to have it written again, or remove its 'generated: endoflife' line to keep the edit for good)"
            ), "\(same)")
        // The newer data changes both (Zephyr Swift 2's end moves): neither is overwritten,
        // the import does not fail, and the edited copy is said to be behind the data (the
        // warning was the one of a re-import of the same data).
        let (summary, diagnostics) = importing("products-newer", into: kb)
        #expect(
            diagnostics.map(\.description) == [
                "\(taken):1:1: warning: kept as written by hand (no 'generated: endoflife'); not updated",
                "\(edited):1:1: warning: edited since the import wrote it, and the data changed since: left as it is, not updated (delete it to have it written again, or remove its 'generated: endoflife' line to keep the edit for good)",
            ])
        #expect(try kb.read(taken) == takenText)
        #expect(try kb.read(edited) == editedText)
        #expect(summary.kept == 2 && summary.description.hasSuffix(", 2 kept"))
        // Deleted, it is written again.
        try FileManager.default.removeItem(at: kb.url(edited))
        let (again, _) = importing("products-newer", into: kb)
        #expect(again.written == 1)
        #expect(try kb.read(edited).contains("eol: 2027-01-31"))
    }

    /// A product gone from the data with a cycle edited by hand keeps all its files: the
    /// edit names its product, source and other cycles (they were removed, the import said
    /// nothing wrong, and the knowledge base no longer checked).
    @Test func aProductThatLeftTheDataKeepsItsFilesWhileOneIsEdited() throws {
        let kb = try TemporaryKnowledgeBase()
        _ = importing("products", into: kb)
        let edited = "Content/entities/endoflife/nimbus/nimbus-24.md"
        try kb.write(try kb.read(edited) + "\nEdited by hand.\n", to: edited)
        let fewer = try TemporaryKnowledgeBase()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.fixture.appendingPathComponent("products").path)
        where name.hasSuffix(".md") && name != "nimbus.md" {
            try fewer.write(try Data(contentsOf: Self.fixture.appendingPathComponent("products/\(name)")), to: name)
        }
        let before = snapshot(of: kb.url("Content")).keys.filter { $0.contains("nimbus") }
        let (summary, diagnostics) = EndOfLifeImport.run(EndOfLifeImport.Options(products: fewer.root.path, root: kb.root))
        #expect(
            diagnostics.map(\.description) == [
                "\(edited):1:1: warning: edited since the import wrote it, and its product 'nimbus' is no longer in the data: the product's files are left as they are (it names them); delete Content/entities/endoflife/nimbus/ and its other files to remove it"
            ], "\(diagnostics)")
        #expect(summary.removed == 0 && summary.kept == 1, "\(summary)")
        #expect(snapshot(of: kb.url("Content")).keys.filter { $0.contains("nimbus") }.sorted() == before.sorted())
        #expect(Pipeline.check(Pipeline.Options(root: kb.root)).diagnostics.isEmpty)
        // Not edited, it goes with its product.
        try kb.write(try kb.read(edited).replacingOccurrences(of: "\nEdited by hand.\n", with: ""), to: edited)
        // A file of the analyst's that names a cycle of it keeps that cycle and what the cycle
        // names in turn (its product, their source); one that says "nimbus" in prose keeps nothing.
        try kb.write(
            "---\ntitle: Nimbus 24 in the lab\ndate: 2026-11-01\ntype: other\nentities: [nimbus-24]\n---\nNimbus, at https://endoflife.date/nimbus.\n",
            to: "Content/events/mine/lab-nimbus.md")
        try kb.write(
            "---\ntitle: A note\ndate: 2026-11-02\ntype: other\nentities: [nimbus-24]\n---\nnimbus nimbus-26\n", to: "Content/events/mine/note.md")
        let (held, said) = EndOfLifeImport.run(EndOfLifeImport.Options(products: fewer.root.path, root: kb.root))
        let left = snapshot(of: kb.url("Content")).keys.filter { $0.contains("endoflife/nimbus") }.sorted()
        #expect(left.contains("entities/endoflife/nimbus/nimbus-24.md") && left.contains("entities/endoflife/nimbus.md"), "\(left)")
        #expect(!left.contains("entities/endoflife/nimbus/nimbus-26.md"), "\(left)")
        #expect(held.kept == said.count && said.allSatisfy { $0.message.contains("; left as it is") }, "\(said)")
        #expect(left.contains("events/endoflife/nimbus/nimbus-24-release.md"), "\(left)")
        #expect(Pipeline.check(Pipeline.Options(root: kb.root)).diagnostics.filter { $0.severity == .error }.isEmpty)
        try kb.remove("Content/events/mine/lab-nimbus.md")
        try kb.remove("Content/events/mine/note.md")
        let (gone, quiet) = EndOfLifeImport.run(EndOfLifeImport.Options(products: fewer.root.path, root: kb.root))
        #expect(quiet.isEmpty, "\(quiet)")
        #expect(snapshot(of: kb.url("Content")).keys.filter { $0.contains("nimbus") }.isEmpty, "\(gone)")
        #expect(!FileManager.default.fileExists(atPath: kb.url(edited).path), "\(gone)")
    }

    /// Two products that make one id (the product `nimbus-24` beside the cycle "24" of
    /// `nimbus`) are an error, and neither product is written (both files were, and `vane
    /// check` then failed on a duplicate id the import had not said; then the rest of both
    /// was, and their events named the id no file had).
    @Test func twoProductsMakingOneIdAreAnError() throws {
        let folder = try TemporaryKnowledgeBase()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.fixture.appendingPathComponent("products").path)
        where name.hasSuffix(".md") {
            try folder.write(try Data(contentsOf: Self.fixture.appendingPathComponent("products/\(name)")), to: name)
        }
        try folder.write(
            "---\ntitle: Nimbus 24 Suite\ncategory: app\npermalink: /nimbus-24\nreleases:\n  - releaseCycle: \"1\"\n    releaseDate: 2024-01-01\n    eol: 2026-01-01\n---\n",
            to: "nimbus-24.md")
        let kb = try TemporaryKnowledgeBase()
        let (_, diagnostics) = EndOfLifeImport.run(EndOfLifeImport.Options(products: folder.root.path, root: kb.root))
        let errors = diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(
            errors == [
                "Content/entities/endoflife/nimbus-24.md:1:1: error: the import would write the id 'nimbus-24' twice (Content/entities/endoflife/nimbus-24.md and Content/entities/endoflife/nimbus/nimbus-24.md): neither product is written; rename one product upstream, or import the other with --only"
            ], "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/entities/endoflife/nimbus-24.md").path))
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/entities/endoflife/nimbus/nimbus-24.md").path))
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/entities/endoflife/nimbus/nimbus-22.md").path))
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/events/endoflife/nimbus-24").path))
        #expect(FileManager.default.fileExists(atPath: kb.url("Content/entities/endoflife/acmedb.md").path))
        #expect(Pipeline.check(Pipeline.Options(root: kb.root)).diagnostics.filter { $0.severity == .error }.isEmpty)
        // Every product of the folder held back is said as such, not as a folder that "holds
        // no product that could be read".
        let two = try TemporaryKnowledgeBase()
        for name in ["nimbus.md", "nimbus-24.md"] { try two.write(try folder.read(name), to: name) }
        let target = try TemporaryKnowledgeBase()
        let held = EndOfLifeImport.run(EndOfLifeImport.Options(products: two.root.path, root: target.root)).1
        #expect(!held.map(\.description).contains { $0.contains("holds no product") }, "\(held)")
    }

    /// A day the calendar does not have is refused where it is written (it was imported, and
    /// `vane check` then failed on the files it wrote); an end of life before the release
    /// with nothing later to date it by is said, not dropped in silence.
    @Test func anImpossibleDayIsAnErrorAndAnEndBeforeTheReleaseAWarning() throws {
        let folder = try TemporaryKnowledgeBase([
            "products/bad.md": """
            ---
            title: Bad
            category: lang
            permalink: /bad
            releases:
              - releaseCycle: "1.0"
                releaseDate: 2020-02-30
                eol: 2024-02-29
              - releaseCycle: "2.0"
                releaseDate: 2021-01-01
                eol: 2023-04-31
            ---

            > Bad.
            """,
            "products/early.md": """
            ---
            title: Early
            category: lang
            permalink: /early
            releases:
              - releaseCycle: "3.0"
                releaseDate: 2023-01-01
                eol: 2022-01-01
            ---

            > Early.
            """,
        ])
        let kb = try TemporaryKnowledgeBase()
        let (summary, diagnostics) = EndOfLifeImport.run(EndOfLifeImport.Options(products: folder.url("products").path, root: kb.root))
        let products = folder.url("products").path + "/"
        #expect(
            diagnostics.map { $0.description.replacingOccurrences(of: products, with: "") } == [
                "bad.md:7:18: error: cycle '1.0': 'releaseDate' must be a date (YYYY-MM-DD), '2020-02-30' is no day of the calendar",
                "bad.md:11:10: error: cycle '2.0': 'eol' must be a date or true or false, '2023-04-31' is no day of the calendar",
                "early.md:8:10: warning: cycle '3.0': end of life 2022-01-01 is not after its release 2023-01-01, and nothing later in the data dates it: written as ended, date unknown",
            ], "\(diagnostics)")
        #expect(summary.products == 1)
    }

    /// Active support that ends with the end of life does not say security fixes go on.
    @Test func activeSupportEndingWithTheEndOfLifeSaysSo() throws {
        let folder = try TemporaryKnowledgeBase([
            "products/same.md": """
            ---
            title: Same
            category: os
            permalink: /same
            releases:
              - releaseCycle: "1"
                releaseDate: 2018-04-26
                eoas: 2023-05-31
                eol: 2023-05-31
              - releaseCycle: "2"
                releaseDate: 2020-04-23
                eoas: 2022-10-01
                eol: 2025-05-31
            ---

            > Same.
            """
        ])
        let kb = try TemporaryKnowledgeBase()
        _ = EndOfLifeImport.run(EndOfLifeImport.Options(products: folder.url("products").path, root: kb.root))
        let events = snapshot(of: kb.url("Content/events")).filter { $0.key.contains("active-support") }.mapValues {
            String(decoding: $0, as: UTF8.self)
        }
        #expect(events.count == 2)
        #expect(events.values.contains { $0.contains("Active support of Same 1 ends on 2023-05-31, with its end of life") })
        #expect(events.values.contains { $0.contains("Active support of Same 2 ends on 2022-10-01; security fixes go on until its end of life") })
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
            EndOfLifeImport.Options(products: folder.url("products").path, root: kb.root))
        #expect(diagnostics.count == 1)
        #expect(
            diagnostics.first?.description.hasPrefix(folder.url("products").path + "/broken.md:16:33: error: invalid YAML") == true, "\(diagnostics)")
        #expect(summary.products == 2)
    }

    /// The clone's root instead of its products/ folder (its README reads as no product),
    /// or an empty folder, removed every file imported before: refused, nothing removed.
    @Test func aFolderWithNoProductReadRemovesNothing() throws {
        let kb = try TemporaryKnowledgeBase()
        #expect(importing("products", into: kb, only: ["acmedb", "nimbus"]).0.products == 2)
        let before = snapshot(of: kb.url("Content"))
        #expect(before.count > 10)
        let empty = try TemporaryKnowledgeBase([:])
        try FileManager.default.createDirectory(at: empty.url("products"), withIntermediateDirectories: true)
        for folder in [Self.fixture.path, Self.fixture.appendingPathComponent("malformed").path, empty.url("products").path] {
            let (summary, diagnostics) = EndOfLifeImport.run(EndOfLifeImport.Options(products: folder, root: kb.root))
            #expect(summary.removed == 0 && summary.written == 0)
            let refusal = diagnostics.map(\.description).filter { $0.hasPrefix("\(folder): error: the folder holds no product") }
            #expect(refusal.count == 1, "\(diagnostics)")
            #expect(refusal.first?.hasSuffix("expected the products/ folder of an endoflife.date clone; nothing written or removed") == true)
            #expect(snapshot(of: kb.url("Content")) == before)
        }
        // A category no product has is an error naming those there are, as a slug is.
        var options = EndOfLifeImport.Options(products: Self.fixture.appendingPathComponent("products").path, root: kb.root)
        options.categories = ["databse"]
        let (_, diagnostics) = EndOfLifeImport.run(options)
        #expect(
            diagnostics.map(\.description).contains {
                $0.contains("error: no product of category 'databse' (did you mean 'database'?); the categories are ")
            }, "\(diagnostics)")
        #expect(snapshot(of: kb.url("Content")) == before)
        // The clone's root with `--only`: where the products are, not "no product 'acmedb'".
        var root = EndOfLifeImport.Options(products: Self.fixture.path, root: kb.root)
        root.only = ["acmedb"]
        #expect(
            EndOfLifeImport.run(root).1.map(\.description) == [
                "\(Self.fixture.path): error: no product 'acmedb' (this folder is not the products/ folder of an endoflife.date clone: \(Self.fixture.path)/products is)"
            ])
        #expect(snapshot(of: kb.url("Content")) == before)
    }

    /// Each cycle: id, name, channels and successors.
    private func cyclesDigest(_ kb: TemporaryKnowledgeBase) throws -> String {
        var lines: [String] = []
        for (path, data) in snapshot(of: kb.url("Content/entities/endoflife")).sorted(by: { $0.key < $1.key }) where path.contains("/") {
            let front = String(decoding: data, as: UTF8.self).split(separator: "\n").filter {
                $0.hasPrefix("name:") || $0.hasPrefix("channels:") || $0.hasPrefix("successors:")
            }
            lines.append(path.split(separator: "/").last!.dropLast(3) + " " + front.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Each end-of-life event: its date, title and status line.
    private func endsDigest(_ kb: TemporaryKnowledgeBase) throws -> String {
        var lines: [String] = []
        for (path, data) in snapshot(of: kb.url("Content/events/endoflife")).sorted(by: { $0.key < $1.key }) where path.hasSuffix("-end-of-life.md") {
            let text = String(decoding: data, as: UTF8.self).split(separator: "\n")
            let pick = text.filter { $0.hasPrefix("date:") || $0.hasPrefix("title:") || $0.hasPrefix("  ") }
            lines.append(pick.joined(separator: " | "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
