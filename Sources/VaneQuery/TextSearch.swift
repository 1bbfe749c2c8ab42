/// `--text` as an FTS5 query, the way the site's search reads what is typed: every word
/// must match, as a word or the start of one (`deprecate` finds "deprecated");
/// `"…"` is a phrase; `OR` between two terms lets either match.
public enum TextSearch {
    /// The FTS5 query, or nil when the text holds no term.
    public static func pattern(_ text: String) -> String? {
        let query = terms(text)
        return query.isEmpty
            ? nil
            : query.map {
                switch $0 {
                case .word(let word): quoted(word) + "*"
                case .phrase(let phrase): quoted(phrase)
                case .or: "OR"
                }
            }.joined(separator: " ")
    }

    /// The query the matches are ranked by: `pattern`, and each of its words whole, as the
    /// site's search ranks: a prefix weighs what it matches, and the word once more by how
    /// rare it is whole (`node 20` finds the release 20 first, though "20" begins every date
    /// from 2000 on). It matches more than `pattern`: rank only.
    static func ranking(_ text: String) -> String? {
        guard let pattern = pattern(text) else { return nil }
        let words = terms(text).compactMap { term in if case .word(let word) = term { quoted(word) } else { nil } }
        return words.isEmpty ? pattern : "(" + pattern + ") OR " + words.joined(separator: " OR ")
    }

    private enum Term: Equatable {
        case word(String)
        case phrase(String)
        case or
    }

    /// The terms in order: words, phrases, and `OR` between two terms.
    private static func terms(_ text: String) -> [Term] {
        var terms: [Term] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first.isWhitespace {
                rest = rest.dropFirst()
            } else if first == "\"" {
                let body = rest.dropFirst()
                let end = body.firstIndex(of: "\"") ?? body.endIndex
                let phrase = body[..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if hasWord(phrase) { terms.append(.phrase(phrase)) }
                rest = end < body.endIndex ? body[body.index(after: end)...] : ""
            } else {
                let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? rest.endIndex
                let word = String(rest[..<end])
                if word == "OR" {
                    terms.append(.or)
                } else if hasWord(word) {
                    terms.append(.word(word))
                }
                rest = rest[end...]
            }
        }
        // An OR needs a term on each side.
        var query: [Term] = []
        for term in terms {
            if term == .or && (query.isEmpty || query.last == .or) { continue }
            query.append(term)
        }
        while query.last == .or { query.removeLast() }
        return query
    }

    /// Whether text holds a letter or a digit: what the index reads as a word (`-`, `—`,
    /// `*` or an emoji matched nothing, in silence, where the site says there is no word).
    private static func hasWord(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    private static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
