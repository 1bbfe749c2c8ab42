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
    public let fingerprint: UInt64
    /// Template name → its file under `Site/templates/`, for the templates a knowledge base
    /// overrides.
    var overridden: [String: String] = [:]

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
    /// With what is no file (a pipe, a link to nothing): it moves a build's inputs, and the
    /// theme says it (a pipe at `Site/queries.yml` after a clean build left every later build
    /// silent while `vane check` said it).
    public static func siteFiles(root: URL) -> [DirectoryWalker.Found] {
        DirectoryWalker.files(under: root.appendingPathComponent("Site").path, problems: true) ?? []
    }

    public static func load(root: URL, siteFiles: [DirectoryWalker.Found]? = nil) -> (Theme?, [Diagnostic]) {
        let site = root.appendingPathComponent("Site")
        let listed = siteFiles ?? Theme.siteFiles(root: root)
        /// (path under `folder`, contents) of the listed files in `Site/folder/`.
        func files(in folder: String) -> [(String, Data)] {
            listed.compactMap { found in
                guard found.relative.hasPrefix(folder + "/"), !found.escapes, found.problem == nil,
                    let data = FileManager.default.contents(atPath: site.appendingPathComponent(found.relative).path)
                else { return nil }
                return (String(found.relative.dropFirst(folder.count + 1)), data)
            }
        }
        var templates = DefaultTheme.templates
        var sourcePaths: [String: String] = [:]
        // A template or an asset that is no file is said, never replaced by the default's in silence.
        var diagnostics: [Diagnostic] = listed.compactMap { found in
            guard let problem = found.problem, found.relative.hasPrefix("templates/") || found.relative.hasPrefix("assets/") else { return nil }
            return .error(.top(of: "Site/" + found.relative), problem)
        }
        for (path, data) in files(in: "templates") {
            guard path.hasSuffix(".mustache") else {
                diagnostics.append(notATemplate(path))
                continue
            }
            let key = String(path.dropLast(".mustache".count))
            // Read as entries are: a byte-order mark (Notepad writes one) dropped, which stood
            // in every page's HTML; UTF-16, a NUL or a byte of Latin-1 an error (a UTF-16
            // template was published as its own source, NULs and all).
            let (text, problem) = TextFile.read(data, path: "Site/templates/" + path)
            guard let text else {
                diagnostics += problem.map { [$0] } ?? []
                continue
            }
            templates[key] = text
            sourcePaths[key] = "Site/templates/" + path
        }
        var assets = DefaultTheme.assets.mapValues { Data($0.utf8) }
        for (name, data) in files(in: "assets") { assets[name] = data }

        var library = MustacheLibrary()
        var unparsed: Set<String> = []
        for (name, text) in templates.sorted(by: { $0.key < $1.key }) {
            do {
                try library.register(text, named: name)
            } catch {
                unparsed.insert(name)
                // At the tag the parser stopped on (MustacheError: `register` throws no other).
                let path = sourcePaths[name] ?? "Site/templates/\(name).mustache"
                diagnostics.append(
                    .error(SourceLocation(path: path, line: error.line, column: error.column), "template does not parse: \(error.message)"))
            }
        }
        // A template that does not parse is there all the same: its uses are not "unknown".
        diagnostics += unknownReferences(library, paths: sourcePaths, unparsed: unparsed)
        diagnostics += endlessInclusions(library, paths: sourcePaths)
        diagnostics += blocksFillingNothing(library, paths: sourcePaths)
        diagnostics += textLeftUnescaped(library, paths: sourcePaths)
        diagnostics += writtenOutsideBlocks(library, paths: sourcePaths)
        // What a template that does not parse includes cannot be known: its error alone
        // (its partials read as used by no page).
        if unparsed.isEmpty { diagnostics += unusedTemplates(library, paths: sourcePaths) }
        // Never read without a word (`Content/` has the same rule).
        for found in listed where found.escapes && (found.relative.hasPrefix("templates/") || found.relative.hasPrefix("assets/")) {
            diagnostics.append(
                .warning(.whole("Site/" + found.relative), "a symbolic link to a file outside Site/ is left out of the site: copy the file in"))
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
        var theme = Theme(library: library, assets: assets, fingerprint: h.value)
        theme.overridden = sourcePaths
        return (diagnostics.hasErrors ? nil : theme, diagnostics)
    }

    /// A partial or parent that names no template is an error at its tag, with the closest
    /// name.
    static func unknownReferences(_ library: MustacheLibrary, paths: [String: String], unparsed: Set<String> = []) -> [Diagnostic] {
        let names = library.names
        let there = Set(names).union(unparsed)
        return names.flatMap { name -> [Diagnostic] in
            let source = library.source(of: name) ?? ""
            let path = paths[name] ?? "Site/templates/\(name).mustache"
            return MustacheTemplate.tags(in: source).filter { ($0.kind == ">" || $0.kind == "<") && !there.contains($0.name) }.map { tag in
                let what = tag.kind == ">" ? "partial" : "parent"
                return .error(
                    position(of: tag.name, in: source, at: tag, path: path),
                    "unknown \(what) '\(tag.name)'\(referenceHint(tag.name, names: names)): no template has that name")
            }
        }
    }

    /// The template a partial's or parent's name was meant to name: written with its file's
    /// extension (`partials/date.mustache`), without its folder (`date`), or mistyped.
    static func referenceHint(_ written: String, names: [String]) -> String {
        let bare = written.hasSuffix(".mustache") ? String(written.dropLast(".mustache".count)) : written
        if bare != written, names.contains(bare) { return " (did you mean '\(bare)'? a template is named without '.mustache')" }
        let inFolder = names.filter { $0.split(separator: "/").last.map(String.init) == bare && $0 != bare }
        if inFolder.count == 1 { return " (did you mean '\(inFolder[0])'? a template is named with its folder)" }
        return Suggestion.hint(for: bare, in: names)
    }

    /// A file of `Site/templates/` not named `.mustache` is no template: a warning, never
    /// passed over without a word (a theme's template saved as `claim.html` or
    /// `report.MUSTACHE` left the page as it was).
    static func notATemplate(_ path: String) -> Diagnostic {
        let name = (path as NSString).lastPathComponent
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let folder = (path as NSString).deletingLastPathComponent
        let meant = folder.isEmpty ? stem : folder + "/" + stem
        let hint = DefaultTheme.templates[meant] != nil ? " (did you mean '\(meant).mustache'?)" : ""
        return .warning(.whole("Site/templates/" + path), "not a template: a template's file is named '.mustache'\(hint); this file is left out")
    }

    /// The HTML a view model gives a template, written with three braces (`{{{body}}}`): the
    /// only values that are not escaped. Every other value is text, from content or
    /// settings, which three braces (or `{{&name}}`) would put into the page as HTML.
    static let htmlValues: Set<String> = ["body", "chart", "inlineStyle", "jsonLD", "legend", "list", "svg"]

    /// A name that is text written unescaped (`{{{title}}}`, `{{&title}}`) in the knowledge
    /// base's own templates: an error at the tag, as a title's `<script>` would run on the
    /// site. The theme's own HTML values are named in it.
    static func textLeftUnescaped(_ library: MustacheLibrary, paths: [String: String]) -> [Diagnostic] {
        library.names.filter { paths[$0] != nil }.flatMap { name -> [Diagnostic] in
            let source = library.source(of: name) ?? ""
            return MustacheTemplate.tags(in: source).filter { tag in
                (tag.kind == "{" || tag.kind == "&") && !htmlValues.contains(tag.name.split(separator: ".").last.map(String.init) ?? tag.name)
            }.map { tag in
                .error(
                    position(of: tag.name, in: source, at: tag, path: paths[name] ?? name),
                    "'\(tag.name)' is text, and \(tag.kind == "{" ? "three braces" : "'{{&'") would put it into the page unescaped: write {{\(tag.name)}} (only \(htmlValues.sorted().joined(separator: ", ")) are HTML)"
                )
            }
        }
    }

    /// Text or tags inside a parent (`{{<layout}}`) outside its blocks, in the knowledge
    /// base's own templates: never rendered, so a warning where it is written.
    static func writtenOutsideBlocks(_ library: MustacheLibrary, paths: [String: String]) -> [Diagnostic] {
        library.names.filter { paths[$0] != nil }.sorted().flatMap { name -> [Diagnostic] in
            MustacheTemplate.outsideBlocks(in: library.source(of: name) ?? "").map { found in
                // A block the parent has, for the example: `content` is the layout's.
                let block = MustacheTemplate.tags(in: library.source(of: found.parent) ?? "").first { $0.kind == "$" }?.name ?? "content"
                return .warning(
                    SourceLocation(path: paths[name] ?? name, line: found.line, column: found.column),
                    "written inside '{{<\(found.parent)}}' outside its blocks, so it is never shown: put it in a block ({{$\(block)}} … {{/\(block)}})"
                )
            }
        }
    }

    /// A partial or parent that always includes itself, directly or through others (`a` →
    /// `b` → `a` outside any section), would render forever: an error at the tag that
    /// closes the circle, in the knowledge base's own template.
    static func endlessInclusions(_ library: MustacheLibrary, paths: [String: String]) -> [Diagnostic] {
        var reported: Set<String> = []
        var result: [Diagnostic] = []
        for start in library.names where paths[start] != nil {
            // The templates `start` always renders, each with the one that named it first.
            var via: [String: String] = [:]
            var queue = [start]
            while let name = queue.popLast() {
                for other in library.unconditionalReferences(of: name) where via[other] == nil {
                    via[other] = name
                    queue.append(other)
                }
            }
            guard let closing = via[start], !reported.contains(start) else { continue }
            // The circle, from `start` round to itself.
            var circle = [start]
            var at = closing
            while at != start, circle.count < 64 {
                circle.insert(at, at: 1)
                at = via[at] ?? start
            }
            // Said once, from the first of its templates: not again from each other one.
            reported.formUnion(circle)
            let source = library.source(of: closing) ?? ""
            let path = paths[closing] ?? "Site/templates/\(closing).mustache"
            guard let tag = MustacheTemplate.tags(in: source).first(where: { ($0.kind == ">" || $0.kind == "<") && $0.name == start }) else {
                continue
            }
            result.append(
                .error(
                    position(of: start, in: source, at: tag, path: path),
                    "'\(start)' includes itself (\((circle + [start]).joined(separator: " → "))) outside any section, so it would never end"))
        }
        return result
    }

    /// A template of the knowledge base that is none of the theme's and that no template
    /// includes (`Event.mustache`, `about.mustache`) is never rendered: a warning, with the
    /// closest of the theme's names.
    static func unusedTemplates(_ library: MustacheLibrary, paths: [String: String]) -> [Diagnostic] {
        let used = library.names.reduce(into: Set<String>()) { $0.formUnion(library.references(of: $1)) }
        let theme = DefaultTheme.templates.keys.sorted()
        return paths.filter { DefaultTheme.templates[$0.key] == nil && !used.contains($0.key) }.sorted { $0.key < $1.key }.map { key, path in
            .warning(
                .whole(path),
                "no page uses this template: it is none of the theme's\(sameFolderHint(key, in: theme)), and no template includes it")
        }
    }

    /// The theme's template in the same folder whose own name `key`'s is most likely a typo
    /// of (a shared `partials/` made `unused` read as `cycles`).
    static func sameFolderHint(_ key: String, in theme: [String]) -> String {
        let folder = (key as NSString).deletingLastPathComponent
        let siblings = theme.filter { ($0 as NSString).deletingLastPathComponent == folder }
        let names = Dictionary(siblings.map { (($0 as NSString).lastPathComponent, $0) }, uniquingKeysWith: { a, _ in a })
        return Suggestion.closest(to: (key as NSString).lastPathComponent, in: names.keys.sorted()).flatMap { names[$0] }.map {
            " (did you mean '\($0)'?)"
        } ?? ""
    }

    /// A block that a template gives its parent and the parent has nowhere (`{{$contnet}}`
    /// for `{{$content}}`) fills nothing: its content is lost and the page renders empty
    /// there. An error at the block's tag, in the knowledge base's own template.
    static func blocksFillingNothing(_ library: MustacheLibrary, paths: [String: String]) -> [Diagnostic] {
        library.names.filter { paths[$0] != nil }.flatMap { name -> [Diagnostic] in
            let source = library.source(of: name) ?? ""
            let tags = MustacheTemplate.tags(in: source).filter { $0.kind == "$" }
            return library.blocksGiven(in: name).compactMap { given in
                let declared = library.blocksDeclared(from: given.parent)
                guard library.source(of: given.parent) != nil, !declared.contains(given.block),
                    let tag = tags.first(where: { $0.name == given.block })
                else { return nil }
                return .error(
                    position(of: given.block, in: source, at: tag, path: paths[name] ?? name),
                    "block '\(given.block)' fills nothing: '\(given.parent)' has no such block\(Suggestion.hint(for: given.block, in: declared.sorted()))"
                )
            }
        }
    }

    /// Errors for partials cut where they nested too deep while the pages just rendered: a
    /// section around a partial that includes itself is true at every level.
    /// Said once per circle, at the tag of the first template cut that leads round it.
    public func endlessNesting() -> [Diagnostic] {
        var reported: Set<String> = []
        let exhausted = library.lookups.exhausted.value
        return library.lookups.cuts.value.sorted().compactMap { name in
            guard !reported.contains(name) else { return nil }
            let circle = inclusionCircle(from: name)
            reported.formUnion(circle)
            let path = overridden[name] ?? "Site/templates/\(name).mustache"
            let source = library.source(of: name) ?? ""
            let next = circle.count > 1 ? circle[1] : name
            let tag = MustacheTemplate.tags(in: source).first { ($0.kind == ">" || $0.kind == "<") && $0.name == next }
            return .error(
                tag.map { Theme.position(of: next, in: source, at: $0, path: path) } ?? SourceLocation(path: path, line: 1, column: 1),
                "'\(name)' includes itself (\(circle.joined(separator: " → "))) inside a section that is true at every level, so it \(exhausted ? "was included \(MustacheLibrary.mostInclusions) times in one page" : "nested \(MustacheLibrary.deepestNesting) deep") and was cut there"
            )
        }
    }

    /// The shortest way from `name` through the partials and parents it names back to
    /// itself, both ends included; `[name]` when there is none.
    private func inclusionCircle(from name: String) -> [String] {
        var via: [String: String] = [:]
        var queue = [name]
        var i = 0
        while i < queue.count {
            let at = queue[i]
            i += 1
            for other in library.references(of: at).sorted() {
                if other == name {
                    var circle = [name]
                    var step = at
                    while step != name, circle.count < 64 {
                        circle.insert(step, at: 1)
                        step = via[step] ?? name
                    }
                    return circle + [name]
                }
                guard via[other] == nil else { continue }
                via[other] = at
                queue.append(other)
            }
        }
        return [name]
    }

    /// Warnings for the names a knowledge base's own templates looked up in the pages just
    /// rendered that no view model has, with the closest key the view model had there.
    /// `earlier`: template → the names pages of earlier builds with this theme found (a
    /// partial build renders some pages: a name they miss may be another page's).
    /// `missed`: the misses to judge (template → name → keys), when not those of the pages
    /// just rendered.
    public func unknownNames(earlier: [String: Set<String>] = [:], missed: TemplateMisses? = nil) -> [Diagnostic] {
        // A name looked up while a parent renders may be written in the page that fills its
        // blocks: it is reported where it is written, in the template itself first.
        let own = overridden.keys.sorted()
        func written(_ name: String, first template: String) -> (path: String, source: String, line: Int, column: Int)? {
            for candidate in [template] + own where overridden[candidate] != nil {
                guard let source = library.source(of: candidate), let path = overridden[candidate] else { continue }
                if let tag = MustacheTemplate.tags(in: source).first(where: { $0.name == name || $0.name.hasPrefix(name + ".") }) {
                    return (path, source, tag.line, tag.column)
                }
            }
            return nil
        }
        return library.lookups.neverFound(earlier: earlier, missed: missed).sorted(by: { $0.key < $1.key }).flatMap {
            template, names -> [Diagnostic] in
            guard overridden[template] != nil || names.keys.contains(where: { written($0, first: template) != nil }) else { return [] }
            return names.sorted(by: { $0.key < $1.key }).compactMap { name, keys in
                let atTop = overridden[template].map { (path: $0, source: library.source(of: template) ?? "", line: 1, column: 1) }
                guard let at = written(name, first: template) ?? atTop else { return nil }
                return .warning(
                    Theme.position(of: name, in: at.source, at: (at.line, at.column), path: at.path),
                    "'\(name)' is in no view model of this template, so it renders empty\(Suggestion.hint(for: name, in: keys))")
            }
        }
    }

    /// Where `name` is written in the tag that starts at `tag` (its line and column): the
    /// name's own column (the tag's when not found there). Not the first place the line has
    /// the text (`<td class="owner">{{owner}}`).
    static func position(of name: String, in source: String, at tag: (line: Int, column: Int), path: String) -> SourceLocation {
        let text = source.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(tag.line - 1).first ?? ""
        let scalars = text.unicodeScalars
        let from = scalars.index(scalars.startIndex, offsetBy: max(0, tag.column - 1), limitedBy: scalars.endIndex) ?? scalars.endIndex
        let column = text[from...].range(of: name).map { scalars.distance(from: scalars.startIndex, to: $0.lowerBound) + 1 } ?? tag.column
        return SourceLocation(path: path, line: tag.line, column: column)
    }

    static func position(
        of name: String, in source: String, at tag: (kind: Character, name: String, line: Int, column: Int), path: String
    ) -> SourceLocation {
        position(of: name, in: source, at: (tag.line, tag.column), path: path)
    }

    /// Renders `template` with a stack of contexts (a page's frame, then its view model); a
    /// missing template is a programmer error of the theme.
    func render(_ stack: [MustacheValue], template: String) -> String {
        library.render(stack: stack, withTemplate: template) ?? ""
    }

    /// The same, with the names it looked up that no context had, of those `unknownNames`
    /// can say: the misses of the knowledge base's own templates, and the names written in
    /// them (`ownNames`); none with the compiled-in theme alone. The theme's own templates
    /// look up names a page may lack (a section for a field it has not), 6 MB of them at
    /// 10,000 events, written with every build.
    func renderTracked(_ stack: [MustacheValue], template: String, ownNames: Set<String>) -> (
        text: String, missed: TemplateMisses
    ) {
        guard let (text, missed) = library.renderTracked(stack: stack, withTemplate: template) else { return ("", [:]) }
        guard !overridden.isEmpty, !missed.isEmpty else { return (text, [:]) }
        var kept: TemplateMisses = [:]
        for (missedIn, names) in missed {
            let said = overridden[missedIn] != nil ? names : names.filter { ownNames.contains($0.key) }
            if !said.isEmpty { kept[missedIn] = said }
        }
        return (text, kept)
    }

    /// The names the knowledge base's own templates write (a dotted one whole and by each
    /// of its first parts: `site.titel` is missed as `site.titel`, `site` as `site`).
    func namesInOwnTemplates() -> Set<String> {
        Set(
            overridden.keys.flatMap { name in
                MustacheTemplate.tags(in: library.source(of: name) ?? "").flatMap { tag in
                    let parts = tag.name.split(separator: ".")
                    return parts.indices.map { parts[...$0].joined(separator: ".") }
                }
            })
    }
}
