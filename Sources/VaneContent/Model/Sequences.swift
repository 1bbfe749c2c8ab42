extension Sequence where Element: Hashable {
    /// The elements without repeats, each where it first came. Inlinable, so that each
    /// caller gets a copy made for its types: called generically from another module it
    /// looked up the metadata of `[Element]` and `Set<Element>` at run time, every call.
    @inlinable
    public func uniqued() -> [Element] {
        // Most lists here are a few ids long: comparing with those kept costs less than
        // hashing each into a set, which takes over once the list is longer.
        var kept: [Element] = []
        var seen: Set<Element> = []
        for element in self {
            if kept.count < 16 {
                if !kept.contains(element) { kept.append(element) }
            } else {
                if seen.isEmpty { seen = Set(kept) }
                if seen.insert(element).inserted { kept.append(element) }
            }
        }
        return kept
    }
}

extension Array {
    /// The items whose owner is in `ids`, in order: the items of one owner come together
    /// (an entry's edges, its status changes), so each run is looked up once, not each item.
    public func owned(by ids: Set<String>, _ owner: (Element) -> String) -> [Element] {
        var (found, run) = ([Element](), (owner: "", in: false))
        for j in indices {
            let id = owner(self[j])
            if id != run.owner { run = (id, ids.contains(id)) }
            if run.in { found.append(self[j]) }
        }
        return found
    }

    /// Sorted by a comparison of positions (`self[i]` against `self[j]`, read in place):
    /// the positions are sorted and each element copied once. Sorting the elements
    /// themselves moves each of them many times, and moving a value of a dozen strings
    /// retains every one; the comparison may also read keys computed once per position.
    public func sortedByPositions(_ areInIncreasingOrder: (Int, Int) -> Bool) -> [Element] {
        indices.sorted(by: areInIncreasingOrder).map { self[$0] }
    }
}
