import VaneDiagnostics
import Yams

/// The front matter of one file as a YAML mapping, read key by key with positions.
///
/// Every accessor reports its own problems into `diagnostics` and returns `nil`,
/// so a parser can go on and collect all problems of the file in one pass.
struct FrontMatter {
    let path: String
    let lineOffset: Int
    private(set) var pairs: [(key: String, keyMark: SourceLocation, value: Node)] = []
    /// Where each key's first pair is: looked up per key, not searched (10,000 keys took 21 s).
    private var firstPair: [String: Int] = [:]
    private(set) var used: Set<String> = []
    var diagnostics: [Diagnostic] = []

    /// Every scalar stays text: dates are read as the author wrote them, and the parser
    /// types the rest itself (`plain`). Resolving tags would run Yams's regular
    /// expressions on every key and value, for nothing.
    private static let resolver = Resolver.basic

    /// What the mapping is called in messages: `front matter`, or `settings` for `Site/config.yml`.
    let called: String

    /// The YAML's lines, to see what a plain value left out (a comment after it).
    private var lines: [Substring] = []

    init(yaml: String, lineOffset: Int, path: String, called: String = "front matter") throws(DiagnosticError) {
        self.path = path
        self.called = called
        self.lineOffset = lineOffset
        if let anchor = AnchorScanner.firstAnchor(in: yaml) {
            let at = SourceLocation(path: path, line: anchor.line + lineOffset, column: anchor.column)
            // Most often text that starts with `*` or `&` (`title: *New* pricing`), read as YAML.
            throw DiagnosticError(
                .error(
                    at,
                    "YAML \(anchor.alias ? "aliases" : "anchors") are not allowed in \(called) (write the value out; "
                        + "a value that starts with '\(anchor.alias ? "*" : "&")' is text only in quotes: \"\(anchor.alias ? "*" : "&")…\")"))
        }
        let (root, duplicates, text) = try FrontMatter.compose(yaml, lineOffset: lineOffset, path: path, resolver: FrontMatter.resolver)
        diagnostics += duplicates
        guard let root else { return }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard case .mapping(let mapping) = root else {
            throw DiagnosticError(.error(location(of: root), "\(called) must be a mapping of keys to values"))
        }
        reportNULs(in: root)
        for (key, value) in mapping {
            guard case .scalar(let k) = key else {
                diagnostics.append(.error(location(of: key), "a key of the \(called) must be plain text"))
                continue
            }
            if firstPair[k.string] == nil { firstPair[k.string] = pairs.count }
            pairs.append((k.string, location(of: key), value))
        }
    }

    /// Composes `yaml`. A key written twice is said, and the repeat left out (with what is
    /// under it), so that the file's other problems are found in the same run: the node,
    /// those problems, and the text composed. Any other YAML error is thrown.
    static func compose(_ yaml: String, lineOffset: Int, path: String, resolver: Resolver) throws(DiagnosticError) -> (
        node: Node?, duplicates: [Diagnostic], text: String
    ) {
        var (text, duplicates) = (yaml, [Diagnostic]())
        while true {
            do {
                // UTF-8 named, since Yams's default reads the whole environment on every parse.
                return (try Yams.compose(yaml: text, resolver, .default, .utf8), duplicates, text)
            } catch let error as YamlError {
                let problem = FrontMatter.diagnostic(for: error, yaml: text, lineOffset: lineOffset, path: path)
                let (line, column) = (problem.location.line - lineOffset, problem.location.column)
                guard case .duplicatedKeysInMapping = error,
                    let without = FrontMatter.withoutEntry(at: line, column: column, in: text)
                        ?? FrontMatter.withoutFlowEntry(at: line, column: column, in: text)
                else { throw DiagnosticError(problem) }
                duplicates.append(problem)
                text = without
            } catch {
                throw DiagnosticError(.error(.top(of: path), "invalid YAML: \(error)"))
            }
        }
    }

