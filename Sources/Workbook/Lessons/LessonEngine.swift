// LessonEngine: runs a lesson in a console — starts and resumes it (rebuilding the same cluster),
// moves between steps, gives hints and solutions, takes answers, and checks each step after every
// command the learner types, announcing a passed step once.
import Foundation
import KubeSim

/// What a workbook command prints: its text, and whether it succeeded (failures go to stderr).
public struct LessonReply: Sendable {
  public var text: String
  public var ok: Bool

  public init(_ text: String, ok: Bool = true) {
    self.text = text
    self.ok = ok
  }
}

/// The outcome of one check.
public struct CheckResult: Sendable {
  public var passed: Bool
  /// The check's description (or one made from the check).
  public var description: String
  /// Why it failed (the output seen, a wrong answer …).
  public var detail: String?
  public var line: Int
}

/// The checks of one step after its solution ran.
public struct StepResult: Sendable {
  public var index: Int
  public var title: String
  public var checks: [CheckResult]
  public var passed: Bool { checks.allSatisfy(\.passed) }
}

public final class LessonEngine {
  public let console: any LessonConsole
  public let store: ProgressStore
  /// The session's language: which lessons `lesson list` shows.
  public var language: String
  /// Where lessons are loaded from (see `LessonCatalog.load`).
  public var sources: [[String]]
  /// Names of console commands, to find unknown ones in lessons (nil: not checked).
  public var knownCommands: Set<String>?
  public private(set) var catalog = LessonCatalog()
  /// The lesson in progress.
  public private(set) var lesson: Lesson?
  public private(set) var progress = LessonProgress()
  /// Setup commands of the lesson last started that failed (command and output).
  public private(set) var setupFailures: [String] = []
  /// A warning not shown yet (progress file trouble), taken by the next reply.
  private var pendingWarning: String?
  /// While true, nothing is journaled or announced (replaying, running setup).
  private var replaying = false
  /// What each journaled command printed, by its index in the journal (for `ran` checks with an
  /// expected output). Kept in memory only: resuming replays the journal, which prints it again.
  private var outputs: [Int: String] = [:]

  public init(
    console: any LessonConsole, sources: [[String]], store: ProgressStore, language: String,
    knownCommands: Set<String>? = nil
  ) {
    self.console = console
    self.sources = sources
    self.store = store
    self.language = language
    self.knownCommands = knownCommands
    pendingWarning = store.warning
    reload()
  }

  /// Reads the lesson files again (teachers edit them while kubelab runs).
  public func reload() {
    catalog = LessonCatalog.load(sources: sources, knownCommands: knownCommands)
  }

  var text: LessonText { LessonText(language: lesson?.language ?? language) }

  /// The current step.
  public var step: LessonStep? {
    guard let lesson, progress.step < lesson.steps.count else { return nil }
    return lesson.steps[progress.step]
  }

  // MARK: - lesson list

  public func list() -> LessonReply {
    reload()
    let t = LessonText(language: language)
    let lessons = catalog.lessons(language: language)
    let malformed = catalog.malformed(language: language)
    var out: [String] = []
    if lessons.isEmpty && malformed.isEmpty { return reply(t.noLessons) }
    if !lessons.isEmpty {
      out.append(t.listHeading(language))
      let rows = lessons.map { l -> (String, String, String) in
        var status = t.notStarted
        if let p = store.progress(l.key) {
          status =
            p.isComplete(steps: l.steps.count)
            ? t.done : t.stepsDone(p.passed.filter { $0 < l.steps.count }.count, l.steps.count)
        }
        var title = l.title
        let pending = pendingPrerequisites(of: l)
        if !pending.isEmpty { title += t.needs(pending) }
        return (l.id, status, title)
      }
      // A marker column only while one of them is in progress.
      let active = lessons.map { $0.key == lesson?.key }
      let marked = active.contains(true)
      let w0 = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
      let w1 = rows.map { DisplayWidth.of($0.1) }.max() ?? 0
      for (i, r) in rows.enumerated() {
        let marker = marked ? (active[i] ? "▸ " : "  ") : ""
        out.append("  " + marker + DisplayWidth.pad(r.0, w0 + 2) + DisplayWidth.pad(r.1, w1 + 2) + r.2)
      }
    }
    if !malformed.isEmpty {
      if !out.isEmpty { out.append("") }
      out.append(t.malformedHeading)
      for e in malformed {
        out.append("  \(e.problems.first?.description ?? e.file)")
      }
    }
    if !lessons.isEmpty {
      out.append("")
      out.append(t.listFooter)
    }
    return reply(out.joined(separator: "\n"))
  }

