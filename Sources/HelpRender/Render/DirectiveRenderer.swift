import HelpConfig
import HelpContent
import HelpCore
import HelpTemplates
import Foundation
import HelpMarkdown

/// One kind of `::: name` directive. A new directive is a type conforming to this and one entry in
/// `DirectiveRenderer.kinds`.
package protocol DirectiveKind: Sendable {
    var name: String { get }
    /// Block directives wrap the Markdown up to a closing `:::`; the others are one line.
    var takesBody: Bool { get }
    /// The HTML before and after the body (a one-line directive's whole HTML is `opening`).
    func render(_ directive: Directive, with renderer: DirectiveRenderer, language: Language, at location: FileLocation,
                log: inout [Diagnostic]) -> (opening: String, closing: String)
    /// The `facts.yaml` entities the directive shows, which the page's structured data names as organizations.
    func organizations(in directive: Directive) -> [String]
}

extension DirectiveKind {
    package func organizations(in directive: Directive) -> [String] { [] }
}

/// Dispatches directives by name, in the language the page's text is written in.
package struct DirectiveRenderer {
    package static let kinds: [String: any DirectiveKind] = {
        let all: [any DirectiveKind] = [ContactDirective(), NoteDirective()]
        return Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    }()

    package let facts: Facts
    package let templates: CompiledTemplates
    /// The strings of the language the card is written in.
    package let strings: StringsView

    package init(facts: Facts, templates: CompiledTemplates, strings: StringsView) {
        self.facts = facts
        self.templates = templates
        self.strings = strings
    }

    /// Whether a directive of this name takes a body, for pairing `:::` lines; nil for an unknown name.
    package static func takesBody(_ name: String) -> Bool? { kinds[name]?.takesBody }

    /// The facts entities a directive shows, for the page's structured data.
    package static func organizations(in directive: Directive) -> [String] { kinds[directive.name]?.organizations(in: directive) ?? [] }

    package func render(_ directive: Directive, language: Language, at location: FileLocation, log: inout [Diagnostic]) -> (opening: String, closing: String) {
        guard let kind = Self.kinds[directive.name] else {
            log.append(.error(.render, location, "unknown directive '::: \(directive.name)'" + Suggestions.didYouMean(directive.name, in: Self.kinds.keys.sorted())))
            return ("", "")
        }
        if kind.takesBody && !directive.hasBody {
            log.append(.error(.render, location, "'::: \(kind.name)' needs a body: the Markdown below it, ended by a paragraph that is only ':::'"))
            return ("", "")
        }
        if !kind.takesBody && directive.hasBody {
            log.append(.error(.render, location, "'::: \(kind.name)' is one line and takes no body; remove the closing ':::' that pairs with it"))
            return ("", "")
        }
        return kind.render(directive, with: self, language: language, at: location, log: &log)
    }
}

/// `::: note` … `:::`: an aside set off from the text, for a tip or a caution.
package struct NoteDirective: DirectiveKind {
    package let name = "note"
    package let takesBody = true

    package func render(_ directive: Directive, with renderer: DirectiveRenderer, language: Language, at location: FileLocation,
                        log: inout [Diagnostic]) -> (opening: String, closing: String) {
        guard directive.arguments.isEmpty else {
            log.append(.error(.render, location, "'::: note' takes no arguments; write the note's text below it"))
            return ("", "")
        }
        return ("<aside class=\"note\" role=\"note\">\n", "</aside>\n")
    }
}

/// `::: contact <name>`: a fact entity from `facts.yaml` through the `contact-card` template.
package struct ContactDirective: DirectiveKind {
    package let name = "contact"
    package let takesBody = false

    package func organizations(in directive: Directive) -> [String] { directive.arguments.count == 1 ? directive.arguments : [] }

    package func render(_ directive: Directive, with renderer: DirectiveRenderer, language: Language, at location: FileLocation,
                        log: inout [Diagnostic]) -> (opening: String, closing: String) {
        (renderer.contactCard(directive, language: language, at: location, log: &log), "")
    }
}

extension DirectiveRenderer {
    fileprivate func contactCard(_ directive: Directive, language: Language, at location: FileLocation, log: inout [Diagnostic]) -> String {
        guard directive.arguments.count == 1, let name = directive.arguments.first else {
            log.append(.error(.render, location, "'::: contact' takes exactly one name, e.g. '::: contact arn'"))
            return ""
        }
        guard let entity = facts.entities[name] else {
            let known = facts.entities.keys.sorted()
            let hint = known.isEmpty ? "; there is no content/facts.yaml" : Suggestions.didYouMean(name, in: known)
            log.append(.error(.render, location, "unknown contact '\(name)'" + hint))
            return ""
        }
        guard let template = templates.contactCard else {
            log.append(.error(.render, location, "'::: contact' needs a template contact-card.mustache"))
            return ""
        }
        let view = ContactCardContextView(contact: contactView(for: entity, language: language, schema: templates.contactSchema), strings: strings)
        return String(decoding: TemplateRenderer.render(template, view: view, schema: templates.contactCardContext), as: UTF8.self)
    }

    private func contactView(for entity: Facts.Entity, language: Language, schema: ViewSchema) -> ContactView {
        ContactView(values: schema.fieldNames.map { field -> ContactView.Value in
            if field == "id" { return .text(entity.name) }
            if ContactView.hoursFields.contains(field) {
                return facts.formattedHours[entity.name + "." + field]?[language.code].map { .hours(HoursView(text: $0)) } ?? .absent
            }
            guard case .text(let text)? = entity.fields[field] else { return .absent }
            switch field {
            case "phone", "fax": return .link(LinkView(display: text, url: Self.telURI(text)))
            case "website": return .link(LinkView(display: Self.displayURL(text), url: text))
            default: return .text(facts.formattedAmounts[entity.name + "." + field]?[language.code] ?? text)
            }
        })
    }

    /// `+46 8 508 860 00` → `tel:+46850886000`.
    package static func telURI(_ phone: String) -> String {
        "tel:" + phone.filter { $0 == "+" || $0.isASCII && $0.isNumber }
    }

    package static func displayURL(_ url: String) -> String {
        var display = Substring(url)
        for prefix in ["https://", "http://"] where display.hasPrefix(prefix) { display = display.dropFirst(prefix.count) }
        if display.hasSuffix("/") { display = display.dropLast() }
        return String(display)
    }
}
