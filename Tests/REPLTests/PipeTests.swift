// PipeTests: `COMMAND | grep …`, `| head`, `| tail`, `| wc`, `| sort`, `| uniq` in batch mode, as
// learners copy them from the Kubernetes docs; other programs after `|` are a one-line error.
import Foundation
import KubelabTestSupport
import Testing

@testable import REPL

struct PipeTests {
  static let setup = "kubectl create deployment web --image=nginx:1.16.1 --replicas=3\nrun 15s\n"

  /// The output of `line` after the setup, and whether the batch succeeded.
  static func run(_ line: String) throws -> KubelabProcess.Result {
    try KubelabProcess.run(["--no-record"], stdin: setup + line + "\n")
  }

  @Test func grepKeepsTheMatchingLinesAndFailsWhenNoneMatch() throws {
    let r = try Self.run("kubectl get pods -A | grep web")
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").filter { $0.hasPrefix("default") }
    #expect(lines.count == 3)
    #expect(!r.stdout.contains("NAMESPACE"))
    #expect(!r.stdout.contains("kube-system"))
    let none = try Self.run("kubectl get pods | grep -i NOTHING-HERE")
    #expect(none.status == 1)
    #expect(none.stderr.isEmpty)
  }

  @Test func headTailWcSortAndUniq() throws {
    let r = try Self.run(
      """
      kubectl get pods -A --no-headers | wc -l
      kubectl get pods -A | head -n 2
      kubectl get pods -A --no-headers | tail -1
      kubectl get pods --no-headers | grep -c Running
      kubectl get pods -A --no-headers | sort -r | head -1
      kubectl get pods -o jsonpath={.items[*].status.phase} | wc -w
      """)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init).suffix(7)
    let out = Array(lines)
    // 3 web pods, and the kube-system pods of a 3-node cluster.
    #expect(Int(out[0]).map { $0 > 3 } == true, "\(out)")
    #expect(out[1].hasPrefix("NAMESPACE   "))
    #expect(out[2].hasPrefix("default "))
    #expect(out[3].hasPrefix("kube-system "))
    #expect(out[4] == "3")
    #expect(out[5].hasPrefix("kube-system   kube-scheduler-control-plane"))
    #expect(out[6] == "3")
  }

  @Test(arguments: [
    ("kubectl get pods | awk '{print $1}'", "error: \"awk\" cannot follow | in the kubelab console"),
    ("kubectl get pods |", "error: a command is missing after |"),
    ("kubectl get pods | grep", "error: grep: a pattern is missing"),
    ("kubectl get pods | head -n x", "error: head: invalid number of lines: 'x'"),
    ("kubectl get pods | grep -Z web", "error: grep: invalid option -- 'Z'"),
    ("kubectl get pods | grep '(' ", "error: grep: invalid regular expression \"(\""),
  ])
  func aFilterTheConsoleDoesNotHaveIsAOneLineError(line: String, error: String) throws {
    let r = try Self.run(line)
    #expect(r.status == 1)
    let errors = r.stderr.split(separator: "\n")
    #expect(errors.count == 1, "\(r.stderr)")
    #expect(errors.first?.hasPrefix(error) == true, "\(r.stderr)")
  }

  /// A quoted `|` is part of a word, not a pipe.
  @Test func aQuotedBarIsNotAPipe() {
    #expect(ShellWords.pipeline("kubectl exec web -- sh -c 'ps | grep nginx'").count == 1)
    #expect(ShellWords.pipeline("kubectl get pods | grep \"a|b\"") == ["kubectl get pods ", " grep \"a|b\""])
  }
}
