/// What became of a claim: undecided, or judged one way or the other. One order everywhere
/// (lists, scorecard columns): undecided first, then kept and broken (commitments),
/// confirmed and refuted (assessments, rumours, facts), superseded.
public enum Verdict: String, Codable, CaseIterable, Sendable, Hashable {
    case pending, kept, broken, confirmed, refuted, superseded

    /// Kept, broken, confirmed or refuted: judged either way.
    public var isDecided: Bool { [.kept, .broken, .confirmed, .refuted].contains(self) }

    public static var names: [String] { allCases.map(\.rawValue) }
}
