// Console: the interactive REPL on a terminal.
import Foundation
import KubeSim

public final class Console {
  public let session: Session
  let editor: LineEditor

  public init(session: Session, historyFile: String?) {
    self.session = session
    editor = LineEditor(program: "kubelab", historyFile: historyFile)
    editor.completer = { [unowned session] before in session.complete(before) }
  }

  /// The default history file: `$XDG_STATE_HOME/kubelab/history` (`~/.local/state/kubelab/history`).
  public static func defaultHistoryFile() -> String? {
    let env = ProcessInfo.processInfo.environment
    let base: String
    if let s = env["XDG_STATE_HOME"], !s.isEmpty {
      base = s
    } else if let home = env["HOME"], !home.isEmpty {
      base = home + "/.local/state"
    } else {
      return nil
    }
    let dir = base + "/kubelab"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir + "/history"
  }

  public func run(banner: String) {
    Interrupt.install()
    Swift.print(banner)
    while !session.wantsExit {
      editor.prompt = session.prompt
      switch editor.readLine() {
      case .endOfInput:
        Swift.print("")
        return
      case .interrupted:
        continue
      case .line(let raw):
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { continue }
        var command = line
        var input: String? = nil
        var historyLine = line
        if let h = Heredoc.split(line) {
          command = h.command
          var body: [String] = []
          editor.prompt = "> "
          var closed = false
          reading: while true {
            switch editor.readLine() {
            case .line(let l):
              if Heredoc.ends(l, delimiter: h.delimiter, stripTabs: h.stripTabs) {
                closed = true
                break reading
              }
              body.append(l)
            case .interrupted, .endOfInput:
              break reading
            }
          }
          guard closed else { continue }
          input = body.joined(separator: "\n") + "\n"
          historyLine = line
        }
        editor.remember(historyLine)
        if line.hasPrefix("#") { continue }
        Interrupt.clear()
        let sink = OutputSink(live: { text, isError in
          if isError {
            FileHandle.standardError.write(text.data(using: .utf8)!)
          } else {
            FileHandle.standardOutput.write(text.data(using: .utf8)!)
          }
        })
        session.execute(command, input: input, out: sink)
        Interrupt.clear()
      }
    }
  }
}
