// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "IssuePipe",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "IssuePipe", targets: ["IssuePipe"]),
        .executable(name: "issuepipe", targets: ["issuepipe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        // The archive index (Sources/IssuePipe/Archive): SQLite through GRDB, which links
        // the system SQLite (libsqlite3-dev) and its FTS5.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Property tests (tests only): random inputs, shrunk to the smallest failing case.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Thin C views of the two libraries IssuePipe is built on; only the
        // wrappers in Sources/IssuePipe/PDF and Sources/IssuePipe/OCR use them.
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // Tesseract's and leptonica's headers (libtesseract-dev, libleptonica-dev);
        // the libraries are loaded when OCR first runs, not at start-up (TesseractLoader.c).
        .target(
            name: "CTesseract",
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        .target(
            name: "IssuePipe",
            dependencies: [
                "CPoppler", "CTesseract",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            resources: [.copy("Schema")]
        ),
        .executableTarget(
            name: "issuepipe",
            dependencies: [
                "IssuePipe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IssuePipeTests",
            dependencies: [
                "IssuePipe",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // Recorded tesseract readings, read from the repository by path (OCRTestSupport).
            exclude: ["OCRRecordings"]
        ),
    ]
)
