extension Sequence where Element: Hashable {
    /// The elements without repeats, each where it first came.
    public func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}

extension Array {
    /// Sorted by a comparison of positions (`self[i]` against `self[j]`, read in place):
    /// the positions are sorted and each element copied once. Sorting the elements
    /// themselves moves each of them many times, and moving a large value (an `Entry`, a
    /// dozen strings) retains every field it holds.
    public func sortedByPositions(_ areInIncreasingOrder: (Int, Int) -> Bool) -> [Element] {
        indices.sorted(by: areInIncreasingOrder).map { self[$0] }
    }
}
