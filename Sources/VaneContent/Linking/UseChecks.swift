import VaneDiagnostics

/// The checks of uses that need the product's status: a plan that finishes after the
/// product's announced end (the one `vane exposure` measures it against: the soonest still
/// ahead), and a use of something already gone (as of `today`).
public enum UseChecks {
    /// `products`: each use's product by the use's id, when the caller has them (else read
    /// from the edges).
    static func check(_ kb: KnowledgeBase, today: FuzzyDate, products: [String: String]? = nil) -> [Diagnostic] {
        let uses = kb.entries(of: .use)
        guard !uses.isEmpty else { return [] }
        let scales = StatusScales(kb.config)
        let products = products ?? Dictionary(kb.edges.pairs { $0 == .uses }, uniquingKeysWith: { a, _ in a })
        // Only the products used are replayed.
        let used = Set(products.values)
        let now = StatusTimeline.statuses(
            kb.statusChanges.filter { used.contains($0.entity) }, channels: kb.channels, asOf: today, scales: scales)
        var problems: [Diagnostic] = []
        // Release cycles by product, read once, when a use of a product with none of its own needs them.
        var cycles: [String: [String]]?
        for use in uses {
            guard let facts = use.use, let product = products[use.id] else { continue }
            if let channel = facts.channel, let problem = Self.unknownChannel(channel, of: product, known: Self.channels(of: product, in: kb)) {
                problems.append(problem)
                continue
            }
            // A use that ended by the day (a migration done) is stranded by nothing.
            if UseFacts.ended(use.endDate, by: today) { continue }
            let channel = facts.channel?.text
            let named = "'\(product)'" + (channel.map { " (\($0))" } ?? "")
            guard let status = now[product] else {
                // A product whose status is its release cycles' (an import's): the use weighs
                // nothing until it names the cycle (it read "not tracked" without a word).
                if cycles == nil { cycles = Self.cyclesWithStatus(kb) }
                let under = cycles?[product] ?? []
                if let cycle = Self.newest(under, kb) {
                    let what = Self.parts(under, of: product, in: kb)
                    problems.append(
                        .warning(
                            facts.product.location,
                            "'\(product)' has no status of its own, only its \(what): name the one you use (product: \(cycle), say), or this use is not tracked"
                        ))
                }
                continue
            }
            if let availability = status.availability(of: channel), scales.isGone(availability.value) {
                // Folded into another, its users were carried over: the use is of that one now.
                let folds = channel == nil ? kb.successors.folds[product] ?? [] : []
                let since = Self.goneSince(status, channel: channel, setting: availability, today: today, scales: scales)
                let gone = "\(named) is already gone (\(scales.inSentence(availability.value)) since \(since.display))"
                problems.append(
                    .warningOfTheDay(
                        facts.product.location,
                        folds.isEmpty
                            ? "\(gone): this use is stranded"
                            : "\(gone), folded into \(folds.map { "'\($0)'" }.joined(separator: " and ")), which carried its users over: record this use as one of \(folds.count == 1 ? "it" : "them")"
                    ))
            } else if let plan = facts.planDate, let end = status.nextEnd(asOf: today, channel: channel), plan.endDay > end.date.startDay {
                let days = plan.endDay - end.date.startDay
                problems.append(
                    .warningOfTheDay(
                        facts.planDateLocation ?? use.top,
                        "the plan finishes (\(plan.text)) \(days) \(days == 1 ? "day" : "days") after the announced end of '\(product)'\(end.channel.map { " on \($0)" } ?? "") (\(end.date.text))"
                    ))
            }
        }
        return problems
    }

    /// When what a use depends on went, as `vane exposure` dates it: by the end that took it
    /// when one came before the day its setting says and it stayed gone since (a channel
    /// recorded retired again after the product's end went with that end, not with the record).
    static func goneSince(_ status: EntityStatus, channel: String?, setting: AxisSetting, today: FuzzyDate, scales: StatusScales) -> FuzzyDate {
        guard let end = ExposureBoard.came(status, asOf: today, channel: channel) else { return setting.date }
        let went = end.retired ?? end.date
        guard went.startKey < setting.date.startKey else { return setting.date }
        let between = status.points.filter { $0.date.startKey >= went.startKey && $0.date.startKey < setting.date.startKey }
        let stayed = between.allSatisfy { point in (channel.map { point.channels[$0] } ?? point.availability).map(scales.isGone) ?? false }
        return stayed ? went : setting.date
    }

    /// A product's channels in the order it declares them (as an event's unknown channel
    /// lists them), then any its events name.
    static func channels(of product: String, in kb: KnowledgeBase) -> [String] {
        let declared = (kb.entry(product)?.channels ?? []).map { kb.resolve($0.text) ?? $0.text }
        let rank = Dictionary(declared.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return (kb.channels[product] ?? []).sorted { (rank[$0] ?? .max, $0) < (rank[$1] ?? .max, $1) }
    }

    /// A use's channel that its product does not have (declared, or named by its events):
    /// an error at the channel, with the near one.
    static func unknownChannel(_ channel: LocatedText, of product: String, known: [String]) -> Diagnostic? {
        guard !known.contains(channel.text) else { return nil }
        guard !known.isEmpty else {
            return .error(
                channel.location,
                "'\(product)' has no channels: a use names one only of a product that declares them ('channels:') or whose events name them")
        }
        return .error(
            channel.location,
            "channel '\(channel.text)' is not a channel of '\(product)'\(Suggestion.hint(for: channel.text, in: known)); its channels are \(known.joined(separator: ", "))"
        )
    }

    /// What a product's parts that carry the status are, in words: a model family's are
    /// its models, an import's product's its release cycles, else its products under it.
    public static func parts(_ under: [String], of product: String, in kb: KnowledgeBase) -> String {
        let name = kb.title(of: product) ?? product
        let cyclical = under.allSatisfy { id in
            kb.entry(id).map { CycleFacts.isCycle(named: $0.title, facts: CycleFacts($0.extra), under: name) } ?? false
        }
        return kb.entry(product)?.type == "model-family" ? "models" : cyclical ? "release cycles" : "products under it"
    }

    /// Each product's parts that carry a status of their own (its release cycles).
    private static func cyclesWithStatus(_ kb: KnowledgeBase) -> [String: [String]] {
        let withStatus = Set(kb.statusChanges.map(\.entity))
        return Dictionary(grouping: kb.edges.pairs { $0 == .parent }.filter { withStatus.contains($0.0) }, by: \.1).mapValues { $0.map(\.0) }
    }

    /// The newest of `cycles`, by the version in its name.
    private static func newest(_ cycles: [String], _ kb: KnowledgeBase) -> String? {
        cycles.max { VersionOrder.precedes(kb.title(of: $0) ?? $0, kb.title(of: $1) ?? $1) }
    }
}
