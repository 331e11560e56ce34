import HelpCore
import HelpRender

/// `build --cache`: the render cache's manifest and the output record read on another thread while the site is
/// loaded (most of loading runs on one core), instead of after it.
package struct CachePreload: Sendable {
    package let manifest: Background<RenderCache.Stored>
    package let previousFiles: Background<Set<String>?>

    package init(cacheDirectory: SitePath, output: SitePath) {
        manifest = Background { RenderCache.Stored.read(directory: cacheDirectory) }
        let record = OutputRecord(cacheDirectory: cacheDirectory, output: output)
        previousFiles = Background { record.previousFiles() }
    }
}
