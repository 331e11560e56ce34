import HelpCore
import Foundation
import Yams

/// A calendar date written by a writer (`reviewed: 2026-11-20`), shown in each page's language.
public struct ReviewDate: Sendable, Hashable, Comparable {
    public let year, month, day: Int

    /// Strict `YYYY-MM-DD` naming a real day of the Gregorian calendar.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `2026-11-20`, as `<time datetime>` and JSON-LD want it.
    public var iso: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The date as the language writes it in running text (ICU's long style): `20. november 2026`, `20 November 2026`.
    public func formatted(languageCode: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
        let style = Date.FormatStyle(date: .long, time: .omitted, locale: Locale(identifier: languageCode),
                                     calendar: calendar, timeZone: calendar.timeZone)
        return date.formatted(style)
    }

    public static func < (lhs: ReviewDate, rhs: ReviewDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    package static func read(_ node: Node, reader: YAMLReader, log: inout DiagnosticLog) -> ReviewDate? {
        guard let text = node.scalar?.string else {
            log.append(reader.error(at: node, "'reviewed' must be a date written YYYY-MM-DD, such as 2026-11-20"))
            return nil
        }
        guard let date = ReviewDate(iso: text) else {
            log.append(reader.error(at: node, "'reviewed: \(text)' is not a date; write it YYYY-MM-DD, such as 2026-11-20"))
            return nil
        }
        return date
    }
}

/// A value from front matter with where it was written, so a problem with one list entry is reported on its line.
public struct LocatedText: Sendable, Equatable {
    public var text: String
    public var location: FileLocation
}

extension YAMLReader {
    /// A list of plain values (`[arn, odr]` or one `- item` a line); a single value is a list of one.
    func textList(_ node: Node, key: String, log: inout DiagnosticLog) -> [LocatedText]? {
        if let scalar = node.scalar { return [LocatedText(text: scalar.string, location: location(of: node))] }
        guard let sequence = node.sequence else {
            log.append(error(at: node, "'\(key)' must be a list, such as [arn, odr]"))
            return nil
        }
        var items: [LocatedText] = []
        for item in sequence {
            guard let scalar = item.scalar, !scalar.string.isEmpty else {
                log.append(error(at: item, "each entry of '\(key)' must be plain text"))
                continue
            }
            items.append(LocatedText(text: scalar.string, location: location(of: item)))
        }
        return items
    }
}
