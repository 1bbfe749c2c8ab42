import Foundation
import VaneContent
import VaneDiagnostics

/// `vane import endoflife DIR`: product files of a local endoflife.date clone written as
/// entries of a knowledge base, idempotently. Every file written carries
/// `generated: endoflife`; a file without it is never touched.
public enum EndOfLifeImport {
    public struct Options: Sendable {
        /// The `products/` folder, as the user named it (diagnostics use this spelling).
        public var products: String
        public var root: URL
        /// Product slugs (file names without `.md`) to import; empty for all.
        public var only: [String] = []
        /// Categories (`lang`, `database`…) to import; empty for all.
        public var categories: [String] = []
        public var progress: (@Sendable (Int, Int) -> Void)?

        /// No day: the import of one snapshot is the same whenever it runs.
        public init(products: String, root: URL) {
            self.products = products
            self.root = root
        }
    }

    public struct Summary: Sendable, Equatable {
        public var products = 0, cycles = 0
        public var entities = 0, events = 0, sources = 0
        public var written = 0, unchanged = 0, removed = 0
        /// Files at generated paths left as an analyst edited them.
        public var kept = 0
        /// The generated files removed, no longer in the data (a report names them: a
        /// second bill for a team replaces the first's uses).
        public var removedPaths: [String] = []

        public var description: String {
            func n(_ count: Int, _ word: String, _ words: String? = nil) -> String { "\(count) \(count == 1 ? word : words ?? word + "s")" }
            return "imported \(n(products, "product")), \(n(cycles, "release cycle")): \(n(entities, "entity", "entities")), "
                + "\(n(events, "event")), \(n(sources, "source")); \(n(written, "file")) written, \(unchanged) unchanged, \(removed) removed"
                + (kept > 0 ? ", \(kept) kept" : "")
        }
    }

    /// The kind folders the import writes under, each in an `endoflife/` subfolder.
    static let folders = ["Content/entities/endoflife", "Content/events/endoflife", "Content/sources/endoflife"]

