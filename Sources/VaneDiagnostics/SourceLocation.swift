/// A position in a knowledge-base file: root-relative path, 1-based line and column.
///
/// Columns count Unicode scalars, so a diagnostic points at the same character in any
/// editor whatever the encoding width of what precedes it.
public struct SourceLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// The top of a file, where problems of the file as a whole are reported.
    public static func top(of path: String) -> SourceLocation {
        SourceLocation(path: path, line: 1, column: 1)
    }

    /// A file or folder as a whole, with no line in it (one that is not there): said as
    /// its path alone, as a compiler names a file it cannot open.
    public static func whole(_ path: String) -> SourceLocation {
        SourceLocation(path: path, line: 0, column: 0)
    }

    public var description: String { line == 0 ? path : "\(path):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}
