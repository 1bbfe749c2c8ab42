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

/// Walks `Content/`: Markdown files become entries (kind from the top folder, id from
/// the file name); other files are assets to copy. Hidden files are ignored.
public enum ContentScanner {
    public static func scan(root: URL) -> (entries: [ContentFile], assets: [ContentFile], diagnostics: [Diagnostic]) {
        let content = root.appendingPathComponent("Content")
        let contentPath = content.path + "/"
        var entries: [ContentFile] = []
        var assets: [ContentFile] = []
        var diagnostics: [Diagnostic] = []
        guard let walked = DirectoryWalker.files(under: content.path) else {
            return ([], [], [.error(.top(of: "Content"), "no Content/ folder here (run vane in a knowledge base, or pass --root)")])
        }
        for found in walked {
            let relative = found.relative
            if found.escapes {
                diagnostics.append(.error(.top(of: "Content/" + relative), "symbolic link points outside Content/ (refused)"))
                continue
            }
            let path = "Content/" + relative
            var file = ContentFile(path: path, location: contentPath + relative, size: found.size, modified: found.modified)
            guard relative.hasSuffix(".md") else {
                assets.append(file)
                continue
            }
            let parts = relative.split(separator: "/")
            guard parts.count > 1 else {
                diagnostics.append(.error(.top(of: path), "'\(relative)' is not in a kind folder (expected \(Kind.foldersInWords))"))
                continue
            }
            guard let kind = Kind(folder: String(parts[0])) else {
                let folders = Kind.allCases.map(\.folder)
                diagnostics.append(
                    .error(
                        .top(of: path),
                        "unknown kind folder '\(parts[0])'\(Suggestion.hint(for: String(parts[0]), in: folders)) (expected \(Kind.foldersInWords))"
                    ))
                continue
            }
            let id = String(parts.last!.dropLast(3))
            guard IDRule.isValid(id) else {
                diagnostics.append(.error(.top(of: path), "invalid id '\(id)' (a file name must be 1-80 characters of lowercase a-z, 0-9 and '-')"))
                continue
            }
            file.kind = kind
            file.id = id
            entries.append(file)
        }
        return (entries, assets, diagnostics)
    }
}
