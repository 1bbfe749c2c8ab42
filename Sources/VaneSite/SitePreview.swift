import Foundation
import VaneContent
import VaneDiagnostics
import VaneHistory

/// A site held in memory, for the preview of `vane serve`: a page is rendered from the
/// same site model a build renders from when it is first asked for, then kept. An edit is
/// shown without fingerprinting or writing the rest of the site. The files a build copies
/// (the theme's assets, the files of `Content/`) are served as they are now; feeds, search
/// shards and the JSON of `api/` come from the output folder, which follows in the
/// background.
public final class SitePreview: Sendable {
    private let model: SiteModel
    private let theme: Theme
    /// Every page but the entries' (found from the knowledge base, see `spec`) and the
    /// "what changed" ones, which `changes` lists once asked for: a load need not wait for
    /// the one list that reads every status change.
    private let listed: [String: PageSpec]
    private let changes = Locked<[String: PageSpec]?>(nil)
    /// The most "what changed" pages an earlier preview of this session was known to have,
    /// and that preview itself until it has counted them (listing them takes a while at
    /// 50,000 events: a load does not wait for it).
    private let earlier: Locked<(count: Int, pending: SitePreview?)>
    /// `entities/<former id>.html` → the entity it points to now.
    private let redirects: [String: (former: String, entity: Entry)]
    /// A file of `Content/` copied into the site, by its path there → its path under the root.
    private let assets: [String: String]
    /// Pages of earlier previews of this session that the site no longer has.
    private let gone: Set<String>
    private let rendered = Locked<[String: Data]>([:])
    /// The names the theme's templates used that no view model has, said once each, and
    /// whether a page was rendered since they were last looked at (most requests render none).
    private let toldUnknown = Locked<(told: Set<String>, rendered: Bool)>(([], false))
    /// The load this preview shows (`LoadResult.generation`).
    private let generation: UInt64
    /// Template → the names the last build's pages found with this theme: a name the pages
    /// rendered so far miss may be another page's (`current.changes` was said, 400 times).
    private let earlierFound: [String: Set<String>]

