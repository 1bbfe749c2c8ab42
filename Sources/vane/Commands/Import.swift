import ArgumentParser
import Foundation
import VaneContent
import VaneImport

extension Vane {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import entries from another record of product lifecycles.", subcommands: [EndOfLife.self, BillOfMaterials.self])

        struct EndOfLife: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "endoflife",
                abstract: "Import the products of a local endoflife.date clone: their release cycles, releases, ends of support and ends of life.")

            @OptionGroup var kb: KnowledgeBaseOptions

            @Argument(help: "The products/ folder of a clone of github.com/endoflife-date/endoflife.date.", completion: .directory)
            var directory: String?

            @Option(
                name: .customLong("only"), parsing: .upToNextOption,
                help: "Import only these products (file names without .md); before or after the folder.")
            var only: [String] = []

            @Option(
                name: .customLong("category"), parsing: .upToNextOption,
                help: "Import only products of these categories (lang, database, os…); before or after the folder.")
            var categories: [String] = []

            /// `--only python DIR`: the list option takes every word up to the next option, DIR
            /// included; a last word that is a folder is the folder.
            mutating func validate() throws {
                guard directory == nil else { return }
                if let last = only.last, isFolder(last) {
                    directory = only.removeLast()
                } else if let last = categories.last, isFolder(last) {
                    directory = categories.removeLast()
                } else {
                    throw ValidationError("Missing expected argument '<directory>'")
                }
            }

            private func isFolder(_ path: String) -> Bool {
                var folder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue
            }

            func run() throws {
                // Content/ may be missing (the import makes it), the root may not (it was made, or
                // each file failed with a raw error under a root that is a file).
                try kb.requireRootFolder()
                var options = EndOfLifeImport.Options(products: directory ?? "", root: kb.rootURL)
                options.only = only
                options.categories = categories
                let progress = Terminal.Progress("importing")
                options.progress = { done, total in progress.update("product \(done + 1) of \(total)") }
                let (summary, diagnostics) = EndOfLifeImport.run(options)
                progress.finish()
                report(diagnostics)
                // Nothing read at all (no such folder): no summary of nothing imported.
                if !(diagnostics.hasErrors && summary.products == 0) { printError(summary.description) }
                if diagnostics.hasErrors { throw ExitCode.failure }
            }
        }

        struct BillOfMaterials: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "sbom",
                abstract: "Import what a software bill of materials (CycloneDX 1.4–1.6 or SPDX 2.3 JSON) lists as uses of the products tracked.")

            @OptionGroup var kb: KnowledgeBaseOptions

            @Argument(help: "The bill of materials, a JSON file.", completion: .file(extensions: ["json"]))
            var file: String

            @Option(help: "The team that owns what the bill lists (an id); its generated uses are replaced by this bill's.")
            var team: String?

            func validate() throws {
                if team == "" { throw ValidationError("--team takes a team's id (leave it out for the uses of no team)") }
                // The folder and the ids of the uses of no team (`any/sbom-…`): said as a usage
                // error here (exit 64); the library refuses them too, for its other callers.
                // `ANY` is told so, not sent to `--team any`, which is refused in turn.
                if let team, BillImport.reservedTeams.contains(Scaffold.id(from: team)) {
                    throw ValidationError(
                        "--team '\(team)' is taken: Content/uses/sbom/any/sbom-….md are the uses imported without --team; name the team otherwise")
                }
                if let team, !IDRule.isValid(team) {
                    throw ValidationError(
                        "--team '\(team)' must be an id (lowercase a-z, 0-9, '-'), as a use's team is: --team \(Scaffold.id(from: team))")
                }
                if let team, BillImport.reservedTeams.contains(team) {
                    throw ValidationError(
                        "--team '\(team)' is taken: Content/uses/sbom/any/sbom-….md are the uses imported without --team; name the team otherwise")
                }
            }

            func run() throws {
                // Nowhere to match its components (each read as an unknown package).
                try kb.requireContent()
                let (summary, diagnostics) = BillImport.run(BillImport.Options(file: file, root: kb.rootURL, team: team))
                report(diagnostics)
                if diagnostics.hasErrors { throw ExitCode.failure }
                output(summary.report)
                printError(summary.description)
            }
        }
    }
}
