import Dispatch

/// Wall-clock time per pipeline phase, for `--verbose` and the benchmarks.
public struct Timings: Sendable {
    public private(set) var phases: [(name: String, seconds: Double)] = []

    public init() {}

    /// Runs `body` and records how long it took under `name`.
    public mutating func measure<T, E: Error>(_ name: String, _ body: () throws(E) -> T) throws(E) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { phases.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try body()
    }

    public mutating func append(_ other: Timings) { phases += other.phases }

    /// A phase measured elsewhere (on another thread).
    public mutating func append(_ name: String, _ seconds: Double) { phases.append((name, seconds)) }

    /// `scan 0.012s, parse 1.204s, …`
    public var summary: String {
        phases.map { "\($0.name) \(String(format3($0.seconds)))s" }.joined(separator: ", ")
    }

    private func format3(_ x: Double) -> String {
        let ms = Int((x * 1000).rounded())
        let s = String(ms / 1000)
        let frac = String(ms % 1000)
        return s + "." + String(repeating: "0", count: 3 - frac.count) + frac
    }
}
