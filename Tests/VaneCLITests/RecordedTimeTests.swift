import Foundation
import Testing
import VaneContent
import VaneTestSupport

/// Recorded time from git: what the knowledge base said at a date, what changed in a
/// window in both times, the History section and the feed, and git failing.
struct RecordedTimeTests {
    /// Four commits: the first record (the desktop suite on sunset, the API commitment
    /// pending), a correction to deprioritized, a correction back to sunset with the API
    /// commitment broken, and a claim deleted.
    /// `cloudSunset`: with a commit of 1 May 2025 recording an event dated December 2025.
    private func history(cloudSunset: Bool = false) throws -> GitKnowledgeBase {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        try repo.kb.remove("Content/reports")
        try repo.commit("First record of Globex", on: "2025-01-10")
        if cloudSunset {
            try repo.kb.write(
                "---\ntitle: Cloud sunset ahead\ndate: 2025-12-15\ntype: deprecation\nentities: [globex-cloud]\nstatus:\n  globex-cloud: { priority: sunset }\n---\n",
                to: "Content/events/2025-12-cloud-sunset.md")
            try repo.commit("Cloud sunset announced", on: "2025-05-01")
        }
        let sunset = "Content/events/2025-06-globex-desktop-sunset.md"
        let original = try repo.kb.read(sunset)
        try repo.kb.write(original.replacingOccurrences(of: "priority: sunset", with: "priority: deprioritized"), to: sunset)
        try repo.commit("Desktop: deprioritized", on: "2025-06-05")
        try repo.kb.write(original, to: sunset)
        let api = "Content/claims/cloud-api-stable.md"
        try repo.kb.write(
            try repo.kb.read(api).replacingOccurrences(
                of: "verdict: pending", with: "verdict: broken\nverdict_date: 2025-09-01\nverdict_sources: [tech-daily-review]"), to: api)
        try repo.commit("Correct desktop to sunset; the API broke", on: "2025-09-02")
        try repo.git("rm", "-q", "Content/claims/cloud-fastest.md")
        try repo.git("commit", "-q", "-m", "Remove a claim we cannot source", at: "2026-02-01")
        return repo
    }

    /// git failing, then mended by what changes no file of the knowledge base (a setting of
    /// git's own, as the `safe.directory` its message gives): the next build reads it again,
    /// a build of nothing changed and one of a body edit too (both said the stored failure
    /// again without asking git). git's message is said on one line.
    @Test func aBuildAfterGitFailedAsksGitAgain() throws {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        try repo.commit("First record of Globex", on: "2025-01-10")
        let settings = try TemporaryKnowledgeBase(["gitconfig": "[broken\n"])
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_GLOBAL"] = settings.url("gitconfig").path
        environment["VANE_TODAY"] = "2026-12-07"
        func build() throws -> CommandResult { try run(Repository.vane, ["build"], in: repo.root, environment: environment) }
        let failed = try build()
        #expect(failed.status == 0 && failed.stderr.contains("warning: recorded time: git: "), "\(failed.stderr)")
        #expect(!failed.stderr.contains("\\n"), "\(failed.stderr)")
        try settings.write("", to: "gitconfig")
        let mended = try build()
        #expect(!mended.stderr.contains("recorded time"), "\(mended.stderr)")
        #expect(try repo.kb.read("public/index.html").contains("What’s new") || repo.kb.read("public/index.html").contains("What's new"))
        // Failing again, then mended with a body edited in between.
        try settings.write("[broken\n", to: "gitconfig")
        let body = "Content/entities/globex.md"
        try repo.kb.write(try repo.kb.read(body) + "\nMore.\n", to: body)
        #expect(try build().stderr.contains("warning: recorded time: git: "))
        try settings.write("", to: "gitconfig")
        try repo.kb.write(try repo.kb.read(body) + "\nAnd more.\n", to: body)
        let edited = try build()
        #expect(!edited.stderr.contains("recorded time"), "\(edited.stderr)")
    }

    /// vane only reads the repository: every git it runs takes no optional lock, so a `git
    /// commit` made while it reads (`vane serve` watching) never meets its `index.lock`
    /// (CI failed so once, the test's commit beside the preview's `git status`).
    @Test func gitIsReadWithoutTakingTheIndexLock() throws {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        try repo.commit("First record of Globex", on: "2025-01-10")
        try repo.kb.write(try repo.kb.read("Content/entities/globex.md") + "\nMore.\n", to: "Content/entities/globex.md")
        // A `git` before the real one on the path, noting what each run was told.
        let wrapper = try TemporaryKnowledgeBase([
            "bin/git": "#!/bin/sh\necho \"locks=${GIT_OPTIONAL_LOCKS:-unset}\" >> \"$(dirname \"$0\")/../runs\"\nexec \(repo.git.path) \"$@\"\n"
        ])
        #expect(chmod(wrapper.url("bin/git").path, 0o755) == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = wrapper.url("bin").path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["VANE_TODAY"] = "2026-12-07"
        let built = try run(Repository.vane, ["build"], in: repo.root, environment: environment)
        #expect(built.status == 0, "\(built.stderr)")
        let runs = try wrapper.read("runs").split(separator: "\n")
        #expect(!runs.isEmpty && runs.allSatisfy { $0 == "locks=0" }, "\(runs)")
    }

    /// After a build, the rows of `vane changes --recorded` (CSV, from 2026) that contain
    /// `text`, each as the cells of `columns` joined by spaces.
    private func recordedRows(_ repo: GitKnowledgeBase, containing text: String, columns: Set<Int>) throws -> [String] {
        let build = try vane("build", "--as-of", "2026-11-26", in: repo.root)
        #expect(build.status == 0, "\(build.stderr)")
        let result = try vane("changes", "--recorded", "--from", "2026-01-01", "--to", "2099", "--format", "csv", in: repo.root)
        return result.stdout.components(separatedBy: "\r\n").filter { $0.contains(text) }.map {
            $0.components(separatedBy: ",").enumerated().filter { columns.contains($0.offset) }.map(\.element).joined(separator: " ")
        }
    }

    private func priority(_ repo: GitKnowledgeBase, knownAt date: String) throws -> String {
        let result = try vane("status", "--known-at", date, "--entity", "globex", "--format", "csv", in: repo.root)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.components(separatedBy: "\r\n").first { $0.contains(",globex-desktop,") }?.components(separatedBy: ",")[4] ?? ""
    }

