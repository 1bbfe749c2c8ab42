// Long lists over numbered pages: `timeline.html`, `timeline-2.html`, … each under
// ~300 KB however large the knowledge base, with links between them.

/// The page links of a list split over several pages; absent when it fits on one.
struct Pager: Encodable {
    struct Link: Encodable {
        var number: Int
        var url: String
        var current: Bool
        /// What the page holds, first to last (`AdonisJS – Bun`), where its number alone
        /// does not tell (the entity index of an import: six pages of products).
        var range: String? = nil
    }
    var number: Int
    var count: Int
    var previous: String?
    var next: String?
    var links: [Link]
}

/// A link to where a group (a year, a type, a quarter) starts: a page and an anchor.
struct JumpLink: Encodable {
    var label: String
    var url: String
    var last = false
}

struct Jumps: Encodable { var links: [JumpLink] }

/// The part of one group that falls on a page: a group cut by a page break goes on,
/// marked continued, on the next page.
struct PagedGroup<Group, Item> {
    var group: Group
    var items: [Item]
    var continued: Bool
}

enum Pagination {
    /// Events on a page of the timeline (about 300 bytes each).
    static let timelineSize = 500
    /// Entities on a page of the index (about 110 bytes each).
    static let entitiesSize = 1500
    /// Sources on a page of the bibliography (about 350 bytes each).
    static let sourcesSize = 700
    /// Rows (a status move, or a link to an entry) on a page of "What changed".
    static let changesSize = 500

    /// Page 1 at `base.html`, page n at `base-n.html`.
    static func path(_ base: String, _ number: Int) -> String { number == 1 ? "\(base).html" : "\(base)-\(number).html" }

    static func pageCount(_ items: Int, size: Int) -> Int { max(1, (items + size - 1) / size) }

    /// The navigation key of a page's path (`timeline-3.html` is the timeline).
    static func navigationKey(_ path: String) -> String {
        let name = path.dropLast(".html".count)
        if let dash = name.lastIndex(of: "-"), !name[name.index(after: dash)...].isEmpty,
            name[name.index(after: dash)...].allSatisfy(\.isNumber)
        {
            return String(name[..<dash])
        }
        return String(name)
    }

    /// `ranges`: each page's first and last item, when the pages are in an order a reader
    /// looks things up by (names).
    static func pager(_ base: String, number: Int, count: Int, ranges: [String]? = nil) -> Pager? {
        guard count > 1 else { return nil }
        return Pager(
            number: number, count: count, previous: number > 1 ? path(base, number - 1) : nil,
            next: number < count ? path(base, number + 1) : nil,
            links: (1...count).map { Pager.Link(number: $0, url: path(base, $0), current: $0 == number, range: ranges?[$0 - 1]) })
    }

    /// Splits groups of items, in order, into pages of at most `size` items. An empty
    /// group takes no room but keeps its place.
    static func split<Group, Item>(_ groups: [(Group, [Item])], size: Int) -> [[PagedGroup<Group, Item>]] {
        var pages: [[PagedGroup<Group, Item>]] = [[]]
        var room = size
        for (group, items) in groups {
            var rest = items[...]
            var continued = false
            repeat {
                if room == 0 && !rest.isEmpty {
                    pages.append([])
                    room = size
                }
                let part = rest.prefix(room)
                pages[pages.count - 1].append(PagedGroup(group: group, items: Array(part), continued: continued))
                room -= part.count
                rest = rest.dropFirst(part.count)
                continued = true
            } while !rest.isEmpty
        }
        return pages
    }

    /// Where each group starts: its first page, and the anchor of its heading there.
    static func jumps<Group, Item>(
        _ pages: [[PagedGroup<Group, Item>]], base: String, label: (Group) -> String, anchor: (Group) -> String
    ) -> Jumps {
        var links: [JumpLink] = []
        for (i, page) in pages.enumerated() {
            for part in page where !part.continued {
                links.append(JumpLink(label: label(part.group), url: path(base, i + 1) + "#" + anchor(part.group)))
            }
        }
        if !links.isEmpty { links[links.count - 1].last = true }
        return Jumps(links: links)
    }
}

extension Pagination {
    /// A page's title: "Timeline", then "Timeline, page 2".
    static func title(_ name: String, _ number: Int) -> String { number == 1 ? name : "\(name), page \(number)" }
}
