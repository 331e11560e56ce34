import HelpCore
extension ExchangeFile {
    /// Writes an export unless the file there already says the same: a PO file that differs only in its
    /// `PO-Revision-Date` (the time of the export) is kept as it is, so exporting twice leaves no diff in git.
    /// Returns whether the file was written.
    @discardableResult
    public static func update(_ text: String, at path: String) throws(DiagnosticError) -> Bool {
        if let existing = try? FileSystem.readBytes(path), withoutRevisionDate(String(decoding: existing, as: UTF8.self)) == withoutRevisionDate(text) {
            return false
        }
        try write(text, to: path)
        return true
    }

    private static func withoutRevisionDate(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("\"PO-Revision-Date:") }
    }
}