    @Test func knownAtFourDates() throws {
        let repo = try history()
        let before = try vane("status", "--known-at", "2024-12", in: repo.root)
        #expect(before.status == 1)
        #expect(before.stderr == "error: nothing was recorded by the end of 2024-12: the first commit is later\n")
        // As of the same date unless told: in March 2025 the sunset (June) had not happened.
        #expect(try priority(repo, knownAt: "2025-03") == "maintained")
        let firstRecord = try vane("status", "--known-at", "2025-03", "--as-of", "2026-11-26", "--format", "csv", in: repo.root).stdout
        #expect(firstRecord.contains(",globex-desktop,globex,deprecated,sunset,"))
        #expect(try priority(repo, knownAt: "2025-06-30") == "deprioritized")
        #expect(try priority(repo, knownAt: "2025-12-31") == "sunset")
        func claims(_ verdict: String, _ date: String) throws -> String {
            try vane("query", "claims", "--verdict", verdict, "--known-at", date, "--format", "csv", in: repo.root).stdout
                .components(separatedBy: "\r\n").dropFirst().compactMap { $0.components(separatedBy: ",").first }.filter { !$0.isEmpty }
                .joined(separator: " ")
        }
        func broken(_ date: String) throws -> String { try claims("broken", date) }
        // A verdict recorded early but dated after the day asked about was pending then.
        #expect(try broken("2025-03") == "")
        #expect(try claims("pending", "2025-03").contains("desktop-stays"))
        #expect(try broken("2025-06-30") == "desktop-stays")
        #expect(try broken("2025-12-31") == "cloud-api-stable desktop-stays")
        // The deleted claim is there until its commit.
        #expect(try vane("show", "cloud-fastest", "--known-at", "2025-12-31", in: repo.root).status == 0)
        #expect(try vane("show", "cloud-fastest", "--known-at", "2026-02-01", in: repo.root).status == 64)
        // The working tree was not touched.
        #expect(try repo.git("status", "--porcelain").stdout.isEmpty)
    }

    @Test func changesInEventTimeAndInRecordedTime() throws {
        let repo = try history()
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        #expect(
            try vane("changes", "--from", "2025-Q2", "--to", "2025-Q2", in: repo.root).stdout == """
                DATE        KIND     ID                             WHAT
                2025-06-01  move     2025-06-globex-desktop-sunset  globex-desktop: availability generally-available → deprecated
                2025-06-01  move     2025-06-globex-desktop-sunset  globex-desktop: priority maintained → sunset
                2025-06-01  event    2025-06-globex-desktop-sunset  Globex puts Globex Desktop on sunset
                2025-06-01  verdict  desktop-dead                   verdict: confirmed
                2025-06-01  verdict  desktop-stays                  verdict: broken

                """)
        let short = { (rev: String) in try repo.git("rev-parse", "--short", rev).stdout.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(
            try vane("changes", "--from", "2025-06", "--to", "2025-12", "--recorded", in: repo.root).stdout == """
                DATE        COMMIT   KIND     ID                             WHAT                                             SUBJECT
                2025-06-05  \(try short("HEAD~2"))  changed  2025-06-globex-desktop-sunset  changed                                          Desktop: deprioritized
                2025-06-05  \(try short("HEAD~2"))  status   2025-06-globex-desktop-sunset  globex-desktop: priority sunset → deprioritized  Desktop: deprioritized
                2025-09-02  \(try short("HEAD~1"))  changed  2025-06-globex-desktop-sunset  changed                                          Correct desktop to sunset; the API broke
                2025-09-02  \(try short("HEAD~1"))  changed  cloud-api-stable               changed                                          Correct desktop to sunset; the API broke
                2025-09-02  \(try short("HEAD~1"))  status   2025-06-globex-desktop-sunset  globex-desktop: priority deprioritized → sunset  Correct desktop to sunset; the API broke
                2025-09-02  \(try short("HEAD~1"))  verdict  cloud-api-stable               verdict pending → broken (2025-09-01)            Correct desktop to sunset; the API broke

                """)
        let recorded = try vane("changes", "--from", "2025-09", "--to", "2026-03", "--recorded", "--format", "json", in: repo.root).stdout
        #expect(recorded.contains("\"what\" : \"verdict pending → broken (2025-09-01)\""))
        #expect(recorded.contains("\"what\" : \"globex-desktop: priority deprioritized → sunset\""))
        #expect(recorded.contains("\"kind\" : \"removed\""))
    }

