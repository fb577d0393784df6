// kubelab: the executable. Starts the console, runs scripts, and hosts the workbook's commands.
import ArgumentParser
import Bench
import Foundation
import KubeSim
import REPL
import Workbook

struct KubeLab: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kubelab",
    abstract: "A whole Kubernetes cluster in one process, stepped one tick at a time.",
    version: KubeLabVersion.string,
    subcommands: [
      Start.self, LessonStart.self, Lessons.self, Export.self, Sessions.self, Replay.self, BenchCommand.self,
    ],
    defaultSubcommand: Start.self)
}

/// Options that shape the simulated cluster.
struct ClusterFlags: ParsableArguments {
  @Option(help: "Seed of the cluster's random choices (same seed and commands → same session).")
  var seed: UInt64?
  @Option(help: "Number of nodes in all, the control plane included (default 3).")
  var nodes: Int?
  @Option(help: "Number of worker nodes (default 2).")
  var workers: Int?
  @Option(help: "CPU of each worker node (default 4).")
  var nodeCpu: String?
  @Option(help: "Memory of each worker node (default 8Gi).")
  var nodeMemory: String?
  @Option(help: "Pods per node (default 110).")
  var maxPods: Int?
  @Option(help: "A YAML file describing the cluster (seed, nodes, labels, taints).")
  var cluster: String?
  @Option(help: "How many messages to keep in full (default 200000); older ones are only counted.")
  var messageWindow: Int?

  func options() throws -> ClusterOptions {
    var o = ClusterOptions()
    if let cluster {
      guard let text = try? String(contentsOfFile: cluster, encoding: .utf8) else {
        throw ValidationError("cannot read the cluster file \(cluster)")
      }
      o = try ClusterOptions.parse(text, file: cluster)
    }
    if nodes != nil || workers != nil {
      var w = workers ?? 2
      if let nodes {
        guard nodes >= 1 else { throw ValidationError("--nodes must be at least 1 (the control plane)") }
        w = nodes - 1
      }
      guard (0...5000).contains(w) else { throw ValidationError("--workers must be between 0 and 5000") }
      o.nodes = ClusterOptions.defaultNodes(workers: w)
    }
    for i in o.nodes.indices where o.nodes[i].role == .worker {
      if let nodeCpu {
        guard let q = try? Quantity.parse(nodeCpu) else {
          throw ValidationError("--node-cpu: invalid quantity \(nodeCpu)")
        }
        o.nodes[i].cpu = q
      }
      if let nodeMemory {
        guard let q = try? Quantity.parse(nodeMemory) else {
          throw ValidationError("--node-memory: invalid quantity \(nodeMemory)")
        }
        o.nodes[i].memory = q
      }
    }
    if let maxPods {
      guard maxPods > 0 else { throw ValidationError("--max-pods must be positive") }
      for i in o.nodes.indices { o.nodes[i].pods = maxPods }
    }
    if let messageWindow {
      guard messageWindow > 0 else { throw ValidationError("--message-window must be positive") }
      o.messageWindow = messageWindow
    }
    if let seed { o.seed = seed }
    return o
  }
}

