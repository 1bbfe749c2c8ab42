import Foundation
import VaneDiagnostics
import Yams

/// Reads one file into an `Entry`, checking everything that can be checked without
/// looking at other files. References stay unresolved until `Linker` runs.
public struct EntryParser: Sendable {
    public let config: SiteConfig

    public init(config: SiteConfig) {
        self.config = config
    }

    /// The entry (nil when the file cannot be read at all) and every problem found in it.
    /// With `body: false` the body is not rendered (for reading an old version's front
    /// matter quickly: no cmark-gfm, so it may run on any thread).
    public func parse(_ data: Data, kind: Kind, id: String, path: String, body renderBody: Bool = true) -> (Entry?, [Diagnostic]) {
        let source: SourceText
        do {
            source = try SourceText.split(data)
        } catch {
            guard case .problem(let line, let column, let message) = error else { return (nil, []) }
            return (nil, [.error(SourceLocation(path: path, line: line, column: column), message)])
        }
        // What YAML would misread, said as what it is (YAML would say something else, or nothing).
        let conflicts = LineChecks.conflicts(source, path: path)
        let odd = LineChecks.oddSpaces(in: source, path: path)
        if !conflicts.frontMatter.isEmpty || !odd.isEmpty { return (nil, conflicts.frontMatter + odd + conflicts.body) }
        var fm: FrontMatter
        do {
            fm = try FrontMatter(yaml: source.frontMatter, lineOffset: source.frontMatterLineOffset, path: path)
        } catch {
            var said = error.diagnostic
            if said.message.hasPrefix("invalid YAML"), let hint = LineChecks.missingFence(source, errorLine: said.location.line) {
                said.message += hint
            }
            return (nil, [said] + conflicts.body)
        }
        fm.diagnostics += conflicts.body
        let titleKey = kind == .entity ? "name" : "title"
        // A use's title is optional: its product and team say what it is.
        var entry = Entry(kind: kind, id: id, path: path, title: fm.text(titleKey, required: kind != .use)?.text ?? id)
        switch kind {
        case .entity: readEntity(&fm, into: &entry)
        case .event: readEvent(&fm, into: &entry)
        case .claim: readClaim(&fm, into: &entry)
        case .source: readSource(&fm, into: &entry)
        case .report: readReport(&fm, into: &entry)
        case .use: readUse(&fm, into: &entry)
        }
        readData(&fm, into: &entry)
        // Every key of the format was asked for by now: the closest is a likely typo
        // (`stauts`, whose status would be lost).
        let known = fm.used
        let unknownKeys = fm.unknownKeys
        let unknown = unknownKeys.map(\.0)
        // `status:` with nothing under it (a mapping written below it without its indent).
        let emptyStatus = fm.isWrittenEmpty("status")
        for (key, at) in unknownKeys {
            // A field of `data` of the same name is the one kept: it was written as data.
            guard entry.extra[key] == nil else {
                fm.diagnostics.append(
                    .warning(at, "unknown key '\(key)' for \(kind.withArticle) (left out: 'data' has a field '\(key)', which is kept)"))
                continue
            }
            // Another kind's date key (`date` on a source) means this kind's own.
            let dated = EntryParser.dateKey[kind].flatMap { own in EntryParser.dateKey.values.contains(key) && key != own ? own : nil }
            let hint =
                dated.map { "did you mean '\($0)'? \(kind.withArticle)'s date is '\($0)'; it is " }
                ?? Suggestion.closest(to: key, in: known).map { "did you mean '\($0)'? it is " } ?? ""
            if kind == .event, emptyStatus, case (.mapping(let axes), _)? = fm.node(key),
                axes.keys.contains(where: { $0.string.flatMap(StatusSetting.Axis.init(rawValue:)) != nil })
            {
                // `status:` left empty, the entity under it not indented: its change was lost
                // beside an "unknown key" warning, and the build went on.
                fm.diagnostics.append(
                    .error(
                        at,
                        "'\(key)' is written at the top of the front matter, under an empty 'status:': indent it to set its status ('status:' then '  \(key): { … }')"
                    ))
            } else if kind == .event, StatusSetting.Axis(rawValue: key) != nil {
                // A status axis written beside `status:`, not in it: the change would be lost.
                fm.diagnostics.append(
                    .warning(
                        at,
                        "unknown key '\(key)' for an event (kept, but no status change: write it under 'status:', as 'status: { <entity>: { \(key): … } }')"
                    ))
            } else if kind == .entity, key == "status" || StatusSetting.Axis(rawValue: key) != nil && key != "successors" {
                // A status is set by events, dated: one on the entity would be lost.
                fm.diagnostics.append(
                    .warning(
                        at,
                        "unknown key '\(key)' for an entity (kept, but no status: a status is set by events, dated; write it in an event's 'status:', as 'status: { \(entry.id): { availability: … } }')"
                    ))
            } else if key == "draft" || key == "publish" {
                // Hugo's draft, Obsidian Publish's switch: an entry here is published all the same.
                fm.diagnostics.append(
                    .warning(
                        at,
                        "unknown key '\(key)' (kept, but not part of the format: every entry of Content/ is published; keep a draft outside Content/)"
                    )
                )
            } else {
                let prose = LineChecks.proseAsKey(source, key: key, line: at.line) ?? ""
                fm.diagnostics.append(.warning(at, "unknown key '\(key)' for \(kind.withArticle) (\(hint)kept, but not part of the format\(prose))"))
            }
            if let (node, _) = fm.node(key) { entry.extra[key] = FrontMatter.plain(node) }
        }
        if let other = EntryParser.kindWritten(unknown: unknown, in: kind) {
            let fields = unknown.filter { EntryParser.distinctive[other]!.contains($0) }.joined(separator: ", ")
            fm.diagnostics.append(
                .warning(
                    .top(of: path),
                    "these are \(other.withArticle)'s fields (\(fields)), not \(kind.withArticle)'s: \(other.folder) go in Content/\(other.folder)/"))
        }
        let unwritten = fm.used.filter { fm.keyLocation($0) == nil }
        if let early = LineChecks.frontMatterLeftInBody(source, unwritten: unwritten, path: path) { fm.diagnostics.append(early) }
        guard renderBody else { return (entry, fm.diagnostics + unsourced(entry, fm)) }
        let body = BodyRenderer.render(
            lines: source.bodyLines, firstLine: source.bodyFirstLine, path: path, unsafeHTML: config.unsafeHTML)
        fm.diagnostics += unsourced(entry, fm, citing: body.links)
        entry.body = body.markdown
        entry.bodyHTML = body.html
        entry.bodyLinks = body.links
        entry.liveBlocks = body.blocks
        entry.localLinks = EntryParser.located(Linker.localLinks(in: body.html), in: source.bodyLines, firstLine: source.bodyFirstLine, path: path)
        return (entry, fm.diagnostics + body.problems)
    }

