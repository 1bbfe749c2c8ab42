import Foundation

/// A knowledge base in a git repository of its own, with commits at fixed dates.
public final class GitKnowledgeBase: @unchecked Sendable {
    public let kb: TemporaryKnowledgeBase
    public let git: URL

    public init(copying folders: [URL]) throws {
        kb = try TemporaryKnowledgeBase(copying: folders)
        git = executable(named: "git") ?? URL(fileURLWithPath: "/usr/bin/git")
        try self.git("init", "-q", "-b", "main")
        try self.git("config", "user.email", "analyst@example.org")
        try self.git("config", "user.name", "Analyst")
    }

    public var root: URL { kb.root }

    /// `git ARGS` in the knowledge base, at `date` (noon UTC) when given.
    @discardableResult
    public func git(_ arguments: String..., at date: String? = nil) throws -> CommandResult {
        var environment = ProcessInfo.processInfo.environment
        if let date {
            environment["GIT_AUTHOR_DATE"] = "\(date)T12:00:00Z"
            environment["GIT_COMMITTER_DATE"] = "\(date)T12:00:00Z"
        }
        let result = try run(git, arguments, in: kb.root, environment: environment)
        guard result.status == 0 else { throw GitFailure(message: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result
    }

    /// Stages everything and commits it on `date`.
    public func commit(_ message: String, on date: String) throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message, at: date)
    }

    public struct GitFailure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
