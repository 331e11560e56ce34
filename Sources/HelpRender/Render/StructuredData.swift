import HelpConfig
import HelpContent
import HelpCore
import Foundation

/// A page's schema.org JSON-LD: the `WebPage`, its `BreadcrumbList` and, for every facts card the page shows,
/// the `Organization` with its `ContactPoint`. Written as JSON that is safe inside `<script>`.
package enum StructuredData {
    package static func json(for page: Page, views: SiteViews, breadcrumbs: [BreadcrumbView], organizations: [Facts.Entity]) -> String {
        let organizationNodes = organizations.map { Organization($0, id: page.absoluteURL + "#org-" + $0.name) }
        let webPage = WebPage(
            type: "WebPage", id: page.absoluteURL, url: page.absoluteURL, name: page.title, description: page.source.frontMatter.description,
            inLanguage: page.source.language, dateModified: views.reviewDate(of: page)?.iso,
            website: (views.config.title, views.config.baseURL), breadcrumb: page.absoluteURL + "#breadcrumb",
            about: organizationNodes.isEmpty ? nil : organizationNodes.map(\.id))
        return encode(webPage, breadcrumbs: breadcrumbs, organizations: organizationNodes, config: views.config)
    }

    /// A language's search page: a `SearchResultsPage` under the language home.
    package static func searchPage(url: String, title: String, language: Language, views: SiteViews) -> String {
        let absolute = SiteConfig.origin(ofAbsoluteURL: views.config.baseURL) + url
        var breadcrumbs: [BreadcrumbView] = []
        if let home = views.home(of: language.code) {
            breadcrumbs.append(BreadcrumbView(title: views.string("home", in: language.code) ?? home.title, url: home.url, isCurrent: false))
        }
        breadcrumbs.append(BreadcrumbView(title: title, url: url, isCurrent: true))
        let webPage = WebPage(
            type: "SearchResultsPage", id: absolute, url: absolute, name: title, description: nil, inLanguage: language.code,
            dateModified: nil, website: (views.config.title, views.config.baseURL), breadcrumb: absolute + "#breadcrumb", about: nil)
        return encode(webPage, breadcrumbs: breadcrumbs, organizations: [], config: views.config)
    }

    private static func encode(_ webPage: WebPage, breadcrumbs: [BreadcrumbView], organizations: [Organization], config: SiteConfig) -> String {
        let origin = SiteConfig.origin(ofAbsoluteURL: config.baseURL)
        let items = breadcrumbs.enumerated().map { position, crumb in
            ListItem(position: position + 1, name: crumb.title, item: crumb.url.map { origin + $0 }).json
        }
        var list = JSONObject()
        list.add("@type", "BreadcrumbList")
        list.add("@id", webPage.breadcrumb)
        list.add("itemListElement", raw: JSONObject.array(items))
        var graph = JSONObject()
        graph.add("@context", "https://schema.org")
        graph.add("@graph", raw: JSONObject.array([webPage.json, list.text] + organizations.map(\.json)))
        return graph.text
    }

    /// A JSON object written member by member, keys sorted, every string through `JSONText.quote`, which also
    /// makes it safe inside `<script>`: a page's JSON-LD was a sixth of a build through `JSONEncoder`.
    private struct JSONObject {
        private var members: [(key: String, json: String)] = []

        mutating func add(_ key: String, _ text: String?) {
            if let text { members.append((key, JSONText.quote(text))) }
        }

        mutating func add(_ key: String, raw json: String?) {
            if let json { members.append((key, json)) }
        }

        var text: String {
            "{" + members.sorted { $0.key < $1.key }.map { JSONText.quote($0.key) + ":" + $0.json }.joined(separator: ",") + "}"
        }

        static func array(_ elements: [String]) -> String { "[" + elements.joined(separator: ",") + "]" }

        static func reference(_ id: String) -> String {
            var object = JSONObject()
            object.add("@id", id)
            return object.text
        }
    }

    private struct WebPage {
        /// `WebPage`, or a subtype such as `SearchResultsPage`.
        let type: String
        let id, url, name: String
        let description: String?
        let inLanguage: String
        let dateModified: String?
        let website: (name: String, url: String)
        let breadcrumb: String
        let about: [String]?

        var json: String {
            var object = JSONObject()
            object.add("@type", type)
            object.add("@id", id)
            object.add("url", url)
            object.add("name", name)
            object.add("description", description)
            object.add("inLanguage", inLanguage)
            object.add("dateModified", dateModified)
            var site = JSONObject()
            site.add("@type", "WebSite")
            site.add("name", website.name)
            site.add("url", website.url)
            object.add("isPartOf", raw: site.text)
            object.add("breadcrumb", raw: JSONObject.reference(breadcrumb))
            object.add("about", raw: about.map { JSONObject.array($0.map(JSONObject.reference)) })
            return object.text
        }
    }

    private struct ListItem {
        let position: Int
        let name: String
        let item: String?

        var json: String {
            var object = JSONObject()
            object.add("@type", "ListItem")
            object.add("position", raw: String(position))
            object.add("name", name)
            object.add("item", item)
            return object.text
        }
    }

    private struct Organization {
        let id, name: String
        let url, address: String?
        let telephone, email: String?
        let hours: [(opens: String, closes: String)]

        init(_ entity: Facts.Entity, id: String) {
            func text(_ field: String) -> String? {
                if case .text(let value)? = entity.fields[field] { return value }
                return nil
            }
            self.id = id
            name = text("name") ?? entity.name
            url = text("website")
            address = text("postalAddress") ?? text("visitingAddress")
            hours = ContactView.hoursFields.flatMap { field -> [(opens: String, closes: String)] in
                guard case .list(let ranges)? = entity.fields[field] else { return [] }
                return ranges.compactMap(Self.openingHours)
            }
            telephone = text("phone")
            email = text("email")
        }

        /// `09:00-12:00` as an `OpeningHoursSpecification`'s times.
        private static func openingHours(_ range: String) -> (opens: String, closes: String)? {
            let parts = range.split(separator: "-").map { $0.trimmingSpacesAndNewlines() }
            guard parts.count == 2, parts.allSatisfy({ $0.count == 5 && $0.dropFirst(2).first == ":" }) else { return nil }
            return (parts[0], parts[1])
        }

        var json: String {
            var object = JSONObject()
            object.add("@type", "Organization")
            object.add("@id", id)
            object.add("name", name)
            object.add("url", url)
            object.add("address", address)
            if telephone != nil || email != nil {
                var point = JSONObject()
                point.add("@type", "ContactPoint")
                point.add("contactType", "customer service")
                point.add("telephone", telephone)
                point.add("email", email)
                if !hours.isEmpty {
                    point.add("hoursAvailable", raw: JSONObject.array(hours.map { range in
                        var specification = JSONObject()
                        specification.add("@type", "OpeningHoursSpecification")
                        specification.add("opens", range.opens)
                        specification.add("closes", range.closes)
                        return specification.text
                    }))
                }
                object.add("contactPoint", raw: point.text)
            }
            return object.text
        }
    }
}
