import Foundation
import Testing
import VaneContent
import VaneTestSupport

@testable import VaneSite

/// Escaping on UTF-8 bytes, against the scalar-by-scalar rule it implements, with every
/// table the site escapes with (HTML, XML, iCalendar, JSON in scripts).
struct EscapeTests {
    /// Scalars of one to four octets, each table's special ones among them.
    static let scalars: [Unicode.Scalar] = [
        "a", " ", "&", "<", ">", "\"", "'", "\\", ";", ",", "\n", "\r", "\t", "\u{C}", "\u{0}", "\u{8}", "\u{B}", "\u{1F}", "\u{7F}", "\u{85}",
        "\u{9F}", "\u{A0}", "é", "€", "中",
        "\u{A9}", "\u{2028}", "\u{2029}", "\u{E000}", "\u{E001}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "🦙", "𝄞",
    ]

    static let escapes: [(String, @Sendable (String) -> String)] = [
        ("HTML", HTML.escape), ("template", TemplateEscape.html), ("XML", XML.escape), ("iCalendar", CalendarFeed.escape),
        ("script JSON", { ScriptJSON.encode(["k": $0]) }),
    ]

    @Test(arguments: 0..<escapes.count)
    func bytesAreEscapedAsScalarsAre(_ table: Int) {
        let (name, escape) = Self.escapes[table]
        var random = SplitMix64(seed: 1_867 + UInt64(table))
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<random.next(below: 40) { text.unicodeScalars.append(random.pick(Self.scalars)) }
            #expect(escape(text) == Self.byScalars(text, name: name), "\(name): \(text.debugDescription)")
        }
    }

    /// The rule: each scalar replaced by what the table says, or kept.
    static func byScalars(_ text: String, name: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if let r = replacement(c, name: name) { out += r } else { out.unicodeScalars.append(c) }
        }
        return name == "script JSON" ? "{\"k\":\"\(out)\"}" : out
    }

    private static func replacement(_ c: Unicode.Scalar, name: String) -> String? {
        switch name {
        case "HTML":
            switch c {
            case "\u{E000}", "\u{E001}": return "\u{FFFD}"
            case "\u{0}"..."\u{8}", "\u{B}", "\u{E}"..."\u{1F}", "\u{7F}"..."\u{9F}": return ""
            default: return Escape.markup(c, apostrophe: "&#39;")
            }
        case "template":
            // `{{name}}`: as HTML, but the placeholders' marks are the body's business alone.
            return c.isControlHTMLRefuses ? "" : Escape.markup(c, apostrophe: "&#39;")
        case "XML":
            switch c {
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": return ""
            default: return Escape.markup(c, apostrophe: "&apos;")
            }
        case "iCalendar":
            switch c {
            case "\\": return "\\\\"
            case ";": return "\\;"
            case ",": return "\\,"
            case "\n": return "\\n"
            case "\r", "\u{0}"..."\u{8}", "\u{B}"..."\u{1F}", "\u{7F}": return ""
            default: return nil
            }
        default:
            switch c {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            case "\u{8}": return "\\b"
            case "\u{C}": return "\\f"
            case "<": return "\\u003c"
            case ">": return "\\u003e"
            case "&": return "\\u0026"
            case "\u{2028}": return "\\u2028"
            case "\u{2029}": return "\\u2029"
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}":
                let hex = String(c.value, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: return nil
            }
        }
    }
}

/// The not-found page inlines the stylesheet: its relative `url(…)`s start at the assets'
/// folder there (a theme's image resolved against whatever address was asked for).
struct InlinedStylesheetTests {
    @Test func relativeURLsStartAtTheAssets() {
        let css =
            #"a{background:url(img/logo.svg)}b{src:url("fonts/x.woff2") url('y.png')}c{u:url(/abs.png) url(data:x) url(https://e.org/z.png) url(#f)}"#
        #expect(
            SiteModel.rebased(css, to: "https://example.org/intel/assets/")
                == #"a{background:url(https://example.org/intel/assets/img/logo.svg)}b{src:url("https://example.org/intel/assets/fonts/x.woff2") url('https://example.org/intel/assets/y.png')}c{u:url(/abs.png) url(data:x) url(https://e.org/z.png) url(#f)}"#
        )
        #expect(SiteModel.rebased("p{color:red}", to: "/assets/") == "p{color:red}")
    }
}

/// "Also known as" names each alias once, whatever its case.
struct AlsoKnownAsTests {
    @Test func eachNameOnce() {
        #expect(SiteModel.namesOnce(["gemini-chatbot", "Bard", "bard"]) == "gemini-chatbot, Bard")
        #expect(SiteModel.namesOnce([]) == nil)
    }
}