  // MARK: - lesson start / reset / stop

  /// Starts lesson `id` (in the session's language, else in another), resuming saved progress.
  public func start(_ id: String) -> LessonReply {
    reload()
    let t = LessonText(language: language)
    let candidates = [language] + LessonParser.languages.filter { $0 != language }
    guard let entry = candidates.lazy.compactMap({ self.catalog.entry(id: id, language: $0) }).first else {
      var m = "error: " + t.noSuchLesson(id)
      let ids = catalog.lessons(language: language).map(\.id)
      if let near = Spelling.nearest(id, in: ids) { m += t.didYouMean(near) }
      return LessonReply(m + "\n" + t.seeList, ok: false)
    }
    guard entry.isUsable, let lesson = entry.lesson else {
      return LessonReply(
        "error: " + t.malformed(id) + "\n" + entry.problems.map { "  \($0)" }.joined(separator: "\n"), ok: false)
    }
    return start(lesson, fresh: false)
  }

  /// Starts `lesson` on a fresh cluster; with saved progress (and not `fresh`), replays it.
  @discardableResult
  public func start(_ lesson: Lesson, fresh: Bool) -> LessonReply {
    self.lesson = lesson
    let t = text
    var out: [String] = []
    if fresh { try? store.set(lesson.key, nil) }
    let saved = store.progress(lesson.key)
    replaying = true
    console.rebuild(with: lesson.cluster)
    setupFailures = []
    for c in lesson.setup {
      let r = console.runQuietly(c)
      if !r.success {
        setupFailures.append("\(c.line): \(r.output.trimmingCharacters(in: .newlines))")
        out.append(t.setupFailed(c.text, r.output.trimmingCharacters(in: .newlines)))
      }
    }
    outputs = [:]
    if var saved {
      for (i, entry) in saved.journal.enumerated() { outputs[i] = replay(entry) }
      replaying = false
      let n = lesson.steps.count
      saved.step = min(max(saved.step, 0), max(n - 1, 0))
      saved.passed = saved.passed.filter { $0 < n }
      if saved.hintsShown.count > n { saved.hintsShown.removeLast(saved.hintsShown.count - n) }
      progress = saved
      let diverged = saved.end != mark()
      let changed = saved.fingerprint != lesson.fingerprint
      out.insert(t.header(lesson.title, lesson.id, n), at: 0)
      out.append(t.resuming(saved.step + 1, n, saved.journal.count))
      if changed {
        out.append(t.lessonChanged)
      } else if diverged {
        out.append(t.replayDiverged)
      }
      out.append("")
      out.append(stepText())
      save()
      return reply(out.joined(separator: "\n"))
    }
    replaying = false
    progress = LessonProgress()
    progress.fingerprint = lesson.fingerprint
    begin(step: 0)
    var head = [t.header(lesson.title, lesson.id, lesson.steps.count)]
    if !lesson.summary.isEmpty { head.append(lesson.summary) }
    let pending = pendingPrerequisites(of: lesson)
    if !pending.isEmpty { head.append(t.prerequisitesPending(pending)) }
    if !lesson.introduction.isEmpty { head += ["", lesson.introduction] }
    out = head + out + ["", stepText()]
    return reply(out.joined(separator: "\n"))
  }

