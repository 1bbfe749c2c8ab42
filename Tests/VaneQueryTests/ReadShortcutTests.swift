import Foundation
import GRDB
import Testing
import VaneBuild
import VaneContent
import VaneQuery
import VaneTestSupport

/// The two shortcuts of a read command, each against what it stands for: the stored
/// status board against the board computed from the same database, and the digest walk
/// of `Content/` against the listing a build reads.
struct ReadShortcutTests {
    static let knowledgeBases = ["small", "lifecycle", "aws", "entra", "exchange-esu", "founding", "analysis"]

    @Test(arguments: knowledgeBases)
    func theStoredBoardIsTheBoardComputed(_ name: String) throws {
        let fixture = Repository.fixture(name)
        let folders = try FileManager.default.contentsOfDirectory(atPath: fixture.path).map { fixture.appendingPathComponent($0) }
        let kb = try TemporaryKnowledgeBase(copying: folders)
        // The last, a site of a past day built later: its names are those of that day
        // (entra's product was renamed on 11 July 2023).
        for (day, today) in [("2024-12-31", "2024-12-31"), ("2026-11-26", "2026-11-26"), ("2023-06-30", "2026-11-26")] {
            let asOf = try FuzzyDate(parsing: day)
            var options = Pipeline.Options(root: kb.root, asOf: asOf)
            options.today = try FuzzyDate(parsing: today)
            #expect(Pipeline.build(options).succeeded)
            let reader = try GraphReader(url: kb.url("vane.sqlite"))
            let stored = try #require(try reader.storedStatusJSON(asOf: asOf))
            #expect(stored == Data(StatusSnapshot.json(try reader.statusBoard(asOf: asOf)).utf8))
            if name == "entra" && day == "2023-06-30" {
                #expect(String(decoding: stored, as: UTF8.self).contains("\"name\" : \"Azure Active Directory\""))
                #expect(!String(decoding: stored, as: UTF8.self).contains("Entra"))
            }
            // Another day, or a month around the day, is computed.
            #expect(try reader.storedStatusJSON(asOf: FuzzyDate(parsing: "2025-06-30")) == nil)
            #expect(try reader.storedStatusJSON(asOf: FuzzyDate(parsing: String(day.prefix(7)))) == nil)
        }
    }

    @Test func theCrowdedBoardIsStoredAsComputed() throws {
        let kb = try TemporaryKnowledgeBase()
        try CrowdedKnowledgeBase.write(products: 60, vendors: 6, into: kb)
        var options = Pipeline.Options(root: kb.root, asOf: fixedDay)
        options.today = fixedDay
        #expect(Pipeline.build(options).succeeded)
        let reader = try GraphReader(url: kb.url("vane.sqlite"))
        let stored = try #require(try reader.storedStatusJSON(asOf: fixedDay))
        #expect(stored.count > 10_000)
        #expect(stored == Data(StatusSnapshot.json(try reader.statusBoard(asOf: fixedDay)).utf8))
        // Read in pieces, as `vane status` prints a large board, the pieces make the same bytes.
        var pieces: [Data] = []
        #expect(try reader.streamStoredStatusJSON(asOf: fixedDay, piece: 1000) { pieces.append(Data($0)) })
        #expect(pieces.count == (stored.count + 999) / 1000)
        #expect(pieces.dropLast().allSatisfy { $0.count == 1000 })
        #expect(pieces.reduce(Data(), +) == stored)
    }

