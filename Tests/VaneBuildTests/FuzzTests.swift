import Foundation
import Testing
import VaneContent
import VaneDiagnostics
import VaneSite
import VaneTestSupport

/// Thousands of seeded random mutations of the bundled knowledge base: `check` and
/// `build` must never trap or hang, and must point only at lines that exist.
///
/// `VANE_FUZZ_ITERATIONS` (default 2000) and `VANE_FUZZ_SEED` (default 1) set the run;
/// `make fuzz` runs 50,000.
struct FuzzTests {
    @Test(.tags(.slow), .fullTierOnly) func mutationsNeverTrapHangOrMisplaceADiagnostic() throws {
        let environment = ProcessInfo.processInfo.environment
        let iterations = environment["VANE_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2000
        var random = SplitMix64(seed: environment["VANE_FUZZ_SEED"].flatMap(UInt64.init) ?? 1)
        let kb = try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
        let originals =
            snapshot(of: kb.url("Content")).map { ("Content/" + $0.key, $0.value) }.sorted { $0.0 < $1.0 }
            + [("Site/config.yml", try Data(contentsOf: kb.url("Site/config.yml")))]
        let ids = originals.compactMap { $0.0.hasSuffix(".md") ? String($0.0.split(separator: "/").last!.dropLast(3)) : nil }
        let cache = MemoryCache()
        cache.store(ContentLoader.load(root: kb.root).files)
        let watchdog = Watchdog(limit: 20)
        var withErrors = 0
        var builds = 0

        for iteration in 0..<iterations {
            let (path, original) = random.next(below: 50) == 0 ? originals.last! : originals[random.next(below: originals.count - 1)]
            var mutated = original
            for _ in 0...random.next(below: 3) { mutated = Mutation.apply(&random, to: mutated, ids: ids) }
            try kb.write(mutated, to: path)
            watchdog.arm("mutation \(iteration) of \(path)")
            let result = ContentLoader.load(root: kb.root, cache: cache)
            if result.hasErrors { withErrors += 1 }
            for d in result.diagnostics { expectPlausible(d, in: kb) }
            if iteration % 40 == 0 {
                expectCleanBuild(try vane("build", "--as-of", "2026-11-26", in: kb.root), in: kb, label: "mutation \(iteration) of \(path)")
                builds += 1
            }
            watchdog.disarm()
            try kb.write(original, to: path)
        }
        // The mutations must actually break things, or the test proves nothing.
        #expect(withErrors > iterations / 2)
        #expect(builds == (iterations + 39) / 40)
    }

    /// What a build of bad content must do: exit 0 with no errors or 1 with errors, report
    /// only diagnostics at lines that exist, and never fail for a reason of its own (an
    /// `error:` line without a position: a write, the database, a crash).
    private func expectCleanBuild(_ result: CommandResult, in kb: TemporaryKnowledgeBase, label: String) {
        let lines = result.stderr.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let diagnostics = lines.dropLast(lines.isEmpty ? 0 : 1)
        var errors = 0
        for line in diagnostics {
            guard let d = Diagnostic(parsing: line) else {
                Issue.record("\(label): not a diagnostic: \(line)")
                continue
            }
            if d.severity == .error { errors += 1 }
            expectPlausible(d, in: kb)
        }
        #expect(result.status == (errors > 0 ? 1 : 0), "\(label): exit \(result.status)\n\(result.stderr)")
        if let summary = lines.last, !lines.isEmpty {
            #expect(summary.hasSuffix(" warnings") || summary.hasSuffix(" warning"), "\(label): \(summary)")
        }
    }

    /// A diagnostic's file exists and its line and column are inside it.
    private func expectPlausible(_ d: Diagnostic, in kb: TemporaryKnowledgeBase) {
        let path = d.location.path
        guard let data = FileManager.default.contents(atPath: kb.url(path).path) else {
            #expect(path == "Content", "diagnostic for a file that does not exist: \(d)")
            return
        }
        // Lines split on the byte 0x0A, as an editor counts them (a Swift String would
        // keep "\r\n" together as one character).
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        #expect(d.location.line >= 1 && d.location.line <= max(1, lines.count), "\(d)")
        guard d.location.line <= lines.count else { return }
        let length = String(decoding: lines[d.location.line - 1], as: UTF8.self).unicodeScalars.count
        #expect(d.location.column >= 1 && d.location.column <= length + 2, "\(d)")
    }
}

/// Seeded mutations of a file's bytes.
enum Mutation {
    static let inserts = [
        "\u{0}", "\u{FEFF}", "\r", "\t", "\u{202E}", "\u{E000}W0\u{E001}", "é", "🦙", "\u{301}", "---\n", ": ", "[", "]]", "{", "&a ", "*a ", "|\n",
        "[[", "[@", "`", "~", "\n", "- ", "\"", "'", "<script>", "{{", "2026-02-30", "\u{FFFF}", "\u{10FFFF}",
    ]

    static func apply(_ random: inout SplitMix64, to data: Data, ids: [String]) -> Data {
        var bytes = [UInt8](data)
        switch random.next(below: 8) {
        case 0 where !bytes.isEmpty:
            let i = random.next(below: bytes.count)
            bytes[i] ^= UInt8(1 << random.next(below: 8))
        case 1:
            bytes = Array(bytes.prefix(random.next(below: bytes.count + 1)))
        case 2, 3:
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            guard !lines.isEmpty else { break }
            let i = random.next(below: lines.count)
            let j = random.next(below: lines.count)
            switch random.next(below: 3) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: j)
            default: lines.swapAt(i, j)
            }
            bytes = Array(lines.joined(separator: [0x0A]))
        case 4, 5:
            var text = String(decoding: bytes, as: UTF8.self)
            let present = ids.filter { text.contains($0) }
            guard let victim = present.isEmpty ? nil : present[random.next(below: present.count)] else { break }
            let replacement = random.next(below: 2) == 0 ? ids[random.next(below: ids.count)] : String(victim.dropLast())
            if let range = text.range(of: victim) { text.replaceSubrange(range, with: replacement) }
            bytes = Array(text.utf8)
        default:
            let insert = Array(inserts[random.next(below: inserts.count)].utf8)
            bytes.insert(contentsOf: insert, at: random.next(below: bytes.count + 1))
        }
        return Data(bytes)
    }
}

/// The parse cache kept in memory, so each mutation parses only its own file.
final class MemoryCache: ParseCache, @unchecked Sendable {
    private var files: [String: ParsedFile] = [:]
    private let lock = NSLock()

    func store(_ parsed: [ParsedFile]) { lock.withLock { for p in parsed { files[p.path] = p } } }

    func parsedFile(path: String, hash: String) -> ParsedFile? {
        lock.withLock { files[path].flatMap { $0.hash == hash ? $0 : nil } }
    }
}

/// Turns a hang into a crash that names the mutation, instead of a stalled test run.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (label: String, started: Date)?

    init(limit: TimeInterval) {
        Thread.detachNewThread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 1)
                if let c = self.lock.withLock({ self.current }), Date().timeIntervalSince(c.started) > limit {
                    fatalError("hang: \(c.label) took over \(Int(limit)) s")
                }
            }
        }
    }

    func arm(_ label: String) { lock.withLock { current = (label, Date()) } }
    func disarm() { lock.withLock { current = nil } }
}
