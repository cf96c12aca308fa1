// swift-tools-version:6.1
import PackageDescription

// Dependency direction (no cycles; the model never imports C, SQL or the network):
//   OneThingModel (pure) <- OneThingWire (protocol types, shared with the hub)
//   OneThingModel, OneThingWire <- OneThingDatabase (opening, file checks, migrations, DatabaseFailure; GRDB)
//   OneThingDatabase <- OneThingStore, OneThingHub (each its own tables, records and migrations)
//   OneThingModel, OneThingExport <- OneThingStore (SQLite via GRDB) <- OneThingSync (outbox, engine; knows `Transport`)
//   OneThingSync <- OneThingCurl (libcurl transport, through CCurl / CZlib)
//   OneThingHub (Hummingbird server + its store: SQLite via GRDB, PostgreSQL via PostgresNIO) -> OneThingWire, OneThingModel
//   CTerminal (wcwidth under a UTF-8 locale) <- OneThingTerminal (cell buffer, diff, ANSI, keys)
//   OneThingTerminal, OneThingModel, OneThingStore <- OneThingKiosk (the intake screens)
//   OneThingModel, OneThingWire <- OneThingExport (CSV / NDJSON rows of applications; pure, shared by node and hub)
//   OneThingModel, OneThingDatabase <- OneThingCLI (CLIFailure, exit codes, how failures are printed)
//   onething, onething-hub (CLIs: the only places that wire real parts together)
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "OneThing",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "onething", targets: ["onething"]),
        .executable(name: "onething-hub", targets: ["onething-hub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .target(name: "OneThingModel", swiftSettings: strict),
        .target(name: "OneThingFailpoints", swiftSettings: strict),
        .target(name: "OneThingWire", dependencies: ["OneThingModel"], swiftSettings: strict),
        .target(
            name: "OneThingDatabase",
            dependencies: ["OneThingModel", "OneThingWire", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .target(
            name: "OneThingStore",
            dependencies: [
                "OneThingModel", "OneThingWire", "OneThingFailpoints", "OneThingDatabase", "OneThingExport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "OneThingSync",
            dependencies: ["OneThingModel", "OneThingStore", "OneThingWire", "OneThingFailpoints"],
            swiftSettings: strict
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "CTerminal"),
        .target(name: "OneThingTerminal", dependencies: ["CTerminal", "OneThingModel"], swiftSettings: strict),
        .target(
            name: "OneThingKiosk",
            dependencies: [
                "OneThingTerminal", "OneThingModel", "OneThingStore", "OneThingWire",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "OneThingCurl",
            dependencies: ["CCurl", "CZlib", "OneThingSync", "OneThingWire"],
            swiftSettings: strict
        ),
        .target(
            name: "OneThingHub",
            dependencies: [
                "OneThingModel", "OneThingWire", "OneThingFailpoints", "OneThingDatabase", "OneThingExport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "OneThingExport",
            dependencies: ["OneThingModel", "OneThingWire"],
            swiftSettings: strict
        ),
        .target(
            name: "OneThingCLI",
            dependencies: [
                "OneThingModel", "OneThingDatabase", "OneThingExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "onething",
            dependencies: [
                "OneThingModel", "OneThingStore", "OneThingWire", "OneThingSync", "OneThingCurl",
                "OneThingTerminal", "OneThingKiosk", "OneThingDatabase", "OneThingCLI", "OneThingExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "onething-hub",
            dependencies: [
                "OneThingHub", "OneThingModel", "OneThingWire", "OneThingDatabase", "OneThingTerminal", "OneThingCLI",
                "OneThingExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "onething-bench",
            dependencies: [
                "OneThingModel", "OneThingStore", "OneThingWire", "OneThingKiosk", "OneThingTerminal",
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
            name: "OneThingDatabaseTests",
            dependencies: [
                "OneThingDatabase", "OneThingModel", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingWireTests",
            dependencies: [
                "OneThingWire", "OneThingModel", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingStoreTests",
            dependencies: [
                "OneThingStore", "OneThingModel", "OneThingWire", "OneThingDatabase", "OneThingExport", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingSyncTests",
            dependencies: ["OneThingSync", "OneThingStore", "OneThingWire", "OneThingModel", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingCurlTests",
            dependencies: ["OneThingCurl", "OneThingSync", "OneThingWire", "TestSupport", "CCurl"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingHubTests",
            dependencies: [
                "OneThingHub", "OneThingWire", "OneThingModel", "OneThingDatabase", "OneThingExport", "TestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingExportTests",
            dependencies: ["OneThingExport", "OneThingModel", "OneThingWire", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingTerminalTests",
            dependencies: ["OneThingTerminal"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingKioskTests",
            dependencies: ["OneThingKiosk", "OneThingTerminal", "OneThingStore", "OneThingModel", "OneThingWire", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "OneThingCLITests",
            dependencies: [
                "OneThingCLI", "OneThingModel", "OneThingDatabase",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["onething", "onething-hub", "TestSupport"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["onething", "onething-hub", "TestSupport", "OneThingWire", "OneThingFailpoints", "OneThingModel",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
