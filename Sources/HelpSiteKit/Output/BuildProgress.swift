import Foundation

/// Counts rendered pages and reports them, at most ten times a second, once a build has taken longer than
/// `delay`: short builds print nothing. Workers call `advance()` from every core.
public final class BuildProgress: @unchecked Sendable {
    // Unchecked: every stored property is guarded by `lock`.
    private let lock = NSLock()
    private let delay: Duration
    private let report: @Sendable (_ done: Int, _ total: Int) -> Void
    private let started = ContinuousClock.now
    private var done = 0
    private var total = 0
    private var lastReport: ContinuousClock.Instant?

    public init(after delay: Duration = .seconds(1), report: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) {
        self.delay = delay
        self.report = report
    }

    private var ended = false

    /// Stops reporting; true the first time when anything was reported, so the caller clears the line once.
    public func end() -> Bool {
        lock.withLock {
            defer { ended = true }
            return !ended && lastReport != nil
        }
    }

    func begin(total: Int) {
        lock.withLock {
            self.total = total
            done = 0
        }
    }

    func advance() {
        lock.withLock {
            done += 1
            guard !ended else { return }
            let now = ContinuousClock.now
            guard now - started >= delay else { return }
            if let lastReport, now - lastReport < .milliseconds(100), done < total { return }
            lastReport = now
            report(done, total)
        }
    }
}
