import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// Bad input that used to slip through or was reported at the wrong place; each asserts the exact diagnostics.
@Suite struct InputDefectTests {
    static let base = BrokenSiteTests.base

    func errors(adding files: [String: String], config: String? = FixtureSite.minimalConfig) throws -> [String] {
        try FixtureSite(Self.base.merging(files) { $1 }, config: config).buildErrors()
    }

    // MARK: - YAML errors at their cause

    @Test func unclosedFlowSequenceIsReportedAtItsBracket() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: [unclosed\n---\nx\n"]) == [
            """
            content/nb/a.md:2:8: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)
            content/nb/a.md:3:1: note: the YAML parser noticed the problem here
            """,
        ])
    }

    @Test func unclosedConstructsInSiteStringsAndFactsFiles() throws {
        #expect(try errors(adding: [:], config: FixtureSite.minimalConfig + "\nbrand: \"Help\n") == [
            """
            content/site.yaml:5:8: error: invalid YAML: found unexpected end of stream (while scanning a quoted scalar)
            content/site.yaml:6:1: note: the YAML parser noticed the problem here
            """,
        ])
        #expect(try errors(adding: ["content/nb/strings.yaml": "logIn: Logg inn\nhome: {a: 1\n"]) == [
            """
            content/nb/strings.yaml:2:7: error: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping)
            content/nb/strings.yaml:3:1: note: the YAML parser noticed the problem here
            """,
        ])
        #expect(try errors(adding: ["content/facts.yaml": "arn:\n  name: ARN\n  phoneHours: [\"09:00-12:00\"\n"]) == [
            """
            content/facts.yaml:3:15: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)
            content/facts.yaml:4:1: note: the YAML parser noticed the problem here
            """,
        ])
    }

    @Test func errorsWithoutAnOpenerStayWhereTheyAre() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\ndescription: x: y\n---\nx\n"]) == [
            "content/nb/a.md:3:15: error: invalid YAML: mapping values are not allowed in this context",
        ])
    }

    // MARK: - Columns count Unicode scalars

    /// `Ærø «x»` is 7 Unicode scalars but 11 bytes: every column after it must count scalars, as editors do.
    @Test func columnsCountUnicodeScalarsEverywhere() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/nb/b.md": "---\ntitle: B\ndescription: [Ærø «x», \"abc\n---\nx\n",
            "content/nb/c.md": "---\ntitle: C\ndescription: Ærø «x» &a\n---\nx\n",
        ]) { $1 }, config: "title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages: [{code: nb, name: Ærø}, {code: en, direction: sideways}]\n")
        #expect(site.buildErrors() == ["content/site.yaml:4:58: error: direction must be ltr or rtl"])
        try site.write("content/site.yaml", FixtureSite.minimalConfig)
        #expect(site.buildErrors() == [
            "content/nb/b.md:3:24: error: invalid YAML: found unexpected end of stream (while scanning a quoted scalar)\ncontent/nb/b.md:4:1: note: the YAML parser noticed the problem here",
            "content/nb/c.md:3:22: error: YAML anchors and aliases (&name, *name) are not allowed here; write the value out",
        ])
        try site.write("content/nb/b.md", "---\ntitle: B\n---\nÆrø «x» [a](missing.md)\n")
        try site.writeBytes("content/nb/c.md", Array("---\ntitle: C\n---\nÆrø «x» ".utf8) + [0xFF])
        #expect(site.buildErrors() == ["content/nb/c.md:4:9: error: file is not valid UTF-8 text; save it as UTF-8"])
        try FileManager.default.removeItem(atPath: site.path("content/nb/c.md"))
        #expect(site.buildErrors() == [
            "content/nb/b.md:4:9: error: link target 'missing.md' does not exist: no page missing.md in any language",
        ])
        try site.write("content/nb/b.md", "---\ntitle: B\n---\nx\n")
        try site.write("templates/404.mustache", "<p>Ærø «x» {{> heder}}</p>\n")
        #expect(site.buildErrors() == [
            "templates/404.mustache:1:12: error: template '404' includes partial 'heder', which does not exist; did you mean 'header'?",
        ])
        try site.write("templates/404.mustache", "<p>Ærø «x» {{{page.title}}\n")
        #expect(site.buildErrors() == ["templates/404.mustache:1:27: error: template syntax error: unfinished name"])
    }
}

