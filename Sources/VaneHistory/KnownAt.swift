import Foundation
import VaneContent
import VaneDiagnostics

/// A knowledge base as recorded at a date: the files of its last commit on or before the
/// end of that day (UTC), read from git objects into a folder of their own. The working
/// tree is never touched.
public struct RecordedSnapshot: Sendable {
    /// A folder with that commit's `Content/` and `Site/`; removed by `remove()`.
    public let root: URL
    public let commit: Commit

    public enum Failure: VaneError {
        case notARepository(String)
        case noCommit(String)
        case git(String)

        public var description: String {
            switch self {
            case .notARepository(let root): "--known-at reads recorded time from git, and '\(root)' is not in a git repository"
            case .noCommit(let date): "nothing was recorded by the end of \(date): the first commit is later"
            case .git(let message): "git: \(message)"
            }
        }
    }

    /// The snapshot at the end of `date` (the last day of a coarser period).
    public static func at(_ date: FuzzyDate, root: URL) throws(Failure) -> RecordedSnapshot {
        guard (try? Git.text(["rev-parse", "--is-inside-work-tree"], in: root)) == "true" else { throw .notARepository(root.path) }
        let line: String
        do throws(Git.Failure) {
            line = try Git.text(["log", "-1", "--format=" + Commit.logFormat, "--before=\(date.end)T23:59:59Z", "HEAD"], in: root)
        } catch {
            throw .git(error.description)
        }
        guard let commit = Commit(logLine: Substring(line)) else { throw .noCommit(date.text) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vane-known-at-\(commit.short)-\(UUID().uuidString)")
        do throws(Git.Failure) {
            let prefix = try Git.text(["rev-parse", "--show-prefix"], in: root)
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let tar = try Git.run(["archive", "--format=tar", "\(commit.hash):\(prefix)"], in: root)
            try extract(tar, into: folder)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw .git(error.description)
        }
        return RecordedSnapshot(root: folder, commit: commit)
    }

    public func remove() { try? FileManager.default.removeItem(at: root) }

    private static func extract(_ tar: Data, into folder: URL) throws(Git.Failure) {
        _ = try Command.run(["tar", "-x", "-C", folder.path], input: tar)
    }
}
