import Foundation
import GRDB
import Testing
import VaneBuild
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneQuery
import VaneTestSupport

/// An edit to bodies alone is written into the files that show them (`BodyEdits`) or, where
/// that cannot be exact, left to the full path: either way the site and the graph are what
/// a full build of the same files makes, byte for byte.
struct BodyEditTests {
    private func build(_ kb: TemporaryKnowledgeBase, asOf: FuzzyDate? = nil) -> Pipeline.Outcome {
        var options = Pipeline.Options(root: kb.root, asOf: asOf)
        options.today = fixedDay
        let outcome = Pipeline.build(options)
        #expect(outcome.succeeded, "\(outcome.diagnostics.filter { $0.severity == .error }) \(outcome.failure.map { "\($0)" } ?? "")")
        return outcome
    }

    private func graph(_ kb: TemporaryKnowledgeBase) throws -> [String: [[String]]] {
        let reader = try GraphReader(url: kb.url("vane.sqlite"))
        var tables: [String: [[String]]] = [:]
        for table in ["entities", "events", "claims", "sources", "reports", "edges", "status_changes", "aliases"] {
            tables[table] = try reader.sql("SELECT * FROM \(table) ORDER BY 1, 2").table.rows
        }
        tables["fts"] = try reader.sql("SELECT id, kind, title, body FROM entries_fts ORDER BY id").table.rows
        tables["files"] = try reader.sql("SELECT path, hash, kind, entry_id FROM files ORDER BY path").table.rows
        return tables
    }

    /// The differences between `kb` and a full build of a copy of its files.
    private func differencesFromAFullBuild(_ kb: TemporaryKnowledgeBase, asOf: FuzzyDate? = nil) throws -> [String] {
        var copied = [kb.url("Content")]
        for folder in ["Site", ".git", ".gitignore"] where FileManager.default.fileExists(atPath: kb.url(folder).path) {
            copied.append(kb.url(folder))
        }
        let full = try TemporaryKnowledgeBase(copying: copied)
        _ = build(full, asOf: asOf)
        var found = differences(snapshot(of: kb.url("public"), folders: true), snapshot(of: full.url("public"), folders: true))
        if try graph(kb) != graph(full) { found.append("the databases differ") }
        return found
    }

    private func expectAFullBuildsOutput(
        _ kb: TemporaryKnowledgeBase, asOf: FuzzyDate? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let differing = try differencesFromAFullBuild(kb, asOf: asOf)
        #expect(differing.isEmpty, "\(differing)", sourceLocation: sourceLocation)
    }

    /// Built, then an event's body edited: the edit takes the full path, and the result
    /// is a full build's.
    private func expectTheFullPath(
        _ kb: TemporaryKnowledgeBase, appending text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        _ = build(kb)
        try append(text, to: "Content/events/2026-summit.md", in: kb)
        let outcome = build(kb)
        #expect(!spliced(outcome), "\(outcome.work.summary)", sourceLocation: sourceLocation)
        try expectAFullBuildsOutput(kb, sourceLocation: sourceLocation)
    }

    private func append(_ text: String, to path: String, in kb: TemporaryKnowledgeBase) throws {
        try kb.write(try kb.read(path) + text, to: path)
    }

    private func spliced(_ outcome: Pipeline.Outcome) -> Bool {
        outcome.work.entriesLinked == 0 && outcome.work.parsesDecoded == 1 && outcome.work.outputsBuilt > 0
    }

