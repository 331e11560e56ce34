import Dispatch
import Synchronization

/// A value worked out on another thread while the caller does something else; `value` waits for it.
package final class Background<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            let value = work()
            self.result.withLock { $0 = value }
            self.done.signal()
        }
    }

    package var value: Value {
        if let value = result.withLock({ $0 }) { return value }
        done.wait()
        done.signal()  // Later readers return at once.
        return result.withLock { $0! }
    }
}
