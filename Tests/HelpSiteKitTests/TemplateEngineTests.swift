import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// The compiled template engine: names checked against the views' schemas at load, whitespace as Mustache
/// users expect, and shared fragments that mark the current page through the view.
@Suite struct TemplateEngineTests {
    static let base: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nx\n",
        "content/nb/klage.md": "---\ntitle: Klage\n---\nTekst.\n",
        "content/en/index.md": "---\ntitle: Home\n---\nx\n",
    ]

    @Test func misspelledNameIsAnErrorAtItsPositionWithASuggestion() throws {
        let site = try FixtureSite(Self.base)
        try site.write("templates/partials/footer.mustache", "<footer>\n  <p>{{page.titel}}</p>\n</footer>\n")
        #expect(site.buildErrors() == ["templates/partials/footer.mustache:2:8: error: unknown name 'titel' in page (did you mean 'title'?)"])
    }

    @Test func unknownTopLevelNameAndSectionUsedAsValueAreErrors() throws {
        let site = try FixtureSite(Self.base)
        try site.write("templates/partials/footer.mustache", "<footer>{{langauge.code}}\n{{page}}</footer>\n")
        #expect(site.buildErrors() == [
            "templates/partials/footer.mustache:1:11: error: unknown name 'langauge' (did you mean 'language'?)",
            "templates/partials/footer.mustache:2:3: error: 'page' is a section, not a value; use {{#page}}…{{/page}}",
        ])
    }

    @Test func nameInAFragmentTemplateIsCheckedAgainstItsOwnContext() throws {
        let site = try FixtureSite(Self.base)
        // The switcher links see only their entries, never the page being rendered.
        try site.write("templates/partials/switcher-links.mustache", "{{#translations}}<a href=\"{{url}}\">{{page.title}}</a>{{/translations}}\n")
        #expect(site.buildErrors() == ["templates/partials/switcher-links.mustache:1:38: error: unknown name 'page'"])
    }

    @Test func standalonePartialIsIndentedLineByLineAndStandaloneTagsLeaveNoBlankLines() throws {
        var files = Self.base
        files["templates/page.mustache"] = "<body>\n  {{> part}}\n{{#page.isHome}}\nhome\n{{/page.isHome}}\n</body>\n"
        files["templates/partials/part.mustache"] = "<a>\n<b>{{page.title}}</b>\n"
        files["templates/root.mustache"] = "root"
        files["templates/404.mustache"] = "404"
        let site = try FixtureSite(files)
        try site.build()
        #expect(try site.read("public/nb/klage/index.html") == "<body>\n  <a>\n  <b>Klage</b>\n</body>\n")
        #expect(try site.read("public/nb/index.html") == "<body>\n  <a>\n  <b>Hjem</b>\nhome\n</body>\n")
    }

    @Test func valuesAreEscapedAndOnlyTripleMustacheIsRaw() throws {
        var files = Self.base
        files["content/nb/klage.md"] = "---\ntitle: \"<b>A & 'B'\\\"</b>\"\n---\nTekst.\n"
        files["templates/page.mustache"] = "{{page.title}}|{{{page.title}}}|{{& page.title}}\n"
        files["templates/root.mustache"] = "root"
        files["templates/404.mustache"] = "404"
        let site = try FixtureSite(files)
        try site.build()
        #expect(try site.read("public/nb/klage/index.html") == "&lt;b&gt;A &amp; &#39;B&#39;&quot;&lt;/b&gt;|<b>A & 'B'\"</b>|<b>A & 'B'\"</b>\n")
    }

    @Test func sharedNavigationAndSwitcherMarkOnlyTheCurrentPage() throws {
        let site = try FixtureSite(Self.base)
        try site.build()
        let klage = try site.read("public/nb/klage/index.html")
        #expect(klage.components(separatedBy: "aria-current=\"page\"").count - 1 == 3, "breadcrumb, navigation link and switcher entry")
        #expect(klage.contains("<a href=\"/nb/klage/\" aria-current=\"page\">Klage</a>"))
        #expect(klage.contains("<a href=\"/nb/klage/\" aria-current=\"page\" lang=\"nb\""))
        #expect(klage.contains("<a href=\"/en/klage/\" lang=\"en\""))
        let english = try site.read("public/en/klage/index.html")
        #expect(english.contains("<a href=\"/en/klage/\" aria-current=\"page\" lang=\"en\""))
        #expect(english.contains("<a href=\"/nb/klage/\" lang=\"nb\""))
    }

    @Test func sectionOverAListRepeatsAndInvertedSectionShowsWhenEmpty() throws {
        var files = Self.base
        files["content/nb/klage.md"] = "---\ntitle: Klage\n---\n## En {#en}\n\n## To {#to}\n"
        files["templates/page.mustache"] = "{{#page.toc}}[{{id}}:{{page.title}}]{{/page.toc}}{{^page.toc}}none{{/page.toc}}\n"
        files["templates/root.mustache"] = "root"
        files["templates/404.mustache"] = "404"
        let site = try FixtureSite(files)
        try site.build()
        #expect(try site.read("public/nb/klage/index.html") == "[en:Klage][to:Klage]\n")
        #expect(try site.read("public/nb/index.html") == "none\n")
    }
}

