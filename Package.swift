// swift-tools-version:6.1
import PackageDescription

// Dependency direction (see README "Architecture"):
//   OneThingModel (pure)  <-  OneThingStore (SQLite via GRDB)  <-  onething (CLI, wires real parts)
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "OneThing",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "onething", targets: ["onething"]),
        .library(name: "OneThingModel", targets: ["OneThingModel"]),
        .library(name: "OneThingStore", targets: ["OneThingStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(
            name: "OneThingModel",
            swiftSettings: strict
        ),
        .target(
            name: "OneThingStore",
            dependencies: [
                "OneThingModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "onething",
            dependencies: [
                "OneThingModel",
                "OneThingStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "onething-bench",
            dependencies: [
                "OneThingModel",
                "OneThingStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            path: "Benchmarks/onething-bench",
            swiftSettings: strict
        ),
        .target(
            name: "TestSupport",
            dependencies: ["OneThingModel"],
            path: "Tests/TestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingModelTests",
            dependencies: ["OneThingModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingStoreTests",
            dependencies: [
                "OneThingStore", "OneThingModel", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["onething", "TestSupport"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
