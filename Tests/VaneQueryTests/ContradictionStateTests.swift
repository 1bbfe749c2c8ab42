import Testing

@testable import VaneQuery

/// The state `vane contradictions` says of a pair, from its two verdicts.
struct ContradictionStateTests {
    private func row(_ a: String, _ b: String) -> ContradictionRow {
        func side(_ verdict: String) -> ContradictionRow.Side {
            ContradictionRow.Side(claim: "c", claimant: "x", vendor: false, date: "2024", verdict: verdict, sources: [])
        }
        return ContradictionRow(entity: "e", unresolved: a == "pending" && b == "pending", first: side(a), second: side(b))
    }

    /// One side still pending is "partly decided" (it read "resolved"); a superseded side
    /// beside a judged one is decided, beside a pending one partly decided.
    @Test func aPairIsAsSettledAsItsVerdictsSay() {
        #expect(row("pending", "pending").state == "unresolved")
        #expect(row("pending", "kept").state == "partly decided")
        #expect(row("superseded", "pending").state == "partly decided")
        #expect(row("broken", "confirmed").state == "decided")
        #expect(row("kept", "superseded").state == "decided")
        #expect(row("superseded", "superseded").state == "superseded")
    }
}