    /// Imports, reporting every problem; files of products that fail to read are left as
    /// they were.
    public static func run(_ options: Options) -> (Summary, [Diagnostic]) {
        var summary = Summary()
        var diagnostics: [Diagnostic] = []
        let folder = URL(fileURLWithPath: options.products, isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            return (
                summary, [.error(.whole(options.products), "cannot read the folder (expected the products/ folder of an endoflife.date clone)")]
            )
        }
        let slugs = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.map { String($0.dropLast(3)) }.sorted()
        // The clone's root instead of its products/ folder: said as such, not as products missing.
        let inner = folder.appendingPathComponent("products").path
        let hint =
            FileManager.default.fileExists(atPath: inner)
            ? " (this folder is not the products/ folder of an endoflife.date clone: \(options.products.hasSuffix("/") ? options.products : options.products + "/")products is)"
            : ""
        // A product by the name endoflife.date gives it (`rails`, its permalink or an
        // alternate address) as by its file's (`ruby-on-rails`).
        let addresses = options.only.allSatisfy(slugs.contains) ? [:] : Self.addresses(of: slugs, in: folder)
        var only: Set<String> = []
        for slug in options.only {
            // Whatever its case, and with the address's `/` (`Rails`, `/rails`).
            let name = slug.hasPrefix("/") ? String(slug.dropFirst()).lowercased() : slug.lowercased()
            if slugs.contains(slug) {
                only.insert(slug)
            } else if let file = slugs.contains(name) ? name : addresses[name] {
                only.insert(file)
            } else {
                let near = Suggestion.closest(to: name, in: slugs + addresses.keys.sorted()).map { near in
                    slugs.contains(near) ? " (did you mean '\(near)'?)" : " (did you mean '\(near)', the name of '\(addresses[near]!)'?)"
                }
                diagnostics.append(.error(.whole(options.products), "no product '\(slug)'\(hint.isEmpty ? near ?? "" : hint)"))
            }
        }
        var categories: Set<String> = []
        var wanted: [String: String] = [:]
        var owned: Set<String> = []
        var failed: [String] = []
        // `--only` and `--category` add up: these products, and those of these categories.
        let selected = options.only.isEmpty || !options.categories.isEmpty ? slugs : slugs.filter(only.contains)
        for (index, slug) in selected.enumerated() {
            options.progress?(index, selected.count)
            let path = options.products.hasSuffix("/") ? options.products + slug + ".md" : options.products + "/" + slug + ".md"
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(slug + ".md").path) else {
                diagnostics.append(.error(.top(of: path), "cannot read the file"))
                failed += ownedPaths(of: slug)
                continue
            }
            switch EndOfLifeReader.read(data, slug: slug, path: path) {
            case .failure(let failure):
                diagnostics += failure.diagnostics
                failed += ownedPaths(of: slug)
            case .success(let product):
                categories.insert(product.category)
                guard (options.categories.isEmpty && options.only.isEmpty) || options.categories.contains(product.category) || only.contains(slug)
                else { continue }
                let (files, problems) = EndOfLifeMapping(product: product, path: path).files()
                diagnostics += problems
                owned.formUnion(ownedPaths(of: slug))
                summary.products += 1
                for file in files { wanted[file.path] = file.text }
            }
        }
        // A product some of whose files cannot be written is held back whole: its events and
        // its other cycles' advice name the ids not written (the rest of it was written, and
        // `vane check` failed on it, or gave an entry of one's own its status).
        var heldBack: Set<String> = []
        let productsRead = summary.products
        // Two products can make one id (`nimbus-24.md` beside the cycle "24" of `nimbus.md`):
        // neither is written, and what an earlier import wrote at either path stays.
        for (id, paths) in Dictionary(grouping: wanted.keys, by: { ContentScanner.id(ofEntryAt: $0) }) where paths.count > 1 {
            let sorted = paths.sorted()
            diagnostics.append(
                .error(
                    .top(of: sorted[0]),
                    "the import would write the id '\(id)' twice (\(sorted.joined(separator: " and "))): neither product is written; rename one product upstream, or import the other with --only"
                ))
            for path in sorted { wanted[path] = nil }
            failed += sorted
            heldBack.formUnion(sorted.compactMap(Self.slug(of:)))
        }
        // An id an entry outside the import's folders has already, or an entity's alias or
        // former id (a `django.md` written by hand): said at that file (the import wrote it,
        // and the knowledge base no longer checked), and no file of that product is written
        // (a fork of Django 4.2 read retired).
        for (path, said) in Self.taken(wanted.keys.sorted(), root: options.root, folders: folders) {
            diagnostics.append(said)
            wanted[path] = nil
            failed.append(path)
            if let slug = Self.slug(of: path) { heldBack.insert(slug) }
        }
        for slug in heldBack.sorted() {
            let paths = Self.ownedPaths(of: slug)
            for path in wanted.keys where Self.path(path, isIn: paths) { wanted[path] = nil }
            failed += paths
            summary.products -= 1
        }
        // What is counted is what is written (not a file held back).
        for path in wanted.keys {
            if path.hasPrefix("Content/entities/endoflife/"), path.split(separator: "/").count == 5 { summary.cycles += 1 }
            if path.hasPrefix("Content/entities/") { summary.entities += 1 }
            if path.hasPrefix("Content/events/") { summary.events += 1 }
            if path.hasPrefix("Content/sources/") { summary.sources += 1 }
        }
        for category in options.categories where !categories.contains(category) && !categories.isEmpty {
            let known = categories.sorted()
            diagnostics.append(
                .error(
                    .whole(options.products),
                    "no product of category '\(category)'\(Suggestion.hint(for: category, in: known)); the categories are \(known.joined(separator: ", "))"
                ))
        }
        // A folder with no product read (empty, or not the products/ folder: the clone's
        // own README fails to read as one) would remove every file imported before.
        // (With filters, only the files of products read are removed.)
        guard productsRead > 0 || !options.only.isEmpty || !options.categories.isEmpty else {
            let why = selected.isEmpty ? "holds no product file (*.md)" : "holds no product that could be read"
            diagnostics.append(
                .error(
                    .whole(options.products),
                    "the folder \(why): expected the products/ folder of an endoflife.date clone; nothing written or removed"))
            return (summary, diagnostics.sortedForReport())
        }
        // Without filters the import owns every generated file; with them, only those of
        // the products it read. A product that could not be read keeps its files.
        // A product gone from the data keeps all its files while one of them was edited or
        // written by hand: that file names its product, source and other cycles, and removing
        // them left a knowledge base that no longer checked.
        let whole = options.only.isEmpty && options.categories.isEmpty
        let (left, kept, leftProblems) =
            whole ? productsLeftWithEdits(root: options.root, wanted: wanted, read: owned.union(failed), folders: folders) : ([], 0, [])
        diagnostics += leftProblems
        summary.kept += kept
        failed += left.flatMap(ownedPaths(of:))
        let removable: (String) -> Bool = { path in
            func within(_ prefixes: some Sequence<String>) -> Bool { Self.path(path, isIn: prefixes) }
            if within(failed) { return false }
            return options.only.isEmpty && options.categories.isEmpty ? true : within(owned)
        }
        diagnostics += GeneratedFiles.apply(
            wanted, root: options.root, marker: EndOfLifeMapping.marker, under: folders, removable: removable, into: &summary)
        return (summary, diagnostics.sortedForReport())
    }

    /// The products no longer in the data (`read`: the paths of those read, or that failed
    /// to read) with a generated file edited or taken over, each said once where the first
    /// such file is; and how many such files there are.
    static func productsLeftWithEdits(
        root: URL, wanted: [String: String], read: Set<String>, folders: [String]
    ) -> (left: [String], kept: Int, problems: [Diagnostic]) {
        var first: [String: (path: String, state: GeneratedFiles.State)] = [:]
        var kept = 0
        for folder in folders {
            for found in DirectoryWalker.files(under: root.appendingPathComponent(folder).path) ?? [] where found.relative.hasSuffix(".md") {
                let path = folder + "/" + found.relative
                guard wanted[path] == nil, let slug = slug(of: path), !ownedPaths(of: slug).contains(where: read.contains),
                    let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
                else { continue }
                let state = GeneratedFiles.state(of: data, marker: EndOfLifeMapping.marker)
                guard state != .sealed else { continue }
                kept += 1
                if first[slug] == nil { first[slug] = (path, state) }
            }
        }
        let problems = first.sorted { $0.key < $1.key }.map { slug, file in
            Diagnostic.warning(
                .top(of: file.path),
                (file.state == .handWritten ? "taken over by hand (no 'generated: endoflife')" : "edited since the import wrote it")
                    + ", and its product '\(slug)' is no longer in the data: the product's files are left as they are "
                    + "(it names them); delete Content/entities/endoflife/\(slug)/ and its other files to remove it")
        }
        return (Array(first.keys), kept, problems)
    }

    /// Of `paths` the import would write, those whose id names an entry of `Content/`
    /// outside `folders` already (its id, an alias or a former id), each with what says so.
    static func taken(_ paths: [String], root: URL, folders: [String]) -> [(String, Diagnostic)] {
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Content").path) else { return [] }
        var names: [String: (path: String, how: String)] = [:]
        for entry in ContentLoader.load(root: root).knowledgeBase.entries where !folders.contains(where: { entry.path.hasPrefix($0 + "/") }) {
            names[entry.id] = names[entry.id] ?? (entry.path, "id")
            for alias in entry.aliases { names[alias.text.lowercased()] = names[alias.text.lowercased()] ?? (entry.path, "alias") }
            for former in entry.formerIDs { names[former.text.lowercased()] = (entry.path, "former id") }
        }
        return paths.compactMap { path in
            let id = ContentScanner.id(ofEntryAt: path)
            guard let (other, how) = names[id] else { return nil }
            let fix = how == "id" ? "give this entry another id" : "remove that \(how) from this entity"
            return (
                path,
                .error(
                    .top(of: other),
                    "the import would write the id '\(id)' (\(path)), which is this entry's \(how) already: no file of its product is written; \(fix), or import without that product"
                )
            )
        }
    }

    /// Each product file's names on endoflife.date (its permalink and alternate addresses,
    /// without the `/`) → the file's name, read only when `--only` names no file.
    static func addresses(of slugs: [String], in folder: URL) -> [String: String] {
        var found: [String: String] = [:]
        for slug in slugs {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(slug + ".md").path) else { continue }
            for name in EndOfLifeReader.addresses(data) where found[name] == nil { found[name] = slug }
        }
        return found
    }

    /// The product a generated path belongs to.
    static func slug(of path: String) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 4, parts[2] == "endoflife" else { return nil }
        if parts.count == 4 {
            let name = String(parts[3].dropLast(3))
            return parts[1] == "sources" ? (name.hasPrefix("endoflife-") ? String(name.dropFirst("endoflife-".count)) : nil) : name
        }
        return parts[3]
    }

    /// Whether `path` is one of `places`: files, and folders ending in `/` holding it.
    static func path(_ path: String, isIn places: some Sequence<String>) -> Bool {
        places.contains { path == $0 || ($0.hasSuffix("/") && path.hasPrefix($0)) }
    }

    /// The paths (files, and folders ending in `/`) of one product's entries.
    static func ownedPaths(of slug: String) -> [String] {
        [
            "Content/entities/endoflife/\(slug).md", "Content/entities/endoflife/\(slug)/", "Content/events/endoflife/\(slug)/",
            "Content/sources/endoflife/endoflife-\(slug).md",
        ]
    }
}

