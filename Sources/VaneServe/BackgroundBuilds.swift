import Foundation
import VaneBuild
import VaneDiagnostics

/// Builds the output folder and the database in the background once edits pause, so
/// that what `vane serve` shows from memory is also on disk (and for `vane query`).
final class BackgroundBuilds: @unchecked Sendable {
    private let condition = NSCondition()
    /// When the last request came; nil when none is waiting. Guarded by `condition`.
    private var requested: Date?
    /// Whether a build runs now. Guarded by `condition`.
    private var running = false
    private let quiet: TimeInterval

    /// Whether an edit is not in the output yet: a build waits for edits to pause, or runs.
    var behind: Bool {
        condition.lock()
        defer { condition.unlock() }
        return requested != nil || running
    }

    /// `run` builds; it is called on a thread of its own, one build at a time, once no
    /// request has come for `quiet` seconds.
    init(quiet: TimeInterval, run: @escaping @Sendable () -> Void) {
        self.quiet = quiet
        let thread = Thread { [unowned self] in
            while true {
                self.waitUntilDue()
                run()
                self.condition.lock()
                self.running = false
                self.condition.unlock()
            }
        }
        thread.start()
    }

    func request() {
        condition.lock()
        requested = Date()
        condition.signal()
        condition.unlock()
    }

    /// A request that does not put off one already waiting (asked on every page served,
    /// it would put the build off for as long as pages were asked for).
    func requestUnlessWaiting() {
        condition.lock()
        if requested == nil { requested = Date() }
        condition.signal()
        condition.unlock()
    }

    private func waitUntilDue() {
        condition.lock()
        defer { condition.unlock() }
        while true {
            guard let last = requested else {
                condition.wait()
                continue
            }
            let due = last.addingTimeInterval(quiet)
            if Date() >= due {
                (requested, running) = (nil, true)
                return
            }
            _ = condition.wait(until: due)
        }
    }
}

/// `vane build` in a process of its own at the lowest priority, so that the preview's
/// loads keep the processor while the output folder and the database catch up.
struct ChildBuild: Sendable {
    /// The `vane` executable.
    let executable: URL
    let options: Pipeline.Options

    /// Whether the build succeeded, and what it printed.
    func run() -> (succeeded: Bool, report: String) {
        let process = Process()
        let arguments = ["build", "--root", options.root.path, "--db", options.database.path, "--out", options.output.path]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/nice") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
            process.arguments = ["-n", "19", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        let exit: Process.Exit
        do {
            exit = try process.start()
        } catch {
            return (false, "error: cannot start \(executable.path): \(error)\n")
        }
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Closed once read, not left to the pipe's deallocation (see `Command.run`).
        try? pipe.fileHandleForReading.close()
        exit.wait()
        return (process.terminationStatus == 0, report)
    }
}
