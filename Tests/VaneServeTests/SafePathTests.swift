import Foundation
import Testing
import VaneTestSupport

@testable import VaneServe

/// The preview server's paths, in process: nothing outside the output folder is served,
/// however the path is written.
struct SafePathTests {
    @Test func pathsInsideTheOutputResolveAndEverythingElseIsRefused() throws {
        let kb = try TemporaryKnowledgeBase([
            "public/index.html": "<p>home</p>", "public/entities/llama.html": "<p>llama</p>", "secret.txt": "outside",
        ])
        let root = kb.url("public")
        #expect(SafePath.resolve("/", in: root)?.lastPathComponent == "index.html")
        #expect(SafePath.resolve("/entities/llama.html?q=1", in: root)?.path == kb.url("public/entities/llama.html").path)
        #expect(SafePath.resolve("/entities/", in: root)?.lastPathComponent == "index.html")
        for hostile in ["/../secret.txt", "/%2e%2e/secret.txt", "/entities/../../secret.txt", "/a\\b", "/x%00.html", "/./index.html"] {
            #expect(SafePath.resolve(hostile, in: root) == nil, "\(hostile)")
        }
        try FileManager.default.createSymbolicLink(at: kb.url("public/link.txt"), withDestinationURL: kb.url("secret.txt"))
        #expect(SafePath.resolve("/link.txt", in: root) == nil)
        #expect(SafePath.contentType(of: "HTML") == "text/html; charset=utf-8" && SafePath.contentType(of: "bin") == "application/octet-stream")
    }
}
