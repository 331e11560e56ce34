import HelpConfig
import HelpContent
import HelpCore
import Foundation
import HelpTranslation
import HelpRender

/// What a page's output depends on, as fingerprints for `build --cache`.
package enum CacheFingerprints {
    /// Everything every page shows or is rendered with: this helpsite binary, the settings, `site.yaml`,
    /// `facts.yaml`, every `strings.yaml`, every template, the source snapshots that exist, and the index's shape (every
    /// page's URL, layout and whether it is a fallback, which switchers, alternates and links show). Titles and orders
    /// are not here: a page takes those it shows (navigation, breadcrumbs, related pages, its home) into its own fingerprint.
    package static func site(_ site: LoadedSite, options: BuildOptions) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(RenderCache.formatVersion)
        if let path = Bundle.main.executablePath, let executable = FileStamp.of(path) {
            fingerprint.add(UInt64(executable.size))
            fingerprint.add(UInt64(bitPattern: Int64(executable.seconds)))
            fingerprint.add(UInt64(bitPattern: Int64(executable.nanoseconds)))
        }
        fingerprint.add(options.baseURL ?? "")
        fingerprint.add(options.injectedHTML ?? "")
        fingerprint.add(site.config.contactFormEndpoint ?? "")
        fingerprint.add(site.config.feedbackEndpoint ?? "")
        fingerprint.add(site.config.previewOnlyForms.map(\.rawValue).sorted().joined(separator: ","))
        fingerprint.add(options.linksTranslatorViews ? 1 : 0)
        var files = [options.contentDirectory.appending(SiteConfigLoader.fileName), options.contentDirectory.appending(FactsLoader.fileName)]
        files += site.config.languages.map { options.contentDirectory.appending($0.code).appending(ContentLoader.stringsFileName) }
        files += FileSystem.allFiles(in: options.templatesDirectory)
        for file in files {
            fingerprint.add(file.path)
            fingerprint.add((try? FileSystem.readBytes(file.path)) ?? [])
        }
        // The outdated notice names the sections changed since a translation's stamp, read from the stamped
        // version's snapshot. Snapshots are named by their content's hash, so their names are enough.
        for snapshot in FileSystem.allFiles(in: options.contentDirectory.appending(SourceSnapshots.folder)) {
            fingerprint.add(snapshot.path)
        }
        for language in site.config.languages {
            for page in site.index.pages(in: language.code) {
                fingerprint.add(page.language)
                fingerprint.add(page.id.path)
                fingerprint.add(page.href)
                fingerprint.add(page.isFallback ? 1 : 0)
                fingerprint.add(page.source.frontMatter.layout ?? "")
            }
        }
        return fingerprint.value
    }

    /// A page's own inputs on top of the site's: its file (the source page's, for a fallback); for a translation,
    /// the current version of its source page, which decides its outdated notice; and the other pages' titles it
    /// shows: its folder's navigation, its breadcrumbs, its related pages and its language's home.
    package static func page(siteFingerprint: UInt64, engine: RenderEngine) -> @Sendable (Page) -> UInt64 {
        let views = engine.views
        return { page in
            var fingerprint = Fingerprint()
            fingerprint.add(siteFingerprint)
            fingerprint.add(page.outputPath)
            fingerprint.add(page.source.file.path)
            fingerprint.add(page.source.fileHash ?? 0)
            fingerprint.add(views.sourceHashes[page.id] ?? "")
            // A translation can show its source page's review date and related pages.
            let source = views.index.page(page.id, in: views.config.defaultLanguage.code)?.source.frontMatter
            fingerprint.add(source?.reviewed?.iso ?? "")
            fingerprint.add(source?.related?.map(\.text).joined(separator: "\n") ?? "")
            fingerprint.add(page.title)
            fingerprint.add(engine.fragments.navigationDigest(language: page.language, folder: page.id.folderPath))
            for crumb in views.breadcrumbs(for: page) {
                fingerprint.add(crumb.title)
                fingerprint.add(crumb.url ?? "")
            }
            let language = views.config.language(page.language)!
            for link in views.related(for: page, in: language) {
                fingerprint.add(link.title)
                fingerprint.add(link.url)
                fingerprint.add(link.fallbackNote ?? "")
            }
            if let home = views.home(of: page.language) {
                fingerprint.add(home.title)
                fingerprint.add(home.url)
            }
            return fingerprint.value
        }
    }
}
