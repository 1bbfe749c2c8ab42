/// A 64-bit FNV-1a hash that is the same in every process (Swift's `Hasher` is seeded
/// per run), for fingerprints stored between builds.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ s: String) {
        // Over the string's own bytes: iterating `utf8` a byte at a time was 4% of a build.
        var s = s
        s.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
        mix(0xFF)  // a separator no UTF-8 text contains
    }

    public mutating func add(_ n: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: n >> UInt64(shift))) }
    }

    /// Raw bytes, with no separator (a file's contents).
    public mutating func add(bytes: UnsafeRawBufferPointer) {
        var v = value
        for byte in bytes { v = (v ^ UInt64(byte)) &* 0x100_0000_01b3 }
        value = v
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x100_0000_01b3
    }

    public static func of(_ parts: String...) -> UInt64 {
        var h = StableHash()
        for p in parts { h.add(p) }
        return h.value
    }
}
