// swift-tools-version: 6.1
import PackageDescription

// Cross-module optimization in release builds: the pipeline's stages are modules of their
// own, and without it a read of an entry's field from another module is a call. Measured in
// the README ("Cross-module optimization").
let optimized: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "Weathervane",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "vane", targets: ["vane"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "CVaneSystem"),
        .target(name: "VaneDiagnostics", swiftSettings: optimized),
        .target(
            name: "VaneContent",
            dependencies: [
                "VaneDiagnostics", "CCmarkGFM", "CVaneSystem",
                .product(name: "Yams", package: "Yams"),
            ], swiftSettings: optimized),
        .target(
            name: "VaneGraph",
            dependencies: ["VaneContent", "VaneDiagnostics", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: optimized),
        .target(
            name: "VaneQuery",
            dependencies: ["VaneGraph", "VaneDiagnostics", "VaneHistory", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: optimized),
        .target(
            name: "VaneSite",
            dependencies: ["VaneContent", "VaneDiagnostics", "VaneHistory", "CVaneSystem"], swiftSettings: optimized),
        .target(
            name: "VaneProject",
            dependencies: ["VaneContent", "VaneDiagnostics", "VaneSite", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: optimized),
        .target(name: "VaneHistory", dependencies: ["VaneContent", "VaneDiagnostics"], swiftSettings: optimized),
        .target(
            name: "VaneImport",
            dependencies: ["VaneContent", "VaneDiagnostics", .product(name: "Yams", package: "Yams")], swiftSettings: optimized),
        .target(
            name: "VaneBuild",
            dependencies: [
                "VaneContent", "VaneGraph", "VaneQuery", "VaneSite", "VaneProject", "VaneHistory", .product(name: "GRDB", package: "GRDB.swift"),
            ], swiftSettings: optimized),
        .target(
            name: "VaneServe",
            dependencies: [
                "CVaneSystem", "VaneBuild", "VaneContent", "VaneDiagnostics", "VaneQuery", "VaneSite",
                .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox"),
            ], swiftSettings: optimized),
        .executableTarget(
            name: "vane",
            dependencies: [
                "VaneContent", "VaneDiagnostics", "VaneGraph", "VaneQuery", "VaneBuild", "VaneServe", "VaneProject", "VaneImport", "VaneHistory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], swiftSettings: optimized),
        .target(name: "VaneTestSupport", dependencies: ["VaneDiagnostics", "VaneContent", "VaneBuild", "VaneQuery"]),
        .testTarget(name: "VaneContentTests", dependencies: ["VaneContent", "VaneTestSupport"]),
        .testTarget(name: "VaneDiagnosticsTests", dependencies: ["VaneDiagnostics"]),
        .testTarget(name: "VaneHistoryTests", dependencies: ["VaneHistory", "VaneContent"]),
        .testTarget(name: "VaneServeTests", dependencies: ["VaneServe", "VaneTestSupport"]),
        .testTarget(
            name: "VaneGraphTests",
            dependencies: ["VaneGraph", "VaneTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "VaneQueryTests",
            dependencies: ["VaneQuery", "VaneBuild", "VaneTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "VaneSiteTests", dependencies: ["VaneSite", "VaneBuild", "VaneQuery", "VaneTestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "VaneBuildTests",
            dependencies: ["VaneBuild", "VaneGraph", "VaneQuery", "VaneTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "VaneImportTests", dependencies: ["VaneImport", "VaneBuild", "VaneQuery", "VaneTestSupport"], exclude: ["Golden"]),
        .testTarget(
            name: "VaneProjectTests",
            dependencies: ["VaneProject", "VaneSite", "VaneBuild", "VaneTestSupport", .product(name: "Yams", package: "Yams")]),
        // Depending on the executable makes `swift test` build this checkout's `vane` first.
        .testTarget(
            name: "VaneCLITests",
            dependencies: ["VaneTestSupport", "VaneDiagnostics", "VaneQuery", "vane", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
