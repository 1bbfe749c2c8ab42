import Synchronization

/// A value shared between threads, read and changed under its lock: the one way every
/// stage shares mutable state across the parallel loops (parsing, rendering, reading git).
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with the value, alone.
    public func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try mutex.withLock { value in try body(&value) }
    }

    /// The value now.
    public var value: Value { withLock { $0 } }
}

/// Fixed slots filled from concurrent iterations, each index written once.
public final class ResultSlots<T: Sendable>: Sendable {
    private let slots: Locked<[T?]>

    public init(count: Int) { slots = Locked(Array(repeating: nil, count: count)) }

    public subscript(index: Int) -> T? {
        get { slots.withLock { $0[index] } }
        set { slots.withLock { $0[index] = newValue } }
    }

    /// The filled slots in order.
    public var values: [T] { slots.withLock { $0.compactMap { $0 } } }

    /// The filled slots in order, moved out and the slots emptied: for values too large to
    /// copy (a parse holds its entry whole), which `values` copies.
    public func take() -> [T] {
        slots.withLock { slots in
            var taken: [T] = []
            taken.reserveCapacity(slots.count)
            for i in slots.indices { if let value = slots[i].take() { taken.append(value) } }
            return taken
        }
    }
}

/// A value made on first read, by whichever thread reads it first; the others wait for it.
public final class Deferred<Value: Sendable>: Sendable {
    private let state: Mutex<(value: Value?, make: (@Sendable () -> Value)?)>

    public init(_ make: @escaping @Sendable () -> Value) { state = Mutex((nil, make)) }

    public var value: Value {
        state.withLock { state in
            if let value = state.value { return value }
            let value = state.make!()
            // What it was made from is let go.
            state = (value, nil)
            return value
        }
    }
}
