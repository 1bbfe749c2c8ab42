/// An optional that JSON writes as `null` when it has no value, never leaving its key out,
/// so that a consumer sees every field of a row. The synthesized `Encodable` writes a
/// wrapped property with `encode`, not `encodeIfPresent`: adding a field to a type is
/// enough for it to appear, with no hand-written `encode(to:)` to keep in step.
@propertyWrapper
public struct Null<Value: Encodable & Sendable>: Encodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}

extension Null: Equatable where Value: Equatable {}
extension Null: Hashable where Value: Hashable {}

extension Null: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try container.decode(Value.self)
    }
}
