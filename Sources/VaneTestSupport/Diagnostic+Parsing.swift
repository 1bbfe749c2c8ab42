import Foundation
import VaneDiagnostics

extension Diagnostic {
    /// Reads a line as `vane` prints it, `path:line:column: severity: message`; nil for any
    /// other line (a summary, or a failure without a position).
    public init?(parsing line: String) {
        let parts = line.split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, let lineNumber = Int(parts[1]), let column = Int(parts[2]),
            let severity = Severity(rawValue: parts[3].trimmingCharacters(in: .whitespaces))
        else { return nil }
        self.init(severity, at: SourceLocation(path: String(parts[0]), line: lineNumber, column: column), String(parts[4].dropFirst()))
    }
}
