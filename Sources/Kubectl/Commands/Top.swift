// Top: `kubectl top node|pod` — CPU and memory use. Upstream reads metrics-server, which scrapes
// each kubelet's `/stats/summary`; here `KubectlRunner.usageSummary` is that seam.
import KubeSim

enum Top {
  static func summaries(_ inv: Invocation) throws -> [String: UsageSummary] {
    guard let provider = inv.runner.usageSummary else { throw KubectlError.message("Metrics API not available") }
    var out: [String: UsageSummary] = [:]
    for n in try inv.list(Node.self) { if let s = provider(n.metadata.name) { out[n.metadata.name] = s } }
    return out
  }

  /// top_node.go and top_pod.go's Validate.
  static func validate(_ inv: Invocation, selectorMessage: String) throws {
    let sortBy = inv.flags.string("sort-by")
    if !sortBy.isEmpty && sortBy != "cpu" && sortBy != "memory" {
      throw KubectlError.message("--sort-by accepts only cpu or memory")
    }
    if !inv.args.isEmpty && (!inv.flags.string("selector").isEmpty || !inv.flags.string("field-selector").isEmpty) {
      throw KubectlError.message(selectorMessage)
    }
  }

  static func nodes(_ inv: Invocation) throws {
    try validate(inv, selectorMessage: "only one of NAME or --selector can be provided")
    let all = try summaries(inv)
    var nodes = try inv.list(Node.self, labelSelector: inv.flags.string("selector")).compactMap { $0 as? Node }
    if let name = inv.args.first { nodes = nodes.filter { $0.metadata.name == name } }
    if nodes.isEmpty, let name = inv.args.first {
      throw KubectlError.api(reason: "NotFound", message: "nodes \"\(name)\" not found")
    }
    var rows: [(Node, UsageSummary)] = nodes.compactMap { n in all[n.metadata.name].map { (n, $0) } }
    if rows.isEmpty, let name = inv.args.first {
      // metrics-server knows the node but has no metrics for it yet.
      throw KubectlError.api(reason: "NotFound", message: "nodemetrics.metrics.k8s.io \"\(name)\" not found")
    }
    if rows.isEmpty { throw KubectlError.message("metrics not available yet") }
    switch inv.flags.string("sort-by") {
    case "cpu": rows.sort { $0.1.nodeMilliCPU > $1.1.nodeMilliCPU }
    case "memory": rows.sort { $0.1.nodeMemoryBytes > $1.1.nodeMemoryBytes }
    default: break
    }
    var text = inv.flags.bool("no-headers") ? "" : "NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n"
    for (n, s) in rows {
      let allocatable = inv.flags.bool("show-capacity") ? n.status.capacity : n.status.allocatable
      let cpuTotal = allocatable.milliCPU
      let memTotal = allocatable.memoryBytes
      let cpuPct = cpuTotal > 0 ? s.nodeMilliCPU * 100 / cpuTotal : 0
      let memPct = memTotal > 0 ? s.nodeMemoryBytes * 100 / memTotal : 0
      text +=
        "\(n.metadata.name)\t\(s.nodeMilliCPU)m\t\(cpuPct)%\t\(s.nodeMemoryBytes / (1024 * 1024))Mi\t\(memPct)%\t\n"
    }
    inv.out += TabWriter.table.format(text)
  }

  static func pods(_ inv: Invocation) throws {
    try validate(inv, selectorMessage: "only one of NAME or selector can be provided")
    let all = try summaries(inv)
    let allNamespaces = inv.flags.bool("all-namespaces")
    var usage: [UsageSummary.PodUsage] = all.keys.sorted().flatMap { all[$0]!.pods }
    usage = usage.filter { allNamespaces || $0.namespace == inv.namespace }
    if let name = inv.args.first { usage = usage.filter { $0.name == name } }
    if inv.flags.changed("selector") {
      let names = Set(
        try inv.list(Pod.self, namespace: inv.listNamespace, labelSelector: inv.flags.string("selector")).map(\.key))
      usage = usage.filter { names.contains("\($0.namespace)/\($0.name)") }
    }
    usage.sort { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
    if usage.isEmpty {
      // metrics-server answers a pod it does not know with the pod's NotFound, a pod without
      // metrics yet with its own; a list without metrics makes kubectl look at the pods' ages.
      if let name = inv.args.first {
        _ = try inv.get(Pod.self, name)
        throw KubectlError.api(
          reason: "NotFound", message: "podmetrics.metrics.k8s.io \"\(inv.namespace)/\(name)\" not found")
      }
      let pods = try inv.list(
        Pod.self, namespace: inv.namespace, labelSelector: inv.flags.string("selector"),
        fieldSelector: inv.flags.string("field-selector"))
      if !pods.isEmpty {
        for p in pods {
          let age = p.metadata.creationTimestamp.map { HumanDuration.secondsBetween($0, inv.now) } ?? 0
          if age > metricsCreationDelay {
            throw KubectlError.message(
              "Metrics not available for pod \(p.metadata.namespace)/\(p.metadata.name), age: \(goDuration(age))")
          }
        }
        throw KubectlError.message("metrics not available yet")
      }
      inv.err += allNamespaces ? "No resources found\n" : "No resources found in \(inv.namespace) namespace.\n"
      return
    }
    let cpu: (UsageSummary.PodUsage) -> Int64 = { $0.containers.reduce(0) { $0 + $1.milliCPU } }
    let mem: (UsageSummary.PodUsage) -> Int64 = { $0.containers.reduce(0) { $0 + $1.memoryBytes } }
    switch inv.flags.string("sort-by") {
    case "cpu": usage.sort { cpu($0) > cpu($1) }
    case "memory": usage.sort { mem($0) > mem($1) }
    default: break
    }
    let containers = inv.flags.bool("containers")
    var header = ["NAME", "CPU(cores)", "MEMORY(bytes)"]
    if containers { header = ["POD", "NAME", "CPU(cores)", "MEMORY(bytes)"] }
    if allNamespaces { header.insert("NAMESPACE", at: 0) }
    var text = inv.flags.bool("no-headers") ? "" : header.joined(separator: "\t") + "\t\n"
    for p in usage {
      let ns = allNamespaces ? "\(p.namespace)\t" : ""
      if containers {
        for c in p.containers {
          text += "\(ns)\(p.name)\t\(c.name)\t\(c.milliCPU)m\t\(c.memoryBytes / (1024 * 1024))Mi\t\n"
        }
      } else {
        text += "\(ns)\(p.name)\t\(cpu(p))m\t\(mem(p) / (1024 * 1024))Mi\t\n"
      }
    }
    inv.out += TabWriter.table.format(text)
  }

  /// top_pod.go's metricsCreationDelay: a pod older than this should have metrics.
  static let metricsCreationDelay: Int64 = 120

  /// Go's `time.Duration.String()` for whole seconds: `45s`, `2m5s`, `1h0m30s`.
  static func goDuration(_ seconds: Int64) -> String {
    let h = seconds / 3600
    let m = seconds % 3600 / 60
    let s = seconds % 60
    if h > 0 { return "\(h)h\(m)m\(s)s" }
    if m > 0 { return "\(m)m\(s)s" }
    return "\(s)s"
  }
}
