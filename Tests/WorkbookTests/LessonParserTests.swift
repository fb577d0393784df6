// Tests of the lesson file format: the shipped example, the README's copy of it, heredocs, answers.
import Foundation
import KubeSim
import REPL
import Testing
import Workbook

struct LessonParserTests {
  static func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  @Test func parsesTheExampleLesson() throws {
    let file = LessonFixtures.shipped + "/en/first-tick.md"
    let (lesson, problems) = LessonParser.parse(try Self.read(file), file: file)
    #expect(problems.isEmpty, "\(problems)")
    let l = try #require(lesson)
    #expect(l.id == "first-tick")
    #expect(l.title == "One tick, phase by phase")
    #expect(l.language == "en")
    #expect(l.key == "en/first-tick")
    #expect(l.summary.hasPrefix("Step through the six phases"))
    #expect(l.prerequisites.isEmpty)
    #expect(l.cluster.seed == 7)
    #expect(l.cluster.nodes.map(\.name) == ["control-plane", "node-1", "node-2"])
    #expect(l.setup == [ConsoleCommand(line: "run 5s", sourceLine: 11)])
    #expect(l.introduction.hasPrefix("The cluster is paused between two ticks."))
    #expect(l.steps.map(\.title) == ["Run one phase", "Predict the next phase", "Finish the tick and read the record"])
    #expect(l.steps.map(\.line) == [17, 39, 64])

    let s1 = l.steps[0]
    #expect(s1.prose.hasPrefix("`step` runs the next phase"))
    #expect(!s1.prose.contains("```"))
    #expect(s1.commands.map(\.line) == ["step", "status"])
    #expect(s1.hints.count == 2)
    #expect(s1.solution.map(\.line) == ["step"])
    guard case .ran(let pattern, nil) = s1.checks[0].kind else {
      Issue.record("expected a ran check")
      return
    }
    #expect(pattern == "^step( 1)?$")
    #expect(s1.checks[0].description == "You ran one phase with `step`.")
    guard case .command(let command, .matches(let re)) = s1.checks[1].kind else {
      Issue.record("expected a command check")
      return
    }
    #expect(command == "status")
    #expect(re == "Last phase: +report")

    let q = try #require(l.steps[1].questions.first?.question)
    #expect(q.text == "Which phase runs right after report?")
    #expect(q.choices == ["store", "schedule", "dispatch", "reconcile"])
    #expect(q.answers == ["store"])
    #expect(q.predict)
    #expect(
      q.explanation.hasPrefix(
        "Requests wait in the apiserver's queue until the next store phase, where they are admitted"))

    let s3 = l.steps[2]
    guard case .message(let filter, let absent) = s3.checks[1].kind else {
      Issue.record("expected a message check")
      return
    }
    #expect(filter == MessageFilter(from: "scheduler", verb: "POST", object: "pods/*/binding"))
    #expect(absent)
    let q3 = try #require(s3.questions.first)
    #expect(q3.index == 3)
    #expect(q3.question.answers == ["6", "six"])
    #expect(!q3.question.predict)
  }

  /// lessons/README.md shows the example in full: it must be the shipped file, byte for byte.
  @Test func theReadmeShowsTheShippedExample() throws {
    let readme = try Self.read(LessonFixtures.shipped + "/README.md")
    let begin = try #require(readme.range(of: "<!-- example:begin -->\n````markdown\n"))
    let end = try #require(readme.range(of: "````\n<!-- example:end -->"))
    let shown = String(readme[begin.upperBound..<end.lowerBound])
    #expect(shown == (try Self.read(LessonFixtures.shipped + "/en/first-tick.md")))
  }

  @Test func theShippedLessonsLintClean() {
    let catalog = LessonCatalog.load(
      sources: [[LessonFixtures.shipped]], knownCommands: Set(CommandRegistry.standard().names))
    #expect(catalog.problems.map(\.description) == [])
    #expect(catalog.lessons(language: "en").map(\.id).contains("first-tick"))
    #expect(catalog.lessons(language: "zh").map(\.id).contains("first-tick"))
  }

  /// Every shipped lesson exists in both languages (the same ids). Each language's lesson is written
  /// for its readers — its own order, scenario and checks — so only the ids must agree.
  @Test func theShippedLessonsExistInBothLanguages() {
    let catalog = LessonCatalog.load(sources: [[LessonFixtures.shipped]])
    let en = catalog.lessons(language: "en")
    let zh = catalog.lessons(language: "zh")
    #expect(en.map(\.id).sorted() == zh.map(\.id).sorted())
  }

  @Test func scriptsReadHeredocsAsTheConsoleDoes() throws {
    let script = """
      # apply a manifest
      kubectl apply -f - <<EOF
      kind: Pod
      EOF
      run until pod/web running

      kubectl apply -f - <<-'END'
      \tkind: Service
      \tEND
      """
    let commands = try ConsoleScript.parse(script, firstLine: 10)
    #expect(
      commands == [
        ConsoleCommand(line: "kubectl apply -f -", input: "kind: Pod\n", sourceLine: 11),
        ConsoleCommand(line: "run until pod/web running", sourceLine: 14),
        ConsoleCommand(line: "kubectl apply -f -", input: "kind: Service\n", sourceLine: 16),
      ])
    #expect(commands[0].text == "kubectl apply -f - <<EOF\nkind: Pod\nEOF")
    #expect(throws: ConsoleScript.ParseError.self) { try ConsoleScript.parse("kubectl apply -f - <<EOF\nkind: Pod\n") }
  }

  @Test(arguments: [
    ("store", true), ("  STORE ", true), ("1", true), ("2", false), ("schedule", false), ("", false),
  ])
  func answersAreComparedLoosely(_ given: String, _ accepted: Bool) {
    let q = LessonQuestion(
      text: "Next phase?", choices: ["store", "schedule"], answers: ["Store"], predict: true, explanation: "")
    #expect(q.accepts(given) == accepted)
  }

  @Test func stepsWithProseAndOtherCodeBlocksKeepThem() throws {
    let text = """
      ---
      id: prose
      title: Prose
      language: en
      ---
      # A heading in the introduction

      ## Apply a manifest

      Look at this manifest:

      ```yaml
      kind: Pod
      ## not a step
      ```

      ```lesson
      checks:
        - ran: "^status$"
      ```

      After the block.
      """
    let (lesson, problems) = LessonParser.parse(text, file: "prose.md")
    #expect(problems.isEmpty, "\(problems)")
    let l = try #require(lesson)
    #expect(l.introduction == "# A heading in the introduction")
    #expect(l.steps.count == 1)
    #expect(
      l.steps[0].prose == "Look at this manifest:\n\n```yaml\nkind: Pod\n## not a step\n```\n\n\nAfter the block.")
    #expect(l.steps[0].checks[0].line == 19)
  }
}

