// NodePorts: a node fits only if the host ports the pod's containers claim are free there
// (upstream plugins/nodeports).

extension Plugins {
  final class NodePorts: Framework.PreFilterPlugin, Framework.FilterPlugin, Framework.EnqueueExtensions {
    let name = Plugins.nodePorts

    /// Upstream `ErrReason`.
    static let errReason = "node(s) didn't have free ports for the requested pod ports"

    /// Upstream `PreFilter`: Skip when no container claims a host port.
    func preFilter(_ state: Framework.CycleState, _ pod: Framework.PodInfo) -> (
      Framework.PreFilterResult?, Framework.Status
    ) {
      (nil, pod.hostPorts.isEmpty ? .skip : .success)
    }

    /// Upstream `fitsPorts`.
    func filter(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> Framework.Status
    {
      if node.usedPorts.isEmpty { return .success }
      for p in pod.hostPorts where node.usedPorts.conflicts(p) {
        return Framework.Status(.unschedulable, Self.errReason)
      }
      return .success
    }

    /// Upstream: an assigned pod's deletion helps when it held one of the wanted ports; Node Add always.
    func eventsToRegister() -> [Framework.ClusterEventWithHint] {
      [
        Framework.ClusterEventWithHint(
          event: Framework.ClusterEvent.assignedPodDelete,
          hint: { pod, object in
            guard case .pod(let old, _) = object, let deleted = old else { return .queue }
            var held = Framework.HostPortInfo()
            for p in Framework.PodInfo(deleted).hostPorts { held.add(p) }
            return pod.hostPorts.contains { held.conflicts($0) } ? .queue : .skip
          }),
        Framework.ClusterEventWithHint(event: Framework.ClusterEvent.nodeAdd, hint: nil),
      ]
    }
  }
}
