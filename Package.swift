// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "helpsite",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "helpsite", targets: ["helpsite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "HelpMarkdown", dependencies: ["Ccmark"]),
        // Diagnostics, files, text helpers and parallel map: what every stage uses, and nothing of any stage.
        .target(name: "HelpCore", dependencies: [.product(name: "Yams", package: "Yams")]),
        // The Mustache engine: parser, schemas of typed views, compiler and renderer. Tested against the official spec.
        .target(name: "HelpTemplates", dependencies: ["HelpCore", "HelpMarkdown"]),
        // site.yaml and the languages: what every later stage reads, reading nothing of theirs.
        .target(name: "HelpConfig", dependencies: ["HelpCore", .product(name: "Yams", package: "Yams")]),
        // The built-in theme, its interface text (theme/strings/) and the starter site (starter/), embedded at build time.
        .target(name: "HelpResources", plugins: ["EmbedTheme"]),
        // Pages, front matter, strings, facts and the site index: URLs, links, navigation, redirects, related pages.
        .target(
            name: "HelpContent",
            dependencies: ["HelpCore", "HelpConfig", "HelpResources", "HelpMarkdown", .product(name: "Yams", package: "Yams")]
        ),
        // Translation status, stamps, glossary, the translator view and the exchange formats (PO, XLIFF, TMX).
        .target(
            name: "HelpTranslation",
            dependencies: ["HelpCore", "HelpConfig", "HelpContent", "HelpMarkdown", .product(name: "Yams", package: "Yams")]
        ),
        // The built-in theme, the typed views templates see, and turning one page (or 404, root, redirect) into HTML.
        .target(
            name: "HelpRender",
            dependencies: ["HelpCore", "HelpConfig", "HelpResources", "HelpContent", "HelpTranslation", "HelpTemplates", "HelpMarkdown"]
        ),
        // Every path's one owner (OutputPlan), the atomic writer, the render cache and every output but search.
        .target(
            name: "HelpOutput",
            dependencies: ["HelpCore", "HelpConfig", "HelpContent", "HelpTranslation", "HelpTemplates", "HelpMarkdown", "HelpRender"]
        ),
        // The search results pages and the Pagefind indexes, per language, on every core.
        .target(
            name: "HelpSearch",
            dependencies: ["HelpCore", "HelpConfig", "HelpContent", "HelpTemplates", "HelpRender", "HelpOutput"]
        ),
        // The pipeline (load, check, render, write), the live site `serve` keeps, and the scaffolding commands.
        .target(
            name: "HelpSiteKit",
            dependencies: [
                "HelpCore",
                "HelpConfig",
                "HelpResources",
                "HelpContent",
                "HelpTranslation",
                "HelpTemplates",
                "HelpMarkdown",
                "HelpRender",
                "HelpOutput",
                "HelpSearch",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Writes theme/, theme/strings/ and starter/ into HelpResources as base64 (`EmbeddedFiles`).
        .executableTarget(name: "ThemeEmbedder"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["ThemeEmbedder"]),
        .target(
            name: "HelpSiteServer",
            dependencies: [
                "HelpCore",
                "HelpConfig",
                "HelpContent",
                "HelpTranslation",
                "HelpRender",
                "HelpOutput",
                "HelpSiteKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "HelpSiteCLI",
            dependencies: [
                "HelpCore",
                "HelpConfig",
                "HelpContent",
                "HelpTranslation",
                "HelpRender",
                "HelpOutput",
                "HelpSiteKit",
                "HelpSiteServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "helpsite", dependencies: ["HelpSiteCLI"]),
        // Replays inputs through HelpSiteKit's FuzzEntry; scripts/fuzz builds it as a libFuzzer target.
        .executableTarget(name: "HelpSiteFuzzer", dependencies: ["HelpCore", "HelpTemplates", "HelpSiteKit", "HelpMarkdown"]),
        .testTarget(name: "HelpMarkdownTests", dependencies: ["HelpMarkdown"]),
        // Fixtures/ (the Mustache spec's files) is read from the source tree through #filePath.
        .testTarget(
            name: "HelpSiteKitTests",
            dependencies: ["HelpCore", "HelpConfig", "HelpContent", "HelpTranslation", "HelpTemplates", "HelpRender", "HelpOutput", "HelpSearch", "HelpSiteKit", "HelpSiteCLI", .product(name: "Yams", package: "Yams")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "HelpSiteServerTests", dependencies: ["HelpCore", "HelpConfig", "HelpContent", "HelpTranslation", "HelpOutput", "HelpSiteServer", "HelpSiteKit"]),
    ],
    swiftLanguageModes: [.v6]
)
