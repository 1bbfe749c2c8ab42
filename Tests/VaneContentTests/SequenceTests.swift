import Testing
import VaneContent
import VaneTestSupport

/// The collection helpers the renderer leans on, against their plain definitions.
struct SequenceTests {
    /// Without repeats, each where it first came, on both sides of the length where the
    /// comparison with those kept gives way to a set.
    @Test func uniquedKeepsFirstOccurrences() {
        var random = SplitMix64(seed: 16)
        for _ in 0..<500 {
            let values = (0..<random.next(below: 60)).map { _ in "id-\(random.next(below: 40))" }
            var seen: Set<String> = []
            #expect(values.uniqued() == values.filter { seen.insert($0).inserted }, "\(values)")
        }
        #expect([String]().uniqued().isEmpty)
        #expect(Array(0..<40).map { $0 % 20 }.uniqued() == Array(0..<20))
    }

    /// Sorting positions gives the order sorting the elements gives, ties included (both
    /// keep equal elements in their order).
    @Test func sortingByPositionsIsSortingTheElements() {
        var random = SplitMix64(seed: 17)
        for _ in 0..<200 {
            let values = (0..<random.next(below: 80)).map { i in (key: random.next(below: 10), at: i) }
            #expect(values.sortedByPositions { values[$0].key < values[$1].key }.map(\.at) == values.sorted { $0.key < $1.key }.map(\.at))
        }
    }
}
