import ArgumentParser
import Foundation
import VaneContent
import VaneDiagnostics
import VaneQuery

extension Vane {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Available today vs. strategic priority: every product ranked by platform risk.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @OptionGroup var scope: EntityOption

        @Option(name: .customLong("as-of"), help: "The status as known at the end of this period (default: today).")
        var asOf: String?

        @OptionGroup var recorded: RecordedOptions

        @Option(
            name: .customLong("min-risk"), parsing: .unconditional,
            help: "Only products with at least this platform risk (0–100); gone products are left out.")
        var minRisk: Int?

        @OptionGroup var formatOption: FormatOption

        func validate() throws {
            if let minRisk, !(0...100).contains(minRisk) { throw ValidationError("--min-risk takes a risk from 0 to 100") }
        }

        func run() throws {
            let date = try parseAsOf(asOf) ?? recorded.date ?? .today()
            // The whole board as JSON on the day of the last build: stored by that build.
            let reader = try open(kb, recorded)
            if formatOption.format == .json, scope.entity == nil, minRisk == nil, recorded.knownAt == nil,
                try reader.streamStoredStatusJSON(asOf: date, to: writeToStandardOutput)
            {
                return
            }
            var board = try reader.statusBoard(asOf: date, within: scope.entity)
            if let minRisk {
                board.ranked = board.ranked.filter { $0.hasRisk(atLeast: minRisk) }
                board.gone = []
            }
            switch formatOption.format {
            case .json: output(StatusSnapshot.json(board))
            case .csv: output(board.table(for: .csv).csv())
            case .table:
                output(board.table(for: .table).aligned())
                // Said, as `vane ends` and `vane exposure` say an empty table: a bare header
                // read as a typo in the filter or a broken database.
                if board.ranked.isEmpty && board.gone.isEmpty {
                    let whose = (board.root ?? scope.entity).map { " in \($0)'s tree" } ?? ""
                    let why = minRisk.map { " with a risk of \($0) or more" } ?? ""
                    printError("no product has a status\(whose) as of \(date.display)\(why)")
                }
            }
        }
    }
}

/// The status board at a date, or a printed error.
func readBoard(_ kb: KnowledgeBaseOptions, _ recorded: RecordedOptions, asOf: FuzzyDate, within entity: String?) throws -> StatusBoard {
    let reader = try open(kb, recorded)
    return try reader.statusBoard(asOf: asOf, within: entity)
}

/// A `--since`/`--until`/`--as-of` period; a bad one is a usage error (exit 64) that names
/// the option and the forms it takes.
/// `--as-of` of a read command: a day still to come (or a period not over yet) is said on
/// standard error, as a site as of it says on every page: what it shows after today is what
/// had been announced by then, not what happened ("ended 92 days ago" of an end only announced).
func parseAsOf(_ text: String?) throws -> FuzzyDate? {
    guard let text else { return nil }
    let date = try parsePeriod(text, option: "--as-of")
    let today = FuzzyDate.today()
    if date.endKey > today.endKey {
        let what = date.precision == .day ? "a day still to come" : "a period not over yet"
        printError(
            "note: --as-of \(date.text) is \(what) (today is \(today.display)): what is shown after today is what had been announced, not what happened"
        )
    }
    return date
}

func parsePeriod(_ text: String, option: String) throws -> FuzzyDate {
    let forms = "write a year (2026), a quarter (2026-Q2), a month (2026-04) or a day (2026-04-08)"
    // A period asked for is exact: `~` is the Markdown's, for a date the author is unsure of
    // (it was taken, and changed nothing but a flag in the output).
    if text.hasPrefix("~") { throw UsageError("\(option): '\(text)' is marked approximate ('~'), which a period asked for cannot be; \(forms)") }
    do {
        return try FuzzyDate(parsing: text)
    } catch  where error.message.hasPrefix("invalid date") {
        // One list of the forms, not the Markdown's beside the option's.
        let hint = FuzzyDate.written(text).map { " (did you mean '\($0)'?)" } ?? ""
        throw UsageError("\(option): invalid date '\(text)'\(hint); \(forms)")
    } catch {
        throw UsageError("\(option): \(error.message); \(forms)")
    }
}
