import Foundation
import VaneDiagnostics
import Yams

/// Reads `Site/config.yml`. Extra types are added to the spec's; scales replace them.
public enum SiteConfigLoader {
    public static let path = "Site/config.yml"

    public static func load(root: URL) -> (SiteConfig, [Diagnostic]) {
        let problems = unreadable(root: root)
        // Settings that cannot be read are no default settings: the build stops (a link to
        // nothing, a folder or a pipe left the site untitled, and it was published so).
        guard problems.isEmpty else {
            var config = SiteConfig()
            config.unread = true
            return (config, problems)
        }
        let (config, diagnostics) = read(root: root)
        return (config, strayFiles(root: root) + diagnostics)
    }

    /// `Site/`, its settings and its theme's folders, where they are there but not what they
    /// must be: a file where a folder goes, a link to nothing, a folder or a pipe where a file goes.
    static func unreadable(root: URL) -> [Diagnostic] {
        func what(_ relative: String) -> (there: Bool, folder: Bool, file: Bool) {
            var link = stat()
            var target = stat()
            let path = root.appendingPathComponent(relative).path
            guard lstat(path, &link) == 0 else { return (false, false, false) }
            guard stat(path, &target) == 0 else { return (true, false, false) }
            return (true, (target.st_mode & S_IFMT) == S_IFDIR, (target.st_mode & S_IFMT) == S_IFREG)
        }
        let site = what("Site")
        guard site.there else { return [] }
        guard site.folder else {
            return [.error(.whole("Site"), "is not a folder: the site's settings, saved queries and theme go in a folder Site/")]
        }
        var problems: [Diagnostic] = []
        for name in ["config.yml", "queries.yml"] {
            let found = what("Site/" + name)
            if found.there, !found.file {
                problems.append(
                    .error(
                        .whole("Site/" + name),
                        "is not a file vane can read (a link to nothing, a folder or a pipe): make it the file of settings it names"))
            }
        }
        for name in ["templates", "assets"] {
            let found = what("Site/" + name)
            if found.there, !found.folder {
                problems.append(.error(.whole("Site/" + name), "is not a folder: the theme's \(name) go in a folder Site/\(name)/"))
            }
        }
        return problems
    }

    /// What `Site/` holds that no build reads: said, never passed over (a Hugo user's
    /// `config.yaml` left the site untitled and without its `base_url`, `static/` was not
    /// copied, and `vane check` said "ok").
    static func strayFiles(root: URL) -> [Diagnostic] {
        let known = ["config.yml", "queries.yml", "templates", "assets"]
        // Hugo's and other tools' names for the same things.
        let meant = [
            "config.yaml": "config.yml", "config.toml": "config.yml", "config.json": "config.yml", "hugo.yaml": "config.yml",
            "hugo.yml": "config.yml", "hugo.toml": "config.yml", "queries.yaml": "queries.yml", "template": "templates", "layouts": "templates",
            "layout": "templates", "static": "assets", "asset": "assets", "css": "assets",
        ]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Site").path)) ?? []
        return names.sorted().filter { !known.contains($0) && !DirectoryWalker.isIgnored($0) }.map { name in
            let hint = meant[name.lowercased()].map { " (did you mean '\($0)'?)" } ?? Suggestion.hint(for: name, in: known)
            return .warning(.whole("Site/" + name), "is not read\(hint): Site/ holds config.yml, queries.yml, templates/ and assets/")
        }
    }

