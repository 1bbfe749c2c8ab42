import Foundation

/// The parses of the last load, kept in memory by `vane serve`, so that an edit parses
/// the files it touched and decodes nothing stored. It shares the load's own array of
/// parses: making one copies no parse.
public struct MemoryParseCache: ParseCache {
    /// In path order.
    private let files: [ParsedFile]
    private let settings: String
    /// When the load that made these parses started (nanoseconds since 1970).
    private let started: Int64

    public init(_ result: LoadResult, started: Int64) {
        files = result.files
        settings = ContentLoader.settingsDigest(result.knowledgeBase.config)
        self.started = started
    }

    /// A file modified at or after the start of the load that read it is read again (the
    /// same "racy clean" rule as a build's stored parses).
    public func parsedFile(path: String, size: Int, modified: Int64, settings: String) -> ParsedFile? {
        guard settings == self.settings, modified < started, let hit = stored(path), hit.size == size, hit.modified == modified
        else { return nil }
        return hit
    }

    public func parsedFile(path: String, hash: String) -> ParsedFile? {
        guard let hit = stored(path), hit.hash == hash else { return nil }
        return hit
    }

    /// A parse that read the file (one that could not read it has no hash).
    private func stored(_ path: String) -> ParsedFile? {
        guard let i = PathOrder.index(of: path, in: files, \.path), !files[i].hash.isEmpty else { return nil }
        return files[i]
    }
}
