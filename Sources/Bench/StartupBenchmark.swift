// StartupBenchmark: from starting `kubelab` to its first prompt — the cluster's bootstrap is most
// of it.
import Foundation

/// `kubelab bench start`: runs `kubelab --no-record` with `exit` as its only command.
///
/// Without a terminal kubelab runs its standard input as a script, so this times the same work
/// as start to first prompt (argument parsing, the cluster's bootstrap, the session) plus one
/// command and the exit; the line editor's own setup is not included.
public enum StartupBenchmark {
  public static func run(executable: String) throws -> Measurement {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kubelab-bench-start").path
    let r = try ChildProcess.run(
      executable, ["--no-record"], stdin: "exit\n",
      environment: ["XDG_STATE_HOME": scratch, "XDG_DATA_HOME": scratch, "NO_COLOR": "1"])
    guard r.status == 0 else { throw BenchError("kubelab --no-record exited with status \(r.status)") }
    var m = Measurement()
    m["wall_ms"] = r.wall * 1e3
    return m
  }
}
