/// One problem found in the input, printed compiler-style:
/// `Content/events/x.md:4:9: error: unknown entity 'metta' (did you mean 'meta'?)`.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// Said because of the day, not of the content (a use of what has since gone): `--strict`
    /// leaves it a warning, or a pull request would fail once a day passed with nothing changed.
    public var ofTheDay: Bool?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    /// A warning the day brings (`ofTheDay`).
    public static func warningOfTheDay(_ location: SourceLocation, _ message: String) -> Diagnostic {
        var d = Diagnostic(.warning, at: location, message)
        d.ofTheDay = true
        return d
    }

    public var description: String { Self.shown("\(location): \(severity.rawValue): \(message)") }

    /// The line with what a terminal would not show as written escaped (`\u{202E}`): control
    /// characters, invisible and bidirectional formatting, line separators. A name quoted from
    /// content could reverse the rest of the line, hide itself (`acme\u{200B}` read as
    /// `acme`), or start a line of its own that reads as another diagnostic.
    static func shown(_ line: String) -> String { escaping(line, where: hidden) }

    /// Data as a terminal may show it (a table, a CSV, a dossier): control characters, which
    /// a terminal runs (`\u{1B}[2J` clears it), and the bidirectional overrides and isolates,
    /// which reverse what follows, escaped; `kept` written as they are. Other invisible
    /// characters are text (an emoji's joiner, a Persian non-joiner, a soft hyphen).
    public static func terminalSafe(_ text: String, keeping kept: Set<Unicode.Scalar> = []) -> String {
        escaping(text) { scalar in
            !kept.contains(scalar)
                && (scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
                    || (0x2066...0x2069).contains(scalar.value))
        }
    }

    /// A value shown on one line of a terminal (a table's cell, a dossier's field): as
    /// `terminalSafe`, with its line breaks and tabs written `\n`, `\r`, `\t` and the Unicode
    /// line and paragraph separators escaped, so that a value cannot start a line of its own.
    public static func oneLine(_ text: String) -> String {
        let breaking = text.unicodeScalars.contains { "\n\r\t".unicodeScalars.contains($0) || $0 == "\u{2028}" || $0 == "\u{2029}" }
        guard breaking else { return terminalSafe(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}", "\u{2029}": out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return terminalSafe(out)
    }

    /// `text` with each scalar `escaped` says written as `\u{…}`.
    private static func escaping(_ text: String, where escaped: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: escaped) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if escaped(scalar) { out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func hidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in reading order: by file, then position, errors before warnings.
    /// In the order of the files, each problem once (two settings of one status key that
    /// names an event are one mistake, said once).
    public func sortedForReport() -> [Diagnostic] {
        let sorted = sorted { a, b in
            if a.location != b.location { return a.location < b.location }
            if a.severity != b.severity { return a.severity < b.severity }
            return a.message < b.message
        }
        return sorted.indices.filter { $0 == 0 || sorted[$0] != sorted[$0 - 1] }.map { sorted[$0] }
    }

    public var errorCount: Int { filter { $0.severity == .error }.count }
    public var warningCount: Int { filter { $0.severity == .warning }.count }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// `--strict`: every warning becomes an error.
    public func promotingWarnings() -> [Diagnostic] {
        map { d in
            var d = d
            if d.severity == .warning && d.ofTheDay != true { d.severity = .error }
            return d
        }
    }

    /// The closing line of a report, e.g. `2 errors, 1 warning`.
    public var summary: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
    }
}
