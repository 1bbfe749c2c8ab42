import Foundation
import VaneDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// Why the site could not be written or swapped in; the previous site is untouched.
public enum OutputError: VaneError {
    /// A path that would leave the output folder (a programmer error: paths come from ids).
    case unsafePath(String)
    /// A system call failed on a file or folder.
    case system(operation: String, path: String, errno: Int32)
    /// An output folder vane will not take over (see `OutputDirectory.refusal`).
    case refused(path: String, reason: String)
    /// Files of `Content/` copied where the site writes files of its own.
    case collides([Collision])

    /// A file of `Content/` at `output`, a path the site writes itself.
    public struct Collision: Sendable, Equatable {
        public var source: String
        public var output: String

        var message: String { "would replace the site's own \(output): move it or rename it" }

        /// Said at the file, as a problem of the content.
        public var diagnostic: Diagnostic { .error(.whole(source), message) }
    }

    /// The failed call's `errno`, now.
    static func failed(_ operation: String, _ path: String) -> OutputError {
        .system(operation: operation, path: path, errno: errno)
    }

    /// A Foundation file operation's error, with the call and path it was for.
    static func wrap(_ operation: String, _ path: String, _ body: () throws -> Void) throws(OutputError) {
        do {
            try body()
        } catch let error as CocoaError {
            let code = (error.userInfo[NSUnderlyingErrorKey] as? POSIXError)?.code.rawValue ?? EIO
            throw .system(operation: operation, path: path, errno: code)
        } catch {
            throw .system(operation: operation, path: path, errno: EIO)
        }
    }

    public var description: String {
        switch self {
        case .unsafePath(let path): "refusing to write '\(path)': the path would leave the output folder"
        case .system(let operation, let path, let code): "cannot \(operation) '\(path)': \(String(cString: strerror(code)))"
        case .refused(let path, let reason): "refusing to build into '\(path)': \(reason)"
        case .collides(let clashes):
            clashes.map { "\($0.source) \($0.message)" }.joined(separator: "\n")
        }
    }
}