    /// A snapshot belongs to the build that stored it: one left by an earlier build (a
    /// build killed before it stored its own) is never read.
    @Test func aSnapshotOfAnotherBuildIsNeverRead() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(try vane("build", "--as-of", "2026-11-26", in: kb.root).status == 0)
        let computed = try vane("status", "--format", "json", "--as-of", "2026-11-26", in: kb.root).stdout
        let queue = try DatabaseQueue(path: kb.url("vane.sqlite").path)
        let started = try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM build_state WHERE key = 'started'") }
        // The command prints what is stored (so the test can tell which path it took)...
        try queue.write { db in
            try db.execute(
                sql: "UPDATE build_state SET value = ? WHERE key = 'status-json'",
                arguments: ["23 \(ContentLoader.parserVersion)\n2026-11-26\n[\"stored\"]\n"])
        }
        #expect(try queue.read { db in try String.fetchOne(db, sql: "SELECT value FROM build_state WHERE key = 'status-json-build'") } == started)
        #expect(try vane("status", "--format", "json", "--as-of", "2026-11-26", in: kb.root).stdout == "[\"stored\"]\n")
        // Not one an older vane stored (another snapshot version)...
        try queue.write { db in
            try db.execute(sql: "UPDATE build_state SET value = '0' || value WHERE key = 'status-json'")
        }
        #expect(try vane("status", "--format", "json", "--as-of", "2026-11-26", in: kb.root).stdout == computed)
        try queue.write { db in
            try db.execute(sql: "UPDATE build_state SET value = substr(value, 2) WHERE key = 'status-json'")
        }
        // ...but not for a vendor, a minimum risk, or another day.
        #expect(try vane("status", "--format", "json", "--as-of", "2026-11-26", "--min-risk", "0", in: kb.root).stdout.hasPrefix("[\n"))
        #expect(try vane("status", "--format", "json", "--as-of", "2026-11-25", in: kb.root).stdout.hasPrefix("[\n"))
        // Nor once the build it belongs to is not the last one.
        try queue.write { db in try db.execute(sql: "UPDATE build_state SET value = '1' WHERE key = 'started'") }
        try queue.close()
        #expect(try vane("status", "--format", "json", "--as-of", "2026-11-26", in: kb.root).stdout == computed)
    }

    @Test func theDigestWalkSeesWhatTheListingSees() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("founding/Content")])
        try kb.write("hidden", to: "Content/.notes.md")
        try kb.write("hidden too", to: "Content/.git-like/x.md")
        let content = kb.url("Content").path
        func listed() -> TreeDigest {
            TreeDigest(files: DirectoryWalker.files(under: content)!.map { (relative: $0.relative, size: $0.size, modified: $0.modified) })
        }
        func walked() throws -> TreeDigest { try #require(TreeDigest.walk(content)).digest }
        var seen = [try walked()]
        #expect(seen[0] == listed())
        #expect(seen[0].files == DirectoryWalker.files(under: content)!.count)
        let event = "Content/events/" + (try FileManager.default.contentsOfDirectory(atPath: content + "/events").sorted().first!)
        // Each edit changes the digest, and the walk agrees with the listing every time.
        let edits: [() throws -> Void] = [
            { try kb.write(try kb.read(event) + "\nMore.\n", to: event) },
            {
                let later = Date().addingTimeInterval(5)
                try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: kb.url(event).path)
            },
            { try kb.write("---\nname: New\ntype: org\n---\n", to: "Content/entities/new.md") },
            { try FileManager.default.moveItem(at: kb.url("Content/entities/new.md"), to: kb.url("Content/entities/newer.md")) },
        ]
        for edit in edits {
            try edit()
            let now = try walked()
            #expect(now == listed())
            #expect(!seen.contains(now))
            seen.append(now)
        }
        // The tree as it was is the digest it had.
        try kb.remove("Content/entities/newer.md")
        #expect(try walked() == seen[2])
        // A symbolic link is for the file-by-file walk, which knows where it leads.
        try FileManager.default.createSymbolicLink(atPath: content + "/entities/link.md", withDestinationPath: kb.url(event).path)
        #expect(TreeDigest.walk(content) == nil)
        #expect(TreeDigest.walk(kb.url("Missing").path) == nil)
    }

    /// A file touched without a change of size is seen, through the digest.
    @Test func aTouchedFileMakesTheGraphStale() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(try vane("build", in: kb.root).status == 0)
        let reader = try GraphReader(url: kb.url("vane.sqlite"))
        #expect(try reader.changedFiles(root: kb.root) == 0)
        let later = Date().addingTimeInterval(5)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: kb.url("Content/entities/acme.md").path)
        #expect(try reader.changedFiles(root: kb.root) == 1)
    }
}