    public init(
        _ result: LoadResult, theme: Theme, asOf: FuzzyDate, blocks: [String: [LiveBlockResult]] = [:], history: RecordedHistory? = nil,
        after previous: SitePreview? = nil, today: FuzzyDate? = nil, earlierFound: [String: Set<String>] = [:]
    ) {
        self.earlierFound = earlierFound
        // A load that linked again only entries that are not entities, since the load the
        // last preview shows, updates that preview's model: the rest of the graph is as it was.
        var updated: SiteModel?
        if let relink = result.relinked, let previous, relink.from == previous.generation, previous.model.board.asOf == asOf,
            result.knowledgeBase.later.isEmpty, previous.model.kb.later.isEmpty
        {
            updated = SiteModel(result.knowledgeBase, theme: theme, blocks: blocks, history: history, updating: previous.model, relink: relink)
        }
        var made = updated ?? SiteModel(result.knowledgeBase, theme: theme, asOf: asOf, blocks: blocks, history: history)
        made.today = today
        model = made
        generation = result.generation
        self.theme = theme
        listed = Dictionary(model.pages(changes: false, entries: false).map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        // Not one a build refuses, under a folder named as a page (`index.html/a.txt`).
        assets = Dictionary(
            result.assetFiles.filter { [listed, model] file in
                let path = file.contentRelativePath
                return !path.indices.contains { i in
                    guard path[i] == "/" else { return false }
                    let page = String(path[..<i])
                    return listed[page] != nil || Self.entryPage(page, in: model.kb) != nil
                }
            }.map { ($0.contentRelativePath, $0.path) }, uniquingKeysWith: { a, _ in a })
        // An update changed no entity (their former ids stay), and no entry's page but those
        // of the entries it names.
        var earlier = previous.map { $0.gone.union($0.listed.keys) } ?? []
        if let previous, updated != nil, let ids = result.relinked?.ids {
            redirects = previous.redirects
            for id in ids { if let kind = previous.model.kb.kind(of: id) { earlier.insert(SiteModel.url(kind: kind, id: id)) } }
        } else {
            redirects = Self.redirects(model.kb)
            for entry in previous?.model.kb.entries ?? [] { earlier.insert(SiteModel.url(of: entry)) }
        }
        // A file of `Content/` copied earlier and removed since is gone too, before the
        // output follows (the output's copy was served until the background build); not
        // where the site writes a file of its own (`robots.txt` was 404 for good).
        if let previous {
            earlier.formUnion(previous.assets.keys.filter { [assets, theme] in assets[$0] == nil && !Self.isOwn($0, theme: theme) })
        }
        gone = earlier.filter { [listed, redirects, assets, model] path in
            listed[path] == nil && Self.entryPage(path, in: model.kb) == nil && redirects[path] == nil && assets[path] == nil
        }
        self.earlier = Locked((0, previous))
    }

    /// Whether the site writes a file of its own at `path` besides its pages (a theme asset,
    /// a feed, `robots.txt`), or may (told by the name: the output, which the build in the
    /// background keeps, has the file either way).
    private static func isOwn(_ path: String, theme: Theme) -> Bool {
        path.hasPrefix("assets/") && theme.assets[String(path.dropFirst("assets/".count))] != nil || SiteExtras.mayBeAt(path)
    }

    /// The preview of a load whose entries differ from `previous`'s only in their bodies
    /// (see `KnowledgeBase.replacingBody`): the site model is kept, its pages rendered again.
    public init(
        _ result: LoadResult, replacingBodiesOf previous: SitePreview, blocks: [String: [LiveBlockResult]] = [:],
        history: RecordedHistory? = nil
    ) {
        model = previous.model.replacingBodies(result.knowledgeBase, blocks: blocks, history: history)
        generation = result.generation
        theme = previous.theme
        earlierFound = previous.earlierFound
        listed = previous.listed
        earlier = Locked(previous.earlier.value)
        redirects = previous.redirects
        assets = previous.assets
        gone = previous.gone
        // Bodies are on no "what changed" page.
        let listed = previous.changes.value
        changes.withLock { $0 = listed }
    }

    /// The site's `base_url` (empty when it has none): the 404 page links through it.
    public var baseURL: String { model.kb.config.baseURL }

    /// The path of every page, as a build names its file.
    public var paths: [String] { (Array(listed.keys) + model.kb.entries.map(SiteModel.url(of:)) + changePages().keys).sorted() }

    /// The page at `path`, but for the "what changed" ones.
    private func spec(_ path: String) -> PageSpec? { listed[path] ?? Self.entryPage(path, in: model.kb) }

    /// The page of an entry of `kb` at `path` (`events/x.html`), if there is one.
    private static func entryPage(_ path: String, in kb: KnowledgeBase) -> PageSpec? {
        guard path.hasSuffix(".html"), let slash = path.firstIndex(of: "/") else { return nil }
        let id = String(path[path.index(after: slash)..<path.index(path.endIndex, offsetBy: -".html".count)])
        guard let kind = kb.kind(of: id), path[..<slash] == kind.folder else { return nil }
        return PageSpec(path: path, template: kind.rawValue, content: .entry(id))
    }

    /// The "what changed" pages by path, listed on first use.
    private func changePages() -> [String: PageSpec] {
        if let listed = changes.value { return listed }
        let listed = Dictionary(model.changePageSpecs().map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        changes.withLock { $0 = listed }
        return listed
    }

    /// Lists the "what changed" pages ahead of the first request for one, and counts the
    /// earlier previews' (on another thread, once the load is served).
    public func listChanges() {
        _ = changePages()
        _ = earlierChanges()
    }

    /// The most "what changed" pages an earlier preview had (see `earlier`).
    private func earlierChanges() -> Int {
        let (count, pending) = earlier.value
        guard let pending else { return count }
        let counted = max(count, pending.earlierChanges(), pending.changePages().count)
        earlier.withLock { $0 = (counted, nil) }
        return counted
    }

    /// The bytes a build writes for the page at `path` (`events/x.html`, or the page at an
    /// entity's former id); nil for what is not a page.
    /// The names a template used that no view model had, found by the pages rendered so
    /// far and not returned before: the warnings a build gives, as the preview renders.
    public func newThemeWarnings() -> [Diagnostic] {
        guard
            toldUnknown.withLock({ state in
                defer { state.rendered = false }
                return state.rendered
            })
        else { return [] }
        let found = theme.unknownNames(earlier: earlierFound) + theme.endlessNesting()
        return toldUnknown.withLock { state in
            let new = found.filter { !state.told.contains($0.description) }
            state.told.formUnion(new.map(\.description))
            return new
        }
    }

    public func page(_ path: String) -> Data? {
        if let hit = rendered.withLock({ $0[path] }) { return hit }
        let data: Data
        if let spec = spec(path) ?? (path.hasPrefix("changes") ? changePages()[path] : nil) {
            data = Data(theme.render(model.view(for: spec), template: spec.template).utf8)
            toldUnknown.withLock { $0.rendered = true }
        } else if let moved = redirects[path] {
            data = Data(SiteExtras.moved(from: moved.former, to: moved.entity, baseURL: model.kb.config.baseURL).utf8)
        } else if let moved = movedBoard(path) {
            data = Data(SiteExtras.moved(from: moved.former, to: moved.entity, baseURL: model.kb.config.baseURL, folder: "status").utf8)
        } else {
            return nil
        }
        rendered.withLock { $0[path] = data }
        return data
    }

    /// A file a build copies into the site at `path`, as it is now: from `Content/` (read
    /// under `root`), else one of the theme's assets. Nil for anything else.
    /// The site's own file wins over one of `Content/` at its path (a build refuses that
    /// file): the theme's asset here, a feed or `robots.txt` from the output (nil), which
    /// holds the copy where the site has no such file after all.
    public func copiedFile(_ path: String, root: URL) -> Data? {
        if let source = assets[path], !Self.isOwn(path, theme: theme) {
            return Self.readInside(root.appendingPathComponent(source).path, folder: root.appendingPathComponent("Content").path)
        }
        return themeAsset(path)
    }

    /// The file at `path` when it is, links followed, inside `folder`; else nil (the output's
    /// copy, the last good site's, is served). A file of `Content/` replaced by a link to
    /// `/etc/passwd` (a contributor's branch checked out) was served while the build refused it.
    public static func readInside(_ path: String, folder: String) -> Data? {
        guard let real = realpath(path, nil), let base = realpath(folder, nil) else { return nil }
        defer {
            free(real)
            free(base)
        }
        let (file, inside) = (String(cString: real), String(cString: base) + "/")
        // Nor what a build never reads (a link to `.env` or an editor's `x.md~`, which the
        // build refuses, was served).
        guard file.hasPrefix(inside), !file.dropFirst(inside.count).split(separator: "/").contains(where: DirectoryWalker.isIgnored) else {
            return nil
        }
        return FileManager.default.contents(atPath: file)
    }

    /// The theme's asset at `path` (`assets/style.css`), if it has one.
    private func themeAsset(_ path: String) -> Data? {
        path.hasPrefix("assets/") ? theme.assets[String(path.dropFirst("assets/".count))] : nil
    }

    /// Whether `path` was a page of this session that the site no longer has (an entry
    /// removed): not found, even while the output folder still holds its old file.
    public func isGone(_ path: String) -> Bool {
        if gone.contains(path) { return true }
        // A theme asset or an entity's page (a former id's too) the site has no more is gone
        // now, not when the output follows (a deleted asset was served a second longer).
        if path.hasPrefix("assets/") { return assets[path] == nil && themeAsset(path) == nil }
        if path.hasPrefix("entities/"), path.hasSuffix(".html"), !path.dropFirst("entities/".count).contains("/") { return page(path) == nil }
        // `changes.html` is page 1, `changes-2.html` page 2.
        guard path.hasPrefix("changes"), path.hasSuffix(".html"), changePages()[path] == nil else { return false }
        let number = path == "changes.html" ? 1 : Int(path.dropFirst("changes-".count).dropLast(".html".count)).flatMap { $0 > 1 ? $0 : nil }
        return number.map { $0 <= earlierChanges() } ?? false
    }

    /// A vendor's board at a former id of the vendor (`status/OLD.html`), as a build writes
    /// it: found as it is asked for, since whether the entity has a board moves with events.
    private func movedBoard(_ path: String) -> (former: String, entity: Entry)? {
        guard path.hasPrefix("status/"), path.hasSuffix(".html") else { return nil }
        let former = String(path.dropFirst("status/".count).dropLast(".html".count))
        guard !former.contains("/"),
            let entity = model.kb.entries(of: .entity).first(where: { $0.formerIDs.contains { $0.text == former } }),
            model.vendors.contains(entity.id)
        else { return nil }
        return (former, entity)
    }

    private static func redirects(_ kb: KnowledgeBase) -> [String: (former: String, entity: Entry)] {
        var pages: [String: (former: String, entity: Entry)] = [:]
        for entity in kb.entries(of: .entity) {
            for former in entity.formerIDs.map(\.text) { pages["entities/\(former).html"] = (former, entity) }
        }
        return pages
    }
}
