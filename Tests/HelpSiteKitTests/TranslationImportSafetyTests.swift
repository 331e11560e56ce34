import HelpContent
import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// Issue 21's defects: a translator's file can neither damage content nor be half-read, an import that changes no
/// translation writes nothing, and the text a translator types is the text the reader sees.
@Suite struct TranslationImportSafetyTests {
    func shipped() throws -> FixtureSite {
        let site = try FixtureSite([:], config: nil)
        try FileManager.default.copyItem(atPath: FixtureSite.repositoryRoot.appendingPathComponent("content").path, toPath: site.path("content"))
        return site
    }

    /// The version of nb/arn.md the shipped translations are stamped from (read, so content edits need no test edit).
    func arnVersion(_ site: FixtureSite) throws -> String {
        let german = try site.read("content/de/arn.md")
        return String(try #require(german.split(separator: "\n").first { $0.hasPrefix("source: ") }?.dropFirst("source: ".count)))
    }

    /// Exports every German page of the shipped site as `de.<format>` and returns the file's text.
    func exportGerman(_ site: FixtureSite, format: String = "po") throws -> String {
        let export = site.run(["export", "--content", site.path("content"), "--language", "de", "--pages", "all", "--format", format,
                               "--output", site.path("de.\(format)")])
        #expect(export.status == 0, "\(export.err)")
        return try site.read("de.\(format)")
    }

    /// Writes `text` as `de.<format>` and imports it; returns the result and the 1-based line of the first line holding `marker`.
    func importGerman(_ site: FixtureSite, _ text: String, format: String = "po", lineOf marker: String = "\u{0}") throws
        -> (status: Int32, out: String, err: String, line: Int) {
        try site.write("de.\(format)", text)
        let line = (text.components(separatedBy: "\n").firstIndex { $0.contains(marker) } ?? -1) + 1
        let imported = site.run(["import", "--content", site.path("content"), site.path("de.\(format)")])
        return (imported.status, imported.out, imported.err, line)
    }

    static let germanTitle = "msgstr \"Beschwerde bei der ARN\""

    /// Every file under content/ with its bytes and modification time.
    func contentFiles(_ site: FixtureSite) throws -> [String: (Data, Date)] {
        try site.snapshot("content").reduce(into: [:]) { result, entry in
            let attributes = try FileManager.default.attributesOfItem(atPath: site.path("content/" + entry.key))
            result[entry.key] = (entry.value, try #require(attributes[.modificationDate] as? Date))
        }
    }

    func expectUnchanged(_ site: FixtureSite, since before: [String: (Data, Date)], _ comment: String = "") throws {
        let after = try contentFiles(site)
        #expect(after.keys.sorted() == before.keys.sorted(), "\(comment)")
        for (path, (bytes, date)) in before {
            #expect(after[path]?.0 == bytes, "\(path) changed \(comment)")
            #expect(after[path]?.1 == date, "\(path) was rewritten \(comment)")
        }
    }

    // MARK: Hostile and unusual files

    static let doctypes = [
        "<!DOCTYPE xliff [<!ENTITY xxe SYSTEM \"file:///etc/hostname\">]>",
        "<!DOCTYPE xliff [<!ENTITY xxe \"Stelle\">]>",
        "<!DOCTYPE xliff SYSTEM \"http://example.org/xliff.dtd\">",
    ]

    @Test(arguments: doctypes)
    func anXLIFFWithADoctypeIsRefusedAndNothingIsWritten(doctype: String) throws {
        let site = try shipped()
        var xliff = try exportGerman(site, format: "xliff")
        let title = "<target state=\"translated\">Beschwerde bei der ARN</target>"
        #expect(xliff.contains(title))
        xliff = xliff.replacingOccurrences(of: title, with: "<target state=\"translated\">Beschwerde &xxe; ARN</target>")
        xliff = xliff.replacingOccurrences(of: "?>\n<xliff", with: "?>\n<!-- exported -->\n  \(doctype)\n<xliff")
        let before = try contentFiles(site)
        let imported = try importGerman(site, xliff, format: "xliff")
        #expect(imported.status == 1)
        #expect(imported.err.contains("de.xliff:3:3: error: a DOCTYPE is not allowed"), "\(imported.err)")
        #expect(imported.err.contains("de.xliff: nothing written"))
        try expectUnchanged(site, since: before)
    }

    /// A target left open (its unit's end tag closes it): libxml2 reports the mismatch through the delegate and
    /// still lets `parse()` succeed, which used to import the file up to that point.
    @Test func anXLIFFWithAMismatchedEndTagIsRefusedAndNothingIsWritten() throws {
        let site = try shipped()
        let title = "<target state=\"translated\">Beschwerde bei der ARN</target>"
        var xliff = try exportGerman(site, format: "xliff")
        #expect(xliff.contains(title))
        xliff = xliff.replacingOccurrences(of: title, with: "<target state=\"translated\">Beschwerde bei der ARN")
        let before = try contentFiles(site)
        let imported = try importGerman(site, xliff, format: "xliff")
        #expect(imported.status == 1)
        #expect(imported.err.contains("de.xliff:") && imported.err.contains("error: not well-formed XML"), "\(imported.err)")
        #expect(imported.err.contains("de.xliff: nothing written"))
        try expectUnchanged(site, since: before)
    }

    /// A CDATA section is text like any other; it used to be dropped, leaving the unit silently untranslated.
    @Test func anXLIFFTargetInCDATAIsReadWhole() throws {
        let site = try shipped()
        let title = "<target state=\"translated\">Beschwerde bei der ARN</target>"
        let xliff = try exportGerman(site, format: "xliff")
            .replacingOccurrences(of: title, with: "<target state=\"translated\">Beschwerde <![CDATA[bei der <ARN> & Co]]></target>")
        let imported = try importGerman(site, xliff, format: "xliff")
        #expect(imported.status == 0, "\(imported.err)")
        #expect(try site.read("content/de/arn.md").contains("\ntitle: Beschwerde bei der <ARN> & Co\n"))
    }

    /// Strings gettext would not read as written, or text a page file cannot hold: refused at the msgstr's line.
    @Test(arguments: [
        ("Sie \\000 bei uns", "control character U+0000"),
        ("Zeile\\reins", "control character U+000D"),
        ("Pfad C:\\", "ends with a lone backslash"),
        ("Pfad \\q", "unknown escape '\\q'"),
        ("\\303\\244rger", "'\\303' is not an ASCII character"),
    ])
    func aPOStringThatWouldBeMisreadIsRefused(msgstr: String, message: String) throws {
        let site = try shipped()
        let po = try exportGerman(site).replacingOccurrences(of: Self.germanTitle, with: "msgstr \"\(msgstr)\"")
        let before = try contentFiles(site)
        let imported = try importGerman(site, po, lineOf: "msgstr \"\(msgstr)\"")
        #expect(imported.status == 1)
        #expect(imported.err.contains("de.po:\(imported.line):1: error: "), "\(imported.err)")
        #expect(imported.err.contains(message), "\(imported.err)")
        try expectUnchanged(site, since: before)
    }

    @Test func poEscapesGettextWritesAreRead() throws {
        let site = try shipped()
        let po = try exportGerman(site).replacingOccurrences(of: Self.germanTitle, with: "msgstr \"Beschwerde bei der \\x41RN \\'\\?\\101\"")
        let imported = try importGerman(site, po)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(try site.read("content/de/arn.md").contains("\ntitle: Beschwerde bei der ARN '?A\n"))
    }

    @Test func aSecondMsgstrInOneEntryIsRefused() throws {
        let site = try shipped()
        let po = try exportGerman(site).replacingOccurrences(of: Self.germanTitle, with: "msgstr \"Beschwerde\"\nmsgstr \"bei der ARN\"")
        let imported = try importGerman(site, po, lineOf: "msgstr \"bei der ARN\"")
        #expect(imported.status == 1)
        #expect(imported.err.contains("de.po:\(imported.line):1: error: a second msgstr in one entry"), "\(imported.err)")
    }

    /// An error in a translation points at the translation's own line, not at the comments above it.
    @Test(arguments: ["po", "xliff"])
    func aBrokenTranslationIsReportedOnItsOwnLine(format: String) throws {
        let site = try shipped()
        let (good, broken) = format == "po"
            ? ("msgstr \"Sie müssen sich zuerst <g1>bei uns beschwert</g1> haben.", "msgstr \"Sie müssen sich zuerst bei uns beschwert haben.")
            : (">Sie müssen sich zuerst <g id=\"1\" ctype=\"link\">bei uns beschwert</g> haben.", ">Sie müssen sich zuerst bei uns beschwert haben.")
        let text = try exportGerman(site, format: format)
        #expect(text.contains(good))
        let imported = try importGerman(site, text.replacingOccurrences(of: good, with: broken), format: format, lineOf: broken)
        let line = imported.err.split(separator: "\n").first { $0.hasPrefix("de.\(format):\(imported.line):1: error: unit arn:") }
        #expect(line?.contains(": missing placeholder <g1>") == true, "\(imported.err)")
    }

    // MARK: A no-op import

    @Test(arguments: ["po", "xliff"])
    func importingAnUntouchedExportWritesNothing(format: String) throws {
        let site = try shipped()
        let text = try exportGerman(site, format: format)
        let before = try contentFiles(site)
        #expect(before.keys.contains { $0.hasPrefix(".helpsite/sources/arn/") && $0.hasSuffix(".md") })
        Thread.sleep(forTimeInterval: 0.01)
        let imported = try importGerman(site, text, format: format)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(!imported.out.contains(": written"), "\(imported.out)")
        try expectUnchanged(site, since: before)
    }

    /// A snapshot names one version of the source by its hash; an edit the hash does not cover (`reviewed:`) and a
    /// later import that stamps that hash leave it as recorded.
    @Test func aSnapshotWithAGivenHashNeverChanges() throws {
        let site = try shipped()
        let version = try arnVersion(site)
        let snapshot = "content/.helpsite/sources/arn/\(version).md"
        let recorded = try site.read(snapshot)
        let imported = try importGerman(site, try exportGerman(site).replacingOccurrences(of: Self.germanTitle, with: "msgstr \"Beschwerden bei der ARN\""))
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("content/de/arn.md: written, stamped source: \(version)"), "\(imported.out)")
        #expect(try site.read(snapshot) == recorded)
        #expect(site.run(["stamp", "--content", site.path("content"), site.path("content/fr/arn.md")]).status == 0)
        #expect(try site.read(snapshot) == recorded)
    }

    // MARK: What a translator types is what the reader sees

    static let page = "---\ntitle: Side\n---\n\n## Overskrift {#head}\n\nFørste avsnitt.\n\n- punkt en\n"

    /// A Norwegian site with one page, exported for English: the site and the PO text.
    func englishExport(of page: String = Self.page) throws -> (FixtureSite, String) {
        let site = try FixtureSite(["content/nb/index.md": "# Hjem\n", "content/en/index.md": "# Home\n", "content/nb/page.md": page])
        #expect(site.run(["export", "--content", site.path("content"), "--language", "en", "--output", site.path("en.po")]).status == 0)
        return (site, try site.read("en.po"))
    }

    func translated(paragraph: String, item: String = "item one", heading: String = "Heading<x1/>") throws -> (FixtureSite, String) {
        var (site, po) = try englishExport()
        for (msgid, msgstr) in [("Side", "Page"), ("Overskrift<x1/>", heading), ("Første avsnitt.", paragraph), ("punkt en", item)] {
            let entry = "msgid \"\(msgid)\"\nmsgstr \"\""
            #expect(po.contains(entry), "\(msgid)")
            po = po.replacingOccurrences(of: entry, with: "msgid \"\(msgid)\"\nmsgstr \"\(Self.poEscaped(msgstr))\"")
        }
        try site.write("en.po", po)
        let imported = site.run(["import", "--content", site.path("content"), site.path("en.po")])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("content/en/page.md: written, stamped source: "), "\(imported.out)")
        try site.build()
        return (site, try site.read("public/en/page/index.html"))
    }

