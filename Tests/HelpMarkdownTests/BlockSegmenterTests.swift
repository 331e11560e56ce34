import HelpMarkdown
import Testing

@Suite struct BlockSegmenterTests {
    /// Every block's pieces put together are exactly the bytes of its range.
    func expectLossless(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) -> TranslatableBlocks {
        let segments = BlockSegmenter.segment(markdown)
        #expect(segments.problems.isEmpty, "\(segments.problems.map(\.message))", sourceLocation: sourceLocation)
        let bytes = Array(markdown.utf8)
        for block in segments.blocks {
            #expect(block.pieces.map(\.markdown).joined() == String(decoding: bytes[block.range], as: UTF8.self), sourceLocation: sourceLocation)
        }
        return segments
    }

    @Test func inlineMarkupBecomesPiecesAndTextStaysAsWritten() {
        let segments = expectLossless("See [the *ARN* page](arn.md#fee \"Fee\") and `code` &amp; \\* <b>x</b> <https://a.example> ![logo](l.png).\n")
        #expect(segments.blocks.count == 1)
        #expect(segments.blocks[0].pieces == [
            .text("See "), .open(.link, "["), .text("the "), .open(.emphasis, "*"), .text("ARN"), .close(.emphasis, "*"), .text(" page"),
            .close(.link, "](arn.md#fee \"Fee\")"), .text(" and "), .atom(.code, "`code`"), .text(" &amp; \\* "), .atom(.html, "<b>"),
            .text("x"), .atom(.html, "</b>"), .text(" "), .atom(.autolink, "<https://a.example>"), .text(" "), .open(.image, "!["),
            .text("logo"), .close(.image, "](l.png)"), .text("."),
        ])
    }

    @Test func continuationLinesKeepTheirContainerPrefixAsABreak() {
        let markdown = "- first line\n  second **bold\n  text**\\\n  after break\n\n> quoted\n> more\n"
        let segments = expectLossless(markdown)
        #expect(segments.shapes == ["list>item>paragraph", "quote>paragraph"])
        #expect(segments.blocks[0].pieces[1] == .softBreak("\n  "))
        #expect(segments.blocks[0].pieces.contains(.atom(.hardBreak, "\\\n  ")))
        #expect(segments.blocks[0].continuation == "  ")
        #expect(segments.blocks[1].pieces == [.text("quoted"), .softBreak("\n> "), .text("more")])
        #expect(segments.blocks[1].continuation == "> ")
    }

    @Test func headingIDsDirectivesAndCodeBlocks() {
        let markdown = "# Title\n\n## Hva koster det? {#fee} ##\n\n::: note\n\nInside the note.\n\n:::\n\n```\ncode\n```\n\n::: contact arn\n"
        let segments = expectLossless(markdown)
        #expect(segments.blocks.map(\.kind) == [.heading(level: 1), .heading(level: 2), .paragraph])
        #expect(segments.blocks[1].pieces == [.text("Hva koster det?"), .atom(.headingID, " {#fee}")])
        #expect(segments.shapes == ["heading1", "heading2", "directive ::: note", "paragraph", "directive :::", "code", "directive ::: contact arn"])
    }
}
