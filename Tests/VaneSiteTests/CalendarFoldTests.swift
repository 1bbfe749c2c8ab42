import Foundation
import Testing
import VaneTestSupport

@testable import VaneSite

/// iCalendar's line folding (RFC 5545 3.1) on bytes, against the rule it implements.
struct CalendarFoldTests {
    /// Scalars of one to four octets, so that a limit falls inside each width.
    static let scalars: [Unicode.Scalar] = ["a", " ", ";", "é", "ß", "€", "中", "🦙", "𝄞"]

    @Test func linesAreCutAtScalarsWithinTheirOctets() {
        var random = SplitMix64(seed: 5545)
        for _ in 0..<2_000 {
            var line = ""
            for _ in 0..<random.next(below: 320) { line.unicodeScalars.append(random.pick(Self.scalars)) }
            let folded = CalendarFeed.fold(line)
            #expect(folded == Self.foldedByScalars(line), "\(line)")
            let physical = folded.components(separatedBy: "\r\n")
            #expect(physical.enumerated().allSatisfy { $1.utf8.count <= 75 && ($0 == 0 || $1.hasPrefix(" ")) })
            #expect(physical.first! + physical.dropFirst().map { String($0.dropFirst()) }.joined() == line)
        }
        #expect(CalendarFeed.fold(String(repeating: "a", count: 75)) == String(repeating: "a", count: 75))
        #expect(CalendarFeed.fold(String(repeating: "a", count: 76)) == String(repeating: "a", count: 75) + "\r\n a")
        #expect(CalendarFeed.fold(String(repeating: "a", count: 74) + "é") == String(repeating: "a", count: 74) + "\r\n é")
    }

    /// The rule, a scalar at a time: a line takes scalars while they fit in 75 octets, and
    /// each continuation (after its leading space) in 74.
    static func foldedByScalars(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > (parts.isEmpty ? 75 : 74) {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}
