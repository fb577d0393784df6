// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "KubeLab",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "kubelab", targets: ["kubelab"])
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
  ],
  targets: [
    // libedit, the BSD line editor, found through pkg-config (Debian: libedit-dev).
    .systemLibrary(
      name: "CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]
    ),
    // The simulated cluster: object model, etcd, apiserver and every component.
    .target(
      name: "KubeSim",
      dependencies: [
        .product(name: "Yams", package: "Yams"),
        .product(name: "Collections", package: "swift-collections"),
      ],
      exclude: ["Runtime/Images.md"]
    ),
    // kubectl's command-line surface and its faithful printers.
    .target(name: "Kubectl", dependencies: ["KubeSim"]),
    // Lessons and transcripts.
    .target(name: "Workbook", dependencies: ["KubeSim", "Kubectl"]),
    // The line-editing console and command dispatch.
    .target(name: "REPL", dependencies: ["KubeSim", "Kubectl", "Workbook", "CEditLine"]),
    // `kubelab bench`: the benchmark scenarios, each measured run in a child process.
    .target(
      name: "Bench",
      dependencies: ["KubeSim", "Workbook", "REPL", .product(name: "Collections", package: "swift-collections")]),
    .executableTarget(
      name: "kubelab",
      dependencies: [
        "REPL", "Workbook", "KubeSim", "Bench",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // What the test suites share: running the built executable.
    .target(name: "KubelabTestSupport", path: "Tests/Support"),
    .testTarget(name: "KubeSimTests", dependencies: ["KubeSim"]),
    .testTarget(name: "KubectlTests", dependencies: ["Kubectl", "KubeSim"]),
    .testTarget(
      name: "WorkbookTests", dependencies: ["Workbook", "KubeSim", "REPL", "KubelabTestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "REPLTests", dependencies: ["REPL", "KubelabTestSupport"], exclude: ["Journeys", "Expected"]),
  ],
  swiftLanguageModes: [.v6]
)
