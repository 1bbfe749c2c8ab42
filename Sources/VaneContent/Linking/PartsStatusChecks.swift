import VaneDiagnostics

/// A product whose status is its parts' (its release cycles, its models) given an end or a
/// closure of its own, with no availability of its own: once it came, the whole product read
/// retired (or closed) while its cycles went on, and nothing was said (an end meant for one
/// version, written on the product).
enum PartsStatusChecks {
    static func check(_ kb: KnowledgeBase) -> [Diagnostic] {
        var available: Set<String> = []
        var scheduled: [StatusChange] = []
        for i in kb.statusChanges.indices {
            let change = kb.statusChanges[i]
            if change.axis == .availability { available.insert(change.entity) }
            if change.axis.isScheduled, change.value != "none" { scheduled.append(change) }
        }
        scheduled.removeAll { available.contains($0.entity) }
        // The parts are looked for only when a product schedules with no availability (rare).
        guard !scheduled.isEmpty else { return [] }
        let withStatus = Set(kb.statusChanges.map(\.entity))
        let products = Set(scheduled.map(\.entity))
        let parts = Dictionary(
            grouping: kb.edges.pairs { $0 == .parent }.filter { products.contains($0.1) && withStatus.contains($0.0) }, by: \.1
        ).mapValues { $0.map(\.0) }
        return scheduled.compactMap { change in
            guard let under = parts[change.entity], !under.isEmpty else { return nil }
            let what = UseChecks.parts(under, of: change.entity, in: kb)
            let does = change.axis == .ends ? "retires the whole product when it comes" : "closes the whole product to new customers when it comes"
            return .warning(
                change.location,
                "'\(change.entity)' has no availability of its own (its \(what) have theirs): this \(change.axis == .ends ? "end" : "closure") \(does), while they go on; write it for the one it is for, or record the product's own availability"
            )
        }
    }
}
