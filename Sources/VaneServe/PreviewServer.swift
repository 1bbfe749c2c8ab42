import FlyingFox
import Foundation
import VaneBuild
import VaneContent

/// `vane serve`: the built site on 127.0.0.1, rebuilt when `Content/` or `Site/`
/// changes, with open pages reloaded: each page holds a WebSocket on which the server
/// pushes the site's version and the last build's errors, so nothing polls from the page.
/// A failed build is shown in the terminal and over the page, and the last good site goes
/// on being served.
public enum PreviewServer {
    public static func run(_ options: Pipeline.Options, port: UInt16, report: @escaping @Sendable (Pipeline.Outcome) -> Void) async throws {
        let state = ServerState()
        // Taken before the first build, so that an edit made while it runs (or before the
        // watcher's first look) is rebuilt.
        let initial = Fingerprint.of(options.root)
        let first = Pipeline.build(options)
        report(first)
        await state.record(first)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        let output = options.output
        await server.appendRoute("GET /__vane/state") { _ in
            let (version, errors) = await state.snapshot()
            let body = try JSONSerialization.data(withJSONObject: ["version": version, "errors": errors])
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: body)
        }
        await server.appendRoute("GET /__vane/socket", to: .webSocket(StateSocket(state: state)))
        await server.appendRoute("GET /__vane/reload.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript"], body: Data(reloadScript.utf8))
        }
        await server.appendRoute("GET *") { request in
            serve(request.target.path(percentEncoded: true), from: output)
        }
        // HEAD is GET without the body: same status and headers, the length it would have.
        await server.appendRoute("HEAD *") { request in
            headOnly(serve(request.target.path(percentEncoded: true), from: output))
        }
        // On a thread of its own: waiting for the kernel's word blocks.
        let watcher = Thread {
            let watch = Watcher(folders: ["Content", "Site"].map { options.root.appendingPathComponent($0) })
            var last = initial
            // The first build may have run past an edit: look once before waiting.
            while true {
                let now = Fingerprint.of(options.root)
                if now != last {
                    last = now
                    let outcome = Pipeline.build(options)
                    report(outcome)
                    Task { await state.record(outcome) }
                }
                watch.wait()
            }
        }
        watcher.start()
        try await server.run()
    }

    /// A file of the output for a request path, or an error response. The path is
    /// decoded first, and any `.` or `..` segment (however encoded) is refused, so no
    /// request reaches outside the output folder.
    static func serve(_ rawPath: String, from output: URL) -> HTTPResponse {
        guard let file = SafePath.resolve(rawPath, in: output) else {
            return HTTPResponse(statusCode: .badRequest, headers: [.contentType: "text/plain"], body: Data("bad path\n".utf8))
        }
        guard var data = FileManager.default.contents(atPath: file.path) else {
            // Browsers ask for /favicon.ico whatever the page links: point them at the theme's icon.
            if rawPath == "/favicon.ico" {
                return HTTPResponse(statusCode: .found, headers: [.location: "/assets/favicon.svg", .cacheControl: "no-cache"], body: Data())
            }
            let missing = FileManager.default.contents(atPath: output.appendingPathComponent("404.html").path) ?? Data("not found\n".utf8)
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: inject(missing))
        }
        let type = SafePath.contentType(of: file.pathExtension)
        if type.hasPrefix("text/html") { data = inject(data) }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: data)
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
              box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:50%;overflow:auto;margin:0;padding:1em;background:#fff3f0;color:#7a1c00;border-top:3px solid #a4471b;font:13px monospace;z-index:99999";
              document.body.appendChild(box);
            }
            box.textContent = "The last build failed; showing the last good site.\\n\\n" + errors.join("\\n");
          }
          // The server pushes its state when it connects and after every build; when the
          // server goes away (restarted), the page connects again a second later.
          function connect() {
            var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__vane/socket");
            socket.onmessage = function (message) {
              var s = JSON.parse(message.data);
              if (seen !== null && s.version !== seen) { window.location.reload(); return; }
              seen = s.version;
              show(s.errors);
            };
            socket.onclose = function () { setTimeout(connect, 1000); };
          }
          connect();
        })();
        """
}

/// The version of the site being served, and the problems of the last build, pushed to
/// every open page.
actor ServerState {
    private var version = 0
    private var errors: [String] = []
    private var pages: [UUID: AsyncStream<WSMessage>.Continuation] = [:]

    func record(_ outcome: Pipeline.Outcome) {
        if outcome.succeeded {
            version += 1
            errors = []
        } else {
            errors = outcome.diagnostics.filter { $0.severity == .error }.map(\.description) + (outcome.failure.map { ["error: \($0)"] } ?? [])
        }
        let message = self.message
        for page in pages.values { page.yield(message) }
    }

    func snapshot() -> (Int, [String]) { (version, errors) }

    /// `{"version": 3, "errors": []}`, as `/__vane/state` answers.
    var message: WSMessage {
        let body = (try? JSONSerialization.data(withJSONObject: ["version": version, "errors": errors], options: .sortedKeys)) ?? Data()
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

/// A cheap summary of every file under `Content/` and `Site/`: names, sizes, times.
enum Fingerprint {
    static func of(_ root: URL) -> String {
        var parts: [String] = []
        for folder in ["Content", "Site"] {
            for f in DirectoryWalker.files(under: root.appendingPathComponent(folder).path) ?? [] {
                parts.append("\(folder)/\(f.relative) \(f.size) \(f.modified)")
            }
        }
        return parts.joined(separator: "\n")
    }
}
