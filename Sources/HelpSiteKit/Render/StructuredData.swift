import Foundation

/// A page's schema.org JSON-LD: the `WebPage`, its `BreadcrumbList` and, for every facts card the page shows,
/// the `Organization` with its `ContactPoint`. Encoded by `JSONEncoder`, then made safe inside `<script>`.
enum StructuredData {
    static func json(for page: Page, views: SiteViews, breadcrumbs: [BreadcrumbView], organizations: [Facts.Entity]) -> String {
        let organizationNodes = organizations.map { Organization($0, id: page.absoluteURL + "#org-" + $0.name) }
        let webPage = WebPage(
            type: "WebPage", id: page.absoluteURL, url: page.absoluteURL, name: page.title, description: page.source.frontMatter.description,
            inLanguage: page.source.language, dateModified: views.reviewDate(of: page)?.iso,
            isPartOf: WebSite(name: views.config.title, url: views.config.baseURL), breadcrumb: Reference(id: page.absoluteURL + "#breadcrumb"),
            about: organizationNodes.isEmpty ? nil : organizationNodes.map { Reference(id: $0.id) })
        return encode(webPage, breadcrumbs: breadcrumbs, organizations: organizationNodes, config: views.config)
    }

    /// A language's search page: a `SearchResultsPage` under the language home.
    static func searchPage(url: String, title: String, language: Language, views: SiteViews) -> String {
        let absolute = SiteConfig.origin(ofAbsoluteURL: views.config.baseURL) + url
        var breadcrumbs: [BreadcrumbView] = []
        if let home = views.home(of: language.code) {
            breadcrumbs.append(BreadcrumbView(title: views.string("home", in: language.code) ?? home.title, url: home.url, isCurrent: false))
        }
        breadcrumbs.append(BreadcrumbView(title: title, url: url, isCurrent: true))
        let webPage = WebPage(
            type: "SearchResultsPage", id: absolute, url: absolute, name: title, description: nil, inLanguage: language.code,
            dateModified: nil, isPartOf: WebSite(name: views.config.title, url: views.config.baseURL),
            breadcrumb: Reference(id: absolute + "#breadcrumb"), about: nil)
        return encode(webPage, breadcrumbs: breadcrumbs, organizations: [], config: views.config)
    }

    private static func encode(_ webPage: WebPage, breadcrumbs: [BreadcrumbView], organizations: [Organization], config: SiteConfig) -> String {
        let origin = SiteConfig.origin(ofAbsoluteURL: config.baseURL)
        let list = BreadcrumbList(id: webPage.breadcrumb.id, itemListElement: breadcrumbs.enumerated().map { position, crumb in
            ListItem(position: position + 1, name: crumb.title, item: crumb.url.map { origin + $0 })
        })
        let graph = Graph(graph: [.webPage(webPage), .breadcrumbs(list)] + organizations.map(Node.organization))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(graph)) ?? Data("{}".utf8)
        return scriptSafe(String(decoding: data, as: UTF8.self))
    }

    /// JSON whose text cannot end its `<script>` element or start a comment: `<`, `>` and `&` only occur
    /// inside strings in JSON, where their `\u` escapes mean the same.
    static func scriptSafe(_ json: String) -> String {
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private struct Graph: Encodable {
        let context = "https://schema.org"
        let graph: [Node]
        enum CodingKeys: String, CodingKey { case context = "@context", graph = "@graph" }
    }

    private enum Node: Encodable {
        case webPage(WebPage)
        case breadcrumbs(BreadcrumbList)
        case organization(Organization)

        func encode(to encoder: Encoder) throws {
            switch self {
            case .webPage(let node): try node.encode(to: encoder)
            case .breadcrumbs(let node): try node.encode(to: encoder)
            case .organization(let node): try node.encode(to: encoder)
            }
        }
    }

    private struct Reference: Encodable {
        let id: String
        enum CodingKeys: String, CodingKey { case id = "@id" }
    }

    private struct WebSite: Encodable {
        let type = "WebSite"
        let name, url: String
        enum CodingKeys: String, CodingKey { case type = "@type", name, url }
    }

    private struct WebPage: Encodable {
        /// `WebPage`, or a subtype such as `SearchResultsPage`.
        let type: String
        let id, url, name: String
        let description: String?
        let inLanguage: String
        let dateModified: String?
        let isPartOf: WebSite
        let breadcrumb: Reference
        let about: [Reference]?
        enum CodingKeys: String, CodingKey { case type = "@type", id = "@id", url, name, description, inLanguage, dateModified, isPartOf, breadcrumb, about }
    }

    private struct BreadcrumbList: Encodable {
        let type = "BreadcrumbList"
        let id: String
        let itemListElement: [ListItem]
        enum CodingKeys: String, CodingKey { case type = "@type", id = "@id", itemListElement }
    }

    private struct ListItem: Encodable {
        let type = "ListItem"
        let position: Int
        let name: String
        let item: String?
        enum CodingKeys: String, CodingKey { case type = "@type", position, name, item }
    }

    private struct Organization: Encodable {
        let type = "Organization"
        let id, name: String
        let url, address: String?
        let contactPoint: ContactPoint?

        init(_ entity: Facts.Entity, id: String) {
            func text(_ field: String) -> String? {
                if case .text(let value)? = entity.fields[field] { return value }
                return nil
            }
            self.id = id
            name = text("name") ?? entity.name
            url = text("website")
            address = text("postalAddress") ?? text("visitingAddress")
            let hours = ContactView.hoursFields.flatMap { field -> [OpeningHours] in
                guard case .list(let ranges)? = entity.fields[field] else { return [] }
                return ranges.compactMap(OpeningHours.init)
            }
            let telephone = text("phone"), email = text("email")
            contactPoint = telephone == nil && email == nil ? nil
                : ContactPoint(telephone: telephone, email: email, hoursAvailable: hours.isEmpty ? nil : hours)
        }

        enum CodingKeys: String, CodingKey { case type = "@type", id = "@id", name, url, address, contactPoint }
    }

    private struct ContactPoint: Encodable {
        let type = "ContactPoint"
        let contactType = "customer service"
        let telephone, email: String?
        let hoursAvailable: [OpeningHours]?
        enum CodingKeys: String, CodingKey { case type = "@type", contactType, telephone, email, hoursAvailable }
    }

    /// `09:00-12:00` as an `OpeningHoursSpecification`.
    private struct OpeningHours: Encodable {
        let type = "OpeningHoursSpecification"
        let opens, closes: String

        init?(_ range: String) {
            let parts = range.split(separator: "-").map { $0.trimmingSpacesAndNewlines() }
            guard parts.count == 2, parts.allSatisfy({ $0.count == 5 && $0.dropFirst(2).first == ":" }) else { return nil }
            opens = parts[0]
            closes = parts[1]
        }

        enum CodingKeys: String, CodingKey { case type = "@type", opens, closes }
    }
}
