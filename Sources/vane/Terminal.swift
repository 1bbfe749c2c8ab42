import Foundation
import VaneDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// Colour and progress, only for a person at a terminal: never when standard error is a
/// file or a pipe, and never when `NO_COLOR` is set (https://no-color.org).
enum Terminal {
    static let interactive = isatty(STDERR_FILENO) == 1
    static let colours = interactive && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    /// `path:line:col: error: …` with the severity in red (errors) or yellow (warnings).
    static func colour(_ d: Diagnostic) -> String {
        guard colours else { return d.description }
        let code = d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36"
        return "\u{1B}[1m\(d.location):\u{1B}[0m \u{1B}[\(code)m\(d.severity.rawValue):\u{1B}[0m \(d.message)"
    }

    /// Shows the current phase of a long task on one line, from its second second on.
    final class Progress: Sendable {
        private struct State {
            var phase = "starting"
            var done = false
            var shown = false
        }
        private let state = Locked(State())
        private let label: String

        init(_ label: String = "building") {
            self.label = label
            guard Terminal.interactive else { return }
            Thread.detachNewThread { [weak self] in
                Thread.sleep(forTimeInterval: 1)
                while let self, self.tick() { Thread.sleep(forTimeInterval: 0.25) }
            }
        }

        func update(_ phase: String) { state.withLock { $0.phase = phase } }

        private func tick() -> Bool {
            state.withLock { state in
                guard !state.done else { return false }
                StandardStreams.error("\r\u{1B}[K\(label): \(state.phase)…")
                state.shown = true
                return true
            }
        }

        /// Clears the line before the final report.
        func finish() {
            state.withLock { state in
                state.done = true
                if state.shown { StandardStreams.error("\r\u{1B}[K") }
            }
        }
    }
}
