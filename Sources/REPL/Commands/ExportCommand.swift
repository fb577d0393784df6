// ExportCommand: `export transcript FILE [--format md|html|json|cast]` — the session so far as a
// handout, a web page, a replayable JSON file or an asciinema recording.
import Foundation
import KubeSim
import Workbook

struct ExportCommand: REPLCommand {
  let name = "export"
  let group = CommandGroup.session
  let summary = "Save this session as a transcript (Markdown, HTML, JSON or asciicast)"
  let usage = """
    Usage: export transcript FILE [--format md|html|json|cast]

    Writes every command of this session so far, with its output and the messages it caused.
    The format comes from FILE's extension unless --format says otherwise:
      .md    a handout: each command, its output and a table of its messages
      .html  one self-contained page with a sequence diagram per command
      .json  the canonical transcript: `kubelab replay --verify FILE.json` checks it
      .cast  an asciinema recording (asciicast v2)
    Sessions are also saved as they go under ~/.local/state/kubelab/sessions/ (see `kubelab sessions`).

    Examples:
      export transcript handout.md
      export transcript session.html
      export transcript lesson1 --format json
    """
  let flags = ["--format"]

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    var words: [String] = []
    var format: TranscriptFormat? = nil
    var i = 0
    while i < args.count {
      let a = args[i]
      if a == "--format" || a == "-f" || a.hasPrefix("--format=") {
        var value: String
        if let eq = a.firstIndex(of: "=") {
          value = String(a[a.index(after: eq)...])
        } else {
          i += 1
          guard i < args.count else {
            out.error("error: flag needs an argument: \(a)")
            return false
          }
          value = args[i]
        }
        guard let f = TranscriptFormat(name: value) else {
          out.error("error: unknown format \"\(value)\": use \(TranscriptFormat.names)")
          return false
        }
        format = f
      } else if a.hasPrefix("-") && a != "-" {
        var message = "error: unknown flag: \(a)"
        if let near = Suggest.nearest(to: a, in: flags) { message += " (did you mean \(near)?)" }
        out.error(message)
        return false
      } else {
        words.append(a)
      }
      i += 1
    }
    guard words.first == "transcript" else {
      out.error(
        words.isEmpty
          ? "error: export what? Use `export transcript FILE` (see `help export`)"
          : "error: cannot export \"\(words[0])\": only `export transcript FILE` is known")
      return false
    }
    guard words.count == 2 else {
      out.error(
        words.count < 2
          ? "error: export transcript needs a FILE, such as handout.md or session.html"
          : "error: unexpected argument \"\(words[2])\" (see `help export`)")
      return false
    }
    let file = words[1]
    guard let chosen = format ?? TranscriptFormat(path: file) else {
      out.error("error: cannot tell the format from \"\(file)\": name it .md, .html, .json or .cast, or add --format")
      return false
    }
    guard let recorder = session.recorder else {
      out.error("error: this session is not being recorded (kubelab was started with --no-record)")
      return false
    }
    let transcript: Transcript
    do {
      transcript = try recorder.transcript()
    } catch {
      out.error("error: \(error)")
      return false
    }
    let n = transcript.commands.count
    let done = "Wrote \(file): \(n) command\(n == 1 ? "" : "s") as \(describe(chosen))."
    // Re-running a transcript (`replay --verify`) must not touch the learner's files.
    if recorder.isReplay {
      out.line(done)
      return true
    }
    let path = file.hasPrefix("/") ? file : session.options.workingDirectory + "/" + file
    do {
      try chosen.render(transcript).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      out.error("error: cannot write \(file): \(error.localizedDescription)")
      return false
    }
    out.line(done)
    return true
  }

  func describe(_ f: TranscriptFormat) -> String {
    switch f {
    case .json: return "a JSON transcript"
    case .md: return "a Markdown handout"
    case .html: return "an HTML page"
    case .cast: return "an asciicast recording"
    }
  }

  func complete(_ args: [String], session: Session) -> [String] {
    let word = args.last ?? ""
    if args.count <= 1 { return ["transcript"].filter { $0.hasPrefix(word) } }
    if args.dropLast().last == "--format" {
      return TranscriptFormat.allCases.map(\.rawValue).filter { $0.hasPrefix(word) }
    }
    if word.hasPrefix("-") { return flags.filter { $0.hasPrefix(word) } }
    return []
  }
}
