import Foundation
import VaneContent
import VaneDiagnostics

/// What one endoflife.date product becomes in a knowledge base: entities for the product
/// and each release cycle, a source, and events for releases, ends of active support and
/// ends of life (README, "Importing").
struct EndOfLifeMapping {
    let product: EndOfLifeProduct
    /// Ends of life before this day are past (retirement events); from it on, announced ends.
    let today: String
    /// Where the product file is, for diagnostics.
    let path: String

    static let marker = "endoflife"

    /// A file to write, by root-relative path.
    struct File: Sendable {
        var path: String
        var text: String
    }

    /// A cycle with the id it gets, in release order (oldest first).
    private struct Placed {
        var cycle: EndOfLifeProduct.Cycle
        var id: String
        var released: String
    }

    var isModelFamily: Bool { product.tags.contains("llm") }
    var sourceID: String { "endoflife-\(product.slug)" }

    /// Every file of the product, and the problems that made some of it be left out.
    func files() -> ([File], [Diagnostic]) {
        var problems: [Diagnostic] = []
        var placed: [Placed] = []
        var ids: [String: String] = [:]
        for cycle in product.cycles {
            let id = "\(product.slug)-\(Self.slug(cycle.name))"
            guard id.count <= 80 else {
                problems.append(.warning(cycle.location, "cycle '\(cycle.name)' would get the id '\(id)', over 80 characters; left out"))
                continue
            }
            if let other = ids[id] {
                problems.append(.warning(cycle.location, "cycles '\(other)' and '\(cycle.name)' both make the id '\(id)'; '\(cycle.name)' left out"))
                continue
            }
            ids[id] = cycle.name
            guard case .date(let released) = cycle.value("releaseDate") else { continue }
            placed.append(Placed(cycle: cycle, id: id, released: released))
        }
        // Oldest first; cycles released on one day keep the file's order, newest first.
        let ordered = placed.enumerated().sorted { a, b in
            a.element.released != b.element.released ? a.element.released < b.element.released : a.offset > b.offset
        }.map(\.element)
        var files = [productFile(), sourceFile()]
        for (index, cycle) in ordered.enumerated() {
            let next = index + 1 < ordered.count ? ordered[index + 1] : nil
            files.append(cycleFile(cycle, successors: successors(of: cycle, next: next, among: ordered, problems: &problems)))
            files += events(for: cycle, problems: &problems)
        }
        return (files, problems)
    }

    // MARK: - Entities and source

    private func productFile() -> File {
        var front = [
            ("name", Scaffold.quoted(product.title)), ("type", isModelFamily ? "model-family" : "product"),
            ("tags", Self.list((product.tags + [product.category].filter { !$0.isEmpty } + ["endoflife"]).uniqued())),
            ("generated", Self.marker),
        ]
        front.append(("data", Self.map([("endoflife_category", product.category), ("endoflife_permalink", "/" + product.permalink)])))
        let body = "\(product.title)'s release cycles as recorded by endoflife.date [@\(sourceID)].\n"
        return File(path: "Content/entities/endoflife/\(product.slug).md", text: Self.document(front, body))
    }

    private func sourceFile() -> File {
        var front = [
            ("title", Scaffold.quoted("\(product.title) release cycles, on endoflife.date")), ("publisher", Scaffold.quoted("endoflife.date")),
            ("url", Scaffold.quoted("https://endoflife.date/\(product.permalink)")), ("type", "other"), ("tags", "[endoflife]"),
            ("generated", Self.marker),
        ]
        var body = "The release cycles, support and end-of-life dates of \(product.title) kept by endoflife.date (MIT licence).\n"
        if let policy = product.releasePolicyLink, URLRule.problem(with: policy) == nil {
            front.append(("data", Self.map([("release_policy", policy)])))
            body += "\nThe vendor's release policy: <\(policy)>.\n"
        }
        return File(path: "Content/sources/endoflife/\(sourceID).md", text: Self.document(front, body))
    }

    private func cycleFile(_ placed: Placed, successors: [String]) -> File {
        let cycle = placed.cycle
        var front = [
            ("name", Scaffold.quoted(label(cycle))), ("type", isModelFamily ? "model" : "product"), ("parent", product.slug),
        ]
        if !successors.isEmpty { front.append(("successors", Self.list(successors))) }
        front.append(("tags", "[endoflife]"))
        front.append(("generated", Self.marker))
        let used: Set = ["releaseCycle", "releaseLabel", "releaseDate", "link", "outOfOrder", "staleReleaseThresholdDays", "recommendedReplacement"]
        var data = [("release_cycle", cycle.name)]
        for field in cycle.fields where !used.contains(field.key) {
            switch field.value {
            case .date(let text), .text(let text): data.append((Self.snakeCase(field.key), text))
            case .flag(let flag): data.append((Self.snakeCase(field.key), flag ? "true" : "false"))
            case .missing: break
            }
        }
        front.append(("data", Self.map(data)))
        let body = "\(label(cycle)), a release cycle of [[\(product.slug)]], released \(placed.released) [@\(sourceID)].\n"
        return File(path: "Content/entities/endoflife/\(product.slug)/\(placed.id).md", text: Self.document(front, body))
    }

    /// The recommended replacement and the next cycle, where they exist and come later
    /// (a succession never runs backwards, so it never loops).
    private func successors(of placed: Placed, next: Placed?, among all: [Placed], problems: inout [Diagnostic]) -> [String] {
        var result: [String] = []
        if case .text(let replacement) = placed.cycle.value("recommendedReplacement") {
            if let target = all.first(where: { $0.cycle.name == replacement }), target.released > placed.released {
                result.append(target.id)
            }
        }
        if let next, !result.contains(next.id) { result.append(next.id) }
        return result
    }

