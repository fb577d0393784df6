// kubelab: the executable. Starts the console, runs scripts, and hosts the workbook's commands.
import ArgumentParser
import Foundation
import KubeSim
import REPL
import Workbook

struct KubeLab: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kubelab",
    abstract: "A whole Kubernetes cluster in one process, stepped one tick at a time.",
    version: KubeLabVersion.string,
    subcommands: [Start.self, LessonStart.self, Lessons.self],
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

  func run() throws {
    let options = try clusterFlags.options()
    let language = lang ?? Locale.preferredLanguage
    let interactive = file == nil && Terminal.stdinIsTerminal
    var sessionOptions = SessionOptions(
      cluster: options, language: language, color: interactive && !noColor && Terminal.colorAllowed,
      workingDirectory: FileManager.default.currentDirectoryPath)
    sessionOptions.lessons = .standard(directories: lessonDirectories)
    let session = Session(options: sessionOptions)
    if interactive {
      let nodes = options.nodes.map(\.name).joined(separator: ", ")
      let banner = """
        KubeLab \(KubeLabVersion.string) — Kubernetes \(KubeLabVersion.kubernetes), simulated: \(options.nodes.count) nodes (\(nodes)), seed \(options.seed).
        Type `help` for commands, `step` to run one phase of the control loop.
        """
      Console(session: session, historyFile: Console.defaultHistoryFile()).run(banner: banner)
      return
    }
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
    let ok = runner.run(script, source: file ?? "<stdin>")
    if !ok { throw ExitCode(1) }
  }
}

// MARK: - The workbook

/// `kubelab lesson ID`: the console, started inside a lesson.
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

  @Argument(help: "The lesson's id (see `lesson list` in the console).")
  var id: String
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

  func run() throws {
    let interactive = file == nil && Terminal.stdinIsTerminal
    var options = SessionOptions(
      language: lang ?? Locale.preferredLanguage, color: interactive && !noColor && Terminal.colorAllowed,
      workingDirectory: FileManager.default.currentDirectoryPath)
    options.cluster.bootstrap = false
    options.lessons = .standard(directories: lessonDirectories)
    let session = Session(options: options)
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

KubeLab.main()
