/// Rewrites text scalar by scalar. Every escaping the site does (HTML, XML, iCalendar,
/// JSON inside scripts) is a table of replacements for this one loop.
enum Escape {
    /// `replacement` says what a scalar becomes ("" drops it), or nil to keep it as it is.
    static func map(_ s: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            if let r = replacement(c) { out += r } else { out.unicodeScalars.append(c) }
        }
        return out
    }
}
