import ArgumentParser
import VaneQuery

extension Vane {
    struct ScorecardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scorecard",
            abstract: "Who keeps their word: each claimant's claims by verdict, the share upheld of those decided, the median days to a verdict.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(help: "Only the claimants that are this entity or anything under it (an id or alias).")
        var entity: String?

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        func run() throws {
            let reader = try open(kb)
            output(try reading { try reader.scorecards(within: entity).map(ScorecardRow.init) }, as: format)
        }
    }

    struct ContradictionsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contradictions",
            abstract: "Claims that contradict each other, side by side, by the entity they are about; unresolved pairs first.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Option(help: "Only claims about this entity or anything under it (an id or alias).")
        var entity: String?

        @Option(help: "Output format: table, json or csv.")
        var format: OutputFormat = .table

        func run() throws {
            let reader = try open(kb)
            output(try reading { ContradictionRow.rows(try reader.contradictionGroups(within: entity)) }, as: format)
        }
    }
}
