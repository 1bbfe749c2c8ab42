/// Turns a view model (an `Encodable` struct) into the `MustacheValue` a template reads.
/// Keys are the property names. An optional that is nil stays a key with a null value, so
/// a template never finds a missing field in an enclosing context instead.
enum MustacheEncoder {
    static func encode(_ value: some Encodable) -> MustacheValue {
        let encoder = ValueEncoder()
        try? value.encode(to: encoder)
        return encoder.storage.value
    }
}

/// Where an encoder puts what it is given: a slot the container writes into. A map or a
/// list being filled is kept apart from `value` until it is read: `MustacheValue` is an
/// indirect enum, which boxes its payload, so a key set through it would box the map again
/// (and grow it from nothing) for every key.
private final class Slot {
    private var scalar: MustacheValue = .null
    var map: [String: MustacheValue]?
    var list: [MustacheValue]?

    var value: MustacheValue {
        get {
            if let map { return .map(map) }
            if let list { return .list(list) }
            return scalar
        }
        set {
            (scalar, map, list) = (newValue, nil, nil)
        }
    }
}

private final class ValueEncoder: Encoder {
    let storage = Slot()
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if storage.map == nil {
            storage.value = .null
            storage.map = Dictionary(minimumCapacity: 8)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(slot: storage))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.value = .null
        storage.list = []
        return UnkeyedContainer(slot: storage)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(slot: storage) }
}

/// Encodes one nested value into a fresh slot.
private func boxed(_ value: some Encodable) -> MustacheValue {
    switch value {
    case let s as String: return .string(s)
    case let b as Bool: return .bool(b)
    case let i as Int: return .int(i)
    case let m as MustacheValue: return m
    default:
        let encoder = ValueEncoder()
        try? value.encode(to: encoder)
        return encoder.storage.value
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [any CodingKey] = []

    private func set(_ value: MustacheValue, _ key: Key) { slot.map?[key.stringValue] = value }

    mutating func encodeNil(forKey key: Key) { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) { set(.string(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) { set(.int(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) { set(.double(value), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) { set(boxed(value), key) }

    // A nil optional is a key with a null value, never a missing key.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) { set(value.map { .bool($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) { set(value.map { .string($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) { set(value.map { .int($0) } ?? .null, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) { set(value.map { .double($0) } ?? .null, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) { set(value.map(boxed) ?? .null, key) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        fatalError("view models nest values, not containers")
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        fatalError("view models nest values, not containers")
    }
    mutating func superEncoder() -> any Encoder { fatalError("view models have no superclass") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { fatalError("view models have no superclass") }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey] = []
    var count: Int { slot.list?.count ?? 0 }

    private func append(_ value: MustacheValue) { slot.list?.append(value) }

    mutating func encodeNil() { append(.null) }
    mutating func encode(_ value: Bool) { append(.bool(value)) }
    mutating func encode(_ value: String) { append(.string(value)) }
    mutating func encode(_ value: Int) { append(.int(value)) }
    mutating func encode(_ value: Double) { append(.double(value)) }
    mutating func encode<T: Encodable>(_ value: T) { append(boxed(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        fatalError("view models nest values, not containers")
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { fatalError("view models nest values, not containers") }
    mutating func superEncoder() -> any Encoder { fatalError("view models have no superclass") }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey] = []

    mutating func encodeNil() { slot.value = .null }
    mutating func encode(_ value: Bool) { slot.value = .bool(value) }
    mutating func encode(_ value: String) { slot.value = .string(value) }
    mutating func encode(_ value: Int) { slot.value = .int(value) }
    mutating func encode(_ value: Double) { slot.value = .double(value) }
    mutating func encode<T: Encodable>(_ value: T) { slot.value = boxed(value) }
}
