import VaneContent
import VaneDiagnostics
import VaneSite

/// The names each page's templates looked up that no context had, kept by page in the
/// build state (`theme-missed`), so that a partial build judges a template's names as a
/// full render would: the pages kept count with what they missed when rendered.
enum ThemeMisses {
    typealias Misses = TemplateMisses
    typealias ByPage = [String: Misses]

    /// Each distinct set once, and each page by the index of its set: with a layout of the
    /// knowledge base's own, every page misses the same few names (250 bytes a page, 5 MB
    /// at 20,000 pages, written out whole).
    private struct Stored: Codable {
        var sets: [[String: [String: [String]]]]
        var pages: [String: Int]
    }

    static func encode(_ misses: ByPage) -> String {
        var sets: [Misses] = []
        var pages: [String: Int] = [:]
        for (path, missed) in misses {
            if let index = sets.firstIndex(of: missed) {
                pages[path] = index
            } else {
                pages[path] = sets.count
                sets.append(missed)
            }
        }
        // The sets in a canonical order, so that the same misses make the same text.
        let keys = sets.map { CanonicalJSON.text(sorted($0), fallback: "") }
        let order = sets.indices.sorted { keys[$0] < keys[$1] }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        let stored = Stored(sets: order.map { sorted(sets[$0]) }, pages: pages.mapValues { position[$0]! })
        return CanonicalJSON.text(stored, fallback: "")
    }

    /// Nil when the state holds none (a build before they were kept, or one that did not
    /// know every page's).
    static func decode(_ text: String?) -> ByPage? {
        guard let text, !text.isEmpty, let stored = try? CanonicalJSON.decode(Stored.self, from: text) else { return nil }
        let sets = stored.sets.map { $0.mapValues { $0.mapValues(Set.init) } }
        return stored.pages.compactMapValues { sets.indices.contains($0) ? sets[$0] : nil }
    }

    /// Every page's misses as one.
    static func union(_ misses: ByPage) -> Misses {
        var all: Misses = [:]
        for byTemplate in misses.values {
            for (template, names) in byTemplate {
                for (name, keys) in names { all[template, default: [:]][name, default: []].formUnion(keys) }
            }
        }
        return all
    }

    private static func sorted(_ misses: Misses) -> [String: [String: [String]]] { misses.mapValues { $0.mapValues { $0.sorted() } } }

    /// The warnings for the names a theme's own templates use that no view model has, by
    /// the pages of the site. Only some pages rendered with the same theme: each page kept
    /// counts with what it missed when rendered (`kept`, known whole since a full render),
    /// each page rendered with what it misses now; without them (a database from before),
    /// the last build's warnings and those the pages rendered now miss. The names found are
    /// those of this build and of earlier ones with the theme (`earlierFound`): one found
    /// only by a page since removed stays found until the next full render.
    static func warnings(
        _ report: SiteBuilder.Report, theme: Theme, kept: ByPage?, pages: ByPage, sameTheme: Bool, state: [String: String],
        earlierFound: [String: Set<String>]
    ) -> [Diagnostic] {
        guard report.pagesRendered < report.pages && sameTheme else { return report.themeWarnings }
        if kept != nil && state["theme-found"] != nil {
            return theme.unknownNames(earlier: earlierFound, missed: union(pages)) + theme.endlessNesting()
        }
        let last = FastPath.decode(state["theme-warnings"])
        // A database from before the found names were kept knows none: the last build's alone.
        let now = state["theme-found"] == nil ? [] : theme.unknownNames(earlier: earlierFound) + theme.endlessNesting()
        return last + now.filter { !last.contains($0) }
    }
}
