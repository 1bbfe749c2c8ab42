/// A JSON string literal as Foundation's encoder writes it (`CanonicalJSON`): `"`, `\` and
/// control characters escaped (`\n`, `\u001f`), everything else, `/` and non-ASCII
/// included, as is. Shared by the writers that make JSON without the generic encoder
/// (the site's API, the stored status board), each checked byte for byte against it.
public enum JSONString {
    /// Hands the literal, quotes included, to `append` in pieces.
    @inlinable
    public static func write(_ text: String, _ append: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeBytes(of: UInt8(ascii: "\"")) { append($0.assumingMemoryBound(to: UInt8.self)) }
        var text = text
        text.withUTF8 { utf8 in
            var mark = 0
            for i in utf8.indices {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                append(UnsafeBufferPointer(rebasing: utf8[mark..<i]))
                mark = i + 1
                escape(byte, append)
            }
            append(UnsafeBufferPointer(rebasing: utf8[mark...]))
        }
        withUnsafeBytes(of: UInt8(ascii: "\"")) { append($0.assumingMemoryBound(to: UInt8.self)) }
    }

    /// A map's keys in the order Foundation's encoder writes them (`.sortedKeys`): by their
    /// UTF-8 bytes.
    public static func sortedKeys(_ keys: some Sequence<String>) -> [String] {
        keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The escape of one byte that JSON does not allow as it is in a string.
    @usableFromInline
    static func escape(_ byte: UInt8, _ append: (UnsafeBufferPointer<UInt8>) -> Void) {
        let short: StaticString? =
            switch byte {
            case UInt8(ascii: "\""): "\\\""
            case UInt8(ascii: "\\"): "\\\\"
            case 0x08: "\\b"
            case 0x0c: "\\f"
            case 0x0a: "\\n"
            case 0x0d: "\\r"
            case 0x09: "\\t"
            default: nil
            }
        if let short {
            append(UnsafeBufferPointer(start: short.utf8Start, count: short.utf8CodeUnitCount))
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        let escaped: [UInt8] = Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
        escaped.withUnsafeBufferPointer(append)
    }
}
