import Foundation
import Testing
import VaneDiagnostics
import VaneQuery
import VaneTestSupport

/// `vane new` and `vane serve`, run as a person would.
struct AuthoringTests {
    private func bundled() throws -> TemporaryKnowledgeBase {
        try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
    }

    @Test func newWritesAnEntryThatChecksOnceFilledIn() throws {
        let kb = try bundled()
        let made = try vane("new", "event", "Meta opens Muse Spark API", in: kb.root)
        #expect(made.status == 0)
        #expect(made.stdout == "Content/events/meta-opens-muse-spark-api.md\n")
        let path = "Content/events/meta-opens-muse-spark-api.md"
        let text = try kb.read(path)
        #expect(text.hasPrefix("---\ntitle: \"Meta opens Muse Spark API\"\ndate: "))
        // The references are left for the author: until then, check says what is missing.
        let unfilled = try vane("check", in: kb.root)
        #expect(unfilled.status == 1)
        #expect(unfilled.stderr.contains("Content/events/meta-opens-muse-spark-api.md:4:1: error: 'type' is empty (expected one of: launch,"))
        #expect(unfilled.stderr.contains("Content/events/meta-opens-muse-spark-api.md:5:1: error: 'entities' must name at least one entity"))
        try kb.write(
            text.replacingOccurrences(of: "type: ", with: "type: release")
                .replacingOccurrences(of: "entities: []", with: "entities: [meta, muse-spark]")
                .replacingOccurrences(of: "sources: []", with: "sources: [deeplearning-ai-muse-spark]"), to: path)
        let filled = try vane("check", in: kb.root)
        #expect(filled.status == 0, "\(filled.stderr)")
        let again = try vane("new", "event", "Meta opens Muse Spark API", in: kb.root)
        #expect(again.status == 1)
        #expect(again.stderr == "error: Content/events/meta-opens-muse-spark-api.md already exists (not overwritten)\n")
        #expect(try kb.read(path).contains("entities: [meta, muse-spark]"))
        #expect(try vane("new", "entity", "Meta", in: kb.root).stderr == "error: Content/entities/meta.md already exists (not overwritten)\n")
        // An alias of an entity: the new id would be two names at once.
        let alias = try vane("new", "source", "MSL", in: kb.root)
        #expect(alias.status == 1)
        #expect(
            alias.stderr
                == "error: 'msl' is already a name of 'meta-superintelligence-labs' (Content/entities/meta-superintelligence-labs.md: an alias or former id), so the new entry could not be linked by it; give it another title, or an id with --id\n"
        )
        // Another kind's entry with that id: the message names it, not the file it would write.
        let taken = try vane("new", "source", "Meta", in: kb.root)
        #expect(taken.status == 1)
        #expect(
            taken.stderr
                == "error: the id 'meta' is taken by Content/entities/meta.md (ids are unique across kinds); give the new entry another title, or an id with --id\n"
        )
        // A type given is written alone: a comment after it would be warned of as a value cut short.
        for (kind, type) in [("entity", "product"), ("event", "launch"), ("claim", "rumour"), ("claim", nil), ("use", nil), ("source", nil)] {
            let made = try vane(["new", kind, "Typed \(kind) \(type ?? "default")"] + (type.map { ["--type", $0] } ?? []), in: kb.root)
            guard made.status == 0 else {
                Issue.record("vane new \(kind): \(made.stderr)")
                continue
            }
            let text = try kb.read(made.stdout.trimmingCharacters(in: .newlines))
            #expect(!text.contains("\ntype: \(type ?? "assessment")  #"), "\(text)")
            let checked = try vane("check", "--strict", in: kb.root)
            #expect(!checked.stderr.contains("YAML comment"), "\(checked.stderr)")
            try FileManager.default.removeItem(at: kb.url(made.stdout.trimmingCharacters(in: .newlines)))
        }
        // A title with no letter a-z or digit makes no id: --id gives one, checked as any id.
        let japanese = try vane("new", "entity", "日本語", in: kb.root)
        #expect(japanese.status == 64)
        #expect(japanese.stderr == "error: cannot make an id from '日本語' (it has no letter a-z or digit): give one with --id\n")
        let given = try vane("new", "entity", "日本語", "--id", "nihongo", in: kb.root)
        #expect(given.status == 0 && given.stdout == "Content/entities/nihongo.md\n", "\(given.stderr)")
        #expect(try kb.read("Content/entities/nihongo.md").hasPrefix("---\nname: \"日本語\"\n"))
        // A title of two lines is refused: it was written, then refused by vane check.
        let twoLines = try vane("new", "reports", "Line one\nline two", in: kb.root)
        #expect(twoLines.status == 64 && twoLines.stderr == "error: a title is one line: 'Line one line two'?\n", "\(twoLines.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kb.url("Content/reports/line-one-line-two.md").path))
        let bad = try vane("new", "entity", "Meta AI", "--id", "Meta AI", in: kb.root)
        #expect(bad.status == 64)
        #expect(bad.stderr == "error: 'Meta AI' is not an id (1 to 80 of lowercase a-z, 0-9 and '-'): 'meta-ai'?\n")
        #expect(
            try vane("new", "entity", "X", "--id", "meta", in: kb.root).stderr == "error: Content/entities/meta.md already exists (not overwritten)\n"
        )
        #expect(
            try vane("new", "gadget", "X", in: kb.root).stderr
                == "error: unknown kind 'gadget'; kinds are entity, event, claim, source, report, use\n")
        // A kind without types says so, rather than list none.
        #expect(try vane("new", "use", "X", "--type", "foo", in: kb.root).stderr == "error: unknown use type 'foo'; a use has no type\n")
        // A new use names the fields a use has, `until` among them (the day a migration was done).
        #expect(try vane("new", "use", "Our chat", in: kb.root).status == 0)
        #expect(
            try kb.read("Content/uses/our-chat.md").contains(
                "\n# until: the day we stopped using it (a migration done): from then it is no exposure\n---\n"))
        // No saved queries: nothing listed, and a word on why.
        try FileManager.default.removeItem(at: kb.url("Site/queries.yml"))
        let saved = try vane("saved", in: kb.root)
        #expect(saved.status == 0 && saved.stdout.isEmpty && saved.stderr == "no saved queries (Site/queries.yml names none)\n")
    }

    /// Runs `vane serve` with `arguments` until it exits (at most 60 s): its status and what
    /// it printed on standard error.
    private func serveUntilExit(_ arguments: [String], in folder: URL) throws -> (status: Int32, stderr: String) {
        let server = Process()
        server.executableURL = Repository.vane
        server.arguments = ["serve"] + arguments
        server.currentDirectoryURL = folder
        let errors = Pipe()
        server.standardError = errors
        try server.run()
        let deadline = Date().addingTimeInterval(60)
        while server.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if server.isRunning { server.terminate() }
        server.waitUntilExit()
        return (server.terminationStatus, String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test func serveStopsAtOnceWithNothingToServeOrNoPort() throws {
        let empty = try TemporaryKnowledgeBase()
        let nothing = try serveUntilExit(["--port", "0"], in: empty.root)
        #expect(nothing.status == 1)
        #expect(
            nothing.stderr == "error: no Content/ folder in \(empty.root.standardizedFileURL.path) (run vane in a knowledge base, or pass --root)\n")
        // A build in a folder without Content/, or of a folder that is not there, says so.
        // The folder is named alone: it has no line to point at.
        let check = try vane("build", in: empty.root)
        #expect(
            check.status == 1 && check.stderr.hasPrefix("Content: error: no Content/ folder here (run vane in a knowledge base, or pass --root)\n"),
            "\(check.stderr)")
        let missing = empty.url("not-there").path
        for command in ["build", "check"] {
            let absent = try vane(command, "--root", missing, in: empty.root)
            #expect(
                absent.status == 1 && absent.stderr.contains("error: no folder \(missing) (run vane in a knowledge base, or pass --root)"),
                "\(absent.stderr)")
        }
        // A port another server listens on is said before the first build.
        let kb = try bundled()
        let taken = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(taken) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(taken, $0, length) == 0 && listen(taken, 1) == 0 && getsockname(taken, $0, &length) == 0
            }
        }
        try #require(bound)
        let port = UInt16(bigEndian: address.sin_port)
        let busy = try serveUntilExit(["--port", String(port)], in: kb.root)
        #expect(busy.status == 1)
        #expect(busy.stderr.hasPrefix("error: cannot listen on 127.0.0.1:\(port): address already in use"), "\(busy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kb.url("public").path), "no build before the port is known to be free")
        // An output a build refuses is refused before serving: it served whatever the folder
        // held (the knowledge base's own files, a repository's .git/).
        let own = try serveUntilExit(["--port", "0", "--out", "."], in: kb.root)
        #expect(own.status == 1)
        #expect(
            own.stderr.hasPrefix("error: refusing to serve '") && own.stderr.contains("(pass --out with a folder of its own)"),
            "\(own.stderr)")
    }

    /// `vane serve --port PORT` started in `root`, its standard error dropped.
    /// `vane serve` in `root`; what it says on standard error goes to `log` (`root/serve.log`) when asked.
    private func serving(_ root: URL, port: UInt16, log: Bool = false) throws -> (Process, Process.Exit) {
        let server = Process()
        server.executableURL = Repository.vane
        server.arguments = ["serve", "--port", String(port)]
        server.currentDirectoryURL = root
        server.standardError = FileHandle.nullDevice
        if log {
            let file = root.appendingPathComponent("serve.log")
            #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
            server.standardError = try FileHandle(forWritingTo: file)
        }
        return (server, try server.start())
    }

    /// A commit dated after today made while the preview serves is said, as `vane build`
    /// says it, once, by the build in the background (the preview said nothing of it).
    @Test func aCommitFromTheFutureMadeWhileServingIsSaid() throws {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try repo.kb.write("public/\nvane.sqlite*\n.vane*\n.public*\nserve.log\n", to: ".gitignore")
        try repo.commit("The knowledge base", on: "2026-01-10")
        #expect(try vane("build", in: repo.root).status == 0)
        let port = UInt16(20000 + (Int(getpid()) + 13) % 20000)
        let (server, exit) = try serving(repo.root, port: port, log: true)
        defer {
            if server.isRunning { server.terminate() }
            exit.wait()
        }
        func log(until done: (String) -> Bool) -> String {
            var log = ""
            for _ in 0..<200 where !done(log) {
                Thread.sleep(forTimeInterval: 0.1)
                log = (try? repo.kb.read("serve.log")) ?? ""
            }
            return log
        }
        func log(holding text: String) -> String { log { $0.contains(text) } }
        func builds(_ log: String) -> Int { log.components(separatedBy: "and the database in the background").count - 1 }
        #expect(log(holding: "serving ").contains("serving "))
        let meta = "Content/entities/acme.md"
        try repo.kb.write(try repo.kb.read(meta) + "\nEdited.\n", to: meta)
        try repo.commit("From a wrong clock", on: "2099-03-01")
        #expect(rawGet(port: port, path: "/entities/acme.html")?.status == 200)
        let said = log(holding: "after today")
        #expect(said.contains("warning: recorded time: commit ") && said.contains("is dated 2099-03-01, after today"), "\(said)")
        // Said once while it stands, not at every build in the background.
        let before = builds(log(holding: "and the database in the background"))
        try repo.kb.write(try repo.kb.read(meta) + "\nEdited again.\n", to: meta)
        #expect(rawGet(port: port, path: "/entities/acme.html")?.status == 200)
        let later = log { builds($0) > before }
        #expect(later.components(separatedBy: "after today").count == 2, "\(later)")
    }

    /// Stopped within a second of a save, before the build in the background took it, the
    /// preview says the output is behind (public/ and the database were without the save,
    /// and nothing said so).
    @Test func stoppedBeforeTheLastEditReachedTheOutputSaysSo() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(try vane("build", in: kb.root).status == 0)
        let port = UInt16(20000 + (Int(getpid()) + 29) % 20000)
        let (server, exit) = try serving(kb.root, port: port, log: true)
        var served: (status: Int, body: String)?
        for _ in 0..<100 where served == nil {
            Thread.sleep(forTimeInterval: 0.1)
            served = rawGet(port: port, path: "/entities/acme.html")
        }
        #expect(served?.status == 200)
        try kb.write(try kb.read("Content/entities/acme.md") + "\nEdited just now.\n", to: "Content/entities/acme.md")
        for _ in 0..<50 where rawGet(port: port, path: "/entities/acme.html")?.body.contains("Edited just now.") != true {
            Thread.sleep(forTimeInterval: 0.05)
        }
        server.interrupt()
        exit.wait()
        let log = try kb.read("serve.log")
        #expect(log.contains("vane serve: stopped before the last edits reached public/ and the database; run vane build"), "\(log)")
        #expect(try !kb.read("public/entities/acme.html").contains("Edited just now."))
    }

    /// A knowledge base with an error that was never built: the preview says there is no
    /// good site yet (it said it was "still serving the last good site"), and lists the
    /// problem once, not once for the first build, again for the load and for the build in
    /// the background.
    @Test func servingANeverBuiltKnowledgeBaseWithAnErrorSaysSoOnce() throws {
        let kb = try TemporaryKnowledgeBase([
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\n",
            "Content/events/2025-x.md": "---\ntitle: X\ndate: 2025-01-02\ntype: launch\nentities: [acme, nosuch]\n---\nBody.\n",
        ])
        let port = UInt16(20000 + (Int(getpid()) + 11) % 20000)
        let (server, exit) = try serving(kb.root, port: port, log: true)
        defer {
            if server.isRunning { server.terminate() }
            exit.wait()
        }
        func log(holding text: String) -> String {
            var log = ""
            for _ in 0..<150 where !log.contains(text) {
                Thread.sleep(forTimeInterval: 0.1)
                log = (try? kb.read("serve.log")) ?? ""
            }
            return log
        }
        #expect(log(holding: "serving ").contains("the knowledge base has errors; there is no good site to serve yet"))
        // A page asked for where no output exists starts a build in the background (which fails).
        #expect(rawGet(port: port, path: "/")?.body.contains("/__vane/reload.js") == true)
        let said = log(holding: "the build in the background failed")
        #expect(said.contains("the build in the background failed"), "\(said)")
        #expect(!said.contains("last good site"), "\(said)")
        #expect(said.components(separatedBy: "error: unknown entity 'nosuch'").count == 2, "\(said)")
    }

    /// A commit moves recorded time, which pages show, with no file of `Content/` changed:
    /// the preview follows it (it kept "not committed yet" until the next edit).
    @Test func servePagesFollowACommit() throws {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("aws/Content")])
        try repo.commit("First record", on: "2026-01-05")
        let port = UInt16(20000 + (Int(getpid()) + 7) % 20000)
        let (server, exit) = try serving(repo.root, port: port)
        defer {
            server.terminate()
            exit.wait()
        }
        /// The page of QLDB once it holds `text`, within ten seconds.
        func page(holding text: String) -> String? {
            for _ in 0..<100 {
                if let page = rawGet(port: port, path: "/entities/qldb.html")?.body, page.contains(text) { return page }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return nil
        }
        #expect(page(holding: "First record") != nil)
        let path = "Content/entities/qldb.md"
        try repo.kb.write(try repo.kb.read(path) + "\nMore notes.\n", to: path)
        #expect(page(holding: "not committed yet") != nil)
        try repo.commit("Notes on QLDB", on: "2026-01-06")
        let committed = page(holding: "Notes on QLDB")
        #expect(committed?.contains("not committed yet") == false, "\(committed ?? "no page with the commit")")
        // A site as of another day is not built under the folder the preview serves today's
        // from (its feeds, api/ and search were served beside today's pages); elsewhere it is.
        let past = try vane("build", "--as-of", "2025-06", in: repo.root)
        #expect(
            past.status == 1 && past.stderr.contains("serves \(repo.root.appendingPathComponent("public").path) from today's knowledge base"),
            "\(past.stderr)")
        #expect(try vane("build", "--as-of", "2025-06", "--out", "past", in: repo.root).status == 0)
        // A second preview of the same knowledge base is refused: its stop took the first's
        // word back, and the refusal above went with it.
        let second = try serveUntilExit(["--port", "0"], in: repo.root)
        #expect(second.status == 1 && second.stderr.contains("already serves this knowledge base"), "\(second.stderr)")
    }

    @Test func serveAnswersRefusesTraversalAndRebuildsOnChange() throws {
        let kb = try bundled()
        let port = UInt16(20000 + Int(getpid()) % 20000)
        let (server, exit) = try serving(kb.root, port: port, log: true)
        defer {
            server.terminate()
            exit.wait()
        }
        var home: (status: Int, body: String)?
        for _ in 0..<100 where home == nil {
            Thread.sleep(forTimeInterval: 0.1)
            home = rawGet(port: port, path: "/")
        }
        #expect(home?.status == 200)
        #expect(home?.body.contains("<script src=\"/__vane/reload.js\"></script>") == true)
        for path in [
            "/../Content/entities/meta.md", "/%2e%2e/Content/entities/meta.md", "/entities/%2E%2E/%2E%2E/Site/config.yml", "/..%2fvane.sqlite",
        ] {
            let answer = rawGet(port: port, path: path)
            #expect(answer?.status == 400, "\(path): \(answer?.status ?? 0)")
            #expect(answer?.body.contains("name: Meta") != true)
        }
        // A page of another site whose name points at 127.0.0.1 (DNS rebinding) reads nothing.
        let foreign = rawRequest(port: port, method: "GET", path: "/entities/meta.html", host: "attacker.example:\(port)")
        #expect(foreign?.status == 403 && foreign?.body.contains("Meta") == false, "\(foreign?.status ?? 0)")
        #expect(rawRequest(port: port, method: "GET", path: "/entities/meta.html", host: "localhost:\(port)")?.status == 200)
        // Nor the preview's own paths, which quote the knowledge base's errors (they answered
        // any Host), nor its socket from a page of another origin (no same-origin rule guards
        // a WebSocket).
        for path in ["/__vane/state", "/__vane/reload.js", "/__vane/fresh?build=1&db=x"] {
            #expect(rawRequest(port: port, method: "GET", path: path, host: "attacker.example:\(port)")?.status == 403, "\(path)")
        }
        #expect(rawRequest(port: port, method: "GET", path: "/__vane/state")?.status == 200)
        #expect(RawWebSocket(port: port, path: "/__vane/socket", origin: "http://attacker.example") == nil)
        #expect(RawWebSocket(port: port, path: "/__vane/socket", host: "attacker.example:\(port)") == nil)
        #expect(RawWebSocket(port: port, path: "/__vane/socket", origin: "http://127.0.0.1:\(port + 1)") == nil)
        #expect(RawWebSocket(port: port, path: "/__vane/socket", origin: "null") == nil)
        #expect(RawWebSocket(port: port, path: "/__vane/socket", origin: "http://127.0.0.1:\(port)") != nil)
        let missing = rawGet(port: port, path: "/no-such-page.html")
        #expect(missing?.status == 404)
        // The 404 page links through the site's base URL; the preview's stays on the preview.
        #expect(missing?.body.contains("href=\"/status.html\"") == true, "\(missing?.body ?? "")")
        #expect(missing?.body.contains("weathervane.example") == false)
        #expect(try kb.read("public/404.html").contains("href=\"https://weathervane.example/status.html\""))
        // HEAD answers as GET does, with the length GET's body would have and no body.
        let get = rawRequest(port: port, method: "GET", path: "/entities/meta.html")
        let head = rawRequest(port: port, method: "HEAD", path: "/entities/meta.html")
        #expect(head?.status == 200)
        #expect(head?.body == "")
        #expect(head?.headers.contains("Content-Type: text/html; charset=utf-8") == true)
        #expect(head?.headers.contains("Content-Length: \(get?.body.utf8.count ?? -1)") == true, "\(head?.headers ?? [])")
        #expect(rawRequest(port: port, method: "HEAD", path: "/no-such-page.html")?.status == 404)
        #expect(rawRequest(port: port, method: "HEAD", path: "/../Content/entities/meta.md")?.status == 400)
        // Browsers ask for /favicon.ico: sent to the theme's SVG icon, which the layout links.
        let favicon = rawGet(port: port, path: "/favicon.ico")
        #expect(favicon?.status == 302)
        #expect(rawRequest(port: port, method: "GET", path: "/favicon.ico")?.headers.contains("Location: /assets/favicon.svg") == true)
        let icon = rawRequest(port: port, method: "GET", path: "/assets/favicon.svg")
        #expect(icon?.status == 200)
        #expect(icon?.headers.contains("Content-Type: image/svg+xml") == true)
        #expect(home?.body.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"assets/favicon.svg\">") == true)

        // A page's socket: the state at once, then the new version pushed after the rebuild.
        let socket = try #require(RawWebSocket(port: port, path: "/__vane/socket"))
        /// The next state pushed that `holds`, reading past the others; nil after ten seconds.
        // Each run of the server names itself: a page open before a restart reloads.
        func withoutRun(_ text: String?) -> String? { text?.replacing(#/"run":"[0-9A-F-]{36}",/#, with: "") }
        func pushed(until holds: (Int, String) -> Bool) -> (version: Int, text: String)? {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                guard let text = withoutRun(socket.nextText(timeout: deadline.timeIntervalSinceNow)),
                    let version = text.firstMatch(of: #/"version":(\d+)/#).flatMap({ Int($0.1) })
                else { continue }
                if holds(version, text) { return (version, text) }
            }
            return nil
        }
        #expect(withoutRun(socket.nextText(timeout: 5)) == #"{"errors":[],"version":1}"#)
        let meta = try kb.read("Content/entities/meta.md")
        try kb.write(meta.replacingOccurrences(of: "name: Meta\n", with: "name: Meta (edited)\n"), to: "Content/entities/meta.md")
        #expect(pushed { version, _ in version >= 2 }?.text == #"{"errors":[],"version":2}"#)
        var updated = false
        for _ in 0..<50 where !updated {
            Thread.sleep(forTimeInterval: 0.1)
            updated = rawGet(port: port, path: "/entities/meta.html")?.body.contains("<h1>Meta (edited)</h1>") == true
        }
        #expect(updated, "the edit did not show within five seconds")
        #expect(rawGet(port: port, path: "/__vane/state")?.body.contains("\"errors\":[]") == true)
        // The output folder and the database follow in the background once edits pause; what
        // the preview serves from it changed (the search index, the feeds), so an open page
        // is told again (it kept the old index until reloaded by hand).
        var written = false
        for _ in 0..<150 where !written {
            Thread.sleep(forTimeInterval: 0.1)
            written = (try? kb.read("public/entities/meta.html"))?.contains("<h1>Meta (edited)</h1>") == true
        }
        #expect(written, "the output folder did not follow within fifteen seconds")
        let followed = try #require(pushed { version, _ in version >= 3 })
        #expect(followed.text == #"{"errors":[],"version":3}"#)
        // An edit to a body alone is patched into what the server holds: the watcher names the file.
        let edited = try kb.read("Content/entities/meta.md")
        try kb.write(edited + "\nA line added to the body.\n", to: "Content/entities/meta.md")
        #expect(pushed { version, _ in version > followed.version } != nil)
        #expect(rawGet(port: port, path: "/entities/meta.html")?.body.contains("A line added to the body.") == true)
        let log = try kb.read("serve.log")
        #expect(log.contains("patched in "), "\(log)")
        // A removed entry's page is gone from the preview at once, its file still on disk.
        let removed = "events/2023-11-06-openai-assistants-api-release.html"
        #expect(rawGet(port: port, path: "/" + removed)?.status == 200)
        try kb.remove("Content/events/2023-11-06-openai-assistants-api-release.md")
        var gone = false
        for _ in 0..<100 where !gone {
            Thread.sleep(forTimeInterval: 0.05)
            gone = rawGet(port: port, path: "/" + removed)?.status == 404
        }
        #expect(gone)
        // The output removed under the preview is built again once a page is asked for (its
        // feeds, search and api/ were 404 until the next edit).
        // Meanwhile what it held is being built, never "not found".
        try FileManager.default.removeItem(at: kb.url("public"))
        var feed: Int?
        var answers: Set<Int> = []
        for _ in 0..<150 where feed != 200 {
            feed = rawGet(port: port, path: "/feeds/events.atom")?.status
            answers.insert(feed ?? 0)
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(feed == 200, "the removed output was not built again within fifteen seconds")
        #expect(answers.isSubset(of: [200, 503]), "\(answers)")
        // HEAD too, which also starts the build (it answered 404 and started none).
        try FileManager.default.removeItem(at: kb.url("public"))
        var headed: Int?
        for _ in 0..<150 where headed != 200 {
            headed = rawRequest(port: port, method: "HEAD", path: "/feeds/events.atom")?.status
            #expect(headed == 200 || headed == 503, "\(headed ?? 0)")
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(headed == 200)
        // A broken reference is pushed to the page; the last good site is still served.
        try kb.write(meta.replacingOccurrences(of: "name: Meta\n", with: "name: Meta\nparent: metta\n"), to: "Content/entities/meta.md")
        #expect(pushed { _, text in text.contains("metta") } != nil)
        #expect(rawGet(port: port, path: "/entities/meta.html")?.body.contains("A line added to the body.") == true)
    }

    /// A read of the graph while `vane serve` watches: the server says whether anything
    /// changed since the last build, so the read need not walk `Content/`; an edit made just
    /// before a read is never missed.
    /// A page asked for at once after a save shows the save (the page before it was served
    /// for 20–50 ms), and an entry's page removed is gone at once.
    @Test func aPageAskedForRightAfterASaveShowsIt() throws {
        let kb = try bundled()
        let port = UInt16(20000 + (Int(getpid()) + 2) % 20000)
        let (server, exit) = try serving(kb.root, port: port)
        defer {
            if server.isRunning { server.terminate() }
            exit.wait()
        }
        var home: (status: Int, body: String)?
        for _ in 0..<100 where home?.status != 200 {
            Thread.sleep(forTimeInterval: 0.1)
            home = rawGet(port: port, path: "/")
        }
        #expect(home?.status == 200)
        let event = "Content/events/2026-04-muse-spark-launch.md"
        let page = "/events/2026-04-muse-spark-launch.html"
        for i in 0..<5 {
            try kb.write(try kb.read(event) + "\nSaved line \(i).\n", to: event)
            let answer = rawGet(port: port, path: page)
            #expect(answer?.body.contains("Saved line \(i).") == true, "edit \(i)")
        }
        // An event added is there at once, and gone at once once removed.
        let added = "Content/events/2026-12-01-added.md"
        try kb.write(try kb.read(event).replacingOccurrences(of: "title: ", with: "title: Added "), to: added)
        #expect(rawGet(port: port, path: "/events/2026-12-01-added.html")?.status == 200)
        try FileManager.default.removeItem(at: kb.url(added))
        #expect(rawGet(port: port, path: "/events/2026-12-01-added.html")?.status == 404)
    }

    @Test func aReadAsksTheWatchingServerAndNeverMissesAnEdit() throws {
        let kb = try bundled()
        let port = UInt16(20000 + (Int(getpid()) + 1) % 20000)
        let (server, exit) = try serving(kb.root, port: port)
        defer {
            if server.isRunning { server.terminate() }
            exit.wait()
        }
        let database = kb.url("vane.sqlite")
        // The build in the database; none until the server's first build is done.
        func build() throws -> String {
            guard let reader = try? GraphReader(url: database) else { return "" }
            return try reader.buildState("started")["started"] ?? ""
        }
        func vouched(within seconds: Double) throws -> Bool {
            for _ in 0..<Int(seconds * 10) {
                if WatchingServer.vouches(root: kb.root, database: database, build: try build()) { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }
        #expect(try vouched(within: 10), "the server never vouched for its first build")
        // Only for its own root, its own database and the build in it.
        #expect(!WatchingServer.vouches(root: kb.root, database: kb.url("other.sqlite"), build: try build()))
        #expect(!WatchingServer.vouches(root: kb.root, database: database, build: "1"))
        let copy = try TemporaryKnowledgeBase(["Content/events/x.md": "x\n"])
        try FileManager.default.copyItem(at: kb.url(".vane-serve"), to: copy.url(".vane-serve"))
        #expect(!WatchingServer.vouches(root: copy.root, database: database, build: try build()))
        let clean = try vane("query", "events", "--entity", "meta", in: kb.root)
        #expect(clean.status == 0 && !clean.stderr.contains("changed since"), "\(clean.stderr)")
        // An edit, then a read at once: the server says stale, and the walk counts the file.
        let event = "Content/events/2026-04-muse-spark-launch.md"
        for i in 0..<5 {
            try kb.write(try kb.read(event) + "\nLine \(i).\n", to: event)
            #expect(!WatchingServer.vouches(root: kb.root, database: database, build: try build()), "edit \(i)")
            let read = try vane("query", "events", "--entity", "meta", in: kb.root)
            #expect(read.stderr.contains("Content/ changed since the last build (1 file)"), "edit \(i): \(read.stderr)")
        }
        // Once the build in the background has caught up, the server vouches again.
        #expect(try vouched(within: 20), "the server did not vouch after the background build")
        #expect(try !vane("query", "events", "--entity", "meta", in: kb.root).stderr.contains("changed since"))
        // Stopped, the server takes its word back.
        server.terminate()
        exit.wait()
        #expect(!FileManager.default.fileExists(atPath: kb.url(".vane-serve").path))
    }
}
