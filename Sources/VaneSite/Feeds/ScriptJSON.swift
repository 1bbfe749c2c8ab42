import Foundation

/// JSON that is safe inside a `<script>` element or a script file: `<`, `>` and `&`
/// become JSON escapes, so content can never close the element, and the two line
/// separators JavaScript rejects in strings are escaped too.
enum ScriptJSON {
    /// Objects of strings, keys sorted, written directly: the search index is thousands of
    /// them, and a generic serializer spends most of its time on types it never meets here.
    static func encode(_ objects: [[String: String]]) -> String { encode(objects, locating: nil).0 }

    /// As `encode(_:)`, with the byte range of each object's value for `key` (its quotes
    /// included), nil where it has none.
    static func encode(_ objects: [[String: String]], locating key: String?) -> (String, [Range<Int>?]) {
        var out = "["
        var found: [Range<Int>?] = []
        for (i, object) in objects.enumerated() {
            if i > 0 { out += "," }
            found.append(append(object, to: &out, locating: key))
        }
        return (out + "]", found)
    }

    static func encode(_ object: [String: String]) -> String {
        var out = ""
        append(object, to: &out)
        return out
    }

    @discardableResult
    private static func append(_ object: [String: String], to out: inout String, locating located: String? = nil) -> Range<Int>? {
        out += "{"
        var found: Range<Int>?
        for (i, key) in object.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            string(key, into: &out)
            out += ":"
            let start = out.utf8.count
            string(object[key]!, into: &out)
            if key == located { found = start..<out.utf8.count }
        }
        out += "}"
        return found
    }

    /// A JSON string literal, escaped as above.
    static func string(_ text: String, into out: inout String) {
        out += "\""
        var start = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var i = start
        while i != scalars.endIndex {
            let c = scalars[i]
            let replacement: String?
            switch c {
            case "\"": replacement = "\\\""
            case "\\": replacement = "\\\\"
            case "\n": replacement = "\\n"
            case "\r": replacement = "\\r"
            case "\t": replacement = "\\t"
            case "\u{8}": replacement = "\\b"
            case "\u{c}": replacement = "\\f"
            case "<": replacement = "\\u003c"
            case ">": replacement = "\\u003e"
            case "&": replacement = "\\u0026"
            case "\u{2028}": replacement = "\\u2028"
            case "\u{2029}": replacement = "\\u2029"
            case "\u{0}"..."\u{1f}":
                let hex = String(c.value, radix: 16)
                replacement = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: replacement = nil
            }
            if let replacement {
                out += text[start..<i]
                out += replacement
                start = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        out += text[start...]
        out += "\""
    }
}
