/// The version `helpsite --version` prints.
public enum HelpSiteVersion {
    public static let current = "0.11.0"
}