    static func poEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Each class of Markdown syntax, typed by a translator (straight quotes and `--` are left out: the site's
    /// typography turns them into curly quotes and dashes in every language, source included).
    static let typedTexts = [
        "Jeden *jeden* Tag und **fett**",
        "Schreiben Sie an <https://arn.se> oder <post@arn.se>",
        "Der Befehl `helpsite build` und ``zwei``",
        "1. März 2017 trat das Gesetz in Kraft",
        "2) zweitens",
        "# keine Überschrift",
        "> kein Zitat",
        "- kein Punkt",
        "+ kein Punkt",
        "* kein Punkt",
        "snake_case und _kursiv_ und __fett__",
        "[kein Link](https://arn.se) und ![kein Bild](x.png) und [ref]",
        "ein Backslash \\ und \\* und C:\\Pfad\\",
        "&amp; und &copy; und &#35; bleiben stehen",
        "<b>nicht fett</b> und <br> und </p>",
        "Ticket #",
        "- - -",
        "***",
        "=== Gleich",
        "~~~ kein Code",
        "| keine | Tabelle |",
    ]

    @Test(arguments: typedTexts)
    func typedTextReadsLiterallyInAParagraphAndAListItem(typed: String) throws {
        let (_, html) = try translated(paragraph: typed, item: typed)
        #expect(html.contains("<p>\(Self.html(typed))</p>"), "\(html)")
        #expect(html.contains("<li>\(Self.html(typed))</li>"), "\(html)")
    }

    /// On a continued line, what would start a block stays text too; two trailing spaces make no hard break.
    @Test(arguments: ["- Punkt", "1. Punkt", "> Zitat", "# Titel", "===", "- - -", "    eingerückt", "Ende  "])
    func typedTextOnASecondLineStaysInTheParagraph(line: String) throws {
        let (_, html) = try translated(paragraph: "Erste Zeile\n" + line, item: "Punkt\n" + line)
        let shown = Self.html(line.trimmingCharacters(in: .whitespaces))
        #expect(html.contains("<p>Erste Zeile\n\(shown)</p>"), "\(html)")
        #expect(html.contains("<li>Punkt\n\(shown)</li>"), "\(html)")
        #expect(!html.contains("<br"))
    }

    @Test(arguments: ["Kosten {#fee}", "Ticket #", "Nr. 1 #1", "*Wichtig*"])
    func typedTextReadsLiterallyInAHeading(typed: String) throws {
        let (_, html) = try translated(paragraph: "Text.", heading: typed + "<x1/>")
        #expect(html.contains(" id=\"head\""), "\(html)")
        #expect(html.contains(">\(Self.html(typed))</h2>") || html.contains(">\(Self.html(typed))<a"), "\(html)")
    }

    /// `:::` starts a directive however it is escaped, so a paragraph cannot start with it: refused on the unit's line.
    @Test func aParagraphStartingLikeADirectiveIsRefusedOnItsLine() throws {
        let (site, exported) = try englishExport()
        let entry = "msgid \"Første avsnitt.\"\nmsgstr \"\""
        let po = exported.replacingOccurrences(of: entry, with: entry.dropLast(2) + "\"::: contact arn\"")
        try site.write("en.po", po)
        let line = try #require(po.components(separatedBy: "\n").firstIndex { $0 == "msgstr \"::: contact arn\"" }) + 1
        let imported = site.run(["import", "--content", site.path("content"), site.path("en.po")])
        #expect(imported.status == 1)
        #expect(imported.err.contains("en.po:\(line):1: error: page page: the translation changes the page's structure: a paragraph that starts with ':::' is a directive"), "\(imported.err)")
        #expect(!site.exists("content/en/page.md"))
    }

    /// Markup comes only from placeholders: a link kept as `<g1>` stays a link beside escaped text.
    @Test func placeholdersStillCarryMarkup() throws {
        let (site, po) = try englishExport(of: "---\ntitle: Side\n---\n\nSe [siden](index.md) og *dette*.\n")
        let entry = "msgid \"Se <g1>siden</g1> og <g2>dette</g2>.\"\nmsgstr \"\""
        #expect(po.contains(entry))
        try site.write("en.po", po.replacingOccurrences(of: "msgid \"Side\"\nmsgstr \"\"", with: "msgid \"Side\"\nmsgstr \"Page\"")
            .replacingOccurrences(of: entry, with: entry.dropLast(2) + "\"*Not* this! <g2>but this</g2> and <g1>the page</g1>\""))
        #expect(site.run(["import", "--content", site.path("content"), site.path("en.po")]).status == 0)
        #expect(try site.read("content/en/page.md").hasSuffix("\n\\*Not\\* this! *but this* and [the page](index.md)\n"))
        try site.build()
        #expect(try site.read("public/en/page/index.html").contains("<p>*Not* this! <em>but this</em> and <a href=\"/en/\""))
    }
}

/// Machine translation kept honest: machine units make a page `machine: true` until a person reviews it; readers see
/// a notice linking to the source; `status` counts machine pages apart.
@Suite struct MachineTranslationTests {
    let safety = TranslationImportSafetyTests()

