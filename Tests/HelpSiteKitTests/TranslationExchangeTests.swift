import HelpConfig
import HelpContent
import HelpCore
import Foundation
import HelpSiteKit
import HelpTranslation
import Testing

/// `export` and `import` on the shipped content: PO and XLIFF round trips, what changed, and refused files.
@Suite struct TranslationExchangeTests {
    static let translationLanguages = ShippedSiteTests.languages.filter { $0 != "nb" }

    func shipped() throws -> FixtureSite {
        let site = try FixtureSite([:], config: nil)
        try FileManager.default.copyItem(atPath: FixtureSite.repositoryRoot.appendingPathComponent("content").path, toPath: site.path("content"))
        return site
    }

    func translations(_ site: FixtureSite) throws -> [String: Data] {
        try site.snapshot("content").filter { $0.key.hasSuffix(".md") && $0.key.contains("/") && !$0.key.hasPrefix("nb/") && !$0.key.hasPrefix(".helpsite/") }
    }

    func config(_ site: FixtureSite) throws -> SiteConfig {
        try SiteConfigLoader(contentDirectory: SitePath(site.path("content"))).load()
    }

    @Test(arguments: ["po", "xliff"])
    func exportThenImportUnchangedGivesByteIdenticalPages(format: String) throws {
        let site = try shipped()
        let before = try translations(site)
        #expect(before.count == 88)
        var units = 0
        for language in Self.translationLanguages {
            let file = site.path("\(language).\(format)")
            let export = site.run(["export", "--content", site.path("content"), "--language", language, "--pages", "all",
                                   "--format", format, "--output", file])
            #expect(export.status == 0, "\(export.err)")
            let text = try String(contentsOfFile: file, encoding: .utf8)
            units += text.components(separatedBy: format == "po" ? "\nmsgctxt " : "<trans-unit ").count - 1
            let imported = site.run(["import", "--content", site.path("content"), file])
            #expect(imported.status == 0, "\(imported.err)")
            #expect(!imported.out.contains(": written"), "\(imported.out)")
        }
        #expect(units > 88 * 10)
        let after = try translations(site)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, bytes) in before { #expect(after[path] == bytes, "\(path) changed in the round trip") }
    }

