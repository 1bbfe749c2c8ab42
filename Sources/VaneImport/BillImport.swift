import Foundation
import VaneContent
import VaneDiagnostics

/// `vane import sbom FILE [--team NAME]`: the components of a bill of materials matched to
/// what the knowledge base tracks, written as use entries under `Content/uses/sbom/TEAM/`,
/// idempotently. Every file written carries `generated: sbom`; a use without it (written by
/// hand) is never touched, and a component whose product and team already have one gets
/// no generated use beside it.
public enum BillImport {
    public struct Options: Sendable {
        /// The bill, as the user named it (diagnostics use this spelling).
        public var file: String
        public var root: URL
        /// Who owns what the bill lists; nil for uses of no team.
        public var team: String?

        public init(file: String, root: URL, team: String? = nil) {
            (self.file, self.root, self.team) = (file, root, team)
        }
    }

    /// One component and what became of it.
    public struct Line: Sendable, Hashable {
        /// The package URL, else the CPE, else the name and version.
        public var component: String
        /// The use's product when matched.
        public var entity: String?
        public var name: String?
        /// Why it was not matched; or, when matched, a note (a use written by hand).
        public var note: String?
    }

    public struct Summary: Sendable {
        public var format = ""
        public var components = 0
        public var matched: [Line] = []
        public var unmatched: [Line] = []
        /// Files and scanned targets, which are no packages: counted, not listed one by one
        /// (an image's bill listed each as not matched, burying the packages that were not).
        public var notPackages = 0
        public var uses = 0
        public var written = 0, unchanged = 0, removed = 0, kept = 0
        /// The team's generated uses removed: their components are not in this bill, or a use
        /// written by hand records them now (`superseded`).
        public var removedPaths: [String] = []
        public var superseded: Set<String> = []

        /// The report: what was matched, what was not and why, then the counts.
        public var report: String {
            var text = ""
            if !matched.isEmpty {
                text += "matched:\n"
                for line in matched {
                    text += "  \(line.component) → \(line.entity ?? "") (\(line.name ?? ""))\(line.note.map { "; \($0)" } ?? "")\n"
                }
            }
            if !unmatched.isEmpty {
                text += "not matched:\n"
                for line in unmatched { text += "  \(line.component): \(line.note ?? "")\n" }
            }
            if !removedPaths.isEmpty {
                text += "removed (written by the last import of this team's bill, not by this one):\n"
                for path in removedPaths {
                    // Its component is in this bill: the note above names the use that records it.
                    text += "  \(path)\(superseded.contains(path) ? " (its component's use is written by hand now)" : "")\n"
                }
            }
            return text
        }

        public var description: String {
            func count(_ n: Int, _ one: String) -> String { "\(n) \(one)\(n == 1 ? "" : "s")" }
            return "read \(count(components, "component")) (\(format)): \(matched.count) matched, \(unmatched.count) not matched"
                + (notPackages > 0 ? ", \(notPackages) not \(notPackages == 1 ? "a package" : "packages") (files, scanned targets)" : "") + "; "
                + "\(count(uses, "use")): \(count(written, "file")) written, \(unchanged) unchanged, \(removed) removed"
                + (kept > 0 ? ", \(kept) kept" : "")
        }
    }

    static let marker = "sbom"

