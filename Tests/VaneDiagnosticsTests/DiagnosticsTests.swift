import Dispatch
import Testing
import VaneDiagnostics

/// Diagnostics read like a compiler's; suggestions find the closest name; shared state
/// changed from many threads loses no write.
struct DiagnosticsTests {
    @Test func aDiagnosticReadsLikeACompilersAndSortsByPosition() {
        let a = Diagnostic.error(SourceLocation(path: "Content/events/x.md", line: 4, column: 9), "unknown entity 'metta' (did you mean 'meta'?)")
        let b = Diagnostic.warning(SourceLocation(path: "Content/events/x.md", line: 2, column: 1), "no sources")
        #expect(a.description == "Content/events/x.md:4:9: error: unknown entity 'metta' (did you mean 'meta'?)")
        #expect([a, b].sortedForReport().map(\.description) == [b.description, a.description])
        #expect([a, b].hasErrors && ![b].hasErrors)
    }

    @Test func theClosestNameOrNoneWhenNothingIsClose() {
        #expect(Suggestion.closest(to: "stauts", in: ["status", "show", "sql"]) == "status")
        #expect(Suggestion.closest(to: "metta", preferring: ["meta", "llama"], then: ["Meta Platforms"]) == "meta")
        #expect(Suggestion.closest(to: "zzzzzz", in: ["status", "show"]) == nil)
        // A short name replaced whole is no typo: `p2` and `e` are not `EQ` mistyped; `xq` may be.
        for word in ["p2", "ab", "e"] { #expect(Suggestion.closest(to: word, in: ["EQ"]) == nil, "\(word)") }
        #expect(Suggestion.closest(to: "xq", in: ["EQ"]) == "EQ")
        #expect(Suggestion.hint(for: "kep", in: ["kept", "broken"]) == " (did you mean 'kept'?)")
        // Names resolve whatever their case, so case is no distance: a name typed as it reads.
        #expect(Suggestion.closest(to: "HCP Terraform", in: ["hcp-terraform", "terraform"]) == "hcp-terraform")
        #expect(Suggestion.closest(to: "Vendor", in: ["vendor", "product"]) == "vendor")
    }

    /// A name cut short is nearer than another two edits away, and every name it begins is
    /// offered (trial h11-F1: `wink` was "did you mean 'WWN'?", an alias of another vendor's
    /// product, beside `wink-hub` and `wink-labs`; `insteon` had no suggestion at all).
    @Test func aNameCutShortOffersTheNamesItBegins() {
        #expect(
            Suggestion.nearest(to: "wink", preferring: ["wink-labs", "wink-hub", "works-with-nest"], then: ["WWN"]) == ["wink-hub", "wink-labs"])
        #expect(Suggestion.nearest(to: "insteon", in: ["insteon-technologies", "insteon-hub"]) == ["insteon-hub", "insteon-technologies"])
        #expect(Suggestion.closest(to: "insteon-tech", in: ["insteon-hub", "insteon-technologies"]) == "insteon-technologies")
        // A typo of one edit still comes first; cut short of several names, any of them.
        #expect(Suggestion.nearest(to: "metta", in: ["meta", "metta-labs"]) == ["meta"])
        #expect(Suggestion.nearest(to: "k8s-1-2", in: ["k8s-1-29", "k8s-1-27", "k8s-1-28", "k8s-1-3"]) == ["k8s-1-27", "k8s-1-28", "k8s-1-29"])
        #expect(Suggestion.alternatives(["a"]) == "'a'")
        #expect(Suggestion.alternatives(["a", "b"]) == "'a' or 'b'")
        #expect(Suggestion.alternatives(["a", "b", "c"]) == "'a', 'b' or 'c'")
        #expect(Suggestion.alternatives(["a", "b", "c", "d"]) == "'a', 'b', 'c' or 'd'")
        #expect(Suggestion.alternatives(["a", "b", "c", "d", "e", "f"]) == "'a', 'b', 'c', 'd' or 2 more")
        // Cut short at a separator: the names it begins, not the one the separator deleted gives.
        let models = ["gpt-4", "gpt-4o", "gpt-4-1", "gpt-4o-mini"]
        #expect(Suggestion.nearest(to: "gpt-4o-", in: models) == ["gpt-4o-mini"])
        #expect(Suggestion.nearest(to: "gpt-", in: models) == ["gpt-4", "gpt-4o", "gpt-4-1", "gpt-4o-mini"])
    }

    @Test func lockedStateLosesNoWriteUnderContention() {
        let count = Locked(0)
        let slots = ResultSlots<Int>(count: 1_000)
        DispatchQueue.concurrentPerform(iterations: 1_000) { i in
            count.withLock { $0 += 1 }
            slots[i] = i * 2
        }
        #expect(count.value == 1_000)
        #expect(slots.values == (0..<1_000).map { $0 * 2 })
    }
}
