import CVaneSystem
import Foundation
import VaneContent

#if canImport(Glibc)
    import Glibc
#endif

/// Watches a knowledge base's folders: with inotify on Linux (a folder created later is
/// watched as it appears), by looking every 400 ms elsewhere. A thread of its own reads
/// the kernel's events as they come, so that it can count them (`generation`) and answer
/// `sync` while a load runs; `wait` hands the loader each burst of events (an editor's
/// save, a `git checkout`), with the files it touched when the kernel said which.
final class Watcher: @unchecked Sendable {
    private let fd: Int32
    /// Watched folders by watch descriptor: written by `init`, then by the reading thread alone.
    private var watched: [Int32: String] = [:]
    /// The folder paths are named relative to (the knowledge base's root).
    private let root: String
    private let condition = NSCondition()
    // Guarded by `condition`:
    /// Set when the kernel cannot tell of every change (no inotify, a folder it would not
    /// watch, its answers stopped): from then on the watcher looks every 400 ms, and never
    /// vouches for anything (`sync` answers nil).
    private var failed = false
    /// What the last look saw, when looking.
    private var looked = ""
    /// The files touched since the last `wait` returned, relative to `root`; nil once
    /// something happened that names no file (a folder moved, the kernel's queue overflowed).
    private var touched: Set<String>? = []
    private var pending = false
    private var lastEvent = Date.distantPast
    /// Events read since the watcher started, cookies left out.
    private var count = 0
    /// Cookies seen and not yet claimed by `sync`.
    private var cookies: Set<String> = []
    /// Set by `dayTurned` until `wait` returns: a new day changes pages though no file did.
    private var newDay = false
    /// `count` when `wait` last returned: the events it handed to the loader.
    private var handed = 0
    /// The events the loader has taken in (`loaded(through:)`).
    private var taken = 0

    /// The name `sync` gives the files it writes: hidden, so no build reads them.
    static let cookiePrefix = ".vane-cookie-"

    /// The folders watched under the root, by name: the root itself is watched for them
    /// alone (created, moved, removed), not for the build's own files beside them.
    private let folders: Set<String>
    private var rootWatch: Int32 = -1
    /// Watches on `.git` and the folders of its branches: a commit, a checkout or a reset
    /// moves recorded time, which the pages show, though no file of `Content/` changed.
    private var gitWatches: Set<Int32> = []

