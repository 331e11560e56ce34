import Foundation
import HelpSiteKit
import Testing

/// Issue 21's translation memory and platform loop: `export --format tmx`, `import memory.tmx` prefilling later
/// exports, and `export --directory` (`make translations`) / `import translations/*.po` (`make import-translations`).
@Suite struct TranslationMemoryTests {
    func shipped() throws -> FixtureSite {
        let site = try FixtureSite([:], config: nil)
        try FileManager.default.copyItem(atPath: FixtureSite.repositoryRoot.appendingPathComponent("content").path, toPath: site.path("content"))
        return site
    }

    /// Pages of every kind for English: up to date (with `&<>` and markup), missing, machine translated, outdated.
    func small() throws -> FixtureSite {
        let site = try FixtureSite([
            "content/nb/a.md": "---\ntitle: Tom & Jerry <3 > 2\n---\n\nFisk & chips, a < b > c, **fet**.\n",
            "content/en/a.md": "---\ntitle: Tom & Jerry <3 > 2 (en)\n---\n\nFish & chips, a < b > c, **bold**.\n",
            "content/nb/b.md": "---\ntitle: Bie\n---\n\nBare på norsk.\n",
            "content/nb/c.md": "---\ntitle: Sjø\n---\n\nMaskinoversatt side.\n",
            "content/en/c.md": "---\ntitle: Sea\n---\n\nMachine translated page.\n",
            "content/nb/d.md": "---\ntitle: Dal\n---\n\nFørste avsnitt.\n\nAndre avsnitt.\n",
            "content/en/d.md": "---\ntitle: Valley\n---\n\nFirst paragraph.\n\nSecond paragraph.\n",
        ])
        let stamped = site.run(["stamp", "--content", site.path("content"), site.path("content/en/a.md"), site.path("content/en/c.md"), site.path("content/en/d.md")])
        #expect(stamped.status == 0, "\(stamped.err)")
        try site.write("content/en/c.md", try site.read("content/en/c.md").replacingOccurrences(of: "title: Sea\n", with: "title: Sea\nmachine: true\n"))
        try site.write("content/nb/d.md", try site.read("content/nb/d.md").replacingOccurrences(of: "Andre avsnitt.", with: "Andre avsnitt, endret."))
        return site
    }

    func pages(_ site: FixtureSite) throws -> [String: Data] {
        try site.snapshot("content").filter { !$0.key.hasPrefix(".helpsite/") }
    }

    /// The `<tu>` elements of a TMX file, each as its text.
    func units(_ tmx: String) -> [String] {
        tmx.components(separatedBy: "</tu>\n").dropLast().compactMap { piece in piece.range(of: "<tu").map { String(piece[$0.lowerBound...]) } }
    }

    @Test func tmxHoldsOnlyUpToDateUnitsEscapedAndInTheirLanguages() throws {
        let site = try small()
        let export = site.run(["export", "--content", site.path("content"), "--format", "tmx", "--output", site.path("all.tmx")])
        #expect(export.status == 0, "\(export.err)")
        let tmx = try site.read("all.tmx")
        #expect(tmx.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"helpsite\""))
        for attribute in ["srclang=\"nb\"", "segtype=\"paragraph\"", "o-tmf=\"helpsite\"", "adminlang=\"en\"", "datatype=\"plaintext\""] {
            #expect(tmx.contains(attribute), "\(attribute)")
        }
        let found = units(tmx)
        // a: title and paragraph; d: title and the unchanged first paragraph. Not b (missing), c (machine), d's changed paragraph.
        #expect(found.count == 4, "\(tmx)")
        #expect(found.allSatisfy { $0.contains("<tuv xml:lang=\"nb\"><seg>") && $0.contains("<tuv xml:lang=\"en\"><seg>") })
        #expect(tmx.contains("<seg>Tom &amp; Jerry &lt;3 &gt; 2</seg>"))
        #expect(tmx.contains("<seg>Tom &amp; Jerry &lt;3 &gt; 2 (en)</seg>"))
        #expect(tmx.contains("<seg>Fish &amp; chips, a &lt; b &gt; c, <bpt i=\"1\" x=\"1\">**</bpt>bold<ept i=\"1\">**</ept>.</seg>"), "\(tmx)")
        #expect(tmx.contains("<seg>First paragraph.</seg>"))
        #expect(tmx.contains("<seg>Valley</seg>"))
        for absent in ["Bie", "Bare på norsk", "Sea", "Machine translated", "Second paragraph", "Andre avsnitt"] {
            #expect(!tmx.contains(absent), "\(absent) should not be in the memory")
        }
        #expect(!tmx.contains("date"), "no timestamps")

        // The same content gives the same bytes; one language alone gives the same units here (English is the only one).
        let again = site.run(["export", "--content", site.path("content"), "--format", "tmx", "--language", "en"])
        #expect(again.status == 0)
        #expect(again.out + "\n" == tmx)
    }

