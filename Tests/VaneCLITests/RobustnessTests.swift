import Foundation
import GRDB
import Testing
import VaneDiagnostics
import VaneTestSupport

/// Builds killed half-way, builds racing each other, databases that are not ours.
struct RobustnessTests {
    private let day = "2026-11-26"

    /// A generated knowledge base, built once; returns it and how long the build took.
    private func built(events: Int) throws -> (TemporaryKnowledgeBase, TimeInterval) {
        let kb = try TemporaryKnowledgeBase()
        try SyntheticKnowledgeBase.write(events: events, into: kb)
        let start = Date()
        let result = try vane("build", "--as-of", day, in: kb.root)
        #expect(result.status == 0, "\(result.stderr)")
        return (kb, Date().timeIntervalSince(start))
    }

    private func rename(_ kb: TemporaryKnowledgeBase) throws {
        let path = "Content/entities/vendor-0.md"
        try kb.write(try kb.read(path).replacingOccurrences(of: "name: Vendor 0", with: "name: Vendor Zero"), to: path)
    }

    @Test(.tags(.slow), .fullTierOnly) func aKilledBuildLeavesTheLastGoodSiteAndDatabase() throws {
        let (kb, duration) = try built(events: 600)
        let oldSite = snapshot(of: kb.url("public"))
        let oldDatabase = try Data(contentsOf: kb.url("vane.sqlite"))
        try rename(kb)
        let reference = try TemporaryKnowledgeBase(copying: [kb.url("Content")])
        #expect(try vane("build", "--as-of", day, in: reference.root).status == 0)
        let newSite = snapshot(of: reference.url("public"))
        #expect(!differences(newSite, oldSite).isEmpty)

        let kills = 6
        for k in 0..<kills {
            let process = Process()
            process.executableURL = Repository.vane
            process.arguments = ["build", "--as-of", day]
            process.currentDirectoryURL = kb.root
            process.standardError = FileHandle.nullDevice
            let exit = try process.start()
            Thread.sleep(forTimeInterval: duration * (Double(k) + 0.5) / Double(kills))
            kill(process.processIdentifier, SIGKILL)
            exit.wait()

            let site = snapshot(of: kb.url("public"))
            #expect(site == oldSite || site == newSite, "kill \(k) left a mixed site: \(differences(site, oldSite)) \(differences(site, newSite))")
            // The site is swapped in before the database, so an old site means an old database.
            if site == oldSite { #expect(try Data(contentsOf: kb.url("vane.sqlite")) == oldDatabase) }
            let count = try vane("sql", "SELECT count(*) FROM events", "--format", "csv", in: kb.root)
            #expect(count.stdout == "count(*)\r\n600\r\n", "kill \(k): database unusable: \(count.stderr)")
        }
        let finish = try vane("build", "--as-of", day, in: kb.root)
        #expect(finish.status == 0)
        let final = snapshot(of: kb.url("public"))
        #expect(final == newSite, "\(differences(final, newSite))")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: kb.root.path).filter { $0.contains(".staging-") || $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Names of the build's own that a clone can hold as symbolic links are never followed
    /// out of the knowledge base: a `.public.spare` link had the folder it named emptied and
    /// filled with the site, a folder of the spare linked elsewhere was written through, and
    /// a `.vane-build.lock` link had the file it named truncated to the build's pid.
    @Test func theBuildsOwnNamesFollowNoLink() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(try vane("build", "--as-of", day, in: kb.root).status == 0)
        let elsewhere = try TemporaryKnowledgeBase()
        let victim = elsewhere.root
        try "keep\n".write(to: victim.appendingPathComponent("important.txt"), atomically: true, encoding: .utf8)
        try "precious\n".write(to: victim.appendingPathComponent("lock.txt"), atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(at: kb.url(".public.spare"))
        try FileManager.default.createSymbolicLink(atPath: kb.url(".public.spare").path, withDestinationPath: victim.path)
        try? FileManager.default.removeItem(at: kb.url(".vane-build.lock"))
        try FileManager.default.createSymbolicLink(
            atPath: kb.url(".vane-build.lock").path, withDestinationPath: victim.appendingPathComponent("lock.txt").path)
        try kb.write(try kb.read("Content/entities/acme.md") + "\nMore.\n", to: "Content/entities/acme.md")
        #expect(try vane("build", "--as-of", day, in: kb.root).status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: victim.path).filter { !$0.hasPrefix(".") }.sorted() == ["important.txt", "lock.txt"])
        #expect(try String(contentsOf: victim.appendingPathComponent("lock.txt"), encoding: .utf8) == "precious\n")
        var info = stat()
        #expect(lstat(kb.url("public").path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR)
        // A folder of the spare that is a link: the next build stages into the spare.
        try? FileManager.default.removeItem(at: kb.url(".public.spare"))
        try FileManager.default.createDirectory(at: kb.url(".public.spare"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: kb.url(".public.spare/assets").path, withDestinationPath: victim.path)
        try kb.write(try kb.read("Content/entities/acme.md") + "\nAnd again.\n", to: "Content/entities/acme.md")
        #expect(try vane("build", "--as-of", day, in: kb.root).status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: victim.path).filter { !$0.hasPrefix(".") }.sorted() == ["important.txt", "lock.txt"])
        #expect(try kb.read("public/assets/style.css").count > 100)
    }

    /// A `.public.spare` that is a file, not a folder: set aside, not staged into (it was
    /// renamed to the staging name, where the staging folder goes, and the build failed with
    /// "cannot create the folder '.public.staging-N': File exists").
    @Test func aSpareThatIsAFileIsSetAside() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(try vane("build", "--as-of", day, in: kb.root).status == 0)
        try? FileManager.default.removeItem(at: kb.url(".public.spare"))
        try kb.write("a note\n", to: ".public.spare")
        try kb.write(
            try kb.read("Content/entities/acme.md").replacingOccurrences(of: "name: Acme", with: "name: Acme Two"), to: "Content/entities/acme.md")
        let built = try vane("build", "--as-of", day, in: kb.root)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try kb.read("public/entities/acme.html").contains("Acme Two"))
        let names = try FileManager.default.contentsOfDirectory(atPath: kb.root.path)
        #expect(!names.contains { $0.hasPrefix(".public.staging") }, "\(names)")
    }

    /// What cannot be read where settings or entries go stops the build, and the last site
    /// stays: a `Site/config.yml` that is a link to nothing or a folder (the site was rebuilt
    /// with default settings), `Content` that is a file (rebuilt empty). An output that
    /// cannot be written is said, not trapped on (exit 132 with a backtrace).
    @Test func whatCannotBeReadStopsTheBuild() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("title: Mine\n", to: "Site/config.yml")
        #expect(try vane("build", "--as-of", day, in: kb.root).status == 0)
        let page = try kb.read("public/index.html")
        try kb.remove("Site/config.yml")
        try FileManager.default.createSymbolicLink(atPath: kb.url("Site/config.yml").path, withDestinationPath: "config.yaml")
        let dangling = try vane("build", "--as-of", day, in: kb.root)
        #expect(
            dangling.status == 1
                && dangling.stderr.hasPrefix("Site/config.yml: error: is not a file vane can read (a link to nothing, a folder or a pipe)"),
            "\(dangling.stderr)")
        try kb.remove("Site/config.yml")
        try FileManager.default.createDirectory(at: kb.url("Site/config.yml"), withIntermediateDirectories: true)
        #expect(try vane("check", in: kb.root).status == 1)
        try kb.remove("Site/config.yml")
        try FileManager.default.moveItem(at: kb.url("Content"), to: kb.url("Elsewhere"))
        try kb.write("x\n", to: "Content")
        let file = try vane("build", "--as-of", day, in: kb.root)
        #expect(file.status == 1 && file.stderr.hasPrefix("Content: error: is a file, not a folder"), "\(file.stderr)")
        #expect(try kb.read("public/index.html") == page)
        // A pipe is said as one, not as "a file".
        try FileManager.default.removeItem(at: kb.url("Content"))
        #expect(mkfifo(kb.url("Content").path, 0o644) == 0)
        let pipe = try vane("check", in: kb.root)
        #expect(pipe.status == 1 && pipe.stderr.hasPrefix("Content: error: is a pipe, a device or a socket, not a folder"), "\(pipe.stderr)")
        try FileManager.default.removeItem(at: kb.url("Content"))
        try FileManager.default.moveItem(at: kb.url("Elsewhere"), to: kb.url("Content"))
        // A template read as strictly as an entry: UTF-16 was published as its own source.
        var utf16 = Data([0xFF, 0xFE])
        utf16.append("{{<layout}}{{/layout}}\n".data(using: .utf16LittleEndian)!)
        try FileManager.default.createDirectory(at: kb.url("Site/templates"), withIntermediateDirectories: true)
        try utf16.write(to: kb.url("Site/templates/event.mustache"))
        let wide = try vane("check", in: kb.root)
        #expect(
            wide.status == 1
                && wide.stderr.hasPrefix(
                    "Site/templates/event.mustache:1:1: error: file is UTF-16 (little-endian) text, not UTF-8 (save it as UTF-8)\n"),
            "\(wide.stderr)")
        let full = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" status > /dev/full", Repository.vane.path], in: kb.root)
        #expect(full.status == 74 && full.stderr.hasSuffix("error: cannot write to standard output: No space left on device\n"), "\(full.stderr)")
    }

    /// A partial that includes itself twice inside a section true at every level doubled
    /// its work at each of the 100 levels the depth allows: the build grew by gigabytes and
    /// never ended. A page renders at most a million partials and parents, then the circle
    /// is said as the depth's is.
    @Test(.tags(.slow), .fullTierOnly) func aCircleThatBranchesIsCut() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("{{#site}}<i>{{> partials/a}}{{> partials/a}}</i>{{/site}}\n", to: "Site/templates/partials/a.mustache")
        try kb.write("{{<layout}}{{$content}}{{> partials/a}}{{/content}}{{/layout}}\n", to: "Site/templates/search.mustache")
        let cut = try run(
            URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", "120", Repository.vane.path, "build", "--as-of", day], in: kb.root)
        #expect(
            cut.status == 1
                && cut.stderr
                    == "Site/templates/partials/a.mustache:1:17: error: 'partials/a' includes itself (partials/a → partials/a) inside a section that is true at every level, so it was included 1000000 times in one page and was cut there\n1 error, 0 warnings\n",
            "\(cut.status) \(cut.stderr)")
    }

    @Test func twoBuildsAtOnceTakeTurns() throws {
        let (kb, _) = try built(events: 400)
        try rename(kb)
        let first = Process()
        first.executableURL = Repository.vane
        first.arguments = ["build", "--as-of", day]
        first.currentDirectoryURL = kb.root
        let firstExit = try first.start()
        // Wait until the first build holds the lock (it writes its pid there).
        let deadline = Date().addingTimeInterval(10)
        while (try? kb.read(".vane-build.lock")) != "\(first.processIdentifier)\n" && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let second = try vane("build", "--as-of", day, in: kb.root)
        firstExit.wait()
        #expect(first.terminationStatus == 0)
        #expect(second.status == 0)
        #expect(second.stderr == "waiting for another vane build (pid \(first.processIdentifier)) to finish…\n")
        #expect(try kb.read("public/entities/vendor-0.html").contains("<h1>Vendor Zero</h1>"))
    }

    @Test func aForeignDatabaseIsNeitherReadNorReplaced() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let garbage = Data("SQLite format 3\u{0}".utf8 + (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try kb.write(garbage, to: "vane.sqlite")
        let path = kb.url("vane.sqlite").standardizedFileURL.path
        let build = try vane("build", in: kb.root)
        #expect(build.status == 1)
        #expect(build.stderr == "error: '\(path)' is not a Weathervane database; refusing to replace it (move it away or pass --db)\n")
        #expect(try Data(contentsOf: kb.url("vane.sqlite")) == garbage)
        #expect(!FileManager.default.fileExists(atPath: kb.url("public").path))
        let query = try vane("query", "events", in: kb.root)
        #expect(query.status == 1)
        #expect(query.stderr == "error: '\(path)' is not a Weathervane database\n")
        try kb.write("just text", to: "other.sqlite")
        let sql = try vane("sql", "SELECT 1", "--db", kb.url("other.sqlite").path, in: kb.root)
        #expect(sql.status == 1)
        #expect(sql.stderr.hasSuffix("other.sqlite' is not a Weathervane database\n"))
    }

    /// A database cut short (a disk filled, a copy stopped) is said to be damaged, in words
    /// a reader can act on, not as the statement SQLite failed on; and it is not replaced.
    @Test func aDamagedDatabaseIsSaidToBeDamaged() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(try vane("build", in: kb.root).status == 0)
        try? FileManager.default.removeItem(at: kb.url("vane.sqlite-wal"))
        try? FileManager.default.removeItem(at: kb.url("vane.sqlite-shm"))
        let cut = try Data(contentsOf: kb.url("vane.sqlite")).prefix(20_000)
        try kb.write(Data(cut), to: "vane.sqlite")
        let path = kb.url("vane.sqlite").standardizedFileURL.path
        let query = try vane("query", "events", in: kb.root)
        #expect(query.status == 1)
        #expect(
            query.stderr.hasPrefix("error: cannot read '\(path)': it is damaged (SQLite: ")
                && query.stderr.hasSuffix("); a build makes it again once it is moved away\n") && !query.stderr.contains("while executing"),
            "\(query.stderr)")
        let build = try vane("build", in: kb.root)
        #expect(build.status == 1)
        #expect(build.stderr.hasSuffix("; refusing to replace it (move it away or pass --db)\n"), "\(build.stderr)")
        #expect(try Data(contentsOf: kb.url("vane.sqlite")) == Data(cut))
        // A table of the graph dropped: damaged too (an SQLite error on every build, blamed
        // on a report's block, and raw SQL on every read).
        try kb.remove("vane.sqlite")
        #expect(try vane("build", in: kb.root).status == 0)
        var unchecked = Configuration()
        unchecked.foreignKeysEnabled = false
        try DatabaseQueue(path: kb.url("vane.sqlite").path, configuration: unchecked).writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE events")
        }
        let dropped = try vane("query", "events", in: kb.root)
        #expect(
            dropped.status == 1
                && dropped.stderr
                    == "error: cannot read '\(path)': it is damaged (its table 'events' is missing); a build makes it again once it is moved away\n",
            "\(dropped.stderr)")
        #expect(try vane("build", in: kb.root).stderr.hasSuffix("; refusing to replace it (move it away or pass --db)\n"))
    }
}
