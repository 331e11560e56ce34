import Foundation
import PackagePlugin

/// Embeds the built-in theme (`theme/`) and the starter site `helpsite init` writes (`starter/`, with the shipped
/// site's English and German `strings.yaml`) into HelpSiteKit, so they travel inside the `helpsite` binary and the
/// source tree holds one copy of each.
@main
struct EmbedTheme: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        var files: [(bundle: String, path: String, file: URL)] = []
        for (bundle, folder) in [("theme", "theme"), ("starter", "starter")] {
            let root = package.appending(path: folder)
            for file in try self.files(in: root) {
                files.append((bundle, String(file.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)), file))
            }
        }
        for language in ["en", "de"] {
            let path = "content/\(language)/strings.yaml"
            files.append(("starter", path, package.appending(path: path)))
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [.buildCommand(
            displayName: "Embedding the built-in theme and the starter site",
            executable: try context.tool(named: "ThemeEmbedder").url,
            arguments: [output.path(percentEncoded: false)] + files.flatMap { [$0.bundle, $0.path, $0.file.path(percentEncoded: false)] },
            inputFiles: files.map(\.file) + [package.appending(path: "theme"), package.appending(path: "starter")],
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
