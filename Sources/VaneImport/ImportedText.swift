/// Text from imported data written into a body as text: a product's or a component's name
/// that holds Markdown (`![x](https://…)`, `[[nope]]`, `<b>`) put images from other sites on
/// the published page, or a link that failed the build. One line, with Markdown's own
/// escapes, so the page shows the name as the data writes it.
enum ImportedText {
    private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "!", "&", "|", "~"]

    static func prose(_ text: String) -> String {
        var out = ""
        for c in text {
            if c.isNewline {
                out.append(" ")
            } else {
                if special.contains(c) { out.append("\\") }
                out.append(c)
            }
        }
        return escapingLineStart(out)
    }

    /// What would open a block at the start of a line: a heading, a list item (`- `, `+ `,
    /// `1. `), a thematic break (`===`).
    private static func escapingLineStart(_ text: String) -> String {
        guard let first = text.first else { return text }
        if "#-+=".contains(first) { return "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let after = text.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + text.dropFirst(digits.count)
        }
        return text
    }
}
