import Foundation
import VaneDiagnostics

/// The `git` command, run in a knowledge base's folder. Paths and messages that come back
/// are data: they are parsed, never interpreted.
enum Git {
    typealias Failure = Command.Failure

    /// `git -C root ARGS`, its standard output; a non-zero exit is a failure with git's message.
    static func run(_ arguments: [String], in root: URL, input: Data? = nil, accepting codes: Set<Int32> = [0]) throws(Failure) -> Data {
        var environment = ProcessInfo.processInfo.environment
        // Plain, stable output whatever the user's configuration says.
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["LC_ALL"] = "C"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        // vane only reads the repository: `git status` refreshing the index takes its lock,
        // and a `git commit` made meanwhile (`vane serve` watching) failed on `index.lock`.
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        return try Command.run(["git", "-C", root.path] + arguments, environment: environment, input: input, accepting: codes)
    }

    /// The output as text, trimmed unless told not to (when blank lines carry meaning).
    static func text(_ arguments: [String], in root: URL, trimming: Bool = true, accepting codes: Set<Int32> = [0]) throws(Failure) -> String {
        let text = String(decoding: try run(arguments, in: root, accepting: codes), as: UTF8.self)
        return trimming ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
    }

    /// The contents of `rev:path` for each request (nil when missing), in one `cat-file`.
    static func blobs(_ requests: [String], in root: URL) throws(Failure) -> [Data?] {
        guard !requests.isEmpty else { return [] }
        let input = Data(requests.map { $0 + "\n" }.joined().utf8)
        let out = [UInt8](try run(["cat-file", "--batch"], in: root, input: input))
        var results: [Data?] = []
        var i = 0
        while i < out.count, results.count < requests.count {
            guard let newline = out[i...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: out[i..<newline], as: UTF8.self)
            i = newline + 1
            if header.hasSuffix(" missing") || header.hasSuffix(" ambiguous") {
                results.append(nil)
                continue
            }
            let size = Int(header.split(separator: " ").last ?? "") ?? 0
            results.append(Data(out[i..<min(i + size, out.count)]))
            i += size + 1
        }
        while results.count < requests.count { results.append(nil) }
        return results
    }
}

/// A program run to completion, found on PATH, its standard input fed from memory.
enum Command {
    struct Failure: VaneError {
        var description: String
    }

    /// Its standard output; an exit not among `codes` is a failure with what it wrote to
    /// standard error.
    static func run(_ argv: [String], environment: [String: String]? = nil, input: Data? = nil, accepting codes: Set<Int32> = [0]) throws(Failure)
        -> Data
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        if let environment { process.environment = environment }
        let output = Pipe()
        let errors = Pipe()
        let feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        let exit: Process.Exit
        do {
            exit = try process.start()
        } catch {
            throw Failure(description: "cannot run \(argv[0]) (\(error.localizedDescription))")
        }
        // Both streams read on threads of their own while the input is written, so no side
        // blocks on a full pipe (a pool could run the readers before the writer).
        let streams = ResultSlots<Data>(count: 2)
        let read = DispatchGroup()
        for (index, pipe) in [output, errors].enumerated() {
            read.enter()
            Thread {
                streams[index] = pipe.fileHandleForReading.readDataToEndOfFile()
                read.leave()
            }.start()
        }
        if let input {
            feed.fileHandleForWriting.write(input)
            try? feed.fileHandleForWriting.close()
        }
        read.wait()
        // Closed once read, not left to the pipes' deallocation, which waits for Foundation
        // to let the `Process` go (in a test run it held a thousand of them open).
        for pipe in [output, errors] { try? pipe.fileHandleForReading.close() }
        exit.wait()
        guard codes.contains(process.terminationStatus) else {
            let message = String(decoding: streams[1] ?? Data(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: message.isEmpty ? "\(argv.prefix(4).joined(separator: " ")) failed (\(process.terminationStatus))" : message)
        }
        return streams[0] ?? Data()
    }
}
