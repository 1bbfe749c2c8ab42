import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneGraph
import VaneTestSupport

/// The stored parses a build reads back: decoded as they are read when this build's parser
/// settings are those they were made with, else kept as stored and decoded when asked for;
/// either way each lookup gives the parse the file had.
struct StoredParsesTests {
    @Test(arguments: ["aws", "lifecycle", "founding"])
    func aParseDecodedAsReadIsTheOneDecodedWhenAsked(fixture: String) throws {
        let folders = ["Content", "Site"].map { Repository.fixture("\(fixture)/\($0)") }
        let kb = try TemporaryKnowledgeBase(copying: folders.filter { FileManager.default.fileExists(atPath: $0.path) })
        let built = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(built.succeeded, "\(built.failure.map { "\($0)" } ?? "")")
        let database = kb.url("vane.sqlite")
        let settings = ContentLoader.settingsDigest(SiteConfigLoader.load(root: kb.root).0)
        let asRead = DatabaseParseCache(url: database, settings: settings)
        let asAsked = DatabaseParseCache(url: database)
        let stale = DatabaseParseCache(url: database, settings: "other settings")
        let files = ContentLoader.load(root: kb.root).files
        #expect(files.count > 20)
        #expect(asRead.decodedAsRead == files.count)
        #expect(asAsked.decodedAsRead == 0 && stale.decodedAsRead == 0)
        for file in files {
            let fresh = try PackedCoding.encode(file)
            let found = try [asRead, asAsked, stale].map { cache in try cache.parsedFile(path: file.path, hash: file.hash).map(PackedCoding.encode) }
            #expect(found == [fresh, fresh, fresh], "\(file.path)")
            // A parse decoded as read is encoded again for a new database; one kept as stored is reused.
            #expect(asRead.storedParse(path: file.path, hash: file.hash) == nil)
            #expect(asAsked.storedParse(path: file.path, hash: file.hash) == (try PackedCoding.encode(file)))
            #expect(asRead.parsedFile(path: file.path, hash: file.hash + "x") == nil)
        }
        #expect(asRead.skipped.all.isEmpty)
        #expect(asRead.manifest.count == asAsked.manifest.count)
        #expect(asRead.manifest.allSatisfy { path, file in asAsked.manifest[path].map { $0 == file } ?? false })
    }
}