    private static func read(root: URL) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else {
            return (config, [])
        }
        guard let yaml = String(validatingUTF8Data: data) else {
            return (config, [.error(.top(of: path), "file is not valid UTF-8")])
        }
        var fm: FrontMatter
        do {
            fm = try FrontMatter(yaml: yaml, lineOffset: 0, path: path, called: "settings")
        } catch {
            config.unread = true
            return (config, [error.diagnostic])
        }
        if let v = fm.text("title") { config.title = v.text }
        if let v = fm.text("description") { config.description = v.text }
        if let v = fm.text("base_url"), let url = checkedURL(v, into: &fm) {
            // Every page's address is the base and a path: a query or a fragment would end
            // up before the path (`…/kb/?x=1/events/….html`).
            if url.contains("?") || url.contains("#") {
                fm.diagnostics.append(
                    .error(v.location, "'base_url' is where the site is published: a scheme, a host and a path, without '?' or '#'"))
            } else {
                config.baseURL = url.hasSuffix("/") ? url : url + "/"
            }
        }
        if let v = fm.text("license") { config.license = v.text }
        if let v = fm.text("license_url"), let url = checkedURL(v, into: &fm) { config.licenseURL = url }
        if let v = fm.text("source_url"), let url = checkedURL(v, into: &fm) { config.sourceURL = url }
        if let v = fm.text("unsafe_html") {
            switch v.text {
            case "true": config.unsafeHTML = true
            case "false": config.unsafeHTML = false
            default: fm.diagnostics.append(.error(v.location, "'unsafe_html' must be true or false"))
            }
        }
        if let v = fm.text("recorded_time") {
            let path = v.text.hasSuffix("/") ? String(v.text.dropLast()) : v.text
            switch path {
            case "true": config.recordedTime = "Content"
            case "false": config.recordedTime = nil
            case _ where (path == "Content" || path.hasPrefix("Content/")) && !path.split(separator: "/").contains(".."):
                config.recordedTime = path
                // A folder that is not there reads no commit: recorded time would be empty in silence.
                var folder: ObjCBool = false
                if !FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &folder) || !folder.boolValue {
                    let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Content").path)) ?? [])
                        .map { "Content/" + $0 }
                    fm.diagnostics.append(
                        .warning(
                            v.location,
                            "'recorded_time' names \(path), which is not a folder\(Suggestion.hint(for: path, in: folders)): recorded time reads nothing"
                        ))
                }
            default: fm.diagnostics.append(.error(v.location, "'recorded_time' must be true, false or a folder under Content/ (Content/events)"))
            }
        }
        config.entityTypes += words("entity_types", &fm, adding: config.entityTypes)
        config.eventTypes += words("event_types", &fm, adding: config.eventTypes)
        config.trackableTypes += words("trackable_types", &fm, adding: [])
        // A trackable type no entity can have tracks nothing (a mistyped type).
        for word in fm.list("trackable_types") ?? [] where IDRule.isValid(word.text) && !config.entityTypes.contains(word.text) {
            fm.diagnostics.append(
                .warning(
                    word.location,
                    "'trackable_types' names '\(word.text)', which is no entity type\(Suggestion.hint(for: word.text, in: config.entityTypes)); entity types are \(config.entityTypes.joined(separator: ", "))"
                ))
        }
        for (key, keyPath) in [("availability_scale", \SiteConfig.availabilityScale), ("priority_scale", \SiteConfig.priorityScale)] {
            guard fm.keys.contains(key) else { continue }
            let scale = words(key, &fm, adding: [])
            // Values written twice or badly are said where they are: the scale is then kept
            // as it was without another error (`[open, open]` lists two values), and what the
            // files name is not judged against it (the scale without the value said judged
            // every file again: a dozen errors for one mistake).
            var written = 0
            if let (node, _) = fm.node(key) { if case .sequence(let items) = node { written = items.count } else { written = 1 } }
            if scale.count >= 2 && scale.count < written {
                config.unread = true
            } else if scale.count >= 2 {
                config[keyPath: keyPath] = scale
            } else if written < 2, let at = fm.node(key)?.1 ?? fm.keyLocation(key) {
                // At the value, as every setting's problem is.
                fm.diagnostics.append(.error(at, "'\(key)' must list at least two values, from the top of the scale to its bottom"))
            }
        }
        if let (node, at) = fm.node("status_labels") {
            if case .mapping(let labels) = node {
                let values = config.availabilityScale + config.priorityScale
                for (key, value) in labels {
                    guard let k = key.string, let v = value.string else { continue }
                    config.statusLabels[k] = v
                    // A label for a value on no scale labels nothing (a mistyped value).
                    if !values.contains(k) {
                        fm.diagnostics.append(
                            .warning(
                                fm.location(of: key),
                                "'status_labels' names '\(k)', which is on no scale\(Suggestion.hint(for: k, in: values)): its label is shown nowhere"
                            ))
                    }
                }
            } else {
                fm.diagnostics.append(.error(at, "'status_labels' must map scale values to labels"))
            }
        }
        // Every setting was asked for by now: those are the ones a near miss is taken from.
        let known = fm.used.sorted()
        for (key, at) in fm.unknownKeys {
            fm.diagnostics.append(.warning(at, "unknown setting '\(key)'\(Suggestion.hint(for: key, in: known))"))
        }
        return (config, fm.diagnostics)
    }

    /// The words of a list setting (types, a scale's values): each an id-like word, none
    /// twice (nor one of `adding`, the built-in words it adds to); a bad one is an error
    /// at its position and left out.
    private static func words(_ key: String, _ fm: inout FrontMatter, adding: [String]) -> [String] {
        var seen = Set(adding)
        var result: [String] = []
        for word in fm.list(key) ?? [] {
            guard IDRule.isValid(word.text) else {
                fm.diagnostics.append(.error(word.location, "'\(word.text)' in '\(key)' must be one word of lowercase a-z, 0-9 and '-'"))
                continue
            }
            guard seen.insert(word.text).inserted else {
                // Twice on a scale makes two ranks of one value; a type named again is harmless.
                let message = "'\(word.text)' is in '\(key)'\(adding.contains(word.text) ? " already (built in)" : " twice")"
                fm.diagnostics.append(key.hasSuffix("_scale") ? .error(word.location, message) : .warning(word.location, message))
                continue
            }
            result.append(word.text)
        }
        return result
    }

    /// The URL of a setting, or nil with an error at its position.
    private static func checkedURL(_ value: LocatedText, into fm: inout FrontMatter) -> String? {
        if let problem = URLRule.problem(with: value.text) {
            fm.diagnostics.append(.error(value.location, problem))
            return nil
        }
        return value.text
    }
}

/// Only `http` and `https` URLs are accepted in URL fields.
public enum URLRule {
    /// Characters RFC 3986 allows in a URL; anything else must be percent-encoded.
    private static let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%".unicodeScalars)

    public static func problem(with text: String) -> String? {
        if let bad = text.unicodeScalars.first(where: { !allowed.contains($0) }) {
            // The character as a reader sees it, with its code point (alone when invisible),
            // and what to write instead.
            let hex = String(bad.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let invisible = bad.properties.generalCategory == .control || bad.properties.generalCategory == .format || bad.properties.isWhitespace
            let shown = bad == " " ? "a space" : invisible ? code : "'\(bad)' (\(code))"
            let encoded = String(bad).utf8.map { ($0 < 16 ? "%0" : "%") + String($0, radix: 16, uppercase: true) }.joined()
            return "URL '\(text)' contains \(shown), which must be percent-encoded (\(encoded))"
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            return "'\(text)' is not a URL (expected http:// or https://)"
        }
        guard scheme == "http" || scheme == "https" else {
            return "URL '\(text)' must use http or https, not '\(scheme)'"
        }
        guard let host = url.host, !host.isEmpty else { return "URL '\(text)' has no host" }
        return nil
    }
}
