import ArgumentParser
import VaneQuery

extension Vane {
    struct ScorecardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scorecard",
            abstract: "Who keeps their word: each claimant's claims by verdict, the share upheld of those decided, the median days to a verdict.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @OptionGroup var scope: EntityOption

        @OptionGroup var formatOption: FormatOption

        func run() throws {
            let reader = try open(kb)
            output(try reader.scorecards(within: scope.entity).map(ScorecardRow.init), as: formatOption.format)
        }
    }

    struct ContradictionsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "contradictions",
            abstract: "Claims that contradict each other, side by side, by the entity they are about; unresolved pairs first.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @OptionGroup var scope: EntityOption

        @OptionGroup var formatOption: FormatOption

        func run() throws {
            let reader = try open(kb)
            output(ContradictionRow.rows(try reader.contradictionGroups(within: scope.entity)), as: formatOption.format)
        }
    }
}