    /// The issue's "done when": one edited source paragraph is the only unit to translate, and importing its
    /// translation brings German `arn` back up to date, changing only that paragraph.
    @Test func oneEditedParagraphIsTheOnlyUnitToTranslate() throws {
        let site = try shipped()
        let old = "ARN tar imot saker fra forbrukere i alle EU- og EØS-land mot selskaper som er etablert i Sverige."
        let new = "ARN tar imot saker fra forbrukere i hele EU og EØS mot selskaper som er etablert i Sverige."
        let source = try site.read("content/nb/arn.md")
        #expect(source.contains(old))
        try site.write("content/nb/arn.md", source.replacingOccurrences(of: old, with: new))
        let germanBefore = try site.read("content/de/arn.md")

        let exported = try TranslationExporter(contentDirectory: SitePath(site.path("content")), config: config(site))
            .export(language: "de", pages: [.outdated, .missing])
        #expect(exported.document.pages.map(\.id.path) == ["arn"])
        let units = exported.document.pages[0].units
        let untranslated = units.filter { $0.target == nil }
        #expect(untranslated.count == 1)
        let changed = try #require(untranslated.first)
        #expect(changed.source.tagged.hasPrefix(new))
        #expect(changed.previousSource?.tagged.hasPrefix(old) == true)
        #expect(changed.previousTarget?.tagged.hasPrefix("Die ARN nimmt Fälle") == true)
        #expect(units.filter { $0.key != changed.key }.allSatisfy { $0.state == .reused && $0.target != nil })

        let po = POFormat.write(exported.document)
        #expect(po.contains("#| msgid \"" + old))
        let translatedSentence = "Die ARN nimmt Fälle von Verbraucherinnen und Verbrauchern aus der gesamten EU und dem EWR gegen Unternehmen mit Sitz in Schweden an. Wenn Sie Ihren Fall bei der ARN einreichen, sind wir verpflichtet, am Verfahren teilzunehmen."
        let keyLine = "msgctxt \"\(changed.key)\"\nmsgid \"\(changed.source.tagged)\"\nmsgstr \"\""
        #expect(po.contains(keyLine))
        try site.write("de.po", po.replacingOccurrences(of: keyLine, with: keyLine.dropLast(2) + "\"\(translatedSentence)\""))
        let imported = site.run(["import", "--content", site.path("content"), site.path("de.po")])
        #expect(imported.status == 0, "\(imported.err)")

        let status = site.run(["status", "--content", site.path("content"), "--language", "de", "--format", "json"])
        #expect(status.out.contains("\"arn\""))
        let loaded = try ContentLoader(contentDirectory: SitePath(site.path("content")), config: config(site)).load()
        let report = TranslationStatus(config: try config(site), pages: loaded.pages, only: "de")
        #expect(report.rows.first { $0.id.path == "arn" }?.entries["de"]?.state == .upToDate)

        let germanAfter = try site.read("content/de/arn.md")
        let beforeLines = germanBefore.split(separator: "\n", omittingEmptySubsequences: false)
        let afterLines = germanAfter.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(beforeLines.count == afterLines.count)
        let differing = zip(beforeLines, afterLines).filter { $0 != $1 }
        #expect(differing.count == 2, "the paragraph and the source: stamp")
        #expect(differing.contains { $0.1 == Substring(translatedSentence) })
        #expect(differing.contains { $0.0.hasPrefix("source: ") && $0.1.hasPrefix("source: ") })
    }

    @Test func aBrokenPlaceholderWritesNothingFromTheFile() throws {
        let site = try shipped()
        let exported = site.run(["export", "--content", site.path("content"), "--language", "de", "--pages", "all", "--output", site.path("de.po")])
        #expect(exported.status == 0)
        var po = try site.read("de.po")
        // A good change on one page, a broken one on another: neither may be written.
        po = po.replacingOccurrences(of: "msgstr \"Beschwerde bei der ARN\"", with: "msgstr \"Beschwerden bei der ARN\"")
        let broken = "msgstr \"Sie müssen sich zuerst <g1>bei uns beschwert</g1> haben."
        #expect(po.contains(broken))
        po = po.replacingOccurrences(of: broken, with: "msgstr \"Sie müssen sich zuerst bei uns beschwert haben.")
        try site.write("de.po", po)
        let before = try translations(site)
        let imported = site.run(["import", "--content", site.path("content"), site.path("de.po")])
        #expect(imported.status == 1)
        let line = po.components(separatedBy: "\n").firstIndex { $0.contains("msgstr \"Sie müssen sich zuerst bei uns") }!
        #expect(imported.err.contains("de.po:"))
        // The unit's context is `page:number:hash`; errors name it by `page:number`.
        let context = try #require(po.components(separatedBy: "\n")[..<line].last { $0.hasPrefix("msgctxt \"arn:") })
        let unit = context.dropFirst("msgctxt \"".count).split(separator: ":").prefix(2).joined(separator: ":")
        #expect(imported.err.contains("error: unit \(unit): missing placeholder <g1> (link complaints.md#how-to-complain)"), "\(imported.err)")
        #expect(imported.err.contains("de.po: nothing written"))
        #expect(line > 0)
        #expect(try translations(site) == before)
    }

