import VaneContent

/// Matches a bill's components to what the knowledge base tracks: a package URL (or CPE)
/// to a product that carries it in its identifiers, then the component's version to the
/// product's release cycle.
///
/// A product's identifiers are the lists `purl` and `cpe` in its `data` (the endoflife.date
/// import writes them), or `identifiers: [{ purl: … }, { cpe: … }]` written by an analyst
/// on any entity.
struct PackageMatcher {
    enum Outcome: Sendable, Hashable {
        /// The entity used (a release cycle, or the product when it has none), and how;
        /// `others`: the other entities that carry the same package URL or CPE.
        /// `caution`: why the match may be wrong (a library matched by a CPE that may name
        /// the server it talks to), said on the report's line.
        case matched(entity: String, product: String, by: String, others: [String] = [], caution: String? = nil)
        case unmatched(reason: String)
    }

    /// Every entity that carries each package URL (or CPE), by id.
    private var byPurl: [String: [String]] = [:]
    private var byCPE: [String: [String]] = [:]
    /// Each product's release cycles: (cycle as written, entity id).
    private var cycles: [String: [(name: String, id: String)]] = [:]
    let names: [String: String]

    /// From the knowledge base's entities (their front matter only).
    init(_ entities: [Entry], resolve: (String) -> String?) {
        var names: [String: String] = [:]
        var codenames: [String: [String: Set<String>]] = [:]
        // Sorted by id: when two products claim one package, the order is the same every time.
        for e in entities.sorted(by: { $0.id < $1.id }) {
            names[e.id] = e.title
            for (scheme, value) in PackageMatcher.identifiers(e.extra) {
                if scheme == "purl", let key = PackageMatcher.purlKey(value), byPurl[key]?.contains(e.id) != true {
                    byPurl[key, default: []].append(e.id)
                }
                if scheme == "cpe", let key = PackageMatcher.cpeKey(value)?.key, byCPE[key]?.contains(e.id) != true {
                    byCPE[key, default: []].append(e.id)
                }
            }
            let parent = e.references.first { $0.relation == .parent }.flatMap { resolve($0.target) }
            if let cycle = e.extra["release_cycle"]?.scalarText, let parent {
                cycles[parent, default: []].append((cycle, e.id))
                // A version written as the cycle's codename (`bookworm`, as scanners read
                // VERSION_CODENAME), the codename's first word too (`jammy` of "Jammy Jellyfish").
                if let codename = e.extra["codename"]?.scalarText?.lowercased(), !codename.isEmpty {
                    let first = codename.split(separator: " ").first.map(String.init) ?? codename
                    // Not one that starts with a digit (Visual Studio's "2022", a "6.0"): that
                    // is a version, not a name, and beat the cycle of that number.
                    for name in [codename, first] where !(name.first?.isNumber ?? true) {
                        codenames[parent, default: [:]][name, default: []].insert(e.id)
                    }
                }
            }
        }
        // A codename several cycles share names none of them ("oreo" is Android 8.0 and 8.1):
        // the component is said not matched rather than given the oldest.
        for (parent, byName) in codenames {
            for (name, ids) in byName.sorted(by: { $0.key < $1.key }) where ids.count == 1 {
                cycles[parent, default: []].append((name, ids.first!))
            }
        }
        self.names = names
    }

