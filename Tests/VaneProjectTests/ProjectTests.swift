import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneTestSupport
import Yams

@testable import VaneProject

/// `vane init`, `vane theme eject` and the Datasette metadata, as library calls.
struct ProjectTests {
    private func emptyFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vane-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func initWritesAKnowledgeBaseThatChecksClean() throws {
        let dir = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try ProjectInit.create(at: dir, title: "Cloud \"risks\": ours", example: false, force: false)
        #expect(
            report.written == [
                ".github/workflows/vane.yml", ".gitignore", ".gitlab-ci.yml", "Content/claims/.gitkeep", "Content/entities/.gitkeep",
                "Content/events/.gitkeep", "Content/reports/.gitkeep", "Content/sources/.gitkeep", "Content/uses/.gitkeep", "README.md",
                "Site/config.yml",
            ])
        // The title survives YAML whatever it holds.
        let (config, diagnostics) = SiteConfigLoader.load(root: dir)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(config.title == "Cloud \"risks\": ours")
        let outcome = Pipeline.check(Pipeline.Options(root: dir))
        #expect(outcome.diagnostics.isEmpty && outcome.entries == 0, "\(outcome.diagnostics)")
        let ignored = try String(contentsOf: dir.appendingPathComponent(".gitignore"), encoding: .utf8)
        for path in ["/public/", "/vane.sqlite", "/.vane-build.lock"] { #expect(ignored.contains(path + "\n")) }
    }

    @Test func theExampleBuildsWithoutAWarningAndShowsItsProduct() throws {
        let dir = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try ProjectInit.create(at: dir, title: "Example", example: true, force: false)
        #expect(report.written.filter { $0.hasPrefix("Content/") && $0.hasSuffix(".md") }.count == 5)
        // Only the kind folders the example leaves empty keep a .gitkeep.
        #expect(report.written.filter { $0.hasSuffix(".gitkeep") } == ["Content/reports/.gitkeep", "Content/uses/.gitkeep"])
        var options = Pipeline.Options(root: dir, strict: true)
        options.today = fixedDay
        let outcome = Pipeline.build(options)
        #expect(outcome.succeeded && outcome.diagnostics.isEmpty, "\(outcome.diagnostics) \(String(describing: outcome.failure))")
        let status = try String(contentsOf: dir.appendingPathComponent("public/status.html"), encoding: .utf8)
        #expect(status.contains("Example Queue"))
        #expect(status.contains("Deprioritized"))
    }

    @Test func aFolderWithFilesIsRefusedAndForceKeepsWhatIsThere() throws {
        let dir = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("mine\n".utf8).write(to: dir.appendingPathComponent("README.md"))
        #expect(throws: ProjectInit.Failure.self) { try ProjectInit.create(at: dir, title: "X", example: false, force: false) }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Site/config.yml").path))
        let report = try ProjectInit.create(at: dir, title: "X", example: false, force: true)
        #expect(report.kept == ["README.md"])
        #expect(report.written.contains("Site/config.yml"))
        #expect(try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8) == "mine\n")
    }

    @Test func theCITemplatesAreYAMLThatChecksPullRequestsAndPublishesMain() throws {
        let github = try #require(try Yams.load(yaml: ProjectFiles.all["init/github-workflow.yml"]!) as? [String: Any])
        let jobs = try #require(github["jobs"] as? [String: Any])
        #expect(Set(jobs.keys) == ["build", "deploy"])
        // In its container the job is root and the checkout is the runner's: git must be told
        // to trust it, after the whole history is fetched, or recorded time is left out.
        let steps = try #require((jobs["build"] as? [String: Any])?["steps"] as? [[String: Any]])
        let checkout = try #require(steps.firstIndex { ($0["uses"] as? String)?.hasPrefix("actions/checkout") == true })
        #expect(((steps[checkout]["with"] as? [String: Any])?["fetch-depth"] as? Int) == 0)
        let trust = try #require(steps.firstIndex { ($0["run"] as? String)?.contains("safe.directory \"$GITHUB_WORKSPACE\"") == true })
        let build = try #require(steps.firstIndex { ($0["run"] as? String) == "vane build" })
        #expect(checkout < trust && trust < build)
        let gitlab = try #require(try Yams.load(yaml: ProjectFiles.all["init/gitlab-ci.yml"]!) as? [String: Any])
        #expect((gitlab["pages"] as? [String: Any])?["script"] as? [String] == ["vane build"])
        #expect((gitlab["check"] as? [String: Any])?["script"] as? [String] == ["vane check --strict"])
    }

    @Test func ejectingTheThemeChangesNoByteOfTheSite() throws {
        let plain = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let ejected = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let report = try ThemeEject.eject(root: ejected.root, force: false)
        #expect(report.written.contains("Site/templates/layout.mustache"))
        #expect(report.written.contains("Site/assets/style.css"))
        for kb in [plain, ejected] {
            #expect(Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay)).succeeded)
        }
        #expect(differences(snapshot(of: plain.url("public")), snapshot(of: ejected.url("public"))).isEmpty)
        // An edited template is an override: ejecting again keeps it.
        try ejected.write("edited", to: "Site/templates/layout.mustache")
        let again = try ThemeEject.eject(root: ejected.root, force: false)
        #expect(again.written.isEmpty && again.kept.contains("Site/templates/layout.mustache"))
        #expect(try ejected.read("Site/templates/layout.mustache") == "edited")
    }

    @Test func theDatasetteMetadataCarriesTheSettings() throws {
        var config = SiteConfig()
        config.title = "Our \"risks\""
        config.license = "CC BY 4.0"
        config.licenseURL = "https://creativecommons.org/licenses/by/4.0/"
        let text = PublishedDatabase.metadata(config, asOf: try FuzzyDate(parsing: "2026-06"))
        let metadata = try #require(try Yams.load(yaml: text) as? [String: Any])
        // The canned queries read the day the site was built for, whatever the tables hold (a
        // site of claims alone has no board, and read the machine's day).
        #expect(text.contains("END <= '2026-06-30')") && !text.contains("date('now')") && !text.contains("{{AS_OF_END}}"))
        #expect(metadata["title"] as? String == "Our \"risks\"")
        #expect(metadata["license"] as? String == "CC BY 4.0")
        #expect(metadata["source_url"] == nil || metadata["source_url"] is NSNull)
        let queries = ((metadata["databases"] as? [String: Any])?["vane"] as? [String: Any])?["queries"] as? [String: Any]
        #expect(Set(queries?.keys.map { $0 } ?? []) == ["stranded", "announced_ends", "uses_ending_soon", "broken_commitments"])
    }

    @Test func theEmbeddedTemplatesAreTheFilesOfTemplates() throws {
        let folder = Repository.root.appendingPathComponent("Templates")
        let files = snapshot(of: folder)
        #expect(Set(files.keys) == Set(ProjectFiles.all.keys), "run `make theme`")
        for (path, data) in files { #expect(ProjectFiles.all[path] == String(decoding: data, as: UTF8.self), "run `make theme`: \(path) differs") }
    }
}
