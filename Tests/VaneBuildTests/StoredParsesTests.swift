import Foundation
import Testing
import VaneBuild
import VaneContent
import VaneGraph
import VaneTestSupport

/// The stored parses a build reads back: decoded as they are read when this build's parser
/// settings are those they were made with, not read at all under other settings (none can
/// match), kept as stored and decoded when asked for without settings; a lookup gives the
/// parse the file had.
struct StoredParsesTests {
    private func built(_ fixture: String) throws -> TemporaryKnowledgeBase {
        let folders = ["Content", "Site"].map { Repository.fixture("\(fixture)/\($0)") }
        let kb = try TemporaryKnowledgeBase(copying: folders.filter { FileManager.default.fileExists(atPath: $0.path) })
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded, "\(outcome.failure.map { "\($0)" } ?? "")")
        return kb
    }

    @Test(arguments: ["aws", "lifecycle", "founding"])
    func aParseDecodedAsReadIsTheOneDecodedWhenAsked(fixture: String) throws {
        let kb = try built(fixture)
        let database = kb.url("vane.sqlite")
        let settings = ContentLoader.settingsDigest(SiteConfigLoader.load(root: kb.root).0)
        let asRead = DatabaseParseCache(url: database, settings: settings)
        let asAsked = DatabaseParseCache(url: database)
        let files = ContentLoader.load(root: kb.root).files
        #expect(files.count > 20)
        #expect(asRead.decodedAsRead == files.count && asAsked.decodedAsRead == 0)
        for file in files {
            let fresh = try PackedCoding.encode(file)
            let found = try [asRead, asAsked].map { cache in try cache.parsedFile(path: file.path, hash: file.hash).map(PackedCoding.encode) }
            #expect(found == [fresh, fresh], "\(file.path)")
            // A parse decoded as read is encoded again for a new database; one kept as stored is reused.
            #expect(asRead.storedParse(path: file.path, hash: file.hash) == nil)
            #expect(asAsked.storedParse(path: file.path, hash: file.hash) == fresh)
            #expect(asRead.parsedFile(path: file.path, hash: file.hash + "x") == nil)
        }
        #expect(asRead.skipped.all.isEmpty)
        #expect(Set(asRead.manifest.paths) == Set(asAsked.manifest.paths))
        #expect(asRead.manifest.paths.allSatisfy { path in asRead.manifest[path]! == asAsked.manifest[path]! })
    }

    /// Under other settings every file is parsed again, so no stored parse is read; the
    /// manifest (what the last build had, for the delta) is read whole.
    @Test func otherSettingsReadNoParse() throws {
        let kb = try built("aws")
        let database = kb.url("vane.sqlite")
        let other = DatabaseParseCache(url: database, settings: "settings of another config")
        let asAsked = DatabaseParseCache(url: database)
        let files = ContentLoader.load(root: kb.root).files
        #expect(other.decodedAsRead == 0)
        for file in files {
            #expect(other.parsedFile(path: file.path, hash: file.hash) == nil, "\(file.path)")
            #expect(other.storedParse(path: file.path, hash: file.hash) == nil)
            #expect(!other.isStoredExactly(file))
        }
        #expect(Set(other.manifest.paths) == Set(asAsked.manifest.paths) && Set(other.manifest.paths).count >= files.count)
    }

    /// A build decodes the stored parses as it reads them: the one whose file changed too,
    /// which a build decoding them when asked leaves alone.
    @Test func aBuildDecodesTheStoredParsesAsItReadsThem() throws {
        let kb = try built("aws")
        let stored = ContentLoader.load(root: kb.root).files.count
        let path = "Content/entities/aws.md"
        try kb.write(try kb.read(path).replacingOccurrences(of: "name: ", with: "name: The "), to: path)
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: fixedDay))
        #expect(outcome.succeeded)
        #expect(outcome.work.parsed == 1)
        #expect(outcome.work.parsesDecoded == stored, "\(outcome.work.summary)")
    }
}
