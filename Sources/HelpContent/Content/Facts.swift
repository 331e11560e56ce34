import HelpConfig
import HelpCore
import Foundation
import Yams

/// Shared facts (`content/facts.yaml`): named entities such as `arn` or `company`, each a map of fields,
/// written once and rendered into every language by a `::: contact <name>` directive.
public struct Facts: Sendable {
    /// The fields that hold opening hours (`09:00-12:00`), formatted per language.
    package static let hoursFields = ["openingHours", "phoneHours"]

    public struct Entity: Sendable {
        public var name: String
        public var fields: [String: FactValue]
        /// `checked: 2026-12-02`: when the entity's facts were last verified against `source:`.
        public var checked: CheckedDate?
    }

    public struct CheckedDate: Sendable {
        public var year, month, day: Int
        public var location: FileLocation

        /// Whole months from this date to `today`.
        package func months(until today: DateComponents) -> Int {
            let months = ((today.year ?? year) - year) * 12 + ((today.month ?? month) - month)
            return (today.day ?? day) < day ? months - 1 : months
        }

        func isAfter(_ today: DateComponents) -> Bool {
            (year, month, day) > (today.year ?? year, today.month ?? month, today.day ?? day)
        }
    }

    /// A warning for each entity whose `checked` date is older than `maxAgeMonths` on `today`, or after `today`.
    package func staleFacts(today: DateComponents, maxAgeMonths: Int) -> [Diagnostic] {
        entities.values.sorted { $0.name < $1.name }.compactMap { entity in
            guard let checked = entity.checked else { return nil }
            let date = String(format: "%04d-%02d-%02d", checked.year, checked.month, checked.day)
            if checked.isAfter(today) {
                let now = String(format: "%04d-%02d-%02d", today.year ?? 0, today.month ?? 0, today.day ?? 0)
                return .warning(.parse, checked.location, "fact '\(entity.name)': 'checked: \(date)' is in the future (today is \(now)); write the day it was last verified")
            }
            guard checked.months(until: today) >= maxAgeMonths else { return nil }
            return .warning(.parse, checked.location,
                            "fact '\(entity.name)' was last checked on \(date), more than \(maxAgeMonths) months ago (factsMaxAge); verify it against its source and update 'checked'")
        }
    }

    public var entities: [String: Entity]
    public var file: SitePath?
    /// Opening hours as each language writes them, keyed `entity.field` then language code: ICU formatting is
    /// slow enough to do once per site rather than once per page.
    package var formattedHours: [String: [String: String]] = [:]
    /// Amounts (`150 SEK`) as each language writes them, keyed `entity.field` then language code.
    package var formattedAmounts: [String: [String: String]] = [:]

    public static let empty = Facts(entities: [:], file: nil)

    /// Formats every field written as an amount and an ISO 4217 currency code (`150 SEK`) for every language:
    /// `150 kr` in Swedish, `SEK 150` in English, `150 SEK` in Norwegian and German (ICU's currency formats).
    package mutating func formatAmounts(for languages: [Language]) {
        for (name, entity) in entities {
            for (field, value) in entity.fields {
                guard case .text(let text) = value, let amount = Amount(text) else { continue }
                for language in languages {
                    formattedAmounts[name + "." + field, default: [:]][language.code] = amount.formatted(locale: Locale(identifier: language.code))
                }
            }
        }
    }

    /// Formats every entity's opening hours for every language.
    package mutating func formatHours(for languages: [Language]) {
        let withHours = entities.flatMap { name, entity in
            Facts.hoursFields.compactMap { field -> (String, [String])? in
                guard case .list(let hours)? = entity.fields[field] else { return nil }
                return (name + "." + field, hours)
            }
        }
        guard !withHours.isEmpty else { return }
        let perLanguage = ParallelMap.map(languages) { language in
            let locale = Locale(identifier: language.code)
            return withHours.map { name, hours in
                return (name, OpeningHours.format(hours, locale: locale).formatted(.list(type: .and).locale(locale)))
            }
        }
        for (language, results) in zip(languages, perLanguage) {
            for (name, text) in results { formattedHours[name, default: [:]][language.code] = text }
        }
    }
}

