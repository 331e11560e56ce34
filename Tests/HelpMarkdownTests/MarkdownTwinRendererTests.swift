import HelpMarkdown
import Testing

@Suite struct MarkdownTwinRendererTests {
    static var hooks: MarkdownTwinHooks {
        MarkdownTwinHooks(quotesBody: { $0.name == "note" }, takesBody: { $0 == "note" ? true : $0 == "contact" ? false : nil })
    }

    @Test func aNoteInsideANoteIsPartOfTheOuterQuote() {
        let twin = MarkdownTwinRenderer.render("::: note\n\nA\n\n::: note\n\nB\n\n:::\n\n:::\n\nC\n", extractsLeadingTitle: false, hooks: Self.hooks)
        #expect(twin.markdown == "> A\n> \n> B\n\nC\n")
    }

    /// Quotes nested as deep as directives go would repeat `> ` on every line at every depth: quadratic output.
    @Test func deeplyNestedNotesStayLinear() {
        let depth = 20_000
        let markdown = String(repeating: "::: note\n\n", count: depth) + "x\n\n" + String(repeating: ":::\n\n", count: depth)
        let twin = MarkdownTwinRenderer.render(markdown, extractsLeadingTitle: false, hooks: Self.hooks)
        #expect(twin.markdown == "> x\n")
    }

    /// cmark's CommonMark renderer is quadratic in inline nesting: 36,000 nested emphasis levels took 14.6 s.
    /// Below `maxInlineDepth` the twin keeps the text and drops the markup, so every word is still there.
    @Test func deeplyNestedEmphasisKeepsItsTextAndOnlyShallowMarkup() {
        let levels = 2_000
        let markdown = String(repeating: "*a **a ", count: levels) + "b" + String(repeating: " a** a*", count: levels) + "\n"
        let twin = MarkdownTwinRenderer.render(markdown, extractsLeadingTitle: false, hooks: Self.hooks)
        let words = twin.markdown.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { $0.filter { $0 != "*" && $0 != "_" } }
        #expect(words.filter { $0 == "a" }.count == 4 * levels)
        #expect(words.contains("b"))
        let markers = twin.markdown.filter { $0 == "*" || $0 == "_" }.count
        #expect(markers > 0 && markers <= 4 * MarkdownTwinRenderer.maxInlineDepth)
    }
}
