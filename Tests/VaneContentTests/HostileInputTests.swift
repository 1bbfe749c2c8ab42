import Foundation
import Testing
import VaneContent
import VaneTestSupport

/// Input meant to hurt: oversized files, YAML bombs, links out of the knowledge base.
struct HostileInputTests {
    @Test func billionLaughsIsRefusedNotExpanded() throws {
        var yaml =
            "---\ntitle: x\npublisher: P\nurl: https://x.org/\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (name, previous) in zip("bcdefghij", "abcdefghi") {
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        yaml += "? *j\n: boom\n---\n"
        let start = Date()
        #expect(
            try diagnostics(["Content/sources/x.md": yaml]) == [
                "Content/sources/x.md:5:4: error: YAML anchors are not allowed in front matter (write the value out; a value that starts with '&' is text only in quotes: \"&…\")"
            ])
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test func aliasesAreRefusedWhereverANodeStarts() throws {
        let cases: [(String, String)] = [
            ("tags: [*t]", "3:8: error: YAML aliases"),
            ("tags:\n  - *t", "4:5: error: YAML aliases"),
            ("tags: {x: *t}", "3:11: error: YAML aliases"),
            ("tags: !!str &t x", "3:13: error: YAML anchors"),
        ]
        for (line, expected) in cases {
            let text = "---\nname: X\n\(line)\ntype: org\n---\n"
            let found = try diagnostics(["Content/entities/x.md": text])
            #expect(found.count == 1)
            #expect(found.first?.hasPrefix("Content/entities/x.md:\(expected)") == true, "\(line): \(found)")
        }
    }

