import Foundation
import VaneSite

/// `vane theme eject`: the default theme's files written into `Site/`, to be edited there.
public enum ThemeEject {
    /// Writes every default template and asset under `root/Site/`. An existing file is
    /// already an override and is kept, unless `force`.
    public static func eject(root: URL, force: Bool) throws(ProjectInit.Failure) -> ProjectInit.Report {
        let files =
            DefaultTheme.templates.map { ("Site/templates/\($0.key).mustache", $0.value) }
            + DefaultTheme.assets.map { ("Site/assets/\($0.key)", $0.value) }
        return try ProjectInit.write(files.sorted(by: { $0.0 < $1.0 }), into: root, replacing: force)
    }
}
