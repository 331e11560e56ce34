import HelpCore
import HelpMarkdown

/// Links and images whose URL safe mode drops (`javascript:`, `vbscript:`, `file:`, `data:` but for raster
/// images): the page would ship `href=""`, so the writer hears about it at the link.
package enum UnsafeLinks {
    package static func diagnostics(_ links: [LinkReference], location: (SourcePosition) -> FileLocation) -> [Diagnostic] {
        links.compactMap { link in
            guard let scheme = URLSafety.dangerousScheme(link.destination, kind: link.kind) else { return nil }
            let what = link.kind == .image ? "image" : "link"
            return .warning(.resolveLinks, location(link.position),
                            "\(what) with a \(scheme): URL is removed (it would render as an empty \(link.kind == .image ? "src" : "href")); "
                                + "unsafe schemes are kept only with 'unsafeHTML: true' in site.yaml")
        }
    }
}
