import Foundation
import VaneContent
import VaneDiagnostics

/// Template → name → the keys the contexts had where a render looked the name up and
/// found nothing.
public typealias TemplateMisses = [String: [String: Set<String>]]

/// Named templates, parsed once, rendered against `MustacheValue` trees. Partials and
/// parents are other templates of the library, by name (`partials/date`).
public struct MustacheLibrary: Sendable {
    private var templates: [String: MustacheTemplate] = [:]
    private var sources: [String: String] = [:]
    /// Partials re-read with an indentation given to every line, by name and indentation.
    private let indented = IndentedCache()
    /// The names renders looked up, found or not, by template: a theme's misspellings.
    let lookups = LookupLog()
    /// The names each page template read from the frame (the outermost of several contexts).
    let frameReads = Locked<[String: Set<String>]>([:])

    public init() {}

    /// How deep partials and parents may nest: past it a partial inside a section that is
    /// true at every level (a name an outer context has) would never end; it is cut there,
    /// and the theme told.
    static let deepestNesting = 100
    /// The partials and parents one page may render: far above the largest page's (a status
    /// board of 8,000 release cycles renders some 40,000), far below a circle's.
    static let mostInclusions = 1_000_000

    /// Parses and adds a template; a template that does not parse is an error.
    public mutating func register(_ source: String, named name: String) throws(MustacheError) {
        templates[name] = try MustacheTemplate(source)
        sources[name] = source
    }

    /// The template names, sorted.
    var names: [String] { templates.keys.sorted() }

    /// Every node of a template, depth first, with whether something may leave it
    /// unrendered: a section around it, or being a block given to a parent (which may not
    /// have that block).
    private func visit(_ name: String, _ body: (MustacheTemplate.Node, _ conditional: Bool) -> Void) {
        func walk(_ nodes: [MustacheTemplate.Node], _ conditional: Bool) {
            for node in nodes {
                body(node, conditional)
                switch node {
                case .section(_, _, let children): walk(children, true)
                case .block(_, let children, _, _): walk(children, conditional)
                case .parent(_, _, let blocks): for (_, content) in blocks.sorted(by: { $0.key < $1.key }) { walk(content.nodes, true) }
                case .text, .variable, .partial: break
                }
            }
        }
        walk(templates[name]?.nodes ?? [], false)
    }

    /// Every partial and parent a template names, wherever it is written.
    func references(of name: String) -> Set<String> {
        var found: Set<String> = []
        visit(name) { node, _ in
            if case .partial(let other, _) = node { found.insert(other) }
            if case .parent(let other, _, _) = node { found.insert(other) }
        }
        return found
    }

    /// The blocks a template fills in the parents it names (`{{<layout}}{{$content}}…`),
    /// with the parent each is given to.
    func blocksGiven(in name: String) -> [(parent: String, block: String)] {
        var given: [(parent: String, block: String)] = []
        visit(name) { node, _ in
            if case .parent(let parent, _, let blocks) = node { given += blocks.keys.sorted().map { (parent, $0) } }
        }
        return given
    }

    /// Every block a template declares, itself or through the partials and parents it
    /// renders: the blocks a child of it can fill.
    func blocksDeclared(from name: String) -> Set<String> {
        var declared: Set<String> = []
        var seen: Set<String> = [name]
        var queue = [name]
        while let next = queue.popLast() {
            visit(next) { node, _ in
                switch node {
                case .block(let block, _, _, _): declared.insert(block)
                case .partial(let other, _), .parent(let other, _, _): if seen.insert(other).inserted { queue.append(other) }
                case .text, .variable, .section: break
                }
            }
        }
        return declared
    }

    /// The partials and parents a template always renders: outside any section (a block's
    /// default content included), where nothing can stop a template that includes itself.
    func unconditionalReferences(of name: String) -> [String] {
        var found: [String] = []
        visit(name) { node, conditional in
            guard !conditional else { return }
            if case .partial(let other, _) = node { found.append(other) }
            if case .parent(let other, _, _) = node { found.append(other) }
        }
        return found
    }

    /// The source a template was registered with.
    func source(of name: String) -> String? { sources[name] }

    /// `name` rendered with `context`; nil when there is no such template.
    public func render(_ context: MustacheValue, withTemplate name: String) -> String? {
        render(stack: [context], withTemplate: name)
    }

    /// `name` rendered with a stack of contexts, the innermost last.
    public func render(stack: [MustacheValue], withTemplate name: String) -> String? {
        renderTracked(stack: stack, withTemplate: name)?.text
    }