extension InputDefectTests {
    // MARK: - Language codes ignore case

    @Test func languageCodesDifferingOnlyInCaseAreOneLanguage() throws {
        #expect(try errors(adding: [:], config: "title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages: [nb, en, EN]\n") == [
            "content/site.yaml:4:21: error: language 'EN' is listed twice: first as 'en' at line 4, column 17; language codes ignore case",
        ])
        #expect(try errors(adding: [:], config: "title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages:\n  - nb\n  - {code: pt-BR}\n  - pt-br\n") == [
            "content/site.yaml:7:5: error: language 'pt-br' is listed twice: first as 'pt-BR' at line 6, column 5; language codes ignore case",
        ])
    }
}

extension InputDefectTests {
    // MARK: - URLs that differ only in letter case

    @Test func pagesWhoseURLsDifferOnlyInCase() throws {
        #expect(try errors(adding: [
            "content/nb/Klage.md": "---\ntitle: K\n---\nx\n",
            "content/nb/klage.md": "---\ntitle: k\n---\nx\n",
        ]) == [
            "content/nb/klage.md:1:1: error: content/nb/klage.md becomes /nb/klage/ and content/nb/Klage.md becomes /nb/Klage/: URLs that differ only in letter case are one file on case-insensitive file systems and many CDNs",
        ])
        #expect(try errors(adding: [
            "content/nb/a.md": "---\ntitle: A\nslug: Klage\n---\nx\n",
            "content/nb/b.md": "---\ntitle: B\nslug: KLAGE\n---\nx\n",
        ]) == [
            "content/nb/b.md:3:7: error: content/nb/b.md becomes /nb/KLAGE/ and content/nb/a.md becomes /nb/Klage/: URLs that differ only in letter case are one file on case-insensitive file systems and many CDNs",
        ])
    }

    /// A translation whose URL differs from a missing page's only in case: that page gets no fallback, with a warning.
    @Test func fallbackWhoseURLDiffersOnlyInCaseIsNotBuilt() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/nb/Klage.md": "---\ntitle: K\n---\nx\n",
            "content/en/a.md": "---\ntitle: A\nslug: klage\n---\nx\n",
        ]) { $1 })
        let report = try site.build()
        #expect(report.warnings.filter { $0.stage == .index }.map { site.relative($0.description) } == [
            "content/en/a.md:1:1: warning: content/en/a.md takes /en/klage/, which differs only in letter case from /en/Klage/, where the untranslated content/nb/Klage.md would be shown; no fallback is built for it",
        ])
        #expect(site.exists("public/en/klage/index.html"))
        #expect(!site.exists("public/en/Klage/index.html"))
    }
}

extension InputDefectTests {
    // MARK: - Heading ids