struct Start: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "start",
    abstract: "Open the console over a fresh cluster, or run a script of console commands.",
    discussion: """
      With no FILE and a terminal on standard input, kubelab opens the line-editing console.
      Given FILE, or when standard input is not a terminal, it runs the commands line by line and
      exits 0 when every command succeeded, 1 otherwise.
      """)

  @Argument(help: "A script of console commands to run instead of the interactive console.")
  var file: String?
  @OptionGroup var clusterFlags: ClusterFlags
  @Flag(help: "Print each command after a prompt before its output (scripts read like sessions).")
  var echo = false
  @Option(help: "Language of lessons and messages: en or zh (default: from the locale).")
  var lang: String?
  @Flag(help: "Never use colour.")
  var noColor = false
  @Option(name: .customLong("lessons"), help: "A folder of lessons to offer besides the shipped ones (repeatable).")
  var lessonDirectories: [String] = []
  @Flag(help: "Do not save this session under ~/.local/state/kubelab/sessions/.")
  var noRecord = false

  func run() throws {
    let options = try clusterFlags.options()
    let language = lang ?? Locale.preferredLanguage
    let interactive = file == nil && Terminal.stdinIsTerminal
    var sessionOptions = SessionOptions(
      cluster: options, language: language, color: interactive && !noColor && Terminal.colorAllowed,
      workingDirectory: FileManager.default.currentDirectoryPath)
    sessionOptions.lessons = .standard(directories: lessonDirectories)
    let session = Session(options: sessionOptions)
    let recording = noRecord ? nil : Recording.start(session, source: interactive ? "console" : "script", script: file)
    if interactive {
      let nodes = options.nodes.map(\.name).joined(separator: ", ")
      var banner = """
        KubeLab \(KubeLabVersion.string) — Kubernetes \(KubeLabVersion.kubernetes), simulated: \(options.nodes.count) nodes (\(nodes)), seed \(options.seed).
        Type `help` for commands, `step` to run one phase of the control loop.
        """
      if let recording {
        banner +=
          "\nRecording as \(recording.header.id) (`export transcript FILE` saves a handout; --no-record turns this off)."
      }
      Console(session: session, historyFile: Console.defaultHistoryFile()).run(banner: banner)
      return
    }
    try runScript(file, in: session, echo: echo)
  }
}

// MARK: - The workbook

/// `kubelab lesson ID`: the console, started inside a lesson (`kubelab lesson`: the list).
struct LessonStart: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson",
    abstract: "Open the console inside a lesson (resuming where you left off).",
    discussion: """
      The lesson sets up its own cluster. Given FILE, or when standard input is not a terminal, the
      commands are run as a script inside the lesson (exit status 1 when one fails). Lessons come
      from --lessons DIR, then $KUBELAB_LESSONS (folders separated by ':'), then the lessons shipped
      with kubelab. Progress is kept in $XDG_DATA_HOME/kubelab/progress.json
      (~/.local/share/kubelab/progress.json).
      """)

  @Argument(help: "The lesson's id; without it, the lessons of your language with your progress.")
  var id: String?
  @Argument(help: "A script of console commands to run inside the lesson.")
  var file: String?
  @Option(help: "Language of lessons and messages: en or zh (default: from the locale).")
  var lang: String?
  @Option(name: .customLong("lessons"), help: "A folder of lessons to offer besides the shipped ones (repeatable).")
  var lessonDirectories: [String] = []
  @Flag(help: "Print each command after a prompt before its output.")
  var echo = false
  @Flag(help: "Never use colour.")
  var noColor = false
  @Flag(help: "Do not save this session under ~/.local/state/kubelab/sessions/.")
  var noRecord = false

  func run() throws {
    let interactive = file == nil && Terminal.stdinIsTerminal
    var options = SessionOptions(
      language: lang ?? Locale.preferredLanguage, color: interactive && !noColor && Terminal.colorAllowed,
      workingDirectory: FileManager.default.currentDirectoryPath)
    options.cluster.bootstrap = false
    options.lessons = .standard(directories: lessonDirectories)
    let session = Session(options: options)
    if !noRecord { _ = Recording.start(session, source: "lesson", script: file) }
    guard let id else {
      // `kubelab lesson`: what `lesson list` shows in the console.
      let list = OutputSink()
      let ok = session.execute("lesson list", out: list)
      (ok ? FileHandle.standardOutput : FileHandle.standardError).write(list.text.data(using: .utf8)!)
      if !ok { throw ExitCode(1) }
      return
    }
    let started = OutputSink()
    guard session.execute("lesson start \(id)", out: started) else {
      FileHandle.standardError.write(started.text.data(using: .utf8)!)
      throw ExitCode(1)
    }
    if interactive {
      Console(session: session, historyFile: Console.defaultHistoryFile()).run(
        banner: "KubeLab \(KubeLabVersion.string) — Kubernetes \(KubeLabVersion.kubernetes), simulated.\n\n"
          + started.text.trimmingCharacters(in: .newlines))
      return
    }
    FileHandle.standardOutput.write(started.text.data(using: .utf8)!)
    try runScript(file, in: session, echo: echo)
  }
}

