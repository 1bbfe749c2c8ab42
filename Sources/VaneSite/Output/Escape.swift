/// Rewrites text scalar by scalar. Every escaping the site does (HTML, XML, iCalendar,
/// JSON inside scripts) is a table of replacements for this one loop.
enum Escape {
    /// `replacement` says what a scalar becomes ("" drops it), or nil to keep it as it is.
    static func map(_ s: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        // Most text needs nothing: find the first scalar that does before copying anything.
        let scalars = s.unicodeScalars
        guard var i = scalars.firstIndex(where: { replacement($0) != nil }) else { return s }
        var out = String(scalars[..<i])
        out.reserveCapacity(s.utf8.count + 16)
        var start = i
        while i != scalars.endIndex {
            if let r = replacement(scalars[i]) {
                out += s[start..<i]
                out += r
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out += s[start...]
        return out
    }

    /// The characters markup gives a meaning to, as HTML and XML both write them; the
    /// apostrophe is each language's own.
    static func markup(_ c: Unicode.Scalar, apostrophe: String) -> String? {
        switch c {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        case "\"": "&quot;"
        case "'": apostrophe
        default: nil
        }
    }
}