    /// `kernel: false` looks every 400 ms even where inotify is there (for tests).
    init(root: URL, folders: [String], kernel: Bool = true) {
        self.root = root.path
        self.folders = Set(folders)
        #if canImport(Glibc)
            fd = kernel ? inotify_init1(Int32(IN_CLOEXEC)) : -1
            if fd >= 0 {
                rootWatch = inotify_add_watch(fd, root.path, UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO))
                if rootWatch < 0 { failed = true }
            }
            // Cookies left by a server stopped mid-sync.
            let content = root.appendingPathComponent("Content").path
            for name in (try? FileManager.default.contentsOfDirectory(atPath: content)) ?? [] where name.hasPrefix(Self.cookiePrefix) {
                unlink(content + "/" + name)
            }
            for folder in folders { watchTree(root.appendingPathComponent(folder).path) }
            watchGit(root.appendingPathComponent(".git").path)
            if fd >= 0 { Thread { self.readEvents() }.start() }
        #else
            fd = -1
        #endif
    }

    /// Whether the kernel tells this watcher of changes (else it can only look, and `sync`
    /// cannot be answered).
    var isWatching: Bool {
        condition.lock()
        defer { condition.unlock() }
        return fd >= 0 && !failed
    }

    /// Events read so far; a number that has not moved means no file changed in between.
    var generation: Int {
        condition.lock()
        defer { condition.unlock() }
        return count
    }

    /// Returns once something may have changed, with the paths of the files touched
    /// (`Content/events/x.md`), or nil when it cannot say which (a new day: everything).
    func wait() -> Set<String>? {
        condition.lock()
        defer { condition.unlock() }
        while !pending && !newDay && !failed && fd >= 0 { condition.wait() }
        if newDay {
            (newDay, touched, pending) = (false, [], false)
            return nil
        }
        if failed || fd < 0 {
            condition.unlock()
            defer { condition.lock() }
            return look()
        }
        // The rest of the burst: until 10 ms pass with nothing new (an editor's save is one
        // burst well within that; a burst split in two is loaded twice, correctly).
        while Date() < lastEvent.addingTimeInterval(0.010) { _ = condition.wait(until: lastEvent.addingTimeInterval(0.010)) }
        defer { (touched, pending, handed) = ([], false, count) }
        return touched
    }

    /// The events the last `wait` handed over (for `loaded(through:)`): read on the thread that waits.
    var handedGeneration: Int {
        condition.lock()
        defer { condition.unlock() }
        return handed
    }

    /// Said by the loader once what `wait` handed it is loaded: a page asked for after a
    /// save waits for it (`waitLoaded`).
    func loaded(through generation: Int) {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        taken = max(taken, generation)
    }

    /// Waits until the loader has taken in the events up to `generation` (those `sync`
    /// counted), at most `timeout` seconds: whether it has.
    func waitLoaded(_ generation: Int, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while taken < generation {
            if !condition.wait(until: deadline) { return taken >= generation }
        }
        return true
    }

    /// Tells `wait` that the day turned: every countdown and "as of" moves, and the pages
    /// served are made again as after an edit. Not a change of a file (`generation` stays).
    func dayTurned() {
        condition.lock()
        defer { condition.unlock() }
        newDay = true
        condition.broadcast()
    }

    /// The seconds from `now` to the next day's start (UTC, the day `FuzzyDate.today`
    /// reads), a little after it.
    static func secondsToNextDay(from now: Date) -> TimeInterval {
        let seconds = now.timeIntervalSince1970
        return 86_400 - seconds.truncatingRemainder(dividingBy: 86_400) + 0.5
    }

    /// Looks every 400 ms until the folders differ (by path, size and modification time)
    /// from the last look; then nil: which files changed is not known.
    private func look() -> Set<String>? {
        while true {
            condition.lock()
            let turned = newDay
            newDay = false
            condition.unlock()
            if turned { return nil }
            let now =
                folders.sorted().map { folder -> String in
                    let path = root + "/" + folder
                    let digest =
                        TreeDigest.walk(path)?.digest
                        ?? DirectoryWalker.files(under: path).map { found in
                            TreeDigest(files: found.map { (relative: $0.relative, size: $0.size, modified: $0.modified) })
                        }
                    return "\(folder) \(digest?.description ?? "-")"
                }.joined(separator: "\n") + "\n" + gitState()
            if now != looked {
                looked = now
                return nil
            }
            Thread.sleep(forTimeInterval: 0.4)
        }
    }

    /// Where a repository's history stands, as the kernel's watches on `.git` would tell:
    /// `HEAD`, `packed-refs` and the branches (a blind watcher that looked at the folders
    /// alone left a commit "not committed yet" on every page).
    private func gitState() -> String {
        let git = root + "/.git"
        let head = (try? String(contentsOfFile: git + "/HEAD", encoding: .utf8)) ?? "-"
        var packed = stat()
        let refs = lstat(git + "/packed-refs", &packed) == 0 ? "\(packed.st_size) \(packed.st_mtim.tv_sec).\(packed.st_mtim.tv_nsec)" : "-"
        return "git \(head) \(refs) \(TreeDigest.walk(git + "/refs/heads")?.digest.description ?? "-")"
    }

    /// Writes a cookie into `Content/` and waits until its event is read: the events of
    /// every change made before this call have been read by then. Returns `generation`
    /// then; nil when the watcher cannot say within `timeout` seconds.
    func sync(timeout: TimeInterval) -> Int? {
        guard isWatching else { return nil }
        let name = Self.cookiePrefix + UUID().uuidString
        let path = root + "/Content/" + name
        // Made with open(2): Foundation's createFile writes a temporary file and renames it.
        let made = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard made >= 0 else { return nil }
        close(made)
        unlink(path)
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while !cookies.contains(name) {
            if !condition.wait(until: deadline) {
                cookies.remove(name)
                return nil
            }
        }
        cookies.remove(name)
        return count
    }

    #if canImport(Glibc)
        private static let mask = UInt32(
            IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF
                | IN_ONLYDIR | IN_DONT_FOLLOW)

        /// File systems where the kernel tells of every change made on this machine. On
        /// others (NFS, SMB, FUSE mounts such as a WSL or Docker Desktop share), a change
        /// made elsewhere brings no event: the watcher does not trust them.
        private static let local: Set<Int> = [
            0xEF53,  // ext2, ext3, ext4
            0x5846_5342,  // xfs
            0x9123_683E,  // btrfs
            0x0102_1994,  // tmpfs
            0xF2F5_2010,  // f2fs
            0x2FC1_2FC1,  // zfs
            0x794C_7630,  // overlayfs
        ]

        /// Watches `path` and every folder under it (symbolic links are not followed: the
        /// folder they name is watched where it is). Whatever the kernel could not be asked
        /// to watch fully makes the watcher blind: a folder it refused (out of watches), one
        /// on a file system it does not trust, a file with a second name (a hard link, whose
        /// other name may be written outside).
        private func watchTree(_ path: String) {
            guard fd >= 0 else { return }
            let system = vane_file_system_type(path)
            if system >= 0, !Self.local.contains(system) { goBlind() }
            let wd = inotify_add_watch(fd, path, Self.mask)
            if wd >= 0 {
                watched[wd] = path
            } else if errno != ENOENT && errno != ENOTDIR {
                // Out of watches, say: changes under this folder would go unseen.
                goBlind()
            }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
                let child = path + "/" + name
                var info = stat()
                guard lstat(child, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    watchTree(child)
                } else if info.st_mode & S_IFMT == S_IFREG && info.st_nlink > 1 && !DirectoryWalker.isIgnored(name) {
                    goBlind()
                }
            }
        }

        /// Watches a git repository's `.git` folder (not a worktree's `.git` file) for its
        /// `HEAD`, and `refs/heads` and the folders under it for its branches.
        private func watchGit(_ path: String, branches: Bool = false) {
            guard fd >= 0 else { return }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return }
            let wd = inotify_add_watch(fd, path, UInt32(IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ONLYDIR | IN_DONT_FOLLOW))
            guard wd >= 0 else { return }
            watched[wd] = path
            gitWatches.insert(wd)
            let under =
                branches ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 } : [path + "/refs/heads"]
            for folder in under { watchGit(folder, branches: true) }
        }

        /// A file created or moved in: blind when it has a second name.
        private func checkLinks(_ path: String) {
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink > 1 { goBlind() }
        }

        private func goBlind() {
            condition.lock()
            failed = true
            condition.broadcast()
            condition.unlock()
        }

        /// Reads events for as long as the watcher lives; a folder created under a watched
        /// one is watched too.
        private func readEvents() {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let n = read(fd, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return goBlind() }
                var events: [(mask: UInt32, path: String?)] = []
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= n {
                    let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let start = offset + MemoryLayout<inotify_event>.size
                    let name = String(decoding: buffer[start..<start + length].prefix { $0 != 0 }, as: UTF8.self)
                    offset = start + length
                    if gitWatches.contains(wd) {
                        // `HEAD` and `packed-refs` in `.git`, a branch under `refs/heads`:
                        // the history moved (what else git writes is not recorded time).
                        if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE) != 0, let parent = watched[wd] {
                            watchGit(parent + "/" + name, branches: true)
                        }
                        let branches = watched[wd].map { !$0.hasSuffix("/.git") } ?? false
                        guard branches || name == "HEAD" || name == "packed-refs", mask & UInt32(IN_MOVED_TO | IN_CLOSE_WRITE) != 0 else { continue }
                        events.append((mask | UInt32(IN_ISDIR), nil))
                        continue
                    }
                    if wd == rootWatch && wd >= 0 {
                        // Beside the watched folders sit the site and the database the build writes.
                        guard folders.contains(name) else { continue }
                        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(root + "/" + name) }
                        events.append((mask | UInt32(IN_ISDIR), nil))
                        continue
                    }
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                        // Events were lost, among them perhaps a folder made: watch everything
                        // again (a folder watched twice keeps its one watch).
                        for folder in folders { watchTree(root + "/" + folder) }
                    }
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[wd] {
                        watchTree(parent + "/" + name)
                    } else if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[wd], !DirectoryWalker.isIgnored(name) {
                        checkLinks(parent + "/" + name)
                    }
                    let path = watched[wd].map { $0 + "/" + name }
                    events.append((mask, name.isEmpty ? nil : path))
                }
                record(events)
            }
        }

        private func record(_ events: [(mask: UInt32, path: String?)]) {
            condition.lock()
            defer {
                condition.broadcast()
                condition.unlock()
            }
            let cookieFolder = root + "/Content/"
            for (mask, path) in events {
                if let path, path.hasPrefix(cookieFolder + Self.cookiePrefix), !path.dropFirst(cookieFolder.count).contains("/") {
                    if mask & UInt32(IN_CREATE) != 0 { cookies.insert(String(path.dropFirst(cookieFolder.count))) }
                    continue
                }
                count += 1
                pending = true
                lastEvent = Date()
                if mask & UInt32(IN_ISDIR | IN_Q_OVERFLOW | IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED) != 0 {
                    touched = nil
                } else if let path, path.hasPrefix(root + "/") {
                    touched?.insert(String(path.dropFirst(root.count + 1)))
                } else {
                    touched = nil
                }
            }
        }
    #endif
}
