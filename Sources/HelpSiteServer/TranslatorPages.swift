import HelpConfig
import HelpCore
import Foundation
import HelpSiteKit
import HelpTranslation
import Hummingbird
import NIOCore

/// serve's translator view (`TranslatorView`): GET `/__helpsite/translate/` lists every translation with links from
/// the outdated ones; GET `/__helpsite/translate/<language>/<page>/` compares a translation with its source; POST to
/// the same path stamps it as `helpsite stamp` does. `RequestGuard` has checked Host and Origin before.
struct TranslatorPages: RouterMiddleware {
    typealias Context = BasicRequestContext
    let contentDirectory: SitePath
    let session: PreviewSession
    let log: @Sendable (String) -> Void

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix(TranslatorView.prefix) else { return try await next(request, context) }
        guard let path = request.uri.path.removingPercentEncoding else { return RequestGuard<Context>.plain(.notFound, "Not found.") }
        let config: SiteConfig
        do { config = try SiteConfigLoader(contentDirectory: contentDirectory).load() } catch {
            return RequestGuard<Context>.plain(.internalServerError, "Cannot read the site's configuration: \(error)")
        }
        let view = TranslatorView(contentDirectory: contentDirectory, config: config)
        if path == TranslatorView.prefix, request.method != .post, let status = await session.translationStatus() {
            return Self.html(StatusFormatter.html(status, title: config.title, linksTranslatorViews: true), head: request.method == .head)
        }
        guard let target = view.target(requestPath: path) else {
            return RequestGuard<Context>.plain(.notFound, "No translation at \(path); see \(TranslatorView.prefix) for every page.")
        }
        if request.method == .post {
            do {
                let result = try view.stamp(target)
                log("\(result.file): \(result.changed ? "stamped" : "already stamped") source: \(result.hash) (translator view)")
            } catch {
                return RequestGuard<Context>.plain(.internalServerError, error.diagnostic.description)
            }
            // The edit reaches the site through the file watcher, like any other.
            return Response(status: .seeOther, headers: [.location: TranslatorView.path(language: target.language.code, page: target.page),
                                                          .cacheControl: "no-cache"])
        }
        do {
            let url = await session.pageURL(of: target.page, in: target.language.code)
            return Self.html(try view.html(for: target, pageURL: url), head: request.method == .head)
        } catch {
            return RequestGuard<Context>.plain(.internalServerError, error.diagnostic.description)
        }
    }

    private static func html(_ text: String, head: Bool) -> Response {
        let bytes = ByteBuffer(string: text)
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache", .contentLength: String(bytes.readableBytes)],
                        body: head ? ResponseBody() : ResponseBody(byteBuffer: bytes))
    }
}