    func match(_ c: BillOfMaterials.Component) -> Outcome {
        var candidates: [String] = []
        var by = ""
        var caution: String?
        if c.purl == nil, c.cpe == nil {
            // An operating system, as syft writes it (`ubuntu` `22.04`, no package URL nor
            // CPE): the product of that id or name with release cycles (Debian 11 ended, and
            // the bill said nothing of it), by os-release's id too (`alpine`: Alpine Linux).
            let name = c.name.lowercased()
            guard c.operatingSystem else { return .unmatched(reason: "no package URL or CPE") }
            let known = PackageMatcher.osReleaseIDs[name] ?? name
            guard !name.isEmpty, let product = cycles.keys.sorted().first(where: { $0 == known || $0 == name || names[$0]?.lowercased() == name })
            else { return .unmatched(reason: "an operating system whose name, '\(c.name)', is no product's id or name") }
            (candidates, by) = ([product], "operating system name")
        } else if let purl = c.purl, let key = PackageMatcher.purlKey(purl), let found = byPurl[key] {
            (candidates, by) = (found, "package URL")
        } else if let cpe = c.cpe, let key = PackageMatcher.cpeKey(cpe)?.key, let found = byCPE[key] {
            // A library's CPE may name the server it talks to (syft gives PyPI's `redis` client
            // the CPE of Redis, and it read as Redis 5.0), or the product itself (Go's
            // `pkg:golang/stdlib`, embedded Tomcat): matched, and said.
            if let purl = c.purl, let type = PackageMatcher.purlKey(purl)?.split(separator: "/").first,
                PackageMatcher.libraryTypes.contains(String(type))
            {
                caution =
                    "matched by its CPE, '\(key)': a \(type) package's CPE may name what it connects to; if it is a client of \(found[0]), not \(found[0]) itself, remove this use (or add its package URL to the right product)"
            }
            (candidates, by) = (found, "CPE")
        }
        // Two entities carry it (a fork beside the product): the one with a release cycle of
        // this version, else one with cycles, else the first id; the others are said. The
        // component's version, else its package URL's or CPE's when that one names a cycle
        // (syft writes Go's `go1.21.5`, its package URL `1.21.5`).
        let versions = PackageMatcher.versions(of: c)
        func cycle(of id: String) -> String? { versions.lazy.compactMap { v in cycles[id].flatMap { PackageMatcher.cycle(of: v, among: $0) } }.first }
        let version = versions.first
        let product = candidates.first { cycle(of: $0) != nil } ?? candidates.first { cycles[$0]?.isEmpty == false } ?? candidates.first
        let others = candidates.filter { $0 != product }
        guard let product else {
            // A package URL that is none (`pkg:pypi`, a web address) is said to be one, unless the CPE served.
            if let purl = c.purl, PackageMatcher.purlKey(purl) == nil, c.cpe.flatMap(PackageMatcher.cpeKey) == nil {
                return .unmatched(reason: "'\(purl)' is not a package URL (pkg:TYPE/NAME@VERSION)")
            }
            return .unmatched(reason: "unknown package (no product carries this \(c.purl != nil ? "package URL" : "CPE"))")
        }
        guard cycles[product]?.isEmpty == false else { return .matched(entity: product, product: product, by: by, others: others, caution: caution) }
        guard let version, !version.isEmpty else {
            return .unmatched(reason: "no version, and '\(product)' has release cycles to choose from")
        }
        // A range or a pin from a manifest, not the version installed (a bill made without a
        // lock file): it read as a cycle the knowledge base lacked, or as its first version
        // (`3.0.0 - 3.9.9` as Django 3.0).
        if version.first.map({ "^~<>=!*[(".contains($0) }) == true || [",", "||", " - "].contains(where: version.contains) {
            return .unmatched(reason: "version '\(version)' is a range, not the version installed (a bill made from a lock file names it)")
        }
        guard let cycle = cycle(of: product) else {
            return .unmatched(reason: "no cycle of '\(product)' for version \(version)")
        }
        return .matched(entity: cycle, product: product, by: by, others: others, caution: caution)
    }

    /// Package URL types of languages' package managers, whose package URL is what a
    /// component is: their CPE is not followed to a product.
    static let libraryTypes: Set<String> = [
        "pypi", "npm", "maven", "gem", "nuget", "golang", "cargo", "composer", "hex", "pub", "cocoapods", "swift", "conda", "cran",
        "hackage", "conan", "gradle", "github",
    ]

    /// os-release `ID`s, as syft and trivy name an image's operating system, whose product on
    /// endoflife.date has another id.
    static let osReleaseIDs = [
        "alpine": "alpine-linux", "amzn": "amazon-linux", "rocky": "rocky-linux", "ol": "oracle-linux", "redhat": "rhel", "opensuse-leap": "opensuse",
    ]

    /// The component's own version, else the one its package URL, then its CPE, carries.
    static func version(of c: BillOfMaterials.Component) -> String? { versions(of: c).first }

    /// The versions a component gives, its own first, then its package URL's and its CPE's.
    static func versions(of c: BillOfMaterials.Component) -> [String] {
        var found: [String] = []
        for v in [c.version, c.purl.flatMap(PackageMatcher.purlVersion), c.cpe.flatMap { PackageMatcher.cpeKey($0)?.version }] {
            if let v, !v.isEmpty, !found.contains(v) { found.append(v) }
        }
        return found
    }

    /// The longest cycle the version is in: `4.2.11` is in `4.2` (and in `4`), not in `4.20`;
    /// `1.1.1w` is in `1.1.1`, `8u402-b06` in `8`, `1.24rc1` in `1.24` (anything but a digit
    /// may follow the cycle). A distribution's epoch goes first: `1:3.0.2-0ubuntu1` is in `3.0`.
    static func cycle(of version: String, among cycles: [(name: String, id: String)]) -> String? {
        var v = Substring(version)
        if let colon = v.firstIndex(of: ":"), colon > v.startIndex, v[..<colon].allSatisfy({ $0.isASCII && $0.isNumber }) {
            v = v[v.index(after: colon)...]
        }
        if v.first == "v" || v.first == "V" { v = v.dropFirst() }
        // A codename in any case (`Bookworm`, `bookworm`).
        let lower = Substring(v.lowercased())
        let inside = cycles.filter { c in
            let name = c.name.lowercased()
            guard !name.isEmpty, lower.hasPrefix(name) else { return false }
            let next = lower.dropFirst(name.count).first
            return next.map { !($0.isASCII && $0.isNumber) } ?? true
        }
        // Java's old form (`1.8.0_402`, as `java -version` and syft write Java 8): cycle 8.
        if inside.isEmpty, let legacy = lower.wholeMatch(of: /1\.([0-9]+)\.0_.*/) {
            return cycle(of: String(legacy.1), among: cycles)
        }
        return inside.max { ($0.name.count, $1.id) < ($1.name.count, $0.id) }?.id
    }