    /// An event that cites no source, in its front matter or in its body (`[@tns]`, which
    /// every view shows as its source as it shows those of `sources`).
    private func unsourced(_ entry: Entry, _ fm: FrontMatter, citing links: [BodyLink] = []) -> [Diagnostic] {
        guard entry.kind == .event, !entry.references.contains(where: { $0.relation == .cites }), !links.contains(where: { $0.style == .citation })
        else { return [] }
        return [.warning(fm.keyLocation("sources") ?? entry.top, "event has no sources")]
    }

    /// Where each relative link was written: the n-th link to a URL at the n-th place its
    /// text follows `(`, `<`, a quote or a space in the body (as Markdown and HTML write a
    /// link); at the body's first line when it is not found as written (an escape).
    static func located(_ urls: [String], in lines: [Substring], firstLine: Int, path: String) -> [LocatedText] {
        // A file in a subfolder of its kind's (`events/2024/x.md`) has its links made
        // relative to the page: `chart.png` is `2024/chart.png` in the HTML.
        let folder = MarkdownRenderer.folder(ofFile: path)
        var taken: [String: Int] = [:]
        return urls.map { url in
            let wanted = taken[url, default: 0]
            taken[url] = wanted + 1
            let encoded = MarkdownRenderer.asWritten(url, folder: folder)
            // The page's form (`a%20b.png`, `caf%C3%A9.png`) or the body's (`<a b.png>`, `café.png`).
            // A reference definition used twice is written once: the last place found stands.
            var last: SourceLocation?
            for written in Set([encoded, encoded.removingPercentEncoding ?? encoded]).sorted() {
                let places = targets(written, in: lines, firstLine: firstLine, path: path)
                if wanted < places.count { return LocatedText(url, at: places[wanted]) }
                last = places.last ?? last
            }
            return LocatedText(url, at: last ?? SourceLocation(path: path, line: firstLine, column: 1))
        }
    }

