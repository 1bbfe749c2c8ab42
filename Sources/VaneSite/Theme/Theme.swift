import Foundation
import Mustache
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

    public static func load(root: URL) -> (Theme?, [Diagnostic]) {
        var templates = DefaultTheme.templates
        var sourcePaths: [String: String] = [:]
        let templateDir = root.appendingPathComponent("Site/templates")
        for (path, data) in files(under: templateDir) where path.hasSuffix(".mustache") {
            let key = String(path.dropLast(".mustache".count))
            templates[key] = String(decoding: data, as: UTF8.self)
            sourcePaths[key] = "Site/templates/" + path
        }
        var assets = DefaultTheme.assets.mapValues { Data($0.utf8) }
        for (name, data) in files(under: root.appendingPathComponent("Site/assets")) { assets[name] = data }

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

    /// Regular, non-hidden files under a folder, in path order: (relative path, contents).
    private static func files(under folder: URL) -> [(String, Data)] {
        (DirectoryWalker.files(under: folder.path) ?? []).compactMap { found in
            guard !found.escapes, let data = FileManager.default.contents(atPath: folder.appendingPathComponent(found.relative).path) else {
                return nil
            }
            return (found.relative, data)
        }
    }

    /// Renders `template` with `context`; a missing template is a programmer error of the theme.
    func render(_ context: [String: Any], template: String) -> String {
        library.render(context, withTemplate: template) ?? ""
    }
}
