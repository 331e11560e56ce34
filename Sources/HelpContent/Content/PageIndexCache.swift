import HelpConfig
import HelpCore
import Foundation

/// `build --cache`: every page's parsed front matter, title and hashes as read last time, keyed by its file and
/// the file's identity (size, modification and change times, inode). A rebuild takes an unchanged file's entry
/// instead of reading and parsing it, so 50,000 pages are not parsed again for one edit. An entry is used only
/// when the file's identity is exactly the one recorded; pages that had any diagnostic are never stored, so
/// their problems are reported again. A cache from another helpsite binary or other settings is ignored whole.
package final class PageIndexCache: Sendable {
    package static let fileName = "pages.tsv"
    package static let formatVersion = "helpsite-page-index 4"

    package let file: SitePath
    /// The binary and the settings parsing depends on.
    package let settings: String
    /// Each page as read, with where its line is in `previousBytes`: a page taken as it was is written back as
    /// those bytes.
    private let previous: [String: (page: SourcePage, line: Range<Int>)]
    private let previousBytes: [UInt8]
    /// The index file as it was when read: `build --cache` tells by it whether the index is still the one its
    /// last build saved (`status --cache` saves it too).
    package let readStamp: FileStamp?

    package init(directory: SitePath, config: SiteConfig) {
        file = directory.appending(Self.fileName)
        var fingerprint = Fingerprint()
        if let path = Bundle.main.executablePath, let executable = FileStamp.of(path) { fingerprint.add(executable.encoded) }
        fingerprint.add(config.defaultLanguage.code)
        fingerprint.add(UInt64(config.maxPageBytes))
        let settings = String(fingerprint.value)
        self.settings = settings
        readStamp = FileStamp.of(file.path)
        let bytes = (try? FileSystem.readBytes(file.path)) ?? []
        let decoded = PageIndexCodec.decodeLines(bytes, settings: settings)
        previous = decoded ?? [:]
        previousBytes = decoded == nil ? [] : bytes
    }

    /// The page as parsed last time, when its file is still the same file with the same bytes on disk.
    package func page(at path: SitePath, stamp: FileStamp) -> SourcePage? {
        guard let page = previous[path.path]?.page, page.fileStamp == stamp else { return nil }
        return page
    }

    /// The page as parsed last time from the file at `path`, whatever the file holds now.
    package func previousPage(at path: SitePath) -> SourcePage? { previous[path.path]?.page }

    /// How many pages the index held.
    package var previousCount: Int { previous.count }

    /// The index file as it is now, after `save`.
    package var currentStamp: FileStamp? { FileStamp.of(file.path) }

    /// Writes the pages read now (those without diagnostics) for the next build; nothing when they are exactly
    /// the pages the index held (every file unchanged), which is most `status --cache` runs.
    package func save(_ pages: [SourcePage]) throws {
        if pages.count == previous.count,
           pages.allSatisfy({ page in page.fileStamp.map { previous[page.file.path]?.page.fileStamp == $0 } ?? false }) { return }
        let bytes = PageIndexCodec.encode(pages, settings: settings) { page in
            guard let read = self.previous[page.file.path], read.page.fileStamp == page.fileStamp else { return nil }
            return self.previousBytes[read.line]
        }
        try FileSystem.replace(file.path, with: bytes)
    }
}