    /// The same, with the names this render looked up that no context had (template →
    /// name → the keys the contexts had), which a build keeps by page.
    func renderTracked(stack: [MustacheValue], withTemplate name: String) -> (text: String, missed: TemplateMisses)? {
        guard let template = templates[name] else { return nil }
        var renderer = Renderer(library: self, template: name)
        var stack = stack
        renderer.render(template.nodes, &stack, blocks: [:])
        lookups.add(found: renderer.found, missed: renderer.missed)
        if stack.count > 1, !renderer.frameReads.isEmpty {
            frameReads.withLock { $0[name, default: []].formUnion(renderer.frameReads) }
        }
        return (renderer.output, renderer.missed)
    }

    fileprivate func template(_ name: String, indent: String) -> MustacheTemplate? {
        guard !indent.isEmpty else { return templates[name] }
        guard let source = sources[name] else { return nil }
        return indented.template(name, indent: indent) {
            // Every line of the partial's source starts with the indentation (not the
            // text it interpolates); a final line break gets none after it. `\r\n` is one
            // `Character`, and a line break as `\n` is (a partial saved on Windows).
            var text = indent
            for (i, c) in zip(source.indices, source) {
                text.append(c)
                if c == "\n" || c == "\r\n", source.index(after: i) != source.endIndex { text += indent }
            }
            return (try? MustacheTemplate(text)) ?? MustacheTemplate(nodes: [])
        }
    }
}

/// Which names each template looked up and whether any context had them, gathered over
/// every render of a build (renders run in parallel): a name no render ever found is one no
/// view model has.
final class LookupLog: Sendable {
    private let found = Locked<[String: Set<String>]>([:])
    private let missed = Locked<TemplateMisses>([:])
    /// Templates whose nesting was cut at `MustacheLibrary.deepestNesting`.
    let cuts = Locked<Set<String>>([])

    func cut(_ template: String) { cuts.withLock { _ = $0.insert(template) } }
    /// Whether a page rendered `MustacheLibrary.mostInclusions` partials and parents before
    /// a cut came.
    let exhausted = Locked<Bool>(false)

    /// One render's lookups, added at its end (one lock per page, not per name).
    func add(found renderFound: [String: Set<String>], missed renderMissed: TemplateMisses) {
        found.withLock { found in
            for (template, names) in renderFound { found[template, default: []].formUnion(names) }
        }
        missed.withLock { missed in
            for (template, names) in renderMissed {
                for (name, keys) in names { missed[template, default: [:]][name, default: []].formUnion(keys) }
            }
        }
    }

    /// Template → the names some render of it found.
    var foundNames: [String: Set<String>] { found.value }

    /// Template → name → the keys the contexts had where it was looked up, for names that
    /// no render found (nor one of an earlier build, `earlier`). `missed`: the misses to
    /// judge, when not this log's (those of every page of a site, some rendered earlier).
    func neverFound(earlier: [String: Set<String>] = [:], missed: TemplateMisses? = nil) -> TemplateMisses {
        let found = self.found.value.merging(earlier) { $0.union($1) }
        return (missed ?? self.missed.value).reduce(into: [:]) { result, pair in
            let kept = pair.value.filter { found[pair.key]?.contains($0.key) != true }
            if !kept.isEmpty { result[pair.key] = kept }
        }
    }
}

/// Indented partials, made once and shared by every render (renders run in parallel).
private final class IndentedCache: Sendable {
    private let cache = Locked<[String: MustacheTemplate]>([:])

    func template(_ name: String, indent: String, make: () -> MustacheTemplate) -> MustacheTemplate {
        let key = indent + "\u{0}" + name
        if let hit = cache.withLock({ $0[key] }) { return hit }
        let made = make()
        cache.withLock { $0[key] = made }
        return made
    }
}

private struct Renderer {
    let library: MustacheLibrary
    /// The template whose nodes are being rendered (a partial's own name inside it).
    var template: String
    var output = ""

    init(library: MustacheLibrary, template: String) {
        self.library = library
        self.template = template
        output.reserveCapacity(16 * 1024)
    }

    /// Names looked up by template, found by some context or by none (with the keys the
    /// contexts had), handed to the library's log when the render ends.
    var found: [String: Set<String>] = [:]
    var missed: TemplateMisses = [:]
    /// Names found in the outermost context of several (a page's frame).
    var frameReads: Set<String> = []

