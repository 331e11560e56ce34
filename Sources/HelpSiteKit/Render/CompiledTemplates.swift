import HelpCore
import HelpTemplates

/// Every template compiled against the schema of the context it renders with. Names are checked here:
/// `templates/page.mustache:12:9: error: unknown name 'titel' in page (did you mean 'title'?)`.
struct CompiledTemplates: Sendable {
    let stringsSchema: ViewSchema
    let pageContext: ViewSchema
    let navigationContext: ViewSchema
    let rootContext: ViewSchema
    let contactCardContext: ViewSchema
    let contactSchema: ViewSchema
    let redirectContext: ViewSchema
    /// `page`, `404`, `home` and every other layout, by name.
    let layouts: [String: CompiledTemplate]
    let root, contactCard, navigation, switcherLinks, alternates, redirect: CompiledTemplate?
    /// The ids the templates write literally, with the file of each: headings must not take them.
    private(set) var literalIDs: [String: String] = [:]

    func hasLayout(_ name: String) -> Bool { layouts[name] != nil }

    static func compile(_ library: TemplateLibrary, stringKeys: [String], contactFields: [String]) throws -> CompiledTemplates {
        let strings = StringsView.schema(keys: stringKeys)
        let pageContext = PageContextView.schema(strings: strings)
        let navigationContext = NavigationContextView.schema(strings: strings)
        let rootContext = RootContextView.schema(strings: strings)
        let contact = ContactView.schema(fieldNames: contactFields)
        let contactCardContext = ContactCardContextView.schema(contact: contact, strings: strings)
        let redirectContext = RedirectContextView.schema(strings: strings)
        var compiler = TemplateCompiler(sources: library.sources)
        var layouts: [String: CompiledTemplate] = [:]
        for name in library.layoutNames {
            layouts[name] = compiler.compile(name, root: pageContext)
        }
        var compiled = CompiledTemplates(
            stringsSchema: strings, pageContext: pageContext, navigationContext: navigationContext, rootContext: rootContext,
            contactCardContext: contactCardContext, contactSchema: contact, redirectContext: redirectContext, layouts: layouts,
            root: compiler.compile("root", root: rootContext),
            contactCard: compiler.compile("contact-card", root: contactCardContext),
            navigation: compiler.compile("navigation", root: navigationContext),
            switcherLinks: compiler.compile("switcher-links", root: SwitcherContextView.schema),
            alternates: compiler.compile("alternates", root: AlternatesContextView.schema),
            redirect: compiler.compile("redirect", root: redirectContext))
        if !compiler.diagnostics.isEmpty { throw BuildFailure(DiagnosticLog.sorted(compiler.diagnostics)) }
        compiled.literalIDs = TemplateIDs.find(in: library)
        return compiled
    }

    /// No templates: Markdown still renders, directives report that the card template is missing.
    static let none: CompiledTemplates = try! compile(.empty, stringKeys: [], contactFields: [])
}
