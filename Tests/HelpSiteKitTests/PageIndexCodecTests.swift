import Foundation
import HelpConfig
import HelpContent
import HelpCore
import Testing

/// The page index `build --cache` and `status --cache` keep: a page read back from it is the page as parsed.
@Suite struct PageIndexCodecTests {
    static let files = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
        // Every front matter field, and text with what the index escapes: backslash, tab, line breaks.
        "content/nb/klage/alt.md": """
            ---
            title: "Klage \\\\ med\\ttab"
            description: |
              To linjer
              med linjeskift
            slug: klage-alt
            order: -3
            layout: page
            reviewed: 2026-11-30
            related: [index, klage/kort]
            aliases: [gammel, "eldre\\\\sti"]
            contexts: ["/checkout/*"]
            owner: Kundeservice
            ---
            Tekst.
            """,
        "content/nb/klage/kort.md": "# Kort tittel\n\nTekst uten front matter.\n",
        "content/en/klage/alt.md": "---\ntitle: Complaint\nsource: 0123456789ab\nmachine: true\n---\nText.\n",
    ]

    /// The index is written back from the lines read for pages whose files did not change: the bytes are those a
    /// fresh encoding of every page gives.
    @Test func anIndexWrittenBackFromItsOwnLinesIsTheIndexEncodedAfresh() throws {
        let site = try FixtureSite(Self.files)
        let content = SitePath(site.path("content")), cacheFolder = SitePath(site.path("cache"))
        let config = try SiteConfigLoader(contentDirectory: content).load()
        func load() throws -> (PageIndexCache, ContentLoader.Result) {
            let index = PageIndexCache(directory: cacheFolder, config: config)
            return (index, try ContentLoader(contentDirectory: content, config: config, hashesFiles: true, indexCache: index).load(releasingBodies: true))
        }
        let (first, parsed) = try load()
        try first.save(parsed.cleanPages)
        let before = try FileSystem.readBytes(site.path("cache/pages.tsv"))
        try site.write("content/nb/klage/kort.md", "# Kort tittel\n\nEndret.\n")
        let (second, reread) = try load()
        #expect(reread.reparsedPages.map(\.id.path) == ["klage/kort"], "the other pages came from the index")
        try second.save(reread.cleanPages)
        let after = try FileSystem.readBytes(site.path("cache/pages.tsv"))
        #expect(after != before)
        #expect(after == PageIndexCodec.encode(reread.cleanPages, settings: second.settings))
    }

    @Test func aPageReadBackFromTheIndexIsThePageAsParsed() throws {
        let site = try FixtureSite(Self.files)
        let content = SitePath(site.path("content")), cacheFolder = SitePath(site.path("cache"))
        let config = try SiteConfigLoader(contentDirectory: content).load()
        let parsed = try ContentLoader(contentDirectory: content, config: config, hashesFiles: true,
                                       indexCache: PageIndexCache(directory: cacheFolder, config: config)).load(releasingBodies: true)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        #expect(parsed.cleanPages.count == 4)
        try PageIndexCache(directory: cacheFolder, config: config).save(parsed.cleanPages)

        let index = PageIndexCache(directory: cacheFolder, config: config)
        for page in parsed.cleanPages {
            let stamp = try #require(FileStamp.of(page.file.path))
            let read = try #require(index.page(at: page.file, stamp: stamp), "\(page.file) is not in the index")
            #expect(read.language == page.language && read.id == page.id && read.file == page.file)
            #expect(read.frontMatter == page.frontMatter, "\(page.file)")
            #expect(read.title == page.title && read.titleFromBody == page.titleFromBody && read.bodyStartLine == page.bodyStartLine)
            #expect(read.sourceHash == page.sourceHash && read.fileHash == page.fileHash && page.fileHash != nil)
        }
        let alt = try #require(parsed.cleanPages.first { $0.id.path == "klage/alt" && $0.language == "nb" })
        #expect(alt.frontMatter.title == "Klage \\ med\ttab" && alt.frontMatter.description?.hasPrefix("To linjer\nmed") == true)
        #expect(alt.frontMatter.order == -3 && alt.frontMatter.aliases?.map(\.text) == ["gammel", "eldre\\sti"])
        #expect(alt.frontMatter.related?.first?.location.line != nil)
        // A page whose file changed since is not taken from the index.
        try site.write("content/nb/klage/kort.md", "# Kort tittel\n\nEndret.\n")
        #expect(index.page(at: SitePath(site.path("content/nb/klage/kort.md")), stamp: try #require(FileStamp.of(site.path("content/nb/klage/kort.md")))) == nil)
    }

    @Test func numbersAreReadFromBytesWithTheirWholeRange() {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        #expect(PageIndexCodec.unsignedNumber(bytes("18446744073709551615")) == UInt64.max)
        #expect(PageIndexCodec.unsignedNumber(bytes("18446744073709551616")) == nil)
        #expect(PageIndexCodec.number(bytes("-9223372036854775807")) == -Int.max)
        #expect(PageIndexCodec.number(bytes("9223372036854775808")) == nil)
        #expect(PageIndexCodec.number(bytes("42")) == 42 && PageIndexCodec.number(bytes("")) == nil && PageIndexCodec.number(bytes("4x")) == nil)
        #expect(PageIndexCodec.number(bytes("-")) == nil && PageIndexCodec.unsignedNumber(bytes("-1")) == nil)
        let stamp = FileStamp(size: 281, seconds: -5, nanoseconds: 7, changeSeconds: 1_796_301_176, changeNanoseconds: 547_832_172, inode: UInt64.max)
        #expect(FileStamp(encodedBytes: bytes(stamp.encoded)) == stamp)
        #expect(FileStamp(encodedBytes: bytes("1,2,3,4,5")) == nil)
    }
}
