/// `content/glossary.yaml`: required renderings, forbidden variants and names never translated.
public struct Glossary: Sendable {
    func notes(for text: UnitText, language: String) -> [String] { [] }
}

public struct GlossaryLoader {
    let contentDirectory: SitePath
    let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    public func load() throws -> Glossary? { nil }
}
