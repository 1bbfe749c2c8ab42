import VaneDiagnostics

/// Mustache templates (https://mustache.github.io/mustache.5.html) parsed once into a tree:
/// variables, sections, inverted sections, comments, partials, set delimiters, and
/// template inheritance (parents and blocks), with the specification's rules for
/// standalone lines and indentation. Lambdas and dynamic names are not supported.
struct MustacheTemplate: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(Path, escaped: Bool)
        case section(Path, inverted: Bool, [Node])
        /// `indent` is the whitespace before a standalone tag, given to each line.
        case partial(String, indent: String)
        case parent(String, indent: String, blocks: [String: Block])
        /// `standalone`: the opening tag stood on a line of its own (with `indent` before it).
        case block(String, [Node], standalone: Bool, indent: String)
    }

    /// A block's content as a child template gives it to a parent.
    struct Block: Sendable {
        var nodes: [Node]
        /// Given on lines of its own: its lines are reindented where it is expanded.
        var standalone: Bool
    }

    /// A name, split at its dots; empty for `.`, the current item.
    typealias Path = [String]

    let nodes: [Node]

    init(_ source: String) throws(MustacheError) {
        nodes = try MustacheParser(source).parse()
    }

    init(nodes: [Node]) { self.nodes = nodes }

    /// Every tag of a source with its sigil (` ` for a plain variable), name, line and
    /// column (of its opening delimiter), for checks that name a position; empty when the
    /// source does not parse.
    static func tags(in source: String) -> [(kind: Character, name: String, line: Int, column: Int)] {
        guard let tokens = try? MustacheParser(source).tokenize() else { return [] }
        return tokens.compactMap { token in
            guard case .tag(let kind, let name, let at, _, _) = token, !name.isEmpty else { return nil }
            return (kind, name, at.line, at.column)
        }
    }
}

extension MustacheTemplate {
    /// What a page writes inside a parent (`{{<layout}}`) outside every block: the spec
    /// renders none of it (a Hugo author's banner above `{{$content}}` vanished). Each parent
    /// with such text or tags once, at the first such tag, else at the parent's own tag.
    static func outsideBlocks(in source: String) -> [(parent: String, line: Int, column: Int)] {
        guard let tokens = try? MustacheParser(source).tokenize() else { return [] }
        // By scalars: "\r\n" is one Character, and a split by characters kept such lines together.
        let lines = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        var open: [(kind: Character, name: String, line: Int, column: Int, said: Bool)] = []
        var found: [(parent: String, line: Int, column: Int)] = []
        func strayInParent(line: Int?, column: Int?) {
            guard let top = open.last, top.kind == "<", !top.said else { return }
            open[open.count - 1].said = true
            found.append((top.name, line ?? top.line, column ?? top.column))
        }
        // Text has no position of its own: its line is counted, and its column found on
        // that line after the last tag there.
        var (line, after) = (1, 0)
        for token in tokens {
            switch token {
            case .text(let text):
                guard open.last?.kind == "<", let first = text.unicodeScalars.firstIndex(where: { !$0.properties.isWhitespace }) else { break }
                let scalars = line <= lines.count ? Array(lines[line - 1]) : []
                let want = Array(text.unicodeScalars)
                let start = (after..<max(after, scalars.count - want.count + 1)).first { Array(scalars[$0..<($0 + want.count)]) == want }
                let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: first)
                strayInParent(line: start == nil ? nil : line, column: start.map { $0 + offset + 1 })
            case .newline: (line, after) = (line + 1, 0)
            case .tag(let kind, let name, let at, _, _):
                after = at.column
                switch kind {
                case "!", "=": break
                case "/": if !open.isEmpty { open.removeLast() }
                case "$", "#", "^", "<":
                    if kind != "$" { strayInParent(line: at.line, column: at.column) }
                    open.append((kind, name, at.line, at.column, false))
                default: strayInParent(line: at.line, column: at.column)
                }
            }
        }
        return found
    }
}

/// Why a template does not parse, with where: the line, and the column (in Unicode
/// scalars, as every other position) of the tag it is about.
public struct MustacheError: VaneError {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// Tokens first, then standalone lines, then the tree.
private struct MustacheParser {
    enum Token {
        case text(String)
        case newline(String)
        /// `kind` is the sigil (`#`, `^`, `/`, `!`, `>`, `<`, `$`, `=`, `&`, `{`) or a space
        /// for a plain variable.
        case tag(kind: Character, name: String, at: Position, indent: String, standalone: Bool)
    }

