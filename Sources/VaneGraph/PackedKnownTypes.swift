import Foundation
import VaneContent
import VaneDiagnostics

/// The small types a stored parse holds by the thousand (a location for every link and
/// reference, a date for every entry), read without `Codable`. Through `Codable` each is a keyed container whose
/// generic types the runtime looks up at every value: at 10,000 events those lookups were
/// half the time of decoding the stored parses. Each reads the keys its synthesized
/// `Encodable` conformance writes (`PackedCodingTests` compares the two ways). Which types
/// are read here is decided in `PackedReader.decode(_:)`, by comparing metatypes.
extension PackedReader {
    func decodeLocation() throws -> SourceLocation {
        var (path, line, column): (String?, Int?, Int?)
        try forEachField { name, value in
            if name.is("path") {
                path = try value.decodeString()
            } else if name.is("line") {
                line = Int(try value.decodeInt64())
            } else if name.is("column") {
                column = Int(try value.decodeInt64())
            }
        }
        guard let path, let line, let column else { throw Self.corrupt("a location without its path, line or column") }
        return SourceLocation(path: path, line: line, column: column)
    }

    func decodeBodyLink() throws -> BodyLink {
        var (style, target, label, labelHTML, location): (BodyLink.Style?, String?, String?, String?, SourceLocation?)
        try forEachField { name, value in
            if name.is("style") {
                style = BodyLink.Style(rawValue: try value.decodeString())
            } else if name.is("target") {
                target = try value.decodeString()
            } else if name.is("label") {
                label = try value.optional { try $0.decodeString() }
            } else if name.is("labelHTML") {
                labelHTML = try value.optional { try $0.decodeString() }
            } else if name.is("location") {
                location = try value.decodeLocation()
            }
        }
        guard let style, let target, let location else { throw Self.corrupt("a body link without its style, target or location") }
        return BodyLink(style: style, target: target, label: label, labelHTML: labelHTML, location: location)
    }

    func decodeReference() throws -> Reference {
        var (relation, target, location): (Relation?, String?, SourceLocation?)
        try forEachField { name, value in
            if name.is("relation") {
                relation = Relation(rawValue: try value.decodeString())
            } else if name.is("target") {
                target = try value.decodeString()
            } else if name.is("location") {
                location = try value.decodeLocation()
            }
        }
        guard let relation, let target, let location else { throw Self.corrupt("a reference without its relation, target or location") }
        return Reference(relation, target, at: location)
    }

    func decodeLocatedText() throws -> LocatedText {
        var (text, location): (String?, SourceLocation?)
        try forEachField { name, value in
            if name.is("text") {
                text = try value.decodeString()
            } else if name.is("location") {
                location = try value.decodeLocation()
            }
        }
        guard let text, let location else { throw Self.corrupt("a located text without its text or location") }
        return LocatedText(text, at: location)
    }

    func decodeFuzzyDate() throws -> FuzzyDate {
        var (text, precision, approximate): (String?, FuzzyDate.Precision?, Bool?)
        var (year, month, day): (Int?, Int?, Int?)
        try forEachField { name, value in
            if name.is("text") {
                text = try value.decodeString()
            } else if name.is("precision") {
                precision = FuzzyDate.Precision(rawValue: try value.decodeString())
            } else if name.is("approximate") {
                approximate = try value.decodeBool()
            } else if name.is("year") {
                year = Int(try value.decodeInt64())
            } else if name.is("month") {
                month = Int(try value.decodeInt64())
            } else if name.is("day") {
                day = Int(try value.decodeInt64())
            }
        }
        guard let text, let precision, let approximate, let year, let month, let day else {
            throw Self.corrupt("a date without its text, precision, approximation, year, month or day")
        }
        return FuzzyDate(stored: text, precision: precision, approximate: approximate, year: year, month: month, day: day)
    }

    /// A stored parse: its entry read field by field below, its diagnostics (most parses
    /// have none) through `Codable`.
    func decodeParsedFile() throws -> ParsedFile {
        var (path, hash, entry, diagnostics): (String?, String?, Entry?, [Diagnostic]?)
        var (size, modified): (Int?, Int64?)
        try forEachField { name, value in
            if name.is("path") {
                path = try value.decodeString()
            } else if name.is("hash") {
                hash = try value.decodeString()
            } else if name.is("entry") {
                entry = try value.optional { try $0.decodeEntry() }
            } else if name.is("diagnostics") {
                diagnostics = try value.decodeList { try Diagnostic(from: $0) }
            } else if name.is("size") {
                size = Int(try value.decodeInt64())
            } else if name.is("modified") {
                modified = try value.decodeInt64()
            }
        }
        guard let path, let hash, let diagnostics, let size, let modified else {
            throw Self.corrupt("a stored parse without its path, hash, diagnostics, size or modification time")
        }
        var file = ParsedFile(path: path, hash: hash, entry: entry, diagnostics: diagnostics)
        (file.size, file.modified) = (size, modified)
        return file
    }

