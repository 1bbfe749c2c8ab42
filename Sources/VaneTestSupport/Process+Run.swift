import Foundation
import VaneDiagnostics

/// The result of running a command to completion.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs an executable with arguments in a folder, capturing both streams.
public func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String]? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let exit = try process.start()
    // Read both pipes before waiting, so a full pipe cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    // A thread of its own, not the shared pool: with the pool's threads all waiting on
    // children (tests in parallel, under `faketime`), the read could wait for a thread.
    Thread {
        errData = readToEnd(err.fileHandleForReading)
        group.leave()
    }.start()
    let outData = readToEnd(out.fileHandleForReading)
    group.wait()
    closeReadEnds(out, err)
    exit.wait()
    return CommandResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// Everything a pipe gives until its end, reading again when a signal interrupts the read:
/// Foundation's `readDataToEndOfFile()` traps on EINTR, which a busy test run meets.
private func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            data.append(contentsOf: buffer[0..<count])
        } else if count == 0 || errno != EINTR {
            return data
        }
    }
}

/// Closes what the parent reads of each pipe once it is read to its end. Foundation keeps
/// the `Process` object, and with it the pipes it was given, long after the child exits:
/// left to the pipes' deallocation, a test run held a thousand read ends open, and
/// `Process.run()` on Linux (swift-corelibs-foundation before #5472) reads past its
/// `readdir` buffer of `/proc/self/fd` once that listing fills it, and crashes.
func closeReadEnds(_ pipes: Pipe...) {
    for pipe in pipes { try? pipe.fileHandleForReading.close() }
}

/// Runs `vane` with arguments in a folder.
public func vane(_ arguments: String..., in directory: URL) throws -> CommandResult {
    try run(Repository.vane, arguments, in: directory)
}

/// Runs `vane` with a list of arguments in a folder.
public func vane(_ arguments: [String], in directory: URL) throws -> CommandResult {
    try run(Repository.vane, arguments, in: directory)
}

/// Finds an executable on PATH (or at an absolute path).
public func executable(named name: String) -> URL? {
    if name.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}
