import Foundation
import GRDB
import Testing
import VaneContent

@testable import VaneGraph

/// The records that encode by hand under their coding keys write every column, each
/// with its own field: read back through `Decodable`, each is the record written.
struct RecordsTests {
    @Test func eachRecordReadsBackAsWritten() throws {
        var config = Configuration()
        config.foreignKeysEnabled = false
        let queue = try DatabaseQueue(configuration: config)
        try Schema.migrator.migrate(queue)
        // Every field a value of its own, so that two columns swapped read back otherwise.
        try roundTrip(FileRecord(path: "p", hash: "h", kind: "event", entryID: "e", parsed: Data([1, 2]), size: 3, modified: 4), in: queue)
        try roundTrip(
            EntityRecord(
                id: "i", name: "n", type: "t", parentID: "pa", homepage: "ho", path: "p", body: "b", extra: "{\"x\":1}", channels: "[\"c\"]",
                channelTiers: "{\"c\":\"ga\"}", renames: "[1]"), in: queue)
        try roundTrip(
            EventRecord(
                id: "i", title: "t", type: "ty", date: "2026", datePrecision: "year", dateStart: "2026-01-01", dateEnd: "2026-12-31",
                approximate: true, spanEnd: "2027", path: "p", body: "b", extra: "{}"), in: queue)
        try roundTrip(
            ClaimRecord(
                id: "i", title: "t", type: "ty", verdict: .refuted, verdictDate: "2026-02", claimantID: "c", date: "2026",
                datePrecision: "year", dateStart: "2026-01-01", dateEnd: "2026-12-31", approximate: true, path: "p", body: "b", extra: "{}"),
            in: queue)
        try roundTrip(
            SourceRecord(
                id: "i", title: "t", publisher: "pu", publisherID: "pi", url: "u", type: "ty", archive: "a", published: "2026",
                publishedPrecision: "year", publishedStart: "2026-01-01", accessed: "2026-03", path: "p", body: "b", extra: "{}"), in: queue)
        try roundTrip(
            ReportRecord(
                id: "i", title: "t", summary: "s", date: "2026", datePrecision: "year", dateStart: "2026-01-01", dateEnd: "2026-12-31",
                approximate: true, path: "p", body: "b", extra: "{}"), in: queue)
        try roundTrip(
            UseRecord(
                id: "i", title: "t", productID: "pr", team: "te", criticality: "high", version: "v", since: "2025", sinceStart: "2025-01-01",
                plan: "pl", planDate: "2027", planDateEnd: "2027-12-31", generated: "g", path: "p", body: "b", extra: "{}", namedAfterProduct: true),
            in: queue)
        try roundTrip(AliasRecord(alias: "A", aliasKey: "a", entityID: "e"), in: queue)
        try roundTrip(TagRecord(entryID: "e", tag: "t"), in: queue)
    }

    private func roundTrip<R: Codable & FetchableRecord & PersistableRecord>(_ record: R, in queue: DatabaseQueue) throws {
        let read = try queue.write { db in
            try record.insert(db)
            return try R.fetchAll(db)
        }
        let json = JSONEncoder()
        json.outputFormatting = .sortedKeys
        #expect(read.count == 1)
        #expect(try read.map { try json.encode($0) } == [try json.encode(record)], "\(R.self)")
    }
}
