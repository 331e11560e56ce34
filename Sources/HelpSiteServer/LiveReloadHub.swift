import HelpCore
import Foundation
import HelpSiteKit

/// Fans rebuild results out to every open page's Server-Sent Events stream.
public actor LiveReloadHub {
    public enum Event: Sendable, Equatable {
        /// Paths that changed (`/nb/klage/`), or `*` for all.
        case reload([String])
        case failed([Diagnostic])
        case recovered
    }

    private var subscribers: [UUID: AsyncStream<Event>.Continuation] = [:]
    /// The diagnostics of the last failed rebuild, shown to pages that connect while it is broken.
    public private(set) var currentFailure: [Diagnostic]?

    public init() {}

    public func subscribe() -> AsyncStream<Event> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(16))
        subscribers[id] = continuation
        if let currentFailure { continuation.yield(.failed(currentFailure)) }
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        return stream
    }

    public var subscriberCount: Int { subscribers.count }

    private func remove(_ id: UUID) { subscribers[id] = nil }

    public func publish(_ event: Event) {
        switch event {
        case .failed(let diagnostics): currentFailure = diagnostics
        case .reload, .recovered:
            if currentFailure != nil, case .reload = event {
                currentFailure = nil
                for continuation in subscribers.values { continuation.yield(.recovered) }
            }
            currentFailure = nil
        }
        for continuation in subscribers.values { continuation.yield(event) }
    }

    public func finishAll() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    /// The event in `text/event-stream` form.
    static func encode(_ event: Event) -> String {
        switch event {
        case .reload(let paths):
            return "event: reload\ndata: \(json(paths))\n\n"
        case .recovered:
            return "event: recovered\ndata: {}\n\n"
        case .failed(let diagnostics):
            let items = diagnostics.map { diagnostic in
                "{\"file\":\(JSONText.quote(diagnostic.file ?? "")),\"line\":\(diagnostic.line ?? 0),\"column\":\(diagnostic.column ?? 0),"
                    + "\"message\":\(JSONText.quote(diagnostic.message)),\"text\":\(JSONText.quote(diagnostic.description))}"
            }
            return "event: failed\ndata: [\(items.joined(separator: ","))]\n\n"
        }
    }

    private static func json(_ strings: [String]) -> String { "[" + strings.map(JSONText.quote).joined(separator: ",") + "]" }
}
