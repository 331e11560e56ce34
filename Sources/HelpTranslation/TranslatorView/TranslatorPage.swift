import HelpConfig
import HelpCore
import Foundation
import HelpMarkdown

/// The translator view as a self-contained HTML page: English interface text, each text in its own language.
/// Deletions and insertions are `<del>` and `<ins>`, struck through and underlined and announced by screen readers
/// through hidden text, so they do not rely on colour.
struct TranslatorPage {
    package let target: TranslatorView.Target
    let comparison: TranslatorComparison
    package let stamped: String?
    package let pageURL: String?
    let snapshotFolder: SitePath

    private static let escape = HTMLEscaping.escape

    package var html: String {
        let escape = Self.escape
        let source = comparison.source, translation = comparison.translation
        let changed = comparison.rows.filter(\.changed)
        let absolute = URL(fileURLWithPath: target.file.path).standardizedFileURL.path
        let editorURL = "vscode://file" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute)
        var html = StandaloneHTML.opening(title: "Translator view: \(target.page.path) (\(translation.code))", style: Self.style, colorSchemes: "light dark") + """
            <h1>What changed in <span lang="\(escape(source.code))">\(escape(comparison.rows.first?.heading ?? target.page.path))</span></h1>
            <p>Translation into <span lang="\(escape(translation.code))">\(escape(translation.name))</span> (<code>\(escape(target.file.display))</code>) against the source in <span lang="\(escape(source.code))">\(escape(source.name))</span>.\(pageURL.map { " <a href=\"\(escape($0))\">Open the translated page</a>." } ?? "")</p>
            <p class="state" role="status">\(stateSentence(changedCount: changed.count))</p>
            <div class="actions">
            <form method="post" action="\(escape(TranslatorView.path(language: translation.code, page: target.page)))">
            <button type="submit">Mark up to date</button>
            </form>
            <p><a href="\(escape(editorURL))">Open in editor (VS Code)</a> or open the file yourself: <code class="path">\(escape(absolute))</code></p>
            </div>
            <p class="legend">In the source's changes, <del>struck-through words</del> were removed and <ins>underlined words</ins> were added since the stamped version.</p>

            """
        for row in comparison.rows where row.changed {
            html += section(row, folded: false)
        }
        let unchanged = comparison.rows.filter { !$0.changed }
        if !unchanged.isEmpty {
            html += "<h2 id=\"unchanged\">\(changed.isEmpty ? "Sections" : "Unchanged sections")</h2>\n"
            for row in unchanged { html += section(row, folded: true) }
        }
        html += StandaloneHTML.closing
        return html
    }

    private func stateSentence(changedCount: Int) -> String {
        let stamp = stamped.map { " (<code>source: \(Self.escape($0))</code>)" } ?? ""
        switch comparison.state {
        case .upToDate: return "Up to date: the translation is stamped with the source's current version\(stamp)."
        case .outdated:
            return "Outdated: \(changedCount) section\(changedCount == 1 ? "" : "s") of the source changed since the stamped version\(stamp)."
        case .unstamped: return "Unstamped: the translation has no <code>source:</code> stamp, so there is no earlier version to compare with."
        case .noSnapshot:
            return "Outdated, but the stamped version\(stamp) has no snapshot in <code>\(Self.escape(snapshotFolder.display))/</code>, so what changed cannot be shown."
        case .noSource: return "The source page does not exist any more."
        }
    }

    private func section(_ row: TranslatorComparison.Row, folded: Bool) -> String {
        let escape = Self.escape
        let source = comparison.source, translation = comparison.translation
        let anchor = "section-" + (row.id.isEmpty ? "intro" : row.id)
        let name = row.id.isEmpty ? "Title, description and introduction" : row.heading
        let nameHTML = row.id.isEmpty ? name : "<span lang=\"\(escape(source.code))\">\(escape(name))</span>"
        var what = ""
        if row.changed { what = row.new == nil ? " (removed from the source)" : row.old == nil ? " (new in the source)" : "" }
        let sourceText: String
        if row.changed {
            let pieces = WordDiff.between(row.old?.text ?? "", row.new?.text ?? "")
            sourceText = pieces.map { piece in
                switch piece.kind {
                case .same: escape(piece.text)
                case .deleted: "<del>\(escape(piece.text))</del>"
                case .inserted: "<ins>\(escape(piece.text))</ins>"
                }
            }.joined()
        } else {
            sourceText = escape(row.new?.text ?? "")
        }
        let translated = row.translation.map { escape($0.text) }
        let direction: (Language) -> String = { $0.direction == .rtl ? " dir=\"rtl\"" : "" }
        let columns = """
            <div class="columns">
            <div class="column"><h3>Source (\(escape(source.code)))\(row.changed ? ", old → new" : "")</h3>
            <div class="text" lang="\(escape(source.code))"\(direction(source))>\(sourceText)</div></div>
            <div class="column"><h3>Translation (\(escape(translation.code)))</h3>
            \(translated.map { "<div class=\"text\" lang=\"\(escape(translation.code))\"\(direction(translation))>\($0)</div>" } ?? "<p class=\"missing\">The translation has no section with this id yet.</p>")</div>
            </div>

            """
        if folded {
            return "<details id=\"\(escape(anchor))\"><summary>\(nameHTML)</summary>\n\(columns)</details>\n"
        }
        return "<section id=\"\(escape(anchor))\" aria-labelledby=\"\(escape(anchor))-title\">\n<h2 id=\"\(escape(anchor))-title\">\(nameHTML)\(what)</h2>\n\(columns)</section>\n"
    }

    private static let style = """
        :root{--fg:#1a1a1a;--bg:#fff;--muted:#4a4a4a;--line:#c8c8c8;--panel:#f6f6f6;--link:#0645ad;--del-bg:#ffe0e0;--del-fg:#6b0000;--ins-bg:#dcf3df;--ins-fg:#0b4d1c;--button-bg:#0b57d0;--button-fg:#fff}
        @media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--muted:#c4c4c4;--line:#555;--panel:#222;--link:#9cc3ff;--del-bg:#4a1515;--del-fg:#ffd7d7;--ins-bg:#123d1c;--ins-fg:#d4f7d9;--button-bg:#9cc3ff;--button-fg:#0a0a0a}}
        body{font-family:system-ui,sans-serif;margin:0;padding:1rem 2rem;color:var(--fg);background:var(--bg);line-height:1.5}
        a{color:var(--link)}
        code{font-size:.9em;overflow-wrap:anywhere}
        .actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
        .actions p{margin:0}
        button{font:inherit;padding:.4rem 1rem;border:2px solid var(--button-bg);border-radius:.3rem;background:var(--button-bg);color:var(--button-fg);cursor:pointer}
        button:focus-visible,a:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
        .columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
        .column h3{margin:.5rem 0;font-size:1rem;color:var(--muted)}
        .text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:.9rem;background:var(--panel);border:1px solid var(--line);padding:.5rem;border-radius:.3rem}
        section,details{border-top:1px solid var(--line);padding:.5rem 0 1rem}
        summary{cursor:pointer;font-weight:600;padding:.3rem 0}
        del{background:var(--del-bg);color:var(--del-fg);text-decoration:line-through}
        ins{background:var(--ins-bg);color:var(--ins-fg);text-decoration:underline;font-weight:600}
        del::before,del::after,ins::before,ins::after{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(100%);white-space:nowrap}
        del::before{content:" [removed: "}del::after{content:"] "}ins::before{content:" [added: "}ins::after{content:"] "}
        .missing{font-style:italic}
        """
}
