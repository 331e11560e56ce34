import HelpContent
import HelpCore
import HelpRender
import HelpOutput
import HelpSearch

/// Answers a request for any file of a loaded site by rendering it then and there: what `serve` answers with
/// while its first full build is still writing, so a big site is readable seconds after start. The bytes equal
/// those the build writes for the same path.
public struct PreviewRenderer: Sendable {
    public struct File: Sendable {
        public var bytes: [UInt8]
        public var contentType: String
    }

    private let site: LoadedSite
    private let engine: RenderEngine
    private let pages: [String: Page]
    private let assets: [String: Theme.File]

    init(site: LoadedSite, engine: RenderEngine) {
        self.site = site
        self.engine = engine
        var pages: [String: Page] = [:]
        for language in site.config.languages {
            for page in site.index.pages(in: language.code) { pages[page.outputPath] = page }
        }
        self.pages = pages
        self.assets = Dictionary(site.theme.assets.map { ($0.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The file for a request path below the site's base path (`/nb/klage/`, `/assets/site.css`), or nil when
    /// the site has no such file.
    public func file(at requestPath: String) -> File? {
        var path = String(requestPath.drop { $0 == "/" })
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if path == "index.html" { return File(bytes: engine.renderRoot(), contentType: Self.html) }
        if let page = pages[path] ?? pages[path + "/index.html"] {
            var diagnostics: [Diagnostic] = []
            let output = PageRenderer(site: site, engine: engine).render(page, log: &diagnostics)
            return File(bytes: output.html, contentType: Self.html)
        }
        if path == "404.html" { return File(bytes: engine.renderNotFound(site.config.defaultLanguage), contentType: Self.html) }
        if path.hasSuffix("/404.html"), let language = site.config.language(String(path.dropLast("/404.html".count))) {
            return File(bytes: engine.renderNotFound(language), contentType: Self.html)
        }
        if let asset = assets[path], let bytes = try? asset.publishedContents() {
            return File(bytes: bytes, contentType: Self.contentType(of: path))
        }
        return nil
    }

    static let html = "text/html; charset=utf-8"

    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last.map({ $0.lowercased() }) {
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "html": html
        default: "application/octet-stream"
        }
    }
}
