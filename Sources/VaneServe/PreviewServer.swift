import FlyingFox
import FlyingSocks
import Foundation
import VaneBuild
import VaneContent
import VaneDiagnostics
import VaneQuery
import VaneSite

/// What `vane serve` tells the terminal.
public enum PreviewEvent: Sendable {
    /// The site was built into the output folder and the database: at the start, and in
    /// the background once edits pause.
    case built(Pipeline.Outcome)
    /// A build in the background finished; `report` is what it printed.
    case builtInBackground(succeeded: Bool, report: String)
    /// The knowledge base was loaded again after a change, and (when it checked clean)
    /// its pages are served from memory.
    case loaded(ResidentSite.Load)
    /// The server listens, on this port (the one the system chose, for `--port 0`).
    case listening(port: UInt16)
    /// Rendering pages found names a template uses that no view model has (a build's
    /// warnings, found as the preview renders).
    case themeWarnings([Diagnostic])
}

/// Why the preview could not start.
public enum PreviewError: Error, CustomStringConvertible {
    /// Nothing to preview: the root holds no `Content/` folder.
    case noContent(String)
    /// The port could not be listened on (another server has it).
    case cannotListen(port: UInt16, String)
    /// The output folder is one a build refuses: nothing would be built there, and serving
    /// it would serve whatever it holds (a repository's `.git/`, a home folder).
    case refusedOutput(String, String)
    /// Another `vane serve` of this knowledge base runs: two would build into one database
    /// and output, and the second's stop took the first's word back (`.vane-serve`).
    case alreadyServed(pid: Int32, output: String)

    public var description: String {
        switch self {
        case .refusedOutput(let path, let why): "refusing to serve '\(path)': \(why) (pass --out with a folder of its own)"
        case .alreadyServed(let pid, let output): "vane serve (pid \(pid)) already serves this knowledge base (\(output)): open it, or stop it first"
        case .noContent(let root): "no Content/ folder in \(root) (run vane in a knowledge base, or pass --root)"
        case .cannotListen(let port, let why): "cannot listen on 127.0.0.1:\(port): \(why) (another server may have it; pass --port)"
        }
    }
}

/// `vane serve`: the site on 127.0.0.1, its pages rendered from the knowledge base held
/// in memory, loaded again when `Content/` or `Site/` changes; the output folder and the
/// database are built in the background once edits pause. Each open page holds a
/// WebSocket on which the server pushes the site's version and the last problems, so
/// nothing polls from the page. A failed load is shown in the terminal and over the page,
/// and the last good site goes on being served.
public enum PreviewServer {
    /// Seconds without a change before the output folder is built again.
    static let quietBeforeBuilding: TimeInterval = 1

