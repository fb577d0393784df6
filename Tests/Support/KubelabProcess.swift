// KubelabProcess: the test suites' way to run the built `kubelab` executable, as a learner or a
// script would, with its state kept out of the developer's home directory.
import Foundation

/// Runs the built `kubelab` executable.
public enum KubelabProcess {
  /// The executable of the same build as the running tests.
  public static var binary: URL {
    // The test bundle sits next to the products of the same build.
    var dir = Bundle.main.bundleURL.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("kubelab")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    // Fall back to the package's default build folder.
    return packageRoot.appendingPathComponent(".build/debug/kubelab")
  }

  /// The package's root folder (where Package.swift is).
  public static var packageRoot: URL {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    return root
  }

  /// A per-process scratch directory for the kubelab runs of this test process.
  public static let scratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kubelab-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  public struct Result: Sendable {
    public var stdout: String
    public var stderr: String
    public var status: Int32
  }

  /// Runs kubelab with `args`, `stdin` as its standard input, in `directory`. Colour is off,
  /// `KUBELAB_LESSONS` unset, and recorded sessions, history and progress go to `scratch` unless
  /// `environment` says otherwise.
  public static func run(
    _ args: [String], stdin: String = "", environment: [String: String] = [:], directory: String? = nil
  ) throws -> Result {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["KUBELAB_LESSONS"] = nil
    env["XDG_STATE_HOME"] = scratch.appendingPathComponent("state").path
    env["XDG_DATA_HOME"] = scratch.appendingPathComponent("data").path
    for (k, v) in environment { env[k] = v }
    p.environment = env
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    // Output goes to files, not pipes: a child that fills one pipe while the test reads the other
    // would never finish.
    let outFile = scratch.appendingPathComponent("out-\(UUID().uuidString)")
    let errFile = scratch.appendingPathComponent("err-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: outFile)
      try? FileManager.default.removeItem(at: errFile)
    }
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
    let out = try FileHandle(forWritingTo: outFile)
    let err = try FileHandle(forWritingTo: errFile)
    defer {
      try? out.close()
      try? err.close()
    }
    let inPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = out
    p.standardError = err
    try p.run()
    inPipe.fileHandleForWriting.write(stdin.data(using: .utf8)!)
    try inPipe.fileHandleForWriting.close()
    p.waitUntilExit()
    return Result(
      stdout: String(decoding: (try? Data(contentsOf: outFile)) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errFile)) ?? Data(), as: UTF8.self),
      status: p.terminationStatus)
  }
}
