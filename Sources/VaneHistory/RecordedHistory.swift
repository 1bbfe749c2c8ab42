import Foundation
import VaneContent

/// A commit that touched `Content/`.
public struct Commit: Codable, Hashable, Sendable {
    public var hash: String
    public var short: String
    /// Seconds since 1970 (the committer's time: when it was recorded in the repository).
    public var time: Int64
    /// The commit's day in UTC, `YYYY-MM-DD`.
    public var date: String
    public var subject: String

    public init(hash: String, short: String, time: Int64, date: String, subject: String) {
        self.hash = hash
        self.short = short
        self.time = time
        self.date = date
        self.subject = subject
    }
}

extension Commit {
    /// `git log --format` for a commit: hash, short hash, committer time, subject, apart
    /// by unit separators (which a subject cannot hold).
    static let logFormat = "%H%x1f%h%x1f%ct%x1f%s"

    /// A line written with `logFormat`.
    init?(logLine: Substring) {
        let fields = logLine.split(separator: "\u{1F}", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 4, let time = Int64(fields[2]) else { return nil }
        self.init(hash: fields[0], short: fields[1], time: time, date: HistoryReader.day(time), subject: fields[3])
    }

    /// Commits of the main line, newest first, each counted from no earlier than the one
    /// before it: a commit dated before its parent (a back-dated record) was recorded once
    /// its parent was, so `--known-at` and the recorded changes give an entry one day.
    static func monotonic(_ newestFirst: [Commit]) -> [Commit] {
        guard newestFirst.count > 1 else { return newestFirst }
        var latest = Int64.min
        return newestFirst.reversed().map { commit in
            latest = max(latest, commit.time)
            guard latest != commit.time else { return commit }
            var counted = commit
            (counted.time, counted.date) = (latest, HistoryReader.day(latest))
            return counted
        }.reversed()
    }

    /// The main line from HEAD (`--first-parent`), newest first, as recorded time counts it
    /// (`monotonic`).
    static func mainLine(in root: URL) throws(Git.Failure) -> [Commit] {
        let log = try Git.text(["log", "--first-parent", "--format=" + Commit.logFormat, "HEAD"], in: root)
        return monotonic(log.split(separator: "\n").compactMap { Commit(logLine: $0) })
    }
}

/// What a commit did to an entry's file.
public enum Touch: String, Codable, Sendable {
    case added, changed, removed
}

/// A change of assessment as recorded: a status value, an announced end or a verdict
/// that a commit (or the working tree, `commit` nil) wrote differently than before.
public struct RecordedChange: Codable, Hashable, Sendable {
    public enum What: String, Codable, Sendable {
        case status, end, verdict
    }
    /// nil: not committed yet (recorded "now").
    public var commit: String?
    /// The event or claim whose file changed.
    public var entry: String
    public var what: What
    /// For a status or an end: the entity, the axis and the channel it is about.
    public var entity: String?
    public var axis: String?
    public var channel: String?
    public var before: String?
    public var after: String?
    /// For a product's value (availability, priority, advice): the day it moved at, its
    /// event's date as this commit had it (a move said "from" a day to come is said from
    /// that day, not the event's date now: an event redated later read as the opposite move).
    public var date: String?
}

/// Recorded time: what the knowledge base's git history says about when each entry and
/// each assessment was written.
public struct RecordedHistory: Codable, Sendable {
    /// Commits that touched `Content/` (or the folder under it recorded time is scoped to), newest first.
    public var commits: [Commit]
    /// Entry id → what each commit did to its file, newest first.
    public var touches: [String: [EntryTouch]]
    /// Assessment changes, oldest first, the uncommitted ones last.
    public var changes: [RecordedChange]
    /// Entries whose file differs from the last commit (recorded "now").
    public var uncommitted: [String]
    /// The HEAD this was computed at.
    public var head: String
    /// The folder it was read from (`recorded_time`), so that a stored one is read again when it changes.
    public var scope = "Content"
    /// Bump when what is computed changes, so a stored history is read again from git.
    public static let currentVersion = 22
    public var version = RecordedHistory.currentVersion
    /// The names (aliases and former ids) the entity keys were read with: a history read
    /// with other names is read again.
    public var names = ""

    static func fingerprint(of names: [String: String]) -> String {
        String(StableHash.of(names.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")))
    }

    public struct EntryTouch: Codable, Hashable, Sendable {
        public var commit: String
        public var touch: Touch
        /// The id the file had, when it was another (a file renamed with the entity's id).
        public var former: String?

        public init(commit: String, touch: Touch, former: String? = nil) {
            (self.commit, self.touch, self.former) = (commit, touch, former)
        }
    }

    /// Commits by hash, built once.
    private var byHash: [String: Commit] = [:]

    enum CodingKeys: String, CodingKey { case commits, touches, changes, uncommitted, head, version, scope, names }

    public init(commits: [Commit], touches: [String: [EntryTouch]], changes: [RecordedChange], uncommitted: [String], head: String) {
        self.commits = commits
        self.touches = touches
        self.changes = changes
        self.uncommitted = uncommitted
        self.head = head
        byHash = Dictionary(commits.map { ($0.hash, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            commits: try c.decode([Commit].self, forKey: .commits), touches: try c.decode([String: [EntryTouch]].self, forKey: .touches),
            changes: try c.decode([RecordedChange].self, forKey: .changes), uncommitted: try c.decode([String].self, forKey: .uncommitted),
            head: try c.decode(String.self, forKey: .head))
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 0
        scope = try c.decodeIfPresent(String.self, forKey: .scope) ?? "Content"
        names = try c.decodeIfPresent(String.self, forKey: .names) ?? ""
    }

    public static let empty = RecordedHistory(commits: [], touches: [:], changes: [], uncommitted: [], head: "")

    public func commit(_ hash: String?) -> Commit? { hash.flatMap { byHash[$0] } }

    /// The commit that first added the entry, and the last that changed it.
    public func recorded(_ id: String) -> (first: Commit?, last: Commit?) {
        let list = touches[id] ?? []
        let index = byHash
        let first = list.last(where: { $0.touch == .added }) ?? list.last
        return (first.flatMap { index[$0.commit] }, list.first.flatMap { index[$0.commit] })
    }

    /// Only what was recorded by the end of `day` (YYYY-MM-DD): for a knowledge base as
    /// known at a date. Uncommitted changes are left out.
    public func knownAt(_ day: String) -> RecordedHistory { committed(by: day, keepingUncommitted: false) }

    /// The commits made by the end of `day`, and with `keepingUncommitted` what is not
    /// committed yet (a site as of a past day still marks the files being edited).
    public func committed(by day: String, keepingUncommitted: Bool) -> RecordedHistory {
        let kept = commits.filter { $0.date <= day }
        let hashes = Set(kept.map(\.hash))
        return RecordedHistory(
            commits: kept, touches: touches.mapValues { $0.filter { hashes.contains($0.commit) } }.filter { !$0.value.isEmpty },
            changes: changes.filter { $0.commit.map(hashes.contains) ?? keepingUncommitted },
            uncommitted: keepingUncommitted ? uncommitted : [], head: kept.first?.hash ?? "")
    }
}
