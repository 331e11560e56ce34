import HelpContent
import HelpCore
import Foundation
import Synchronization
import HelpRender

/// `build --cache DIR`: each page's output and what it was made from, so a rebuild renders only the pages
/// whose inputs changed and takes the rest from the cache. Nothing in it is trusted blindly: an entry is used
/// only when the page's fingerprint matches and the cached file is the one recorded; a cache that cannot be
/// read, or that was made by another helpsite or from other templates, strings, facts or settings, is ignored
/// with a one-line note.
package final class RenderCache: Sendable {
    package static let formatVersion = "helpsite-render-cache 2"

    package struct Entry: Codable, Sendable {
        package var fingerprint: UInt64
        package var size: Int
        package var headingIDs: [String]
        package var fragmentLinks: [CachedFragmentLink]
        package var diagnostics: [CachedDiagnostic]
    }


    package let directory: SitePath
    package let siteFingerprint: UInt64
    private let previous: [String: Entry]
    /// The entries for the next build and the number of pages taken from this one.
    private let next = Mutex<(entries: [String: Entry], hits: Int)>(([:], 0))
    private let replaced = Mutex<Set<String>>([])
    /// A scoped build's manifest as read, and the paths whose entries this build stored or kept: only their lines
    /// are written again (`CacheManifest.encoded(changing:)`).
    private let carried: CacheManifest?
    private let touched = Mutex<Set<String>>([])
    /// Why the previous cache was not used, if it was not.
    package let note: String?
    package var hits: Int { next.withLock { $0.hits } }

    private var manifestPath: String { Self.manifestFile(in: directory) }
    package static func manifestFile(in directory: SitePath) -> String { directory.appending("manifest.json").path }
    /// The manifest file as it is now, after `save`.
    package var manifestStamp: FileStamp? { FileStamp.of(manifestPath) }
    /// Where the cache keeps the file of an output path.
    package func cachedFile(_ outputPath: String) -> String { directory.appending("files").appending(outputPath).path }

    /// The manifest as found on disk, before it is checked against this build's site fingerprint.
    package enum Stored: Sendable {
        case missing, unreadable
        case manifest(CacheManifest)

        package static func read(directory: SitePath) -> Stored {
            let manifestPath = manifestFile(in: directory)
            guard FileSystem.exists(manifestPath) else { return .missing }
            guard let bytes = try? FileSystem.readBytes(manifestPath), let manifest = CacheManifest.decode(bytes) else { return .unreadable }
            return .manifest(manifest)
        }
    }

    /// `stored`: the manifest when it was read ahead (`CachePreload`) or kept in memory (`serve`); read now
    /// otherwise. `carrying`: a scoped build (`BuildScope`) starts from every entry of the last build and replaces some.
    package init(directory: SitePath, siteFingerprint: UInt64, stored: Stored? = nil, carrying: Bool = false) {
        self.directory = directory
        self.siteFingerprint = siteFingerprint
        let manifest: CacheManifest
        switch stored ?? Stored.read(directory: directory) {
        case .missing:
            previous = [:]
            carried = nil
            note = "no cache in \(directory.display) yet; rendering every page"
            return
        case .unreadable:
            previous = [:]
            carried = nil
            note = "the cache in \(directory.display) cannot be read; ignoring it and rendering every page"
            return
        case .manifest(let found):
            manifest = found
        }
        guard manifest.format == Self.formatVersion, manifest.site == siteFingerprint else {
            previous = [:]
            carried = nil
            note = "the cache in \(directory.display) was made by another helpsite, from other templates, strings, facts or settings, or before a page was added, removed, moved or retitled; rendering every page"
            return
        }
        previous = manifest.pages
        note = nil
        carried = carrying ? manifest : nil
        if carrying { next.withLock { $0.entries = manifest.pages } }
    }

    /// The cached file, when its fingerprint matches and its file is still the one stored. `countsAsPage`: a
    /// page's HTML counts toward `hits`; the files made alongside it (its Markdown twin) do not.
    package func lookup(_ outputPath: String, fingerprint: UInt64, countsAsPage: Bool = true) -> Hit? {
        guard let entry = previous[outputPath], entry.fingerprint == fingerprint else { return nil }
        let file = cachedFile(outputPath)
        var info = stat()
        guard lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == entry.size else { return nil }
        if countsAsPage { next.withLock { $0.hits += 1 } }
        return Hit(entry: entry, file: file, identity: FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }

    /// A cached file that may be used: its entry, its path, and which file it is (so placing it needs no second `stat`).
    package struct Hit: Sendable {
        package var entry: Entry
        package var file: String
        package var identity: FileIdentity
    }

    /// Records a page for the next build; `staged` is the file just written, linked (or copied) into the cache
    /// in place of whatever the cache held for it.
    package func store(_ outputPath: String, entry: Entry, staged: String) throws {
        let file = cachedFile(outputPath)
        try FileSystem.createDirectory(SitePath(file).parent.path)
        let temporary = file + ".tmp-\(getpid())"
        unlink(temporary)
        if link(staged, temporary) != 0 { try FileSystem.write(try FileSystem.readBytes(staged), to: temporary) }
        replaced.withLock { _ = $0.insert(outputPath) }
        try FileSystem.rename(temporary, to: file)
        next.withLock { $0.entries[outputPath] = entry }
        if carried != nil { touched.withLock { _ = $0.insert(outputPath) } }
    }

    /// A scoped build's page outside its scope: the last build's entry, counted as taken from the cache.
    package func carry(_ outputPath: String, countsAsPage: Bool = true) -> Entry? {
        guard let entry = previous[outputPath] else { return nil }
        if countsAsPage { next.withLock { $0.hits += 1 } }
        return entry
    }

    /// The entries for the next build, as `save` writes them; `serve` keeps them in memory.
    package var manifest: CacheManifest {
        CacheManifest(format: Self.formatVersion, site: siteFingerprint, pages: next.withLock { $0.entries })
    }

    /// Output paths whose cached file this build replaced: their entries in an older manifest no longer hold.
    package var replacedPaths: [String] { replaced.withLock { Array($0) } }

    /// Keeps an entry that was used as it was.
    package func keep(_ outputPath: String, entry: Entry) {
        next.withLock { $0.entries[outputPath] = entry }
        if carried != nil { touched.withLock { _ = $0.insert(outputPath) } }
    }

    /// The fingerprint this build recorded for a page, whether rendered or taken from the cache.
    package func recordedFingerprint(of outputPath: String) -> UInt64? {
        next.withLock { $0.entries[outputPath]?.fingerprint }
    }

    /// A scoped build's end: the manifest is kept in memory by `serve`; the one on disk no longer holds, so it goes.
    package func dropStoredManifest() {
        unlink(manifestPath)
    }

    /// After a failed build: the manifest on disk loses the entries whose cached files this build replaced, so the
    /// next build does not take a file its entry no longer describes (same fingerprint, same size, other bytes).
    package func forgetReplaced() {
        let replaced = replaced.withLock { $0 }
        guard !replaced.isEmpty, FileSystem.exists(manifestPath) else { return }
        // A manifest this build did not use (another site fingerprint) may still match a later build: it goes.
        guard !previous.isEmpty else { return dropStoredManifest() }
        var entries = previous
        for path in replaced { entries[path] = nil }
        if (try? write(entries)) == nil { dropStoredManifest() }
    }

    /// Writes the manifest for the next build; files of pages that no longer exist are removed.
    package func save() throws {
        let entries = next.withLock { $0.entries }
        for path in previous.keys where entries[path] == nil { unlink(cachedFile(path)) }
        if var manifest = carried, entries.count == previous.count {
            manifest.pages = entries
            return try write(manifest.encoded(changing: touched.withLock { $0 }))
        }
        try write(entries)
    }

    private func write(_ entries: [String: Entry]) throws {
        try write(CacheManifest(format: Self.formatVersion, site: siteFingerprint, pages: entries).encoded())
    }

    private func write(_ bytes: [UInt8]) throws {
        try FileSystem.replace(manifestPath, with: bytes)
    }
}

package struct CachedFragmentLink: Codable, Sendable {
    package var language, id, fragment, file, written: String
    package var line, column: Int?

    package init(_ link: FragmentLink) {
        language = link.language
        id = link.id.path
        fragment = link.fragment
        file = link.location.file
        line = link.location.line
        column = link.location.column
        written = link.written
    }

    package var link: FragmentLink {
        FragmentLink(language: language, id: PageID(id), fragment: fragment, location: FileLocation(file: file, line: line, column: column), written: written)
    }
}

package struct CachedDiagnostic: Codable, Sendable {
    package var error: Bool
    package var stage, message: String
    package var file: String?
    package var line, column: Int?

    package init(_ diagnostic: Diagnostic) {
        error = diagnostic.severity == .error
        stage = diagnostic.stage.rawValue
        message = diagnostic.message
        file = diagnostic.file
        line = diagnostic.line
        column = diagnostic.column
    }

    package var diagnostic: Diagnostic {
        Diagnostic(error ? .error : .warning, BuildStage(rawValue: stage) ?? .render, file: file, line: line, column: column, message)
    }
}

