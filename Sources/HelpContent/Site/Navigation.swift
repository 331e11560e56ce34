import HelpCore

/// One language's topic tree: top-level pages and folders, each folder holding its own pages.
package struct Navigation: Sendable {
    package struct Entry: Sendable {
        package var title: String
        package var href: String?
        package var pageID: PageID?
        /// Set for folders: `s3` or `a/b`.
        package var folder: String?
        package var order: Int?
        package var children: [Entry]
    }

    package let entries: [Entry]
    private let folderEntries: [String: Entry]
    /// Each folder's pages (not subfolders, not its index page), in navigation order: the default related pages.
    private let pageIDsByFolder: [String: [PageID]]

    package init(pages: [Page]) {
        var folders: [String: Entry] = [:]
        var childrenByFolder: [String: [Entry]] = [:]
        for page in pages where page.id.path != "index" {
            let folders_ = page.id.folders
            for depth in 1...max(1, folders_.count) where !folders_.isEmpty {
                let path = folders_.prefix(depth).joined(separator: "/")
                if folders[path] == nil {
                    folders[path] = Entry(title: folders_[depth - 1], href: nil, pageID: nil, folder: path, order: nil, children: [])
                }
            }
            if page.id.isIndex {
                let path = folders_.joined(separator: "/")
                folders[path]?.title = page.title
                folders[path]?.href = page.href
                folders[path]?.pageID = page.id
                folders[path]?.order = page.source.frontMatter.order
            } else {
                childrenByFolder[folders_.joined(separator: "/"), default: []].append(
                    Entry(title: page.title, href: page.href, pageID: page.id, folder: nil, order: page.source.frontMatter.order, children: []))
            }
        }
        for path in folders.keys {
            let parent = path.split(separator: "/").dropLast().joined(separator: "/")
            childrenByFolder[parent, default: []].append(folders[path]!)
        }
        func assemble(_ folder: String) -> [Entry] {
            (childrenByFolder[folder] ?? []).map { entry in
                var entry = entry
                if let path = entry.folder { entry.children = assemble(path) }
                return entry
            }.sorted(by: Navigation.precedes)
        }
        entries = assemble("")
        var lookup: [String: Entry] = [:]
        var stack = entries
        while let entry = stack.popLast() {
            if let path = entry.folder { lookup[path] = entry }
            stack.append(contentsOf: entry.children)
        }
        folderEntries = lookup
        var pageIDs: [String: [PageID]] = [:]
        pageIDs[""] = entries.compactMap { $0.folder == nil ? $0.pageID : nil }.filter { !$0.isIndex }
        for (path, entry) in lookup {
            pageIDs[path] = entry.children.compactMap { $0.folder == nil ? $0.pageID : nil }.filter { !$0.isIndex }
        }
        pageIDsByFolder = pageIDs
    }

    static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        let orderA = a.order ?? Int.max, orderB = b.order ?? Int.max
        if orderA != orderB { return orderA < orderB }
        if a.title != b.title { return a.title < b.title }
        return (a.pageID?.path ?? a.folder ?? "") < (b.pageID?.path ?? b.folder ?? "")
    }

    /// The pages (not subfolders) directly in a folder (`""` is the language root), in navigation order.
    package func pages(inFolder path: String) -> [Entry] {
        (path.isEmpty ? entries : folderEntries[path]?.children ?? []).filter { $0.folder == nil }
    }

    /// The ids of `pages(inFolder:)` without index pages.
    package func pageIDs(inFolder path: String) -> [PageID] {
        pageIDsByFolder[path] ?? []
    }

    package func title(ofFolder path: String) -> (title: String, href: String?)? {
        folderEntries[path].map { ($0.title, $0.href) }
    }

    /// The tree with the folders on `path` opened. `isCurrent` stays false: the rendered fragment is shared
    /// by every page in the folder, and each page marks its own link afterwards.
    package func context(openFolder path: String) -> [[String: Any]] {
        // Every item sets every key: Mustache looks a missing key up in the enclosing item,
        // which would make a leaf render its parent's children forever.
        func convert(_ entries: [Entry]) -> [[String: Any]] {
            entries.map { entry in
                let isOpen = entry.folder.map { path == $0 || path.hasPrefix($0 + "/") } ?? false
                let children = isOpen ? convert(entry.children) : []
                return [
                    "title": entry.title, "url": entry.href ?? false, "isSection": entry.folder != nil,
                    "isCurrent": false, "isAncestor": isOpen,
                    "children": children, "hasChildren": !children.isEmpty,
                ]
            }
        }
        return convert(entries)
    }
}