    /// Every (scheme, value) an entity carries: `data` lists, then `identifiers`.
    static func identifiers(_ extra: [String: FieldValue]) -> [(String, String)] {
        var result: [(String, String)] = []
        for scheme in ["purl", "cpe"] {
            switch extra[scheme] {
            case .text(let value)?: result.append((scheme, value))
            case .list(let items)?:
                for case .text(let value) in items { result.append((scheme, value)) }
            default: break
            }
        }
        if case .list(let items)? = extra["identifiers"] {
            for case .map(let pairs) in items {
                for (scheme, value) in pairs { if case .text(let text) = value { result.append((scheme, text)) } }
            }
        }
        return result
    }

    /// `pkg:pypi/django@4.2.11?x=y#sub` → `4.2.11`, percent-decoded; nil without one.
    static func purlVersion(_ purl: String) -> String? {
        var rest = Substring(purl)
        if let cut = rest.firstIndex(of: "#") { rest = rest[..<cut] }
        if let cut = rest.firstIndex(of: "?") { rest = rest[..<cut] }
        guard let at = rest.lastIndex(of: "@"), at > (rest.lastIndex(of: "/") ?? rest.startIndex) else { return nil }
        let version = String(rest[rest.index(after: at)...])
        let decoded = version.removingPercentEncoding ?? version
        // A line break or a control character decoded (`%0A---%0A`) is no version: a use's
        // field is one line (it wrote a file the next build refused).
        guard !decoded.isEmpty, !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return decoded
    }

    /// `pkg:pypi/Django_Rest@1.0?x=y#sub` → `pypi/django-rest`: without version, qualifiers
    /// and subpath, percent-decoded, lowercased; PyPI names normalised as pip does.
    static func purlKey(_ purl: String) -> String? {
        guard purl.lowercased().hasPrefix("pkg:") else { return nil }
        var rest = Substring(purl.dropFirst(4))
        while rest.hasPrefix("/") { rest = rest.dropFirst() }
        if let cut = rest.firstIndex(of: "#") { rest = rest[..<cut] }
        if let cut = rest.firstIndex(of: "?") { rest = rest[..<cut] }
        // The version's `@` comes after the last `/` (an npm scope's `@` comes before it).
        if let at = rest.lastIndex(of: "@"), at > (rest.lastIndex(of: "/") ?? rest.startIndex) { rest = rest[..<at] }
        var parts = rest.split(separator: "/").map { ($0.removingPercentEncoding ?? String($0)).lowercased() }
        guard parts.count >= 2 else { return nil }
        if parts[0] == "pypi" {
            parts[parts.count - 1] = String(parts[parts.count - 1].map { $0 == "_" || $0 == "." ? "-" : $0 })
        }
        return parts.joined(separator: "/")
    }

    /// `cpe:2.3:a:djangoproject:django:4.2.11:*…` or `cpe:/a:djangoproject:django:4.2.11`:
    /// part, vendor and product as the key, and the version when there is one.
    static func cpeKey(_ cpe: String) -> (key: String, version: String?)? {
        let lower = cpe.lowercased()
        let fields: [String]
        if lower.hasPrefix("cpe:2.3:") {
            fields = cpeFields(lower.dropFirst(8))
        } else if lower.hasPrefix("cpe:/") {
            // A 2.2 URI percent-encodes what 2.3 escapes (`1%3a20.11.1`, an epoch).
            fields = cpeFields(lower.dropFirst(5)).map { $0.removingPercentEncoding ?? $0 }
        } else {
            return nil
        }
        guard fields.count >= 3 else { return nil }
        let version = fields.count > 3 && !["*", "-", ""].contains(fields[3]) ? fields[3] : nil
        return ("\(fields[0]):\(fields[1]):\(fields[2])", version)
    }

    /// A CPE's fields, apart at each `:` not escaped, each unescaped: `1\:20.11.1` (a
    /// distribution's epoch) is one field, `1:20.11.1` (it read as Node.js 1).
    private static func cpeFields(_ text: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var escaped = false
        for c in text {
            if escaped {
                field.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" {
                fields.append(field)
                field = ""
            } else {
                field.append(c)
            }
        }
        fields.append(field)
        return fields
    }
}
