import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One build at a time per knowledge base: an exclusive `flock` on `.vane-build.lock` in
/// its root, released when the process ends, however it ends.
public final class BuildLock {
    private let descriptor: Int32

    /// Takes the lock, calling `waiting` with the holder's pid (when known) if it must wait.
    public init(root: URL, waiting: (Int32?) -> Void) throws(BuildFailure) {
        let path = root.appendingPathComponent(".vane-build.lock").path
        // Never through a symbolic link (a clone can hold one): the file it names, anywhere,
        // was truncated and given the pid. The link goes, and the lock is a file of its own.
        var opened = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if opened < 0, errno == ELOOP, unlink(path) == 0 { opened = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644) }
        descriptor = opened
        guard descriptor >= 0 else { throw .lock(path: path, errno: errno) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting(BuildLock.holder(descriptor))
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, 31, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer.prefix(n), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
