import Foundation
import VaneQuery

#if canImport(Glibc)
    import Glibc
#endif

/// A bare HTTP/1.1 GET over a TCP socket to 127.0.0.1: the request line is sent exactly
/// as given (no client normalises `/../` away), so path-traversal refusals can be tested.
public func rawGet(port: UInt16, path: String) -> (status: Int, body: String)? {
    rawRequest(port: port, method: "GET", path: path).map { ($0.status, $0.body) }
}

/// One request of any method; the answer's status, its header lines, and its body.
/// `host`: the `Host` header, as a browser sends the name it was given.
public func rawRequest(port: UInt16, method: String, path: String, host: String = "127.0.0.1") -> (status: Int, headers: [String], body: String)? {
    guard let fd = connectLocally(port: port) else { return nil }
    defer { close(fd) }
    let request = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
    _ = request.withCString { send(fd, $0, strlen($0), 0) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = recv(fd, &buffer, buffer.count, 0)
        if n <= 0 { break }
        data.append(contentsOf: buffer[0..<n])
    }
    let text = String(decoding: data, as: UTF8.self)
    guard let statusLine = text.split(separator: "\r\n").first, let code = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
    else { return nil }
    let end = text.range(of: "\r\n\r\n")
    let headers = String(text[..<(end?.lowerBound ?? text.endIndex)]).components(separatedBy: "\r\n").dropFirst()
    return (code, Array(headers), end.map { String(text[$0.upperBound...]) } ?? "")
}

/// Just enough of a WebSocket client to read what a server pushes: the handshake, then
/// its unmasked text frames, each within a timeout.
public final class RawWebSocket {
    private let fd: Int32
    private var pending: [UInt8] = []

    /// Nil when the server refuses the handshake (`host` and `origin` are the request's).
    public init?(port: UInt16, path: String, host: String? = nil, origin: String? = nil) {
        guard let fd = connectLocally(port: port) else { return nil }
        self.fd = fd
        let request =
            "GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + (origin.map { "Origin: \($0)\r\n" } ?? "")
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        guard request.withCString({ send(fd, $0, strlen($0), 0) }) > 0 else {
            close(fd)
            return nil
        }
        // The answer's head: "101 Switching Protocols", then frames.
        while !String(decoding: pending, as: UTF8.self).contains("\r\n\r\n") {
            guard fill(timeout: 5) else {
                close(fd)
                return nil
            }
        }
        let text = String(decoding: pending, as: UTF8.self)
        guard text.hasPrefix("HTTP/1.1 101") else {
            close(fd)
            return nil
        }
        let head = text.range(of: "\r\n\r\n")!
        pending = Array(pending.dropFirst(text[..<head.upperBound].utf8.count))
    }

    deinit { close(fd) }

    /// The next text frame's payload, or nil when none comes within `timeout` seconds.
    public func nextText(timeout: Double) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if pending.count >= 2 {
                let opcode = pending[0] & 0x0F
                var length = Int(pending[1] & 0x7F)
                var start = 2
                if length == 126, pending.count >= 4 {
                    length = Int(pending[2]) << 8 | Int(pending[3])
                    start = 4
                }
                if length < 126 || start == 4, pending.count >= start + length {
                    let payload = Array(pending[start..<start + length])
                    pending.removeFirst(start + length)
                    if opcode == 1 { return String(decoding: payload, as: UTF8.self) }
                    continue
                }
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, fill(timeout: left) else { return nil }
        }
    }

    private func fill(timeout: Double) -> Bool {
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return false }
        pending += buffer[0..<n]
        return true
    }
}
