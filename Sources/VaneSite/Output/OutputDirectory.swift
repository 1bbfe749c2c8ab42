import CVaneSystem
import Foundation
import VaneDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// A site is written into a staging folder beside the output, then swapped in with one
/// atomic exchange; a build that fails before the swap leaves the output as it was.
///
/// Two trees persist: the output, and beside it the site before it (the spare,
/// `.public.spare`), which shares the inode of every file the last build kept. A build
/// stages into the spare, brought up to date file by file: a file kept is left alone when
/// the spare's is the output's own inode (else linked again from the output), a file
/// written replaces the spare's (unlinked first, as the output may share it), and what the
/// new site does not have is removed. After the exchange the old output becomes the spare.
/// No file of the spare is trusted by name or time, only by inode, so a spare left by a
/// killed build, or one edited by hand, is brought up to date like any other.
public struct OutputDirectory: Sendable {
    public let target: URL
    public let staging: URL
    /// The last site but one, kept beside the output for the next build to stage into.
    let spare: URL
    /// Staging into the spare (true) or into a new folder.
    let reusing: Bool
    /// Every path the new site has (written or kept), when staging into the spare: what
    /// the spare holds besides is removed before the swap.
    private let outputs = Locked<Set<String>>([])
    /// The two folders' paths, to which a file's path is joined as text: a build writes
    /// or keeps 20,000 files, and appending to a `URL` was 3% of the samples of a build
    /// that adds one event.
    private let targetPath: String
    private let stagingPath: String
    /// Files written into the staging folder (not kept from the last build).
    public let written = Locked(0)
    /// When staging into the spare: the output and the spare as they were before anything
    /// was staged. Two listings instead of two `stat`s for each of the 20,000 files a build
    /// keeps, which were a twentieth of the CPU of a build that adds one event at 10,000
    /// events; the spare's also tells what the new site lacks, without listing it again.
    private let targetListing: Listing
    private let spareListing: Listing
    /// How the staged site went in (see `undo`): nil until it did.
    private let swapped = Locked<Swap?>(nil)
    private enum Swap {
        /// Exchanged with the site before it, which is the spare now.
        case exchanged
        /// There was no site before it.
        case first
        /// Put in place after the site before it was moved aside and removed.
        case replaced
    }

    /// Folders created once before pages are written, so writing a page needs no `mkdir`.
    static let knownFolders: Set<String> = [
        "entities", "events", "claims", "sources", "assets", "status", "feeds", "feeds/entities", "api", "api/v1", "api/v1/entities", "search",
    ]

