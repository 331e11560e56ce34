import HelpCore
import HelpRender
import HelpOutput
import HelpSearch

/// `helpsite theme eject`: writes the built-in theme into a folder for customising. Files already there are kept
/// (they are the user's), and the rest are written, so ejecting next to a few overrides completes the folder.
public enum ThemeEjector {
    public struct Result: Sendable {
        public var written: [String]
        public var kept: [String]
    }

    public static func eject(to directory: SitePath) throws -> Result {
        if FileSystem.exists(directory.path) && FileSystem.targetKind(of: directory.path) != .directory {
            throw UsageError("\(directory.display) exists and is not a folder")
        }
        var files = NewFiles()
        var kept: [String] = []
        for file in Theme.builtIn {
            let target = directory.appending(file.relativePath)
            if FileSystem.exists(target.path) { kept.append(target.display) } else { files.add(file.bytes, at: target) }
        }
        try files.write()
        return Result(written: files.files.map(\.path.display), kept: kept)
    }
}
