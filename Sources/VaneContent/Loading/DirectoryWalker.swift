import CVaneSystem
import Foundation
import VaneDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// A fast recursive listing with POSIX `readdir`, `d_type` and `fstatat`: Foundation's
/// enumerator costs over a second on twenty thousand files.
public enum DirectoryWalker {
    public struct Found: Sendable {
        public var relative: String
        public var size: Int
        /// Modification time in nanoseconds since 1970.
        public var modified: Int64
        /// A symbolic link whose target lies outside the walked folder.
        public var escapes: Bool
        /// Why this path (a folder, or a link) could not be read, when `problems` were asked for.
        public var problem: String? = nil

        public init(relative: String, size: Int, modified: Int64, escapes: Bool, problem: String? = nil) {
            (self.relative, self.size, self.modified, self.escapes, self.problem) = (relative, size, modified, escapes, problem)
        }
    }

    /// Names never read: hidden ones (`.x.swp`), editors' and tools' backups, autosaves and
    /// swap files (`x.md~`, `#x.md#`, `x.md.bak`, `x.md.orig`…), which hold drafts, and the
    /// system's (`Thumbs.db`): `vane_name_ignored`, the rule the C walk (`vane_tree_digest`)
    /// skips by.
    public static func isIgnored(_ name: some StringProtocol) -> Bool {
        var name = String(name)
        return name.withUTF8 { vane_name_ignored($0.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, $0.count) != 0 }
    }

    /// Regular files under `root` (following links that stay inside it), skipping hidden
    /// names; in path order when `sorted`. With `problems`, a folder that cannot be read
    /// and a link to nothing (its target missing, or links in a loop) are found too, with
    /// the reason, for the caller to report rather than skip.
    public static func files(under root: String, sorted: Bool = true, problems: Bool = false) -> [Found]? {
        var realRoot = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard realpath(root, &realRoot) != nil else { return nil }
        let rootPrefix = String(decoding: realRoot.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self) + "/"
        // Folders are listed first; their files are then looked at on all cores (the
        // `stat` calls are most of the cost of a no-change build).
        var folders: [(relative: String, entries: [(String, UInt8)])] = []
        var unreadable: [Found] = []
        var pending = [""]
        while let relativeDir = pending.popLast() {
            guard let listed = entries(of: relativeDir.isEmpty ? root : root + "/" + relativeDir) else {
                let reason = "cannot read this folder (\(String(cString: strerror(errno)))): its files are left out"
                if problems, !relativeDir.isEmpty {
                    unreadable.append(Found(relative: relativeDir, size: 0, modified: 0, escapes: false, problem: reason))
                }
                continue
            }
            folders.append((relativeDir, listed))
            for (name, type) in listed where type == UInt8(DT_DIR) {
                pending.append(relativeDir.isEmpty ? name : relativeDir + "/" + name)
            }
        }
        let listing = folders
        let perFolder = ResultSlots<[Found]>(count: listing.count)
        DispatchQueue.concurrentPerform(iterations: listing.count) { i in
            perFolder[i] = files(listing[i].entries, in: listing[i].relative, root: root, rootPrefix: rootPrefix, problems: problems)
        }
        let found = perFolder.values.flatMap { $0 } + unreadable
        return sorted ? found.sorted { $0.relative < $1.relative } : found
    }

