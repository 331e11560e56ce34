import HelpContent
import HelpCore
import HelpRender

/// Copies the theme's `assets/` (the site's own over the built-in ones) into the output's `assets/`.
package enum AssetCopier {
    @discardableResult
    package static func copy(_ theme: Theme, to writer: OutputWriter) throws -> Int {
        var copied = 0
        for file in theme.assets {
            let name = file.relativePath.split(separator: "/").last.map(String.init) ?? file.relativePath
            if PathRules.problem(inFileName: name) != nil { continue }
            try writer.write(try file.publishedContents(), to: file.relativePath)
            copied += 1
        }
        return copied
    }
}
