import HelpCore

public enum FallbackMode: String, Sendable, CaseIterable {
    /// Build the missing page from the source language, with a notice, `noindex` and no hreflang claim.
    case build
    /// Leave the page out of that language; its switcher omits the language.
    case omit
}

public struct SiteConfig: Sendable {
    public var title: String
    /// Absolute, ending in `/`, e.g. `https://example.org/help/`.
    public var baseURL: String
    public var languages: [Language]
    public var defaultLanguage: Language
    public var brand: String
    public var loginURL: String?
    /// Raw HTML and every URL scheme in Markdown are kept only when this is true.
    public var allowsUnsafeHTML: Bool
    public var maxPageBytes: Int
    /// Where the contact form posts; without it the contact page lists the other ways to get in touch.
    public var contactFormEndpoint: String?
    /// What readers get where a translation is missing.
    public var fallback: FallbackMode = .build
    /// Show a notice on translations whose source page changed since they were stamped.
    public var showsOutdatedNotice: Bool = true
    /// Where `build` writes the translation-status dashboard inside the output; nil writes none.
    public var statusDashboardPath: String?
    /// `checked:` dates in facts.yaml older than this many months get a warning from `check` and `build`.
    public var factsMaxAgeMonths = 12
    /// `reviewMaxAge`: pages whose `reviewed:` date is older than this many months get a warning; nil (the default) checks none.
    public var reviewMaxAgeMonths: Int?
    /// Build a Pagefind search index and the search pages (`search: true`).
    public var search = false
    /// Where `search` is set in site.yaml, for the error when Pagefind is missing.
    public var searchLocation: FileLocation?
    /// Where the "Was this helpful?" widget posts; without it no page shows the widget.
    public var feedbackEndpoint: String?
    /// `serve --try-forms`: forms shown although site.yaml sets no endpoint for them, marked as preview-only.
    public var previewOnlyForms: Set<SiteForm> = []
    /// `serve` only: outdated notices and the status dashboard link to the translator view (`TranslatorView`).
    public var linksTranslatorViews = false

    public static let defaultMaxPageBytes = 256 * 1024

    package init(title: String, baseURL: String, languages: [Language], defaultLanguage: Language, brand: String,
                 loginURL: String?, allowsUnsafeHTML: Bool, maxPageBytes: Int, contactFormEndpoint: String?) {
        self.title = title
        self.baseURL = baseURL
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.brand = brand
        self.loginURL = loginURL
        self.allowsUnsafeHTML = allowsUnsafeHTML
        self.maxPageBytes = maxPageBytes
        self.contactFormEndpoint = contactFormEndpoint
    }

    /// The path part of `baseURL`, starting and ending with `/`.
    public var basePath: String {
        SiteConfig.path(ofAbsoluteURL: baseURL)
    }

    public func language(_ code: String) -> Language? { languages.first { $0.code == code } }

    package static func path(ofAbsoluteURL url: String) -> String {
        // Bytes, not Foundation's `range(of:)`: every page's URL asks for the base path.
        let bytes = Array(url.utf8)
        guard let colon = bytes.indices.first(where: { bytes[$0] == UInt8(ascii: ":") && $0 + 2 < bytes.count
                                                       && bytes[$0 + 1] == UInt8(ascii: "/") && bytes[$0 + 2] == UInt8(ascii: "/") }),
              let slash = bytes[(colon + 3)...].firstIndex(of: UInt8(ascii: "/")) else { return "/" }
        return String(decoding: bytes[slash...], as: UTF8.self)
    }

    /// Validates and normalizes a base URL: http or https, a host, no query or fragment, trailing slash.
    static func normalizedBaseURL(_ raw: String) -> String? {
        let lowered = raw.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return nil }
        guard !raw.contains("?"), !raw.contains("#"), !raw.contains(where: { $0.isWhitespace || $0 == "\\" }) else { return nil }
        guard let schemeEnd = raw.range(of: "://") else { return nil }
        let host = raw[schemeEnd.upperBound...].prefix(while: { $0 != "/" })
        guard !host.isEmpty else { return nil }
        let path = path(ofAbsoluteURL: raw)
        guard !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        return raw.hasSuffix("/") ? raw : raw + "/"
    }
}