/// One page a line, tab-separated fields; text fields escape `\`, tab, line breaks and the two list separators.
package enum PageIndexCodec {
    private static let item: Character = "\u{1E}", part: Character = "\u{1F}"

    /// `unchangedLine`: a page's line as the index read holds it, when the page is the one decoded from it.
    package static func encode(_ pages: [SourcePage], settings: String,
                               unchangedLine: (SourcePage) -> ArraySlice<UInt8>? = { _ in nil }) -> [UInt8] {
        var bytes = Array((PageIndexCache.formatVersion + "\n" + settings + "\n").utf8)
        for page in pages {
            guard let stamp = page.fileStamp else { continue }
            if let line = unchangedLine(page) {
                bytes.append(contentsOf: line)
                bytes.append(UInt8(ascii: "\n"))
                continue
            }
            let matter = page.frontMatter
            let fields: [String] = [
                escape(page.file.path), stamp.encoded, escape(page.language), escape(page.id.path), String(page.bodyStartLine),
                escape(page.title), page.titleFromBody ? "1" : "0", optional(page.sourceHash), optional(page.fileHash.map(String.init)),
                optional(matter.title), optional(matter.description), optional(matter.slug), optional(matter.order.map(String.init)),
                optional(matter.layout), matter.draft ? "1" : "0", optional(matter.source), optional(matter.reviewed?.iso),
                optional(matter.related.map(located)), optional(matter.aliases.map(located)),
                matter.locations.keys.sorted().map { key in escape(key) + String(part) + position(matter.locations[key]!) }.joined(separator: String(item)),
                matter.machine ? "1" : "0", optional(matter.contexts.map(located)), optional(matter.owner),
            ]
            bytes.append(contentsOf: (fields.joined(separator: "\t") + "\n").utf8)
        }
        return bytes
    }

    package static func decode(_ bytes: [UInt8], settings: String) -> [String: SourcePage]? {
        decodeLines(bytes, settings: settings)?.mapValues(\.page)
    }

    /// Each page with where its line is in `bytes`.
    package static func decodeLines(_ bytes: [UInt8], settings: String) -> [String: (page: SourcePage, line: Range<Int>)]? {
        let lines = bytes.split(separator: UInt8(ascii: "\n"))
        guard lines.count >= 2, String(decoding: lines[0], as: UTF8.self) == PageIndexCache.formatVersion,
              String(decoding: lines[1], as: UTF8.self) == settings else { return nil }
        // Lines are independent: 50,000 of them are decoded on every core, from bytes, making strings only of
        // the fields that hold text.
        let decoded = ParallelMap.map(Array(lines.dropFirst(2))) { line -> (page: SourcePage, line: Range<Int>)? in
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard fields.count == 23, let page = page(from: fields) else { return nil }
            return (page, line.indices)
        }
        var pages: [String: (page: SourcePage, line: Range<Int>)] = [:]
        pages.reserveCapacity(decoded.count)
        for entry in decoded {
            guard let entry else { return nil }
            pages[entry.page.file.path] = entry
        }
        return pages
    }

    private typealias Field = ArraySlice<UInt8>

    private static func page(from fields: [Field]) -> SourcePage? {
        let file = SitePath(text(fields[0]))
        guard let stamp = FileStamp(encodedBytes: fields[1]), let bodyStartLine = number(fields[4]) else { return nil }
        let display = file.display
        var matter = FrontMatter()
        matter.title = optional(fields[9])
        matter.description = optional(fields[10])
        matter.slug = optional(fields[11])
        matter.order = present(fields[12]).flatMap { number($0) }
        matter.layout = optional(fields[13])
        matter.draft = fields[14].first == UInt8(ascii: "1")
        matter.machine = fields[20].first == UInt8(ascii: "1")
        matter.owner = optional(fields[22])
        matter.source = optional(fields[15])
        matter.reviewed = optional(fields[16]).flatMap { ReviewDate(iso: $0) }
        matter.related = optional(fields[17]).map { locatedTexts($0, file: display) }
        matter.aliases = optional(fields[18]).map { locatedTexts($0, file: display) }
        matter.contexts = optional(fields[21]).map { locatedTexts($0, file: display) }
        if !fields[19].isEmpty {
            for entry in fields[19].split(separator: itemByte, omittingEmptySubsequences: false) {
                let parts = entry.split(separator: partByte, maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else { return nil }
                matter.locations[text(parts[0])] = location(parts[1], file: display)
            }
        }
        var page = SourcePage(language: text(fields[2]), id: PageID(text(fields[3])), file: file, frontMatter: matter, body: "",
                              bodyStartLine: bodyStartLine, title: text(fields[5]), titleFromBody: fields[6].first == UInt8(ascii: "1"))
        page.sourceHash = optional(fields[7])
        page.fileHash = present(fields[8]).flatMap { unsignedNumber($0) }
        page.fileStamp = stamp
        page.releaseBody()
        return page
    }

    private static let itemByte = UInt8(ascii: "\u{1E}"), partByte = UInt8(ascii: "\u{1F}")

    private static func text(_ field: Field) -> String { unescape(String(decoding: field, as: UTF8.self)) }

    /// An optional field: the bytes after `=`, or nil for an empty (nil) field.
    private static func present(_ field: Field) -> Field? {
        field.first == UInt8(ascii: "=") ? field.dropFirst() : nil
    }

    private static func optional(_ field: Field) -> String? { present(field).map(text) }

    /// A decimal number, `-` allowed; nil for anything else.
    package static func number<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        if bytes.first == UInt8(ascii: "-") {
            guard let magnitude = unsignedNumber(bytes.dropFirst()), magnitude <= UInt64(Int.max) else { return nil }
            return -Int(magnitude)
        }
        guard let value = unsignedNumber(bytes), value <= UInt64(Int.max) else { return nil }
        return Int(value)
    }

    /// Decimal digits only; nil for anything else or a value over `UInt64.max`.
    package static func unsignedNumber<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64? {
        guard !bytes.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowed) = shifted.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            guard !overflow, !overflowed else { return nil }
            value = sum
        }
        return value
    }

    private static func located(_ texts: [LocatedText]) -> String {
        texts.map { escape($0.text) + String(part) + position($0.location) }.joined(separator: String(item))
    }

    /// A list field, once unescaped as a whole: items, each its escaped text and position.
    private static func locatedTexts(_ field: String, file: String) -> [LocatedText] {
        field.isEmpty ? [] : field.split(separator: item, omittingEmptySubsequences: false).map { entry in
            let parts = entry.split(separator: part, maxSplits: 1, omittingEmptySubsequences: false)
            return LocatedText(text: unescape(String(parts[0])), location: location(parts.count > 1 ? ArraySlice(parts[1].utf8) : [], file: file))
        }
    }

    private static func position(_ location: FileLocation) -> String {
        "\(location.line.map(String.init) ?? ""):\(location.column.map(String.init) ?? "")"
    }

    private static func location(_ field: Field, file: String) -> FileLocation {
        let parts = field.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        return FileLocation(file: file, line: parts.first.flatMap { number($0) }, column: parts.count > 1 ? number(parts[1]) : nil)
    }

    /// Empty for nil; `=` before a present value, so an empty string stays distinct from nil.
    private static func optional(_ value: String?) -> String { value.map { "=" + escape($0) } ?? "" }

    package static func escape(_ text: String) -> String {
        // Byte test first: each character escaped here is one byte in UTF-8 (a CR LF pair included).
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x1E || $0 == 0x1F }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\u{1E}": escaped += "\\x"
            case "\u{1F}": escaped += "\\y"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(0x5C) else { return text }
        var result = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": result += "\t"
                case "n": result += "\n"
                case "r": result += "\r"
                case "x": result += "\u{1E}"
                case "y": result += "\u{1F}"
                default: result.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
