// ReplayBenchmark: `kubelab replay --verify` of a transcript of many console commands — a mix of
// kubectl reads and writes, steps, ticks and runs.
import Foundation
import KubeSim
import REPL
import Workbook

/// `kubelab bench replay`: how long verifying a long transcript takes.
public enum ReplayBenchmark {
  /// `count` console commands: rounds of twenty that create, scale, read and delete objects and
  /// move the clock.
  public static func commands(_ count: Int) -> [TranscriptInput] {
    var all: [TranscriptInput] = []
    var round = 0
    while all.count < count {
      round += 1
      let web = "web-\(round)"
      let cm = "settings-\(round)"
      all += [
        TranscriptInput("kubectl create deployment \(web) --image=nginx:1.27 --replicas=2"),
        TranscriptInput("step"),
        TranscriptInput("kubectl get pods"),
        TranscriptInput("tick"),
        TranscriptInput("kubectl scale deployment \(web) --replicas=3"),
        TranscriptInput("run 5s"),
        TranscriptInput("kubectl get deployments"),
        TranscriptInput(
          "kubectl apply -f -",
          input: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(cm)\ndata:\n  round: \"\(round)\"\n"),
        TranscriptInput("step"),
        TranscriptInput("kubectl get configmap \(cm) -o yaml"),
        TranscriptInput("kubectl describe deployment \(web)"),
        TranscriptInput("messages --last 3"),
        TranscriptInput("status"),
        TranscriptInput("kubectl get pods -o wide"),
        TranscriptInput("kubectl delete configmap \(cm)"),
        TranscriptInput("tick 2"),
        TranscriptInput("kubectl get nodes"),
        TranscriptInput("kubectl scale deployment \(web) --replicas=1"),
        TranscriptInput("run 3s"),
        TranscriptInput("kubectl delete deployment \(web)"),
      ]
    }
    return Array(all.prefix(count))
  }

  /// Records the transcript of `count` commands on the default cluster and writes it (JSON) to `path`.
  public static func prepare(commands count: Int, path: String) throws {
    let header = GoldenTranscript.header(name: "bench-replay-\(count)", cluster: ClusterOptions())
    let t = TranscriptSession.run(commands(count), header: header)
    let failed = t.commands.filter { !$0.success }
    guard failed.isEmpty else {
      throw BenchError("the replay transcript has failing commands: \(failed.map(\.line).joined(separator: "; "))")
    }
    do {
      try TranscriptFormat.json.render(t).write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
      throw BenchError("cannot write \(path): \(error)")
    }
  }

  /// One measured run: load the transcript and verify it against a fresh run, as `replay --verify` does.
  public static func run(path: String) throws -> Measurement {
    var verification: TranscriptSession.Verification! = nil
    let (wall, cpu) = try Stopwatch.measure {
      let file = try TranscriptFile.load(path)
      verification = TranscriptSession.verify(file.transcript)
    }
    if let d = verification.difference { throw BenchError("the transcript does not verify: \(d)") }
    var m = Measurement()
    m["commands"] = Double(verification.commands)
    m["messages"] = Double(verification.messages)
    m["wall_s"] = wall
    m["cpu_s"] = cpu
    m["ms_per_command"] = wall / Double(max(1, verification.commands)) * 1e3
    m["peak_rss_mib"] = Stopwatch.peakRSSMiB()
    return m
  }
}
