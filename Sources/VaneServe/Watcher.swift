import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for a change under a knowledge base's folders: with inotify on Linux (a folder
/// created later is watched as it appears), by looking every 400 ms elsewhere. A burst
/// of events (an editor's save, a `git checkout`) is one wake-up, which names the files
/// it touched when the kernel said which. Made on one thread and
/// then waited on by one other, never by two at once.
final class Watcher: @unchecked Sendable {
    private let fd: Int32
    private var watched: [Int32: String] = [:]
    /// The folder paths are named relative to (the knowledge base's root).
    private let root: String
    /// The files touched since the last wake-up, relative to `root`; nil once something
    /// happened that names no file (a folder moved, the kernel's queue overflowed).
    private var touched: Set<String>? = []

    init(root: URL, folders: [String]) {
        self.root = root.path
        #if canImport(Glibc)
            fd = inotify_init1(Int32(IN_CLOEXEC))
            for folder in folders { watchTree(root.appendingPathComponent(folder).path) }
        #else
            fd = -1
        #endif
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Returns once something may have changed, with the paths of the files touched
    /// (`Content/events/x.md`), or nil when it cannot say which.
    func wait() -> Set<String>? {
        #if canImport(Glibc)
            if fd >= 0 {
                drain(block: true)
                // The rest of the burst: whatever follows within 10 ms (an editor's save is one
                // burst well within that; a burst split in two is loaded twice, correctly).
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                while poll(&ready, 1, 10) > 0 { drain(block: false) }
                defer { touched = [] }
                return touched
            }
        #endif
        Thread.sleep(forTimeInterval: 0.4)
        return nil
    }

    #if canImport(Glibc)
        private static let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF)

        private func watchTree(_ path: String) {
            guard fd >= 0 else { return }
            let wd = inotify_add_watch(fd, path, Self.mask)
            if wd >= 0 { watched[wd] = path }
            let items = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            for name in items {
                var folder: ObjCBool = false
                let child = path + "/" + name
                if FileManager.default.fileExists(atPath: child, isDirectory: &folder), folder.boolValue { watchTree(child) }
            }
        }

        /// Reads the pending events; a folder created under a watched one is watched too.
        private func drain(block: Bool) {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            if !block {
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, 0) > 0 else { return }
            }
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { return }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= n {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let start = offset + MemoryLayout<inotify_event>.size
                let name = String(decoding: buffer[start..<start + length].prefix { $0 != 0 }, as: UTF8.self)
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[wd] {
                    watchTree(parent + "/" + name)
                }
                if mask & UInt32(IN_ISDIR | IN_Q_OVERFLOW | IN_DELETE_SELF | IN_IGNORED) != 0 || name.isEmpty {
                    touched = nil
                } else if let parent = watched[wd], parent.hasPrefix(root + "/") {
                    touched?.insert(String((parent + "/" + name).dropFirst(root.count + 1)))
                } else {
                    touched = nil
                }
                offset = start + length
            }
        }
    #endif
}
