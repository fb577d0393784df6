// SessionRecording: ties a console Session to a TranscriptRecorder (every command, its output and
// messages), and runs lists of commands on fresh sessions for replay verification and golden files.
import Foundation
import KubeSim
import Workbook

extension Session {
  /// Records every later command into `recorder`, after the `afterCommand` hooks have run (so what
  /// they print, such as a lesson's "step passed", is part of the command's output).
  public func startRecording(_ recorder: TranscriptRecorder) {
    self.recorder = recorder
    // Lessons were used before the recording began: the first command recorded carries their
    // progress, so that a replay resumes them alike.
    if let workbook { recorder.noteProgress(workbook.store.file.json) }
    var seen = cluster
    // Where the previous command left the clock: the prompt of a command that started over.
    var seenTick = cluster.clock.tick
    recordCommand = { [unowned self] record, out in
      let now = self.cluster
      // A command that started over on a fresh cluster (a lesson starting): its messages are the new
      // cluster's, from the first.
      let rebuilt = now !== seen
      let tickBefore = rebuilt ? seenTick : record.ticks.lowerBound
      seen = now
      seenTick = now.clock.tick
      let log = now.context.log
      let range = rebuilt ? 1..<log.nextSeq : record.messages
      var messages: [TranscriptMessage] = []
      for m in log.since(seq: range.lowerBound) {
        guard m.seq < range.upperBound, messages.count < recorder.messageLimit else { break }
        messages.append(TranscriptMessage(m, bodies: recorder.bodies))
      }
      if !recorder.hasPendingAnnotation, let engine = self.workbook, let lesson = engine.lesson {
        let step = min(engine.progress.step, max(0, lesson.steps.count - 1))
        recorder.annotate(
          lesson: lesson.id, step: step + 1,
          stepTitle: lesson.steps.indices.contains(step) ? lesson.steps[step].title : "",
          completed: engine.progress.isComplete(steps: lesson.steps.count))
      }
      recorder.record(
        TranscriptCommand(
          prompt: TranscriptCommand.prompt(tick: tickBefore, phase: record.phaseBefore),
          line: record.line, input: record.input, output: out.text.withoutANSI, stderr: out.stderr.withoutANSI,
          success: record.success, tickBefore: tickBefore,
          tickAfter: rebuilt ? now.clock.tick : record.ticks.upperBound, phaseBefore: record.phaseBefore,
          phaseAfter: record.phaseAfter, messageCount: range.count, messages: messages,
          rebuilt: rebuilt ? now.options : nil))
    }
  }
}

/// Transcripts of commands run on fresh sessions: replay verification and golden transcripts.
public enum TranscriptSession {
  /// The header of a session about to start on `options`.
  public static func header(
    for options: SessionOptions, id: String, source: String, script: String? = nil, recordedAt: String? = nil,
    title: String? = nil
  ) -> TranscriptHeader {
    TranscriptHeader(
      id: id, recordedAt: recordedAt, cluster: options.cluster, language: options.language, source: source,
      script: script, title: title)
  }

  /// A fresh session on the header's cluster, recording in memory.
  static func freshSession(_ header: TranscriptHeader, isReplay: Bool) -> (Session, TranscriptRecorder) {
    var options = SessionOptions(
      cluster: header.cluster, language: header.language, color: false,
      workingDirectory: FileManager.default.currentDirectoryPath)
    // Lessons from the usual places, but progress only in memory: a replay neither resumes the
    // learner's lessons nor records its own progress.
    options.lessons = LessonSettings(sources: LessonSettings.standard().sources, progressFile: nil)
    let session = Session(options: options)
    let recorder = try! TranscriptRecorder(header: header)  // in memory: cannot fail
    recorder.messageLimit = Int.max
    recorder.isReplay = isReplay
    session.startRecording(recorder)
    return (session, recorder)
  }

