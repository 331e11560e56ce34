import HelpCore
import Foundation
import HelpSiteKit
import Hummingbird

/// Serves pages rendered on request while the first full build is still being written (see `PreviewRenderer`);
/// after `stop()`, every request goes on to the files in the output folder.
final class OnDemandPages: RouterMiddleware, Sendable {
    typealias Context = BasicRequestContext
    private let state: NSLock = NSLock()
    // Unchecked: read and cleared only under `state`.
    private nonisolated(unsafe) var renderer: PreviewRenderer?

    init(_ renderer: PreviewRenderer?) {
        self.renderer = renderer
    }

    func stop() {
        state.withLock { renderer = nil }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let renderer = state.withLock({ renderer }), !request.uri.path.hasPrefix("/__helpsite/"),
              let path = request.uri.path.removingPercentEncoding, let file = renderer.file(at: path) else {
            return try await next(request, context)
        }
        let body = request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: file.bytes))
        return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "no-cache", .contentLength: String(file.bytes.count)],
                        body: body)
    }
}
