import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The output's folders and their modification times, taken when a build has put its
/// site in place. A file added to the output or removed from it (by hand, or by another
/// tool) changes the time of the folder that held it, so a build that finds a folder's
/// time moved does not take the site as its last build left it: it builds again, and
/// brings back what was removed. A page edited in place is not noticed (its folder's time
/// does not move), as `make` does not notice an edit that keeps a file's size and time.
public enum OutputStamp {
    /// Every folder of the output, its path relative to the output and its modification
    /// time in nanoseconds, one per line, in order; nil when the output cannot be listed.
    public static func take(_ output: URL) -> String? {
        let root = output.standardizedFileURL.path
        var folders: [(path: String, time: Int64)] = []
        func visit(_ relative: String) -> Bool {
            let folder = relative.isEmpty ? root : root + "/" + relative
            guard let time = modified(folder), let handle = opendir(folder) else { return false }
            defer { closedir(handle) }
            folders.append((relative, time))
            var inner: [String] = []
            while let entry = readdir(handle) {
                var type = Int32(entry.pointee.d_type)
                guard type == Int32(DT_DIR) || type == Int32(DT_UNKNOWN) else { continue }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if name == "." || name == ".." { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    type = lstat(root + "/" + path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : Int32(DT_REG)
                }
                if type == Int32(DT_DIR) { inner.append(path) }
            }
            return inner.allSatisfy(visit)
        }
        guard visit("") else { return nil }
        return folders.sorted { $0.path < $1.path }.map { "\($0.time) \($0.path)" }.joined(separator: "\n")
    }

    /// `stamp` with the times of `folders` (relative to the output, `""` for itself) read
    /// again: what `take` would give after files were renamed into them, and no folder
    /// made or removed. Nil when one of them is not in the stamp or cannot be read.
    public static func restamped(_ stamp: String?, folders: Set<String>, _ output: URL) -> String? {
        guard let stamp, !stamp.isEmpty else { return nil }
        let root = output.standardizedFileURL.path
        var lines: [String] = []
        var seen = 0
        for line in stamp.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let path = String(parts[1])
            guard folders.contains(path) else {
                lines.append(String(line))
                continue
            }
            guard let time = modified(path.isEmpty ? root : root + "/" + path) else { return nil }
            lines.append("\(time) \(path)")
            seen += 1
        }
        return seen == folders.count ? lines.joined(separator: "\n") : nil
    }

    /// Whether every folder of `stamp` is still there with the same time (a folder added
    /// or removed moves its parent's).
    public static func holds(_ stamp: String?, _ output: URL) -> Bool {
        guard let stamp, !stamp.isEmpty else { return false }
        let root = output.standardizedFileURL.path
        return stamp.split(separator: "\n").allSatisfy { line in
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let time = Int64(parts[0]) else { return false }
            return modified(parts[1].isEmpty ? root : root + "/" + parts[1]) == time
        }
    }

    private static func modified(_ path: String) -> Int64? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
