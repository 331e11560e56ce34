import HelpCore
import HelpResources
import Foundation

/// The files a site renders with: the built-in theme, with the site's own `templates/` laid over it file by file.
/// A template overrides the built-in template of the same name (wherever either sits); an asset overrides the
/// built-in asset at the same path under `assets/`.
package struct Theme: Sendable {
    package struct File: Sendable {
        /// The path inside the theme, such as `partials/head.mustache` or `assets/site.css`.
        package var relativePath: String
        /// Where the file comes from, as diagnostics name it.
        package var display: String
        package var bytes: [UInt8]
        package var isBuiltIn: Bool

        package var isAsset: Bool { relativePath.hasPrefix("assets/") }
        package var templateName: String? {
            guard !isAsset, relativePath.hasSuffix(".mustache") else { return nil }
            let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
            return String(name.dropLast(".mustache".count))
        }
    }

    /// How diagnostics name a built-in file: `[built-in]/partials/head.mustache`.
    package static let builtInPrefix = EmbeddedResources.displayPrefix

    package static let builtIn: [File] = EmbeddedResources.theme.map { entry in
        File(relativePath: entry.path, display: builtInPrefix + "/" + entry.path, bytes: entry.bytes, isBuiltIn: true)
    }

    /// The site's own files first, then the built-in files nothing overrides; both sorted by path.
    package let siteFiles: [File]
    package let builtInFiles: [File]
    /// Entries of the site's folder that are neither files nor folders (symbolic links, sockets): not used.
    package var skipped: [Diagnostic] = []

    package var templates: [File] { (siteFiles + builtInFiles).filter { $0.templateName != nil } }
    package var assets: [File] { (siteFiles + builtInFiles).filter(\.isAsset).sorted { $0.relativePath < $1.relativePath } }

    /// The built-in theme alone.
    package static let builtInOnly = Theme(siteFiles: [], builtInFiles: builtIn)

    /// Reads `directory` when it exists and lays it over the built-in theme. `required`: a folder the user named.
    package static func load(overriding directory: SitePath, required: Bool) throws -> Theme {
        guard FileSystem.targetKind(of: directory.path) == .directory else {
            if required || FileSystem.targetKind(of: directory.path) != .missing {
                throw BuildFailure([.error(.render, FileLocation(file: directory.display), "templates folder not found")])
            }
            return builtInOnly
        }
        var own: [File] = []
        var skipped: [Diagnostic] = []
        var pending: [(SitePath, String)] = [(directory, "")]
        while let (folder, prefix) = pending.popLast() {
            for name in try FileSystem.entries(of: folder.path) where !name.hasPrefix(".") {
                let path = folder.appending(name)
                if FileSystem.kind(of: path.path) == .directory {
                    pending.append((path, prefix + name + "/"))
                } else if FileSystem.kind(of: path.path) == .file {
                    own.append(File(relativePath: prefix + name, display: path.display, bytes: [], isBuiltIn: false))
                } else {
                    skipped.append(.warning(.render, FileLocation(file: path.display), "not a regular file; not used"))
                }
            }
        }
        own.sort { $0.relativePath < $1.relativePath }
        let ownTemplateNames = Set(own.compactMap(\.templateName))
        let ownAssets = Set(own.filter(\.isAsset).map(\.relativePath))
        let remaining = builtIn.filter { file in
            if let name = file.templateName { return !ownTemplateNames.contains(name) }
            return !ownAssets.contains(file.relativePath)
        }
        return Theme(siteFiles: own, builtInFiles: remaining, skipped: skipped)
    }

}

extension Theme.File {
    /// The file as text, with the same checks and line-ending handling as every other text file.
    package func text(stage: BuildStage) throws(DiagnosticError) -> String {
        if isBuiltIn { return String(decoding: bytes, as: UTF8.self) }
        return try TextFile.read(SitePath(display), stage: stage).text
    }

    package func contents() throws -> [UInt8] {
        isBuiltIn ? bytes : try FileSystem.readBytes(display)
    }
}
