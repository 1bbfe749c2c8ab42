import Foundation
import VaneContent
import VaneDiagnostics

/// `vane init DIR`: a new knowledge base, ready for `vane check` and for git.
public enum ProjectInit {
    public enum Failure: VaneError {
        case notEmpty(String)
        case write(String, String)

        public var description: String {
            switch self {
            case .notEmpty(let dir): "'\(dir)' is not empty (use --force to add the missing files; existing files are never overwritten)"
            case .write(let path, let why): "cannot write '\(path)': \(why)"
            }
        }
    }

    /// What was written, by root-relative path.
    public struct Report: Sendable {
        public var written: [String] = []
        /// Files that existed already, with other text, and were left as they were.
        public var kept: [String] = []
        /// Files that existed with other text and were replaced (`--force`): edits overwritten.
        public var replaced: [String] = []
        /// Files that existed with the same text: nothing to write or keep.
        public var unchanged: [String] = []
    }

    /// The kind folders, each kept in git by an empty `.gitkeep`.
    static var kinds: [String] { Kind.allCases.map(\.folder) }

    /// Writes the new knowledge base into `dir`, created if missing. A folder with files in
    /// it is refused unless `force`, and even then no existing file is replaced.
    public static func create(at dir: URL, title: String, example: Bool, force: Bool) throws(Failure) -> Report {
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        if !existing.isEmpty && !force { throw .notEmpty(dir.path) }
        return try write(files(title: title, example: example), into: dir, replacing: false)
    }

    /// Writes files under `root` (folders as needed); one that exists is kept and listed,
    /// unless `replacing`.
    static func write(_ files: [(String, String)], into root: URL, replacing: Bool) throws(Failure) -> Report {
        // Every path is looked at before the first file is written: a folder that is a file,
        // or a link to nothing where a file goes, stopped the writing halfway and blamed the
        // file being written.
        if let (path, why) = files.lazy.compactMap({ blocked($0.0, under: root) }).first { throw .write(path, why) }
        var report = Report()
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path) {
                if FileManager.default.contents(atPath: url.path) == Data(text.utf8) {
                    report.unchanged.append(path)
                    continue
                }
                guard replacing else {
                    report.kept.append(path)
                    continue
                }
                report.replaced.append(path)
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: replacing ? .atomic : .withoutOverwriting)
            } catch {
                throw .write(url.path, (error as NSError).localizedDescription)
            }
            report.written.append(path)
        }
        return report
    }

    /// Why `path` cannot be written under `root`: a folder on its way that is no folder, or
    /// a symbolic link to nothing in its place; nil when it can be tried.
    private static func blocked(_ path: String, under root: URL) -> (String, String)? {
        var url = root
        let parts = path.split(separator: "/").map(String.init)
        for (i, part) in parts.enumerated() {
            url.appendPathComponent(part)
            var info = stat()
            guard lstat(url.path, &info) == 0 else { return nil }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFLNK, stat(url.path, &info) != 0 {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)).map { " ('\($0)')" } ?? ""
                return (url.path, "a symbolic link to nothing\(target) is in its place: remove it")
            }
            let isFolder = info.st_mode & S_IFMT == S_IFDIR
            if i < parts.count - 1, !isFolder { return (url.path, "it is a file, not a folder") }
            // A folder where the file goes was "kept (edited)", and `--force` failed halfway; a
            // pipe was "kept (edited)", and then passed over by every build.
            if i == parts.count - 1, isFolder { return (url.path, "a folder is in its place: move it away") }
            if i == parts.count - 1, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFLNK {
                return (url.path, "something that is no file (a pipe, a device, a socket) is in its place: remove it")
            }
        }
        return nil
    }

    /// Every file of a new knowledge base, by path, in path order.
    static func files(title: String, example: Bool) -> [(String, String)] {
        let templates = ProjectFiles.all
        var files: [String: String] = [
            "README.md": templates["init/README.md"]!,
            ".gitignore": templates["init/gitignore"]!,
            ".github/workflows/vane.yml": templates["init/github-workflow.yml"]!,
            ".gitlab-ci.yml": templates["init/gitlab-ci.yml"]!,
            "Site/config.yml": templates["init/config.yml"]!.replacingOccurrences(of: "{{TITLE}}", with: Scaffold.quoted(title)),
        ]
        if example {
            for (path, text) in templates where path.hasPrefix("init/example/") {
                files[String(path.dropFirst("init/example/".count))] = text
            }
        }
        for kind in kinds where !files.keys.contains(where: { $0.hasPrefix("Content/\(kind)/") }) {
            files["Content/\(kind)/.gitkeep"] = ""
        }
        return files.sorted { $0.key < $1.key }
    }

    /// A title for a folder name: `my-vendors` → `My vendors`.
    public static func title(forFolder name: String) -> String {
        let words = name.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == " " }).joined(separator: " ")
        guard let first = words.first else { return "Weathervane" }
        return first.uppercased() + words.dropFirst()
    }
}