  /// The prerequisites of `lesson` not completed yet.
  private func pendingPrerequisites(of lesson: Lesson) -> [String] {
    lesson.prerequisites.map(\.text).filter { id in
      guard let p = store.progress("\(lesson.language)/\(id)"),
        let other = catalog.entry(id: id, language: lesson.language)?.lesson
      else { return true }
      return !p.isComplete(steps: other.steps.count)
    }
  }

  /// Starts the lesson over on a fresh cluster, forgetting its progress.
  public func reset() -> LessonReply {
    guard let lesson else { return LessonReply(text.noLesson, ok: false) }
    let r = start(lesson, fresh: true)
    return LessonReply(text.resetDone + "\n\n" + r.text, ok: r.ok)
  }

  /// Leaves the lesson (its progress stays saved; the cluster stays as it is).
  public func stop() -> LessonReply {
    guard let lesson else { return LessonReply(text.noLesson, ok: false) }
    let t = text
    self.lesson = nil
    return reply(t.stopped(lesson.id))
  }

  // MARK: - Steps

  /// Shows the current step again.
  public func show() -> LessonReply {
    guard lesson != nil else { return LessonReply(text.noLesson, ok: false) }
    return reply(stepText())
  }

  public func next() -> LessonReply {
    guard let lesson else { return LessonReply(text.noLesson, ok: false) }
    let t = text
    guard progress.step + 1 < lesson.steps.count else {
      if progress.isComplete(steps: lesson.steps.count) {
        return reply(t.lastStep + "\n" + t.lessonComplete(lesson.title))
      }
      return reply(t.lastStep)
    }
    var out: [String] = []
    if !progress.isPassed(progress.step) { out.append(t.skipping(progress.step + 1)) }
    begin(step: progress.step + 1)
    out.append(stepText())
    return reply(out.joined(separator: "\n\n"))
  }

  public func back() -> LessonReply {
    guard lesson != nil else { return LessonReply(text.noLesson, ok: false) }
    guard progress.step > 0 else { return reply(text.firstStep) }
    begin(step: progress.step - 1)
    return reply(stepText())
  }

  /// Marks the start of `step`: "since the step began" counts from here.
  private func begin(step: Int) {
    progress.step = step
    progress.stepStart = mark()
    save()
  }

  /// Where the session stands now.
  private func mark() -> LessonProgress.Mark {
    let c = console.cluster
    return LessonProgress.Mark(
      journal: progress.journal.count, seq: c.context.log.nextSeq, tick: c.clock.tick,
      phase: c.clock.phase?.description)
  }

  /// Whether the cluster ran a phase since the step began.
  private var clockMoved: Bool {
    let c = console.cluster.clock
    return c.tick != progress.stepStart.tick || c.phase?.description != progress.stepStart.phase
  }

  func stepText() -> String {
    guard let lesson, let step else { return "" }
    let t = text
    var out: [String] = []
    var heading = t.stepHeading(progress.step + 1, lesson.steps.count, step.title)
    if progress.isPassed(progress.step) { heading += t.passedMark }
    out.append(heading)
    out.append(String(repeating: "─", count: min(72, max(8, DisplayWidth.of(heading)))))
    if !step.prose.isEmpty { out.append(step.prose) }
    if !step.commands.isEmpty {
      out.append("")
      out.append(t.tryThese)
      for c in step.commands {
        out += c.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
      }
    }
    for (_, q) in step.questions {
      out.append("")
      out.append(t.questionLabel + q.text)
      for (i, c) in q.choices.enumerated() { out.append("  \(i + 1)) \(c)") }
      out.append(q.predict ? t.predictNote : t.answerNote(choices: !q.choices.isEmpty))
    }
    out.append("")
    out.append(t.stepFooter)
    return out.joined(separator: "\n")
  }

  // MARK: - Hints and solutions

