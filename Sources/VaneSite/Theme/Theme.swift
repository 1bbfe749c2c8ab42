import Foundation
import VaneContent
import VaneDiagnostics

/// Templates and assets: the default theme, overridden file by file by a knowledge
/// base's `Site/templates/` and `Site/assets/`.
public struct Theme: Sendable {
    public let library: MustacheLibrary
    /// Asset path (relative to `assets/`) → bytes.
    public let assets: [String: Data]
    /// Changes whenever a template or an asset does.
    let fingerprint: UInt64

    /// The compiled-in theme's own fingerprint, so that a new vane with a new default theme
    /// is never taken for "nothing changed".
    public static let defaultFingerprint: UInt64 = {
        var h = StableHash()
        for (name, text) in DefaultTheme.templates.sorted(by: { $0.key < $1.key }) + DefaultTheme.assets.sorted(by: { $0.key < $1.key }) {
            h.add(name)
            h.add(text)
        }
        return h.value
    }()

    /// Every file under `Site/`, listed once per build: the theme reads its templates and
    /// assets from it, and the no-change check fingerprints it.
    public static func siteFiles(root: URL) -> [DirectoryWalker.Found] {
        DirectoryWalker.files(under: root.appendingPathComponent("Site").path) ?? []
    }

    public static func load(root: URL, siteFiles: [DirectoryWalker.Found]? = nil) -> (Theme?, [Diagnostic]) {
        let site = root.appendingPathComponent("Site")
        let listed = siteFiles ?? Theme.siteFiles(root: root)
        /// (path under `folder`, contents) of the listed files in `Site/folder/`.
        func files(in folder: String) -> [(String, Data)] {
            listed.compactMap { found in
                guard found.relative.hasPrefix(folder + "/"), !found.escapes,
                    let data = FileManager.default.contents(atPath: site.appendingPathComponent(found.relative).path)
                else { return nil }
                return (String(found.relative.dropFirst(folder.count + 1)), data)
            }
        }
        var templates = DefaultTheme.templates
        var sourcePaths: [String: String] = [:]
        for (path, data) in files(in: "templates") where path.hasSuffix(".mustache") {
            let key = String(path.dropLast(".mustache".count))
            templates[key] = String(decoding: data, as: UTF8.self)
            sourcePaths[key] = "Site/templates/" + path
        }
        var assets = DefaultTheme.assets.mapValues { Data($0.utf8) }
        for (name, data) in files(in: "assets") { assets[name] = data }

        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                let path = sourcePaths[name] ?? "Site/templates/\(name).mustache"
                diagnostics.append(.error(.top(of: path), "template does not parse: \(error)"))
            }
        }
        var h = StableHash()
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            h.add(name)
            h.add(text)
        }
        for (name, data) in assets.sorted(by: { $0.key < $1.key }) {
            h.add(name)
            h.add(String(decoding: data, as: UTF8.self))
        }
        return (diagnostics.isEmpty ? Theme(library: library, assets: assets, fingerprint: h.value) : nil, diagnostics)
    }

    /// Renders `template` with a stack of contexts (a page's frame, then its view model); a
    /// missing template is a programmer error of the theme.
    func render(_ stack: [MustacheValue], template: String) -> String {
        library.render(stack: stack, withTemplate: template) ?? ""
    }
}