    // MARK: - Events

    private func events(for placed: Placed, problems: inout [Diagnostic]) -> [File] {
        let cycle = placed.cycle
        let name = label(cycle)
        var releaseStatus = [("availability", "generally-available")]
        var files: [File] = []
        switch cycle.value("eol") {
        case .date(let eol) where eol <= placed.released:
            problems.append(
                .warning(cycle.location(of: "eol"), "cycle '\(cycle.name)': end of life \(eol) is not after its release \(placed.released); left out")
            )
        case .date(let eol) where eol >= today:
            releaseStatus.append(("ends", eol))
        case .date(let eol):
            files.append(
                retirement(placed, name, date: eol, text: "\(name) reached its end of life on \(eol): no more fixes, security fixes included"))
        case .flag(true):
            files.append(
                retirement(
                    placed, name, date: approximateEnd(of: placed),
                    text:
                        "\(name) has reached its end of life; endoflife.date gives no date, so this event is dated approximately by the last date it records for the cycle"
                ))
        default: break
        }
        files.insert(
            event(
                placed, "release", title: "\(name) released", date: placed.released, type: "release", status: releaseStatus,
                text: "\(name) was released on \(placed.released)"), at: 0)
        if case .date(let eoas) = cycle.value("eoas"), eoas > placed.released {
            files.append(
                event(
                    placed, "active-support-ends", title: "Active support of \(name) ends", date: eoas, type: "other",
                    status: [("priority", "maintained")],
                    text: "Active support of \(name) ends on \(eoas); security fixes go on until its end of life"))
        }
        return files
    }

    /// The retirement's id ends in `retired`, which sorts after `release`: on a tie of
    /// dates the release applies first.
    private func retirement(_ placed: Placed, _ name: String, date: String, text: String) -> File {
        event(
            placed, "retired", title: "\(name) reaches its end of life", date: date, type: "shutdown", status: [("availability", "retired")],
            text: text)
    }

    /// A date for an end of life known only to have passed: the year of the last date
    /// recorded for the cycle, approximately; the release day when that year would start
    /// before the release.
    private func approximateEnd(of placed: Placed) -> String {
        var last = placed.released
        for key in ["latestReleaseDate", "eoas"] {
            if case .date(let date) = placed.cycle.value(key), date > last { last = date }
        }
        return last.prefix(4) > placed.released.prefix(4) ? "~" + last.prefix(4) : "~" + placed.released
    }

    private func event(_ placed: Placed, _ suffix: String, title: String, date: String, type: String, status: [(String, String)], text: String)
        -> File
    {
        let front = [
            ("title", Scaffold.quoted(title)), ("date", date), ("type", type), ("entities", Self.list([product.slug, placed.id])),
            ("sources", "[\(sourceID)]"), ("tags", "[endoflife]"), ("generated", Self.marker),
            ("status", "\n  \(placed.id): " + Self.map(status)),
        ]
        let id = "\(placed.id)-\(suffix)"
        return File(path: "Content/events/endoflife/\(product.slug)/\(id).md", text: Self.document(front, "\(text) [@\(sourceID)].\n"))
    }

    // MARK: - Names

    /// The cycle's label: its own `releaseLabel`, else the product's, with the tokens
    /// filled in; a template with Liquid in it, or none, gives "Title cycle".
    private func label(_ cycle: EndOfLifeProduct.Cycle) -> String {
        var template: String?
        if case .text(let own) = cycle.value("releaseLabel") { template = own } else { template = product.releaseLabel }
        guard let template, !template.contains("{{"), !template.contains("{%") else { return "\(product.title) \(cycle.name)" }
        var codename = ""
        if case .text(let name) = cycle.value("codename") { codename = name }
        if template.contains("__CODENAME__") && codename.isEmpty { return "\(product.title) \(cycle.name)" }
        let label = template.replacingOccurrences(of: "__RELEASE_CYCLE__", with: cycle.name).replacingOccurrences(of: "__CODENAME__", with: codename)
        // "12 (Bookworm)" says which product only with its name before it.
        let firstWord = product.title.split(separator: " ").first.map(String.init) ?? product.title
        return label.localizedCaseInsensitiveContains(firstWord) ? label : "\(product.title) \(label)"
    }

    /// An id part from a cycle name, as `vane new` makes ids, with `+` read as `plus`
    /// (`5+` → `5-plus`).
    static func slug(_ text: String) -> String {
        Scaffold.id(from: text.replacingOccurrences(of: "+", with: " plus "))
    }

    static func snakeCase(_ key: String) -> String {
        var out = ""
        for c in key {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }

    // MARK: - Writing front matter

    static func document(_ front: [(String, String)], _ body: String) -> String {
        let lines = front.map { key, value in value.hasPrefix("\n") ? "\(key):\(value)" : "\(key): \(value)" }
        return "---\n" + lines.joined(separator: "\n") + "\n---\n" + body
    }

    static func list(_ items: [String]) -> String { "[" + items.map(quotedIfNeeded).joined(separator: ", ") + "]" }

    static func map(_ pairs: [(String, String)]) -> String {
        "{ " + pairs.map { "\($0.0): \(quotedIfNeeded($0.1))" }.joined(separator: ", ") + " }"
    }

    /// Ids, dates and words as they are; anything else quoted.
    static func quotedIfNeeded(_ text: String) -> String {
        let plain = text.drop { $0 == "~" }.utf8
        let safe =
            text.utf8.count - plain.count <= 1 && plain.first.map { $0 != UInt8(ascii: "-") } == true
            && plain.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "-")
            }
        return safe ? text : Scaffold.quoted(text)
    }
}