  public func hint() -> LessonReply {
    guard let step else { return LessonReply(text.noLesson, ok: false) }
    let t = text
    guard !step.hints.isEmpty else { return reply(t.noHints) }
    let shown = progress.hints(progress.step)
    guard shown < step.hints.count else { return reply(t.noMoreHints(step.hints.count)) }
    while progress.hintsShown.count <= progress.step { progress.hintsShown.append(0) }
    progress.hintsShown[progress.step] = shown + 1
    save()
    var out = t.hint(shown + 1, step.hints.count, step.hints[shown])
    if shown + 1 == step.hints.count { out += "\n" + t.lastHint }
    return reply(out)
  }

  /// The step's solution, once every hint was shown.
  public func solution() -> LessonReply {
    guard let step else { return LessonReply(text.noLesson, ok: false) }
    let t = text
    let remaining = step.hints.count - progress.hints(progress.step)
    guard remaining <= 0 else { return reply(t.hintsRemain(remaining)) }
    let answers = step.questions.map { "answer \($0.question.answers[0])" }
    guard !step.solution.isEmpty || !answers.isEmpty else { return reply(t.noSolution) }
    var out = [t.solutionHeading]
    for a in answers { out.append("  " + a) }
    for c in step.solution {
      out += c.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    }
    return reply(out.joined(separator: "\n"))
  }

  // MARK: - Answers

