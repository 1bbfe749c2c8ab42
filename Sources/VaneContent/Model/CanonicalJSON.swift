import Foundation

/// JSON as Weathervane writes it everywhere: keys sorted, so equal values give equal bytes
/// (parses, fingerprints, golden files), and slashes unescaped. Compact for storage and
/// the site's API; indented for a person at a terminal. One place sets the encoder up.
public enum CanonicalJSON {
    public enum Layout: Sendable { case compact, indented }

    /// `snakeCase` turns Swift's `datePrecision` into the API's `date_precision`.
    public static func data(_ value: some Encodable, layout: Layout = .compact, snakeCase: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            layout == .indented ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        return try encoder.encode(value)
    }

    /// Compact text, for the database and fingerprints. The values encoded here are plain
    /// data (strings, numbers, arrays, maps), which always encode; `fallback` is never used.
    public static func text(_ value: some Encodable, fallback: String = "null") -> String {
        (try? data(value)).map { String(decoding: $0, as: UTF8.self) } ?? fallback
    }

    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
