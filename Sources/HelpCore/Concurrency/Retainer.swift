import Dispatch
import Synchronization

/// Holds what a build leaves behind (the loaded site, its render engine, its caches) so that freeing 50,000 pages
/// object by object happens where it costs nothing on the way to the result: never, for a command about to exit
/// (`Retainer.process`, as clang's `-disable-free`), or on another thread once `serve` has its new output.
public final class Retainer: Sendable {
    private let kept = Mutex<[any Sendable]>([])

    public init() {}

    /// Kept until the process exits.
    public static let process = Retainer()

    package func keep(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }

    /// Lets go of everything kept, freed on another thread.
    package func releaseInBackground() {
        let values = kept.withLock { kept in
            defer { kept = [] }
            return kept
        }
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(values) {} }
    }
}
