/// "Did you mean …?" for a mistyped name, by edit distance, as compilers do.
public enum Suggestion {
    /// The closest candidate, if it is close enough to be a plausible typo.
    /// Case is no distance: names resolve whatever their case, so `HCP Terraform` is one
    /// edit from `hcp-terraform`.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(2, word.count / 3)
        let word = word.lowercased()
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            guard abs(candidate.count - word.count) <= limit else { continue }
            let d = editDistance(word, candidate.lowercased())
            // A short name replaced whole is no typo of it (`p2` is not `EQ` mistyped).
            guard d <= limit, d < word.count else { continue }
            if best == nil || d < best!.distance || (d == best!.distance && candidate < best!.name) {
                best = (d, candidate)
            }
        }
        if let best { return best.name }
        // A name cut short (`the-verge` for `the-verge-on-muse-spark`): the one candidate it begins.
        guard word.count >= 3 else { return nil }
        let longer = candidates.filter { $0.lowercased().hasPrefix(word) }
        return longer.count == 1 ? longer.first : nil
    }

    /// The closest of `primary` (ids), or of `secondary` (aliases) when one of those is
    /// strictly closer: an id is the better suggestion when both are as close.
    public static func closest(to word: String, preferring primary: some Sequence<String>, then secondary: some Sequence<String>) -> String? {
        let id = closest(to: word, in: primary)
        guard let alias = closest(to: word, in: secondary) else { return id }
        guard let id else { return alias }
        return editDistance(word.lowercased(), alias.lowercased()) < editDistance(word.lowercased(), id.lowercased()) ? alias : id
    }

    /// The `" (did you mean 'x'?)"` suffix, or nothing.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Edit distance over Unicode scalars, two neighbours swapped counting as one edit (the
    /// commonest typo: `titel` is one edit from `title`, and closer than `site`).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = Swift.min(current[j], before[j - 2] + 1) }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
