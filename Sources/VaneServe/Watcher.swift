import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for a change under a knowledge base's folders: with inotify on Linux (a folder
/// created later is watched as it appears), by looking every 400 ms elsewhere. A burst
/// of events (an editor's save, a `git checkout`) is one wake-up. Made on one thread and
/// then waited on by one other, never by two at once.
final class Watcher: @unchecked Sendable {
    private let fd: Int32
    private var watched: [Int32: String] = [:]

    init(folders: [URL]) {
        #if canImport(Glibc)
            fd = inotify_init1(Int32(IN_CLOEXEC))
            for folder in folders { watchTree(folder.path) }
        #else
            fd = -1
        #endif
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Returns once something may have changed.
    func wait() {
        #if canImport(Glibc)
            if fd >= 0 {
                drain(block: true)
                // The rest of the burst: whatever follows within 30 ms.
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                while poll(&ready, 1, 30) > 0 { drain(block: false) }
                return
            }
        #endif
        Thread.sleep(forTimeInterval: 0.4)
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
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, let parent = watched[wd] {
                    let name = String(decoding: buffer[start..<start + length].prefix { $0 != 0 }, as: UTF8.self)
                    watchTree(parent + "/" + name)
                }
                offset = start + length
            }
        }
    #endif
}
