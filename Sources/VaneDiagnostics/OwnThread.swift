import Foundation

/// Work started at once on a thread of its own, for a caller that goes on and then waits
/// for it. Not a global dispatch queue: one holds work back until one of its few threads
/// is free, and when the threads it has all wait for such work (two builds at once on two
/// cores: each build's graph waits for its board, queued behind them), nothing moves.
public final class OwnThread<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written once by the thread, before `done` is signalled; read only after waiting on
    /// it, which orders the two.
    private var result: Value?

    public init(_ work: @escaping @Sendable () -> Value) {
        let thread = Thread { [self] in
            result = work()
            done.signal()
        }
        thread.start()
    }

    /// The work's result, once it is done (any number of times, from any thread).
    public var value: Value {
        done.wait()
        defer { done.signal() }
        return result!
    }
}
