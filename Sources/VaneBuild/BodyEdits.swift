import Foundation
import VaneContent
import VaneDiagnostics
import VaneGraph
import VaneHistory
import VaneQuery
import VaneSite

/// The build of an edit to bodies alone, the commonest edit: the files that changed are
/// parsed, each compared with its stored parse (one decoded per file, never the others),
/// and when only body text differs (the same front matter, the same links in the same
/// order, wherever the text moved them, the same problems), the new text is written into
/// the outputs that show it, at the spans the
/// last builds recorded (`BodySpan`), and into the database. Nothing is linked and no
/// site model is built: what else a page shows cannot have changed.
///
/// Anything else is left to the full path (nil): a file added, removed or not an entry;
/// `Site/`, the day or an option; a `vane` block anywhere (a query may read bodies); a
/// theme that shows a body in a way a splice cannot reproduce; an output that does not
/// hold what its spans say it holds.
enum BodyEdits {
    /// At most this many files read again; more is an edit of another kind (a checkout).
    static let limit = 64

    static func build(
        _ options: Pipeline.Options, previous last: DatabaseParseCache, walk: TreeDigest.Walk, inputs: String, started: Int64,
        timings: inout Timings
    ) -> Pipeline.Outcome? {
        let state = last.state
        guard last.isCurrentSchema, state["inputs"] == inputs, state["body-spans"] == "complete", state["live-blocks"] == "0",
            !options.publishDatabase, options.knownAt == nil, let recent = walk.recent, !recent.isEmpty, recent.count <= limit,
            recent.allSatisfy({ $0.relative.hasSuffix(".md") }), OutputStamp.holds(state["output-stamp"], options.output),
            let read = timings.measure("reread", { reread(recent, now: walk.digest, options: options, state: state) })
        else { return nil }
        guard timings.measure("history", { committedAsBefore(read, options: options, stored: state["history"]) }) else { return nil }
        var edit = BodyEditWrite()
        edit.files = read.map(\.new)
        edit.bodies = read.compactMap { file in file.body.map { ($0.old, $0.new) } }
        edit.linkMoves = read.flatMap(\.moves)
        guard let staged = timings.measure("splice", { splice(edit.bodies, options: options) }) else { return nil }
        defer { try? FileManager.default.removeItem(at: staged.folder) }
        edit.spans = staged.spans
        edit.state = [
            "started": String(started), "content-digest": walk.digest.description, "content-newest": String(walk.newest),
            "pending-splice": CanonicalJSON.text(
                Journal(output: options.output.standardizedFileURL.path, moves: staged.moves.map { [$0.staged, $0.path] }), fallback: "[]"),
        ].merging(StatusSnapshot.carriedOver(state: state, from: state["started"] ?? "", to: String(started))) { a, _ in a }
        var outcome = Pipeline.repeating(state, options: options, parsed: read.count)
        do {
            outcome.work.rowsWritten = try timings.measure("database") { try GraphStore.write(edit, at: options.database) }
        } catch {
            return nil
        }
        // Committed: the moves are finished now, or by the next build if this one dies first.
        do {
            try timings.measure("swap") { () throws(OutputError) in
                try finish(staged.moves, options: options, stamp: state["output-stamp"])
            }
        } catch {
            // Committed, not all in place: the journal stays, and the next build takes the
            // full path.
            outcome.failure = .output(error)
        }
        outcome.pagesRendered = staged.spans.keys.filter { $0.hasSuffix(".html") }.count
        outcome.work.parsed = read.count
        outcome.work.parsesDecoded = read.filter { $0.decoded }.count
        outcome.work.outputsConsidered = staged.spans.count
        outcome.work.outputsBuilt = staged.spans.count
        outcome.work.filesWritten = staged.moves.count
        outcome.notes.append("only bodies changed: \(edit.bodies.count) written into \(staged.spans.count) files, nothing linked")
        outcome.timings = timings
        return outcome
    }

    /// A file read again: its new parse, and its entry before and after
    /// when its body changed.
    private struct Reread {
        var new: ParsedFile
        var decoded = false
        var body: (old: Entry, new: Entry)?
        /// Where its body's links were written before, and are now, for those that moved.
        var moves: [(old: SourceLocation, new: SourceLocation)] = []
    }

