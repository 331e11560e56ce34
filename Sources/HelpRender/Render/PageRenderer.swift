import HelpConfig
import HelpContent
import HelpCore
import Foundation
import HelpMarkdown

/// Renders one page: Markdown (with links and directives resolved) into its template.
package struct PageRenderer: Sendable {
    package let facts: Facts
    /// The site's template names, for the "did you mean" of a layout without a template.
    package let templateNames: [String]
    package let engine: RenderEngine

    package init(facts: Facts, templateNames: [String], engine: RenderEngine) {
        self.facts = facts
        self.templateNames = templateNames
        self.engine = engine
    }

    /// The page's Markdown rendered with the site's link and directive hooks; findings go to `sink`.
    package static func renderMarkdown(of page: Page, index: SiteIndex, directives: DirectiveRenderer, language: Language,
                                       allowsUnsafeHTML: Bool, templateIDs: [String: String], sink: DiagnosticSink) -> RenderedMarkdown {
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
                sink.note(organizations: DirectiveRenderer.organizations(in: directive))
                return directives.render(directive, language: language, at: location(directive.position), log: &sink.diagnostics).opening
            },
            renderBlockDirective: { directive in
                sink.note(organizations: DirectiveRenderer.organizations(in: directive))
                return directives.render(directive, language: language, at: location(directive.position), log: &sink.diagnostics)
            },
            takesBody: DirectiveRenderer.takesBody,
            strayCloser: { position, oneLine in
                let reason = oneLine.map { "'::: \($0)' above is one line and takes no body" } ?? "no block directive such as '::: note' is open"
                sink.diagnostics.append(.error(.render, location(position), "this ':::' closes nothing: \(reason); remove it"))
            }
        )
        let options = MarkdownOptions(allowsUnsafeHTML: allowsUnsafeHTML,
                                      typography: LanguageTypography.typography(for: source.language),
                                      extractsLeadingTitle: source.titleFromBody,
                                      reservedIDs: Set(templateIDs.keys))
        let body: String
        do { body = try source.readBody(limit: index.config.maxPageBytes) } catch {
            sink.diagnostics.append(error.diagnostic)
            return MarkdownRenderer.render("", options: options, hooks: hooks)
        }
        // Checked when the page was read; checked again because the file may have changed since, and cmark must
        // never see text over the limits.
        if let violation = MarkdownLimits.check(body) {
            sink.diagnostics.append(.error(.render, location(violation.position), violation.message))
            return MarkdownRenderer.render("", options: options, hooks: hooks)
        }
        let rendered = MarkdownRenderer.render(body, options: options, hooks: hooks)
        sink.diagnostics += HeadingIDCheck.diagnostics(rendered.headings, templateIDs: templateIDs, location: location)
        if !allowsUnsafeHTML { sink.diagnostics += UnsafeLinks.diagnostics(rendered.links, location: location) }
        return rendered
    }

    package struct Output {
        package var html: [UInt8]
        package var headingIDs: [String]
        package var fragmentLinks: [FragmentLink]
    }

    package func render(_ page: Page, log: inout [Diagnostic]) -> Output {
        let source = page.source
        // A fallback shows the source language's text, so its typography and card labels follow that language.
        let language = engine.config.language(source.language)!
        let sink = DiagnosticSink()
        let directives = DirectiveRenderer(facts: facts, templates: engine.templates, strings: engine.views.strings(source.language))
        let rendered = Self.renderMarkdown(of: page, index: engine.views.index, directives: directives, language: language,
                                           allowsUnsafeHTML: engine.config.allowsUnsafeHTML, templateIDs: engine.templates.literalIDs, sink: sink)
        // A fallback shows its source page's text, whose own render already reports every finding in it.
        if !page.isFallback { log.append(contentsOf: sink.diagnostics) }
        guard let html = engine.renderPage(page, rendered: rendered, organizations: sink.contacts.compactMap { facts.entities[$0] }) else {
            let template = engine.templateName(for: page)
            log.append(.error(.render, source.location("layout"),
                              "layout '\(template)' has no template \(template).mustache" + Suggestions.didYouMean(template, in: templateNames)))
            return Output(html: [], headingIDs: [], fragmentLinks: [])
        }
        return Output(html: html, headingIDs: rendered.headings.map(\.id), fragmentLinks: page.isFallback ? [] : sink.fragments)
    }
}

/// Collects diagnostics from inside render callbacks.
package final class DiagnosticSink {
    package init() {}

    package var diagnostics: [Diagnostic] = []
    package var fragments: [FragmentLink] = []
    /// The facts entities the page's directives show, in order.
    package var contacts: [String] = []

    package func note(organizations: [String]) {
        for name in organizations where !contacts.contains(name) { contacts.append(name) }
    }
}
