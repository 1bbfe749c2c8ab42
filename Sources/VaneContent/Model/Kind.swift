/// What an entry is, decided by its top folder under `Content/`.
public enum Kind: String, Sendable, Codable, CaseIterable, Comparable {
    case entity, event, claim, source, report
    /// That we depend on a product, model or release cycle the knowledge base tracks.
    case use

    public init?(folder: String) {
        guard let kind = Kind.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = kind
    }

    /// The folder under `Content/` (and under the output) holding entries of this kind.
    public var folder: String {
        switch self {
        case .entity: "entities"
        case .event: "events"
        case .claim: "claims"
        case .source: "sources"
        case .report: "reports"
        case .use: "uses"
        }
    }

    /// `entities/, events/, claims/, sources/, reports/ or uses/`: for messages.
    public static var foldersInWords: String {
        let folders = allCases.map { $0.folder + "/" }
        return folders.dropLast().joined(separator: ", ") + " or " + folders.last!
    }

    /// `an entity`, `a claim`: for messages.
    public var withArticle: String { self == .entity || self == .event ? "an \(rawValue)" : "a \(rawValue)" }

    public static func < (a: Kind, b: Kind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
