// BenchReport: the results of `kubelab bench` as a table of medians for people, or JSON for machines.
import Collections
import Foundation
import KubeSim

/// The machine the figures were taken on.
public struct MachineInfo: Sendable {
  public var cpus: Int
  public var cpuModel: String
  public var memoryGiB: Double

  public static func current() -> MachineInfo {
    var model = "unknown"
    if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
      let colon = line.firstIndex(of: ":")
    {
      model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return MachineInfo(
      cpus: ProcessInfo.processInfo.activeProcessorCount, cpuModel: model,
      memoryGiB: Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824)
  }

  public var line: String {
    "\(cpus) CPU\(cpus == 1 ? "" : "s") (\(cpuModel)), \(String(format: "%.0f", memoryGiB)) GiB"
  }
}

/// Renders results.
public enum BenchReport {
  /// The columns each scenario shows in the table.
  public static func metrics(_ scenario: BenchScenario) -> [Metric] {
    switch scenario {
    case .scale:
      return [
        Metric("nodes", "NODES"), Metric("pods", "PODS"), Metric("wall_s", "WALL", unit: "s", decimals: 2),
        Metric("cpu_s", "CPU", unit: "s", decimals: 2), Metric("ticks", "TICKS"),
        Metric("scheduled_s", "SCHEDULED", unit: "s", decimals: 2),
        Metric("pods_per_s", "PODS/S"), Metric("us_per_pod", "PER POD", unit: "µs", decimals: 1),
        Metric("messages", "MESSAGES"), Metric("messages_per_s", "MSGS/S"),
        Metric("peak_rss_mib", "PEAK RSS", unit: "MiB"), Metric("setup_s", "SETUP", unit: "s", decimals: 2),
      ]
    case .classroom:
      return [
        Metric("ticks", "TICKS"), Metric("tick_median_ms", "TICK", unit: "ms", decimals: 3),
        Metric("tick_p99_ms", "P99", unit: "ms", decimals: 3),
      ]
        + Phase.allCases.map { Metric("\($0)_median_us", "\($0)".uppercased(), unit: "µs", decimals: 1) }
        + [
          Metric("messages_per_tick", "MSGS/TICK", decimals: 1), Metric("peak_rss_mib", "PEAK RSS", unit: "MiB"),
        ]
    case .replay:
      return [
        Metric("commands", "COMMANDS"), Metric("wall_s", "WALL", unit: "s", decimals: 3),
        Metric("cpu_s", "CPU", unit: "s", decimals: 3),
        Metric("ms_per_command", "PER COMMAND", unit: "ms", decimals: 2), Metric("messages", "MESSAGES"),
        Metric("peak_rss_mib", "PEAK RSS", unit: "MiB"),
      ]
    case .start:
      return [Metric("wall_ms", "START TO EXIT", unit: "ms", decimals: 1)]
    }
  }

  /// A table per scenario: medians, one row per size.
  public static func table(_ results: [BenchResult], machine: MachineInfo) -> String {
    var out = "kubelab bench — \(machine.line)\n"
    var seen: [BenchScenario] = []
    for r in results where !seen.contains(r.scenario) { seen.append(r.scenario) }
    for scenario in seen {
      let rows = results.filter { $0.scenario == scenario }
      let runs = Set(rows.map(\.samples.count)).sorted().map(String.init).joined(separator: "/")
      out += "\n\(scenario.rawValue) (median of \(runs) run\(runs == "1" ? "" : "s"))\n"
      let columns = metrics(scenario)
      var cells = [columns.map { $0.unit.isEmpty ? $0.title : "\($0.title) (\($0.unit))" }]
      for r in rows {
        let m = r.median
        cells.append(columns.map { c in m[c.key].map { format($0, decimals: c.decimals) } ?? "-" })
      }
      let widths = cells[0].indices.map { i in cells.map { $0[i].count }.max() ?? 0 }
      for row in cells {
        out +=
          row.enumerated().map { i, cell in
            i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 3)
          }.joined() + "\n"
      }
    }
    return out
  }

  /// `1234567` → `1,234,567`; decimals as asked.
  static func format(_ v: Double, decimals: Int) -> String {
    if decimals > 0 { return String(format: "%.\(decimals)f", v) }
    let whole = Int64(v.rounded())
    let digits = String(abs(whole))
    var grouped = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { grouped += "," }
      grouped.append(ch)
    }
    return (whole < 0 ? "-" : "") + grouped
  }

  /// `{"machine": …, "results": [{"scenario": "scale", "nodes": 100, "runs": 3, "median": …, "samples": […]}]}`
  public static func json(_ results: [BenchResult], machine: MachineInfo, version: String) -> JSON {
    var top: OrderedDictionary<String, JSON> = [:]
    top["kubelab"] = .string(version)
    top["machine"] = .object([
      "cpus": .int(Int64(machine.cpus)), "cpuModel": .string(machine.cpuModel),
      "memoryGiB": Measurement.number((machine.memoryGiB * 10).rounded() / 10),
    ])
    top["results"] = .array(
      results.map { r in
        var o: OrderedDictionary<String, JSON> = ["scenario": .string(r.scenario.rawValue)]
        if let n = r.nodes { o["nodes"] = .int(Int64(n)) }
        o["runs"] = .int(Int64(r.samples.count))
        o["median"] = r.median.json
        o["samples"] = .array(r.samples.map(\.json))
        return .object(o)
      })
    return .object(top)
  }
}
