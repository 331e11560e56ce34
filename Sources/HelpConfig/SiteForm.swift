/// The forms a site can show: the contact form and the "Was this helpful?" widget.
public enum SiteForm: String, Sendable, CaseIterable {
    case contact, feedback
}
