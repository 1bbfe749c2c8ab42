/// "Did you mean …?" for a mistyped name, by edit distance, as compilers do.
public enum Suggestion {
    /// The closest candidate, if it is close enough to be a plausible typo.
    /// Case is no distance: names resolve whatever their case, so `HCP Terraform` is one
    /// edit from `hcp-terraform`.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        match(word, in: candidates)?.names.first
    }

    /// The candidates a reader most likely meant, best first: a typo of one edit; else every
    /// name the word begins (`insteon` for `insteon-hub` and `insteon-technologies`: a name cut
    /// short is nearer than another name two edits away, `wink` is not `WWN`); else the
    /// closest typo. Empty when nothing is close.
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> [String] {
        match(word, in: candidates)?.names ?? []
    }

    /// What `word` is nearest to, ranked: 0 for a typo of one edit, 1 for names it begins,
    /// 2 for a farther typo; with the edit distance.
    private static func match(_ word: String, in candidates: some Sequence<String>) -> (rank: Int, distance: Int, names: [String])? {
        let limit = max(2, word.count / 3)
        let word = word.lowercased()
        var best: (distance: Int, name: String)?
        var longer: [String] = []
        for candidate in candidates {
            let lowered = candidate.lowercased()
            if word.count >= 3, lowered.count > word.count, lowered.hasPrefix(word) { longer.append(candidate) }
            guard abs(candidate.count - word.count) <= limit else { continue }
            let d = editDistance(word, lowered)
            // A short name replaced whole is no typo of it (`p2` is not `EQ` mistyped).
            guard d <= limit, d < word.count else { continue }
            if best == nil || d < best!.distance || (d == best!.distance && candidate < best!.name) {
                best = (d, candidate)
            }
        }
        // Cut short at a separator (`gpt-`, `llama-3-`): every name it begins, before the name
        // the separator deleted would give.
        if let last = word.last, "-_.".contains(last), !longer.isEmpty { return (0, 0, sortedByLength(longer)) }
        // A typo of one edit; cut short by one letter of several names (`k8s-1-2` for
        // `k8s-1-27`, `k8s-1-28` and `k8s-1-29`), each of them (`coyot` is `coyote`, not the
        // longer names that begin with it too).
        if let best, best.distance <= 1 {
            let cut = longer.filter { $0.count == word.count + 1 }
            return (0, best.distance, cut.count > 1 && cut.contains(best.name) ? sortedByLength(cut) : [best.name])
        }
        // A name cut short (`the-verge` for `the-verge-on-muse-spark`): the names it begins,
        // shortest first.
        if !longer.isEmpty { return (1, 0, sortedByLength(longer)) }
        return best.map { (2, $0.distance, [$0.name]) }
    }

    /// Shortest first, then in order; once each.
    private static func sortedByLength(_ names: [String]) -> [String] { Array(Set(names)).sorted { ($0.count, $0) < ($1.count, $1) } }

    /// The closest of `primary` (ids), or of `secondary` (aliases) when one of those is
    /// strictly closer: an id is the better suggestion when both are as close.
    public static func closest(to word: String, preferring primary: some Sequence<String>, then secondary: some Sequence<String>) -> String? {
        nearest(to: word, preferring: primary, then: secondary).first
    }

    /// `nearest(to:in:)` of `primary`, or of `secondary` when those are strictly nearer.
    public static func nearest(to word: String, preferring primary: some Sequence<String>, then secondary: some Sequence<String>) -> [String] {
        let id = match(word, in: primary)
        guard let alias = match(word, in: secondary) else { return id?.names ?? [] }
        guard let id else { return alias.names }
        return (alias.rank, alias.distance) < (id.rank, id.distance) ? alias.names : id.names
    }

    /// `'a'`, `'a' or 'b'`, up to four named, and past four `'a', 'b', 'c', 'd' or 3 more`.
    public static func alternatives(_ names: [String]) -> String {
        let quoted = names.prefix(4).map { "'\($0)'" }
        guard names.count > 1 else { return quoted.joined() }
        if names.count > 4 { return quoted.joined(separator: ", ") + " or \(names.count - 4) more" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
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
