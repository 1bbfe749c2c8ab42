import Foundation
import VaneDiagnostics
import Yams

/// One product file of endoflife.date (`products/x.md`), as far as the import uses it.
/// Values are read as the YAML text they are, never typed by the YAML library: a cycle
/// `3.10` stays `3.10`, and a date stays the date written.
struct EndOfLifeProduct: Sendable {
    /// A value that is a date, a boolean, or text (endoflife.date mixes them in one field).
    enum Value: Equatable, Sendable {
        case date(String)
        case flag(Bool)
        case text(String)
        case missing

        init(_ scalar: String?) {
            guard let scalar else {
                self = .missing
                return
            }
            switch scalar {
            case "true", "True", "TRUE": self = .flag(true)
            case "false", "False", "FALSE": self = .flag(false)
            default: self = EndOfLifeProduct.isDay(scalar) ? .date(scalar) : .text(scalar)
            }
        }
    }

    /// `YYYY-MM-DD` (Swift's regex literals are compiled on every use: too slow here).
    /// A day of the calendar: `2020-02-30` is written as one and is none.
    static func isDay(_ text: String) -> Bool {
        guard looksLikeDay(text) else { return false }
        let u = Array(text.utf8).map { Int($0) - 48 }
        let (year, month, day) = (u[0] * 1000 + u[1] * 100 + u[2] * 10 + u[3], u[5] * 10 + u[6], u[8] * 10 + u[9])
        guard (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// Written `YYYY-MM-DD`, a day of the calendar or not.
    static func looksLikeDay(_ text: String) -> Bool {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return false }
        return u.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
    }

    /// What is wrong with a value that should be a date: `'2020-02-30' is no day of the calendar`.
    static func notADay(_ value: Value) -> String? {
        guard case .text(let text) = value else { return nil }
        return looksLikeDay(text) ? "'\(text)' is no day of the calendar" : "not '\(text)'"
    }

    struct Cycle: Sendable {
        var name: String
        /// Where its `releaseCycle` is, for diagnostics.
        var location: SourceLocation
        /// Every key of the item, as written.
        var fields: [(key: String, value: Value, location: SourceLocation)]

        func value(_ key: String) -> Value { fields.first { $0.key == key }?.value ?? .missing }
        func location(of key: String) -> SourceLocation { fields.first { $0.key == key }?.location ?? location }
    }

    /// The file's name without `.md`: the product's id.
    var slug: String
    var title: String
    var permalink: String
    var category: String
    var tags: [String]
    var releasePolicyLink: String?
    /// The product's label template for its cycles (`__RELEASE_CYCLE__`, `__CODENAME__`).
    var releaseLabel: String?
    /// Its `identifiers` (`- purl: pkg:pypi/django`), in the file's order.
    var identifiers: [(scheme: String, value: String)] = []
    var cycles: [Cycle]
}

/// Reads product files, reporting problems compiler-style at their line and column.
enum EndOfLifeReader {
    /// The names a product file gives the product on endoflife.date: its `permalink` and
    /// `alternate_urls`, without their `/`; none when its front matter does not read.
    static func addresses(_ data: Data) -> [String] {
        guard let text = String(data: data, encoding: .utf8), case let lines = text.split(separator: "\n", omittingEmptySubsequences: false),
            lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---"),
            let mapping = (try? Yams.compose(yaml: lines[1..<close].joined(separator: "\n")))??.mapping
        else { return [] }
        let written = [mapping["permalink"]?.scalar?.string] + (mapping["alternate_urls"]?.sequence?.map { $0.scalar?.string } ?? [])
        return written.compactMap { $0.map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } }.filter { !$0.isEmpty }
    }

