import Synchronization

/// Values kept until the process exits. A command that is about to exit need not free a 50,000-page site object by
/// object (half a second of a cached rebuild); the system takes the memory back at once, as with clang's
/// `-disable-free`. Only one-shot commands use it: `serve` and the tests free what they load.
package enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    package static func keep(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}
