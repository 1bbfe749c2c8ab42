import Foundation

/// Platform risk: how likely a product is to strand the people who build on it, and how
/// soon. Products fall into three bands, so the number and the ranking agree:
///
/// - **100, an announced end ahead.** The vendor has said when it stops; nothing ranks
///   above that. Among these, the soonest end comes first.
/// - **70–99, on the way out.** Still usable, but deprecated (the second-to-last value of
///   the availability scale) or closed to new customers, on every usable channel; or with
///   a closure to new customers announced; or with a priority of sunset or lower (the last
///   two values of the priority scale): `70 + round(29 × S × W)`.
/// - **0–69, drift.** The rest: `round(69 × S × W)`.
///
/// where
///
/// - P, the priority score: 1 for the top of the priority scale (flagship) to 0 for the
///   bottom, in equal steps;
/// - V, the decline: for the channel whose availability fell furthest, the share of the way
///   from the best value it ever had to the bottom of the scale (0 when nothing fell);
/// - S = 1 − P × (1 − V), the exposure: a fall in priority or on any channel raises it;
/// - W = 0.5 + 0.5 × R, with R = 0.5^(m / 12) the recency of the last fall on either axis
///   and any channel, m months before the as-of month (R = 0 when nothing ever fell).
///
/// A fall while the product is still usable never lowers the score: P cannot rise, V
/// cannot fall, a new fall makes R 1, and the bands only go up. A product retired on every
/// channel is gone: its builders were already stranded; it has no score and is listed apart.
public struct PlatformRisk: Sendable, Hashable, Codable {
    public enum Band: String, Sendable, Hashable, Codable {
        case announcedEnd = "announced-end"
        case onTheWayOut = "on-the-way-out"
        case drift
    }

    public var score: Int
    public var band: Band
    /// P; nil when no priority was ever set (taken as 1: no sign of a fall).
    @Null public var priorityScore: Double?
    public var decline: Double
    public var exposure: Double
    public var recency: Double
    @Null public var monthsSinceFall: Int?

    public static let halfLifeMonths = 12.0

    static func shown(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    /// Nil when the product is gone; with no availability recorded yet, unless an end is
    /// announced (a knowledge base's first record is often the announcement: an end all
    /// the same); and in the drift band with no priority: both axes are needed for a score.
    public init?(_ status: EntityStatus, asOf: FuzzyDate, scales: StatusScales) {
        let availability = status.availability?.value
        if let availability, scales.rank(availability, on: .availability) == nil || scales.isGone(availability) { return nil }
        let p = status.priority.flatMap { scales.score($0.value, on: .priority) }
        // Shown to four decimals like the others (a scale of four values gave 0.3333333333333333).
        priorityScore = p.map(PlatformRisk.shown)
        let months = status.lastFall.map { $0.months(until: asOf) }
        let e = 1 - (p ?? 1) * (1 - status.decline)
        let r = months.map { pow(0.5, Double($0) / PlatformRisk.halfLifeMonths) } ?? 0
        let weight = e * (0.5 + 0.5 * r)
        // The factors as shown: four decimals (0.2, not 0.19999999999999996); the score
        // is computed from the exact ones.
        (decline, exposure, recency) = (PlatformRisk.shown(status.decline), PlatformRisk.shown(e), PlatformRisk.shown(r))
        monthsSinceFall = months
        let priorityRank = status.priority.flatMap { scales.rank($0.value, on: .priority) }
        if status.nextWeighedEnd(asOf: asOf) != nil {
            band = .announcedEnd
            score = 100
        } else if let availability,
            scales.isWindingDown(availability) || status.nextWeighedClosure(asOf: asOf) != nil
                || (priorityRank ?? -1) >= scales.priority.count - 2
        {
            band = .onTheWayOut
            score = 70 + Int((29 * weight).rounded())
        } else if p != nil, availability != nil {
            band = .drift
            score = Int((69 * weight).rounded())
        } else {
            return nil
        }
    }
}
