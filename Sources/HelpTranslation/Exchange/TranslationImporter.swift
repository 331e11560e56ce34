import HelpConfig
import HelpContent
import HelpCore

/// `helpsite import`: writes the translations in a PO or XLIFF file into the language's pages. Every page of the file
/// is checked and composed first; one error anywhere means nothing from that file is written.
public struct TranslationImporter {
    package let contentDirectory: SitePath
    package let config: SiteConfig

    public init(contentDirectory: SitePath, config: SiteConfig) {
        self.contentDirectory = contentDirectory
        self.config = config
    }

    public struct PageResult: Sendable, Equatable {
        public var file: String
        public var changed: Bool
        /// The source hash written into `source:`, when every unit of the page was translated and none was fuzzy.
        public var stamped: String?
        public var unfinished: Int
        /// The translation did not follow the source page's blocks, so it was rebuilt in the source's layout.
        public var rebuilt: Bool
        /// The page is left `machine: true`: some of its text was machine translated and not reviewed.
        public var machine: Bool
    }

    public struct FileResult: Sendable {
        public var language: String
        public var pages: [PageResult]
    }

    /// `machine`: every translated unit of the file is a machine translation (`import --machine`).
    public func importFile(_ path: SitePath, language expected: String? = nil, machine: Bool = false) throws -> FileResult {
        let text = try TextFile.read(path, stage: .parse).text
        let isXLIFF = path.path.hasSuffix(".xlf") || path.path.hasSuffix(".xliff") || text.hasPrefix("<?xml") || text.hasPrefix("<xliff")
        let document = isXLIFF ? try XLIFFFormat.read(text, file: path.display) : try POFormat.read(text, file: path.display)
        let fileStart = FileLocation(file: path.display, line: 1, column: 1)
        guard let language = config.language(document.targetLanguage) else {
            throw DiagnosticError(.error(.parse, fileStart, document.targetLanguage.isEmpty
                ? "the file names no target language (PO: a 'Language:' header; XLIFF: target-language)"
                : "the file is for '\(document.targetLanguage)', which is not a language in site.yaml"))
        }
        if language == config.defaultLanguage {
            throw DiagnosticError(.error(.parse, fileStart, "the file is for the source language \(language.code); import translations only"))
        }
        if let expected, expected != language.code {
            throw DiagnosticError(.error(.parse, fileStart, "the file is for \(language.code), not --language \(expected)"))
        }
        var log = DiagnosticLog()
        var writes: [(path: SitePath, bytes: [UInt8], result: PageResult, snapshot: (PageID, String, [UInt8])?)] = []
        for page in document.pages {
            if page.id == StringUnits.page {
                if let composed = StringUnits.compose(page, config: config, contentDirectory: contentDirectory, language: language.code,
                                                      file: path.display, log: &log) {
                    writes.append((composed.path, composed.bytes, composed.result, nil))
                }
            } else if let composed = compose(page, language: language.code, file: path.display, machine: machine, log: &log) {
                writes.append(composed)
            }
        }
        try log.checkpoint()
        let snapshots = SourceSnapshots(contentDirectory: contentDirectory, config: config)
        for write in writes where write.result.changed {
            if let (page, hash, bytes) = write.snapshot { try snapshots.record(bytes, page: page, hash: hash) }
            do {
                try FileSystem.createDirectory(write.path.parent.path)
                try AtomicFile.replace(write.path.path, with: write.bytes)
            } catch {
                throw DiagnosticError(.error(.write, FileLocation(file: write.path.display), "\(error)"))
            }
        }
        return FileResult(language: language.code, pages: writes.map(\.result))
    }

