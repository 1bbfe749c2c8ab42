/// Natural version order: numbers compare as numbers, so `2` comes before `10` and
/// `3.9` before `3.10`; other text compares as text, case-insensitively.
public enum VersionOrder {
    /// Whether `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let (x, y) = (parts(a), parts(b))
        for (p, q) in zip(x, y) where p != q {
            switch (p, q) {
            case (.number(let m), .number(let n)): return m < n
            case (.number, .text): return true
            case (.text, .number): return false
            case (.text(let s), .text(let t)): return s < t
            }
        }
        return x.count < y.count
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

    private enum Part: Equatable {
        case number(Int)
        case text(String)
    }

    private static func parts(_ s: String) -> [Part] {
        var out: [Part] = []
        var current = ""
        var numeric = false
        func flush() {
            guard !current.isEmpty else { return }
            out.append(numeric ? .number(Int(current.prefix(18)) ?? 0) : .text(current.lowercased()))
            current = ""
        }
        for c in s {
            let digit = c.isASCII && c.isNumber
            if digit != numeric { flush() }
            numeric = digit
            current.append(c)
        }
        flush()
        return out
    }
}
