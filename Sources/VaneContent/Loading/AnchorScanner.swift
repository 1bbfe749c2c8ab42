/// Finds YAML anchors (`&name`) and aliases (`*name`) before the YAML parser sees them.
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
                    switch c {
                    case "&", "*":
                        return (index + 1, i + 1, c == "*")
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
                case "]" where flowDepth > 0, "}" where flowDepth > 0:
                    flowDepth -= 1
                default:
                    break
                }
                i += 1
            }
        }
        return nil
    }
}
