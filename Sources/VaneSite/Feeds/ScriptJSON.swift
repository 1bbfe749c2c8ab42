import Foundation

/// JSON that is safe inside a `<script>` element or a script file: `<`, `>` and `&`
/// become JSON escapes, so content can never close the element, and the two line
/// separators JavaScript rejects in strings are escaped too.
enum ScriptJSON {
    static func encode(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "null" }
        return Escape.map(String(decoding: data, as: UTF8.self)) { c in
            switch c {
            case "<": "\\u003c"
            case ">": "\\u003e"
            case "&": "\\u0026"
            case "\u{2028}": "\\u2028"
            case "\u{2029}": "\\u2029"
            default: nil
            }
        }
    }
}
