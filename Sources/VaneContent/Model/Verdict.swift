/// What became of a claim: undecided, or judged one way or the other. One order everywhere
/// (lists, scorecard columns): undecided first, then kept and broken (commitments),
/// confirmed and refuted (assessments, rumours, facts), superseded.
public enum Verdict: String, Codable, CaseIterable, Sendable, Hashable {
    case pending, kept, broken, confirmed, refuted, superseded

    /// Kept, broken, confirmed or refuted: judged either way.
    public var isDecided: Bool { [.kept, .broken, .confirmed, .refuted].contains(self) }

    public static var names: [String] { allCases.map(\.rawValue) }
}

/// What a claim asserts: a promise (judged kept or broken) or something said to be true
/// (judged confirmed or refuted). A closed set, unlike entity and event types, which a
/// knowledge base's settings extend.
public enum ClaimType: String, Codable, CaseIterable, Sendable, Hashable {
    case commitment, assessment, rumour, fact

    /// A claim that names no type.
    public static let unstated = ClaimType.assessment

    public static var names: [String] { allCases.map(\.rawValue) }

    /// The verdicts that judge it either way (besides pending and superseded).
    public var verdicts: [Verdict] { self == .commitment ? [.kept, .broken] : [.confirmed, .refuted] }

    /// "an assessment", "a rumour".
    public var withArticle: String { (self == .assessment ? "an " : "a ") + rawValue }
}

extension Entry {
    /// A claim's type; nil for other kinds.
    public var claimType: ClaimType? { kind == .claim ? type.flatMap(ClaimType.init) ?? .unstated : nil }

    /// A claim's verdict: pending until judged (the one default, for every reader).
    public var currentVerdict: Verdict { verdict ?? .pending }
}
