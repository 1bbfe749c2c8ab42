/// The bidirectional embeddings, overrides and isolates a text leaves open (U+202A–U+202E,
/// U+2066–U+2069): a name with a right-to-left override reversed the site's own words after
/// it ("rodnev" for the badge "vendor"), and every sentence made with it.
public enum Bidi {
    /// What closes them, to put right after the text. Isolates close first: one closes the
    /// embeddings opened inside it.
    public static func closers(_ text: String) -> String {
        // Most text has none: the scalars are read only when one may be there (U+2000–U+2FFF).
        guard text.utf8.contains(0xE2) else { return "" }
        var embeddings = 0
        var isolates = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x202A, 0x202B, 0x202D, 0x202E: embeddings += 1
            case 0x202C: embeddings = max(0, embeddings - 1)
            case 0x2066, 0x2067, 0x2068: isolates += 1
            case 0x2069: isolates = max(0, isolates - 1)
            default: break
            }
        }
        return String(repeating: "\u{2069}", count: isolates) + String(repeating: "\u{202C}", count: embeddings)
    }
}
