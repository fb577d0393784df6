import Foundation
import KubelabTestSupport
import Testing

struct BatchModeTests {
  @Test func exitsZeroWhenEveryCommandSucceeds() throws {
    let r = try KubelabProcess.run([], stdin: "# a comment\n\nstatus\nstep\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Tick:            0"))
    #expect(r.stdout.contains("[tick 1 · report]"))
  }

  @Test func exitsOneWhenACommandFailsAndNamesTheFix() throws {
    let r = try KubelabProcess.run([], stdin: "stpe\nstatus\n")
    #expect(r.status == 1)
    #expect(r.stderr.contains(#"error: unknown command "stpe""#))
    #expect(r.stderr.contains("step"))
    // Later commands still ran.
    #expect(r.stdout.contains("Tick:"))
  }

  @Test func echoPrintsEachCommandAfterAPrompt() throws {
    let r = try KubelabProcess.run(["--echo"], stdin: "step\n")
    #expect(r.stdout.hasPrefix("kubelab [tick 0]> step\n"))
  }

  /// `step N` prints a line for every phase it ran, also when the trace filter hides all of a
  /// phase's messages.
  @Test func stepShowsEveryPhaseUnderAFilteredTrace() throws {
    let r = try KubelabProcess.run(
      [], stdin: "kubectl create configmap c --from-literal=a=b\ntrace on --verb NONE\nstep 6\n")
    #expect(r.status == 0, "\(r.stderr)")
    let phases = r.stdout.split(separator: "\n").filter { $0.hasPrefix("[tick 1 · ") }
    #expect(
      phases.map { $0.prefix { $0 != "]" } + "]" }
        == ["report", "store", "schedule", "dispatch", "run", "reconcile"].map { "[tick 1 · \($0)]" })
    let dispatch = try #require(phases.first { $0.hasPrefix("[tick 1 · dispatch]") })
    // The configmap's ADDED event reaches its watchers, none of them traced.
    #expect(dispatch.hasSuffix(" none match the trace filter)"), "\(dispatch)")
    #expect(!r.stdout.contains("ADDED"))
  }

  /// A cluster built from the same seed and fed the same inputs produces byte-identical
  /// messages and output in two separate processes.
  @Test func twoProcessesWithTheSameSeedAgreeByteForByte() throws {
    let script = """
      kubectl apply -f - <<EOF
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: 3
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
            - name: web
              image: nginx:1.14.2
      EOF
      run 40s
      messages --body
      """
    let a = try KubelabProcess.run(["--seed", "42"], stdin: script)
    let b = try KubelabProcess.run(["--seed", "42"], stdin: script)
    #expect(a.stdout == b.stdout)
    #expect(a.stdout.count > 1000)
    let c = try KubelabProcess.run(["--seed", "43"], stdin: script)
    #expect(c.stdout != a.stdout, "a different seed should change names and ids")
  }
}

/// `! COMMAND` succeeds exactly when COMMAND fails, as in a shell; its output is unchanged.
struct InvertedCommandTests {
  @Test func aForbiddenRequestUnderBangSucceedsAndStillPrintsItsError() throws {
    let r = try KubelabProcess.run([], stdin: "! kubectl get pods --as alice\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains(#"User "alice" cannot list resource "pods""#))
  }

  @Test func aSucceedingCommandUnderBangFails() throws {
    let r = try KubelabProcess.run([], stdin: "! status\n")
    #expect(r.status == 1)
    #expect(r.stdout.contains("Tick:"))
  }

  @Test func aBangAloneIsAnError() throws {
    let r = try KubelabProcess.run([], stdin: "!\n")
    #expect(r.status == 1)
    #expect(r.stderr.contains("`!` needs a command to run"))
  }
}

/// `run until deployment/NAME available` waits for the deployment controller to observe the
/// latest spec: right after a scale, the old status must not count.
struct RunUntilDeploymentTests {
  @Test func availableAfterAScaleWaitsForTheNewReplicas() throws {
    let script = """
      kubectl create deployment web --image=nginx:1.14.2 --replicas=2
      run until deployment/web available
      kubectl scale deployment web --replicas=3
      run until deployment/web available
      kubectl get deployment web -o jsonpath={.status.availableReplicas}
      """
    let r = try KubelabProcess.run([], stdin: script + "\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("already holds"), "\(r.stdout)")
    #expect(r.stdout.hasSuffix("\n3"), "\(r.stdout)")
  }
}

/// An answer is free text: an apostrophe in it does not break the line as an unclosed quote.
struct AnswerWithApostropheTests {
  @Test func anAnswerWithAnApostropheIsAccepted() throws {
    let dir = KubelabProcess.scratch.appendingPathComponent("apostrophe-lessons/en")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let lesson = """
      ---
      id: apostrophe
      title: An apostrophe
      language: en
      ---

      ## Who answered

      ```lesson
      checks:
        - question: Whose address did the server see?
          choices: [the client pod's IP, the node's IP]
          answer: the client pod's IP
      ```
      """
    try lesson.write(to: dir.appendingPathComponent("apostrophe.md"), atomically: true, encoding: .utf8)
    let r = try KubelabProcess.run(
      ["lesson", "apostrophe", "--lessons", dir.deletingLastPathComponent().path],
      stdin: "answer the client pod's IP\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("✓ Correct."), "\(r.stdout)")
    #expect(!r.stderr.contains("unterminated"), "\(r.stderr)")
  }

  /// `kubelab lesson` without an id lists the lessons of the language, with progress.
  @Test(arguments: [("en", "Lessons (en):", "not started"), ("zh", "课程（zh）：", "未开始")])
  func lessonWithoutAnIdListsTheLessons(language: String, heading: String, notStarted: String) throws {
    let r = try KubelabProcess.run(["lesson", "--lang", language, "--no-record"], stdin: "")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == heading)
    for id in ["cluster-os", "apiserver", "etcd", "scheduler", "rolling-update"] {
      #expect(lines.contains { $0.hasPrefix("  \(id) ") && $0.contains(notStarted) }, "\(id) in \(r.stdout)")
    }
  }
}
