import Foundation
import Testing
import VaneContent
import VaneDiagnostics
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

    /// Every integer width reads back, keyed, in a list and as a raw value: the reader names
    /// the primitives it knows by type, and a raw value through its single value.
    @Test func everyNumberTypeReadsBack() throws {
        struct Numbers: Codable, Equatable {
            enum Level: UInt8, Codable {
                case low = 1
                case high = 200
            }
            var i8: Int8 = -128, i16: Int16 = -32_000, i32: Int32 = -2_000_000_000, i64: Int64 = .min, i: Int = -1
            var u8: UInt8 = 255, u16: UInt16 = 65_000, u32: UInt32 = 4_000_000_000, u64: UInt64 = .max, u: UInt = 7
            var f: Float = 1.5, d: Double = -0.25, level: Level = .high
            var list: [UInt16] = [1, 2, 65_535], optional: Int32? = nil
        }
        let value = Numbers()
        #expect(try PackedCoding.decode(Numbers.self, from: PackedCoding.encode(value)) == value)
        // Out of range for the width asked for: an error, not a wrapped value.
        #expect(throws: (any Error).self) { try PackedCoding.decode(Int8.self, from: PackedCoding.encode(300)) }
    }

    /// The types read without `Codable` (`PackedKnownTypes`) read what `Codable` reads:
    /// each is compared with a stand-in of the same fields, read through `Codable`; keys
    /// in another order or unknown are read as `Codable` reads them, a missing one is an error.
    @Test func theTypesReadByHandReadAsCodableReadsThem() throws {
        struct Location: Codable, Equatable {
            var path: String
            var line: Int
            var column: Int
        }
        struct Link: Codable, Equatable {
            var style: String
            var target: String
            var label: String?
            var labelHTML: String?
            var location: Location
        }
        let at = VaneDiagnostics.SourceLocation(path: "Content/events/ü.md", line: 12, column: 40)
        let links = [
            BodyLink(style: .wikilink, target: "meta", label: "the **4o** model", labelHTML: "the <strong>4o</strong> model", location: at),
            BodyLink(style: .citation, target: "a-source", label: nil, location: at),
        ]
        for link in links {
            let packed = try PackedCoding.encode(link)
            let byHand = try PackedCoding.decode(BodyLink.self, from: packed)
            let codable = try PackedCoding.decode(Link.self, from: packed)
            #expect(byHand == link)
            #expect(codable.style == byHand.style.rawValue && codable.target == byHand.target && codable.label == byHand.label)
            #expect(codable.labelHTML == byHand.labelHTML && codable.location == Location(path: at.path, line: at.line, column: at.column))
        }
        let reference = Reference(.contradicts, "a-claim", at: at)
        #expect(try PackedCoding.decode(Reference.self, from: PackedCoding.encode(reference)) == reference)
        let alias = LocatedText("Llama 4", at: at)
        #expect(try PackedCoding.decode(LocatedText.self, from: PackedCoding.encode(alias)) == alias)
        for text in ["2026-04-07", "~2024-07", "2025-Q3", "2019"] {
            let date = try FuzzyDate(parsing: text)
            let read = try PackedCoding.decode(FuzzyDate.self, from: PackedCoding.encode(date))
            #expect(read == date && read.start == date.start && read.end == date.end && read.approximate == date.approximate, "\(text)")
        }
        // In a list, as a stored parse holds them.
        #expect(try PackedCoding.decode([BodyLink].self, from: PackedCoding.encode(links)) == links)

        struct Reordered: Codable {
            var column = 40
            var extra = ["ignored"]
            var line = 12
            var path = "Content/events/ü.md"
        }
        #expect(try PackedCoding.decode(VaneDiagnostics.SourceLocation.self, from: PackedCoding.encode(Reordered())) == at)
        struct Partial: Codable {
            var path = "x.md"
            var line = 1
        }
        #expect(throws: (any Error).self) { try PackedCoding.decode(VaneDiagnostics.SourceLocation.self, from: PackedCoding.encode(Partial())) }
        #expect(throws: (any Error).self) { try PackedCoding.decode(Reference.self, from: PackedCoding.encode(["relation": "nonsense"])) }
    }

    /// An entry is read field by field (`decodeEntry`): its keys in another order (here
    /// sorted, through a dictionary) read as the same entry, and an entry missing a key that
    /// `Codable` requires, or with a kind it does not know, is an error, not an entry with
    /// that field empty.
    @Test func anEntryIsReadByItsKeysInAnyOrderAndAllOfThem() throws {
        let result = ContentLoader.load(root: Repository.fixture("lifecycle"))
        let entries = result.files.compactMap(\.entry)
        #expect(entries.count > 10)
        for entry in entries {
            let fields = try PackedCoding.decode([String: FieldValue].self, from: PackedCoding.encode(entry))
            let sorted = try PackedCoding.decode(Entry.self, from: PackedCoding.encode(fields))
            #expect(CanonicalJSON.text(sorted) == CanonicalJSON.text(entry), "\(entry.path)")
            for required in ["kind", "id", "title", "body", "bodyHTML", "status", "extra", "localLinks"] {
                var partial = fields
                partial[required] = nil
                #expect(throws: (any Error).self, "\(required)") { try PackedCoding.decode(Entry.self, from: PackedCoding.encode(partial)) }
            }
            var unknown = fields
            unknown["kind"] = .text("essay")
            #expect(throws: (any Error).self) { try PackedCoding.decode(Entry.self, from: PackedCoding.encode(unknown)) }
        }
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
