import HelpCore
import Foundation
import HTTPTypes
import Hummingbird

/// Everything a request must pass before a file is served: GET or HEAD only (POST only to `postPaths`), a `Host` naming the address the
/// server is bound to (no DNS rebinding), and a path that stays inside the output folder however it is encoded,
/// also through symbolic links.
public struct RequestGuard<Context: RequestContext>: RouterMiddleware {
    let root: String
    let allowedHosts: Set<String>
    /// The only paths that take a POST: `serve`'s form endpoints, and every path under `postPrefix` (the translator view's stamp).
    let postPaths: Set<String>
    let postPrefix: String?

    /// `root` is the served folder; `hosts` the names the browser may use, with their port.
    public init(root: String, hosts: [String], postPaths: Set<String> = [], postPrefix: String? = nil) {
        self.root = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        self.allowedHosts = Set(hosts.map { $0.lowercased() })
        self.postPaths = postPaths
        self.postPrefix = postPrefix
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let takesPost = postPaths.contains(request.uri.path) || postPrefix.map { request.uri.path.hasPrefix($0) } == true
        guard request.method == .get || request.method == .head || (request.method == .post && takesPost) else {
            return Response(status: .methodNotAllowed, headers: [.allow: postPaths.contains(request.uri.path) ? "POST" : takesPost ? "GET, HEAD, POST" : "GET, HEAD"])
        }
        guard let host = request.head.authority, allowedHosts.contains(host.lowercased()) else {
            return Self.plain(.forbidden, "This preview only answers to \(allowedHosts.sorted().joined(separator: ", ")).")
        }
        if let origin = request.headers[.origin], !allowedHosts.contains(where: { origin.lowercased() == "http://\($0)" }) {
            return Self.plain(.forbidden, "Cross-origin requests are not allowed.")
        }
        guard let path = Self.safePath(request.uri.path) else {
            return Self.plain(.forbidden, "Forbidden.")
        }
        if !path.hasPrefix("/__helpsite/"), let escape = escapesRoot(path), escape {
            return Self.plain(.notFound, "Not found.")
        }
        return try await next(request, context)
    }

    /// The decoded path, or nil when any decoding of it holds `..`, a backslash, a control character or `//`.
    static func safePath(_ raw: String) -> String? {
        guard raw.hasPrefix("/"), !raw.hasPrefix("//") else { return nil }
        var current = raw
        for _ in 0..<4 {
            if current.contains("..") || current.contains("\\") || current.contains("//") { return nil }
            if current.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
            guard current.contains("%") else { return current }
            guard let decoded = current.removingPercentEncoding else { return nil }
            if decoded == current { return current }
            current = decoded
        }
        return nil
    }

    /// True when the file the path names resolves (through symbolic links) outside the served folder.
    private func escapesRoot(_ path: String) -> Bool? {
        guard let decoded = path.removingPercentEncoding else { return true }
        var candidate = root + decoded
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
            candidate += "/index.html"
        }
        guard let resolved = realpath(candidate, nil) else { return nil }
        defer { free(resolved) }
        let target = String(cString: resolved)
        return !(target == root || target.hasPrefix(root + "/"))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}
