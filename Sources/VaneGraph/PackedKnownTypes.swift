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
                label = value.decodeNil() ? nil : try value.decodeString()
            } else if name.is("labelHTML") {
                labelHTML = value.decodeNil() ? nil : try value.decodeString()
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
