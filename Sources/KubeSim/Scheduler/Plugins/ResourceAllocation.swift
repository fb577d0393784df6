// ResourceAllocation: the scorers shared by NodeResourcesFit (LeastAllocated) and
// NodeResourcesBalancedAllocation (upstream noderesources/resource_allocation.go,
// least_allocated.go, balanced_allocation.go's scorer).

extension Plugins {
  /// Upstream `ResourceSpec`: a resource name and its weight in the score.
  struct ResourceSpec: Sendable {
    enum Kind: Sendable { case cpu, memory, ephemeralStorage, other }
    let name: String
    let weight: Int64
    let kind: Kind

    init(name: String, weight: Int64) {
      self.name = name
      self.weight = weight
      switch name {
      case ResourceName.cpu: kind = .cpu
      case ResourceName.memory: kind = .memory
      case ResourceName.ephemeralStorage: kind = .ephemeralStorage
      default: kind = .other
      }
    }
  }

  /// Upstream default for both scorers: cpu and memory, weight 1 each.
  static let defaultResources = [
    ResourceSpec(name: ResourceName.cpu, weight: 1), ResourceSpec(name: ResourceName.memory, weight: 1),
  ]

  /// Upstream `calculateResourceAllocatableRequest`: (allocatable, requested + the pod's request)
  /// for one resource. `nonZero` picks the sums with the 100m / 200Mi defaults (LeastAllocated);
  /// otherwise the actual requests (BalancedAllocation). A scalar resource the pod does not
  /// request is left out (0, 0).
  static func allocatableAndRequested(
    _ node: Framework.NodeInfo, _ resource: ResourceSpec, podRequest: Int64, nonZero: Bool
  ) -> (Int64, Int64) {
    switch resource.kind {
    case .cpu:
      let requested = nonZero ? node.nonZeroRequestedMilliCPU : node.requestedMilliCPU
      return (node.allocatableMilliCPU, requested + podRequest)
    case .memory:
      let requested = nonZero ? node.nonZeroRequestedMemory : node.requestedMemory
      return (node.allocatableMemory, requested + podRequest)
    case .ephemeralStorage:
      return (node.allocatableEphemeralStorage, node.requestedEphemeralStorage + podRequest)
    case .other:
      let name = resource.name
      if podRequest == 0 && Framework.Resource.isScalarResourceName(name) { return (0, 0) }
      if node.allocatable.hasScalar(name) {
        return (node.allocatable.scalar(name), node.requested.scalar(name) + podRequest)
      }
      return (0, 0)
    }
  }

  /// The pod's request of `resource`: with the non-zero defaults (LeastAllocated) or actual.
  static func podRequest(_ pod: Framework.PodInfo, _ resource: ResourceSpec, nonZero: Bool) -> Int64 {
    switch resource.kind {
    case .cpu: return nonZero ? pod.nonZeroMilliCPU : pod.requestMilliCPU
    case .memory: return nonZero ? pod.nonZeroMemory : pod.requestMemory
    case .ephemeralStorage: return pod.requestEphemeralStorage
    case .other: return pod.requests.scalar(resource.name)
    }
  }

  /// Upstream `leastRequestedScore`: the free share of the resource after placing the pod, 0...100
  /// (integer arithmetic). NodeResourcesFit averages it over cpu and memory by weight
  /// (upstream `leastResourceScorer`).
  ///
  /// Trace: a 4000m / 8Gi node with 1000m and 2Gi requested after placing the pod scores
  /// cpu (3000·100/4000 = 75) and memory (6·100/8 = 75): (75 + 75) / 2 = 75.
  static func leastRequestedScore(_ requested: Int64, _ capacity: Int64) -> Int64 {
    if capacity == 0 || requested > capacity { return 0 }
    return (capacity - requested) * Framework.maxNodeScore / capacity
  }

  /// Upstream `balancedResourceScorer`: 100 × (1 − the standard deviation of the requested
  /// fractions). With two resources the deviation is |f₁ − f₂| / 2.
  ///
  /// Trace: cpu 2000/4000 = 0.5, memory 6Gi/8Gi = 0.75 → std 0.125 → int64(0.875 × 100) = 87.
  static func balancedAllocationScore(requested: [Int64], allocatable: [Int64]) -> Int64 {
    var fractions: [Double] = []
    var total = 0.0
    for i in requested.indices where allocatable[i] != 0 {
      let f = min(Double(requested[i]) / Double(allocatable[i]), 1)
      total += f
      fractions.append(f)
    }
    var std = 0.0
    if fractions.count == 2 {
      std = abs((fractions[0] - fractions[1]) / 2)
    } else if fractions.count > 2 {
      let mean = total / Double(fractions.count)
      var sum = 0.0
      for f in fractions { sum += (f - mean) * (f - mean) }
      std = (sum / Double(fractions.count)).squareRoot()
    }
    return Int64((1 - std) * Double(Framework.maxNodeScore))
  }
}