    @Test func aMemoryForEveryLanguageHasOneUnitPerSourceTextWithEachLanguage() throws {
        let site = try shipped()
        try FileManager.default.removeItem(atPath: site.path("content/fr/odr.md"))
        let export = site.run(["export", "--content", site.path("content"), "--format", "tmx", "--output", site.path("all.tmx")])
        #expect(export.status == 0, "\(export.err)")
        let found = units(try site.read("all.tmx"))
        let title = try #require(found.first { $0.contains("tuid=\"arn:title:") })
        #expect(title.components(separatedBy: "<tuv ").count - 1 == 12, "nb and the 11 translations")
        let odr = try #require(found.first { $0.contains("tuid=\"odr:title:") })
        #expect(odr.contains("xml:lang=\"de\"") && !odr.contains("xml:lang=\"fr\""), "fr/odr.md is missing")
    }

    @Test func anImportedMemoryPrefillsExactMatchesOfLaterExportsForReview() throws {
        let site = try shipped()
        let exported = site.run(["export", "--content", site.path("content"), "--format", "tmx", "--language", "de", "--output", site.path("de.tmx")])
        #expect(exported.status == 0, "\(exported.err)")
        let german = try site.read("content/de/odr.md")
        try FileManager.default.removeItem(atPath: site.path("content/de/odr.md"))
        // One paragraph edited in the source: no exact match any more, so it stays untranslated.
        let source = try site.read("content/nb/odr.md")
        let edited = "Retten til å klage er ikke borte."
        #expect(source.contains(edited))
        try site.write("content/nb/odr.md", source.replacingOccurrences(of: edited, with: "Retten til å klage er slett ikke borte."))

        let before = try pages(site)
        let imported = site.run(["import", "--content", site.path("content"), site.path("de.tmx")])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("content/.helpsite/memory/de.tmx: written"), "\(imported.out)")
        #expect(try pages(site) == before, "importing a memory changes no page")
        let memory = try site.read("content/.helpsite/memory/de.tmx")
        let again = site.run(["import", "--content", site.path("content"), site.path("de.tmx")])
        #expect(again.out.contains("content/.helpsite/memory/de.tmx: unchanged"), "\(again.out)")
        #expect(try site.read("content/.helpsite/memory/de.tmx") == memory)

        let po = site.run(["export", "--content", site.path("content"), "--language", "de", "--pages", "missing"])
        #expect(po.status == 0, "\(po.err)")
        let entries = po.out.components(separatedBy: "\n\n").filter { $0.contains("msgctxt \"odr:") }
        let title = try #require(entries.first { $0.contains("msgctxt \"odr:title:") })
        #expect(title.hasPrefix("# exact match from translation memory\n"), "\(title)")
        #expect(title.contains("#, fuzzy\n"))
        #expect(title.contains("msgstr \"Die OS-Plattform ist geschlossen\""))
        #expect(german.contains("title: Die OS-Plattform ist geschlossen"))
        let prefilled = entries.filter { $0.contains("# exact match from translation memory") }
        #expect(prefilled.count == entries.count - 1, "every unit but the edited one")
        let changed = try #require(entries.first { $0.contains("er slett ikke borte") })
        #expect(changed.contains("msgstr \"\"") && !changed.contains("fuzzy"))

