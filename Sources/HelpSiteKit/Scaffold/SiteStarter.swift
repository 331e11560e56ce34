import HelpConfig
import HelpContent
import HelpCore
import HelpResources
import HelpTranslation
import HelpRender
import HelpOutput
import HelpSearch

/// `helpsite init`: a small working help centre (two languages, a home page and an article in each, facts, and a
/// commented strings.yaml per language to override the built-in interface text from) in a new or empty folder.
/// It never writes into a folder that has anything in it.
public enum SiteStarter {
    public static func create(in directory: SitePath) throws -> [String] {
        switch FileSystem.targetKind(of: directory.path) {
        case .missing: break
        case .directory:
            let entries = try FileSystem.entries(of: directory.path)
            guard entries.isEmpty else {
                throw UsageError("\(directory.display) is not empty; helpsite init starts a site only in a new or empty folder")
            }
        default:
            throw UsageError("\(directory.display) exists and is not a folder")
        }
        var files = NewFiles()
        var languages: [String] = []
        for file in EmbeddedResources.starter {
            files.add(file.bytes, at: directory.appending(file.path))
            let parts = file.path.split(separator: "/")
            if parts.count == 3, parts[0] == "content", !languages.contains(String(parts[1])) { languages.append(String(parts[1])) }
        }
        for language in languages {
            files.add(Array(BuiltInStrings.commentedOverrides(for: language).utf8),
                      at: directory.appending("content").appending(language).appending(ContentLoader.stringsFileName))
        }
        files.add(Array("/public/\n".utf8), at: directory.appending(".gitignore"))
        try files.write()
        let content = directory.appending("content")
        let config = try SiteConfigLoader(contentDirectory: content).load()
        let stamper = Stamper(contentDirectory: content, config: config)
        for file in files.files where isTranslation(file.path, content: content, config: config) {
            _ = try stamper.stamp(file.path.path)
        }
        return files.files.map(\.path.display)
    }

    private static func isTranslation(_ path: SitePath, content: SitePath, config: SiteConfig) -> Bool {
        guard path.path.hasSuffix(".md"), path.path.hasPrefix(content.path + "/") else { return false }
        let language = path.path.dropFirst(content.path.count + 1).prefix { $0 != "/" }
        return language != config.defaultLanguage.code[...]
    }
}
