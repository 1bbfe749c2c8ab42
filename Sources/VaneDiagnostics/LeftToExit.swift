/// Values a command's process keeps until it exits instead of freeing them, as clang's
/// `-disable-free` does: a build frees hundreds of thousands of entries, edges, pages and
/// fingerprints one by one, a tenth of a second at 10,000 events, for an exit that gives
/// the memory back at once. Only for a process that exits when the work returns.
public enum LeftToExit {
    /// Keeps `values` until the process exits.
    public static func keep(_ values: Any...) {
        _ = Unmanaged.passRetained(Kept(values: values))
    }

    private final class Kept {
        let values: [Any]
        init(values: [Any]) { self.values = values }
    }
}