    /// Where `text` is written as a link target: after `(`, `<`, a quote or a space. Not
    /// in `[a](x.md)` (with no title): that is a link to an entry, never a relative link
    /// (the dead `[b](x.md "t")` after it on a line was said at the first).
    private static func targets(_ text: String, in lines: [Substring], firstLine: Int, path: String) -> [SourceLocation] {
        var places: [SourceLocation] = []
        for (i, line) in lines.enumerated() {
            var rest = line[...]
            while let found = rest.range(of: text) {
                // Whole: `nosuch` is not the start of `nosuch-long.png` (it was said at that link).
                let whole = found.upperBound == line.endIndex || ")>\"' #?\t".contains(line[found.upperBound])
                if found.lowerBound > line.startIndex, "(<\"' ".contains(line[line.index(before: found.lowerBound)]), whole,
                    !isEntryLink(text, at: found, in: line)
                {
                    let column = line.unicodeScalars.distance(from: line.startIndex, to: found.lowerBound) + 1
                    places.append(SourceLocation(path: path, line: firstLine + i, column: column))
                }
                rest = line[found.upperBound...]
            }
        }
        return places
    }

    /// Whether `found` is the target of `[label](x.md)` or `[label](x.md#part)`, which the
    /// body link scanner reads as a link to an entry: its address runs to a `)` with no space
    /// (a title makes it a Markdown link), and no `!` makes it an image.
    private static func isEntryLink(_ text: String, at found: Range<Substring.Index>, in line: Substring) -> Bool {
        guard text.hasSuffix(".md"), line[..<found.lowerBound].hasSuffix("](") else { return false }
        let after = line[found.upperBound...]
        guard let close = after.firstIndex(where: { $0 == ")" || $0 == " " || $0 == "<" }), after[close] == ")",
            after[..<close].isEmpty || after[..<close].hasPrefix("#")
        else { return false }
        let label = line[..<line.index(found.lowerBound, offsetBy: -2)]
        guard let open = label.lastIndex(of: "[") else { return false }
        let bang = label[..<open]
        return !(bang.hasSuffix("!") && !bang.hasSuffix("\\!"))
    }

    // MARK: - Kinds

