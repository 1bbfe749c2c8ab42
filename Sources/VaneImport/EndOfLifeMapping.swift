import Foundation
import VaneContent
import VaneDiagnostics

/// What one endoflife.date product becomes in a knowledge base: entities for the product
/// and each release cycle, a source, and events for releases, ends of active support and
/// ends of life (README, "Importing"). Nothing depends on the day of the import: every
/// end of life is an announced end, whether it has come or not.
struct EndOfLifeMapping {
    let product: EndOfLifeProduct
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
        /// Its end of life, when one is known.
        var end: CycleEnd?
    }

    /// Each cycle's name, told apart from the others' (`EndOfLifeNames.labels`).
    let labels: [String: String]

    init(product: EndOfLifeProduct, path: String) {
        (self.product, self.path) = (product, path)
        labels = EndOfLifeNames.labels(in: product)
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
        var ordered = placed.enumerated().sorted { a, b in
            a.element.released != b.element.released ? a.element.released < b.element.released : a.offset > b.offset
        }.map(\.element)
        for index in ordered.indices {
            let next = ordered[(index + 1)...].first { $0.released > ordered[index].released }?.released
            ordered[index].end = CycleEnd.of(ordered[index].cycle, released: ordered[index].released, next: next, problems: &problems)
        }
        let candidates = ordered.map(candidate)
        var files = [productFile(), sourceFile()]
        for cycle in ordered {
            files.append(cycleFile(cycle, successors: successors(of: cycle, among: ordered, candidates: candidates)))
            files += events(for: cycle)
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
        var data = [("endoflife_category", product.category), ("endoflife_permalink", "/" + product.permalink)]
        // Identifiers by scheme, each a list, for matching a software bill of materials.
        for scheme in product.identifiers.map(\.scheme).uniqued() {
            data.append((scheme, Self.list(product.identifiers.filter { $0.scheme == scheme }.map(\.value), quoting: true)))
        }
        front.append(("data", Self.map(data, raw: Set(product.identifiers.map(\.scheme)))))
        let body = "\(ImportedText.prose(product.title))'s release cycles as recorded by endoflife.date [@\(sourceID)].\n"
        return File(path: "Content/entities/endoflife/\(product.slug).md", text: Self.document(front, body))
    }

    private func sourceFile() -> File {
        var front = [
            ("title", Scaffold.quoted("\(product.title) release cycles, on endoflife.date")), ("publisher", Scaffold.quoted("endoflife.date")),
            ("url", Scaffold.quoted("https://endoflife.date/\(product.permalink)")), ("type", "other"), ("tags", "[endoflife]"),
            ("generated", Self.marker),
        ]
        var body = "The release cycles, support and end-of-life dates of \(ImportedText.prose(product.title)) kept by endoflife.date (MIT licence).\n"
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
        if placed.end?.hasExtendedSupport == true {
            front.append(("channels", "[\(Self.standard), { \(Self.extendedSupport): extended }]"))
        }
        if !successors.isEmpty { front.append(("successors", Self.list(successors))) }
        front.append(("tags", "[endoflife]"))
        front.append(("generated", Self.marker))
        let used: Set = ["releaseCycle", "releaseLabel", "releaseDate", "link", "outOfOrder", "staleReleaseThresholdDays", "recommendedReplacement"]
        // Written as YAML will read them back: text as text (`"24"`, not the number 24).
        var data = [("release_cycle", Self.text(cycle.name)), ("release_date", placed.released)]
        for field in cycle.fields where !used.contains(field.key) {
            switch field.value {
            case .date(let text): data.append((Self.snakeCase(field.key), Self.quotedIfNeeded(text)))
            case .text(let text): data.append((Self.snakeCase(field.key), Self.text(text)))
            case .flag(let flag): data.append((Self.snakeCase(field.key), flag ? "true" : "false"))
            case .missing: break
            }
        }
        front.append(("data", Self.map(data, raw: Set(data.map(\.0)))))
        // Labelled with the product's name, which search snippets show (they show a bare link's id).
        let named = product.title.contains { "]|[\n".contains($0) } ? "" : "|\(ImportedText.prose(product.title))"
        var body =
            "\(ImportedText.prose(label(cycle))), a release cycle of [[\(product.slug)\(named)]], released \(placed.released) [@\(sourceID)].\n"
        if placed.end == nil, cycle.value("eol") != .flag(false), cycle.value("eol") != .missing {
            body += "\nIt has ended, date unknown: endoflife.date records no date after its release to date the end by.\n"
        }
        return File(path: "Content/entities/endoflife/\(product.slug)/\(placed.id).md", text: Self.document(front, body))
    }

    /// The recommended replacement, where it names a cycle released later (a succession
    /// never runs backwards, so it never loops), and the next supported cycle of the same
    /// track (`EndOfLifeTracks`).
    private func successors(of placed: Placed, among all: [Placed], candidates: [EndOfLifeTracks.Candidate]) -> [String] {
        var result: [String] = []
        if case .text(let replacement) = placed.cycle.value("recommendedReplacement") {
            if let target = all.first(where: { $0.cycle.name == replacement }), target.released > placed.released {
                result.append(target.id)
            }
        }
        if let next = EndOfLifeTracks.successor(of: candidate(placed), among: candidates), !result.contains(next) { result.append(next) }
        return result
    }

    private func candidate(_ placed: Placed) -> EndOfLifeTracks.Candidate {
        var isLTS = false
        switch placed.cycle.value("lts") {
        case .flag(let flag): isLTS = flag
        case .date: isLTS = true
        default: break
        }
        return EndOfLifeTracks.Candidate(
            id: placed.id, name: placed.cycle.name, released: placed.released, isLTS: isLTS,
            last: placed.end.map(\.last) ?? (placed.cycle.value("eol") == .flag(true) ? placed.released : nil), end: placed.end?.day)
    }

    // MARK: - Events

    private func events(for placed: Placed) -> [File] {
        let name = label(placed.cycle)
        var files = [
            event(
                placed, "release", title: "\(name) released", date: placed.released, type: "release",
                status: Self.map([("availability", "generally-available")]), text: "\(name) was released on \(placed.released)")
        ]
        if let end = placed.end {
            files.append(endOfLife(placed, name, end))
            if let last = supportEnds(placed, name, end) { files.append(last) }
        }
        // Active support that would end after all support did is left out: it would read
        // as the cycle maintained again once it was discontinued.
        if case .date(let eoas) = placed.cycle.value("eoas"), eoas > placed.released, placed.end.flatMap(\.last).map({ eoas <= $0 }) ?? true {
            files.append(
                event(
                    placed, "active-support-ends", title: "Active support of \(name) ends", date: eoas, type: "other",
                    status: Self.map([("priority", "maintained")]),
                    // On the end of life's day or after it, nothing goes on after it.
                    text: placed.end.map { eoas >= $0.day } == true
                        ? "Active support of \(name) ends on \(eoas), with its end of life"
                        : "Active support of \(name) ends on \(eoas); security fixes go on until its end of life"))
        }
        return files
    }

    /// The end of life as an announced end, whether it has come or not, so that the
    /// knowledge base is the same on any day. endoflife.date does not say when an end was
    /// announced: the announcement is dated by the release, approximately (`~2026-05-12`),
    /// so its notice reads "about". With extended support, the standard channel ends at the
    /// end of life and the extended-support channel at its own end.
    private func endOfLife(_ placed: Placed, _ name: String, _ end: CycleEnd) -> File {
        let status: String
        var title: String
        var text: String
        switch end.kind {
        case .dated:
            title = "\(name) to reach its end of life on \(end.date)"
            text = "endoflife.date gives \(end.date) as the end of life of \(name)."
        case .bounded(let by):
            title = "\(name) reaches its end of life, around \(end.day)"
            text = "endoflife.date says that \(name) has reached its end of life, without a date; it is dated approximately by \(by), \(end.day)."
        }
        if end.hasExtendedSupport {
            var ends = [(Self.standard, end.date)]
            if let extended = end.extended { ends.append((Self.extendedSupport, extended)) }
            status = "{ ends: \(Self.map(ends)) }"
            title += end.extended.map { ", extended support until \($0)" } ?? ", extended support goes on"
            text += " Extended support goes on \(end.extended.map { "until \($0)" } ?? "with no end given"), with security fixes."
        } else {
            status = Self.map([("ends", end.date)])
            text += " After it, no more fixes, security fixes included."
        }
        text += " endoflife.date does not say when the end was announced, so the announcement is dated approximately by the release"
        return event(placed, "end-of-life", title: title, date: "~" + placed.released, type: "other", status: status, text: text)
    }

    /// The day the last support ends, as an event of that day: from then on the vendor
    /// maintains the cycle no more, and its priority is `discontinued` (it read "Retired ·
    /// Maintained" for years after its end). None while extended support runs with no end.
    private func supportEnds(_ placed: Placed, _ name: String, _ end: CycleEnd) -> File? {
        guard !end.openEnded else { return nil }
        let (suffix, what) = end.extended == nil ? ("support-ends", "Support") : ("extended-support-ends", "Extended support")
        let date = end.extended ?? end.date
        let day = date.hasPrefix("~") ? String(date.dropFirst()) : date
        return event(
            placed, suffix, title: "\(what) of \(name) ends", date: date, type: "other",
            status: Self.map([("priority", "discontinued")]),
            text: "\(what) of \(name) ends on \(day)\(date.hasPrefix("~") ? ", approximately" : ""): no more fixes from then on")
    }

    private func event(_ placed: Placed, _ suffix: String, title: String, date: String, type: String, status: String, text: String) -> File {
        let front = [
            ("title", Scaffold.quoted(title)), ("date", date), ("type", type), ("entities", Self.list([product.slug, placed.id])),
            ("sources", "[\(sourceID)]"), ("tags", "[endoflife]"), ("generated", Self.marker),
            ("status", "\n  \(placed.id): " + status),
        ]
        let id = "\(placed.id)-\(suffix)"
        return File(
            path: "Content/events/endoflife/\(product.slug)/\(id).md", text: Self.document(front, "\(ImportedText.prose(text)) [@\(sourceID)].\n"))
    }

    // MARK: - Names

    private func label(_ cycle: EndOfLifeProduct.Cycle) -> String {
        labels[cycle.name] ?? EndOfLifeNames.label(of: cycle, in: product)
    }

    /// The channels of a cycle with extended support.
    static let standard = "standard"
    static let extendedSupport = "extended-support"

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

    static func list(_ items: [String], quoting: Bool = false) -> String {
        "[" + items.map { quoting ? Scaffold.quoted($0) : quotedIfNeeded($0) }.joined(separator: ", ") + "]"
    }

    /// `{ key: value, … }`; the values of the keys in `raw` are written as they are (a list).
    static func map(_ pairs: [(String, String)], raw: Set<String> = []) -> String {
        "{ " + pairs.map { "\($0.0): \(raw.contains($0.0) ? $0.1 : quotedIfNeeded($0.1))" }.joined(separator: ", ") + " }"
    }

    /// Text that YAML would read as another kind of value (a number, a truth value, null)
    /// quoted; other text as `quotedIfNeeded` writes it.
    static func text(_ value: String) -> String {
        let digits = !value.isEmpty && value.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        let word = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(value.lowercased())
        return digits || word ? Scaffold.quoted(value) : quotedIfNeeded(value)
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