    /// `executable`: the `vane` that builds in the background (this one).
    public static func run(
        _ options: Pipeline.Options, port: UInt16, executable: URL, report: @escaping @Sendable (PreviewEvent) -> Void
    ) async throws {
        try preflight(options, port: port)
        let state = ServerState()
        // Watching before the first build, so that an edit made while it runs is loaded.
        let watch = Watcher(root: options.root, folders: ["Content", "Site"])
        let freshness = Freshness(watch: watch, database: options.database, root: options.root)
        let before = watch.generation
        let first = Pipeline.build(options)
        if first.succeeded { freshness.built(since: before) }
        report(.built(first))
        await state.built(errors: first.succeeded ? [] : first.errorLines, outputs: servedFromOutput(options.output))
        let resident = ResidentSite(options)
        let child = ChildBuild(executable: executable, options: options)
        let builds = BackgroundBuilds(quiet: quietBeforeBuilding) {
            let before = watch.generation
            let (succeeded, printed) = child.run()
            if succeeded { freshness.built(since: before) }
            report(.builtInBackground(succeeded: succeeded, report: printed))
            let errors = succeeded ? [] : printed.split(separator: "\n").map(String.init).filter { $0.contains("error:") }
            let outputs = succeeded ? servedFromOutput(options.output) : nil
            inOrder { await state.built(errors: errors, outputs: outputs) }
        }
        let load = resident.load()
        report(.loaded(load))
        await state.loaded(load)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        let output = options.output
        // Every route asks the Host (and the socket the page's Origin) first: the preview's
        // own paths quote the knowledge base's diagnostics, which a page of another site
        // could read (by DNS rebinding, or a WebSocket, which no same-origin rule guards).
        await server.appendRoute("GET /__vane/state") { request in
            guard PreviewServer.isLocal(request) else { return PreviewServer.foreignHost }
            let (version, errors) = await state.snapshot()
            let body = try JSONSerialization.data(withJSONObject: ["version": version, "errors": errors, "run": ServerState.run])
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: body)
        }
        // A read command asks before walking `Content/` (see `WatchingServer`).
        await server.appendRoute("GET /__vane/fresh") { request in
            guard PreviewServer.isLocal(request) else { return PreviewServer.foreignHost }
            let (build, database, root) = (request.query["build"] ?? "", request.query["db"] ?? "", request.query["root"] ?? "")
            // `vouches` blocks until the watcher has read every earlier change: off the
            // server's own threads.
            let fresh = await withCheckedContinuation { answer in
                DispatchQueue.global().async { answer.resume(returning: freshness.vouches(build: build, database: database, root: root)) }
            }
            return HTTPResponse(
                statusCode: fresh ? .ok : .conflict, headers: [.contentType: "text/plain", .cacheControl: "no-store"],
                body: Data((fresh ? "fresh\n" : "stale\n").utf8))
        }
        let socket = WebSocketHTTPHandler.webSocket(StateSocket(state: state))
        await server.appendRoute("GET /__vane/socket") { request in
            guard PreviewServer.isLocal(request), PreviewServer.isLocalOrigin(request) else { return PreviewServer.foreignHost }
            return try await socket.handleRequest(request)
        }
        await server.appendRoute("GET /__vane/reload.js") { request in
            guard PreviewServer.isLocal(request) else { return PreviewServer.foreignHost }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript"], body: Data(reloadScript.utf8))
        }
        /// A page, or a file of the output. The output removed under the preview (feeds,
        /// search and api/ are served from it) is built again, as after an edit (it stayed
        /// gone until the next one); meanwhile what it held is "being built", not "not
        /// found" — not while the knowledge base has errors: no build will mend it, and the
        /// 404 page says them.
        @Sendable func answer(_ request: HTTPRequest) async -> (HTTPResponse, SitePreview?) {
            // A page asked for right after a save shows it: the watcher reads every change
            // made before the request (its cookie), and the load of them is waited for (the
            // page before the save was served for 20–50 ms, a removed entry's page too).
            if PreviewServer.isPage(request.target.path(percentEncoded: true)) {
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    DispatchQueue.global().async {
                        if let generation = watch.sync(timeout: 0.5) { _ = watch.waitLoaded(generation, timeout: 5) }
                        done.resume()
                    }
                }
            }
            let rebuilding = access(output.path, F_OK) != 0
            if rebuilding { builds.requestUnlessWaiting() }
            let preview = resident.preview
            let response = serve(request.target.path(percentEncoded: true), from: output, root: options.root, preview: preview)
            if rebuilding, preview != nil, response.statusCode == .notFound, await state.snapshot().1.isEmpty {
                return (PreviewServer.rebuilding, preview)
            }
            return (response, preview)
        }
        await server.appendRoute("GET *") { request in
            guard PreviewServer.isLocal(request) else { return PreviewServer.foreignHost }
            let (response, preview) = await answer(request)
            if let found = preview?.newThemeWarnings(), !found.isEmpty { report(.themeWarnings(found)) }
            return response
        }
        // HEAD is GET without the body: same status and headers, the length it would have.
        await server.appendRoute("HEAD *") { request in
            guard PreviewServer.isLocal(request) else { return PreviewServer.foreignHost }
            return headOnly(await answer(request).0)
        }
        // On a thread of its own: waiting for the kernel's word blocks.
        let watcher = Thread {
            while true {
                let touched = watch.wait()
                let load = resident.load(touched: touched)
                watch.loaded(through: watch.handedGeneration)
                if load.changed {
                    report(.loaded(load))
                    inOrder { await state.loaded(load) }
                }
                if load.succeeded && (load.changed || load.moved) { builds.request() }
            }
        }
        watcher.start()
        // A preview left running overnight: the countdowns and "as of" of the served pages
        // move at midnight, and open pages reload, as after an edit.
        // (A minute at a time at most: a machine asleep over midnight would wake late.)
        Thread {
            var day = FuzzyDate.today().text
            while true {
                Thread.sleep(forTimeInterval: min(Watcher.secondsToNextDay(from: Date()), 60))
                let now = FuzzyDate.today().text
                if now != day {
                    day = now
                    watch.dayTurned()
                }
            }
        }.start()
        // Announced once the server listens; withdrawn when it is stopped.
        Task {
            try await server.waitUntilListening(timeout: 30)
            var listening = port
            if case .ip4(_, let bound)? = await server.listeningAddress { listening = bound }
            report(.listening(port: listening))
            if watch.isWatching { WatchingServer.announce(root: options.root, port: listening, output: options.output) }
        }
        for signal in [SIGINT, SIGTERM] { withdrawOnSignal(signal, root: options.root, behind: { builds.behind }) }
        do {
            try await server.run()
        } catch let error as SocketError {
            throw PreviewError.cannotListen(port: port, "\(error)")
        }
    }

    /// What stops the preview before it starts: no `Content/` to serve, or a port another
    /// server has, said before the first build, which may take a while. (The server binds the
    /// port again later; another could take it between.)
    /// Whether a path is a page's (what a reader navigates to), not a file a page loads.
    static func isPage(_ path: String) -> Bool {
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        return path.hasSuffix("/") || last.hasSuffix(".html") || !last.contains(".")
    }

    /// Whether a request names this machine (`127.0.0.1`, `localhost`, `[::1]`, any port):
    /// a page of another site whose name was pointed at 127.0.0.1 (DNS rebinding) reads
    /// nothing of the preview.
    static func isLocal(_ request: HTTPRequest) -> Bool {
        guard let host = request.headers[HTTPHeader("Host")] else { return true }
        let name = host.hasPrefix("[") ? String(host.prefix { $0 != "]" }.dropFirst()) : String(host.prefix { $0 != ":" })
        return ["127.0.0.1", "localhost", "::1"].contains(name.lowercased())
    }

    /// Whether a request comes from no page (a command) or from a page of the preview itself:
    /// its `Origin` names this machine, as `isLocal` reads a Host.
    static func isLocalOrigin(_ request: HTTPRequest) -> Bool {
        guard let origin = request.headers[HTTPHeader("Origin")] else { return true }
        // The preview's own pages: the origin is the address asked for, port and all (a
        // page served on another port of this machine is another site).
        guard let host = request.headers[HTTPHeader("Host")] else { return false }
        return origin.lowercased() == "http://" + host.lowercased()
    }

    /// A file of the output asked for while the output, removed, is built again.
    static let rebuilding = HTTPResponse(
        statusCode: .serviceUnavailable, headers: [.contentType: "text/plain", HTTPHeader("Retry-After"): "1", .cacheControl: "no-store"],
        body: Data("the site is being built again (its folder was removed): reload in a moment\n".utf8))

    static let foreignHost = HTTPResponse(
        statusCode: .forbidden, headers: [.contentType: "text/plain"], body: Data("the preview answers 127.0.0.1 and localhost only\n".utf8))

    static func preflight(_ options: Pipeline.Options, port: UInt16) throws(PreviewError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.root.appendingPathComponent("Content").path, isDirectory: &isFolder), isFolder.boolValue
        else { throw .noContent(options.root.path) }
        if let other = WatchingServer.serving(root: options.root), other.pid != getpid() {
            throw .alreadyServed(pid: other.pid, output: other.output)
        }
        if let why = OutputDirectory.refusal(target: options.output, root: options.root, database: options.database) {
            throw .refusedOutput(options.output.path, why)
        }
        if let why = portInUse(port) { throw .cannotListen(port: port, why) }
    }

    /// Why 127.0.0.1:`port` cannot be listened on now, or nil when it can (port 0 always can).
    static func portInUse(_ port: UInt16) -> String? {
        guard port != 0 else { return nil }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withLocalAddress(port: port) { bind(fd, $0, $1) }
        return bound == 0 ? nil : String(cString: strerror(errno)).lowercased()
    }

    /// The answer to a request path: a page of the preview, else a file of the output, or
    /// an error response. The path is decoded first, and any `.` or `..` segment (however
    /// encoded) is refused, so no request reaches outside the output folder.
    static func serve(_ rawPath: String, from output: URL, root: URL, preview: SitePreview?) -> HTTPResponse {
        guard let file = SafePath.resolve(rawPath, in: output) else {
            return HTTPResponse(statusCode: .badRequest, headers: [.contentType: "text/plain"], body: Data("bad path\n".utf8))
        }
        let type = SafePath.contentType(of: file.pathExtension)
        if let preview {
            let relative = String(file.path.dropFirst(output.path.count + 1))
            if let page = preview.page(relative) { return html(.ok, page) }
            if let copied = preview.copiedFile(relative, root: root) { return answer(copied, type: type) }
            // A page the preview no longer has is gone, even before the output follows.
            if preview.isGone(relative) { return html(.notFound, local404(preview.page("404.html") ?? Data(), preview: preview)) }
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            // Browsers ask for /favicon.ico whatever the page links: point them at the theme's icon.
            if rawPath == "/favicon.ico" {
                return HTTPResponse(statusCode: .found, headers: [.location: "/assets/favicon.svg", .cacheControl: "no-cache"], body: Data())
            }
            let missing =
                preview?.page("404.html") ?? FileManager.default.contents(atPath: output.appendingPathComponent("404.html").path)
                ?? Data("not found\n".utf8)
            return html(.notFound, local404(missing, preview: preview))
        }
        return answer(data, type: type)
    }

    /// The 404 page links through the site's `base_url` (it is served at any depth); the
    /// preview's links stay on the preview (they led to the published site).
    static func local404(_ page: Data, preview: SitePreview?) -> Data {
        guard let base = preview?.baseURL, !base.isEmpty else { return page }
        let text = String(decoding: page, as: UTF8.self)
        return Data(text.replacingOccurrences(of: "\"\(base)", with: "\"/").replacingOccurrences(of: "(\(base)", with: "(/").utf8)
    }

    /// A file as it is served: an HTML page with the reload script.
    static func answer(_ data: Data, type: String) -> HTTPResponse {
        if type.hasPrefix("text/html") { return html(.ok, data) }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: data)
    }

    /// Sources of the signals that stop the server, kept alive while it runs.
    nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []

    /// On `signal`, takes back `.vane-serve` and ends the process as the signal would; says
    /// so when the last edits are not in the output yet (stopped within a second of a save,
    /// `public/` and the database were without it, and nothing said so).
    static func withdrawOnSignal(_ number: Int32, root: URL, behind: @escaping @Sendable () -> Bool) {
        signal(number, SIG_IGN)
        // A queue of its own, which libdispatch gives a thread whatever else is busy: on the
        // global queue, a stop waited for a thread while request tasks held every core (a
        // request line of 300 KB keeps one busy for good in the HTTP library), and the preview
        // could be ended only by SIGKILL.
        let source = DispatchSource.makeSignalSource(signal: number, queue: DispatchQueue(label: "vane serve: signal \(number)"))
        source.setEventHandler {
            WatchingServer.withdraw(root: root)
            if behind() {
                StandardStreams.error("vane serve: stopped before the last edits reached public/ and the database; run vane build\n")
            }
            signal(number, SIG_DFL)
            kill(getpid(), number)
        }
        source.resume()
        signalSources.append(source)
    }

    /// Runs `update` on the server's state from a thread of ours and waits for it, so
    /// that one thread's updates arrive in the order it made them.
    static func inOrder(_ update: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task {
            await update()
            done.signal()
        }
        done.wait()
    }

    /// An HTML page with the reload script added.
    static func html(_ status: HTTPStatusCode, _ page: Data) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"], body: inject(page))
    }

    /// The answer to HEAD: a GET's status and headers, its length, and no body.
    static func headOnly(_ response: HTTPResponse) -> HTTPResponse {
        var headers = response.headers
        if case .httpBody(let sequence) = response.payload { headers[.contentLength] = String(sequence.count ?? 0) }
        return HTTPResponse(statusCode: response.statusCode, headers: headers, body: Data())
    }

    /// Adds the reload script to an HTML page, before `</body>`.
    static func inject(_ html: Data) -> Data {
        let text = String(decoding: html, as: UTF8.self)
        let tag = "<script src=\"/__vane/reload.js\"></script>\n"
        guard let end = text.range(of: "</body>", options: .backwards) else { return Data((text + tag).utf8) }
        return Data(text.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: tag).utf8)
    }

    static let reloadScript = """
        (function () {
          "use strict";
          var seen = null;
          function show(errors) {
            var box = document.getElementById("vane-errors");
            if (!errors.length) { if (box) { box.remove(); } return; }
            if (!box) {
              box = document.createElement("pre");
              box.id = "vane-errors";
              box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50%;overflow:auto;margin:0;padding:1em;background:#fff3f0;color:#7a1c00;border-top:3px solid #a4471b;font:13px monospace;white-space:pre-wrap;overflow-wrap:anywhere;z-index:99999";
              document.body.appendChild(box);
            }
            box.textContent = "The knowledge base has errors; the pages are its last state without any (none, if it started with them). Fix them and the pages follow.\\n\\n" + errors.join("\\n");
          }
          // The server pushes its state when it connects and after every build; when the
          // server goes away (restarted), the page connects again a second later.
          function connect() {
            var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__vane/socket");
            socket.onmessage = function (message) {
              var s = JSON.parse(message.data);
              var now = s.run + " " + s.version;
              if (seen !== null && now !== seen) { window.location.reload(); return; }
              seen = now;
              show(s.errors);
            };
            socket.onclose = function () { setTimeout(connect, 1000); };
          }
          connect();
        })();
        """
}

