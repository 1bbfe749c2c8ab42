import Foundation
import VaneContent
import VaneDiagnostics

/// Renders a loaded knowledge base into a static site: every page in parallel into a
/// staging folder, then swapped in whole.
public enum SiteBuilder {
    public struct Report: Sendable {
        public var pagesRendered: Int
        public var filesCopied: Int
    }

    public enum BuildError: Error, CustomStringConvertible {
        case write(String, String)
        public var description: String {
            switch self {
            case .write(let path, let why): "cannot write '\(path)': \(why)"
            }
        }
    }

    /// Renders into a staging folder and returns it, not yet committed.
    public static func render(_ result: LoadResult, theme: Theme, asOf: FuzzyDate, to output: URL) throws -> (OutputDirectory, Report) {
        let model = SiteModel(result.knowledgeBase, asOf: asOf)
        let pages = model.pages()
        let out = try OutputDirectory(target: output)
        do {
            let failures = ResultList<String>()
            DispatchQueue.concurrentPerform(iterations: pages.count) { i in
                let page = pages[i]
                let html = theme.render(model.context(for: page), template: page.template)
                do {
                    try out.write(Data(html.utf8), to: page.path)
                } catch {
                    failures.append("\(page.path): \(error.localizedDescription)")
                }
            }
            if let first = failures.values.first { throw BuildError.write(output.path, first) }
            for (name, data) in theme.assets { try out.write(data, to: "assets/" + name) }
            let generated = Set(pages.map(\.path))
            var copied = 0
            for asset in result.assetFiles where !generated.contains(asset.contentRelativePath) {
                try out.write(try Data(contentsOf: asset.url), to: asset.contentRelativePath)
                copied += 1
            }
            return (out, Report(pagesRendered: pages.count, filesCopied: copied))
        } catch {
            out.discard()
            throw error
        }
    }
}

/// An append-only list filled from concurrent workers.
final class ResultList<T>: @unchecked Sendable {
    private var items: [T] = []
    private let lock = NSLock()
    func append(_ item: T) { lock.withLock { items.append(item) } }
    var values: [T] { lock.withLock { items } }
}