    /// Where a tag starts: its line, and its column on it.
    struct Position { var line: Int, column: Int }

    let source: String
    init(_ source: String) { self.source = source }

    func parse() throws(MustacheError) -> [MustacheTemplate.Node] {
        var tokens = try tokenize()
        markStandalone(&tokens)
        var position = 0
        let nodes = try build(&tokens, &position, closing: nil)
        return nodes
    }

    // MARK: - Tokens

    func tokenize() throws(MustacheError) -> [Token] {
        var tokens: [Token] = []
        var open = "{{"
        var close = "}}"
        var rest = Substring(source)
        var line = 1
        // Where the current line starts in `source` (substrings share its indices).
        var lineStart = source.startIndex
        func addText(_ text: Substring) {
            var piece = text
            // Scalars, not characters: "\r\n" is one Character in Swift.
            while let newline = piece.unicodeScalars.firstIndex(of: "\n") {
                var before = piece[..<newline]
                var ending = "\n"
                if before.unicodeScalars.last == "\r" {
                    before = Substring(before.unicodeScalars.dropLast())
                    ending = "\r\n"
                }
                if !before.isEmpty { tokens.append(.text(String(before))) }
                tokens.append(.newline(ending))
                line += 1
                lineStart = piece.unicodeScalars.index(after: newline)
                piece = Substring(piece.unicodeScalars[lineStart...])
            }
            if !piece.isEmpty { tokens.append(.text(String(piece))) }
        }
        while let start = rest.range(of: open) {
            addText(rest[..<start.lowerBound])
            let at = Position(line: line, column: source.unicodeScalars.distance(from: lineStart, to: start.lowerBound) + 1)
            func error(_ message: String) -> MustacheError { MustacheError(line: at.line, column: at.column, message: message) }
            var after = rest[start.upperBound...]
            var kind: Character = " "
            var closing = close
            if open == "{{" && after.hasPrefix("{") {
                kind = "{"
                closing = "}" + close
                after = after.dropFirst()
            }
            guard let end = after.range(of: closing) else {
                throw error("unclosed tag '\(open)' (no '\(closing)')")
            }
            var content = after[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            // A tag left open runs into the next one (`{{bad … {{/type}}`): say so, not
            // that the next one's name closes nothing.
            if !content.hasPrefix("!"), content.contains(open) {
                throw error("tag '\(open)' not closed ('\(closing)' missing) before the next '\(open)'")
            }
            rest = after[end.upperBound...]
            if kind == " ", let first = content.first, "#^/!><$=&".contains(first) {
                kind = first
                content = String(content.dropFirst())
                if kind == "=" {
                    guard content.hasSuffix("=") else { throw error("a delimiter change must end with '='") }
                    let parts = content.dropLast().split(whereSeparator: \.isWhitespace)
                    guard parts.count == 2 else { throw error("a delimiter change needs two delimiters") }
                    (open, close) = (String(parts[0]), String(parts[1]))
                }
                content = content.trimmingCharacters(in: .whitespaces)
            }
            // A tag with no name is a name deleted while editing (`{{.}}` is the current item).
            if content.isEmpty && kind != "!" && kind != "=" {
                throw error("empty tag '\(open)\(kind == " " ? "" : String(kind))\(closing)': a name goes inside it")
            }
            tokens.append(.tag(kind: kind, name: kind == "!" || kind == "=" ? "" : content, at: at, indent: "", standalone: false))
            if kind == "!", let last = after[..<end.lowerBound].unicodeScalars.lastIndex(of: "\n") {
                line += content.filter { $0 == "\n" }.count
                lineStart = after.unicodeScalars.index(after: last)
            }
        }
        addText(rest)
        return tokens
    }

    // MARK: - Standalone lines

    /// A line holding only section, inverted section, closing, comment, partial, parent,
    /// block or delimiter tags (one, or an opening and its closing) and otherwise white
    /// space is removed whole; its first tag keeps the indentation before it (partials and
    /// parents indent their lines with it).
    private func markStandalone(_ tokens: inout [Token]) {
        var lineStart = 0
        var i = 0
        while i <= tokens.count {
            let atEnd = i == tokens.count
            guard atEnd || { if case .newline = tokens[i] { return true } else { return false } }() else {
                i += 1
                continue
            }
            var tags: [Int] = []
            var standalone = true
            var indent = ""
            for j in lineStart..<i {
                switch tokens[j] {
                case .text(let t):
                    if !t.allSatisfy({ $0 == " " || $0 == "\t" }) { standalone = false } else if tags.isEmpty { indent += t }
                case .tag(let kind, _, _, _, _):
                    if !"#^/!><$=".contains(kind) { standalone = false }
                    tags.append(j)
                case .newline: break
                }
            }
            if standalone, let first = tags.first {
                for t in tags {
                    if case .tag(let kind, let name, let at, _, _) = tokens[t] {
                        tokens[t] = .tag(kind: kind, name: name, at: at, indent: t == first ? indent : "", standalone: true)
                    }
                }
                // Keep the tags; drop the white space and the line break.
                let removeEnd = atEnd ? i : i + 1
                let kept = tags.map { tokens[$0] }
                tokens.replaceSubrange(lineStart..<removeEnd, with: kept)
                i = lineStart + kept.count
                lineStart = i
                continue
            }
            i += 1
            lineStart = i
        }
    }

    // MARK: - Tree

    /// The nodes up to the tag that closes `closing` (opened at `opened`), or the end.
    /// `open`: the sections open around it, innermost last.
    private func build(
        _ tokens: inout [Token], _ position: inout Int, closing: String?, opened: Position = Position(line: 0, column: 0), open: [String] = []
    )
        throws(MustacheError)
        -> [MustacheTemplate.Node]
    {
        var nodes: [MustacheTemplate.Node] = []
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            switch token {
            case .text(let t), .newline(let t):
                if case .text(let last)? = nodes.last {
                    nodes[nodes.count - 1] = .text(last + t)
                } else {
                    nodes.append(.text(t))
                }
            case .tag(let kind, let name, let at, let indent, let standalone):
                switch kind {
                case "!", "=": continue
                case "/":
                    guard name == closing else {
                        // A tag that closes nothing open is the mistake: said where it is.
                        guard let closing else {
                            throw MustacheError(line: at.line, column: at.column, message: "'\(name)' closes nothing open")
                        }
                        // Inside a section that nothing closes later, said where that one opened:
                        // one of the two names is most likely the other mistyped (`{{$contnet}}`
                        // … `{{/content}}`). With its close to come, the stray tag is the mistake.
                        let closedLater = tokens[position...].contains {
                            if case .tag("/", closing, _, _, _) = $0 { return true } else { return false }
                        }
                        guard open.contains(name) || closedLater else {
                            let typo = Suggestion.closest(to: name, in: [closing]) != nil ? " (one of the two names is mistyped)" : ""
                            throw MustacheError(
                                line: opened.line, column: opened.column,
                                message: "'\(closing)' is never closed: '{{/\(name)}}' on line \(at.line) closes nothing open\(typo)")
                        }
                        guard open.contains(name) else {
                            throw MustacheError(line: at.line, column: at.column, message: "'\(name)' closes nothing open")
                        }
                        // Else the section left open inside the one it closes: said where it opened.
                        throw MustacheError(
                            line: opened.line, column: opened.column,
                            message: "section '\(closing)' is never closed: '{{/\(name)}}' on line \(at.line) comes first")
                    }
                    return nodes
                case "#", "^":
                    let children = try build(&tokens, &position, closing: name, opened: at, open: open + [name])
                    nodes.append(.section(MustacheParser.path(name), inverted: kind == "^", children))
                case ">":
                    nodes.append(.partial(name, indent: indent))
                case "<":
                    let children = try build(&tokens, &position, closing: name, opened: at, open: open + [name])
                    var blocks: [String: MustacheTemplate.Block] = [:]
                    for case .block(let block, let content, let standalone, _) in children {
                        blocks[block] = MustacheTemplate.Block(nodes: content, standalone: standalone)
                    }
                    nodes.append(.parent(name, indent: indent, blocks: blocks))
                case "$":
                    let children = try build(&tokens, &position, closing: name, opened: at, open: open + [name])
                    nodes.append(.block(name, children, standalone: standalone, indent: indent))
                case "&", "{":
                    nodes.append(.variable(MustacheParser.path(name), escaped: false))
                default:
                    nodes.append(.variable(MustacheParser.path(name), escaped: true))
                }
            }
        }
        if let closing { throw MustacheError(line: opened.line, column: opened.column, message: "section '\(closing)' is never closed") }
        return nodes
    }

    static func path(_ name: String) -> MustacheTemplate.Path {
        name == "." ? [] : name.split(separator: ".").map(String.init)
    }
}
