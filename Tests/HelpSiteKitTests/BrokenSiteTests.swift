import HelpCore
import Foundation
import HelpSiteKit
import Testing

/// Deliberately broken sites: each asserts the exact diagnostics, the exit status and that `public/` is untouched.
@Suite struct BrokenSiteTests {
    static let base: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nx\n",
        "content/en/index.md": "---\ntitle: Home\n---\nx\n",
    ]

    func errors(adding files: [String: String], config: String? = FixtureSite.minimalConfig) throws -> [String] {
        let site = try FixtureSite(Self.base.merging(files) { $1 }, config: config)
        return site.buildErrors()
    }

    @Test func yamlErrorsAreCountedInTheFile() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\ndescription: [unclosed\n---\nx\n"]) == [
            "content/nb/a.md:3:14: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)\ncontent/nb/a.md:4:1: note: the YAML parser noticed the problem here",
        ])
    }

    @Test func unknownKeysSuggestTheRightOne() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\ndescripton: B\nslgu: c\n---\nx\n"]) == [
            "content/nb/a.md:3:1: error: unknown key 'descripton' in front matter; did you mean 'description'?",
            "content/nb/a.md:4:1: error: unknown key 'slgu' in front matter; did you mean 'slug'?",
        ])
    }

    @Test func duplicateKeys() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\ntitle: B\n---\nx\n"]) == [
            "content/nb/a.md:3:1: error: duplicate key 'title'",
        ])
    }

    @Test func unterminatedFrontMatter() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\ntitle: A\n\nbody\n"]) == [
            "content/nb/a.md:1:1: error: front matter starts here but is never closed; end it with a line '---'",
        ])
    }

    @Test func missingTitleAndWrongTypes() throws {
        #expect(try errors(adding: ["content/nb/a.md": "---\norder: first\ndraft: maybe\n---\nno heading\n"]) == [
            "content/nb/a.md:1:1: error: page has no title; add 'title:' to the front matter or start the text with '# Title'",
            "content/nb/a.md:2:8: error: 'order' must be a whole number",
            "content/nb/a.md:3:8: error: 'draft' must be true or false",
        ])
    }

    @Test func missingLinkTargetIsAnErrorAndOtherLanguageOnlyIsAWarning() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/nb/a.md": "---\ntitle: A\n---\nSe [b](b.md) og\n[c](nowhere.md#x).\n",
            "content/en/b.md": "---\ntitle: B\n---\nx\n",
        ]) { $1 })
        #expect(site.buildErrors() == ["content/nb/a.md:5:1: error: link target 'nowhere.md#x' does not exist: no page nowhere.md in any language"])
        try site.write("content/nb/a.md", "---\ntitle: A\n---\nSe [b](b.md).\n")
        let report = try site.build()
        #expect(report.warnings.filter { $0.stage == .resolveLinks }.map { site.relative($0.description) } == [
            "content/nb/a.md:4:4: warning: link target 'b.md' is not translated into nb yet; linking to the en page",
        ])
        #expect(try site.read("public/nb/a/index.html").contains("<a href=\"/en/b/\">b</a>"))
    }

    @Test func duplicateSlugs() throws {
        #expect(try errors(adding: [
            "content/nb/a.md": "---\ntitle: A\nslug: klage\n---\nx\n",
            "content/nb/klage.md": "---\ntitle: Klage\n---\nx\n",
        ]).map { $0.replacingOccurrences(of: FileManager.default.temporaryDirectory.path, with: "") } == [
            "content/nb/klage.md:1:1: error: content/nb/klage.md and content/nb/a.md both become /nb/klage/",
        ])
    }

    @Test(arguments: ["../escape", "/etc", "a/b", "..", ".hidden", "a\\b", "%2e%2e", "tab\there"])
    func slugsCannotLeaveTheirFolder(slug: String) throws {
        let yaml = slug.contains("\t") ? "\"tab\\there\"" : "'\(slug)'"
        let result = try errors(adding: ["content/nb/a.md": "---\ntitle: A\nslug: \(yaml)\n---\nx\n"])
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("content/nb/a.md:3:7: error: slug") == true, "\(result)")
    }

    @Test(arguments: ["../../../etc/passwd.md", "/../x.md", "%2e%2e/%2e%2e/x.md", "..\\..\\x.md"])
    func linksCannotLeaveTheLanguageFolder(link: String) throws {
        let result = try errors(adding: ["content/nb/a.md": "---\ntitle: A\n---\n[x](\(link))\n"])
        #expect(result.count == 1, "\(result)")
        #expect(result.first?.hasPrefix("content/nb/a.md:4:1: error: link") == true, "\(result)")
    }

    @Test func unknownLanguageFolderAndBadConfig() throws {
        #expect(try errors(adding: ["content/de/index.md": "---\ntitle: Hallo\n---\n"]) == [
            "content/de: error: folder 'de' is not a language listed in site.yaml; expected one of: nb, en",
        ])
        #expect(try errors(adding: [:], config: "title: T\nbaseURL: ftp://x\ndefaultLanguage: de\nlanguages: [nb, en]\ncolour: red\n") == [
            "content/site.yaml:2:10: error: baseURL must be an absolute http(s) URL without query or fragment, e.g. https://example.org/help/",
            "content/site.yaml:3:18: error: defaultLanguage 'de' is not listed in languages; expected one of: nb, en",
            "content/site.yaml:5:1: error: unknown key 'colour' in site.yaml; expected one of: title, baseURL, defaultLanguage, languages, brand, loginURL, unsafeHTML, maxPageSize, contactFormEndpoint, fallback, outdatedNotice, statusDashboard, factsMaxAge, search, feedbackEndpoint",
        ])
    }

    @Test func templateErrorsNameTheTemplateFile() throws {
        var files = Self.base
        files["templates/page.mustache"] = "<html>\n{{#page}}\n{{title}}\n"
        files["templates/root.mustache"] = "{{> missing-partial}}"
        files["templates/404.mustache"] = "404"
        let site = try FixtureSite(files)
        let found = site.buildErrors()
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.hasPrefix("templates/page.mustache:") && $0.contains("error: template syntax error") })
        #expect(found.contains { $0.hasPrefix("templates/root.mustache:1:1: error: template 'root' includes partial 'missing-partial', which does not exist; expected one of: 404, alternates, ") })
    }

    @Test func pageOverTheSizeLimit() throws {
        let big = "---\ntitle: Big\n---\n" + String(repeating: "a", count: 300 * 1024)
        #expect(try errors(adding: ["content/nb/big.md": big]) == [
            "content/nb/big.md:1:1: error: page is \(big.utf8.count) bytes, over the limit of 262144 bytes (maxPageSize in site.yaml)",
        ])
    }

    @Test func cliExitCodesAndUntouchedOutput() throws {
        let site = try FixtureSite(Self.base)
        #expect(site.runBuild().status == 0)
        let before = try site.snapshot()
        try site.write("content/nb/a.md", "---\ntitle: A\nbad: 1\n---\n")
        let failed = site.runBuild()
        #expect(failed.status == 1)
        #expect(failed.err.contains("content/nb/a.md:3:1: error: unknown key 'bad' in front matter"))
        #expect(try site.snapshot() == before)
        #expect(site.runBuild(["--no-such-flag"]).status == 2)
        #expect(site.runBuild(["--base-url", "not a url"]).status == 2)
        let github = site.runBuild(["--diagnostics", "github"])
        #expect(github.err.contains("::error file=content/nb/a.md,line=3,col=1::unknown key 'bad' in front matter"))
    }

    @Test func outputThatWouldReplaceUserFilesIsRefused() throws {
        let site = try FixtureSite(Self.base)
        let result = site.run(["build", "--content", site.path("content"), "--output", site.path("content")])
        #expect(result.status == 2)
        #expect(site.exists("content/nb/index.md"))
        try site.write("mine/notes.txt", "keep me")
        let other = site.run(["build", "--content", site.path("content"), "--output", site.path("mine")])
        #expect(other.status == 2)
        #expect(try site.read("mine/notes.txt") == "keep me")
    }

    @Test func symlinksLeavingContentAreRefused() throws {
        let site = try FixtureSite(Self.base)
        try site.write("outside.md", "---\ntitle: Secret\n---\n")
        try FileManager.default.createSymbolicLink(atPath: site.path("content/nb/link.md"), withDestinationPath: site.path("outside.md"))
        try FileManager.default.createSymbolicLink(atPath: site.path("content/nb/loop.md"), withDestinationPath: site.path("content/nb/loop.md"))
        let found = site.buildErrors()
        #expect(found.contains { $0.hasPrefix("content/nb/link.md: error: symbolic link points outside the content folder") })
        #expect(found.contains("content/nb/loop.md: error: symbolic link is broken or loops"))
    }

    @Test func unknownDirectiveAndContactName() throws {
        let site = try FixtureSite(Self.base.merging([
            "content/facts.yaml": "arn:\n  name: ARN\n  phone: +46 8 508 860 00\n",
            "content/nb/a.md": "---\ntitle: A\n---\nx\n\n::: contact arm\n\n::: kontakt arn\n",
        ]) { $1 })
        #expect(site.buildErrors() == [
            "content/nb/a.md:6:1: error: unknown contact 'arm'; did you mean 'arn'?",
            "content/nb/a.md:8:1: error: unknown directive '::: kontakt'; did you mean 'contact'?",
        ])
    }
}
