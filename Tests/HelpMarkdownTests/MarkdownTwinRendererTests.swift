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
}
