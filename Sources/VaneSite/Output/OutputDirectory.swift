import CVaneSystem
import Foundation
import VaneDiagnostics

#if canImport(Glibc)
    import Glibc
#endif

/// A site is written into a staging folder beside the output, then swapped in with one
/// atomic exchange; a build that fails before the swap leaves the output as it was.
public struct OutputDirectory: Sendable {
    public let target: URL
    public let staging: URL
    /// The two folders' paths, to which a file's path is joined as text: a build writes
    /// or keeps 20,000 files, and appending to a `URL` was 3% of the samples of a build
    /// that adds one event.
    private let targetPath: String
    private let stagingPath: String
    /// Files written into the staging folder (not kept from the last build).
    public let written = Locked(0)

    /// Folders created once before pages are written, so writing a page needs no `mkdir`.
    static let knownFolders: Set<String> = [
        "entities", "events", "claims", "sources", "assets", "status", "feeds", "feeds/entities", "api", "api/v1", "api/v1/entities", "search",
    ]

    public init(target: URL) throws(OutputError) {
        self.target = target.standardizedFileURL
        let parent = self.target.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(self.target.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        targetPath = self.target.path
        stagingPath = staging.path
        try? FileManager.default.removeItem(at: staging)
        for folder in [""] + Self.knownFolders {
            let url = staging.appendingPathComponent(folder)
            try OutputError.wrap("create the folder", url.path) {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            }
        }
    }

    /// Writes `data` at `path` (relative to the output), creating folders as needed.
    /// A path that would leave the output folder is refused.
    public func write(_ data: Data, to path: String) throws(OutputError) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw .unsafePath(path)
        }
        if parts.count > 1, !Self.knownFolders.contains(parts.dropLast().joined(separator: "/")) {
            let folder = staging.appendingPathComponent(path).deletingLastPathComponent()
            try OutputError.wrap("create the folder", folder.path) {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
        }
        try Self.writeFile(stagingPath + "/" + path, data)
        written.withLock { $0 += 1 }
    }

    /// `open`, `write`, `close`: Foundation's `Data.write` costs several times more per file,
    /// and a site is thousands of files.
    static func writeFile(_ path: String, _ data: Data) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .failed("create", path) }
        defer { close(fd) }
        let failure: OutputError? = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failed("write", path)
                }
                offset += n
            }
            return nil
        }
        if let failure { throw failure }
    }

    /// Hard-links the current output's file at `path` into the staging folder, keeping its
    /// bytes and modification time; false when there is no such file.
    public func keep(_ path: String) -> Bool {
        let from = targetPath + "/" + path
        let to = stagingPath + "/" + path
        if link(from, to) == 0 { return true }
        // A folder not made in advance (api/v1/entities/…): make it, then try once more.
        guard errno == ENOENT, FileManager.default.fileExists(atPath: from) else { return false }
        try? FileManager.default.createDirectory(
            at: staging.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        return link(from, to) == 0
    }

    /// Writes `data` unless the current output already has exactly these bytes at `path`,
    /// in which case that file is kept (hard-linked) as it is.
    public func write(_ data: Data, to path: String, keepingIfSame: Bool) throws(OutputError) {
        if keepingIfSame, let old = FileManager.default.contents(atPath: targetPath + "/" + path), old == data, keep(path) {
            return
        }
        try write(data, to: path)
    }

    /// Makes the staged site the output; on failure the staging folder is removed and the
    /// output is as it was.
    public func commit() throws(OutputError) {
        do {
            try swapIn()
        } catch {
            discard()
            throw error
        }
    }

    private func swapIn() throws(OutputError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) {
            if vane_exchange_paths(staging.path, target.path) == 0 {
                // The old site, now at the staging path, is moved off it first: the next
                // build made in this process stages there again.
                let old = staging.appendingPathExtension("old-\(UUID().uuidString)")
                if (try? fm.moveItem(at: staging, to: old)) != nil { Self.remove(old) } else { try? fm.removeItem(at: staging) }
                return
            }
            // No atomic exchange on this system: move the old site aside, then swap in.
            let old = staging.appendingPathExtension("old-\(UUID().uuidString)")
            try OutputError.wrap("move aside", target.path) { try fm.moveItem(at: target, to: old) }
            try OutputError.wrap("move into place", staging.path) { try fm.moveItem(at: staging, to: target) }
            Self.remove(old)
        } else {
            try OutputError.wrap("move into place", staging.path) { try fm.moveItem(at: staging, to: target) }
        }
    }

    /// Removes the staging folder after a failure.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Old sites swapped out and being removed, each under a name of its own. Removing
    /// 20,000 links takes 0.2 s, which a build spends writing its database instead; it
    /// waits for them before it ends (`finishRemovals`). One a killed build left behind
    /// matches `.staging-`, and the next build removes it.
    private static let removals = DispatchGroup()

    private static func remove(_ folder: URL) {
        DispatchQueue.global(qos: .utility).async(group: removals) { try? FileManager.default.removeItem(at: folder) }
    }

    /// Waits until the old sites swapped out are gone.
    public static func finishRemovals() { removals.wait() }
}
