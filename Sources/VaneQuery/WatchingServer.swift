import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A `vane serve` running on a knowledge base watches `Content/` with the kernel's help, so
/// it can tell a read of the graph that nothing changed since the last build without the
/// read walking the tree. It says so in `.vane-serve` in the root (its process id and
/// port) and answers `GET /__vane/fresh?build=STARTED&db=PATH` with `fresh` only when the
/// database at PATH holds the build that began at STARTED and no file under `Content/` or
/// `Site/` changed since that build began, counting every change made before the request
/// (and only for its own root: `&root=PATH`).
public enum WatchingServer {
    public static let fileName = ".vane-serve"

    /// Says that a `vane serve` of this process watches `root`, on `port`, serving `output`
    /// (its second line).
    public static func announce(root: URL, port: UInt16, output: URL) {
        try? "\(getpid()) \(port)\n\(output.standardizedFileURL.path)\n".write(
            to: root.appendingPathComponent(fileName), atomically: true, encoding: .utf8)
    }

    /// The running `vane serve` of `root` and the output folder it serves, if any.
    public static func serving(root: URL) -> (pid: Int32, output: String)? {
        announced(root).flatMap { server in server.output.map { (server.pid, $0) } }
    }

    /// What `.vane-serve` says of a server still running: its process, its port and the
    /// folder it serves (nil from a server that did not say).
    private static func announced(_ root: URL) -> (pid: Int32, port: UInt16, output: String?)? {
        guard let text = try? String(contentsOf: root.appendingPathComponent(fileName), encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n")
        let fields = (lines.first ?? "").split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let pid = Int32(fields[0]), let port = UInt16(fields[1]), kill(pid, 0) == 0 else { return nil }
        return (pid, port, lines.count > 1 ? String(lines[1]) : nil)
    }

    /// Takes the word back when it is still this process's (another server may have
    /// announced itself since).
    public static func withdraw(root: URL) {
        let file = root.appendingPathComponent(fileName)
        guard let text = try? String(contentsOf: file, encoding: .utf8), text.hasPrefix("\(getpid()) ") else { return }
        unlink(file.path)
    }

    /// Whether a `vane serve` watching `root` vouches that the database at `database`, from
    /// the build that began at `build`, shows every file as it is now. False whenever it
    /// cannot: no server, one that has stopped, no answer within 1.5 seconds.
    public static func vouches(root: URL, database: URL, build: String) -> Bool {
        guard let port = announced(root)?.port else { return false }
        func encoded(_ url: URL) -> String {
            url.standardizedFileURL.resolvingSymlinksInPath().path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        }
        // The root too: a copy of the folder carries `.vane-serve` along.
        let query = "build=\(build)&db=\(encoded(database))&root=\(encoded(root))"
        guard let answer = get(port: port, path: "/__vane/fresh?" + query),
            let split = answer.range(of: "\r\n\r\n")
        else { return false }
        return answer.hasPrefix("HTTP/1.1 200 ") && answer[split.upperBound...] == "fresh\n"
    }

    /// A request on 127.0.0.1 with POSIX sockets (a read command stays light): the whole
    /// answer, or nil.
    private static func get(port: UInt16, path: String) -> String? {
        #if canImport(Glibc)
            guard let fd = connectLocally(port: port) else { return nil }
            defer { close(fd) }
            // Longer than the server waits for its watcher (1 s).
            var limit = timeval(tv_sec: 1, tv_usec: 500_000)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
            guard send(fd, request, request.count, 0) == request.count else { return nil }
            var answer: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = recv(fd, &buffer, buffer.count, 0)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                answer += buffer[0..<n]
            }
            return String(decoding: answer, as: UTF8.self)
        #else
            return nil
        #endif
    }
}

/// A TCP socket connected to 127.0.0.1:`port`; nil when nothing listens there.
public func connectLocally(port: UInt16) -> Int32? {
    #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        guard withLocalAddress(port: port, { connect(fd, $0, $1) }) == 0 else {
            close(fd)
            return nil
        }
        return fd
    #else
        return nil
    #endif
}

#if canImport(Glibc)
    /// 127.0.0.1:`port`, as the socket calls take an address.
    public func withLocalAddress<T>(port: UInt16, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
#endif
