import Foundation
import Testing
import VaneContent
import VaneGraph
import VaneTestSupport

/// The packed form of stored parses, against the JSON form it replaced: every parse of
/// every fixture reads back as the same value, bytes are the same for the same parse,
/// and damaged bytes are an error, never a crash.
struct PackedCodingTests {
    static let fixtures = ["small", "lifecycle", "aws", "entra", "exchange-esu", "founding", "analysis", "hostile"]

    @Test(arguments: fixtures)
    func everyParseReadsBackAsItWas(_ name: String) throws {
        let result = ContentLoader.load(root: Repository.fixture(name))
        #expect(!result.files.isEmpty)
        for file in result.files {
            let packed = try PackedCoding.encode(file)
            let back = try PackedCoding.decode(ParsedFile.self, from: packed)
            #expect(CanonicalJSON.text(back) == CanonicalJSON.text(file), "\(file.path)")
            #expect(try PackedCoding.encode(back) == packed, "\(file.path)")
        }
    }

    @Test func fieldValuesKeepTheirTypes() throws {
        let values: [String: FieldValue] = [
            "text": .text("1"), "whole": .number(1), "fraction": .number(1.5), "negative": .number(-7), "large": .number(1e300),
            "yes": .bool(true), "no": .bool(false), "empty": .text(""), "accents": .text("Zürich · 東京 🚀"),
            "list": .list([.text("a"), .number(2), .bool(false), .list([]), .map([:])]),
            "map": .map(["b": .text("x"), "a": .map(["deep": .list([.number(0.25)])])]),
        ]
        let back = try PackedCoding.decode([String: FieldValue].self, from: PackedCoding.encode(values))
        #expect(back == values)
    }

    /// A dictionary's keys are written sorted: its order in memory changes from run to run.
    @Test func aDictionaryIsWrittenInKeyOrder() throws {
        let forward = Dictionary(uniqueKeysWithValues: (0..<200).map { ("k\($0)", $0) })
        var backward: [String: Int] = [:]
        for i in (0..<200).reversed() { backward["k\(i)"] = i }
        #expect(try PackedCoding.encode(forward) == PackedCoding.encode(backward))
    }

    @Test func damagedBytesAreAnError() throws {
        let result = ContentLoader.load(root: Repository.fixture("founding"))
        let packed = [UInt8](try PackedCoding.encode(result.files[0]))
        var random = SplitMix64(seed: 7)
        for cut in stride(from: 0, to: packed.count - 1, by: max(1, packed.count / 97)) {
            #expect(throws: (any Error).self) { try PackedCoding.decode(ParsedFile.self, from: Data(packed[..<cut])) }
        }
        for _ in 0..<300 {
            var damaged = packed
            for _ in 0..<3 { damaged[random.next(below: damaged.count)] = UInt8(truncatingIfNeeded: random.next()) }
            // Either an error or a value: never a trap.
            _ = try? PackedCoding.decode(ParsedFile.self, from: Data(damaged))
        }
        #expect(throws: (any Error).self) { try PackedCoding.decode(ParsedFile.self, from: Data("{".utf8)) }
    }
}
