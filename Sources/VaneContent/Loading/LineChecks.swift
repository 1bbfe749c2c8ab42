import VaneDiagnostics

/// What a file's lines show before YAML and Markdown read them, which both would misread
/// without a word: a merge left unresolved, a space that is no space to YAML, front matter
/// ended early by a second `---`, or never closed.
enum LineChecks {
    /// The lines of git's conflict markers (`<<<<<<< `, `=======`, `>>>>>>> ` in that
    /// order), outside the body's fenced code: each an error. A conflict that starts in the
    /// front matter (across its closing `---` too) is the front matter's: the file is not
    /// read further (YAML would say something else, a line later).
    static func conflicts(_ source: SourceText, path: String) -> (frontMatter: [Diagnostic], body: [Diagnostic]) {
        let front = frontMatterLines(source)
        // The whole file as one list: a conflict may run across the closing `---`.
        let lines = front + ["---"] + source.bodyLines
        var (inFront, inBody): ([Diagnostic], [Diagnostic]) = ([], [])
        for conflict in markers(lines, fencedFrom: front.count + 1) {
            let said = conflict.map {
                Diagnostic.error(
                    SourceLocation(path: path, line: $0 + source.frontMatterLineOffset + 1, column: 1),
                    "an unresolved merge conflict (git's marker): keep one side and remove the '<<<<<<<', '=======' and '>>>>>>>' lines")
            }
            if conflict[0] < front.count { inFront += said } else { inBody += said }
        }
        return (inFront, inBody)
    }

    /// Each conflict's three marker lines (indices into `lines`), when they come in order
    /// outside fenced code, which starts no sooner than `fencedFrom` (the body).
    private static func markers(_ lines: [Substring], fencedFrom: Int) -> [[Int]] {
        var found: [[Int]] = []
        var open: Int?
        var middle: Int?
        var fence: (marker: UInt8, length: Int)?
        for (i, line) in lines.enumerated() {
            // A conflict opened in the front matter runs on whatever the body holds: its
            // markers are not code (a fence it crosses is the conflict's own text).
            let inFrontConflict = open.map { $0 < fencedFrom } ?? false
            if i >= fencedFrom, !inFrontConflict {
                // Fences as the body's link scanner reads them (CommonMark's rules).
                let bytes = Array(line.utf8)
                if let opened = fence {
                    if BodyLinkScanner.closesFence(bytes, opened) { fence = nil }
                    continue
                }
                if let opening = BodyLinkScanner.opensFence(bytes) {
                    fence = opening
                    continue
                }
            }
            if line.hasPrefix("<<<<<<< ") || line == "<<<<<<<" {
                (open, middle) = (i, nil)
            } else if line == "=======", open != nil {
                middle = i
            } else if line.hasPrefix(">>>>>>> ") || line == ">>>>>>>", let start = open, let divider = middle {
                found.append([start, divider, i])
                (open, middle) = (nil, nil)
            }
        }
        return found
    }

    /// A character YAML does not read as white space where a space belongs: in a line's
    /// indentation before a key or a list item, or after a key's colon (a no-break space
    /// pasted from a web page made a key of `  example-queue`, and the event's status was
    /// lost); an invisible one where a key starts (a byte-order mark left where two files
    /// were joined). Each an error at it. Inside a value (a block of text, `|` or `>`, a
    /// paragraph opening with an ideographic space) it is the value's.
    static func oddSpaces(in source: SourceText, path: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        // The indentation of the key whose block value (`|`, `>`) the lines below belong to.
        var block: Int?
        for (i, line) in frontMatterLines(source).enumerated() {
            let scalars = Array(line.unicodeScalars)
            // A carriage return alone (not before a line feed) is a line break to YAML and none
            // to an editor: every position YAML gave after it was a line off (in a block too).
            for (at, scalar) in scalars.enumerated() where scalar == "\r" {
                found.append(
                    .error(
                        SourceLocation(path: path, line: i + 1 + source.frontMatterLineOffset, column: at + 1),
                        "a carriage return (CR) alone here, which YAML reads as a line break: remove it"))
            }
            let spaces = scalars.prefix { $0 == " " }.count
            if let open = block {
                if spaces > open || scalars.allSatisfy({ $0 == " " }) { continue }
                block = nil
            }
            for at in oddColumns(scalars) {
                found.append(
                    .error(
                        SourceLocation(path: path, line: i + 1 + source.frontMatterLineOffset, column: at + 1),
                        "\(name(of: scalars[at])!) here, which YAML does not read as a space: \(scalars[at].properties.isWhitespace ? "replace it with a space" : "remove it")"
                    ))
            }
            // `key: |`, `key: >-`, `- |`: the lines indented below are text.
            let words = line.split(separator: " ")
            if words.count > 1, let last = words.last, isBlockIndicator(last) { block = spaces }
        }
        return found
    }

    /// Where a line has an odd space (0-based): in the indentation of a key or a list item,
    /// and right after a key's colon.
    private static func oddColumns(_ scalars: [Unicode.Scalar]) -> [Int] {
        var column = 0
        while column < scalars.count, scalars[column] == " " || name(of: scalars[column]) != nil { column += 1 }
        var key = column
        while key < scalars.count, scalars[key].properties.isAlphabetic || "0123456789_-".unicodeScalars.contains(scalars[key]) { key += 1 }
        let isKey = key > column && key < scalars.count && scalars[key] == ":"
        let isItem = column < scalars.count && scalars[column] == "-" && (column + 1 == scalars.count || scalars[column + 1] == " ")
        var odd = isKey || isItem ? (0..<column).filter { scalars[$0] != " " } : []
        if isKey, key + 1 < scalars.count, name(of: scalars[key + 1]) != nil { odd.append(key + 1) }
        return odd
    }

