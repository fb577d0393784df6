// ChildProcess: runs the kubelab executable again, so each measured run has a process (and a peak
// resident memory) of its own.
import Foundation

/// Runs this executable (or another) as a child process and collects its standard output.
public enum ChildProcess {
  /// The running executable: `/proc/self/exe` on Linux, else the path it was started by.
  public static var executable: String {
    #if os(Linux)
      if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
    #endif
    return URL(fileURLWithPath: CommandLine.arguments.first ?? "kubelab").resolvingSymlinksInPath().path
  }

  public struct Result: Sendable {
    public var stdout: String
    public var status: Int32
    /// From start to exit, in seconds.
    public var wall: Double
  }

  /// Runs `path ARGS…` with `stdin` as its standard input; its standard error goes to ours.
  public static func run(_ path: String, _ args: [String], stdin: String = "", environment: [String: String] = [:])
    throws -> Result
  {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let input = Pipe()
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    let start = Stopwatch.now()
    do {
      try p.run()
    } catch {
      throw BenchError("cannot run \(path): \(error.localizedDescription)")
    }
    input.fileHandleForWriting.write(stdin.data(using: .utf8)!)
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let wall = Stopwatch.now() - start
    return Result(stdout: String(decoding: data, as: UTF8.self), status: p.terminationStatus, wall: wall)
  }
}
