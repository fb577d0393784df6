// Asciicast: a transcript as an asciinema v2 recording (`.cast`) — prompt, typed command and output
// with made-up but deterministic timing, and a marker at each lesson step.
import KubeSim

public enum Asciicast {
  /// The `.cast` text: a header line, then one `[time, "o"|"m", text]` event per line.
  public static func render(_ t: Transcript) -> String {
    var events: [JSON] = []
    var ms = 0
    func emit(_ code: String, _ text: String) {
      events.append([.double(Double(ms) / 1000), .string(code), .string(text)])
    }
    let nodes = t.header.cluster.nodes.map(\.name).joined(separator: ", ")
    emit(
      "o",
      crlf(
        "KubeLab \(t.header.kubelab) — Kubernetes \(t.header.kubernetes), simulated: \(t.header.cluster.nodes.count) nodes (\(nodes)), seed \(t.header.seed).\n"
      ))
    var step: (String, Int)? = nil
    var width = 80
    for c in t.commands {
      ms += c.number == 1 ? 600 : 900
      if let l = c.lesson, step.map({ $0 != (l.lesson, l.step) }) ?? true {
        emit("m", l.stepLabel(zh: t.header.language == "zh"))
        step = (l.lesson, l.step)
      }
      emit("o", c.prompt)
      // Typing: about 12 characters a second, a little slower after spaces, deterministic jitter.
      for (i, ch) in c.typedLine.enumerated() {
        ms += 45 + (ch == " " ? 40 : 0) + (i * 7) % 30
        emit("o", String(ch))
      }
      ms += 250
      emit("o", "\r\n")
      for l in c.heredocLines {
        emit("o", "> ")
        ms += 120
        emit("o", l + "\r\n")
      }
      // Work takes a moment: longer for commands that ran more ticks.
      ms += 120 + min(2_000, max(0, c.tickAfter - c.tickBefore) * 40)
      for line in lines(c.output) {
        emit("o", line)
        ms += 8
      }
      for l in (c.prompt + c.typedLine).split(separator: "\n") + c.output.split(separator: "\n") {
        width = max(width, l.count)
      }
    }
    ms += 900
    emit("o", TranscriptCommand.prompt(tick: t.commands.last?.tickAfter ?? 0, phase: t.commands.last?.phaseAfter))
    let start = t.header.recordedAt.flatMap(Time.parse) ?? t.header.cluster.start
    let header: JSON = [
      "version": 2, "width": .int(Int64(min(width, 200))), "height": 30, "timestamp": .int(start.seconds),
      "title": .string(t.title), "env": ["SHELL": "kubelab", "TERM": "xterm-256color"],
    ]
    return ([header] + events).map(\.compactText).joined(separator: "\n") + "\n"
  }

  /// The output's lines, each ending with CR LF as a terminal shows them.
  static func lines(_ s: String) -> [String] {
    guard !s.isEmpty else { return [] }
    var parts = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let endsWithNewline = parts.last == ""
    if endsWithNewline { parts.removeLast() }
    return parts.enumerated().map { i, p in p + (i < parts.count - 1 || endsWithNewline ? "\r\n" : "") }
  }

  static func crlf(_ s: String) -> String { lines(s).joined() }
}