    /// `|`, `>`, with a chomping sign or an indentation digit (`|-`, `>+2`).
    private static func isBlockIndicator(_ word: Substring) -> Bool {
        guard let first = word.first, first == "|" || first == ">", word.count <= 3 else { return false }
        return word.dropFirst().allSatisfy { "+-123456789".contains($0) }
    }

    /// How a character that looks like a space, or like nothing, is said.
    private static func name(of scalar: Unicode.Scalar) -> String? {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        switch scalar.value {
        case 0xA0: return "a no-break space (U+00A0)"
        case 0xFEFF: return "an invisible byte-order mark (U+FEFF)"
        case 0x200B: return "an invisible zero-width space (U+200B)"
        case 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return "a Unicode space (\(code))"
        default: return nil
        }
    }

    /// When YAML cannot read the front matter, at or just after a line of it that reads as
    /// prose (not a key, an item, a comment or an indented value, nor inside a bracket left
    /// open), most likely the closing `---` was left out and a `---` further down (a thematic
    /// break) closed it: said beside YAML's error.
    static func missingFence(_ source: SourceText, errorLine: Int) -> String? {
        var depth = 0
        for (i, line) in frontMatterLines(source).enumerated() {
            let fileLine = i + 1 + source.frontMatterLineOffset
            if depth == 0, readsAsProse(line) {
                // YAML may read a paragraph or two as a key before it fails (a body's usual two).
                guard errorLine >= fileLine else { return nil }
                let closedAt = source.bodyFirstLine - 1
                return
                    " (line \(fileLine) reads as text, not YAML: if the front matter ends above it, its closing '---' is missing there; the '---' on line \(closedAt) closed it)"
            }
            for c in line {
                if c == "[" || c == "{" { depth += 1 } else if c == "]" || c == "}" { depth = max(0, depth - 1) }
            }
        }
        return nil
    }

    /// An unknown key with spaces in it after a blank line (`Acme sells anvils: the best.`):
    /// most likely the body's first sentence, read as a key because the closing `---` was
    /// left out; said beside the warning, as `missingFence` says it beside YAML's error.
    static func proseAsKey(_ source: SourceText, key: String, line: Int) -> String? {
        // Before the lines are split: a key with no space is YAML (split for every unknown
        // key, 10,000 of them took 21 s).
        guard key.contains(" ") else { return nil }
        let lines = frontMatterLines(source)
        let index = line - 1 - source.frontMatterLineOffset
        guard index > 0, index < lines.count, lines[index - 1].allSatisfy(\.isWhitespace) else { return nil }
        return
            "; line \(line) reads as text, not YAML: if the front matter ends above it, its closing '---' is missing there; the '---' on line \(source.bodyFirstLine - 1) closed it"
    }

    private static func readsAsProse(_ line: Substring) -> Bool {
        guard let first = line.first, first.isLetter || first.isNumber else { return false }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let after = line[line.index(after: colon)...]
        // `key: value` or `key:`: YAML; a colon in a sentence with words before it too.
        let key = line[..<colon]
        return !(after.isEmpty || after.first == " ") || key.contains(" ") && key.split(separator: " ").count > 3
    }

    /// A body that opens with lines of `key: value` (and the lines indented under them),
    /// one of them a field of the front matter not written there, and a `---` line further
    /// down: a `---` above them ended the front matter early (the real closing one now reads
    /// as a thematic break), and what followed became text. Said at that field.
    static func frontMatterLeftInBody(_ source: SourceText, unwritten keys: Set<String>, path: String) -> Diagnostic? {
        let lines = source.bodyLines
        guard let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        var i = first
        var field: (line: Int, key: String)?
        while i < lines.count, let key = keyOrIndented(lines[i]) {
            if field == nil, let key, keys.contains(key) { field = (i, key) }
            i += 1
        }
        guard let field, lines[i...].contains(where: { $0.trimmingSuffix(" ") == "---" }) else { return nil }
        return .error(
            SourceLocation(path: path, line: source.bodyFirstLine + field.line, column: 1),
            "'\(field.key):' is a field of the front matter, but the '---' on line \(source.bodyFirstLine - 1) ended it: the rest is read as text (remove that '---', or the field here)"
        )
    }

    /// A line's key when it reads `key: value` or `key:`; `.some(nil)` for a line indented
    /// under one; nil for anything else (the body's prose begins).
    private static func keyOrIndented(_ line: Substring) -> String?? {
        if line.first == " " { return .some(nil) }
        guard let colon = line.firstIndex(of: ":"), line[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
            colon > line.startIndex
        else { return nil }
        let after = line[line.index(after: colon)...]
        return after.isEmpty || after.first == " " ? .some(String(line[..<colon])) : nil
    }

    private static func frontMatterLines(_ source: SourceText) -> [Substring] {
        source.frontMatter.split(separator: "\n", omittingEmptySubsequences: false)
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ character: Character) -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == character { end = index(before: end) }
        return self[startIndex..<end]
    }
}
