import Foundation
import HelpMarkdown

/// Renders `::: contact <name>` from the shared facts through the `contact` template, in the page's language.
struct DirectiveRenderer {
    static let directives = ["contact"]

    let facts: Facts
    let templates: TemplateLibrary

    func render(_ directive: Directive, language: Language, strings: [String: String], at location: FileLocation, log: inout [Diagnostic]) -> String {
        guard directive.name == "contact" else {
            log.append(.error(.render, location, "unknown directive '::: \(directive.name)'" + Suggestions.didYouMean(directive.name, in: Self.directives)))
            return ""
        }
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
        guard templates.has("contact-card") else {
            log.append(.error(.render, location, "'::: contact' needs a template contact-card.mustache"))
            return ""
        }
        return templates.render(["contact": context(for: entity, language: language), "strings": strings], template: "contact-card")
    }

    private func context(for entity: Facts.Entity, language: Language) -> [String: Any] {
        var context: [String: Any] = ["id": entity.name]
        for (field, value) in entity.fields {
            switch value {
            case .text(let text): context[field] = text
            case .list(let items): context[field] = items
            }
        }
        if case .text(let phone)? = entity.fields["phone"] { context["phone"] = ["display": phone, "tel": Self.telURI(phone)] }
        if case .text(let fax)? = entity.fields["fax"] { context["fax"] = ["display": fax, "tel": Self.telURI(fax)] }
        if case .text(let website)? = entity.fields["website"] {
            context["website"] = ["url": website, "display": Self.displayURL(website)]
        }
        if let hours = facts.formattedHours[entity.name]?[language.code] {
            context["openingHours"] = ["ranges": hours.ranges, "text": hours.text]
        }
        return context
    }

    /// `+46 8 508 860 00` → `tel:+46850886000`.
    static func telURI(_ phone: String) -> String {
        "tel:" + phone.filter { $0 == "+" || $0.isASCII && $0.isNumber }
    }

    static func displayURL(_ url: String) -> String {
        var display = Substring(url)
        for prefix in ["https://", "http://"] where display.hasPrefix(prefix) { display = display.dropFirst(prefix.count) }
        if display.hasSuffix("/") { display = display.dropLast() }
        return String(display)
    }
}

/// `09:00-12:00` rendered as the locale writes a time range: `09:00–12:00` (nb), `9.00–12.00` (fi).
enum OpeningHours {
    /// One formatter for all ranges: building it (ICU pattern generation) costs far more than using it.
    static func format(_ ranges: [String], locale: Locale) -> [String] {
        let formatter = DateIntervalFormatter()
        formatter.locale = locale
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateStyle = .none
        formatter.timeStyle = .short
        return ranges.map { range in
            let parts = range.split(separator: "-").map { $0.trimmingSpacesAndNewlines() }
            guard parts.count == 2, let start = time(parts[0]), let end = time(parts[1]) else { return range }
            return formatter.string(from: start, to: end)
        }
    }

    private static func time(_ text: String) -> Date? {
        let pieces = text.split(separator: ":")
        guard pieces.count == 2, let hour = Int(pieces[0]), let minute = Int(pieces[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(hour * 3600 + minute * 60))
    }
}
