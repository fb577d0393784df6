// BenchCommand: `kubelab bench [SCENARIO…]` — benchmark figures (medians over runs) as a table or JSON.
import ArgumentParser
import Bench
import Foundation
import KubeSim

struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure the simulation: scale, a classroom tick, replay, start-up.",
    discussion: """
      Scenarios (default: all of them):
        scale      N worker nodes and Deployments of --pods-per-node pods per node, from
                   `kubectl apply` until every pod is Running (--nodes, default 100,1000,5000)
        classroom  the default cluster running the docs' nginx Deployment: each tick and phase
                   over --ticks ticks
        replay     `replay --verify` of a transcript of --commands console commands
        start      `kubelab --no-record` with `exit` as its only command (start to first prompt)

      Each measured run is a child process of its own (so peak RSS is the run's); the table shows
      medians over --runs runs (default 5, or 3 for scale runs of 1,000 nodes or more). Build with
      `swift build -c release` first: debug builds are many times slower. See BENCHMARKS.md.
      """)

  @Argument(help: "scale, classroom, replay or start (default: all).")
  var scenarios: [String] = []
  @Option(
    parsing: .singleValue,
    help: "Worker nodes of the scale scenario: repeat or separate with commas (default 100,1000,5000).")
  var nodes: [String] = []
  @Option(help: "Pods per node in the scale scenario (default 30).")
  var podsPerNode: Int = 30
  @Option(help: "Measured runs of each scenario and size.")
  var runs: Int?
  @Option(help: "Ticks the classroom scenario times (default 1000).")
  var ticks: Int = 1000
  @Option(help: "Commands in the replay scenario's transcript (default 500).")
  var commands: Int = 500
  @Option(help: "Messages kept in full (the cluster's message window; default 200000).")
  var window: Int = 200_000
  @Flag(help: "Print JSON instead of a table.")
  var json = false
  @Option(help: .hidden)
  var child: String?
  @Option(help: .hidden)
  var transcript: String?

  func validate() throws {
    for s in scenarios where BenchScenario(rawValue: s) == nil {
      throw ValidationError("unknown scenario \"\(s)\": use scale, classroom, replay or start")
    }
    guard podsPerNode > 0 else { throw ValidationError("--pods-per-node must be positive") }
    guard ticks > 0, commands > 0, window > 0 else {
      throw ValidationError("--ticks, --commands and --window must be positive")
    }
    if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
    _ = try nodeCounts()
  }

  func nodeCounts() throws -> [Int] {
    let words = nodes.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
    return try words.map { w in
      guard let n = Int(w.replacingOccurrences(of: "_", with: "")), (1...5000).contains(n) else {
        throw ValidationError("--nodes: \"\(w)\" is not a number of worker nodes from 1 to 5000")
      }
      return n
    }
  }

  func run() throws {
    var plan = BenchPlan()
    if !scenarios.isEmpty { plan.scenarios = scenarios.compactMap(BenchScenario.init(rawValue:)) }
    let counts = try nodeCounts()
    if !counts.isEmpty { plan.nodes = counts }
    plan.podsPerNode = podsPerNode
    plan.runs = runs
    plan.ticks = ticks
    plan.commands = commands
    plan.window = window

    if let child {
      guard let scenario = BenchScenario(rawValue: child) else { throw ValidationError("unknown scenario \(child)") }
      do {
        let m = try plan.runChild(scenario, transcript: transcript)
        print(m.json.compactText)
      } catch {
        printError("error: \(error)")
        throw ExitCode(1)
      }
      return
    }
    let results: [BenchResult]
    do {
      results = try BenchRunner(plan: plan) { printError($0) }.run()
    } catch {
      printError("error: \(error)")
      throw ExitCode(1)
    }
    let machine = MachineInfo.current()
    if json {
      print(BenchReport.json(results, machine: machine, version: KubeLabVersion.string).indentedText())
    } else {
      print(BenchReport.table(results, machine: machine), terminator: "")
    }
  }
}
