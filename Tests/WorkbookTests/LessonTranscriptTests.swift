// Lessons in transcripts: each command carries the step's check results, and a session recorded
// inside a lesson — resumed from saved progress or not — passes `replay --verify`.
import Foundation
import KubelabTestSupport
import KubeSim
import REPL
import Testing
import Workbook

struct LessonTranscriptTests {
  /// A session over `sources` recording in memory, progress in `progressFile` (nil: in memory).
  static func recordedSession(
    sources: [[String]] = [[LessonFixtures.engine]], progressFile: String? = nil
  ) throws -> (Session, TranscriptRecorder) {
    let s = LessonFixtures.session(sources: sources, progressFile: progressFile)
    let header = TranscriptSession.header(for: s.options, id: "lesson-test", source: "lesson")
    let recorder = try TranscriptRecorder(header: header)
    s.startRecording(recorder)
    return (s, recorder)
  }

  /// What a replay needs besides the shipped lessons: the fixture lessons and their fake commands.
  static func prepareFixtures(_ s: Session) {
    s.options.lessons?.sources = [[LessonFixtures.engine]]
    s.registry.register(FakeBindCommand())
    s.registry.register(FakeGetCommand())
  }

  @Test func eachCommandCarriesTheChecksTheEngineRan() throws {
    let (s, recorder) = try Self.recordedSession()
    s.type("lesson start bindings")
    s.type("status")
    s.type("fake-bind web node-2")
    s.type("next")
    s.type("check")
    let t = try recorder.transcript()
    #expect(t.commands.map(\.line) == ["lesson start bindings", "status", "fake-bind web node-2", "next", "check"])
    // Starting the lesson runs no check: only where the lesson stands.
    #expect(t.commands[0].lesson == LessonAnnotation(lesson: "bindings", step: 1, stepTitle: "Bind a pod"))
    // After a command the learner typed, the engine checked the step: both checks fail after `status`…
    #expect(
      t.commands[1].lesson
        == LessonAnnotation(
          lesson: "bindings", step: 1, stepTitle: "Bind a pod",
          checks: [
            TranscriptCheck(name: "The scheduler bound web.", passed: false),
            TranscriptCheck(name: "you ran a command matching /^fake-bind web /", passed: false),
          ]))
    // … and pass after the binding, which passes the step.
    #expect(t.commands[2].lesson?.checks.map(\.passed) == [true, true])
    #expect(t.commands[2].output.contains("✓ Step 1/3 passed: Bind a pod"))
    // `next` checks nothing.
    #expect(t.commands[3].lesson == LessonAnnotation(lesson: "bindings", step: 2, stepTitle: "Predict, then look"))
    // `check` records every result, with why it failed.
    #expect(
      t.commands[4].lesson?.checks == [
        TranscriptCheck(name: "Which node is web bound to?", passed: false, message: "not answered correctly yet"),
        TranscriptCheck(name: "The record shows web bound to node-2.", passed: true),
        TranscriptCheck(name: "you ran a command matching /^step$/", passed: false),
      ])
    let markdown = TranscriptMarkdown.render(t)
    #expect(markdown.contains("\n- ❌ Which node is web bound to? — not answered correctly yet\n"))
    #expect(markdown.contains("\n- ✅ The record shows web bound to node-2.\n"))

    // The results are part of what a replay must reproduce.
    #expect(TranscriptSession.verify(t, prepare: Self.prepareFixtures).difference == nil)
    var edited = t
    edited.commands[4].lesson?.checks[0].passed = true
    let d = try #require(TranscriptSession.verify(edited, prepare: Self.prepareFixtures).difference)
    #expect(d.command == 5)
    #expect(d.what == "the lesson stands differently after it")
    #expect(d.expected.hasPrefix("bindings step 2: ✓ Which node is web bound to? — not answered correctly yet, ✓ The"))
  }

  /// A failed command check keeps the output it saw, line by line as printed.
  @Test func aFailedCommandCheckKeepsTheOutputItSaw() throws {
    let (s, recorder) = try Self.recordedSession(sources: [[LessonFixtures.shipped]])
    s.type("lesson start first-tick")
    s.type("check")
    let t = try recorder.transcript()
    let status = try #require(t.commands[1].lesson?.checks.last)
    #expect(status.name == "The clock stands after the report phase.")
    #expect(!status.passed)
    #expect(status.message.hasPrefix("got:\nTick:            5\nLast phase:      reconcile\n"))
    let html = TranscriptHTML.render(t)
    #expect(html.contains("— got:<pre class=\"output\">Tick:            5\nLast phase:      reconcile\n"))
  }

  /// Resuming a lesson replays the saved journal: the transcript keeps the progress the session
  /// found, so that `replay --verify` resumes the same way.
  @Test func aResumedLessonSessionVerifies() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/progress.json"
    let earlier = LessonFixtures.session(sources: [[LessonFixtures.shipped]], progressFile: path)
    earlier.type("lesson start first-tick")
    earlier.type("step")
    earlier.type("status")

    let (s, recorder) = try Self.recordedSession(sources: [[LessonFixtures.shipped]], progressFile: path)
    s.type("lesson start first-tick")
    s.type("next")
    s.type("answer store")
    s.type("step")
    s.type("messages --last 3")
    let t = try recorder.transcript()
    #expect(t.commands[0].output.contains("Resuming at step 1/3 (replayed 2 commands"))
    #expect(t.commands[3].output.contains("✓ Step 2/3 passed: Predict the next phase"))
    let snapshot = try ProgressFile(json: try #require(t.commands[0].progress))
    #expect(snapshot.lessons["en/first-tick"]?.journal.map(\.line) == ["step", "status"])
    #expect(t.commands.dropFirst().allSatisfy { $0.progress == nil })

    let back = try TranscriptFile.parse(t.jsonText).transcript
    #expect(back == t)
    #expect(JSONSchemaSubset.validate(t.json, schema: try TranscriptFiles.schema) == [])
    let v = TranscriptSession.verify(back)
    #expect(v.difference == nil, "\(v.difference?.description ?? "")")
    #expect(v.commands == 5)

    // Without the progress it found, a replay starts the lesson afresh: not the recorded session.
    var fresh = back
    fresh.commands[0].progress = nil
    let d = try #require(TranscriptSession.verify(fresh).difference)
    #expect(d.command == 1)
    #expect(d.what == "output differs at line 2")
  }

  /// The example lesson in the real executable: two `kubelab lesson first-tick` sessions (the second
  /// resumes), each verified by `kubelab replay --verify`.
  @Test func theBinaryVerifiesSessionsRecordedInsideALesson() throws {
    let data = LessonFixtures.temporaryDirectory()
    let state = LessonFixtures.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(atPath: data)
      try? FileManager.default.removeItem(atPath: state)
    }
    let env = ["XDG_DATA_HOME": data, "XDG_STATE_HOME": state]
    let first = try KubelabProcess.run(
      ["lesson", "first-tick", "--lang", "en"], stdin: "step\nstatus\n", environment: env)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("✓ Step 1/3 passed: Run one phase"))
    let one = try KubelabProcess.run(["replay", "--verify", "last"], environment: env)
    #expect(one.status == 0, "\(one.stdout)\(one.stderr)")
    #expect(one.stdout.contains("verified: all 3 commands"))

    let second = try KubelabProcess.run(
      ["lesson", "first-tick", "--lang", "en"], stdin: "next\nanswer store\nstep\ncheck\n", environment: env)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stdout.contains("Resuming at step 1/3 (replayed 2 commands"))
    #expect(second.stdout.contains("✓ Step 2/3 passed: Predict the next phase"))
    let two = try KubelabProcess.run(["replay", "--verify", "last"], environment: env)
    #expect(two.status == 0, "\(two.stdout)\(two.stderr)")
    #expect(two.stdout.contains("verified: all 5 commands"))

    let handout = try KubelabProcess.run(["export", "last", "--format", "md"], environment: env)
    #expect(handout.stdout.contains("\n- ✅ Which phase runs right after report?\n"))
    #expect(
      handout.stdout.contains(
        "\n- ✅ You ran `step` to see the next phase.\n".replacingOccurrences(of: "`", with: "\\`")))
  }

  /// A lesson from a teacher's folder: `replay --verify --lessons DIR` finds it again.
  @Test func replayTakesTheLessonFoldersTheSessionUsed() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try """
    ---
    id: own
    title: A teacher's own lesson
    language: en
    cluster: {seed: 4, workers: 1}
    setup:
      - tick
    ---

    ## Look

    ```lesson
    checks:
      - command: status
        contains: "Tick:            2"
    ```
    """.write(toFile: dir + "/own.md", atomically: true, encoding: .utf8)
    let env = ["XDG_DATA_HOME": dir + "/data", "XDG_STATE_HOME": dir + "/state"]
    let run = try KubelabProcess.run(
      ["lesson", "own", "--lessons", dir, "--lang", "en"], stdin: "tick\n", environment: env)
    #expect(run.stdout.contains("✓ Step 1/1 passed: Look"), "\(run.stdout)\(run.stderr)")
    let without = try KubelabProcess.run(["replay", "--verify", "last"], environment: env)
    #expect(without.status == 1)
    #expect(without.stdout.contains("command 1 (lesson start own): output differs at line 1"))
    let with = try KubelabProcess.run(["replay", "--verify", "last", "--lessons", dir], environment: env)
    #expect(with.status == 0, "\(with.stdout)\(with.stderr)")
    #expect(with.stdout.contains("verified: all 2 commands"))
  }
}