/// Writes generated files where they differ, removes generated files no longer wanted,
/// and never touches a file an analyst wrote or edited.
///
/// Each file is sealed: its marker line carries a digest of the text the import wrote
/// (`generated: endoflife 3f9c…`). A file whose text no longer matches its digest was
/// edited by hand, and one without the marker line was taken over by hand: both are left
/// as they are, with a warning (a re-import does not fail on them). A marker without a
/// digest (written by an earlier version) counts as unedited.
enum GeneratedFiles {
    /// What became of a file at a generated path.
    enum State: Equatable {
        case sealed
        case edited
        case handWritten
    }

    static func apply(
        _ wanted: [String: String], root: URL, marker: String, under generatedFolders: [String], removable: (String) -> Bool,
        into summary: inout EndOfLifeImport.Summary
    ) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let fm = FileManager.default
        var folders: Set<String> = []
        for (path, plain) in wanted.sorted(by: { $0.key < $1.key }) {
            let text = seal(plain, marker: marker)
            let url = root.appendingPathComponent(path)
            let old = fm.contents(atPath: url.path)
            if let old {
                if old == Data(text.utf8) {
                    summary.unchanged += 1
                    continue
                }
                // The data changed since the import wrote it: the kept copy is stale (a cycle's
                // facts said one end of life, its event another), and said so.
                let changed = recordedDigest(of: old, marker: marker).map { $0 != digest(plain) } ?? false
                if let kept = keptMessage(state(of: old, marker: marker), marker: marker, dataChanged: changed) {
                    problems.append(.warning(.top(of: path), kept))
                    summary.kept += 1
                    continue
                }
            }
            do {
                let folder = url.deletingLastPathComponent()
                if folders.insert(folder.path).inserted { try fm.createDirectory(at: folder, withIntermediateDirectories: true) }
                // A new file is created in place; one that exists is replaced whole, never half-written.
                try Data(text.utf8).write(to: url, options: old == nil ? .withoutOverwriting : .atomic)
                summary.written += 1
            } catch {
                problems.append(.error(.top(of: path), "cannot write the file: \((error as NSError).localizedDescription)"))
            }
        }
        // What the data no longer has: removed, unless an analyst's file (or one kept as
        // edited) still names it, which would fail `vane check` once it was gone.
        var leaving: [String] = []
        for folder in generatedFolders {
            for found in DirectoryWalker.files(under: root.appendingPathComponent(folder).path) ?? [] where found.relative.hasSuffix(".md") {
                let path = folder + "/" + found.relative
                guard wanted[path] == nil, removable(path), let data = fm.contents(atPath: root.appendingPathComponent(path).path) else { continue }
                switch state(of: data, marker: marker) {
                case .handWritten: continue
                case .edited:
                    problems.append(
                        .warning(
                            .top(of: path),
                            "edited since the import wrote it, and no longer in the data; left as it is (delete it if it is gone, or remove its 'generated: \(marker)' line to keep it for good)"
                        ))
                    summary.kept += 1
                    continue
                case .sealed: leaving.append(path)
                }
            }
        }
        let named = namedElsewhere(leaving, root: root)
        for path in leaving {
            if let why = named[path] {
                problems.append(
                    .warning(
                        .top(of: path), "no longer in the data, but \(why); left as it is (remove what names it, then import again to remove it)"))
                summary.kept += 1
                continue
            }
            do {
                try fm.removeItem(at: root.appendingPathComponent(path))
                summary.removed += 1
                summary.removedPaths.append(path)
            } catch {
                problems.append(.error(.top(of: path), "cannot remove the file: \((error as NSError).localizedDescription)"))
            }
        }
        for folder in generatedFolders { removeEmptyFolders(under: root.appendingPathComponent(folder)) }
        return problems
    }

    /// Of the files `leaving`, those a file of `Content/` that stays names, each with why
    /// (the first such file); what a file so kept names in turn (a cycle's entity names its
    /// product); and the events that set the status of an entity so kept (a cycle a use
    /// names kept its file but lost its release and its end: the use read "untracked"
    /// instead of "gone"). Named as `vane check` reads names: the knowledge base as it now
    /// is, linked, its edges into them (a word of prose or of an address names nothing).
    static func namedElsewhere(_ leaving: [String], root: URL) -> [String: String] {
        guard !leaving.isEmpty else { return [:] }
        let paths = Set(leaving)
        var byID: [String: String] = [:]
        for path in leaving { byID[ContentScanner.id(ofEntryAt: path)] = path }
        let edges = ContentLoader.load(root: root).knowledgeBase.edges.filter { byID[$0.to] != nil }
        var kept: [String: String] = [:]
        var grew = true
        while grew {
            grew = false
            for edge in edges {
                guard let target = byID[edge.to], target != edge.location.path else { continue }
                let from = edge.location.path
                if kept[target] == nil, !paths.contains(from) || kept[from] != nil {
                    kept[target] = "\(from) names it"
                    grew = true
                } else if edge.relation == .setsStatus, kept[target] != nil, paths.contains(from), kept[from] == nil {
                    kept[from] = "it sets the status of \(target), which is kept"
                    grew = true
                }
            }
        }
        return kept
    }

    /// Why a file the data would change is left as it is; nil when it may be overwritten.
    private static func keptMessage(_ state: State, marker: String, dataChanged: Bool) -> String? {
        switch state {
        case .sealed: nil
        case .edited:
            "edited since the import wrote it\(dataChanged ? ", and the data changed since:" : ";") left as it is, not updated (delete it to have it written again, or remove its 'generated: \(marker)' line to keep the edit for good)"
        case .handWritten: "kept as written by hand (no 'generated: \(marker)'); not updated"
        }
    }

    /// The text with its marker line sealed by the digest of the text.
    static func seal(_ text: String, marker: String) -> String {
        let line = "\ngenerated: \(marker)\n"
        guard let range = text.range(of: line) else { return text }
        return text.replacingCharacters(in: range, with: "\ngenerated: \(marker) \(digest(text))\n")
    }

    /// 16 hex digits of the unsealed text.
    static func digest(_ text: String) -> String {
        let hex = String(StableHash.of(text), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether the file is the import's and as it wrote it.
    static func state(of data: Data, marker: String) -> State {
        let text = String(decoding: data, as: UTF8.self)
        guard let line = markerLine(of: text, marker: marker) else { return .handWritten }
        guard let recorded = digest(inMarker: line, marker: marker) else { return .sealed }
        let plain = text.replacingOccurrences(of: "\n\(line)\n", with: "\ngenerated: \(marker)\n")
        return recorded == digest(plain) ? .sealed : .edited
    }

    /// The digest the import sealed a file with: that of the text it wrote.
    static func recordedDigest(of data: Data, marker: String) -> String? {
        markerLine(of: String(decoding: data, as: UTF8.self), marker: marker).flatMap { digest(inMarker: $0, marker: marker) }.map(String.init)
    }

    /// The front matter's `generated:` line of this marker, with or without its digest.
    private static func markerLine(of text: String, marker: String) -> Substring? {
        guard text.hasPrefix("---\n") else { return nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            if line == "---" { return nil }
            if line == "generated: \(marker)" || line.hasPrefix("generated: \(marker) ") { return line }
        }
        return nil
    }

    /// The digest a marker line carries; nil for a marker without one (an earlier import's).
    private static func digest(inMarker line: Substring, marker: String) -> Substring? {
        let prefix = "generated: \(marker) "
        return line.hasPrefix(prefix) ? line.dropFirst(prefix.count) : nil
    }

    private static func removeEmptyFolders(under folder: URL) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                removeEmptyFolders(under: url)
                if (try? fm.contentsOfDirectory(atPath: url.path))?.isEmpty == true { try? fm.removeItem(at: url) }
            }
        }
    }
}
