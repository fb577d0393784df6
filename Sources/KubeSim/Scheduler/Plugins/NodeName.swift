// NodeName: a pod that names a node (`spec.nodeName`) fits only that node (upstream plugins/nodename).
// Simulation note: as upstream, pods with a nodeName never reach the queue; the filter is kept
// for completeness (and for `explain`).

extension Plugins {
  final class NodeName: Framework.FilterPlugin, Framework.EnqueueExtensions {
    let name = Plugins.nodeName

    /// Upstream `ErrReason`.
    static let errReason = "node(s) didn't match the requested node name"

    func filter(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> Framework.Status
    {
      if pod.nodeName.isEmpty || pod.nodeName == node.name { return .success }
      return Framework.Status(.unschedulableAndUnresolvable, Self.errReason)
    }

    func eventsToRegister() -> [Framework.ClusterEventWithHint] {
      [
        Framework.ClusterEventWithHint(
          event: Framework.ClusterEvent(resource: .node, actionType: .add, label: "NodeAdd"),
          hint: { pod, object in
            guard case .node(_, let new) = object else { return .queue }
            return pod.pod.spec.nodeName == new.metadata.name ? .queue : .skip
          })
      ]
    }
  }
}