    /// A file holds no NUL byte (`SourceText`), but a quoted YAML escape (`"\0"`,
    /// `"\u0000"`) can still write one: a name cut short in the database, whole on the page.
    private mutating func reportNULs(in node: Node) {
        switch node {
        case .scalar(let s) where s.string.unicodeScalars.contains("\u{0}"):
            diagnostics.append(.error(location(of: node), "a NUL character (written as an escape, \\0 or \\u0000) is not allowed in \(called)"))
        case .mapping(let mapping):
            for (key, value) in mapping {
                reportNULs(in: key)
                reportNULs(in: value)
            }
        case .sequence(let items): for item in items { reportNULs(in: item) }
        default: break
        }
    }

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return .top(of: path) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    var keys: [String] { pairs.map(\.key) }

    /// The value of a key, marking the key as known.
    mutating func node(_ key: String) -> (Node, SourceLocation)? {
        used.insert(key)
        guard let pair = firstPair[key].map({ pairs[$0] }) else { return nil }
        if case .scalar(let s) = pair.value, FrontMatter.isNull(s) { return nil }
        return (pair.value, location(of: pair.value))
    }

    /// Whether `key` is written with nothing after it (`status:` alone on its line).
    func isWrittenEmpty(_ key: String) -> Bool {
        guard let pair = firstPair[key].map({ pairs[$0] }), case .scalar(let s) = pair.value else { return false }
        return FrontMatter.isNull(s)
    }

    /// Keys nobody asked for, with where they were written.
    var unknownKeys: [(String, SourceLocation)] {
        pairs.filter { !used.contains($0.key) }.map { ($0.key, $0.keyMark) }
    }

