import HelpCore
import Foundation
import HelpSiteKit
import Testing
import Yams

/// Issue 20: helpsite's built-in interface text (`theme/strings/`), a language added in one line of site.yaml,
/// and site strings overriding it key by key.
@Suite struct InterfaceLanguageTests {
    static let stringsFolder = FixtureSite.repositoryRoot.appendingPathComponent("theme/strings")
    /// The 24 official EU languages, the EEA's nb, nn and is, and uk, tr and ar.
    static let shipped = ["bg", "hr", "cs", "da", "nl", "en", "et", "fi", "fr", "de", "el", "hu", "ga", "it", "lv", "lt",
                          "mt", "pl", "pt", "ro", "sk", "sl", "es", "sv", "nb", "nn", "is", "uk", "tr", "ar"]
    /// CLDR's cardinal plural categories (as Intl.PluralRules reports them), the ones each file must write.
    static let pluralCategories: [String: [String]] = [
        "hr": ["One", "Few"], "cs": ["One", "Few", "Many"], "fr": ["One", "Many"], "ga": ["One", "Two", "Few", "Many"],
        "it": ["One", "Many"], "lv": ["Zero", "One"], "lt": ["One", "Few", "Many"], "mt": ["One", "Two", "Few", "Many"],
        "pl": ["One", "Few", "Many"], "pt": ["One", "Many"], "ro": ["One", "Few"], "sk": ["One", "Few", "Many"],
        "sl": ["One", "Two", "Few"], "es": ["One", "Many"], "uk": ["One", "Few", "Many"],
        "ar": ["Zero", "One", "Two", "Few", "Many"],
    ]
    static let pluralKeys = ["Zero", "One", "Two", "Few", "Many", "Other"].map { "searchResults" + $0 }