    /// Where `after`'s body links are written, against `before`'s, when the two parses of one
    /// file differ only in the body's text and HTML and in those places (the same links in
    /// the same order: text added above a link moves it); nil when they differ in more.
    static func linkMoves(from before: Entry, to after: Entry) -> [(old: SourceLocation, new: SourceLocation)]? {
        if ResidentSite.sameButBody(after, before) { return [] }
        guard before.bodyLinks.count == after.bodyLinks.count, before.bodyLinks.count > 0 else { return nil }
        var placed = after
        for i in placed.bodyLinks.indices { placed.bodyLinks[i].location = before.bodyLinks[i].location }
        guard ResidentSite.sameButBody(placed, before) else { return nil }
        return zip(before.bodyLinks, after.bodyLinks).filter { $0.location != $1.location }.map { ($0.location, $1.location) }
    }

    /// The files modified since the last build started, each parsed and compared with its
    /// stored parse; nil when one is new, or differs in more than its body, or when a file
    /// not among them differs from the last build (the digest of `Content/` with their old
    /// stamps put back must be the digest that build stored).
    private static func reread(
        _ recent: [(relative: String, size: Int, modified: Int64)], now: TreeDigest, options: Pipeline.Options, state: [String: String]
    ) -> [Reread]? {
        let (config, problems) = SiteConfigLoader.load(root: options.root)
        let changed = recent.map { (path: "Content/" + $0.relative, size: $0.size, modified: $0.modified) }
        guard problems.isEmpty, ContentLoader.settingsDigest(config) == state["parser-settings"],
            let stored = try? GraphStore.storedFiles(changed.map(\.path), at: options.database),
            var digest = state["content-digest"].flatMap(TreeDigest.init(description:))
        else { return nil }
        for file in changed {
            guard let known = stored[file.path] else { return nil }
            let relative = String(file.path.dropFirst("Content/".count))
            digest = digest.replacing((relative, known.size, known.modified), with: (relative, file.size, file.modified))
        }
        guard digest == now else { return nil }
        // The last build's problems, read when a link moved: one said where a link was written
        // would be repeated at the old place. (Today the linker says only errors there, and a
        // build with errors stores no state; this keeps a future warning at a link honest.)
        var standing: Set<SourceLocation>?
        var read: [Reread] = []
        for file in changed {
            guard let record = stored[file.path], let id = record.entryID, let kind = record.kind.flatMap(Kind.init(rawValue:)) else {
                return nil
            }
            var content = ContentFile(
                path: file.path, location: options.root.appendingPathComponent(file.path).path, size: file.size, modified: file.modified)
            (content.kind, content.id) = (kind, id)
            let parsed = ContentLoader.parse(content, config: config)
            var again = Reread(new: parsed)
            if parsed.hash != record.hash {
                guard let packed = record.parsed, let old = try? PackedCoding.decode(ParsedFile.self, from: packed),
                    let before = old.entry, let after = parsed.entry, before.id == id, after.id == id,
                    parsed.diagnostics == old.diagnostics, let moves = linkMoves(from: before, to: after)
                else { return nil }
                if !moves.isEmpty {
                    let said = standing ?? Set(FastPath.decode(state["diagnostics"]).map(\.location))
                    standing = said
                    guard !moves.contains(where: { said.contains($0.old) }) else { return nil }
                }
                again.decoded = true
                again.body = (before, after)
                again.moves = moves
            }
            read.append(again)
        }
        return read
    }

    /// Recorded time marks an entry changed since its last commit: each edited file must be
    /// as committed, or not, as it was at the last build, or its page (and the list of
    /// uncommitted entries) changes with it.
    private static func committedAsBefore(_ read: [Reread], options: Pipeline.Options, stored: String?) -> Bool {
        guard let stored, !stored.isEmpty else { return true }
        let edited = read.compactMap { file in file.body.map { (file.new.path, $0.new.id) } }
        guard !edited.isEmpty else { return true }
        guard let history = Pipeline.storedHistory(stored),
            let dirty = HistoryReader.uncommitted(edited.map(\.0), root: options.historyRoot ?? options.root)
        else { return false }
        return edited.allSatisfy { path, id in history.uncommitted.contains(id) == dirty.contains(path) }
    }

    /// The outputs with their new bytes staged beside the output folder, and their spans
    /// as they will be.
    private struct Staged {
        var folder: URL
        /// Each staged file, relative to the output's parent folder, and the output it becomes.
        var moves: [(staged: String, path: String)]
        var spans: [String: Data]
    }