    /// An entry, through its public fields: through `Codable`, its three dozen keys were a
    /// generic keyed container's, and each nested value looked its generic types up again
    /// (two thirds of decoding the stored parses at 10,000 events). The keys not optional
    /// in `Entry`'s synthesized conformance are required here too.
    func decodeEntry() throws -> Entry {
        var entry = Entry(kind: .event, id: "", path: "", title: "")
        var required: UInt32 = 0
        try forEachField { name, value in
            if let field = RequiredEntryField.named(name) {
                required |= 1 << field.rawValue
                try field.set(in: &entry, from: value)
            } else if name.is("type") {
                entry.type = try value.optional { try $0.decodeString() }
            } else if name.is("date") {
                entry.date = try value.optional { try $0.decodeFuzzyDate() }
            } else if name.is("endDate") {
                entry.endDate = try value.optional { try $0.decodeFuzzyDate() }
            } else if name.is("accessed") {
                entry.accessed = try value.optional { try $0.decodeFuzzyDate() }
            } else if name.is("verdict") {
                entry.verdict = try value.optional { try $0.decodeRaw(Verdict.self) }
            } else if name.is("verdictDate") {
                entry.verdictDate = try value.optional { try $0.decodeFuzzyDate() }
            } else if name.is("verdictDateLocation") {
                entry.verdictDateLocation = try value.optional { try $0.decodeLocation() }
            } else if name.is("url") {
                entry.url = try value.optional { try $0.decodeString() }
            } else if name.is("homepage") {
                entry.homepage = try value.optional { try $0.decodeString() }
            } else if name.is("archive") {
                entry.archive = try value.optional { try $0.decodeString() }
            } else if name.is("publisher") {
                entry.publisher = try value.optional { try $0.decodeLocatedText() }
            } else if name.is("summary") {
                entry.summary = try value.optional { try $0.decodeString() }
            } else if name.is("use") {
                entry.use = try value.optional { try UseFacts(from: $0) }
            } else if name.is("channels") {
                entry.channels = try value.optional { try $0.decodeList { try $0.decodeLocatedText() } }
            }
        }
        guard required == 1 << RequiredEntryField.allCases.count - 1 else {
            let missing = RequiredEntryField.allCases.filter { required & 1 << $0.rawValue == 0 }
            throw Self.corrupt("an entry without its \(missing.map { "\($0)" })")
        }
        return entry
    }

    /// The entry's keys that `Codable` requires: those not optional.
    /// Numbered for a mask of those read.
    private enum RequiredEntryField: Int, CaseIterable {
        case kind, id, path, title, dateLocations, aliases, tags, references, status, refusedChannels
        case channelsNotIDs, channelTiers, renames, formerIDs, extra, body, bodyHTML, bodyLinks
        case liveBlocks, localLinks

        /// Each field with its key's bytes, made once.
        private static let keys: [(field: Self, key: [UInt8])] = allCases.map { ($0, Array("\($0)".utf8)) }

        static func named(_ name: UnsafeBufferPointer<UInt8>) -> Self? {
            keys.first { $0.key.count == name.count && $0.key.elementsEqual(name) }?.field
        }

