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
                "Content/sources/x.md:4:4: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"
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

    @Test func notUTF8() throws {
        let kb = try TemporaryKnowledgeBase(SampleKnowledgeBase.files)
        try kb.write(Data([0x2D, 0x2D, 0x2D, 0x0A, 0xC3, 0x28, 0x0A]), to: "Content/sources/x.md")
        #expect(
            ContentLoader.load(root: kb.root).diagnostics.map(\.description) == [
                "Content/sources/x.md:1:1: error: file is not valid UTF-8"
            ])
    }

    @Test func nulByteWithItsPosition() throws {
        #expect(
            try diagnostics(["Content/sources/x.md": "---\ntitle: a\u{0}b\n"]) == [
                "Content/sources/x.md:2:9: error: file contains a NUL byte"
            ])
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() throws {
        let text = "\u{FEFF}---\r\ntitle: Windows file\r\npublisher: P\r\nurl: https://x.org/\r\nextra_key: 1\r\n---\r\nBody [[nope]].\r\n"
        #expect(
            try diagnostics(["Content/sources/x.md": text]) == [
                "Content/sources/x.md:5:1: warning: unknown key 'extra_key' for a source (kept, but not part of the format)",
                "Content/sources/x.md:7:6: error: unknown entry 'nope'",
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

    @Test func invalidID() throws {
        #expect(
            try diagnostics(["Content/sources/Big_Source.md": "---\ntitle: x\n---\n"]) == [
                "Content/sources/Big_Source.md:1:1: error: invalid id 'Big_Source' (a file name must be 1-80 characters of lowercase a-z, 0-9 and '-')"
            ])
    }

    @Test func duplicateIDAcrossSubfolders() throws {
        // The first path in byte order keeps the id; later files are reported.
        let copy = SampleKnowledgeBase.files["Content/sources/tns.md"]!
        #expect(
            try diagnostics(["Content/sources/zz/tns.md": copy]) == [
                "Content/sources/zz/tns.md:1:1: error: duplicate id 'tns' (already used by Content/sources/tns.md)"
            ])
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

    @Test func eventWithoutSourcesWarnsAndStrictFails() throws {
        let text = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\n---\n"
        let result = try load(["Content/events/x.md": text])
        #expect(result.diagnostics.map(\.description) == ["Content/events/x.md:1:1: warning: event has no sources"])
        #expect(!result.hasErrors)
        #expect(result.diagnostics.promotingWarnings().map(\.description) == ["Content/events/x.md:1:1: error: event has no sources"])
    }

    @Test func unknownKeysAreWarnedAndKept() throws {
        let result = try load(["Content/entities/x.md": "---\nname: X\ntype: org\nfounded: 2004\n---\n"])
        #expect(
            result.diagnostics.map(\.description) == [
                "Content/entities/x.md:4:1: warning: unknown key 'founded' for an entity (kept, but not part of the format)"
            ])
        #expect(result.knowledgeBase.entry("x")?.extra["founded"] == .text("2004"))
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
                "Content/claims/x.md:6:7: error: unknown claim type 'promise'",
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
                "Content/sources/x.md:4:6: error: URL 'https://x.org/a b' contains a space, which must be percent-encoded",
                "Content/sources/x.md:5:10: error: URL 'https://x.org/?q=<script>' contains '<', which must be percent-encoded",
            ])
    }

    // MARK: - References

    @Test func unknownReferenceWithSuggestion() throws {
        let text = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta, metta]\nsources: [tns]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": text]) == [
                "Content/events/x.md:5:18: error: unknown entity 'metta' (did you mean 'meta'?)"
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
            """
        let result = try load(["Content/entities/x.md": body])
        #expect(result.diagnostics.isEmpty)
        let x = try #require(result.knowledgeBase.entry("x"))
        #expect(x.bodyLinks.map(\.target) == ["meta", "tns"])
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
                "Content/entities/x.md:4:18: error: alias 'meta platforms' is already an alias of 'meta'",
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

    // MARK: - Status

    @Test func statusValuesAndTargets() throws {
        let text = """
            ---
            title: T
            date: 2026
            type: other
            entities: [meta]
            sources: [tns]
            status:
              llama: { availability: open-wieghts, priorty: flagship }
              meta: { priority: flagship }
              nobody: { priority: flagship }
            ---
            """
        #expect(
            try diagnostics(["Content/events/x.md": text]) == [
                "Content/events/x.md:8:26: error: 'open-wieghts' is not on the availability scale (did you mean 'open-weights'?)",
                "Content/events/x.md:8:40: error: unknown status axis 'priorty' (did you mean 'priority'?)",
                "Content/events/x.md:9:3: error: 'meta' is a vendor; a status can only be set on product, model, model-family",
                "Content/events/x.md:10:3: error: unknown entity 'nobody'",
            ])
    }

    @Test func endsAreDatesNoEarlierThanTheirEventOnProductsThatCarryAStatus() throws {
        let text = """
            ---
            title: T
            date: 2026-04-10
            type: deprecation
            entities: [meta]
            sources: [tns]
            status:
              llama: { availability: deprecated, ends: 2026-03 }
              meta: { ends: 2027 }
              muse: { ends: { api: 2026-02-30, app: none, web: 2027-Q1 } }
            ---
            """
        let muse = "---\nname: Muse\ntype: model\nparent: meta\nchannels: [api, app, web]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": text, "Content/entities/muse.md": muse]) == [
                "Content/events/x.md:8:26: warning: the first recorded availability of 'llama' is 'deprecated', a fall from nothing: record the event that made it available (its launch) so that the fall counts in its risk",
                "Content/events/x.md:8:44: error: 'ends' (2026-03) starts before its event (2026-04-10): an end is announced ahead",
                "Content/events/x.md:9:3: error: 'meta' is a vendor; a status can only be set on product, model, model-family",
                "Content/events/x.md:10:24: error: impossible date '2026-02-30' (February 2026 has 28 days); 'ends' takes a date or 'none'",
            ])
        let kb = try load(["Content/events/x.md": text.replacingOccurrences(of: "2026-03 }", with: "2026-05 }"), "Content/entities/muse.md": muse])
            .knowledgeBase
        #expect(
            kb.statusChanges.filter { $0.axis == .ends }.map { "\($0.entity) \($0.channel ?? "-") \($0.value)" } == [
                "llama - 2026-05", "muse app none", "muse web 2027-Q1",
            ])
    }

    @Test func successorsLinkTrackableEntitiesAndNeverCircle() throws {
        let model = { (id: String, successors: String) in "---\nname: \(id)\ntype: model\nparent: meta\nsuccessors: \(successors)\n---\n" }
        #expect(
            try diagnostics([
                "Content/entities/a.md": model("a", "[b]"),
                "Content/entities/b.md": model("b", "[c]"),
                "Content/entities/c.md": model("c", "[a, meta]"),
            ]) == [
                "Content/entities/a.md:5:14: error: successor cycle: a → b → c → a",
                "Content/entities/c.md:5:17: error: successors link product, model, model-family only; 'meta' is a vendor",
            ])
        let kb = try load(["Content/entities/a.md": model("a", "llama")]).knowledgeBase
        #expect(kb.edges.contains { $0.from == "a" && $0.relation == .succeededBy && $0.to == "llama" })
    }

    @Test func aChannelNamedForAnEntityIsThatEntity() throws {
        let azure = "---\nname: Azure OpenAI\ntype: product\naliases: [azure]\n---\n"
        let event =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: { availability: { azure: generally-available } }\n---\n"
        let kb = try load(["Content/entities/azure-openai.md": azure, "Content/events/x.md": event]).knowledgeBase
        #expect(kb.statusChanges.filter { $0.event == "x" }.map { $0.channel } == ["azure-openai"])
        #expect(kb.edges.contains { $0.from == "x" && $0.relation == .involves && $0.to == "azure-openai" })
    }

    @Test func channelsAreDeclaredOnTheProduct() throws {
        let model = "---\nname: Muse\ntype: model\nparent: meta\nchannels: [api, app]\n---\n"
        let event =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  muse: { availability: { apps: preview } }\n  llama: { availability: { web: preview }, closes: 2027 }\n---\n"
        #expect(
            try diagnostics(["Content/entities/muse.md": model, "Content/events/x.md": event]) == [
                "Content/entities/llama.md:1:1: warning: the events of 'llama' name the channels web; declare them on the product: 'channels: [web]'",
                "Content/events/x.md:8:27: error: channel 'apps' is not declared by 'muse' (did you mean 'app'?); its channels are api, app",
            ])
    }

    @Test func successorAdviceNamesTrackableEntitiesForTheWholeProduct() throws {
        let event =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: { successors: [muse, lama, meta] }\n  muse: { successors: { api: llama } }\n---\n"
        let muse = "---\nname: Muse\ntype: model\nparent: meta\n---\n"
        #expect(
            try diagnostics(["Content/entities/muse.md": muse, "Content/events/x.md": event]) == [
                "Content/events/x.md:8:31: error: unknown entity 'lama' (did you mean 'llama'?)",
                "Content/events/x.md:8:37: error: successors link product, model, model-family only; 'meta' is a vendor",
                "Content/events/x.md:9:23: error: 'successors' takes an id, a list of ids, or 'none' (not a mapping of channels)",
            ])
    }

    @Test func aFirstRecordedFallIsAWarning() throws {
        let event =
            "---\ntitle: T\ndate: 2026-03\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  muse: { availability: closed-to-new }\n---\n"
        let muse = "---\nname: Muse\ntype: model\nparent: meta\n---\n"
        #expect(
            try diagnostics(["Content/entities/muse.md": muse, "Content/events/x.md": event]) == [
                "Content/events/x.md:8:25: warning: the first recorded availability of 'muse' is 'closed-to-new', a fall from nothing: record the event that made it available (its launch) so that the fall counts in its risk"
            ])
    }

    @Test func scalesFromConfigReplaceTheDefaults() throws {
        let event =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: { availability: beta, priority: core }\n---\n"
        let config = "availability_scale: [ga, beta, gone]\npriority_scale: [core, side]\nstatus_labels: { ga: Generally available }\n"
        // The sample's own event uses the default 'maintained', which is now off the scale.
        #expect(
            try diagnostics(["Site/config.yml": config, "Content/events/x.md": event]) == [
                "Content/events/launch.md:8:22: error: 'maintained' is not on the priority scale",
                // Second-to-last on this scale, 'beta' is what 'deprecated' is on the default one.
                "Content/events/x.md:8:26: warning: the first recorded availability of 'llama' is 'beta', a fall from nothing: record the event that made it available (its launch) so that the fall counts in its risk",
            ])
        let scales = StatusScales(try load(["Site/config.yml": config]).knowledgeBase.config)
        #expect(scales.label("ga") == "Generally available")
        #expect(scales.label("beta") == "Beta")
        #expect(scales.score("beta", on: .availability) == 0.5)
    }

    @Test func statusRowsPerChannelAndImpliedInvolvement() throws {
        let result = try load([:])
        let kb = result.knowledgeBase
        #expect(kb.statusChanges.map { "\($0.entity) \($0.axis.rawValue) \($0.value) \($0.date.text)" } == ["llama priority maintained 2026-04"])
        #expect(kb.edges.contains { $0.from == "launch" && $0.relation == .involves && $0.to == "llama" })
        let channels =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama:\n    availability: { weights: open-weights, api: preview }\n---\n"
        let split = try load(["Content/events/x.md": channels]).knowledgeBase.statusChanges.filter { $0.event == "x" }
        #expect(split.map { "\($0.channel ?? "-")=\($0.value)" } == ["weights=open-weights", "api=preview"])
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
}