    @Test func refusedFiles() throws {
        let site = try shipped()
        _ = site.run(["export", "--content", site.path("content"), "--language", "de", "--pages", "all", "--output", site.path("de.po")])
        let po = try site.read("de.po")
        func errors(_ text: String, _ extra: [String] = []) throws -> String {
            try site.write("x.po", text)
            let result = site.run(["import", "--content", site.path("content")] + extra + [site.path("x.po")])
            #expect(result.status == 1)
            return result.err
        }
        #expect(try errors(po, ["--language", "fr"]).contains("x.po:1:1: error: the file is for de, not --language fr"))
        #expect(try errors(po.replacingOccurrences(of: "Language: de", with: "Language: nb")).contains("the file is for the source language nb"))
        #expect(try errors(po.replacingOccurrences(of: "Language: de", with: "Language: tlh")).contains("'tlh', which is not a language in site.yaml"))
        #expect(try errors(po.replacingOccurrences(of: "msgctxt \"arn:", with: "msgctxt \"nowhere:")).contains("unknown page 'nowhere'"))
        #expect(try errors(po.replacingOccurrences(of: "msgctxt \"arn:3:", with: "msgctxt \"arn:99:")).contains("unknown unit arn:99"))
        #expect(try errors(po.replacingOccurrences(of: "msgctxt \"arn:3:", with: "msgctxt \"arn:3:0")).contains("source text changed since this file was exported"))
        #expect(try errors(po.replacingOccurrences(of: "msgstr \"Aufgaben der ARN<x1/>\"", with: "msgstr \"Aufgaben der ARN<x1/><x1/>\"")).contains("appears more than once"))
        #expect(try errors(po.replacingOccurrences(of: "msgstr \"Sie müssen sich zuerst <g1>bei uns beschwert</g1>", with: "msgstr \"Sie müssen sich zuerst </g1>bei uns beschwert<g1>")).contains("closes a tag that is not open"))
        #expect(try translations(site) == translations(shipped()))
    }

