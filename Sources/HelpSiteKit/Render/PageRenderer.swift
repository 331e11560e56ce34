import Foundation
import HelpMarkdown

/// Renders one page: Markdown (with links and directives resolved) into its template.
struct PageRenderer: Sendable {
    let site: SiteBuilder.LoadedSite
    let contexts: ContextBuilder
    var injectedHTML: String?

    /// The page's Markdown rendered with the site's link and directive hooks; findings go to `sink`.
    static func renderMarkdown(of page: Page, index: SiteIndex, directives: DirectiveRenderer, language: Language,
                               strings: [String: String], allowsUnsafeHTML: Bool, sink: DiagnosticSink) -> RenderedMarkdown {
        let source = page.source
        let resolver = LinkResolver(index: index)
        func location(_ position: SourcePosition) -> FileLocation {
            FileLocation(file: source.file.display, line: source.bodyStartLine - 1 + position.line, column: position.column)
        }
        let hooks = RenderHooks(
            resolveLink: { link in
                switch resolver.resolve(link.destination, from: page, at: location(link.position), log: &sink.diagnostics, fragments: &sink.fragments) {
                case .keep: return nil
                case .rewrite(let url): return url
                }
            },
            renderDirective: { directive in
                directives.render(directive, language: language, strings: strings, at: location(directive.position), log: &sink.diagnostics)
            }
        )
        let options = MarkdownOptions(allowsUnsafeHTML: allowsUnsafeHTML,
                                      typography: LanguageTypography.typography(for: source.language),
                                      extractsLeadingTitle: source.titleFromBody)
        return MarkdownRenderer.render(source.body, options: options, hooks: hooks)
    }

    /// Adds the serve-only HTML before the last `</body>`.
    func finish(_ html: String) -> String {
        guard let injectedHTML, let body = html.firstRange(of: "</body>") else { return html }
        var finished = html
        finished.insert(contentsOf: injectedHTML, at: body.lowerBound)
        return finished
    }

    struct Output {
        var html: String
        var headingIDs: [String]
        var fragmentLinks: [FragmentLink]
    }

    func render(_ page: Page, log: inout [Diagnostic]) -> Output {
        let source = page.source
        // A fallback shows the source language's text, so its typography and card labels follow that language.
        let language = site.config.language(source.language)!
        let strings = site.strings[source.language]?.values ?? [:]
        let sink = DiagnosticSink()
        let rendered = Self.renderMarkdown(of: page, index: site.index,
                                           directives: DirectiveRenderer(facts: site.facts, templates: site.templates),
                                           language: language, strings: strings,
                                           allowsUnsafeHTML: site.config.allowsUnsafeHTML, sink: sink)
        // A fallback shows its source page's text, whose own render already reports every finding in it.
        if !page.isFallback { log.append(contentsOf: sink.diagnostics) }
        let template = contexts.templateName(for: page, library: site.templates)
        guard site.templates.has(template) else {
            log.append(.error(.render, source.location("layout"),
                              "layout '\(template)' has no template \(template).mustache" + Suggestions.didYouMean(template, in: site.templates.names.sorted())))
            return Output(html: "", headingIDs: [], fragmentLinks: [])
        }
        let html = finish(site.templates.render(contexts.page(page, rendered: rendered), template: template))
        return Output(html: html, headingIDs: rendered.headings.map(\.id), fragmentLinks: page.isFallback ? [] : sink.fragments)
    }
}

/// Collects diagnostics from inside render callbacks.
final class DiagnosticSink {
    var diagnostics: [Diagnostic] = []
    var fragments: [FragmentLink] = []
}
