import Foundation

/// Natural version order: numbers compare as numbers, so `2` comes before `10` and
/// `3.9` before `3.10`; other text compares as text, whatever its case and accents.
public enum VersionOrder {
    /// Whether `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool { Key(a) < Key(b) }

    /// `items` in the natural order of their names, ties by `tie`. Each name is split once,
    /// not at every comparison: a sort by `precedes` split both names up to four times a
    /// comparison, a tenth of a full build's time on an entity's thousands of mentions.
    public static func sorted<T>(_ items: [T], by name: (T) -> String, tie: (T, T) -> Bool) -> [T] {
        let keys = items.map { Key(name($0)) }
        return items.sortedByPositions { i, j in keys[i] == keys[j] ? tie(items[i], items[j]) : keys[i] < keys[j] }
    }

    /// A name split into its runs of digits and of other text, compared in natural order.
    public struct Key: Comparable, Sendable {
        fileprivate let parts: [Part]

        public init(_ name: String) { parts = VersionOrder.parts(name) }

        public static func < (x: Key, y: Key) -> Bool {
            for (p, q) in zip(x.parts, y.parts) where p != q {
                switch (p, q) {
                case (.number(let m), .number(let n)): return m < n
                case (.number, .text): return true
                case (.text, .number): return false
                case (.text(let s), .text(let t)): return s < t
                }
            }
            return x.parts.count < y.parts.count
        }
    }

    /// The first version number in a name, as its numbers: `python3.12` → [3, 12],
    /// `java8.al2` → [8], `claude-2` → [2]; empty when it has none.
    public static func firstVersion(_ name: String) -> [Int] {
        var numbers: [Int] = []
        var digits = ""
        for c in name {
            if c.isASCII && c.isNumber {
                digits.append(c)
            } else if c == ".", !digits.isEmpty {
                numbers.append(Int(digits.prefix(18)) ?? 0)
                digits = ""
            } else if !digits.isEmpty || !numbers.isEmpty {
                break
            }
        }
        if !digits.isEmpty { numbers.append(Int(digits.prefix(18)) ?? 0) }
        return numbers
    }

    fileprivate enum Part: Equatable, Sendable {
        case number(Int)
        case text(String)
    }

    /// Text as an index sorts it: whatever its case and accents (`Éclair` among the E's,
    /// not after `Zeta`). ASCII, most names, is only lowercased.
    private static func folded(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.lowercased() }
        // Letters no accent makes (Ø, Œ, Æ, ß…) are spelled out, as an index files them.
        var spelled = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        for (letter, spelling) in [("ø", "o"), ("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("đ", "d"), ("ł", "l"), ("þ", "th"), ("ð", "d")] {
            spelled = spelled.replacingOccurrences(of: letter, with: spelling)
        }
        return spelled
    }

    private static func parts(_ s: String) -> [Part] {
        var out: [Part] = []
        var current = ""
        var numeric = false
        func flush() {
            guard !current.isEmpty else { return }
            out.append(numeric ? .number(Int(current.prefix(18)) ?? 0) : .text(folded(current)))
            current = ""
        }
        for c in s {
            // An ASCII digit, read from its byte (`isNumber` looks the character up in Unicode's tables).
            let digit = c.asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false
            if digit != numeric { flush() }
            numeric = digit
            current.append(c)
        }
        flush()
        return out
    }
}