    private static func splice(_ bodies: [(old: Entry, new: Entry)], options: Pipeline.Options) -> Staged? {
        let output = options.output.standardizedFileURL
        let folder = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).staging-splice-\(ProcessInfo.processInfo.processIdentifier)")
        var staged = Staged(folder: folder, moves: [], spans: [:])
        guard !bodies.isEmpty else { return staged }
        let old = Dictionary(bodies.map { ($0.old.id, $0.old) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(bodies.map { ($0.new.id, $0.new) }, uniquingKeysWith: { a, _ in a })
        guard let shown = try? GraphStore.spans(showing: Array(new.keys), at: options.database),
            (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
        else { return nil }
        var complete = false
        defer { if !complete { try? FileManager.default.removeItem(at: folder) } }
        for (path, packed) in shown.sorted(by: { $0.key < $1.key }) {
            let temporary = folder.appendingPathComponent(String(staged.moves.count))
            guard let spans = try? PackedCoding.decode([BodySpan].self, from: packed),
                !spans.contains(where: { $0.form == .opaque && new[$0.entry] != nil }),
                let file = FileManager.default.contents(atPath: output.appendingPathComponent(path).path),
                let (bytes, moved) = BodySpan.splice(file, spans: spans, old: old, new: new),
                let packed = try? PackedCoding.encode(moved), (try? bytes.write(to: temporary)) != nil
            else { return nil }
            staged.moves.append((folder.lastPathComponent + "/" + temporary.lastPathComponent, path))
            staged.spans[path] = packed
        }
        complete = true
        return staged
    }

    /// The journal of a body build: the output it wrote into, and each staged file
    /// (relative to the output's parent folder) with the output it becomes.
    struct Journal: Codable {
        var output: String
        var moves: [[String]]
    }

    /// Renames the staged files over the outputs, then clears the journal; a rename that
    /// fails leaves the journal, and the next build takes the full path.
    static func finish(_ moves: [(staged: String, path: String)], options: Pipeline.Options, stamp: String?) throws(OutputError) {
        let output = options.output.standardizedFileURL
        let folder = output.deletingLastPathComponent()
        for move in moves {
            let from = folder.appendingPathComponent(move.staged).path
            guard FileManager.default.fileExists(atPath: from) else { continue }
            let to = output.appendingPathComponent(move.path).path
            guard rename(from, to) == 0 else { throw OutputError.system(operation: "rename", path: to, errno: errno) }
        }
        let restamped = restamp(stamp, after: moves.map(\.path), output) ?? OutputStamp.take(output)
        try? GraphStore.setState(["pending-splice": "", "output-stamp": restamped ?? ""], at: options.database)
    }

    /// `stamp` with the folders `paths` were renamed into read again: the renames moved their
    /// times (the whole output is not listed, on the path of the commonest edit).
    private static func restamp(_ stamp: String?, after paths: [String], _ output: URL) -> String? {
        OutputStamp.restamped(stamp, folders: Set(paths.map { ($0 as NSString).deletingLastPathComponent }), output)
    }

    /// What a body build committed and did not live to finish (`pending-splice`): the moves
    /// still staged are made, as far as they can be, into the output they were for; true
    /// when there was such a journal. The build then takes the full path, which renders
    /// again every output the commit left without a fingerprint, whichever moves were made,
    /// and clears the journal only when it commits.
    static func resume(_ options: Pipeline.Options, state: [String: String]) -> Bool {
        guard let text = state["pending-splice"], !text.isEmpty else { return false }
        guard let journal = try? CanonicalJSON.decode(Journal.self, from: text),
            journal.output == options.output.standardizedFileURL.path
        else { return true }
        let folder = options.output.standardizedFileURL.deletingLastPathComponent()
        let moves = journal.moves.filter { $0.count == 2 }
        for move in moves {
            let from = folder.appendingPathComponent(move[0]).path
            if FileManager.default.fileExists(atPath: from) {
                _ = rename(from, options.output.standardizedFileURL.appendingPathComponent(move[1]).path)
            }
        }
        // The output is the committed build's now: restamped, the full path keeps what that
        // build's fingerprints describe (a changed stamp says another build may have written
        // the output, and renders every page again).
        if let restamped = restamp(state["output-stamp"], after: moves.map { $0[1] }, options.output) {
            try? GraphStore.setState(["output-stamp": restamped], at: options.database)
        }
        return true
    }
}

extension OutputSpans {
    /// The spans of one output, packed for the database.
    init?(_ spans: [BodySpan]) {
        guard !spans.isEmpty, let packed = try? PackedCoding.encode(spans) else { return nil }
        self.init(packed: packed, entries: Set(spans.map(\.entry)))
    }
}
