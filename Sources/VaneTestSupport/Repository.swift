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

    /// The `vane` executable of the current build (`swift build` runs before `swift test`).
    public static var vane: URL {
        let candidates = [".build/debug/vane", ".build/release/vane"].map { root.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }
}