    /// Visible names of a folder with their type, links and unknown types resolved
    /// (`DT_DIR` is only returned for real folders: links to folders inside the root are
    /// not followed, the folder is walked anyway).
    private static func entries(of path: String) -> [(String, UInt8)]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var result: [(String, UInt8)] = []
        while let entry = readdir(dir) {
            let (name, isText) = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { (String(cString: $0), String(validatingCString: $0) != nil) }
            }
            guard !DirectoryWalker.isIgnored(name) else { continue }
            // A name that is no UTF-8 (`café.md` saved by a Latin-1 tool) cannot be opened by
            // the name shown: said, not passed over (its entry vanished without a word).
            guard isText else {
                result.append((name, notText))
                continue
            }
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                guard fstatat(dirfd(dir), name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                type = fileType(info.st_mode)
            }
            result.append((name, type))
        }
        return result
    }

    /// A `d_type` for a `stat` mode.
    private static func fileType(_ mode: mode_t) -> UInt8 {
        switch mode & S_IFMT {
        case S_IFDIR: UInt8(DT_DIR)
        case S_IFREG: UInt8(DT_REG)
        case S_IFLNK: UInt8(DT_LNK)
        case S_IFIFO: UInt8(DT_FIFO)
        case S_IFCHR: UInt8(DT_CHR)
        case S_IFBLK: UInt8(DT_BLK)
        case S_IFSOCK: UInt8(DT_SOCK)
        default: UInt8(DT_UNKNOWN)
        }
    }

    /// The type given to a name that is no UTF-8, which is neither read nor walked.
    private static let notText = UInt8(255)

    /// Why a name that is no file is left out: nothing under a walked folder is passed over
    /// without a word (a pipe named `x.md` would block a read of it).
    private static func notAFile(_ type: UInt8) -> String {
        if type == notText { return "its name is not UTF-8 text (saved by a tool in another encoding?): left out (rename it)" }
        let what =
            switch Int(type) {
            case Int(DT_FIFO): "a named pipe"
            case Int(DT_CHR): "a character device"
            case Int(DT_BLK): "a block device"
            case Int(DT_SOCK): "a socket"
            default: "of a type that is no file"
            }
        return "\(what), not a file: left out (remove it, or put a file in its place)"
    }

    /// Where a symbolic link points, as it is written, quoted.
    static func linkTarget(_ path: String) -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { "'\($0)'" } ?? "an unreadable target"
    }

    /// The regular files of one folder, and its links that lead to files.
    private static func files(_ entries: [(String, UInt8)], in relativeDir: String, root: String, rootPrefix: String, problems: Bool) -> [Found] {
        let dirFD = open(relativeDir.isEmpty ? root : root + "/" + relativeDir, O_RDONLY | O_DIRECTORY)
        guard dirFD >= 0 else { return [] }
        defer { close(dirFD) }
        var found: [Found] = []
        for (name, type) in entries where type != UInt8(DT_DIR) {
            let relative = relativeDir.isEmpty ? name : relativeDir + "/" + name
            guard type == UInt8(DT_REG) || type == UInt8(DT_LNK) else {
                if problems { found.append(Found(relative: relative, size: 0, modified: 0, escapes: false, problem: notAFile(type))) }
                continue
            }
            // Whether a link leads to what is never read or published (`.env`, an editor's `x.md~`).
            var hidden = false
            if type == UInt8(DT_LNK) {
                var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
                guard realpath(root + "/" + relative, &target) != nil else {
                    let why = String(cString: strerror(errno))
                    let reason = "symbolic link to \(linkTarget(root + "/" + relative)), which leads to nothing (\(why)): mend the link or remove it"
                    if problems { found.append(Found(relative: relative, size: 0, modified: 0, escapes: false, problem: reason)) }
                    continue
                }
                let resolved = String(decoding: target.prefix { $0 != 0 }.map(UInt8.init(bitPattern:)), as: UTF8.self)
                // The walked folder itself (`up -> ..`) is a folder inside it, not outside.
                if !resolved.hasPrefix(rootPrefix) && resolved + "/" != rootPrefix {
                    found.append(Found(relative: relative, size: 0, modified: 0, escapes: true))
                    continue
                }
                hidden = resolved.dropFirst(rootPrefix.count).split(separator: "/").contains { isIgnored(String($0)) }
            }
            // Relative to the open folder: no path lookup from the root per file.
            var info = stat()
            guard fstatat(dirFD, name, &info, 0) == 0 else { continue }
            if type == UInt8(DT_LNK), info.st_mode & S_IFMT == S_IFDIR {
                // Not followed (a walk through links could go round a circle), and not left out without a word.
                let reason =
                    "symbolic link to a folder (\(linkTarget(root + "/" + relative))): not followed, so its files are left out (move the folder here, or link its files one by one)"
                if problems { found.append(Found(relative: relative, size: 0, modified: 0, escapes: false, problem: reason)) }
                continue
            }
            guard info.st_mode & S_IFMT == S_IFREG else {
                let what = notAFile(fileType(info.st_mode))
                if problems {
                    found.append(
                        Found(
                            relative: relative, size: 0, modified: 0, escapes: false,
                            problem: "symbolic link to \(linkTarget(root + "/" + relative)), \(what)"))
                }
                continue
            }
            // It was published under the link's name.
            if hidden {
                let reason =
                    "symbolic link to \(linkTarget(root + "/" + relative)), a file vane never reads or publishes (hidden, a backup, a swap file): left out"
                if problems { found.append(Found(relative: relative, size: 0, modified: 0, escapes: false, problem: reason)) }
                continue
            }
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            found.append(Found(relative: relative, size: Int(info.st_size), modified: modified, escapes: false))
        }
        return found
    }
}