    /// Why vane will not build into `target`, or nil. A build replaces its output folder
    /// whole and then removes from the old one what the site lacks, so it takes only a
    /// folder that is missing, empty, or a site it wrote (it holds `api/v1/graph.json`,
    /// which every site has); never the knowledge base, a folder holding it, anything
    /// under `Content/` or `Site/`, the database, a file, or a symbolic link (which the
    /// swap would replace by a folder).
    public static func refusal(target: URL, root: URL, database: URL) -> String? {
        let fm = FileManager.default
        let path = target.standardizedFileURL.path
        var info = stat()
        let exists = lstat(path, &info) == 0
        if exists, (info.st_mode & S_IFMT) == S_IFLNK {
            return "it is a symbolic link; vane replaces its output folder whole, so name the folder itself"
        }
        if exists, (info.st_mode & S_IFMT) != S_IFDIR { return "it is a file, not a folder" }
        /// Where a path is once symbolic links are followed (its parent's, for a path not made yet).
        func real(_ url: URL) -> String {
            let standard = url.standardizedFileURL
            if fm.fileExists(atPath: standard.path) { return standard.resolvingSymlinksInPath().path }
            return standard.deletingLastPathComponent().resolvingSymlinksInPath().appendingPathComponent(standard.lastPathComponent).path
        }
        let (out, kb) = (real(target), real(root))
        func within(_ folder: String) -> Bool { out == folder || out.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") }
        if kb == out || kb.hasPrefix(out.hasSuffix("/") ? out : out + "/") { return "it holds the knowledge base" }
        for sources in ["Content", "Site"] where within(real(root.appendingPathComponent(sources))) {
            return "it is in the knowledge base's \(sources)/"
        }
        if out == real(database) { return "it is the database" }
        // The old site is removed whole: a database inside it would go with it.
        if real(database).hasPrefix(out.hasSuffix("/") ? out : out + "/") {
            return
                "it holds the database (--db \(database.path)), which would be removed with the old site; keep the database outside the output folder"
        }
        guard exists, let names = try? fm.contentsOfDirectory(atPath: path), !names.isEmpty else { return nil }
        if fm.fileExists(atPath: target.appendingPathComponent("api/v1/graph.json").path) { return nil }
        return "it holds files and is not a site vane wrote (no api/v1/graph.json); remove it or choose another --out"
    }

    public init(target: URL) throws(OutputError) {
        self.target = target.standardizedFileURL
        let parent = self.target.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.target.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        spare = parent.appendingPathComponent(".\(self.target.lastPathComponent).spare")
        targetPath = self.target.path
        stagingPath = staging.path
        let fm = FileManager.default
        try? fm.removeItem(at: staging)
        // The spare is staged into only beside an output whose files it can be compared
        // with. It is moved to the staging name first, so that a build killed while
        // changing it leaves a folder the next build removes (one half brought up to date
        // would do as well, since nothing in it is trusted but inodes).
        // Not a spare that cannot be written into (a published copy made read-only, then
        // swapped out): every full build failed in it. It is set aside and removed instead.
        let sparePath = spare.path
        // A spare that is a symbolic link (a clone can hold one) is never staged into: the
        // folder it names, anywhere, was emptied and filled with the site. The link goes.
        var info = stat()
        // Nor is one that is no folder (a file put there by hand): renamed to the staging
        // name, it stood where the staging folder goes, and the build failed on it.
        if lstat(sparePath, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { unlink(sparePath) }
        let spareWritable = ([""] + Self.knownFolders).allSatisfy { folder in
            let path = folder.isEmpty ? sparePath : sparePath + "/" + folder
            return access(path, F_OK) != 0 || access(path, W_OK) == 0
        }
        reusing = spareWritable && fm.fileExists(atPath: self.target.path) && rename(spare.path, staging.path) == 0
        (targetListing, spareListing) = reusing ? (Listing(of: targetPath), Listing(of: stagingPath)) : (Listing(), Listing())
        // Nor is a folder of the spare that is a link written through (`assets` → a folder
        // elsewhere had its files overwritten): vane writes no link, so each goes.
        for link in spareListing.links { unlink(stagingPath + "/" + link) }
        if !reusing, fm.fileExists(atPath: spare.path) {
            let old = staging.appendingPathExtension("old-\(UUID().uuidString)")
            if rename(spare.path, old.path) == 0 { Self.remove(old) }
        }
        for folder in [""] + Self.knownFolders {
            let url = staging.appendingPathComponent(folder)
            try OutputError.wrap("create the folder", url.path) {
                try fm.createDirectory(at: url, withIntermediateDirectories: true)
            }
        }
    }

    /// Writes `data` at `path` (relative to the output), creating folders as needed.
    /// A path that would leave the output folder is refused.
    public func write(_ data: Data, to path: String) throws(OutputError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw .unsafePath(path)
        }
        if parts.count > 1, !Self.knownFolders.contains(parts.dropLast().joined(separator: "/")) {
            let folder = staging.appendingPathComponent(path).deletingLastPathComponent()
            try OutputError.wrap("create the folder", folder.path) {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
        }
        let file = stagingPath + "/" + path
        if reusing {
            outputs.withLock { _ = $0.insert(path) }
            if let own = spareListing.inodes[path], own != targetListing.inodes[path], try Self.overwrite(file, inode: own, data) {
                written.withLock { $0 += 1 }
                return
            }
            // The spare's file may be the output's too (a hard link): never written through.
            if unlink(file) != 0, errno == EISDIR || errno == EPERM { try? FileManager.default.removeItem(atPath: file) }
        }
        try Self.writeFile(file, data)
        written.withLock { $0 += 1 }
    }

    /// Writes over the spare's own file at `path` in place, when it is a regular file that
    /// nothing else links (one link, the inode listed): false, having changed nothing, when
    /// it is not. A file made instead costs the kernel a new inode, and on ext4 without a
    /// journal making one passes over every inode freed in the last 30 seconds: a build
    /// that rewrote a site by unlinking and making each file grew with the square of the
    /// files (0.25 s of system time for 2,172 files in one build, 0.85-1.2 s in the next).
    static func overwrite(_ path: String, inode: UInt64, _ data: Data) throws(OutputError) -> Bool {
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1, UInt64(info.st_ino) == inode else {
            return false
        }
        try fill(fd, path, data)
        guard ftruncate(fd, off_t(data.count)) == 0 else { throw .failed("write", path) }
        return true
    }

    /// Held while a file is made. Two renderers making files in one folder at once wait
    /// for the folder's lock in the kernel, spinning on a core the database's thread needs
    /// (3 to 13% of a full build's samples); the waiter for this lock sleeps instead. An
    /// ordinary mutex (`NSLock`, glibc's), not `Locked`: Swift's `Mutex` is a priority-
    /// inheriting futex on Linux, whose waiter spins in the kernel while the owner runs,
    /// and an owner making a file can run long (3.4-3.6 s of system time of a full build
    /// at 1,000 events, 1.9-2.3 s with this lock).
    private static let creating = NSLock()

    /// `open`, `write`, `close`: Foundation's `Data.write` costs several times more per file,
    /// and a site is thousands of files.
    static func writeFile(_ path: String, _ data: Data) throws(OutputError) {
        let fd = creating.withLock { open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw .failed("create", path) }
        defer { close(fd) }
        try fill(fd, path, data)
    }

    /// Writes all of `data` from the file's start.
    private static func fill(_ fd: Int32, _ path: String, _ data: Data) throws(OutputError) {
        let failure: OutputError? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = pwrite(fd, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failed("write", path)
                }
                offset += n
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// Hard-links the current output's file at `path` into the staging folder, keeping its
    /// bytes and modification time; false when there is no such file.
    public func keep(_ path: String) -> Bool {
        let from = targetPath + "/" + path
        let to = stagingPath + "/" + path
        if reusing {
            // Both folders are listed before anything is staged, and a path is kept or
            // written once: the listings are still true of it.
            guard let old = targetListing.inodes[path] else { return false }
            outputs.withLock { _ = $0.insert(path) }
            if let new = spareListing.inodes[path] {
                if new == old { return true }
                if unlink(to) != 0 { try? FileManager.default.removeItem(atPath: to) }
            }
        }
        if link(from, to) == 0 { return true }
        // A folder not made in advance (api/v1/entities/…): make it, then try once more.
        guard errno == ENOENT, FileManager.default.fileExists(atPath: from) else { return false }
        try? FileManager.default.createDirectory(
            at: staging.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        return link(from, to) == 0
    }

    /// Writes `data` unless the current output already has exactly these bytes at `path`,
    /// in which case that file is kept (hard-linked) as it is.
    /// Returns whether it wrote (false: the bytes were the same, and the file was kept).
    @discardableResult
    public func write(_ data: Data, to path: String, keepingIfSame: Bool) throws(OutputError) -> Bool {
        if keepingIfSame, sameSize(data, path), let old = FileManager.default.contents(atPath: targetPath + "/" + path), old == data,
            keep(path)
        {
            return false
        }
        try write(data, to: path)
        return true
    }

    /// Whether the current output's file at `path` has as many bytes as `data`: a file of
    /// another size is not read to be compared (`api/v1/graph.json` is 31 MB at 10,000 events).
    private func sameSize(_ data: Data, _ path: String) -> Bool {
        var old = stat()
        return stat(targetPath + "/" + path, &old) == 0 && Int(old.st_size) == data.count
    }

    /// Makes the staged site the output; on failure the staging folder is removed and the
    /// output is as it was.
    public func commit() throws(OutputError) {
        do {
            if reusing { try removeWhatTheSiteLacks() }
            try swapIn()
        } catch {
            discard()
            throw error
        }
    }

    private func swapIn() throws(OutputError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) {
            if vane_exchange_paths(staging.path, target.path) == 0 {
                // The old site, now at the staging path, becomes the spare the next build
                // stages into.
                if rename(staging.path, spare.path) == 0 {
                    swapped.withLock { $0 = .exchanged }
                } else {
                    swapped.withLock { $0 = .replaced }
                    let old = staging.appendingPathExtension("old-\(UUID().uuidString)")
                    if rename(staging.path, old.path) == 0 { Self.remove(old) } else { try? fm.removeItem(at: staging) }
                }
                return
            }
            // No atomic exchange on this system: move the old site aside, then swap in.
            let old = staging.appendingPathExtension("old-\(UUID().uuidString)")
            try OutputError.wrap("move aside", target.path) { try fm.moveItem(at: target, to: old) }
            try OutputError.wrap("move into place", staging.path) { try fm.moveItem(at: staging, to: target) }
            swapped.withLock { $0 = .replaced }
            Self.remove(old)
        } else {
            try OutputError.wrap("move into place", staging.path) { try fm.moveItem(at: staging, to: target) }
            swapped.withLock { $0 = .first }
        }
    }

    /// Puts the site before this one back, after `commit`, when what was to go with the new
    /// site failed (the database): the output is then the one the database describes.
    /// Exchanged back with the spare in one step, or removed when there was none before;
    /// false when the site before is gone (a system without an atomic exchange).
    @discardableResult
    public func undo() -> Bool {
        switch swapped.value {
        case .exchanged?: return vane_exchange_paths(spare.path, target.path) == 0
        case .first?:
            let old = staging.appendingPathExtension("old-\(UUID().uuidString)")
            guard rename(target.path, old.path) == 0 else { return false }
            Self.remove(old)
            return true
        case .replaced?, nil: return false
        }
    }

    /// Removes the staging folder after a failure; a spare being staged into stays the
    /// spare, for the next build to bring up to date.
    public func discard() {
        if reusing, rename(staging.path, spare.path) == 0 { return }
        try? FileManager.default.removeItem(at: staging)
    }

    /// Removes from the spare every file the new site does not have, and every folder left
    /// empty that a new folder would not have: the staged tree is then the one a build
    /// into a new folder makes. What the spare held is its listing: every file staged since
    /// is one the new site has (`outputs`).
    private func removeWhatTheSiteLacks() throws(OutputError) {
        let keep = outputs.value
        let folders = Set(spareListing.folders)
        for file in spareListing.inodes.keys where !keep.contains(file) && !folders.contains(file) {
            let path = stagingPath + "/" + file
            guard unlink(path) == 0 || errno == ENOENT else { throw .failed("remove", path) }
        }
        // Listed after their contents, so a folder emptied of folders is seen empty.
        for folder in spareListing.folders where !Self.knownFolders.contains(folder) { rmdir(stagingPath + "/" + folder) }
    }

    /// A tree as `readdir` lists it: every path under it, relative to it, with its inode
    /// (two trees on one file system, hard-linked to each other, are compared by these
    /// numbers), and its folders, each after what it holds.
    struct Listing {
        var inodes: [String: UInt64] = [:]
        var folders: [String] = []
        /// The symbolic links, which no build writes.
        var links: [String] = []

        init() {}

        init(of root: String) {
            OutputDirectory.walk(root) { path, inode, type in
                if type == Int32(DT_LNK) {
                    links.append(path)
                    return
                }
                inodes[path] = inode
                if type == Int32(DT_DIR) { folders.append(path) }
            }
        }
    }

    /// Everything under `root` + `relative`: its path relative to `root`, its inode and
    /// whether it is a folder, each folder after what it holds. `readdir`'s types and
    /// inodes, so no file is `stat`ed.
    private static func walk(_ root: String, _ relative: String = "", _ visit: (String, UInt64, Int32) -> Void) {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let handle = opendir(folder) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                let format = lstat(folder + "/" + name, &info) == 0 ? info.st_mode & S_IFMT : 0
                type = format == S_IFDIR ? Int32(DT_DIR) : format == S_IFLNK ? Int32(DT_LNK) : Int32(DT_REG)
            }
            if type == Int32(DT_DIR) { walk(root, path, visit) }
            visit(path, UInt64(entry.pointee.d_ino), type)
        }
    }

    /// Old sites swapped out and being removed, each under a name of its own. Removing
    /// 20,000 links takes 0.2 s, which a build spends writing its database instead; it
    /// waits for them before it ends (`finishRemovals`). One a killed build left behind
    /// matches `.staging-`, and the next build removes it.
    private static let removals = DispatchGroup()

    private static func remove(_ folder: URL) {
        DispatchQueue.global(qos: .utility).async(group: removals) {
            let fm = FileManager.default
            guard (try? fm.removeItem(at: folder)) == nil else { return }
            // A tree made read-only: its folders made writable again, then removed (a
            // folder itself, never one a link leads to, the first too).
            var root = stat()
            guard lstat(folder.path, &root) == 0, root.st_mode & S_IFMT == S_IFDIR else { return }
            var folders = [folder.path]
            while let path = folders.popLast() {
                chmod(path, 0o755)
                for name in (try? fm.contentsOfDirectory(atPath: path)) ?? [] {
                    // A folder itself, never one a link leads to.
                    var info = stat()
                    let child = path + "/" + name
                    if lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { folders.append(child) }
                }
            }
            try? fm.removeItem(at: folder)
        }
    }

    /// Waits until the old sites swapped out are gone.
    public static func finishRemovals() { removals.wait() }
}
