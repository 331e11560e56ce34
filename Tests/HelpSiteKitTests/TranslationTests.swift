import HelpCore
import Foundation
import HelpSiteKit
import Testing

@Suite struct TranslationTests {
    static let files: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen. Se [ARN](arn.md#kontakt).\n",
        "content/nb/arn.md": "---\ntitle: ARN\nslug: arn\n---\n## Kontakt {#kontakt}\n\nSkriv til ARN.\n",
        "content/nb/klage.md": "---\ntitle: Klage\n---\nKlag her.\n",
        "content/de/index.md": "---\ntitle: Start\n---\nWillkommen. Siehe [ARN](arn.md#kontakt).\n",
        "content/de/arn.md": "---\ntitle: ARN\n---\n## Kontakt {#kontakt}\n\nSchreiben Sie an ARN.\n",
        "content/de/klage.md": "---\ntitle: Beschwerde\nslug: beschwerde\n---\nHier.\n",
        "content/de/strings.yaml": "notTranslated: \"Diese Seite gibt es noch nicht auf {language}. Hier ist sie auf {source}.\"\noutdatedTranslation: \"Diese Übersetzung ist vielleicht veraltet. Lesen Sie die aktuelle Fassung auf {source}.\"\n",
        "content/nb/strings.yaml": "notTranslated: \"Denne siden finnes ikke på {language} ennå. Her er den på {source}.\"\noutdatedTranslation: \"Oversettelsen kan være utdatert. Les siste versjon på {source}.\"\n",
    ]
    static let config = "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, de]\n"

    func stampAll(_ site: FixtureSite) {
        let result = site.run(["stamp", "--content", site.path("content"), site.path("content/de/index.md"), site.path("content/de/arn.md"), site.path("content/de/klage.md")])
        #expect(result.status == 0, "\(result.err)")
    }

    func states(_ site: FixtureSite) throws -> [String: String] {
        let result = site.run(["status", "--content", site.path("content"), "--format", "json"])
        #expect(result.status == 0, "\(result.err)")
        let json = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as! [String: Any]
        var states: [String: String] = [:]
        for page in json["pages"] as! [[String: Any]] {
            let translations = page["translations"] as! [String: [String: Any]]
            states[page["id"] as! String] = translations["de"]?["state"] as? String
        }
        return states
    }

    @Test func editingTheSourceFlipsExactlyItsTranslations() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        #expect(try states(site) == ["index": "unstamped", "arn": "unstamped", "klage": "unstamped"])
        stampAll(site)
        #expect(try states(site) == ["index": "up-to-date", "arn": "up-to-date", "klage": "up-to-date"])

        try site.write("content/nb/arn.md", "---\ntitle: ARN\nslug: arn\n---\n## Kontakt {#kontakt}\n\nSkriv til ARN i dag.\n")
        #expect(try states(site) == ["index": "up-to-date", "arn": "outdated", "klage": "up-to-date"])

