/// The trims the parser makes, each to the characters its rule names.
extension String {
    /// Without the line breaks at the end (YAML keeps one after a block scalar).
    var trimmingTrailingNewlines: String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }

    /// Without any whitespace at the end, line breaks too.
    func trimmingTrailingWhitespace() -> String {
        var s = self
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }
}

extension StringProtocol {
    /// Without the spaces and tabs at either end: what `trimmingCharacters(in:
    /// .whitespaces)` gives (tab and Unicode's space separators), without Foundation's
    /// round trip through UTF-16, which was 4% of parsing.
    var trimmingSpaces: String {
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }
}
