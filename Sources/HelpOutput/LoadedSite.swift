import Foundation
import HelpConfig
import HelpContent
import HelpCore
import HelpRender

/// Everything up to (not including) writing: the site as a value, ready to render.
public struct LoadedSite: Sendable {
    public var config: SiteConfig
    public var index: SiteIndex
    /// Every page read, drafts excepted, for the translation status.
    public var pages: [SourcePage]
    package var strings: [String: StringTable]
    package var facts: Facts
    package var theme: Theme
    package var templates: TemplateLibrary
    /// The templates checked against the views' schemas, ready to render.
    package var compiled: CompiledTemplates
    /// Every path the build writes and its owner.
    package var plan: OutputPlan
    /// `--cache`: the pages as parsed, for the next build (saved with the render cache), and those of them read
    /// and parsed rather than taken from the page index.
    package var indexCache: (cache: PageIndexCache, pages: [SourcePage], reparsed: [SourcePage])?
    /// Pages read and parsed, not taken from the page index cache.
    package var parsedPages = 0
    public var diagnostics: [Diagnostic]

    package init(config: SiteConfig, index: SiteIndex, pages: [SourcePage], strings: [String: StringTable], facts: Facts, theme: Theme,
                 templates: TemplateLibrary, compiled: CompiledTemplates, plan: OutputPlan,
                 indexCache: (cache: PageIndexCache, pages: [SourcePage], reparsed: [SourcePage])?, parsedPages: Int, diagnostics: [Diagnostic]) {
        self.config = config
        self.index = index
        self.pages = pages
        self.strings = strings
        self.facts = facts
        self.theme = theme
        self.templates = templates
        self.compiled = compiled
        self.plan = plan
        self.indexCache = indexCache
        self.parsedPages = parsedPages
        self.diagnostics = diagnostics
    }
}

extension PageRenderer {
    package init(site: LoadedSite, engine: RenderEngine) {
        self.init(facts: site.facts, templateNames: site.templates.names.sorted(), engine: engine)
    }
}
