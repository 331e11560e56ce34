import HelpMarkdown
import Testing

@Suite struct MarkdownRendererTests {
    @Test func headingsGetStableUniqueIDs() {
        let rendered = MarkdownRenderer.render("## Klage og *tilbakemelding*\n\n## Klage og tilbakemelding\n\n### Ἀρχή Ωραίο\n")
        #expect(rendered.headings.map(\.id) == ["klage-og-tilbakemelding", "klage-og-tilbakemelding-1", "ἀρχή-ωραίο"])
        #expect(rendered.html.contains("<h2 id=\"klage-og-tilbakemelding\">Klage og <em>tilbakemelding</em></h2>"))
        #expect(rendered.headings[0].position == SourcePosition(line: 1, column: 1))
        #expect(rendered.headings[2].level == 3)
    }

    @Test func asciiFoldingKeepsOtherScripts() {
        #expect(HeadingID.slug(for: "Hvis du fortsatt er misfornøyd?") == "hvis-du-fortsatt-er-misfornoyd")
        #expect(HeadingID.slug(for: "Größe & Straße – Ærø") == "grosse-strasse-aero")
        #expect(HeadingID.slug(for: "Παράπονα") == "παράπονα")
        #expect(HeadingID.slug(for: "???") == "section")
    }

    @Test func explicitIDIsUsedAndRemovedFromText() {
        let rendered = MarkdownRenderer.render("## Kontakt ARN {#contact}\n")
        #expect(rendered.headings == [Heading(level: 2, text: "Kontakt ARN", id: "contact", isExplicitID: true, position: SourcePosition(line: 1, column: 1), writtenID: "contact")])
        #expect(rendered.html == "<h2 id=\"contact\">Kontakt ARN</h2>\n")
    }

    @Test func linksAreReportedWithPositionsAndRewritten() {
        let markdown = "Intro\n\nSee [ARN](arn.md#contact) and ![logo](img.png).\n"
        let rendered = MarkdownRenderer.render(markdown, hooks: RenderHooks(resolveLink: { link in
            link.destination == "arn.md#contact" ? "/nb/arn/#contact" : nil
        }))
        #expect(rendered.links.map(\.destination) == ["arn.md#contact", "img.png"])
        #expect(rendered.links[0].position == SourcePosition(line: 3, column: 5))
        #expect(rendered.html.contains("<a href=\"/nb/arn/#contact\">ARN</a>"))
    }

    @Test func safeModeDropsRawHTMLAndScriptURLs() {
        let markdown = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](vbscript:x) [d](data:text/html;base64,xx)\n\nText <b onclick=\"x\">bold</b>\n"
        let html = MarkdownRenderer.render(markdown).html
        #expect(!html.contains("<script"))
        #expect(!html.lowercased().contains("javascript:"))
        #expect(!html.contains("vbscript:"))
        #expect(!html.contains("data:text/html"))
        #expect(!html.contains("onclick"))
        let unsafe = MarkdownRenderer.render(markdown, options: MarkdownOptions(allowsUnsafeHTML: true)).html
        #expect(unsafe.contains("<b onclick=\"x\">"))
    }

    @Test func dangerousSchemesInEverySpelling() {
        for url in ["javascript:x", " JAVASCRIPT:x", "java\tscript:x", "\u{01}javascript:x", "VBScript:x", "data:text/html,x", "file:///etc/passwd"] {
            #expect(URLSafety.isDangerous(url), "\(url)")
        }
        #expect(!URLSafety.isDangerous("data:image/png;base64,AAAA", kind: .image))
        #expect(!URLSafety.isDangerous("https://www.arn.se"))
        #expect(!URLSafety.isDangerous("arn.md#javascript:"))
    }

    @Test func leadingTitleIsExtracted() {
        let rendered = MarkdownRenderer.render("# Klage\n\nTekst\n", options: MarkdownOptions(extractsLeadingTitle: true))
        #expect(rendered.title == "Klage")
        #expect(rendered.html == "<p>Tekst</p>\n")
    }

    @Test func directivesAreReplacedByTheHookHTML() {
        let rendered = MarkdownRenderer.render("Før\n\n::: contact arn\n\nEtter ::: not a directive\n", hooks: RenderHooks(renderDirective: { directive in
            "<div class=\"card\">\(directive.name) \(directive.arguments.joined())</div>"
        }))
        #expect(rendered.directives == [Directive(name: "contact", arguments: ["arn"], position: SourcePosition(line: 3, column: 1))])
        #expect(rendered.html == "<p>Før</p>\n<div class=\"card\">contact arn</div>\n<p>Etter ::: not a directive</p>\n")
    }

    @Test func typographyChangesQuotesButNotCode() {
        let german = Typography(quotes: QuoteStyle(primaryOpen: "„", primaryClose: "“", secondaryOpen: "‚", secondaryClose: "‘"))
        let rendered = MarkdownRenderer.render("Er sagte \"Hallo\" und 'hi'. `\"code\"`\n\n    \"block\"\n", options: MarkdownOptions(typography: german))
        #expect(rendered.html.contains("Er sagte „Hallo“ und ‚hi‘."))
        #expect(rendered.html.contains("<code>&quot;code&quot;</code>"))
        #expect(rendered.html.contains("<pre><code>&quot;block&quot;\n"))
    }

    @Test func frenchSpacingAndGuillemets() {
        let french = Typography(quotes: QuoteStyle(primaryOpen: "«", primaryClose: "»", secondaryOpen: "“", secondaryClose: "”"), frenchSpacing: true)
        let html = MarkdownRenderer.render("Attention : il a dit \"bonjour\" ! Vraiment ? Oui ; `a : b`\n", options: MarkdownOptions(typography: french)).html
        #expect(html.contains("Attention\u{00A0}: il a dit «\u{00A0}bonjour\u{00A0}»\u{202F}! Vraiment\u{202F}? Oui\u{202F}; <code>a : b</code>"))
    }

    @Test func apostrophesSurviveSecondaryQuoteMapping() {
        let style = Typography(quotes: QuoteStyle(primaryOpen: "«", primaryClose: "»", secondaryOpen: "‹", secondaryClose: "›"))
        let html = MarkdownRenderer.render("l'ARN et 'cité'\n", options: MarkdownOptions(typography: style)).html
        #expect(html.contains("l\u{2019}ARN et ‹cité›"))
    }

    @Test func deepNestingDoesNotOverflowTheStack() {
        let depth = 25_000
        let quotes = String(repeating: ">", count: depth) + " deep\n"
        let lists = String(repeating: "- ", count: depth) + "x\n"
        #expect(MarkdownRenderer.render(quotes).html.contains("deep"))
        #expect(MarkdownRenderer.render(lists).html.hasPrefix("<ul>"))
    }

    @Test func invalidUTF8IsReplacedNotFatal() {
        let rendered = MarkdownRenderer.render("caf\u{FFFD} ok\n")
        #expect(rendered.html == "<p>caf\u{FFFD} ok</p>\n")
    }
}
