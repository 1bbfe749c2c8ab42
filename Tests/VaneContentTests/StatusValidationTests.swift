import Foundation
import Testing
import VaneContent
import VaneTestSupport

/// The `status` of events checked: values on their scales, ends, channels, successors.
struct StatusValidationTests {
    /// An event file (path, text) that sets `status` (an axes mapping) on llama.
    private func llamaEvent(_ id: String, _ date: String, _ status: String) -> (String, String) {
        (
            "Content/events/\(id).md",
            "---\ntitle: \(id)\ndate: \(date)\ntype: other\nentities: [llama]\nsources: [tns]\nstatus:\n  llama: \(status)\n---\n"
        )
    }

    /// An id cut short names the ids it begins, not "not written yet" (which would make a
    /// second entity of one written already).
    @Test func anIdCutShortNamesTheIdsItBegins() throws {
        #expect(
            try diagnostics([
                "Content/entities/insteon-technologies.md": "---\nname: Insteon Technologies\ntype: vendor\n---\n",
                "Content/entities/insteon-hub.md": "---\nname: Insteon Hub\ntype: product\nparent: insteon-technologies\n---\n",
                "Content/events/x.md": "---\ntitle: T\ndate: 2026\ntype: other\nentities: [insteon]\nsources: [tns]\n---\nSee [[insteon-tech]].\n",
            ]).filter { $0.hasPrefix("Content/events/x.md") } == [
                "Content/events/x.md:5:12: error: unknown entity 'insteon' (did you mean 'insteon-hub' or 'insteon-technologies'?)",
                "Content/events/x.md:8:5: error: unknown entry 'insteon-tech' (did you mean 'insteon-technologies'?)",
            ])
    }

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
                "Content/events/x.md:8:26: error: 'open-wieghts' is not on the availability scale (did you mean 'open-weights'?); the scale is open-source, open-weights, generally-available, preview, consumer-only, announced, closed-to-new, deprecated, retired",
                "Content/events/x.md:8:40: error: unknown status axis 'priorty' (did you mean 'priority'?)",
                "Content/events/x.md:9:3: error: 'meta' is a vendor; a status can only be set on product, model, model-family",
                "Content/events/x.md:10:3: error: unknown entity 'nobody' (not written yet? write it first: vane new entity \"Title\" --id nobody)",
            ])
        // The day of an announcement written beside the axes says where it goes.
        for key in ["announced", "annouced"] {
            let beside = text.replacingOccurrences(
                of: "availability: open-wieghts, priorty: flagship", with: "priority: sunset, ends: 2027-01-15, \(key): 2026-01-01")
            #expect(
                try diagnostics(["Content/events/x.md": beside]).first
                    == "Content/events/x.md:8:48: error: unknown status axis '\(key)': the day an end or closure was announced is written inside it, as 'ends: { date: 2026-01-15, announced: 2024-12-01 }'"
            )
        }
        // A fold says where it is written; anything else, the axes there are.
        let folded = text.replacingOccurrences(of: "availability: open-wieghts, priorty: flagship", with: "folded_into: [meta], whatever: 1")
        let foldProblems = try diagnostics(["Content/events/x.md": folded])
        #expect(
            Array(foldProblems.prefix(2)) == [
                "Content/events/x.md:8:12: error: unknown status axis 'folded_into': a fold is written on the entity ('folded_into: [id]'), for every day; advice given on the event's day is 'successors: [id]'",
                "Content/events/x.md:8:33: error: unknown status axis 'whatever' (a status sets availability, priority, ends, closes, successors)",
            ], "\(foldProblems)")
        // A value of the other axis's scale says which it is.
        let swapped = text.replacingOccurrences(of: "availability: open-wieghts, priorty: flagship", with: "priority: deprecated")
        #expect(
            try diagnostics(["Content/events/x.md": swapped]).first
                == "Content/events/x.md:8:22: error: 'deprecated' is not on the priority scale ('deprecated' is on the availability scale: write it as 'availability: deprecated'); the scale is flagship, invested, maintained, deprioritized, sunset, discontinued"
        )
    }

    /// `status` keyed by axis is said as such (it read as an unknown axis 'llama'), and an
    /// entity none of whose axes could be read is still looked up, in the same run.
    @Test func aStatusKeyedByAxisOrWithNoAxisReadIsStillChecked() throws {
        let text = """
            ---
            title: T
            date: 2026
            type: other
            entities: [meta]
            sources: [tns]
            status:
              availability: { llama: generally-available }
              lama: { availabilty: deprecated }
              llamma: { availability: generaly-available }
            ---
            """
        // A key whose one value is mistyped is looked up too (it was said in a second run).
        #expect(
            try diagnostics(["Content/events/x.md": text]) == [
                "Content/events/x.md:8:3: error: 'availability' is a status axis, not an entity: 'status' maps each entity to its axes, as 'llama: { availability: … }'",
                "Content/events/x.md:9:3: error: unknown entity 'lama' (did you mean 'llama'?)",
                "Content/events/x.md:9:11: error: unknown status axis 'availabilty' (did you mean 'availability'?)",
                "Content/events/x.md:10:3: error: unknown entity 'llamma' (did you mean 'llama'?)",
                "Content/events/x.md:10:27: error: 'generaly-available' is not on the availability scale (did you mean 'generally-available'?); the scale is open-source, open-weights, generally-available, preview, consumer-only, announced, closed-to-new, deprecated, retired",
            ])
        // An entity whose id is an axis's name, given axes, is that entity.
        let ends = "---\nname: Ends\ntype: product\nparent: meta\n---\n"
        let event = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  ends: { priority: maintained }\n---\n"
        #expect(try diagnostics(["Content/entities/ends.md": ends, "Content/events/x.md": event]) == [])
    }

    /// A name two entries have, written where an id goes, names both and chooses neither
    /// (it was said with no hint, or with the one whose id was nearest, as if it were the one).
    @Test func aNameTwoEntriesHaveNamesThemBoth() throws {
        let twin = { (id: String) in ("Content/entities/\(id).md", "---\nname: Rocket Skates\ntype: product\nparent: meta\n---\n") }
        let event = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [Rocket Skates]\nsources: [tns]\n---\nSee [[rocket skates]].\n"
        let files = Dictionary(uniqueKeysWithValues: [twin("rocket-skates"), twin("skates-two"), ("Content/events/x.md", event)])
        let found = try diagnostics(files)
        #expect(
            found == [
                "Content/events/x.md:5:12: error: unknown entity 'Rocket Skates' (the name of 'rocket-skates' and 'skates-two': write the id of the one meant)",
                "Content/events/x.md:8:5: error: unknown entry 'rocket skates' (the name of 'rocket-skates' and 'skates-two': write the id of the one meant)",
            ], "\(found)")
    }

    /// A name written where an id goes gets the id of what has that name (the nearest id
    /// was suggested, or none).
    @Test func aNameWhereAnIdGoesGetsItsId() throws {
        let text = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [the new stack on muse spark]\n---\n"
        #expect(
            try diagnostics(["Content/events/x.md": text]) == [
                "Content/events/x.md:6:11: error: unknown source 'the new stack on muse spark' (did you mean 'tns', whose name it is?)"
            ])
    }

    /// A status written where it sets nothing (an axis beside `status:` on an event, a
    /// `status:` on an entity) says where it goes, not only that the key is unknown.
    @Test func aStatusWrittenWhereItSetsNothingSaysWhereItGoes() throws {
        let event = "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nends: 2027-01-01\n---\n"
        let entity = "---\nname: Vault\ntype: product\nparent: meta\nstatus: { availability: generally-available }\n---\n"
        let found = try diagnostics(["Content/events/x.md": event, "Content/entities/vault.md": entity])
        #expect(
            found.contains(
                "Content/events/x.md:7:1: warning: unknown key 'ends' for an event (kept, but no status change: write it under 'status:', as 'status: { <entity>: { ends: … } }')"
            ), "\(found)")
        #expect(
            found.contains(
                "Content/entities/vault.md:5:1: warning: unknown key 'status' for an entity (kept, but no status: a status is set by events, dated; write it in an event's 'status:', as 'status: { vault: { availability: … } }')"
            ), "\(found)")
    }

    /// A channel written as no id is said with the id it most likely is, and its value is
    /// still checked: an impossible date under it comes in the same run.
    @Test func aChannelThatIsNoIdHidesNoProblemOfItsValue() throws {
        let text = """
            ---
            title: T
            date: 2023-02-01
            type: other
            entities: [meta]
            sources: [tns]
            status:
              llama: { ends: { legacy_free: 2023-02-31 }, availability: { Web App: preved } }
            ---
            """
        #expect(
            try diagnostics(["Content/events/x.md": text]) == [
                "Content/events/x.md:8:20: error: channel 'legacy_free' must be an id (lowercase a-z, 0-9, '-') (did you mean 'legacy-free'?)",
                "Content/events/x.md:8:33: error: impossible date '2023-02-31' (February 2023 has 28 days); 'ends' takes a date or 'none'",
                "Content/events/x.md:8:63: error: channel 'Web App' must be an id (lowercase a-z, 0-9, '-') (did you mean 'web-app'?)",
                "Content/events/x.md:8:72: error: 'preved' is not on the availability scale (did you mean 'preview'?); the scale is open-source, open-weights, generally-available, preview, consumer-only, announced, closed-to-new, deprecated, retired",
            ])
    }

    /// A channel written as an entity's alias or name with spaces is no id: it is said with
    /// the id of that entity (the hint made the text an id, `meta-platforms`, which names
    /// nothing), in a status, a product's `channels` and a use's `channel` alike.
    @Test func aChannelWrittenAsAnAliasOrNameGetsTheEntitysId() throws {
        let event = """
            ---
            title: T
            date: 2023-02-01
            type: other
            entities: [meta]
            sources: [tns]
            status:
              llama: { availability: { Meta Platforms: preview, Web App: preview } }
            ---
            """
        let product = "---\nname: Vault\ntype: product\nparent: meta\nchannels: [api, Meta Platforms]\n---\n"
        let use = "---\nproduct: llama\nteam: web\ncriticality: high\nsince: 2024\nchannel: Meta Platforms\n---\n"
        let found = try diagnostics(["Content/events/x.md": event, "Content/entities/vault.md": product, "Content/uses/u.md": use])
        #expect(
            found == [
                "Content/entities/vault.md:5:17: error: channel 'Meta Platforms' must be an id (lowercase a-z, 0-9, '-') (did you mean 'meta', whose alias it is?)",
                "Content/events/x.md:8:28: error: channel 'Meta Platforms' must be an id (lowercase a-z, 0-9, '-') (did you mean 'meta', whose alias it is?)",
                "Content/events/x.md:8:53: error: channel 'Web App' must be an id (lowercase a-z, 0-9, '-') (did you mean 'web-app'?)",
                "Content/uses/u.md:6:10: error: channel 'Meta Platforms' must be an id (lowercase a-z, 0-9, '-') (did you mean 'meta', whose alias it is?)",
            ], "\(found)")
    }

    /// A cancellation dated on (or after) the day of the end it would cancel comes after
    /// it: the end stands, and the cancellation is said to cancel nothing. One before the
    /// end's day cancels it without a word; a whole-product cancellation covers channels.
    @Test func aCancellationAfterTheEndCameCancelsNothing() throws {
        let files = Dictionary(uniqueKeysWithValues: [
            llamaEvent("a", "2024-03-01", "{ ends: { api: 2024-06-15 }, closes: 2024-05-01 }"),
            llamaEvent("b", "2024-04-01", "{ closes: none }"),
            llamaEvent("c", "2024-06-15", "{ ends: none }"),
        ])
        let found = try diagnostics(files)
        #expect(
            found.filter { $0.contains("cancels nothing") } == [
                "Content/events/c.md:8:18: warning: 'ends: none' cancels nothing: the end announced for 15 June 2024 came at the start of that day, before this (date the cancellation earlier if it came first)"
            ], "\(found)")
        // An end a recorded retirement met is gone too: a cancellation after it is said (it was not).
        let met = Dictionary(uniqueKeysWithValues: [
            llamaEvent("a", "2024-03-01", "{ availability: generally-available, ends: 2024-06-15 }"),
            llamaEvent("b", "2024-06-15", "{ availability: retired }"),
            llamaEvent("c", "2024-07-01", "{ ends: none }"),
        ])
        #expect(
            try diagnostics(met).filter { $0.contains("cancels nothing") } == [
                "Content/events/c.md:8:18: warning: 'ends: none' cancels nothing: the end announced for 15 June 2024 was met by b before this (date the cancellation earlier if it came first)"
            ])
    }

    /// An end or closure announced after the product (or its channel) was gone counts
    /// nothing down, and no board lists it: said where it is written. The same day as
    /// the retirement, after a return, or on a channel still offered, it is not.
    @Test func anEndAnnouncedAfterTheProductWasGoneIsSaid() throws {
        let files = Dictionary(uniqueKeysWithValues: [
            llamaEvent("a", "2024-03-01", "{ availability: { api: retired, web: generally-available } }"),
            llamaEvent("b", "2024-03-01", "{ ends: { api: 2024-09-01 } }"),
            llamaEvent("c", "2024-04", "{ ends: { api: 2025-01-01, web: 2025-01-01 } }"),
            llamaEvent("d", "2024-05-01", "{ availability: retired }"),
            llamaEvent("e", "2024-06-01", "{ ends: 2025-06-01, closes: { web: 2025-01-01 } }"),
            llamaEvent("f", "2024-07-01", "{ availability: generally-available }"),
            llamaEvent("g", "2024-08-01", "{ ends: 2026-01-01 }"),
        ])
        let found = try diagnostics(files).filter { $0.contains("already") }
        #expect(
            found == [
                "Content/events/c.md:8:25: warning: 'llama' (api) was already retired (1 March 2024, by a): an end announced after that counts nothing down (record its return first if it came back)",
                "Content/events/e.md:8:18: warning: 'llama' was already retired (1 May 2024, by d): an end announced after that counts nothing down (record its return first if it came back)",
                "Content/events/e.md:8:45: warning: 'llama' (web) was already retired (1 May 2024, by d): a closure announced after that counts nothing down (record its return first if it came back)",
            ], "\(found)")
        // Gone by an end that came; a channel with an end of its own outlives the product's.
        let ended = Dictionary(uniqueKeysWithValues: [
            llamaEvent("a", "2024-01-01", "{ availability: generally-available, ends: 2024-06-01 }"),
            llamaEvent("b", "2024-03-01", "{ availability: { esu: generally-available }, ends: { esu: 2025-06-01 } }"),
            llamaEvent("c", "2024-09-01", "{ ends: { esu: 2025-12-01 } }"),
            llamaEvent("d", "2024-07", "{ ends: { web: 2025-01-01 } }"),
        ])
        #expect(
            try diagnostics(ended).filter { $0.contains("already") } == [
                "Content/events/d.md:8:25: warning: 'llama' (web) had already ended (1 June 2024, announced by a): an end announced after that counts nothing down (record its return first if it came back)"
            ])
    }

    /// An extension dated on the day of the end it would move comes after it (an end comes
    /// at the start of its day, as for a cancellation): it moves nothing, and is said; an
    /// end announced later names the end that came, not the void extension. An event that
    /// restates the end on its day is not said.
    @Test func anExtensionOnTheEndsOwnDayIsSaidAndTheEndStands() throws {
        let files = Dictionary(uniqueKeysWithValues: [
            llamaEvent("a", "2020-01-01", "{ availability: generally-available }"),
            llamaEvent("b", "2023-02-02", "{ availability: { free: deprecated }, ends: { free: 2023-02-09 } }"),
            llamaEvent("c", "2023-02-09", "{ ends: { free: 2023-02-13 } }"),
            llamaEvent("d", "2023-03-29", "{ ends: { free: 2023-04-29 } }"),
            llamaEvent("e", "2023-02-09", "{ ends: { free: 2023-02-09 } }"),
        ])
        #expect(
            try diagnostics(files).filter { $0.contains("already") } == [
                "Content/events/c.md:8:26: warning: 'llama' (free) had already ended (9 February 2023, announced by b): an end announced after that counts nothing down (the end came at the start of that day, before this: date this earlier if it came first)",
                "Content/events/d.md:8:26: warning: 'llama' (free) had already ended (9 February 2023, announced by b): an end announced after that counts nothing down (record its return first if it came back)",
            ])
        // A cancellation after the void extension cancels nothing either: said (it was
        // taken to cancel the extension, silently).
        let cancelled = Dictionary(uniqueKeysWithValues: [
            llamaEvent("a", "2017-01-01", "{ availability: generally-available }"),
            llamaEvent("b", "2017-07-25", "{ ends: 2020-12-31 }"),
            llamaEvent("c", "2020-12-31", "{ ends: 2021-06-30 }"),
            llamaEvent("d", "2021-01-05", "{ ends: none }"),
        ])
        #expect(
            try diagnostics(cancelled).filter { $0.contains("cancels nothing") } == [
                "Content/events/d.md:8:18: warning: 'ends: none' cancels nothing: the end announced for 31 December 2020 came at the start of that day, before this (date the cancellation earlier if it came first)"
            ])
    }

    /// What `vane check` says of these events of llama that holds `text`.
    private func said(_ events: [(String, String)], containing text: String) throws -> [String] {
        try diagnostics(Dictionary(uniqueKeysWithValues: events)).filter { $0.contains(text) }
    }

    /// An end restated before its day is the first announcement's, as `vane ends` names it
    /// (the warning named the restatement: Chrome's enterprise-policy end, restated); so when
    /// the whole product's end was said again for the channel, whichever of the two a run
    /// settles first (the restating event was named two runs in three).
    @Test func aWarningNamesAnEndByItsFirstAnnouncement() throws {
        let restated = try said(
            [
                llamaEvent("a", "2020-01-01", "{ availability: generally-available }"),
                llamaEvent("b", "2023-11-16", "{ ends: { free: 2025-06 } }"),
                llamaEvent("c", "2024-05-30", "{ ends: { free: 2025-06 } }"),
                llamaEvent("d", "2025-06-02", "{ ends: { free: 2025-08-05 } }"),
            ], containing: "already")
        #expect(
            restated.map { $0.components(separatedBy: ": an end")[0] } == [
                "Content/events/d.md:8:26: warning: 'llama' (free) had already ended (June 2025, announced by b)"
            ])
        let restatedForChannel = [
            llamaEvent("a", "2015-01-01", "{ availability: generally-available }"),
            llamaEvent("b", "2015-06-01", "{ ends: 2017-06-01 }"),
            llamaEvent("c", "2016-06-01", "{ ends: { free: 2017-06-01 } }"),
            llamaEvent("d", "2017-06-05", "{ ends: { free: 2017-09-01 } }"),
        ]
        for _ in 0..<4 {
            #expect(
                try said(restatedForChannel, containing: "already").map { $0.components(separatedBy: ": an end")[0] } == [
                    "Content/events/d.md:8:26: warning: 'llama' (free) had already ended (1 June 2017, announced by b)"
                ])
        }
    }

    /// An end written on a product whose status is its release cycles', with no availability
    /// of its own, retired the whole product in silence while its cycles went on (an end
    /// meant for one version: trial h10-F2); said at the end. With the product's own
    /// availability recorded, it is the product's end, and nothing is said.
    @Test func anEndOnAProductOfCyclesIsSaid() throws {
        let files = [
            "Content/entities/gapi.md": "---\nname: Graph API\ntype: product\nparent: meta\n---\n",
            "Content/entities/gapi-v17.md":
                "---\nname: Graph API v17.0\ntype: product\nparent: gapi\ndata: { release_cycle: \"17.0\" }\n---\n",
            "Content/events/a.md":
                "---\ntitle: A\ndate: 2023-05-23\ntype: launch\nentities: [gapi-v17]\nsources: [tns]\nstatus:\n  gapi-v17: { availability: generally-available }\n---\n",
            "Content/events/b.md":
                "---\ntitle: B\ndate: 2023-06-01\ntype: other\nentities: [gapi]\nsources: [tns]\nstatus:\n  gapi: { ends: 2025-09-12 }\n---\n",
        ]
        let said = try diagnostics(files)
        #expect(
            said.filter { $0.contains("no availability of its own") } == [
                "Content/events/b.md:8:17: warning: 'gapi' has no availability of its own (its release cycles have theirs): this end retires the whole product when it comes, while they go on; write it for the one it is for, or record the product's own availability"
            ], "\(said)")
        var owned = files
        owned["Content/events/c.md"] =
            "---\ntitle: C\ndate: 2020-01-01\ntype: launch\nentities: [gapi]\nsources: [tns]\nstatus:\n  gapi: { availability: generally-available }\n---\n"
        #expect(try diagnostics(owned).filter { $0.contains("no availability of its own") }.isEmpty)
    }

    /// An unknown channel lists the product's channels in the order it declares them, for
    /// a use as for an event (a use's error listed them sorted: trial h9-F3).
    @Test func anUnknownChannelListsTheChannelsAsDeclared() throws {
        let product = "---\nname: Anvil\ntype: product\nparent: meta\nchannels: [server, data-center, cloud]\n---\n"
        let event =
            "---\ntitle: T\ndate: 2020-01-01\ntype: other\nentities: [anvil]\nsources: [tns]\nstatus:\n  anvil: { availability: { datacenter: generally-available } }\n---\n"
        let use = "---\nproduct: anvil\nteam: web\nchannel: datacenter\n---\n"
        let found = try diagnostics(["Content/entities/anvil.md": product, "Content/events/x.md": event, "Content/uses/u.md": use])
        let listed = found.filter { $0.contains("datacenter") }.map { $0.components(separatedBy: "; ").last ?? "" }
        #expect(listed == ["its channels are server, data-center, cloud", "its channels are server, data-center, cloud"], "\(found)")
    }

    /// A use of a channel gone with the whole product's end is gone since that end, as
    /// `vane exposure` dates it, though the channel was recorded retired again later (the
    /// warning named the later record); a channel that came back in between went with the record.
    @Test func aUseIsGoneSinceTheEndThatTookItsChannel() throws {
        let use = ("Content/uses/u.md", "---\nproduct: llama\nteam: web\nchannel: free\n---\n")
        let redundant = try said(
            [
                use,
                llamaEvent("a", "2015-01-01", "{ availability: generally-available }"),
                llamaEvent("b", "2016-01-01", "{ ends: 2017-06-01 }"),
                llamaEvent("c", "2017-08-01", "{ availability: { free: retired } }"),
            ], containing: "already gone")
        #expect(redundant == ["Content/uses/u.md:2:10: warning: 'llama' (free) is already gone (retired since 1 June 2017): this use is stranded"])
        let cameBack = try said(
            [
                use,
                llamaEvent("a", "2015-01-01", "{ availability: generally-available }"),
                llamaEvent("b", "2016-01-01", "{ ends: 2017-06-01 }"),
                llamaEvent("c", "2017-07-01", "{ availability: { free: generally-available } }"),
                llamaEvent("d", "2017-08-01", "{ availability: { free: retired } }"),
            ], containing: "already gone")
        #expect(cameBack == ["Content/uses/u.md:2:10: warning: 'llama' (free) is already gone (retired since 1 August 2017): this use is stranded"])
    }

    /// A channel's cancellation once the whole product's end came cancels nothing; a closure
    /// moved once it came moves nothing; a closure once sign-ups were recorded closed closes
    /// nothing (unless its channel opened since); a channel's closure moved, or called off,
    /// once the whole product's closure came moves nothing. None of them was said.
    @Test func lateCancellationsAndClosuresAreSaid() throws {
        #expect(
            try said(
                [
                    llamaEvent("a", "2015-01-01", "{ availability: generally-available }"),
                    llamaEvent("b", "2015-06-01", "{ ends: 2017-01-01 }"),
                    llamaEvent("c", "2017-03-01", "{ ends: { free: none } }"),
                ], containing: "nothing") == [
                    "Content/events/c.md:8:26: warning: 'ends: none' cancels nothing: the end announced for 1 January 2017 came at the start of that day, before this (date the cancellation earlier if it came first)"
                ])
        let closureSaid = try said(
            [
                llamaEvent("a", "2015-01-01", "{ availability: generally-available }"),
                llamaEvent("b", "2016-01-01", "{ closes: 2017-06-01 }"),
                llamaEvent("c", "2017-06-05", "{ closes: 2017-09-01 }"),
            ], containing: "nothing")
        #expect(
            closureSaid == [
                "Content/events/c.md:8:20: warning: 'closes: 2017-09-01' moves nothing: the closure announced for 1 June 2017 came at the start of that day, before this (date this earlier if it came first; if sign-ups reopened, record that first)"
            ], "\(closureSaid)")
        let closedFirst = [
            llamaEvent("a", "2015-01-01", "{ availability: generally-available }"),
            llamaEvent("b", "2017-05-01", "{ availability: closed-to-new }"),
            llamaEvent("c", "2017-06-05", "{ closes: 2017-09-01 }"),
            llamaEvent("d", "2017-06-05", "{ closes: { free: 2017-09-01 } }"),
        ]
        #expect(
            try said(closedFirst, containing: "already") == [
                "Content/events/c.md:8:20: warning: 'llama' was already closed-to-new (1 May 2017, by b): a closure announced after that counts nothing down (record its reopening first if sign-ups reopened)",
                "Content/events/d.md:8:28: warning: 'llama' (free) was already closed-to-new (1 May 2017, by b): a closure announced after that counts nothing down (record its reopening first if sign-ups reopened)",
            ])
        let reopened = closedFirst + [llamaEvent("b2", "2017-05-15", "{ availability: { free: generally-available } }")]
        #expect(try said(reopened, containing: "already").filter { $0.contains("(free)") }.isEmpty)
        let channelClosure = try said(
            [
                llamaEvent("a", "2015-01-01", "{ availability: generally-available }"),
                llamaEvent("b", "2016-01-01", "{ closes: 2017-06-01 }"),
                llamaEvent("c", "2017-06-05", "{ closes: { free: 2017-09-01 } }"),
                llamaEvent("d", "2017-06-06", "{ closes: { free: none } }"),
            ], containing: "nothing:")
        #expect(
            channelClosure.map { $0.components(separatedBy: " came at")[0] } == [
                "Content/events/c.md:8:28: warning: 'closes: 2017-09-01' moves nothing: the closure announced for 1 June 2017",
                "Content/events/d.md:8:28: warning: 'closes: none' cancels nothing: the closure announced for 1 June 2017",
            ])
    }

    /// An end announced for a year whose day is set within it while it runs, before that
    /// day, is that end made precise (Google Podcasts: "in 2024", then 2 April 2024), no end
    /// announced for what is gone.
    @Test func aDaySetWithinTheEndsYearIsNoEndAfterItCame() throws {
        let madePrecise = [
            llamaEvent("a", "2018-06-18", "{ availability: generally-available }"),
            llamaEvent("b", "2023-09-26", "{ ends: 2024 }"),
            llamaEvent("c", "2024-02-20", "{ ends: 2024-04-02 }"),
        ]
        #expect(try said(madePrecise, containing: "llama").filter { $0.contains("warning") }.isEmpty)
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

    /// On a configured scale, a fall from nothing is a first value that winds down or is
    /// gone: of four values, the second is a launch (it was every value below the top).
    @Test func aFallFromNothingOnAConfiguredScale() throws {
        for (first, warned) in [("beta", false), ("legacy", true), ("gone", true)] {
            let kb = try TemporaryKnowledgeBase([
                "Site/config.yml": "availability_scale: [ga, beta, legacy, gone]\npriority_scale: [core, supported, frozen]\n",
                "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\n",
                "Content/entities/gizmo.md": "---\nname: Gizmo\ntype: product\nparent: acme\n---\n",
                "Content/sources/s.md": "---\ntitle: S\nurl: https://example.org/s\n---\n",
                "Content/events/e.md":
                    "---\ntitle: E\ndate: 2020-01-01\ntype: launch\nentities: [gizmo]\nsources: [s]\nstatus:\n  gizmo: { availability: \(first), priority: supported }\n---\n",
            ])
            let found = ContentLoader.load(root: kb.root).diagnostics.map(\.description)
            #expect(found.contains { $0.contains("a fall from nothing") } == warned, "\(first): \(found)")
        }
    }

    /// A channel first recorded as fallen, on a product launched on another channel: its
    /// decline counts from the best value it ever had, so its closure counted as nothing
    /// (risk 0 where its opening recorded gives 46), and nothing was said.
    @Test func aChannelFirstRecordedFallenIsAFallFromNothing() throws {
        let muse = "---\nname: Muse\ntype: model\nparent: meta\nchannels: [api, app]\n---\n"
        let event = { (date: String, status: String) in
            "---\ntitle: T\ndate: \(date)\ntype: other\nentities: [muse]\nsources: [tns]\nstatus:\n  muse: \(status)\n---\n"
        }
        let launch = event("2025-01-01", "{ availability: { api: generally-available }, priority: flagship }")
        let closed = event("2025-06-01", "{ availability: { app: closed-to-new } }")
        #expect(
            try diagnostics(["Content/entities/muse.md": muse, "Content/events/a.md": launch, "Content/events/b.md": closed]) == [
                "Content/events/b.md:8:32: warning: the first recorded availability of 'muse' on 'app' is 'closed-to-new', a fall from nothing: record when it opened there (availability: { app: generally-available }) so that the fall counts in its risk"
            ])
        // Opened there first, launched whole, or closed on the product's own first day (its
        // first day is the product's check): nothing to say.
        let opened = event("2025-03-01", "{ availability: { app: generally-available } }")
        #expect(
            try diagnostics([
                "Content/entities/muse.md": muse, "Content/events/a.md": launch, "Content/events/c.md": opened, "Content/events/b.md": closed,
            ]) == [])
        let whole = event("2025-01-01", "{ availability: generally-available, priority: flagship }")
        #expect(try diagnostics(["Content/entities/muse.md": muse, "Content/events/a.md": whole, "Content/events/b.md": closed]) == [])
        // On a scale of its own, the opening the warning names is that scale's.
        let scaled = try TemporaryKnowledgeBase([
            "Site/config.yml": "availability_scale: [open, limited, sunsetting, gone]\npriority_scale: [core, supported, frozen]\n",
            "Content/entities/acme.md": "---\nname: Acme\ntype: vendor\n---\n",
            "Content/entities/gizmo.md": "---\nname: Gizmo\ntype: product\nparent: acme\nchannels: [a, b]\n---\n",
            "Content/sources/s.md": "---\ntitle: S\npublisher: acme\nurl: https://example.org/s\n---\n",
            "Content/events/e.md":
                "---\ntitle: E\ndate: 2020-01-01\ntype: launch\nentities: [gizmo]\nsources: [s]\nstatus:\n  gizmo: { availability: { a: open }, priority: core }\n---\n",
            "Content/events/f.md":
                "---\ntitle: F\ndate: 2021-01-01\ntype: other\nentities: [gizmo]\nsources: [s]\nstatus:\n  gizmo: { availability: { b: sunsetting } }\n---\n",
        ])
        let said = ContentLoader.load(root: scaled.root).diagnostics.map(\.description)
        #expect(said.contains { $0.contains("record when it opened there (availability: { b: open })") }, "\(said)")
        let sameDay = event("2025-01-01", "{ availability: { api: generally-available, app: closed-to-new }, priority: flagship }")
        #expect(try diagnostics(["Content/entities/muse.md": muse, "Content/events/a.md": sameDay]) == [])
    }

    /// A return recorded on the day an end comes keeps the product available, while the end
    /// reads as come in every list: said, with the way to write a deadline that passed.
    @Test func aReturnOnItsEndsDayIsWarnedOf() throws {
        let muse = "---\nname: Muse\ntype: model\nparent: meta\nchannels: [free, paid]\n---\n"
        let event = { (date: String, status: String) in
            "---\ntitle: T\ndate: \(date)\ntype: other\nentities: [muse]\nsources: [tns]\nstatus:\n  muse: \(status)\n---\n"
        }
        let files = [
            "Content/entities/muse.md": muse,
            "Content/events/a.md": event("2023-01-01", "{ availability: generally-available, priority: invested }"),
            "Content/events/b.md": event("2023-02-02", "{ ends: { free: 2023-02-13 } }"),
            "Content/events/c.md": event("2023-02-13", "{ availability: { free: generally-available } }"),
        ]
        #expect(
            try diagnostics(files) == [
                "Content/events/c.md:8:33: warning: 'muse' (free) is made generally-available on the day its end comes (13 February 2023, announced by b): it stays available, but the end reads as come ('ended') in every list and calendar; if the vendor called it off or put it back, record that before its day ('ends: { free: none }', or the new date)"
            ])
        // A day later it is a return after the end, another channel's is none of the end's,
        // and a deadline recorded as called off leaves nothing to say.
        #expect(
            try diagnostics(files.merging(["Content/events/c.md": event("2023-02-14", "{ availability: { free: generally-available } }")]) { $1 })
                == [])
        #expect(
            try diagnostics(files.merging(["Content/events/c.md": event("2023-02-13", "{ availability: { paid: generally-available } }")]) { $1 })
                == [])
        #expect(
            try diagnostics(
                files.merging([
                    "Content/events/c.md": event("2023-02-13", "{ availability: { free: generally-available } }"),
                    "Content/events/b2.md": event("2023-02-12", "{ ends: { free: none } }"),
                ]) { $1 }) == [])
    }

    /// Sign-ups that close on or after the end announced with them can never close.
    @Test func aClosureAfterItsEndIsAWarning() throws {
        let event = { (status: String) in
            "---\ntitle: T\ndate: 2025-06-01\ntype: deprecation\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: \(status)\n---\n"
        }
        #expect(
            try diagnostics(["Content/events/x.md": event("{ closes: 2025-12-01, ends: 2025-10-31 }")]) == [
                "Content/events/x.md:8:20: warning: sign-ups close (2025-12-01) on or after the end (2025-10-31) announced with them: they can never close, as nothing is left to sign up to"
            ])
        // Said beside a mistake in the end's 'announced', in the same run (it waited for it to be mended).
        #expect(
            try diagnostics(["Content/events/x.md": event("{ ends: { date: 2025-10-31, announced: 2025-07-01 }, closes: 2025-12-01 }")]) == [
                "Content/events/x.md:8:49: error: 'announced' (2025-07-01) is after its event (2025-06-01): it says when the vendor first said so",
                "Content/events/x.md:8:71: warning: sign-ups close (2025-12-01) on or after the end (2025-10-31) announced with them: they can never close, as nothing is left to sign up to",
            ])
        // Before the end, or on another channel than the one that ends: nothing to say.
        #expect(try diagnostics(["Content/events/x.md": event("{ closes: 2025-09-01, ends: 2025-10-31 }")]) == [])
    }

    /// The vendor's day inside the event's own period is not after it: an event known to the
    /// quarter or the month, with the day the vendor said it (15 August in Q3), was refused.
    @Test func anAnnouncementWithinItsEventsPeriodIsNotAfterIt() throws {
        let event = { (date: String, status: String) in
            "---\ntitle: T\ndate: \(date)\ntype: deprecation\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: \(status)\n---\n"
        }
        #expect(try diagnostics(["Content/events/x.md": event("2025-Q3", "{ ends: { date: 2026-03, announced: 2025-08-15 } }")]) == [])
        #expect(try diagnostics(["Content/events/x.md": event("2025-08", "{ closes: { date: 2026-03, announced: 2025-08-31 } }")]) == [])
        #expect(
            try diagnostics(["Content/events/x.md": event("2025-08", "{ ends: { date: 2026-03, announced: 2025-09-01 } }")]) == [
                "Content/events/x.md:8:46: error: 'announced' (2025-09-01) is after its event (2025-08): it says when the vendor first said so"
            ])
    }

    /// A launch whose status has an error is no missing launch: the later fall is not said to
    /// come from nothing (it sent the reader to record an event that was there). The fall's
    /// own file having an error is no reason to keep quiet.
    @Test func aLaunchWithAnErrorLeavesNoFallFromNothing() throws {
        let event = { (id: String, date: String, status: String) in
            "---\ntitle: \(id)\ndate: \(date)\ntype: other\nentities: [llama]\nsources: [tns]\nstatus:\n  llama: \(status)\n---\n"
        }
        let files = [
            "Content/events/a-launch.md": event("a-launch", "2023-01-01", "{ availability: generaly-available }"),
            "Content/events/b-closed.md": event("b-closed", "2024-01-01", "{ availability: deprecated }"),
        ]
        let found = try diagnostics(files)
        #expect(found.contains { $0.contains("a-launch.md") && $0.contains("'generaly-available' is not on the availability scale") }, "\(found)")
        #expect(!found.contains { $0.contains("a fall from nothing") }, "\(found)")
        // Once the launch reads, nothing is said either; without it, the fall is.
        #expect(
            !(try diagnostics(
                files.merging(["Content/events/a-launch.md": event("a-launch", "2023-01-01", "{ availability: generally-available }")]) {
                    _, new in
                    new
                })).contains { $0.contains("a fall from nothing") })
        #expect(try diagnostics(["Content/events/b-closed.md": files["Content/events/b-closed.md"]!]).contains { $0.contains("a fall from nothing") })
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
        // Two cycles through one entity are both said in one run (the second waited for a fix).
        #expect(
            try diagnostics([
                "Content/entities/a.md": model("a", "[b, c]"), "Content/entities/b.md": model("b", "[a]"),
                "Content/entities/c.md": model("c", "[a]"),
            ]) == [
                "Content/entities/a.md:5:14: error: successor cycle: a → b → a",
                "Content/entities/a.md:5:17: error: successor cycle: a → c → a",
            ])
        // A circle of folds is said as one, by the field written (it read "successor cycle").
        let folded = { (id: String, into: String) in "---\nname: \(id)\ntype: product\nparent: meta\nfolded_into: [\(into)]\n---\n" }
        #expect(
            try diagnostics(["Content/entities/skype.md": folded("skype", "teams"), "Content/entities/teams.md": folded("teams", "skype")]) == [
                "Content/entities/skype.md:5:15: error: fold cycle (folded_into): skype → teams → skype"
            ])
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
        // An empty list declares nothing: the channels the events name are the product's (it
        // said "its channels are " and nothing after).
        let none = model.replacingOccurrences(of: "channels: [api, app]", with: "channels: []")
        let found = try diagnostics(["Content/entities/muse.md": none, "Content/events/x.md": event])
        #expect(!found.contains { $0.contains("is not declared by 'muse'") }, "\(found)")
        // Undeclared, a channel one letter from another is said where the rarer is written
        // (a misspelt ESU channel kept a product alive through a channel that never was).
        let esu =
            "---\ntitle: E\ndate: 2025\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: { availability: { vendor-esu: generally-available } }\n---\n"
        let typo =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: { ends: { vendor-eus: 2027-06-30 } }\n---\n"
        let near = try diagnostics(["Content/events/esu.md": esu, "Content/events/typo.md": typo])
        #expect(
            near.contains(
                "Content/events/typo.md:8:32: warning: channel 'vendor-eus' of 'llama' is one letter from 'vendor-esu' (did you mean 'vendor-esu'?); 'llama' declares no channels, so each name is a channel of its own"
            ), "\(near)")
        #expect(!near.contains { $0.contains("channel 'vendor-esu' of") })
    }

    @Test func aRefusedValueStillHasItsChannelChecked() throws {
        let model = "---\nname: Muse\ntype: model\nparent: meta\nchannels: [api, app]\n---\n"
        // A bad date, a value off the scale, a dated end without its date: each refused, and
        // its undeclared channel said in the same run (it was said once the value was mended).
        let event =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n"
            + "  muse: { ends: { apps: August 2027 }, availability: { wep: gone } }\n"
            + "  lama: { closes: { api: someday } }\n---\n"
        let found = try diagnostics(["Content/entities/muse.md": model, "Content/events/x.md": event])
        #expect(
            found == [
                "Content/events/x.md:8:19: error: channel 'apps' is not declared by 'muse' (did you mean 'app'?); its channels are api, app",
                "Content/events/x.md:8:25: error: invalid date 'August 2027' (did you mean '2027-08'? expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~'); 'ends' takes a date or 'none'",
                "Content/events/x.md:8:56: error: channel 'wep' is not declared by 'muse' (did you mean 'app'?); its channels are api, app",
                "Content/events/x.md:8:61: error: 'gone' is not on the availability scale; the scale is open-source, open-weights, generally-available, preview, consumer-only, announced, closed-to-new, deprecated, retired",
                "Content/events/x.md:9:3: error: unknown entity 'lama' (did you mean 'llama'?)",
                "Content/events/x.md:9:26: error: invalid date 'someday' (expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, optionally prefixed with '~'); 'closes' takes a date or 'none'",
            ], "\(found)")
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

    /// Settings that do not parse are said once, at their place; what files name is not
    /// judged against the default types and scales (each configured one read as an error).
    @Test func unreadSettingsJudgeNoType() throws {
        let config = "entity_types: [service]\nevent_types: [recall]\navailability_scale: [ga, gone]\ndescription: \"oops\n"
        let service = "---\nname: Svc\ntype: service\nparent: meta\n---\n"
        let event =
            "---\ntitle: R\ndate: 2026\ntype: recall\nentities: [svc]\nsources: [tns]\nstatus:\n  svc: { availability: ga }\n---\n"
        let found = try diagnostics(["Site/config.yml": config, "Content/entities/svc.md": service, "Content/events/r.md": event])
        #expect(found.count == 1 && found[0].hasPrefix("Site/config.yml:4:14: error: invalid YAML"), "\(found)")
    }

    @Test func scalesFromConfigReplaceTheDefaults() throws {
        let event =
            "---\ntitle: T\ndate: 2026\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: { availability: beta, priority: core }\n---\n"
        let config = "availability_scale: [ga, beta, gone]\npriority_scale: [core, side]\nstatus_labels: { ga: Generally available }\n"
        // The sample's own event uses the default 'maintained', which is now off the scale.
        #expect(
            try diagnostics(["Site/config.yml": config, "Content/events/x.md": event]) == [
                "Content/events/launch.md:8:22: error: 'maintained' is not on the priority scale; the scale is core, side",
                // Second-to-last on this scale, 'beta' is what 'deprecated' is on the default one.
                "Content/events/x.md:8:26: warning: the first recorded availability of 'llama' is 'beta', a fall from nothing: record the event that made it available (its launch) so that the fall counts in its risk",
            ])
        // An end after the product was gone names the scale's own bottom.
        let gone = [
            "Site/config.yml": config.replacingOccurrences(of: "priority_scale: [core, side]", with: "priority_scale: [core, maintained]"),
            "Content/events/y.md":
                "---\ntitle: Y\ndate: 2026-02-01\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: { availability: gone }\n---\n",
            "Content/events/z.md":
                "---\ntitle: Z\ndate: 2026-06-01\ntype: other\nentities: [meta]\nsources: [tns]\nstatus:\n  llama: { ends: 2027-01-01 }\n---\n",
        ]
        #expect(try diagnostics(gone).contains { $0.contains("z.md:8:18: warning: 'llama' was already gone (1 February 2026, by y)") })
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

}
