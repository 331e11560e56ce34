import HelpConfig
import HelpContent
import HelpCore

/// Where every translation stands against the source language, computed from the content alone (no git).
public struct TranslationStatus: Sendable {
    public enum State: String, Sendable, CaseIterable, Comparable {
        case upToDate = "up-to-date"
        /// Stamped from the current source, but machine translated (`machine: true`) and not yet reviewed.
        case machine
        /// The source page changed since the translation was stamped.
        case outdated
        /// The translation exists but records no `source:` hash.
        case unstamped
        case missing
        /// The translation exists, the source page does not.
        case extra

        public static func < (lhs: State, rhs: State) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public struct Entry: Sendable {
        public var state: State
        /// The translation's file, when there is one.
        public var file: SitePath?
        public var stampedHash: String?
    }

    public struct Row: Sendable {
        public var id: PageID
        public var sourceFile: SitePath?
        public var sourceHash: String?
        /// One entry per translation language, in `site.yaml` order.
        public var entries: [String: Entry]
        /// When `stamp --minor` recorded the source's current version: the version it counts as equal to.
        public var minorEditOf: String?
    }

    public struct LanguageSummary: Sendable {
        public var language: Language
        public var counts: [State: Int]
        /// Source pages, the denominator of the percentage.
        public var total: Int

        /// Pages stamped from the current source, machine translated or not.
        public var upToDatePercent: Double {
            total == 0 ? 100 : Double(counts[.upToDate, default: 0] + counts[.machine, default: 0]) * 100 / Double(total)
        }

        /// Pages stamped from the current source and reviewed by a person.
        public var reviewedPercent: Double {
            total == 0 ? 100 : Double(counts[.upToDate, default: 0]) * 100 / Double(total)
        }

        package func share(reviewedOnly: Bool) -> Double { reviewedOnly ? reviewedPercent : upToDatePercent }

        /// `de is 87.5% up to date, under --fail-under 90%`.
        public func failUnderMessage(_ threshold: Double, reviewedOnly: Bool) -> String {
            "\(language.code) is \(StatusFormatter.percent(share(reviewedOnly: reviewedOnly))) \(reviewedOnly ? "up to date and reviewed" : "up to date"), "
                + "under --fail-under \(StatusFormatter.percent(threshold))"
        }
    }

    public let sourceLanguage: Language
    public let languages: [Language]
    public private(set) var rows: [Row]
    public let summaries: [LanguageSummary]

    /// `only` narrows the report to one translation language.
    public init(config: SiteConfig, pages: [SourcePage], only: String? = nil) {
        sourceLanguage = config.defaultLanguage
        languages = config.languages.filter { $0 != config.defaultLanguage && (only == nil || $0.code == only) }
        // Positions in `pages`, not copies: 50,000 pages are looked up here.
        var byLanguage: [String: [PageID: Int]] = [:]
        for (position, page) in pages.enumerated() { byLanguage[page.language, default: [:]][page.id] = position }
        let sourcePositions = byLanguage[sourceLanguage.code] ?? [:]
        var ids = Set(sourcePositions.keys)
        for language in languages {
            if let translated = byLanguage[language.code] { ids.formUnion(translated.keys) }
        }
        var rows: [Row] = []
        for id in ids.sorted() {
            let source = sourcePositions[id].map { pages[$0] }
            let hash = source.map(SourceHash.of)
            var entries: [String: Entry] = [:]
            for language in languages {
                let translation = byLanguage[language.code]?[id].map { pages[$0] }
                let stamped = translation?.frontMatter.source
                let state: State
                switch (source, translation) {
                case (nil, _): state = .extra
                case (_, nil): state = .missing
                case (_, .some):
                    state = stamped == nil ? .unstamped : (stamped != hash ? .outdated : translation?.frontMatter.machine == true ? .machine : .upToDate)
                }
                if source == nil && translation == nil { continue }
                entries[language.code] = Entry(state: state, file: translation?.file, stampedHash: stamped)
            }
            rows.append(Row(id: id, sourceFile: source?.file, sourceHash: hash, entries: entries))
        }
        self.rows = rows
        summaries = languages.map { language in
            var counts: [State: Int] = [:]
            for row in rows { if let entry = row.entries[language.code] { counts[entry.state, default: 0] += 1 } }
            return LanguageSummary(language: language, counts: counts, total: sourcePositions.count)
        }
    }

    /// Marks the pages whose current source version `stamp --minor` recorded.
    public mutating func noteMinorEdits(_ snapshots: SourceSnapshots) {
        for index in rows.indices {
            guard let hash = rows[index].sourceHash,
                  let version = snapshots.versions(of: rows[index].id).last(where: { $0.hash == hash }) else { continue }
            rows[index].minorEditOf = version.minorFrom
        }
    }

    /// Languages whose up-to-date share (only reviewed pages with `reviewedOnly`) is under `percent`.
    public func languages(under percent: Double, reviewedOnly: Bool = false) -> [LanguageSummary] {
        summaries.filter { $0.share(reviewedOnly: reviewedOnly) + 1e-9 < percent }
    }

    /// `--fail-under` (build, check and status alike): an error at each language folder under `percent`.
    public func failures(under percent: Double, reviewedOnly: Bool = false, contentDirectory: SitePath) -> [Diagnostic] {
        languages(under: percent, reviewedOnly: reviewedOnly).map { summary in
            .error(.index, FileLocation(file: contentDirectory.appending(summary.language.code).display),
                   summary.failUnderMessage(percent, reviewedOnly: reviewedOnly))
        }
    }
}