    /// Front matter comments, BOM and CRLF survive an import; text that looks like a placeholder stays text.
    @Test func importKeepsTheFileAsWrittenAndStampsWhenComplete() throws {
        let source = "---\ntitle: Side\n# a comment\ndescription: \"Om <x1/> og sånt\"\n---\n\nTekst med `kode` og <g1>ikke tag</g1> og [lenke](index.md).\n\n- punkt en\n  fortsetter **her**\n"
        let translation = "---\r\ntitle: Page\r\n# kept comment\r\ndescription: \"About <x1/> and such\"\r\n---\r\n\r\nText with `kode` and <g1>not a tag</g1> and [link](index.md).\r\n\r\n- item one\r\n  continues **here**\r\n"
        let site = try FixtureSite(["content/nb/index.md": "# Hjem\n", "content/en/index.md": "# Home\n", "content/nb/page.md": source])
        try site.writeBytes("content/en/page.md", [0xEF, 0xBB, 0xBF] + Array(translation.utf8))
        let original = try Data(contentsOf: URL(fileURLWithPath: site.path("content/en/page.md")))
        let content = site.path("content")
        #expect(site.run(["export", "--content", content, "--language", "en", "--output", site.path("en.po")]).status == 0)
        var po = try site.read("en.po")
        #expect(po.contains("msgid \"Tekst med <x1/> og <x2/>ikke tag<x3/> og <g4>lenke</g4>.\""))
        #expect(po.contains("msgstr \"Text with <x1/> and <x2/>not a tag<x3/> and <g4>link</g4>.\""))
        #expect(po.contains("msgid \"\"\n\"punkt en\\n\"\n\"fortsetter <g1>her</g1>\""))
        #expect(site.run(["import", "--content", content, site.path("en.po")]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: site.path("content/en/page.md"))) == original, "unstamped and fuzzy: nothing changes")

        po = po.replacingOccurrences(of: "#, fuzzy\n", with: "")
        try site.write("en.po", po.replacingOccurrences(of: "msgstr \"Page\"", with: "msgstr \"The page: <x1/>\""))
        #expect(site.run(["import", "--content", content, site.path("en.po")]).err.contains("error: unit page:title: unknown placeholder <x1/>; the source has none"))
        try site.write("en.po", po.replacingOccurrences(of: "msgstr \"Page\"", with: "msgstr \"The page: yes\""))
        let imported = site.run(["import", "--content", content, site.path("en.po")])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("content/en/page.md: written, stamped source: "))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: site.path("content/en/page.md"))))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("---\r\ntitle: \"The page: yes\"\r\n# kept comment\r\ndescription: \"About <x1/> and such\"\r\nsource: "))
        #expect(text.hasSuffix("---\r\n\r\nText with `kode` and <g1>not a tag</g1> and [link](index.md).\r\n\r\n- item one\r\n  continues **here**\r\n"))
        #expect(site.run(["status", "--content", content, "--language", "en"]).out.contains("en: 100% up to date"))
    }

    @Test func aMinorSourceEditKeepsTranslationsUpToDateAndIsShown() throws {
        let site = try shipped()
        let content = site.path("content")
        let source = try site.read("content/nb/arn.md")
        try site.write("content/nb/arn.md", source.replacingOccurrences(of: "ARN gir ikke råd i enkeltsaker.", with: "ARN gir ikke råd i enkelsaker."))
        #expect(site.run(["status", "--content", content, "--language", "de"]).out.contains("de: 87.5% up to date (7 up-to-date, 1 outdated)"))
        let germanBefore = try site.read("content/de/arn.md")
        // The version every translation was stamped from, read from the German page rather than written here.
        let stamped = try #require(germanBefore.split(separator: "\n").first { $0.hasPrefix("source: ") }?.dropFirst("source: ".count))
        let minor = site.run(["stamp", "--content", content, "--minor", site.path("content/nb/arn.md")])
        #expect(minor.status == 0, "\(minor.err)")
        #expect(minor.out.contains("recorded as a minor edit of \(stamped); 11 translations restamped"), "\(minor.out)")
        let status = site.run(["status", "--content", content])
        for language in Self.translationLanguages { #expect(status.out.contains("\(language): 100% up to date"), "\(language)") }
        #expect(status.out.contains("Minor source edits (stamp --minor, no retranslation needed):\narn: \(stamped) → "))
        #expect(site.run(["status", "--content", content, "--format", "json"]).out.contains("\"minorEditOf\": \"\(stamped)\""))
        let germanAfter = try site.read("content/de/arn.md")
        #expect(germanAfter != germanBefore)
        #expect(germanAfter.replacingOccurrences(of: "source: \(try #require(status.out.components(separatedBy: "arn: \(stamped) → ").last?.prefix(12)))", with: "source: \(stamped)") == germanBefore)
        #expect(site.run(["stamp", "--content", content, "--minor", site.path("content/de/arn.md")]).err.contains("--minor takes a source page"))
    }

    @Test func theOutdatedNoticeNamesTheChangedSectionsLinkedToTheSource() throws {
        let site = try shipped()
        let source = try site.read("content/nb/arn.md")
        try site.write("content/nb/arn.md", source.replacingOccurrences(of: "Du trenger ikke advokat", with: "Du trenger ingen advokat")
            .replacingOccurrences(of: "ARN gir ikke råd i enkeltsaker.", with: "ARN gir ikke råd i enkeltsaker. Ny setning."))
        let report = try site.build()
        #expect(report.warnings.isEmpty, "\(report.warnings)")
        let german = try site.read("public/de/arn/index.html")
        #expect(german.contains("Geänderte Abschnitte: <a href=\"/nb/arn/#what-arn-does\" hreflang=\"nb\">Aufgaben der ARN</a>, "
                                + "<a href=\"/nb/arn/#fee\" hreflang=\"nb\">Was kostet das?</a></p>"), "\(german)")
        let greek = try site.read("public/el/arn/index.html")
        #expect(greek.contains("Ενότητες που άλλαξαν: <a href=\"/nb/arn/#what-arn-does\""))
        #expect(!(try site.read("public/de/index.html")).contains("notice--outdated"))
    }
}