    /// Imports, or with any error changes nothing. The knowledge base itself is checked by
    /// `vane check` and the build, not here: a broken file elsewhere does not stop an import.
    public static func run(_ options: Options) -> (Summary, [Diagnostic]) {
        var summary = Summary()
        if let team = options.team, !IDRule.isValid(team) {
            return (summary, [.error(.top(of: options.file), "team '\(team)' must be an id (lowercase a-z, 0-9, '-')")])
        }
        // The folder and the ids of the uses of no team: an import with `--team any` and one
        // without removed each other's uses; `--team sbom` made the same ids.
        if let team = options.team, reservedTeams.contains(team) {
            let said = "team '\(team)' is taken: Content/uses/sbom/any/sbom-….md are the uses imported without --team; name the team otherwise"
            return (summary, [.error(.top(of: options.file), said)])
        }
        guard let data = FileManager.default.contents(atPath: options.file) else {
            let why = FileManager.default.fileExists(atPath: options.file) ? "it cannot be read" : "no such file"
            return (summary, [.error(.top(of: options.file), "cannot read the file: \(why)")])
        }
        let bill: BillOfMaterials
        do {
            bill = try BillOfMaterials.read(data, path: options.file)
        } catch {
            return (summary, error.diagnostics)
        }
        // SPDX names its version with the format ("SPDX-2.3"); CycloneDX does not ("1.5").
        summary.format = bill.specVersion.hasPrefix(bill.format.rawValue) ? bill.specVersion : "\(bill.format.rawValue) \(bill.specVersion)"
        summary.components = bill.components.count
        let scan = ContentScanner.scan(root: options.root)
        let (entities, uses) = frontMatter(root: options.root, scan: scan)
        var aliases: [String: String] = [:]
        for e in entities { for alias in e.aliases { aliases[alias.text.lowercased()] = e.id } }
        let ids = Set(entities.map(\.id))
        let resolve = { (name: String) in Names.resolve(name, isID: { ids.contains($0) }, aliases: aliases) }
        let matcher = PackageMatcher(entities, resolve: resolve)
        let handWritten = handWrittenUses(uses, resolve: resolve)
        var wanted: [String: String] = [:]
        var firstComponent: [String: String] = [:]
        let folder = "Content/uses/sbom/\(options.team ?? "any")"
        // Ids are unique across the knowledge base: one another entry has is never written.
        let elsewhere = Dictionary(
            scan.entries.filter { !$0.path.hasPrefix(folder + "/") }.compactMap { file in
                file.id.map { ($0, file.path) }
            },
            uniquingKeysWith: { a, _ in a })
        var problems: [Diagnostic] = []
        for component in bill.components {
            guard !component.notPackage else {
                summary.notPackages += 1
                continue
            }
            let label = component.purl ?? component.cpe ?? "\(component.name)@\(component.version ?? "?")"
            switch matcher.match(component) {
            case .unmatched(let reason):
                summary.unmatched.append(Line(component: label, note: reason))
            case .matched(let entity, _, let by, let others, let caution):
                var line = Line(component: label, entity: entity, name: matcher.names[entity])
                if !others.isEmpty {
                    line.note = "\(others.map { "'\($0)'" }.joined(separator: " and ")) carr\(others.count == 1 ? "ies" : "y") this \(by) too"
                }
                if let caution { line.note = [line.note, caution].compactMap { $0 }.joined(separator: "; ") }
                if let own = handWritten[UseKey(entity: entity, team: options.team)] {
                    line.note = "already recorded by hand in \(own)"
                    summary.superseded.insert("\(folder)/\(useID(entity, team: options.team)).md")
                } else {
                    let id = useID(entity, team: options.team)
                    let path = "\(folder)/\(id).md"
                    if let other = elsewhere[id] {
                        problems.append(
                            .error(
                                SourceLocation(path: options.file, line: component.line, column: 1),
                                "the use of '\(entity)' would be '\(id)', the id of \(other); rename that file, or import with another --team"))
                    }
                    // One use per product: the first component that names it gives the version,
                    // and a later one says so (it was dropped without a word).
                    if let first = firstComponent[path] {
                        line.note = "its use is already the one of \(first), the first component of '\(entity)' in the bill"
                    } else {
                        wanted[path] = useText(entity: entity, team: options.team, component: component)
                        firstComponent[path] = label
                    }
                }
                summary.matched.append(line)
            }
        }
        summary.uses = wanted.count
        if !problems.isEmpty { return (summary, problems.sortedForReport()) }
        var counts = EndOfLifeImport.Summary()
        problems = GeneratedFiles.apply(wanted, root: options.root, marker: marker, under: [folder], removable: { _ in true }, into: &counts)
        (summary.written, summary.unchanged, summary.removed, summary.kept) = (counts.written, counts.unchanged, counts.removed, counts.kept)
        summary.removedPaths = counts.removedPaths
        return (summary, problems.sortedForReport())
    }

    private struct UseKey: Hashable {
        var entity: String
        var team: String?
    }

    /// Uses written by hand (or by another tool), by product and team: where they are.
    private static func handWrittenUses(_ uses: [Entry], resolve: (String) -> String?) -> [UseKey: String] {
        var result: [UseKey: String] = [:]
        let today = FuzzyDate.today()
        // One that ended (`until`) records the product no more: a bill that has it again is a new use.
        for e in uses where e.extra["generated"] != .text(marker) && !UseFacts.ended(e.endDate, by: today) {
            guard let written = e.use?.product.text, let product = resolve(written) else { continue }
            result[UseKey(entity: product, team: e.use?.team)] = e.path
        }
        return result
    }

    /// The front matter of every entity and use, read in parallel without the bodies: all
    /// the matching needs, and a fraction of a whole load (events are most of the files).
    /// A file that cannot be read is left to `vane check`.
    static func frontMatter(root: URL, scan: ContentScan) -> (entities: [Entry], uses: [Entry]) {
        let (config, _) = SiteConfigLoader.load(root: root)
        let parser = EntryParser(config: config)
        let files = scan.entries.filter { $0.kind == .entity || $0.kind == .use }
        let slots = ResultSlots<Entry>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            guard let kind = file.kind, let id = file.id, let data = FileManager.default.contents(atPath: file.location) else { return }
            slots[i] = parser.parse(data, kind: kind, id: id, path: file.path, body: false).0
        }
        let entries = slots.values
        return (entries.filter { $0.kind == .entity }, entries.filter { $0.kind == .use })
    }

    /// The names of the folder (`any`) and of the ids (`sbom-…`) of the uses of no team.
    public static let reservedTeams: Set<String> = ["any", "sbom"]

    /// `billing-django-4-2`, or `sbom-django-4-2` without a team; ids stay within 80 characters.
    static func useID(_ entity: String, team: String?) -> String {
        String(((team ?? "sbom") + "-" + entity).prefix(80))
    }

    static func useText(entity: String, team: String?, component: BillOfMaterials.Component) -> String {
        // No title: a use is then named after its product and team as every untitled use
        // is ("Django 4.2 (web)"), and follows the product's renames.
        var front = [("product", entity)]
        if let team { front.append(("team", team)) }
        // The version in use, as the matching took it (the package URL's or the CPE's when it alone has one).
        let version = PackageMatcher.version(of: component)
        if let version { front.append(("version", Scaffold.quoted(version))) }
        front.append(("generated", marker))
        var data: [String] = []
        if let purl = component.purl { data.append("purl: \(Scaffold.quoted(purl))") }
        if let cpe = component.cpe { data.append("cpe: \(Scaffold.quoted(cpe))") }
        if !data.isEmpty { front.append(("data", "{ " + data.joined(separator: ", ") + " }")) }
        let lines = front.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
        let found = ImportedText.prose(component.name + (version.map { " " + $0 } ?? ""))
        let body = "Found in a bill of materials as \(found) (`vane import sbom`).\n"
        return "---\n\(lines)\n---\n\(body)"
    }
}