    /// The product in `data`, or the problems that stop it from being imported.
    /// `path` is the file as the user named it, for diagnostics.
    static func read(_ data: Data, slug: String, path: String) -> Result<EndOfLifeProduct, Failure> {
        guard let text = String(data: data, encoding: .utf8) else { return .failure(Failure([.error(.top(of: path), "file is not valid UTF-8")])) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else {
            return .failure(Failure([.error(.top(of: path), "no front matter: the file must start with a '---' line and close it with another")]))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw Failure([.error(.top(of: path), "empty front matter")]) }
            root = node
        } catch let error as YamlError {
            return .failure(Failure([yamlDiagnostic(error, path: path)]))
        } catch {
            return .failure(error as? Failure ?? Failure([.error(.top(of: path), "\(error)")]))
        }
        var problems: [Diagnostic] = []
        func at(_ node: Node) -> SourceLocation {
            SourceLocation(path: path, line: (node.mark?.line ?? 0) + 1, column: node.mark?.column ?? 1)
        }
        guard let mapping = root.mapping else {
            return .failure(Failure([.error(at(root), "front matter must be a mapping of keys to values")]))
        }
        func scalar(_ key: String) -> String? { mapping[key]?.scalar?.string }
        guard let title = scalar("title"), !title.isEmpty else {
            return .failure(Failure([.error(.top(of: path), "missing 'title'")]))
        }
        var cycles: [EndOfLifeProduct.Cycle] = []
        guard let releases = mapping["releases"]?.sequence else {
            return .failure(Failure([.error(.top(of: path), "missing 'releases' (a list of release cycles)")]))
        }
        for item in releases {
            guard let fields = item.mapping else {
                problems.append(.error(at(item), "a release must be a mapping with 'releaseCycle', 'releaseDate' and 'eol'"))
                continue
            }
            let read = fields.map { pair in
                (key: pair.key.string ?? "", value: EndOfLifeProduct.Value(pair.value.scalar?.string), location: at(pair.value))
            }
            guard let name = fields["releaseCycle"]?.scalar?.string, !name.isEmpty else {
                problems.append(.error(at(item), "release without 'releaseCycle'"))
                continue
            }
            let cycle = EndOfLifeProduct.Cycle(name: name, location: at(fields["releaseCycle"]!), fields: read)
            guard case .date = cycle.value("releaseDate") else {
                let why = EndOfLifeProduct.notADay(cycle.value("releaseDate")).map { ", \($0)" } ?? ""
                problems.append(.error(cycle.location(of: "releaseDate"), "cycle '\(name)': 'releaseDate' must be a date (YYYY-MM-DD)\(why)"))
                continue
            }
            for key in ["eol", "eoas", "eoes", "lts", "discontinued"] {
                if let why = EndOfLifeProduct.notADay(cycle.value(key)) {
                    problems.append(.error(cycle.location(of: key), "cycle '\(name)': '\(key)' must be a date or true or false, \(why)"))
                }
            }
            cycles.append(cycle)
        }
        if problems.contains(where: { $0.severity == .error }) { return .failure(Failure(problems)) }
        let permalink = scalar("permalink").map { $0.hasPrefix("/") ? String($0.dropFirst()) : $0 } ?? slug
        return .success(
            EndOfLifeProduct(
                slug: slug, title: title, permalink: permalink, category: scalar("category") ?? "",
                tags: (scalar("tags") ?? "").split(separator: " ").map(String.init), releasePolicyLink: scalar("releasePolicyLink"),
                releaseLabel: scalar("releaseLabel"), identifiers: identifiers(mapping["identifiers"]), cycles: cycles))
    }

    /// One-key mappings whose key is an id scheme (`purl`, `cpe`, `repology`); anything
    /// else is left out.
    private static func identifiers(_ node: Node?) -> [(scheme: String, value: String)] {
        (node?.sequence ?? []).compactMap { item in
            guard let pair = item.mapping?.first, item.mapping?.count == 1, let scheme = pair.key.string, let value = pair.value.scalar?.string,
                !value.isEmpty, scheme.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            else { return nil }
            return (scheme, value)
        }
    }

    struct Failure: Error {
        var diagnostics: [Diagnostic]
        init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    }

    /// The front matter starts on the file's second line.
    private static func yamlDiagnostic(_ error: YamlError, path: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let message = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return .error(SourceLocation(path: path, line: mark.line + 1, column: mark.column), "invalid YAML: \(message)")
        default:
            return .error(.top(of: path), "invalid YAML: \(error)")
        }
    }
}
