/// "Last reviewed 20 November 2026": the `reviewed` string with `{date}` filled in, split around the date
/// so a template can wrap it in `<time datetime>`.
final class ReviewedView: Sendable {
    let text, before, date, after, datetime: String

    init(_ template: String, date: ReviewDate, languageCode: String) {
        let shown = date.formatted(languageCode: languageCode)
        let parts = template.components(separatedBy: "{date}")
        text = template.replacingAll("{date}", with: shown)
        before = parts.count > 1 ? parts[0] : template + " "
        after = parts.count > 1 ? parts.dropFirst().joined(separator: shown) : ""
        self.date = shown
        datetime = date.iso
    }

    static let schema = ViewSchema.of(ReviewedView.self, name: "reviewed") { f in
        f.text("text") { $0.text }
        f.text("before") { $0.before }
        f.text("date") { $0.date }
        f.text("after") { $0.after }
        f.text("datetime") { $0.datetime }
    }
}
