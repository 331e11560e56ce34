import HelpContent
import HelpCore
import Foundation
import HelpMarkdown

/// The three faces of `helpsite status`: a terminal table, a stable JSON document and an HTML dashboard.
public enum StatusFormatter {
    public static let schemaVersion = 1

    static let symbols: [TranslationStatus.State: String] = [
        .upToDate: "✓", .machine: "machine", .outdated: "outdated", .unstamped: "unstamped", .missing: "missing", .extra: "extra",
    ]

    public static func text(_ status: TranslationStatus, freshness: PageFreshness? = nil) -> String {
        let codes = status.languages.map(\.code)
        var lines: [[String]] = [["page"] + codes]
        for row in status.rows {
            lines.append([row.id.path] + codes.map { row.entries[$0].map { symbols[$0.state]! } ?? "" })
        }
        lines.append(["up to date"] + status.summaries.map { percent($0.upToDatePercent) })
        let widths = (0..<lines[0].count).map { column in lines.map { $0[column].count }.max() ?? 0 }
        var output = lines.map { line in
            line.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingTrailingSpaces()
        }.joined(separator: "\n")
        output += "\n\nSource language: \(status.sourceLanguage.code) (\(status.sourceLanguage.name)), \(status.summaries.first?.total ?? status.rows.count) pages.\n"
        for summary in status.summaries {
            let details = TranslationStatus.State.allCases.compactMap { state in
                summary.counts[state].map { "\($0) \(state.rawValue)" }
            }.joined(separator: ", ")
            output += "\(summary.language.code): \(percent(summary.upToDatePercent)) up to date (\(details))\n"
        }
        let minor = status.rows.filter { $0.minorEditOf != nil }
        if !minor.isEmpty {
            output += "\nMinor source edits (stamp --minor, no retranslation needed):\n"
            for row in minor { output += "\(row.id.path): \(row.minorEditOf!) → \(row.sourceHash ?? "")\n" }
        }
        if let freshness, let months = freshness.maxAgeMonths, !freshness.stale.isEmpty {
            output += "\nDue for review (reviewed more than \(months) months ago):\n"
            for group in freshness.byOwner {
                output += "\(group.owner ?? "no owner"):\n"
                for page in group.pages { output += "  \(page.language)/\(page.id.path) reviewed \(page.reviewed.iso)\n" }
            }
        }
        return output
    }

    /// The JSON document; its schema is in the README ("Translation status JSON").
    public static func json(_ status: TranslationStatus, freshness: PageFreshness? = nil) -> String {
        var out = "{\n"
        out += "  \"schemaVersion\": \(schemaVersion),\n"
        out += "  \"sourceLanguage\": \(JSONText.quote(status.sourceLanguage.code)),\n"
        out += "  \"languages\": [\n"
        out += status.summaries.map { summary in
            let counts = TranslationStatus.State.allCases.map { "\(JSONText.quote($0.rawValue)): \(summary.counts[$0, default: 0])" }.joined(separator: ", ")
            return "    {\"code\": \(JSONText.quote(summary.language.code)), \"name\": \(JSONText.quote(summary.language.name)), "
                + "\"pages\": \(summary.total), \"upToDatePercent\": \(jsonNumber(summary.upToDatePercent)), \"counts\": {\(counts)}}"
        }.joined(separator: ",\n")
        out += "\n  ],\n  \"pages\": [\n"
        out += status.rows.map { row in
            let entries = status.languages.compactMap { language -> String? in
                guard let entry = row.entries[language.code] else { return nil }
                var fields = ["\"state\": \(JSONText.quote(entry.state.rawValue))"]
                fields.append("\"file\": " + (entry.file.map { JSONText.quote($0.display) } ?? "null"))
                fields.append("\"stampedHash\": " + (entry.stampedHash.map(JSONText.quote) ?? "null"))
                return "        \(JSONText.quote(language.code)): {\(fields.joined(separator: ", "))}"
            }.joined(separator: ",\n")
            return "    {\n      \"id\": \(JSONText.quote(row.id.path)),\n"
                + "      \"sourceFile\": " + (row.sourceFile.map { JSONText.quote($0.display) } ?? "null") + ",\n"
                + "      \"sourceHash\": " + (row.sourceHash.map(JSONText.quote) ?? "null") + ",\n"
                + "      \"minorEditOf\": " + (row.minorEditOf.map(JSONText.quote) ?? "null") + ",\n"
                + "      \"translations\": {\n\(entries)\n      }\n    }"
        }.joined(separator: ",\n")
        out += "\n  ],\n" + staleJSON(freshness) + "\n}\n"
        return out
    }