  /// Runs `inputs` one after another on a fresh session and returns the transcript.
  /// `prepare` may register extra commands or hooks first (lessons, tests).
  public static func run(
    _ inputs: [TranscriptInput], header: TranscriptHeader, prepare: (Session) -> Void = { _ in }
  ) -> Transcript {
    let (session, recorder) = freshSession(header, isReplay: false)
    prepare(session)
    for i in inputs {
      session.execute(i.line, input: i.input, out: OutputSink())
      if session.wantsExit { break }
    }
    return try! recorder.transcript()
  }

  /// Runs a script (comments, heredocs) as `kubelab FILE` would, on a fresh session.
  public static func runScript(
    _ script: String, header: TranscriptHeader, prepare: (Session) -> Void = { _ in }
  ) -> Transcript {
    let (session, recorder) = freshSession(header, isReplay: false)
    prepare(session)
    _ = BatchRunner(session: session, echo: false) { _, _ in }.run(script, source: header.script ?? "<script>")
    return try! recorder.transcript()
  }

  /// The golden transcript of a lesson's reference solution (or any list of commands) on `cluster`:
  /// deterministic — no wall-clock time, the name as id.
  public static func golden(
    name: String, commands: [TranscriptInput], cluster: ClusterOptions, title: String? = nil,
    prepare: (Session) -> Void = { _ in }
  ) -> Transcript {
    run(commands, header: GoldenTranscript.header(name: name, cluster: cluster, title: title), prepare: prepare)
  }

  /// The golden transcript of a script (`transcripts/NAME.kubelab`). A comment line
  /// `# cluster: {seed: 7, workers: 1}` sets the cluster (the `--cluster` file's settings).
  public static func golden(name: String, script: String, file: String? = nil) throws -> Transcript {
    var cluster = ClusterOptions()
    var title: String? = nil
    for line in script.split(separator: "\n") {
      let l = line.trimmingCharacters(in: .whitespaces)
      if l.hasPrefix("# cluster:") {
        cluster = try ClusterOptions.parse(String(l.dropFirst("# cluster:".count)), file: file ?? name)
      } else if l.hasPrefix("# title:") {
        title = l.dropFirst("# title:".count).trimmingCharacters(in: .whitespaces)
      }
    }
    let header = GoldenTranscript.header(name: name, cluster: cluster, script: file, title: title)
    return runScript(script, header: header)
  }

  /// The golden transcript of a lesson's reference solution: `lesson start ID`, then for each step the
  /// answers, the solution's commands, `check` and `next` (`LessonRunner.solutionScript`), typed in a
  /// session whose lessons come from `sources` and whose progress stays in memory.
  public static func golden(lesson: Lesson, sources: [[String]]) -> Transcript {
    let header = TranscriptHeader(
      id: "\(lesson.language)-\(lesson.id)", recordedAt: nil, cluster: lesson.cluster, language: lesson.language,
      source: "golden", title: lesson.title)
    let script = "lesson start \(lesson.id)\n" + LessonRunner.solutionScript(lesson)
    return runScript(script, header: header) {
      $0.options.lessons = LessonSettings(sources: sources, progressFile: nil)
    }
  }

  /// What `replay --verify` found.
  public struct Verification: Sendable {
    /// The first difference, or nil when every command matched.
    public var difference: TranscriptDifference?
    /// How many commands and messages were compared.
    public var commands: Int
    public var messages: Int
  }

  /// Re-runs the transcript's inputs on a fresh cluster built from its header (same seed and options)
  /// and compares outputs and messages command by command, stopping at the first difference.
  public static func verify(_ t: Transcript, prepare: (Session) -> Void = { _ in }) -> Verification {
    let (session, recorder) = freshSession(t.header, isReplay: true)
    prepare(session)
    var messages = 0
    for (i, expected) in t.commands.enumerated() {
      if let p = expected.progress, let progress = try? ProgressFile(json: p) { session.restoreProgress(progress) }
      session.execute(expected.line, input: expected.input, out: OutputSink())
      let actual = (try? recorder.transcript().commands.last) ?? nil
      guard let actual else { break }
      if let d = TranscriptDifference.between(expected: expected, actual: actual) {
        return Verification(difference: d, commands: i, messages: messages)
      }
      messages += expected.messageCount
    }
    return Verification(difference: nil, commands: t.commands.count, messages: messages)
  }
}