    /// A name's value, noting whether any context had it.
    mutating func value(_ path: MustacheTemplate.Path, _ stack: [MustacheValue]) -> MustacheValue {
        let (value, depth) = Renderer.lookup(path, in: stack)
        if let name = path.first {
            if let depth {
                found[template, default: []].insert(name)
                if depth == 0 && stack.count > 1 { frameReads.insert(name) }
                if path.count > 1 { dotted(path, from: stack[depth][name]) }
            } else {
                let keys = stack.flatMap { context -> [String] in if case .map(let m) = context { Array(m.keys) } else { [] } }
                missed[template, default: [:]][name, default: []].formUnion(keys)
            }
        }
        return value
    }

    /// A dotted name past its first part (`site.titel`): found when every part is, missed
    /// where a map lacks the next part (with that map's keys, dotted the same way) or where a
    /// text, number or truth value, which has no parts, is followed by one
    /// (`counts.events.text`). A part that is a nil optional or a list ends the walk without
    /// a verdict: the view model has the field, empty on this page.
    private mutating func dotted(_ path: MustacheTemplate.Path, from first: MustacheValue?) {
        guard var current = first else { return }
        for (i, part) in path.enumerated().dropFirst() {
            guard let next = current[part] else {
                let prefix = path[..<i].joined(separator: ".")
                switch current {
                case .map(let m): missed[template, default: [:]][prefix + "." + part, default: []].formUnion(m.keys.map { prefix + "." + $0 })
                case .string, .int, .double, .bool: missed[template, default: [:]][prefix + "." + part, default: []].formUnion([])
                case .null, .list: break
                }
                return
            }
            current = next
        }
        found[template, default: []].insert(path.joined(separator: "."))
    }

    /// Takes in the lookups of a renderer used for a block.
    mutating func merge(_ inner: Renderer) {
        frameReads.formUnion(inner.frameReads)
        for (t, names) in inner.found { found[t, default: []].formUnion(names) }
        for (t, names) in inner.missed {
            for (name, keys) in names { missed[t, default: [:]][name, default: []].formUnion(keys) }
        }
    }

    /// How deep partials and parents are nested now.
    var depth = 0

    /// How many more partials and parents one page may render, shared by the renderers of
    /// its blocks: a circle that includes a template twice at every level doubled its work
    /// at each of 100 levels, and grew by gigabytes before the depth cut it.
    final class Budget { var left = MustacheLibrary.mostInclusions }
    var budget = Budget()

    /// Renders another template's nodes (a partial, a parent) under its own name.
    mutating func render(_ nodes: [MustacheTemplate.Node], as name: String, _ stack: inout [MustacheValue], blocks: Blocks) {
        guard depth < MustacheLibrary.deepestNesting, budget.left > 0 else {
            if budget.left <= 0 { library.lookups.exhausted.withLock { $0 = true } }
            library.lookups.cut(name)
            return
        }
        budget.left -= 1
        let outer = template
        (template, depth) = (name, depth + 1)
        render(nodes, &stack, blocks: blocks)
        (template, depth) = (outer, depth - 1)
    }

    typealias Blocks = [String: MustacheTemplate.Block]

