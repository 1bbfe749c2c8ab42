/// Rewrites text scalar by scalar. Every escaping the site does (HTML, XML, iCalendar,
/// JSON inside scripts) is a table of replacements for this one loop.
enum Escape {
    /// `replacement` says what a scalar becomes ("" drops it), or nil to keep it as it is.
    /// Over the UTF-8 bytes in place, runs kept copied whole: through `unicodeScalars` and
    /// a `Substring` per run it was 1.4% of a full build (the bodies in the Atom feeds).
    static func map(_ s: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var text = s
        let mapped = text.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            var kept = 0
            var i = 0
            while i < bytes.count {
                let (scalar, length) = scalarAt(i, in: bytes)
                if let r = replacement(scalar) {
                    // Most text needs nothing: the copy starts at the first scalar that does.
                    if out.isEmpty { out.reserveCapacity(bytes.count + 16) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept..<i]))
                    out.append(contentsOf: r.utf8)
                    kept = i + length
                }
                i += length
            }
            guard kept > 0 else { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[kept...]))
            return String(decoding: out, as: UTF8.self)
        }
        return mapped ?? s
    }

    /// The scalar whose UTF-8 starts at `i` (a `String`'s bytes are valid UTF-8), and its length.
    private static func scalarAt(_ i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[i])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0xFF >> (length + 1))
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(value)!, length)
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
