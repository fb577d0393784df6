// TranscriptDifference: the first place where a re-run differs from a recorded transcript — which
// command, and the first differing output line or message — for `replay --verify` and golden checks.
import KubeSim

public struct TranscriptDifference: Sendable, CustomStringConvertible, Equatable {
  /// The command's number (from 1) and its line as typed.
  public let command: Int
  public let line: String
  /// What differs: `output differs at line 2`, `message 5 of 12 differs` …
  public let what: String
  public let expected: String
  public let actual: String

  /// `command 3 (kubectl get pods): output differs at line 2` and the two versions under it.
  public var description: String {
    "command \(command) (\(line)): \(what)\n  expected: \(expected)\n  actual:   \(actual)"
  }

  /// Finds the first difference between a recorded command and its re-run, or nil when they match.
  public static func between(expected e: TranscriptCommand, actual a: TranscriptCommand) -> TranscriptDifference? {
    func diff(_ what: String, _ x: String, _ y: String) -> TranscriptDifference {
      TranscriptDifference(command: e.number, line: e.typedLine, what: what, expected: x, actual: y)
    }
    if e.line != a.line || e.input != a.input {
      return diff("the command itself differs", e.typedLine, a.typedLine)
    }
    if e.prompt != a.prompt { return diff("it started at a different point", e.prompt, a.prompt) }
    if e.output != a.output {
      let x = e.output.split(separator: "\n", omittingEmptySubsequences: false)
      let y = a.output.split(separator: "\n", omittingEmptySubsequences: false)
      var i = 0
      while i < x.count, i < y.count, x[i] == y[i] { i += 1 }
      func at(_ ls: [Substring]) -> String {
        guard i < ls.count else { return "(end of output)" }
        // An output that differs only by a final newline.
        if i == ls.count - 1 && ls[i].isEmpty { return "(end of output)" }
        return quoted(String(ls[i]))
      }
      return diff("output differs at line \(i + 1)", at(x), at(y))
    }
    if e.success != a.success {
      return diff("exit status differs", e.success ? "succeeded" : "failed", a.success ? "succeeded" : "failed")
    }
    let n = min(e.messages.count, a.messages.count)
    for i in 0..<n where e.messages[i] != a.messages[i] {
      let (x, y) = (e.messages[i], a.messages[i])
      let what = "message \(i + 1) of \(e.messageCount) differs"
      if x.line != y.line || x.seq != y.seq || x.kind != y.kind {
        return diff(what, "#\(x.seq) \(x.line) (\(x.kind))", "#\(y.seq) \(y.line) (\(y.kind))")
      }
      let (path, bx, by) = firstDifference(x.body ?? .null, y.body ?? .null, path: "body")
      return diff("\(what) in \(path)", "#\(x.seq) \(x.line): \(bx)", "#\(y.seq) \(y.line): \(by)")
    }
    // A recorder's limit may have kept fewer messages in full: only the kept ones can be compared.
    let truncated = e.messages.count < e.messageCount || a.messages.count < a.messageCount
    if e.messageCount != a.messageCount || (e.messages.count != a.messages.count && !truncated) {
      let x = e.messages.count > n ? "#\(e.messages[n].seq) \(e.messages[n].line)" : "(no more messages)"
      let y = a.messages.count > n ? "#\(a.messages[n].seq) \(a.messages[n].line)" : "(no more messages)"
      return diff("it caused \(e.messageCount) messages on record but \(a.messageCount) now", x, y)
    }
    if e.tickAfter != a.tickAfter || e.phaseAfter != a.phaseAfter {
      return diff(
        "it ended at a different point", TranscriptCommand.prompt(tick: e.tickAfter, phase: e.phaseAfter),
        TranscriptCommand.prompt(tick: a.tickAfter, phase: a.phaseAfter))
    }
    if e.lesson != a.lesson {
      func text(_ l: LessonAnnotation?) -> String { l.map { clip($0.summary, 200) } ?? "(no lesson)" }
      return diff("the lesson stands differently after it", text(e.lesson), text(a.lesson))
    }
    return nil
  }

  /// The first difference between two whole transcripts' commands (headers are not compared).
  public static func between(expected: Transcript, actual: Transcript) -> TranscriptDifference? {
    for (e, a) in zip(expected.commands, actual.commands) {
      if let d = between(expected: e, actual: a) { return d }
    }
    if expected.commands.count != actual.commands.count {
      let n = min(expected.commands.count, actual.commands.count)
      let more = expected.commands.count > n ? expected.commands[n] : actual.commands[n]
      return TranscriptDifference(
        command: n + 1, line: more.typedLine, what: "the transcripts have a different number of commands",
        expected: "\(expected.commands.count) commands", actual: "\(actual.commands.count) commands")
    }
    return nil
  }

  /// The path (`body.metadata.uid`) and compact values of the first place two JSON trees differ.
  static func firstDifference(_ a: JSON, _ b: JSON, path: String) -> (String, String, String) {
    switch (a, b) {
    case (.object(let x), .object(let y)):
      for key in Array(x.keys) + y.keys.filter({ x[$0] == nil }) where x[key] != y[key] {
        return firstDifference(x[key] ?? .null, y[key] ?? .null, path: "\(path).\(key)")
      }
    case (.array(let x), .array(let y)):
      for i in 0..<min(x.count, y.count) where x[i] != y[i] {
        return firstDifference(x[i], y[i], path: "\(path)[\(i)]")
      }
      return (path, "\(x.count) items", "\(y.count) items")
    default: break
    }
    return (path, clip(a.compactText), clip(b.compactText))
  }

  static func clip(_ s: String, _ n: Int = 160) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }

  static func quoted(_ s: String) -> String { "\"" + clip(s, 200) + "\"" }
}
