import VaneDiagnostics

/// A source's dates that cannot be: published or read after today (the year mistyped, most
/// often), or read before it was out. The events and claims it is evidence for would rest on
/// a source no one could have read.
enum SourceDateChecks {
    static func check(_ kb: KnowledgeBase, today: FuzzyDate) -> [Diagnostic] {
        // A day of slack: a source dated tomorrow by a clock ahead of UTC (Auckland's) is right.
        let later = { (date: FuzzyDate) in date.startDay > today.endDay + 1 }
        return kb.entries(of: .source).flatMap { source -> [Diagnostic] in
            var found: [Diagnostic] = []
            let at = { (key: String) in source.dateLocations[key] ?? source.top }
            if let published = source.date, later(published) {
                found.append(.warning(at("published"), "'\(source.id)' is published on \(published.text), after today: is the year right?"))
            }
            if let accessed = source.accessed {
                if later(accessed) {
                    found.append(.warning(at("accessed"), "'\(source.id)' is accessed on \(accessed.text), after today: is the year right?"))
                } else if let published = source.date, accessed.endKey < published.startKey {
                    found.append(
                        .warning(at("accessed"), "'\(source.id)' is accessed on \(accessed.text), before it was published (\(published.text))"))
                }
            }
            return found
        }
    }
}