    /// What is not committed yet is listed `now` as what it is: an entry added (never
    /// committed), removed (gone from the graph) or changed since its last commit.
    @Test func whatIsNotCommittedYetIsAddedChangedOrRemoved() throws {
        let repo = try history()
        try repo.kb.write(try repo.kb.read("Content/claims/cloud-prices-hold.md") + "\nA line.\n", to: "Content/claims/cloud-prices-hold.md")
        try repo.kb.write(try repo.kb.read("Content/claims/cloud-regions.md"), to: "Content/claims/cloud-regions-again.md")
        try repo.kb.remove("Content/claims/cloud-regions.md")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let csv = try vane("changes", "--recorded", "--from", "2000", "--to", "2999", "--format", "csv", in: repo.root).stdout
        let now = csv.components(separatedBy: "\r\n").filter { $0.hasPrefix("now,") }.map {
            $0.components(separatedBy: ",").prefix(3).joined(separator: ",")
        }
        #expect(
            now == [
                "now,changed,cloud-prices-hold", "now,removed,cloud-regions", "now,added,cloud-regions-again", "now,verdict,cloud-regions",
                "now,verdict,cloud-regions-again",
            ], "\(csv)")
        #expect(csv.contains("now,added,cloud-regions-again,\"added, not committed yet\","))
    }

    /// A version committed with an error (a quote left open), fixed in the next commit,
    /// says nothing: it is not every setting of the event withdrawn and then set again.
    @Test func aVersionThatDoesNotParseChangesNothing() throws {
        let repo = try history()
        let sunset = "Content/events/2025-06-globex-desktop-sunset.md"
        let good = try repo.kb.read(sunset)
        try repo.kb.write(good.replacingOccurrences(of: "title: ", with: "title: \"Open "), to: sunset)
        try repo.commit("Broken", on: "2026-03-02")
        try repo.kb.write(good, to: sunset)
        try repo.commit("Fixed", on: "2026-03-03")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let csv = try vane("changes", "--recorded", "--from", "2026-03", "--to", "2026-03", "--format", "csv", in: repo.root).stdout
        let kinds = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ",")[1] }
        #expect(kinds == ["changed", "changed"], "\(csv)")
    }

    /// `--known-at` a day before an entity got its id of today answers to that id too
    /// (`former_ids`): it was "no entry", and only the old id worked.
    @Test func knownAtReadsTheRecordThroughTodaysIDs() throws {
        let repo = try history()
        try repo.git("mv", "Content/entities/globex-desktop.md", "Content/entities/globex-workstation.md")
        try repo.kb.write(
            "---\nname: Globex Workstation\ntype: product\nparent: globex\nformer_ids: [globex-desktop]\n---\n",
            to: "Content/entities/globex-workstation.md")
        try repo.commit("Desktop is Workstation now", on: "2026-04-01")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let shown = try vane("show", "globex-workstation", "--known-at", "2025-12-31", in: repo.root)
        #expect(shown.status == 0 && shown.stdout.contains("Globex Desktop"), "\(shown.stderr)")
        let status = try vane("status", "--known-at", "2025-12-31", "--entity", "globex-workstation", "--format", "csv", in: repo.root)
        #expect(status.status == 0, "\(status.stderr)")
        let events = try vane("query", "events", "--known-at", "2025-12-31", "--entity", "globex-workstation", "--format", "csv", in: repo.root)
        #expect(events.status == 0 && events.stdout.contains("2025-06-globex-desktop-sunset"), "\(events.stderr)")
    }

    /// `--entity` keeps what the product's tree recorded: an event since removed that set
    /// its status (its `added` and `removed` rows were dropped, as it links to nothing now),
    /// and not what an event of the tree set for a product outside it.
    @Test func recordedChangesOfATreeKeepRemovedEventsAndNothingOutside() throws {
        let repo = try history()
        try repo.kb.write(
            "---\ntitle: Rumour\ndate: 2026-03-01\ntype: other\nentities: [globex-desktop, globex-cloud]\nstatus:\n"
                + "  globex-desktop: { priority: discontinued }\n  globex-cloud: { priority: sunset }\n---\n",
            to: "Content/events/2026-03-rumour.md")
        // Another product that names the tree's as its successor is not the tree's.
        try repo.kb.write(
            "---\nname: Legacy Suite\ntype: product\nparent: globex\nsuccessors: [globex-desktop]\n---\n", to: "Content/entities/legacy-suite.md")
        try repo.commit("Rumour", on: "2026-03-02")
        try repo.kb.write(
            "---\ntitle: Both\ndate: 2026-03-03\ntype: other\nentities: [globex-desktop, globex-cloud]\nstatus:\n"
                + "  globex-desktop: { availability: retired }\n  globex-cloud: { availability: deprecated }\n---\n",
            to: "Content/events/2026-03-both.md")
        try repo.commit("Both", on: "2026-03-04")
        try repo.git("rm", "-q", "Content/events/2026-03-rumour.md")
        try repo.git("commit", "-q", "-m", "Not so", at: "2026-03-09")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let csv = try vane(
            "changes", "--recorded", "--from", "2026-03", "--to", "2026-03", "--entity", "globex-desktop", "--format", "csv", in: repo.root
        ).stdout
        let rows = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map {
            $0.components(separatedBy: ",").prefix(3).joined(separator: " ")
        }
        #expect(
            rows == [
                "2026-03-02 added 2026-03-rumour", "2026-03-02 status 2026-03-rumour", "2026-03-04 added 2026-03-both",
                "2026-03-04 status 2026-03-both", "2026-03-09 removed 2026-03-rumour", "2026-03-09 status 2026-03-rumour",
            ], "\(csv)")
        #expect(!csv.contains("globex-cloud") && !csv.contains("legacy-suite"), "\(csv)")
    }

    /// An entry in a folder with a non-ASCII name has its recorded time (git quoted the path,
    /// and the entry had none).
    @Test func aFolderWithANonASCIINameIsRecorded() throws {
        let repo = try history()
        try FileManager.default.createDirectory(at: repo.kb.url("Content/events/über"), withIntermediateDirectories: true)
        try repo.kb.write(
            "---\ntitle: Umlaut\ndate: 2026-03-01\ntype: other\nentities: [globex]\n---\n", to: "Content/events/über/umlaut-event.md")
        try repo.commit("Umlaut", on: "2026-03-02")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let csv = try vane("changes", "--recorded", "--from", "2026-03", "--to", "2026-03", "--format", "csv", in: repo.root).stdout
        #expect(csv.contains("2026-03-02,added,umlaut-event,"), "\(csv)")
    }

    /// A commit changes no file, and yet the recorded changes the last build stored are out
    /// of date: `vane changes --recorded` says so until the next build.
    @Test func recordedChangesSayWhenCommitsCameSinceTheBuild() throws {
        let repo = try history()
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let arguments = ["changes", "--recorded", "--from", "2025", "--to", "2026"]
        #expect(try vane(arguments, in: repo.root).stderr.isEmpty)
        try repo.kb.write(try repo.kb.read("Content/claims/cloud-regions.md") + "\nA note.\n", to: "Content/claims/cloud-regions.md")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        try repo.commit("A note", on: "2026-04-01")
        let head = try repo.git("rev-parse", "--short=7", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(
            try vane(arguments, in: repo.root).stderr == "warning: commits were made since the last build (HEAD is \(head) now); run vane build\n")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        #expect(try vane(arguments, in: repo.root).stderr.isEmpty)
    }

    /// `ends: none` or `closes: none` written reads as a cancellation, not "none → none".
    @Test func aCancellationReadsAsOne() throws {
        let repo = try history()
        try repo.kb.write(
            "---\ntitle: Reprieve\ndate: 2025-10-01\ntype: statement\nentities: [globex]\nstatus:\n  globex-desktop: { ends: none, closes: none }\n---\n",
            to: "Content/events/2025-10-desktop-reprieve.md")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let text = try vane("changes", "--recorded", "--from", "2000", "--to", "2999", in: repo.root).stdout
        #expect(text.contains("globex-desktop: end cancelled ") && text.contains("globex-desktop: sign-ups closure cancelled "), "\(text)")
        #expect(!text.contains("none → none"), "\(text)")
        // The home page's What's new says it so too (it read "announced end recorded as none").
        let home = try repo.kb.read("public/index.html")
        #expect(
            home.contains(": Globex Desktop: end cancelled</li>") && home.contains(": Globex Desktop: sign-ups closure cancelled</li>"), "\(home)")
    }

    @Test func theHistorySectionTheFeedAndWhatIsNotCommittedYet() throws {
        let repo = try history()
        try repo.kb.write(try repo.kb.read("Content/entities/globex.md") + "\nA line not committed yet.\n", to: "Content/entities/globex.md")
        try repo.kb.write("---\nname: Initech\ntype: vendor\n---\nNew.\n", to: "Content/entities/initech.md")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        // A file never committed is new, not changed since a commit it never had.
        #expect(try repo.kb.read("public/entities/initech.html").contains("<p class=\"recorded\">Added, not committed yet</p>"))
        let event = try repo.kb.read("public/events/2025-06-globex-desktop-sunset.html")
        #expect(
            event.contains(
                "<p class=\"recorded\">Recorded <time datetime=\"2025-01-10\">10 January 2025</time> · last changed <time datetime=\"2025-09-02\">2 September 2025</time>"
            ))
        #expect(event.components(separatedBy: "<span class=\"badge\">changed</span>").count - 1 == 2)
        #expect(try repo.kb.read("public/entities/globex.html").contains(" · changed since, not committed yet</p>"))
        let feed = try repo.kb.read("public/feeds/changes.atom")
        let titles = feed.components(separatedBy: "<title>").dropFirst(2).map { $0.prefix { $0 != "<" } }
        // Newest first; within a commit, by entry. A verdict names its claim (by id when it is gone).
        #expect(
            titles.prefix(3) == [
                "cloud-fastest: verdict refuted (June 2024) → none",
                "The Globex Cloud API will stay stable: verdict pending → broken (1 September 2025)",
                "Globex Desktop: priority Deprioritized → Sunset",
            ])
        #expect(!feed.contains("not committed"))
        let home = try repo.kb.read("public/index.html")
        #expect(home.contains("<h2 id=\"whats-new\">What's new</h2>"))
        // A value written for the first time is recorded, not changed from nothing.
        // Dates as the site writes them (the feed read "recorded as broken (2025-06-01)").
        #expect(home.contains("</a>: verdict recorded as broken (1 June 2025)</li>"))
        #expect(home.contains("<code>cloud-fastest</code> (removed): verdict refuted (June 2024) → none</li>"))
        // Committing changes no file under Content/, and yet the next build sees it.
        try repo.commit("Note on Globex", on: "2026-03-01")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let globex = try repo.kb.read("public/entities/globex.html")
        #expect(!globex.contains("changed since, not committed yet"))
        #expect(
            globex.contains(
                "(<code>\(try repo.git("rev-parse", "--short", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines))</code>: Note on Globex)"
            ))
    }

    /// `recorded_time` scopes recorded time to a folder under Content/, or turns it off (as
    /// the bundled knowledge base does: its repository's commits are the tool's development).
    @Test func recordedTimeCanBeScopedOrTurnedOff() throws {
        let repo = try history()
        let event = "public/events/2025-06-globex-desktop-sunset.html"
        let claim = "public/claims/cloud-api-stable.html"
        try repo.kb.write("recorded_time: Content/events\n", to: "Site/config.yml")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        #expect(try repo.kb.read(event).contains("<p class=\"recorded\">Recorded <time datetime=\"2025-01-10\">"))
        #expect(!(try repo.kb.read(claim)).contains("<p class=\"recorded\">"))
        let feed = try repo.kb.read("public/feeds/changes.atom")
        #expect(feed.contains("Globex Desktop: priority Deprioritized → Sunset") && !feed.contains("verdict pending → broken"))
        try repo.kb.write("recorded_time: false\n", to: "Site/config.yml")
        let off = try vane("build", "--verbose", "--as-of", "2026-11-26", in: repo.root)
        #expect(off.status == 0)
        #expect(off.stderr.contains("note: recorded time is off (recorded_time: false in Site/config.yml)\n"))
        #expect(!(try repo.kb.read(event)).contains("<p class=\"recorded\">"))
        #expect(!FileManager.default.fileExists(atPath: repo.kb.url("public/feeds/changes.atom").path))
        #expect(!(try repo.kb.read("public/index.html")).contains("What's new"))
        try repo.kb.write("recorded_time: ../elsewhere\n", to: "Site/config.yml")
        let bad = try vane("build", in: repo.root)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("Site/config.yml:1:16: error: 'recorded_time' must be true, false or a folder under Content/ (Content/events)"))
    }

    @Test func aShallowCloneIsOneWarningAndTheBuildGoesOn() throws {
        let repo = try history()
        let clone = try TemporaryKnowledgeBase()
        try FileManager.default.removeItem(at: clone.root)
        _ = try run(repo.git, ["clone", "-q", "--depth", "1", "file://" + repo.root.path, clone.root.path])
        let build = try vane("build", "--strict", "--as-of", "2026-11-26", in: clone.root)
        #expect(build.status == 0)
        #expect(
            build.stderr
                == "warning: recorded time: a shallow clone: its history is cut, so recorded time would be wrong (fetch it whole with git fetch --unshallow); building without it\n"
        )
        #expect(!(try clone.read("public/events/2025-06-globex-desktop-sunset.html")).contains("class=\"history\""))
        // Without a git program to run, the same: one warning, and the build goes on.
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = clone.url("no-programs-here").path
        let noGit = try run(Repository.vane, ["build", "--as-of", "2026-11-26"], in: repo.root, environment: environment)
        #expect(noGit.status == 0)
        #expect(noGit.stderr.hasPrefix("warning: recorded time: git: ") && noGit.stderr.hasSuffix("; building without it\n"), "\(noGit.stderr)")
        // Outside a repository there is no recorded time, said once under --verbose.
        let plain = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let verbose = try vane("build", "--verbose", in: plain.root)
        #expect(verbose.stderr.components(separatedBy: "note: no git repository: the site has no recorded time\n").count == 2)
    }

    /// The claim at `path` refuted on 1 June 2025 (a verdict, which recorded time records).
    private func refute(_ path: String, in repo: GitKnowledgeBase) throws {
        try repo.kb.write(
            try repo.kb.read(path).replacingOccurrences(of: "verdict: pending", with: "verdict: refuted\nverdict_date: 2025-06-01"), to: path)
    }

    /// A site as of a day leaves out the commits dated after it whatever the day, today's
    /// or one to come too: a commit dated later by a wrong clock was in What's new and the
    /// feed of a site as of today, with a day after the site's own.
    @Test func aSiteAsOfADayLeavesOutLaterCommitsWhateverTheDay() throws {
        let repo = try history()
        let api = "Content/claims/cloud-api-breaks.md"
        try refute(api, in: repo)
        try repo.commit("A wrong clock", on: "2099-06-01")
        let wrong = try repo.git("rev-parse", "--short=7", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for (day, shown) in [(FuzzyDate.today().text, false), ("2099-05-31", false), ("2099-06-01", true)] {
            #expect(try vane("build", "--as-of", day, in: repo.root).status == 0)
            let feed = try repo.kb.read("public/feeds/changes.atom")
            #expect(feed.contains(wrong) == shown, "as of \(day): \(feed)")
            #expect(try repo.kb.read("public/index.html").contains("1 June 2099") == shown, "as of \(day)")
        }
    }

    /// A commit dated before its parent counts from its parent's time: `--known-at` and the
    /// recorded changes give its entries one day (the first read the files of a later day).
    /// One dated after today is warned of.
    @Test func aCommitDatedBeforeItsParentCountsFromItsParent() throws {
        let repo = try history()
        let api = "Content/claims/cloud-api-breaks.md"
        try refute(api, in: repo)
        try repo.commit("Back-dated: the API held", on: "2025-07-01")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let rows = try vane("changes", "--recorded", "--from", "2025-07", "--to", "2026-12", "--format", "csv", in: repo.root).stdout
            .components(separatedBy: "\r\n").filter { $0.contains(",cloud-api-breaks,") }
        #expect(rows.count == 2 && rows.allSatisfy { $0.hasPrefix("2026-02-01,") }, "\(rows)")
        func verdict(knownAt date: String) throws -> String {
            try vane("query", "claims", "--known-at", date, "--format", "csv", in: repo.root).stdout
                .components(separatedBy: "\r\n").first { $0.hasPrefix("cloud-api-breaks,") }?.components(separatedBy: ",")[3] ?? ""
        }
        #expect(try verdict(knownAt: "2025-07-31") == "pending")
        #expect(try verdict(knownAt: "2026-02-01") == "refuted")
        try repo.kb.write(try repo.kb.read(api).replacingOccurrences(of: "verdict: refuted", with: "verdict: confirmed"), to: api)
        try repo.commit("A wrong clock", on: "2099-01-01")
        let future = try vane("build", "--as-of", "2026-11-26", in: repo.root)
        #expect(future.stderr.contains("warning: recorded time: commit "), "\(future.stderr)")
        #expect(future.stderr.contains(" is dated 2099-01-01, after today ("), "\(future.stderr)")
        // Said again by a build that finds nothing changed, as long as it drives What's new
        // (the first build alone said it).
        let again = try vane("build", "--as-of", "2026-11-26", in: repo.root)
        #expect(again.stderr.contains(" is dated 2099-01-01, after today ("), "\(again.stderr)")
        // A child back-dated under it counts from its day: the commit the clock was wrong
        // for is named (the child was, with its parent's date), before the problems' count.
        let wrong = try repo.git("rev-parse", "--short=7", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try repo.kb.write(try repo.kb.read(api) + "\nLater.\n", to: api)
        try repo.commit("Back-dated again", on: "2026-01-01")
        let child = try vane("build", "--as-of", "2026-11-26", in: repo.root).stderr
        #expect(child.hasPrefix("warning: recorded time: commit \(wrong) is dated 2099-01-01, after today ("), "\(child)")
        #expect(child.contains("), and the commit after it counts from that day: "), "\(child)")
        // One after it dated later still counts from its own day: named, not counted with them.
        try repo.kb.write(try repo.kb.read(api) + "\nLater still.\n", to: api)
        try repo.commit("Later still", on: "2099-02-01")
        let latest = try repo.git("rev-parse", "--short=7", "HEAD").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let beyond = try vane("build", "--as-of", "2026-11-26", in: repo.root).stderr
        #expect(
            beyond.contains(
                "), and the commit after it counts from that day; so is \(latest), dated 2099-02-01: a site as of 2026-11-26 leaves it out; today's would say its changes on that day"
            ), "\(beyond)")
        // Today's site says them (it said so of a site as of a day that leaves the commit out too).
        let today = try vane("build", in: repo.root).stderr
        #expect(today.contains("dated 2099-02-01: What's new and the feeds say their changes on that day"), "\(today)")
    }

    /// A mistaken extension removed brings the first end back: the recorded change names the
    /// end in force after it (it read "end 2027-12-31 → none", cancelled in the feed).
    @Test func anExtensionRemovedBringsTheFirstEndBack() throws {
        let repo = try history()
        func end(_ date: String, _ on: String) -> String {
            "---\ntitle: End \(on)\ndate: \(date)\ntype: deprecation\nentities: [globex-cloud]\nstatus:\n  globex-cloud: { ends: \(on) }\n---\n"
        }
        try repo.kb.write(end("2026-03-01", "2027-06-30"), to: "Content/events/2026-03-cloud-end.md")
        try repo.commit("Cloud end", on: "2026-03-02")
        try repo.kb.write(end("2026-04-01", "2027-12-31"), to: "Content/events/2026-04-cloud-extension.md")
        try repo.commit("A rumoured extension", on: "2026-04-02")
        try repo.kb.remove("Content/events/2026-04-cloud-extension.md")
        try repo.commit("Not so", on: "2026-04-10")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let rows = try vane("changes", "--recorded", "--from", "2026-04-10", "--to", "2026-04-10", "--format", "csv", in: repo.root).stdout
            .components(separatedBy: "\r\n").filter { $0.contains(",end,") }
        #expect(rows.count == 1 && rows[0].contains("globex-cloud: end 2027-12-31 → 2027-06-30"), "\(rows)")
    }

    /// Recorded time turned off today is off for a site as recorded earlier too, though it
    /// takes that day's `Site/` (it published History, What's new and the changes feed).
    @Test func recordedTimeTurnedOffTodayIsOffForAnEarlierSite() throws {
        let repo = try history()
        let config = repo.kb.url("Site/config.yml")
        let text = (try? String(contentsOf: config, encoding: .utf8)) ?? ""
        try repo.kb.write(text + "\nrecorded_time: false\n", to: "Site/config.yml")
        try repo.commit("Recorded time off", on: "2026-03-01")
        let out = try TemporaryKnowledgeBase()
        #expect(try vane("build", "--known-at", "2025-12-31", "--out", out.root.path, in: repo.root).status == 0)
        let home = try String(contentsOf: out.root.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(!home.contains("id=\"whats-new\""), "\(home)")
        #expect(!FileManager.default.fileExists(atPath: out.root.appendingPathComponent("feeds/changes.atom").path))
    }

    /// Before the first commit, what is written is recorded "now" with what its changes do,
    /// as after a first commit of anything else (only bare "added" rows, and no What's new);
    /// the empty changes feed is dated the site's day (it read 1970).
    @Test func beforeTheFirstCommitChangesAreSaidAsAfterIt() throws {
        let repo = try GitKnowledgeBase(copying: [Repository.fixture("analysis/Content"), Repository.fixture("analysis/Site")])
        try repo.kb.remove("Content/reports")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let feed = try repo.kb.read("public/feeds/changes.atom")
        #expect(feed.contains("<updated>2026-11-26T00:00:00Z</updated>") && !feed.contains("<entry>"), "\(feed)")
        let changes = try vane("changes", "--recorded", "--from", "2020", "--to", "2999", in: repo.root).stdout
        #expect(changes.contains("globex-desktop: priority maintained → sunset"), "\(changes)")
        #expect(try repo.kb.read("public/index.html").contains("<h2 id=\"whats-new\">What's new</h2>"))
    }

    /// `--known-at` where the knowledge base is a subfolder of the repository, where nothing
    /// is committed, in a shallow clone, and for a day not yet come: an answer, or why not.
    @Test func knownAtReadsASubfolderAndSaysWhyItCannotAnswer() throws {
        let repo = try GitKnowledgeBase(copying: [])
        let kb = repo.root.appendingPathComponent("kb")
        try FileManager.default.createDirectory(at: kb, withIntermediateDirectories: true)
        for folder in ["analysis/Content", "analysis/Site"] {
            let source = Repository.fixture(folder)
            try FileManager.default.copyItem(at: source, to: kb.appendingPathComponent(source.lastPathComponent))
        }
        try FileManager.default.removeItem(at: kb.appendingPathComponent("Content/reports"))
        let nothing = try vane("status", "--known-at", "2025-03", in: kb)
        #expect(nothing.status == 1)
        #expect(nothing.stderr == "error: nothing is recorded yet: the repository has no commit (recorded time is read from commits)\n")
        try repo.commit("First record of Globex", on: "2025-01-10")
        let sub = try vane("status", "--known-at", "2025-03", "--entity", "globex", "--format", "csv", in: kb)
        #expect(sub.status == 0, "\(sub.stderr)")
        #expect(sub.stdout.contains(",globex-desktop,globex,"))
        let future = try vane("status", "--known-at", "2999-01", in: kb)
        #expect(future.status == 64)
        #expect(future.stderr.hasPrefix("error: --known-at 2999-01 is after today ("), "\(future.stderr)")

        let clone = try TemporaryKnowledgeBase()
        try FileManager.default.removeItem(at: clone.root)
        let whole = try history()
        _ = try run(whole.git, ["clone", "-q", "--depth", "1", "file://" + whole.root.path, clone.root.path])
        let shallow = try vane("status", "--known-at", "2025-03", in: clone.root)
        #expect(shallow.status == 1)
        #expect(
            shallow.stderr
                == "error: this clone is shallow: its history starts on 2026-02-01, after 2025-03, and what was recorded by then is not in it (run 'git fetch --unshallow' to read it)\n"
        )
        // Its first commit made on an evening west of UTC: the day said is the UTC day every
        // view counts it on (the committer's own day read "starts on 2026-11-10, after 2026-11-10").
        var evening = ProcessInfo.processInfo.environment
        evening["GIT_AUTHOR_DATE"] = "2026-11-10T23:30:00-05:00"
        evening["GIT_COMMITTER_DATE"] = "2026-11-10T23:30:00-05:00"
        try whole.kb.write(try whole.kb.read("Content/entities/globex.md") + "\nLate.\n", to: "Content/entities/globex.md")
        try whole.git("add", "-A")
        _ = try run(whole.git, ["commit", "-q", "-m", "Late evening in New York"], in: whole.root, environment: evening)
        let late = try TemporaryKnowledgeBase()
        try FileManager.default.removeItem(at: late.root)
        _ = try run(whole.git, ["clone", "-q", "--depth", "1", "file://" + whole.root.path, late.root.path])
        let west = try vane("status", "--known-at", "2026-11-10", in: late.root)
        #expect(west.stderr.hasPrefix("error: this clone is shallow: its history starts on 2026-11-11, after 2026-11-10,"), "\(west.stderr)")
        // Built there, `changes --recorded` says why there is no recorded time, as the build did.
        #expect(try vane("build", in: late.root).stderr.contains("warning: recorded time: a shallow clone"))
        let recorded = try vane("changes", "--recorded", "--from", "2026", "--to", "2026", in: late.root)
        #expect(
            recorded.stderr
                == "error: no recorded time in this database: at the last build, a shallow clone: its history is cut, so recorded time would be wrong (fetch it whole with git fetch --unshallow)\n",
            "\(recorded.stderr)")
    }

    /// A branch's commits count from its merge into the main line (`--first-parent`): what
    /// the knowledge base said on a day is what the main line had then, and the merge
    /// carries what the branch changed.
    @Test func aBranchIsRecordedWhenItIsMerged() throws {
        let repo = try history()
        let sunset = "Content/events/2025-06-globex-desktop-sunset.md"
        try repo.git("checkout", "-q", "-b", "side")
        try repo.kb.write(try repo.kb.read(sunset).replacingOccurrences(of: "priority: sunset", with: "priority: deprioritized"), to: sunset)
        try repo.git("commit", "-q", "-am", "Side: deprioritized", at: "2026-04-10")
        try repo.git("checkout", "-q", "main")
        try repo.kb.write(try repo.kb.read("Content/claims/cloud-regions.md") + "\nA note.\n", to: "Content/claims/cloud-regions.md")
        try repo.git("commit", "-q", "-am", "Main: a note", at: "2026-04-05")
        try repo.git("merge", "-q", "--no-ff", "--no-edit", "side", at: "2026-04-20")
        #expect(try priority(repo, knownAt: "2026-04-15") == "sunset")
        #expect(try priority(repo, knownAt: "2026-04-20") == "deprioritized")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let csv = try vane("changes", "--recorded", "--from", "2026-04", "--to", "2026-04", "--format", "csv", in: repo.root).stdout
        let moves = csv.components(separatedBy: "\r\n").filter { $0.contains("globex-desktop: priority") }
        #expect(moves.count == 1 && moves[0].hasPrefix("2026-04-20,"), "\(csv)")
    }

    /// `--known-at` a day before the knowledge base's folder was in the repository says so
    /// (it was git's "not a valid object name").
    @Test func knownAtBeforeTheFolderWasCommittedSaysSo() throws {
        let repo = try GitKnowledgeBase(copying: [])
        try repo.kb.write("A repository before its knowledge base.\n", to: "README.md")
        try repo.commit("Readme", on: "2024-01-10")
        let kb = repo.root.appendingPathComponent("kb")
        try FileManager.default.copyItem(at: Repository.fixture("small/Content"), to: kb.appendingPathComponent("Content"))
        try repo.commit("Knowledge base", on: "2025-01-10")
        let before = try vane("status", "--known-at", "2024-06", in: kb)
        #expect(before.status == 1)
        #expect(
            before.stderr.hasPrefix(
                "error: nothing was recorded by the end of 2024-06: the knowledge base's folder 'kb/' is not in the last commit by then ("),
            "\(before.stderr)")
    }

    /// An event not committed yet names the product's value before it, as it will once
    /// committed (it read `availability none → retired`, from the file's last commit alone).
    @Test func anUncommittedEventNamesTheProductsValue() throws {
        let repo = try history()
        try repo.kb.write(
            "---\ntitle: Desktop retired\ndate: 2026-02-01\ntype: shutdown\nentities: [globex-desktop]\nsources: [tech-daily-review]\n"
                + "status:\n  globex-desktop: { availability: retired, priority: discontinued }\n---\n",
            to: "Content/events/2026-02-globex-desktop-retired.md")
        func moves() throws -> [String] {
            try recordedRows(repo, containing: "2026-02-globex-desktop-retired", columns: [7, 8, 9, 10]).filter {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            }
        }
        let uncommitted = try moves()
        #expect(uncommitted == ["availability  deprecated retired", "priority  sunset discontinued"], "\(uncommitted)")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Desktop retired", at: "2026-02-02")
        #expect(try moves() == uncommitted)
    }

    /// Two files not committed yet, a new event and an edit of a committed one later in
    /// the year that sets the product's priority too: the edit is compared with the new
    /// event as it is, as the commit of both reads it (git lists a changed file before a
    /// new one, and the edit read the value from before the new event).
    @Test func anUncommittedEditReadsTheOtherUncommittedFilesAsTheyAre() throws {
        let repo = try history()
        try repo.kb.write(
            "---\ntitle: Cloud invested\ndate: 2025-03-01\ntype: statement\nentities: [globex-cloud]\nsources: [tech-daily-review]\n"
                + "status:\n  globex-cloud: { priority: invested }\n---\n",
            to: "Content/events/2025-03-globex-cloud-invested.md")
        let sunset = "Content/events/2025-06-globex-desktop-sunset.md"
        try repo.kb.write(
            try repo.kb.read(sunset).replacingOccurrences(of: "status:\n", with: "status:\n  globex-cloud: { priority: maintained }\n"), to: sunset)
        func moves() throws -> [String] { try recordedRows(repo, containing: "globex-cloud: priority", columns: [2, 3]).sorted() }
        let uncommitted = try moves()
        #expect(
            uncommitted == [
                "2025-03-globex-cloud-invested globex-cloud: priority flagship → invested",
                "2025-06-globex-desktop-sunset globex-cloud: priority invested → maintained",
            ], "\(uncommitted)")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Cloud invested, then maintained", at: "2026-02-02")
        #expect(try moves() == uncommitted)
        // A file moved to another id, not committed yet, moves nothing, as its commit will not
        // (its settings go with one id and come with the other in the same reading).
        try repo.git("mv", "Content/events/2025-03-globex-cloud-invested.md", "Content/events/2025-03-cloud-invested.md")
        #expect(try vane("build", "--as-of", "2026-11-26", in: repo.root).status == 0)
        let moved = try vane("changes", "--recorded", "--from", "2020", "--to", "2099", "--format", "csv", in: repo.root).stdout
        #expect(!moved.contains("2025-03-cloud-invested,globex-cloud: priority"), "\(moved)")
    }

    /// A file moved to another folder keeps its id and says nothing moved; a file renamed
    /// to another id moves no product; a date corrected moves what the event sets. Each was
    /// told as moves that never happened, or as nothing.
    @Test func aFileMovedRenamedOrRedatedIsToldAsItChanged() throws {
        let repo = try history()
        func recorded(on day: String) throws -> [String] {
            let build = try vane("build", "--as-of", "2026-11-26", in: repo.root)
            #expect(build.status == 0, "\(build.stderr)")
            let result = try vane("changes", "--recorded", "--from", day, "--to", day, "--format", "csv", in: repo.root)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map {
                $0.components(separatedBy: ",").enumerated().filter { [1, 2, 3].contains($0.offset) }.map(\.element).joined(separator: " ")
            }
        }
        let sunset = "Content/events/2025-06-globex-desktop-sunset.md"
        try FileManager.default.createDirectory(at: repo.kb.url("Content/events/2025"), withIntermediateDirectories: true)
        try repo.git("mv", sunset, "Content/events/2025/")
        try repo.git("commit", "-q", "-m", "File by year", at: "2026-03-01")
        #expect(try recorded(on: "2026-03-01") == ["changed 2025-06-globex-desktop-sunset changed"])
        // An uncommitted move, the same.
        try FileManager.default.createDirectory(at: repo.kb.url("Content/claims/2025"), withIntermediateDirectories: true)
        try repo.git("mv", "Content/claims/cloud-api-stable.md", "Content/claims/2025/")
        let now = try vane("changes", "--recorded", "--from", "2026-11-01", "--to", "2099", "--format", "csv", in: repo.root).stdout
        #expect(!now.contains("verdict"), "\(now)")
        try repo.git("commit", "-q", "-m", "Claims by year", at: "2026-03-02")
        try repo.git("mv", "Content/events/2025/2025-06-globex-desktop-sunset.md", "Content/events/2025/globex-desktop-sunset.md")
        try repo.git("commit", "-q", "-m", "Shorter id", at: "2026-03-03")
        let renamed = try recorded(on: "2026-03-03")
        #expect(renamed == ["removed 2025-06-globex-desktop-sunset removed", "added globex-desktop-sunset added"], "\(renamed)")
        // Two claims judged in one commit are two verdicts.
        for (claim, from, to) in [
            ("Content/claims/cloud-api-breaks.md", "verdict: pending", "verdict: confirmed\nverdict_date: 2026-03-01"),
            ("Content/claims/desktop-dead.md", "verdict: confirmed", "verdict: refuted"),
        ] {
            try repo.kb.write(try repo.kb.read(claim).replacingOccurrences(of: from, with: to), to: claim)
        }
        try repo.git("commit", "-q", "-am", "Both judged", at: "2026-03-03")
        let judged = try recorded(on: "2026-03-03").filter { $0.hasPrefix("verdict ") }
        #expect(judged.count == 2, "\(judged)")
        // An event with an end renamed to another id announces nothing new.
        try repo.kb.write(
            "---\ntitle: Cloud end\ndate: 2026-01-10\ntype: deprecation\nentities: [globex-cloud]\nstatus:\n  globex-cloud: { ends: 2027-06-30 }\n---\n",
            to: "Content/events/2026-01-cloud-end.md")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Cloud end", at: "2026-03-03")
        try repo.git("mv", "Content/events/2026-01-cloud-end.md", "Content/events/cloud-end.md")
        try repo.git("commit", "-q", "-m", "Shorter id for the end", at: "2026-03-08")
        #expect(try recorded(on: "2026-03-08") == ["removed 2026-01-cloud-end removed", "added cloud-end added"])
        let moved = "Content/events/2025/globex-desktop-sunset.md"
        try repo.kb.write(try repo.kb.read(moved).replacingOccurrences(of: "date: 2025-06", with: "date: 2025-03"), to: moved)
        try repo.git("commit", "-q", "-am", "The sunset came in March", at: "2026-03-09")
        // A closure's date is written as a date in words about it (it read "2026 10 31").
        try repo.kb.write(
            "---\ntitle: Sign-ups close\ndate: 2026-03-01\ntype: deprecation\nentities: [globex-cloud]\nstatus:\n  globex-cloud: { closes: 2026-10-31 }\n---\n",
            to: "Content/events/2026-03-cloud-closes.md")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "-m", "Cloud sign-ups close", at: "2026-03-10")
        #expect(try recorded(on: "2026-03-10").contains("status 2026-03-cloud-closes globex-cloud: sign-ups closure none → 2026-10-31"))
        let feed = try repo.kb.read("public/feeds/changes.atom")
        #expect(feed.contains("Globex Cloud: sign-ups closure recorded as 31 October 2026"), "\(feed)")
        let redated = try recorded(on: "2026-03-09")
        #expect(redated.first == "changed globex-desktop-sunset changed")
        #expect(redated.dropFirst().allSatisfy { $0.hasPrefix("status globex-desktop-sunset globex-desktop: ") } && redated.count > 1, "\(redated)")
        // Renamed and redated in one commit: the value at the old date is what the new file
        // leaves there, no reversal ("priority sunset → maintained" at June, never so).
        try repo.git("mv", "Content/events/2025/globex-desktop-sunset.md", "Content/events/2025/2025-02-desktop-sunset.md")
        let renamed2 = "Content/events/2025/2025-02-desktop-sunset.md"
        try repo.kb.write(try repo.kb.read(renamed2).replacingOccurrences(of: "date: 2025-03", with: "date: 2025-02"), to: renamed2)
        try repo.git("commit", "-q", "-am", "Renamed and redated", at: "2026-03-11")
        let both = try recorded(on: "2026-03-11").filter { $0.hasPrefix("status ") }
        #expect(
            both == [
                "status 2025-02-desktop-sunset globex-desktop: availability generally-available → deprecated",
                "status 2025-02-desktop-sunset globex-desktop: priority maintained → sunset",
            ], "\(both)")
    }

    /// A site as of a day shows what was recorded by then: a later commit's changes were
    /// on its home page, the entries they name marked "(removed)" as the site left them out.
    @Test func aSiteAsOfADayShowsWhatWasRecordedByThen() throws {
        // Recorded in May 2025 for an event ahead, dated December 2025.
        let repo = try history(cloudSunset: true)
        #expect(try vane("build", "--as-of", "2025-07", in: repo.root).status == 0)
        // Dated after the site's day: named, not said to be removed.
        #expect(
            try repo.kb.read("public/index.html").contains("<span class=\"later\" title=\"dated after this site's day\">Cloud sunset ahead</span>"))
        let home = try repo.kb.read("public/index.html")
        #expect(!home.contains("Correct desktop to sunset"), "\(home)")
        // Removed from the files since, by a commit after the site's day: said so; an entry
        // dated after the day is not "removed".
        let removed = home.components(separatedBy: "\n").filter { $0.contains("(removed") }
        #expect(
            !removed.isEmpty && removed.allSatisfy { $0.contains("<code>cloud-fastest</code> (removed after this site's day)") }, "\(removed)")
        let event = try repo.kb.read("public/events/2025-06-globex-desktop-sunset.html")
        #expect(event.contains("Desktop: deprioritized") && !event.contains("Correct desktop to sunset"))
        // As of today, everything recorded.
        #expect(try vane("build", in: repo.root).status == 0)
        #expect(try repo.kb.read("public/events/2025-06-globex-desktop-sunset.html").contains("Correct desktop to sunset"))
    }
}
