import Foundation

/// JSON that is safe inside a `<script>` element or a script file: `<`, `>` and `&`
/// become JSON escapes, so content can never close the element, and the two line
/// separators JavaScript rejects in strings are escaped too.
enum ScriptJSON {
    static func encode(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "null" }
        var json = ""
        for c in String(decoding: data, as: UTF8.self).unicodeScalars {
            switch c {
            case "<": json += "\\u003c"
            case ">": json += "\\u003e"
            case "&": json += "\\u0026"
            case "\u{2028}": json += "\\u2028"
            case "\u{2029}": json += "\\u2029"
            default: json.unicodeScalars.append(c)
            }
        }
        return json
    }
}
