import Foundation

// ThemeEmbedder OUTPUT.swift (BUNDLE PATH FILE)…: writes each FILE's bytes as base64 into a Swift source file, as
// `EmbeddedFiles.<BUNDLE>` entries named PATH, sorted by path, so any file (text or image) embeds the same way.
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count % 3 == 1 else {
    FileHandle.standardError.write(Data("usage: ThemeEmbedder <output.swift> (<bundle> <path> <file>)…\n".utf8))
    exit(2)
}
var bundles: [String: [(path: String, data: Data)]] = [:]
for start in stride(from: 1, to: arguments.count, by: 3) {
    let data = try Data(contentsOf: URL(fileURLWithPath: arguments[start + 2]))
    bundles[arguments[start], default: []].append((arguments[start + 1], data))
}
func literal(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}
var source = "// Generated at build time by ThemeEmbedder; edit theme/ and starter/ instead.\n"
source += "enum EmbeddedFiles {\n"
for name in bundles.keys.sorted() {
    source += "    static let \(name): [(path: String, base64: String)] = [\n"
    for entry in bundles[name, default: []].sorted(by: { $0.path < $1.path }) {
        source += "        (\(literal(entry.path)), \"\(entry.data.base64EncodedString())\"),\n"
    }
    source += "    ]\n"
}
source += "}\n"
try Data(source.utf8).write(to: URL(fileURLWithPath: arguments[0]), options: .atomic)
