// NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory would be used in equal
// shares after placing the pod (upstream plugins/noderesources/balanced_allocation.go).

extension Plugins {
  final class NodeResourcesBalancedAllocation: Framework.ScorePlugin {
    let name = Plugins.nodeResourcesBalancedAllocation
    let resources = Plugins.defaultResources

    /// Upstream scores with the pods' actual requests (`useRequested`), not the non-zero defaults.
    /// Simulation note: as in v1.32, best-effort pods are scored too (v1.33 skips them).
    func score(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> (
      Int64, Framework.Status
    ) {
      // Two resources (the default) need no list: std = |f₁ − f₂| / 2.
      if resources.count == 2 {
        var fractions: (Double, Double) = (0, 0)
        var n = 0
        var i = 0
        while i < 2 {
          let r = resources[i]
          i += 1
          let (allocatable, requested) = Plugins.allocatableAndRequested(
            node, r, podRequest: Plugins.podRequest(pod, r, nonZero: false), nonZero: false)
          if allocatable == 0 { continue }
          let f = min(Double(requested) / Double(allocatable), 1)
          if n == 0 { fractions.0 = f } else { fractions.1 = f }
          n += 1
        }
        let std = n == 2 ? abs((fractions.0 - fractions.1) / 2) : 0
        return (Int64((1 - std) * Double(Framework.maxNodeScore)), .success)
      }
      var requested: [Int64] = []
      var allocatable: [Int64] = []
      for r in resources {
        let (a, req) = Plugins.allocatableAndRequested(
          node, r, podRequest: Plugins.podRequest(pod, r, nonZero: false), nonZero: false)
        allocatable.append(a)
        requested.append(a == 0 ? 0 : req)
      }
      return (Plugins.balancedAllocationScore(requested: requested, allocatable: allocatable), .success)
    }

    var scoreExtensions: Framework.ScoreExtensions? { nil }
  }
}
