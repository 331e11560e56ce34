import HelpSiteKit

/// Keeps `serve`'s search index current without holding up reloads: Pagefind runs off the session, one run
/// at a time; edits saved while it runs are folded into one more run.
actor SearchReindexer {
    private var running = false
    private var pending: SearchRefresh?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private let log: @Sendable (String) -> Void

    init(log: @escaping @Sendable (String) -> Void) {
        self.log = log
    }

    func schedule(_ refresh: SearchRefresh) {
        if running { pending = refresh } else { start(refresh) }
    }

    /// Returns once no run is going or waiting.
    func idle() async {
        guard running else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func start(_ refresh: SearchRefresh) {
        running = true
        Task.detached { [self] in
            let started = ContinuousClock.now
            var failure: String?
            do { try refresh.run() } catch { failure = "\(error)" }
            await finished(after: ContinuousClock.now - started, failure: failure)
        }
    }

    private func finished(after elapsed: Duration, failure: String?) {
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        if let failure { log("Search index not updated: \(failure)") } else { log("Search index updated in \(Int(milliseconds)) ms") }
        running = false
        if let next = pending {
            pending = nil
            start(next)
        } else {
            for waiter in idleWaiters { waiter.resume() }
            idleWaiters = []
        }
    }
}
