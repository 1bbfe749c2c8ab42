import Foundation
import Testing

/// Golden files: expected output stored beside the tests, re-recorded with
/// `RECORD_GOLDEN=1 swift test` and reviewed in the diff.
public enum Golden {
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file at `path` (relative to the repository);
    /// returns a description of the first difference, or nil when they match.
    public static func compare(_ actual: String, to path: String) -> String? {
        let url = Repository.root.appendingPathComponent(path)
        if recording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "missing golden file \(path) (record it with RECORD_GOLDEN=1)"
        }
        guard expected != actual else { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(a, e)).firstIndex { $0.0 != $0.1 } ?? min(a.count, e.count)
        let got = line < a.count ? String(a[line]) : "<end>"
        let want = line < e.count ? String(e[line]) : "<end>"
        return "\(path):\(line + 1): differs\n  expected: \(want)\n  actual:   \(got)"
    }
}

/// Expects `actual` to match the golden file at `path` (relative to the repository), or
/// records it under `RECORD_GOLDEN=1`.
public func expectGolden(_ actual: String, _ path: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let difference = Golden.compare(actual, to: path)
    #expect(difference == nil, "\(difference ?? "")", sourceLocation: sourceLocation)
}

/// The `iso` text of a JSON date object (`{"iso": "2025-07", "precision": "month", …}`).
public func iso(_ value: Any?) -> String? { (value as? [String: Any])?["iso"] as? String }
