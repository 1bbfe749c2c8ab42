import Foundation
import VaneContent
import VaneDiagnostics

/// How query results are printed.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

/// Rows of text printed as an aligned table, CSV, or JSON.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]

    public init(headers: [String], rows: [[String]]) {
        self.headers = headers
        self.rows = rows
    }

    /// Columns padded to their widest cell, two spaces apart; the last column is not padded.
    /// A line break or tab in a cell is written as `\n`, `\r` or `\t`: one row, one line (a
    /// body's breaks cut `vane sql`'s rows apart). Characters a terminal runs are escaped as
    /// diagnostics escape them (`\u{1B}`): a title or a commit's subject could clear the
    /// screen or forge a row (`Diagnostic.oneLine`).
    public func aligned() -> String {
        let all = ([headers] + rows).map { $0.map(Diagnostic.oneLine) }
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { i in
                i == row.count - 1 ? row[i] : row[i] + String(repeating: " ", count: widths[i] - row[i].count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a header line; control characters but line breaks and tabs are
    /// escaped as in the table (CSV is read on a terminal too).
    public func csv() -> String {
        func field(_ cell: String) -> String {
            let s = Diagnostic.terminalSafe(cell, keeping: ["\n", "\r", "\t"])
            return s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return ([headers] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// JSON as every command prints it: pretty, keys sorted, snake_case, slashes unescaped.
public enum JSONOutput {
    public static func encode(_ value: some Encodable) -> String {
        let data = (try? CanonicalJSON.data(value, layout: .indented, snakeCase: true)) ?? Data("null".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
