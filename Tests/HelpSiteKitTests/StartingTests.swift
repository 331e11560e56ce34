import HelpCore
import Foundation
import HelpSiteCLI
import HelpSiteKit
import Testing
import Yams

/// A newcomer's commands: init, --version, the built-in theme and its overrides, theme eject, new, translate.
@Suite struct StartingTests {
    @Test func initWritesASiteThatBuildsInBothLanguages() throws {
        let folder = try FixtureSite([:], config: nil)
        defer { try? FileManager.default.removeItem(at: folder.root) }
        let created = folder.run(["init", folder.path("site")])
        #expect(created.status == 0, "\(created.err)")
        let site = FixtureSite(existing: folder.root.appendingPathComponent("site"))
        for file in ["content/site.yaml", "content/facts.yaml", "content/en/index.md", "content/en/complaints.md",
                     "content/de/index.md", "content/de/complaints.md", "content/en/strings.yaml", "content/de/strings.yaml"] {
            #expect(site.exists(file), "\(file)")
        }
        #expect(try site.read("content/site.yaml").contains("# The source language"))
        let built = site.runBuild()
        #expect(built.status == 0, "\(built.err)")
        #expect(built.err.isEmpty, "no warnings: \(built.err)")
        let german = try site.read("public/de/beschwerde/index.html")
        #expect(german.contains("<html lang=\"de\""))
        // strings.yaml only lists the built-in text, commented out, for overriding; the page has it built in.
        #expect(try site.read("content/de/strings.yaml").contains("\n# skipToContent: Zum Inhalt springen\n"))
        #expect(german.contains(">Zum Inhalt springen</a>"))
        #expect(german.contains("support@example.org"), "the facts card is on the article")
        #expect(try site.read("public/en/complaints/index.html").contains("hreflang=\"de\""))
        let status = site.run(["status", "--content", site.path("content")])
        #expect(status.out.contains("de: 100% up to date"), "\(status.out)")
    }

    @Test func initRefusesAFolderThatIsNotEmpty() throws {
        let site = try FixtureSite(["notes.txt": "mine"], config: nil)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let result = site.run(["init", site.root.path])
        #expect(result.status == 2)
        #expect(result.err == "error: \(site.root.path) is not empty; helpsite init starts a site only in a new or empty folder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path) == ["notes.txt"])
    }

    @Test func versionIsPrinted() {
        let result = FixtureSite.runCLI(["--version"])
        #expect(result.status == 0)
        #expect(result.out == HelpSiteVersion.current)
    }

    @Test func aSiteWithoutTemplatesUsesTheBuiltInTheme() throws {
        let site = try FixtureSite(Self.pages)
        defer { try? FileManager.default.removeItem(at: site.root) }
        #expect(site.runBuild().status == 0)
        #expect(site.exists("public/assets/site.css"))
        #expect(try site.read("public/nb/index.html").contains("<footer"))
    }

    @Test func ownTemplatesAndAssetsOverrideTheBuiltInThemeFileByFile() throws {
        var files = Self.pages
        files["templates/footer.mustache"] = "<footer class=\"ours\">{{site.title}}</footer>\n"
        files["templates/assets/site.css"] = "body { color: black }\n"
        let site = try FixtureSite(files)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let result = site.runBuild()
        #expect(result.status == 0, "\(result.err)")
        let home = try site.read("public/nb/index.html")
        #expect(home.contains("<footer class=\"ours\">Test Help</footer>"))
        #expect(home.contains("class=\"skip-link\""), "the built-in header is still used")
        #expect(try site.read("public/assets/site.css") == "body { color: black }\n")
        let builtInScript = try String(contentsOfFile: FixtureSite.shippedTemplates + "/assets/contact-form.js", encoding: .utf8)
        #expect(try site.read("public/assets/contact-form.js") == builtInScript)
    }

    @Test func ejectedThemeIsTheBuiltInThemeAndRendersTheSame() throws {
        let builtIn = try FixtureSite(Self.pages)
        defer { try? FileManager.default.removeItem(at: builtIn.root) }
        #expect(builtIn.runBuild().status == 0)
        let ejected = try FixtureSite(Self.pages)
        defer { try? FileManager.default.removeItem(at: ejected.root) }
        try ejected.ejectTheme()
        // The interface text (theme/strings/) is not a template: a site overrides it in content/<language>/strings.yaml.
        let theme = try FixtureSite(existing: URL(fileURLWithPath: FixtureSite.shippedTemplates)).snapshot(".").filter { !$0.key.hasPrefix("strings/") }
        #expect(try ejected.snapshot("templates") == theme)
        #expect(ejected.runBuild().status == 0)
        #expect(try ejected.snapshot() == (try builtIn.snapshot()))
    }

