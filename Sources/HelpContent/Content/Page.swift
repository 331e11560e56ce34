import HelpCore
import Glibc

/// A page's identity: its path inside its language folder without `.md` (`arn`, `s3/p4`, `index`).
/// The same identity in another language folder is that page's translation.
public struct PageID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String

    public init(_ path: String) { self.path = path }

    public var segments: [String] { path.split(separator: "/").map(String.init) }
    public var name: String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }
    /// Folders between the language root and the file.
    public var folders: [String] { Array(segments.dropLast()) }
    /// The folders joined (`a/b` for `a/b/page`, empty at the language root), without splitting the path.
    public var folderPath: String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }
    public var isIndex: Bool { path == "index" || path.hasSuffix("/index") }
    public var description: String { path }

    public static func < (lhs: PageID, rhs: PageID) -> Bool { lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8) }
}

/// One Markdown file as read from `content/<language>/`.
public struct SourcePage: Sendable {
    public var language: String
    public var id: PageID
    public var file: SitePath
    public var frontMatter: FrontMatter
    /// The Markdown after the front matter; empty once the loader has let go of it (see `readBody`).
    public var body: String
    public var bodyStartLine: Int
    public var title: String
    /// True when the title came from a leading `# ` heading, which the body then leaves out.
    public var titleFromBody: Bool
    /// `SourceHash` of the title, description and body, taken when the file was read (source-language pages,
    /// or any page whose body is kept); `SourceHash.of` computes it otherwise.
    public internal(set) var sourceHash: String?
    /// Size and modification time when the file was read, to notice it changed before rendering read it again.
    var fileStamp: FileStamp?
    /// A hash of the whole file, when the loader was asked for it (`build --cache`).
    package var fileHash: UInt64?
    /// The body is not kept in memory: `readBody` reads the file again.
    private(set) var streamsBody = false

    public init(language: String, id: PageID, file: SitePath, frontMatter: FrontMatter, body: String, bodyStartLine: Int,
                title: String, titleFromBody: Bool) {
        self.language = language
        self.id = id
        self.file = file
        self.frontMatter = frontMatter
        self.body = body
        self.bodyStartLine = bodyStartLine
        self.title = title
        self.titleFromBody = titleFromBody
    }

    mutating func computeSourceHash() {
        sourceHash = SourceHash.of(title: frontMatter.title ?? "", description: frontMatter.description ?? "", body: body)
    }

    package var fileStart: FileLocation { FileLocation(file: file.display, line: 1, column: 1) }

    /// Whether `other` is this page read again with only its text changed: the same file, front matter and
    /// title, so the site's index (URLs, titles, orders, navigation, related pages, aliases) is the same with either.
    package func differsOnlyInText(from other: SourcePage) -> Bool {
        language == other.language && id == other.id && file == other.file && frontMatter == other.frontMatter
            && bodyStartLine == other.bodyStartLine && title == other.title && titleFromBody == other.titleFromBody
    }

    package func location(_ key: String) -> FileLocation { frontMatter.locations[key] ?? fileStart }

    /// Lets go of the body; rendering reads it again. Indexing a large site needs only the front matter.
    mutating func releaseBody() {
        body = ""
        streamsBody = true
    }

    /// The body, read again from the file when it was released. A file edited since it was indexed is an
    /// error rather than a page that disagrees with its own title and links.
    package func readBody(limit: Int?) throws(DiagnosticError) -> String {
        guard streamsBody else { return body }
        let text = try TextFile.read(file, stage: .render, limit: limit).text
        guard FileStamp.of(file.path) == fileStamp,
              let split = try? FrontMatterSplit.split(text, file: file.display, stage: .render) else {
            throw DiagnosticError(.error(.render, fileStart, "the file changed while the site was being built; build again"))
        }
        return String(split.body)
    }
}

/// A file's identity on disk: size, modification and change times, inode. Any write changes the change time,
/// which no tool can set back, so an equal stamp means the file was not written since.
package struct FileStamp: Sendable, Equatable {
    package var size: Int
    package var seconds: Int
    package var nanoseconds: Int
    var changeSeconds = 0
    var changeNanoseconds = 0
    var inode: UInt64 = 0

    package static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                         changeSeconds: Int(info.st_ctim.tv_sec), changeNanoseconds: Int(info.st_ctim.tv_nsec), inode: UInt64(info.st_ino))
    }

    package var encoded: String { "\(size),\(seconds),\(nanoseconds),\(changeSeconds),\(changeNanoseconds),\(inode)" }

    package init(size: Int, seconds: Int, nanoseconds: Int, changeSeconds: Int = 0, changeNanoseconds: Int = 0, inode: UInt64 = 0) {
        self.size = size
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.changeSeconds = changeSeconds
        self.changeNanoseconds = changeNanoseconds
        self.inode = inode
    }

    /// From the bytes of `encoded`, as the page index holds it.
    package init?<Bytes: Collection<UInt8>>(encodedBytes: Bytes) {
        let parts = encodedBytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard parts.count == 6, let size = PageIndexCodec.number(parts[0]), let seconds = PageIndexCodec.number(parts[1]),
              let nanoseconds = PageIndexCodec.number(parts[2]), let changeSeconds = PageIndexCodec.number(parts[3]),
              let changeNanoseconds = PageIndexCodec.number(parts[4]), let inode = PageIndexCodec.unsignedNumber(parts[5]) else { return nil }
        self.init(size: size, seconds: seconds, nanoseconds: nanoseconds, changeSeconds: changeSeconds, changeNanoseconds: changeNanoseconds,
                  inode: inode)
    }
}
