import Foundation
import VaneContent
import VaneDiagnostics
import VaneTestSupport

/// Loads the sample knowledge base with `changes` applied (nil removes a file).
func load(_ changes: [String: String?] = [:]) throws -> LoadResult {
    var files = SampleKnowledgeBase.files
    for (path, text) in changes { files[path] = text }
    let kb = try TemporaryKnowledgeBase(files)
    return ContentLoader.load(root: kb.root)
}

/// The diagnostics `vane check` would print for the sample knowledge base with `changes` applied.
func diagnostics(_ changes: [String: String?]) throws -> [String] {
    try load(changes).diagnostics.map(\.description)
}
