import Foundation
import KubelabTestSupport
import Testing

/// `kubelab bench`: tiny runs of each scenario produce the JSON the issue asks for (no timings are
/// asserted: these are debug builds on shared machines).
struct BenchCommandTests {
  static func bench(_ args: [String]) throws -> (json: [String: Any], stderr: String) {
    let r = try KubelabProcess.run(["bench"] + args + ["--json"], stdin: "")
    #expect(r.status == 0, "\(r.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    return (try #require(object as? [String: Any]), r.stderr)
  }

  static func onlyResult(_ json: [String: Any], scenario: String) throws -> [String: Any] {
    let results = try #require(json["results"] as? [[String: Any]])
    #expect(results.count == 1)
    let r = try #require(results.first)
    #expect(r["scenario"] as? String == scenario)
    return r
  }

  @Test func classroomReportsEachTickAndPhase() throws {
    let (json, stderr) = try Self.bench(["classroom", "--runs", "1", "--ticks", "20"])
    let machine = try #require(json["machine"] as? [String: Any])
    #expect((machine["cpus"] as? Int ?? 0) >= 1)
    #expect(json["kubelab"] is String)
    let r = try Self.onlyResult(json, scenario: "classroom")
    #expect(r["runs"] as? Int == 1)
    #expect((r["samples"] as? [Any])?.count == 1)
    let median = try #require(r["median"] as? [String: Any])
    #expect(median["ticks"] as? Int == 20)
    for key in [
      "tick_median_ms", "tick_mean_ms", "tick_p99_ms", "report_median_us", "store_median_us", "schedule_median_us",
      "dispatch_median_us", "run_median_us", "reconcile_median_us", "messages_per_tick", "peak_rss_mib",
    ] {
      #expect(median[key] is NSNumber, "\(key) missing")
    }
    #expect(stderr.contains("classroom: run 1 of 1"))
  }

  @Test func scaleRunsUntilEveryPodIsRunning() throws {
    let (json, _) = try Self.bench(["scale", "--nodes", "3", "--pods-per-node", "2", "--runs", "1"])
    let r = try Self.onlyResult(json, scenario: "scale")
    #expect(r["nodes"] as? Int == 3)
    let median = try #require(r["median"] as? [String: Any])
    #expect(median["pods"] as? Int == 6)
    #expect(median["deployments"] as? Int == 1)
    #expect((median["ticks"] as? Int ?? 0) > 0)
    #expect((median["messages"] as? Int ?? 0) > 0)
    for key in ["wall_s", "pods_per_s", "messages_per_s", "peak_rss_mib", "setup_s"] {
      #expect(median[key] is NSNumber, "\(key) missing")
    }
  }

  @Test func replayVerifiesItsTranscript() throws {
    let (json, _) = try Self.bench(["replay", "--runs", "1", "--commands", "25"])
    let median = try #require(try Self.onlyResult(json, scenario: "replay")["median"] as? [String: Any])
    #expect(median["commands"] as? Int == 25)
    #expect((median["messages"] as? Int ?? 0) > 0)
    #expect((median["cpu_s"] as? Double ?? 0) > 0)
  }

  @Test func tableShowsMedians() throws {
    let r = try KubelabProcess.run(["bench", "classroom", "--runs", "1", "--ticks", "5"], stdin: "")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("classroom (median of 1 run)"))
    #expect(r.stdout.contains("TICK (ms)"))
  }

  @Test func unknownScenarioIsAnError() throws {
    let r = try KubelabProcess.run(["bench", "warp"], stdin: "")
    #expect(r.status != 0)
    #expect(r.stderr.contains(#"unknown scenario "warp""#))
  }
}
