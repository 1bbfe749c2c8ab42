import Foundation
import GRDB
import Testing
import VaneTestSupport

/// `make install`, `vane init`, the CI templates' commands and the database published for
/// Datasette, end to end through the real programs.
struct ProjectCLITests {
    private func temporaryFolder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vane-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test(.tags(.external), .fullTierOnly) func makeInstallThenInitCheckAndBuild() throws {
        guard let make = ExternalTool.require("make", variable: "VANE_MAKE"), let bash = ExternalTool.require("bash", variable: "VANE_BASH") else {
            return
        }
        let prefix = try temporaryFolder("prefix")
        defer { try? FileManager.default.removeItem(at: prefix) }
        // The binary this test run built, so that make does not start a second Swift build.
        let install = try run(make, ["-s", "install", "PREFIX=\(prefix.path)", "VANE_BINARY=\(Repository.vane.path)"], in: Repository.root)
        #expect(install.status == 0, "\(install.stderr)")
        let installed = [
            "bin/vane", "share/man/man1/vane.1", "share/bash-completion/completions/vane", "share/zsh/site-functions/_vane",
            "share/fish/vendor_completions.d/vane.fish",
        ]
        for path in installed { #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)") }
        let vane = prefix.appendingPathComponent("bin/vane")

        let kb = prefix.appendingPathComponent("kb")
        let created = try run(vane, ["init", kb.path, "--example"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stderr.contains("created 12 files"), "\(created.stderr)")
        let check = try run(vane, ["check", "--strict"], in: kb)
        #expect(check.status == 0 && check.stderr == "ok: 5 entries checked\n", "\(check.stderr)")
        let build = try run(vane, ["build"], in: kb)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: kb.appendingPathComponent("public/entities/example-queue.html").path))
        // init refuses the folder now that it is not empty.
        let again = try run(vane, ["init", kb.path])
        #expect(again.status == 1 && again.stderr.contains("is not empty"), "\(again.stderr)")

        let completion = prefix.appendingPathComponent("share/bash-completion/completions/vane").path
        let loaded = try run(bash, ["-c", "source '\(completion)' && complete -p vane"])
        #expect(loaded.status == 0 && loaded.stdout.contains(" vane\n"), "\(loaded.stdout)\(loaded.stderr)")

        let uninstall = try run(make, ["-s", "uninstall", "PREFIX=\(prefix.path)"], in: Repository.root)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        for path in installed { #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)") }
    }

    /// `faketime` is how this project moves the clock for a run: `vane` must start under it
    /// and take its day from the moved clock (an allocator linked in once hung before `main`
    /// under it; see "jemalloc, measured and left out" in the README).
    @Test(.tags(.external), .fullTierOnly) func vaneRunsUnderFaketimeAndTakesItsDayFromIt() throws {
        guard let faketime = ExternalTool.require("faketime", variable: "VANE_FAKETIME") else { return }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        var environment = ProcessInfo.processInfo.environment
        environment["VANE_TODAY"] = nil
        // KILL: the test runner's children inherit blocked signals, so TERM would wait.
        let made = try run(
            URL(fileURLWithPath: "/usr/bin/timeout"),
            ["-s", "KILL", "60", faketime.path, "2027-06-01 12:00:00", Repository.vane.path, "new", "event", "The clock moved"], in: kb.root,
            environment: environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout == "Content/events/the-clock-moved.md\n")
        #expect(try kb.read("Content/events/the-clock-moved.md").contains("\ndate: 2027-06-01\n"))
    }

    /// A read under a moved clock, of a graph built with the machine's, says nothing changed
    /// when nothing did (`faketime` moves the times `stat` gives: every read warned that
    /// `Site/config.yml` changed, while the walk of `Content/` saw it right).
    @Test(.tags(.external), .fullTierOnly) func aReadUnderFaketimeSeesNothingChanged() throws {
        guard let faketime = ExternalTool.require("faketime", variable: "VANE_FAKETIME") else { return }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("title: Small\n", to: "Site/config.yml")
        #expect(try vane("build", in: kb.root).status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["VANE_TODAY"] = nil
        environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        let read = try run(
            URL(fileURLWithPath: "/usr/bin/timeout"),
            ["-s", "KILL", "60", faketime.path, "2027-06-01 12:00:00", Repository.vane.path, "ends", "--within", "5000"], in: kb.root,
            environment: environment)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(!read.stderr.contains("changed since the last build"), "\(read.stderr)")
        // And one made since is said all the same.
        try kb.write("title: Small, retitled\n", to: "Site/config.yml")
        let stale = try run(
            URL(fileURLWithPath: "/usr/bin/timeout"),
            ["-s", "KILL", "60", faketime.path, "2027-06-01 12:00:00", Repository.vane.path, "ends", "--within", "5000"], in: kb.root,
            environment: environment)
        #expect(stale.stderr.contains("warning: Site/config.yml changed since the last build; run vane build"), "\(stale.stderr)")
    }

    /// A knowledge base made in a folder of an existing repository says that its CI templates
    /// belong at the repository's top (they were written where GitHub and GitLab never look,
    /// and nothing said so); at the top, nothing is said.
    @Test func initInsideARepositorySaysWhereCITemplatesGo() throws {
        let repo = try temporaryFolder("repo")
        defer { try? FileManager.default.removeItem(at: repo) }
        let git = executable(named: "git") ?? URL(fileURLWithPath: "/usr/bin/git")
        #expect(try run(git, ["init", "-q", repo.path]).status == 0)
        let inside = try vane(["init", repo.appendingPathComponent("kb").path], in: repo)
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(
            inside.stderr.contains("is inside the git repository at ") && inside.stderr.contains("run vane in kb (cd kb in each job)"),
            "\(inside.stderr)")
        let top = try vane(["init", repo.path, "--force"], in: repo)
        #expect(!top.stderr.contains("inside the git repository"), "\(top.stderr)")
    }

    /// Every `vane` command line of the CI templates runs, as written, in a new knowledge base.
    @Test func theCITemplatesNameOnlyCommandsThatWork() throws {
        let kb = try temporaryFolder("ci")
        defer { try? FileManager.default.removeItem(at: kb) }
        let created = try vane(["init", kb.path, "--example", "--force"], in: kb)
        #expect(created.status == 0, "\(created.stderr)")
        var commands: Set<String> = []
        for file in [".github/workflows/vane.yml", ".gitlab-ci.yml"] {
            let text = try String(contentsOf: kb.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                for prefix in ["run: vane ", "- vane "] where trimmed.hasPrefix(prefix) {
                    commands.insert(String(trimmed.dropFirst(prefix.count - "vane ".count)))
                }
            }
        }
        #expect(commands == ["vane --help", "vane check --strict", "vane build"])
        for command in commands.sorted() {
            let arguments = command.split(separator: " ").dropFirst().map(String.init)
            let result = try vane(arguments, in: kb)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
    }

    @Test func themeEjectWritesTheDefaultThemeAndKeepsOverrides() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("{{! mine }}", to: "Site/templates/404.mustache")
        let first = try vane("theme", "eject", in: kb.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("kept Site/templates/404.mustache (edited; --force overwrites it)\n"))
        #expect(try kb.read("Site/templates/404.mustache") == "{{! mine }}")
        #expect(
            try kb.read("Site/assets/style.css") == String(contentsOf: Repository.site.appendingPathComponent("assets/style.css"), encoding: .utf8))
        // Again: what is the default's already is neither kept nor written; --force names
        // the edit it overwrites.
        try kb.write("/* mine */", to: "Site/assets/style.css")
        let again = try vane("theme", "eject", in: kb.root)
        #expect(
            again.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("kept ") }
                == [
                    "kept Site/assets/style.css (edited; --force overwrites it)", "kept Site/templates/404.mustache (edited; --force overwrites it)",
                ],
            "\(again.stderr)")
        #expect(again.stderr.contains("wrote 0 files into Site/ (") && again.stderr.hasSuffix(" already the default's, left as they were)\n"))
        let forced = try vane("theme", "eject", "--force", in: kb.root)
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("replaced Site/assets/style.css (your edit is overwritten)\n"), "\(forced.stderr)")
        #expect(forced.stderr.contains("replaced Site/templates/404.mustache (your edit is overwritten)\n"))
        #expect(
            try kb.read("Site/templates/404.mustache")
                == String(contentsOf: Repository.site.appendingPathComponent("templates/404.mustache"), encoding: .utf8))
    }

    /// A folder on the way that is a file, or a link to nothing where a file goes, is named
    /// before anything is written (the eject stopped halfway, blaming the file it was writing).
    @Test func themeEjectNamesWhatIsInItsWayAndWritesNothing() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("x\n", to: "Site/templates")
        let file = try vane("theme", "eject", in: kb.root)
        #expect(file.status == 1)
        #expect(file.stderr == "error: cannot write '\(kb.url("Site/templates").path)': it is a file, not a folder\n", "\(file.stderr)")
        #expect(!FileManager.default.fileExists(atPath: kb.url("Site/assets").path))
        try FileManager.default.removeItem(at: kb.url("Site/templates"))
        try FileManager.default.createDirectory(at: kb.url("Site/templates"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: kb.url("Site/templates/event.mustache").path, withDestinationPath: "/nonexistent")
        let link = try vane("theme", "eject", in: kb.root)
        #expect(link.status == 1)
        #expect(
            link.stderr
                == "error: cannot write '\(kb.url("Site/templates/event.mustache").path)': a symbolic link to nothing ('/nonexistent') is in its place: remove it\n",
            "\(link.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: kb.url("Site/templates").path) == ["event.mustache"])
        // A folder where a template goes, with --force too (it was "kept (edited)", and
        // --force wrote part of the theme before failing).
        try FileManager.default.removeItem(at: kb.url("Site/templates/event.mustache"))
        try FileManager.default.createDirectory(at: kb.url("Site/templates/event.mustache"), withIntermediateDirectories: true)
        for arguments in [["theme", "eject"], ["theme", "eject", "--force"]] {
            let folder = try vane(arguments, in: kb.root)
            #expect(folder.status == 1)
            #expect(
                folder.stderr == "error: cannot write '\(kb.url("Site/templates/event.mustache").path)': a folder is in its place: move it away\n",
                "\(folder.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: kb.url("Site/templates").path) == ["event.mustache"])
        // A pipe where a template goes (it was kept as an "edited" override, then passed over).
        try FileManager.default.removeItem(at: kb.url("Site/templates/event.mustache"))
        #expect(mkfifo(kb.url("Site/templates/event.mustache").path, 0o644) == 0)
        let pipe = try vane("theme", "eject", in: kb.root)
        #expect(
            pipe.status == 1
                && pipe.stderr.contains("event.mustache': something that is no file (a pipe, a device, a socket) is in its place: remove it"),
            "\(pipe.stderr)")
        // `vane init` at a link to nothing says so (the first file it wrote was blamed).
        let parent = try TemporaryKnowledgeBase()
        try FileManager.default.createSymbolicLink(atPath: parent.url("kb").path, withDestinationPath: "/nonexistent/kb")
        let dangling = try vane("init", "kb", in: parent.root)
        #expect(
            dangling.status == 1 && dangling.stderr == "error: 'kb' is a symbolic link to nothing: remove it, or give another folder\n",
            "\(dangling.stderr)")
    }

    /// A Hugo author's habits, each said or mended (trial T12): `Site/config.yaml` and
    /// `Site/static/` are named as not read, with the name meant (the site lost its title and
    /// `base_url` in silence); text inside `{{<layout}}` outside its blocks is said to be
    /// never shown; a layout reading `current.reports` is no "unknown name" when the reports
    /// page has a template of its own; a template's byte-order mark is dropped; uses are counted.
    @Test func aHugoAuthorsHabitsAreSaid() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("title: Mine\n", to: "Site/config.yaml")
        try kb.write("x\n", to: "Site/static/a.txt")
        let stray = try vane("check", in: kb.root)
        #expect(
            stray.stderr
                == "Site/config.yaml: warning: is not read (did you mean 'config.yml'?): Site/ holds config.yml, queries.yml, templates/ and assets/\n"
                + "Site/static: warning: is not read (did you mean 'assets'?): Site/ holds config.yml, queries.yml, templates/ and assets/\n"
                + "0 errors, 2 warnings\n", "\(stray.stderr)")
        try kb.remove("Site/config.yaml")
        try kb.remove("Site/static")
        let reports = try String(contentsOf: Repository.site.appendingPathComponent("templates/reports.mustache"), encoding: .utf8)
        try kb.write("{{<layout}}<p>OUTSIDE {{dispaly}}</p>\n" + reports.dropFirst("{{<layout}}".count), to: "Site/templates/reports.mustache")
        let outside = try vane("check", in: kb.root)
        #expect(
            outside.stderr.hasPrefix(
                "Site/templates/reports.mustache:1:12: warning: written inside '{{<layout}}' outside its blocks, so it is never shown: put it in a block ({{$content}} … {{/content}})\n"
            ), "\(outside.stderr)")
        // Lines ended by CRLF are lines (a split by characters kept them together, and trapped).
        try kb.write("{{<layout}}\r\n\r\n<p>OUT</p>\r\n{{$content}}x{{/content}}{{/layout}}\r\n", to: "Site/templates/reports.mustache")
        let crlf = try vane("check", in: kb.root)
        #expect(crlf.status == 0 && crlf.stderr.hasPrefix("Site/templates/reports.mustache:3:1: warning: written inside"), "\(crlf.stderr)")
        // A reports page of its own, without the layout; a partial saved with a byte-order mark.
        try kb.write(
            "\u{FEFF}<!DOCTYPE html>\n<html lang=\"en\"><head><title>{{pageTitle}}</title></head><body><p>{{counts.usesText}}</p></body></html>\n",
            to: "Site/templates/reports.mustache")
        let own = try vane("build", "--strict", "--as-of", "2026-11-30", in: kb.root)
        #expect(own.status == 0 && own.stderr.isEmpty, "\(own.stderr)")
        let page = try kb.read("public/reports.html")
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<p>0 uses</p>"), "\(page)")
    }

    /// A theme's mistakes are said where they are: an unknown partial is an error when the
    /// theme loads; a name no view model has is a warning once the pages render (an error
    /// under --strict, and the last site stays).
    @Test func themesFailLoudly() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).stderr.isEmpty)
        let page = try kb.read("public/events/2026-coyote-launch.html")
        try kb.write(
            "<p>\n{{#datetime}}<time>{{dispaly}}</time>{{/datetime}}{{^datetime}}{{display}}{{/datetime}}\n</p>\n",
            to: "Site/templates/partials/date.mustache")
        let warning =
            "Site/templates/partials/date.mustache:2:22: warning: 'dispaly' is in no view model of this template, so it renders empty (did you mean 'display'?)\n"
        let strict = try vane("build", "--as-of", "2026-11-30", "--strict", in: kb.root)
        #expect(strict.status == 1)
        #expect(strict.stderr == warning.replacingOccurrences(of: "warning:", with: "error:") + "1 error, 0 warnings\n")
        #expect(try kb.read("public/events/2026-coyote-launch.html") == page)
        let built = try vane("build", "--as-of", "2026-11-30", in: kb.root)
        #expect(built.status == 0 && built.stderr == warning + "0 errors, 1 warning\n")
        // Nothing changed: the warning is said again, not forgotten.
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).stderr == warning + "0 errors, 1 warning\n")
        // vane check finds it too, rendering the pages in memory (it said "ok", so a strict
        // build failed after a strict check passed).
        #expect(try vane("check", in: kb.root).stderr == warning + "0 errors, 1 warning\n")
        let strictCheck = try vane("check", "--strict", in: kb.root)
        #expect(strictCheck.status == 1 && strictCheck.stderr == strict.stderr, "\(strictCheck.stderr)")
        try kb.write("{{> partials/dat}}\n", to: "Site/templates/partials/move.mustache")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.hasPrefix(
                "Site/templates/partials/move.mustache:1:5: error: unknown partial 'partials/dat' (did you mean 'partials/date'?): no template has that name\n"
            ))
        // A page that fills the layout's blocks: each name where it is written, not at the
        // layout's first line, and a letter swap is one edit (`titel` → `title`).
        try kb.remove("Site/templates/partials/move.mustache")
        try kb.remove("Site/templates/partials/date.mustache")
        let entity = try String(contentsOf: Repository.site.appendingPathComponent("templates/entity.mustache"), encoding: .utf8)
        try kb.write(entity.replacingOccurrences(of: "<h1>{{title}}</h1>", with: "<h1>{{title}}</h1>{{titel}}"), to: "Site/templates/entity.mustache")
        let line = entity.components(separatedBy: "\n").firstIndex { $0.contains("<h1>{{title}}</h1>") }! + 1
        let inherited = try vane("build", "--as-of", "2026-11-30", in: kb.root)
        #expect(
            inherited.stderr
                == "Site/templates/entity.mustache:\(line):21: warning: 'titel' is in no view model of this template, so it renders empty (did you mean 'title'?)\n0 errors, 1 warning\n",
            "\(inherited.stderr)")
    }

    /// A partial that includes itself crashed the build (the stack ran out): outside any
    /// section it is an error when the theme loads, at the tag that closes the circle;
    /// inside a section true at every level it is cut where it nests too deep, an error,
    /// and the last site stays.
    @Test func aPartialThatIncludesItselfIsAnErrorNotACrash() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).status == 0)
        let page = try kb.read("public/index.html")
        try kb.write("<p>a</p>\n{{> partials/b}}\n", to: "Site/templates/partials/a.mustache")
        try kb.write("<p>b</p>\n  {{> partials/a}}\n", to: "Site/templates/partials/b.mustache")
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.contains(
                "Site/templates/partials/b.mustache:2:7: error: 'partials/a' includes itself (partials/a → partials/b → partials/a) outside any section, so it would never end\n"
            ), "\(check.stderr)")
        #expect(try vane("build", "--as-of", "2026-11-30", in: kb.root).status == 1)
        #expect(try kb.read("public/index.html") == page)
        // Inside a section that an outer context makes true at every level: cut, an error.
        try kb.write("<p>a</p>\n{{#site}}{{> partials/a}}{{/site}}\n", to: "Site/templates/partials/a.mustache")
        try kb.remove("Site/templates/partials/b.mustache")
        let layout = try String(contentsOf: Repository.site.appendingPathComponent("templates/layout.mustache"), encoding: .utf8)
        try kb.write(layout.replacingOccurrences(of: "</footer>", with: "{{> partials/a}}</footer>"), to: "Site/templates/layout.mustache")
        let deep = try vane("build", "--as-of", "2026-11-30", in: kb.root)
        #expect(deep.status == 1)
        #expect(
            deep.stderr.contains(
                "Site/templates/partials/a.mustache:2:14: error: 'partials/a' includes itself (partials/a → partials/a) inside a section that is true at every level, so it nested 100 deep and was cut there\n1 error, 0 warnings\n"
            ), "\(deep.stderr)")
        #expect(try kb.read("public/index.html") == page)
        // Through another template: once, at the tag that leads round (it was said at 1:1 of
        // each of the two, naming neither the tag nor the circle).
        try kb.write("line one\nA {{#site}}\n  {{> partials/b}}\n{{/site}}\n", to: "Site/templates/partials/a.mustache")
        try kb.write("B\n{{#site}}{{> partials/a}}{{/site}}\n", to: "Site/templates/partials/b.mustache")
        let circle = try vane("build", "--as-of", "2026-11-30", in: kb.root)
        #expect(
            circle.stderr
                == "Site/templates/partials/b.mustache:2:14: error: 'partials/b' includes itself (partials/b → partials/a → partials/b) inside a section that is true at every level, so it nested 100 deep and was cut there\n1 error, 0 warnings\n",
            "\(circle.stderr)")
        // Outside a section, one error for the circle too (it was said from each template).
        try kb.write("{{> partials/b}}\n", to: "Site/templates/partials/a.mustache")
        try kb.write("{{> partials/a}}\n", to: "Site/templates/partials/b.mustache")
        let twice = try vane("check", in: kb.root).stderr
        #expect(twice.components(separatedBy: "includes itself").count == 2, "\(twice)")
    }

    /// A theme author's slips, each said where it is written: text written unescaped (a
    /// title's script ran on the site), a template file not named `.mustache`, an empty
    /// tag, a dotted name past a number, a partial named with its extension or without its
    /// folder, a name whose text comes earlier on its line, an unused partial's near name.
    @Test func aThemeAuthorsSlipsAreSaid() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("<p>{{{title}}} {{&site.title}} {{{body}}}</p>\n", to: "Site/templates/partials/raw.mustache")
        let layout = try String(contentsOf: Repository.site.appendingPathComponent("templates/layout.mustache"), encoding: .utf8)
        try kb.write(layout.replacingOccurrences(of: "</footer>", with: "{{> partials/raw}}</footer>"), to: "Site/templates/layout.mustache")
        try kb.write("x\n", to: "Site/templates/claim.html")
        try kb.write("x\n", to: "Site/templates/report.MUSTACHE")
        try kb.write("x\n", to: "Site/templates/partials/unused.mustache")
        let unsafe = try vane("check", in: kb.root)
        #expect(unsafe.status == 1)
        #expect(
            unsafe.stderr == """
                Site/templates/claim.html: warning: not a template: a template's file is named '.mustache' (did you mean 'claim.mustache'?); this file is left out
                Site/templates/partials/raw.mustache:1:7: error: 'title' is text, and three braces would put it into the page unescaped: write {{title}} (only body, chart, inlineStyle, jsonLD, legend, list, svg are HTML)
                Site/templates/partials/raw.mustache:1:19: error: 'site.title' is text, and '{{&' would put it into the page unescaped: write {{site.title}} (only body, chart, inlineStyle, jsonLD, legend, list, svg are HTML)
                Site/templates/partials/unused.mustache: warning: no page uses this template: it is none of the theme's, and no template includes it
                Site/templates/report.MUSTACHE: warning: not a template: a template's file is named '.mustache' (did you mean 'report.mustache'?); this file is left out
                2 errors, 3 warnings

                """, "\(unsafe.stderr)")
        try kb.remove("Site/templates/partials/unused.mustache")
        try kb.remove("Site/templates/claim.html")
        try kb.remove("Site/templates/report.MUSTACHE")
        try kb.write("A {{}} B\n", to: "Site/templates/partials/raw.mustache")
        #expect(
            try vane("check", in: kb.root).stderr
                == "Site/templates/partials/raw.mustache:1:3: error: template does not parse: empty tag '{{}}': a name goes inside it\n1 error, 0 warnings\n"
        )
        try kb.write(
            "<td class=\"owner\">{{owner}}</td>{{counts.events.text}}\n{{> partials/date.mustache}}{{> date}}\n",
            to: "Site/templates/partials/raw.mustache")
        let names = try vane("check", in: kb.root).stderr
        #expect(
            names == """
                Site/templates/partials/raw.mustache:2:5: error: unknown partial 'partials/date.mustache' (did you mean 'partials/date'? a template is named without '.mustache'): no template has that name
                Site/templates/partials/raw.mustache:2:33: error: unknown partial 'date' (did you mean 'partials/date'? a template is named with its folder): no template has that name
                2 errors, 0 warnings

                """, "\(names)")
        try kb.write("<td class=\"owner\">{{owner}}</td>{{counts.events.text}}\n", to: "Site/templates/partials/raw.mustache")
        let misses = try vane("check", in: kb.root).stderr
        #expect(
            misses == """
                Site/templates/partials/raw.mustache:1:21: warning: 'owner' is in no view model of this template, so it renders empty
                Site/templates/partials/raw.mustache:1:35: warning: 'counts.events.text' is in no view model of this template, so it renders empty
                0 errors, 2 warnings

                """, "\(misses)")
    }

    /// `vane init` of a folder whose name has a space says the next step quoted, so it can
    /// be pasted; of a path that is a file, says so (it said NSCocoaErrorDomain 512).
    @Test func initSaysTheNextStepQuotedAndRefusesAFile() throws {
        let dir = try temporaryFolder("init-names")
        defer { try? FileManager.default.removeItem(at: dir) }
        let spaced = dir.appendingPathComponent("my kb é").path
        let created = try vane(["init", spaced], in: dir)
        #expect(created.status == 0 && created.stderr.contains("next: cd '\(spaced)' && vane check && vane build"), "\(created.stderr)")
        let file = dir.appendingPathComponent("afile.txt")
        try Data("hi\n".utf8).write(to: file)
        let refused = try vane(["init", file.path], in: dir)
        #expect(
            refused.status == 1 && refused.stderr == "error: '\(file.path)' is a file, not a folder: give a folder for the knowledge base\n",
            "\(refused.stderr)")
    }

    /// A dotted name whose later part no map has (`site.titel`) is a warning at its tag, as
    /// a plain name is (it rendered empty without a word); a field that is empty on a page
    /// is no such name.
    @Test func aDottedNameNoMapHasIsAWarning() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let layout = try String(contentsOf: Repository.site.appendingPathComponent("templates/layout.mustache"), encoding: .utf8)
        try kb.write(
            layout.replacingOccurrences(of: "</footer>", with: "{{site.titel}} {{counts.entries}}</footer>"), to: "Site/templates/layout.mustache")
        let line = layout.components(separatedBy: "\n").firstIndex { $0.contains("</footer>") }! + 1
        let built = try vane("build", "--as-of", "2026-11-30", in: kb.root)
        #expect(built.status == 0)
        #expect(
            built.stderr.hasPrefix("Site/templates/layout.mustache:\(line):"), "\(built.stderr)")
        #expect(
            built.stderr.contains("warning: 'site.titel' is in no view model of this template, so it renders empty (did you mean 'site.title'?)\n"),
            "\(built.stderr)")
        #expect(!built.stderr.contains("counts.entries"))
    }

    /// A block given to a parent that has no such block (`{{$contnet}}`) is an error at its
    /// tag, with the closest block: the page rendered empty without a word.
    @Test func aBlockThatFillsNothingIsAnError() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        let reports = try String(contentsOf: Repository.site.appendingPathComponent("templates/reports.mustache"), encoding: .utf8)
        try kb.write(
            reports.replacingOccurrences(of: "{{$content}}", with: "{{$contnet}}").replacingOccurrences(of: "{{/content}}", with: "{{/contnet}}"),
            to: "Site/templates/reports.mustache")
        let line = reports.components(separatedBy: "\n").firstIndex { $0.contains("{{$content}}") }! + 1
        let column =
            reports.components(separatedBy: "\n")[line - 1].range(of: "{{$content}}")!.lowerBound.utf16Offset(
                in: reports.components(separatedBy: "\n")[line - 1]) + 4
        let check = try vane("check", in: kb.root)
        #expect(check.status == 1)
        #expect(
            check.stderr.hasPrefix(
                "Site/templates/reports.mustache:\(line):\(column): error: block 'contnet' fills nothing: 'layout' has no such block (did you mean 'content'?)\n"
            ), "\(check.stderr)")
    }

    /// A template no page uses (a wrong-case override, a page the theme does not have) and
    /// a symbolic link out of `Site/` are warnings: both were passed over without a word.
    @Test func whatSiteHoldsAndNoPageUsesIsAWarning() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("small/Content")])
        try kb.write("<p>{{title}}</p>\n", to: "Site/templates/Event.mustache")
        try kb.write("<p>About</p>\n", to: "Site/templates/about.mustache")
        try kb.write("<p>used</p>\n", to: "Site/templates/partials/used.mustache")
        let layout = try String(contentsOf: Repository.site.appendingPathComponent("templates/layout.mustache"), encoding: .utf8)
        try kb.write(layout.replacingOccurrences(of: "</footer>", with: "{{> partials/used}}</footer>"), to: "Site/templates/layout.mustache")
        try kb.write("p{}\n", to: "outside.css")
        try FileManager.default.createDirectory(at: kb.url("Site/assets"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: kb.url("Site/assets/extra.css").path, withDestinationPath: "../../outside.css")
        let built = try vane("build", "--as-of", "2026-11-30", in: kb.root)
        #expect(built.status == 0, "\(built.stderr)")
        let lines = built.stderr.components(separatedBy: "\n")
        #expect(lines.count == 5 && lines[3] == "0 errors, 3 warnings", "\(built.stderr)")
        #expect(lines[0] == "Site/assets/extra.css: warning: a symbolic link to a file outside Site/ is left out of the site: copy the file in")
        #expect(
            lines[1]
                == "Site/templates/Event.mustache: warning: no page uses this template: it is none of the theme's (did you mean 'event'?), and no template includes it"
        )
        #expect(lines[2].hasPrefix("Site/templates/about.mustache: warning: no page uses this template: it is none of the theme's"))
        #expect(!built.stderr.contains("partials/used"))
        #expect(try vane("build", "--as-of", "2026-11-30", "--strict", in: kb.root).status == 1)
    }

    @Test func theManPageDocumentsEveryCommand() throws {
        let page = try String(contentsOf: Repository.root.appendingPathComponent("docs/vane.1"), encoding: .utf8)
        let help = try vane(["--help"], in: Repository.root).stdout
        // Subcommands are the lines indented by two spaces, name first.
        let commands = help.components(separatedBy: "SUBCOMMANDS:\n").last!.split(separator: "\n")
            .compactMap { $0.wholeMatch(of: #/  ([a-z]+) .+/#)?.output.1 }.map(String.init)
        #expect(commands.count == 17 && commands.contains("init") && commands.contains("import"), "\(commands)")
        for command in commands { #expect(page.contains("\\fB\(command)\\fR") || page.contains(".It Em \(command)"), "run `make man`: \(command)") }
        // And every option each command's help lists, in its own part of the page (`show
        // --format` was missing).
        for command in commands where command != "help" {
            let usage = try vane([command, "--help"], in: Repository.root).stdout
            guard !usage.contains("SUBCOMMANDS:"), let start = page.range(of: ".It Em \(command)\n") else { continue }
            let part = page[start.upperBound...].prefix { _ in true }.components(separatedBy: "\n.It Em ").first ?? ""
            let options = usage.matches(of: #/\n  (?:-[a-z], )?--([a-z-]+)/#).map { String($0.output.1) }
            #expect(!options.isEmpty, "\(command)")
            // `.It Fl -format Ar format`, or with its short name `.It Fl v , -verbose`.
            for option in options where option != "help" {
                #expect(part.contains(" -\(option)\n") || part.contains(" -\(option) "), "run `make man`: \(command) --\(option)")
            }
        }
    }

    /// The published database, served by Datasette from PyPI: each canned query answers the
    /// same as the command line does.
    /// The published database is part of the site: after an incremental build it is the
    /// same bytes as a full build's (its rows were where the deltas first stored them).
    @Test func thePublishedDatabaseOfAnIncrementalBuildIsAFullBuilds() throws {
        let kb = try TemporaryKnowledgeBase(copying: [Repository.fixture("aws/Content")])
        #expect(try vane("build", "--publish-db", "--as-of", "2026-11-26", in: kb.root).status == 0)
        let entity = "Content/entities/codecommit.md"
        try kb.write(try kb.read(entity).replacingOccurrences(of: "name: AWS CodeCommit", with: "name: AWS CodeCommit Classic"), to: entity)
        try kb.write("---\nname: AWS Zzz\ntype: product\nparent: aws\n---\n", to: "Content/entities/aaa-zzz.md")
        #expect(try vane("build", "--publish-db", "--as-of", "2026-11-26", in: kb.root).status == 0)
        let incremental = try Data(contentsOf: kb.url("public/vane.sqlite"))
        try FileManager.default.removeItem(at: kb.url("public"))
        for file in ["vane.sqlite", "vane.sqlite-wal", "vane.sqlite-shm"] { try? FileManager.default.removeItem(at: kb.url(file)) }
        #expect(try vane("build", "--publish-db", "--as-of", "2026-11-26", in: kb.root).status == 0)
        #expect(try Data(contentsOf: kb.url("public/vane.sqlite")) == incremental)
        // The build's own state stays home: the file list with its hashes and local times too.
        let published = try DatabaseQueue(path: kb.url("public/vane.sqlite").path)
        #expect(try published.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM files") } == 0)
        #expect(try published.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entities") ?? 0 } > 0)
        // Publishing writes into the output's folder, which is no other hand's: the next
        // build, with nothing changed, renders nothing (it rendered every page again).
        let again = try vane("build", "--publish-db", "--as-of", "2026-11-26", "--verbose", in: kb.root)
        #expect(again.stderr.contains("work: 0 parsed, 0 parses decoded"), "\(again.stderr)")
    }

    @Test(.tags(.external), .fullTierOnly) func datasetteServesTheCannedQueries() throws {
        guard let python = ExternalTool.python else { return }
        let kb = try TemporaryKnowledgeBase(copying: [Repository.content, Repository.site])
        try kb.write(
            """
            ---
            title: OpenAI says the Assistants API will stay
            claimant: openai
            about: [assistants-api]
            date: 2025-01
            type: commitment
            verdict: broken
            verdict_date: 2025-08-26
            verdict_sources: [openai-api-deprecations]
            sources: [openai-api-deprecations]
            ---
            A commitment made for this test.
            """, to: "Content/claims/test-assistants-stay.md")
        let build = try vane("build", "--publish-db", in: kb.root)
        #expect(build.status == 0, "\(build.stderr)")
        let result = try run(python, [Repository.root.appendingPathComponent("Tests/Scripts/check_datasette.py").path, kb.url("public").path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        var rows: [String: [[String: Any]]] = [:]
        for line in result.stdout.split(separator: "\n") {
            let (name, json) = (line.prefix { $0 != " " }, line.drop { $0 != " " })
            rows[String(name)] = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        }
        func ids(_ query: String, _ key: String) -> [String] { (rows[query] ?? []).compactMap { $0[key] as? String } }
        // The bundled knowledge base records no use: the query runs and finds none.
        #expect(rows["uses_ending_soon"]?.isEmpty == true)

        // Stranded: what `vane status` shows available with a priority of deprioritized or lower.
        let status = try JSONSerialization.jsonObject(with: Data(try vane("status", "--format", "json", in: kb.root).stdout.utf8)) as! [[String: Any]]
        let low: Set = ["deprioritized", "sunset", "discontinued"]
        let stranded = status.filter { row in
            let availability = (row["availability"] as? [String: Any])?["value"] as? String
            let priority = (row["priority"] as? [String: Any])?["value"] as? String
            return availability != nil && availability != "retired" && low.contains(priority ?? "")
        }.compactMap { $0["entity"] as? String }
        #expect(!stranded.isEmpty)
        #expect(Set(ids("stranded", "entity")) == Set(stranded))

        // Announced ends: every end `vane ends` knows, past or ahead.
        let ends =
            try JSONSerialization.jsonObject(with: Data(try vane("ends", "--within", "100000", "--format", "json", in: kb.root).stdout.utf8))
            as! [[String: Any]]
        #expect(!ends.isEmpty)
        for end in ends {
            #expect(
                rows["announced_ends"]?.contains {
                    $0["entity"] as? String == end["entity"] as? String
                        && ($0["end_date"] as? String)?.replacingOccurrences(of: "~", with: "") == iso(end["date"])
                }
                    == true, "\(end)")
        }
        // Broken commitments: what `vane query` lists, oldest first, the one added here among them.
        let broken =
            try JSONSerialization.jsonObject(
                with: Data(try vane("query", "claims", "--verdict", "broken", "--type", "commitment", "--format", "json", in: kb.root).stdout.utf8))
            as! [[String: Any]]
        #expect(ids("broken_commitments", "claim") == broken.compactMap { $0["id"] as? String })
        #expect(ids("broken_commitments", "claim").contains("test-assistants-stay"))
        let added = rows["broken_commitments"]?.first { $0["claim"] as? String == "test-assistants-stay" }
        #expect(added?["verdict_sources"] as? String == "openai-api-deprecations")
    }
}
