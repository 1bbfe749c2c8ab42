import VaneContent

/// Escaping for XML text and attributes (Atom, sitemap).
enum XML {
    static func escape(_ s: String) -> String {
        Escape.map(s) { c in
            switch c {
            // Characters XML 1.0 forbids are dropped.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": ""
            default: Escape.markup(c, apostrophe: "&apos;")
            }
        } + Bidi.closers(s)
    }
}
