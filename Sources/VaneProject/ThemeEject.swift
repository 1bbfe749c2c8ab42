import Foundation
import VaneSite

/// `vane theme eject`: the default theme's files written into `Site/`, to be edited there.
public enum ThemeEject {
    public struct Report: Sendable {
        public var written: [String] = []
        /// Files that existed and were left as they were (without `force`).
        public var kept: [String] = []
    }

    /// Writes every default template and asset under `root/Site/`. An existing file is
    /// already an override and is kept, unless `force`.
    public static func eject(root: URL, force: Bool) throws(ProjectInit.Failure) -> Report {
        var report = Report()
        let files =
            DefaultTheme.templates.map { ("Site/templates/\($0.key).mustache", $0.value) }
            + DefaultTheme.assets.map { ("Site/assets/\($0.key)", $0.value) }
        for (path, text) in files.sorted(by: { $0.0 < $1.0 }) {
            let url = root.appendingPathComponent(path)
            if !force && FileManager.default.fileExists(atPath: url.path) {
                report.kept.append(path)
                continue
            }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw .write(url.path, (error as NSError).localizedDescription)
            }
            report.written.append(path)
        }
        return report
    }
}