    @Test func sameExplicitIDTwiceWarnsNamingBothLines() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/nb/a.md": "---\ntitle: A\n---\n## Klage {#x}\n\ntekst\n\n## Klage igjen {#x}\n\n## X\n",
        ]) { $1 })
        let report = try site.build()
        #expect(report.warnings.filter { $0.message.hasPrefix("heading id") }.map { site.relative($0.description) } == [
            "content/nb/a.md:8:1: warning: heading id 'x' is also set on line 4; this heading gets 'x-1', so links to #x go to line 4",
        ])
        let body = BadInputTests.article(try site.read("public/nb/a/index.html"))
        #expect(body.contains("<h2 id=\"x\">Klage</h2>"))
        #expect(body.contains("<h2 id=\"x-1\">Klage igjen</h2>"))
        #expect(body.contains("<h2 id=\"x-2\">X</h2>"))
    }

    /// An explicit id is claimed before automatic ones, so it stays the same whatever headings come before it.
    @Test func explicitIDWinsOverAnEarlierAutomaticOne() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/nb/a.md": "---\ntitle: A\n---\n## Contact\n\n## Kontakt {#contact}\n",
        ]) { $1 })
        let report = try site.build()
        #expect(report.warnings.filter { $0.message.hasPrefix("heading id") }.isEmpty)
        let body = BadInputTests.article(try site.read("public/nb/a/index.html"))
        #expect(body.contains("<h2 id=\"contact-1\">Contact</h2>"))
        #expect(body.contains("<h2 id=\"contact\">Kontakt</h2>"))
    }

    /// `## Main` must not give a second `id="main"`: the skip link would jump to the heading.
    @Test func headingsNeverTakeTheTemplatesIDs() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/nb/a.md": "---\ntitle: A\n---\n## Main\n\n## Toc title\n\n## Topics title\n",
        ]) { $1 })
        try site.build()
        let html = try site.read("public/nb/a/index.html")
        for id in ["main", "toc-title", "topics-title"] {
            #expect(BadInputTests.count("id=\"\(id)\"", in: html) == 1, "\(id)")
            #expect(html.contains("<h2 id=\"\(id)-1\">"), "\(id)")
        }
        #expect(html.contains("<a href=\"#main-1\">Main</a>"), "the table of contents links to the heading's own id")
    }

    @Test func explicitIDThatTheTemplateUsesIsAnError() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\n---\n## Hoved {#main}\n\n## Innhold {#toc-title}\n"]) == [
            "content/nb/a.md:4:1: error: heading id 'main' is already the id of an element in [built-in]/page.mustache; choose another {#id}",
            "content/nb/a.md:6:1: error: heading id 'toc-title' is already the id of an element in [built-in]/partials/toc.mustache; choose another {#id}",
        ])
    }

    /// The ids come from the templates the site really uses, not from a list in the code.
    @Test func templateIDsAreReadFromTheSitesOwnTemplates() throws {
        var files = Self.base
        files["content/nb/a.md"] = "---\ntitle: A\n---\n## Hjelp {#hjelp}\n\n## Main\n"
        let site = try FixtureSite(files)
        try site.ejectTheme()
        let page = try String(contentsOfFile: site.path("templates/page.mustache"), encoding: .utf8)
        try site.write("templates/page.mustache", page.replacingOccurrences(of: "<main id=\"main\"", with: "<main id='hjelp'"))
        #expect(site.buildErrors() == [
            "content/nb/a.md:4:1: error: heading id 'hjelp' is already the id of an element in templates/page.mustache; choose another {#id}",
        ])
        try site.write("content/nb/a.md", "---\ntitle: A\n---\n## Main\n")
        try site.build()
        #expect(BadInputTests.article(try site.read("public/nb/a/index.html")).contains("<h2 id=\"main-1\">Main</h2>"),
                "404.mustache still writes id=\"main\"")
    }
}

extension InputDefectTests {
    // MARK: - Typography across inline markup

    static let quotesAroundMarkup = "---\ntitle: Q\n---\n\"*bar*\" et 'foo *bar* baz' et \"**fort**\" et \"[lien](https://example.org/)\" et \"`\"code\"`\" : fin\n\n## \"*Titre*\" !\n\n![\"*alt*\"](/assets/x.png)\n"

