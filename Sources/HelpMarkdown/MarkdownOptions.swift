/// How quotes look in one language. cmark's smart punctuation yields English curly quotes; these replace them.
public struct QuoteStyle: Sendable, Equatable {
    public var primaryOpen: String
    public var primaryClose: String
    public var secondaryOpen: String
    public var secondaryClose: String

    public init(primaryOpen: String, primaryClose: String, secondaryOpen: String, secondaryClose: String) {
        self.primaryOpen = primaryOpen
        self.primaryClose = primaryClose
        self.secondaryOpen = secondaryOpen
        self.secondaryClose = secondaryClose
    }

    public static let english = QuoteStyle(primaryOpen: "\u{201C}", primaryClose: "\u{201D}",
                                           secondaryOpen: "\u{2018}", secondaryClose: "\u{2019}")
}

public struct Typography: Sendable, Equatable {
    public var quotes: QuoteStyle
    /// French rules: no-break space before `:` and inside guillemets, and (see below) before `; ! ?`.
    public var frenchSpacing: Bool
    /// With `frenchSpacing`, a narrow no-break space before `; ! ?` too (France, Switzerland; not Canada).
    public var spacesBeforeHighPunctuation: Bool

    public init(quotes: QuoteStyle = .english, frenchSpacing: Bool = false, spacesBeforeHighPunctuation: Bool = true) {
        self.quotes = quotes
        self.frenchSpacing = frenchSpacing
        self.spacesBeforeHighPunctuation = spacesBeforeHighPunctuation
    }

    /// Applies the same rules to text outside Markdown, such as template strings.
    public func apply(to text: String) -> String {
        TypographyRules.apply(self, to: text)
    }
}

public struct MarkdownOptions: Sendable, Equatable {
    /// Keep raw HTML and every URL scheme. Off by default: cmark's safe mode drops both.
    public var allowsUnsafeHTML: Bool
    public var typography: Typography
    /// Take a leading level-1 heading out of the body and report it as `RenderedMarkdown.title`.
    public var extractsLeadingTitle: Bool
    /// Ids the page around the Markdown already uses (`main`, `toc-title`): no heading gets one.
    public var reservedIDs: Set<String>

    public init(allowsUnsafeHTML: Bool = false, typography: Typography = Typography(), extractsLeadingTitle: Bool = false,
                reservedIDs: Set<String> = []) {
        self.allowsUnsafeHTML = allowsUnsafeHTML
        self.typography = typography
        self.extractsLeadingTitle = extractsLeadingTitle
        self.reservedIDs = reservedIDs
    }
}

/// What the caller decides while a document is rendered.
public struct RenderHooks {
    /// Returns the URL to emit for a link or image, or nil to keep the written one.
    public var resolveLink: (LinkReference) -> String?
    /// Returns trusted HTML that replaces the directive's paragraph.
    public var renderDirective: (Directive) -> String
    /// Returns the trusted HTML written before and after a block directive's body.
    public var renderBlockDirective: (Directive) -> (opening: String, closing: String)
    /// Whether a directive of this name wraps a body up to a closing `:::`; nil for a name the caller does not
    /// know. Only directives that may take a body are paired with a closer, so a one-line directive inside a
    /// block directive's body leaves the closer to the block.
    public var takesBody: (String) -> Bool?
    /// Told of a closing `:::` that closes nothing, with the name of the one-line directive before it, if any.
    public var strayCloser: (SourcePosition, String?) -> Void

    public init(
        resolveLink: @escaping (LinkReference) -> String? = { _ in nil },
        renderDirective: @escaping (Directive) -> String = { _ in "" },
        renderBlockDirective: @escaping (Directive) -> (opening: String, closing: String) = { _ in ("", "") },
        takesBody: @escaping (String) -> Bool? = { _ in nil },
        strayCloser: @escaping (SourcePosition, String?) -> Void = { _, _ in }
    ) {
        self.strayCloser = strayCloser
        self.resolveLink = resolveLink
        self.renderDirective = renderDirective
        self.renderBlockDirective = renderBlockDirective
        self.takesBody = takesBody
    }
}
