import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A bare HTTP/1.1 GET over a TCP socket to 127.0.0.1: the request line is sent exactly
/// as given (no client normalises `/../` away), so path-traversal refusals can be tested.
public func rawGet(port: UInt16, path: String) -> (status: Int, body: String)? {
    rawRequest(port: port, method: "GET", path: path).map { ($0.status, $0.body) }
}

/// One request of any method; the answer's status, its header lines, and its body.
public func rawRequest(port: UInt16, method: String, path: String) -> (status: Int, headers: [String], body: String)? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else { return nil }
    let request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
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