/// The files of the output folder the preview serves as they are (all but the pages, which
/// it renders): their sizes and times in one number.
func servedFromOutput(_ output: URL) -> TreeDigest? {
    DirectoryWalker.files(under: output.path, sorted: false).map { files in
        TreeDigest(files: files.filter { !$0.relative.hasSuffix(".html") }.map { (relative: $0.relative, size: $0.size, modified: $0.modified) })
    }
}

/// The version of the site being served, and the problems of the last build, pushed to
/// every open page.
actor ServerState {
    private var version = 0
    private var errors: [String] = []
    private var pages: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    /// The last load's errors; while there are any, they are shown instead of a build's.
    private var loadErrors: [String] = []
    /// The last build's, when it failed after a load that checked clean (a full disk).
    private var buildErrors: [String] = []

    func loaded(_ load: ResidentSite.Load) {
        if load.succeeded {
            version += 1
            // A clean load answers a build's content errors; a build's other failures
            // come back with the next build.
            (loadErrors, buildErrors) = ([], [])
        } else {
            loadErrors = load.diagnostics.filter { $0.severity == .error }.map(\.description)
        }
        push()
    }

    /// What the preview serves from the output folder as the last build left it (`servedFromOutput`).
    private var outputs: TreeDigest?

    /// A build that changes nothing the page shows pushes nothing; one that changed what is
    /// served from the output folder (the search index, the feeds, the timeline's names)
    /// pushes a new version, so an open page that reads them reloads (it kept the old ones).
    func built(errors: [String], outputs: TreeDigest? = nil) {
        buildErrors = errors
        var moved = false
        if let outputs {
            if let before = self.outputs, before != outputs {
                version += 1
                moved = true
            }
            self.outputs = outputs
        }
        if moved || (loadErrors.isEmpty ? buildErrors : loadErrors) != self.errors { push() }
    }

    private func push() {
        errors = loadErrors.isEmpty ? buildErrors : loadErrors
        let message = self.message
        for page in pages.values { page.yield(message) }
    }

    func snapshot() -> (Int, [String]) { (version, errors) }

    /// This run of the server: a page open before a restart reloads (versions count from 1
    /// again, so one it had seen looked current, and an edit made meanwhile stayed unseen).
    static let run = UUID().uuidString

    /// `{"errors": [], "run": "…", "version": 3}`, as `/__vane/state` answers.
    var message: WSMessage {
        let body =
            (try? JSONSerialization.data(withJSONObject: ["version": version, "errors": errors, "run": ServerState.run], options: .sortedKeys))
            ?? Data()
        return .text(String(decoding: body, as: UTF8.self))
    }

    /// A page that connects gets the state at once, then every change.
    func subscribe(_ id: UUID, _ page: AsyncStream<WSMessage>.Continuation) {
        pages[id] = page
        page.yield(message)
    }

    func unsubscribe(_ id: UUID) { pages[id] = nil }
}

