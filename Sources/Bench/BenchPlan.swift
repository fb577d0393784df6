// BenchPlan: which scenarios `kubelab bench` runs, at which sizes, how many times — and the one
// measured run a child process performs.
import Foundation

/// A benchmark scenario of `kubelab bench`.
public enum BenchScenario: String, CaseIterable, Sendable {
  /// N nodes and Deployments of 30 pods per node, from apply until every pod is Running.
  case scale
  /// The default cluster with the nginx Deployment: the cost of a tick and of each phase.
  case classroom
  /// `replay --verify` of a long transcript.
  case replay
  /// `kubelab` from exec to its first prompt (with `exit` as its only command).
  case start
}

/// What to measure.
public struct BenchPlan: Sendable {
  public var scenarios: [BenchScenario] = BenchScenario.allCases
  /// Worker nodes of the scale scenario, one size after another.
  public var nodes: [Int] = [100, 1000, 5000]
  public var podsPerNode = 30
  /// Measured runs of each size; nil: 5, or 3 for scale runs of 1,000 nodes or more.
  public var runs: Int? = nil
  /// Ticks the classroom scenario times.
  public var ticks = 1000
  /// Commands of the replay scenario's transcript.
  public var commands = 500
  /// Messages kept in full (`ClusterOptions.messageWindow`).
  public var window = 200_000

  public init() {}

  public func runs(for scenario: BenchScenario, nodes: Int = 0) -> Int {
    if let runs { return max(1, runs) }
    return scenario == .scale && nodes >= 1000 ? 3 : 5
  }

  /// The arguments of `kubelab bench --child …` for one measured run.
  func childArguments(_ scenario: BenchScenario, nodes: Int, transcript: String?) -> [String] {
    var args = ["bench", "--child", scenario.rawValue, "--window", String(window)]
    switch scenario {
    case .scale: args += ["--nodes", String(nodes), "--pods-per-node", String(podsPerNode)]
    case .classroom: args += ["--ticks", String(ticks)]
    case .replay: args += ["--transcript", transcript ?? ""]
    case .start: break
    }
    return args
  }

  /// The measured run of a child process (`kubelab bench --child SCENARIO …`), in this process.
  public func runChild(_ scenario: BenchScenario, transcript: String?) throws -> Measurement {
    switch scenario {
    case .scale: return try ScaleBenchmark.run(nodes: nodes.first ?? 100, podsPerNode: podsPerNode, window: window)
    case .classroom: return try ClassroomBenchmark.run(ticks: ticks, window: window)
    case .replay:
      guard let transcript else { throw BenchError("--child replay needs --transcript FILE") }
      return try ReplayBenchmark.run(path: transcript)
    case .start: return try StartupBenchmark.run(executable: ChildProcess.executable)
    }
  }
}