/// `kubelab lessons …`: tools for teachers.
struct Lessons: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons",
    abstract: "Tools for writing lessons.",
    subcommands: [Lint.self, CheckSolutions.self])

  /// `kubelab lessons lint [PATH…]`
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check lesson files and report every problem as FILE:LINE: MESSAGE.",
      discussion: "Exit status 1 when there is a problem. Without PATH, checks the shipped lessons.")

    @Argument(help: "Lesson files or folders (default: the shipped lessons).")
    var paths: [String] = []

    func run() throws {
      var paths = self.paths
      if paths.isEmpty {
        guard let shipped = LessonLocations.shipped() else {
          FileHandle.standardError.write("error: cannot find the shipped lessons; name a PATH\n".data(using: .utf8)!)
          throw ExitCode(2)
        }
        paths = [shipped]
      }
      let catalog = LessonCatalog.load(sources: [paths], knownCommands: Set(CommandRegistry.standard().names))
      let problems = catalog.problems
      for p in problems { print(p) }
      let files = catalog.entries.count
      FileHandle.standardError.write(
        "\(files) lesson file\(files == 1 ? "" : "s"), \(problems.isEmpty ? "no" : String(problems.count)) problem\(problems.count == 1 ? "" : "s")\n"
          .data(using: .utf8)!)
      if !problems.isEmpty { throw ExitCode(1) }
    }
  }

  /// `kubelab lessons check-solutions [ID…]`: runs reference solutions (for tests and teachers).
  struct CheckSolutions: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check-solutions",
      abstract: "Run every lesson's reference solution and report each check.",
      shouldDisplay: false)

    @Argument(help: "Lesson ids (default: every lesson).")
    var ids: [String] = []
    @Option(help: "Only lessons in this language (en or zh).")
    var lang: String?
    @Option(name: .customLong("lessons"), help: "A folder of lessons (repeatable; replaces the standard places).")
    var lessonDirectories: [String] = []

    func run() throws {
      let sources = lessonDirectories.isEmpty ? LessonSettings.standard().sources : [lessonDirectories]
      let catalog = LessonCatalog.load(sources: sources, knownCommands: Set(CommandRegistry.standard().names))
      var ok = true
      let languages = lang.map { [$0] } ?? LessonParser.languages
      for language in languages {
        for e in catalog.malformed(language: language) where ids.isEmpty || ids.contains(e.lesson?.id ?? "") {
          for p in e.problems { print("✗ \(p)") }
          ok = false
        }
        for lesson in catalog.lessons(language: language) where ids.isEmpty || ids.contains(lesson.id) {
          var options = SessionOptions(language: language)
          options.cluster.bootstrap = false
          options.lessons = LessonSettings(sources: sources, progressFile: nil)
          let session = Session(options: options)
          let report = LessonRunner.runSolution(lesson, in: session.lessonEngine())
          print(report.text)
          if !report.passed { ok = false }
        }
      }
      if !ok { throw ExitCode(1) }
    }
  }
}

extension Locale {
  /// `zh` when the environment asks for Chinese, else `en`.
  static var preferredLanguage: String {
    let env = ProcessInfo.processInfo.environment
    for key in ["KUBELAB_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
      if let v = env[key], !v.isEmpty { return v.lowercased().hasPrefix("zh") ? "zh" : "en" }
    }
    return "en"
  }
}

