import Foundation
import VaneContent
import VaneDiagnostics

/// Reads recorded time from git: one `git log` pass over `Content/`, one `cat-file` for
/// the versions of events and claims, one `status` for what is not committed yet.
public enum HistoryReader {
    public enum Outcome: Sendable {
        /// Not a git repository: no recorded time (said once under `--verbose`).
        case none
        /// git failed, or the clone is shallow: one warning, and no recorded time.
        case failed(String)
        /// Turned off in the settings (`recorded_time: false`).
        case off
        case history(RecordedHistory)
    }

    /// Recorded time for the knowledge base at `root`. `cached` is the last build's,
    /// reused when HEAD has not moved and the scope and names read the same (only the
    /// uncommitted part is read again). `names` (lowercased alias or former id → id) reads
    /// what an older version wrote as today's id: a product renamed from `azure-ad` keeps
    /// its history. `events`: the knowledge base's events as they are now, whose settings
    /// a change not committed yet is read against (the product's value, as a commit's is).
    /// `products`: each product's own successors, folds and channels as they are now, which
    /// dated advice moves from and a whole-product value sets (as in event time).
    public static func read(
        root: URL, config: SiteConfig, cached: RecordedHistory? = nil, names: [String: String] = [:], events: [Entry] = [],
        products: @autoclosure () -> RecordedProducts = RecordedProducts()
    ) -> Outcome {
        guard let scope = config.recordedTime else { return .off }
        // One call for all four (a call is a process, and the preview reads at every load):
        // whether the root is in a work tree, whether its history is whole, where the root is
        // in it, and HEAD, which a repository has from its first commit on (git exits 1
        // without it, having said the rest).
        let state: [String]
        do throws(Git.Failure) {
            state = try Git.text(
                ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-prefix", "--verify", "-q", "HEAD"], in: root,
                trimming: false, accepting: [0, 1]
            ).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } catch {
            // Outside a repository there is nothing to read; git missing or failing is a warning.
            return error.description.contains("not a git repository") ? .none : .failed("git: \(HistoryReader.oneLine(error.description))")
        }
        func answer(_ i: Int) -> String { i < state.count ? state[i] : "" }
        let (inWorkTree, shallow, prefix, head) = (answer(0) == "true", answer(1) == "true", answer(2), answer(3))
        guard inWorkTree else { return .none }
        do throws(Git.Failure) {
            if shallow {
                return .failed("a shallow clone: its history is cut, so recorded time would be wrong (fetch it whole with git fetch --unshallow)")
            }
            let dirty = try uncommittedFiles(root, scope: scope, prefix: prefix)
            // Read only inside a repository: outside one, nothing is.
            let products = products()
            guard !head.isEmpty else {
                // A repository with no commit yet: everything is recorded "now", with what
                // its changes do (compared with nothing committed, as after a first commit).
                var history = RecordedHistory.empty
                history.uncommitted = dirty.map(\.id).uniqued().sorted()
                history.changes = try uncommittedChanges(
                    root: root, files: dirty, config: config, names: names, events: events, scope: scope, products: products, head: false)
                return .history(history)
            }
            var history: RecordedHistory
            // A history read with other names, other successors to move from or other
            // channels is read again.
            var keyed = names
            for (id, list) in products.own { keyed["\u{1}successors \(id)"] = list.joined(separator: " ") }
            for (id, list) in products.folds { keyed["\u{1}folds \(id)"] = list.joined(separator: " ") }
            for (id, list) in products.channels { keyed["\u{1}channels \(id)"] = list.joined(separator: " ") }
            let namesKey = RecordedHistory.fingerprint(of: keyed)
            if let cached, cached.head == head, cached.scope == scope, cached.names == namesKey {
                history = cached
                history.changes.removeAll { $0.commit == nil }
            } else {
                history = try committed(root: root, scope: scope, head: head, config: config, names: names, products: products)
                history.scope = scope
                history.names = namesKey
            }
            history.uncommitted = dirty.map { names[$0.id] ?? $0.id }.uniqued().sorted()
            history.changes += try uncommittedChanges(
                root: root, files: dirty, config: config, names: names, events: events, scope: scope, products: products)
            return .history(history)
        } catch {
            return .failed("git: \(HistoryReader.oneLine(error.description))")
        }
    }

    /// git's message on one line, its lines trimmed and joined: the command its advice gives
    /// was printed between a literal `\n\n\t` and the rest of the warning.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The commit HEAD names in the repository holding `root`; nil outside one, or with no
    /// commit yet.
    public static func head(root: URL) -> String? {
        guard let head = try? Git.text(["rev-parse", "--verify", "-q", "HEAD"], in: root), !head.isEmpty else { return nil }
        return head
    }

