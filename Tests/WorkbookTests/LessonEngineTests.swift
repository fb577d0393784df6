// Tests of the lesson engine in a console session: solutions pass, wrong answers and skipped
// steps fail, announcements come once, hints gate the solution, and `lesson list`.
import Foundation
import KubelabTestSupport
import KubeSim
import REPL
import Testing
import Workbook

struct LessonEngineTests {
  static let bindingsFile = LessonFixtures.engine + "/en/bindings.md"

  // MARK: - Solutions

  /// The shipped example's reference solution passes every check, in both languages.
  @Test(arguments: ["en", "zh"])
  func theExampleSolutionPassesEveryCheck(_ language: String) throws {
    let session = LessonFixtures.session(sources: [[LessonFixtures.shipped]], language: language)
    let engine = session.lessonEngine()
    let lesson = try #require(engine.catalog.entry(id: "first-tick", language: language)?.lesson)
    let report = LessonRunner.runSolution(lesson, in: engine)
    #expect(report.problems == [])
    #expect(report.steps.count == 3)
    #expect(report.steps.map(\.checks.count) == [2, 2, 4])
    for step in report.steps {
      for c in step.checks { #expect(c.passed, "step \(step.index + 1): \(c.description) — \(c.detail ?? "")") }
    }
    #expect(report.passed)
    #expect(engine.progress.passed == [0, 1, 2])
  }

  /// Every message, command and question check of the fixture passes with its solution; the
  /// checks' own commands leave no trace: nothing journaled, no message recorded.
  @Test func theFixtureSolutionPassesEveryCheck() throws {
    let session = LessonFixtures.session()
    let engine = session.lessonEngine()
    let lesson = try #require(engine.catalog.entry(id: "bindings", language: "en")?.lesson)
    let report = LessonRunner.runSolution(lesson, in: engine)
    #expect(report.passed, "\(report.text)")
    #expect(
      report.text == """
        ✓ en/bindings step 1: The scheduler bound web.
        ✓ en/bindings step 1: you ran a command matching /^fake-bind web /
        ✓ en/bindings step 2: Which node is web bound to?
        ✓ en/bindings step 2: The record shows web bound to node-2.
        ✓ en/bindings step 2: you ran a command matching /^step$/
        ✓ en/bindings step 3: no message from scheduler pods/db-*/binding was recorded
        ✓ en/bindings step 3: How many pods did you bind?
        """)
    // Only the solutions' commands (answers are the workbook's own commands).
    #expect(engine.progress.journal.map(\.line) == ["fake-bind web node-2", "step", "fake-get web", "status"])
    let log = session.cluster.context.log
    let before = (log.nextSeq, log.recent.count)
    #expect(engine.evaluate().map(\.passed) == [true, true])
    #expect((log.nextSeq, log.recent.count) == before)
  }

