import HelpCore
import Foundation

public enum TextDirection: String, Sendable, Hashable {
    case ltr, rtl
}

public struct Language: Sendable, Hashable {
    /// BCP 47 code, also the language's folder under `content/` and its URL prefix.
    public var code: String
    /// The language's name in itself as used in running text ("norsk bokmål", "Deutsch").
    public var name: String
    public var direction: TextDirection

    public init(code: String, name: String? = nil, direction: TextDirection? = nil) {
        self.code = code
        self.name = name ?? Language.endonym(for: code)
        self.direction = direction ?? Language.direction(for: code)
    }

    /// The name as it starts a line in a list: "Norsk bokmål".
    public var listName: String {
        guard let first = name.first else { return name }
        return String(first).uppercased(with: Locale(identifier: code)) + name.dropFirst()
    }

    static func isValidCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let primary = parts.first, (2...3).contains(primary.count),
              primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    static func endonym(for code: String) -> String {
        let locale = Locale(identifier: code)
        return locale.localizedString(forIdentifier: code) ?? locale.localizedString(forLanguageCode: code) ?? code
    }

    private static let rightToLeftLanguages: Set<String> = ["ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"]

    static func direction(for code: String) -> TextDirection {
        let primary = code.split(separator: "-").first.map { String($0).lowercased() } ?? code
        return rightToLeftLanguages.contains(primary) ? .rtl : .ltr
    }
}