    mutating func render(_ nodes: [MustacheTemplate.Node], _ stack: inout [MustacheValue], blocks: Blocks) {
        for node in nodes {
            switch node {
            case .text(let t):
                output += t
            case .variable(let path, let escaped):
                let value = value(path, stack)
                if escaped { Renderer.escape(value.text, into: &output) } else { output += value.text }
            case .section(let path, let inverted, let children):
                let value = value(path, stack)
                if inverted {
                    if !value.isTruthy { render(children, &stack, blocks: blocks) }
                } else if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        render(children, &stack, blocks: blocks)
                        stack.removeLast()
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    render(children, &stack, blocks: blocks)
                    stack.removeLast()
                }
            case .partial(let name, let indent):
                if let partial = library.template(name, indent: indent) { render(partial.nodes, as: name, &stack, blocks: blocks) }
            case .parent(let name, let indent, let own):
                // Blocks given further out win over those given here.
                let merged = own.merging(blocks) { _, outer in outer }
                if let parent = library.template(name, indent: indent) { render(parent.nodes, as: name, &stack, blocks: merged) }
            case .block(let name, let children, let standalone, let indent):
                let given = blocks[name]
                guard standalone else {
                    if let given, given.standalone {
                        // Written on lines of its own: it loses its own indentation here too.
                        var inner = Renderer(library: library, template: template)
                        (inner.depth, inner.budget) = (depth, budget)
                        inner.render(given.nodes, &stack, blocks: blocks)
                        merge(inner)
                        Renderer.reindent(inner.output, removing: Renderer.firstIndent(inner.output), adding: "", into: &output)
                    } else {
                        render(given?.nodes ?? children, &stack, blocks: blocks)
                    }
                    continue
                }
                // A block on lines of its own: its content loses the indentation it had
                // where it was written and takes the indentation found here, that of the
                // default content's first line or else of the tag.
                let here = Renderer.leadingWhitespace(of: children) ?? indent
                var inner = Renderer(library: library, template: template)
                (inner.depth, inner.budget) = (depth, budget)
                inner.render(given?.nodes ?? children, &stack, blocks: blocks)
                merge(inner)
                let own = given.map { $0.standalone ? Renderer.firstIndent(inner.output) : "" } ?? Renderer.firstIndent(inner.output)
                Renderer.reindent(inner.output, removing: own, adding: here, into: &output)
            }
        }
    }

    /// The white space that starts the first line of some template text.
    static func leadingWhitespace(of nodes: [MustacheTemplate.Node]) -> String? {
        guard case .text(let t)? = nodes.first else { return nil }
        let indent = t.prefix { $0 == " " || $0 == "\t" }
        return indent.isEmpty ? nil : String(indent)
    }

    static func firstIndent(_ text: String) -> String { String(text.prefix { $0 == " " || $0 == "\t" }) }

    /// Each line of `text` without `removing` at its start and with `adding` instead, and a
    /// line break at its end.
    static func reindent(_ text: String, removing: String, adding: String, into output: inout String) {
        // Nothing to move (the usual case: a layout's content block): the text as it is.
        if removing.isEmpty && adding.isEmpty {
            output += text
            if !text.isEmpty && !text.hasSuffix("\n") { output += "\n" }
            return
        }
        // A body marked for its spans whose lines move is no longer the body as computed.
        let text = BodyMarks.flaggingMoved(text)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for line in lines {
            output += adding
            output += line.hasPrefix(removing) ? line.dropFirst(removing.count) : line
            output += "\n"
        }
    }

    /// A name's value: its first part is looked up from the innermost context out (the
    /// first map that has the key, even with a null value, stops the search); the other
    /// parts inside that value. `.` is the innermost context itself. `depth`: the index in
    /// the stack of the context that had the first part; nil when none had it.
    static func lookup(_ path: MustacheTemplate.Path, in stack: [MustacheValue]) -> (MustacheValue, depth: Int?) {
        guard let first = path.first else { return (stack.last ?? .null, stack.count - 1) }
        var depth = stack.count - 1
        var found: MustacheValue?
        while depth >= 0 {
            found = stack[depth][first]
            if found != nil { break }
            depth -= 1
        }
        guard var value = found else { return (.null, nil) }
        for part in path.dropFirst() {
            guard let next = value[part] else { return (.null, depth) }
            value = next
        }
        return (value, depth)
    }

    /// HTML escaping of `&`, `<`, `>`, `"` and `'`; the control characters HTML does not
    /// allow in a document (`Unicode.Scalar.isControlHTMLRefuses`, here as UTF-8 bytes) are
    /// dropped (a title may write one as a YAML escape, a commit's subject as it likes); the
    /// bidirectional controls it leaves open are closed after it (`Bidi.closers`).
    static func escape(_ text: String, into output: inout String) {
        var start = text.utf8.startIndex
        let utf8 = text.utf8
        var i = start
        while i != utf8.endIndex {
            let replacement: String?
            var length = 1
            switch utf8[i] {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            case 0x00...0x08, 0x0B, 0x0E...0x1F, 0x7F: replacement = ""
            // U+0080…U+009F: 0xC2 then 0x80…0x9F.
            case 0xC2:
                let next = utf8.index(after: i)
                if next != utf8.endIndex, (0x80...0x9F).contains(utf8[next]) {
                    (replacement, length) = ("", 2)
                } else {
                    replacement = nil
                }
            default: replacement = nil
            }
            if let replacement {
                output += text[start..<i]
                output += replacement
                start = utf8.index(i, offsetBy: length)
                i = start
                continue
            }
            i = utf8.index(after: i)
        }
        output += text[start..<utf8.endIndex]
        output += Bidi.closers(text)
    }
}

/// The escaping `{{name}}` does, for the tests that hold it to the scalar-by-scalar rule.
enum TemplateEscape {
    static func html(_ text: String) -> String {
        var out = ""
        Renderer.escape(text, into: &out)
        return out
    }
}