struct LessonMessagePhaseTests {
  static func lesson(phase: String) -> String {
    """
    ---
    id: phases
    title: Phases
    language: en
    ---

    ## Bind

    ```lesson
    checks:
      - message: {from: apiserver, to: scheduler, verb: "201", object: "pods/*/binding", phase: \(phase)}
    ```

    """
  }

  /// A message check may name the phase the message was sent in, as `messages --phase` does.
  @Test func aMessageCheckMayNameThePhase() throws {
    let (lesson, problems) = LessonParser.parse(Self.lesson(phase: "store"), file: "phases.md")
    #expect(problems.isEmpty, "\(problems)")
    guard case .message(let filter, _) = try #require(lesson).steps[0].checks[0].kind else {
      Issue.record("expected a message check")
      return
    }
    #expect(
      filter == MessageFilter(from: "apiserver", to: "scheduler", verb: "201", object: "pods/*/binding", phase: .store))
  }

  @Test func anUnknownPhaseIsAProblem() {
    let (_, problems) = LessonParser.parse(Self.lesson(phase: "stroe"), file: "phases.md")
    #expect(
      problems.map(\.description) == [
        "phases.md:11: message.phase: \"stroe\" is not a phase (report, store, schedule, dispatch, run, reconcile)"
      ])
  }
}

/// A command under `!` (expected to fail) is named, and so linted, by the command after the `!`.
@Test(arguments: [
  ("kubectl get pods", "kubectl"), ("! kubectl get pods --as alice", "kubectl"), ("!  stpe", "stpe"), ("!", ""),
])
func aConsoleCommandIsNamedByItsFirstWordAfterABang(_ line: String, _ name: String) {
  #expect(ConsoleCommand(line: line).name == name)
}

/// A `ran` check may also expect something of the output of the command the learner ran.
struct LessonRanOutputTests {
  static func lesson(_ extra: String) -> String {
    """
    ---
    id: ran-output
    title: Ran output
    language: en
    ---

    ## Look up

    ```lesson
    checks:
      - ran: '^kubectl exec client -- nslookup web$'
    \(extra)
    ```

    """
  }

  @Test func aRanCheckMayExpectAnOutput() throws {
    let (lesson, problems) = LessonParser.parse(Self.lesson("    contains: NXDOMAIN"), file: "ran.md")
    #expect(problems.isEmpty, "\(problems)")
    guard case .ran(let pattern, .contains(let text)) = try #require(lesson).steps[0].checks[0].kind else {
      Issue.record("expected a ran check with contains")
      return
    }
    #expect(pattern == "^kubectl exec client -- nslookup web$")
    #expect(text == "NXDOMAIN")
  }

  @Test func twoExpectationsAreAProblem() {
    let (_, problems) = LessonParser.parse(
      Self.lesson("    contains: NXDOMAIN\n    equals: x"), file: "ran.md")
    #expect(
      problems.map(\.description) == [
        "ran.md:11: a ran check takes one of equals, contains or matches, not equals and contains"
      ])
  }

  @Test func aBadRegularExpressionIsAProblem() {
    let (_, problems) = LessonParser.parse(Self.lesson("    matches: '(unclosed'"), file: "ran.md")
    #expect(problems.count == 1)
    #expect(problems.first?.description.hasPrefix("ran.md:12: ") == true, "\(problems)")
  }
}
