// BatchRunner: scripts and pipes — commands line by line without line editing, each output
// printed; exit status 0 only when every command succeeded.
import Foundation
import KubeSim

public struct BatchRunner {
  public let session: Session
  public let echo: Bool
  /// Where to print (stdout and stderr text).
  public let print: (String, Bool) -> Void

  public init(session: Session, echo: Bool, print: @escaping (String, Bool) -> Void) {
    self.session = session
    self.echo = echo
    self.print = print
  }

  /// Runs every command of `script`. Returns true when all of them succeeded.
  public func run(_ script: String, source: String = "<stdin>") -> Bool {
    var lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    var ok = true
    var i = 0
    while i < lines.count {
      let raw = lines[i]
      i += 1
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      var command = line
      var input: String? = nil
      var bodyLines: [String] = []
      if let h = Heredoc.split(line) {
        command = h.command
        var closed = false
        while i < lines.count {
          let l = lines[i]
          i += 1
          if Heredoc.ends(l, delimiter: h.delimiter, stripTabs: h.stripTabs) {
            closed = true
            break
          }
          bodyLines.append(h.stripTabs ? String(l.drop { $0 == "\t" }) : l)
        }
        if !closed {
          print(
            "\(source): here-document starting at line \(i - bodyLines.count) is not closed by \(h.delimiter)\n", true)
          return false
        }
        input = bodyLines.joined(separator: "\n") + "\n"
      }
      if echo {
        var shown = session.prompt + line + "\n"
        if input != nil {
          shown += bodyLines.map { $0 + "\n" }.joined() + (Heredoc.split(line)?.delimiter ?? "") + "\n"
        }
        print(shown, false)
      }
      let sink = OutputSink(live: { text, isError in
        // Progress lines are for terminals only.
        if text.hasPrefix("\r") { return }
        print(text, isError)
      })
      if !session.execute(command, input: input, out: sink) { ok = false }
      if session.wantsExit { break }
    }
    return ok
  }
}
