/// How wide a line of text will be, at most, in the site's sans-serif face: per-character
/// widths of DejaVu Sans (the widest common face, and Debian's default) with a margin, so
/// that a chart laid out at build time never lets two labels touch in a browser.
enum TextWidth {
    static func of(_ text: String, size: Double) -> Double {
        var em = 0.0
        for c in text.unicodeScalars { em += width(of: c) }
        return em * size * 1.06
    }

    /// `text` cut to fit `width` (with an ellipsis), or whole when it fits.
    static func fit(_ text: String, size: Double, width: Double) -> String {
        guard of(text, size: size) > width else { return text }
        var cut = ""
        for c in text {
            if of(cut + String(c) + "…", size: size) > width { break }
            cut.append(c)
        }
        return cut.trimmingCharacters(in: .whitespaces) + "…"
    }

    /// `text` cut from its start to fit `width`, its end kept after a "…" and starting at a
    /// word where one fits whole: a product's name whose end tells it apart (`…Windows 10
    /// 22H2`, where `Microso…` read the same for every version).
    static func fitEnd(_ text: String, size: Double, width: Double) -> String {
        guard of(text, size: size) > width else { return text }
        var kept = ""
        for c in text.reversed() {
            if of("…" + String(c) + kept, size: size) > width { break }
            kept.insert(c, at: kept.startIndex)
        }
        // A word's last letters read as another word ("…t SQL Server 2017"): the end starts
        // at a word when a whole word is kept.
        let cutInWord = kept.count < text.count && !text.dropLast(kept.count).last!.isWhitespace
        if cutInWord, let space = kept.firstIndex(where: \.isWhitespace), kept[space...].contains(where: { !$0.isWhitespace }) {
            kept = String(kept[space...])
        }
        return "…" + kept.trimmingCharacters(in: .whitespaces)
    }

    /// Lines of words no wider than `width` (a single word wider than that keeps its line).
    static func wrap(_ text: String, size: Double, width: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty && of(candidate, size: size) > width {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Advance widths in em.
    private static func width(of c: Unicode.Scalar) -> Double {
        switch c {
        case "i", "j", "l", "I", "J", ".", ",", ":", ";", "'", "|", "!", "·": 0.32
        case " ": 0.33
        case "f", "t", "r", "(", ")", "[", "]", "-", "/": 0.42
        case "s", "z", "c", "k", "L", "F": 0.58
        case "m": 0.98
        case "w": 0.82
        case "M": 0.87
        case "W": 0.99
        case "A"..."Z": 0.79
        case "0"..."9": 0.64
        case "a"..."z": 0.64
        case "…", "—": 1.0
        default: c.value < 0x2E80 ? 0.8 : 1.0
        }
    }
}
