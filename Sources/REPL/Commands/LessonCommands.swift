// LessonCommands: the workbook in the console — `lesson list|start|reset|stop`, `next`, `back`,
// `hint`, `check`, `answer`, `solution` — and the Session's side of the lesson engine.
import KubeSim
import Workbook

extension Session {
  /// The lesson engine, created on first use with the session's lesson settings. It checks the
  /// current step after every command the learner types (an `afterCommand` hook).
  public func lessonEngine() -> LessonEngine {
    if let workbook { return workbook }
    let settings = options.lessons ?? LessonSettings.standard()
    let store = ProgressStore(path: settings.progressFile)
    if settings.progressFile == nil, let initial = settings.initialProgress { store.restore(initial) }
    let engine = LessonEngine(
      console: SessionLessonConsole(session: self), sources: settings.sources, store: store,
      language: options.language, knownCommands: Set(registry.names))
    workbook = engine
    // A transcript keeps the progress this session found, so that a replay resumes lessons alike.
    recorder?.noteProgress(store.file.json)
    afterCommand.append { [weak self, weak engine] record, out in
      guard let self, let engine else { return }
      // The workbook's own commands, help and exit are not part of the lesson's journal.
      if let name = (try? ShellWords.split(record.line))?.first,
        let command = registry.command(named: name),
        command.group == .workbook || command.group == .session
      {
        return
      }
      // `step`, `tick` and `run` say so when Ctrl-C stopped them.
      let interrupted = record.output.hasPrefix("interrupted at ") || record.output.contains("\ninterrupted at ")
      if let announcement = engine.learnerRan(
        ConsoleCommand(line: record.line, input: record.input), success: record.success, interrupted: interrupted,
        output: record.output)
      {
        out.line("")
        out.line(announcement)
      }
    }
    return engine
  }
}

extension Session {
  /// Replaying a transcript: the workbook continues from `progress` (kept in memory), as the
  /// recorded session found it.
  public func restoreProgress(_ progress: ProgressFile) {
    if let workbook {
      workbook.store.restore(progress)
      return
    }
    var settings = options.lessons ?? LessonSettings.standard()
    settings.progressFile = nil
    settings.initialProgress = progress
    options.lessons = settings
  }
}

extension LessonRunner {
  /// Runs `lesson`'s solution as `kubelab lesson ID < script` does: a new session (progress in
  /// memory) starts the lesson, then a batch runner types `solutionScript(lesson)`. Returns what
  /// was printed, and whether every command succeeded and every step passed.
  public static func runInBatchMode(_ lesson: Lesson, sources: [[String]]) -> (output: String, passed: Bool) {
    let r = runInBatchMode(lesson, script: solutionScript(lesson), sources: sources)
    return (r.output, r.success && r.passedSteps.count == lesson.steps.count)
  }

  /// Types `script` in `lesson` as `kubelab lesson ID < script` does. Returns what was printed,
  /// whether every command succeeded, and the steps (0-based) the lesson counts as passed.
  public static func runInBatchMode(_ lesson: Lesson, script: String, sources: [[String]]) -> (
    output: String, success: Bool, passedSteps: [Int]
  ) {
    var options = SessionOptions(language: lesson.language)
    options.cluster.bootstrap = false
    options.lessons = LessonSettings(sources: sources, progressFile: nil)
    let session = Session(options: options)
    var output = ""
    let start = OutputSink()
    guard session.execute("lesson start \(lesson.id)", out: start) else { return (start.text, false, []) }
    output += start.text
    let runner = BatchRunner(session: session, echo: true) { text, _ in output += text }
    let ok = runner.run(script, source: lesson.file)
    let engine = session.lessonEngine()
    guard engine.lesson?.key == lesson.key else { return (output, false, []) }
    return (output, ok, engine.progress.passed.sorted())
  }
}

/// The session as the lesson engine sees it.
final class SessionLessonConsole: LessonConsole {
  unowned let session: Session

  init(session: Session) { self.session = session }

  var cluster: Cluster { session.cluster }

  func rebuild(with options: ClusterOptions) { session.rebuild(with: options) }

  func run(_ command: ConsoleCommand) -> ConsoleResult {
    let sink = OutputSink()
    let ok = session.execute(command.line, input: command.input, out: sink)
    return ConsoleResult(output: sink.text, success: ok)
  }

  func runQuietly(_ command: ConsoleCommand) -> ConsoleResult {
    let sink = OutputSink()
    let ok = session.executeQuietly(command.line, input: command.input, muted: false, out: sink)
    return ConsoleResult(output: sink.text, success: ok)
  }

  func read(_ command: ConsoleCommand) -> ConsoleResult {
    let sink = OutputSink()
    let ok = session.executeQuietly(command.line, input: command.input, muted: true, out: sink)
    return ConsoleResult(output: sink.text, success: ok)
  }