    /// What no file byte can write, an escape can: a NUL, a line separator in a one-line
    /// value, an alias of nothing. Each is an error at its value.
    @Test func escapesCannotWriteWhatAFileCannotHold() throws {
        let text = "---\nname: \"K\\u0000x\"\ntype: org\naliases: [\"\", \" \", Kay]\n---\n"
        let line = "---\nname: \"one\\u2028two\"\ntype: org\n---\n"
        #expect(
            try diagnostics(["Content/entities/k.md": text, "Content/entities/l.md": line]) == [
                "Content/entities/k.md:2:7: error: a NUL character (written as an escape, \\0 or \\u0000) is not allowed in front matter",
                "Content/entities/k.md:4:11: error: an empty item in 'aliases' (remove it, or write its text)",
                "Content/entities/k.md:4:15: error: an empty item in 'aliases' (remove it, or write its text)",
                "Content/entities/l.md:2:7: error: 'name' must be one line",
            ])
    }

    /// An alias or a tag is one line, as a name is: an alias with a line break no link can
    /// name, and where it is listed (`vane show`) it would read as fields of its own.
    @Test func listItemsAreOneLine() throws {
        let text = "---\nname: Esc\ntype: vendor\naliases: [\"x\\n  type: product\", \"ls\\u2028sep\", Fine]\ntags: [\"t\\nu\", ok]\n---\n"
        #expect(
            try diagnostics(["Content/entities/esc.md": text]) == [
                "Content/entities/esc.md:4:11: error: each item of 'aliases' must be one line",
                "Content/entities/esc.md:4:33: error: each item of 'aliases' must be one line",
                "Content/entities/esc.md:5:8: error: each item of 'tags' must be one line",
            ])
    }

    /// Nesting past the parser's limit is an error in words, not libyaml's C function.
    @Test func deepNestingIsSaidPlainly() throws {
        let text = "---\nname: X\ntype: org\ntags: " + String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000) + "\n---\n"
        #expect(
            try diagnostics(["Content/entities/x.md": text]) == [
                "Content/entities/x.md:4:8: error: invalid YAML: nested too deeply (front matter needs a few levels at most)"
            ])
    }

    @Test func ampersandsAndAsterisksInsideValuesAreText() throws {
        let text = """
            ---
            name: Rock & Roll *Labs*
            type: org
            aliases: ["*starred*", '&amp', R & D]
            tags:
              - a*b
            homepage: https://x.org/?a=1&b=2
            ---
            """
        let result = try load([
            "Content/entities/x.md": text + "\n", "Content/sources/y.md": "---\ntitle: |\n  *not an alias*\npublisher: P\nurl: https://x.org/\n---\n",
        ])
        #expect(result.diagnostics.isEmpty)
        #expect(result.knowledgeBase.entry("y")?.title == "*not an alias*")
        #expect(result.knowledgeBase.entry("x")?.title == "Rock & Roll *Labs*")
        #expect(result.knowledgeBase.entry("x")?.aliases.map(\.text) == ["*starred*", "&amp", "R & D"])
    }

    @Test func filesOverTheSizeLimit() throws {
        let big = "---\ntitle: big\npublisher: P\nurl: https://x.org/\n---\n" + String(repeating: "lorem ipsum ", count: 100_000)
        #expect(
            try diagnostics(["Content/sources/big.md": big]) == [
                "Content/sources/big.md:1:1: error: file is \(big.utf8.count) bytes, over the limit of 1048576 bytes (1 MiB) for an entry"
            ])
    }

    @Test func symbolicLinksOutOfContentAreRefused() throws {
        let kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        try kb.write("---\ntitle: secret\n---\n", to: "outside/secret.md")
        try FileManager.default.createSymbolicLink(at: kb.url("Content/sources/leak.md"), withDestinationURL: kb.url("outside/secret.md"))
        try FileManager.default.createSymbolicLink(at: kb.url("Content/sources/dir"), withDestinationURL: kb.url("outside"))
        try FileManager.default.createSymbolicLink(at: kb.url("Content/sources/same.md"), withDestinationURL: kb.url("Content/sources/tns.md"))
        let result = ContentLoader.load(root: kb.root)
        let outside = kb.url("outside").path
        #expect(
            result.diagnostics.map(\.description) == [
                "Content/sources/dir:1:1: error: symbolic link to '\(outside)', outside Content/: refused (copy the file into Content/, or link to one in it)",
                "Content/sources/leak.md:1:1: error: symbolic link to '\(outside)/secret.md', outside Content/: refused (copy the file into Content/, or link to one in it)",
            ])
        // A link to a file inside Content/ is an entry like any other.
        #expect(result.knowledgeBase.entry("same")?.title == "The New Stack on Muse Spark")
    }

    /// Editors' backups and autosaves hold drafts: never read, copied or published, as
    /// hidden files are not; and the no-change check in C skips them too.
    @Test func editorBackupsAreNeverRead() throws {
        let kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        try kb.write("---\nname: Draft\n", to: "Content/entities/meta.md~")
        try kb.write("draft", to: "Content/entities/#meta.md#")
        try kb.write("draft", to: "Content/events/.launch.md.swp")
        // Tools' and systems' too (they were published without a word): `sed -i.bak`,
        // `patch`, git's merge tool, Kate, Vim's write test, Windows.
        for name in ["launch.md.bak", "launch.md.orig", "launch.md.rej", "launch.md.tmp", "launch.md.kate-swp", "4913", "Thumbs.db", "desktop.ini"] {
            try kb.write("draft", to: "Content/events/" + name)
        }
        #expect(DirectoryWalker.isIgnored("THUMBS.DB") && DirectoryWalker.isIgnored("x.md.BAK") && DirectoryWalker.isIgnored("x.ORIG"))
        #expect(!DirectoryWalker.isIgnored("backup.md") && !DirectoryWalker.isIgnored("report.pdf") && !DirectoryWalker.isIgnored(".bak".dropFirst()))
        let scan = ContentScanner.scan(root: kb.root)
        #expect(scan.diagnostics.isEmpty && scan.assets.isEmpty, "\(scan.assets.map(\.path))")
        #expect(ContentLoader.load(root: kb.root).diagnostics.filter { $0.severity == .error }.isEmpty)
        let before = TreeDigest.walk(kb.url("Content").path)?.digest
        try kb.write("more draft", to: "Content/entities/meta.md~")
        try kb.write("more draft", to: "Content/events/launch.md.orig")
        #expect(before != nil && TreeDigest.walk(kb.url("Content").path)?.digest == before)
    }

    /// A load's errors as they are printed.
    private func errors(_ result: LoadResult) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    /// A link to nothing, or links in a loop, is an error, never a file silently left out.
    /// (A folder that cannot be read is one too; the tests run as root, which reads any.)
    @Test func linksToNothingAreErrors() throws {
        let kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: kb.url("Content/events/dangling.md").path, withDestinationPath: "gone.md")
        try fm.createSymbolicLink(atPath: kb.url("Content/events/a.md").path, withDestinationPath: "b.md")
        try fm.createSymbolicLink(atPath: kb.url("Content/events/b.md").path, withDestinationPath: "a.md")
        // A link to a folder inside Content/ is not followed, and says so (its events were left out without a word).
        try kb.write("---\ntitle: Hidden\ndate: 2026\ntype: other\n---\n", to: "Content/.store/hidden.md")
        try fm.createSymbolicLink(atPath: kb.url("Content/events/linked").path, withDestinationPath: "../.store")
        // A link to Content/ itself is a folder inside it, not outside (it said "outside").
        try fm.createSymbolicLink(atPath: kb.url("Content/events/up").path, withDestinationPath: "..")
        let result = ContentLoader.load(root: kb.root)
        #expect(
            errors(result) == [
                "Content/events/a.md:1:1: error: symbolic link to 'b.md', which leads to nothing (Too many levels of symbolic links): mend the link or remove it",
                "Content/events/b.md:1:1: error: symbolic link to 'a.md', which leads to nothing (Too many levels of symbolic links): mend the link or remove it",
                "Content/events/dangling.md:1:1: error: symbolic link to 'gone.md', which leads to nothing (No such file or directory): mend the link or remove it",
                "Content/events/linked:1:1: error: symbolic link to a folder ('../.store'): not followed, so its files are left out (move the folder here, or link its files one by one)",
                "Content/events/up:1:1: error: symbolic link to a folder ('..'): not followed, so its files are left out (move the folder here, or link its files one by one)",
            ], "\(result.diagnostics)")
    }

    /// A link to what vane never reads (a hidden file, an editor's backup) published it under
    /// the link's name; a name that is no UTF-8 vanished with its entry. Both are said.
    @Test func linksToIgnoredFilesAndNamesThatAreNoTextAreErrors() throws {
        let kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        let fm = FileManager.default
        try kb.write("SECRET=1\n", to: "Content/.env")
        try fm.createSymbolicLink(atPath: kb.url("Content/sources/env.txt").path, withDestinationPath: "../.env")
        try kb.write("draft\n", to: "Content/sources/draft.md~")
        try fm.createSymbolicLink(atPath: kb.url("Content/sources/d.txt").path, withDestinationPath: "draft.md~")
        // `café.md` as a Latin-1 tool names it: é is the one byte 0xE9.
        var name = Array(kb.url("Content/events").path.utf8) + Array("/caf".utf8) + [0xE9] + Array(".md".utf8) + [0]
        let made = name.withUnsafeMutableBufferPointer {
            open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644)
        }
        #expect(made >= 0)
        close(made)
        let result = ContentLoader.load(root: kb.root)
        #expect(
            errors(result) == [
                "Content/events/caf\u{FFFD}.md:1:1: error: its name is not UTF-8 text (saved by a tool in another encoding?): left out (rename it)",
                "Content/sources/d.txt:1:1: error: symbolic link to 'draft.md~', a file vane never reads or publishes (hidden, a backup, a swap file): left out",
                "Content/sources/env.txt:1:1: error: symbolic link to '../.env', a file vane never reads or publishes (hidden, a backup, a swap file): left out",
            ], "\(result.diagnostics)")
    }

    /// A name that is no file (a named pipe, a link to one) is said and left out: a read of
    /// a pipe would block, and skipping it in silence lost an entry without a word.
    @Test func namesThatAreNoFileAreErrors() throws {
        let kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        #expect(mkfifo(kb.url("Content/events/2026-05-pipe.md").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: kb.url("Content/sources/to-pipe.md").path, withDestinationPath: "../events/2026-05-pipe.md")
        let result = ContentLoader.load(root: kb.root)
        #expect(
            errors(result) == [
                "Content/events/2026-05-pipe.md:1:1: error: a named pipe, not a file: left out (remove it, or put a file in its place)",
                "Content/sources/to-pipe.md:1:1: error: symbolic link to '../events/2026-05-pipe.md', a named pipe, not a file: left out (remove it, or put a file in its place)",
            ], "\(result.diagnostics)")
        // The digest's walk does not describe it: the slower walk, which says it, is taken.
        #expect(TreeDigest.walk(kb.url("Content").path) == nil)
    }

    /// A carriage return alone in front matter is an error where it is: YAML reads it as a
    /// line break, an editor does not, and every position after it was a line off (a value
    /// of the next line was said at a line too short to hold it).
    @Test func aCarriageReturnAloneInFrontMatterIsSaidWhereItIs() throws {
        let text =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\ntags: [a\rb]\nstatus:\n  meta: { priority: flagshp }\n---\n"
        let said = try diagnostics(["Content/events/x.md": text])
        #expect(said == ["Content/events/x.md:7:9: error: a carriage return (CR) alone here, which YAML reads as a line break: remove it"], "\(said)")
    }
}
