import Foundation
import VaneContent
import VaneDiagnostics

/// Renders a loaded knowledge base into a static site: every page in parallel into a
/// staging folder, then swapped in whole.
public enum SiteBuilder {
    public struct Report: Sendable {
        /// Pages in the site.
        public var pages: Int
        /// Pages rendered in this build; the others were unchanged and kept as they were.
        public var pagesRendered: Int
        /// Page path → fingerprint, stored for the next build.
        public var fingerprints: [String: UInt64]
    }

    public enum BuildError: Error, CustomStringConvertible {
        case write(String, String)
        public var description: String {
            switch self {
            case .write(let path, let why): "cannot write '\(path)': \(why)"
            }
        }
    }

    /// Bump when rendering changes in a way fingerprints cannot see.
    static let rendererVersion = "1"

    /// Renders into a staging folder and returns it, not yet committed. A page whose
    /// fingerprint matches `previous` and whose file exists in the current output is
    /// hard-linked instead of rendered, so its bytes and modification time stay.
    public static func render(
        _ result: LoadResult, theme: Theme, asOf: FuzzyDate, to output: URL, previous: [String: UInt64] = [:]
    ) throws -> (OutputDirectory, Report) {
        let model = SiteModel(result.knowledgeBase, asOf: asOf)
        let pages = model.pages()
        let global = StableHash.of(rendererVersion, String(theme.fingerprint), configText(model.kb.config))
        var fileHashes: [String: String] = [:]
        for file in result.files { if let id = file.entry?.id { fileHashes[id] = file.hash } }
        let fingerprints = PageFingerprints(model: model, fileHashes: fileHashes, global: global)
        let out = try OutputDirectory(target: output)
        do {
            let failures = ResultList<String>()
            let computed = ResultSlots<UInt64>(count: pages.count)
            let rendered = ResultList<String>()
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                let page = pages[i]
                let fingerprint = fingerprints.fingerprint(of: page)
                computed[i] = fingerprint
                if previous[page.path] == fingerprint, out.keep(page.path) { return }
                let html = Data(theme.render(model.context(for: page), template: page.template).utf8)
                rendered.append(page.path)
                do {
                    try out.write(html, to: page.path, keepingIfSame: true)
                } catch {
                    failures.append("\(page.path): \(error.localizedDescription)")
                }
            }
            if let first = failures.values.first { throw BuildError.write(output.path, first) }
            for (name, data) in theme.assets { try out.write(data, to: "assets/" + name, keepingIfSame: true) }
            var stored = Dictionary(uniqueKeysWithValues: zip(pages.map(\.path), computed.values))
            let eventPages = stored.filter { $0.key.hasPrefix("events/") }
            let extras = SiteExtras(model: model, fingerprints: fingerprints, eventPages: eventPages).files(pages: pages.map(\.path))
            DispatchQueue.concurrentPerform(iterations: extras.count) { i in
                let file = extras[i]
                if previous[file.path] == file.fingerprint, out.keep(file.path) { return }
                do {
                    try out.write(file.make(), to: file.path, keepingIfSame: true)
                } catch {
                    failures.append("\(file.path): \(error.localizedDescription)")
                }
            }
            if let first = failures.values.first { throw BuildError.write(output.path, first) }
            for file in extras { stored[file.path] = file.fingerprint }
            let generated = Set(pages.map(\.path))
            for asset in result.assetFiles where !generated.contains(asset.contentRelativePath) {
                try out.write(try Data(contentsOf: asset.url), to: asset.contentRelativePath, keepingIfSame: true)
            }
            return (out, Report(pages: pages.count, pagesRendered: rendered.values.count, fingerprints: stored))
        } catch {
            out.discard()
            throw error
        }
    }

    private static func configText(_ config: SiteConfig) -> String {
        "\(config)"
    }
}

/// An append-only list filled from concurrent workers.
final class ResultList<T>: @unchecked Sendable {
    private var items: [T] = []
    private let lock = NSLock()
    func append(_ item: T) { lock.withLock { items.append(item) } }
    var values: [T] { lock.withLock { items } }
}