    private func compose(_ page: ExchangePage, language: String, file: String, machine: Bool, log: inout DiagnosticLog)
        -> (path: SitePath, bytes: [UInt8], result: PageResult, snapshot: (PageID, String, [UInt8])?)? {
        let firstLine = page.units.first?.line ?? 1
        func report(_ line: Int, _ message: String) { log.append(.error(.parse, FileLocation(file: file, line: line, column: 1), message)) }
        guard !page.id.path.isEmpty, PathRules.problem(inFileName: page.id.name) == nil, !page.id.segments.contains(".."),
              !page.id.path.hasPrefix("/") else {
            report(firstLine, "unit key '\(page.units.first?.key ?? "")' does not name a page (expected page:unit:hash)")
            return nil
        }
        let snapshots = SourceSnapshots(contentDirectory: contentDirectory, config: config)
        let sourcePath = snapshots.sourceFile(page.id)
        guard FileSystem.kind(of: sourcePath.path) == .file else {
            report(firstLine, "unknown page '\(page.id.path)': there is no \(sourcePath.display)")
            return nil
        }
        let source: PageDocument
        let translationPath = contentDirectory.appending(language).appending(page.id.path + ".md")
        var translation: PageDocument?
        do {
            source = try PageDocument.read(sourcePath, stage: .parse)
            if FileSystem.exists(translationPath.path) { translation = try PageDocument.read(translationPath, stage: .parse) }
        } catch {
            log.append(error.diagnostic)
            return nil
        }
        var targets: [UnitSlot: (unit: ExchangeUnit, markup: UnitMarkup)] = [:]
        let errorsBefore = log.diagnostics.count
        for var unit in page.units {
            if machine && unit.target != nil { unit.state = .machine }
            guard let (_, slot, hash) = ExchangeUnit.parseKey(unit.key) else {
                report(unit.line, "unit key '\(unit.key)' is not page:unit:hash")
                continue
            }
            guard let sourceUnit = source.unit(slot) else {
                report(unit.line, "unknown unit \(page.id.path):\(slot): \(sourcePath.display) has no such unit; export again")
                continue
            }
            guard sourceUnit.hash == hash else {
                report(unit.line, "unit \(page.id.path):\(slot): its source text changed since this file was exported; export again")
                continue
            }
            guard targets[slot] == nil else {
                report(unit.line, "unit \(page.id.path):\(slot) appears twice in the file")
                continue
            }
            let markup = sourceUnit.sourceMarkup
            if let target = unit.target, let problem = markup.problem(with: target) {
                report(unit.translationLine, "unit \(page.id.path):\(slot): \(problem)")
                continue
            }
            if let target = unit.target, let control = target.controlCharacter {
                report(unit.translationLine, "unit \(page.id.path):\(slot): the translation contains the control character \(control); remove it")
                continue
            }
            if let target = unit.target, sourceUnit.range != nil, target.tagged.contains("\n\n") {
                report(unit.translationLine, "unit \(page.id.path):\(slot): a blank line would split the paragraph; a unit stays one block")
                continue
            }
            targets[slot] = (unit, markup)
        }
        guard log.diagnostics.count == errorsBefore else { return nil }

        // The text the translation is written into: the translation itself when it follows the source's blocks,
        // otherwise the source's body under the translation's (or the source's) front matter.
        let aligned = translation.map { $0.shapes == source.shapes } ?? false
        let template: PageDocument
        do {
            if aligned, let translation {
                template = translation
            } else {
                template = try PageDocument.parse(text: Self.frontMatter(of: translation ?? source, dropSource: translation == nil) + Self.body(of: source),
                                                  path: translationPath, stage: .parse)
            }
        } catch {
            log.append(error.diagnostic)
            return nil
        }
        var replacements: [(range: Range<Int>, markdown: String, line: Int)] = []
        for unit in template.units {
            guard let range = unit.range, let (exchange, markup) = targets[unit.slot], let target = exchange.target else { continue }
            let written = UnitMarkup(translation: unit.pieces, against: markup.placeholders)
            // A unit that reads the same as the file's keeps its bytes, escapes and entities as written.
            guard written.text != target else { continue }
            let restored = UnitMarkup(text: markup.text, placeholders: markup.placeholders, softBreaks: written.softBreaks)
            replacements.append((range, restored.markdown(for: target, continuation: unit.continuation), exchange.translationLine))
        }
        func applying(_ chosen: some Sequence<(range: Range<Int>, markdown: String, line: Int)>) -> String {
            var bytes = Array(template.text.utf8)
            for replacement in chosen.reversed() { bytes.replaceSubrange(replacement.range, with: Array(replacement.markdown.utf8)) }
            return String(decoding: bytes, as: UTF8.self)
        }
        var text = applying(replacements)
        for (slot, key) in [(UnitSlot.title, "title"), (.description, "description")] {
            guard let target = targets[slot]?.unit.target else { continue }
            let value = target.tagged.replacingAll("\n", with: " ")
            let current = slot == .title ? template.frontMatter.title : template.frontMatter.description
            if value != current { text = FrontMatterEditor.setting(key, to: value, in: text) }
        }
        let unfinished = source.units.count { unit in
            guard let target = targets[unit.slot] else { return true }
            return target.unit.target == nil || target.unit.state == .fuzzy
        }
        // Machine text marks the page until a person has reviewed every unit (a file with all of them, none machine).
        let leftMachine = targets.values.contains { $0.unit.target != nil && $0.unit.state == .machine }
            || (template.frontMatter.machine && unfinished > 0)
        if leftMachine != template.frontMatter.machine {
            text = FrontMatterEditor.replacing("machine", with: leftMachine ? "machine: true" : nil, in: text)
        }
        let recomposed: PageDocument
        do { recomposed = try PageDocument.parse(text: text, path: translationPath, stage: .parse) } catch {
            report(firstLine, "page \(page.id.path): the translated text does not read back: \(error.diagnostic.message)")
            return nil
        }
        guard recomposed.shapes == source.shapes else {
            let culprit = replacements.first { replacement in
                (try? PageDocument.parse(text: applying([replacement]), path: translationPath, stage: .parse).shapes) != source.shapes
            }
            let directive = culprit.map { $0.markdown.drop { $0 == " " }.hasPrefix("\\:::") } ?? false
            report(culprit?.line ?? firstLine, "page \(page.id.path): the translation changes the page's structure"
                   + (directive ? ": a paragraph that starts with ':::' is a directive; reword its start" : "; keep each unit one block"))
            return nil
        }
        var output = (translation ?? source).encoded(text)
        var stamped: String?
        var snapshot: (PageID, String, [UInt8])?
        if unfinished == 0, let hash = SourceSnapshots.hash(ofPageText: source.text, file: sourcePath) {
            output = Stamper.stamped(output, hash: hash)
            stamped = hash
            snapshot = (page.id, hash, source.encoded(source.text))
        }
        let original = translation.flatMap { try? FileSystem.readBytes($0.path.path) }
        let result = PageResult(file: translationPath.display, changed: original != output, stamped: stamped, unfinished: unfinished,
                                rebuilt: translation != nil && !aligned, machine: leftMachine)
        return (translationPath, output, result, snapshot)
    }

    /// The front matter block of a page's text (`---` … `---` and the newline after it), without `source:` when asked.
    static func frontMatter(of document: PageDocument, dropSource: Bool) -> String {
        let bodyLength = (try? FrontMatterSplit.split(document.text, file: document.path.display, stage: .parse))?.body.utf8.count ?? document.text.utf8.count
        let head = String(decoding: Array(document.text.utf8).dropLast(bodyLength), as: UTF8.self)
        guard dropSource else { return head }
        return head.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("source:") }.joined(separator: "\n")
    }

    static func body(of document: PageDocument) -> String {
        let headLength = frontMatter(of: document, dropSource: false).utf8.count
        return String(decoding: Array(document.text.utf8).dropFirst(headLength), as: UTF8.self)
    }
}
