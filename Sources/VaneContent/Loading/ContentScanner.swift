import Foundation
import VaneDiagnostics

/// A file found under `Content/`.
public struct ContentFile: Sendable, Hashable {
    /// Root-relative path, e.g. `Content/events/2026/launch.md`.
    public var path: String
    /// Where the file is on disk. A path, not a `URL`: making twenty thousand URLs was a
    /// third of the scan, and few files are ever read.
    public var location: String
    public var url: URL { URL(fileURLWithPath: location) }
    /// Set for Markdown entries in a kind folder.
    public var kind: Kind?
    public var id: String?
    public var size: Int = 0
    /// Modification time, nanoseconds since 1970.
    public var modified: Int64 = 0

    public init(path: String, location: String, size: Int = 0, modified: Int64 = 0) {
        self.path = path
        self.location = location
        self.size = size
        self.modified = modified
    }

    /// Path relative to `Content/`, used for copies in the output.
    public var contentRelativePath: String { String(path.dropFirst("Content/".count)) }
}

/// What a walk of `Content/` found: Markdown entries, assets to copy, and the files it
/// refused, each by path.
public struct ContentScan: Sendable, Equatable {
    public var entries: [ContentFile] = []
    public var assets: [ContentFile] = []
    public var diagnostics: [Diagnostic] = []
    /// Entries under a name that is no id (`Google Wave.md`), with the id they would have:
    /// not in the knowledge base, but checked all the same, so that renaming one reveals
    /// nothing new.
    public var misnamed: [ContentFile] = []
}

/// Walks `Content/`: Markdown files become entries (kind from the top folder, id from
/// the file name); other files are assets to copy. Hidden files are ignored.
public enum ContentScanner {
    public static func scan(root: URL) -> ContentScan {
        let content = root.appendingPathComponent("Content")
        // A file named Content is no folder of entries (it was read as an empty one, and the
        // build replaced the site and the database with empty ones).
        var info = stat()
        if stat(content.path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR {
            // Said as what it is: a pipe was "a file".
            let what = (info.st_mode & S_IFMT) == S_IFREG ? "a file" : "a pipe, a device or a socket"
            return ContentScan(diagnostics: [
                .error(
                    .whole("Content"), "is \(what), not a folder: the entries go in a folder Content/ (run vane in a knowledge base, or pass --root)")
            ])
        }
        guard let walked = DirectoryWalker.files(under: content.path, problems: true) else {
            return ContentScan(diagnostics: [.error(.whole("Content"), "no Content/ folder here (run vane in a knowledge base, or pass --root)")])
        }
        var scan = ContentScan()
        for found in walked { scan.add(found, contentPath: content.path + "/") }
        return scan
    }

    /// What a walk of `Content/` would find, from a listing of it already known to be
    /// whole and current (`found`, in any order, no symbolic link among them): sorted into
    /// entries, assets and problems as `scan` sorts them, and in its order.
    public static func scan(listing found: [DirectoryWalker.Found], root: URL) -> ContentScan {
        let contentPath = root.appendingPathComponent("Content").path + "/"
        var scan = ContentScan()
        for file in found.sorted(by: { $0.relative < $1.relative }) { scan.add(file, contentPath: contentPath) }
        return scan
    }

    /// `previous` after the files at `touched` (root-relative paths under `Content/`, as a
    /// watcher names them) changed, without walking: each is looked at where it is. Nil
    /// when one is neither a regular file with one name nor gone (a symbolic link, a
    /// folder): only a walk sorts those out.
    public static func rescan(_ previous: ContentScan, touched: Set<String>, root: URL) -> ContentScan? {
        let contentPath = root.appendingPathComponent("Content").path + "/"
        var scan = previous
        for path in touched.sorted() {
            guard path.hasPrefix("Content/") else { return nil }
            let relative = String(path.dropFirst("Content/".count))
            // The walk skips hidden names, files and folders alike.
            if relative.split(separator: "/").contains(where: DirectoryWalker.isIgnored) { continue }
            scan.remove(path)
            // `fstatat`, as the walk reads times (a clock faked for tests fakes `lstat` alone).
            var info = stat()
            if fstatat(AT_FDCWD, contentPath + relative, &info, AT_SYMLINK_NOFOLLOW) != 0 {
                guard errno == ENOENT || errno == ENOTDIR else { return nil }
                continue
            }
            guard info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else { return nil }
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
            scan.add(DirectoryWalker.Found(relative: relative, size: Int(info.st_size), modified: modified, escapes: false), contentPath: contentPath)
        }
        return scan
    }
}

extension ContentScan {
    /// Sorts one found file into an entry, an asset or a problem, in path order (the walk's).
    mutating func add(_ found: DirectoryWalker.Found, contentPath: String) {
        let relative = found.relative
        let path = "Content/" + relative
        if found.escapes {
            let target = DirectoryWalker.linkTarget(contentPath + relative)
            return diagnostics.append(
                .error(.top(of: path), "symbolic link to \(target), outside Content/: refused (copy the file into Content/, or link to one in it)"))
        }
        if let problem = found.problem { return diagnostics.append(.error(.top(of: path), problem)) }
        var file = ContentFile(path: path, location: contentPath + relative, size: found.size, modified: found.modified)
        guard relative.hasSuffix(".md") else {
            // `UPPER.MD`, `x.markdown`, `x.mdown`: Markdown by its name, but no entry; said, with
            // the name that makes it one, and copied as a file.
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            let parts = name.split(separator: ".")
            if parts.count > 1, let suffix = parts.last?.lowercased(), ["md", "markdown", "mdown", "mkd", "mkdn", "mdwn"].contains(suffix) {
                let stem = parts.dropLast().joined(separator: ".")
                let entryName = (IDRule.isValid(stem) ? stem : Scaffold.suggestedID(stem) ?? stem) + ".md"
                diagnostics.append(
                    .warning(
                        .top(of: path),
                        "not read as an entry (an entry's file name ends in '.md': rename it '\(entryName)' to make it one): copied as a file"
                    ))
            }
            return Self.insert(file, into: &assets)
        }
        // Byte by byte: splitting each of twenty thousand paths into `Character`s was a fifth
        // of a build that adds one event.
        guard let slash = relative.utf8.firstIndex(of: UInt8(ascii: "/")), slash != relative.startIndex else {
            return diagnostics.append(.error(.top(of: path), "'\(relative)' is not in a kind folder (expected \(Kind.foldersInWords))"))
        }
        let folder = relative[..<slash]
        guard let kind = Kind.allCases.first(where: { $0.folder.utf8.elementsEqual(folder.utf8) }) else {
            let folders = Kind.allCases.map(\.folder)
            return diagnostics.append(
                .error(
                    .top(of: path),
                    "unknown kind folder '\(folder)'\(Suggestion.hint(for: String(folder), in: folders)) (expected \(Kind.foldersInWords))"
                ))
        }
        let id = ContentScanner.id(ofEntryAt: relative)
        guard IDRule.isValid(id) else {
            // The id `vane new` would make of it, as a rename to suggest (`OpenTF Manifesto`).
            let suggested = Scaffold.suggestedID(id)
            let hint = suggested.map { " (did you mean '\($0)'? rename the file '\($0).md')" } ?? ""
            if let suggested {
                var named = file
                (named.kind, named.id) = (kind, suggested)
                misnamed.append(named)
            }
            return diagnostics.append(
                .error(.top(of: path), "invalid id '\(id)' (a file name must be 1-80 characters of lowercase a-z, 0-9 and '-')\(hint)"))
        }
        file.kind = kind
        file.id = id
        Self.insert(file, into: &entries)
    }