    /// `"stale"`: null without `reviewMaxAge`, else the pages due for review grouped per owner (null owner last).
    private static func staleJSON(_ freshness: PageFreshness?) -> String {
        guard let freshness, let months = freshness.maxAgeMonths else { return "  \"stale\": null" }
        let owners = freshness.byOwner.map { group in
            let pages = group.pages.map { page in
                "        {\"id\": \(JSONText.quote(page.id.path)), \"language\": \(JSONText.quote(page.language)), "
                    + "\"file\": \(JSONText.quote(page.file.display)), \"reviewed\": \(JSONText.quote(page.reviewed.iso))}"
            }.joined(separator: ",\n")
            return "      {\"owner\": \(group.owner.map(JSONText.quote) ?? "null"), \"pages\": [\n\(pages)\n      ]}"
        }.joined(separator: ",\n")
        return "  \"stale\": {\"reviewMaxAge\": \(months), \"today\": \(JSONText.quote(freshness.today.iso)), \"owners\": [\n\(owners)\n  ]}"
    }

    /// A self-contained page: a coverage matrix coloured by state, with counts, readable without JavaScript.
    /// With `linksTranslatorViews` (serve), each outdated cell links to the page's translator view.
    public static func html(_ status: TranslationStatus, title: String, freshness: PageFreshness? = nil, linksTranslatorViews: Bool = false) -> String {
        let escape = HTMLEscaping.escape
        var html = StandaloneHTML.opening(title: "Translation status – \(title)", style: dashboardStyle) + """
            <h1>Translation status</h1>
            <p>Source language: <strong>\(escape(status.sourceLanguage.name)) (\(escape(status.sourceLanguage.code)))</strong>. A translation is up to date when its <code>source:</code> stamp matches the source page.</p>
            <p class="legend">\(TranslationStatus.State.allCases.map { "<span class=\"\($0.rawValue)\">\($0.rawValue)</span>" }.joined())</p>
            <table>
            <thead><tr><th scope="col">Page</th>\(status.languages.map { "<th scope=\"col\" lang=\"\(escape($0.code))\">\(escape($0.code))</th>" }.joined())</tr></thead>
            <tbody>

            """
        for row in status.rows {
            html += "<tr><th scope=\"row\">\(escape(row.id.path))</th>"
            for language in status.languages {
                if let entry = row.entries[language.code], linksTranslatorViews, entry.state == .outdated {
                    let view = TranslatorView.path(language: language.code, page: row.id)
                    html += "<td class=\"outdated\"><a href=\"\(escape(view))\">outdated<span class=\"visually-hidden\">: \(escape(row.id.path)) in \(escape(language.code))</span></a></td>"
                } else if let entry = row.entries[language.code] {
                    html += "<td class=\"\(entry.state.rawValue)\">\(entry.state.rawValue)</td>"
                } else {
                    html += "<td></td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n<tfoot>\n"
        for state in TranslationStatus.State.allCases {
            html += "<tr><th scope=\"row\">\(state.rawValue)</th>" + status.summaries.map { "<td>\($0.counts[state, default: 0])</td>" }.joined() + "</tr>\n"
        }
        html += "<tr><th scope=\"row\">up to date</th>" + status.summaries.map { "<td>\(percent($0.upToDatePercent))</td>" }.joined() + "</tr>\n"
        html += "</tfoot>\n</table>\n" + staleHTML(freshness) + StandaloneHTML.closing
        return html
    }

    /// The pages due for review, one list per owner.
    private static func staleHTML(_ freshness: PageFreshness?) -> String {
        guard let freshness, let months = freshness.maxAgeMonths else { return "" }
        let escape = HTMLEscaping.escape
        var html = "<h2>Due for review</h2>\n<p>Pages last reviewed more than \(months) months before \(freshness.today.iso) (<code>reviewMaxAge</code>).</p>\n"
        if freshness.stale.isEmpty { return html + "<p>None.</p>\n" }
        for group in freshness.byOwner {
            html += "<h3>\(group.owner.map(escape) ?? "No owner")</h3>\n<ul>\n"
            for page in group.pages {
                html += "<li><code>\(escape(page.file.display))</code>, reviewed <time datetime=\"\(page.reviewed.iso)\">\(page.reviewed.iso)</time></li>\n"
            }
            html += "</ul>\n"
        }
        return html
    }

    private static let dashboardStyle = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;background:#fff}
        table{border-collapse:collapse;font-size:.9rem}
        th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:start}
        thead th{position:sticky;top:0;background:#f4f4f4}
        .up-to-date{background:#d7f2dd;color:#0b4d1c}.machine{background:#e8f2d7;color:#2f4d0b}.outdated{background:#ffe9b3;color:#5c3d00}
        .unstamped{background:#e6e6f5;color:#2a2a66}.missing{background:#fbd5d5;color:#6b0d0d}.extra{background:#dde8f7;color:#0d2f5c}
        .legend span{display:inline-block;padding:.2rem .5rem;margin:0 .5rem 0 0}
        td a{color:inherit}
        .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(100%);white-space:nowrap}
        """

    public static func percent(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return (rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)) + "%"
    }

    private static func jsonNumber(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
