import Foundation

/// The built-in theme, its interface text and the starter site `helpsite init` writes, compiled into the binary
/// by the EmbedTheme plugin, so the source tree holds one copy of each.
package enum EmbeddedResources {
    /// How diagnostics and snippets name an embedded file: `[built-in]/templates/page.mustache`.
    package static let displayPrefix = "[built-in]"

    package static var theme: [(path: String, bytes: [UInt8])] { decode(EmbeddedFiles.theme) }
    package static var strings: [(path: String, bytes: [UInt8])] { decode(EmbeddedFiles.strings) }
    package static var starter: [(path: String, bytes: [UInt8])] { decode(EmbeddedFiles.starter) }

    private static func decode(_ entries: [(path: String, base64: String)]) -> [(path: String, bytes: [UInt8])] {
        entries.map { ($0.path, Array(Data(base64Encoded: $0.base64) ?? Data())) }
    }
}
