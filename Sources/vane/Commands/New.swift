import ArgumentParser
import Foundation
import VaneContent

extension Vane {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Write a new entry with the front matter its kind needs, and print its path.")

        @OptionGroup var kb: KnowledgeBaseOptions

        @Argument(help: "The kind: entity, event, claim, source, report or use.")
        var kind: String

        @Argument(help: "The title (or name); the id is made from it unless --id gives one.")
        var title: String

        @Option(help: "The id (the file's name), when not the one made from the title (lowercase a-z, 0-9, '-').")
        var id: String?

        @Option(help: "The entry's type (an entity's vendor, product…; an event's launch, deprecation…). Left for you to fill in when not given.")
        var type: String?

        func run() throws {
            try kb.requireContent()
            let path = try Scaffold.create(kind: kind, title: title, type: type, id: id, root: kb.rootURL)
            // From where the command ran: `--root kb` prints `kb/Content/…`, a path the shell opens.
            output((kb.root == "." ? path : (kb.root as NSString).appendingPathComponent(path)) + "\n")
        }
    }
}
