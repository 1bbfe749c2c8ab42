import Foundation
import Testing

@testable import VaneSite

/// The hand-written JSON of the search index and the JSON-LD says exactly what the generic
/// serializer says, escaped for a script element as they are.
struct ScriptJSONTests {
    /// `JSONSerialization`, keys sorted, then what a script element cannot hold escaped
    /// (DEL and the C1 controls, which JSON allows raw and an HTML page does not).
    static func generic(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return "null" }
        return Escape.map(String(decoding: data, as: UTF8.self)) { c in
            switch c {
            case "<": "\\u003c"
            case ">": "\\u003e"
            case "&": "\\u0026"
            case "\u{2028}": "\\u2028"
            case "\u{2029}": "\\u2029"
            case "\u{7f}"..."\u{9f}": "\\u00" + String(c.value, radix: 16)
            default: nil
            }
        }
    }

    @Test func objectsOfStringsMatchTheGenericEncoding() {
        let rows = [
            ["t": "a\u{1}\u{1f}\t\n\r\u{8}\u{c}\"\\/<>&\u{2028}\u{2029}é\u{7f}\u{85}\u{9f}🦙", "b": "</script><!--", "k": ""],
            ["u": "entities/x.html", "a": "Alias One Two"],
        ]
        #expect(ScriptJSON.encode(rows) == Self.generic(rows))
        #expect(ScriptJSON.encode(rows[0]) == Self.generic(rows[0]))
        // An event page's JSON-LD, as `SiteModel.jsonLD` fills it.
        let event = [
            "@context": "https://schema.org", "@type": "Event", "name": "Meta ships \"Muse Spark\" </script>", "startDate": "2026-04",
            "endDate": "2026", "url": "https://example.org/events/x.html", "keywords": "launch",
        ]
        #expect(ScriptJSON.encode(event) == Self.generic(event))
    }
}
