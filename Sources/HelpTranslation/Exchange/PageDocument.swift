import HelpContent
import HelpCore
import HelpMarkdown

/// Where a unit sits in its page: the front matter's title or description, or the n-th translatable block (from 1).
public enum UnitSlot: Sendable, Hashable, CustomStringConvertible {
    case title
    case description
    case block(Int)

    public var description: String {
        switch self {
        case .title: "title"
        case .description: "description"
        case .block(let number): String(number)
        }
    }

    package init?(_ text: Substring) {
        switch text {
        case "title": self = .title
        case "description": self = .description
        default:
            guard let number = Int(text), number > 0 else { return nil }
            self = .block(number)
        }
    }
}

/// One translatable piece of a page as written in its file.
struct PageUnit: Sendable {
    package var slot: UnitSlot
    package var pieces: [InlinePiece]
    /// The unit's Markdown as written (a title's plain text).
    package var markdown: String
    /// A digest of the Markdown with whitespace folded: re-wrapping does not change it, a new link target does.
    package var hash: String
    /// The line in the file, for references and diagnostics.
    package var line: Int
    package var continuation: String
    /// Byte range of a block unit inside the page text; nil for the front matter's units.
    package var range: Range<Int>?

    var sourceMarkup: UnitMarkup {
        switch slot {
        case .title, .description: UnitMarkup(plain: markdown)
        case .block: UnitMarkup(source: pieces)
        }
    }
}

/// A page file read for exchange with translation tools: the text with line endings and BOM remembered, its front
/// matter, and its units.
struct PageDocument: Sendable {
    package var path: SitePath
    var hasBOM: Bool
    var usesCRLF: Bool
    /// The file's text with LF line endings and no BOM.
    package var text: String
    package var frontMatter: FrontMatter
    package var units: [PageUnit]
    /// The structure of the body, block for block (see `TranslatableBlocks.shapes`).
    package var shapes: [String]
    package var body: String
    package var bodyStartLine: Int

    package static func read(_ path: SitePath, stage: BuildStage) throws(DiagnosticError) -> PageDocument {
        let bytes: [UInt8]
        do { bytes = try FileSystem.readBytes(path.path) } catch {
            throw DiagnosticError(.error(stage, FileLocation(file: path.display), "\(error)"))
        }
        let text = try TextFile.read(path, stage: stage).text
        return try parse(text: text, path: path, stage: stage, hasBOM: bytes.starts(with: [0xEF, 0xBB, 0xBF]),
                         usesCRLF: zip(bytes, bytes.dropFirst()).contains { $0 == 13 && $1 == 10 })
    }

    package static func parse(text: String, path: SitePath, stage: BuildStage, hasBOM: Bool = false, usesCRLF: Bool = false) throws(DiagnosticError) -> PageDocument {
        let split = try FrontMatterSplit.split(text, file: path.display, stage: stage)
        var frontMatter = FrontMatter()
        if let yaml = split.yaml {
            var log = DiagnosticLog()
            guard let parsed = FrontMatterParser(file: path.display).parse(yaml, log: &log), log.diagnostics.allSatisfy({ $0.severity != .error }) else {
                throw DiagnosticError(log.diagnostics.first ?? .error(stage, FileLocation(file: path.display), "cannot read the front matter"))
            }
            frontMatter = parsed
        }
        let bodyOffset = text.utf8.count - split.body.utf8.count
        let segments = BlockSegmenter.segment(String(split.body))
        if let problem = segments.problems.first {
            throw DiagnosticError(.error(stage, FileLocation(file: path.display, line: problem.position.line + split.bodyStartLine - 1,
                                                             column: problem.position.column), problem.message))
        }
        var units: [PageUnit] = []
        func plainUnit(_ slot: UnitSlot, _ value: String?, key: String) {
            guard let value, !value.isEmpty else { return }
            units.append(PageUnit(slot: slot, pieces: [.text(value)], markdown: value, hash: Self.hash(value),
                                  line: frontMatter.locations[key]?.line ?? 1, continuation: "", range: nil))
        }
        plainUnit(.title, frontMatter.title, key: "title")
        plainUnit(.description, frontMatter.description, key: "description")
        let body = Array(text.utf8)
        for block in segments.blocks {
            let range = (block.range.lowerBound + bodyOffset)..<(block.range.upperBound + bodyOffset)
            let markdown = String(decoding: body[range], as: UTF8.self)
            units.append(PageUnit(slot: .block(units.count(where: { $0.range != nil }) + 1), pieces: block.pieces, markdown: markdown,
                                  hash: Self.hash(markdown), line: block.position.line + split.bodyStartLine - 1,
                                  continuation: block.continuation, range: range))
        }
        return PageDocument(path: path, hasBOM: hasBOM, usesCRLF: usesCRLF, text: text, frontMatter: frontMatter,
                            units: units, shapes: segments.shapes, body: String(split.body), bodyStartLine: split.bodyStartLine)
    }

    package static func hash(_ markdown: String) -> String {
        SourceHash.of(title: "", description: "", body: markdown)
    }

    package func unit(_ slot: UnitSlot) -> PageUnit? { units.first { $0.slot == slot } }

    /// The file's bytes for `text`, with this file's BOM and line endings.
    package func encoded(_ text: String) -> [UInt8] {
        let lines = usesCRLF ? text.replacingAll("\n", with: "\r\n") : text
        return (hasBOM ? [0xEF, 0xBB, 0xBF] : []) + Array(lines.utf8)
    }
}
