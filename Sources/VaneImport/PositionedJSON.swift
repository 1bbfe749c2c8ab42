import VaneDiagnostics

/// JSON read strictly (RFC 8259: no trailing comma, no comment, nothing after the value)
/// with the line and column of every value, so that a bill's problems are said where they
/// are written, each at its own place: Foundation's reader keeps no position, and accepts
/// a trailing comma.
struct PositionedJSON: Sendable {
    indirect enum Value: Sendable {
        case object([(key: String, value: PositionedJSON)])
        case array([PositionedJSON])
        case string(String)
        /// As written: a version written as a number (`4.20`) is quoted back as it was.
        case number(String)
        case bool(Bool)
        case null
    }

    var value: Value
    var line: Int
    var column: Int

    /// Where the text stops being JSON.
    struct Invalid: Error {
        var message: String
        var line: Int
        var column: Int
    }

    /// The value of `key` in an object (the last written, as Foundation's reader and most
    /// others keep it), else nil.
    subscript(key: String) -> PositionedJSON? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
    }

    var isNull: Bool { if case .null = value { true } else { false } }

    /// The value as a reader sees it in a message: `3.10`, `true`, `a list`, `an object`.
    var described: String {
        switch value {
        case .object: "an object"
        case .array: "a list"
        case .string(let text): "'\(text)'"
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        }
    }

    static func parse(_ bytes: [UInt8]) throws(Invalid) -> PositionedJSON {
        var reader = Reader(bytes: bytes)
        reader.skipSpace()
        let value = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.atEnd else { throw reader.invalid("unexpected text after the JSON value") }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        /// Where the current line starts, to count columns in characters (UTF-8 lead bytes).
        var lineStart = 0
        /// Where the last comma was read (its line, and its byte), to point at one too many.
        var comma = (line: 1, index: 0, lineStart: 0)
        /// The column last counted, and at which byte: each value's column is counted on from
        /// there, not from the line's start (a bill on one line would take quadratic time).
        var counted = (index: 0, column: 1)

        init(bytes: [UInt8]) {
            // A byte order mark is no part of the text (RFC 8259 lets a reader ignore it).
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            self.bytes = bytes
            if bytes.starts(with: bom) { (index, lineStart, counted.index) = (3, 3, 3) }
        }

        var atEnd: Bool { index >= bytes.count }

        /// The column of byte `i` of the current line, counted from its start: for messages.
        func column(at i: Int, from start: Int) -> Int { bytes[start..<min(i, bytes.count)].count { $0 & 0xC0 != 0x80 } + 1 }

        /// The column of the current byte, counted on from the last one counted.
        mutating func column() -> Int {
            if counted.index < lineStart || counted.index > index { counted = (lineStart, 1) }
            counted.column += bytes[counted.index..<min(index, bytes.count)].count { $0 & 0xC0 != 0x80 }
            counted.index = index
            return counted.column
        }

        func invalid(_ message: String) -> Invalid { Invalid(message: message, line: line, column: column(at: index, from: lineStart)) }

        func extraComma(before closing: Character) -> Invalid {
            Invalid(
                message: "a comma before '\(closing)' is one too many", line: comma.line, column: column(at: comma.index, from: comma.lineStart))
        }

        mutating func skipComma() {
            comma = (line, index, lineStart)
            index += 1
        }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    (line, lineStart) = (line + 1, index)
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(Invalid) -> PositionedJSON {
            guard depth < 512 else { throw invalid("nested too deeply") }
            guard !atEnd else { throw invalid("the file ends where a value was expected") }
            let (at, column) = (line, column())
            func made(_ value: Value) -> PositionedJSON { PositionedJSON(value: value, line: at, column: column) }
            switch bytes[index] {
            case UInt8(ascii: "{"): return made(try object(depth: depth))
            case UInt8(ascii: "["): return made(try array(depth: depth))
            case UInt8(ascii: "\""): return made(.string(try string()))
            case UInt8(ascii: "t"):
                try word("true")
                return made(.bool(true))
            case UInt8(ascii: "f"):
                try word("false")
                return made(.bool(false))
            case UInt8(ascii: "n"):
                try word("null")
                return made(.null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return made(.number(try number()))
            case UInt8(ascii: "]"), UInt8(ascii: "}"): throw invalid("a value was expected here")
            default: throw invalid("a value was expected here (text goes in double quotes)")
            }
        }

        mutating func object(depth: Int) throws(Invalid) -> Value {
            index += 1
            var members: [(key: String, value: PositionedJSON)] = []
            skipSpace()
            if !atEnd, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard !atEnd else { throw invalid("the file ends inside an object (a '}' is missing)") }
                guard bytes[index] == UInt8(ascii: "\"") else {
                    throw bytes[index] == UInt8(ascii: "}") && !members.isEmpty
                        ? extraComma(before: "}") : invalid("a key in double quotes was expected")
                }
                let key = try string()
                skipSpace()
                guard !atEnd, bytes[index] == UInt8(ascii: ":") else { throw invalid("':' was expected after the key '\(key)'") }
                index += 1
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                guard !atEnd else { throw invalid("the file ends inside an object (a '}' is missing)") }
                if bytes[index] == UInt8(ascii: ",") {
                    skipComma()
                    continue
                }
                guard bytes[index] == UInt8(ascii: "}") else { throw invalid("',' or '}' was expected") }
                index += 1
                return .object(members)
            }
        }

        mutating func array(depth: Int) throws(Invalid) -> Value {
            index += 1
            var items: [PositionedJSON] = []
            skipSpace()
            if !atEnd, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipSpace()
                if !atEnd, bytes[index] == UInt8(ascii: "]") { throw extraComma(before: "]") }
                items.append(try value(depth: depth + 1))
                skipSpace()
                guard !atEnd else { throw invalid("the file ends inside a list (a ']' is missing)") }
                if bytes[index] == UInt8(ascii: ",") {
                    skipComma()
                    continue
                }
                guard bytes[index] == UInt8(ascii: "]") else { throw invalid("',' or ']' was expected") }
                index += 1
                return .array(items)
            }
        }

        mutating func word(_ text: StaticString) throws(Invalid) {
            let word = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
            guard bytes.count - index >= word.count, bytes[index..<(index + word.count)].elementsEqual(word) else {
                throw invalid("a value was expected here (text goes in double quotes)")
            }
            index += word.count
        }

        mutating func number() throws(Invalid) -> String {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - from
            }
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let whole = index
            guard digits() > 0 else { throw invalid("a number was expected after '-'") }
            if bytes[whole] == UInt8(ascii: "0"), index - whole > 1 {
                throw Invalid(
                    message: "a number does not start with 0 (a version goes in quotes)", line: line, column: column(at: start, from: lineStart))
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw invalid("digits were expected after '.'") }
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw invalid("digits were expected in the exponent") }
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        mutating func string() throws(Invalid) -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var run = index
            func flush() { scalars.append(contentsOf: String(decoding: bytes[run..<index], as: UTF8.self).unicodeScalars) }
            while true {
                guard index < bytes.count else { throw invalid("the file ends inside a text (a '\"' is missing)") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    flush()
                    index += 1
                    return String(scalars)
                }
                if byte < 0x20 {
                    throw invalid(byte == 0x0A ? "a text goes on past the end of its line (a '\"' is missing)" : "a control character in a text")
                }
                guard byte == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                flush()
                let escapeAt = index
                index += 1
                guard index < bytes.count else { throw invalid("the file ends inside a text (a '\"' is missing)") }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{8}")
                case UInt8(ascii: "f"): scalars.append("\u{C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    {
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw invalid("an unpaired surrogate in a \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw invalid("an unpaired surrogate in a \\u escape") }
                    scalars.append(scalar)
                default:
                    throw Invalid(
                        message: "unknown escape '\\\(Character(Unicode.Scalar(escaped)))' in a text", line: line,
                        column: column(at: escapeAt, from: lineStart))
                }
                run = index
            }
        }

        mutating func hex4() throws(Invalid) -> UInt32 {
            guard bytes.count - index >= 4 else { throw invalid("four hex digits were expected after \\u") }
            var code: UInt32 = 0
            for byte in bytes[index..<(index + 4)] {
                guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { throw invalid("four hex digits were expected after \\u") }
                code = code * 16 + UInt32(digit)
            }
            index += 4
            return code
        }
    }
}
