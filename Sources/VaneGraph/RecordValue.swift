import Foundation
import VaneContent
import VaneDiagnostics

/// A closed set's value as stored: a text that names no case is an error that says where,
/// never a row skipped in silence.
public enum RecordValue {
    public struct Unknown: VaneError {
        /// The value, when the reader has it; else what the decoder said of it.
        public var value: String?, column: String, detail: String?
        public init(value: String, column: String) { (self.value, self.column, self.detail) = (value, column, nil) }

        /// A typed record that could not decode a row of `table`.
        public init(_ error: DecodingError, table: String) {
            let context: DecodingError.Context? =
                switch error {
                case .dataCorrupted(let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c): c
                @unknown default: nil
                }
            let key = context?.codingPath.last?.stringValue ?? "?"
            (value, column, detail) = (nil, "\(table).\(key)", context?.debugDescription)
        }

        public var description: String {
            let what = value.map { "'\($0)'" } ?? "a value"
            return "the database holds \(what) in \(column), which this vane does not know\(detail.map { " (\($0))" } ?? ""); build again"
        }
    }

    public static func decode<T: RawRepresentable>(_ text: String, column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw Unknown(value: text, column: column) }
        return value
    }

    /// A stored date (`2026-04`, `~2024`): a value that is not one is an error, never a row
    /// silently left out.
    public static func date(_ text: String, column: String) throws -> FuzzyDate {
        guard let date = try? FuzzyDate(parsing: text) else { throw Unknown(value: text, column: column) }
        return date
    }
}