  var recorder: TranscriptRecorder? { session.recorder }
}

/// Prints a reply: to stdout, or to stderr when it reports a failure.
private func show(_ reply: LessonReply, _ out: OutputSink) -> Bool {
  if reply.ok { out.line(reply.text) } else { out.error(reply.text) }
  return reply.ok
}

struct LessonCommand: REPLCommand {
  let name = "lesson"
  let group = CommandGroup.workbook
  let summary = "Lessons: list them, start or resume one, show the current step, start over"
  let usage = """
    Usage:
      lesson                 show the current step again
      lesson list            every lesson in your language, with your progress
      lesson start ID        start a lesson (or resume it where you left off, same cluster)
      lesson reset           start the current lesson over on a fresh cluster
      lesson stop            leave the lesson (progress is kept)

    In a lesson, every command you type is checked: when a step's checks all pass, kubelab says so.
    `next`, `back`, `hint`, `solution`, `check` and `answer` work on the current step.

    Examples:
      lesson list
      lesson start first-tick
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    let engine = session.lessonEngine()
    switch args.first {
    case nil: return show(engine.show(), out)
    case "list", "ls":
      guard args.count == 1 else { return usageError(out) }
      return show(engine.list(), out)
    case "start":
      guard args.count == 2 else {
        out.error("error: lesson start needs a lesson id (see `lesson list`)")
        return false
      }
      return show(engine.start(args[1]), out)
    case "reset", "restart":
      guard args.count == 1 else { return usageError(out) }
      return show(engine.reset(), out)
    case "stop", "leave":
      guard args.count == 1 else { return usageError(out) }
      return show(engine.stop(), out)
    case let other?:
      var m = "error: unknown lesson command \"\(other)\""
      if let near = Suggest.nearest(to: other, in: ["list", "start", "reset", "stop"]) {
        m += " (did you mean \(near)?)"
      }
      out.error(m + "\nUse `lesson list`, `lesson start ID`, `lesson reset` or `lesson stop`.")
      return false
    }
  }

  private func usageError(_ out: OutputSink) -> Bool {
    out.error("error: see `help lesson`")
    return false
  }

  func complete(_ args: [String], session: Session) -> [String] {
    let word = args.last ?? ""
    if args.count <= 1 { return ["list", "start", "reset", "stop"].filter { $0.hasPrefix(word) } }
    if args.count == 2, args[0] == "start" {
      let engine = session.lessonEngine()
      engine.reload()
      return engine.catalog.lessons(language: engine.language).map(\.id).filter { $0.hasPrefix(word) }
    }
    return []
  }
}

/// A workbook command without arguments that calls one engine method.
private struct LessonStepCommand: REPLCommand {
  let name: String
  let group = CommandGroup.workbook
  let summary: String
  let usage: String
  let action: (LessonEngine) -> LessonReply

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    if let extra = args.first {
      out.error("error: \(name) takes no arguments, got \"\(extra)\"")
      return false
    }
    return show(action(session.lessonEngine()), out)
  }
}

struct AnswerCommand: REPLCommand {
  let name = "answer"
  let group = CommandGroup.workbook
  let summary = "Answer the current step's question"
  let usage = """
    Usage: answer TEXT

    Answers the step's first question not answered yet. Case and surrounding spaces do not
    matter; for a question with choices, the choice's number works too. A prediction counts only
    when answered before the cluster moves (before any step, tick or run in this step).

    Examples:
      answer node-2
      answer 3
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    show(session.lessonEngine().answer(args.joined(separator: " ")), out)
  }
}

extension CommandRegistry {
  /// The workbook's commands.
  static var lessonCommands: [any REPLCommand] {
    [
      LessonCommand(),
      LessonStepCommand(
        name: "next", summary: "Go to the lesson's next step",
        usage: "Usage: next\n\nMoves to the next step (even when this one is not passed yet; `back` returns).",
        action: { $0.next() }),
      LessonStepCommand(
        name: "back", summary: "Go back to the lesson's previous step",
        usage: "Usage: back\n\nReturns to the previous step; \"since the step began\" counts from now.",
        action: { $0.back() }),
      LessonStepCommand(
        name: "hint", summary: "Show the next hint for the current step",
        usage: "Usage: hint\n\nShows one more hint each time; after the last one, `solution` shows the solution.",
        action: { $0.hint() }),
      LessonStepCommand(
        name: "check", summary: "Run the current step's checks now and show each result",
        usage: "Usage: check\n\nRuns every check of the step and shows which pass (✓) and which do not (✗).",
        action: { $0.check() }),
      AnswerCommand(),
      LessonStepCommand(
        name: "solution", summary: "Show the current step's solution (after every hint)",
        usage: "Usage: solution\n\nShows the commands that pass the step, once every hint has been shown.",
        action: { $0.solution() }),
    ]
  }
}
