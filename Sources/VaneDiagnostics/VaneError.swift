/// An error `vane` reports to the person who ran it: its description is the message that
/// follows "error: ", and it says how the command ends. Every stage throws its own type;
/// the command line catches them all in one place (`Vane.main`), so a new error type
/// cannot fall through to a generic message.
///
/// Problems in the knowledge base are not errors of this kind: they are `Diagnostic`s,
/// located and all reported in one run.
public protocol VaneError: Error, CustomStringConvertible {
    /// A bad argument or option (an unknown entity, type, verdict, kind or saved query, a
    /// period that is not a date): the command ends with 64, as every usage error does.
    /// Anything else ends with 1.
    var isUsageError: Bool { get }
}

extension VaneError {
    public var isUsageError: Bool { false }
}

/// A bad argument found after parsing: `--from 2027 is after --to 2026`.
public struct UsageError: VaneError {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
    public var isUsageError: Bool { true }
}

/// A failure with nothing more to it than its message: a snapshot that has errors.
public struct CommandFailure: VaneError {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