        let xliff = site.run(["export", "--content", site.path("content"), "--language", "de", "--pages", "missing", "--format", "xliff"])
        #expect(xliff.out.contains("<target state=\"needs-review-translation\" state-qualifier=\"exact-match\">Die OS-Plattform ist geschlossen</target>\n"
                                   + "<note from=\"helpsite\">exact match from translation memory</note>"), "\(xliff.out)")

        // Imported untouched, the prefilled units stay unreviewed: the page is written but not stamped.
        try site.write("de.po", po.out)
        let back = site.run(["import", "--content", site.path("content"), site.path("de.po")])
        #expect(back.status == 0, "\(back.err)")
        let written = try site.read("content/de/odr.md")
        #expect(written.contains("title: Die OS-Plattform ist geschlossen") && !written.contains("\nsource: "))
    }

    static let hostile: [(String, String)] = [
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>\n<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"nb\"><seg>&xxe;</seg></tuv></tu></body></tmx>\n",
         "x.tmx:2:1: error: a DOCTYPE is not allowed: TMX needs no entity declarations"),
        // A DOCTYPE that only names the TMX DTD is let through, but then an entity it might declare is refused.
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"nb\"><seg>Klage &xxe; ARN</seg></tuv></tu></body></tmx>\n",
         "x.tmx:3:60: error: the entity reference &xxe; is not allowed"),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\" [<!ENTITY xxe \"Stelle\">]>\n<tmx version=\"1.4\"><body></body></tmx>\n",
         "x.tmx:2:1: error: a DOCTYPE is not allowed: TMX"),
        ("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"nb\"><seg>Hei</tuv></tu></body></tmx>\n",
         "x.tmx:3:"),
        ("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"nb\"><seg>Hei <ept i=\"1\"/></seg></tuv></tu></body></tmx>\n",
         "x.tmx:3:"),
        ("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"nb\"><seg>Hei</seg></tuv><tuv xml:lang=\"xx\"><seg>Hi</seg></tuv></tu></body></tmx>\n",
         "x.tmx:1:1: error: no unit has text in nb"),
    ]

    @Test(arguments: hostile)
    func aHostileOrBrokenMemoryIsRefusedAndNothingIsWritten(tmx: String, message: String) throws {
        let site = try shipped()
        try site.write("x.tmx", tmx)
        let before = try site.snapshot("content")
        let imported = site.run(["import", "--content", site.path("content"), site.path("x.tmx")])
        #expect(imported.status == 1)
        #expect(imported.err.contains(message), "\(imported.err)")
        #expect(imported.err.contains("error: "))
        #expect(imported.err.contains("x.tmx: nothing written"))
        #expect(try site.snapshot("content") == before)
    }

    /// translate-toolkit, OmegaT and Trados write `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, and other tools' languages
    /// have regions: such a memory is read, and `<g1>` written as text (a PO file turned into TMX) is a placeholder.
    @Test func aMemoryFromAnotherToolIsRead() throws {
        let site = try shipped()
        try site.write("x.tmx", """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE tmx SYSTEM "tmx14.dtd">
            <tmx version="1.4">
              <header creationtool="Translate Toolkit" creationtoolversion="3.20.4" segtype="sentence" o-tmf="UTF-8" adminlang="en" srclang="nb-NO" datatype="PlainText"/>
              <body>
                <tu><tuv xml:lang="nb-NO"><seg>Klage til ARN</seg></tuv><tuv xml:lang="de-DE"><seg>Beschwerde an die ARN</seg></tuv></tu>
                <tu><tuv xml:lang="nb-NO"><seg>Les &lt;g1&gt;slik klager du&lt;/g1&gt;.</seg></tuv><tuv xml:lang="de-DE"><seg>Lesen Sie, &lt;g1&gt;wie&lt;/g1&gt;.</seg></tuv></tu>
              </body>
            </tmx>
            """)
        let imported = site.run(["import", "--content", site.path("content"), site.path("x.tmx")])
        #expect(imported.status == 0, "\(imported.err)")
        let memory = try site.read("content/.helpsite/memory/de.tmx")
        #expect(memory.contains("<tuv xml:lang=\"nb\"><seg>Les <bpt i=\"1\" x=\"1\"></bpt>slik klager du<ept i=\"1\"></ept>.</seg></tuv>"), "\(memory)")
        #expect(memory.contains("<tuv xml:lang=\"de\"><seg>Beschwerde an die ARN</seg></tuv>"))
        try FileManager.default.removeItem(atPath: site.path("content/de/arn.md"))
        let po = site.run(["export", "--content", site.path("content"), "--language", "de", "--pages", "missing"])
        #expect(po.out.contains("# exact match from translation memory\n"), "\(po.out)")
        #expect(po.out.contains("msgstr \"Beschwerde an die ARN\""))
    }

    // MARK: The platform loop

    @Test func translationFilesAreStableAcrossRuns() throws {
        let site = try shipped()
        let first = site.run(["export", "--content", site.path("content"), "--pages", "all", "--directory", site.path("translations")])
        #expect(first.status == 0, "\(first.err)")
        let files = try site.snapshot("translations")
        #expect(files.keys.sorted() == TranslationExchangeTests.translationLanguages.map { "\($0).po" }.sorted())
        // An export from an earlier minute: only its date differs, so the next run leaves it as it is.
        let earlier = try site.read("translations/de.po").replacingOccurrences(of: #"PO-Revision-Date: [^\\]*"#, with: "PO-Revision-Date: 2020-01-01 00:00+0000",
                                                                                options: .regularExpression)
        #expect(earlier.contains("2020-01-01"))
        try site.write("translations/de.po", earlier)
        let second = site.run(["export", "--content", site.path("content"), "--pages", "all", "--directory", site.path("translations")])
        #expect(second.status == 0, "\(second.err)")
        #expect(second.err.contains("translations/de.po: ") && second.err.contains(", unchanged"), "\(second.err)")
        var expected = files
        expected["de.po"] = Data(earlier.utf8)
        #expect(try site.snapshot("translations") == expected)

        // A real change is written.
        let source = try site.read("content/nb/arn.md")
        try site.write("content/nb/arn.md", source.replacingOccurrences(of: "ARN tar imot saker", with: "ARN behandler saker"))
        let third = site.run(["export", "--content", site.path("content"), "--pages", "all", "--directory", site.path("translations")])
        #expect(third.status == 0)
        #expect(try site.read("translations/de.po").contains("ARN behandler saker"))
    }

    @Test func importingTheTranslationFilesIsAllOrNothingPerFile() throws {
        let site = try shipped()
        let export = site.run(["export", "--content", site.path("content"), "--pages", "all", "--directory", site.path("translations")])
        #expect(export.status == 0, "\(export.err)")
        let files = TranslationExchangeTests.translationLanguages.sorted().map { site.path("translations/\($0).po") }

        // Untouched, they change nothing.
        let before = try pages(site)
        let noop = site.run(["import", "--content", site.path("content")] + files)
        #expect(noop.status == 0, "\(noop.err)")
        #expect(try pages(site) == before)

        // de.po breaks a placeholder (and changes its title), fr.po changes its title: fr is written, de is not.
        let de = try site.read("translations/de.po")
        let brokenLine = "msgstr \"Sie müssen sich zuerst bei uns beschwert haben."
        let broken = de.replacingOccurrences(of: "msgstr \"Sie müssen sich zuerst <g1>bei uns beschwert</g1> haben.", with: brokenLine)
            .replacingOccurrences(of: "msgstr \"Beschwerde bei der ARN\"", with: "msgstr \"Beschwerde an die ARN\"")
        #expect(broken != de)
        try site.write("translations/de.po", broken)
        let fr = try site.read("translations/fr.po")
        let frenchTitle = try #require(try site.read("content/fr/arn.md").split(separator: "\n").first { $0.hasPrefix("title: ") }?.dropFirst(7))
        try site.write("translations/fr.po", fr.replacingOccurrences(of: "msgstr \"\(frenchTitle)\"", with: "msgstr \"\(frenchTitle) (nouveau)\""))
        let germanBefore = try site.snapshot("content/de")
        let imported = site.run(["import", "--content", site.path("content")] + files)
        #expect(imported.status == 1)
        let line = (broken.components(separatedBy: "\n").firstIndex { $0.hasPrefix(brokenLine) } ?? -1) + 1
        #expect(imported.err.contains("translations/de.po:\(line):1: error: "), "\(imported.err)")
        #expect(imported.err.contains("translations/de.po: nothing written"))
        #expect(try site.snapshot("content/de") == germanBefore)
        #expect(try site.read("content/fr/arn.md").contains("title: \(frenchTitle) (nouveau)\n"))
    }
}