/// The socket each page holds: the server writes, the page only listens.
struct StateSocket: WSMessageHandler {
    let state: ServerState

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let id = UUID()
        let (messages, continuation) = AsyncStream<WSMessage>.makeStream()
        let state = self.state
        continuation.onTermination = { _ in Task { await state.unsubscribe(id) } }
        await state.subscribe(id, continuation)
        // When the page goes away, so does its subscription.
        Task {
            for await _ in client {}
            continuation.finish()
        }
        return messages
    }
}

extension Pipeline.Outcome {
    /// The problems that stopped a build, one line each.
    var errorLines: [String] {
        diagnostics.filter { $0.severity == .error }.map(\.description) + (failure.map { ["error: \($0)"] } ?? [])
    }
}

/// What `vane serve` can say of the database: the last build it saw succeed, and how many
/// events the watcher had read when that build began. No event since means no file has
/// changed since the build read them.
final class Freshness: Sendable {
    private let watch: Watcher
    private let database: URL
    private let root: String
    /// The build's start stamp (as the database records it) and the watcher's count then.
    private let last = Locked<(build: String, generation: Int)?>(nil)

    init(watch: Watcher, database: URL, root: URL) {
        self.watch = watch
        self.database = database.standardizedFileURL.resolvingSymlinksInPath()
        self.root = root.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// A build begun when the watcher had read `generation` events has succeeded.
    func built(since generation: Int) {
        var stamp: String?
        if let reader = try? GraphReader(url: database), let state = try? reader.buildState("started") { stamp = state["started"] }
        last.withLock { $0 = stamp.map { ($0, generation) } }
    }

    /// Whether the database at `database` holds the build that began at `build`, and no
    /// event has been read since it began, counting every change made before this call.
    func vouches(build: String, database path: String, root asked: String) -> Bool {
        guard path == database.path, asked == root, let last = last.value, last.build == build else { return false }
        return watch.sync(timeout: 1) == last.generation
    }
}
