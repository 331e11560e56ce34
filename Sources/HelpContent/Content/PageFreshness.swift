import HelpConfig
import HelpCore
import Foundation

extension ReviewDate {
    /// The calendar day `date` falls on in UTC: the "today" review and check dates are judged against.
    public init(day date: Date) {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
        self.init(iso: String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1))!
    }

    /// Whole months from this date to `today`.
    package func months(until today: ReviewDate) -> Int {
        let months = (today.year - year) * 12 + (today.month - month)
        return today.day < day ? months - 1 : months
    }
}

/// `owner:` and `reviewMaxAge`: the pages whose `reviewed:` date is too old, with who should review them, and
/// `reviewed:` dates in the future (a typo such as 2031 would otherwise keep a page "fresh" for years).
public struct PageFreshness: Sendable {
    public struct StalePage: Sendable {
        public var id: PageID
        public var language: String
        public var file: SitePath
        /// The page's `owner:`, or its source page's for a translation without one.
        public var owner: String?
        public var reviewed: ReviewDate
        /// The `reviewed:` value in the page's front matter.
        public var location: FileLocation
    }

    public let maxAgeMonths: Int?
    public let today: ReviewDate
    /// Oldest review first, then by language and page.
    public let stale: [StalePage]
    private let futureDates: [Diagnostic]

    public init(config: SiteConfig, pages: [SourcePage], today: ReviewDate) {
        maxAgeMonths = config.reviewMaxAgeMonths
        self.today = today
        var sourceOwners: [PageID: String] = [:]
        for page in pages where page.language == config.defaultLanguage.code {
            if let owner = page.frontMatter.owner { sourceOwners[page.id] = owner }
        }
        var stale: [StalePage] = []
        var future: [Diagnostic] = []
        for page in pages {
            guard let reviewed = page.frontMatter.reviewed else { continue }
            if today < reviewed {
                future.append(.warning(.parse, page.location("reviewed"),
                                       "'reviewed: \(reviewed.iso)' is in the future (today is \(today.iso)); write the day the page was last reviewed"))
            } else if let maxAge = maxAgeMonths, reviewed.months(until: today) >= maxAge {
                stale.append(StalePage(id: page.id, language: page.language, file: page.file,
                                       owner: page.frontMatter.owner ?? sourceOwners[page.id], reviewed: reviewed, location: page.location("reviewed")))
            }
        }
        self.stale = stale.sorted { ($0.reviewed, $0.language, $0.id) < ($1.reviewed, $1.language, $1.id) }
        futureDates = future
    }

    /// The stale pages per owner, owners in alphabetical order and pages without one last.
    public var byOwner: [(owner: String?, pages: [StalePage])] {
        let groups = Dictionary(grouping: stale, by: \.owner)
        return groups.keys.sorted { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") }.map { ($0, groups[$0]!) }
    }

    /// A warning at the `reviewed:` line of every stale page, naming its owner, and of every date in the future.
    public var warnings: [Diagnostic] {
        futureDates + stale.map { page in
            let who = page.owner.map { "owner: \($0)" } ?? "no owner; name one with 'owner:'"
            return .warning(.parse, page.location,
                            "page was last reviewed on \(page.reviewed.iso), more than \(maxAgeMonths ?? 0) months ago (reviewMaxAge; \(who)); review it and update 'reviewed'")
        }
    }
}
