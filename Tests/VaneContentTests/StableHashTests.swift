import Testing
import VaneContent

/// Fingerprints are stored between builds, so the hash must be the same in every process
/// and every version: FNV-1a 64 over each part's UTF-8 bytes, each followed by 0xFF.
struct StableHashTests {
    @Test func knownValues() {
        #expect(StableHash.of("") == 0xaf64_724c_8602_eb6e)
        #expect(StableHash.of("abc") == 0xfc18_2483_ee08_06dc)
        // A short string held inline, and a long one held in storage of its own.
        #expect(StableHash.of("Zürich · 東京 🚀", "a longer string than fifteen bytes, so not a small one") == 0x075e_aa71_6e25_0aab)
    }

    @Test func aStringFromAnotherStringHashesAlike() {
        let long = String(repeating: "vane ", count: 40)
        let sliced = String(long.dropFirst(5))
        #expect(StableHash.of(sliced) == StableHash.of(String(repeating: "vane ", count: 39)))
        let bridged = String(decoding: Array("Zürich".utf8), as: UTF8.self)
        #expect(StableHash.of(bridged) == StableHash.of("Zürich"))
    }
}
