import Foundation
import Testing
import VaneTestSupport

/// What a check of the command line against every claim of the README found, each by its
/// exact output.
struct ReadmeConformanceTests {
    /// A copy of the bundled knowledge base, built.
    private func bundled() throws -> TemporaryKnowledgeBase {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
        #expect(try vane("build", in: kb.root).status == 0)
        return kb
    }

    /// One setting given two ways, or one option twice, is a usage error: the parser kept
    /// one of them in silence (`--entity meta --entity openai` listed OpenAI's events alone).
    @Test func optionsThatContradictOrRepeatAreRefused() throws {
        let kb = try bundled()
        let twice = try vane("query", "events", "--entity", "meta", "--entity", "openai", in: kb.root)
        #expect(twice.status == 64 && twice.stdout.isEmpty, "\(twice.stdout)")
        #expect(twice.stderr == "error: --entity is given twice; it takes one value (see 'vane query --help')\n", "\(twice.stderr)")
        #expect(try vane("status", "--format", "json", "--format=csv", in: kb.root).status == 64)
        let both = try vane("show", "meta", "--json", "--format", "text", in: kb.root)
        #expect(both.status == 64 && both.stderr == "error: --json and --format text ask for two formats; give one\n", "\(both.stderr)")
        #expect(try vane("show", "meta", "--json", "--format", "json", in: kb.root).status == 0)
        // A value that may start with `-` is no option, nor anything after `--`.
        #expect(try vane("query", "events", "--text", "--entity", "--entity", "meta", in: kb.root).status == 0)
        #expect(try vane("sql", "--format", "csv", "--", "SELECT '--format' AS x", in: kb.root).stdout == "x\r\n--format\r\n")
        // A tag is found whatever its case, as an id is.
        let lower = try vane("query", "events", "--tag", "api", "--format", "csv", in: kb.root).stdout
        let upper = try vane("query", "events", "--tag", "API", "--format", "csv", in: kb.root).stdout
        #expect(lower.split(separator: "\r\n").count > 1 && upper == lower, "\(upper)")
        // An empty window is said, as `vane changes --from` after `--to` is.
        let window = try vane("query", "events", "--since", "2026", "--until", "2025", in: kb.root)
        #expect(window.status == 64 && window.stderr == "error: --since 2026 is after --until 2025\n", "\(window.stderr)")
    }

    /// A root that is a file is no folder; a `--db` that is a folder is no database ("disk
    /// I/O error"); `vane help import endofife` is a mistyped command, as `vane import endofife` is.
    @Test func wrongPlacesAreSaidAsSuch() throws {
        let kb = try bundled()
        let file = kb.root.appendingPathComponent("Content/entities/meta.md").path
        for command in [["status"], ["check"], ["build"], ["new", "event", "X"], ["saved"]] {
            let result = try vane(command + ["--root", file], in: kb.root)
            #expect(result.status == 1 && result.stderr.hasPrefix("error: no folder \(file) (run vane"), "\(command): \(result.stderr)")
        }
        let saved = try vane("saved", "--root", "nosuch", in: kb.root)
        #expect(saved.status == 1 && saved.stderr.hasPrefix("error: no folder "), "\(saved.stderr)")
        try FileManager.default.createDirectory(at: kb.root.appendingPathComponent("dbdir"), withIntermediateDirectories: true)
        for command in [["status"], ["check"], ["build"]] {
            let result = try vane(command + ["--db", "dbdir"], in: kb.root)
            #expect(result.status == 64 && result.stderr.hasPrefix("error: --db dbdir is a folder; name the database file"), "\(result.stderr)")
        }
        let help = try vane("help", "import", "endofife", in: kb.root)
        #expect(help.status == 64 && help.stderr.contains("unknown import command 'endofife' (did you mean 'endoflife'?)"), "\(help.stderr)")
        let shown = try vane("show", "Content/entities/meta.md", in: kb.root)
        #expect(shown.status == 64 && shown.stderr.contains("did you mean 'meta'?"), "\(shown.stderr)")
    }

    /// A test that sets a day `vane` cannot read would run on the machine's day.
    @Test func aMalformedTodayIsRefused() throws {
        let kb = try bundled()
        for day in ["garbage", "2027-02-30", "2027-01", "~2027-01-01"] {
            var environment = ProcessInfo.processInfo.environment
            environment["VANE_TODAY"] = day
            let result = try run(Repository.vane, ["ends"], in: kb.root, environment: environment)
            #expect(result.status == 64 && result.stderr == "error: VANE_TODAY='\(day)' is not a day (YYYY-MM-DD)\n", "\(day): \(result.stderr)")
        }
    }

    /// The status CSV's `ends` column holds end dates only: a closure has columns of its own
    /// (`closes 2027-01-31` in it read as an end); a verdict reached reads from and to; a
    /// tag is found whatever its case; an empty exposure or countdown says why.
    @Test func rowsSayWhatTheirColumnsSay() throws {
        let kb = try TemporaryKnowledgeBase()
        #expect(try vane("init", "t", "--example", in: kb.root).status == 0)
        let root = kb.root.appendingPathComponent("t")
        let event = root.appendingPathComponent("Content/events/2026-09-15-example-queue-maintenance.md")
        let text = try String(contentsOf: event, encoding: .utf8)
        try text.replacingOccurrences(of: ", ends: 2027-09-30", with: ", closes: 2027-01-31").write(to: event, atomically: true, encoding: .utf8)
        #expect(try vane("build", in: root).status == 0)
        let csv = try vane("status", "--as-of", "2026-12-06", "--format", "csv", in: root).stdout
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first?.hasSuffix(",successors,closes,closes_channel,closes_notice") == true, "\(csv)")
        let row = try #require(lines.dropFirst().first)
        #expect(!row.contains("closes 2027") && row.hasSuffix(",2027-01-31,,138"), "\(row)")
        let exposure = try vane("exposure", in: root)
        #expect(exposure.status == 0 && exposure.stderr.hasPrefix("no use is recorded"), "\(exposure.stderr)")
        let ends = try vane("ends", "--entity", "example-cloud", "--as-of", "2026-12-06", in: root)
        #expect(ends.stderr == "no end is announced ahead in example-cloud's tree (--within DAYS lists those that passed)\n", "\(ends.stderr)")
    }

    @Test func aVerdictReachedReadsFromPendingToTheVerdict() throws {
        let kb = try TemporaryKnowledgeBase()
        #expect(try vane("init", "t", "--example", in: kb.root).status == 0)
        let root = kb.root.appendingPathComponent("t")
        let claim = try #require(
            try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Content/claims").path).first { $0.hasSuffix(".md") })
        let path = root.appendingPathComponent("Content/claims/\(claim)")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(
            of: "verdict: pending", with: "verdict: kept\nverdict_date: 2026-11-20\nverdict_sources: [example-cloud-queue-announcement]"
        )
        .write(to: path, atomically: true, encoding: .utf8)
        #expect(try vane("build", in: root).status == 0)
        let json = try vane("changes", "--from", "2026-11", "--to", "2026-11", "--format", "json", in: root).stdout
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let verdict = try #require(rows.first { $0["kind"] as? String == "verdict" }, "\(json)")
        #expect(
            verdict["from"] as? String == "pending" && verdict["to"] as? String == "kept" && verdict["axis"] as? String == "verdict", "\(verdict)")
    }
}
