// NodeUnschedulable: a cordoned node (`spec.unschedulable`) takes only pods that tolerate the
// `node.kubernetes.io/unschedulable:NoSchedule` taint (upstream plugins/nodeunschedulable).

extension Plugins {
  final class NodeUnschedulable: Framework.FilterPlugin, Framework.EnqueueExtensions {
    let name = Plugins.nodeUnschedulable

    /// Upstream `ErrReasonUnschedulable`.
    static let errReasonUnschedulable = "node(s) were unschedulable"
    static let unschedulableTaint = Taint(key: WellKnownTaint.nodeUnschedulable, effect: TaintEffect.noSchedule)

    func filter(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> Framework.Status
    {
      if !node.unschedulable { return .success }
      if pod.pod.spec.tolerations.tolerates(Self.unschedulableTaint) { return .success }
      return Framework.Status(.unschedulableAndUnresolvable, Self.errReasonUnschedulable)
    }

    /// Upstream: Node Add and taint updates (spec.unschedulable counts as one); the pod is worth
    /// retrying when the node is no longer cordoned.
    func eventsToRegister() -> [Framework.ClusterEventWithHint] {
      [
        Framework.ClusterEventWithHint(
          event: Framework.ClusterEvent(resource: .node, actionType: [.add, .updateNodeTaint], label: "Node"),
          hint: { pod, object in
            guard case .node(let old, let new) = object else { return .queue }
            if pod.pod.spec.tolerations.tolerates(Self.unschedulableTaint) { return .queue }
            // Added schedulable, or uncordoned.
            let wasUnschedulable = old.map { $0.spec.unschedulable == true } ?? true
            return wasUnschedulable && new.spec.unschedulable != true ? .queue : .skip
          })
      ]
    }
  }
}
