/// Copies `templates/assets/` into the output's `assets/`.
enum AssetCopier {
    @discardableResult
    static func copy(from folder: SitePath, to writer: OutputWriter, log: inout DiagnosticLog) throws -> Int {
        guard FileSystem.kind(of: folder.path) == .directory else { return 0 }
        var copied = 0
        var pending: [(SitePath, String)] = [(folder, "assets")]
        while let (directory, relative) = pending.popLast() {
            for name in try FileSystem.entries(of: directory.path) where !name.hasPrefix(".") {
                let path = directory.appending(name)
                switch FileSystem.kind(of: path.path) {
                case .directory: pending.append((path, relative + "/" + name))
                case .file:
                    if PathRules.problem(inFileName: name) != nil { continue }
                    try writer.write(try FileSystem.readBytes(path.path), to: relative + "/" + name)
                    copied += 1
                default:
                    log.append(.warning(.write, FileLocation(file: path.display), "not a regular file; not copied"))
                }
            }
        }
        return copied
    }
}
