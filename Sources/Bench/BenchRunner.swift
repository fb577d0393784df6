// BenchRunner: runs each scenario's measured runs in child processes and takes the medians.
import Foundation
import KubeSim

/// The runs of one scenario at one size, and their medians.
public struct BenchResult: Sendable {
  public var scenario: BenchScenario
  /// Worker nodes (scale only).
  public var nodes: Int?
  public var samples: [Measurement]
  public var median: Measurement { Measurement.median(samples) }
}

/// Runs a `BenchPlan`: every measured run in a fresh child process of this executable.
public struct BenchRunner {
  public var plan: BenchPlan
  public var executable: String
  /// Told what is about to run (the console shows it on standard error).
  public var progress: (String) -> Void

  public init(plan: BenchPlan, executable: String = ChildProcess.executable, progress: @escaping (String) -> Void) {
    self.plan = plan
    self.executable = executable
    self.progress = progress
  }

  public func run() throws -> [BenchResult] {
    var results: [BenchResult] = []
    for scenario in plan.scenarios {
      switch scenario {
      case .scale:
        for n in plan.nodes { results.append(try measure(.scale, nodes: n, transcript: nil)) }
      case .replay:
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
          "kubelab-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("replay-\(plan.commands).json").path
        progress("replay: recording a transcript of \(plan.commands) commands")
        try ReplayBenchmark.prepare(commands: plan.commands, path: path)
        defer { try? FileManager.default.removeItem(at: dir) }
        results.append(try measure(.replay, nodes: nil, transcript: path))
      default:
        results.append(try measure(scenario, nodes: nil, transcript: nil))
      }
    }
    return results
  }

  func measure(_ scenario: BenchScenario, nodes: Int?, transcript: String?) throws -> BenchResult {
    let runs = plan.runs(for: scenario, nodes: nodes ?? 0)
    var samples: [Measurement] = []
    for i in 0..<runs {
      let what = nodes.map { "\(scenario.rawValue) \($0) nodes" } ?? scenario.rawValue
      progress("\(what): run \(i + 1) of \(runs)")
      if scenario == .start {
        samples.append(try StartupBenchmark.run(executable: executable))
        continue
      }
      let r = try ChildProcess.run(
        executable, plan.childArguments(scenario, nodes: nodes ?? 0, transcript: transcript))
      guard r.status == 0 else { throw BenchError("\(what): the measured run exited with status \(r.status)") }
      let line = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
      do {
        samples.append(try Measurement(json: try JSON.parse(line)))
      } catch {
        throw BenchError("\(what): cannot read the measured run's result: \(error)")
      }
    }
    return BenchResult(scenario: scenario, nodes: nodes, samples: samples)
  }
}
