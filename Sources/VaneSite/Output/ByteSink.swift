import Foundation

/// Bytes appended to one `malloc`ed buffer that grows with `realloc` and is handed to
/// `Data` without a copy. An array of 31 MB (`api/v1/graph.json` at 10,000 events) grew
/// by copying into fresh buffers whose every page the kernel first cleared, and `Data`
/// copied it once more: glibc grows a buffer that large by remapping its pages instead.
final class ByteSink {
    private var base: UnsafeMutablePointer<UInt8>?
    private(set) var count = 0
    private var capacity = 0

    init(capacity: Int = 4096) { grow(to: capacity) }

    deinit { free(base) }

    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base![count] = byte
        count += 1
    }

    func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (base! + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    func append(contentsOf bytes: some Sequence<UInt8>) {
        for byte in bytes { append(byte) }
    }

    /// The bytes written, as `Data` that owns the buffer; the sink is empty afterwards.
    func take() -> Data {
        guard let taken = base, count > 0 else { return Data() }
        let data = Data(bytesNoCopy: taken, count: count, deallocator: .free)
        (base, count, capacity) = (nil, 0, 0)
        return data
    }

    private func grow(to needed: Int) {
        let size = max(needed, capacity * 2, 64)
        guard let grown = realloc(base, size) else { fatalError("out of memory growing a buffer to \(size) bytes") }
        (base, capacity) = (grown.assumingMemoryBound(to: UInt8.self), size)
    }
}
