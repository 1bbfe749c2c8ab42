import Foundation
import Testing
import VaneContent
import VaneTestSupport

/// A rescan of the files a watcher named equals a walk of the whole of `Content/`.
struct ScannerTests {
    @Test func aRescanOfTheTouchedFilesIsAWalk() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        var scan = ContentScanner.scan(root: kb.root)
        _ = kb.takeTouched()
        // Added, edited, removed; an asset; files the walk refuses; a hidden file; a file
        // written and removed again before anyone looked.
        try kb.write("---\ntitle: Added\ndate: 2026-01\ntype: other\n---\nNew.\n", to: "Content/events/2026-added.md")
        try kb.write(try kb.read("Content/events/2026-summit.md") + "\nMore.\n", to: "Content/events/2026-summit.md")
        try kb.remove("Content/entities/roadrunner.md")
        try kb.write("slides", to: "Content/sources/acme-deck.txt")
        try kb.write("---\ntitle: Bad\n---\n", to: "Content/events/Bad_Name.md")
        try kb.write("---\ntitle: Loose\n---\n", to: "Content/loose.md")
        try kb.write("swap", to: "Content/events/.2026-summit.md.swp")
        try kb.write("gone", to: "Content/events/4913")
        try kb.remove("Content/events/4913")
        let touched = try #require(kb.takeTouched())
        scan = try #require(ContentScanner.rescan(scan, touched: touched, root: kb.root))
        let walked = ContentScanner.scan(root: kb.root)
        #expect(scan == walked)
        #expect(scan.entries.contains { $0.id == "2026-added" } && !scan.entries.contains { $0.id == "roadrunner" })
        #expect(scan.diagnostics.map(\.location.path).sorted() == ["Content/events/Bad_Name.md", "Content/loose.md"])

        // The refused files mended: their problems go with them.
        try kb.remove("Content/events/Bad_Name.md")
        try kb.remove("Content/loose.md")
        let mended = try #require(kb.takeTouched())
        scan = try #require(ContentScanner.rescan(scan, touched: mended, root: kb.root))
        #expect(scan == ContentScanner.scan(root: kb.root) && scan.diagnostics.isEmpty)

        // A symbolic link or a folder is left to a walk.
        try FileManager.default.createSymbolicLink(atPath: kb.url("Content/events/linked.md").path, withDestinationPath: "2026-summit.md")
        #expect(ContentScanner.rescan(scan, touched: ["Content/events/linked.md"], root: kb.root) == nil)
        #expect(ContentScanner.rescan(scan, touched: ["Content/events"], root: kb.root) == nil)
        #expect(ContentScanner.rescan(scan, touched: ["Site/config.yml"], root: kb.root) == nil)
    }
}