    /// The top of the git work tree holding `folder`; nil outside one (or without git).
    public static func workTreeTop(of folder: URL) -> URL? {
        guard let top = try? Git.text(["rev-parse", "--show-toplevel"], in: folder), !top.isEmpty else { return nil }
        return URL(fileURLWithPath: top, isDirectory: true)
    }

    // MARK: - Commits

    /// The commits of the main line that touched `scope` (`Content`, or a folder under it):
    /// a branch's commits count from its merge, which carries what they changed (as merged).
    private static func committed(
        root: URL, scope: String, head: String, config: SiteConfig, names: [String: String], products: RecordedProducts
    ) throws(Git.Failure)
        -> RecordedHistory
    {
        let log = try Git.run(
            // Paths as they are (git quotes one with a non-ASCII letter, `"Content/events/\303\274ber/x.md"`).
            [
                "-c", "core.quotepath=false", "log", "--first-parent", "--no-renames", "--relative", "--name-status",
                "--format=%x1e" + Commit.logFormat, "HEAD", "--", scope,
            ],
            in: root)
        var commits: [Commit] = []
        var paths: [String: [(commit: String, touch: Touch, path: String)]] = [:]
        for record in String(decoding: log, as: UTF8.self).split(separator: "\u{1E}") {
            let lines = record.split(separator: "\n", omittingEmptySubsequences: true)
            guard let header = lines.first, let commit = Commit(logLine: header) else { continue }
            commits.append(commit)
            var touched: [(id: String, file: String, touch: Touch, path: String)] = []
            for line in lines.dropFirst() {
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                guard parts.count == 2, let (_, id) = entry(at: parts[1]) else { continue }
                let touch: Touch = parts[0].hasPrefix("A") ? .added : parts[0].hasPrefix("D") ? .removed : .changed
                touched.append((names[id] ?? id, id, touch, parts[1]))
            }
            for one in movesJoined(touched) { paths[one.id, default: []].append((commit.hash, one.touch, one.path)) }
        }
        // Each counted from no earlier than the commits before it on the main line.
        let counted = Dictionary(try Commit.mainLine(in: root).map { ($0.hash, $0) }, uniquingKeysWith: { a, _ in a })
        commits = commits.map { commit in
            counted[commit.hash].map { Commit(hash: commit.hash, short: commit.short, time: $0.time, date: $0.date, subject: commit.subject) }
                ?? commit
        }
        let touches = paths.map { id, list in
            (
                id,
                list.map { one in
                    RecordedHistory.EntryTouch(commit: one.commit, touch: one.touch, former: entry(at: one.path).flatMap { $0.1 == id ? nil : $0.1 })
                }
            )
        }.reduce(into: [String: [RecordedHistory.EntryTouch]]()) { $0[$1.0] = $1.1 }
        let changes = try assessmentChanges(
            root: root, paths: paths, config: config, order: commits.map(\.hash), names: names, products: products)
        return RecordedHistory(commits: commits, touches: touches, changes: changes, uncommitted: [], head: head)
    }

    /// A file moved to another folder keeps its id: git (without rename detection) says it
    /// was removed and added, which is one version of the entry, changed where it now is
    /// (not a new id, and not its assessments dropped and made again). A file renamed to
    /// another id stays two touches: the entity given a new id (`renamed`).
    static func movesJoined(_ touched: [(id: String, file: String, touch: Touch, path: String)]) -> [(id: String, touch: Touch, path: String)] {
        // Grouped by id and file name at once: a first commit can add every file.
        var groups: [String: [Int]] = [:]
        for (i, one) in touched.enumerated() { groups[one.id + "\u{0}" + one.file, default: []].append(i) }
        var result: [(id: String, touch: Touch, path: String)] = []
        for (i, one) in touched.enumerated() {
            let same = groups[one.id + "\u{0}" + one.file] ?? [i]
            guard same.count > 1 else {
                result.append((one.id, one.touch, one.path))
                continue
            }
            guard same[0] == i else { continue }
            let kept = same.map { touched[$0] }.first { $0.touch != .removed }
            result.append(kept.map { ($0.id, Touch.changed, $0.path) } ?? (one.id, .removed, one.path))
        }
        return result
    }

