import VaneDiagnostics

/// `successors: none` on a product folded into another: the fold says where its users
/// went, a fact the advice does not undo, so the withdrawal leaves the fold as the
/// product's successor. Said where it is written, not done (or left undone) in silence.
enum FoldChecks {
    static func check(_ kb: KnowledgeBase) -> [Diagnostic] {
        // Most knowledge bases withdraw no advice: the folds are not looked up then.
        let withdrawals = kb.statusChanges.filter { $0.axis == .successors && $0.value == "none" }
        guard !withdrawals.isEmpty else { return [] }
        let folds = kb.successors.folds
        return withdrawals.compactMap { change in
            guard let targets = folds[change.entity], !targets.isEmpty else { return nil }
            let list = targets.map { "'\($0)'" }.joined(separator: ", ")
            return .warning(
                change.location,
                "'\(change.entity)' was folded into \(list) (folded_into: where its users went): 'successors: none' withdraws advice, not the fold, which stays its successor (remove folded_into if its users did not carry over)"
            )
        }
    }
}
