// DashboardSummary: what the dashboard shows — node allocation, pods by phase, workloads and their
// readiness, recent events and messages per edge — with a plain-text rendering for the REPL.

public struct DashboardSummary: Codable, Sendable, Hashable {
  /// Requests against allocatable on one node, as `kubectl describe node` sums them
  /// (non-terminated pods; percentages truncated).
  public struct NodeAllocation: Codable, Sendable, Hashable {
    public var name: String
    public var ready: Bool
    public var unschedulable: Bool
    public var roles: [String]
    public var cpuRequestsMilli: Int64
    public var cpuAllocatableMilli: Int64
    public var cpuPercent: Int
    public var memoryRequestsBytes: Int64
    public var memoryAllocatableBytes: Int64
    public var memoryPercent: Int
    public var pods: Int
    public var podCapacity: Int
  }

  /// How many pods are in a phase.
  public struct PhaseCount: Codable, Sendable, Hashable {
    public var phase: String
    public var count: Int
  }

  /// A Deployment, ReplicaSet, DaemonSet or Job with its readiness.
  public struct Workload: Codable, Sendable, Hashable {
    public var kind: String
    public var namespace: String
    public var name: String
    /// Pods wanted (Job: completions).
    public var desired: Int
    /// Pods ready (Job: succeeded).
    public var ready: Int
    /// `Ready`, `Progressing`, `Complete`, `Failed`, `Running`, `Scaled down`.
    public var status: String
  }

  /// One recent event.
  public struct EventLine: Codable, Sendable, Hashable {
    public var lastSeen: Time
    public var type: String
    public var reason: String
    /// `pod/web-7d4b9-x2x9k`.
    public var object: String
    public var namespace: String
    public var message: String
    public var count: Int
  }

  /// Messages between two components over the whole session.
  public struct EdgeCount: Codable, Sendable, Hashable {
    public var from: String
    public var to: String
    public var count: Int
  }

  public var tick: Int
  public var time: Time
  public var nodes: [NodeAllocation]
  public var pods: [PhaseCount]
  public var workloads: [Workload]
  public var events: [EventLine]
  public var messages: [EdgeCount]

  /// The text the REPL's `dashboard` command prints.
  public var text: String {
    var out = "Cluster at tick \(tick) (\(time.rfc3339))\n\n"
    out += Self.table(
      ["NODE", "STATUS", "ROLES", "CPU REQUESTS", "MEMORY REQUESTS", "PODS"],
      nodes.map { n in
        [
          n.name, (n.ready ? "Ready" : "NotReady") + (n.unschedulable ? ",SchedulingDisabled" : ""),
          n.roles.isEmpty ? "<none>" : n.roles.joined(separator: ","),
          "\(Self.cpu(n.cpuRequestsMilli)) / \(Self.cpu(n.cpuAllocatableMilli)) (\(n.cpuPercent)%)",
          "\(Self.memory(n.memoryRequestsBytes)) / \(Self.memory(n.memoryAllocatableBytes)) (\(n.memoryPercent)%)",
          "\(n.pods) / \(n.podCapacity)",
        ]
      })
    let total = pods.reduce(0) { $0 + $1.count }
    out += "\nPODS  \(total) in all: " + pods.map { "\($0.phase) \($0.count)" }.joined(separator: " · ") + "\n"
    let shown = workloads.filter { $0.kind != "ReplicaSet" || $0.desired > 0 }
    if !shown.isEmpty {
      out += "\n"
      out += Self.table(
        ["WORKLOAD", "NAMESPACE", "READY", "STATUS"],
        shown.map { ["\($0.kind.lowercased())/\($0.name)", $0.namespace, "\($0.ready)/\($0.desired)", $0.status] })
    }
    if !events.isEmpty {
      out += "\nRECENT EVENTS\n"
      out += Self.table(
        ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        events.map { e in
          [
            Self.age(from: e.lastSeen, to: time), e.type, e.reason, e.object,
            e.message + (e.count > 1 ? " (x\(e.count))" : ""),
          ]
        })
    }
    if !messages.isEmpty {
      out += "\nMESSAGES SINCE THE SESSION STARTED\n"
      out += Self.table(["FROM", "TO", "COUNT"], messages.map { [$0.from, $0.to, String($0.count)] })
    }
    return out
  }

  /// Columns padded to the widest cell plus three spaces, like kubectl's tables.
  static func table(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    var widths = [Int](repeating: 0, count: header.count)
    for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    return all.map { row in
      row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 3)
      }.joined()
    }.joined(separator: "\n") + "\n"
  }

  /// `850m`, `2`, `1500m`.
  static func cpu(_ milli: Int64) -> String { milli % 1000 == 0 ? "\(milli / 1000)" : "\(milli)m" }

  /// `170Mi`, `3.8Gi`, `0`.
  static func memory(_ bytes: Int64) -> String {
    if bytes == 0 { return "0" }
    let units: [(String, Int64)] = [("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)]
    for (unit, size) in units where bytes >= size {
      if bytes % size == 0 { return "\(bytes / size)\(unit)" }
      let tenths = bytes * 10 / size
      return "\(tenths / 10).\(tenths % 10)\(unit)"
    }
    return "\(bytes)"
  }

  /// kubectl's `HumanDuration` of the time between two instants (`5s`, `3m20s`, `2d4h`).
  static func age(from then: Time, to now: Time) -> String {
    let s = then.seconds(until: now)
    if s < -1 { return "<invalid>" }
    if s < 0 { return "0s" }
    if s < 120 { return "\(s)s" }
    let m = s / 60
    if m < 10 { return s % 60 == 0 ? "\(m)m" : "\(m)m\(s % 60)s" }
    if m < 180 { return "\(m)m" }
    let h = m / 60
    if h < 8 { return m % 60 == 0 ? "\(h)h" : "\(h)h\(m % 60)m" }
    if h < 48 { return "\(h)h" }
    if h < 24 * 8 { return h % 24 == 0 ? "\(h / 24)d" : "\(h / 24)d\(h % 24)h" }
    if h < 24 * 365 * 2 { return "\(h / 24)d" }
    if h < 24 * 365 * 8 { return "\(h / 24 / 365)y\(h / 24 % 365)d" }
    return "\(h / 24 / 365)y"
  }
}
