import HelpCore
import Dispatch
import HelpSiteKit

/// Keeps `serve`'s search index current without holding up reloads: Pagefind runs off the session, one run
/// at a time; edits saved while it runs are folded into one more run.
actor SearchReindexer {
    /// Waiting for Pagefind blocks a thread: one of GCD's, not one the server's tasks need.
    private static let queue = DispatchQueue(label: "helpsite.search-reindex")
    private var running = false
    private var pending: SearchRefresh?
    private let log: @Sendable (String) -> Void

    init(log: @escaping @Sendable (String) -> Void) {
        self.log = log
    }

    func schedule(_ refresh: SearchRefresh) {
        if running { pending = refresh } else { start(refresh) }
    }

    private func start(_ refresh: SearchRefresh) {
        running = true
        Self.queue.async { [self] in
            let started = ContinuousClock.now
            var failure: String?
            do { try refresh.run() } catch { failure = "\(error)" }
            let elapsed = ContinuousClock.now - started
            Task { await finished(after: elapsed, failure: failure) }
        }
    }

    private func finished(after elapsed: Duration, failure: String?) {
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        if let failure { log("Search index not updated: \(failure)") } else { log("Search index updated in \(Int(milliseconds)) ms") }
        running = false
        if let next = pending {
            pending = nil
            start(next)
        }
    }
}
