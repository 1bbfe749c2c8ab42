import Foundation
import VaneContent

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
        out += Escape.map(text, escape)
        out += "\""
    }

    /// What a scalar of a JSON string becomes in a script, or nil to keep it.
    private static func escape(_ c: Unicode.Scalar) -> String? {
        switch c {
        case "\"": "\\\""
        case "\\": "\\\\"
        case "\n": "\\n"
        case "\r": "\\r"
        case "\t": "\\t"
        case "\u{8}": "\\b"
        case "\u{c}": "\\f"
        case "<": "\\u003c"
        case ">": "\\u003e"
        case "&": "\\u0026"
        case "\u{2028}": "\\u2028"
        case "\u{2029}": "\\u2029"
        case "\u{0}"..."\u{1f}":
            (c.value < 0x10 ? "\\u000" : "\\u00") + String(c.value, radix: 16)
        // DEL and C1: JSON allows them raw, HTML does not (a script is in the page).
        case _ where c.isControlHTMLRefuses: "\\u00" + String(c.value, radix: 16)
        default: nil
        }
    }
}