        #expect(site.run(["status", "--content", site.path("content"), "--stamp", site.path("content/de/arn.md")]).status == 0)
        #expect(try states(site) == ["index": "up-to-date", "arn": "up-to-date", "klage": "up-to-date"])
    }

    @Test func whitespaceOnlyEditsChangeNothing() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        stampAll(site)
        try site.write("content/nb/arn.md", "---\ntitle:   ARN\nslug: arn\n---\n\n## Kontakt   {#kontakt}\n\nSkriv\ntil ARN.   \n\n\n")
        #expect(try states(site)["arn"] == "up-to-date")
    }

    @Test func missingTranslationIsAnHonestFallback() throws {
        var files = Self.files
        files["content/de/klage.md"] = nil
        let site = try FixtureSite(files, config: Self.config)
        #expect(try states(site)["klage"] == "missing")
        try site.build()
        let fallback = try site.read("public/de/klage/index.html")
        #expect(fallback.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(fallback.contains("Diese Seite gibt es noch nicht auf Deutsch. Hier ist sie auf norsk bokmål."))
        #expect(fallback.contains("lang=\"nb\""))
        #expect(fallback.contains("<p>Klag her.</p>"))
        #expect(!fallback.contains("hreflang=\"de\" href=\"https://help.example.org/de/klage/\""))
        #expect(fallback.contains("<link rel=\"canonical\" href=\"https://help.example.org/nb/klage/\">"))
        let source = try site.read("public/nb/klage/index.html")
        #expect(source.contains("<a href=\"/de/klage/\" lang=\"de\" hreflang=\"de\" class=\"is-unavailable\">"))
        #expect(!source.contains("<link rel=\"alternate\" hreflang=\"de\""))
        let sitemap = try site.read("public/sitemap.xml")
        #expect(!sitemap.contains("/de/klage/"))
    }

    @Test func fallbackOmitLeavesThePageOut() throws {
        var files = Self.files
        files["content/de/klage.md"] = nil
        let site = try FixtureSite(files, config: Self.config + "fallback: omit\n")
        try site.build()
        #expect(!site.exists("public/de/klage/index.html"))
        let source = try site.read("public/nb/klage/index.html")
        #expect(!source.contains("lang=\"de\" hreflang=\"de\""))
    }

    @Test func outdatedTranslationShowsANoticeLinkingToTheSource() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        stampAll(site)
        try site.write("content/nb/arn.md", "---\ntitle: ARN\nslug: arn\n---\n## Kontakt {#kontakt}\n\nNy tekst.\n")
        try site.build()
        let page = try site.read("public/de/arn/index.html")
        #expect(page.contains("Diese Übersetzung ist vielleicht veraltet. Lesen Sie die aktuelle Fassung auf <a href=\"/nb/arn/\" lang=\"nb\" hreflang=\"nb\">norsk bokmål</a>."))
        #expect(!(try site.read("public/de/index.html")).contains("veraltet"))
        let quiet = try FixtureSite(Self.files, config: Self.config + "outdatedNotice: false\n")
        stampAll(quiet)
        try quiet.write("content/nb/arn.md", "---\ntitle: ARN\nslug: arn\n---\nNy tekst.\n")
        try quiet.build()
        #expect(!(try quiet.read("public/de/arn/index.html")).contains("veraltet"))
    }

    @Test func orphanTranslationIsExtra() throws {
        var files = Self.files
        files["content/de/alt.md"] = "---\ntitle: Alt\n---\nx\n"
        let site = try FixtureSite(files, config: Self.config)
        #expect(try states(site)["alt"] == "extra")
        let text = site.run(["status", "--content", site.path("content"), "--language", "de"])
        #expect(text.out.contains("alt         extra"))
    }

    @Test func jsonDocumentFollowsTheSchema() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        stampAll(site)
        let result = site.run(["status", "--content", site.path("content"), "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as! [String: Any]
        #expect(json["schemaVersion"] as? Int == 1)
        #expect(json["sourceLanguage"] as? String == "nb")
        let languages = json["languages"] as! [[String: Any]]
        #expect(languages.count == 1)
        #expect(languages[0]["code"] as? String == "de")
        #expect(languages[0]["pages"] as? Int == 3)
        #expect(languages[0]["upToDatePercent"] as? Double == 100)
        #expect(languages[0]["counts"] as? [String: Int] == ["up-to-date": 3, "machine": 0, "outdated": 0, "unstamped": 0, "missing": 0, "extra": 0])
        let pages = json["pages"] as! [[String: Any]]
        #expect(pages.map { $0["id"] as! String } == ["arn", "index", "klage"])
        let arn = pages[0]
        #expect((arn["sourceFile"] as? String)?.hasSuffix("content/nb/arn.md") == true)
        let hash = try #require(arn["sourceHash"] as? String)
        #expect(hash.count == 12)
        let de = (arn["translations"] as! [String: [String: Any]])["de"]!
        #expect(de["stampedHash"] as? String == hash)
        #expect((de["file"] as? String)?.hasSuffix("content/de/arn.md") == true)
        // Stable: the same content gives the same bytes.
        #expect(site.run(["status", "--content", site.path("content"), "--format", "json"]).out == result.out)
    }

    @Test func stampChangesOnlyItsLine() throws {
        let crlf = "\u{FEFF}---\r\ntitle: ARN  # comment\r\nslug: arn\r\n---\r\n## Kontakt\r\n\r\nText\r\n"
        let site = try FixtureSite(Self.files.merging(["content/de/arn.md": crlf]) { $1 }, config: Self.config)
        stampAll(site)
        let once = try Data(contentsOf: URL(fileURLWithPath: site.path("content/de/arn.md")))
        let text = String(decoding: once, as: UTF8.self)
        let hash = try #require(text.components(separatedBy: "source: ").last?.prefix(12))
        #expect(text == "\u{FEFF}---\r\ntitle: ARN  # comment\r\nslug: arn\r\nsource: \(hash)\r\n---\r\n## Kontakt\r\n\r\nText\r\n")
        // Re-stamping after a source edit rewrites only the value.
        try site.write("content/nb/arn.md", "---\ntitle: ARN\n---\nEndret.\n")
        stampAll(site)
        let twice = String(decoding: try Data(contentsOf: URL(fileURLWithPath: site.path("content/de/arn.md"))), as: UTF8.self)
        #expect(twice.replacingOccurrences(of: #"source: [0-9a-f]{12}"#, with: "source: X", options: .regularExpression)
                == text.replacingOccurrences(of: "source: \(hash)", with: "source: X"))
        #expect(twice != text)
    }

    @Test func stampRefusesSourceLanguageFiles() throws {
        let site = try FixtureSite(Self.files, config: Self.config)
        let result = site.run(["stamp", "--content", site.path("content"), site.path("content/nb/arn.md")])
        #expect(result.status == 1)
        #expect(result.err.contains("is in the source language nb"))
    }

    @Test func strictAndFailUnder() throws {
        var files = Self.files
        files["content/de/arn.md"] = "---\ntitle: ARN\n---\nSiehe [Start](index.md#nirgends).\n"
        let site = try FixtureSite(files, config: Self.config)
        #expect(site.runBuild().status == 0)
        let before = try site.snapshot()
        let strict = site.runBuild(["--strict"])
        #expect(strict.status == 1)
        #expect(strict.err.contains("content/de/arn.md:4:7: warning: link 'index.md#nirgends' points to #nirgends, which is not a heading id on that page"))
        #expect(try site.snapshot() == before)
        let check = site.run(["check", "--content", site.path("content"), "--templates", site.path("templates"), "--strict"])
        #expect(check.status == 1)
        let failUnder = site.runBuild(["--fail-under", "90"])
        #expect(failUnder.status == 1)
        #expect(failUnder.err.contains("content/de: error: de is 0% up to date, under --fail-under 90%"))
        stampAll(site)
        #expect(site.runBuild(["--fail-under", "90"]).status == 0)
    }

    @Test func linksIntoAnotherLanguageAreFlagged() throws {
        var files = Self.files
        files["content/de/klage.md"] = "---\ntitle: Beschwerde\n---\n[nb](/nb/arn/) und [voll](https://help.example.org/nb/arn/)\n"
        let site = try FixtureSite(files, config: Self.config)
        let report = try site.build()
        #expect(report.warnings.filter { $0.stage == .resolveLinks }.map { site.relative($0.description) } == [
            "content/de/klage.md:4:1: warning: link '/nb/arn/' leads to the nb site; link to the page's .md file so de readers stay in de",
            "content/de/klage.md:4:20: warning: link 'https://help.example.org/nb/arn/' leads to the nb site; link to the page's .md file so de readers stay in de",
        ])
    }

    @Test func stringsUsedByTemplatesMustExistInTheSource() throws {
        var files = Self.files
        files["templates/page.mustache"] = "<html>{{strings.missingKey}}{{{page.content}}}</html>"
        files["templates/root.mustache"] = "root"
        files["templates/404.mustache"] = "404"
        files["content/de/strings.yaml"] = "notTranslated: x\nextraKey: y\n"
        files["content/nb/strings.yaml", default: ""] += "customNote: Merk\n"
        let site = try FixtureSite(files, config: Self.config)
        let report = try site.build()
        let warnings = report.warnings.map { site.relative($0.description) }
        #expect(warnings.contains("templates/page.mustache:1:9: warning: template uses strings.missingKey, which neither helpsite nor nb/strings.yaml defines"))
        #expect(warnings.contains("content/de/strings.yaml: warning: de has no text for 1 string(s), shown in norsk bokmål instead: customNote"))
        #expect(warnings.contains("content/de/strings.yaml:2:1: warning: string 'extraKey' is not in the nb strings, so templates cannot rely on it"))
    }

    @Test func dashboardIsWrittenWhenConfigured() throws {
        let site = try FixtureSite(Self.files, config: Self.config + "statusDashboard: status/translations.html\n")
        try site.build()
        let html = try site.read("public/status/translations.html")
        #expect(html.contains("<td class=\"unstamped\">unstamped</td>"))
        #expect(!html.contains("<script"))
        let plain = try FixtureSite(Self.files, config: Self.config)
        try plain.build()
        #expect(!plain.exists("public/status/translations.html"))
    }
}