/// Directives dispatch by name; block directives wrap ordinary Markdown up to a closing `:::`.
@Suite struct BlockDirectiveTests {
    @Test func noteWrapsItsBodyWhichIsOrdinaryMarkdown() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nFør.\n\n::: note\n\n## Husk dette {#husk}\n\nSe [klage](klage.md) og *frister*.\n\n:::\n\nEtter.\n",
            "content/nb/klage.md": "---\ntitle: Klage\n---\nTekst.\n",
        ])
        try site.build()
        let html = try site.read("public/nb/index.html")
        #expect(html.contains("<p>Før.</p>\n<aside class=\"note\" role=\"note\">\n<h2 id=\"husk\">Husk dette</h2>\n<p>Se <a href=\"/nb/klage/\">klage</a> og <em>frister</em>.</p>\n</aside>\n<p>Etter.</p>"), "\(html)")
        #expect(!html.contains(":::"))
    }

    @Test func bodyMismatchesAreErrorsAtTheDirective() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\n::: note\n\nUten slutt.\n",
            "content/nb/a.md": "---\ntitle: A\n---\n::: contact arn\n\nTekst.\n\n:::\n",
            "content/facts.yaml": "arn:\n  name: ARN\n",
        ])
        #expect(site.buildErrors() == [
            "content/nb/a.md:8:1: error: this ':::' closes nothing: '::: contact' above is one line and takes no body; remove it",
            "content/nb/index.md:4:1: error: '::: note' needs a body: the Markdown below it, ended by a paragraph that is only ':::'",
        ])
    }

    /// Pairing asks each kind whether it takes a body: a one-line directive at the end of a note's body leaves
    /// the note's closer to the note, and notes nest.
    @Test func aOneLineDirectiveInsideANoteLeavesTheCloserToTheNote() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\n::: note\n\nRing oss.\n\n::: note\n\nInni.\n\n:::\n\n::: contact support\n\n:::\n\nEtter.\n",
            "content/facts.yaml": "support:\n  name: Kundeservice\n  phone: +47 22 00 00 00\n",
        ])
        let report = try site.build()
        #expect(!report.warnings.contains { $0.file?.hasSuffix("index.md") == true }, "\(report.warnings)")
        let html = try site.read("public/nb/index.html")
        let outer = try #require(html.range(of: "<aside class=\"note\" role=\"note\">\n<p>Ring oss.</p>\n<aside class=\"note\" role=\"note\">\n<p>Inni.</p>\n</aside>\n"), "\(html)")
        let card = try #require(html.range(of: "Kundeservice", range: outer.upperBound..<html.endIndex))
        let close = try #require(html.range(of: "</aside>\n<p>Etter.</p>", range: card.upperBound..<html.endIndex))
        #expect(!html[outer.lowerBound..<close.upperBound].contains(":::"))
    }
}
