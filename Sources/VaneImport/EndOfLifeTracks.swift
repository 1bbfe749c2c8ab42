import Foundation
import VaneContent

/// Which cycles follow which: a successor is the next supported cycle of the same track.
enum EndOfLifeTracks {
    /// The track of a cycle: the text of its name before the first digit, without a
    /// trailing separator. `java8`, `java11` and `java8.al2` are the track `java`;
    /// `python3.12` the track `python`; names that start with a version (`3.10`, `9.7_u4`,
    /// `5+`) are the product's main track, the empty one.
    static func track(of name: String) -> String {
        let prefix = name.prefix { !($0.isASCII && $0.isNumber) }
        guard prefix.count < name.count else { return name }
        return String(prefix.reversed().drop { "-._".contains($0) }.reversed())
    }

    /// The words after a cycle's version (`r590-windows` → windows, `11-24h2-e` → h, e),
    /// "lts" aside (an LTS cycle is told by its flag): two cycles of one track are of one
    /// platform or edition when one's words are among the other's (`java8.al2` and
    /// `java11`, `10-22h2` and `11-22h2-e`), and of two when neither's are (`r590-windows`
    /// and `r595-linux`, `11-24h2-e` and `11-24h2-w`).
    static func variant(of name: String) -> Set<String> {
        guard let digit = name.firstIndex(where: { $0.isASCII && $0.isNumber }) else { return [] }
        let words = name[digit...].lowercased().split { !($0.isASCII && $0.isLetter) }.map(String.init)
        return Set(words).subtracting(["lts"])
    }

    /// A cycle as successors are chosen among them.
    struct Candidate {
        var id: String
        var name: String
        var released: String
        var isLTS: Bool
        /// The last day anyone supports it; nil while no end is known.
        var last: String?
        /// The day its standard support ends, when one is known (extended support may go on
        /// with no end after it: Node.js 22's commercial support).
        var end: String? = nil
    }

    /// The next cycle of the same track, released later, with a version no lower, still
    /// supported after this one's standard support ends (so never one that had ended by
    /// then, nor one with an end after a cycle that has none); for an LTS
    /// cycle, the next LTS cycle (with none, the next cycle, once it has an end); of several released that day, the nearest in name (the
    /// base model after the base model). `ordered` is oldest first.
    static func successor(of cycle: Candidate, among ordered: [Candidate]) -> String? {
        let variant = variant(of: cycle.name)
        // An LTS cycle is followed by the next LTS; with none, once it has an end, by the
        // next cycle that qualifies (Spring Framework 5.3, the only LTS, had no way out).
        let qualifying = qualifying(cycle, among: ordered, ltsOnly: cycle.isLTS)
        let hasEnd = (cycle.end ?? cycle.last) != nil
        let found = qualifying.isEmpty && cycle.isLTS && hasEnd ? self.qualifying(cycle, among: ordered, ltsOnly: false) : qualifying
        // Of those released first, on one day, the one whose words are nearest this one's:
        // iPhone 15 → 16, not 16 Pro Max; 14 Pro → 15 Pro.
        guard let first = found.first else { return nil }
        func distance(_ other: Candidate) -> Int { self.variant(of: other.name).symmetricDifference(variant).count }
        let sameDay = found.filter { $0.released == first.released }
        return sameDay.enumerated().min { (distance($0.element), $0.offset) < (distance($1.element), $1.offset) }?.element.id
    }

    /// The cycles that may follow `cycle` (see `successor`), oldest first.
    private static func qualifying(_ cycle: Candidate, among ordered: [Candidate], ltsOnly: Bool) -> [Candidate] {
        let track = track(of: cycle.name)
        let version = VersionOrder.firstVersion(cycle.name)
        let variant = variant(of: cycle.name)
        return ordered.filter { other in
            let theirVariant = self.variant(of: other.name)
            guard other.released > cycle.released, track == self.track(of: other.name), !ltsOnly || other.isLTS,
                variant.isSubset(of: theirVariant) || theirVariant.isSubset(of: variant),
                !VersionOrder.firstVersion(other.name).lexicographicallyPrecedes(version)
            else { return false }
            // Supported after this one's standard support ends, when a move is due: not after
            // its extended support, which the next release may not outlast (Ubuntu 24.04 LTS's
            // runs a month past 26.04's, and it was left with no successor). A cycle with no
            // end at all is followed only by another with none.
            guard let theirs = other.last else { return true }
            guard let ours = cycle.end ?? cycle.last else { return false }
            return theirs > ours
        }
    }
}