    @Test func editsToBodiesAreWrittenIntoTheFilesThatShowThem() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        _ = build(kb)
        // An event with a citation and a wikilink (its placeholders are kept as they were
        // filled in), text of several bytes per character, two edits of one file, then a
        // file whose spans share a search shard and feeds with the first.
        let steps: [(String, String)] = [
            ("Content/events/2024-reorg.md", "\nCafé — naïve “quotes” & <angles> 🌦.\n"),
            ("Content/events/2024-reorg.md", "\nA second paragraph, shorter.\n"),
            ("Content/events/2026-summit.md", "\nA *third* edit, in [a link](https://example.com/a?b=1&c=2).\n"),
            ("Content/entities/acme.md", "\nThe company, described again.\n"),
        ]
        for (number, (path, text)) in steps.enumerated() {
            try append(text, to: path, in: kb)
            let outcome = build(kb)
            #expect(spliced(outcome), "step \(number): \(outcome.work.summary)")
            #expect(outcome.parsed == 1)
            let differing = try differencesFromAFullBuild(kb)
            #expect(differing.isEmpty, "step \(number): \(differing)")
            // Reads see a graph that is up to date, and `status` the board the build stored.
            let reader = try GraphReader(url: kb.url("vane.sqlite"))
            #expect(try reader.changedFiles(root: kb.root) == 0, "step \(number)")
            #expect(try reader.storedStatusJSON(asOf: fixedDay) != nil, "step \(number)")
        }
        #expect(build(kb).work == WorkCounts())
        // A later full-path build renders the spliced pages again (their fingerprints were
        // dropped), and still equals a full build.
        try kb.write("title: Another title\n", to: "Site/config.yml")
        #expect(!spliced(build(kb)))
        try expectAFullBuildsOutput(kb)
    }

    /// Text written before a link moves it (a word on its line, a paragraph above it): the
    /// links are the same, so the edit is still to the body alone, and the edges say the
    /// new places (it took the full path: every parse decoded, every entry linked).
    @Test func textAddedAboveALinkIsStillAnEditToTheBody() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let path = "Content/events/2026-summit.md"
        try append("\nAt the summit, [[anvil]] and [[acme|the company]] [@acme-blog].\n", to: path, in: kb)
        _ = build(kb)
        let edits: [(String, String)] = [
            ("Content/events/2024-reorg.md", "The group was formed, as the blog said at length, [@acme-blog]."),
            (path, "Three days of talks.\n\nA paragraph above the links.\n\nAnother, with `[[code]]`."),
            (path, "Three days of talks, then a fourth."),
        ]
        for (number, (file, text)) in edits.enumerated() {
            var lines = try kb.read(file).components(separatedBy: "\n")
            let first = try #require(lines.firstIndex { $0.hasPrefix("The group") || $0.hasPrefix("Three days") })
            lines[first] = text
            try kb.write(lines.joined(separator: "\n"), to: file)
            let outcome = build(kb)
            #expect(spliced(outcome), "step \(number): \(outcome.work.summary)")
            #expect(outcome.work.outputsConsidered <= 10, "step \(number): \(outcome.work.summary)")
            let differing = try differencesFromAFullBuild(kb)
            #expect(differing.isEmpty, "step \(number): \(differing)")
        }
        let reader = try GraphReader(url: kb.url("vane.sqlite"))
        let places = try reader.sql(
            "SELECT to_id, line, column FROM edges WHERE path = '\(path)' AND relation IN ('mentions', 'cites') ORDER BY line, column")
        // The front matter's source, then the body's three links, on line 15 now (11 before).
        #expect(
            places.table.rows == [["acme-blog", "7", "11"], ["anvil", "15", "16"], ["acme", "15", "30"], ["acme-blog", "15", "51"]],
            "\(places.table.rows)")
    }

    @Test func anEditBackToAnEarlierBodyIsWrittenToo() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        _ = build(kb)
        let path = "Content/events/2026-summit.md"
        let original = try kb.read(path)
        try kb.write(original + "\nFor a while.\n", to: path)
        #expect(spliced(build(kb)))
        try kb.write(original, to: path)
        #expect(spliced(build(kb)))
        // An edit that is not to a body alone (a link added) takes the full path.
        try kb.write(original + "\nWith [[anvil]].\n", to: path)
        #expect(!spliced(build(kb)))
        try expectAFullBuildsOutput(kb)
    }

    /// A theme that escapes the body shows it in a form a splice does not reproduce.
    @Test func aThemeThatTransformsTheBodyTakesTheFullPath() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("{{<layout}}{{$content}}<h1>{{title}}</h1>\n<pre>{{body}}</pre>{{/content}}{{/layout}}\n", to: "Site/templates/event.mustache")
        try expectTheFullPath(kb, appending: "\nEscaped *here*.\n")
        #expect(try kb.read("public/events/2026-summit.html").contains("&lt;em&gt;here&lt;/em&gt;"))
    }

    /// An output that does not hold what its spans say (changed by hand) is not written
    /// into: the full path builds it again.
    @Test func anOutputChangedByHandIsBuiltAgain() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        _ = build(kb)
        let page = "public/events/2026-summit.html"
        try kb.write(try kb.read(page).replacingOccurrences(of: "Three days of talks.", with: "Changed by hand."), to: page)
        try append("\nOne more.\n", to: "Content/events/2026-summit.md", in: kb)
        #expect(!spliced(build(kb)))
        #expect(try kb.read(page).contains("Three days of talks."))
        try expectAFullBuildsOutput(kb)
    }

    /// A block whose lines a layout reindents moves the body's lines too: its spans are
    /// opaque, and an edit takes the full path (here, an indented code block that a full
    /// render would shift).
    @Test func aBodyInAReindentedBlockTakesTheFullPath() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "<!DOCTYPE html>\n<html><body>\n<main>\n  {{$content}}{{/content}}\n</main>\n</body></html>\n", to: "Site/templates/layout.mustache")
        try expectTheFullPath(kb, appending: "\n```\ncode\n    indented\n```\n")
    }

    /// Recorded time marks an entry "changed since, not committed yet": the first edit
    /// after a commit changes that mark and takes the full path; the next is spliced.
    @Test func theFirstEditAfterACommitShowsItIsNotCommitted() throws {
        let repository = try GitKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let kb = repository.kb
        try repository.commit("Start", on: "2026-01-10")
        _ = build(kb)
        let page = "public/events/2026-summit.html"
        #expect(try !kb.read(page).contains("not committed yet"))
        try append("\nFirst edit.\n", to: "Content/events/2026-summit.md", in: kb)
        #expect(!spliced(build(kb)))
        #expect(try kb.read(page).contains("not committed yet"))
        try append("\nSecond edit.\n", to: "Content/events/2026-summit.md", in: kb)
        #expect(spliced(build(kb)))
        try expectAFullBuildsOutput(kb)
        // Put back as committed: the mark goes, by the full path.
        try repository.git("checkout", "--", "Content/events/2026-summit.md")
        #expect(!spliced(build(kb)))
        #expect(try !kb.read(page).contains("not committed yet"))
        try expectAFullBuildsOutput(kb)
    }

    /// A file not committed yet, then ignored by git: no longer "not committed yet", as a
    /// full build says (nothing under `Content/` changed, and the build kept the mark).
    @Test func aFileIgnoredSinceIsNoLongerUncommitted() throws {
        let repository = try GitKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let kb = repository.kb
        try repository.commit("Start", on: "2026-01-10")
        let event = "Content/events/2026-later.md"
        try kb.write(try kb.read("Content/events/2026-summit.md").replacingOccurrences(of: "title: ", with: "title: Later "), to: event)
        _ = build(kb)
        #expect(try kb.read("public/events/2026-later.html").contains("not committed yet"))
        try kb.write("\(event)\n", to: ".gitignore")
        _ = build(kb)
        #expect(try !kb.read("public/events/2026-later.html").contains("not committed yet"))
        try expectAFullBuildsOutput(kb)
    }

    /// An event moved after the site's day and then removed, neither committed: "What's
    /// new" named it by its title as dated later, then by its id as removed. The home page
    /// kept the title (its fingerprint saw the same entries, changes and commits).
    @Test func anEventMovedLaterThenRemovedIsSaidRemoved() throws {
        let repository = try GitKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let kb = repository.kb
        try repository.commit("Start", on: "2026-05-01")
        _ = build(kb, asOf: fixedDay)
        let event = "Content/events/2026-coyote-launch.md"
        try kb.write(try kb.read(event).replacingOccurrences(of: "date: 2026-04-08", with: "date: 2027-05-03"), to: event)
        _ = build(kb, asOf: fixedDay)
        let later = try kb.read("public/index.html")
        #expect(later.contains("title=\"dated after this site's day\">Coyote launches"), "\(later)")
        try expectAFullBuildsOutput(kb, asOf: fixedDay)
        try kb.remove(event)
        _ = build(kb, asOf: fixedDay)
        #expect(try kb.read("public/index.html").contains("<code>2026-coyote-launch</code> (removed)"))
        try expectAFullBuildsOutput(kb, asOf: fixedDay)
    }

    /// A report's body is in the reports feed: an edit to it with another edit (the full
    /// path, here a file copied into the site) writes the feed again, and one alone is
    /// spliced into it.
    @Test func aReportsBodyReachesTheReportsFeed() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let report = "Content/reports/review.md"
        try kb.write("---\ntitle: Review\ndate: 2026-01\nauthors: [daily-wire]\nsummary: Read.\n---\nFirst words.\n", to: report)
        _ = build(kb)
        try append("\nMore words.\n", to: report, in: kb)
        // A file copied into the site: the full path, with nothing else of the graph changed.
        try kb.write("notes\n", to: "Content/sources/notes.txt")
        #expect(!spliced(build(kb)))
        #expect(try kb.read("public/feeds/reports.atom").contains("More words."))
        try expectAFullBuildsOutput(kb)
        try append("\nEven more.\n", to: report, in: kb)
        #expect(spliced(build(kb)))
        try expectAFullBuildsOutput(kb)
    }

    /// Fingerprints describe the folder the last build wrote: a build into another folder
    /// and back builds every file again (a page edited meanwhile is never kept old).
    @Test func anotherOutputFolderIsBuiltWhole() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        _ = build(kb)
        var elsewhere = Pipeline.Options(root: kb.root, output: kb.url("elsewhere"))
        elsewhere.today = fixedDay
        #expect(Pipeline.build(elsewhere).succeeded)
        // A link: the full path, which fingerprints the page as it now is.
        try append("\nWritten while building elsewhere, about [[anvil]].\n", to: "Content/events/2026-summit.md", in: kb)
        #expect(Pipeline.build(elsewhere).succeeded)
        _ = build(kb)
        #expect(try kb.read("public/events/2026-summit.html").contains("Written while building elsewhere, about"))
        try expectAFullBuildsOutput(kb)
    }

    /// A past site (`--known-at`) built into the output: the next build builds every file
    /// again, never keeping a page of the past.
    @Test func aPastSiteInTheOutputIsBuiltOver() throws {
        let repository = try GitKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let kb = repository.kb
        try repository.commit("Start", on: "2026-01-10")
        try append("\nLearned later.\n", to: "Content/events/2026-summit.md", in: kb)
        try repository.commit("Later", on: "2026-02-10")
        #expect(try vane("build", "--as-of", "2026-11-26", in: kb.root).status == 0)
        #expect(try vane("build", "--as-of", "2026-11-26", "--known-at", "2026-01-31", in: kb.root).status == 0)
        #expect(try !kb.read("public/events/2026-summit.html").contains("Learned later."))
        #expect(try vane("build", "--as-of", "2026-11-26", in: kb.root).status == 0)
        #expect(try kb.read("public/events/2026-summit.html").contains("Learned later."))
    }

    /// A `vane` block may read any body: with one anywhere, every edit takes the full path.
    @Test func aVaneBlockAnywhereTakesTheFullPath() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write(
            "---\ntitle: Review\ndate: 2026-01\nauthors: [daily-wire]\nsummary: Read.\n---\n```vane\nquery events --entity acme\n```\n",
            to: "Content/reports/review.md")
        try expectTheFullPath(kb, appending: "\nOne more.\n")
    }

    /// The moves a build committed and did not live to make are made by the next build,
    /// which then takes the full path and clears the journal when it commits.
    @Test func movesLeftByAKilledBuildAreFinishedByTheNext() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        _ = build(kb)
        let staged = kb.url(".public.staging-splice-1")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        try Data("as committed\n".utf8).write(to: staged.appendingPathComponent("0"))
        try journal([[".public.staging-splice-1/0", "robots.txt"]], in: kb)
        #expect(!spliced(build(kb)))
        #expect(try kb.read("public/robots.txt") == "as committed\n")
        #expect(!FileManager.default.fileExists(atPath: staged.path))
        #expect(try GraphReader(url: kb.url("vane.sqlite")).buildState("pending-splice") == ["pending-splice": ""])
        #expect(build(kb).work == WorkCounts())
    }

    /// A journal as a body build commits it, for `moves`.
    private func journal(_ moves: [[String]], in kb: TemporaryKnowledgeBase) throws {
        let text = CanonicalJSON.text(BodyEditsJournal(output: kb.url("public").standardizedFileURL.path, moves: moves), fallback: "")
        try GraphStore.setState(["pending-splice": text], at: kb.url("vane.sqlite"))
    }

    private struct BodyEditsJournal: Codable {
        var output: String
        var moves: [[String]]
    }

    /// Staged files lost (their folder removed) before the moves were made: the outputs
    /// they were for are built again by the full path.
    @Test func lostMovesAreBuiltAgain() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        _ = build(kb)
        let page = "public/events/2026-summit.html"
        let good = try kb.read(page)
        // As a splice commits: the page's fingerprint dropped, its move journaled.
        try kb.write("stale\n", to: page)
        let queue = try DatabaseQueue(path: kb.url("vane.sqlite").path)
        try queue.write { db in try db.execute(sql: "UPDATE pages SET fingerprint = 0 WHERE path = 'events/2026-summit.html'") }
        try queue.close()
        try journal([[".public.staging-splice-1/0", "events/2026-summit.html"]], in: kb)
        let outcome = build(kb)
        #expect(outcome.work.entriesLinked > 0 && outcome.pagesRendered == 1, "\(outcome.work.summary)")
        #expect(try kb.read(page) == good)
    }
}
