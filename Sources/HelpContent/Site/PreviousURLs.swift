import HelpConfig
import HelpCore

/// `check --previous`: the pages of a previous build (its output folder, or its `sitemap.xml`) that the
/// current site neither has nor redirects, so readers' bookmarks and search results would break.
package enum PreviousURLs {
    /// One URL path of the previous build, decoded and relative to the site root (`nb/klage/`), with where it was read.
    package struct Entry {
        package var path: String
        package var location: FileLocation
    }

    /// `current`: the folder of every HTML page the build writes (pages, redirects, search pages, the root).
    package static func check(_ previous: SitePath, basePath: String, current: Set<String>) -> [Diagnostic] {
        let entries: [Entry]
        do {
            entries = FileSystem.targetKind(of: previous.path) == .directory
                ? try folderPages(previous) : try sitemapPages(previous, basePath: basePath)
        } catch {
            return [.error(.index, FileLocation(file: previous.display), "cannot read the previous build: \(error)")]
        }
        return entries.filter { !current.contains($0.path.lowercased()) }.map { entry in
            .warning(.index, entry.location,
                     "\(basePath)\(entry.path) of the previous build no longer exists and no page has it in 'aliases:'; add it to the aliases of the page that took its place")
        }
    }

    /// Every `…/index.html` below the folder, as the folder's path.
    static func folderPages(_ folder: SitePath) throws -> [Entry] {
        var entries: [Entry] = []
        var pending = [(folder, "")]
        while let (directory, relative) = pending.popLast() {
            for name in try FileSystem.entries(of: directory.path).sorted() {
                let path = directory.appending(name)
                switch FileSystem.kind(of: path.path) {
                case .directory: pending.append((path, relative + name + "/"))
                default: if name == "index.html" { entries.append(Entry(path: relative, location: FileLocation(file: path.display))) }
                }
            }
        }
        return entries.sorted { $0.path < $1.path }
    }

    /// Every `<loc>` of a sitemap, following a sitemap index to the files beside it.
    static func sitemapPages(_ file: SitePath, basePath: String) throws -> [Entry] {
        let text = String(decoding: try FileSystem.readBytes(file.path), as: UTF8.self)
        let isIndex = text.contains("<sitemapindex")
        var entries: [Entry] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "<loc>"), let close = rest[open.upperBound...].range(of: "</loc>") {
                let url = unescapeXML(String(rest[open.upperBound..<close.lowerBound]).trimmingSpacesAndNewlines())
                rest = rest[close.upperBound...]
                let path = SiteConfig.path(ofAbsoluteURL: url)
                if isIndex {
                    let name = path.split(separator: "/").last.map(String.init) ?? ""
                    entries += try sitemapPages(file.parent.appending(name), basePath: basePath)
                    continue
                }
                let decoded = URLPath.percentDecode(path) ?? path
                let relative = decoded.hasPrefix(basePath) ? String(decoded.dropFirst(basePath.count)) : String(decoded.drop { $0 == "/" })
                entries.append(Entry(path: relative, location: FileLocation(file: file.display, line: offset + 1,
                                                                             column: line.distance(from: line.startIndex, to: open.lowerBound) + 1)))
            }
        }
        return entries
    }

    private static func unescapeXML(_ text: String) -> String {
        text.replacingAll("&lt;", with: "<").replacingAll("&gt;", with: ">").replacingAll("&quot;", with: "\"")
            .replacingAll("&apos;", with: "'").replacingAll("&amp;", with: "&")
    }
}
