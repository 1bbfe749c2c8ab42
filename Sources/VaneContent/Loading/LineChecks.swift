import VaneDiagnostics

/// What a file's lines show before YAML and Markdown read them, which both would misread
/// without a word: a merge left unresolved, a space that is no space to YAML, front matter
/// ended early by a second `---`.
enum LineChecks {
    /// The lines of git's conflict markers (`<<<<<<< `, `=======`, `>>>>>>> ` in that
    /// order), outside fenced code: each an error. In the front matter the file is not read
    /// further (YAML would say something else, a line later).
    static func conflicts(_ source: SourceText, path: String) -> (frontMatter: [Diagnostic], body: [Diagnostic]) {
        let front = source.frontMatter.split(separator: "\n", omittingEmptySubsequences: false)
        let inFront = markers(front, firstLine: source.frontMatterLineOffset + 1, fenced: false)
        let inBody = markers(source.bodyLines, firstLine: source.bodyFirstLine, fenced: true)
        func said(_ lines: [Int]) -> [Diagnostic] {
            lines.map {
                .error(
                    SourceLocation(path: path, line: $0, column: 1),
                    "an unresolved merge conflict (git's marker): keep one side and remove the '<<<<<<<', '=======' and '>>>>>>>' lines")
            }
        }
        // A conflict across the closing '---' is one conflict: its markers are said together.
        let whole = markers(front + ["---"] + source.bodyLines, firstLine: source.frontMatterLineOffset + 1, fenced: false)
        if inFront.isEmpty && inBody.isEmpty && !whole.isEmpty { return (said(whole), []) }
        return (said(inFront), said(inBody))
    }

    /// The line numbers of a conflict's markers, when the three come in order.
    private static func markers(_ lines: [Substring], firstLine: Int, fenced: Bool) -> [Int] {
        var found: [Int] = []
        var open: Int?
        var middle: Int?
        var fence: Substring?
        for (i, line) in lines.enumerated() {
            if fenced, let mark = fenceMark(line) {
                if fence == nil { fence = mark } else if line.hasPrefix(fence!) { fence = nil }
                continue
            }
            guard fence == nil else { continue }
            if line.hasPrefix("<<<<<<< ") || line == "<<<<<<<" {
                (open, middle) = (i, nil)
            } else if line == "=======", open != nil {
                middle = i
            } else if line.hasPrefix(">>>>>>> ") || line == ">>>>>>>", let start = open, let divider = middle {
                found += [start, divider, i].map { $0 + firstLine }
                (open, middle) = (nil, nil)
            }
        }
        return found
    }

    private static func fenceMark(_ line: Substring) -> Substring? {
        let trimmed = line.drop { $0 == " " }
        guard line.count - trimmed.count < 4 else { return nil }
        for mark in ["```", "~~~"] where trimmed.hasPrefix(mark) { return trimmed.prefix { $0 == mark.first } }
        return nil
    }

    /// A character YAML does not read as white space where a space belongs: among a line's
    /// indentation, or after a key's colon (a no-break space pasted from a web page made a
    /// key of `  example-queue`, and the event's status was lost); an invisible one where a
    /// key starts (a byte-order mark left where two files were joined). Each an error at it.
    static func oddSpaces(in frontMatter: String, lineOffset: Int, path: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (i, line) in frontMatter.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            var column = 0
            // The indentation, then a plain key and its colon.
            while column < scalars.count, scalars[column] == " " || name(of: scalars[column]) != nil { column += 1 }
            var odd = (0..<column).filter { scalars[$0] != " " }
            var key = column
            while key < scalars.count, scalars[key].properties.isAlphabetic || "0123456789_-".unicodeScalars.contains(scalars[key]) {
                key += 1
            }
            if key > column, key + 1 < scalars.count, scalars[key] == ":", name(of: scalars[key + 1]) != nil { odd.append(key + 1) }
            for at in odd {
                found.append(
                    .error(
                        SourceLocation(path: path, line: i + 1 + lineOffset, column: at + 1),
                        "\(name(of: scalars[at])!) here, which YAML does not read as a space: \(scalars[at].properties.isWhitespace ? "replace it with a space" : "remove it")"
                    ))
            }
        }
        return found
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

    /// When YAML cannot read the front matter and a line of it reads as prose (not a key,
    /// an item, a comment or an indented value), most likely the closing `---` was left
    /// out and a `---` further down (a thematic break) closed it: said beside YAML's error.
    static func missingFence(_ source: SourceText) -> String? {
        let lines = source.frontMatter.split(separator: "\n", omittingEmptySubsequences: false)
        guard let prose = lines.firstIndex(where: readsAsProse) else { return nil }
        let closedAt = source.bodyFirstLine - 1
        return
            " (line \(prose + 1 + source.frontMatterLineOffset) reads as text, not YAML: if the front matter ends above it, its closing '---' is missing there; the '---' on line \(closedAt) closed it)"
    }

    private static func readsAsProse(_ line: Substring) -> Bool {
        guard let first = line.first, first.isLetter || first.isNumber else { return false }
        guard let colon = line.firstIndex(of: ":") else { return true }
        let after = line[line.index(after: colon)...]
        // `key: value` or `key:`: YAML; a colon in a sentence with words before it too.
        let key = line[..<colon]
        return !(after.isEmpty || after.first == " ") || key.contains(" ") && key.split(separator: " ").count > 3
    }

    /// A body whose first line is a key of the front matter (`status:`): a `---` above it
    /// ended the front matter early, and what followed became text (a setext heading).
    static func frontMatterLeftInBody(_ source: SourceText, keys: Set<String>, path: String) -> Diagnostic? {
        guard let i = source.bodyLines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let line = source.bodyLines[i]
        guard let colon = line.firstIndex(of: ":"), case let key = String(line[..<colon]), keys.contains(key) else { return nil }
        let after = line[line.index(after: colon)...]
        guard after.isEmpty || after.first == " " else { return nil }
        return .error(
            SourceLocation(path: path, line: source.bodyFirstLine + i, column: 1),
            "'\(key):' is a field of the front matter, but the '---' on line \(source.bodyFirstLine - 1) ended it: the rest is read as text (remove that '---', or the field here)"
        )
    }
}
