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
    /// Everything a build reads besides `Content/`: vane's own versions, the `Site/`
    /// files, the as-of date, the output folder and `--strict`.
    static func inputs(_ options: Pipeline.Options, asOf: FuzzyDate, siteFiles: [DirectoryWalker.Found]) -> String {
        var h = StableHash()
        h.add("parser \(ContentLoader.parserVersion) renderer \(SiteBuilder.rendererVersion)")
        h.add(options.asOf == nil ? "today \(asOf.text)" : "as-of \(asOf.text)")
        h.add(options.output.standardizedFileURL.path)
        h.add(options.strict ? "strict" : "")
        h.add(options.publishDatabase ? "publish-db" : "")
        for file in siteFiles {
            h.add("\(file.relative) \(file.size) \(file.modified)")
        }
        return String(h.value, radix: 16)
    }

    /// The last build's diagnostics when nothing changed since it; nil when a build is needed.
    static func unchanged(_ options: Pipeline.Options, previous: DatabaseParseCache, inputs: String) -> [Diagnostic]? {
        guard previous.state["inputs"] == inputs, !previous.manifest.isEmpty,
            FileManager.default.fileExists(atPath: options.output.path),
            let files = DirectoryWalker.files(under: options.root.appendingPathComponent("Content").path, sorted: false),
            files.count == previous.manifest.count
        else { return nil }
        for file in files {
            guard let known = previous.manifest["Content/" + file.relative], known.size == file.size, known.modified == file.modified, !file.escapes
            else {
                return nil
            }
        }
        let text = previous.state["diagnostics"] ?? "[]"
        return (try? JSONDecoder().decode([Diagnostic].self, from: Data(text.utf8))) ?? []
    }

    static func encode(_ diagnostics: [Diagnostic]) -> String {
        CanonicalJSON.text(diagnostics, fallback: "[]")
    }
}
