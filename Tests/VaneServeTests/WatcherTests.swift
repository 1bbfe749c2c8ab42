import Foundation
import Testing
import VaneDiagnostics
import VaneTestSupport

@testable import VaneServe

/// The watcher, in process, with the kernel's events: it names the files a burst touched,
/// says when it cannot, leaves out what the build writes beside the watched folders, and
/// answers a sync after every earlier event.
struct WatcherTests {
    /// The next burst the watcher hands over, waited for at most five seconds on a thread
    /// of its own (`wait` blocks); `.none` when nothing came.
    private func next(_ watch: Watcher) -> Set<String>?? {
        let box = Locked<Set<String>??>(.none)
        let done = DispatchSemaphore(value: 0)
        Thread {
            let touched = watch.wait()
            box.withLock { $0 = .some(touched) }
            done.signal()
        }.start()
        guard done.wait(timeout: .now() + 5) == .success else { return .none }
        return box.value
    }

    /// The files named by the bursts that come until one names `path` (a slow machine may
    /// split one save in two); nil when a burst could not name its files or none came.
    private func bursts(_ watch: Watcher, until path: String) -> Set<String>? {
        var all: Set<String> = []
        while !all.contains(path) {
            guard case .some(.some(let touched)) = next(watch) else { return nil }
            all.formUnion(touched)
        }
        return all
    }

    @Test func namesTheFilesABurstTouchedAndSaysWhenItCannot() throws {
        let kb = try TemporaryKnowledgeBase(["Content/events/a.md": "a\n", "Site/config.yml": "title: T\n"])
        let watch = Watcher(root: kb.root, folders: ["Content", "Site"])
        #expect(watch.isWatching)

        try kb.write("a, edited\n", to: "Content/events/a.md")
        #expect(next(watch) == .some(["Content/events/a.md"]))

        // An editor's atomic save: a temporary file renamed over the entry.
        try kb.write("a, saved whole\n", to: "Content/events/a.md.tmp")
        try FileManager.default.removeItem(at: kb.url("Content/events/a.md"))
        try FileManager.default.moveItem(at: kb.url("Content/events/a.md.tmp"), to: kb.url("Content/events/a.md"))
        #expect(bursts(watch, until: "Content/events/a.md") == ["Content/events/a.md", "Content/events/a.md.tmp"])

        // What a build writes beside the folders is no change; a sync counts nothing of its own.
        let before = watch.generation
        try kb.write("not a database", to: "vane.sqlite")
        try kb.write("<p>page</p>", to: "public/index.html")
        #expect(watch.sync(timeout: 2) == before)
        #expect(watch.generation == before)

        // A folder made: the kernel cannot say what it held, so the burst names nothing;
        // the folder is watched from then on.
        try FileManager.default.createDirectory(at: kb.url("Content/events/2027"), withIntermediateDirectories: false)
        #expect(next(watch) == .some(nil))
        try kb.write("b\n", to: "Content/events/2027/b.md")
        #expect(next(watch) == .some(["Content/events/2027/b.md"]))
        #expect(watch.sync(timeout: 2) == watch.generation)
        #expect(watch.generation > before)

        // Site/ moved away and back: the watched folder itself moved.
        try FileManager.default.moveItem(at: kb.url("Site"), to: kb.url("Site-aside"))
        #expect(next(watch) == .some(nil))
        try FileManager.default.moveItem(at: kb.url("Site-aside"), to: kb.url("Site"))
        #expect(next(watch) == .some(nil))
        try kb.write("title: U\n", to: "Site/config.yml")
        #expect(next(watch) == .some(["Site/config.yml"]))
    }

    /// A new day wakes the loader as a change that names no file (the served pages kept
    /// yesterday's countdowns and "as of" until the next edit), with the kernel or without;
    /// it is no change of a file, which `generation` counts. The preview's clock looks at
    /// most a minute at a time, and at just after the next day's start in UTC.
    @Test func aNewDayWakesTheLoader() throws {
        let kb = try TemporaryKnowledgeBase(["Content/events/a.md": "a\n"])
        for kernel in [true, false] {
            let watch = Watcher(root: kb.root, folders: ["Content"], kernel: kernel)
            // Without the kernel, the first look has nothing to compare with. (A `next` that
            // finds nothing leaves its thread waiting, which would take the day's word.)
            if !kernel { #expect(next(watch) == .some(nil)) }
            let generation = watch.generation
            watch.dayTurned()
            #expect(next(watch) == .some(nil), "kernel: \(kernel)")
            #expect(watch.generation == generation)
            #expect(next(watch) == .none, "kernel: \(kernel)")
        }
        let evening = try #require(ISO8601DateFormatter().date(from: "2026-12-06T23:59:59Z"))
        #expect(Watcher.secondsToNextDay(from: evening) == 1.5)
        #expect(Watcher.secondsToNextDay(from: evening.addingTimeInterval(1)) == 86_400.5)
    }

    /// Without the kernel's word the watcher looks every 400 ms: it wakes for a change,
    /// names no file, and never vouches.
    @Test func withoutTheKernelItLooksAndNeverVouches() throws {
        let kb = try TemporaryKnowledgeBase(["Content/events/a.md": "a\n", "Site/config.yml": "title: T\n"])
        let watch = Watcher(root: kb.root, folders: ["Content", "Site"], kernel: false)
        #expect(!watch.isWatching)
        #expect(watch.sync(timeout: 1) == nil)
        // The first look has nothing to compare with.
        #expect(next(watch) == .some(nil))
        try kb.write("a, edited at more length\n", to: "Content/events/a.md")
        #expect(next(watch) == .some(nil))
        // Nothing changed: no wake-up within the five seconds `next` waits.
        #expect(next(watch) == .none)
        // A commit moves a branch under `.git`: looked at too (a blind watcher left every
        // page "not committed yet" until the next edit).
        try kb.write("ref: refs/heads/main\n", to: ".git/HEAD")
        #expect(next(watch) == .some(nil))
        try kb.write("0123456789012345678901234567890123456789\n", to: ".git/refs/heads/main")
        #expect(next(watch) == .some(nil))
    }

    /// A file with a second name may be written under the other one, outside: the kernel
    /// would tell nothing, so the watcher stops vouching, whether the link was there at
    /// the start or made later.
    @Test func aFileWithASecondNameMakesTheWatcherBlind() throws {
        let kb = try TemporaryKnowledgeBase(["Content/events/a.md": "a\n", "Site/config.yml": "title: T\n", "drafts/b.md": "b\n"])
        let watch = Watcher(root: kb.root, folders: ["Content", "Site"])
        #expect(watch.isWatching)
        try FileManager.default.linkItem(at: kb.url("drafts/b.md"), to: kb.url("Content/events/b.md"))
        _ = next(watch)
        #expect(!watch.isWatching)
        #expect(watch.sync(timeout: 1) == nil)
        let again = Watcher(root: kb.root, folders: ["Content", "Site"])
        #expect(!again.isWatching)
    }
}
