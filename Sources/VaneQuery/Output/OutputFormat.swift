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
        // By the columns a terminal gives each cell (日本語 takes six, an emoji two).
        let columns = all.map { $0.map(TextTable.columns) }
        let widths = headers.indices.map { column in columns.map { $0[column] }.max() ?? 0 }
        return all.indices.map { r in
            let row = all[r]
            return row.indices.map { i in
                i == row.count - 1 ? row[i] : row[i] + String(repeating: " ", count: widths[i] - columns[r][i])
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// The columns `text` takes on a terminal: two for a wide character (East Asian wide and
    /// full-width forms, emoji), none for a combining mark, one for the rest.
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            if v < 0x300 { return sum + 1 }
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark || v == 0x200D
                || (0xFE00...0xFE0F).contains(v)
            {
                return sum
            }
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
                || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
                || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
            return sum + (wide ? 2 : 1)
        }
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
