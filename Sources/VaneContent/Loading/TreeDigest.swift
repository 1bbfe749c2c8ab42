import CVaneSystem
import Foundation

/// One number for a folder's files (each one's relative path, size and modification
/// time), taken in C with no Swift string per file. A read command compares it with the
/// one a build stored to see in a single walk that `Content/` is as the build read it.
public struct TreeDigest: Sendable, Equatable, CustomStringConvertible {
    public var value: UInt64
    public var files: Int

    public var description: String { "\(String(value, radix: 16)) \(files)" }

    /// Of a listing: each file's path relative to the folder, size and modification time.
    public init(files: some Sequence<(relative: String, size: Int, modified: Int64)>) {
        var value: UInt64 = 0
        var count = 0
        for file in files {
            var path = file.relative
            value &+= path.withUTF8 { vane_file_mix($0.baseAddress, $0.count, Int64(file.size), file.modified) }
            count += 1
        }
        (self.value, self.files) = (value, count)
    }

    /// The digest with one file's size and time replaced (the listing is a sum).
    public func replacing(
        _ old: (relative: String, size: Int, modified: Int64), with new: (relative: String, size: Int, modified: Int64)
    ) -> TreeDigest {
        removing([old]).adding([new])
    }

    /// The digest with these files added to the listing.
    public func adding(_ added: [(relative: String, size: Int, modified: Int64)]) -> TreeDigest {
        TreeDigest(value: value &+ TreeDigest(files: added).value, files: files + added.count)
    }

    /// The digest with these files, which the listing has, taken out.
    public func removing(_ removed: [(relative: String, size: Int, modified: Int64)]) -> TreeDigest {
        TreeDigest(value: value &- TreeDigest(files: removed).value, files: files - removed.count)
    }

    /// Read back from `description`.
    public init?(description: String) {
        let parts = description.split(separator: " ")
        guard parts.count == 2, let value = UInt64(parts[0], radix: 16), let files = Int(parts[1]) else { return nil }
        (self.value, self.files) = (value, files)
    }

    init(value: UInt64, files: Int) {
        (self.value, self.files) = (value, files)
    }

    /// The folder as it is now, and the newest modification time in it; nil when it
    /// cannot be read wholly or holds what the digest does not describe (a symbolic link),
    /// for which the caller compares file by file.
    public static func walk(_ folder: String) -> (digest: TreeDigest, newest: Int64)? {
        walk(folder, since: .max).map { ($0.digest, $0.newest) }
    }

    /// A walk that also names the files modified at or after a time.
    public struct Walk: Sendable {
        public var digest: TreeDigest
        public var newest: Int64
        /// Files modified at or after `since`, when there are at most 64 (nil when more).
        public var recent: [(relative: String, size: Int, modified: Int64)]?
    }

    public static func walk(_ folder: String, since: Int64) -> Walk? {
        var found = vane_tree_digest_t()
        let threads = Int32(min(ProcessInfo.processInfo.activeProcessorCount, 8))
        guard vane_tree_digest(folder, threads, since, &found) == 0, found.complete != 0 else { return nil }
        var recent: [(String, Int, Int64)]?
        if found.recent == found.named {
            let named = Int(found.named)
            let paths = withUnsafeBytes(of: &found.recent_path) { raw in
                (0..<named).map { i in
                    let row = raw[(i * 512)..<((i + 1) * 512)]
                    return String(decoding: row.prefix { $0 != 0 }, as: UTF8.self)
                }
            }
            let sizes = withUnsafeBytes(of: &found.recent_size) { Array($0.bindMemory(to: Int64.self).prefix(named)) }
            let times = withUnsafeBytes(of: &found.recent_modified) { Array($0.bindMemory(to: Int64.self).prefix(named)) }
            recent = (0..<named).map { (paths[$0], Int(sizes[$0]), times[$0]) }
        }
        return Walk(digest: TreeDigest(value: found.digest, files: Int(found.files)), newest: found.newest, recent: recent)
    }
}
