import HelpCore

/// `build --cache`: the render cache's manifest and the output record read on another thread while the site is
/// loaded (most of loading runs on one core), instead of after it.
struct CachePreload: Sendable {
    let manifest: Background<RenderCache.Stored>
    let previousFiles: Background<Set<String>?>

    init(cacheDirectory: SitePath, output: SitePath) {
        manifest = Background { RenderCache.Stored.read(directory: cacheDirectory) }
        let record = OutputRecord(cacheDirectory: cacheDirectory, output: output)
        previousFiles = Background { record.previousFiles() }
    }
}
