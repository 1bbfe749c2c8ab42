import Foundation
import VaneContent
import VaneDiagnostics

/// A compact binary form of any `Codable` value, for the parses a build stores and the
/// next one reads back: `JSONDecoder` was the largest single cost of a build after one
/// edit (28% of its CPU at 10,000 events, decoding 20,499 stored parses). Values carry
/// a type tag, so `Codable` code that tries one type then another (`FieldValue`) reads
/// them as it reads JSON; arrays and objects carry their length in bytes, so a key is
/// found by skipping, not by parsing, what comes before it. Not a format for other
/// programs: the parser version in a parse's hash retires old ones.
///
///     nil 0 · false 1 · true 2 · integer 3 (zigzag varint) · unsigned 4 (varint)
///     double 5 (8 bytes) · string 6 (varint length, UTF-8)
///     array 7 (varint bytes, varint count, values) · object 8 (varint bytes, varint count,
///     then key (varint length, UTF-8) and value, in the order written)
public enum PackedCoding {
    enum Tag: UInt8 {
        case null = 0
        case no, yes, integer, unsigned, double, string, array, object
    }

    public static func encode(_ value: some Encodable) throws -> Data {
        let root = try PackedWriter.node(value)
        var out: [UInt8] = []
        out.reserveCapacity(root.size)
        root.write(to: &out)
        return Data(out)
    }

    /// Reads `data` in place: a copy into an array first was 128 MB copied at 10,000 events.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try data.withUnsafeBytes { raw in
            try PackedReader(bytes: raw.bindMemory(to: UInt8.self), at: 0).decode(type)
        }
    }
}

/// Values whose keys are written sorted: dictionaries (a struct's keys keep the order of
/// its declaration, the order its decoder asks for them in).
private protocol SortedOnWrite {}
extension Dictionary: SortedOnWrite where Key == String {}

// MARK: - Writing: a tree of nodes, then bytes (a container's length is known once it is filled)

extension PackedCoding {
    /// A value to write. Containers are objects, filled after they are placed (a
    /// container is returned to the caller, which fills it); their sizes are computed once.
    indirect enum Node {
        case null
        case bool(Bool)
        case integer(Int64)
        case unsigned(UInt64)
        case double(Double)
        case string(String)
        case array(List)
        case object(Pairs)
        /// A value encoded through `encode(to:)`, which sets it through a container.
        case slot(Slot)

        final class List {
            var items: [Node] = []
            var body = -1
        }

        final class Pairs {
            var items: [(String, Node)] = []
            var body = -1
        }

        final class Slot { var node: Node = .null }

        /// Bytes of the count and the items of a container, computed once.
        private static func body(_ list: List) -> Int {
            if list.body < 0 { list.body = varintSize(UInt64(list.items.count)) + list.items.reduce(0) { $0 + $1.size } }
            return list.body
        }

        private static func body(_ pairs: Pairs) -> Int {
            if pairs.body < 0 {
                pairs.body = varintSize(UInt64(pairs.items.count)) + pairs.items.reduce(0) { $0 + textSize($1.0) + $1.1.size }
            }
            return pairs.body
        }

        private static func varintSize(_ n: UInt64) -> Int { n < 0x80 ? 1 : (64 - n.leadingZeroBitCount + 6) / 7 }
        private static func textSize(_ s: String) -> Int { varintSize(UInt64(s.utf8.count)) + s.utf8.count }

        var size: Int {
            switch self {
            case .null, .bool: 1
            case .integer(let n): 1 + Node.varintSize(UInt64(bitPattern: (n << 1) ^ (n >> 63)))
            case .unsigned(let n): 1 + Node.varintSize(n)
            case .double: 9
            case .string(let s): 1 + Node.textSize(s)
            case .array(let list):
                1 + Node.varintSize(UInt64(Node.body(list))) + Node.body(list)
            case .object(let pairs):
                1 + Node.varintSize(UInt64(Node.body(pairs))) + Node.body(pairs)
            case .slot(let slot): slot.node.size
            }
        }

        func write(to out: inout [UInt8]) {
            switch self {
            case .null: out.append(Tag.null.rawValue)
            case .bool(let b): out.append(b ? Tag.yes.rawValue : Tag.no.rawValue)
            case .integer(let n):
                out.append(Tag.integer.rawValue)
                Node.varint(UInt64(bitPattern: (n << 1) ^ (n >> 63)), to: &out)
            case .unsigned(let n):
                out.append(Tag.unsigned.rawValue)
                Node.varint(n, to: &out)
            case .double(let d):
                out.append(Tag.double.rawValue)
                withUnsafeBytes(of: d.bitPattern.littleEndian) { out.append(contentsOf: $0) }
            case .string(let s):
                out.append(Tag.string.rawValue)
                Node.text(s, to: &out)
            case .array(let list):
                out.append(Tag.array.rawValue)
                Node.varint(UInt64(Node.body(list)), to: &out)
                Node.varint(UInt64(list.items.count), to: &out)
                for item in list.items { item.write(to: &out) }
            case .object(let pairs):
                out.append(Tag.object.rawValue)
                Node.varint(UInt64(Node.body(pairs)), to: &out)
                Node.varint(UInt64(pairs.items.count), to: &out)
                for (key, value) in pairs.items {
                    Node.text(key, to: &out)
                    value.write(to: &out)
                }
            case .slot(let slot): slot.node.write(to: &out)
            }
        }

        private static func varint(_ n: UInt64, to out: inout [UInt8]) {
            var n = n
            while n >= 0x80 {
                out.append(UInt8(truncatingIfNeeded: n) | 0x80)
                n >>= 7
            }
            out.append(UInt8(n))
        }

        private static func text(_ s: String, to out: inout [UInt8]) {
            var s = s
            s.withUTF8 { bytes in
                varint(UInt64(bytes.count), to: &out)
                out.append(contentsOf: bytes)
            }
        }
    }
}