  /// The batch script made from a solution passes every step when piped into `kubelab lesson ID`.
  @Test func theSolutionScriptPassesInBatchMode() throws {
    let data = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: data) }
    let catalog = LessonCatalog.load(sources: [[LessonFixtures.shipped]])
    let lesson = try #require(catalog.entry(id: "first-tick", language: "en")?.lesson)
    let script = LessonRunner.solutionScript(lesson)
    #expect(
      script.hasPrefix("# Step 1: Run one phase\nstep\ncheck\nnext\n# Step 2: Predict the next phase\nanswer store\n"))
    let r = try KubelabProcess.run(
      ["lesson", "first-tick", "--lang", "en"], stdin: script, environment: ["XDG_DATA_HOME": data])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("✓ Step 1/3 passed: Run one phase"))
    #expect(r.stdout.contains("✓ Step 2/3 passed: Predict the next phase"))
    #expect(r.stdout.contains("✓ Lesson complete: One tick, phase by phase."))
    #expect(FileManager.default.fileExists(atPath: data + "/kubelab/progress.json"))

    let all = try KubelabProcess.run(["lessons", "check-solutions"])
    #expect(all.status == 0, "\(all.stdout)")
    #expect(all.stdout.contains("✓ en/first-tick step 3: How many phases does one tick have?"))
    #expect(all.stdout.contains("✓ zh/first-tick step 3: 一个 tick 有几个阶段？"))
  }

  // MARK: - Failing checks

  @Test func aWrongAnswerFailsItsCheckAndIsExplained() {
    let s = LessonFixtures.session()
    s.type("lesson start bindings")
    s.type("fake-bind web node-2")
    s.type("next")
    let wrong = s.type("answer node-1")
    #expect(
      wrong == """
        ✗ Not quite.
        You bound it yourself, to node-2.
        Try again with `answer …` (`hint` gives a hint).

        """)
    let check = s.type("check")
    #expect(check.contains("✗ Which node is web bound to? — not answered correctly yet"))
    #expect(!(s.workbook?.progress.isPassed(1) ?? true))
    #expect(s.type("answer 2") == "✓ Correct.\n")
    #expect(s.type("check").contains("✓ Which node is web bound to?"))
  }

  /// A prediction answered after the cluster moved does not count, until the step starts again.
  @Test func aPredictionCountsOnlyBeforeTheClusterMoves() {
    let s = LessonFixtures.session()
    s.type("lesson start bindings")
    s.type("fake-bind web node-2")
    s.type("next")
    s.type("step")
    #expect(s.type("answer node-2").hasPrefix("That is right, but it was a prediction"))
    #expect(s.type("check").contains("✗ Which node is web bound to? — answered after the cluster moved"))
    s.type("back")
    s.type("next")
    #expect(s.type("answer node-2") == "✓ Correct.\n")
    let out = s.type("step")
    #expect(out.contains("✓ Step 2/3 passed: Predict, then look"))
  }

  /// Moving on without passing a step leaves it failing; what is done in a later step does not
  /// count for it ("since the step began").
  @Test func aSkippedStepFailsItsChecks() throws {
    let s = LessonFixtures.session()
    s.type("lesson start bindings")
    let next = s.type("next")
    #expect(
      next.hasPrefix(
        "Step 1 is not passed yet — moving on anyway; `back` returns to it.\n\nStep 2/3 · Predict, then look"))
    s.type("fake-bind web node-2")
    s.type("back")
    let engine = try #require(s.workbook)
    let results = engine.evaluate()
    #expect(results.map(\.passed) == [false, false])
    #expect(
      s.type("check") == """
        ✗ The scheduler bound web.
        ✗ you ran a command matching /^fake-bind web /
        0 of 2 checks pass.

        """)
    #expect(engine.progress.passed == [])
    #expect(s.type("lesson list").contains("bindings  0/3 steps"))
  }

  @Test func aPassedStepIsAnnouncedOnce() {
    let s = LessonFixtures.session()
    s.type("lesson start bindings")
    let first = s.type("fake-bind web node-2")
    #expect(
      first == """
        pod/web-\(first.dropFirst("pod/web-".count).prefix(5)) bound to node-2

        ✓ Step 1/3 passed: Bind a pod
        Type `next` for step 2: Predict, then look

        """)
    let second = s.type("fake-bind web node-1")
    #expect(!second.contains("passed"))
    #expect(s.type("check").hasSuffix("This step is passed already.\n"))
  }

  @Test func theLastStepCompletesTheLesson() {
    let s = LessonFixtures.session()
    s.type("lesson start bindings")
    s.type("fake-bind web node-2")
    s.type("next")
    s.type("answer node-2")
    s.type("step")
    s.type("next")
    #expect(
      s.type("answer one")
        == "✓ Correct.\n✓ Step 3/3 passed: Nothing more\n✓ Lesson complete: Watching bindings (a fixture). `lesson list` shows what to do next.\n"
    )
    #expect(
      s.type("next")
        == "This is the last step.\n✓ Lesson complete: Watching bindings (a fixture). `lesson list` shows what to do next.\n"
    )
    #expect(s.type("lesson list").contains("bindings  ✓ done"))
  }

  // MARK: - Hints and solutions

  @Test func hintsComeOneAtATimeAndTheSolutionAfterThem() {
    let s = LessonFixtures.session()
    s.type("lesson start bindings")
    #expect(s.type("solution") == "The solution comes after every hint: 2 hints remain (type `hint`).\n")
    #expect(s.type("hint") == "Hint 1/2: Bind the pod web.\n")
    #expect(s.type("solution") == "The solution comes after every hint: 1 hint remains (type `hint`).\n")
    #expect(
      s.type("hint")
        == "Hint 2/2: Type: fake-bind web node-2\n(That was the last hint: `solution` shows the solution.)\n")
    #expect(s.type("hint") == "No more hints (all 2 shown). `solution` shows the solution.\n")
    #expect(s.type("solution") == "Solution:\n  fake-bind web node-2\n")
    s.type("next")
    #expect(s.type("hint") == "This step has no hints. `solution` shows the solution.\n")
    #expect(s.type("solution") == "Solution:\n  answer node-2\n  step\n  fake-get web\n")
  }

  // MARK: - The list and the lesson commands

  @Test func lessonListShowsProgressAndMalformedLessons() {
    let s = LessonFixtures.session()
    let broken = LessonFixtures.engine + "/en/broken.md"
    #expect(
      s.type("lesson list") == """
        Lessons (en):
          bindings  not started  Watching bindings (a fixture)
          second    not started  A lesson that comes after bindings (after: bindings)

        Lessons with problems (fix them, or run `kubelab lessons lint`):
          \(broken):7: step "Nothing to check" has no checks (add a ```lesson block with checks:)

        `lesson start ID` starts or resumes a lesson.

        """)
    s.type("lesson start bindings")
    s.type("fake-bind web node-2")
    #expect(
      s.type("lesson list").hasPrefix(
        """
        Lessons (en):
          ▸ bindings  1/3 steps    Watching bindings (a fixture)
            second    not started  A lesson that comes after bindings (after: bindings)

        """))
    let zh = LessonFixtures.session(language: "zh")
    #expect(
      zh.type("lesson list") == """
        课程（zh）：
          second  未开始  在 bindings 之后

        `lesson start ID` 开始或继续一节课。

        """)
  }

  @Test func theEngineSpeaksTheLessonsLanguage() {
    let s = LessonFixtures.session(language: "zh")
    let start = s.type("lesson start second")
    #expect(start.hasPrefix("课程：在 bindings 之后（second）— 共 1 步\n\n第 1/1 步 · 状态\n"))
    #expect(s.type("status").contains("✓ 第 1/1 步通过：状态\n✓ 课程完成：在 bindings 之后。"))
  }

  /// A check without a description is described in the lesson's language.
  @Test func undescribedMessageChecksReadInChinese() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kubelab-zh-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try """
    ---
    id: words
    title: 措辞
    language: zh
    ---

    ## 一步

    ```lesson
    checks:
      - message: {from: scheduler, verb: POST, object: "pods/*/binding"}
      - message: {to: kubelet, kind: watch}
        absent: true
    ```

    """.write(to: dir.appendingPathComponent("words.md"), atomically: true, encoding: .utf8)
    let s = LessonFixtures.session(sources: [[dir.path]], language: "zh")
    s.type("lesson start words")
    let out = s.type("check")
    #expect(out.contains("✗ 消息记录里有：scheduler 发出的 POST pods/*/binding\n"))
    #expect(out.contains("✓ 消息记录里没有：发给 kubelet 的 [watch]\n"))
  }

  @Test func malformedAndUnknownLessonsAreErrorsNotCrashes() {
    let s = LessonFixtures.session()
    let sink = OutputSink()
    #expect(!s.execute("lesson start broken", out: sink))
    #expect(sink.stderr.hasPrefix("error: lesson \"broken\" has problems and cannot be started:\n  "))
    let unknown = OutputSink()
    #expect(!s.execute("lesson start bindngs", out: unknown))
    #expect(
      unknown.stderr == "error: no lesson \"bindngs\" (did you mean bindings?)\n`lesson list` shows the lessons.\n")
    let none = OutputSink()
    #expect(!s.execute("next", out: none))
    #expect(
      none.stderr == "error: no lesson in progress: `lesson list` shows the lessons, `lesson start ID` starts one.\n")
  }

  @Test func theCurrentStepIsShownWithItsQuestion() {
    let s = LessonFixtures.session()
    s.type("lesson start bindings")
    s.type("fake-bind web node-2")
    s.type("next")
    #expect(
      s.type("lesson") == """
        Step 2/3 · Predict, then look
        ─────────────────────────────

        Question: Which node is web bound to?
          1) node-1
          2) node-2
        This is a prediction: answer it with `answer` before the cluster moves (step/tick/run).

        (`check` checks your work · `hint` gives a hint · `next` moves on · `back` goes back)

        """)
  }

  @Test func lessonCommandsCompleteAndExplainTypos() {
    let s = LessonFixtures.session()
    #expect(s.complete("lesson st") == ["start", "stop"])
    #expect(s.complete("lesson start b") == ["bindings"])
    #expect(s.complete("lesson start ") == ["bindings", "second"])
    let sink = OutputSink()
    #expect(!s.execute("lesson strat bindings", out: sink))
    #expect(
      sink.stderr
        == "error: unknown lesson command \"strat\" (did you mean start?)\nUse `lesson list`, `lesson start ID`, `lesson reset` or `lesson stop`.\n"
    )
    // The workbook's own commands are not part of the lesson's journal; the learner's are.
    s.type("lesson start bindings")
    s.type("hint")
    s.type("status")
    s.type("help next")
    #expect(s.workbook?.progress.journal.map(\.line) == ["status"])
  }

  /// A fake console: the engine works without the REPL (commands are canned outputs).
  @Test func theEngineRunsOnAFakeConsole() throws {
    final class Canned: LessonConsole {
      var cluster = Cluster(
        options: {
          var o = ClusterOptions(); o.bootstrap = false; return o
        }())
      var outputs: [String: String] = ["probe": "ready\n"]
      weak var engine: LessonEngine?
      func rebuild(with options: ClusterOptions) {
        var o = options
        o.bootstrap = false
        cluster = Cluster(options: o)
      }
      func run(_ command: ConsoleCommand) -> ConsoleResult {
        let r = runQuietly(command)
        _ = engine?.learnerRan(command, success: r.success)
        return r
      }
      func runQuietly(_ command: ConsoleCommand) -> ConsoleResult {
        ConsoleResult(output: outputs[command.line] ?? "", success: outputs[command.line] != nil)
      }
      func read(_ command: ConsoleCommand) -> ConsoleResult { runQuietly(command) }
    }
    let text = """
      ---
      id: canned
      title: Canned
      language: en
      ---

      ## Probe

      ```lesson
      solution:
        - probe
      checks:
        - command: probe
          equals: ready
        - ran: "^probe$"
      ```
      """
    let (parsed, problems) = LessonParser.parse(text, file: "canned.md")
    #expect(problems.isEmpty)
    let lesson = try #require(parsed)
    let console = Canned()
    let engine = LessonEngine(console: console, sources: [], store: ProgressStore(path: nil), language: "en")
    console.engine = engine
    let report = LessonRunner.runSolution(lesson, in: engine)
    #expect(report.passed, "\(report.text)")
    console.outputs["probe"] = "not ready\n"
    engine.start(lesson, fresh: true)
    let results = engine.evaluate()
    #expect(results.map(\.passed) == [false, false])
    #expect(results[0].detail == "got: not ready")
  }
}

