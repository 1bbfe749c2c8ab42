import ArgumentParser
import Foundation
import VaneDiagnostics
import VaneHistory
import VaneProject

extension Vane {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a new knowledge base: Content/, Site/config.yml, .gitignore, a README and CI templates.")

        @Argument(help: "The folder to create (or an empty one).", completion: .directory)
        var directory: String

        @Flag(help: "Add a small worked example: a vendor, a product with a status, an event, a claim and a source.")
        var example = false

        @Flag(help: "Write into a folder that is not empty; existing files are kept as they are.")
        var force = false

        @Option(help: "The site's title (default: made from the folder's name).")
        var title: String?

        func run() throws {
            let dir = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
            var folder: ObjCBool = false
            // A link to nothing there: said as such (the first file written was blamed).
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: dir.path)) != nil, !FileManager.default.fileExists(atPath: dir.path) {
                throw CommandFailure("'\(directory)' is a symbolic link to nothing: remove it, or give another folder")
            }
            if FileManager.default.fileExists(atPath: dir.path, isDirectory: &folder), !folder.boolValue {
                throw CommandFailure("'\(directory)' is a file, not a folder: give a folder for the knowledge base")
            }
            let report = try ProjectInit.create(
                at: dir, title: title ?? ProjectInit.title(forFolder: dir.lastPathComponent), example: example, force: force)
            for path in report.kept { printError("kept \(path) (exists)") }
            printError("created \(report.written.count) files in \(directory); next: cd \(Init.shellQuoted(directory)) && vane check && vane build")
            // Inside a repository whose top is another folder, the CI templates are where
            // GitHub and GitLab never look (they were written, and nothing said so).
            let resolved = dir.resolvingSymlinksInPath()
            if let top = HistoryReader.workTreeTop(of: resolved), top.resolvingSymlinksInPath().path != resolved.path {
                let inside = String(resolved.path.dropFirst(top.resolvingSymlinksInPath().path.count + 1))
                printLine(
                    "note: \(directory) is inside the git repository at \(top.path): GitHub reads .github/workflows/ and GitLab .gitlab-ci.yml at its top, not here; move them there and run vane in \(inside) (cd \(Init.shellQuoted(inside)) in each job)"
                )
            }
        }

        /// A path as a shell reads it back: quoted when it holds anything but plain letters,
        /// digits and `/._-` (`cd my kb` would not do).
        static func shellQuoted(_ path: String) -> String {
            let plain = path.unicodeScalars.allSatisfy {
                $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/._-".unicodeScalars.contains($0))
            }
            return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
    }

    struct ThemeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "theme", abstract: "Work with the site's theme.", subcommands: [Eject.self])

        struct Eject: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "eject",
                abstract: "Write the default theme's templates and assets into Site/, to edit them there.")

            @OptionGroup var kb: KnowledgeBaseOptions

            @Flag(help: "Overwrite files already in Site/templates and Site/assets.")
            var force = false

            func run() throws {
                try kb.requireContent()
                let report = try ThemeEject.eject(root: kb.rootURL, force: force)
                for path in report.kept { printError("kept \(path) (edited; --force overwrites it)") }
                for path in report.replaced { printError("replaced \(path) (your edit is overwritten)") }
                printError(
                    "wrote \(report.written.count) \(report.written.count == 1 ? "file" : "files") into Site/"
                        + (report.unchanged.isEmpty ? "" : " (\(report.unchanged.count) already the default's, left as they were)"))
            }
        }
    }
}
