import Foundation
import VaneContent
import VaneDiagnostics
import VaneHistory

/// A site held in memory, for the preview of `vane serve`: a page is rendered from the
/// same site model a build renders from when it is first asked for, then kept. An edit is
/// shown without fingerprinting or writing the rest of the site.
public final class SitePreview: Sendable {
    private let model: SiteModel
    private let theme: Theme
    private let pages: [String: PageSpec]
    private let assets: Set<String>
    private let rendered = Locked<[String: Data]>([:])

    public init(
        _ result: LoadResult, theme: Theme, asOf: FuzzyDate, blocks: [String: [LiveBlockResult]] = [:], history: RecordedHistory? = nil
    ) {
        model = SiteModel(result.knowledgeBase, theme: theme, asOf: asOf, blocks: blocks, history: history)
        self.theme = theme
        pages = Dictionary(model.pages().map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        assets = Set(result.assetFiles.map(\.contentRelativePath))
    }

    /// The preview of a load whose entries differ from `previous`'s only in their bodies
    /// (see `KnowledgeBase.replacingBody`): the site model is kept, its pages rendered again.
    public init(
        _ result: LoadResult, replacingBodiesOf previous: SitePreview, blocks: [String: [LiveBlockResult]] = [:],
        history: RecordedHistory? = nil
    ) {
        model = previous.model.replacingBodies(result.knowledgeBase, blocks: blocks, history: history)
        theme = previous.theme
        pages = previous.pages
        assets = previous.assets
    }

    /// The path of every page, as a build names its file.
    public var paths: [String] { pages.keys.sorted() }

    /// The bytes a build writes for the page at `path` (`events/x.html`); nil for what
    /// is not a page (a theme asset, a feed, a file of `Content/`).
    public func page(_ path: String) -> Data? {
        if let hit = rendered.withLock({ $0[path] }) { return hit }
        guard let spec = pages[path] else { return nil }
        let data = Data(theme.render(model.view(for: spec), template: spec.template).utf8)
        rendered.withLock { $0[path] = data }
        return data
    }

    /// Whether `path` is a file copied from `Content/` (which may be a page of its own).
    public func isAsset(_ path: String) -> Bool { assets.contains(path) }
}