    /// The German export with every `arn` unit flagged as a machine translation (`#, fuzzy, machine`).
    func machineGerman(_ site: FixtureSite) throws -> String {
        let po = try safety.exportGerman(site)
        var lines: [String] = []
        for line in po.components(separatedBy: "\n") {
            lines.append(line)
            if line.hasPrefix("#: "), line.contains("content/nb/arn.md:") {
                lines.append("#, fuzzy, machine")
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func importNoticeReviewUpToDate() throws {
        let site = try safety.shipped()
        let content = site.path("content")
        let po = try machineGerman(site)
        let version = try safety.arnVersion(site)
        let imported = try safety.importGerman(site, po)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("content/de/arn.md: written, machine translated (not reviewed), stamped source: \(version)"), "\(imported.out)")
        #expect(imported.out.components(separatedBy: ": written").count == 2, "only arn changes: \(imported.out)")
        #expect(try site.read("content/de/arn.md").contains("\nmachine: true\n"))

        #expect(site.run(["status", "--content", content, "--language", "de"]).out.contains("de: 100% up to date (7 up-to-date, 1 machine)"))
        #expect(site.run(["status", "--content", content, "--language", "de", "--format", "json"]).out.contains("\"machine\": 1"))
        #expect(site.run(["status", "--content", content, "--fail-under", "100"]).status == 0)
        let reviewedOnly = site.run(["status", "--content", content, "--fail-under", "100", "--reviewed-only"])
        #expect(reviewedOnly.status == 1)
        #expect(reviewedOnly.err.contains("error: de is 87.5% up to date and reviewed, under --fail-under 100%"), "\(reviewedOnly.err)")
        #expect(site.runBuild(["--fail-under", "100", "--reviewed-only"]).err.contains("de is 87.5% up to date and reviewed"))
        #expect(site.run(["status", "--content", content, "--format", "html"]).out.contains("<td class=\"machine\">machine</td>"))
        try site.build()
        let german = try site.read("public/de/arn/index.html")
        #expect(german.contains("<p class=\"notice notice--machine\" role=\"note\">Diese Seite wurde maschinell übersetzt und noch nicht geprüft. "
                                + "Das Original finden Sie auf <a href=\"/nb/arn/\" lang=\"nb\" hreflang=\"nb\">norsk bokmål</a>.</p>"), "\(german)")
        #expect(!(try site.read("public/de/index.html")).contains("notice--machine"))

        // A new export still marks the text as machine made; importing it untouched changes nothing.
        let again = try safety.exportGerman(site)
        #expect(again.contains("content/nb/arn.md:2\n#, fuzzy, machine\nmsgctxt \"arn:title:"), "\(again)")
        let before = try safety.contentFiles(site)
        #expect(try safety.importGerman(site, again).out.contains(": written") == false)
        try safety.expectUnchanged(site, since: before)

        // Reviewed: every unit's fuzzy flag cleared.
        let reviewed = try safety.importGerman(site, again.replacingOccurrences(of: "#, fuzzy, machine\n", with: ""))
        #expect(reviewed.status == 0, "\(reviewed.err)")
        #expect(reviewed.out.contains("content/de/arn.md: written, stamped source: \(version)"), "\(reviewed.out)")
        #expect(!(try site.read("content/de/arn.md")).contains("machine"))
        #expect(site.run(["status", "--content", content, "--language", "de"]).out.contains("de: 100% up to date (8 up-to-date)"))
    }

