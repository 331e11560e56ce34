import HelpContent
import HelpCore
import Foundation
import HelpSiteKit
import Testing

@Suite struct FeedbackWidgetTests {
    static func site(endpoint: String? = "https://feedback.example.org/collect") throws -> FixtureSite {
        let body = "Tekst.\n"
        let stamp = SourceHash.of(title: "Klage", description: "", body: body)
        var config = """
            title: Test Help
            baseURL: https://help.example.org/
            defaultLanguage: nb
            languages: [nb, de, en, sv]
            """
        if let endpoint { config += "\nfeedbackEndpoint: \(endpoint)\n" }
        return try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/klage.md": "---\ntitle: Klage\n---\n\(body)",
            "content/nb/strings.yaml": "feedbackQuestion: Var denne siden nyttig?\nfeedbackYes: Ja\nfeedbackNo: Nei\nfeedbackThanks: Takk!\n",
            "content/de/klage.md": "---\ntitle: Beschwerde\nsource: \(stamp)\n---\nText.\n",
            "content/en/klage.md": "---\ntitle: Complaints\nsource: 0123456789ab\n---\nText.\n",
            "content/sv/index.md": "---\ntitle: Hem\n---\nHej.\n",
        ], config: config)
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "<input type=\"hidden\" name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func theWidgetPostsThePageItsLanguageAndTheStateOfItsTranslation() throws {
        let site = try Self.site()
        try site.build()
        let stamp = SourceHash.of(title: "Klage", description: "", body: "Tekst.\n")
        let cases: [(file: String, language: String, state: String, stamp: String)] = [
            ("public/nb/klage/index.html", "nb", "source", stamp),
            ("public/de/klage/index.html", "de", "up-to-date", stamp),
            ("public/en/klage/index.html", "en", "outdated", "0123456789ab"),
            ("public/sv/klage/index.html", "sv", "fallback", stamp),
        ]
        for expected in cases {
            let html = try site.read(expected.file)
            #expect(html.contains(#"<form class="feedback" method="post" action="https://feedback.example.org/collect""#), "\(expected.file)")
            #expect(Self.hidden("page", in: html) == "klage")
            #expect(Self.hidden("language", in: html) == expected.language)
            #expect(Self.hidden("translation", in: html) == expected.state, "\(expected.file)")
            #expect(Self.hidden("sourceStamp", in: html) == expected.stamp, "\(expected.file)")
            #expect(html.contains(#"name="answer" value="yes""#) && html.contains(#"name="answer" value="no""#))
            #expect(html.contains(#"<textarea id="feedback-comment" name="comment""#))
        }
        #expect(try site.read("public/nb/klage/index.html").contains("<legend>Var denne siden nyttig?</legend>"))
        #expect(site.exists("public/assets/feedback.js"))
    }

    @Test func withoutAnEndpointThereIsNoWidget() throws {
        let site = try Self.site(endpoint: nil)
        try site.build()
        let html = try site.read("public/nb/klage/index.html")
        #expect(!html.contains("class=\"feedback\"") && !html.contains("feedback.js") && !html.contains("Var denne siden nyttig"))
    }

    /// No cookies and no third parties: the script talks only to the form's own endpoint, without credentials.
    @Test func theScriptSetsNoCookiesAndLoadsNothingElse() throws {
        let script = try String(contentsOf: FixtureSite.repositoryRoot.appendingPathComponent("theme/assets/feedback.js"), encoding: .utf8)
        #expect(!script.contains("cookie") && !script.contains("localStorage") && !script.contains("http"))
        #expect(script.contains(#"credentials: "omit""#) && script.contains("fetch(form.action"))
    }
}