/// Saving sessions as they go (`--no-record` turns it off).
enum Recording {
  static func start(_ session: Session, source: String, script: String?) -> TranscriptRecorder? {
    guard let dir = SessionStore.directory() else {
      printError("kubelab: not recording this session: set HOME or XDG_STATE_HOME")
      return nil
    }
    let id = SessionStore.newID(seed: session.options.cluster.seed)
    let header = TranscriptSession.header(
      for: session.options, id: id, source: source, script: script, recordedAt: SessionStore.timestamp())
    do {
      let recorder = try TranscriptRecorder(header: header, path: "\(dir)/\(id).jsonl")
      session.startRecording(recorder)
      var warned = false
      session.afterCommand.append { _, _ in
        if let failure = recorder.failure, !warned {
          warned = true
          printError("kubelab: stopped recording this session: \(failure)")
        }
      }
      return recorder
    } catch {
      printError("kubelab: not recording this session: \(error)")
      return nil
    }
  }
}

func printError(_ s: String) {
  FileHandle.standardError.write((s + "\n").data(using: .utf8)!)
}

/// Reads a transcript named by path, session id or `last`, or exits 2 with a one-line error.
func loadTranscript(_ name: String) throws -> TranscriptFile {
  do {
    let path = try SessionStore.resolve(name, directory: SessionStore.directory())
    let file = try TranscriptFile.load(path)
    if let warning = file.warning { printError("warning: \(path): \(warning)") }
    return file
  } catch {
    printError("error: \(error)")
    throw ExitCode(2)
  }
}

struct Export: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export a saved session or a transcript as JSON, Markdown, HTML or asciicast.",
    discussion: """
      SESSION is a session id (see `kubelab sessions`), `last` for the newest session, or the path of a
      session file (.jsonl) or JSON transcript. The format comes from --format, else from the
      extension of -o's FILE, else JSON (the canonical, replayable form).
      """)

  @Argument(help: "A session id, `last`, or the path of a .jsonl session or .json transcript.")
  var session: String
  @Option(help: "json, md, html or cast.")
  var format: String?
  @Option(name: .shortAndLong, help: "Write to FILE instead of standard output.")
  var output: String?

  func run() throws {
    var chosen = TranscriptFormat.json
    if let format {
      guard let f = TranscriptFormat(name: format) else {
        printError("error: unknown format \"\(format)\": use \(TranscriptFormat.names)")
        throw ExitCode(2)
      }
      chosen = f
    } else if let output {
      guard let f = TranscriptFormat(path: output) else {
        printError(
          "error: cannot tell the format from \"\(output)\": name it .md, .html, .json or .cast, or add --format")
        throw ExitCode(2)
      }
      chosen = f
    }
    let file = try loadTranscript(session)
    let text = chosen.render(file.transcript)
    guard let output else {
      FileHandle.standardOutput.write(text.data(using: .utf8)!)
      return
    }
    do {
      try text.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
      printError("error: cannot write \(output): \(error.localizedDescription)")
      throw ExitCode(2)
    }
  }
}

struct Sessions: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sessions",
    abstract: "List the sessions saved under $XDG_STATE_HOME/kubelab/sessions (~/.local/state/kubelab/sessions).")

  func run() throws {
    guard let dir = SessionStore.directory() else {
      printError("error: no session directory: set HOME or XDG_STATE_HOME")
      throw ExitCode(2)
    }
    let all = SessionStore.list(dir)
    guard !all.isEmpty else {
      print("No saved sessions in \(dir).")
      return
    }
    var rows = [["ID", "RECORDED", "SEED", "NODES", "COMMANDS", "LESSON"]]
    for s in all {
      if let problem = s.problem {
        rows.append([s.id, "-", "-", "-", "-", "(unreadable: \(problem))"])
        continue
      }
      rows.append([
        s.id, s.recordedAt.isEmpty ? "-" : s.recordedAt, s.seed, String(s.nodes),
        String(s.commands) + (s.incomplete ? " (cut off)" : ""),
        s.lessons.isEmpty ? "-" : s.lessons.joined(separator: ","),
      ])
    }
    let widths = (0..<rows[0].count).map { c in rows.map { $0[c].count }.max()! }
    for r in rows {
      var line = ""
      for (c, cell) in r.enumerated() {
        line += c == r.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count + 3)
      }
      print(line)
    }
  }
}

