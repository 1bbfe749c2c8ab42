import Foundation
import VaneContent

/// An entry's body with its wikilinks and citations filled in, and its numbered references.
struct BodyHTML {
    var html: String
    /// Reference list items, in number order.
    var references: [EntryPage.Reference]
    /// What each link placeholder became, in the order they appear (for `BodySpan`).
    var pieces: [String] = []

    /// Citations are numbered in order of first citation in the body; sources named only
    /// in front matter follow.
    init(_ entry: Entry, model: SiteModel, root: String) {
        var numbers: [String: Int] = [:]
        var order: [String] = []
        func number(_ id: String) -> Int {
            if let n = numbers[id] { return n }
            order.append(id)
            numbers[id] = order.count
            return order.count
        }
        let resolved = entry.bodyLinks.map { model.kb.resolve($0.target) }
        for (link, id) in zip(entry.bodyLinks, resolved) where link.style == .citation {
            if let id { _ = number(id) }
        }
        for id in model.targets(of: entry.id, .cites, .verdictSource) { _ = number(id) }

        var pieces: [String] = []
        html = Placeholder.substitute(in: entry.bodyHTML) { index in
            let piece = BodyHTML.link(index, of: entry, resolved: resolved, numbers: numbers, model: model, root: root)
            pieces.append(piece)
            return piece
        }
        self.pieces = pieces
        // Blocks last: the links' text is escaped and defanged, so every mark left is a block's.
        html = Placeholder.substituteBlocks(in: html) { index in model.liveBlockHTML(entry, index: index, root: root) }
        references = order.compactMap { id -> EntryPage.Reference? in
            guard let source = model.kb.entry(id) else { return nil }
            return EntryPage.Reference(
                number: numbers[id]!, title: source.title, url: SiteModel.url(of: source),
                // As every page names a publisher: an entity's name, else the text as written
                // (a publisher that happens to be a claim's id stays text, on any day).
                publisher: source.publisher.map { _ in model.publisherName(source) }, published: source.date.map(DateView.init),
                external: source.url, host: source.url.map { URL(string: $0)?.host ?? $0 }, archive: source.archive)
        }
    }

    /// What the link placeholder `index` becomes.
    private static func link(
        _ index: Int, of entry: Entry, resolved: [String?], numbers: [String: Int], model: SiteModel, root: String
    ) -> String {
        guard entry.bodyLinks.indices.contains(index) else { return "" }
        let link = entry.bodyLinks[index]
        guard let id = resolved[index], let target = model.kb.entry(id) else {
            // Dated after the site's day: named, not linked (its page does not exist yet).
            if let title = model.kb.later[link.target] {
                // A citation is a mark, not its source's title: a later title would say what
                // the site's day did not know yet ("Bard becomes Gemini" on Bard's page).
                guard link.style == .wikilink else {
                    return "<sup class=\"later\" title=\"a source recorded after this site's date\">[later]</sup>"
                }
                return "<span class=\"later\" title=\"recorded after this site's date\">\(HTML.escape(link.label ?? title))</span>"
            }
            return HTML.escape(link.target)
        }
        switch link.style {
        case .wikilink:
            // By id, or a former id (`[[azure-ad]]`), in any case (`[[Meta]]`), the entry's
            // title; by an alias, the alias.
            let written = link.target.lowercased()
            let byID = written == id || target.formerIDs.contains { $0.text.lowercased() == written }
            let label = link.labelHTML ?? HTML.escape(link.label ?? (byID ? target.title : link.target))
            return "<a class=\"wikilink\" href=\"\(root)\(SiteModel.url(of: target))\">\(label)</a>"
        case .citation:
            let n = numbers[id] ?? 0
            return "<sup class=\"citation\"><a href=\"#ref-\(n)\" title=\"\(HTML.escape(target.title))\">[\(n)]</a></sup>"
        }
    }
}

/// Escaping for text placed in HTML by code rather than by a template.
enum HTML {
    static func escape(_ s: String) -> String {
        Escape.map(s) { c in
            switch c {
            // The marks of the body's placeholders cannot come from content.
            case "\u{E000}", "\u{E001}": "\u{FFFD}"
            // Control characters HTML does not allow, dropped as templates drop them.
            case _ where c.isControlHTMLRefuses: ""
            default: Escape.markup(c, apostrophe: "&#39;")
            }
        } + Bidi.closers(s)
    }
}
