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
        /// An operating system (CycloneDX's `type: operating-system`, SPDX's primary purpose
        /// `OPERATING-SYSTEM`): syft writes one with neither package URL nor CPE.
        var operatingSystem = false
        /// A file of the image (syft's `type: file`) or the target a scanner read (trivy's
        /// `application` with no package URL, CPE or version): no package to match.
        var notPackage = false
    }

    enum Format: String, Sendable {
        case cycloneDX = "CycloneDX"
        case spdx = "SPDX"
    }

    var format: Format
    var specVersion: String
    var components: [Component]

    /// Why a file is no bill the import reads: every problem, each where it is written.
    struct Unreadable: Error {
        var diagnostics: [Diagnostic]
    }

    static let cycloneDXVersions = ["1.4", "1.5", "1.6"]
    static let spdxVersions = ["SPDX-2.3"]

    /// The bill in `data`, or every problem that stops it being read (nothing is half-read).
    static func read(_ data: Data, path: String) throws(Unreadable) -> BillOfMaterials {
        let text = String(decoding: data, as: UTF8.self)
        func at(_ node: PositionedJSON?) -> SourceLocation {
            SourceLocation(path: path, line: node?.line ?? 1, column: node?.column ?? 1)
        }
        func fail(_ message: String, at node: PositionedJSON? = nil) -> Unreadable { Unreadable(diagnostics: [.error(at(node), message)]) }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw fail("the file is empty (expected a CycloneDX or SPDX bill of materials in JSON)")
        }
        // CycloneDX and SPDX also come as XML (and SPDX as tag-value): say which is read.
        if text.drop(while: \.isWhitespace).hasPrefix("<") {
            throw fail("an XML bill is not read: export it as CycloneDX JSON or SPDX 2.3 JSON")
        }
        let document: PositionedJSON
        do {
            document = try PositionedJSON.parse(Array(data))
        } catch {
            throw Unreadable(diagnostics: [
                .error(SourceLocation(path: path, line: error.line, column: error.column), "not valid JSON: \(error.message)")
            ])
        }
        guard case .object = document.value else {
            throw fail("expected a JSON object (a CycloneDX or SPDX bill of materials), not \(document.described)", at: document)
        }
        var fields = Fields(path: path)
        if let formatNode = document["bomFormat"] {
            guard case .string("CycloneDX") = formatNode.value else {
                throw fail("'bomFormat' is \(formatNode.described), not 'CycloneDX'", at: formatNode)
            }
            guard let versionNode = document["specVersion"], case .string(let version) = versionNode.value else {
                throw fail("'specVersion' must be given, as text (\"1.6\")", at: document["specVersion"] ?? formatNode)
            }
            guard cycloneDXVersions.contains(version) else {
                throw fail("CycloneDX spec version '\(version)' is not read (versions \(cycloneDXVersions.joined(separator: ", ")))", at: versionNode)
            }
            let components = fields.cycloneDX(document["components"])
            try fields.finish(components, listedAt: document["components"] ?? formatNode, key: "components")
            return BillOfMaterials(format: .cycloneDX, specVersion: version, components: components)
        }
        if let versionNode = document["spdxVersion"], case .string(let version) = versionNode.value {
            guard spdxVersions.contains(version) else {
                throw fail("SPDX version '\(version)' is not read (only SPDX-2.3 JSON)", at: versionNode)
            }
            let packages = fields.objects(document["packages"], key: "packages").map { fields.spdx($0) }
            try fields.finish(packages, listedAt: document["packages"] ?? versionNode, key: "packages")
            return BillOfMaterials(format: .spdx, specVersion: version, components: packages)
        }
        throw fail("not a bill of materials: no 'bomFormat' (CycloneDX) or 'spdxVersion' (SPDX) at the top", at: document)
    }

    /// The fields of a bill's components, read with every problem kept, each at its value.
    private struct Fields {
        let path: String
        var problems: [Diagnostic] = []

        mutating func problem(_ message: String, at node: PositionedJSON) {
            problems.append(.error(SourceLocation(path: path, line: node.line, column: node.column), message))
        }

        /// The bill's components once all were read: every problem found, or none listed at
        /// all (a bill read as empty would remove every use the last import of it wrote).
        func finish(_ components: [Component], listedAt node: PositionedJSON, key: String) throws(Unreadable) {
            if !problems.isEmpty { throw Unreadable(diagnostics: problems.sortedForReport()) }
            guard components.isEmpty else { return }
            let message =
                "the bill lists no components (no '\(key)', or an empty list): importing it would remove every use the last import for this team wrote; "
                + "to remove them, delete their files"
            throw Unreadable(diagnostics: [.error(SourceLocation(path: path, line: node.line, column: node.column), message)])
        }

        /// A list of objects, or nothing when absent; anything else is a problem at it.
        mutating func objects(_ node: PositionedJSON?, key: String) -> [PositionedJSON] {
            guard let node, !node.isNull else { return [] }
            guard case .array(let items) = node.value else {
                problem("'\(key)' must be a list of objects, not \(node.described)", at: node)
                return []
            }
            return items.filter { item in
                guard case .object = item.value else {
                    problem("each item of '\(key)' must be an object, not \(item.described)", at: item)
                    return false
                }
                return true
            }
        }

        /// A field that must be text when given (a version written as a number loses its
        /// zeros: 4.20 is 4.2).
        mutating func text(_ item: PositionedJSON, _ key: String) -> String? {
            guard let node = item[key], !node.isNull else { return nil }
            guard case .string(let text) = node.value else {
                problem("'\(key)' must be text (in quotes), not \(node.described)", at: node)
                return nil
            }
            // A use is an entry, at most 1 MiB: a field of a megabyte wrote one the next build refused.
            if text.utf8.count > 1000 {
                problem("'\(key)' is \(text.utf8.count) bytes long: a field of a bill is at most 1000", at: node)
                return nil
            }
            // A use's fields are one line, and its body says the name: a line break there
            // wrote a file the next build refused (a NUL, a `---` and keys of its own).
            if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
                let hex = String(control.value, radix: 16, uppercase: true)
                let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                problem("'\(key)' holds a line break or another control character (\(code)): a use's fields are one line of text", at: node)
                return nil
            }
            // SPDX's words for "not known": no value.
            return text.isEmpty || text == "NOASSERTION" || text == "NONE" ? nil : text
        }

        /// Components and their nested components, in the file's order.
        mutating func cycloneDX(_ node: PositionedJSON?) -> [Component] {
            var result: [Component] = []
            for item in objects(node, key: "components") {
                let (name, purl, version, cpe) = (text(item, "name") ?? "", text(item, "purl"), text(item, "version"), text(item, "cpe"))
                var component = Component(name: name, version: version, purl: purl, cpe: cpe, line: item.line)
                let type = text(item, "type")
                component.operatingSystem = type == "operating-system"
                component.notPackage = type == "file" || (type == "application" && purl == nil && cpe == nil && version == nil)
                result.append(component)
                result += cycloneDX(item["components"])
            }
            return result
        }

        /// An SPDX package: its package URL and CPE are external references.
        mutating func spdx(_ item: PositionedJSON) -> Component {
            var purl: String?
            var cpe: String?
            for ref in objects(item["externalRefs"], key: "externalRefs") {
                let type = text(ref, "referenceType") ?? ""
                let locator = text(ref, "referenceLocator")
                if type == "purl", purl == nil { purl = locator }
                if type.hasPrefix("cpe"), cpe == nil { cpe = locator }
            }
            var component = Component(name: text(item, "name") ?? "", version: text(item, "versionInfo"), purl: purl, cpe: cpe, line: item.line)
            component.operatingSystem = text(item, "primaryPackagePurpose") == "OPERATING-SYSTEM"
            component.notPackage = text(item, "primaryPackagePurpose") == "FILE"
            return component
        }
    }
}
