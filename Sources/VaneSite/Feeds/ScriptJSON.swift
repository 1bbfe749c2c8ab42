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

    /// A JSON string literal, escaped as above. Over the UTF-8 bytes, the runs kept copied
    /// whole: the search index holds every body, and a scalar at a time it was 1% of a
    /// full build.
    static func string(_ text: String, into out: inout String) {
        out += "\""
        var text = text
        text.withUTF8 { bytes in
            var kept = 0
            var i = 0
            while i < bytes.count {
                let (replacement, length) = escape(at: i, in: bytes)
                if let replacement {
                    out += String(decoding: UnsafeBufferPointer(rebasing: bytes[kept..<i]), as: UTF8.self)
                    out += replacement
                    kept = i + length
                }
                i += length
            }
            out += String(decoding: UnsafeBufferPointer(rebasing: bytes[kept...]), as: UTF8.self)
        }
        out += "\""
    }

    /// What the byte at `i` starts that must be escaped, and how many bytes it is; nil and
    /// 1 for a byte kept. The line separators are the only scalars beyond ASCII escaped.
    private static func escape(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (String?, Int) {
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "\""): return ("\\\"", 1)
        case UInt8(ascii: "\\"): return ("\\\\", 1)
        case UInt8(ascii: "\n"): return ("\\n", 1)
        case UInt8(ascii: "\r"): return ("\\r", 1)
        case UInt8(ascii: "\t"): return ("\\t", 1)
        case 0x08: return ("\\b", 1)
        case 0x0C: return ("\\f", 1)
        case UInt8(ascii: "<"): return ("\\u003c", 1)
        case UInt8(ascii: ">"): return ("\\u003e", 1)
        case UInt8(ascii: "&"): return ("\\u0026", 1)
        case 0x00..<0x20:
            let hex = String(b, radix: 16)
            return ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, 1)
        // U+2028 and U+2029: E2 80 A8 and E2 80 A9.
        case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
            return (bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 3)
        default: return (nil, 1)
        }
    }
}
