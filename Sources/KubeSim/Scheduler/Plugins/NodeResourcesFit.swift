// NodeResourcesFit: Filter checks the pod's requests against what is left of the node's
// allocatable (cpu, memory, ephemeral storage, extended resources, the pod count); Score is
// LeastAllocated (upstream plugins/noderesources/fit.go, least_allocated.go).

extension Plugins {
  final class NodeResourcesFit: Framework.FilterPlugin, Framework.ScorePlugin, Framework.EnqueueExtensions {
    let name = Plugins.nodeResourcesFit
    /// Upstream default scoring strategy: LeastAllocated over cpu and memory, weight 1 each.
    let resources = Plugins.defaultResources

    /// Upstream's reasons.
    static let tooManyPods = "Too many pods"
    static func insufficient(_ resource: String) -> String { "Insufficient \(resource)" }
    static let insufficientCPU = "Insufficient cpu"
    static let insufficientMemory = "Insufficient memory"
    static let insufficientEphemeralStorage = "Insufficient ephemeral-storage"

    /// Upstream `fitsRequest`: every shortage is a reason. The pod's requests were computed once
    /// in `PodInfo` (upstream keeps them in the PreFilter state).
    static func insufficientResources(_ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> [String] {
      var reasons: [String] = []
      if node.podCount + 1 > node.allocatable.allowedPodNumber { reasons.append(tooManyPods) }
      let want = pod.requests
      if want.milliCPU == 0 && want.memory == 0 && want.ephemeralStorage == 0 && want.scalarResources.isEmpty {
        return reasons
      }
      let alloc = node.allocatable
      let used = node.requested
      if want.milliCPU > 0 && want.milliCPU > alloc.milliCPU - used.milliCPU { reasons.append(insufficientCPU) }
      if want.memory > 0 && want.memory > alloc.memory - used.memory { reasons.append(insufficientMemory) }
      if want.ephemeralStorage > 0 && want.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage {
        reasons.append(insufficientEphemeralStorage)
      }
      for s in want.scalarResources where s.value != 0 {
        if s.value > alloc.scalar(s.name) - used.scalar(s.name) { reasons.append(insufficient(s.name)) }
      }
      return reasons
    }

    /// Upstream `haveAnyRequestedResourcesIncreased`: more pods allowed, or more of a resource
    /// the pod requests.
    static func anyRequestedResourceIncreased(
      _ pod: Framework.PodInfo, _ original: Framework.NodeInfo, _ modified: Framework.NodeInfo
    ) -> Bool {
      if modified.allowedPodNumber > original.allowedPodNumber { return true }
      if pod.requestMilliCPU > 0 && modified.allocatableMilliCPU > original.allocatableMilliCPU { return true }
      if pod.requestMemory > 0 && modified.allocatableMemory > original.allocatableMemory { return true }
      if pod.requestEphemeralStorage > 0 && modified.allocatableEphemeralStorage > original.allocatableEphemeralStorage
      {
        return true
      }
      for s in pod.requests.scalarResources where s.value > 0 {
        if modified.allocatable.scalar(s.name) > original.allocatable.scalar(s.name) { return true }
      }
      return false
    }

    func filter(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> Framework.Status
    {
      // The common case first, without building a list: everything fits.
      if node.podCount < node.allowedPodNumber && !pod.hasScalarRequests
        && pod.requestMilliCPU <= node.allocatableMilliCPU - node.requestedMilliCPU
        && pod.requestMemory <= node.allocatableMemory - node.requestedMemory
        && pod.requestEphemeralStorage <= node.allocatableEphemeralStorage - node.requestedEphemeralStorage
      {
        return .success
      }
      let reasons = Self.insufficientResources(pod, node)
      return reasons.isEmpty ? .success : Framework.Status(.unschedulable, reasons)
    }

    /// LeastAllocated over the non-zero requests (a container without requests counts as
    /// 100m / 200Mi), including the incoming pod.
    func score(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> (
      Int64, Framework.Status
    ) {
      var nodeScore: Int64 = 0
      var weightSum: Int64 = 0
      var i = 0
      while i < resources.count {
        let r = resources[i]
        i += 1
        let (allocatable, requested) = Plugins.allocatableAndRequested(
          node, r, podRequest: Plugins.podRequest(pod, r, nonZero: true), nonZero: true)
        if allocatable == 0 { continue }
        nodeScore += Plugins.leastRequestedScore(requested, allocatable) * r.weight
        weightSum += r.weight
      }
      return (weightSum == 0 ? 0 : nodeScore / weightSum, .success)
    }

    var scoreExtensions: Framework.ScoreExtensions? { nil }

    /// Upstream: an assigned pod deleted (or scaled down) may free room; a node added or whose
    /// allocatable, taints or labels changed is worth a retry if the pod fits its allocatable.
    func eventsToRegister() -> [Framework.ClusterEventWithHint] {
      [
        Framework.ClusterEventWithHint(
          event: Framework.ClusterEvent(
            resource: .assignedPod, actionType: [.delete, .updatePodScaleDown], label: "Pod"),
          hint: nil),
        Framework.ClusterEventWithHint(
          event: Framework.ClusterEvent(
            resource: .node, actionType: [.add, .updateNodeAllocatable, .updateNodeTaint, .updateNodeLabel],
            label: "Node"),
          hint: { pod, object in
            guard case .node(let old, let new) = object else { return .queue }
            // Upstream `isFit`: against the node's allocatable alone.
            let modified = Framework.NodeInfo(node: new, id: -1)
            if !NodeResourcesFit.insufficientResources(pod, modified).isEmpty { return .skip }
            guard let old else { return .queue }
            let original = Framework.NodeInfo(node: old, id: -1)
            return NodeResourcesFit.anyRequestedResourceIncreased(pod, original, modified) ? .queue : .skip
          }),
      ]
    }
  }
}
