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
        for (bundle, folder) in [("theme", "theme"), ("strings", "theme/strings"), ("starter", "starter")] {
            let root = package.appending(path: folder)
            for file in try self.files(in: root) {
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
            inputFiles: files.map(\.file) + [package.appending(path: "theme"), package.appending(path: "theme/strings"), package.appending(path: "starter")],
            outputFiles: [output]
        )]
    }

    private func files(in folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }
}
