import HelpCore
import HelpTemplates

/// Every template compiled against the schema of the context it renders with. Names are checked here:
/// `templates/page.mustache:12:9: error: unknown name 'titel' in page (did you mean 'title'?)`.
package struct CompiledTemplates: Sendable {
    package let stringsSchema: ViewSchema
    package let pageContext: ViewSchema
    package let navigationContext: ViewSchema
    package let rootContext: ViewSchema
    package let contactCardContext: ViewSchema
    package let contactSchema: ViewSchema
    package let redirectContext: ViewSchema
    /// `page`, `404`, `home` and every other layout, by name.
    package let layouts: [String: CompiledTemplate]
    package let root, contactCard, navigation, switcherLinks, alternates, redirect: CompiledTemplate?
    /// The ids the templates write literally, with the file of each: headings must not take them.
    package private(set) var literalIDs: [String: String] = [:]

    package func hasLayout(_ name: String) -> Bool { layouts[name] != nil }

    package static func compile(_ library: TemplateLibrary, stringKeys: [String], contactFields: [String]) throws -> CompiledTemplates {
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
    package static let none: CompiledTemplates = try! compile(.empty, stringKeys: [], contactFields: [])
}
