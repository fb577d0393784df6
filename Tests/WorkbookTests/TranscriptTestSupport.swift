// TranscriptTestSupport: what the transcript tests share — the built `kubelab` binary, temporary
// directories, a test-only command that causes messages, and a small HTML tag checker.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

/// Runs the built `kubelab` executable with its own state directory.
enum TranscriptKubelab {
  static var binary: URL {
    var dir = Bundle.main.bundleURL.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("kubelab")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return TranscriptFiles.packageRoot.appendingPathComponent(".build/debug/kubelab")
  }

  struct Result {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  /// Runs kubelab with `XDG_STATE_HOME` set to `state` (so sessions land in a temporary directory).
  static func run(_ args: [String], stdin: String = "", state: String, cwd: String? = nil) throws -> Result {
    let p = Process()
    p.executableURL = binary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["XDG_STATE_HOME"] = state
    p.environment = env
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let (inPipe, outPipe, errPipe) = (Pipe(), Pipe(), Pipe())
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

enum TranscriptFiles {
  static var packageRoot: URL {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    return root
  }

  static var transcriptsDirectory: String { packageRoot.appendingPathComponent("transcripts").path }

  /// A fresh empty directory under the system's temporary directory.
  static func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubelab-transcripts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.path
  }

  static func read(_ path: String) throws -> String {
    try String(contentsOfFile: path, encoding: .utf8)
  }

  static var schema: JSON {
    get throws { try JSON.parse(read(transcriptsDirectory + "/schema.json")) }
  }
}

/// `make-configmaps NAME [COUNT]`: creates COUNT config maps as the learner's kubectl would (each
/// request and etcd write is a message), with the heredoc body as data. Prints `<b>&"…"</b>`-style
/// text so exports must escape it.
struct MakeConfigMapsCommand: REPLCommand {
  let name = "make-configmaps"
  let group = CommandGroup.cluster
  let summary = "test only: create config maps"
  let usage = "Usage: make-configmaps NAME [COUNT]"

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    guard let base = args.first else {
      out.error("error: make-configmaps needs a NAME")
      return false
    }
    let count = args.count > 1 ? Int(args[1]) ?? 1 : 1
    for i in 0..<count {
      let name = count == 1 ? base : "\(base)-\(i)"
      let cm = ConfigMap(metadata: ObjectMeta(name: name, namespace: "default"), data: ["input": input ?? ""])
      switch session.cluster.kubectl.perform(
        APIRequest(.create, ConfigMap.resource, namespace: "default", body: .object(cm)))
      {
      case .failure(let e):
        out.error(e.description)
        return false
      default:
        out.line("configmap/\(name) created <b>&\"ok\"</b>")
      }
    }
    return true
  }
}

/// Registers the test command; annotates lesson steps after `make-configmaps` like a lesson engine would.
func prepareTestSession(_ session: Session) {
  session.registry.register(MakeConfigMapsCommand())
  var step = 1
  session.afterCommand.append { [unowned session] record, _ in
    guard let recorder = session.recorder else { return }
    if record.line.hasPrefix("make-configmaps") {
      recorder.annotate(
        lesson: "configmaps", step: step, stepTitle: "Create config map \(step)",
        checks: [
          TranscriptCheck(
            name: "config map exists", passed: record.success, message: record.success ? "" : "not created")
        ],
        completed: step == 2)
      step += 1
    }
  }
}

/// A session with messages, a heredoc, a failing command and lesson steps.
func sampleTranscript(id: String = "sample") -> Transcript {
  let inputs = [
    TranscriptInput("status"),
    TranscriptInput("make-configmaps web", input: "greeting: hello <world> & \"friends\"\nEOF\n"),
    TranscriptInput("step"),
    TranscriptInput("stpe"),
    TranscriptInput("make-configmaps bulk 60"),
    TranscriptInput("step 2"),
  ]
  return TranscriptSession.run(
    inputs, header: GoldenTranscript.header(name: id, cluster: ClusterOptions(seed: 3)), prepare: prepareTestSession)
}

/// Checks that every element is closed in order (void and self-closed elements excepted), skipping
/// the doctype, comments and the contents of <style>. Returns the first problem, or nil.
enum HTMLTagChecker {
  static let void: Set<String> = ["meta", "link", "br", "hr", "img", "input", "path", "rect", "line", "col"]

  static func problem(_ html: String) -> String? {
    var stack: [String] = []
    var rest = Substring(html)
    while let lt = rest.firstIndex(of: "<") {
      rest = rest[lt...]
      if rest.hasPrefix("<!--") {
        guard let end = rest.range(of: "-->") else { return "unterminated comment" }
        rest = rest[end.upperBound...]
        continue
      }
      guard let gt = rest.firstIndex(of: ">") else { return "unterminated tag" }
      let tag = rest[rest.index(after: rest.startIndex)..<gt]
      rest = rest[rest.index(after: gt)...]
      if tag.hasPrefix("!") { continue }
      if tag.hasPrefix("/") {
        let name = tag.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
        guard let open = stack.popLast() else { return "</\(name)> closes nothing" }
        guard open == name else { return "</\(name)> closes <\(open)>" }
        continue
      }
      let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
        return "bad tag <\(tag)>"
      }
      if tag.hasSuffix("/") || void.contains(name) { continue }
      if name == "style" {
        guard let end = rest.range(of: "</style>") else { return "unterminated <style>" }
        rest = rest[end.upperBound...]
        continue
      }
      stack.append(name)
    }
    return stack.isEmpty ? nil : "unclosed <\(stack.last!)>"
  }
}