public enum FactValue: Sendable, Equatable {
    case text(String)
    case list([String])
}

package enum FactsLoader {
    package static let fileName = "facts.yaml"

    package static func load(contentDirectory: SitePath, log: inout DiagnosticLog) -> Facts {
        let file = contentDirectory.appending(fileName)
        guard FileSystem.exists(file.path) else { return .empty }
        var facts = Facts(entities: [:], file: file)
        let text: String
        do { text = try TextFile.read(file, stage: .parse).text } catch {
            log.append(error.diagnostic)
            return facts
        }
        let reader = YAMLReader(file: file.display, lineOffset: 0, stage: .parse)
        let root: Node?
        do { root = try reader.compose(text) } catch {
            log.append(error.diagnostic)
            return facts
        }
        guard let root else { return facts }
        guard let mapping = root.mapping else {
            log.append(reader.error(at: root, "facts.yaml must map names (such as arn) to their fields"))
            return facts
        }
        for (nameNode, value) in mapping {
            guard let name = nameNode.scalar?.string, let fields = value.mapping else {
                log.append(reader.error(at: nameNode, "each fact must be a name with a map of fields"))
                continue
            }
            var entity = Facts.Entity(name: name, fields: [:], checked: nil)
            for (fieldNode, fieldValue) in fields {
                guard let field = fieldNode.scalar?.string else { continue }
                if let scalar = fieldValue.scalar {
                    if field == "website", !["https://", "http://"].contains(where: { scalar.string.lowercased().hasPrefix($0) }) {
                        log.append(reader.error(at: fieldValue, "website must be an http(s) URL"))
                        continue
                    }
                    if field == "checked" {
                        guard let date = Facts.CheckedDate.parse(scalar.string, at: reader.location(of: fieldValue)) else {
                            log.append(reader.error(at: fieldValue, "checked must be a date such as 2026-12-02"))
                            continue
                        }
                        entity.checked = date
                    }
                    if field == "source", !["https://", "http://"].contains(where: { scalar.string.lowercased().hasPrefix($0) }) {
                        log.append(reader.error(at: fieldValue, "source must be the http(s) URL the fact was verified against"))
                        continue
                    }
                    if field == "email", scalar.string.contains(where: { $0 == ":" || $0 == "<" || $0 == "\"" || $0.isWhitespace }) {
                        log.append(reader.error(at: fieldValue, "email must be a plain address such as name@example.org"))
                        continue
                    }
                    entity.fields[field] = .text(scalar.string)
                } else if let sequence = fieldValue.sequence, sequence.allSatisfy({ $0.scalar != nil }) {
                    entity.fields[field] = .list(sequence.compactMap { $0.scalar?.string })
                } else {
                    log.append(reader.error(at: fieldValue, "fact field '\(field)' must be text or a list of text"))
                }
            }
            facts.entities[name] = entity
        }
        return facts
    }
}

extension Facts.CheckedDate {
    package static func parse(_ text: String, at location: FileLocation) -> Facts.CheckedDate? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return Facts.CheckedDate(year: year, month: month, day: day, location: location)
    }
}

/// `150 SEK`: a number and an ISO 4217 currency code, as facts.yaml writes an amount.
struct Amount {
    package var value: Decimal
    package var currency: String
    var fractionDigits: Int

    package init?(_ text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[1].count == 3, parts[1].allSatisfy({ $0.isASCII && $0.isUppercase }),
              parts[0].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), parts[0].first?.isNumber == true,
              let value = Decimal(string: String(parts[0]), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        self.value = value
        currency = String(parts[1])
        fractionDigits = parts[0].split(separator: ".").dropFirst().first?.count ?? 0
    }

    package func formatted(locale: Locale) -> String {
        value.formatted(.currency(code: currency).locale(locale).precision(.fractionLength(fractionDigits)))
    }
}
