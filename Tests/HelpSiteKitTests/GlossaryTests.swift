import HelpCore
import Foundation
import HelpSiteKit
import HelpTranslation
import Testing

@Suite struct GlossaryTests {
    static let files = [
        "content/glossary.yaml": "names: [ARN]\nterms:\n  klageansvarlig:\n    en: {use: complaints manager, avoid: [complaints officer]}\n",
        "content/nb/index.md": "# Hjem\n\nSkriv til klageansvarlig hos oss.\n\nARN kan hjelpe.\n",
        "content/en/index.md": "# Home\n\nWrite to our complaints officer.\n\nThe board can help.\n",
    ]

    @Test func checkWarnsAboutForbiddenVariantsAndMissingTermsAndNames() throws {
        let site = try FixtureSite(Self.files)
        let result = site.run(["check", "--content", site.path("content")])
        #expect(result.status == 0)
        #expect(result.err.contains("content/en/index.md:3:14: warning: glossary: 'complaints officer' is a variant to avoid; write 'complaints manager' for 'klageansvarlig'"), "\(result.err)")
        #expect(result.err.contains("content/en/index.md:3:1: warning: glossary: the source has 'klageansvarlig' here; the translation should write 'complaints manager'"))
        #expect(result.err.contains("content/en/index.md:5:1: warning: glossary: the source has the name 'ARN' here; keep it untranslated"))
        #expect(site.run(["check", "--content", site.path("content"), "--strict"]).status == 1)
    }

    @Test func exportedUnitsCarryGlossaryNotes() throws {
        let site = try FixtureSite(Self.files)
        let result = site.run(["export", "--content", site.path("content"), "--language", "en", "--pages", "all"])
        #expect(result.out.contains("#. Glossary: klageansvarlig → complaints manager (not: complaints officer)\n#: content/nb/index.md:3"), "\(result.out)")
        #expect(result.out.contains("#. Glossary: keep the name ARN as it is.\n#: content/nb/index.md:5"))
    }

    @Test func theShippedContentFollowsItsGlossary() throws {
        let content = FixtureSite.repositoryRoot.appendingPathComponent("content").path
        let result = try FixtureSite([:], config: nil).run(["check", "--content", content])
        #expect(result.status == 0)
        #expect(!result.err.contains("glossary"), "\(result.err)")
    }
}
