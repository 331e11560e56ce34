import HelpCore
import Foundation
import HelpSiteKit
import Testing

@Suite struct StructuredDataTests {
    static func site() throws -> FixtureSite {
        try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/arn.md": "---\ntitle: \"ARN </script><!-- & \\\"co\\\"\"\nreviewed: 2026-11-20\n---\n::: contact arn\n",
            "content/nb/plain.md": "---\ntitle: Enkel\n---\nTekst.\n",
            "content/en/index.md": "---\ntitle: Home\n---\nHello.\n",
            "content/facts.yaml": """
                arn:
                  name: Allmänna reklamationsnämnden (ARN)
                  website: https://arn.se/
                  phone: +46 8 508 860 00
                  email: arn@arn.se
                  phoneHours:
                    - "09:00-12:00"
                """,
        ])
    }

    /// Every JSON-LD block of a page, parsed; a block that is not JSON fails the test.
    static func blocks(_ html: String) throws -> [[String: Any]] {
        try html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().map { rest in
            let json = rest.components(separatedBy: "</script>")[0]
            return try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "not a JSON object: \(json)")
        }
    }

    static func nodes(_ html: String) throws -> [String: [String: Any]] {
        var byType: [String: [String: Any]] = [:]
        for block in try blocks(html) {
            for node in block["@graph"] as? [[String: Any]] ?? [block] { byType[node["@type"] as? String ?? "?"] = node }
        }
        return byType
    }

    @Test func aPageWithAFactsCardDescribesThePageItsBreadcrumbsAndTheOrganisation() throws {
        let site = try Self.site()
        try site.build()
        let html = try site.read("public/nb/arn/index.html")
        // The title's </script> cannot end the block early.
        #expect(!html.contains("ARN </script>"))
        #expect(try Self.blocks(html).count == 1)
        let nodes = try Self.nodes(html)
        #expect(Set(nodes.keys) == ["WebPage", "BreadcrumbList", "Organization"])
        let page = try #require(nodes["WebPage"])
        #expect(page["name"] as? String == "ARN </script><!-- & \"co\"")
        #expect(page["inLanguage"] as? String == "nb")
        #expect(page["dateModified"] as? String == "2026-11-20")
        #expect(page["url"] as? String == "https://help.example.org/nb/arn/")
        let items = try #require(nodes["BreadcrumbList"]?["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["item"] as? String } == ["https://help.example.org/nb/", "https://help.example.org/nb/arn/"])
        #expect(items.map { $0["position"] as? Int } == [1, 2])
        let organization = try #require(nodes["Organization"])
        #expect(organization["name"] as? String == "Allmänna reklamationsnämnden (ARN)")
        let contact = try #require(organization["contactPoint"] as? [String: Any])
        #expect(contact["@type"] as? String == "ContactPoint")
        #expect(contact["telephone"] as? String == "+46 8 508 860 00")
        #expect(contact["email"] as? String == "arn@arn.se")
        let hours = try #require(contact["hoursAvailable"] as? [[String: Any]])
        #expect(hours.first?["opens"] as? String == "09:00" && hours.first?["closes"] as? String == "12:00")
    }

    @Test func aPageWithoutCardHasNoOrganisationAndNoDateItDoesNotKnow() throws {
        let site = try Self.site()
        try site.build()
        let nodes = try Self.nodes(try site.read("public/nb/plain/index.html"))
        #expect(Set(nodes.keys) == ["WebPage", "BreadcrumbList"])
        #expect(nodes["WebPage"]?["dateModified"] == nil)
    }

    @Test func aFallbackPageCarriesTheLanguageItsTextIsWrittenIn() throws {
        let site = try Self.site()
        try site.build()
        let nodes = try Self.nodes(try site.read("public/en/plain/index.html"))
        #expect(nodes["WebPage"]?["inLanguage"] as? String == "nb")
        #expect(nodes["WebPage"]?["url"] as? String == "https://help.example.org/en/plain/")
        // The English home is written in English.
        #expect(try Self.nodes(try site.read("public/en/index.html"))["WebPage"]?["inLanguage"] as? String == "en")
    }
}