    /// The assessments written by each version of each event and claim, compared with the
    /// version before: a change for every value that differs.
    private static func assessmentChanges(
        root: URL, paths: [String: [(commit: String, touch: Touch, path: String)]], config: SiteConfig, order: [String],
        names: [String: String], products: RecordedProducts
    ) throws(Git.Failure) -> [RecordedChange] {
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var requests: [String] = []
        var plan: [(id: String, commit: String, kind: Kind, request: Int?)] = []
        for (id, list) in paths {
            for touch in list.sorted(by: { rank[$0.commit] ?? 0 > rank[$1.commit] ?? 0 }) {
                guard let (kind, _) = entry(at: touch.path), kind == .event || kind == .claim else { continue }
                if touch.touch == .removed {
                    plan.append((id, touch.commit, kind, nil))
                } else {
                    plan.append((id, touch.commit, kind, requests.count))
                    requests.append("\(touch.commit):./\(touch.path)")
                }
            }
        }
        let blobs = try Git.blobs(requests, in: root)
        let parser = EntryParser(config: config)
        // Front matter only, on all cores.
        let read = ResultSlots<Assessments?>(count: plan.count)
        let steps = plan
        DispatchQueue.concurrentPerform(iterations: steps.count) { i in
            let step = steps[i]
            // `.some` even for a removed file: every slot is filled, so indexes stay aligned.
            read[i] = .some(
                step.request.flatMap { blobs[$0] }.flatMap { assessments(of: $0, kind: step.kind, id: step.id, parser: parser, names: names) })
        }
        let versions = read.values
        // A version that does not parse (a quote left open, fixed in the next commit) says
        // nothing: passed over, not read as every setting of the file withdrawn.
        let unreadable = plan.indices.map { plan[$0].request != nil && (versions[$0] ?? nil) == nil }
        // Replayed commit by commit, oldest first, so each change sees what was recorded before
        // it; within a commit by the entry's date, then id, as the status model applies them
        // (never in the order a dictionary gave: two builds would tell one commit two ways).
        func date(_ i: Int) -> String { (versions[i] ?? nil)?.date?.start ?? "" }
        let order = plan.indices.sorted { a, b in
            let (x, y) = (rank[plan[a].commit] ?? 0, rank[plan[b].commit] ?? 0)
            if x != y { return x > y }
            return (date(a), plan[a].id, a) < (date(b), plan[b].id, b)
        }
        var state = RecordedStatus(scales: StatusScales(config), products: products)
        var changes: [RecordedChange] = []
        // A commit at once: what a product had before it against what it has after it (an
        // event renamed to another id is its settings removed and written again, no move).
        var start = 0
        while start < order.count {
            let commit = plan[order[start]].commit
            var end = start
            while end < order.count, plan[order[end]].commit == commit { end += 1 }
            changes += state.changes(order[start..<end].filter { !unreadable[$0] }.map { (plan[$0].id, versions[$0] ?? nil) }, commit: commit)
            start = end
        }
        // Oldest first: the order the commits were made in, then by entry.
        return changes.enumerated().sorted { a, b in
            let (x, y) = (rank[a.element.commit ?? ""] ?? -1, rank[b.element.commit ?? ""] ?? -1)
            return x != y ? x > y : (a.element.entry, a.offset) < (b.element.entry, b.offset)
        }.map(\.element)
    }

    // MARK: - Not committed yet

    /// Which of `paths` (relative to `root`, such as `Content/events/x.md`) differ from
    /// what is committed, as `read` counts them; nil when git cannot say.
    public static func uncommitted(_ paths: [String], root: URL) -> Set<String>? {
        guard !paths.isEmpty else { return [] }
        do throws(Git.Failure) {
            let prefix = try Git.text(["rev-parse", "--show-prefix"], in: root, trimming: false).trimmingCharacters(in: .newlines)
            return Set(try differing(root, pathspecs: paths, prefix: prefix))
        } catch {
            return nil
        }
    }

    /// The entry files that differ from HEAD (changed, added, deleted, untracked).
    private static func uncommittedFiles(_ root: URL, scope: String, prefix: String) throws(Git.Failure) -> [(id: String, kind: Kind, path: String)] {
        try differing(root, pathspecs: [scope], prefix: prefix).compactMap { path in entry(at: path).map { (kind, id) in (id, kind, path) } }
    }

    /// The files under `pathspecs` that differ from HEAD, from one `git status`, relative to
    /// the root: git gives them from the repository's top, `prefix` is the root's.
    private static func differing(_ root: URL, pathspecs: [String], prefix: String) throws(Git.Failure) -> [String] {
        let status = try Git.run(["status", "--porcelain=v1", "-z", "--no-renames", "--untracked-files=all", "--"] + pathspecs, in: root)
        return String(decoding: status, as: UTF8.self).split(separator: "\0").compactMap { item in
            // `XY path`
            guard item.count > 3, item.dropFirst(3).hasPrefix(prefix) else { return nil }
            return String(item.dropFirst(3 + prefix.count))
        }
    }

