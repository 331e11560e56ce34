import HelpContent
import HelpCore
import HelpRender

/// `build --cache`: the render cache's manifest and the output record read on another thread while the site is
/// loaded (most of loading runs on one core), instead of after it.
package struct CachePreload: Sendable {
    package let manifest: Background<RenderCache.Stored>
    package let previousFiles: Background<Set<String>?>
    /// The manifest file as it was before it was read (nil when kept in memory or missing).
    package let manifestStamp: FileStamp?
    package let lastBuild: Background<LastBuildRecord?>
    /// After a build that left a `LastBuildRecord`: whether the output folder still holds what it recorded
    /// (`OutputRecord.holds`), checked while the site loads.
    package let outputIntact: Background<Bool>

    /// `manifest`: the one `serve` kept in memory, used instead of reading the file.
    package init(cacheDirectory: SitePath, output: SitePath, manifest kept: CacheManifest? = nil) {
        manifestStamp = kept == nil ? FileStamp.of(RenderCache.manifestFile(in: cacheDirectory)) : nil
        manifest = Background { kept.map(RenderCache.Stored.manifest) ?? RenderCache.Stored.read(directory: cacheDirectory) }
        let record = OutputRecord(cacheDirectory: cacheDirectory, output: output)
        previousFiles = Background { record.previousFiles() }
        let lastBuild = Background { kept == nil ? LastBuildRecord.read(cacheDirectory: cacheDirectory) : nil }
        self.lastBuild = lastBuild
        let manifest = manifest, previousFiles = previousFiles
        outputIntact = Background {
            guard lastBuild.value != nil, let files = previousFiles.value, case .manifest(let stored) = manifest.value else { return false }
            return record.holds(files, sizes: stored.pages)
        }
    }
}
