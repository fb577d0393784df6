// ClusterOptions: the shape of the cluster to build — how kubeadm would have been run.

public struct ClusterOptions: Sendable {
  /// The seed of the cluster's one RNG: the same seed and inputs give the same session.
  public var seed: UInt64 = 1
  /// The machines; by default one control plane and two workers.
  public var nodes: [NodeConfig]
  /// The wall time the cluster was created at.
  public var start: Time = Time.parse("2026-01-01T00:00:00Z")!
  /// How many messages to keep in full (older ones are counted, not kept).
  public var messageWindow: Int = 200_000
  /// Run the control loop until the cluster has settled before the session starts.
  public var bootstrap = true

  public init(seed: UInt64 = 1, workers: Int = 2, controlPlanes: Int = 1) {
    self.seed = seed
    nodes = ClusterOptions.defaultNodes(workers: workers, controlPlanes: controlPlanes)
  }

  /// kubeadm's layout: control planes tainted NoSchedule, then workers `node-1`, `node-2` …
  public static func defaultNodes(
    workers: Int, controlPlanes: Int = 1, workerCPU: Quantity = Quantity(milli: 4000),
    workerMemory: Quantity = Quantity(value: 8 * 1024 * 1024 * 1024, format: .binarySI)
  ) -> [NodeConfig] {
    var nodes: [NodeConfig] = []
    for i in 0..<controlPlanes {
      let name = controlPlanes == 1 ? "control-plane" : "control-plane-\(i + 1)"
      nodes.append(
        NodeConfig(
          name: name, role: .controlPlane, cpu: Quantity(milli: 2000),
          memory: Quantity(value: 4 * 1024 * 1024 * 1024, format: .binarySI),
          taints: [Taint(key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule")],
          internalIP: Self.ip(nodes.count), podCIDR: "10.244.\(nodes.count).0/24"))
    }
    for i in 0..<workers {
      nodes.append(
        NodeConfig(
          name: "node-\(i + 1)", role: .worker, cpu: workerCPU, memory: workerMemory,
          internalIP: Self.ip(nodes.count), podCIDR: Self.podCIDR(nodes.count)))
    }
    return nodes
  }

  /// 192.168.56.10, .11, … then the next /24.
  static func ip(_ index: Int) -> String {
    let n = 10 + index
    return "192.168.\(56 + n / 250).\(n % 250)"
  }

  /// 10.244.N.0/24 for the first 256 nodes, then 10.245.…, like the controller-manager's allocator
  /// over a wider cluster CIDR.
  static func podCIDR(_ index: Int) -> String { "10.\(244 + index / 256).\(index % 256).0/24" }
}