    static func builtIn(_ code: String) throws -> [String: String] {
        let text = try String(contentsOf: stringsFolder.appendingPathComponent(code + ".yaml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: String], "\(code).yaml is a flat map of texts")
    }

    static func placeholders(_ text: String) -> [String] {
        text.matches(of: /\{[^{}]*\}/).map { String($0.output) }.sorted()
    }

    /// As the templates write text into HTML, with every kind of space made plain (French spacing adds no-break ones).
    static func html(_ text: String) -> String {
        let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
        return plainSpaces(escaped)
    }

    static func plainSpaces(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }

    @Test(arguments: shipped)
    func builtInTextHasEveryKeyAndExactlyTheLanguagesPluralForms(code: String) throws {
        let english = try Self.builtIn("en")
        let strings = try Self.builtIn(code)
        let plurals = Set((Self.pluralCategories[code] ?? ["One"]).map { "searchResults" + $0 } + ["searchResultsOther"])
        let expected = Set(english.keys).subtracting(Self.pluralKeys).union(plurals)
        #expect(Set(strings.keys) == expected, "extra: \(Set(strings.keys).subtracting(expected).sorted()), missing: \(expected.subtracting(strings.keys).sorted())")
        for (key, text) in strings {
            let englishText = english[key] ?? english["searchResultsOther"]!
            #expect(Self.placeholders(text) == Self.placeholders(englishText), "\(code).yaml \(key): \(text)")
            #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(code).yaml \(key) is empty")
        }
        let slug = try #require(strings["searchSlug"])
        #expect(slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, "searchSlug \(slug) is a plain URL segment")
    }

    /// `reviewed: 2026-11-20` in each language's own long date format (ICU).
    static let reviewDates = [
        "nb": "20. november 2026", "fr": "20 novembre 2026", "cs": "20. listopadu 2026", "ga": "20 Samhain 2026",
        "mt": "20 ta’ Novembru 2026", "lv": "2026. gada 20. novembris", "is": "20. nóvember 2026",
        "uk": "20 листопада 2026 р.", "ar": "20 نوفمبر، 2026",
    ]

    /// The issue's "done when": nine languages, one page each, no strings.yaml, `--strict` with no warning.
    @Test func aSiteListingNineLanguagesWithoutStringsBuildsStrictInEachLanguagesOwnWords() throws {
        let site = try FixtureSite([:], config: nil)
        defer { try? FileManager.default.removeItem(at: site.root) }
        try FileManager.default.removeItem(at: site.root)
        try FileManager.default.copyItem(at: FixtureSite.repositoryRoot.appendingPathComponent("examples/languages"), to: site.root)
        let built = site.runBuild(["--strict"])
        #expect(built.status == 0, "\(built.err)")
        #expect(built.err.isEmpty, "no warnings: \(built.err)")
        let english = try Self.builtIn("en")
        for code in ["nb", "fr", "cs", "ga", "mt", "lv", "is", "uk", "ar"] {
            let strings = try Self.builtIn(code)
            let home = Self.plainSpaces(try site.read("public/\(code)/index.html"))
            let notFound = Self.plainSpaces(try site.read("public/\(code)/404.html"))
            for key in ["skipToContent", "notFoundText"] {
                #expect(strings[key] != english[key], "\(code) \(key) is its own text")
            }
            #expect(home.contains(">\(Self.html(strings["skipToContent"]!))</a>"), "\(code) skip link")
            #expect(notFound.contains("<p>\(Self.html(strings["notFoundText"]!))</p>"), "\(code) 404 text")
            #expect(home.contains("<html lang=\"\(code)\" dir=\"\(code == "ar" ? "rtl" : "ltr")\""), "\(code) direction")
            #expect(home.contains("<time datetime=\"2026-11-20\">\(Self.reviewDates[code]!)</time>"), "\(code) date as ICU writes it")
        }
    }

    @Test func aSitesStringsOverrideTheBuiltInTextKeyByKey() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/en/index.md": "---\ntitle: Home\n---\nHello.\n",
            "content/en/strings.yaml": "skipToContent: Jump to the text\n",
        ])
        defer { try? FileManager.default.removeItem(at: site.root) }
        let built = site.runBuild(["--strict"])
        #expect(built.status == 0, "\(built.err)")
        let english = try site.read("public/en/index.html")
        #expect(english.contains(">Jump to the text</a>"))
        #expect(english.contains("<span class=\"brand__site\">\(try Self.builtIn("en")["home"]!)</span>"), "the other keys stay built in")
        #expect(try site.read("public/nb/index.html").contains(">\(try Self.builtIn("nb")["skipToContent"]!)</a>"))
    }

    @Test func aKeyNeitherBuiltInNorWrittenIsAWarningNamingLanguageAndKey() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/strings.yaml": "supportHours: Åpent hverdager\n",
            "content/ja/index.md": "---\ntitle: ホーム\n---\nこんにちは。\n",
        ], config: "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, ja]\n")
        defer { try? FileManager.default.removeItem(at: site.root) }
        let built = site.runBuild()
        #expect(built.status == 0, "\(built.err)")
        let warnings = built.err.split(separator: "\n").map(String.init).filter { $0.contains("warning:") }
        let japanese = try #require(warnings.first { $0.hasPrefix("content/ja/strings.yaml: warning: ja has no text for ") }, "\(warnings)")
        #expect(japanese.contains("shown in norsk bokmål instead: "))
        #expect(japanese.contains("skipToContent") && japanese.contains("supportHours") && japanese.contains("searchResultsOther"))
        #expect(!japanese.contains("searchResultsOne"), "plural categories other than Other are the language's own")
        #expect(try site.read("public/ja/index.html").contains(">\(try Self.builtIn("nb")["skipToContent"]!)</a>"))
    }

    @Test func aNewLanguageIsListedByStatusAtZeroWithEveryPageMissing() throws {
        let site = try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/nb/klage.md": "---\ntitle: Klage\n---\nTekst.\n",
        ], config: "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, is]\n")
        defer { try? FileManager.default.removeItem(at: site.root) }
        let status = site.run(["status", "--content", site.path("content")])
        #expect(status.out.contains("is: 0% up to date (2 missing)"), "\(status.out) \(status.err)")
        let built = site.runBuild(["--strict"])
        #expect(built.status == 0, "\(built.err)")
        let fallback = try site.read("public/is/index.html")
        #expect(fallback.contains(Self.html(try Self.builtIn("is")["skipToContent"]!)))
        #expect(fallback.contains("noindex"))
    }

    /// Each language's own quotation marks and, in French, its spacing, for `A "b 'c' d" e : f ; g ! h ?`.
    static let typography: [(code: String, expected: String)] = [
        ("pt", "A «b “c” d» e : f ; g ! h ?"),
        ("pt-BR", "A “b ‘c’ d” e : f ; g ! h ?"),
        ("ga", "A “b ‘c’ d” e : f ; g ! h ?"),
        ("mt", "A “b ‘c’ d” e : f ; g ! h ?"),
        ("is", "A „b ‚c‘ d“ e : f ; g ! h ?"),
        ("nn", "A «b ‘c’ d» e : f ; g ! h ?"),
        ("de-CH", "A «b ‹c› d» e : f ; g ! h ?"),
        ("fr", "A «\u{A0}b “c” d\u{A0}» e\u{A0}: f\u{202F}; g\u{202F}! h\u{202F}?"),
        ("fr-CH", "A «\u{A0}b ‹\u{A0}c\u{A0}› d\u{A0}» e\u{A0}: f\u{202F}; g\u{202F}! h\u{202F}?"),
        ("fr-CA", "A «\u{A0}b “c” d\u{A0}» e\u{A0}: f ; g ! h ?"),
    ]

    @Test(arguments: typography.map(\.code))
    func typographyFollowsTheLanguagesOwnConvention(code: String) throws {
        let codes = Self.typography.map(\.code)
        var files: [String: String] = [:]
        for language in codes {
            files["content/\(language)/index.md"] = "---\ntitle: T\n---\nA \"b 'c' d\" e : f ; g ! h ?\n"
        }
        let config = "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: pt\nlanguages: [\(codes.joined(separator: ", "))]\n"
        let site = try FixtureSite(files, config: config)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let built = site.runBuild()
        #expect(built.status == 0, "\(built.err)")
        let expected = try #require(Self.typography.first { $0.code == code }).expected
        let html = try site.read("public/\(code)/index.html")
        #expect(html.contains("<p>\(expected)</p>"), "\(code): \(html.components(separatedBy: "<p>").dropFirst().first ?? html)")
    }

    /// A site whose nb adds a string of its own and whose de overrides two: export takes exactly those three.
    static func exchangeSite() throws -> FixtureSite {
        try FixtureSite([
            "content/nb/index.md": "---\ntitle: Hjem\n---\nHei.\n",
            "content/de/index.md": "---\ntitle: Start\n---\nHallo.\n",
            "content/nb/strings.yaml": "supportHours: Vi svarer hverdager\nsearchResultsOther: \"{count} svar\"\n",
            "content/de/strings.yaml": "# Our own wording\nskipToContent: Zum Text\nsearchResultsOther: \"{count} Treffer\"\n",
        ], config: "title: T\nbaseURL: https://help.example.org/\ndefaultLanguage: nb\nlanguages: [nb, de]\n")
    }

    @Test(arguments: ["po", "xliff"])
    func interfaceStringsRoundTripThroughExportAndImport(format: String) throws {
        let site = try Self.exchangeSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let file = site.path("de.\(format)")
        let export = site.run(["export", "--content", site.path("content"), "--language", "de", "--strings", "--format", format, "--output", file])
        #expect(export.status == 0, "\(export.err)")
        var text = try String(contentsOfFile: file, encoding: .utf8)
        for key in ["skipToContent", "searchResultsOther", "supportHours"] { #expect(text.contains("strings.yaml:\(key)"), "\(key) in \(text)") }
        #expect(!text.contains("strings.yaml:notFoundText"), "a string de has built in and does not override stays out")
        #expect(text.contains("Zum Text") && text.contains("{count} Treffer"))

        // Unchanged, the file writes nothing; with supportHours translated, only that line is added.
        let unchanged = site.run(["import", "--content", site.path("content"), file])
        #expect(unchanged.status == 0, "\(unchanged.err)")
        #expect(unchanged.out.contains("content/de/strings.yaml: unchanged, 1 string untranslated or fuzzy"), "\(unchanged.out)")
        if format == "po" {
            text = text.replacingOccurrences(of: "msgid \"Vi svarer hverdager\"\nmsgstr \"\"", with: "msgid \"Vi svarer hverdager\"\nmsgstr \"Wir antworten werktags\"")
        } else {
            text = text.replacingOccurrences(of: "<source>Vi svarer hverdager</source>", with: "<source>Vi svarer hverdager</source>\n<target>Wir antworten werktags</target>")
        }
        try site.write("de.\(format)", text)
        let imported = site.run(["import", "--content", site.path("content"), file])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(try site.read("content/de/strings.yaml") == "# Our own wording\nskipToContent: Zum Text\nsearchResultsOther: \"{count} Treffer\"\nsupportHours: \"Wir antworten werktags\"\n")
        let built = site.runBuild(["--strict"])
        #expect(built.status == 0, "\(built.err)")
    }

    @Test func anImportedStringWithoutItsCountIsRefusedAndNothingIsWritten() throws {
        let site = try Self.exchangeSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let export = site.run(["export", "--content", site.path("content"), "--language", "de", "--strings", "--output", site.path("de.po")])
        #expect(export.status == 0, "\(export.err)")
        let text = try site.read("de.po")
        let broken = text.replacingOccurrences(of: "msgstr \"{count} Treffer\"", with: "msgstr \"Treffer\"")
            .replacingOccurrences(of: "msgid \"Vi svarer hverdager\"\nmsgstr \"\"", with: "msgid \"Vi svarer hverdager\"\nmsgstr \"Wir antworten werktags\"")
        #expect(broken != text)
        try site.write("de.po", broken)
        let before = try site.read("content/de/strings.yaml")
        let imported = site.run(["import", "--content", site.path("content"), site.path("de.po")])
        #expect(imported.status != 0)
        #expect(imported.err.contains(": error: string 'searchResultsOther': missing placeholder {count}; keep {count} as in the source text"), "\(imported.err)")
        #expect(imported.err.contains("de.po: nothing written"))
        #expect(try site.read("content/de/strings.yaml") == before)
    }
}
