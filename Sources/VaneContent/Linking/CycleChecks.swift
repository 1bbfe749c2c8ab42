import Foundation
import VaneDiagnostics

/// What may not go round in a circle: successors, folds and dated advice, and parents.
extension Linker {
    // MARK: - Successors

    /// `successors` link products, models and model families to what replaces them, and
    /// never in a circle.
    mutating func checkSuccessors() {
        var kept: [String: [Edge]] = [:]
        var refused = false
        for edge in edges.only({ $0 == .succeededBy || $0 == .foldedInto }) {
            if let problem = [edge.from, edge.to].first(where: { types[$0].map { !config.tracks($0) } ?? false }) {
                let what =
                    problem == edge.from
                    ? "'\(edge.from)' is \(Linker.article(types[problem]!))" : "'\(edge.to)' is \(Linker.article(types[problem]!))"
                let allowed = config.trackableTypes.joined(separator: ", ")
                let subject = edge.relation == .foldedInto ? "folded_into links" : "successors link"
                diagnostics.append(.error(edge.location, "\(subject) \(allowed) only; \(what)"))
                refused = true
                continue
            }
            kept[edge.from, default: []].append(edge)
        }
        var reported: Set<String> = []
        // Each cycle found leaves the search without the edge it is said at, so a second
        // cycle through the same entity is found in the same run (it waited for a fix).
        var open = kept
        for start in kept.keys.sorted() {
            while let cycle = Linker.cycle(from: start, next: { (open[$0] ?? []).map(\.to) }) {
                reported.formUnion(cycle)
                let text = (cycle + [cycle[0]]).joined(separator: " → ")
                let steps = cycle.indices.compactMap { i in open[cycle[i]]?.first { $0.to == cycle[(i + 1) % cycle.count] } }
                // Named for the fields written: a circle of `folded_into` alone is a fold cycle.
                let kind =
                    steps.allSatisfy { $0.relation == .foldedInto }
                    ? "fold cycle (folded_into)" : steps.contains { $0.relation == .foldedInto } ? "successor and fold cycle" : "successor cycle"
                diagnostics.append(.error(steps[0].location, "\(kind): \(text)"))
                open[cycle[0]]?.removeAll { $0.to == steps[0].to && $0.relation == steps[0].relation }
            }
        }
        // Only when there is something to remove: the pass copies every edge of the graph.
        guard refused || !reported.isEmpty else { return }
        edges.removeAll {
            ($0.relation == .succeededBy || $0.relation == .foldedInto) && (kept[$0.from]?.contains($0) != true || reported.contains($0.from))
        }
    }

    /// Dated advice that closes a circle with what the products' successors are on its day
    /// (`a → b`, then `b → a`): an error at the advice that closes it, as a circle of
    /// `successors` is (every view led from the product back to itself).
    mutating func checkAdviceCycles() {
        let advice = statusChanges.filter { $0.axis == .successors }
        guard !advice.isEmpty else { return }
        let (own, folds) = StatusBoard.successors(edges)
        var current = own
        var reported: Set<String> = []
        for change in StatusTimeline.ordered(advice) {
            let kept = (own[change.entity] ?? []).filter { (folds[change.entity] ?? []).contains($0) }
            current[change.entity] = StatusBoard.advised(change.value, keeping: kept)
            guard let cycle = Linker.cycle(from: change.entity, next: { current[$0] ?? [] }),
                reported.insert(cycle.joined(separator: " ")).inserted
            else { continue }
            diagnostics.append(
                .error(
                    change.location,
                    "successor cycle from \(change.date.display), by dated advice: \((cycle + [cycle[0]]).joined(separator: " → "))"))
        }
    }

    /// A cycle reachable from `start` (depth first, neighbours in order), rotated to begin
    /// at its smallest id; nil when there is none.
    static func cycle(from start: String, next: (String) -> [String]) -> [String]? {
        var path: [String] = []
        var onPath: Set<String> = []
        var done: Set<String> = []
        func visit(_ node: String) -> [String]? {
            if onPath.contains(node) {
                let loop = Array(path[path.firstIndex(of: node)!...])
                let first = loop.firstIndex(of: loop.min()!)!
                return Array(loop[first...] + loop[..<first])
            }
            guard done.insert(node).inserted else { return nil }
            path.append(node)
            onPath.insert(node)
            defer {
                path.removeLast()
                onPath.remove(node)
            }
            for n in next(node) { if let found = visit(n) { return found } }
            return nil
        }
        return visit(start)
    }

    // MARK: - Parents

    mutating func checkParentCycles() {
        let parentEdges = edges.only { $0 == .parent }
        let parent = Dictionary(parentEdges.map { ($0.from, $0) }, uniquingKeysWith: { a, _ in a })
        var reported: Set<String> = []
        for start in parent.keys.sorted() where !reported.contains(start) {
            var path: [String] = [start]
            var current = start
            while let next = parent[current]?.to {
                if let loopStart = path.firstIndex(of: next) {
                    let cycle = Array(path[loopStart...])
                    if cycle.allSatisfy({ !reported.contains($0) }) {
                        reported.formUnion(cycle)
                        let first = cycle.min()!
                        let rotated = Array(cycle[cycle.firstIndex(of: first)!...] + cycle[..<cycle.firstIndex(of: first)!])
                        let text = (rotated + [first]).joined(separator: " → ")
                        diagnostics.append(.error(parent[first]!.location, "parent cycle: \(text)"))
                    }
                    break
                }
                path.append(next)
                current = next
            }
        }
        if !reported.isEmpty {
            edges.removeAll { $0.relation == .parent && reported.contains($0.from) }
        }
    }
}
