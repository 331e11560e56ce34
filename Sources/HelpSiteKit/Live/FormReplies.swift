import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown
import HelpOutput
import HelpRender

/// What `serve` answers a form submission with: a thank-you page in the reader's language, or its sentence for `fetch`.
public struct FormReplies: Sendable {
    public typealias Form = SiteForm

    let config: SiteConfig
    let strings: [String: StringTable]

    init(config: SiteConfig, strings: [String: StringTable]) {
        self.config = config
        self.strings = strings
    }

    /// The language of a submission: the one it names when the site has it, else the default language.
    public func language(named code: String?) -> Language {
        code.flatMap(config.language) ?? config.defaultLanguage
    }

    public func message(_ form: Form, language: Language) -> String {
        switch form {
        case .contact: string("contactThanks", language) ?? "Thank you. We have received your message."
        case .feedback: string("feedbackThanks", language) ?? "Thank you for your feedback!"
        }
    }

    /// A small page in the site's style: the thanks, and a link back to the page the form was on (or the home).
    public func page(_ form: Form, language: Language, returnTo: String?) -> String {
        let title = string("thanksTitle", language) ?? "Thank you"
        let back = returnTo ?? config.basePath + language.code + "/"
        let backText = string("backToHome", language) ?? "Back"
        let e = HTMLEscaping.escape
        return """
            <!DOCTYPE html>
            <html lang="\(e(language.code))" dir="\(e(language.direction.rawValue))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>\(e(title)) – \(e(config.title))</title>
            <link rel="stylesheet" href="\(e(config.basePath))assets/site.css">
            </head>
            <body class="layout-thanks">
            <main id="main" class="content">
              <h1>\(e(title))</h1>
              <p>\(e(message(form, language: language)))</p>
              <p class="back-link"><a href="\(e(back))">\(e(backText))</a></p>
            </main>
            </body>
            </html>

            """
    }

    private func string(_ key: String, _ language: Language) -> String? { strings[language.code]?.values[key] }
}
