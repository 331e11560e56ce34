import Dispatch
import Foundation
import Synchronization

/// `map` on every core (or on `workers` threads), results in input order. Each thread takes the next element
/// when it is done with one, so a few long elements do not leave the other threads idle.
package enum ParallelMap {
    package static func map<Element: Sendable, Result: Sendable>(_ elements: [Element], workers requested: Int? = nil,
                                                         _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard elements.count > 1 else { return elements.map(transform) }
        let slots = Slots<Result?>(count: elements.count, initial: nil)
        defer { slots.free() }
        let next = Atomic<Int>(0)
        let workers = max(1, min(requested ?? ProcessInfo.processInfo.activeProcessorCount, elements.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < elements.count else { return }
                slots.buffer[index] = transform(elements[index])
            }
        }
        return slots.buffer.map { $0! }
    }

    /// One slot per element; unchecked Sendable because each slot is written by exactly one worker
    /// and read only after `concurrentPerform` returns.
    package struct Slots<Value>: @unchecked Sendable {
        package let buffer: UnsafeMutableBufferPointer<Value>

        package init(count: Int, initial: Value) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: initial)
        }

        package func free() {
            buffer.deinitialize()
            buffer.deallocate()
        }
    }
}
