import HelpContent
import HelpCore
import HelpTemplates

/// The context of `contact-card`: one entity of `facts.yaml` and the strings of the page's language.
package final class ContactCardContextView: Sendable {
    package let contact: ContactView
    package let strings: StringsView

    package init(contact: ContactView, strings: StringsView) {
        self.contact = contact
        self.strings = strings
    }

    package static func schema(contact: ViewSchema, strings: ViewSchema) -> ViewSchema {
        ViewSchema.of(ContactCardContextView.self, name: "contact-card context") { f in
            f.object("contact", { contact }) { $0.contact }
            f.object("strings", { strings }) { $0.strings }
        }
    }
}

/// One fact entity. Its schema lists the fields the card knows (with structure) and every other field
/// `facts.yaml` uses, so a template naming a field no fact has is an error.
package final class ContactView: Sendable {
    package enum Value: Sendable {
        case absent
        case text(String)
        case link(LinkView)
        case hours(HoursView)
    }

    package let values: [Value]

    package init(values: [Value]) { self.values = values }

    package static let linkFields = ["website", "phone", "fax"]
    package static let hoursFields = Facts.hoursFields
    /// Facts fields that record where a fact comes from; never shown on a card.
    package static let provenanceFields = ["source", "checked"]

    package static func fieldNames(facts: Facts) -> [String] {
        var names: Set<String> = ["id", "name", "registrationNumber", "postalAddress", "visitingAddress", "email", "applicationFee"]
        names.formUnion(linkFields)
        names.formUnion(hoursFields)
        for entity in facts.entities.values { names.formUnion(entity.fields.keys) }
        return names.subtracting(provenanceFields).sorted()
    }

    package static func schema(fieldNames: [String]) -> ViewSchema {
        ViewSchema(name: "contact", fields: fieldNames.enumerated().map { slot, name in
            let kind: ViewSchema.Kind = linkFields.contains(name) ? .object({ LinkView.schema })
                : hoursFields.contains(name) ? .object({ HoursView.schema }) : .scalar
            return ViewSchema.Field(name: name, kind: kind) { view in
                switch unsafeDowncast(view, to: ContactView.self).values[slot] {
                case .absent: .absent
                case .text(let text): .text(text)
                case .link(let link): .object(link)
                case .hours(let hours): .object(hours)
                }
            }
        })
    }
}

/// A website, phone or fax: what to show and where it links.
package final class LinkView: Sendable {
    package let display, url: String
    package init(display: String, url: String) { self.display = display; self.url = url }

    package static let schema = ViewSchema.of(LinkView.self, name: "contact link") { f in
        f.text("display") { $0.display }
        f.text("url") { $0.url }
        f.text("tel") { $0.url }
    }
}

/// Opening or phone hours as the page's language writes them.
package final class HoursView: Sendable {
    package let text: String
    package init(text: String) { self.text = text }

    package static let schema = ViewSchema.of(HoursView.self, name: "hours") { f in
        f.text("text") { $0.text }
    }
}
