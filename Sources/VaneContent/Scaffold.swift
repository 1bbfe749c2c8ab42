import Foundation
import VaneDiagnostics

/// `vane new KIND TITLE`: a new entry with the front matter its kind needs.
public enum Scaffold {
    public enum Failure: VaneError {
        case unknownKind(String)
        case emptyID(String)
        /// An id given with `--id` that is not one (lowercase a-z, 0-9, '-').
        case invalidID(String)
        case exists(String)
        /// The id is another entry's (its path): ids are unique across kinds.
        case idTaken(id: String, by: String)
        /// The id is an alias or former id of an entity (its id and path): names resolve to one entry.
        case nameTaken(id: String, entity: String, path: String)
        case unknownType(String, kind: String, allowed: [String])
        /// A title of more than one line (the format's titles are one line).
        case multilineTitle(String)

        /// What was asked names no kind or type: a usage error, not a failure to write.
        public var isUsageError: Bool {
            switch self {
            case .unknownKind, .unknownType, .emptyID, .invalidID, .multilineTitle: true
            case .exists, .idTaken, .nameTaken: false
            }
        }

        public var description: String {
            switch self {
            case .unknownKind(let k) where SiteConfig().entityTypes.contains(k):
                // `vane new model …`: a type of entity, not a kind.
                "unknown kind '\(k)': '\(k)' is a type of entity, so write vane new entity … --type \(k); kinds are \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            case .unknownKind(let k):
                "unknown kind '\(k)'\(Suggestion.hint(for: k, in: Kind.allCases.map(\.rawValue))); kinds are \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            case .emptyID(let t): "cannot make an id from '\(t)' (it has no letter a-z or digit): give one with --id"
            case .invalidID(let id):
                "'\(id)' is not an id (1 to 80 of lowercase a-z, 0-9 and '-')"
                    + (Scaffold.suggestedID(id).map { ": '\($0)'?" } ?? "")
            case .exists(let p): "\(p) already exists (not overwritten)"
            case .multilineTitle(let t): "a title is one line: '\(t.split(whereSeparator: \.isNewline).joined(separator: " "))'?"
            case .nameTaken(let id, let entity, let path):
                "'\(id)' is already a name of '\(entity)' (\(path): an alias or former id), so the new entry could not be linked by it; give it another title, or an id with --id"
            case .idTaken(let id, let path):
                "the id '\(id)' is taken by \(path) (ids are unique across kinds); give the new entry another title, or an id with --id"
            case .unknownType(let t, let kind, let allowed):
                "unknown \(kind) type '\(t)'\(Suggestion.hint(for: t, in: allowed)); "
                    + (allowed.isEmpty ? "a \(kind) has no type" : "\(kind) types are \(allowed.joined(separator: ", "))")
            }
        }
    }

