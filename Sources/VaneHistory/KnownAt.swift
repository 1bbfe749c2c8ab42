import Foundation
import VaneContent
import VaneDiagnostics

/// A knowledge base as recorded at a date: the files of its last commit on or before the
/// end of that day (UTC), read from git objects into a folder of their own. The working
/// tree is never touched. Commits are those of the main line (`--first-parent`): a branch
/// merged later was not recorded on the main line until its merge.
public struct RecordedSnapshot: Sendable {
    /// A folder with that commit's `Content/` and `Site/`; removed by `remove()`.
    public let root: URL
    public let commit: Commit

    public enum Failure: VaneError {
        case notARepository(String)
        case noCommit(String)
        /// The repository has no commit yet.
        case nothingCommitted
        /// A shallow clone whose history starts after the date (its oldest commit's date).
        case shallow(String, oldest: String)
        /// The knowledge base's folder (in a repository's subfolder) is not in the commit.
        case noFolder(String, folder: String, commit: String)
        case git(String)

        public var description: String {
            switch self {
            case .notARepository(let root): "--known-at reads recorded time from git, and '\(root)' is not in a git repository"
            case .noCommit(let date): "nothing was recorded by the end of \(date): the first commit is later"
            case .nothingCommitted: "nothing is recorded yet: the repository has no commit (recorded time is read from commits)"
            case .shallow(let date, let oldest):
                "this clone is shallow: its history starts on \(oldest), after \(date), and what was recorded by then is not in it "
                    + "(run 'git fetch --unshallow' to read it)"
            case .noFolder(let date, let folder, let commit):
                "nothing was recorded by the end of \(date): the knowledge base's folder '\(folder)' is not in the last commit by then (\(commit))"
            case .git(let message): "git: \(message)"
            }
        }
    }

    /// The snapshot at the end of `date` (the last day of a coarser period).
    public static func at(_ date: FuzzyDate, root: URL) throws(Failure) -> RecordedSnapshot {
        // Git refusing the folder (dubious ownership) or missing is said as git says it: the
        // folder may well be a repository.
        let inside: String
        do throws(Git.Failure) {
            inside = try Git.text(["rev-parse", "--is-inside-work-tree"], in: root)
        } catch {
            if error.description.contains("not a git repository") { throw .notARepository(root.path) }
            throw .git(HistoryReader.oneLine(error.description))
        }
        guard inside == "true" else { throw .notARepository(root.path) }
        guard (try? Git.text(["rev-parse", "--verify", "--quiet", "HEAD"], in: root)) != nil else { throw .nothingCommitted }
        let mainLine: [Commit]
        do throws(Git.Failure) {
            mainLine = try Commit.mainLine(in: root)
        } catch {
            throw .git(error.description)
        }
        // The last commit by the end of the day, each counted as recorded time counts it.
        let end = HistoryReader.time(endOf: date)
        guard let commit = mainLine.first(where: { $0.time <= end }) else {
            // A shallow clone's first commit is only the first it holds.
            // The main line's first commit (a merged branch's may be older), on its UTC day as
            // every view counts it (the committer's own day read "starts on 2026-11-10, after
            // 2026-11-10" of an evening commit west of UTC).
            if (try? Git.text(["rev-parse", "--is-shallow-repository"], in: root)) == "true", let oldest = mainLine.last {
                throw .shallow(date.text, oldest: oldest.date)
            }
            throw .noCommit(date.text)
        }
        let (prefix, top): (String, URL)
        do throws(Git.Failure) {
            prefix = try Git.text(["rev-parse", "--show-prefix"], in: root)
            // From the top of the work tree: in a subfolder, git would read the path below it.
            top = URL(fileURLWithPath: try Git.text(["rev-parse", "--show-toplevel"], in: root))
        } catch {
            throw .git(error.description)
        }
        if !prefix.isEmpty, (try? Git.text(["cat-file", "-t", "\(commit.hash):\(prefix)"], in: top)) != "tree" {
            throw .noFolder(date.text, folder: prefix, commit: commit.short)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vane-known-at-\(commit.short)-\(UUID().uuidString)")
        do throws(Git.Failure) {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let tar = try Git.run(["archive", "--format=tar", "\(commit.hash):\(prefix)"], in: top)
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