        func set(in entry: inout Entry, from value: PackedReader) throws {
            switch self {
            case .kind: entry.kind = try value.decodeRaw(Kind.self)
            case .id: entry.id = try value.decodeString()
            case .path: entry.path = try value.decodeString()
            case .title: entry.title = try value.decodeString()
            case .dateLocations: entry.dateLocations = try value.decodeDictionary { try $0.decodeLocation() }
            case .aliases: entry.aliases = try value.decodeList { try $0.decodeLocatedText() }
            case .tags: entry.tags = try value.decodeList { try $0.decodeString() }
            case .references: entry.references = try value.decodeList { try $0.decodeReference() }
            case .status: entry.status = try value.decodeList { try $0.decodeStatusSetting() }
            case .refusedChannels: entry.refusedChannels = try value.decodeList { try $0.decodeStatusSetting() }
            case .channelsNotIDs: entry.channelsNotIDs = try value.decodeList { try $0.decodeLocatedText() }
            case .channelTiers: entry.channelTiers = try value.decodeDictionary { try ChannelTier(from: $0) }
            case .renames: entry.renames = try value.decodeList { try Rename(from: $0) }
            case .formerIDs: entry.formerIDs = try value.decodeList { try $0.decodeLocatedText() }
            case .extra: entry.extra = try value.decodeDictionary { try $0.decodeFieldValue() }
            case .body: entry.body = try value.decodeString()
            case .bodyHTML: entry.bodyHTML = try value.decodeString()
            case .bodyLinks: entry.bodyLinks = try value.decodeList { try $0.decodeBodyLink() }
            case .liveBlocks: entry.liveBlocks = try value.decodeList { try LiveBlock(from: $0) }
            case .localLinks: entry.localLinks = try value.decodeList { try $0.decodeLocatedText() }
            }
        }
    }

    func decodeStatusSetting() throws -> StatusSetting {
        var (entity, axis, channel, value, location): (LocatedText?, StatusSetting.Axis?, String?, String?, SourceLocation?)
        var (channelLocation, targets, announced): (SourceLocation?, [LocatedText]?, String?)
        try forEachField { name, field in
            if name.is("entity") {
                entity = try field.decodeLocatedText()
            } else if name.is("axis") {
                axis = try field.decodeRaw(StatusSetting.Axis.self)
            } else if name.is("channel") {
                channel = try field.optional { try $0.decodeString() }
            } else if name.is("value") {
                value = try field.decodeString()
            } else if name.is("location") {
                location = try field.decodeLocation()
            } else if name.is("channelLocation") {
                channelLocation = try field.optional { try $0.decodeLocation() }
            } else if name.is("targets") {
                targets = try field.decodeList { try $0.decodeLocatedText() }
            } else if name.is("announced") {
                announced = try field.optional { try $0.decodeString() }
            }
        }
        guard let entity, let axis, let value, let location, let targets else {
            throw Self.corrupt("a status setting without its entity, axis, value, location or targets")
        }
        return StatusSetting(
            entity: entity, axis: axis, channel: channel, value: value, location: location,
            channelLocation: channelLocation, targets: targets, announced: announced)
    }

    /// A front-matter value by its tag, as `FieldValue`'s `Codable` conformance tries the
    /// types in turn: null, text, a truth value, a number, a list, a map.
    func decodeFieldValue() throws -> FieldValue {
        switch try tag(at: at) {
        case .null: return .null
        case .string: return .text(try decodeString())
        case .no, .yes: return .bool(try decodeBool())
        case .integer, .unsigned, .double: return .number(try decodeDouble())
        case .array: return .list(try decodeList { try $0.decodeFieldValue() })
        case .object: return .map(try decodeDictionary { try $0.decodeFieldValue() })
        }
    }

    /// A value of a `String`-backed enumeration.
    func decodeRaw<T: RawRepresentable>(_ type: T.Type) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try decodeString()) else { throw Self.corrupt("no \(T.self) of that name") }
        return value
    }

    /// A dictionary keyed by text, each value read by `element`.
    func decodeDictionary<Value>(_ element: (PackedReader) throws -> Value) throws -> [String: Value] {
        var dictionary: [String: Value] = [:]
        try forEachField { name, value in dictionary[String(decoding: name, as: UTF8.self)] = try element(value) }
        return dictionary
    }

    /// The value here, or nil where a null is written.
    func optional<T>(_ read: (PackedReader) throws -> T) rethrows -> T? {
        decodeNil() ? nil : try read(self)
    }

    /// Each key of the object here, with its value, in the order written.
    private func forEachField(_ field: (UnsafeBufferPointer<UInt8>, PackedReader) throws -> Void) throws {
        guard try tag(at: at) == .object else { throw Self.mismatch([String: Any].self) }
        var cursor = at + 1
        let length = try size(at: &cursor)
        let end = cursor + length
        let count = try size(at: &cursor)
        for _ in 0..<count {
            let (name, valueAt) = try text(at: cursor)
            try field(name, self.at(valueAt))
            cursor = try self.end(of: valueAt)
            guard cursor <= end else { throw Self.corrupt("a field past the end of its object") }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether these bytes are the UTF-8 of `key`.
    fileprivate func `is`(_ key: StaticString) -> Bool {
        count == key.utf8CodeUnitCount && (count == 0 || memcmp(baseAddress!, key.utf8Start, count) == 0)
    }
}
