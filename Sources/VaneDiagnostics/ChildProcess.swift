import Foundation

extension Process {
    /// Starts the process and returns a wait for its exit that needs no run loop.
    /// Foundation's `waitUntilExit` spins the run loop with a timer set from the wall clock,
    /// while the kernel counts time on its own: with the wall clock moved (`faketime` on a
    /// run, as the tests of another day do) the wait could sleep for the whole distance.
    public func start() throws -> Exit {
        let exit = Exit()
        terminationHandler = { _ in exit.exited.signal() }
        try run()
        return exit
    }

    /// The exit of a process started with `start()`.
    public final class Exit: Sendable {
        fileprivate let exited = DispatchSemaphore(value: 0)

        /// Blocks until the process has exited (at once when it has, however often asked).
        public func wait() {
            exited.wait()
            exited.signal()
        }
    }
}
