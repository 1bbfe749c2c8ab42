import Foundation
import GRDB
import VaneContent

/// One SQL value with its SQLite type, so JSON keeps numbers as numbers and NULL as null.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let i): self = .integer(i)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let b): self = .blob(b)
        }
    }

    /// As a table cell or CSV field: NULL is empty, a blob is base64.
    public var text: String {
        switch self {
        case .null: ""
        case .integer(let i): String(i)
        case .real(let d): String(d)
        case .text(let s): s
        case .blob(let b): b.base64EncodedString()
        }
    }

    /// As JSON: numbers, strings, null; a blob as a base64 string; a real that JSON
    /// cannot hold (infinite, not a number) as null.
    var json: String {
        switch self {
        case .null: "null"
        case .integer(let i): String(i)
        case .real(let d): d.isFinite ? String(d) : "null"
        case .text(let s): CanonicalJSON.text(s)
        case .blob(let b): CanonicalJSON.text(b.base64EncodedString())
        }
    }
}

/// The rows of `vane sql`, columns in the order the statement names them.
public struct SQLResult: Sendable {
    public var headers: [String]
    public var rows: [[SQLValue]]

    public var table: TextTable { TextTable(headers: headers, rows: rows.map { $0.map(\.text) }) }

    /// A list of objects, one per row, keys in column order, indented as every command's JSON.
    public var json: String {
        guard !rows.isEmpty else { return "[\n\n]\n" }
        let keys = uniqueKeys
        let objects = rows.map { row in
            let fields = zip(keys, row).map { "    \(CanonicalJSON.text($0)) : \($1.json)" }
            return "  {\n" + fields.joined(separator: ",\n") + "\n  }"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    /// The headers as keys of an object, a name given twice (`select 1 as a, 2 as a`)
    /// numbered from its second (`a_2`): a JSON reader keeps one value of a repeated key.
    var uniqueKeys: [String] {
        var taken = Set(headers)
        var seen: Set<String> = []
        return headers.map { name in
            guard seen.insert(name).inserted else {
                var n = 2
                while taken.contains("\(name)_\(n)") { n += 1 }
                taken.insert("\(name)_\(n)")
                return "\(name)_\(n)"
            }
            return name
        }
    }
}
