import Foundation

/// A release cycle's name: its label (the cycle's `releaseLabel`, else the product's, with
/// the tokens filled in), made to name the product once.
enum EndOfLifeNames {
    /// The label of `cycle` in `product`; a template with Liquid in it, or none, gives
    /// "Title cycle".
    static func label(of cycle: EndOfLifeProduct.Cycle, in product: EndOfLifeProduct) -> String {
        var template: String?
        if case .text(let own) = cycle.value("releaseLabel") { template = own } else { template = product.releaseLabel }
        template = template.map(plainText)
        guard let template, !template.contains("{{"), !template.contains("{%") else { return "\(product.title) \(cycle.name)" }
        var codename = ""
        if case .text(let name) = cycle.value("codename") { codename = plainText(name) }
        if template.contains("__CODENAME__") && codename.isEmpty { return "\(product.title) \(cycle.name)" }
        let label = template.replacingOccurrences(of: "__RELEASE_CYCLE__", with: cycle.name).replacingOccurrences(of: "__CODENAME__", with: codename)
        return naming(product.title, in: label)
    }

    /// A label as endoflife.date shows it: its HTML (`9 (<abbr title='Short Term
    /// Support'>STS</abbr>)`) as the text a reader sees, `9 (STS)`. A `<` that opens no tag
    /// (`< 2`) is text; character references are read, by name or by number.
    static func plainText(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return html }
        var text = ""
        var rest = html[...]
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "&" }) {
            text += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if rest[open] == "<", let next = after.first, next.isLetter || next == "/" || next == "!", let close = after.firstIndex(of: ">") {
                rest = after[after.index(after: close)...]
            } else if rest[open] == "&", let semicolon = after.prefix(10).firstIndex(of: ";"), let decoded = reference(after[..<semicolon]) {
                text.append(decoded)
                rest = after[after.index(after: semicolon)...]
            } else {
                text.append(rest[open])
                rest = after
            }
        }
        text += rest
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A character reference's character: `amp`, `#39`, `#x27`.
    private static func reference(_ name: Substring) -> Character? {
        let named: [Substring: Character] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "]
        if let character = named[name] { return character }
        guard name.first == "#" else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map(Character.init)
    }

    /// Each cycle's label, told apart where two are the same: Windows' "11 24H2 (E)" is a
    /// cycle and its LTSC edition (`11-24h2-e`, `11-24h2-e-lts`), which read alike
    /// everywhere but in the product's table. A long-term one takes " LTS"; any still alike
    /// take their cycle's name.
    static func labels(in product: EndOfLifeProduct) -> [String: String] {
        var labels = Dictionary(product.cycles.map { ($0.name, label(of: $0, in: product)) }, uniquingKeysWith: { a, _ in a })
        func alike() -> [String: [EndOfLifeProduct.Cycle]] {
            Dictionary(grouping: product.cycles, by: { labels[$0.name] ?? "" }).filter { $0.value.count > 1 }
        }
        for (_, cycles) in alike() {
            for cycle in cycles where cycle.value("lts") == .flag(true) { labels[cycle.name, default: ""] += " LTS" }
        }
        for (_, cycles) in alike() {
            for cycle in cycles { labels[cycle.name, default: ""] += " (\(cycle.name))" }
        }
        return labels
    }

    /// The label with the product's title before it, once: "12 (Bookworm)" says which
    /// product only with "Debian" before it, but "Pixel 11" of "Google Pixel" needs only
    /// "Google" ("Google Pixel 11", not "Google Pixel Pixel 11"), and "WebSphere MQ 5.3" of
    /// "IBM MQ" only "IBM". A label that has the title's first word already is kept.
    static func naming(_ title: String, in label: String) -> String {
        let titleWords = words(title)
        let labelWords = words(label)
        guard let first = titleWords.first, !labelWords.contains(first) else { return label }
        func prefix(_ count: Int) -> String { title.split(separator: " ").prefix(count).joined(separator: " ") }
        // The label starts with the end of the title: only the words before it are missing.
        for start in titleWords.indices.dropFirst() where labelWords.starts(with: titleWords[start...]) {
            return prefix(start) + " " + label
        }
        // The label names the product by a later word of the title: the words before it.
        if let start = titleWords.indices.dropFirst().first(where: { labelWords.contains(titleWords[$0]) }) {
            return prefix(start) + " " + label
        }
        return title + " " + label
    }

    /// Lowercased words, split at spaces.
    private static func words(_ text: String) -> [String] { text.lowercased().split(separator: " ").map(String.init) }
}
