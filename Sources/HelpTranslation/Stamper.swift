import HelpConfig
import HelpContent
import HelpCore
import Foundation

/// `helpsite stamp`: records in a translation's front matter which version of the source page it follows,
/// changing nothing else in the file (line endings, BOM, comments and key order stay as they were).
public struct Stamper {
    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    public struct Result: Sendable, Equatable {
        public var file: String
        public var hash: String
        public var changed: Bool
    }

    /// A translation file located in the content folder: its language and its path inside the language folder.
    public struct Located: Sendable {
        public var language: String
        public var relativePath: String
        public var path: SitePath
        public var sourcePath: SitePath
    }

    public func locate(_ file: String) throws(DiagnosticError) -> Located {
        let path = SitePath(file)
        let location = FileLocation(file: path.display)
        guard let resolved = path.resolved, let root = contentDirectory.resolved, resolved.hasPrefix(root + "/") else {
            throw DiagnosticError(.error(.discover, location, "not a file inside the content folder \(contentDirectory.display)"))
        }
        let inside = resolved.dropFirst(root.count + 1).split(separator: "/").map(String.init)
        guard inside.count >= 2, let language = config.language(inside[0]), resolved.hasSuffix(".md") else {
            throw DiagnosticError(.error(.discover, location, "not a page inside a language folder (content/<language>/…/*.md)"))
        }
        guard language != config.defaultLanguage else {
            throw DiagnosticError(.error(.discover, location, "\(file) is in the source language \(language.code); stamp its translations instead"))
        }
        let relativePath = inside.dropFirst().joined(separator: "/")
        return Located(language: language.code, relativePath: relativePath, path: path,
                       sourcePath: contentDirectory.appending(config.defaultLanguage.code).appending(relativePath))
    }

    public func stamp(_ file: String) throws(DiagnosticError) -> Result {
        let located = try locate(file)
        var log = DiagnosticLog()
        let loader = ContentLoader(contentDirectory: contentDirectory, config: config)
        guard FileSystem.exists(located.sourcePath.path) else {
            throw DiagnosticError(.error(.discover, FileLocation(file: located.path.display),
                                         "there is no source page \(located.sourcePath.display) to stamp against"))
        }
        guard let source = loader.readPage(located.sourcePath, language: config.defaultLanguage.code, relativePath: located.relativePath, log: &log) else {
            throw DiagnosticError(log.diagnostics.first ?? .error(.parse, FileLocation(file: located.sourcePath.display), "cannot read the source page"))
        }
        let hash = SourceHash.of(source)
        try SourceSnapshots(contentDirectory: contentDirectory, config: config).record(sourceBytes(located), page: source.id, hash: hash)
        let original: [UInt8]
        do { original = try FileSystem.readBytes(located.path.path) } catch {
            throw DiagnosticError(.error(.discover, FileLocation(file: located.path.display), "\(error)"))
        }
        let updated = Self.reviewed(Self.stamped(original, hash: hash))
        if updated != original {
            do { try AtomicFile.replace(located.path.path, with: updated) } catch {
                throw DiagnosticError(.error(.write, FileLocation(file: located.path.display), "\(error)"))
            }
        }
        return Result(file: located.path.display, hash: hash, changed: updated != original)
    }

    private func sourceBytes(_ located: Located) throws(DiagnosticError) -> [UInt8] {
        do { return try FileSystem.readBytes(located.sourcePath.path) } catch {
            throw DiagnosticError(.error(.parse, FileLocation(file: located.sourcePath.display), "\(error)"))
        }
    }

    /// The file's bytes with `source: <hash>` set in its front matter, every other byte kept.
    package static func stamped(_ bytes: [UInt8], hash: String) -> [UInt8] {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let start = bytes.starts(with: bom) ? 3 : 0
        let newline: [UInt8] = bytes.contains(UInt8(ascii: "\r")) && containsCRLF(bytes) ? [13, 10] : [10]
        let stampLine = Array("source: \(hash)".utf8)
        var lines: [(start: Int, contentEnd: Int, end: Int)] = []
        var lineStart = start
        var index = start
        while index < bytes.count {
            if bytes[index] == 10 {
                let contentEnd = index > lineStart && bytes[index - 1] == 13 ? index - 1 : index
                lines.append((lineStart, contentEnd, index + 1))
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < bytes.count { lines.append((lineStart, bytes.count, bytes.count)) }
        func text(_ line: (start: Int, contentEnd: Int, end: Int)) -> String {
            String(decoding: bytes[line.start..<line.contentEnd], as: UTF8.self)
        }
        guard let first = lines.first, text(first).trimmingTrailingSpaces() == "---",
              let closing = lines.dropFirst().firstIndex(where: { ["---", "..."].contains(text($0).trimmingTrailingSpaces()) }) else {
            return Array(bytes[..<start]) + Array("---".utf8) + newline + stampLine + newline + Array("---".utf8) + newline + Array(bytes[start...])
        }
        if let existing = lines[1..<closing].first(where: { text($0).hasPrefix("source:") }) {
            return Array(bytes[..<existing.start]) + stampLine + Array(bytes[existing.contentEnd...])
        }
        let insertAt = lines[closing].start
        return Array(bytes[..<insertAt]) + stampLine + newline + Array(bytes[insertAt...])
    }

    /// The file's bytes without `machine: true`: stamping is a person saying the translation is right.
    package static func reviewed(_ bytes: [UInt8]) -> [UInt8] {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let text = String(decoding: bytes[start...], as: UTF8.self)
        let edited = FrontMatterEditor.removing("machine", in: text)
        return edited == text ? bytes : Array(bytes[..<start]) + Array(edited.utf8)
    }

    private static func containsCRLF(_ bytes: [UInt8]) -> Bool {
        zip(bytes, bytes.dropFirst()).contains { $0 == 13 && $1 == 10 }
    }
}