    @Test func quotesPairAndSpaceAcrossInlineMarkupInFrench() throws {
        let site = try FixtureSite(Self.base.merging(["content/fr/q.md": Self.quotesAroundMarkup]) { $1 },
                                   config: "title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages: [nb, en, fr, de]\n")
        try site.build()
        let body = BadInputTests.article(try site.read("public/fr/q/index.html"))
        let nbsp = "\u{A0}", narrow = "\u{202F}"
        #expect(body.contains("<p>«\(nbsp)<em>bar</em>\(nbsp)» et “foo <em>bar</em> baz” et «\(nbsp)<strong>fort</strong>\(nbsp)» et «\(nbsp)<a href=\"https://example.org/\">lien</a>\(nbsp)» et «\(nbsp)<code>&quot;code&quot;</code>\(nbsp)»\(nbsp): fin</p>"), "\(body)")
        #expect(body.contains("<h2 id=\"titre\">«\(nbsp)<em>Titre</em>\(nbsp)»\(narrow)!</h2>"), "\(body)")
        #expect(body.contains("alt=\"«\(nbsp)alt\(nbsp)»\""), "\(body)")
    }

    @Test func quotesPairAcrossInlineMarkupInGerman() throws {
        let site = try FixtureSite(Self.base.merging(["content/de/q.md": Self.quotesAroundMarkup]) { $1 },
                                   config: "title: T\nbaseURL: https://h.example/\ndefaultLanguage: nb\nlanguages: [nb, en, fr, de]\n")
        try site.build()
        let body = BadInputTests.article(try site.read("public/de/q/index.html"))
        #expect(body.contains("<p>„<em>bar</em>“ et ‚foo <em>bar</em> baz‘ et „<strong>fort</strong>“ et „<a href=\"https://example.org/\">lien</a>“ et „<code>&quot;code&quot;</code>“ : fin</p>"), "\(body)")
    }
}

extension InputDefectTests {
    // MARK: - Links CommonMark allows

    /// Links the CommonMark spec allows build, written out percent-encoded as cmark does; only what would leave
    /// the site or name no page is refused.
    @Test func validLinksBuildPercentEncodedAsCmarkWritesThem() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/nb/100%.md": "---\ntitle: Hundre\n---\nx\n",
            "content/nb/a.md": """
                ---
                title: A
                ---
                [bs](foo\\bar) [pct](files/100%.pdf)

                [root](/files/100%.pdf) [space](/files/a%20b.pdf) [dots](/files/%2e%2e/x.pdf) [utf](/files/caf%C3%A9.pdf) [rbs](/x\\y.pdf)

                [page](100%.md)

                """,
        ]) { $1 })
        let report = try site.build(baseURL: "https://h.example/help/")
        #expect(report.warnings.filter { $0.stage == .resolveLinks }.map { site.relative($0.description) } == [
            "content/nb/a.md:4:1: warning: link 'foo\\bar' is relative but not to a .md page; write links to pages as paths to their .md file",
            "content/nb/a.md:4:15: warning: link 'files/100%.pdf' is relative but not to a .md page; write links to pages as paths to their .md file",
        ])
        let body = BadInputTests.article(try site.read("public/nb/a/index.html"))
        for (text, href) in [("bs", "foo%5Cbar"), ("pct", "files/100%.pdf"), ("root", "/help/files/100%.pdf"), ("space", "/help/files/a%20b.pdf"),
                             ("dots", "/help/x.pdf"), ("utf", "/help/files/caf%C3%A9.pdf"), ("rbs", "/help/x%5Cy.pdf"), ("page", "/help/nb/100%25/")] {
            #expect(BadInputTests.href(ofLinkWithText: text, in: body) == href, "\(text): \(body)")
        }
        #expect(site.exists("public/nb/100%/index.html"))
    }

    /// `data:image/…` is kept only where it is an image: on a link it would open as a document.
    @Test func dataImageURLsAreKeptOnImagesOnly() throws {
        let png = "data:image/png;base64,iVBORw0KGgo="
        let site = try FixtureSite(Self.base.merging([
            "content/nb/a.md": "---\ntitle: A\n---\n![bilde](\(png)) [lenke](\(png)) ![svg](data:image/svg+xml;base64,PHN2Zz4=)\n",
        ]) { $1 })
        try site.build()
        let body = BadInputTests.article(try site.read("public/nb/a/index.html"))
        #expect(body.contains("<img src=\"\(png)\" alt=\"bilde\" />"), "\(body)")
        #expect(BadInputTests.href(ofLinkWithText: "lenke", in: body) == "", "\(body)")
        #expect(body.contains("<img src=\"\" alt=\"svg\" />"), "\(body)")
    }
}

