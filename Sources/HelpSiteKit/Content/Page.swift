/// A page's identity: its path inside its language folder without `.md` (`arn`, `s3/p4`, `index`).
/// The same identity in another language folder is that page's translation.
public struct PageID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String

    public init(_ path: String) { self.path = path }

    public var segments: [String] { path.split(separator: "/").map(String.init) }
    public var name: String { segments.last ?? path }
    /// Folders between the language root and the file.
    public var folders: [String] { Array(segments.dropLast()) }
    public var isIndex: Bool { name == "index" }
    public var description: String { path }

    public static func < (lhs: PageID, rhs: PageID) -> Bool { lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
}

/// One Markdown file as read from `content/<language>/`.
public struct SourcePage: Sendable {
    public var language: String
    public var id: PageID
    public var file: SitePath
    public var frontMatter: FrontMatter
    public var body: String
    public var bodyStartLine: Int
    public var title: String
    /// True when the title came from a leading `# ` heading, which the body then leaves out.
    public var titleFromBody: Bool

    var fileStart: FileLocation { FileLocation(file: file.display, line: 1, column: 1) }

    func location(_ key: String) -> FileLocation { frontMatter.locations[key] ?? fileStart }
}
