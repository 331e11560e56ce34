import HelpConfig
import HelpContent
import HelpCore
import HelpRender

/// `<language>/articles.json`: what the help widget (`assets/help-widget.js`) lists on a product page. Only pages
/// with `contexts:` are listed, each in the form a reader of that language gets it: the translation, or the
/// source-language page (state `fallback`, its language and a note saying so) where the translation is missing.
package struct ArticlesOutput: OutputGenerator {
    package static let fileName = "articles.json"
    /// The widget's interface text, as `strings.yaml` keys and the names the JSON gives them.
    package static let stringKeys = [("button", "helpWidgetButton"), ("title", "helpWidgetTitle"), ("close", "helpWidgetClose"),
                                     ("empty", "helpWidgetEmpty"), ("search", "helpWidgetSearch")]

    package static func path(for language: Language) -> String { "\(language.code)/\(fileName)" }

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        // A scoped build changes only translation states, and only those of listed pages matter here.
        if let scope = context.scope, !scope.pageIDs.contains(where: { Self.isListed($0, in: context.site.index) }) { return }
        for language in context.site.config.languages {
            try writer.write(Array(Self.json(for: language, site: context.site, views: context.engine.views).utf8), to: Self.path(for: language))
        }
    }

    /// Whether a page is listed in some language: it, or its source page, has `contexts:`.
    private static func isListed(_ id: PageID, in index: SiteIndex) -> Bool {
        index.translations(of: id).contains { !($0.source.frontMatter.contexts ?? []).isEmpty }
    }

    package static func json(for language: Language, site: LoadedSite, views: SiteViews) -> String {
        let config = site.config
        let source = config.defaultLanguage
        let table = site.strings[language.code]?.values ?? [:]
        var pages = site.index.pages(in: language.code)
        if language != source {
            let present = Set(pages.map(\.id))
            pages += site.index.pages(in: source.code).filter { !$0.isFallback && !present.contains($0.id) }
            pages.sort { $0.id < $1.id }
        }
        let search = config.search
            ? JSONText.quote(URLPath.href(basePath: config.basePath, segments: SearchPages.segments(for: language, strings: site.strings))) : "null"
        let header = ["{", "  \"language\": \(JSONText.quote(language.code)),", "  \"direction\": \(JSONText.quote(language.direction.rawValue)),",
                     "  \"home\": \(JSONText.quote(URLPath.href(basePath: config.basePath, segments: [language.code]))),",
                     "  \"search\": \(search),",
                     "  \"strings\": {" + stringKeys.map { "\(JSONText.quote($0.0)): \(JSONText.quote(table[$0.1] ?? ""))" }.joined(separator: ", ") + "},",
                     "  \"articles\": ["].joined(separator: "\n")
        var entries: [String] = []
        for page in pages {
            let original = site.index.page(page.id, in: source.code)
            let contexts = (page.source.frontMatter.contexts ?? original?.source.frontMatter.contexts ?? []).map(\.text)
            guard !contexts.isEmpty else { continue }
            let written = config.language(page.source.language) ?? source
            let isFallback = page.language != language.code || page.isFallback
            let state = isFallback ? "fallback" : views.translationState(of: page).replacingAll("up-to-date", with: "translated")
            var fields = [("id", JSONText.quote(page.id.path)), ("title", JSONText.quote(page.title)),
                          ("description", page.source.frontMatter.description.map(JSONText.quote) ?? "null"),
                          ("url", JSONText.quote(page.href)), ("language", JSONText.quote(written.code)),
                          ("contexts", "[" + contexts.map(JSONText.quote).joined(separator: ", ") + "]"),
                          ("state", JSONText.quote(state)),
                          ("reviewed", views.reviewDate(of: page).map { JSONText.quote($0.iso) } ?? "null")]
            if isFallback {
                let note = (table["helpWidgetInLanguage"] ?? "in {source}").replacingAll("{source}", with: written.name)
                fields.append(("note", JSONText.quote(note)))
            }
            entries.append("    {" + fields.map { "\(JSONText.quote($0.0)): \($0.1)" }.joined(separator: ", ") + "}")
        }
        return header + "\n" + entries.joined(separator: ",\n") + (entries.isEmpty ? "" : "\n") + "  ]\n}\n"
    }
}

/// `_headers` (Netlify, Cloudflare Pages) and `nginx-headers.conf`: product pages on other origins may read
/// each language's `articles.json` and the widget script (`Access-Control-Allow-Origin: *`; nothing they
/// answer depends on cookies).
package struct HeadersOutput: OutputGenerator {
    package var readsPageText: Bool { false }

    package static let netlifyFile = "_headers"
    package static let nginxFile = "nginx-headers.conf"
    package static let widgetScript = "assets/help-widget.js"

    package func generate(_ context: OutputContext, into writer: OutputWriter?, log: inout DiagnosticLog) throws {
        guard let writer else { return }
        let paths = Self.crossOriginPaths(config: context.site.config, theme: context.site.theme)
        try writer.write(Array(Self.netlify(paths).utf8), to: Self.netlifyFile)
        try writer.write(Array(Self.nginx(paths).utf8), to: Self.nginxFile)
    }

    /// Each language's `articles.json`, and the widget script when the theme ships it, with the base path.
    package static func crossOriginPaths(config: SiteConfig, theme: Theme) -> [String] {
        let files = config.languages.map(ArticlesOutput.path(for:)) + (theme.assets.contains { $0.relativePath == widgetScript } ? [widgetScript] : [])
        return files.map { config.basePath + $0 }
    }

    package static func netlify(_ paths: [String]) -> String {
        "# Written by helpsite: product pages on other origins read these (the help widget).\n"
            + paths.map { "\($0)\n  Access-Control-Allow-Origin: *\n" }.joined()
    }

    /// Exact-match `location` blocks; they serve the file from the server block's `root`, as any other file.
    package static func nginx(_ paths: [String]) -> String {
        "# Written by helpsite: product pages on other origins read these (the help widget). Include it inside the site's server block.\n"
            + paths.map { "location = \"\($0)\" { add_header Access-Control-Allow-Origin \"*\" always; }\n" }.joined()
    }
}