extension InputDefectTests {
    // MARK: - Limits that keep cmark linear

    static let nestingError = "error: block quotes and lists are nested 101 deep here; the limit is 100, which keeps the Markdown parser fast"

    @Test func blockNestingOverTheLimitIsAnError() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\n---\n" + String(repeating: ">", count: 101) + " dypt\n"]) == [
            "content/nb/a.md:4:101: \(Self.nestingError)",
        ])
        // Nesting by indentation, one level a line, each line lazily continued by another.
        let indented = (0...100).map { String(repeating: "  ", count: $0) + "- nivå \($0)\nlat\n" }.joined()
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\n---\n" + indented]) == [
            "content/nb/a.md:\(4 + 200):201: \(Self.nestingError)",
        ])
    }

    @Test func nestingAtTheLimitAndIndentedTextBuild() throws {
        let art = String(repeating: " ", count: 400) + "*\n"
        let site = try FixtureSite(Self.base.merging([
            "content/nb/a.md": "---\ntitle: A\n---\n" + String(repeating: ">", count: 100) + " dypt\n\n" + art + "\n```\n" + String(repeating: "> ", count: 300) + "\n```\n",
        ]) { $1 })
        try site.build()
        #expect(BadInputTests.count("<blockquote>", in: BadInputTests.article(try site.read("public/nb/a/index.html"))) == 100)
    }

    @Test func openBracketsOverTheLimitAreAnError() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\n---\nx\n" + String(repeating: "![[]()", count: 1001) + "\n"]) == [
            "content/nb/a.md:5:5997: error: 1001 '[' are open here without a ']' in one paragraph; the limit is 1000, which keeps the Markdown parser fast (write a literal bracket as \\[)",
        ])
    }

    /// A blank line ends the paragraph, escaped brackets and code blocks do not count.
    @Test func bracketsUnderTheLimitBuild() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/nb/a.md": "---\ntitle: A\n---\n" + String(repeating: "[", count: 900) + "\n\n" + String(repeating: "[", count: 900)
                + String(repeating: "\\[", count: 900) + "\n\n~~~\n" + String(repeating: "[", count: 2000) + "\n~~~\n",
        ]) { $1 })
        try site.build()
        #expect(BadInputTests.count("[", in: BadInputTests.article(try site.read("public/nb/a/index.html"))) == 900 + 1800 + 2000)
    }
}

extension InputDefectTests {
    /// Each block directive's body is moved into it once (innermost first): 3,000 nested notes used to move
    /// bodies over and over (cubic; a 256 KiB page of them ran for minutes) and now nest as written.
    @Test func deeplyNestedBlockDirectivesNestAsWritten() throws {
        let depth = 3_000
        let site = try FixtureSite(Self.base.merging([
            "content/nb/a.md": "---\ntitle: A\n---\n" + (0..<depth).map { "::: note\n\nn\($0)\n\n" }.joined() + String(repeating: ":::\n\n", count: depth) + "etter\n",
        ]) { $1 })
        try site.build()
        let body = BadInputTests.article(try site.read("public/nb/a/index.html"))
        let expected = (0..<depth).map { "<aside class=\"note\" role=\"note\">\n<p>n\($0)</p>\n" }.joined() + String(repeating: "</aside>\n", count: depth) + "<p>etter</p>"
        #expect(body.contains(expected))
    }
}
