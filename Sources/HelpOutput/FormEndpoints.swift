import HelpConfig
import HelpContent
import HelpCore
import HelpMarkdown
import HelpRender

/// Where the contact form and the feedback widget post.
/// A preview shows each form only where site.yaml configures its endpoint, posting here instead;
/// with `showsUnconfigured` (`serve --try-forms`) it shows the others too, marked as preview-only.
public struct FormEndpoints: Sendable, Equatable {
    public var contact: String
    public var feedback: String
    public var showsUnconfigured = false

    public init(contact: String, feedback: String, showsUnconfigured: Bool = false) {
        self.contact = contact
        self.feedback = feedback
        self.showsUnconfigured = showsUnconfigured
    }

    /// The site's configuration as the preview shows it.
    package func apply(to config: inout SiteConfig) {
        if config.contactFormEndpoint != nil {
            config.contactFormEndpoint = contact
        } else if showsUnconfigured {
            config.contactFormEndpoint = contact
            config.previewOnlyForms.insert(.contact)
        }
        if config.feedbackEndpoint != nil {
            config.feedbackEndpoint = feedback
        } else if showsUnconfigured {
            config.feedbackEndpoint = feedback
            config.previewOnlyForms.insert(.feedback)
        }
    }
}