    static func isNull(_ s: Node.Scalar) -> Bool {
        s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    // MARK: - Typed reads

    /// A scalar's text, without the line break a block scalar (`|`, `>`) ends with; one
    /// written by an escape (`"Q5\n"`) stays, and is said as a line break.
    static func oneLine(_ s: Node.Scalar) -> String {
        s.style == .literal || s.style == .folded ? s.string.trimmingTrailingNewlines : s.string
    }

    /// A one-line text value.
    mutating func text(_ key: String, required: Bool = false) -> LocatedText? {
        guard let (node, at) = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard case .scalar(let s) = node else {
            let habit = FrontMatter.wikiLink(node).map { " (Obsidian's [[link]] is a list in a list to YAML: write '\(key): \($0)')" } ?? ""
            diagnostics.append(.error(at, "'\(key)' must be text, not \(FrontMatter.describe(node))\(habit)"))
            return nil
        }
        var value = FrontMatter.oneLine(s)
        // A title or a name that leaves a bidirectional control open has it closed at its end:
        // every sentence made with it (`Events involving … (Atom)`) read reversed after it.
        if key == "title" || key == "name" {
            value += Bidi.closers(value)
            // “Universal Analytics”, pasted from a document: YAML keeps the quotes as text.
            if s.style == .plain, let first = value.first, let last = value.last, value.count > 1, "“‘„«".contains(first), "”’“»".contains(last) {
                diagnostics.append(
                    .warning(
                        at,
                        "'\(key)' is in typographic quotes (\(first)…\(last)), which YAML keeps as part of the text: write straight quotes, \"\(value.dropFirst().dropLast())\", or none"
                    ))
            }
        }
        // Any line break: a Unicode line or paragraph separator breaks a title too.
        if value.contains(where: \.isNewline) {
            diagnostics.append(.error(at, "'\(key)' must be one line"))
            return nil
        }
        if value.trimmingSpaces.isEmpty {
            if required { missing(key) }
            return nil
        }
        // (Settings are written with comments after values, as the README's example is.)
        if s.style == .plain, called == "front matter", !Self.wordKeys.contains(key) { warnOfComment(after: node, key: key) }
        return LocatedText(value, at: at)
    }

    /// Keys whose value is one word, an id or a date, checked as such: a comment after it
    /// (`type: product  # or model`, as `vane new` writes the choices) is meant as one.
    static let wordKeys: Set<String> = [
        "type", "parent", "claimant", "product", "team", "criticality", "version", "plan_date", "generated", "date", "end_date",
        "verdict", "verdict_date", "accessed", "published", "since", "until",
    ]

    /// `title: GA4 #1 launch day` is "GA4" to YAML: what follows ` #` is a comment. Said,
    /// since a title cut short checks clean.
    private mutating func warnOfComment(after node: Node, key: String) {
        guard let mark = node.mark, (1...lines.count).contains(mark.line) else { return }
        let line = lines[mark.line - 1]
        let scalars = Array(line.unicodeScalars)
        guard mark.column - 1 < scalars.count else { return }
        for i in (mark.column - 1)..<scalars.count where scalars[i] == "#" && i > 0 && (scalars[i - 1] == " " || scalars[i - 1] == "\t") {
            let at = SourceLocation(path: path, line: mark.line + lineOffset, column: i + 1)
            diagnostics.append(.warning(at, "' #' starts a YAML comment, left out of '\(key)': put the value in quotes to keep it"))
            return
        }
    }

    /// A list of one-line texts; a single text counts as a list of one.
    mutating func list(_ key: String, required: Bool = false) -> [LocatedText]? {
        guard let (node, at) = node(key) else {
            if required { missing(key) }
            return nil
        }
        let items: [Node]
        switch node {
        case .sequence(let seq): items = Array(seq)
        case .scalar: items = [node]
        default:
            diagnostics.append(.error(at, "'\(key)' must be a list, not \(FrontMatter.describe(node))"))
            return nil
        }
        var result: [LocatedText] = []
        for item in items {
            guard case .scalar(let s) = item, !FrontMatter.isNull(s) else {
                // `entities: [[stadia]]`: Obsidian's link, which YAML reads as a list in a list.
                let habit =
                    FrontMatter.wikiLink(.sequence(Node.Sequence([item]))).map {
                        " (Obsidian's [[link]] is a list in a list to YAML: write '\(key): [\($0)]')"
                    } ?? ""
                diagnostics.append(.error(location(of: item), "each item of '\(key)' must be text\(habit)"))
                continue
            }
            guard !s.string.trimmingSpaces.isEmpty else {
                diagnostics.append(.error(location(of: item), "an empty item in '\(key)' (remove it, or write its text)"))
                continue
            }
            // An id, a name, a tag: one line, as a title is (an alias with a line break no
            // link can name, and it would read as lines of their own where it is listed).
            let value = FrontMatter.oneLine(s)
            guard !value.contains(where: \.isNewline) else {
                diagnostics.append(.error(location(of: item), "each item of '\(key)' must be one line"))
                continue
            }
            result.append(LocatedText(value, at: location(of: item)))
        }
        return result
    }

    /// Where `key` is written, when it is.
    func keyLocation(_ key: String) -> SourceLocation? { firstPair[key].map { pairs[$0].keyMark } }

    /// Where the value of `key` is written, when it is: a problem of the value is said there.
    func valueLocation(_ key: String) -> SourceLocation? { firstPair[key].map { location(of: pairs[$0].value) } }

    /// A required field absent (reported at the top of the file) or present but empty
    /// (reported at its key).
    mutating func missing(_ key: String) {
        if let at = keyLocation(key) {
            diagnostics.append(.error(at, "'\(key)' is empty"))
        } else {
            diagnostics.append(.error(.top(of: path), "missing required field '\(key)'"))
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: "text"
        case .alias: "an alias"
        }
    }

    /// Any value as plain data (for keys the spec does not define), with YAML 1.2's types:
    /// a plain (unquoted) number, boolean or null keeps its type; anything quoted (versions
    /// such as `"3.10"`), and what a JSON number would change (`007`, an integer beyond
    /// 2^53, `.inf`), stay text as written.
    static func plain(_ node: Node) -> FieldValue {
        switch node {
        case .scalar(let s) where s.style == .plain:
            if let flag = boolean(s.string) {
                .bool(flag)
            } else if isNull(s) {
                .null
            } else if let n = number(s.string) {
                .number(n)
            } else {
                .text(s.string)
            }
        case .scalar(let s): .text(s.string)
        case .sequence(let seq): .list(seq.map(plain))
        case .mapping(let m):
            .map(Dictionary(m.map { ($0.key.string ?? "", plain($0.value)) }, uniquingKeysWith: { a, _ in a }))
        case .alias: .text("")
        }
    }

    /// A version label (a release cycle's `release_cycle`, `latest`): as `plain`, but a plain
    /// number that would not read back as written (`1.30`, `21.0`) stays the text written:
    /// Kubernetes 1.30 is not 1.3.
    static func version(_ node: Node) -> FieldValue {
        let value = plain(node)
        guard case .number(let n) = value, case .scalar(let s) = node, n.plainText != s.string else { return value }
        return .text(s.string)
    }

    /// YAML 1.2's booleans: `true`, `True`, `TRUE` and their `false`.
    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// A YAML 1.2 number that a JSON number keeps exactly: `61`, `-3`, `+5`, `30.5`, `.5`,
    /// `1e3`, `0x10`, `0o17`; not `007` (a leading zero: an id, a postcode), nor what a double
    /// would round (an integer beyond 2^53, more than 15 significant digits, `1e-400`), nor
    /// `.inf` and `.nan` (no JSON number is either).
    static func number(_ text: String) -> Double? {
        if let hex = text.wholeMatch(of: /0x([0-9a-fA-F]+)/) {
            return UInt64(hex.1, radix: 16).flatMap { $0 <= 1 << 53 ? Double($0) : nil }
        }
        if let octal = text.wholeMatch(of: /0o([0-7]+)/) {
            return UInt64(octal.1, radix: 8).flatMap { $0 <= 1 << 53 ? Double($0) : nil }
        }
        guard let match = text.wholeMatch(of: /[-+]?(0|[1-9][0-9]*)?(\.[0-9]*)?([eE][-+]?[0-9]+)?/),
            match.1 != nil || (match.2.map { $0.count > 1 } ?? false),
            let value = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text), value.isFinite
        else { return nil }
        // An integer written whole is kept only while a double holds it exactly; a decimal,
        // while its digits are no more than a double keeps (15) and it is no smaller.
        // Compared as the integer written, not as the double it rounds to (2^53 + 1 read as 2^53).
        if match.2 == nil, match.3 == nil {
            guard let exact = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text), exact.magnitude <= 1 << 53 else { return nil }
            return Double(exact)
        }
        let digits = String((match.1 ?? "") + (match.2?.dropFirst() ?? "")).drop { $0 == "0" }
        if digits.count > 15 || (value == 0 && digits.contains { $0 != "0" }) { return nil }
        return value
    }

    // MARK: - YAML errors

    /// When the text before an error's column on its line ends with a quote: what closed the
    /// quoted value, and where it opened when that was on an earlier line (a `"` left open
    /// runs on to the next one). Nil otherwise.
    static func textAfterQuote(lines: [Substring], line: Int, column: Int, lineOffset: Int) -> (message: String, opened: (line: Int, column: Int)?)? {
        guard line >= 1, line <= lines.count else { return nil }
        let before = Array(lines[line - 1].unicodeScalars.prefix(max(0, column - 1)))
        guard let end = before.lastIndex(where: { $0 != " " }), before[end] == "'" || before[end] == "\"" else { return nil }
        let quote = before[end]
        let escape = quote == "'" ? "a ' inside '…' is written ''" : "a \" inside \"…\" is written \\\""
        let ends = "\(line + lineOffset):\(end + 1)"
        // An even count of this quote on the line up to it: it opened here.
        guard before[...end].filter({ $0 == quote }).count % 2 == 1 else {
            return ("invalid YAML: text after the quoted value that ends at \(ends) (\(escape), or write the value in the other quotes)", nil)
        }
        for earlier in stride(from: line - 1, through: 1, by: -1) {
            let scalars = Array(lines[earlier - 1].unicodeScalars)
            guard scalars.filter({ $0 == quote }).count % 2 == 1, let open = scalars.lastIndex(of: quote) else { continue }
            return (
                "invalid YAML: a quoted value is not closed on its line: it runs on to the quote at \(ends) (the parser stopped at \(line + lineOffset):\(column))",
                (earlier + lineOffset, open + 1)
            )
        }
        return nil
    }

    static func diagnostic(for error: YamlError, yaml: String, lineOffset: Int, path: String) -> Diagnostic {
        // libyaml reports an error at the end of input on the line after the last; in a
        // file that line may not exist, so such errors point at the end of the last one.
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        func at(_ mark: Mark) -> SourceLocation {
            guard mark.line > lines.count, lineOffset == 0 else {
                return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
            }
            let last = max(1, lines.count)
            return SourceLocation(path: path, line: last, column: (lines.last?.unicodeScalars.count ?? 0) + 1)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text))" } ?? ""
            // libyaml's own words for its depth limit name its C function: said plainly.
            if problem.contains("yaml_set_max_nest_level") {
                return .error(at(mark), "invalid YAML: nested too deeply (front matter needs a few levels at most)")
            }
            // A quote left open: said where it opened, the cause, not at the end of the
            // front matter where the parser gave up.
            if let context, context.text.contains("quoted scalar"), problem.contains("end of stream") || problem.contains("document") {
                let end = at(mark)
                return .error(
                    at(context.mark),
                    "invalid YAML: a quoted value is never closed (its closing quote is missing: the parser reached \(end.line):\(end.column) without it)"
                )
            }
            // A `[` or `{` left open: said where it opened, as a quote is (the parser gives up
            // on a later line, at the next key).
            if let context, context.text.contains("flow sequence") || context.text.contains("flow mapping"),
                problem.hasPrefix("did not find expected ',' or")
            {
                let (open, close) = context.text.contains("sequence") ? ("[", "]") : ("{", "}")
                let end = at(mark)
                return .error(
                    at(context.mark),
                    "invalid YAML: a '\(open)' is never closed (its '\(close)' is missing: the parser reached \(end.line):\(end.column) without it)")
            }
            // The same at the end of the front matter (the `[` on its last line): libyaml then
            // asks for the next item, and names neither the bracket nor where it opened.
            if let context, context.text.contains("flow"), problem.contains("did not find expected node content"),
                let open = AnchorScanner.unclosedFlow(in: yaml)
            {
                let end = at(mark)
                let close = open.bracket == "[" ? "]" : "}"
                return .error(
                    SourceLocation(path: path, line: open.line + lineOffset, column: open.column),
                    "invalid YAML: a '\(open.bracket)' is never closed (its '\(close)' is missing: the parser reached \(end.line):\(end.column) without it)"
                )
            }
            // Text after a quoted value (`'Queue won't stop`: the `'` in `won't` closed it),
            // which libyaml reads as a line out of step with its mapping.
            if let context, context.text.contains("block mapping"), problem.contains("did not find expected key"),
                let said = textAfterQuote(lines: lines, line: mark.line, column: mark.column, lineOffset: lineOffset)
            {
                // A quote left open on an earlier line is said where it opened, as one never closed is.
                let opened = said.opened.map { SourceLocation(path: path, line: $0.line, column: $0.column) }
                return .error(opened ?? at(mark), said.message)
            }
            // A line out of step with the keys of its mapping: libyaml names no line to align with.
            if let context, context.text.contains("block mapping"), problem.contains("did not find expected key") {
                let start = at(context.mark)
                return .error(
                    at(mark),
                    "invalid YAML: this line is not in line with the keys of the mapping that starts at \(start.line):\(start.column), at column \(start.column) (indent each key of one mapping alike, and a value further than its key)"
                )
            }
            // The first key indented, the next one not: libyaml says it expected a new document.
            if problem.contains("did not find expected <document start>"),
                let first = lines.firstIndex(where: { !$0.allSatisfy { $0 == " " } && !$0.hasPrefix("#") })
            {
                let indent = lines[first].prefix { $0 == " " }.count
                return .error(
                    at(mark),
                    "invalid YAML: this line is not in line with the keys before it, which start at column \(indent + 1) (the front matter's keys all start at column 1)"
                )
            }
            // `title: Google: GA4 launches`: the commonest cause, and its cure; on an
            // indented line, a key indented under a plain value (it continues that value).
            if problem.contains("mapping values are not allowed") {
                let line = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
                // Quoted with typographic quotes (an editor's smart quotes), which YAML reads as text.
                let curly = line.unicodeScalars.contains { "\u{2018}\u{2019}\u{201C}\u{201D}".unicodeScalars.contains($0) }
                let cure =
                    line.first == " " || line.first == "\t"
                    ? "an indented line continues the value above it: remove its indentation, or quote the value if the ': ' is part of it"
                    : curly
                        ? "a ': ' inside a value: ‘…’ and “…” are not YAML's quotes; put the value in '…' or \"…\""
                        : "a ': ' inside a value: put the value in quotes"
                return .error(at(mark), "invalid YAML: \(problem)\(during) (\(cure))")
            }
            // A tab where YAML wants spaces: libyaml names no tab.
            let place = at(mark)
            if problem.contains("cannot start any token"), mark.line >= 1, mark.line <= lines.count,
                Array(lines[mark.line - 1].unicodeScalars).dropFirst(max(0, mark.column - 1)).first == "\t"
            {
                return .error(place, "invalid YAML: a tab here (YAML indents with spaces, never tabs)")
            }
            // libyaml's words for a tab in the indentation of a value, said as the case above.
            if problem.contains("tab character that violates indentation") {
                return .error(place, "invalid YAML: a tab in the indentation (YAML indents with spaces, never tabs)")
            }
            return .error(place, "invalid YAML: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            if let line = secondOccurrence(of: key, after: context.mark, in: yaml) {
                return .error(SourceLocation(path: path, line: line + lineOffset, column: context.mark.column), "duplicate key '\(key)'")
            }
            // In a mapping written on one line (`{ users: 1, users: 2 }`): the repeat on it.
            let column = flowOccurrence(of: key, after: context.mark, in: yaml) ?? context.mark.column
            return .error(SourceLocation(path: path, line: context.mark.line + lineOffset, column: column), "duplicate key '\(key)'")
        case .reader(let problem, _, _, _):
            return .error(.top(of: path), "invalid YAML: \(problem)")
        default:
            return .error(.top(of: path), "invalid YAML: \(error)")
        }
    }

    /// `yaml` with the entry whose key starts on `line` at `column` (both from 1) and the
    /// lines that belong to it blanked out (line numbers kept); nil when no key starts there.
    static func withoutEntry(at line: Int, column: Int, in yaml: String) -> String? {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let indent = column - 1
        func leading(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        guard (1...lines.count).contains(line), leading(lines[line - 1]) == indent,
            let first = lines[line - 1].dropFirst(indent).first, first != " ", first != "-", first != "#", first != "\t"
        else { return nil }
        lines[line - 1] = ""
        var next = line
        // Its value: the lines indented under it (blank ones between them too), or a block
        // sequence's items at its own indentation.
        func belongs(_ line: String) -> Bool {
            let spaces = leading(line)
            guard spaces < line.count else { return false }
            let rest = line.dropFirst(spaces)
            return spaces > indent || (spaces == indent && rest.first == "-") || (spaces == indent && rest.first == "\t")
        }
        while next < lines.count {
            if lines[next].allSatisfy({ $0 == " " }) {
                guard let more = lines[next...].first(where: { !$0.allSatisfy { $0 == " " } }), belongs(more) else { break }
            } else if !belongs(lines[next]) {
                break
            }
            lines[next] = ""
            next += 1
        }
        return lines.joined(separator: "\n")
    }

    /// The column (from 1) of the second `key:` on the line of `first`, in a mapping written
    /// on one line, the key quoted or not (`'a': 2`: the repeat was missed, said at the first,
    /// and the file's other problems went unfound); nil when there is none after it.
    private static func flowOccurrence(of key: String, after first: Mark, in yaml: String) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let scalars = Array(lines[first.line - 1].unicodeScalars)
        let wanted = Array(key.unicodeScalars)
        // From past the first key's first character.
        var i = max(first.column, 1)
        while i < scalars.count {
            defer { i += 1 }
            guard [" ", ",", "{"].contains(scalars[i - 1]) else { continue }
            let quote: Unicode.Scalar? = scalars[i] == "'" || scalars[i] == "\"" ? scalars[i] : nil
            var j = i + (quote == nil ? 0 : 1)
            guard j + wanted.count <= scalars.count, Array(scalars[j..<(j + wanted.count)]) == wanted else { continue }
            j += wanted.count
            if let quote {
                guard j < scalars.count, scalars[j] == quote else { continue }
                j += 1
            }
            if scalars[j...].drop(while: { $0 == " " }).first == ":" { return i + 1 }
        }
        return nil
    }

    /// `yaml` with the entry of a one-line mapping whose key starts at `column` of `line`
    /// blanked out, with the comma before it (columns kept); nil when it is none.
    static func withoutFlowEntry(at line: Int, column: Int, in yaml: String) -> String? {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard (1...lines.count).contains(line), column >= 2, column - 1 < lines[line - 1].count else { return nil }
        var text = lines[line - 1]
        guard let comma = text[..<(column - 1)].lastIndex(where: { $0 != " " }), text[comma] == "," else { return nil }
        // The value runs to the next comma or closing brace outside brackets and quotes.
        var (end, depth, quote): (Int, Int, Unicode.Scalar?) = (column - 1, 0, nil)
        while end < text.count {
            let c = text[end]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "[" || c == "{" {
                depth += 1
            } else if c == "]" || c == "}" {
                if depth == 0 { break }
                depth -= 1
            } else if c == ",", depth == 0 {
                break
            }
            end += 1
        }
        guard end < text.count else { return nil }
        for i in comma..<end { text[i] = " " }
        lines[line - 1] = text
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    /// Yams points at the first of two equal keys; a compiler points at the repeat.
    private static func secondOccurrence(of key: String, after first: Mark, in yaml: String) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = String(repeating: " ", count: max(0, first.column - 1))
        for index in first.line..<lines.count {
            let line = lines[index]
            for spelled in [key, "\"\(key)\"", "'\(key)'"] where line.hasPrefix(indent + spelled) {
                let rest = line.dropFirst(indent.count + spelled.count).drop { $0 == " " }
                if rest.hasPrefix(":") { return index + 1 }
            }
        }
        return nil
    }
}

/// A single diagnostic carried as an error out of a stage that cannot go on.
public struct DiagnosticError: Error {
    public let diagnostic: Diagnostic
    public init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
}

extension FrontMatter {
    /// The text of `[[text]]` as YAML reads it (a list holding one list of one text): what
    /// an Obsidian author wrote for a link; nil for anything else.
    static func wikiLink(_ node: Node) -> String? {
        guard case .sequence(let outer) = node, outer.count == 1, case .sequence(let inner)? = outer.first, inner.count == 1,
            case .scalar(let s)? = inner.first
        else { return nil }
        return s.string
    }
}
