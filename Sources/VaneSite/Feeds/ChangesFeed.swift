import Foundation
import VaneContent
import VaneHistory

/// `feeds/changes.atom`: the assessments that changed as recorded in git (a status value,
/// an announced end, a verdict), newest first, each with its commit. What subscribers want
/// to hear about; uncommitted changes are not in it.
struct ChangesFeed {
    let model: SiteModel
    let history: RecordedHistory

    static let path = "feeds/changes.atom"

    var xml: String {
        let base = model.kb.config.baseURL
        let root = base.isEmpty ? "../" : base
        let changes = Array(history.changes.filter { $0.commit != nil }.reversed().prefix(SiteExtras.atomLimit))
        // With no entry yet, the site's day, as the other feeds say (it read 1970).
        let newest = changes.first.flatMap { history.commit($0.commit) }.map(ChangesFeed.timestamp) ?? model.board.asOf.end + "T00:00:00Z"
        var out = AtomFeed.head(title: model.kb.config.title + ": recorded changes", path: ChangesFeed.path, updated: newest, config: model.kb.config)
        var seen: [String: Int] = [:]
        for change in changes {
            guard let commit = history.commit(change.commit) else { continue }
            let key = "\(commit.hash)-\(change.entry)"
            let n = seen[key, default: 0]
            seen[key] = n + 1
            let page = model.kb.entry(change.entry).map(SiteModel.url(of:))
            // A verdict names its claim: a feed reader sees the title alone.
            let text = (change.what == .verdict ? "\(model.kb.title(of: change.entry) ?? change.entry): " : "") + model.describe(change)
            out += "<entry>\n"
            out += "<title>\(XML.escape(text))</title>\n"
            out += "<id>\(XML.escape("urn:weathervane:change:\(commit.hash):\(change.entry):\(n)"))</id>\n"
            out += "<updated>\(ChangesFeed.timestamp(commit))</updated>\n"
            if let page { out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(XML.escape(root + page))\"/>\n" }
            let html = "<p>\(HTML.escape(text))</p><p>Recorded in <code>\(HTML.escape(commit.short))</code>: \(HTML.escape(commit.subject))</p>"
            out += "<content type=\"html\">\(XML.escape(html))</content>\n"
            out += "</entry>\n"
        }
        return out + "</feed>\n"
    }

    static func timestamp(_ commit: Commit) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(commit.time))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
