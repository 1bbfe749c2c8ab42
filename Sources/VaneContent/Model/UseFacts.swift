import VaneDiagnostics

/// How much a use matters to us: it weighs the use's risk on the exposure board.
public enum Criticality: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case critical, high, medium, low

    /// The share of a product's platform risk that a use of this criticality carries, in
    /// hundredths: exposures are counted in whole numbers, so that a half rounds up (45 ×
    /// 0.7 in binary floating point is 31.499…, which rounded to 31).
    public var weightPercent: Int {
        switch self {
        case .critical: 100
        case .high: 85
        case .medium: 70
        case .low: 50
        }
    }

    public static func < (a: Criticality, b: Criticality) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a use entry (`Content/uses/`) says besides its product: who owns it, how critical
/// it is, since when, which version, and the plan. The product is a `uses` reference; the
/// use's `since` is the entry's `date`.
public struct UseFacts: Sendable, Hashable, Codable {
    /// The product, model or release cycle as written (resolved by the linker).
    public var product: LocatedText
    public var team: String?
    public var criticality: Criticality = .medium
    public var version: String?
    public var plan: String?
    public var planDate: FuzzyDate?
    /// The channel of the product used (`free`), when the use depends on one alone: its end
    /// and its fall are the use's, not the product's.
    public var channel: LocatedText?
    /// No `title` was written: the linker names the use after its product's name.
    public var untitled = false
    /// Where `plan_date` was written, for the warning when it falls after the end.
    public var planDateLocation: SourceLocation?

    public init(product: LocatedText) {
        self.product = product
    }

    /// Whether a use whose `until` is `until` had surely ended by the end of `day`'s period:
    /// once the whole of its period has passed (`until: 2026` goes on through 2026).
    public static func ended(_ until: FuzzyDate?, by day: FuzzyDate) -> Bool { until.map { $0.endKey <= day.endKey } ?? false }

    /// The title of a use written without one: its product's name and its team,
    /// `Django 4.2 (billing)`.
    /// `Node.js 18 (api)`; of one channel, `Node.js 18 · standard (api)`, so that a team's uses
    /// of two channels of one product read apart (they were one title, three times over).
    public static func title(product name: String, team: String?, channel: String? = nil) -> String {
        name + (channel.map { " · \($0)" } ?? "") + (team.map { " (\($0))" } ?? "")
    }
}