    /// What was found at `path`, an entry or an asset; nil for nothing.
    public func file(at path: String) -> ContentFile? {
        PathOrder.index(of: path, in: entries, \.path).map { entries[$0] } ?? PathOrder.index(of: path, in: assets, \.path).map { assets[$0] }
    }

    /// Forgets what was found at `path`.
    mutating func remove(_ path: String) {
        Self.remove(path, from: &entries)
        Self.remove(path, from: &assets)
        misnamed.removeAll { $0.path == path }
        diagnostics.removeAll { $0.location.path == path }
    }

    /// Appends when `file` sorts last, as it does during a walk; else inserts in place.
    private static func insert(_ file: ContentFile, into files: inout [ContentFile]) {
        if let last = files.last, file.path < last.path {
            files.insert(file, at: PathOrder.position(of: file.path, in: files, \.path))
        } else {
            files.append(file)
        }
    }

    private static func remove(_ path: String, from files: inout [ContentFile]) {
        if let i = PathOrder.index(of: path, in: files, \.path) { files.remove(at: i) }
    }
}

extension Array {
    /// In a list sorted so that every element `before` accepts comes first: where the first
    /// one it does not accept is (the count when there is none). Found by halving.
    func insertionPoint(before: (Element) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if before(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// Lists kept in path order (a walk's, a load's parses): found by halving, not by a
/// dictionary of every path made again after each edit.
public enum PathOrder {
    /// Where `path` is or would go in `items`.
    public static func position<T>(of path: String, in items: [T], _ pathOf: (T) -> String) -> Int {
        items.insertionPoint { pathOf($0) < path }
    }

    /// Where `path` is in `items`; nil when it is not there.
    public static func index<T>(of path: String, in items: [T], _ pathOf: (T) -> String) -> Int? {
        let i = position(of: path, in: items, pathOf)
        return i < items.count && pathOf(items[i]) == path ? i : nil
    }
}

extension ContentScanner {
    /// The id of the entry at `path` (`Content/events/2024/x.md` → `x`): its file's name.
    public static func id(ofEntryAt path: String) -> String {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
        return String(name.hasSuffix(".md") ? name.dropLast(3) : name)
    }
}
