// PrioritySort: the activeQ's order — higher priority first, then the pod queued earlier
// (upstream framework/plugins/queuesort/priority_sort.go).

extension Plugins {
  final class PrioritySort: Framework.QueueSortPlugin {
    let name = Plugins.prioritySort

    /// Upstream `Less`: p1 priority > p2 priority, or equal priorities and p1's timestamp earlier.
    func less(_ a: Framework.QueuedPodInfo, _ b: Framework.QueuedPodInfo) -> Bool {
      let pa = a.podInfo.priority
      let pb = b.podInfo.priority
      if pa != pb { return pa > pb }
      if a.timestamp != b.timestamp { return a.timestamp < b.timestamp }
      // Simulation: timestamps are whole seconds; the order of stamping breaks ties.
      return a.order < b.order
    }
  }
}
