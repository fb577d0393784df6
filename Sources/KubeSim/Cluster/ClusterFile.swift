// ClusterFile: the cluster's shape written down (a `--cluster` file or a lesson's front matter):
//
//   seed: 7
//   workers: 3                # or a full list of nodes:
//   nodes:
//   - name: node-1
//     role: worker            # or control-plane (tainted NoSchedule unless taints are given)
//     cpu: "4"
//     memory: 8Gi
//     pods: 110
//     labels: {disktype: ssd}
//     taints: [{key: gpu, value: "true", effect: NoSchedule}]

public struct ClusterFileError: Error, CustomStringConvertible, Sendable {
  public let message: String
  public var description: String { message }
}

extension ClusterOptions {
  /// Reads a cluster description (YAML or JSON text) on top of the defaults.
  public static func parse(_ text: String, file: String = "cluster file") throws -> ClusterOptions {
    let docs: [YAMLDocument]
    do {
      docs = try YAMLReader.documents(text)
    } catch let e as YAMLSyntaxError {
      throw ClusterFileError(message: "\(file):\(e.line):\(e.column): \(e.message)")
    }
    guard let doc = docs.first else { return ClusterOptions() }
    return try from(doc.json, file: file, positions: doc)
  }

  /// Builds options from an already parsed tree (lessons' `cluster:` section).
  public static func from(_ json: JSON, file: String, positions: YAMLDocument? = nil) throws -> ClusterOptions {
    func fail(_ path: String, _ message: String) -> ClusterFileError {
      let pos = positions?.positions[path]
      return ClusterFileError(message: "\(file):\(pos.map { "\($0.line):\($0.column): " } ?? " ")\(path): \(message)")
    }
    guard case .object(let o) = json else { throw fail("", "expected a mapping of cluster settings") }
    var options = ClusterOptions()
    let known = ["seed", "workers", "controlPlanes", "nodes", "messageWindow"]
    for key in o.keys where !known.contains(key) {
      throw fail(key, "unknown setting (known: \(known.joined(separator: ", ")))")
    }
    if let s = o["seed"] {
      guard let v = s.intValue, v >= 0 else { throw fail("seed", "expected a non-negative integer") }
      options.seed = UInt64(v)
    }
    if let w = o["messageWindow"] {
      guard let v = w.intValue, v > 0 else { throw fail("messageWindow", "expected a positive integer") }
      options.messageWindow = Int(v)
    }
    let workers = try o["workers"].map { v -> Int in
      guard let n = v.intValue, (0...5000).contains(n) else { throw fail("workers", "expected 0 to 5000") }
      return Int(n)
    }
    let cps = try o["controlPlanes"].map { v -> Int in
      guard let n = v.intValue, (1...5).contains(n) else { throw fail("controlPlanes", "expected 1 to 5") }
      return Int(n)
    }
    if workers != nil || cps != nil {
      options.nodes = ClusterOptions.defaultNodes(workers: workers ?? 2, controlPlanes: cps ?? 1)
    }
    if let list = o["nodes"] {
      guard case .array(let items) = list else { throw fail("nodes", "expected a list of nodes") }
      var nodes: [NodeConfig] = []
      for (i, item) in items.enumerated() {
        let p = "nodes[\(i)]"
        guard case .object(let n) = item else { throw fail(p, "expected a mapping") }
        let allowed = ["name", "role", "cpu", "memory", "pods", "labels", "taints"]
        for key in n.keys where !allowed.contains(key) {
          throw fail("\(p).\(key)", "unknown node setting (known: \(allowed.joined(separator: ", ")))")
        }
        guard let name = n["name"]?.stringValue, NameValidation.isDNS1123Subdomain(name).isEmpty else {
          throw fail("\(p).name", "expected a node name (a DNS-1123 subdomain)")
        }
        if nodes.contains(where: { $0.name == name }) { throw fail("\(p).name", "duplicate node name \(name)") }
        let roleText = n["role"]?.stringValue ?? (nodes.isEmpty && items.count > 1 ? "control-plane" : "worker")
        guard let role = NodeConfig.Role(rawValue: roleText) else {
          throw fail("\(p).role", "expected control-plane or worker")
        }
        func quantity(_ key: String, _ fallback: Quantity) throws -> Quantity {
          guard let v = n[key] else { return fallback }
          let text: String
          switch v {
          case .string(let s): text = s
          case .int(let i): text = String(i)
          case .double(let d): text = String(d)
          default: throw fail("\(p).\(key)", "expected a quantity such as 4 or 8Gi")
          }
          do { return try Quantity.parse(text) } catch { throw fail("\(p).\(key)", "\(error)") }
        }
        let isCP = role == .controlPlane
        let cpu = try quantity("cpu", isCP ? Quantity(milli: 2000) : Quantity(milli: 4000))
        let memory = try quantity("memory", Quantity(value: (isCP ? 4 : 8) * 1024 * 1024 * 1024, format: .binarySI))
        let pods =
          try n["pods"].map { v -> Int in
            guard let k = v.intValue, k > 0 else { throw fail("\(p).pods", "expected a positive integer") }
            return Int(k)
          } ?? 110
        var labels: [String: String] = [:]
        if let l = n["labels"] {
          guard case .object(let lo) = l else { throw fail("\(p).labels", "expected a mapping of labels") }
          for (k, v) in lo {
            guard let s = v.stringValue ?? v.intValue.map({ String($0) }) ?? v.boolValue.map({ String($0) }) else {
              throw fail("\(p).labels.\(k)", "expected a string value")
            }
            labels[k] = s
          }
        }
        var taints: [Taint] = isCP ? [Taint(key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule")] : []
        if let t = n["taints"] {
          guard case .array(let ts) = t else { throw fail("\(p).taints", "expected a list of taints") }
          taints = []
          for (j, tj) in ts.enumerated() {
            do {
              taints.append(try TreeDecoder().decode(Taint.self, from: tj))
            } catch {
              throw fail("\(p).taints[\(j)]", "expected {key, value, effect}")
            }
            let effect = taints.last!.effect
            guard ["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(effect) else {
              throw fail("\(p).taints[\(j)].effect", "expected NoSchedule, PreferNoSchedule or NoExecute")
            }
          }
        }
        nodes.append(
          NodeConfig(
            name: name, role: role, cpu: cpu, memory: memory, pods: pods, labels: labels, taints: taints,
            internalIP: ClusterOptions.ip(i), podCIDR: ClusterOptions.podCIDR(i)))
      }
      guard nodes.contains(where: { $0.role == .controlPlane }) else {
        throw fail("nodes", "a cluster needs at least one control-plane node")
      }
      options.nodes = nodes
    }
    return options
  }
}
