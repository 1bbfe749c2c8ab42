import Foundation
import VaneDiagnostics

/// A software bill of materials as the import uses it: each component's name, version,
/// package URL and CPE. Reads CycloneDX JSON (spec 1.4 to 1.6) and SPDX 2.3 JSON; anything
/// else is an error at the place that says what the file is.
struct BillOfMaterials: Sendable {
    struct Component: Sendable, Hashable {
        var name: String
        var version: String?
        var purl: String?
        var cpe: String?
        /// Where it was written (its line), for messages.
        var line: Int
    }

    enum Format: String, Sendable {
        case cycloneDX = "CycloneDX"
        case spdx = "SPDX"
    }

    var format: Format
    var specVersion: String
    var components: [Component]

    /// Why a file is no bill the import reads, where it says so.
    struct Unreadable: Error {
        var diagnostic: Diagnostic
    }

    static let cycloneDXVersions = ["1.4", "1.5", "1.6"]
    static let spdxVersions = ["SPDX-2.3"]

    /// The bill in `data`, or every problem that stops it being read (nothing is half-read).
    static func read(_ data: Data, path: String) throws(Unreadable) -> BillOfMaterials {
        let text = String(decoding: data, as: UTF8.self)
        func fail(_ message: String, at needle: String? = nil) -> Unreadable {
            Unreadable(diagnostic: .error(location(of: needle, in: text, path: path), message))
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw fail("the file is empty (expected a CycloneDX or SPDX bill of materials in JSON)")
        }
        // CycloneDX and SPDX also come as XML (and SPDX as tag-value): say which is read.
        if text.drop(while: \.isWhitespace).hasPrefix("<") {
            throw fail("an XML bill is not read: export it as CycloneDX JSON or SPDX 2.3 JSON")
        }
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw Unreadable(diagnostic: jsonError(error, text: text, path: path))
        }
        guard let document = json as? [String: Any] else {
            throw fail("expected a JSON object (a CycloneDX or SPDX bill of materials), not \(json is [Any] ? "a list" : "a value")")
        }
        if let format = document["bomFormat"] as? String {
            guard format == "CycloneDX" else { throw fail("'bomFormat' is '\(format)', not 'CycloneDX'", at: "\"bomFormat\"") }
            guard let version = document["specVersion"] as? String else {
                throw fail("'specVersion' must be given, as text (\"1.6\")", at: document["specVersion"] == nil ? "\"bomFormat\"" : "\"specVersion\"")
            }
            guard cycloneDXVersions.contains(version) else {
                throw fail(
                    "CycloneDX spec version '\(version)' is not read (versions \(cycloneDXVersions.joined(separator: ", ")))", at: "\"specVersion\"")
            }
            var lines = LineFinder(text: text)
            let components = try cycloneDX(document["components"], lines: &lines, fail: fail)
            return BillOfMaterials(format: .cycloneDX, specVersion: version, components: components)
        }
        if let version = document["spdxVersion"] as? String {
            guard spdxVersions.contains(version) else {
                throw fail("SPDX version '\(version)' is not read (only SPDX-2.3 JSON)", at: "\"spdxVersion\"")
            }
            var lines = LineFinder(text: text)
            var packages: [Component] = []
            for item in try objects(document["packages"], key: "packages", fail: fail) { packages.append(try spdx(item, lines: &lines, fail: fail)) }
            return BillOfMaterials(format: .spdx, specVersion: version, components: packages)
        }
        throw fail("not a bill of materials: no 'bomFormat' (CycloneDX) or 'spdxVersion' (SPDX) at the top")
    }

    typealias Fail = (_ message: String, _ at: String?) -> Unreadable

    /// A list of objects, or nothing when absent; anything else is an error at its key: a
    /// bill read as empty would remove every use the last import of it wrote.
    private static func objects(_ node: Any?, key: String, fail: Fail) throws(Unreadable) -> [[String: Any]] {
        guard let node else { return [] }
        guard let list = node as? [Any] else { throw fail("'\(key)' must be a list of objects", "\"\(key)\"") }
        guard let items = list as? [[String: Any]] else { throw fail("each item of '\(key)' must be an object", "\"\(key)\"") }
        return items
    }

    /// A field that must be text when given (a version written as a number loses its zeros:
    /// 4.20 is 4.2).
    private static func text(_ item: [String: Any], _ key: String, fail: Fail) throws(Unreadable) -> String? {
        guard let value = item[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw fail("'\(key)' must be text (in quotes), not \(value)", "\"\(key)\"") }
        // SPDX's words for "not known": no value.
        return text.isEmpty || text == "NOASSERTION" || text == "NONE" ? nil : text
    }

    /// Components and their nested components, in the file's order.
    private static func cycloneDX(_ node: Any?, lines: inout LineFinder, fail: Fail) throws(Unreadable) -> [Component] {
        var result: [Component] = []
        for item in try objects(node, key: "components", fail: fail) {
            let name = try text(item, "name", fail: fail) ?? ""
            let purl = try text(item, "purl", fail: fail)
            let line = lines.line(of: purl.map { "\"\($0)\"" } ?? "\"\(name)\"")
            let (version, cpe) = (try text(item, "version", fail: fail), try text(item, "cpe", fail: fail))
            result.append(Component(name: name, version: version, purl: purl, cpe: cpe, line: line))
            result += try cycloneDX(item["components"], lines: &lines, fail: fail)
        }
        return result
    }

    /// An SPDX package: its package URL and CPE are external references.
    private static func spdx(_ item: [String: Any], lines: inout LineFinder, fail: Fail) throws(Unreadable) -> Component {
        var purl: String?
        var cpe: String?
        for ref in try objects(item["externalRefs"], key: "externalRefs", fail: fail) {
            let type = try text(ref, "referenceType", fail: fail) ?? ""
            let locator = try text(ref, "referenceLocator", fail: fail)
            if type == "purl", purl == nil { purl = locator }
            if type.hasPrefix("cpe"), cpe == nil { cpe = locator }
        }
        let name = try text(item, "name", fail: fail) ?? ""
        let id = try text(item, "SPDXID", fail: fail) ?? name
        return Component(name: name, version: try text(item, "versionInfo", fail: fail), purl: purl, cpe: cpe, line: lines.line(of: "\"\(id)\""))
    }

    /// Where JSON stopped being JSON: Foundation says "around line L, column C" (or names
    /// the byte offset) in its description.
    private static func jsonError(_ error: Error, text: String, path: String) -> Diagnostic {
        let description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        var at = SourceLocation(path: path, line: 1, column: 1)
        if let match = description.firstMatch(of: #/line (\d+), column (\d+)/#) {
            at = SourceLocation(path: path, line: Int(match.1) ?? 1, column: Int(match.2) ?? 1)
        } else if let match = description.firstMatch(of: #/character (\d+)/#), let offset = Int(match.1) {
            let before = text.utf8.prefix(offset)
            let line = before.count { $0 == 0x0A } + 1
            let column = before.count - (before.lastIndex(of: 0x0A).map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            at = SourceLocation(path: path, line: line, column: column)
        }
        let reason = description.replacingOccurrences(
            of: #" around (line \d+, column \d+|character \d+)\.?"#, with: "", options: .regularExpression)
        return .error(at, "not valid JSON: \(reason.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))")
    }

    /// The line and column of the first `needle`, else the top.
    private static func location(of needle: String?, in text: String, path: String) -> SourceLocation {
        guard let needle, let range = text.range(of: needle) else { return SourceLocation(path: path, line: 1, column: 1) }
        let before = text[..<range.lowerBound]
        let line = before.count { $0 == "\n" } + 1
        let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1
        return SourceLocation(path: path, line: line, column: column)
    }
}

/// Finds the lines of texts met in order: one pass over the file for the whole bill, so a
/// bill of thousands of components is read in linear time.
struct LineFinder {
    private let text: Substring.UTF8View
    private var index: Substring.UTF8View.Index
    private var line = 1

    init(text: String) {
        self.text = text[...].utf8
        index = self.text.startIndex
    }

    /// The line of the next occurrence of `needle` from the last one found; the last line
    /// found when it does not occur again.
    mutating func line(of needle: String) -> Int {
        let bytes = Array(needle.utf8)
        guard let first = bytes.first else { return line }
        var i = index
        var newlines = 0
        while i < text.endIndex {
            let byte = text[i]
            if byte == 0x0A { newlines += 1 }
            if byte == first, text[i...].starts(with: bytes) {
                line += newlines
                index = i
                return line
            }
            i = text.index(after: i)
        }
        return line
    }
}
