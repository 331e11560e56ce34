/// Top-level folders of the output that helpsite itself fills, so no setting may point into them.
package enum GeneratedFolders {
    package static let assets = "assets"
    package static let searchBundle = "pagefind"
    package static let searchFallbacks = "pagefind-fallback"
    package static let all = [assets, searchBundle, searchFallbacks]
}
