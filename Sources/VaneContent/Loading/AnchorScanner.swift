/// Finds where YAML nodes start before the YAML parser sees them: anchors (`&name`) and
/// aliases (`*name`), refused, and a flow (`[`, `{`) left open, said where it opened.
///
/// Front matter never needs them, and aliases are how a few lines of YAML expand into
/// billions of nodes ("billion laughs"): the parser itself hashes alias keys, so they
/// must be refused before parsing, not after. An anchor or alias can only stand where a
/// node starts (line start, after `- `, `? `, `: `, or a flow `[`, `{`, `,`), so plain
/// text such as `Rock & Roll` or `a *b*` inside a value is never mistaken for one.
enum AnchorScanner {
    /// Line (1-based, in the YAML) and column of the first anchor or alias, if any.
    static func firstAnchor(in yaml: String) -> (line: Int, column: Int, alias: Bool)? {
        // Fast path: most front matter has neither character at all.
        guard yaml.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }) else { return nil }
        var found: (line: Int, column: Int, alias: Bool)?
        scan(yaml) { event in
            guard case .nodeStart(let c, let line, let column) = event, c == "&" || c == "*" else { return true }
            found = (line, column, c == "*")
            return false
        }
        return found
    }

    /// The first `[` or `{` that nothing closes (line and column, 1-based, in the YAML): where
    /// a flow left open opened, which libyaml names only as where it gave up.
    static func unclosedFlow(in yaml: String) -> (bracket: Character, line: Int, column: Int)? {
        var open: [(bracket: Character, line: Int, column: Int)] = []
        scan(yaml) { event in
            switch event {
            case .open(let c, let line, let column): open.append((c, line, column))
            case .close: _ = open.popLast()
            case .nodeStart: break
            }
            return true
        }
        return open.first
    }

    /// What the scan tells: the first character of a node (line, column), a flow opened, a
    /// flow closed.
    enum Event {
        case nodeStart(Character, Int, Int)
        case open(Character, Int, Int)
        case close
    }

    /// Walks the YAML as its parser would find where nodes start, through quotes (across
    /// lines, with `\` and `''`), comments, block scalars and flows; `visit` returns false
    /// to stop.
    static func scan(_ yaml: String, _ visit: (Event) -> Bool) {
        var quote: Character?
        var flowDepth = 0
        var blockIndent: Int?
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(line)
            let indent = chars.prefix { $0 == " " }.count
            if let block = blockIndent {
                if chars.allSatisfy({ $0 == " " }) || indent > block { continue }
                blockIndent = nil
            }
            var atNodeStart = quote == nil
            var i = 0
            while i < chars.count {
                let c = chars[i]
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                if let q = quote {
                    if q == "\"" && c == "\\" {
                        i += 2
                        continue
                    }
                    if c == q {
                        if q == "'" && next == "'" {
                            i += 2
                            continue
                        }
                        quote = nil
                    }
                    i += 1
                    continue
                }
                if c == " " || c == "\t" {
                    i += 1
                    continue
                }
                if c == "#" && (i == 0 || chars[i - 1] == " " || chars[i - 1] == "\t") { break }
                let spaceAfter = next == nil || next == " " || next == "\t"
                if atNodeStart {
                    guard visit(.nodeStart(c, index + 1, i + 1)) else { return }
                    switch c {
                    case "-" where spaceAfter, "?" where spaceAfter:
                        i += 1
                        continue
                    case "!":
                        while i < chars.count, chars[i] != " " { i += 1 }
                        continue
                    case "\"", "'":
                        quote = c
                        atNodeStart = false
                    case "[", "{":
                        flowDepth += 1
                        guard visit(.open(c, index + 1, i + 1)) else { return }
                    case "|", ">":
                        blockIndent = indent
                        atNodeStart = false
                    default:
                        atNodeStart = false
                    }
                    i += 1
                    continue
                }
                switch c {
                case ":" where spaceAfter || (flowDepth > 0 && (next == "," || next == "]" || next == "}")):
                    atNodeStart = true
                case "," where flowDepth > 0:
                    atNodeStart = true
                case "[" where flowDepth > 0, "{" where flowDepth > 0:
                    flowDepth += 1
                    atNodeStart = true
                    guard visit(.open(c, index + 1, i + 1)) else { return }
                case "]" where flowDepth > 0, "}" where flowDepth > 0:
                    flowDepth -= 1
                    guard visit(.close) else { return }
                default:
                    break
                }
                i += 1
            }
        }
    }
}
