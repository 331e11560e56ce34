import HelpCore
import Foundation

/// `09:00-12:00` rendered as the locale writes a time range: `09:00–12:00` (nb), `9.00–12.00` (fi).
package enum OpeningHours {
    /// One formatter for all ranges: building it (ICU pattern generation) costs far more than using it.
    package static func format(_ ranges: [String], locale: Locale) -> [String] {
        let formatter = DateIntervalFormatter()
        formatter.locale = locale
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateStyle = .none
        formatter.timeStyle = .short
        return ranges.map { range in
            let parts = range.split(separator: "-").map { $0.trimmingSpacesAndNewlines() }
            guard parts.count == 2, let start = time(parts[0]), let end = time(parts[1]) else { return range }
            return formatter.string(from: start, to: end)
        }
    }

    private static func time(_ text: String) -> Date? {
        let pieces = text.split(separator: ":")
        guard pieces.count == 2, let hour = Int(pieces[0]), let minute = Int(pieces[1]),
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(hour * 3600 + minute * 60))
    }
}
