import Foundation

/// Platform risk: how far a product's availability outruns its vendor's priority, weighted
/// by how recently the priority fell.
///
///     risk = round(100 × A × (1 − P) × (0.5 + 0.5 × R))
///
/// - A: availability score, 1 for the top of the scale (open-source) to 0 for the bottom
///   (retired), in equal steps: (n − 1 − rank) / (n − 1).
/// - P: priority score the same way: 1 for flagship, 0 for discontinued.
/// - R: recency, 0.5^(m / 12), where m is the number of months from the month priority
///   last fell to the as-of month; 0 when priority never fell.
///
/// A flagship has no risk (P = 1); a retired product has none left (A = 0): its stranding
/// already happened, and it is listed apart.
public struct PlatformRisk: Sendable, Hashable, Codable {
    public var score: Int
    public var availabilityScore: Double
    public var priorityScore: Double
    public var recency: Double
    public var monthsSincePriorityFell: Int?

    public static let halfLifeMonths = 12.0

    public init?(_ status: EntityStatus, asOf: FuzzyDate, scales: StatusScales) {
        guard let availability = status.availability?.value, let priority = status.priority?.value,
            let a = scales.score(availability, on: .availability), let p = scales.score(priority, on: .priority)
        else { return nil }
        let months = status.priorityFell.map { $0.months(until: asOf) }
        let recency = months.map { pow(0.5, Double($0) / PlatformRisk.halfLifeMonths) } ?? 0
        availabilityScore = a
        priorityScore = p
        self.recency = recency
        monthsSincePriorityFell = months
        score = Int((100 * a * (1 - p) * (0.5 + 0.5 * recency)).rounded())
    }
}