    private func readEntity(_ fm: inout FrontMatter, into e: inout Entry) {
        e.type = choice(&fm, "type", from: config.entityTypes, what: "entity type", required: true, configured: true)
        if let parent = fm.text("parent") { e.references.append(Reference(.parent, parent.text, at: parent.location)) }
        e.aliases = fm.list("aliases") ?? []
        // `aliases: UA, GA3` written plain is one alias, "UA, GA3": said where it is, as a
        // reference list without brackets is (a quoted one is meant as written).
        if case (.scalar(let s), let at)? = fm.node("aliases"), s.style == .plain, s.string.contains(", ") {
            let parts = s.string.components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) }
            fm.diagnostics.append(
                .warning(
                    at,
                    "'aliases' is one alias, '\(s.string)': a list is written in brackets, 'aliases: [\(parts.joined(separator: ", "))]' (quote it to keep one alias with a comma)"
                ))
        }
        readNames(&fm, into: &e)
        references(fm.list("successors"), .succeededBy, into: &e)
        references(fm.list("folded_into"), .foldedInto, into: &e)
        var notIDs: [LocatedText] = []
        e.channels = channels(&fm, tiers: &e.channelTiers, notIDs: &notIDs)
        e.channelsNotIDs += notIDs
        e.homepage = url(&fm, "homepage")
        e.tags = fm.list("tags")?.map(\.text) ?? []
        readIdentifiers(&fm, into: &e)
    }

    /// `identifiers: [{ purl: pkg:pypi/django }, { cpe: cpe:2.3:a:djangoproject:django }]`:
    /// what a bill of materials calls the product (`vane import sbom`), kept in `extra`.
    private func readIdentifiers(_ fm: inout FrontMatter, into e: inout Entry) {
        guard let (node, at) = fm.node("identifiers") else { return }
        let items: [Node]
        if case .sequence(let seq) = node { items = Array(seq) } else { items = [] }
        let valid = items.allSatisfy { item in
            guard case .mapping(let pairs) = item, pairs.count == 1, let value = pairs.first?.value.scalar?.string else { return false }
            return !value.isEmpty
        }
        guard case .sequence = node, valid else {
            return fm.diagnostics.append(
                .error(
                    at,
                    "'identifiers' must be a list of one-key mappings, e.g. '[{ purl: pkg:pypi/django }, { cpe: cpe:2.3:a:djangoproject:django }]'"))
        }
        e.extra["identifiers"] = FrontMatter.plain(node)
    }

    private func readEvent(_ fm: inout FrontMatter, into e: inout Entry) {
        readEventDates(&fm, into: &e)
        e.type = choice(&fm, "type", from: config.eventTypes, what: "event type", required: true, configured: true)
        let entities = fm.list("entities", required: true)
        if let entities, entities.isEmpty, let at = fm.keyLocation("entities") {
            fm.diagnostics.append(.error(at, "'entities' must name at least one entity"))
        }
        references(entities, .involves, into: &e)
        // Whether it has any is known once its body is read: a citation there sources it too.
        references(fm.list("sources"), .cites, into: &e)
        let status = readStatus(&fm, eventDate: e.date, into: &e)
        e.status = status
        e.tags = fm.list("tags")?.map(\.text) ?? []
    }

    private func readEventDates(_ fm: inout FrontMatter, into e: inout Entry) {
        let hasStart = fm.keys.contains("start")
        // Present means required: an event left without its day would drop out of the graph.
        if fm.keys.contains("date") {
            e.date = date(&fm, "date", required: true)
            if hasStart, let (_, at) = fm.node("start") {
                // One mistake, one message: 'end' belongs to the same choice.
                _ = fm.node("end")
                fm.diagnostics.append(.error(at, "use either 'date' or 'start' and 'end', not both"))
            }
            return
        }
        guard hasStart else {
            // An `end` alone is half a span, not an unknown key (the line that was right was
            // said to be the one to remove).
            guard fm.keys.contains("end") else { return fm.missing("date") }
            _ = fm.node("end")
            return fm.diagnostics.append(.error(.top(of: fm.path), "missing required field 'start' (a span needs 'start' and 'end')"))
        }
        e.date = date(&fm, "start", required: true)
        guard fm.keys.contains("end") else {
            return fm.diagnostics.append(.error(.top(of: fm.path), "missing required field 'end' (a span needs 'start' and 'end')"))
        }
        e.endDate = date(&fm, "end", required: true)
        if let start = e.date, let end = e.endDate, end.start < start.start, let (_, at) = fm.node("end") {
            fm.diagnostics.append(.error(at, "span ends (\(end.text)) before it starts (\(start.text))"))
        }
    }

    private func readClaim(_ fm: inout FrontMatter, into e: inout Entry) {
        if let claimant = fm.text("claimant", required: true) {
            e.references.append(Reference(.claimedBy, claimant.text, at: claimant.location))
        }
        let about = fm.list("about", required: true)
        if let about, about.isEmpty, let at = fm.keyLocation("about") {
            fm.diagnostics.append(.error(at, "'about' must name at least one entity"))
        }
        references(about, .about, into: &e)
        e.date = date(&fm, "date", required: true)
        let typed = choice(&fm, "type", from: ClaimType.names, what: "claim type")
        e.type = typed ?? ClaimType.unstated.rawValue
        e.verdict = choice(&fm, "verdict", from: Verdict.names, what: "verdict").flatMap(Verdict.init) ?? .pending
        e.verdictDate = date(&fm, "verdict_date")
        e.verdictDateLocation = fm.valueLocation("verdict_date")
        references(fm.list("verdict_sources"), .verdictSource, into: &e)
        // A type refused is said: the verdict is not judged against the default it fell back to.
        checkVerdict(&fm, e, typeRefused: typed == nil && fm.node("type") != nil)
        references(fm.list("supports"), .supports, into: &e)
        references(fm.list("contradicts"), .contradicts, into: &e)
        // Supporting and contradicting one claim at once (a line copied, its key not changed).
        let supported = Set(fm.list("supports")?.map(\.text) ?? [])
        for target in fm.list("contradicts") ?? [] where supported.contains(target.text) && target.text != e.id {
            fm.diagnostics.append(
                .error(target.location, "'\(target.text)' is also in 'supports': a claim supports another or contradicts it, not both"))
        }
        let sources = fm.list("sources", required: true)
        if let sources, sources.isEmpty, let at = fm.keyLocation("sources") {
            fm.diagnostics.append(.error(at, "'sources' must name at least one source"))
        }
        references(sources, .cites, into: &e)
        e.tags = fm.list("tags")?.map(\.text) ?? []
    }

    /// Kept and broken judge commitments; confirmed and refuted, what is asserted; a
    /// verdict cannot come before the claim.
    private func checkVerdict(_ fm: inout FrontMatter, _ e: Entry, typeRefused: Bool) {
        let mismatched =
            !typeRefused && e.verdict.map { verdict in e.claimType.map { $0.verdicts.contains(verdict) == false } ?? false } ?? false
        if let verdict = e.verdict, let type = e.claimType, let at = fm.valueLocation("verdict"), verdict.isDecided, mismatched {
            fm.diagnostics.append(
                .error(
                    at,
                    type == .commitment
                        ? "verdict '\(verdict)' is for assessments, rumours and facts; a commitment is kept or broken"
                        : "verdict '\(verdict)' is for commitments; \(type.withArticle) is confirmed or refuted"))
        }
        if let made = e.date, let judged = e.verdictDate, judged.endKey < made.startKey, let at = fm.valueLocation("verdict_date") {
            fm.diagnostics.append(.error(at, "verdict date \(judged.text) is before the claim's date \(made.text)"))
        }
        // A date with no verdict at all is most likely a verdict forgotten (`verdict: pending`
        // with a date says so on purpose).
        if e.verdictDate != nil, fm.keyLocation("verdict") == nil, let at = fm.keyLocation("verdict_date") {
            fm.diagnostics.append(
                .warning(at, "a verdict date without a verdict: the claim reads as pending (write its 'verdict:', or remove the date)"))
        }
        // `verdict:` left empty (a template's line): pending, which it most likely is not.
        if fm.node("verdict") == nil, let at = fm.keyLocation("verdict") {
            fm.diagnostics.append(
                .warning(
                    at, "'verdict' is empty: the claim reads as pending (write one of \(Verdict.names.joined(separator: ", ")), or remove the line)"))
        }
        // A decided verdict with no day: a site as of any day would show it reached on the
        // claim's own day, before its evidence.
        if let verdict = e.verdict, verdict.isDecided, e.verdictDate == nil, fm.node("verdict_date") == nil, let at = fm.keyLocation("verdict") {
            fm.diagnostics.append(
                .warning(
                    at,
                    "the verdict '\(verdict)' has no 'verdict_date': a site as of any day shows it reached from the claim's own date (write the day it was)"
                ))
        }
        // A verdict counts in the scorecards: what shows it is cited, as every statement is;
        // said with a verdict of the wrong kind too (fixing that one revealed this).
        let evidence = e.references.contains { $0.relation == .verdictSource }
        if let verdict = e.verdict, verdict.isDecided, !evidence, let at = fm.keyLocation("verdict") {
            fm.diagnostics.append(
                .warning(at, "the verdict '\(verdict)' cites no evidence: add 'verdict_sources' (the sources that show it \(verdict))"))
        }
        // Pending as written or left out; not a verdict off its list, which is said already.
        var writtenPending = true
        if let (node, _) = fm.node("verdict") {
            if case .scalar(let s) = node { writtenPending = s.string == Verdict.pending.rawValue } else { writtenPending = false }
        }
        if e.verdict == .pending, writtenPending, evidence, let at = fm.keyLocation("verdict_sources") {
            fm.diagnostics.append(
                .warning(at, "'verdict_sources' on a pending claim: evidence of a verdict not reached (write the verdict, or move them to 'sources')")
            )
        }
    }

    private func readReport(_ fm: inout FrontMatter, into e: inout Entry) {
        e.date = date(&fm, "date", required: true)
        references(fm.list("authors"), .authoredBy, into: &e)
        e.summary = fm.text("summary")?.text
        e.tags = fm.list("tags")?.map(\.text) ?? []
    }

    /// `product` (an entity id or alias), `team`, `criticality`, `since`, `until`, `version`,
    /// `plan` and `plan_date`.
    private func readUse(_ fm: inout FrontMatter, into e: inout Entry) {
        let product = fm.text("product", required: true)
        if let product { e.references.append(Reference(.uses, product.text, at: product.location)) }
        var use = UseFacts(product: product ?? LocatedText("", at: e.top))
        if let team = fm.text("team") {
            use.team = team.text
            // A team is an id, as `vane import sbom --team` takes it: one written otherwise
            // could never be given a bill of materials. Warned, not refused: it reads as written.
            if !IDRule.isValid(team.text) {
                let id = Scaffold.id(from: team.text)
                fm.diagnostics.append(
                    .warning(
                        team.location,
                        "team '\(team.text)' is not an id (lowercase a-z, 0-9, '-'), as 'vane import sbom --team' takes it"
                            + (IDRule.isValid(id) ? " (did you mean '\(id)'?)" : "")))
            }
        }
        if let written = fm.text("criticality") {
            if let level = Criticality(rawValue: written.text) {
                use.criticality = level
            } else {
                let levels = Criticality.allCases.map(\.rawValue)
                fm.diagnostics.append(
                    .error(
                        written.location,
                        "criticality '\(written.text)' is not one of \(levels.joined(separator: ", "))\(Suggestion.hint(for: written.text, in: levels))"
                    ))
            }
        }
        e.date = date(&fm, "since")
        // The day it ended (a migration done): from then it is no exposure.
        e.endDate = date(&fm, "until")
        if let since = e.date, let until = e.endDate, until.endKey < since.startKey, let (_, at) = fm.node("until") {
            fm.diagnostics.append(.error(at, "the use ends (\(until.text)) before it began (since \(since.text))"))
        }
        if let channel = fm.text("channel") {
            // As a status names a channel: an id, in any case (`Free` is `free`).
            let name = channel.text.lowercased()
            if IDRule.isValid(name) {
                use.channel = LocatedText(name, at: channel.location)
            } else {
                e.channelsNotIDs.append(channel)
            }
        }
        use.version = fm.text("version")?.text
        use.plan = fm.text("plan")?.text
        if let planDate = fm.text("plan_date") {
            use.planDateLocation = planDate.location
            do {
                use.planDate = try FuzzyDate(parsing: planDate.text)
            } catch {
                fm.diagnostics.append(.error(planDate.location, error.message))
            }
        }
        if use.planDate != nil, use.plan == nil, let at = use.planDateLocation {
            fm.diagnostics.append(.warning(at, "'plan_date' without a 'plan': say what is planned"))
        }
        if !fm.keys.contains("title"), let product {
            e.title = product.text + (use.team.map { " (\($0))" } ?? "")
            use.untitled = true
        }
        e.tags = fm.list("tags")?.map(\.text) ?? []
        e.use = use
    }

    private func readSource(_ fm: inout FrontMatter, into e: inout Entry) {
        e.publisher = fm.text("publisher", required: true)
        e.url = url(&fm, "url", required: true)
        e.date = date(&fm, "published")
        e.accessed = date(&fm, "accessed")
        for key in ["published", "accessed"] { e.dateLocations[key] = fm.valueLocation(key) }
        e.type = choice(&fm, "type", from: SiteConfig.sourceTypes, what: "source type")
        e.archive = url(&fm, "archive")
        e.tags = fm.list("tags")?.map(\.text) ?? []
    }

    /// `generated` (which tool wrote the file) and `data` (fields kept as they are), for
    /// any kind: both go into `extra`, without a warning.
    private func readData(_ fm: inout FrontMatter, into e: inout Entry) {
        // The tool's name; an importer may follow it with a digest of what it wrote.
        if let generated = fm.text("generated") { e.extra["generated"] = .text(String(generated.text.split(separator: " ").first ?? "")) }
        guard let (node, at) = fm.node("data") else { return }
        guard case .mapping(let fields) = node else {
            return fm.diagnostics.append(.error(at, "'data' must map names to values"))
        }
        for (key, value) in fields {
            let name = key.string ?? ""
            e.extra[name] = CycleFacts.versionKeys.contains(name) ? FrontMatter.version(value) : FrontMatter.plain(value)
        }
    }

    // MARK: - Values

    private func references(_ items: [LocatedText]?, _ relation: Relation, into e: inout Entry) {
        for item in items ?? [] { e.references.append(Reference(relation, item.text, at: item.location)) }
    }

    /// `configured`: the allowed values come from the settings (types), which are not
    /// judged when the settings could not be read.
    private func choice(
        _ fm: inout FrontMatter, _ key: String, from allowed: [String], what: String, required: Bool = false, configured: Bool = false
    )
        -> String?
    {
        // Present but empty: say what it can be.
        if required, fm.node(key) == nil, let at = fm.keyLocation(key) {
            fm.diagnostics.append(.error(at, "'\(key)' is empty (expected one of: \(allowed.joined(separator: ", ")))"))
            return nil
        }
        guard let value = fm.text(key, required: required) else { return nil }
        guard allowed.contains(value.text) || configured && config.unread else {
            // A near miss is named; else what it can be is listed.
            let hint = Suggestion.hint(for: value.text, in: allowed)
            fm.diagnostics.append(
                .error(
                    value.location,
                    "unknown \(what) '\(value.text)'" + (hint.isEmpty ? " (expected one of: \(allowed.joined(separator: ", ")))" : hint)))
            return nil
        }
        return value.text
    }

    private func date(_ fm: inout FrontMatter, _ key: String, required: Bool = false) -> FuzzyDate? {
        guard let value = fm.text(key, required: required) else { return nil }
        do {
            return try FuzzyDate(parsing: value.text)
        } catch {
            fm.diagnostics.append(.error(value.location, error.message))
            return nil
        }
    }

    private func url(_ fm: inout FrontMatter, _ key: String, required: Bool = false) -> String? {
        guard let value = fm.text(key, required: required) else { return nil }
        if let problem = URLRule.problem(with: value.text) {
            fm.diagnostics.append(.error(value.location, problem))
            return nil
        }
        return value.text
    }

    /// `channels: [api, app]`: ids, each once. An item may give the channel a support tier
    /// as a one-key mapping, `{ extended-support: paid }` (tiers in `ChannelTier`).
    private func channels(_ fm: inout FrontMatter, tiers: inout [String: ChannelTier], notIDs: inout [LocatedText]) -> [LocatedText]? {
        guard let (node, at) = fm.node("channels") else { return nil }
        let items: [Node]
        switch node {
        case .sequence(let seq): items = Array(seq)
        case .scalar: items = [node]
        default:
            fm.diagnostics.append(.error(at, "'channels' must be a list, not \(FrontMatter.describe(node))"))
            return nil
        }
        var seen: Set<String> = []
        var result: [LocatedText] = []
        for item in items {
            guard let (written, tier) = channelItem(item, &fm) else { continue }
            var channel = written
            // An id in another case is the id, as in a status's channels.
            if IDRule.isValid(channel.text.lowercased()) { channel.text = channel.text.lowercased() }
            guard IDRule.isValid(channel.text) else {
                notIDs.append(channel)
                continue
            }
            guard seen.insert(channel.text).inserted else {
                fm.diagnostics.append(.error(channel.location, "channel '\(channel.text)' is declared twice"))
                continue
            }
            if let tier { tiers[channel.text] = tier }
            result.append(channel)
        }
        return result
    }

    /// A channel item: `api`, or `{ extended-support: paid }`.
    private func channelItem(_ item: Node, _ fm: inout FrontMatter) -> (LocatedText, ChannelTier?)? {
        switch item {
        case .scalar(let s) where !FrontMatter.isNull(s):
            return (LocatedText(s.string, at: fm.location(of: item)), nil)
        case .mapping(let pairs) where pairs.count == 1:
            let (key, value) = pairs.first!
            guard let name = key.scalar?.string, let word = value.scalar?.string else { break }
            guard let tier = ChannelTier(rawValue: word) else {
                let words = ChannelTier.allCases.map(\.rawValue)
                let at = fm.location(of: value)
                fm.diagnostics.append(
                    .error(
                        at,
                        "channel tier '\(word)' is not one of \(words.joined(separator: ", "))\(Suggestion.hint(for: word, in: words))"))
                // Declared all the same: only its tier is wrong, not the events that name it.
                return (LocatedText(name, at: fm.location(of: key)), nil)
            }
            return (LocatedText(name, at: fm.location(of: key)), tier)
        default: break
        }
        let at = fm.location(of: item)
        fm.diagnostics.append(.error(at, "each item of 'channels' must be a channel id, or a channel with its tier: '{ extended-support: paid }'"))
        return nil
    }
}