    /// The id a title gives: lowercase letters and digits, other runs as '-', at most 80,
    /// cut after a whole word.
    public static func id(from title: String) -> String {
        var id = ""
        // Letters no diacritic folding reaches are spelled out (`Straße` was `stra-e`, `œuvre` `uvre`),
        // and letters written as one character for several as those (`ﬁsh` was `sh`, `Ǆemal`
        // `emal`, `Ⅻ` nothing); a symbol or a fraction is no word (`Acme™` is not `acmetm`).
        let letters = title.map { c -> String in
            c.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) ? String(c).decomposedStringWithCompatibilityMapping : String(c)
        }.joined()
        let spelled = letters.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .unicodeScalars.map { c in
                ligatures[c].map { String($0) } ?? String(c)
            }.joined()
        for c in spelled.unicodeScalars {
            if ("a"..."z").contains(c) || ("0"..."9").contains(c) {
                id.unicodeScalars.append(c)
            } else if !id.isEmpty && !id.hasSuffix("-") {
                id += "-"
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        if id.count > 80 {
            let cut = id.prefix(81)
            // Up to the last word boundary that fits, unless the first word alone is too long.
            id = cut.last == "-" ? String(cut.dropLast()) : cut.lastIndex(of: "-").map { String(cut[..<$0]) } ?? String(cut.prefix(80))
        }
        return id
    }

    private static let ligatures: [Unicode.Scalar: String] = [
        "ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i", "ħ": "h",
    ]

    /// The id `written` would be, when it is not one but makes one (`Meta AI` → `meta-ai`).
    static func suggestedID(_ written: String) -> String? {
        let made = id(from: written)
        return made.isEmpty || made == written ? nil : made
    }

    /// Any text as a YAML double-quoted scalar: JSON's string syntax is valid YAML (the
    /// solidus is left unescaped, which YAML 1.1 readers do not all accept).
    public static func quoted(_ text: String) -> String {
        let json = (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        return json.replacingOccurrences(of: "\\/", with: "/")
    }

    /// Writes the entry and returns its root-relative path. Refuses to replace any file,
    /// or to reuse an id that another entry has.
    /// `id`: the id to use rather than one made from the title (a title with no letter
    /// a-z or digit, `日本語`, gives none).
    public static func create(
        kind name: String, title: String, type: String? = nil, id given: String? = nil, root: URL, today: FuzzyDate = .today()
    ) throws -> String {
        let singular = name.hasSuffix("ies") ? String(name.dropLast(3)) + "y" : name.hasSuffix("s") ? String(name.dropLast()) : name
        guard let kind = Kind(rawValue: singular) else { throw Failure.unknownKind(name) }
        let types = types(of: kind, config: SiteConfigLoader.load(root: root).0)
        if let type, !types.contains(type) { throw Failure.unknownType(type, kind: kind.rawValue, allowed: types) }
        if let given, !IDRule.isValid(given) { throw Failure.invalidID(given) }
        // It would be written, and then refused by `vane check` ('title' must be one line).
        if title.contains(where: \.isNewline) { throw Failure.multilineTitle(title) }
        let id = given ?? id(from: title)
        guard !id.isEmpty else { throw Failure.emptyID(title) }
        let path = "Content/\(kind.folder)/\(id).md"
        let scan = ContentScanner.scan(root: root)
        let taken = scan.entries.first { $0.id == id }
        if let taken { throw taken.path == path ? Failure.exists(path) : Failure.idTaken(id: id, by: taken.path) }
        // Only entities have aliases and former ids: their front matter alone is read.
        let parser = EntryParser(config: SiteConfigLoader.load(root: root).0)
        for file in scan.entries where file.kind == .entity {
            guard let data = FileManager.default.contents(atPath: file.location),
                let entity = parser.parse(data, kind: .entity, id: file.id ?? "", path: file.path, body: false).0
            else { continue }
            if (entity.aliases + entity.formerIDs).contains(where: { $0.text.lowercased() == id }) {
                throw Failure.nameTaken(id: id, entity: entity.id, path: file.path)
            }
        }
        let url = root.appendingPathComponent(path)
        guard !FileManager.default.fileExists(atPath: url.path) else { throw Failure.exists(path) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Without overwriting (O_EXCL): never replace a file that appeared in the meantime.
        do {
            try Data(template(kind, title: title, type: type, types: types, today: today).utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw Failure.exists(path)
        }
        return path
    }

    /// The types an entry of `kind` may have.
    static func types(of kind: Kind, config: SiteConfig) -> [String] {
        switch kind {
        case .entity: config.entityTypes
        case .event: config.eventTypes
        case .claim: SiteConfig.claimTypes
        case .source: SiteConfig.sourceTypes
        case .report, .use: []
        }
    }

    /// The entry's front matter. Without `--type`, an entity's or event's type is left empty
    /// for the author to choose (`vane check` says so until then), with the choices beside it.
    static func template(_ kind: Kind, title: String, type: String?, types: [String], today: FuzzyDate) -> String {
        let quotedTitle = Self.quoted(title)
        // The choices beside an empty type only: after a value, YAML cuts ` #` off as a
        // comment, which `vane check` warns of (an error under --strict).
        let typeLine = type.map { "type: \($0)" } ?? "type:   # \(types.joined(separator: ", "))"
        switch kind {
        case .entity:
            return "---\nname: \(quotedTitle)\n\(typeLine)\n---\n"
        case .event:
            return
                "---\ntitle: \(quotedTitle)\ndate: \(today.text)\n\(typeLine)\nentities: []  # the ids of the entities involved\nsources: []  # the ids of the sources\n---\n"
        case .claim:
            return
                "---\ntitle: \(quotedTitle)\nclaimant:  # the id of who said it\nabout: []  # the ids of what it is about\ndate: \(today.text)\n\(type.map { "type: \($0)" } ?? "# type: one of \(types.joined(separator: ", "))\ntype: assessment")\nsources: []\n---\n"
        case .source:
            return
                "---\ntitle: \(quotedTitle)\n# publisher: a name, or the id of an entity\npublisher:\nurl: https://\naccessed: \(today.text)\n\(type.map { "type: \($0)\n" } ?? "")---\n"
        case .report:
            return
                "---\ntitle: \(quotedTitle)\ndate: \(today.text)\nauthors: []  # the ids of who wrote it\nsummary: \"\"  # one paragraph for the index and the feed\n---\n"
        case .use:
            return
                "---\ntitle: \(quotedTitle)\nproduct:  # the id of the product, model or release cycle we use\nteam:  # who owns it\ncriticality: medium  # critical, high, medium, low\nsince: \(today.text)\nversion:\n# channel: the one channel of the product we depend on (esu), when not the whole product\n# plan: what we will do about its end, and plan_date: by when\nplan:\nplan_date:\n# until: the day we stopped using it (a migration done): from then it is no exposure\n---\n"
        }
    }
}
