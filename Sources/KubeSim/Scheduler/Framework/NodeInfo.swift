// NodeInfo: one node as the scheduler sees it — the Node and running sums over the pods on it
// (upstream framework.NodeInfo). Filter and Score read these sums; nothing is recomputed per pod.

extension Framework {
  /// A node with the sums of its pods' requests, its pod count, host ports and images.
  ///
  /// Trace: a 4-CPU node with one pod requesting 500m and one requesting nothing has
  /// `requested.milliCPU` 500 (what Filter checks) and `nonZeroRequestedMilliCPU` 600 (what
  /// LeastAllocated scores: the empty pod counts as 100m).
  final class NodeInfo {
    private(set) var node: Node
    let name: String
    /// A small integer unique within the cache, for cheap per-node sets.
    let id: Int
    private(set) var allocatable = Resource() {
      didSet {
        allocatableMilliCPU = allocatable.milliCPU
        allocatableMemory = allocatable.memory
        allocatableEphemeralStorage = allocatable.ephemeralStorage
        allowedPodNumber = allocatable.allowedPodNumber
      }
    }
    /// Upstream `Requested`: the pods' actual requests.
    private(set) var requested = Resource() {
      didSet {
        requestedMilliCPU = requested.milliCPU
        requestedMemory = requested.memory
        requestedEphemeralStorage = requested.ephemeralStorage
      }
    }
    // Copies of the hot fields above, so that Filter and Score read an integer rather than copy
    // a struct (this matters in debug builds, where nothing is inlined).
    private(set) var allocatableMilliCPU: Int64 = 0
    private(set) var allocatableMemory: Int64 = 0
    private(set) var allocatableEphemeralStorage: Int64 = 0
    private(set) var allowedPodNumber = 0
    private(set) var requestedMilliCPU: Int64 = 0
    private(set) var requestedMemory: Int64 = 0
    private(set) var requestedEphemeralStorage: Int64 = 0
    private(set) var podCount = 0
    /// Upstream `NonZeroRequested`: cpu and memory with the 100m / 200Mi defaults.
    private(set) var nonZeroRequestedMilliCPU: Int64 = 0
    private(set) var nonZeroRequestedMemory: Int64 = 0
    /// Pods on the node (bound, or assumed by this scheduler), by `namespace/name`.
    private(set) var pods: [String: PodInfo] = [:]
    private(set) var usedPorts = HostPortInfo()
    /// Image name → size in bytes, from `status.images` (every name of every image).
    private(set) var imageSizes: [String: Int64] = [:]
    /// Derived from the node so that Filter reads a field, not the object.
    private(set) var unschedulable = false
    private(set) var taints: [Taint] = []
    private(set) var hasPreferNoScheduleTaints = false
    private(set) var labels: [String: String] = [:]
    /// Bumped on every change (upstream `Generation`).
    private(set) var generation: Int64 = 0

    init(node: Node, id: Int) {
      self.node = node
      self.name = node.metadata.name
      self.id = id
      setNode(node)
    }

    /// Upstream `SetNode`. Heartbeats change only conditions; what is derived from the rest is
    /// recomputed only when that part changed.
    func setNode(_ new: Node) {
      let first = generation == 0
      let old = node
      node = new
      if first || old.status.allocatable != new.status.allocatable {
        // The apiserver defaults allocatable to capacity, so upstream reads allocatable only.
        allocatable = Resource(new.status.allocatable)
      }
      unschedulable = new.spec.unschedulable == true
      if first || old.spec.taints != new.spec.taints {
        taints = new.spec.taints
        hasPreferNoScheduleTaints = taints.contains { $0.effect == TaintEffect.preferNoSchedule }
      }
      if first || old.metadata.labels != new.metadata.labels { labels = new.metadata.labels ?? [:] }
      if first || old.status.images != new.status.images {
        var sizes: [String: Int64] = [:]
        for image in new.status.images {
          for n in image.names where sizes[n] == nil { sizes[n] = image.sizeBytes ?? 0 }
        }
        imageSizes = sizes
      }
      generation += 1
    }

    /// Upstream `AddPodInfo`.
    func addPod(_ pod: PodInfo) {
      if let old = pods[pod.key] { update(old, sign: -1) }
      update(pod, sign: 1)
      pods[pod.key] = pod
      podCount = pods.count
    }

    /// Upstream `RemovePod`. Returns false when the pod was not on this node.
    @discardableResult
    func removePod(_ key: String) -> Bool {
      guard let pod = pods.removeValue(forKey: key) else { return false }
      update(pod, sign: -1)
      podCount = pods.count
      return true
    }

    private func update(_ pod: PodInfo, sign: Int64) {
      requested.add(pod.requests, sign: sign)
      nonZeroRequestedMilliCPU += sign * pod.nonZeroMilliCPU
      nonZeroRequestedMemory += sign * pod.nonZeroMemory
      for p in pod.hostPorts {
        if sign > 0 { usedPorts.add(p) } else { usedPorts.remove(p) }
      }
      generation += 1
    }

    /// A copy that can be changed without touching the cache (preemption's dry runs).
    func clone() -> NodeInfo {
      let c = NodeInfo(node: node, id: id)
      c.requested = requested
      c.nonZeroRequestedMilliCPU = nonZeroRequestedMilliCPU
      c.nonZeroRequestedMemory = nonZeroRequestedMemory
      c.pods = pods
      c.podCount = podCount
      c.usedPorts = usedPorts
      return c
    }

    /// The pods sorted by key (deterministic iteration).
    var sortedPods: [PodInfo] { pods.keys.sorted().map { pods[$0]! } }
  }
}
