import Foundation

/// A knowledge base written to a fresh temporary folder, removed when released.
public final class TemporaryKnowledgeBase: @unchecked Sendable {
    public let root: URL
    /// The files written or removed since `takeTouched`, as `vane serve`'s watcher names
    /// them; nil once a folder was made, which the watcher names no file for.
    private var touched: Set<String>? = []

    /// Writes `files` (root-relative path → text) into a new folder.
    public init(_ files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("vane-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in files { try write(text, to: path) }
    }

    /// A copy of a folder (e.g. a fixture or the bundled `Content/`).
    public convenience init(copying folders: [URL]) throws {
        try self.init()
        for folder in folders {
            try FileManager.default.copyItem(at: folder, to: root.appendingPathComponent(folder.lastPathComponent))
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    public func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    public func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    public func write(_ data: Data, to path: String) throws {
        let url = url(path)
        let folder = url.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: folder.path) { touched = nil }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try data.write(to: url)
        touched?.insert(path)
    }

    /// The files written or removed since the last call (nil when a folder was made too),
    /// for `ResidentSite.load(touched:)`.
    public func takeTouched() -> Set<String>? {
        defer { touched = [] }
        return touched
    }

    public func read(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    public func remove(_ path: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url(path).path, isDirectory: &isFolder), isFolder.boolValue { touched = nil }
        try FileManager.default.removeItem(at: url(path))
        touched?.insert(path)
    }
}

/// Every regular file under a folder with its bytes, to prove a tree unchanged; with
/// `folders`, every folder too (its path ending in "/", no bytes): an empty folder left
/// behind is then a difference.
public func snapshot(of folder: URL, folders: Bool = false) -> [String: Data] {
    var files: [String: Data] = [:]
    let keys: [URLResourceKey] = [.isRegularFileKey, .isDirectoryKey]
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { return files }
    let prefix = folder.standardizedFileURL.path + "/"
    for case let url as URL in walker {
        let values = try? url.resourceValues(forKeys: Set(keys))
        let path = url.standardizedFileURL.path
        if folders, values?.isDirectory == true { files[String(path.dropFirst(prefix.count)) + "/"] = Data() }
        guard values?.isRegularFile == true else { continue }
        files[String(path.dropFirst(prefix.count))] = FileManager.default.contents(atPath: path)
    }
    return files
}

/// The paths on which two snapshots differ (at most `limit`), for readable failures.
public func differences(_ a: [String: Data], _ b: [String: Data], limit: Int = 5) -> [String] {
    Array(Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted().prefix(limit))
}
