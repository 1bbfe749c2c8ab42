import Foundation
import Testing
import VaneContent
import VaneTestSupport

/// Every rule of the content format, each with its exact diagnostic.
struct ValidationTests {
    @Test func theValidKnowledgeBaseHasNoProblems() throws {
        let result = try load()
        #expect(result.diagnostics.isEmpty)
        #expect(result.knowledgeBase.entries.count == 5)
    }

    // MARK: - Files and front matter

    @Test func missingFrontMatter() throws {
        #expect(
            try diagnostics(["Content/sources/x.md": "title: x\n"]) == [
                "Content/sources/x.md:1:1: error: missing front matter (the file must start with a '---' line)"
            ])
    }

    @Test func unclosedFrontMatter() throws {
        #expect(
            try diagnostics(["Content/sources/x.md": "---\ntitle: x\n"]) == [
                "Content/sources/x.md:1:1: error: unclosed front matter (no closing '---' line)"
            ])
        // A fence one character off is said where it is (both read as a file without one).
        #expect(
            try diagnostics(["Content/sources/x.md": "---\ntitle: x\n----\nBody.\n"]) == [
                "Content/sources/x.md:3:1: error: unclosed front matter: '----' is not a '---' line (the front matter closes with '---' alone, at column 1)"
            ])
        #expect(
            try diagnostics(["Content/sources/x.md": " ---\ntitle: x\n---\n"]) == [
                "Content/sources/x.md:1:1: error: ' ---' is not a '---' line: the front matter opens with '---' alone, at column 1"
            ])
    }

    /// What an editor, a paste or a merge leaves in a file, said as what it is: a fence
    /// below blank lines, after a comment or made a typographic dash, lines ending in CR
    /// alone (it said "missing front matter" of a file that has one, or a YAML error in
    /// the body).
    @Test func fencesAndLineEndingsAsEditorsLeaveThem() throws {
        #expect(
            try diagnostics(["Content/sources/x.md": "\n\n---\ntitle: x\n---\n"]) == [
                "Content/sources/x.md:1:1: error: the front matter's '---' must be the file's first line: it is on line 3 (remove the blank lines above it)"
            ])
        #expect(
            try diagnostics(["Content/sources/x.md": "---\ntitle: x\n--- # end\nBody.\n"]) == [
                "Content/sources/x.md:3:1: error: unclosed front matter: '--- # end' is not a '---' line (the front matter closes with '---' alone, at column 1: a comment after it is not allowed)"
            ])
        #expect(
            try diagnostics(["Content/sources/x.md": "---\ntitle: x\n\u{2014}\nBody.\n"]) == [
                "Content/sources/x.md:3:1: error: unclosed front matter: '\u{2014}' is not a '---' line (the front matter closes with '---' alone, at column 1: this is a typographic dash, which an editor may make of '---')"
            ])
        // The closing '---' left out, a thematic break further down closing it: YAML's error
        // in the prose, and where the front matter most likely ends.
        let unclosed = "---\ntitle: x\npublisher: P\nurl: https://x.org/\nThe body starts here, and goes on.\n\n---\n\nMore.\n"
        let said = try diagnostics(["Content/sources/x.md": unclosed])
        #expect(said.count == 1 && said[0].hasPrefix("Content/sources/x.md:"), "\(said)")
        #expect(
            said.first?.hasSuffix(
                " (line 5 reads as text, not YAML: if the front matter ends above it, its closing '---' is missing there; the '---' on line 7 closed it)"
            )
                == true, "\(said)")
        #expect(
            try diagnostics(["Content/sources/x.md": "---\rtitle: x\r---\rBody.\r"]) == [
                "Content/sources/x.md:1:1: error: the lines end with a carriage return alone (classic Mac OS): save the file with LF line endings"
            ])
    }

    /// A merge left unresolved: in the body each marker is an error (both sides were
    /// published, the divider a heading); in the front matter too, and YAML's own error
    /// (a line later, about a key) is not said. In a code block it is text.
    @Test func mergeConflictMarkersAreErrors() throws {
        let conflicted = "---\ntitle: x\n<<<<<<< HEAD\ndate: 2024-01-01\n=======\ndate: 2024-02-01\n>>>>>>> other\n---\nBody.\n"
        #expect(
            try diagnostics(["Content/events/x.md": conflicted]) == [
                "Content/events/x.md:3:1: error: an unresolved merge conflict (git's marker): keep one side and remove the '<<<<<<<', '=======' and '>>>>>>>' lines",
                "Content/events/x.md:5:1: error: an unresolved merge conflict (git's marker): keep one side and remove the '<<<<<<<', '=======' and '>>>>>>>' lines",
                "Content/events/x.md:7:1: error: an unresolved merge conflict (git's marker): keep one side and remove the '<<<<<<<', '=======' and '>>>>>>>' lines",
            ])
        // Opened in the front matter, closed inside what the body fences: still the conflict (it
        // read as YAML's error, a line later).
        let across = "---\ntitle: R\n<<<<<<< HEAD\ndate: 2026-01-05\n=======\ndate: 2026-01-06\n---\nText\n```\n>>>>>>> b\n```\n"
        #expect(
            try diagnostics(["Content/events/r.md": across]).map { String($0.prefix(24)) } == [
                "Content/events/r.md:3:1:", "Content/events/r.md:5:1:", "Content/events/r.md:10:1",
            ])
        var files = SampleKnowledgeBase.files
        files["Content/events/launch.md"]! +=
            "\n<<<<<<< HEAD\nOne side.\n=======\nThe other.\n>>>>>>> feature\n\n```\n<<<<<<< a\n=======\n>>>>>>> b\n```\n"
        let found = try diagnostics(files)
        #expect(
            found == [
                "Content/events/launch.md:11:1: error: an unresolved merge conflict (git's marker): keep one side and remove the '<<<<<<<', '=======' and '>>>>>>>' lines",
                "Content/events/launch.md:13:1: error: an unresolved merge conflict (git's marker): keep one side and remove the '<<<<<<<', '=======' and '>>>>>>>' lines",
                "Content/events/launch.md:15:1: error: an unresolved merge conflict (git's marker): keep one side and remove the '<<<<<<<', '=======' and '>>>>>>>' lines",
            ], "\(found)")
    }

    /// A space YAML does not read as one: a no-break space in the indentation made a key of
    /// `  llama` and dropped the event's status without an error; a byte-order mark before a
    /// key made it "not in line". Each said where it is.
    @Test func spacesYAMLDoesNotReadAreErrors() throws {
        var files = SampleKnowledgeBase.files
        files["Content/events/launch.md"] = files["Content/events/launch.md"]!
            .replacingOccurrences(of: "  llama:", with: "\u{A0}\u{A0}llama:")
            .replacingOccurrences(of: "type: launch", with: "type:\u{A0}launch")
            .replacingOccurrences(of: "sources: [tns]", with: "\u{FEFF}sources: [tns]")
        let found = try diagnostics(files)
        #expect(
            found == [
                "Content/events/launch.md:4:6: error: a no-break space (U+00A0) here, which YAML does not read as a space: replace it with a space",
                "Content/events/launch.md:6:1: error: an invisible byte-order mark (U+FEFF) here, which YAML does not read as a space: remove it",
                "Content/events/launch.md:8:1: error: a no-break space (U+00A0) here, which YAML does not read as a space: replace it with a space",
                "Content/events/launch.md:8:2: error: a no-break space (U+00A0) here, which YAML does not read as a space: replace it with a space",
            ], "\(found)")
        // Inside a value it is the value's (a name may hold one).
        var named = SampleKnowledgeBase.files
        named["Content/events/launch.md"] = named["Content/events/launch.md"]!.replacingOccurrences(
            of: "title: Muse Spark launches", with: "title: Muse\u{A0}Spark launches")
        #expect(try diagnostics(named).isEmpty)
    }

    /// A `---` inside the front matter ends it: what follows is body text, where a field of
    /// the format is said (the event's status was lost without a word, shown as a heading).
    @Test func aFieldLeftInTheBodyByASecondFence() throws {
        var files = SampleKnowledgeBase.files
        files["Content/events/launch.md"] = files["Content/events/launch.md"]!.replacingOccurrences(
            of: "sources: [tns]\n", with: "sources: [tns]\n---\n")
        let found = try diagnostics(files)
        #expect(
            found == [
                "Content/events/launch.md:8:1: error: 'status:' is a field of the front matter, but the '---' on line 7 ended it: the rest is read as text (remove that '---', or the field here)"
            ], "\(found)")
        // The fields after the early '---' may start with one of no kind's (it was said only
        // when the body's first line was a field).
        var pasted = SampleKnowledgeBase.files
        pasted["Content/events/launch.md"] = pasted["Content/events/launch.md"]!.replacingOccurrences(
            of: "sources: [tns]\n", with: "sources: [tns]\n---\nother: 1\n")
        #expect(
            try diagnostics(pasted).filter { $0.contains("error") } == [
                "Content/events/launch.md:9:1: error: 'status:' is a field of the front matter, but the '---' on line 7 ended it: the rest is read as text (remove that '---', or the field here)"
            ])
        // A body that starts with a word and a colon that is no field is text.
        var prose = SampleKnowledgeBase.files
        prose["Content/events/launch.md"] = prose["Content/events/launch.md"]!.replacingOccurrences(
            of: "[[Meta Platforms]] launched", with: "Note: [[Meta Platforms]] launched")
        #expect(try diagnostics(prose).isEmpty)
    }

    /// What the checks of editors' leftovers must leave alone (a review found each refused):
    /// a conflict shown in a fenced code block, also behind an indented closing fence; an
    /// ideographic space opening a paragraph of a block of text; a body whose first line
    /// starts with a field's name and a colon, with no second `---`; a YAML error elsewhere
    /// than after a line of prose (no hint of a missing fence).
    @Test func whatLooksLikeALeftoverButIsContent() throws {
        let fenced =
            "---\ntitle: Git\npublisher: P\nurl: https://x.org/\n---\n```\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> f\n```\n\n"
            + "- item\n\n  ~~~~\n  x\n   ~~~~\n"
        #expect(try diagnostics(["Content/sources/git.md": fenced]).isEmpty)
        let block =
            "---\ntitle: Nihon\npublisher: P\nurl: https://x.org/\nsummary: |\n  \u{3000}日本語の段落です。\n  \u{A0}x\nother_note: >-\n  \u{3000}y\n---\n"
        #expect(try diagnostics(["Content/sources/n.md": block]).filter { $0.contains("error") }.isEmpty)
        let quoted = "---\ntitle: Q\npublisher: P\nurl: https://x.org/\n---\nurl: https://example.com/q was archived on 2026-01-03.\n"
        #expect(try diagnostics(["Content/sources/q.md": quoted]).isEmpty)
        let flow = "---\nname: Forge\ntype: product\naliases: [a,\nb]\ntags: [x]\nparent: meta\n  bad: indent\n---\n"
        let said = try diagnostics(["Content/entities/forge.md": flow])
        #expect(said.count == 1 && !said[0].contains("reads as text"), "\(said)")
    }

    @Test func emptyFile() throws {
        #expect(
            try diagnostics(["Content/sources/x.md": ""]) == [
                "Content/sources/x.md:1:1: error: empty file (expected front matter between '---' lines)"
            ])
    }

    @Test func yamlSyntaxErrorAtItsFilePosition() throws {
        let text = "---\ntitle: x\npublisher: [a, b\nurl: https://x.org/\n---\n"
        #expect(
            try diagnostics(["Content/sources/x.md": text]) == [
                "Content/sources/x.md:3:12: error: invalid YAML: a '[' is never closed (its ']' is missing: the parser reached 4:4 without it)"
            ])
        // The same on the front matter's last line: libyaml then names neither the bracket
        // nor where it opened (it said "did not find expected node content" at the `---`).
        let last = "---\ntitle: NoBom\ndate: 2025-03-01\ntype: other\nentities: [acme,\n---\n"
        // Brackets in plain text, in quotes (an escaped quote among them) and in comments are
        // no flow: the one left open is found past them.
        let brace =
            "---\ntitle: \"a [b\"\nsummary: sad :-[ # [x\naliases: [\"12\\\" [display\", other]\ndate: 2025-03-01\ntype: other\nentities: [acme]\nbad: {\n---\n"
        #expect(
            try diagnostics(["Content/events/b6.md": last, "Content/events/b3.md": brace]).filter { $0.contains("YAML") } == [
                "Content/events/b3.md:8:6: error: invalid YAML: a '{' is never closed (its '}' is missing: the parser reached 9:1 without it)",
                "Content/events/b6.md:5:11: error: invalid YAML: a '[' is never closed (its ']' is missing: the parser reached 6:1 without it)",
            ])
        // A key out of step with its mapping's names the mapping (libyaml's "did not find
        // expected key" named nothing to align with).
        let misaligned =
            "---\ntitle: E\ndate: 2024-01-01\ntype: other\nentities: [a]\nstatus:\n  a: { availability: retired }\n b: { availability: retired }\n---\n"
        #expect(
            try diagnostics(["Content/events/e.md": misaligned]) == [
                "Content/events/e.md:8:2: error: invalid YAML: this line is not in line with the keys of the mapping that starts at 2:1, at column 1 (indent each key of one mapping alike, and a value further than its key)"
            ])
        // The first key indented, the next one not (libyaml: "did not find expected <document start>").
        #expect(
            try diagnostics(["Content/entities/b.md": "---\n  name: A\ntype: vendor\n---\n"]) == [
                "Content/entities/b.md:3:1: error: invalid YAML: this line is not in line with the keys before it, which start at column 3 (the front matter's keys all start at column 1)"
            ])
    }

    @Test func frontMatterMustBeAMapping() throws {
        #expect(
            try diagnostics(["Content/sources/x.md": "---\n- a\n- b\n---\n"]) == [
                "Content/sources/x.md:2:1: error: front matter must be a mapping of keys to values"
            ])
    }

    @Test func duplicateKeyReportedAtTheRepeat() throws {
        let text = "---\ntitle: x\npublisher: P\ntitle: y\nurl: https://x.org/\n---\n"
        #expect(
            try diagnostics(["Content/sources/x.md": text]) == [
                "Content/sources/x.md:4:1: error: duplicate key 'title'"
            ])
    }

    /// Keys are read as text, so `2024` and `"2024"` are one key written twice.
    @Test func aKeyQuotedOnceIsStillADuplicate() throws {
        let text = "---\ntitle: x\npublisher: P\nurl: https://x.org/\n2024: a\n\"2024\": b\n---\n"
        #expect(
            try diagnostics(["Content/sources/x.md": text]) == [
                "Content/sources/x.md:5:1: warning: unknown key '2024' for a source (kept, but not part of the format)",
                "Content/sources/x.md:6:1: error: duplicate key '2024'",
            ])
    }

    /// A key written twice hides none of the file's other problems: the repeat (with its
    /// value, a list's items too) is left out and the rest read.
    @Test func aDuplicateKeyHidesNoOtherProblem() throws {
        let text = "---\ntitle: x\ntags:\n- a\n- b\npublisher: P\ntags:\n  - c\n\n  - d\nurl: ftp://x.org/\ntitle: z\n---\n"
        #expect(
            try diagnostics(["Content/sources/x.md": text]) == [
                "Content/sources/x.md:7:1: error: duplicate key 'tags'",
                "Content/sources/x.md:11:6: error: URL 'ftp://x.org/' must use http or https, not 'ftp'",
                "Content/sources/x.md:12:1: error: duplicate key 'title'",
            ])
    }

    /// In a nested mapping too: each repeat is said (two in one mapping, one at the top
    /// after one nested) and left out with what is under it, and the file's other
    /// problems come in the same run.
    @Test func aNestedDuplicateKeyHidesNoOtherProblem() throws {
        let text =
            "---\nname: Dup F\ntype: vendr\ndata:\n  lts: true\n  lts: false\n  codename: a\n  codename:\n    - b\n    - c\n  kept: d\nname: Again\n---\nBody [[nothing]].\n"
        #expect(
            try diagnostics(["Content/entities/dup-f.md": text]) == [
                "Content/entities/dup-f.md:3:7: error: unknown entity type 'vendr' (did you mean 'vendor'?)",
                "Content/entities/dup-f.md:6:3: error: duplicate key 'lts'",
                "Content/entities/dup-f.md:8:3: error: duplicate key 'codename'",
                "Content/entities/dup-f.md:12:1: error: duplicate key 'name'",
                "Content/entities/dup-f.md:14:6: error: unknown entry 'nothing' (not written yet? write it first: vane new KIND \"Title\" --id nothing)",
            ])
        // In a mapping written on one line: the repeat is said where it is, and left out
        // (it was said at the first, and hid every other problem of the file).
        let flow = "---\nname: Dup G\ntype: vendr\ndata: { users: 1, users: [2, 3], kept: \"a, b\" }\n---\nBody [[nothing]].\n"
        #expect(
            try diagnostics(["Content/entities/dup-g.md": flow]) == [
                "Content/entities/dup-g.md:3:7: error: unknown entity type 'vendr' (did you mean 'vendor'?)",
                "Content/entities/dup-g.md:4:19: error: duplicate key 'users'",
                "Content/entities/dup-g.md:6:6: error: unknown entry 'nothing' (not written yet? write it first: vane new KIND \"Title\" --id nothing)",
            ])
        // The repeat quoted (as keys with spaces or other scripts are written), in either quote.
        for (written, column) in [("'a': 1, 'a': 2", 17), ("a: 1, \"a\": 2", 15), ("\"日本\": 1, \"日本\": 2", 18)] {
            let quoted = "---\nname: Dup H\ntype: vendr\ndata: { \(written) }\n---\nBody [[nothing]].\n"
            let key = written.hasPrefix("\"日本") ? "日本" : "a"
            #expect(
                try diagnostics(["Content/entities/dup-h.md": quoted]) == [
                    "Content/entities/dup-h.md:3:7: error: unknown entity type 'vendr' (did you mean 'vendor'?)",
                    "Content/entities/dup-h.md:4:\(column): error: duplicate key '\(key)'",
                    "Content/entities/dup-h.md:6:6: error: unknown entry 'nothing' (not written yet? write it first: vane new KIND \"Title\" --id nothing)",
                ], "\(written)")
        }
        // Saved queries alike: a name written twice hides none of the others' problems.
        // A name without a command line is said at the name (it was "empty vane block", past
        // the end of its line).
        let kb = try TemporaryKnowledgeBase(["Site/queries.yml": "a: status\na: ends\nb: [x]\nc:\n"])
        let (saved, problems) = SavedQueriesLoader.load(root: kb.root)
        #expect(
            problems.map(\.description) == [
                "Site/queries.yml:2:1: error: duplicate key 'a'", "Site/queries.yml:3:4: error: a saved query is a name and one command line",
                "Site/queries.yml:4:1: error: saved query 'c' has no command line (write one after it: 'c: status --min-risk 30')",
            ])
        #expect(saved.keys.sorted() == ["a"])
    }

    /// A product whose file does not parse is told nothing about what it declares: its
    /// events' channels ask for no declaration it may already have.
    @Test func aFileThatDoesNotParseGetsNoFollowOnWarning() throws {
        let problems = try diagnostics([
            "Content/entities/q.md": "---\nname: \"Queue\ntype: product\nchannels: [api, console]\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2024-01-01\ntype: launch\nentities: [q]\nstatus:\n  q: { availability: { api: preview } }\n---\n",
        ])
        #expect(
            problems.count == 2 && problems[0].hasPrefix("Content/entities/q.md:2:7: error: invalid YAML: a quoted value is never closed"),
            "\(problems)")
        #expect(problems.last == "Content/events/e.md:1:1: warning: event has no sources")
    }

    /// Markdown by its name but no entry (`.MD`, `.markdown`): said, not copied without a word.
    @Test func markdownNotNamedMdIsSaid() throws {
        #expect(
            try diagnostics([
                "Content/entities/upper.MD": "---\nname: U\ntype: vendr\n---\n", "Content/events/notes.markdown": "x",
                "Content/events/chart.png": "x", "Content/events/draft.mdown": "x", "Content/events/Google Wave.markdown": "x",
            ])
                == [
                    "Content/entities/upper.MD:1:1: warning: not read as an entry (an entry's file name ends in '.md': rename it 'upper.md' to make it one): copied as a file",
                    "Content/events/Google Wave.markdown:1:1: warning: not read as an entry (an entry's file name ends in '.md': rename it 'google-wave.md' to make it one): copied as a file",
                    "Content/events/draft.mdown:1:1: warning: not read as an entry (an entry's file name ends in '.md': rename it 'draft.md' to make it one): copied as a file",
                    "Content/events/notes.markdown:1:1: warning: not read as an entry (an entry's file name ends in '.md': rename it 'notes.md' to make it one): copied as a file",
                ])
    }

    /// A setting a letter or two from a known one is most likely that one.
    @Test func aMistypedSettingIsNamed() throws {
        let kb = try TemporaryKnowledgeBase(["Site/config.yml": "titel: Typo\nbase_urll: https://x.org/\nfrobnicate: 1\n"])
        #expect(
            SiteConfigLoader.load(root: kb.root).1.map(\.description) == [
                "Site/config.yml:1:1: warning: unknown setting 'titel' (did you mean 'title'?)",
                "Site/config.yml:2:1: warning: unknown setting 'base_urll' (did you mean 'base_url'?)",
                "Site/config.yml:3:1: warning: unknown setting 'frobnicate'",
            ])
    }

    /// A setting's value that names nothing is said at it: a folder of recorded time that is
    /// not there (recorded time read nothing, in silence), a label of no scale's value, a
    /// trackable type no entity has.
    @Test func aSettingThatNamesNothingIsSaid() throws {
        let kb = try TemporaryKnowledgeBase([
            "Site/config.yml":
                "entity_types: [service]\ntrackable_types: [sevice]\nstatus_labels:\n  flagshp: Top\nrecorded_time: Content/evnts\n",
            "Content/events/x.md": "---\ntitle: X\ndate: 2026\ntype: other\n---\n",
        ])
        #expect(
            SiteConfigLoader.load(root: kb.root).1.map(\.description).sorted() == [
                "Site/config.yml:2:19: warning: 'trackable_types' names 'sevice', which is no entity type (did you mean 'service'?); entity types are vendor, org, person, product, model, model-family, service",
                "Site/config.yml:4:3: warning: 'status_labels' names 'flagshp', which is on no scale (did you mean 'flagship'?): its label is shown nowhere",
                "Site/config.yml:5:16: warning: 'recorded_time' names Content/evnts, which is not a folder (did you mean 'Content/events'?): recorded time reads nothing",
            ])
    }

    /// Settings are checked as front matter is: every type and scale value a word, a scale
    /// of two values or more with none twice, each problem at its value and all in one run.
    @Test func settingsListsAreCheckedValueByValue() throws {
        let kb = try TemporaryKnowledgeBase([
            "Site/config.yml": """
            entity_types: ["Bad Type", region, product]
            priority_scale: []
            availability_scale: [open, open, shut]
            tags: *x
            """
        ])
        #expect(
            SiteConfigLoader.load(root: kb.root).1.map(\.description) == [
                "Site/config.yml:4:7: error: YAML aliases are not allowed in settings (write the value out; a value that starts with '*' is text only in quotes: \"*…\")"
            ])
        try kb.write(
            """
            entity_types: ["Bad Type", region, product]
            priority_scale: []
            availability_scale: [open, open, shut]
            """, to: "Site/config.yml")
        #expect(
            SiteConfigLoader.load(root: kb.root).1.map(\.description) == [
                "Site/config.yml:1:16: error: 'Bad Type' in 'entity_types' must be one word of lowercase a-z, 0-9 and '-'",
                "Site/config.yml:1:36: warning: 'product' is in 'entity_types' already (built in)",
                "Site/config.yml:3:28: error: 'open' is in 'availability_scale' twice",
                "Site/config.yml:2:17: error: 'priority_scale' must list at least two values, from the top of the scale to its bottom",
            ])
        // Two values, one of them twice: that is the problem, not a list too short.
        try kb.write("availability_scale: [open-source, open-source]\n", to: "Site/config.yml")
        #expect(
            SiteConfigLoader.load(root: kb.root).1.map(\.description) == [
                "Site/config.yml:1:35: error: 'open-source' is in 'availability_scale' twice"
            ])
        // A scale in error judges no file: its one mistake is said once (the scale without the
        // value said made every file's `deprecated` an error).
        try kb.write("availability_scale: [generally-available, preview, generally-available]\n", to: "Site/config.yml")
        let (config, _) = SiteConfigLoader.load(root: kb.root)
        #expect(config.unread && config.availabilityScale == SiteConfig().availabilityScale)
        let problems = try diagnostics(["Site/config.yml": "availability_scale: [generally-available, preview, generally-available]\n"])
        #expect(
            problems.filter { $0.contains(": error: ") } == ["Site/config.yml:1:52: error: 'generally-available' is in 'availability_scale' twice"],
            "\(problems)")
    }

    /// An event whose date does not parse still has its status checked: every problem in
    /// one run, not the rest only once the date is mended.
    @Test func aStatusIsCheckedWhenItsEventsDateIsWrong() throws {
        let event =
            "---\ntitle: Bad date\ndate: 2024-13-01\ntype: launch\nentities: [llama]\nstatus:\n  lama: { availability: generally-available }\n  meta: { availability: deprecated }\n---\n"
        let found = try diagnostics(["Content/events/bad-date.md": event]).filter { $0.contains("bad-date.md") && $0.contains("error") }
        #expect(
            found == [
                "Content/events/bad-date.md:3:7: error: impossible date '2024-13-01' (a month is 01 to 12)",
                "Content/events/bad-date.md:7:3: error: unknown entity 'lama' (did you mean 'llama'?)",
                "Content/events/bad-date.md:8:3: error: 'meta' is a vendor; a status can only be set on product, model, model-family",
            ], "\(found)")
    }

    @Test func notUTF8() throws {
        let kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        // At the bad byte: line 2, after "né " (three characters).
        try kb.write(Data([0x2D, 0x2D, 0x2D, 0x0A, 0x6E, 0xC3, 0xA9, 0x20, 0xC3, 0x28, 0x0A]), to: "Content/sources/x.md")
        #expect(
            ContentLoader.load(root: kb.root).diagnostics.map(\.description) == [
                "Content/sources/x.md:2:4: error: file is not valid UTF-8 (the byte 0xC3 here is no character: save the file as UTF-8; it may be Latin-1 or Windows-1252)"
            ])
    }

    @Test func nulByteWithItsPosition() throws {
        #expect(
            try diagnostics(["Content/sources/x.md": "---\ntitle: a\u{0}b\n"]) == [
                "Content/sources/x.md:2:9: error: file contains a NUL byte"
            ])
    }

    @Test func wideEncodingsAreNamed() throws {
        let kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        let text = "---\ntitle: a\n---\n"
        try kb.write(Data([0xFF, 0xFE]) + text.data(using: .utf16LittleEndian)!, to: "Content/sources/bom.md")
        try kb.write(text.data(using: .utf16BigEndian)!, to: "Content/sources/big.md")
        try kb.write(Data([0xFF, 0xFE, 0, 0]) + text.data(using: .utf32LittleEndian)!, to: "Content/sources/wide.md")
        // Without a byte-order mark too (they read as a NUL byte at 1:2 and 1:1).
        try kb.write(text.data(using: .utf32LittleEndian)!, to: "Content/sources/wide-le.md")
        try kb.write(text.data(using: .utf32BigEndian)!, to: "Content/sources/wide-be.md")
        #expect(
            ContentLoader.load(root: kb.root).diagnostics.map(\.description) == [
                "Content/sources/big.md:1:1: error: file is UTF-16 (big-endian) text, not UTF-8 (save it as UTF-8)",
                "Content/sources/bom.md:1:1: error: file is UTF-16 (little-endian) text, not UTF-8 (save it as UTF-8)",
                "Content/sources/wide-be.md:1:1: error: file is UTF-32 (big-endian) text, not UTF-8 (save it as UTF-8)",
                "Content/sources/wide-le.md:1:1: error: file is UTF-32 (little-endian) text, not UTF-8 (save it as UTF-8)",
                "Content/sources/wide.md:1:1: error: file is UTF-32 (little-endian) text, not UTF-8 (save it as UTF-8)",
            ])
    }
    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let text = "\u{FEFF}---\r\ntitle: Windows file\r\npublisher: P\r\nurl: https://x.org/\r\nextra_key: 1\r\n---\r\nBody [[nope]].\r\n"
        #expect(
            try diagnostics(["Content/sources/x.md": text]) == [
                "Content/sources/x.md:5:1: warning: unknown key 'extra_key' for a source (kept, but not part of the format)",
                "Content/sources/x.md:7:6: error: unknown entry 'nope' (not written yet? write it first: vane new KIND \"Title\" --id nope)",
            ])
    }

    @Test func markdownDirectlyUnderContent() throws {
        #expect(
            try diagnostics(["Content/loose.md": "---\ntitle: x\n---\n"]) == [
                "Content/loose.md:1:1: error: 'loose.md' is not in a kind folder (expected entities/, events/, claims/, sources/, reports/ or uses/)"
            ])
    }

    @Test func unknownKindFolder() throws {
        #expect(
            try diagnostics(["Content/event/x.md": "---\ntitle: x\n---\n"]) == [
                "Content/event/x.md:1:1: error: unknown kind folder 'event' (did you mean 'events'?) (expected entities/, events/, claims/, sources/, reports/ or uses/)"
            ])
    }

    /// A use of a product whose status is its release cycles' (an import's) is not tracked
    /// until it names a cycle: said at `product`, with the newest cycle to name.
    @Test func aUseOfAProductWithCyclesNamesACycle() throws {
        func cycle(_ n: String) -> String { "---\nname: Runtime \(n)\ntype: product\nparent: runtime\n---\n" }
        func launch(_ n: String) -> String {
            "---\ntitle: Runtime \(n)\ndate: 2024-\(n == "9" ? "09" : n)-01\ntype: launch\nentities: [runtime-\(n)]\nsources: [tns]\nstatus:\n  runtime-\(n): { availability: generally-available, priority: invested }\n---\n"
        }
        let found = try diagnostics([
            "Content/entities/runtime.md": "---\nname: Runtime\ntype: product\n---\n",
            "Content/entities/runtime-9.md": cycle("9"), "Content/entities/runtime-10.md": cycle("10"),
            "Content/events/runtime-9-launch.md": launch("9"), "Content/events/runtime-10-launch.md": launch("10"),
            "Content/uses/api-runtime.md": "---\nproduct: runtime\nteam: api\n---\n",
        ]).filter { $0.contains("uses/") }
        #expect(
            found == [
                "Content/uses/api-runtime.md:2:10: warning: 'runtime' has no status of its own, only its release cycles: name the one you use (product: runtime-10, say), or this use is not tracked"
            ], "\(found)")
    }

    /// A rename whose day is wrong is one error, at the day: the earlier name still
    /// resolves (each link by it was an error of its own).
    @Test func aRenameWithAWrongDayKeepsItsName() throws {
        let found = try diagnostics([
            "Content/entities/opentofu.md":
                "---\nname: OpenTofu\ntype: product\nrenamed: [{ date: 2023-09-31, from: OpenTF }]\n---\nOnce [[OpenTF]].\n",
            "Content/sources/fork.md": "---\ntitle: Fork\npublisher: OpenTF\nurl: https://example.org/\n---\nSee [[OpenTF]].\n",
        ]).filter { $0.contains("error") }
        #expect(found == ["Content/entities/opentofu.md:4:19: error: impossible date '2023-09-31' (September 2023 has 30 days)"], "\(found)")
    }

    /// One rename may be written alone, not in a list, as any list field's one value may
    /// (it was refused); the earlier name then resolves.
    @Test func aRenameWrittenAloneIsARename() throws {
        let result = try load([
            "Content/entities/opentofu.md": "---\nname: OpenTofu\ntype: product\nrenamed: { date: 2023-09-20, from: OpenTF }\n---\nOnce [[OpenTF]].\n"
        ])
        #expect(!result.diagnostics.contains { $0.location.path.contains("opentofu") && $0.severity == .error }, "\(result.diagnostics)")
        #expect(result.knowledgeBase.resolve("OpenTF") == "opentofu")
    }

    /// A tab indenting front matter is named: libyaml's words say only that a character
    /// cannot start a token.
    @Test func aTabInFrontMatterIsNamed() throws {
        let found = try diagnostics(["Content/sources/tabbed.md": "---\ntitle: x\ntags:\n\t- a\n---\n"]).filter { $0.contains("tabbed.md") }
        #expect(found == ["Content/sources/tabbed.md:4:1: error: invalid YAML: a tab here (YAML indents with spaces, never tabs)"], "\(found)")
        // Indenting a key (libyaml's words: "a tab character that violates indentation").
        let key = try diagnostics(["Content/entities/tabbed.md": "---\nname: x\n\tparent: meta\ntype: org\n---\n"]).filter {
            $0.contains("tabbed.md")
        }
        #expect(
            key == ["Content/entities/tabbed.md:3:1: error: invalid YAML: a tab in the indentation (YAML indents with spaces, never tabs)"], "\(key)")
    }

    @Test func invalidID() throws {
        // The file is read all the same, under the id it would have: its other problems come
        // in the same run (they came only once it was renamed).
        #expect(
            try diagnostics(["Content/sources/Big_Source.md": "---\ntitle: x\n---\n"]) == [
                "Content/sources/Big_Source.md:1:1: error: invalid id 'Big_Source' (a file name must be 1-80 characters of lowercase a-z, 0-9 and '-') (did you mean 'big-source'? rename the file 'big-source.md')",
                "Content/sources/Big_Source.md:1:1: error: missing required field 'publisher'",
                "Content/sources/Big_Source.md:1:1: error: missing required field 'url'",
            ])
        let event = "---\ntitle: Wave\ndate: 2010-13-01\ntype: other\nentities: [metta]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/2010 Wave.md": event]).filter { $0.contains("Wave.md") } == [
                "Content/events/2010 Wave.md:1:1: error: invalid id '2010 Wave' (a file name must be 1-80 characters of lowercase a-z, 0-9 and '-') (did you mean '2010-wave'? rename the file '2010-wave.md')",
                "Content/events/2010 Wave.md:3:7: error: impossible date '2010-13-01' (a month is 01 to 12)",
                "Content/events/2010 Wave.md:5:12: error: unknown entity 'metta' (did you mean 'meta'?)",
            ])
        // A reference to the id it would have names the file to rename (it read "unknown
        // source" for a source plainly there, six times before the file's own error).
        var files = SampleKnowledgeBase.files
        files["Content/sources/The-New-Stack.md"] = files.removeValue(forKey: "Content/sources/tns.md")!
        files["Content/events/launch.md"] = files["Content/events/launch.md"]!.replacingOccurrences(
            of: "sources: [tns]", with: "sources: [the-new-stack]")
        let renamed = try diagnostics(files).filter { $0.contains("the-new-stack") && $0.contains("launch.md") }
        #expect(
            renamed == [
                "Content/events/launch.md:6:11: error: unknown source 'the-new-stack' (Content/sources/The-New-Stack.md would have this id, but its name is no id: rename it 'the-new-stack.md')"
            ], "\(renamed)")
        // A name that makes no id has no suggestion.
        #expect(
            try diagnostics(["Content/sources/日本.md": "---\ntitle: x\n---\n"]) == [
                "Content/sources/日本.md:1:1: error: invalid id '日本' (a file name must be 1-80 characters of lowercase a-z, 0-9 and '-')"
            ])
    }

    @Test func duplicateIDAcrossSubfolders() throws {
        // The first path in byte order keeps the id; later files are reported.
        let copy = SampleKnowledgeBase.files["Content/sources/tns.md"]!
        #expect(
            try diagnostics(["Content/sources/zz/tns.md": copy]) == [
                "Content/sources/zz/tns.md:1:1: error: duplicate id 'tns' (already used by Content/sources/tns.md)"
            ])
        // What the file left out links to is checked all the same (it came out only once
        // the file was renamed); it adds nothing to the graph.
        let event = "---\ntitle: Dup\ndate: 2026\ntype: other\nentities: [metta]\nsources: [tns]\n---\n"
        let result = try load(["Content/events/zz/launch.md": event])
        #expect(
            result.diagnostics.filter { $0.location.path.hasPrefix("Content/events/zz") }.map(\.description) == [
                "Content/events/zz/launch.md:1:1: error: duplicate id 'launch' (already used by Content/events/launch.md)",
                "Content/events/zz/launch.md:5:12: error: unknown entity 'metta' (did you mean 'meta'?)",
            ])
        #expect(!result.knowledgeBase.edges.contains { $0.from == "launch" && $0.to == "metta" })
        // A use left out so has its channel checked as well, as a use's is (its product
        // alone was, and the channel's error came once the file was renamed).
        let product = "---\nname: Muse API\ntype: product\nparent: meta\nchannels: [free, paid]\n---\n"
        let use = "---\nproduct: muse-api\nchannel: piad\nteam: web\n---\n"
        let duplicateUse = try diagnostics(["Content/entities/muse-api.md": product, "Content/uses/tns.md": use])
        #expect(
            duplicateUse.filter { $0.hasPrefix("Content/uses/") } == [
                "Content/uses/tns.md:1:1: error: duplicate id 'tns' (already used by Content/sources/tns.md, a source: ids are shared by every kind; rename one of them)",
                "Content/uses/tns.md:3:10: error: channel 'piad' is not a channel of 'muse-api' (did you mean 'paid'?); its channels are free, paid",
            ], "\(duplicateUse)")
        // A channel named by an alias of the entity it is, in any case, is that channel there too.
        let cloud = "---\nname: Cloud\ntype: product\nparent: meta\naliases: [CP]\n---\n"
        let onCloud = product.replacingOccurrences(of: "[free, paid]", with: "[free, cloud]")
        let aliased = try diagnostics([
            "Content/entities/cloud.md": cloud, "Content/entities/muse-api.md": onCloud,
            "Content/uses/tns.md": use.replacingOccurrences(of: "piad", with: "cp"),
        ])
        #expect(aliased.filter { $0.hasPrefix("Content/uses/") }.count == 1, "\(aliased)")
        // An entity that takes a source's id keeps it (entities/ sorts first): the source
        // left out is named where it is cited, so the analyst is sent to the two files.
        let found = try diagnostics(["Content/entities/tns.md": "---\nname: TNS\ntype: org\n---\n"])
        #expect(
            found.contains(
                "Content/sources/tns.md:1:1: error: duplicate id 'tns' (already used by Content/entities/tns.md, an entity: ids are shared by every kind; rename one of them)"
            ), "\(found)")
        #expect(
            found.contains {
                $0.hasSuffix(
                    "error: 'tns' is an entity, not a source (Content/sources/tns.md is a source with that id, left out as a duplicate of Content/entities/tns.md: rename one of them)"
                )
            },
            "\(found)")
    }

    @Test func deeperSubfoldersAreFree() throws {
        let result = try load(["Content/events/2026/04/other.md": "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"])
        #expect(result.diagnostics.isEmpty)
        #expect(result.knowledgeBase.entry("other")?.kind == .event)
    }

    // MARK: - Fields

    @Test func missingRequiredFieldsAtTheOpeningLine() throws {
        #expect(
            try diagnostics(["Content/entities/x.md": "---\nname: X\n---\n"]) == [
                "Content/entities/x.md:1:1: error: missing required field 'type'"
            ])
        #expect(
            try diagnostics(["Content/claims/x.md": "---\ntitle: X\n---\n"]) == [
                "Content/claims/x.md:1:1: error: missing required field 'about'",
                "Content/claims/x.md:1:1: error: missing required field 'claimant'",
                "Content/claims/x.md:1:1: error: missing required field 'date'",
                "Content/claims/x.md:1:1: error: missing required field 'sources'",
            ])
        #expect(
            try diagnostics(["Content/sources/x.md": "---\npublisher: P\n---\n"]) == [
                "Content/sources/x.md:1:1: error: missing required field 'title'",
                "Content/sources/x.md:1:1: error: missing required field 'url'",
            ])
    }

    /// A key that is present but empty is reported at the key, whatever the field.
    @Test func emptyFieldsAtTheirKey() throws {
        let claim = "---\ntitle: X\nclaimant:\nabout: []\ndate: 2026\nsources: []\n---\n"
        #expect(
            try diagnostics(["Content/claims/x.md": claim]) == [
                "Content/claims/x.md:3:1: error: 'claimant' is empty",
                "Content/claims/x.md:4:1: error: 'about' must name at least one entity",
                "Content/claims/x.md:6:1: error: 'sources' must name at least one source",
            ])
        let event = "---\ntitle: \"\"\ndate: 2026\ntype: other\nentities: []\nsources: []\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": event]) == [
                "Content/events/x.md:2:1: error: 'title' is empty",
                "Content/events/x.md:5:1: error: 'entities' must name at least one entity",
                "Content/events/x.md:6:1: warning: event has no sources",
            ])
        // An event's day, or its span's ends, left empty: an event without its day would
        // drop out of the graph and its status changes with it, the build still clean.
        for (dates, expected) in [
            ("date:", ["Content/events/y.md:3:1: error: 'date' is empty"]),
            ("date: null", ["Content/events/y.md:3:1: error: 'date' is empty"]),
            ("start: \"\"\nend: 2026", ["Content/events/y.md:3:1: error: 'start' is empty"]),
            ("start: 2026\nend:", ["Content/events/y.md:4:1: error: 'end' is empty"]),
        ] {
            let dated = "---\ntitle: T\n\(dates)\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
            let problems = try diagnostics(["Content/events/y.md": dated]).filter { $0.contains("error") }
            #expect(problems == expected, "\(dates)")
        }
    }

    @Test func emptyLinksAreErrorsAtTheirBrackets() throws {
        let body = "---\nname: X\ntype: org\n---\nSee [[]] and [@] and [[llama|]].\n"
        #expect(
            try diagnostics(["Content/entities/x.md": body]) == [
                "Content/entities/x.md:5:5: error: empty wikilink '[[]]' (write [[id]] or [[id|label]])",
                "Content/entities/x.md:5:14: error: empty citation '[@]' (write [@source-id])",
                "Content/entities/x.md:5:22: error: empty label in '[[llama|]]' (write [[llama]], or a label after the '|')",
            ])
        let labelled = try load(["Content/entities/x.md": "---\nname: X\ntype: org\n---\nSee [[llama|the **4** models]] and [[meta|Meta]].\n"])
        let links = try #require(labelled.knowledgeBase.entry("x")).bodyLinks
        #expect(links.map(\.labelHTML) == ["the <strong>4</strong> models", nil])
    }

    /// A Markdown link to another entry's file, as an editor writes one, is a link to that
    /// entry (its page, whatever folder the path names); to no entry, an error at it. Other
    /// links, and `.md` in code, stay Markdown.
    @Test func aLinkToAnEntrysFileIsALinkToTheEntry() throws {
        let body =
            "---\nname: X\ntype: org\n---\nSee [Llama](llama.md), [the *owner*](../entities/meta.md#history), [gone](lama.md) and [site](https://x.org/a.md) `[c](meta.md)`.\n\nAs Obsidian links a heading: [[meta#history]].\n"
        let result = try load(["Content/entities/x.md": body])
        #expect(
            result.diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "Content/entities/x.md:5:68: error: unknown entry 'lama' (did you mean 'llama'?)"
            ])
        let links = try #require(result.knowledgeBase.entry("x")).bodyLinks
        #expect(links.map(\.target) == ["llama", "meta", "lama", "meta"])
        #expect(links.map(\.label) == ["Llama", "the *owner*", "gone", nil])
        #expect(links.map(\.labelHTML) == [nil, "the <em>owner</em>", nil, nil])
    }

    /// A citation followed at once by another bracket is still a citation: another
    /// citation, a footnote, an inline link; `[@a; @b]` asks for two brackets.
    @Test func aCitationBeforeAnotherBracketIsACitation() throws {
        let body = "---\nname: X\ntype: org\n---\nA.[@tns][^n] B.[@tns][@tns] C.[@tns][Llama](llama.md) D.[@tns; @tns]\n\n[^n]: A note.\n"
        let result = try load(["Content/entities/x.md": body])
        #expect(
            result.diagnostics.filter { $0.severity == .error }.map(\.description) == [
                "Content/entities/x.md:5:57: error: '[@tns; @tns]' cites more than one source: write each in its own brackets, [@a] [@b]"
            ])
        let links = try #require(result.knowledgeBase.entry("x")).bodyLinks
        #expect(links.map(\.style) == [.citation, .citation, .citation, .citation, .wikilink])
        // None is left as text but the one written wrong.
        #expect(result.knowledgeBase.entry("x")?.bodyHTML.components(separatedBy: "[@").count == 2)
    }

    /// A link or image beside a file in a folder below its kind's is made relative to the
    /// page, which sits in the kind's folder: `2024/chart.png`.
    @Test func aRelativeLinkBesideAFileInASubfolderIsRelativeToThePage() throws {
        let body =
            "---\ntitle: T\ndate: 2024\ntype: other\nentities: [meta]\nsources: [tns]\n---\n![c](chart.png) [pdf](../2023/r.pdf) [top](/x) [a](#ref-1) [w](https://x.org/a.png)\n"
        let result = try load(["Content/events/2024/e.md": body])
        let html = try #require(result.knowledgeBase.entry("e")).bodyHTML
        #expect(html.contains("src=\"2024/chart.png\""), "\(html)")
        #expect(html.contains("href=\"2024/../2023/r.pdf\""), "\(html)")
        #expect(html.contains("href=\"/x\"") && html.contains("href=\"#ref-1\"") && html.contains("src=\"https://x.org/a.png\"") == false)
        #expect(html.contains("href=\"https://x.org/a.png\""))
    }

    /// A relative link or image that finds no file, or no page, is a warning where it is
    /// written, quoted as written (in a subfolder it was quoted as the page has it,
    /// `2024/gone.png`): the page would show a dead link. One beside the file, or a page
    /// written by hand, is fine.
    @Test func aRelativeLinkToNothingIsAWarning() throws {
        let body =
            "---\ntitle: T\ndate: 2024\ntype: other\nentities: [meta]\nsources: [tns]\n---\n![c](chart.png) ![d](gone.png) [m](../entities/meta.html) [n](../entities/nope.html) [a](#ref-1) [p](2024/nope.html)\n"
        let found = try diagnostics(["Content/events/2024/e.md": body, "Content/events/2024/chart.png": "png"])
        #expect(
            found.filter { $0.contains("e.md") } == [
                "Content/events/2024/e.md:8:22: warning: 'gone.png' links to no file (Content/events/2024/gone.png is not there): the page would show a dead link",
                "Content/events/2024/e.md:8:63: warning: '../entities/nope.html' links to no file (Content/entities/nope.html is not there): the page would show a dead link",
                // A page's link is as written, never cut (it read 'nope.html', said on the body's first line).
                "Content/events/2024/e.md:8:102: warning: '2024/nope.html' links to no file (Content/events/2024/nope.html is not there): the page would show a dead link",
            ], "\(found)")
        // A link with a title to an entry's file is a relative link, said at its own target,
        // not at the link to the same entry before it on its line (an entry link, fine).
        let titled =
            "---\ntitle: T\ndate: 2024\ntype: other\nentities: [meta]\nsources: [tns]\n---\nSee [first](meta.md) and later [second](meta.md \"a title\").\n"
        #expect(
            try diagnostics(["Content/events/t.md": titled]).filter { $0.contains("t.md") } == [
                "Content/events/t.md:8:41: warning: 'meta.md' links to no file (Content/events/meta.md is not there): the page would show a dead link"
            ])
        // One to an entry's file that is there: the file is not published, and the link to
        // its page is the cure (it said the file "is not there").
        let entry = "---\ntitle: T\ndate: 2024\ntype: other\nentities: [meta]\nsources: [tns]\n---\n[i](../entities/meta.md \"t\")\n"
        #expect(
            try diagnostics(["Content/events/u.md": entry]).filter { $0.contains("u.md") } == [
                "Content/events/u.md:8:5: warning: '../entities/meta.md' links to the file of 'meta', which the site does not publish: the page would show a dead link (write [[meta]] to link to its page)"
            ])
        // An image of an entry's file stays an image (it was a link to the entry, with the
        // image's `!` left as text before it), said at its own target; and a link to an
        // entry's file with a part and a title, at its own (it was said at the line's start).
        let image =
            "---\ntitle: T\ndate: 2024\ntype: other\nentities: [meta]\nsources: [tns]\n---\nA ![i](../entities/meta.md) and [t](../entities/meta.md#a \"t\").\n"
        let loaded = try load(["Content/events/w.md": image])
        #expect(
            loaded.diagnostics.map(\.description).filter { $0.contains("w.md") } == [
                "Content/events/w.md:8:8: warning: '../entities/meta.md' links to the file of 'meta', which the site does not publish: the page would show a dead link (write [[meta]] to link to its page)",
                "Content/events/w.md:8:37: warning: '../entities/meta.md' links to the file of 'meta', which the site does not publish: the page would show a dead link (write [[meta]] to link to its page)",
            ])
        #expect(loaded.knowledgeBase.entry("w")?.bodyLinks.isEmpty == true)
        // The name typed with é composed, the file's (as macOS names it) with e and an accent:
        // the same text, not the same bytes, and a web server's path is bytes.
        let accented = "---\ntitle: T\ndate: 2024\ntype: other\nentities: [meta]\nsources: [tns]\n---\n[r](caf\u{E9}.pdf)\n"
        #expect(
            try diagnostics(["Content/events/v.md": accented, "Content/events/cafe\u{301}.pdf": "pdf"]).filter { $0.contains("v.md") } == [
                "Content/events/v.md:8:5: warning: 'caf\u{E9}.pdf' names Content/events/cafe\u{301}.pdf with its accents written another way (the same text, not the same bytes): the page would show a dead link; rename the file, or write its name as the file has it"
            ])
        #expect(try diagnostics(["Content/events/v.md": accented, "Content/events/caf\u{E9}.pdf": "pdf"]).filter { $0.contains("v.md") }.isEmpty)
    }

    /// A reference link's target is written once, in its definition: a scheme the page
    /// drops is said there, once, as a dead target written the same way is (it was said at
    /// each use).
    @Test func aReferenceTargetIsSaidAtItsDefinition() throws {
        let text =
            "---\ntitle: T\ndate: 2024\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
            + "Call [us][r2] or [again][r2] or [dead][r3] or [short][r4].\n\n[r2]: tel:+15551234\n[r3]: nothere.png\n[r4]: tel:+1555\n"
        #expect(
            try diagnostics(["Content/events/r.md": text]).filter { $0.contains("r.md") } == [
                "Content/events/r.md:10:7: warning: 'tel:+15551234' is not an http, https, mailto or relative link: the page shows it as text",
                "Content/events/r.md:11:7: warning: 'nothere.png' links to no file (Content/events/nothere.png is not there): the page would show a dead link",
                // Its own definition, not the longer target's that starts alike.
                "Content/events/r.md:12:7: warning: 'tel:+1555' is not an http, https, mailto or relative link: the page shows it as text",
            ])
    }

    @Test func eventWithoutSourcesWarnsAndStrictFails() throws {
        let text = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\n---\n"
        let result = try load(["Content/events/x.md": text])
        #expect(result.diagnostics.map(\.description) == ["Content/events/x.md:1:1: warning: event has no sources"])
        #expect(!result.hasErrors)
        #expect(result.diagnostics.promotingWarnings().map(\.description) == ["Content/events/x.md:1:1: error: event has no sources"])
        // A citation in the body sources it as `sources` does (every view shows it so):
        // `--strict` failed an event every page showed as sourced.
        let cited = try load(["Content/events/x.md": text + "Released, says [@tns].\n"])
        #expect(cited.diagnostics.isEmpty, "\(cited.diagnostics)")
    }

    @Test func unknownKeysAreWarnedAndKept() throws {
        let result = try load(["Content/entities/x.md": "---\nname: X\ntype: org\nfounded: 2004\n---\n"])
        #expect(
            result.diagnostics.map(\.description) == [
                "Content/entities/x.md:4:1: warning: unknown key 'founded' for an entity (kept, but not part of the format)"
            ])
        #expect(result.knowledgeBase.entry("x")?.extra["founded"] == .number(2004))
    }

    /// A mistyped key says which it may be: its value (a whole status) is otherwise lost
    /// with a warning alone. A name cut short is suggested too, a problem written twice at
    /// one place is said once, and a ': ' in a value says to quote it.
    @Test func messagesSayWhatWasMeant() throws {
        let event = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstauts:\n  llama: { priority: sunset }\n---\n"
        let mistyped = try diagnostics(["Content/events/x.md": event])
        #expect(
            mistyped.contains(
                "Content/events/x.md:7:1: warning: unknown key 'stauts' for an event (did you mean 'status'? it is kept, but not part of the format)"),
            "\(mistyped)")
        // Another kind's date key means this kind's own (it suggested 'data'), and a file with
        // another kind's fields is said to be in the wrong folder.
        let filed = "---\ntitle: T\ndate: 2026-01-02\ntype: news\nentities: [meta]\nstatus:\n  llama: { priority: sunset }\n---\n"
        let misfiled = try diagnostics(["Content/sources/x.md": filed])
        #expect(
            misfiled.contains(
                "Content/sources/x.md:3:1: warning: unknown key 'date' for a source (did you mean 'published'? a source's date is 'published'; it is kept, but not part of the format)"
            ), "\(misfiled)")
        #expect(
            misfiled.contains(
                "Content/sources/x.md:1:1: warning: these are an event's fields (entities, status), not a source's: events go in Content/events/"),
            "\(misfiled)")
        let twice =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tn]\nstatus:\n  x: { availability: deprecated, priority: sunset }\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": twice]).filter { $0.contains("error") } == [
                "Content/events/x.md:6:11: error: unknown source 'tn' (did you mean 'tns'?)",
                "Content/events/x.md:8:3: error: 'x' is an event, not an entity",
            ])
        // A name cut short: the one entry it begins.
        let short = "---\nname: Long Name Products\ntype: product\n---\n"
        let cut = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [long-name]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/entities/long-name-products.md": short, "Content/events/z.md": cut]).filter { $0.contains("error") } == [
                "Content/events/z.md:5:12: error: unknown entity 'long-name' (did you mean 'long-name-products'?)"
            ])
        let comment = "---\ntitle: GA4 #1 launch day\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/c.md": comment]) == [
                "Content/events/c.md:2:12: warning: ' #' starts a YAML comment, left out of 'title': put the value in quotes to keep it"
            ])
        let colon = "---\ntitle: Google: GA4 launches\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
        #expect(try diagnostics(["Content/events/y.md": colon]).first?.hasSuffix("(a ': ' inside a value: put the value in quotes)") == true)
        // In an editor's typographic quotes, which YAML reads as text: said so.
        let curly = colon.replacingOccurrences(of: "Google: GA4 launches", with: "\u{2018}Google: GA4 launches\u{2019}")
        let smart = try diagnostics(["Content/events/y.md": curly]).first ?? ""
        #expect(smart.hasSuffix("(a ': ' inside a value: ‘…’ and “…” are not YAML's quotes; put the value in '…' or \"…\")"), "\(smart)")
        // A key indented under a value continues it: the cure is the indentation, not quotes.
        let indented = "---\nname: Bad Indent\n  type: vendor\n---\n"
        #expect(
            try diagnostics(["Content/entities/c.md": indented]) == [
                "Content/entities/c.md:3:7: error: invalid YAML: mapping values are not allowed in this context (an indented line continues the value above it: remove its indentation, or quote the value if the ': ' is part of it)"
            ])
        // A quote left open is said where it opened, not where the parser gave up.
        let open = "---\nname: \"Example Queue\ntype: product\nchannels: [api]\n---\nBody.\n"
        #expect(
            try diagnostics(["Content/entities/a.md": open]) == [
                "Content/entities/a.md:2:7: error: invalid YAML: a quoted value is never closed (its closing quote is missing: the parser reached 4:16 without it)"
            ])
        // Closed by a quote inside it, or running on to a later line's quote: said as such
        // (both read as a line out of step with its mapping).
        let early = "---\nname: 'Queue won't stop\ntype: product\n---\n"
        #expect(
            try diagnostics(["Content/entities/a.md": early]) == [
                "Content/entities/a.md:2:18: error: invalid YAML: text after the quoted value that ends at 2:17 (a ' inside '…' is written '', or write the value in the other quotes)"
            ])
        let runsOn = "---\nname: \"Example Queue\ntype: product\naliases: [\"EQ\"]\n---\n"
        #expect(
            try diagnostics(["Content/entities/a.md": runsOn]) == [
                "Content/entities/a.md:2:7: error: invalid YAML: a quoted value is not closed on its line: it runs on to the quote at 4:11 (the parser stopped at 4:12)"
            ])
    }

    /// A release cycle's version label written as a plain number keeps the text written
    /// where the number would not write it back (Kubernetes 1.30 read as "1.3": trial
    /// h10-F3); one the number writes back stays a number, as other data does.
    @Test func aCycleVersionWrittenAsANumberKeepsItsText() throws {
        let cycle = { (version: String) in
            "---\nname: Kubernetes \(version)\ntype: product\nparent: meta\ndata: { release_cycle: \(version), latest: 1.30.4, release_date: 2024-04-17, eol: 2025-06-28, cost: 1.50 }\n---\n"
        }
        let thirty = try #require(try load(["Content/entities/k.md": cycle("1.30")]).knowledgeBase.entry("k"))
        #expect(thirty.extra["release_cycle"] == .text("1.30") && CycleFacts(thirty.extra)?.cycle == "1.30")
        // Not a version label: a number as YAML reads it.
        #expect(thirty.extra["cost"] == .number(1.5))
        let twentyOne = try #require(try load(["Content/entities/k.md": cycle("21.0")]).knowledgeBase.entry("k"))
        #expect(twentyOne.extra["release_cycle"] == .text("21.0"))
        let eight = try #require(try load(["Content/entities/k.md": cycle("8")]).knowledgeBase.entry("k"))
        #expect(eight.extra["release_cycle"] == .number(8) && CycleFacts(eight.extra)?.cycle == "8")
    }

    /// Data keeps its YAML types: a plain number is a JSON number in the database (so SQL
    /// compares it as one), a quoted one and a version stay text.
    @Test func dataKeepsItsTypes() throws {
        let entity =
            "---\nname: X\ntype: product\ndata: { usd_per_device: { year1: 61, year3: 244.5 }, free: false, version: \"3.10\", code: 007 }\n---\n"
        let x = try #require(try load(["Content/entities/x.md": entity]).knowledgeBase.entry("x"))
        #expect(x.extra["usd_per_device"] == .map(["year1": .number(61), "year3": .number(244.5)]))
        #expect(x.extra["free"] == .bool(false) && x.extra["version"] == .text("3.10") && x.extra["code"] == .text("007"))
        #expect(CanonicalJSON.text(x.extra) == #"{"code":"007","free":false,"usd_per_device":{"year1":61,"year3":244.5},"version":"3.10"}"#)
        // YAML 1.2's other plain numbers, booleans and nulls keep their types too; what a
        // JSON number would change stays text as written (they were all text).
        let more =
            "---\nname: Y\ntype: product\ndata: { a: 0x10, b: 0o17, g: +5, h: 1e3, i: .5, s: TRUE, r: False, j: null, k: ~, c: .inf, m: 12345678901234567890, p: 9007199254740993.0, q: 3.14159265358979323846, u: 1e-400, v: 4111111111111111 }\n---\n"
        let y = try #require(try load(["Content/entities/y.md": more]).knowledgeBase.entry("y"))
        #expect(
            CanonicalJSON.text(y.extra)
                == #"{"a":16,"b":15,"c":".inf","g":5,"h":1000,"i":0.5,"j":null,"k":null,"m":"12345678901234567890","p":"9007199254740993.0","q":"3.14159265358979323846","r":false,"s":true,"u":"1e-400","v":4111111111111111}"#
        )
        // A null reads as nothing where data is read as text: a hand-written cycle's empty
        // `eol:` and `lts:` are no facts (they read "null" once nulls were told apart).
        let cycle = "---\nname: Z 1\ntype: product\ndata: { release_cycle: \"1\", eol: , lts: , latest: ~ }\n---\n"
        let z = try #require(try load(["Content/entities/z-1.md": cycle]).knowledgeBase.entry("z-1"))
        let facts = try #require(CycleFacts(z.extra))
        #expect(facts.endOfLife == nil && facts.lts == nil && facts.latest == nil && z.extra["eol"] == .null)
        #expect(FieldValue.flattened(["eol": .null]).first?.value == "")
        // A 16-digit integer is shown whole, as JSON has it (it read `4111111111111111.0`).
        #expect(FieldValue.flattened(["card": .number(4_111_111_111_111_111)]).first?.value == "4111111111111111")
    }

    @Test func titleWithLineBreak() throws {
        let text = "---\ntitle: |\n  two\n  lines\npublisher: P\nurl: https://x.org/\n---\n"
        #expect(
            try diagnostics(["Content/sources/x.md": text]) == [
                "Content/sources/x.md:2:8: error: 'title' must be one line"
            ])
    }

    @Test func typesMustBeOnTheirScale() throws {
        #expect(
            try diagnostics(["Content/entities/x.md": "---\nname: X\ntype: vendr\n---\n"]) == [
                "Content/entities/x.md:3:7: error: unknown entity type 'vendr' (did you mean 'vendor'?)"
            ])
        let event = "---\ntitle: T\ndate: 2026\ntype: lauch\nentities: [meta]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": event]) == [
                "Content/events/x.md:4:7: error: unknown event type 'lauch' (did you mean 'launch'?)"
            ])
        let claim = "---\ntitle: T\nclaimant: meta\nabout: [meta]\ndate: 2026\ntype: promise\nverdict: kep\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/claims/x.md": claim]) == [
                "Content/claims/x.md:6:7: error: unknown claim type 'promise' (expected one of: commitment, assessment, rumour, fact)",
                "Content/claims/x.md:7:10: error: unknown verdict 'kep' (did you mean 'kept'?)",
            ])
    }

    @Test func typesFromConfigAreAccepted() throws {
        let result = try load([
            "Site/config.yml": "entity_types: [standard-body]\n",
            "Content/entities/w3c.md": "---\nname: W3C\ntype: standard-body\n---\n",
        ])
        #expect(result.diagnostics.isEmpty)
    }

    @Test func datesAreCheckedAndKeptAsWritten() throws {
        let event = "---\ntitle: T\ndate: 2026-02-30\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": event]) == [
                "Content/events/x.md:3:7: error: impossible date '2026-02-30' (February 2026 has 28 days)"
            ])
        // YAML would make 2026-04-08 a timestamp and 2009 a number; the text is kept.
        let ok = "---\ntitle: T\ndate: 2026-04-08\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
        let result = try load(["Content/events/x.md": ok])
        #expect(result.knowledgeBase.entry("x")?.date?.text == "2026-04-08")
    }

    @Test func spans() throws {
        let backwards = "---\ntitle: T\nstart: 2026-05\nend: 2026-Q1\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": backwards]) == [
                "Content/events/x.md:4:6: error: span ends (2026-Q1) before it starts (2026-05)"
            ])
        let both = "---\ntitle: T\ndate: 2026\nstart: 2026-05\nend: 2026-06\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": both]) == [
                "Content/events/x.md:4:8: error: use either 'date' or 'start' and 'end', not both"
            ])
        let good = "---\ntitle: T\nstart: 2026-05\nend: 2026-06-02\ntype: other\nentities: [meta]\nsources: [tns]\n---\n"
        let result = try load(["Content/events/x.md": good])
        #expect(result.diagnostics.isEmpty)
        #expect(result.knowledgeBase.entry("x")?.endDate?.text == "2026-06-02")
    }

    @Test func onlyHTTPURLs() throws {
        let text = "---\ntitle: T\npublisher: P\nurl: ftp://files.example/x\narchive: javascript:alert(1)\n---\n"
        #expect(
            try diagnostics(["Content/sources/x.md": text]) == [
                "Content/sources/x.md:4:6: error: URL 'ftp://files.example/x' must use http or https, not 'ftp'",
                "Content/sources/x.md:5:10: error: URL 'javascript:alert(1)' must use http or https, not 'javascript'",
            ])
        let unencoded = "---\ntitle: T\npublisher: P\nurl: https://x.org/a b\narchive: https://x.org/?q=<script>\n---\n"
        #expect(
            try diagnostics(["Content/sources/x.md": unencoded]) == [
                "Content/sources/x.md:4:6: error: URL 'https://x.org/a b' contains a space, which must be percent-encoded (%20)",
                "Content/sources/x.md:5:10: error: URL 'https://x.org/?q=<script>' contains '<' (U+003C), which must be percent-encoded (%3C)",
            ])
        // A letter beyond ASCII as it is written, with its bytes; a backslash as itself.
        let accented = "---\ntitle: T\npublisher: P\nurl: https://x.org/müller\narchive: 'https://x.org/a\\b'\n---\n"
        #expect(
            try diagnostics(["Content/sources/x.md": accented]) == [
                "Content/sources/x.md:4:6: error: URL 'https://x.org/müller' contains 'ü' (U+00FC), which must be percent-encoded (%C3%BC)",
                "Content/sources/x.md:5:10: error: URL 'https://x.org/a\\b' contains '\\' (U+005C), which must be percent-encoded (%5C)",
            ])
    }

    // MARK: - References

    @Test func unknownReferenceWithSuggestion() throws {
        let text = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta, metta]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": text]) == [
                "Content/events/x.md:5:18: error: unknown entity 'metta' (did you mean 'meta'?)"
            ])
        // An item indented under the one before is read as its text.
        let indented = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources:\n- tns\n  - tns\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": indented]) == [
                "Content/events/x.md:7:3: error: unknown source 'tns - tns' (two list items read as one: put each '- ' at the same indentation)"
            ])
        // A list without its brackets is one text, whose parts are each an id.
        let bare = "---\ntitle: T\ndate: 2026\ntype: other\nentities: meta, llama\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": bare]) == [
                "Content/events/x.md:5:11: error: unknown entity 'meta, llama' (a list is written in brackets: '[meta, llama]')"
            ])
    }

    /// An id is suggested before an alias that is just as close; an alias only when it is
    /// closer, and as written.
    @Test func suggestionsPreferIdsThenAliasesAsWritten() throws {
        let openai = "---\nname: OpenAI\ntype: vendor\naliases: [Open AI]\n---\n"
        let event = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [opneai, meta platform]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/entities/openai.md": openai, "Content/events/x.md": event]) == [
                "Content/events/x.md:5:12: error: unknown entity 'opneai' (did you mean 'openai'?)",
                "Content/events/x.md:5:20: error: unknown entity 'meta platform' (did you mean 'Meta Platforms'?)",
            ])
    }

    @Test func referenceOfTheWrongKind() throws {
        let text = "---\ntitle: T\nclaimant: meta\nabout: [llama]\ndate: 2026\nsupports: [llama]\nsources: [meta]\n---\n"
        #expect(
            try diagnostics(["Content/claims/x.md": text]) == [
                "Content/claims/x.md:6:12: error: 'llama' is an entity, not a claim",
                "Content/claims/x.md:7:11: error: 'meta' is an entity, not a source",
            ])
    }

    @Test func danglingWikilinkAndCitationAtTheirBrackets() throws {
        let text = "---\nname: X\ntype: org\n---\nSee ünïcode [[llamma]] and\nalso [@tsn] here.\n"
        #expect(
            try diagnostics(["Content/entities/x.md": text]) == [
                "Content/entities/x.md:5:13: error: unknown entry 'llamma' (did you mean 'llama'?)",
                "Content/entities/x.md:6:6: error: unknown source 'tsn' (did you mean 'tns'?)",
            ])
    }

    /// Tabs and Unicode spaces (a no-break space, an ideographic space) around a target or
    /// a label are not part of it; a line break inside the brackets is no link.
    @Test func spacesAroundALinkTargetAreNotPartOfIt() throws {
        let text = "---\nname: X\ntype: org\n---\nSee [[\tllama\u{00A0}|\u{3000}the models ]] and [@ tns\t].\n"
        let result = try load(["Content/entities/x.md": text])
        #expect(result.diagnostics.isEmpty)
        let links = try #require(result.knowledgeBase.entry("x")).bodyLinks
        #expect(links.map(\.target) == ["llama", "tns"])
        #expect(links.map(\.label) == ["the models", nil])
    }

    @Test func citationMustNameASource() throws {
        #expect(
            try diagnostics(["Content/entities/x.md": "---\nname: X\ntype: org\n---\nAs [@meta] says.\n"]) == [
                "Content/entities/x.md:5:4: error: 'meta' is an entity, not a source"
            ])
    }

    @Test func linksInCodeAreText() throws {
        let body = """
            ---
            name: X
            type: org
            ---
            Inline `[[nope]]` and ``[@nope]`` stay text.

            ```
            [[nope]]
            ```

                [[indented-nope]]

            - a list item
                [[meta]] continues the item

            > ```
            > [[quoted-nope]]
            > ```

            - ```
              [[listed-nope]]
              ```

            <div>
            [[html-nope]] and [@html-nope] in an HTML block, which the page leaves out
            </div>

            Then [@tns] after it.

            > ```
            [[llama]] after a fence its quote leaves open: a paragraph on the page, so a link

            - an item
              ```
            [[tns]] after a fence its item leaves open, likewise
            """
        let result = try load(["Content/entities/x.md": body])
        #expect(result.diagnostics.isEmpty)
        let x = try #require(result.knowledgeBase.entry("x"))
        #expect(x.bodyLinks.map(\.target) == ["meta", "tns", "llama", "tns"])
        // The page shows each link that is an edge, numbered as the links are.
        #expect(x.bodyHTML.contains(Placeholder.mark(.citation, index: 1)) && !x.bodyHTML.contains("html-nope"))
        #expect(!result.knowledgeBase.edges.contains { $0.from == "x" && $0.to.hasSuffix("nope") })
    }

    @Test func aliasesResolveAnywhereAndMustBeUnique() throws {
        let result = try load([:])
        let mentions = result.knowledgeBase.edges.filter { $0.from == "launch" && $0.relation == .mentions }
        #expect(mentions.map(\.to) == ["meta"])
        #expect(
            try diagnostics(["Content/entities/x.md": "---\nname: X\ntype: org\naliases: [LLAMA, meta platforms]\n---\n"]) == [
                "Content/entities/x.md:4:11: error: alias 'LLAMA' is already the id of an entity (Content/entities/llama.md)",
                "Content/entities/x.md:4:18: error: alias 'meta platforms' is already an alias of 'meta' (Content/entities/meta.md:4:11)",
            ])
        // A former id or name said as such; a former id whose file is still there (copied,
        // not moved) says to remove it.
        #expect(
            try diagnostics([
                "Content/entities/x.md": "---\nname: X\ntype: org\nformer_ids: [llama]\nrenamed: [{ date: 2024, from: Meta Platforms }]\n---\n"
            ]) == [
                "Content/entities/x.md:4:14: error: former id 'llama' is already the id of an entity (Content/entities/llama.md); if the entity moved, remove that file (or 'git mv' it)",
                "Content/entities/x.md:5:11: error: former name 'Meta Platforms' is already an alias of 'meta' (Content/entities/meta.md:4:11)",
            ])
        // Another entity's name: a link written with it would land here, so it is said.
        #expect(
            try diagnostics([
                "Content/entities/x.md": "---\nname: X\ntype: org\naliases: [Llama Models]\n---\n",
                "Content/entities/llama.md": "---\nname: Llama Models\ntype: product\n---\n",
            ]).filter { $0.contains("x.md") } == [
                "Content/entities/x.md:4:11: warning: alias 'Llama Models' is the name of 'llama': [[Llama Models]] links to 'x', not to it"
            ])
        // A former id that is the name in lower case (`vane new` makes ids so) still resolves
        // (it was left out of the aliases as if it were the title: every link to it failed).
        #expect(
            try diagnostics([
                "Content/entities/gpt-5-model.md": "---\nname: GPT-5\ntype: product\nformer_ids: [gpt-5]\n---\n",
                "Content/events/e.md": "---\ntitle: E\ndate: 2025\ntype: launch\nentities: [gpt-5]\nsources: [tns]\n---\nSee [[gpt-5]].\n",
            ]).filter { $0.contains("gpt-5") } == [])
        // Not a former name that is the entity's own id in other case: the id takes the link
        // with or without it (it was a warning, an error under --strict, for true history).
        let redis = [
            "Content/entities/redis.md":
                "---\nname: Redis Open Source\ntype: product\nparent: redis-inc\nrenamed: [{ date: 2024-03-20, from: Redis }]\n---\n",
            "Content/entities/redis-inc.md": "---\nname: Redis\ntype: vendor\n---\n",
        ]
        #expect(try diagnostics(redis).filter { $0.contains("redis") } == [])
        #expect(
            try diagnostics(
                redis.merging([
                    "Content/entities/redis.md":
                        "---\nname: Redis Open Source\ntype: product\nrenamed: [{ date: 2024-03-20, from: Redis OSS }]\naliases: [redis]\n---\n",
                    "Content/entities/redis-inc.md": "---\nname: Redis OSS\ntype: vendor\n---\n",
                ]) { _, new in new }
            ).filter { $0.contains("redis") } == [
                "Content/entities/redis.md:4:11: warning: former name 'Redis OSS' is the name of 'redis-inc': [[Redis OSS]] links to 'redis', not to it"
            ])
    }

    @Test func parentCycle() throws {
        #expect(
            try diagnostics([
                "Content/entities/a.md": "---\nname: A\ntype: org\nparent: b\n---\n",
                "Content/entities/b.md": "---\nname: B\ntype: org\nparent: a\n---\n",
            ]) == ["Content/entities/a.md:4:9: error: parent cycle: a → b → a"])
    }

    @Test func publisherBecomesAnEdgeWhenItNamesAnEntity() throws {
        let result = try load(["Content/sources/m.md": "---\ntitle: Report\npublisher: Meta Platforms\nurl: https://ai.meta.com/\n---\n"])
        #expect(result.diagnostics.isEmpty)
        #expect(result.knowledgeBase.edges.contains { $0.from == "m" && $0.relation == .publishedBy && $0.to == "meta" })
        #expect(!result.knowledgeBase.edges.contains { $0.from == "tns" && $0.relation == .publishedBy })
    }

    @Test func allProblemsInOneRun() throws {
        let problems = try diagnostics([
            "Content/entities/meta.md": "---\nname: Meta\ntype: [vendor\n---\n",
            "Content/events/launch.md": "---\ntitle: T\ndate: 2026-13\ntype: launch\nentities: [meta]\nsources: [tns]\n---\n[[nowhere]]\n",
            "Content/claims/remain.md": "---\ntitle: T\n---\n",
        ])
        #expect(problems.count == 7)
        // A broken file's id still exists: references to 'meta' are not reported as unknown.
        #expect(!problems.contains { $0.contains("unknown entity 'meta'") })
    }

    /// A channel written in capitals is its id, as a link reads it: `AOAI`, an alias of an
    /// entity, is that entity's channel; `API` is `api` (both were "must be an id").
    @Test func aChannelInCapitalsIsItsID() throws {
        let result = try load([
            "Content/entities/cloud.md": "---\nname: Cloud Marketplace\naliases: [CM]\ntype: product\n---\n",
            "Content/entities/gizmo.md": "---\nname: Gizmo\ntype: product\nchannels: [API, cloud]\n---\n",
            "Content/events/gizmo-ga.md":
                "---\ntitle: Gizmo GA\ndate: 2026-01-05\ntype: launch\nentities: [gizmo]\nsources: [tns]\nstatus:\n  gizmo: { availability: { API: generally-available, CM: preview } }\n---\n",
        ])
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let channels = result.knowledgeBase.statusChanges.filter { $0.entity == "gizmo" }.compactMap(\.channel).sorted()
        #expect(channels == ["api", "cloud"])
    }

    /// A verdict counts in the scorecards, so what shows it is cited: a decided verdict with
    /// no `verdict_sources` is warned of, and so is evidence on a claim still pending.
    @Test func aVerdictCitesItsEvidence() throws {
        let claim = { (verdict: String) in
            "---\ntitle: Stays\nclaimant: meta\nabout: [llama]\ndate: 2026-04\ntype: commitment\nsources: [tns]\n\(verdict)\n---\n"
        }
        let result = try load([
            "Content/claims/a.md": claim("verdict: kept\nverdict_date: 2026-06"),
            "Content/claims/b.md": claim("verdict: pending\nverdict_sources: [tns]"),
            "Content/claims/c.md": claim("verdict: broken\nverdict_date: 2026-06\nverdict_sources: [tns]"),
            // A verdict off its list is said once: the claim is not "pending" for the evidence.
            "Content/claims/d.md": claim("verdict: upheld\nverdict_sources: [tns]"),
        ])
        #expect(
            result.diagnostics.map(\.description).filter { $0.hasPrefix("Content/claims/") && !$0.hasPrefix("Content/claims/remain.md") } == [
                "Content/claims/a.md:8:1: warning: the verdict 'kept' cites no evidence: add 'verdict_sources' (the sources that show it kept)",
                "Content/claims/b.md:9:1: warning: 'verdict_sources' on a pending claim: evidence of a verdict not reached (write the verdict, or move them to 'sources')",
                "Content/claims/d.md:8:10: error: unknown verdict 'upheld' (expected one of: pending, kept, broken, confirmed, refuted, superseded)",
            ])
    }

    /// A publisher written as an id a letter away from an entity's is most likely that
    /// entity mistyped (it became the text "mtea" without a word); a source type with no
    /// near miss lists the types.
    @Test func aMistypedPublisherAndAnUnknownSourceTypeSaySo() throws {
        let result = try load([
            "Content/sources/a.md": "---\ntitle: A\npublisher: mtea\nurl: https://example.org/a\n---\n",
            "Content/sources/b.md": "---\ntitle: B\npublisher: Reuters\nurl: https://example.org/b\ntype: blog\n---\n",
            // An entity's name, not its id, as a source is written: the entity (it linked
            // nothing, and nothing was said).
            "Content/entities/the-verge.md": "---\nname: The Verge\ntype: org\n---\n",
            "Content/sources/c.md": "---\ntitle: C\npublisher: The Verge\nurl: https://example.org/c\n---\n",
            // A name two entities have links neither, and says so.
            "Content/entities/twin-a.md": "---\nname: Twin\ntype: org\n---\n",
            "Content/entities/twin-b.md": "---\nname: Twin\ntype: org\n---\n",
            "Content/sources/d.md": "---\ntitle: D\npublisher: Twin\nurl: https://example.org/d\n---\n",
        ])
        let messages = result.diagnostics.map(\.description).filter {
            ["a", "b", "c", "d"].map { "Content/sources/\($0).md" }.contains(where: $0.hasPrefix)
        }
        #expect(
            messages == [
                "Content/sources/a.md:3:12: warning: publisher 'mtea' names no entity (did you mean 'meta'?); it is shown as the text written",
                "Content/sources/b.md:5:7: error: unknown source type 'blog' (expected one of: \(SiteConfig.sourceTypes.joined(separator: ", ")))",
                "Content/sources/d.md:3:12: warning: publisher 'Twin' is the name of 'twin-a' and 'twin-b': write the id of the one meant; it is shown as the text written",
            ], "\(messages)")
        #expect(result.knowledgeBase.edges.contains { $0.from == "c" && $0.relation == .publishedBy && $0.to == "the-verge" })
    }

    /// `base_url` is where the site is published: a query or a fragment would come before
    /// every page's path (`https://example.org/kb/?x=1/events/….html`).
    @Test func aBaseURLHasNoQueryOrFragment() throws {
        for written in ["https://example.org/kb/?x=1", "https://example.org/kb/#top"] {
            let result = try load(["Site/config.yml": "title: T\nbase_url: \"\(written)\"\n"])
            #expect(
                result.diagnostics.map(\.description).contains(
                    "Site/config.yml:2:11: error: 'base_url' is where the site is published: a scheme, a host and a path, without '?' or '#'"),
                "\(result.diagnostics)")
        }
        #expect(!(try load(["Site/config.yml": "title: T\nbase_url: https://example.org/kb\n"])).hasErrors)
    }
}
