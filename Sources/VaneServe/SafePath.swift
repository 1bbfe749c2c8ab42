import Foundation

/// Maps a request path to a file inside the output folder, or refuses it.
enum SafePath {
    static func resolve(_ rawPath: String, in root: URL) -> URL? {
        let pathOnly = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = pathOnly.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\") else { return nil }
        var segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !segments.contains(where: { $0 == "." || $0 == ".." }) else { return nil }
        if decoded.hasSuffix("/") || segments.isEmpty { segments.append("index.html") }
        var url = root
        for segment in segments { url.appendPathComponent(segment) }
        // A symbolic link in the output could still point elsewhere: compare real paths.
        let realRoot = root.resolvingSymlinksInPath().path + "/"
        let realFile = url.resolvingSymlinksInPath().path
        guard realFile.hasPrefix(realRoot) else { return nil }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            url.appendPathComponent("index.html")
        }
        return url
    }

    static func contentType(of ext: String) -> String {
        switch ext.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "atom": "application/atom+xml"
        case "ics": "text/calendar; charset=utf-8"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}