    @Test func ejectKeepsFilesThatAreAlreadyThere() throws {
        let site = try FixtureSite(["templates/page.mustache": "mine\n"], config: nil)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let result = site.run(["theme", "eject", site.path("templates")])
        #expect(result.status == 0)
        #expect(result.err == "kept templates/page.mustache (yours; not replaced)")
        #expect(try site.read("templates/page.mustache") == "mine\n")
        #expect(site.exists("templates/partials/header.mustache"))
    }

    @Test func newCreatesAPageAndNeverReplacesOne() throws {
        let site = try FixtureSite(Self.pages)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let created = site.run(["new", "--content", site.path("content"), "en/billing/late-payments.md"])
        #expect(created.status == 0, "\(created.err)")
        #expect(try site.read("content/en/billing/late-payments.md") == "---\ntitle: \"Late payments\"\n---\n\n")
        let again = site.run(["new", "--content", site.path("content"), "en/billing/late-payments.md"])
        #expect(again.status == 2)
        #expect(again.err == "error: content/en/billing/late-payments.md already exists; it was left as it was")
        let unknown = site.run(["new", "--content", site.path("content"), "xx/a.md"])
        #expect(unknown.status == 2)
        #expect(site.runBuild().status == 0)
    }

    @Test func translateStartsADraftThatKeepsTheFallbackUntilItIsReady() throws {
        let site = try FixtureSite(Self.pages)
        defer { try? FileManager.default.removeItem(at: site.root) }
        let started = site.run(["translate", "--content", site.path("content"), "en", "klage"])
        #expect(started.status == 0, "\(started.err)")
        let draft = try site.read("content/en/klage.md")
        #expect(draft.hasPrefix("---\ntitle: Klage\norder: 1\ndraft: true\nsource: "))
        #expect(draft.hasSuffix("---\nKlag her.\n"))
        #expect(site.runBuild().status == 0)
        let fallback = try site.read("public/en/klage/index.html")
        #expect(fallback.contains("This page is not yet available in English") && fallback.contains("Klag her."),
                "the draft is not published; the fallback is")
        try site.write("content/en/klage.md", draft.replacingOccurrences(of: "draft: true\n", with: "")
            .replacingOccurrences(of: "title: Klage", with: "title: Complaints").replacingOccurrences(of: "Klag her.", with: "Complain here."))
        let status = site.run(["status", "--content", site.path("content")])
        let row = status.out.split(separator: "\n").first { $0.hasPrefix("klage ") }
        #expect(row?.hasSuffix("✓") == true, "\(status.out)")
        let twice = site.run(["translate", "--content", site.path("content"), "en", "klage"])
        #expect(twice.status == 2)
    }

    @Test func githubWorkflowParsesAndRunsTheReadmesCommands() throws {
        let root = FixtureSite.repositoryRoot
        let workflow = try String(contentsOf: root.appendingPathComponent("examples/github-actions.yml"), encoding: .utf8)
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let parsed = try #require(try Yams.load(yaml: workflow) as? [String: Any])
        let jobs = try #require(parsed["jobs"] as? [String: Any])
        let build = try #require(jobs["build"] as? [String: Any])
        let steps = try #require(build["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }.flatMap { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(commands.contains("helpsite build --strict --diagnostics github"))
        #expect(commands.contains("swift build -c release --product helpsite"))
        for command in commands where command.hasPrefix("helpsite ") || command.hasPrefix("swift build") {
            #expect(readme.contains(command) || readme.contains(command.replacingOccurrences(of: " --strict --diagnostics github", with: "")),
                    "the README shows \(command)")
        }
        let uploads = steps.compactMap { $0["with"] as? [String: Any] }.compactMap { $0["path"] as? String }
        #expect(uploads == ["public"])
    }

    static let pages: [String: String] = [
        "content/nb/index.md": "---\ntitle: Hjem\n---\nVelkommen.\n",
        "content/nb/klage.md": "---\ntitle: Klage\norder: 1\n---\nKlag her.\n",
        "content/en/index.md": "---\ntitle: Home\n---\nWelcome.\n",
    ]
}
