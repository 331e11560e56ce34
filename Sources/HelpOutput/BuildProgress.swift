import HelpCore
import Foundation
import Synchronization
import HelpRender

/// Counts rendered pages and reports them, at most ten times a second, once a build has taken longer than
/// `delay`: short builds print nothing. Workers call `advance()` from every core.
public final class BuildProgress: Sendable {
    private struct State {
        var done = 0
        var total = 0
        var lastReport: ContinuousClock.Instant?
        var ended = false
    }

    private let state = Mutex(State())
    private let delay: Duration
    private let report: @Sendable (_ done: Int, _ total: Int) -> Void
    private let started = ContinuousClock.now

    public init(after delay: Duration = .seconds(1), report: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) {
        self.delay = delay
        self.report = report
    }

    /// Stops reporting; true the first time when anything was reported, so the caller clears the line once.
    public func end() -> Bool {
        state.withLock { state in
            defer { state.ended = true }
            return !state.ended && state.lastReport != nil
        }
    }

    package func begin(total: Int) {
        state.withLock { state in
            state.total = total
            state.done = 0
        }
    }

    package func advance() {
        state.withLock { state in
            state.done += 1
            guard !state.ended else { return }
            let now = ContinuousClock.now
            guard now - started >= delay else { return }
            if let lastReport = state.lastReport, now - lastReport < .milliseconds(100), state.done < state.total { return }
            state.lastReport = now
            report(state.done, state.total)
        }
    }
}
