import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown
import HelpRender
import HelpOutput
import HelpSearch

/// One entry point for fuzzing (`Sources/HelpSiteFuzzer`, `scripts/fuzz`): arbitrary bytes go through
/// the same text stages as a page file — decoding, front matter split and YAML, title and slug rules,
/// the site index, Markdown rendering with link resolution and directives — against a tiny in-memory site.
/// Whatever the bytes, it must return; the caller checks the returned HTML.
public enum FuzzEntry {
    public struct Render: Sendable {
        public var language: String
        public var allowsUnsafeHTML: Bool
        public var html: String
    }

    public struct Outcome: Sendable {
        /// False when the bytes would be refused before parsing (invalid UTF-8, NUL).
        public var isPageText: Bool
        public var renders: [Render]
        public var diagnostics: Int
    }

    private static let config = SiteConfig(
        title: "Fuzz", baseURL: "https://example.org/help/",
        languages: [Language(code: "nb", name: "norsk bokmål", direction: .ltr),
                    Language(code: "fr", name: "français", direction: .ltr),
                    Language(code: "en", name: "English", direction: .ltr)],
        defaultLanguage: Language(code: "nb", name: "norsk bokmål", direction: .ltr),
        brand: "Fuzz", loginURL: nil, allowsUnsafeHTML: false, maxPageBytes: SiteConfig.defaultMaxPageBytes,
        contactFormEndpoint: nil
    )

    /// Pages the fuzzed one can link to: written in one, two or all languages, one folder with a slug.
    private static let fixedPages: [SourcePage] = {
        func page(_ language: String, _ id: String, slug: String? = nil) -> SourcePage {
            let frontMatter = FrontMatter(title: id, slug: slug)
            return SourcePage(language: language, id: PageID(id), file: SitePath("content/\(language)/\(id).md"),
                              frontMatter: frontMatter, body: "# \(id)\n", bodyStartLine: 1, title: id, titleFromBody: false)
        }
        return [
            page("nb", "index"), page("nb", "guide/index", slug: "veiviser"), page("nb", "guide/start"),
            page("nb", "s3/p4"), page("nb", "s3/deep/er/page"),
            page("fr", "index"), page("fr", "guide/start", slug: "début"),
            page("en", "index"), page("en", "only-en"),
        ]
    }()

    /// Where the fuzzed page sits in each language folder that gets a copy.
    static let relativePath = "guide/fuzz.md"

    @discardableResult
    public static func exercise(_ bytes: [UInt8]) -> Outcome {
        var log = DiagnosticLog()
        // Decoding as `TextFile.read` does: BOM dropped, invalid UTF-8 and NUL refused, CR and CRLF made LF.
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let decoded = body.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
        guard let decoded, !body.contains(0) else {
            // Refused as a page, but the renderer is public and takes any String.
            _ = TextFile.position(ofByte: body.firstIndex(of: 0) ?? body.startIndex, in: body)
            let lossy = String(decoding: body, as: UTF8.self)
            let rendered = MarkdownRenderer.render(lossy)
            return Outcome(isPageText: false, renders: [Render(language: "", allowsUnsafeHTML: false, html: rendered.html)], diagnostics: 0)
        }
        var text = decoded
        if body.contains(UInt8(ascii: "\r")) {
            text = text.replacingAll("\r\n", with: "\n").replacingAll("\r", with: "\n")
        }

        let loader = ContentLoader(contentDirectory: SitePath("content"), config: config)
        var written: [SourcePage] = []
        for language in ["nb", "fr"] {
            if let page = loader.parsePage(text: text, language: language, relativePath: relativePath,
                                           path: SitePath("content/\(language)/\(relativePath)"), log: &log) {
                written.append(page)
            }
        }
        let index = SiteIndex(config: config, pages: fixedPages + written, log: &log)

        var renders: [Render] = []
        var diagnostics: [Diagnostic] = []
        if written.isEmpty {
            // Broken front matter: the build stops there, but render the text anyway.
            let rendered = MarkdownRenderer.render(text)
            renders.append(Render(language: "", allowsUnsafeHTML: false, html: rendered.html))
        }
        for source in written {
            let unsafe = source.language == "fr"
            let page = index.page(source.id, in: source.language) ?? Page(
                language: source.language, kind: .written, source: source, segments: [source.language, "guide", "fuzz"],
                href: "/help/\(source.language)/guide/fuzz/", absoluteURL: "https://example.org/help/\(source.language)/guide/fuzz/")
            let html = render(page, allowsUnsafeHTML: unsafe, index: index, log: &diagnostics)
            renders.append(Render(language: source.language, allowsUnsafeHTML: unsafe, html: html))
            _ = LanguageTypography.typography(for: source.language).apply(to: source.title)
        }
        return Outcome(isPageText: true, renders: renders, diagnostics: log.diagnostics.count + diagnostics.count)
    }

    /// `PageRenderer.render` without the template: the same hooks, options and diagnostics.
    private static func render(_ page: Page, allowsUnsafeHTML: Bool, index: SiteIndex, log: inout [Diagnostic]) -> String {
        let sink = DiagnosticSink()
        let language = config.language(page.source.language) ?? config.defaultLanguage
        let rendered = PageRenderer.renderMarkdown(of: page, index: index, directives: DirectiveRenderer(facts: .empty, templates: .none, strings: StringsView(values: [])),
                                                   language: language, allowsUnsafeHTML: allowsUnsafeHTML, templateIDs: ["main": "page.mustache"], sink: sink)
        log.append(contentsOf: sink.diagnostics)
        return rendered.html
    }
}
