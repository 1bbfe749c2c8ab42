import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to standard output and error with `write(2)`. `FileHandle.write(_:)` traps when
/// the write fails (a full disk, `/dev/full`, a reader gone with SIGPIPE ignored): the
/// process died with a backtrace and exit 132, after a build had committed.
public enum StandardStreams {
    /// Writes all of `bytes` to `descriptor`; the `errno` of the failure, or nil.
    @discardableResult
    public static func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// Standard error: what cannot be said there is lost (there is nowhere else to say it).
    public static func error(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(UnsafeRawBufferPointer($0), to: STDERR_FILENO) }
    }

    /// Standard output: a failure is said on standard error and ends the process (exit 74,
    /// an input/output error), as no answer can be given.
    public static func output(_ bytes: UnsafeRawBufferPointer) {
        guard let failed = write(bytes, to: STDOUT_FILENO) else { return }
        error("error: cannot write to standard output: \(String(cString: strerror(failed)))\n")
        exit(74)
    }

    public static func output(_ text: String) {
        var text = text
        text.withUTF8 { output(UnsafeRawBufferPointer($0)) }
    }
}
