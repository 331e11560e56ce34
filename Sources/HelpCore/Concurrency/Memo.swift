import Synchronization

/// A value worked out the first time it is asked for, then kept. Copies of a struct holding it share it, so a
/// value derived from a loaded site is worked out once for every build made from that site.
package final class Memo<Value: Sendable>: Sendable {
    private let kept = Mutex<Value?>(nil)
    private let work: @Sendable () -> Value

    package init(_ work: @escaping @Sendable () -> Value) {
        self.work = work
    }

    package var value: Value {
        if let value = kept.withLock({ $0 }) { return value }
        let value = work()
        kept.withLock { $0 = value }
        return value
    }
}
