import Foundation
import VaneDiagnostics

/// When a release cycle's support ends, from the data alone: never from the day of the
/// import, so that one snapshot gives the same knowledge base on any day.
struct CycleEnd: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// `eol: 2029-05-12`, after the release.
        case dated
        /// `eol: true` (or an `eol` not after the release): it has passed, and is dated
        /// approximately by the latest date that bounds it.
        case bounded(by: String)
    }

    var kind: Kind
    /// The end as a knowledge base writes it: `2029-05-12`, or `~2016-09-18`.
    var date: String
    /// The extended support's end (`eoes` dated after the end of life); nil when none is
    /// known. `openEnded` when extended support runs with no end given (`eoes: false`).
    var extended: String?
    var openEnded = false

    /// The day the end starts, without `~`.
    var day: String { date.hasPrefix("~") ? String(date.dropFirst()) : date }

    /// Whether the cycle has extended support beyond its end of life.
    var hasExtendedSupport: Bool { extended != nil || openEnded }

    /// The last day anyone supports the cycle, for comparing successors; nil while extended
    /// support runs with no end.
    var last: String? { openEnded ? nil : (extended ?? day) }
}

extension CycleEnd {
    /// The end of `cycle`, released on `released`; `next` is the release day of the next
    /// cycle of the product (released later), if any. Nil when no end is known (`eol:
    /// false`, or `eol: true` with nothing after the release to date it by: "ended, date
    /// unknown").
    static func of(_ cycle: EndOfLifeProduct.Cycle, released: String, next: String?, problems: inout [Diagnostic]) -> CycleEnd? {
        var end: CycleEnd
        switch cycle.value("eol") {
        case .date(let eol) where eol > released:
            end = CycleEnd(kind: .dated, date: eol)
        case .date(let eol):
            guard let bound = bound(cycle, released: released, next: next) else {
                problems.append(
                    .warning(
                        cycle.location(of: "eol"),
                        "cycle '\(cycle.name)': end of life \(eol) is not after its release \(released), and nothing later in the data dates it: written as ended, date unknown"
                    ))
                return nil
            }
            problems.append(
                .warning(
                    cycle.location(of: "eol"),
                    "cycle '\(cycle.name)': end of life \(eol) is not after its release \(released); dated by the data instead, ~\(bound.date)"))
            end = CycleEnd(kind: .bounded(by: bound.what), date: "~" + bound.date)
        case .flag(true):
            guard let bound = bound(cycle, released: released, next: next) else { return nil }
            end = CycleEnd(kind: .bounded(by: bound.what), date: "~" + bound.date)
        default:
            return nil
        }
        switch cycle.value("eoes") {
        case .date(let eoes) where eoes > end.day: end.extended = eoes
        case .flag(false): end.openEnded = true
        default: break
        }
        return end
    }

    /// The latest date the data gives for a cycle that has ended without a date: it was
    /// supported on its latest release (and until its end of active support), and a cycle
    /// with no dated end is commonly dropped when the next one comes. Nil when nothing
    /// comes after the release day.
    static func bound(_ cycle: EndOfLifeProduct.Cycle, released: String, next: String?) -> (date: String, what: String)? {
        var candidates: [(String, String)] = []
        if case .date(let latest) = cycle.value("latestReleaseDate") { candidates.append((latest, "its latest release")) }
        if case .date(let eoas) = cycle.value("eoas") { candidates.append((eoas, "the end of its active support")) }
        if let next { candidates.append((next, "the release of the next cycle")) }
        // The latest date wins; on a tie, the first named.
        guard let best = candidates.enumerated().max(by: { ($0.element.0, -$0.offset) < ($1.element.0, -$1.offset) })?.element,
            best.0 > released
        else { return nil }
        return (best.0, best.1)
    }
}
