import Foundation
import PackagePlugin

/// Embeds the built-in theme (`theme/`, its interface text `theme/strings/` as a bundle of its own) and the starter
/// site `helpsite init` writes (`starter/`) into HelpResources, so they travel inside the `helpsite` binary and the
/// source tree holds one copy of each.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        var files: [(bundle: String, path: String, file: URL)] = []
        // Folders are inputs too: a file added to theme/assets changes that folder, not theme/.
        var folders: [URL] = []
        for (bundle, folder) in [("theme", "theme"), ("strings", "theme/strings"), ("starter", "starter")] {
            let root = package.appending(path: folder)
            let (found, subfolders) = try self.entries(in: root)
            folders += [root] + subfolders
            for file in found {
                let path = String(file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                if bundle == "theme" && path.hasPrefix("strings/") { continue }
                files.append((bundle, path, file))
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [.buildCommand(
            displayName: "Embedding the built-in theme and the starter site",
            executable: try context.tool(named: "ThemeEmbedder").url,
            arguments: [output.path(percentEncoded: false)] + files.flatMap { [$0.bundle, $0.path, $0.file.path(percentEncoded: false)] },
            inputFiles: files.map(\.file) + folders,
            outputFiles: [output]
        )]
    }

    /// The regular files and the folders below `folder`, each sorted by path.
    private func entries(in folder: URL) throws -> (files: [URL], folders: [URL]) {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
                                                          options: [.skipsHiddenFiles]) else { return ([], []) }
        var files: [URL] = []
        var folders: [URL] = []
        for case let url as URL in walker {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isDirectoryKey])
            if values.isRegularFile == true { files.append(url) } else if values.isDirectory == true { folders.append(url) }
        }
        return (files.sorted { $0.path < $1.path }, folders.sorted { $0.path < $1.path })
    }
}
