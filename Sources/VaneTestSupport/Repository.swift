import Foundation

/// Paths inside this repository, found from this source file's location.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled knowledge base's `Content/`.
    public static var content: URL { root.appendingPathComponent("Content") }
    public static var site: URL { root.appendingPathComponent("Site") }

    /// A fixture under `Tests/Fixtures/`.
    public static func fixture(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }

    /// The founding story as first bundled (Meta, Llama, Muse Spark), frozen: golden files
    /// of the founding story are recorded on it, so the bundled knowledge base may grow.
    public static var founding: [URL] { [fixture("founding/Content"), fixture("founding/Site")] }

    /// The `vane` executable built with the running tests: the test target depends on it, so
    /// `swift test` rebuilds it from this checkout and puts it beside the test bundle. Never
    /// a binary found elsewhere, which could be stale or another checkout's.
    public static let vane: URL = {
        let bundle = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0]).resolvingSymlinksInPath()
        return bundle.deletingLastPathComponent().appendingPathComponent("vane")
    }()
}

/// What the bundled knowledge base holds, counted from its files, so a test of it keeps
/// passing when an entry is added.
public enum BundledContent {
    /// Markdown files under `Content/`, per kind folder (`events`, …) and in all (`""`).
    public static func count(_ kind: String = "") -> Int {
        snapshot(of: Repository.content).keys.filter { $0.hasSuffix(".md") && (kind.isEmpty || $0.hasPrefix(kind + "/")) }.count
    }
}

/// Every table a build writes, for tests that reach into all of them.
public let graphTables = [
    "files", "build_state", "entities", "events", "claims", "sources", "reports", "aliases", "tags", "edges", "status_changes", "pages", "scales",
]
