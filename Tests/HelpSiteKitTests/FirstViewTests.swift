import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// What a reader downloads before doing anything: search code only on the results page, the contact page's
/// and the results page's styles only there, and stylesheets without their comments.
@Suite struct FirstViewTests {
    static func site() throws -> FixtureSite {
        try SearchTests.fixture(extra: ["content/nb/kontakt.md": "---\ntitle: Kontakt\nlayout: contact\n---\nSkriv til oss.\n"])
    }

    /// The stylesheets a page needs to render, in order (the print stylesheet, `media="print"`, is left out).
    static func stylesheets(_ html: String) -> [String] {
        html.components(separatedBy: "<link rel=\"stylesheet\" href=\"").dropFirst()
            .filter { !$0.prefix { $0 != ">" }.contains(#"media="print""#) }
            .map { String($0.prefix { $0 != "\"" }) }
    }

    @Test func onlyTheResultsPageLoadsSearchCode() throws {
        let site = try Self.site()
        try site.build()
        for page in ["public/nb/index.html", "public/nb/klage/index.html", "public/nb/kontakt/index.html", "public/404.html", "public/en/klage/index.html"] {
            let html = try site.read(page)
            #expect(!html.contains("search.js"), "\(page)")
            // The header's field is a plain form that opens the results page; one inline line shows it.
            #expect(html.contains("data-search-form hidden>"), "\(page)")
            #expect(html.contains("</form>\n    <script>document.currentScript.previousElementSibling.hidden = false</script>"), "\(page)")
        }
        let results = try site.read("public/nb/sok/index.html")
        #expect(results.contains(#"<script type="module" src="/assets/search.js"></script>"#))
        #expect(Self.stylesheets(results) == ["/assets/site.css", "/assets/search.css"])
    }

    @Test func contactStylesLoadOnTheContactPageOnly() throws {
        let site = try Self.site()
        try site.build()
        #expect(Self.stylesheets(try site.read("public/nb/kontakt/index.html")) == ["/assets/site.css", "/assets/contact.css"])
        #expect(Self.stylesheets(try site.read("public/nb/klage/index.html")) == ["/assets/site.css"])
        let css = try site.read("public/assets/site.css")
        #expect(!css.contains(".field--checkbox") && !css.contains(":user-invalid"), "the contact form's rules are in contact.css")
        #expect(!css.contains(".search-result"))
        #expect(try site.read("public/assets/contact.css").contains(".field--checkbox{"))
    }

    /// The root chooser's rules are in root.css, the print rules in print.css linked with `media="print"`, so an
    /// article's first view fetches neither.
    @Test func rootAndPrintStylesAreTheirOwnFiles() throws {
        let site = try Self.site()
        try site.build()
        #expect(Self.stylesheets(try site.read("public/index.html")) == ["/assets/site.css", "/assets/root.css"])
        for page in ["public/nb/index.html", "public/nb/klage/index.html", "public/nb/kontakt/index.html", "public/404.html"] {
            #expect(try site.read(page).contains(#"<link rel="stylesheet" href="/assets/print.css" media="print">"#), "\(page)")
        }
        let css = try site.read("public/assets/site.css")
        #expect(!css.contains("@media print") && !css.contains(".chooser"))
        #expect(try site.read("public/assets/print.css").contains("@media print"))
        #expect(try site.read("public/assets/root.css").contains(".chooser"))
    }

    /// The feedback widget's script is fetched on the first answer; the page itself loads no script for it.
    @Test func theFeedbackScriptLoadsOnTheFirstAnswer() throws {
        let site = try SearchTests.fixture(config: FixtureSite.minimalConfig + "\nfeedbackEndpoint: https://feedback.example.org/collect\n")
        try site.build()
        let html = try site.read("public/nb/klage/index.html")
        #expect(html.contains(#"<form class="feedback""#))
        #expect(!html.contains(#"<script src="/assets/feedback.js""#))
        #expect(html.contains(#"s.src="/assets/feedback.js""#) && html.contains("f.requestSubmit(e.submitter)"))
    }

    /// Comments and indentation are for the theme's editors; a licence comment (`/*! … */`) stays.
    @Test func stylesheetsAreWrittenWithoutCommentsOrIndentation() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "templates/assets/extra.css": "/*! MIT licence */\n/* a note */\n.a ,\n.b  >  .c {\n  content: \"/* not a comment */  x\";\n  margin: 0 auto ;\n}\n",
        ])
        try site.build()
        #expect(try site.read("public/assets/extra.css") == "/*! MIT licence */ .a,.b > .c{content: \"/* not a comment */  x\";margin: 0 auto;}\n")
        let shipped = try site.read("public/assets/site.css")
        #expect(!shipped.contains("/*") && !shipped.contains("\n  "))
    }
}