  public func answer(_ given: String) -> LessonReply {
    guard let step else { return LessonReply(text.noLesson, ok: false) }
    let t = text
    let trimmed = given.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return LessonReply(t.answerUsage, ok: false) }
    let questions = step.questions
    guard !questions.isEmpty else { return reply(t.noQuestion) }
    guard let (index, q) = questions.first(where: { !answered($0.index, $0.question) }) else {
      return reply(t.allAnswered)
    }
    let correct = q.accepts(trimmed)
    let early = !clockMoved
    progress.answers.append(
      LessonProgress.Answer(
        step: progress.step, check: index, text: trimmed, correct: correct, beforeClockMoved: early))
    var out: [String] = []
    if !correct {
      out.append(t.wrong)
      if !q.explanation.isEmpty { out.append(q.explanation) }
      out.append(t.tryAgain)
    } else if q.predict && !early {
      out.append(t.lateForPrediction)
    } else {
      out.append(t.correct)
      if let announcement = checkStep() { out.append(announcement) }
    }
    save()
    return reply(out.joined(separator: "\n"))
  }

  /// Whether the question (check `index` of the current step) has an answer that counts.
  private func answered(_ index: Int, _ q: LessonQuestion) -> Bool {
    progress.answers.contains {
      $0.step == progress.step && $0.check == index && $0.correct && (!q.predict || $0.beforeClockMoved)
    }
  }

  // MARK: - Checks

  /// `check`: every check of the step now, with its result.
  /// It fails (so a script's exit status says so) when the step is not passed.
  public func check() -> LessonReply {
    guard let lesson, step != nil else { return LessonReply(text.noLesson, ok: false) }
    let t = text
    let results = evaluate()
    var out = results.map { r in
      (r.passed ? "✓ " : "✗ ") + r.description + (r.passed ? "" : r.detail.map { " — " + $0 } ?? "")
    }
    var ok = true
    if progress.isPassed(progress.step) {
      out.append(t.alreadyPassed)
    } else if results.allSatisfy(\.passed) {
      out.append(passStep(lesson))
    } else {
      out.append(t.checksPassing(results.filter(\.passed).count, results.count))
      ok = false
    }
    annotate(results)
    save()
    var r = reply(out.joined(separator: "\n"))
    r.ok = ok
    return r
  }

  /// After every command the learner typed (not the workbook's own): journals it and, when the
  /// step is not passed yet, checks it. Returns the announcement of a step just passed.
  /// `interrupted`: the learner stopped it with Ctrl-C, so replaying it must stop where it stopped.
  public func learnerRan(
    _ command: ConsoleCommand, success: Bool, interrupted: Bool = false, output: String = ""
  ) -> String? {
    guard lesson != nil, !replaying else { return nil }
    var entry = LessonProgress.JournalEntry(line: command.line, input: command.input, ok: success)
    if interrupted {
      let clock = console.cluster.clock
      entry.stoppedAt = LessonProgress.Mark(tick: clock.tick, phase: clock.phase?.description)
    }
    outputs[progress.journal.count] = output
    progress.journal.append(entry)
    let announcement = checkStep()
    save()
    return announcement
  }

  /// Runs one journaled command again. A command the learner interrupted is replayed by running
  /// phases up to where it stopped (running it again would not stop there).
  private func replay(_ entry: LessonProgress.JournalEntry) -> String {
    guard let stop = entry.stoppedAt else {
      return console.runQuietly(ConsoleCommand(line: entry.line, input: entry.input)).output
    }
    let cluster = console.cluster
    func position(_ tick: Int, _ phase: String?) -> Int {
      tick * 10 + (Phase.allCases.first { $0.description == phase }.map { $0.rawValue + 1 } ?? 0)
    }
    let target = position(stop.tick, stop.phase)
    while position(cluster.clock.tick, cluster.clock.phase?.description) < target { cluster.step() }
    return ""
  }

  /// Checks the current step unless it passed already; marks it passed and announces it when
  /// every check passes.
  private func checkStep() -> String? {
    guard let lesson, !progress.isPassed(progress.step) else { return nil }
    let results = evaluate()
    let announcement = results.allSatisfy(\.passed) ? passStep(lesson) : nil
    annotate(results)
    return announcement
  }

  /// Tells the session's transcript recorder (while it records) where the lesson stands after the
  /// command being run and how the step's checks came out.
  private func annotate(_ results: [CheckResult]) {
    guard let lesson, let recorder = console.recorder, !replaying else { return }
    let step = min(progress.step, max(0, lesson.steps.count - 1))
    recorder.annotate(
      lesson: lesson.id, step: step + 1,
      stepTitle: lesson.steps.indices.contains(step) ? lesson.steps[step].title : "",
      checks: results.map {
        // The console indents the lines of an output seen (`got:` then four spaces each); a transcript
        // keeps them as printed.
        let message = ($0.detail ?? "").replacingOccurrences(of: ": \n    ", with: ":\n")
          .replacingOccurrences(of: "\n    ", with: "\n")
        return TranscriptCheck(name: $0.description, passed: $0.passed, message: message)
      },
      completed: progress.isComplete(steps: lesson.steps.count))
  }

  private func passStep(_ lesson: Lesson) -> String {
    let t = text
    let n = progress.step
    progress.passed = Array(Set(progress.passed + [n])).sorted()
    var out = [t.stepPassed(n + 1, lesson.steps.count, lesson.steps[n].title)]
    if progress.isComplete(steps: lesson.steps.count) {
      out.append(t.lessonComplete(lesson.title))
    } else if n + 1 < lesson.steps.count {
      out.append(t.continueWith(n + 2, lesson.steps[n + 1].title))
    } else {
      let missing = (0..<lesson.steps.count).filter { !progress.isPassed($0) }.map { $0 + 1 }
      out.append(t.stillToPass(missing))
    }
    return out.joined(separator: "\n")
  }

  /// Runs every check of the current step.
  public func evaluate() -> [CheckResult] {
    guard let step else { return [] }
    return step.checks.enumerated().map { evaluate($0.element, index: $0.offset) }
  }

  private func evaluate(_ check: LessonCheck, index: Int) -> CheckResult {
    let t = text
    func result(_ passed: Bool, _ fallback: String, _ detail: String? = nil) -> CheckResult {
      CheckResult(
        passed: passed, description: check.description.isEmpty ? fallback : check.description, detail: detail,
        line: check.line)
    }
    switch check.kind {
    case .command(let line, let expectation):
      let r = console.read(ConsoleCommand(line: line))
      let output = r.output.trimmingCharacters(in: .whitespacesAndNewlines)
      let passed = expectation.isMet(by: output)
      let fallback: String
      switch expectation {
      case .equals(let v): fallback = t.outputEquals(line, v)
      case .contains(let v): fallback = t.outputContains(line, v)
      case .matches(let p): fallback = t.outputMatches(line, p)
      }
      var detail = t.got(Self.excerpt(output))
      if !r.success { detail = t.commandFailed + ": " + Self.excerpt(output) }
      return result(passed, fallback, passed ? nil : detail)
    case .message(let filter, let absent):
      let log = console.cluster.context.log
      let seen = log.since(seq: progress.stepStart.seq).contains { filter.matches($0) }
      let what = Self.describe(filter, t)
      return result(seen != absent, absent ? t.messageAbsent(what) : t.messageSeen(what))
    case .ran(let pattern, let expectation):
      let first = min(progress.stepStart.journal, progress.journal.count)
      // With an expected output, a command that failed counts too: what it printed is the evidence
      // (`nslookup` of a name that does not exist fails, and says NXDOMAIN).
      let matching = progress.journal.indices.dropFirst(first).filter {
        (progress.journal[$0].ok || expectation != nil) && Self.search(pattern, in: progress.journal[$0].line)
      }
      guard let expectation else { return result(!matching.isEmpty, t.ranCommand(pattern)) }
      let fallback = t.ranCommand(pattern, printing: expectation)
      let printed = matching.map { (outputs[$0] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
      if printed.contains(where: { expectation.isMet(by: $0) }) { return result(true, fallback) }
      return result(false, fallback, printed.last.map { t.got(Self.excerpt($0)) })
    case .question(let q):
      if answered(index, q) { return result(true, q.text) }
      let late = progress.answers.contains {
        $0.step == progress.step && $0.check == index && $0.correct && !$0.beforeClockMoved
      }
      return result(false, q.text, late ? t.answeredLate : t.notYetAnswered)
    }
  }

  static func search(_ pattern: String, in text: String) -> Bool {
    guard let re = try? NSRegularExpression(pattern: pattern) else { return false }
    return re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
  }

  /// An output for "got: …": one line as it is, more lines indented below (at most five).
  static func excerpt(_ output: String) -> String {
    if output.isEmpty { return "(nothing)" }
    let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.count == 1 { return output }
    var shown = lines.prefix(5).map { "\n    " + $0 }.joined()
    if lines.count > 5 { shown += "\n    …" }
    return shown
  }

  /// `scheduler → apiserver POST pods/*/binding`
  static func describe(_ f: MessageFilter, _ t: LessonText = LessonText(language: "en")) -> String {
    var parts: [String] = []
    switch (f.from, f.to) {
    case (let from?, let to?): parts.append("\(from) → \(to)")
    case (let from?, nil): parts.append(t.messageFrom(from))
    case (nil, let to?): parts.append(t.messageTo(to))
    case (nil, nil): break
    }
    if let c = f.component { parts.append("(\(c))") }
    if let v = f.verb { parts.append(v) }
    if let o = f.object { parts.append(o) }
    if let k = f.kind { parts.append("[\(k.rawValue)]") }
    if let p = f.phase { parts.append("(\(p))") }
    return parts.joined(separator: " ")
  }

  // MARK: - Saving

  private func save() {
    guard let lesson, !replaying else { return }
    progress.end = mark()
    do {
      try store.set(lesson.key, progress)
    } catch {
      pendingWarning = text.saveFailed("\(error)")
    }
  }

  /// A reply, with any warning not shown yet in front.
  private func reply(_ s: String) -> LessonReply {
    guard let w = pendingWarning else { return LessonReply(s) }
    pendingWarning = nil
    return LessonReply("warning: " + w + "\n" + s)
  }
}

extension OutputExpectation {
  /// Whether `output` (trimmed) meets the expectation.
  func isMet(by output: String) -> Bool {
    switch self {
    case .equals(let v): return output == v.trimmingCharacters(in: .whitespacesAndNewlines)
    case .contains(let v): return output.contains(v)
    case .matches(let p): return LessonEngine.search(p, in: output)
    }
  }
}