struct Replay: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replay",
    abstract: "Step through a transcript, or verify it against a fresh run.",
    discussion: """
      Prints each command after its prompt, then its recorded output. On a terminal it waits for
      Enter between commands (q quits); otherwise it prints them all.

      With --verify, re-runs the commands on a fresh cluster with the transcript's seed and options
      and exits 0 only when every output and every message matches; otherwise it prints the first
      difference and exits 1. Unreadable files exit 2. FILE may be a JSON transcript, a session
      file (.jsonl), a session id or `last`. A session recorded inside a lesson is re-run inside the
      same lesson, resuming from the progress the session found; give --lessons DIR when the lesson
      came from such a folder.
      """)

  @Argument(help: "A JSON transcript or a session file (.jsonl), a session id, or `last`.")
  var file: String
  @Flag(help: "Re-run the commands and check every output and message.")
  var verify = false
  @Option(name: .customLong("lessons"), help: "A folder of lessons the session used (repeatable).")
  var lessonDirectories: [String] = []

  func run() throws {
    let loaded = try loadTranscript(file)
    let t = loaded.transcript
    let setup = "seed \(t.header.seed), \(t.header.cluster.nodes.count) nodes"
    if verify {
      if t.header.kubelab != KubeLabVersion.string {
        printError(
          "note: recorded with kubelab \(t.header.kubelab); this is kubelab \(KubeLabVersion.string), so outputs may differ"
        )
      }
      let v = TranscriptSession.verify(t) { session in
        session.options.lessons?.sources = LessonSettings.standard(directories: lessonDirectories).sources
      }
      if let d = v.difference {
        print("\(file): does not match a fresh run (\(setup)):")
        print(d)
        throw ExitCode(1)
      }
      print(
        "\(file): verified: all \(v.commands) commands and \(v.messages) messages match a fresh run (\(setup)).")
      return
    }
    let paused = Terminal.stdinIsTerminal && Terminal.stdoutIsTerminal
    let intro = "\(t.title): \(t.commands.count) commands, \(setup), kubelab \(t.header.kubelab).\n"
    FileHandle.standardOutput.write(intro.data(using: .utf8)!)
    for (i, c) in t.commands.enumerated() {
      var shown = c.prompt + c.typedLine + "\n"
      for l in c.heredocLines { shown += l + "\n" }
      shown += c.output
      FileHandle.standardOutput.write(shown.data(using: .utf8)!)
      guard paused, i < t.commands.count - 1 else { continue }
      FileHandle.standardOutput.write("-- Enter: next command, q: quit --".data(using: .utf8)!)
      guard let answer = readLine(), answer.trimmingCharacters(in: .whitespaces).lowercased() != "q" else { return }
    }
  }
}

KubeLab.main()

/// Batch mode: runs FILE (or standard input) as a script of console commands, output to stdout and
/// errors to stderr; exit status 2 when FILE cannot be read, 1 when a command failed.
func runScript(_ file: String?, in session: Session, echo: Bool) throws {
  let script: String
  if let file {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      FileHandle.standardError.write("error: cannot read \(file)\n".data(using: .utf8)!)
      throw ExitCode(2)
    }
    script = text
  } else {
    script = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
  }
  let runner = BatchRunner(session: session, echo: echo) { text, isError in
    (isError ? FileHandle.standardError : FileHandle.standardOutput).write(text.data(using: .utf8)!)
  }
  if !runner.run(script, source: file ?? "<stdin>") { throw ExitCode(1) }
}