    private static func uncommittedChanges(
        root: URL, files: [(id: String, kind: Kind, path: String)], config: SiteConfig, names: [String: String], events: [Entry],
        scope: String, products: RecordedProducts, head: Bool = true
    ) throws(Git.Failure)
        -> [RecordedChange]
    {
        let found = files.filter { $0.kind == .event || $0.kind == .claim }
        guard !found.isEmpty else { return [] }
        let heads = head ? try Git.blobs(found.map { "HEAD:./\($0.path)" }, in: root) : [Data?](repeating: nil, count: found.count)
        let parser = EntryParser(config: config)
        // A file moved to another folder is listed twice (gone, and new): one entry, its
        // committed version wherever it was, its version now wherever it is.
        var byID: [String: [Int]] = [:]
        for (i, file) in found.enumerated() { byID[file.id, default: []].append(i) }
        var committed: [(entry: String, new: Assessments?)] = []
        var now: [(entry: String, new: Assessments?)] = []
        var done: Set<String> = []
        for file in found where done.insert(file.id).inserted {
            let paths = byID[file.id] ?? []
            let head = paths.lazy.compactMap { heads[$0] }.first
            let current = paths.lazy.compactMap { FileManager.default.contents(atPath: root.appendingPathComponent(found[$0].path).path) }.first
            committed.append((file.id, head.flatMap { assessments(of: $0, kind: file.kind, id: file.id, parser: parser, names: names) }))
            now.append((file.id, current.flatMap { assessments(of: $0, kind: file.kind, id: file.id, parser: parser, names: names) }))
        }
        // What is committed, as it stands: the other events that set something on the same
        // products (as they are now, which is as committed), then these files' last commits.
        let touched = Set((committed + now).flatMap { ($0.new?.values.keys).map { $0.map(\.entity) } ?? [] })
        // Only what recorded time reads: the events under its folder (looked at only when a
        // file differs from HEAD, not at every load of the preview).
        let folder = scope + "/"
        let others = events.filter { event in
            event.path.hasPrefix(folder) && !done.contains(event.id)
                && event.status.contains { touched.contains(names[$0.entity.text.lowercased()] ?? $0.entity.text) }
        }
        .map { (entry: $0.id, new: Optional(assessments(of: $0, names: names))) }
        var state = RecordedStatus(scales: StatusScales(config), products: products)
        _ = state.changes(others, commit: nil)
        _ = state.changes(committed, commit: nil)
        // As one commit of them reads: by the entry's date, then id, as `committed` orders a
        // commit's files; not in the order git lists them (a changed file before a new one,
        // which read a value from before the new event).
        let ordered = now.sorted { ($0.new?.date?.start ?? "", $0.entry) < ($1.new?.date?.start ?? "", $1.entry) }
        return state.changes(ordered, commit: nil)
    }

    // MARK: - Assessments

    /// An event's status settings with its date, or a claim's verdict (with its date); nil
    /// when the version does not parse.
    static func assessments(of data: Data, kind: Kind, id: String, parser: EntryParser, names: [String: String] = [:]) -> Assessments? {
        guard let entry = parser.parse(data, kind: kind, id: id, path: "", body: false).0 else { return nil }
        return assessments(of: entry, names: names)
    }

    /// The same, of an entry already read.
    static func assessments(of entry: Entry, names: [String: String] = [:]) -> Assessments {
        if entry.kind == .claim {
            return Assessments(values: [
                .init(what: .verdict): entry.currentVerdict.rawValue + (entry.verdictDate.map { " (\($0.text))" } ?? "")
            ])
        }
        var result = Assessments(date: entry.date)
        for setting in entry.status {
            let key = Assessments.Key(
                what: setting.axis == .ends ? .end : .status, entity: names[setting.entity.text.lowercased()] ?? setting.entity.text,
                axis: setting.axis.rawValue, channel: setting.channel)
            result.values[key] = setting.value
        }
        return result
    }

    // MARK: - Paths and days

    /// The kind and id of an entry file under `Content/`.
    static func entry(at path: String) -> (Kind, String)? {
        let parts = path.split(separator: "/")
        guard parts.count >= 3, parts[0] == "Content", let kind = Kind(folder: String(parts[1])), parts.last!.hasSuffix(".md") else { return nil }
        return (kind, String(parts.last!.dropLast(3)))
    }

    /// The last second (UTC) of `date`'s period, in seconds since 1970.
    static func time(endOf date: FuzzyDate) -> Int64 { Int64(date.endDay + 1) * 86_400 - 1 }

    static func day(_ time: Int64) -> String {
        let days = Int(floor(Double(time) / 86_400))
        // Civil date from a day number (Howard Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