private struct PackedWriter: Encoder {
    typealias Node = PackedCoding.Node
    let slot: Node.Slot
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // A type that asks twice writes into the same object.
        if case .object(let pairs) = slot.node { return KeyedEncodingContainer(Keyed(pairs: pairs)) }
        let pairs = Node.Pairs()
        slot.node = .object(pairs)
        return KeyedEncodingContainer(Keyed(pairs: pairs))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array(let list) = slot.node { return Unkeyed(list: list) }
        let list = Node.List()
        slot.node = .array(list)
        return Unkeyed(list: list)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot) }

    static func node(_ value: some Encodable) throws -> Node {
        switch value {
        case let s as String: return .string(s)
        case let b as Bool: return .bool(b)
        case let d as Double: return .double(d)
        case let n as Int: return .integer(Int64(n))
        case let n as Int64: return .integer(n)
        case let n as UInt64: return .unsigned(n)
        case let n as any FixedWidthInteger: return type(of: n).isSigned ? .integer(Int64(n)) : .unsigned(UInt64(n))
        case let f as Float: return .double(Double(f))
        default:
            let slot = Node.Slot()
            try value.encode(to: PackedWriter(slot: slot))
            // A dictionary's order is its hash seed's: sorted, the same parse is the same bytes.
            if value is any SortedOnWrite, case .object(let pairs) = slot.node { pairs.items.sort { $0.0 < $1.0 } }
            return slot.node
        }
    }

    /// A nested container: placed now, filled by the caller.
    static func nested(_ place: (Node) -> Void) -> PackedWriter {
        let slot = Node.Slot()
        place(.slot(slot))
        return PackedWriter(slot: slot)
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let pairs: Node.Pairs
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { pairs.items.append((key.stringValue, .null)) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { pairs.items.append((key.stringValue, .bool(value))) }
        mutating func encode(_ value: String, forKey key: Key) throws { pairs.items.append((key.stringValue, .string(value))) }
        mutating func encode(_ value: Double, forKey key: Key) throws { pairs.items.append((key.stringValue, .double(value))) }
        mutating func encode(_ value: Int, forKey key: Key) throws { pairs.items.append((key.stringValue, .integer(Int64(value)))) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { pairs.items.append((key.stringValue, .integer(value))) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { pairs.items.append((key.stringValue, .unsigned(value))) }
        mutating func encode(_ value: some Encodable, forKey key: Key) throws {
            pairs.items.append((key.stringValue, try PackedWriter.node(value)))
        }

        private func place(_ key: Key) -> PackedWriter {
            PackedWriter.nested { pairs.items.append((key.stringValue, $0)) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            place(key).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { place(key).unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { place(key) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let list: Node.List
        var codingPath: [any CodingKey] { [] }
        var count: Int { list.items.count }

        mutating func encodeNil() throws { list.items.append(.null) }
        mutating func encode(_ value: some Encodable) throws { list.items.append(try PackedWriter.node(value)) }

        private func place() -> PackedWriter { PackedWriter.nested { list.items.append($0) } }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            place().container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { place().unkeyedContainer() }
        mutating func superEncoder() -> any Encoder { place() }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Node.Slot
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { slot.node = .null }
        mutating func encode(_ value: some Encodable) throws { slot.node = try PackedWriter.node(value) }
    }
}

// MARK: - Reading: in place, over the bytes

struct PackedReader: Decoder {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where this value's tag is.
    let at: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    typealias Tag = PackedCoding.Tag

    static func corrupt(_ what: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "packed value: \(what)"))
    }

    static func mismatch(_ type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "packed value of another type"))
    }

    func tag(at offset: Int) throws -> Tag {
        guard offset < bytes.count, let tag = Tag(rawValue: bytes[offset]) else { throw Self.corrupt("bad tag") }
        return tag
    }

    func varint(at offset: inout Int) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { break }
        }
        throw Self.corrupt("bad varint")
    }

    /// A length or a count, which can be no more than the bytes there are.
    func size(at offset: inout Int) throws -> Int {
        let n = try varint(at: &offset)
        guard n <= UInt64(bytes.count) else { throw Self.corrupt("length past the end") }
        return Int(n)
    }

    /// The offset just past the value whose tag is at `offset`.
    func end(of offset: Int) throws -> Int {
        var cursor = offset + 1
        switch try tag(at: offset) {
        case .null, .no, .yes: return cursor
        case .integer, .unsigned:
            _ = try varint(at: &cursor)
            return cursor
        case .double: return cursor + 8
        case .string, .array, .object:
            let length = try size(at: &cursor)
            return cursor + length
        }
    }

    /// The bytes of a string whose length varint is at `offset`, and the offset after.
    func text(at offset: Int) throws -> (UnsafeBufferPointer<UInt8>, Int) {
        var cursor = offset
        let length = try size(at: &cursor)
        guard cursor + length <= bytes.count else { throw Self.corrupt("string past the end") }
        return (UnsafeBufferPointer(rebasing: bytes[cursor..<cursor + length]), cursor + length)
    }

    // MARK: Scalars

    func decodeNil() -> Bool { (try? tag(at: at)) == .null }

    func decodeBool() throws -> Bool {
        switch try tag(at: at) {
        case .no: return false
        case .yes: return true
        default: throw Self.mismatch(Bool.self)
        }
    }

    func decodeString() throws -> String {
        guard try tag(at: at) == .string else { throw Self.mismatch(String.self) }
        return String(decoding: try text(at: at + 1).0, as: UTF8.self)
    }

    func decodeInt64() throws -> Int64 {
        var cursor = at + 1
        switch try tag(at: at) {
        case .integer:
            let z = try varint(at: &cursor)
            return Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1)))
        case .unsigned:
            let n = try varint(at: &cursor)
            guard n <= UInt64(Int64.max) else { throw Self.mismatch(Int64.self) }
            return Int64(n)
        case .double:
            let d = try decodeDouble()
            guard let n = Int64(exactly: d) else { throw Self.mismatch(Int64.self) }
            return n
        default: throw Self.mismatch(Int64.self)
        }
    }

    func decodeUInt64() throws -> UInt64 {
        var cursor = at + 1
        switch try tag(at: at) {
        case .unsigned: return try varint(at: &cursor)
        default:
            let n = try decodeInt64()
            guard n >= 0 else { throw Self.mismatch(UInt64.self) }
            return UInt64(n)
        }
    }

    func decodeDouble() throws -> Double {
        switch try tag(at: at) {
        case .double:
            guard at + 9 <= bytes.count else { throw Self.corrupt("double past the end") }
            var bits: UInt64 = 0
            for i in 0..<8 { bits |= UInt64(bytes[at + 1 + i]) << UInt64(8 * i) }
            return Double(bitPattern: bits)
        case .integer, .unsigned: return Double(try decodeInt64())
        default: throw Self.mismatch(Double.self)
        }
    }

    /// Types are told apart by comparing metatypes, a pointer comparison, not by casts that
    /// ask the runtime. What made decoding cheaper is the types read by hand below: on its
    /// own, the comparison of scalars gained nothing measurable (see the README).
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return unsafeBitCast(try decodeString(), to: T.self) }
        if T.self == Bool.self { return unsafeBitCast(try decodeBool(), to: T.self) }
        if T.self == Int.self { return unsafeBitCast(Int(try decodeInt64()), to: T.self) }
        if T.self == Int64.self { return unsafeBitCast(try decodeInt64(), to: T.self) }
        if T.self == UInt64.self { return unsafeBitCast(try decodeUInt64(), to: T.self) }
        if T.self == Double.self { return unsafeBitCast(try decodeDouble(), to: T.self) }
        if T.self == Float.self { return unsafeBitCast(Float(try decodeDouble()), to: T.self) }
        if let integer = Self.otherInteger(T.self) { return try decodeInteger(integer) as! T }
        // The types `PackedKnownTypes` reads by hand.
        if T.self == ParsedFile.self { return unsafeBitCast(try decodeParsedFile(), to: T.self) }
        if T.self == Entry.self { return unsafeBitCast(try decodeEntry(), to: T.self) }
        if T.self == SourceLocation.self { return unsafeBitCast(try decodeLocation(), to: T.self) }
        if T.self == BodyLink.self { return unsafeBitCast(try decodeBodyLink(), to: T.self) }
        if T.self == Reference.self { return unsafeBitCast(try decodeReference(), to: T.self) }
        if T.self == LocatedText.self { return unsafeBitCast(try decodeLocatedText(), to: T.self) }
        if T.self == FuzzyDate.self { return unsafeBitCast(try decodeFuzzyDate(), to: T.self) }
        // Their lists, which every entry has (most of them empty), without a container each.
        if T.self == [String].self { return unsafeBitCast(try decodeList { try $0.decodeString() }, to: T.self) }
        if T.self == [LocatedText].self { return unsafeBitCast(try decodeList { try $0.decodeLocatedText() }, to: T.self) }
        if T.self == [Reference].self { return unsafeBitCast(try decodeList { try $0.decodeReference() }, to: T.self) }
        if T.self == [BodyLink].self { return unsafeBitCast(try decodeList { try $0.decodeBodyLink() }, to: T.self) }
        return try T(from: self)
    }

    /// An array, each element read by `element`.
    func decodeList<Element>(_ element: (PackedReader) throws -> Element) throws -> [Element] {
        guard try tag(at: at) == .array else { throw Self.mismatch([Element].self) }
        var cursor = at + 1
        _ = try size(at: &cursor)
        let count = try size(at: &cursor)
        var list: [Element] = []
        list.reserveCapacity(count)
        for _ in 0..<count {
            list.append(try element(self.at(cursor)))
            cursor = try end(of: cursor)
        }
        return list
    }

    /// The integer types besides `Int`, `Int64` and `UInt64` (which decode from a single value
    /// container, so `T(from:)` would come back here).
    private static func otherInteger<T>(_ type: T.Type) -> (any FixedWidthInteger.Type)? {
        // Compared one by one, as every value of a stored parse asks: a stored array of
        // metatypes is not `Sendable`, and a literal one would be made at each call.
        switch ObjectIdentifier(type) {
        case ObjectIdentifier(Int8.self): Int8.self
        case ObjectIdentifier(Int16.self): Int16.self
        case ObjectIdentifier(Int32.self): Int32.self
        case ObjectIdentifier(UInt.self): UInt.self
        case ObjectIdentifier(UInt8.self): UInt8.self
        case ObjectIdentifier(UInt16.self): UInt16.self
        case ObjectIdentifier(UInt32.self): UInt32.self
        default: nil
        }
    }

    func decodeInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        let value = I.isSigned ? I(exactly: try decodeInt64()) : I(exactly: try decodeUInt64())
        guard let value else { throw Self.mismatch(type) }
        return value
    }

    // MARK: Containers

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard try tag(at: at) == .object else { throw Self.mismatch([String: Any].self) }
        var cursor = at + 1
        let length = try size(at: &cursor)
        let end = cursor + length
        let count = try size(at: &cursor)
        return KeyedDecodingContainer(Keyed<Key>(reader: self, first: cursor, end: end, count: count))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard try tag(at: at) == .array else { throw Self.mismatch([Any].self) }
        var cursor = at + 1
        _ = try size(at: &cursor)
        let count = try size(at: &cursor)
        return Unkeyed(reader: self, cursor: cursor, count: count)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { Single(reader: self) }

    func at(_ offset: Int) -> PackedReader { PackedReader(bytes: bytes, at: offset) }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let reader: PackedReader
        /// The object's keys, read once: where each name's bytes are and where its value is.
        /// A key not written (an optional left out) is looked for among all of them, which
        /// read every name's length and every value's end again at each search, for the
        /// dozen fields of an entry a stored parse leaves out.
        private let fields: Fields
        private final class Fields {
            var names: [(at: Int, count: Int)] = []
            var values: [Int] = []
            /// The field after the last one found: keys are mostly asked for in the order written.
            var next = 0
        }

        init(reader: PackedReader, first: Int, end: Int, count: Int) {
            self.reader = reader
            fields = Fields()
            fields.names.reserveCapacity(count)
            fields.values.reserveCapacity(count)
            var cursor = first
            for _ in 0..<count {
                // A damaged object reads as the fields before the damage.
                guard let (name, valueAt) = try? reader.text(at: cursor), let next = try? reader.end(of: valueAt), next <= end else { break }
                fields.names.append((name.baseAddress.map { $0 - reader.bytes.baseAddress! } ?? valueAt, name.count))
                fields.values.append(valueAt)
                cursor = next
            }
        }

        var codingPath: [any CodingKey] { [] }

        var allKeys: [Key] {
            fields.names.compactMap { name in
                Key(stringValue: String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[name.at..<name.at + name.count]), as: UTF8.self))
            }
        }

        /// The index of the field under `key`, searching from the last found and wrapping round.
        private func find(_ key: Key) -> Int? {
            var wanted = key.stringValue
            return wanted.withUTF8 { wanted -> Int? in
                let names = fields.names
                guard !names.isEmpty, let base = reader.bytes.baseAddress else { return nil }
                var i = fields.next < names.count ? fields.next : 0
                for _ in 0..<names.count {
                    let name = names[i]
                    if name.count == wanted.count && (name.count == 0 || memcmp(base + name.at, wanted.baseAddress!, name.count) == 0) {
                        return i
                    }
                    i = i + 1 == names.count ? 0 : i + 1
                }
                return nil
            }
        }

        /// The value under `key`, if any; the next search starts after it.
        private func present(_ key: Key) -> PackedReader? {
            guard let i = find(key) else { return nil }
            fields.next = i + 1
            return reader.at(fields.values[i])
        }

        private func value(_ key: Key) throws -> PackedReader {
            guard let value = present(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: [], debugDescription: "no packed value for '\(key.stringValue)'"))
            }
            return value
        }

        func contains(_ key: Key) -> Bool { find(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool { try value(key).decodeNil() }
        // The scalars a parse is mostly made of, without the generic dispatch.
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).decodeString() }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).decodeBool() }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { Int(try value(key).decodeInt64()) }

        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let value = present(key), !value.decodeNil() else { return nil }
            return try value.decodeString()
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(key).decode(type) }

        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let value = present(key), !value.decodeNil() else { return nil }
            return try value.decode(type)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try value(key).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try value(key).unkeyedContainer() }
        func superDecoder() throws -> any Decoder { try value(Key(stringValue: "super")!) }
        func superDecoder(forKey key: Key) throws -> any Decoder { try value(key) }
    }

    struct Unkeyed: UnkeyedDecodingContainer {
        let reader: PackedReader
        var cursor: Int
        let total: Int
        var currentIndex = 0

        init(reader: PackedReader, cursor: Int, count: Int) {
            (self.reader, self.cursor, total) = (reader, cursor, count)
        }

        var codingPath: [any CodingKey] { [] }
        var count: Int? { total }
        var isAtEnd: Bool { currentIndex >= total }

        private mutating func next() throws -> PackedReader {
            guard !isAtEnd else { throw PackedReader.corrupt("read past the end of an array") }
            let value = reader.at(cursor)
            cursor = try reader.end(of: cursor)
            currentIndex += 1
            return value
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, reader.at(cursor).decodeNil() else { return false }
            _ = try next()
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            // A failed decode leaves the element to be read again, as JSONDecoder does.
            let value = reader.at(cursor)
            guard !isAtEnd else { throw PackedReader.corrupt("read past the end of an array") }
            let decoded = try value.decode(type)
            _ = try next()
            return decoded
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try next().container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> any Decoder { try next() }
    }

    struct Single: SingleValueDecodingContainer {
        let reader: PackedReader
        var codingPath: [any CodingKey] { [] }

        func decodeNil() -> Bool { reader.decodeNil() }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(type) }
    }
}
