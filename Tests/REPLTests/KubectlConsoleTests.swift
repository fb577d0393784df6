// KubectlConsoleTests: kubectl in the console as a learner meets it — stderr and stdout in the order
// kubectl writes them, `kubectl help` of an unknown topic, and `kubectl rollout status` on an
// unfinished rollout with the `run until … rolled-out` condition that waits for exactly that.
import Foundation
import KubelabTestSupport
import REPL
import Testing

struct KubectlConsoleTests {
  static let unknownField = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: x
    spec:
      foo: bar
      containers:
      - name: app
        image: nginx
    """

  /// The warning kubectl takes from the response headers comes before the result it printed.
  @Test func warningComesBeforeTheResult() {
    let session = Session(options: SessionOptions())
    let out = OutputSink()
    #expect(session.execute("kubectl apply -f -", input: Self.unknownField, out: out))
    #expect(out.text == "Warning: unknown field \"spec.foo\"\npod/x created\n")
    #expect(out.stderr == "Warning: unknown field \"spec.foo\"\n")
  }

  /// In batch mode the streams stay apart: the warning on stderr, the result on stdout.
  @Test func batchModeKeepsTheStreamsApart() throws {
    let r = try KubelabProcess.run(
      ["--no-record"], stdin: "kubectl apply -f - <<EOF\n\(Self.unknownField)\nEOF\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "pod/x created\n")
    #expect(r.stderr == "Warning: unknown field \"spec.foo\"\n")
  }

  /// As the real kubectl v1.32: cobra prints the unknown topic (`%#q`) and the root's usage on
  /// stderr, and exits 0; words after a known command are ignored.
  @Test func helpOfAnUnknownTopic() {
    let session = Session(options: SessionOptions())
    let out = OutputSink()
    #expect(session.execute("kubectl help nosuch other", out: out))
    #expect(out.stderr == out.text)
    #expect(out.stderr.hasPrefix("Unknown help topic [`nosuch` `other`]\n\n\nBasic Commands (Beginner):\n"))
    #expect(!out.stderr.contains("kubectl controls the Kubernetes cluster manager."))
    #expect(
      out.stderr.hasSuffix(
        "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n"))

    let rollout = OutputSink()
    #expect(session.execute("kubectl help rollout nosuch", out: rollout))
    #expect(rollout.stderr.isEmpty)
    #expect(rollout.text.hasPrefix("Manage the rollout of one or many resources."))
  }

  @Test func rolloutStatusHintsAtTheRunUntilConditionThatMatchesIt() {
    let session = Session(options: SessionOptions())
    #expect(session.execute("kubectl create deployment web --image=nginx:1.14.2 --replicas=3", out: OutputSink()))
    #expect(session.execute("tick 2", out: OutputSink()))
    let status = OutputSink()
    #expect(!session.execute("kubectl rollout status deployment/web", out: status))
    let lines = status.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first?.hasPrefix("Waiting for deployment \"web\" rollout to finish: ") == true, "\(status.text)")
    #expect(
      status.stderr
        == "hint: KubeLab does not block here (the clock moves only when you run it): `run until deployment/web rolled-out` runs until this rollout is done\n"
    )

    // `run until … rolled-out` stops at the first phase where rollout status says done.
    let run = OutputSink()
    #expect(session.execute("run until deployment/web rolled-out", out: run))
    #expect(run.text.contains("deployment/web is rolled-out after "), "\(run.text)")
    let done = OutputSink()
    #expect(session.execute("kubectl rollout status deployment/web", out: done))
    #expect(done.text == "deployment \"web\" successfully rolled out\n")
    #expect(done.stderr.isEmpty)
    let again = OutputSink()
    #expect(session.execute("run until deployment/web rolled-out", out: again))
    #expect(again.text.contains("already holds"))

    // A new image: not rolled out until rollout status says so, one step at a time.
    #expect(session.execute("kubectl set image deployment/web nginx=nginx:1.16.1", out: OutputSink()))
    let pending = OutputSink()
    #expect(!session.execute("kubectl rollout status deployment/web", out: pending))
    #expect(pending.stderr.contains("`run until deployment/web rolled-out`"))
    var finished = false
    for _ in 0..<3000 where !finished {
      let check = OutputSink()
      finished = session.execute("kubectl rollout status deployment/web", out: check)
      // A zero timeout checks without running: it holds exactly when rollout status succeeded.
      let until = OutputSink()
      _ = session.execute("run until deployment/web rolled-out --timeout 0s", out: until)
      #expect(until.text.contains("already holds") == finished, "\(check.text) / \(until.text)")
      if !finished { #expect(session.execute("step", out: OutputSink())) }
    }
    #expect(finished)
  }

  @Test func runUntilRejectsRolledOutWhereNoStatusViewerExists() {
    let session = Session(options: SessionOptions())
    let out = OutputSink()
    #expect(!session.execute("run until replicaset/web rolled-out", out: out))
    #expect(out.stderr.contains("use one of ready, deleted"), "\(out.stderr)")
  }
}
