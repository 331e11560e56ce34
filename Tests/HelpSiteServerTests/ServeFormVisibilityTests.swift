import HelpCore
import Foundation
import HelpSiteKit
import HelpSiteServer
import Testing

/// The preview shows what ships: a form appears only where site.yaml configures it, unless `--try-forms`.
@Suite(.serialized) struct ServeFormVisibilityTests {
    static func files(config extra: String) -> [String: String] {
        [
            "content/site.yaml": "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb]\n" + extra,
            "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
            "content/nb/kontakt.md": "---\ntitle: Kontakt\nlayout: contact\n---\nSkriv til oss.\n",
        ]
    }

    static func page(config extra: String = "", triesForms: Bool = false) async throws -> String {
        let site = try await ServedSite.start(files: files(config: extra)) { options, _ in options.triesForms = triesForms }
        do {
            let (status, _, html) = try await site.get("/nb/kontakt/")
            await site.stop()
            #expect(status == 200)
            return html
        } catch {
            await site.stop()
            throw error
        }
    }

    @Test func withoutEndpointsThePreviewHasNeitherForm() async throws {
        let html = try await Self.page()
        #expect(!html.contains("<form method=\"post\""))
        #expect(!html.contains("class=\"feedback\""))
        #expect(!html.contains("contact-form.js") && !html.contains("feedback.js"))
        #expect(!html.contains("Preview only"))
    }

    @Test func aConfiguredFormIsShownPostingToServeAndTheOtherIsNot() async throws {
        let html = try await Self.page(config: "feedbackEndpoint: https://forms.example.org/feedback\n")
        #expect(html.contains(#"<form class="feedback" method="post" action="/__helpsite/forms/feedback""#))
        #expect(!html.contains("<form method=\"post\""), "no contactFormEndpoint: no contact form")
        #expect(!html.contains("Preview only"), "a configured form is what readers get")
    }

    @Test func tryFormsShowsBothMarkedAsPreviewOnly() async throws {
        let html = try await Self.page(triesForms: true)
        #expect(html.contains(#"<form method="post" action="/__helpsite/forms/contact""#))
        #expect(html.contains(#"<form class="feedback" method="post" action="/__helpsite/forms/feedback""#))
        let marks = html.components(separatedBy: #"<p class="preview-only" lang="en" dir="ltr"><strong>Preview only:</strong>"#).count - 1
        #expect(marks == 2)
        #expect(html.contains("sets no contactFormEndpoint") && html.contains("sets no feedbackEndpoint"))
    }

    @Test func tryFormsDoesNotMarkAFormTheSiteConfigures() async throws {
        let html = try await Self.page(config: "contactFormEndpoint: https://forms.example.org/contact\n", triesForms: true)
        #expect(html.contains(#"<form method="post" action="/__helpsite/forms/contact""#))
        #expect(!html.contains("sets no contactFormEndpoint"))
        #expect(html.contains("sets no feedbackEndpoint"))
    }
}