/// Every shipped lesson, in both languages: its reference solution, typed as a batch script
/// inside the lesson, passes every step.
struct ShippedLessonSolutionTests {
  static let catalog = LessonCatalog.load(
    sources: [[LessonFixtures.shipped]], knownCommands: Set(CommandRegistry.standard().names))

  @Test(arguments: LessonParser.languages)
  func everyShippedSolutionPassesInBatchMode(_ language: String) {
    let lessons = Self.catalog.lessons(language: language)
    #expect(!lessons.isEmpty)
    #expect(Self.catalog.malformed(language: language).map(\.file) == [])
    for lesson in lessons {
      let (output, passed) = LessonRunner.runInBatchMode(lesson, sources: [[LessonFixtures.shipped]])
      #expect(passed, "\(lesson.key):\n\(output)")
    }
  }

  /// The solution with one wrong answer (the first question of the first step that has one) and the
  /// last step skipped altogether: exactly those two steps stay unpassed, in every shipped lesson.
  @Test(arguments: LessonParser.languages)
  func aWrongAnswerOrASkippedStepFailsThatStep(_ language: String) throws {
    for lesson in Self.catalog.lessons(language: language) where lesson.steps.count >= 2 {
      let skipped = lesson.steps.count - 1
      let wrong = try #require(
        lesson.steps.indices.first { $0 != skipped && !lesson.steps[$0].questions.isEmpty },
        "\(lesson.key): no step but the last asks a question")
      var script: [String] = []
      for (i, step) in lesson.steps.enumerated() {
        if i != skipped {
          for (n, (_, q)) in step.questions.enumerated() {
            if i == wrong && n == 0 {
              let wrongChoice = q.choices.first { !q.accepts($0) }
              script.append("answer \(wrongChoice ?? "surely not the answer")")
            } else {
              script.append("answer \(q.answers[0])")
            }
          }
          for c in step.solution { script.append(c.input == nil ? c.line : c.text) }
        }
        if i + 1 < lesson.steps.count { script.append("next") }
      }
      let r = LessonRunner.runInBatchMode(
        lesson, script: script.joined(separator: "\n") + "\n", sources: [[LessonFixtures.shipped]])
      let expected = lesson.steps.indices.filter { $0 != wrong && $0 != skipped }
      #expect(r.passedSteps == expected, "\(lesson.key): wrong answer in step \(wrong + 1)\n\(r.output)")
    }
  }
}
