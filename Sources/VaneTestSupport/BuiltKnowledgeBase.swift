import Foundation
import VaneBuild
import VaneContent

/// How most tests start: fixtures copied into a temporary knowledge base and built as of a
/// fixed day, by the `vane` executable or in process.
extension TemporaryKnowledgeBase {
    public struct BuildFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Built by `vane build --as-of DAY`; a build that fails (or, when `quiet`, that says
    /// anything) throws with what it printed.
    public static func built(copying folders: [URL], asOf day: String = "2026-11-26", quiet: Bool = false) throws -> TemporaryKnowledgeBase {
        let kb = try TemporaryKnowledgeBase(copying: folders)
        let build = try vane("build", "--as-of", day, in: kb.root)
        guard build.status == 0, !quiet || build.stderr.isEmpty else {
            throw BuildFailed(description: "vane build --as-of \(day) exited \(build.status): \(build.stderr)")
        }
        return kb
    }

    /// Built in process by the pipeline as of `day`, with the outcome; a build that fails
    /// throws with its diagnostics.
    public static func builtInProcess(copying folders: [URL], asOf day: FuzzyDate = fixedDay) throws -> (TemporaryKnowledgeBase, Pipeline.Outcome) {
        let kb = try TemporaryKnowledgeBase(copying: folders)
        let outcome = Pipeline.build(Pipeline.Options(root: kb.root, asOf: day))
        guard outcome.succeeded else {
            throw BuildFailed(description: "build as of \(day.text) failed: \(outcome.diagnostics) \(outcome.failure.map { "\($0)" } ?? "")")
        }
        return (kb, outcome)
    }
}
