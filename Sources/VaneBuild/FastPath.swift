import Foundation
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneSite

/// The no-change build: when no file under `Content/` or `Site/` differs in size or
/// modification time from the last successful build, and nothing else that a build reads
/// has changed, there is nothing to do (as with `make`, an edit that keeps a file's size
/// and modification time is not noticed).
enum FastPath {
    /// Everything a build reads besides `Content/`: vane's own versions and default theme, the `Site/`
    /// files, the day (the uses are checked at it, `--as-of` or not), the as-of date, the
    /// output folder and `--strict`.
    static func inputs(_ options: Pipeline.Options, siteFiles: [DirectoryWalker.Found]) -> String {
        var h = StableHash()
        h.add("parser \(ContentLoader.parserVersion) renderer \(SiteBuilder.rendererVersion) theme \(Theme.defaultFingerprint)")
        h.add("today \(options.today.text)")
        h.add(options.asOf.map { "as-of \($0.text)" } ?? "")
        h.add(options.output.standardizedFileURL.path)
        h.add(options.strict ? "strict" : "")
        h.add(options.publishDatabase ? "publish-db" : "")
        h.add(options.knownAt?.text ?? "")
        // A commit changes recorded time without changing a file under Content/.
        h.add(GitHead.signature(above: options.historyRoot ?? options.root))
        for file in siteFiles {
            h.add("\(file.relative) \(file.size) \(file.modified)")
        }
        return String(h.value, radix: 16)
    }

    /// `Content/` as it is now, digested in one walk that names the files modified since
    /// the last build started, or later than the newest file it read; nil when the last
    /// build cannot be compared with it at all (or the walk meets what a digest does not
    /// describe, such as a symbolic link). The second bound is in the file system's own
    /// time: it holds when this process's clock is not the file system's (a clock moved by
    /// `faketime`, a folder on another machine).
    static func walk(_ options: Pipeline.Options, previous: DatabaseParseCache, inputs: String) -> TreeDigest.Walk? {
        guard comparable(options, previous: previous, inputs: inputs), let started = previous.state["started"].flatMap(Int64.init) else { return nil }
        let afterNewest = previous.state["content-newest"].flatMap(Int64.init).map { $0 + 1 } ?? started
        return TreeDigest.walk(options.root.appendingPathComponent("Content").path, since: min(started, afterNewest))
    }

    /// `Content/` as the walk found it, with no second walk: the last build's files with
    /// those the walk names as modified since, when together they make the walk's digest;
    /// nil when they do not (a file removed, or changed with an older time) or the walk
    /// could not name them.
    static func listing(_ options: Pipeline.Options, walk: TreeDigest.Walk?) -> ContentScan? {
        guard let walk, let recent = walk.recent else { return nil }
        let prefix = "Content/"
        var files: [String: (size: Int, modified: Int64)] = [:]
        for (path, stamp) in DatabaseParseCache.manifest(at: options.database) {
            guard path.hasPrefix(prefix) else { return nil }
            files[String(path.dropFirst(prefix.count))] = stamp
        }
        for file in recent { files[file.relative] = (file.size, file.modified) }
        let listing = files.map { DirectoryWalker.Found(relative: $0.key, size: $0.value.size, modified: $0.value.modified, escapes: false) }
        guard TreeDigest(files: listing.lazy.map { (relative: $0.relative, size: $0.size, modified: $0.modified) }) == walk.digest else { return nil }
        return ContentScanner.scan(listing: listing, root: options.root)
    }

    /// Whether nothing changed since the last build. The digest of `Content/` answers at
    /// once; when it cannot (a symbolic link), each file is compared with the last build's
    /// list. An output a file was added to or removed from since is built again.
    static func unchanged(_ options: Pipeline.Options, previous: DatabaseParseCache, inputs: String, walk: TreeDigest.Walk?) -> Bool {
        guard comparable(options, previous: previous, inputs: inputs), let started = previous.state["started"].flatMap(Int64.init),
            OutputStamp.holds(previous.state["output-stamp"], options.output)
        else {
            return false
        }
        if let walk {
            // A file modified once the last build had started may have changed within its
            // clock tick: it is read again (git's "racy clean" rule).
            return walk.digest.description == previous.state["content-digest"] && walk.newest < started
        }
        let manifest = DatabaseParseCache.manifest(at: options.database)
        // With the problems a walk finds (a link to nothing, a pipe): each is said by a build.
        guard let files = DirectoryWalker.files(under: options.root.appendingPathComponent("Content").path, sorted: false, problems: true),
            files.count == manifest.count
        else { return false }
        return files.allSatisfy { file in
            guard let known = manifest["Content/" + file.relative] else { return false }
            return known.size == file.size && known.modified == file.modified && file.modified < started && !file.escapes && file.problem == nil
        }
    }

    /// Whether the last build was of the same inputs outside `Content/`, into an output
    /// that is still there.
    private static func comparable(_ options: Pipeline.Options, previous: DatabaseParseCache, inputs: String) -> Bool {
        previous.isCurrentSchema && previous.state["inputs"] == inputs && FileManager.default.fileExists(atPath: options.output.path)
    }

    static func encode(_ diagnostics: [Diagnostic]) -> String {
        CanonicalJSON.text(diagnostics, fallback: "[]")
    }

    static func decodeReads(_ text: String?) -> [String: Set<String>] {
        ((try? CanonicalJSON.decode([String: [String]].self, from: text ?? "{}")) ?? [:]).mapValues(Set.init)
    }

    static func decode(_ text: String?) -> [Diagnostic] {
        (try? JSONDecoder().decode([Diagnostic].self, from: Data((text ?? "[]").utf8))) ?? []
    }
}

/// Where a repository's HEAD points, from its files alone (no git process): enough to see
/// that a commit was made since the last build; and when its ignore rules were last
/// changed (a file of `Content/` ignored since was still "not committed yet").
enum GitHead {
    static func signature(above root: URL) -> String {
        var folder = root.standardizedFileURL
        for _ in 0..<64 {
            let git = folder.appendingPathComponent(".git")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: git.path, isDirectory: &isFolder) {
                guard isFolder.boolValue else { return read(git) }
                let head = read(git.appendingPathComponent("HEAD"))
                var parts = [head]
                if head.hasPrefix("ref: ") {
                    let ref = String(head.dropFirst(5)).trimmingCharacters(in: .whitespacesAndNewlines)
                    parts.append(read(git.appendingPathComponent(ref)))
                    parts.append(modified(git.appendingPathComponent("packed-refs")))
                }
                // The rules `git status` reads: the repository's own, the knowledge base's
                // (at its root and in `Content/`, a hidden file no walk reads) and its exclude file.
                let rules = [folder, root, root.appendingPathComponent("Content")].map { $0.appendingPathComponent(".gitignore") }
                parts += Set(rules + [git.appendingPathComponent("info/exclude")]).sorted { $0.path < $1.path }.map(modified)
                return parts.joined(separator: " ")
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return ""
    }

    private static func read(_ url: URL) -> String {
        (FileManager.default.contents(atPath: url.path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    private static func modified(_ url: URL) -> String {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date).map { String($0.timeIntervalSince1970) } ?? ""
    }
}
