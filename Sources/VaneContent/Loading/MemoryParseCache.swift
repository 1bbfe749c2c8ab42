import Foundation

/// The parses of the last load, kept in memory by `vane serve`, so that an edit parses
/// the files it touched and decodes nothing stored.
public struct MemoryParseCache: ParseCache {
    private let files: [String: ParsedFile]
    private let settings: String
    /// When the load that made these parses started (nanoseconds since 1970).
    private let started: Int64

    public init(_ result: LoadResult, started: Int64) {
        files = Dictionary(result.files.filter { !$0.hash.isEmpty }.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        settings = ContentLoader.settingsDigest(result.knowledgeBase.config)
        self.started = started
    }

    /// A file modified at or after the start of the load that read it is read again (the
    /// same "racy clean" rule as a build's stored parses).
    public func parsedFile(path: String, size: Int, modified: Int64, settings: String) -> ParsedFile? {
        guard settings == self.settings, modified < started, let hit = files[path], hit.size == size, hit.modified == modified
        else { return nil }
        return hit
    }

    public func parsedFile(path: String, hash: String) -> ParsedFile? {
        guard let hit = files[path], hit.hash == hash else { return nil }
        return hit
    }
}
