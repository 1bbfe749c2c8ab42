/// `--text` as an FTS5 query, the way the site's search reads what is typed: every word
/// must match, as a word or the start of one (`deprecate` finds "deprecated");
/// `"…"` is a phrase; `OR` between two terms lets either match.
enum TextSearch {
    /// The FTS5 query, or nil when the text holds no term.
    static func pattern(_ text: String) -> String? {
        var terms: [String] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first.isWhitespace {
                rest = rest.dropFirst()
            } else if first == "\"" {
                let body = rest.dropFirst()
                let end = body.firstIndex(of: "\"") ?? body.endIndex
                let phrase = body[..<end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if !phrase.isEmpty { terms.append(quoted(phrase)) }
                rest = end < body.endIndex ? body[body.index(after: end)...] : ""
            } else {
                let end = rest.firstIndex(where: { $0.isWhitespace || $0 == "\"" }) ?? rest.endIndex
                let word = String(rest[..<end])
                terms.append(word == "OR" ? "OR" : quoted(word) + "*")
                rest = rest[end...]
            }
        }
        // An OR needs a term on each side.
        var query: [String] = []
        for term in terms {
            if term == "OR" && (query.isEmpty || query.last == "OR") { continue }
            query.append(term)
        }
        while query.last == "OR" { query.removeLast() }
        return query.isEmpty ? nil : query.joined(separator: " ")
    }

    private static func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
