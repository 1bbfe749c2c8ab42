import Foundation
import Testing

@testable import VaneImport

/// The strict JSON reader bills are read with: the values Foundation reads, each with its
/// line and column, and what is not JSON refused where it stops being JSON.
struct PositionedJSONTests {
    private func parse(_ text: String) throws(PositionedJSON.Invalid) -> PositionedJSON { try PositionedJSON.parse(Array(text.utf8)) }

    @Test func valuesReadAsFoundationReadsThem() throws {
        let text = #"{"a": "x\"\\\/\b\f\n\r\tü\u00e9\ud83d\ude00", "n": [0, -1.5e3, 4.20], "t": true, "f": false, "z": null}"#
        let json = try parse(text)
        let foundation = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        guard case .string(let a) = json["a"]?.value else {
            Issue.record("no text")
            return
        }
        #expect(a == foundation["a"] as? String && a.hasSuffix("üé😀"))
        guard case .array(let numbers) = json["n"]?.value else {
            Issue.record("no list")
            return
        }
        #expect(numbers.map(\.described) == ["0", "-1.5e3", "4.20"])
        #expect(json["t"]?.described == "true" && json["f"]?.described == "false" && json["z"]?.isNull == true)
    }

    @Test func everyValueHasItsLineAndColumnInCharacters() throws {
        let json = try parse("{\n  \"é\": \"ü\", \"b\":\n    [1, {\"c\": 2}]\n}")
        #expect(json["é"].map { [$0.line, $0.column] } == [2, 8])
        #expect(json["b"].map { [$0.line, $0.column] } == [3, 5])
        guard case .array(let items) = json["b"]?.value else {
            Issue.record("no list")
            return
        }
        #expect(items[1]["c"].map { [$0.line, $0.column] } == [3, 15])
    }

    /// On one line (a minified bill), each value's column is counted on from the last one,
    /// and a byte order mark is no part of the text.
    @Test func aLongLineKeepsItsColumnsAndAMarkIsSkipped() throws {
        let items = (0..<2000).map { "{\"v\": \"é\($0)\"}" }
        let json = try parse("\u{FEFF}[" + items.joined(separator: ",") + "]")
        guard case .array(let list) = json.value else {
            Issue.record("no list")
            return
        }
        #expect(list.count == 2000)
        // The last item's value: after "[", the other items and their commas, and `{"v": `.
        let before = 1 + items.dropLast().map { $0.count + 1 }.reduce(0, +) + 6
        #expect(list[1999]["v"].map { [$0.line, $0.column] } == [1, before + 1])
    }

    @Test func whatIsNotJSONIsRefusedWhereItStops() {
        for (text, line, column, message) in [
            ("[1, 2,]", 1, 6, "a comma before ']' is one too many"),
            ("{\"a\": 1,\n}", 1, 8, "a comma before '}' is one too many"),
            ("{\"a\": 1 \"b\": 2}", 1, 9, "',' or '}' was expected"),
            ("[01]", 1, 2, "a number does not start with 0 (a version goes in quotes)"),
            ("// note\n{}", 1, 1, "a value was expected here (text goes in double quotes)"),
            ("{} {}", 1, 4, "unexpected text after the JSON value"),
            ("\"open", 1, 6, "the file ends inside a text (a '\"' is missing)"),
            ("[\"\\x\"]", 1, 3, "unknown escape '\\x' in a text"),
        ] {
            #expect(throws: PositionedJSON.Invalid.self, "\(text)") { try parse(text) }
            do {
                _ = try parse(text)
            } catch {
                #expect([error.line, error.column] == [line, column] && error.message == message, "\(text): \(error)")
            }
        }
    }
}
