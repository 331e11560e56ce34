import HelpCore
import HelpMarkdown

/// The opening of helpsite's own self-contained pages for the people who run the site (the status dashboard,
/// serve's translator view): English, not indexed, the style inline; the caller writes `<main>`'s content and closes it.
enum StandaloneHTML {
    /// `colorSchemes`: "light", or "light dark" when `style` has a dark scheme.
    package static func opening(title: String, style: String, colorSchemes: String = "light") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <meta name="color-scheme" content="\(colorSchemes)">
        <title>\(HTMLEscaping.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>

        """
    }

    package static let closing = "</main>\n</body>\n</html>\n"
}
