import Foundation
import Testing
import VaneTestSupport

@testable import VaneSite

// The Mustache specification's cases (https://github.com/mustache/spec, MIT licence, in
// Tests/Fixtures/mustache-spec with its licence): interpolation, sections, inverted
// sections, partials, comments, set delimiters and inheritance, read from the vendored JSON
// files as published. Lambdas and dynamic names are not supported, so not vendored.

/// One case of the specification.
struct SpecCase: CustomTestStringConvertible, Sendable {
    var module: String
    var name: String
    var data: MustacheValue
    var template: String
    var partials: [String: String]
    var expected: String
    var testDescription: String { "\(module): \(name)" }
}

struct MustacheSpecTests {
    private struct File: Decodable {
        struct Test: Decodable {
            var name: String
            var data: MustacheValue
            var template: String
            var partials: [String: String]?
            var expected: String
        }
        var tests: [Test]
    }

    static let cases: [SpecCase] = {
        let folder = Repository.fixture("mustache-spec")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().flatMap { name -> [SpecCase] in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                let file = try? JSONDecoder().decode(File.self, from: data)
            else { return [] }
            let module = String(name.dropLast(".json".count).drop { $0 == "~" })
            return file.tests.map {
                SpecCase(module: module, name: $0.name, data: $0.data, template: $0.template, partials: $0.partials ?? [:], expected: $0.expected)
            }
        }
    }()

    /// Every case of the seven files is read: a file that stopped decoding would otherwise
    /// leave its cases out in silence.
    @Test func everyVendoredCaseIsRead() {
        #expect(MustacheSpecTests.cases.count == 163)
    }

    @Test(arguments: MustacheSpecTests.cases)
    func specification(_ spec: SpecCase) throws {
        var library = MustacheLibrary()
        try library.register(spec.template, named: "test")
        for (name, text) in spec.partials { try library.register(text, named: name) }
        #expect(library.render(spec.data, withTemplate: "test") == spec.expected)
    }

    /// A standalone partial saved with `\r\n` line ends is indented on every line, as one
    /// saved with `\n` is (only its first line was: `\r\n` is one `Character`).
    @Test func aPartialWithWindowsLineEndsIsIndentedOnEveryLine() throws {
        var library = MustacheLibrary()
        try library.register("<div>\r\n  {{> p}}\r\n</div>\r\n", named: "test")
        try library.register("<a>\r\n<b>\r\n", named: "p")
        #expect(library.render([:], withTemplate: "test") == "<div>\r\n  <a>\r\n  <b>\r\n</div>\r\n")
    }
}

/// The specification's JSON data as values: booleans stay booleans, integers integers.
extension MustacheValue: Decodable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let l = try? c.decode([MustacheValue].self) {
            self = .list(l)
        } else {
            self = .map(try c.decode([String: MustacheValue].self))
        }
    }
}