/// Ids: lowercase `a-z`, `0-9`, `-`, 1–80 characters.
public enum IDRule {
    public static func isValid(_ id: String) -> Bool {
        (1...80).contains(id.utf8.count)
            && id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    /// ` (did you mean 'legacy-free'?)` for `legacy_free` or `Legacy Free`: the id it
    /// most likely is, when lowercasing and joining its words with '-' makes one.
    public static func hint(for written: String) -> String {
        let words = written.lowercased().split { $0 == "_" || $0 == " " || $0 == "-" }
        let id = words.joined(separator: "-")
        return id != written && isValid(id) ? " (did you mean '\(id)'?)" : ""
    }
}

extension EntryParser {
    /// Each kind's date key: `date` on a source is its `published`, on a use its `since`.
    static let dateKey: [Kind: String] = [.event: "date", .claim: "date", .report: "date", .source: "published", .use: "since"]

    /// Fields that only one kind has, which say what a file in the wrong folder is.
    static let distinctive: [Kind: Set<String>] = [
        .entity: ["name", "parent", "channels", "aliases", "former_ids", "renamed", "folded_into", "homepage"],
        .event: ["entities", "status"],
        .claim: ["claimant", "about", "verdict", "verdict_date", "verdict_sources", "supports", "contradicts"],
        .source: ["publisher", "url", "published"],
        .use: ["product", "team", "criticality", "plan"],
    ]

    /// The kind a file's unknown keys belong to, when two or more are another kind's own
    /// fields (an event filed under `sources/`): its folder is the likelier mistake.
    static func kindWritten(unknown keys: [String], in kind: Kind) -> Kind? {
        guard keys.count >= 2 else { return nil }
        let scored = distinctive.filter { $0.key != kind }.map { ($0.key, keys.filter($0.value.contains).count) }
        guard let best = scored.max(by: { ($0.1, $1.0.folder) < ($1.1, $0.0.folder) }), best.1 >= 2,
            scored.filter({ $0.1 == best.1 }).count == 1
        else { return nil }
        return best.0
    }
}