    @Test func stampingAMachineTranslationMarksItReviewed() throws {
        let site = try safety.shipped()
        let before = try site.read("content/de/arn.md")
        #expect(try safety.importGerman(site, try machineGerman(site)).status == 0)
        #expect(try site.read("content/de/arn.md") != before)
        #expect(site.run(["stamp", "--content", site.path("content"), site.path("content/de/arn.md")]).status == 0)
        #expect(try site.read("content/de/arn.md") == before)
    }

    @Test func xliffMachineSuggestionsAndTheMachineOption() throws {
        let site = try safety.shipped()
        let xliff = try safety.exportGerman(site, format: "xliff").replacingOccurrences(
            of: "<target state=\"translated\">Beschwerde bei der ARN</target>",
            with: "<target state=\"needs-review-translation\" state-qualifier=\"mt-suggestion\">Beschwerde bei der ARN</target>")
        #expect(try safety.importGerman(site, xliff, format: "xliff").status == 0)
        #expect(try site.read("content/de/arn.md").contains("\nmachine: true\n"))

        let (small, po) = try safety.englishExport()
        let translated = po.replacingOccurrences(of: "msgid \"Side\"\nmsgstr \"\"", with: "msgid \"Side\"\nmsgstr \"Page\"")
        try small.write("en.po", translated)
        let imported = small.run(["import", "--machine", "--content", small.path("content"), small.path("en.po")])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(try small.read("content/en/page.md").hasPrefix("---\ntitle: Page\nmachine: true\n---\n"))
    }
}
