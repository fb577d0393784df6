// LessonTestSupport: fixture paths, fake console commands that record messages, and sessions
// set up for lesson tests.
import Foundation
import KubeSim
import REPL
import Workbook

enum LessonFixtures {
  /// The package checkout.
  static var root: String {
    var u = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { u.deleteLastPathComponent() }
    return u.path
  }
  static var shipped: String { root + "/lessons" }
  static var engine: String { root + "/Tests/WorkbookTests/Fixtures/engine" }
  static var lint: String { root + "/Tests/WorkbookTests/Fixtures/lint" }

  /// A fresh temporary folder.
  static func temporaryDirectory() -> String {
    let dir = NSTemporaryDirectory() + "kubelab-lessons-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  /// A session over `sources` with the fake commands registered; progress in `progressFile`
  /// (nil: in memory).
  static func session(
    sources: [[String]] = [[engine]], progressFile: String? = nil, language: String = "en"
  ) -> Session {
    var o = SessionOptions(language: language)
    o.cluster.bootstrap = false
    o.lessons = LessonSettings(sources: sources, progressFile: progressFile)
    let s = Session(options: o)
    s.registry.register(FakeBindCommand())
    s.registry.register(FakeGetCommand())
    return s
  }
}

extension Session {
  /// Runs a line as the learner types it; returns everything printed.
  @discardableResult
  func type(_ line: String, input: String? = nil) -> String {
    let sink = OutputSink()
    execute(line, input: input, out: sink)
    return sink.text
  }

  /// Runs a line without it counting as the learner's (to compare states).
  func look(_ line: String) -> String {
    let sink = OutputSink()
    executeQuietly(line, out: sink)
    return sink.text
  }
}

/// `fake-bind POD NODE`: records the scheduler binding POD (with a random suffix drawn from the
/// cluster's RNG) to NODE, as a working scheduler would.
struct FakeBindCommand: REPLCommand {
  let name = "fake-bind"
  let group = CommandGroup.cluster
  let summary = "(test) record a binding"
  let usage = "Usage: fake-bind POD NODE"

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    guard args.count == 2 else {
      out.error("error: fake-bind POD NODE")
      return false
    }
    let c = session.cluster.context
    let pod = "\(args[0])-\(c.rng.kubernetesSuffix())"
    c.record(.scheduler, .apiserver, .request, "POST", "pods/\(pod)/binding", namespace: "default", detail: args[1])
    c.record(.apiserver, .scheduler, .response, "201 Created", "pods/\(pod)/binding", namespace: "default")
    out.line("pod/\(pod) bound to \(args[1])")
    return true
  }
}

/// `fake-get POD`: finds POD's latest binding in the message record and prints its node,
/// recording a GET as kubectl would.
struct FakeGetCommand: REPLCommand {
  let name = "fake-get"
  let group = CommandGroup.cluster
  let summary = "(test) where is a pod bound"
  let usage = "Usage: fake-get POD"

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    guard args.count == 1 else {
      out.error("error: fake-get POD")
      return false
    }
    let c = session.cluster.context
    c.record(.kubectl, .apiserver, .request, "GET", "pods/\(args[0])", namespace: "default")
    let binding = c.log.recent.last {
      $0.verb == "POST" && $0.object.hasPrefix("pods/\(args[0])-") && $0.object.hasSuffix("/binding")
    }
    guard let binding else {
      c.record(.apiserver, .kubectl, .response, "404 Not Found", "pods/\(args[0])", namespace: "default")
      out.error("Error from server (NotFound): pods \"\(args[0])\" not found")
      return false
    }
    c.record(.apiserver, .kubectl, .response, "200 OK", "pods/\(args[0])", namespace: "default")
    let pod = binding.object.dropFirst("pods/".count).dropLast("/binding".count)
    out.line("\(pod)  \(binding.detail)")
    return true
  }
}
