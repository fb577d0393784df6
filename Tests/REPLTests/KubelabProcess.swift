import Foundation

/// Runs the built `kubelab` executable, as a learner or a script would.
enum KubelabProcess {
  static var binary: URL {
    // The test bundle sits next to the products of the same build.
    let bundle = Bundle.main.bundleURL
    var dir = bundle.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("kubelab")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    // Fall back to the package's default build folder.
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    return root.appendingPathComponent(".build/debug/kubelab")
  }

  /// A per-process scratch directory for the kubelab runs of this test process.
  static let scratch: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kubelab-tests-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  struct Result {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  static func run(_ args: [String], stdin: String, environment: [String: String] = [:]) throws -> Result {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    // Keep recorded sessions, history and progress out of the developer's home directory.
    env["XDG_STATE_HOME"] = scratch.appendingPathComponent("state").path
    env["XDG_DATA_HOME"] = scratch.appendingPathComponent("data").path
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let inPipe = Pipe()
    let outPipe = Pipe()
    let errPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = errPipe
    try p.run()
    inPipe.fileHandleForWriting.write(stdin.data(using: .utf8)!)
    try inPipe.fileHandleForWriting.close()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    let err = errPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(
      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
      status: p.terminationStatus)
  }
}
