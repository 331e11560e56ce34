import HelpCore
import HelpRender

/// `build --cache`: the render cache's manifest and the output record read on another thread while the site is
/// loaded (most of loading runs on one core), instead of after it.
package struct CachePreload: Sendable {
    package let manifest: Background<RenderCache.Stored>
    package let previousFiles: Background<Set<String>?>

    /// `manifest`: the one `serve` kept in memory, used instead of reading the file.
    package init(cacheDirectory: SitePath, output: SitePath, manifest kept: CacheManifest? = nil) {
        manifest = Background { kept.map(RenderCache.Stored.manifest) ?? RenderCache.Stored.read(directory: cacheDirectory) }
        let record = OutputRecord(cacheDirectory: cacheDirectory, output: output)
        previousFiles = Background { record.previousFiles() }
    }
}
