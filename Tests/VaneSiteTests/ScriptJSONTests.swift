import Foundation
import Testing

@testable import VaneSite

/// The search index's hand-written JSON says exactly what the generic serializer says.
struct ScriptJSONTests {
    @Test func objectsOfStringsMatchTheGenericEncoding() {
        let rows = [
            ["t": "a\u{1}\u{1f}\t\n\r\u{8}\u{c}\"\\/<>&\u{2028}\u{2029}é\u{7f}🦙", "b": "</script><!--", "k": ""],
            ["u": "entities/x.html", "a": "Alias One Two"],
        ]
        #expect(ScriptJSON.encode(rows) == ScriptJSON.encode(rows as Any))
        #expect(ScriptJSON.encode(rows[0]) == ScriptJSON.encode(rows[0] as Any))
    }
}
