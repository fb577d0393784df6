// TaintToleration: Filter rejects nodes with a NoSchedule/NoExecute taint the pod does not
// tolerate; Score prefers nodes with fewer untolerated PreferNoSchedule taints
// (upstream plugins/tainttoleration).

extension Plugins {
  final class TaintToleration: Framework.FilterPlugin, Framework.PreScorePlugin, Framework.ScorePlugin,
    Framework.ScoreExtensions, Framework.EnqueueExtensions
  {
    let name = Plugins.taintToleration
    private static let preScoreStateKey = "PreScore" + Plugins.taintToleration

    /// Upstream's reason: `node(s) had untolerated taint {key: value}`.
    static func errReason(_ taint: Taint) -> String { "node(s) had untolerated taint {\(taint.key): \(taint.value)}" }

    /// Upstream `DoNotScheduleTaintsFilterFunc`.
    static func isDoNotSchedule(_ t: Taint) -> Bool {
      t.effect == TaintEffect.noSchedule || t.effect == TaintEffect.noExecute
    }

    func filter(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> Framework.Status
    {
      if node.taints.isEmpty { return .success }
      guard let taint = pod.pod.spec.tolerations.firstUntoleratedTaint(in: node.taints, where: Self.isDoNotSchedule)
      else { return .success }
      return Framework.Status(.unschedulableAndUnresolvable, Self.errReason(taint))
    }

    /// Upstream `PreScore`: the tolerations that can tolerate PreferNoSchedule taints
    /// (effect PreferNoSchedule or empty).
    func preScore(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ nodes: [Framework.NodeInfo])
      -> Framework.Status
    {
      let tolerations = pod.pod.spec.tolerations.filter {
        $0.effect.isEmpty || $0.effect == TaintEffect.preferNoSchedule
      }
      state.write(Self.preScoreStateKey, tolerations)
      return .success
    }

    /// Upstream `Score`: how many PreferNoSchedule taints the pod does not tolerate (raw count).
    func score(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> (
      Int64, Framework.Status
    ) {
      if !node.hasPreferNoScheduleTaints { return (0, .success) }
      let tolerations =
        state.read(Self.preScoreStateKey, as: [Toleration].self)
        ?? pod.pod.spec.tolerations.filter { $0.effect.isEmpty || $0.effect == TaintEffect.preferNoSchedule }
      var count: Int64 = 0
      for t in node.taints where t.effect == TaintEffect.preferNoSchedule && !tolerations.tolerates(t) { count += 1 }
      return (count, .success)
    }

    var scoreExtensions: Framework.ScoreExtensions? { self }

    /// Upstream: `DefaultNormalizeScore(MaxNodeScore, reverse: true)` — fewer taints score higher.
    func normalizeScore(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ scores: inout [Int64])
      -> Framework.Status
    {
      Plugins.defaultNormalizeScore(Framework.maxNodeScore, reverse: true, &scores)
      return .success
    }

    /// Upstream: Node Add and taint updates; worth a retry when the pod now tolerates the node.
    func eventsToRegister() -> [Framework.ClusterEventWithHint] {
      [
        Framework.ClusterEventWithHint(
          event: Framework.ClusterEvent(resource: .node, actionType: [.add, .updateNodeTaint], label: "Node"),
          hint: { pod, object in
            guard case .node(let old, let new) = object else { return .queue }
            let tolerations = pod.pod.spec.tolerations
            func untolerated(_ n: Node) -> Bool {
              tolerations.firstUntoleratedTaint(in: n.spec.taints, where: TaintToleration.isDoNotSchedule) != nil
            }
            // Upstream: worth a retry only when the node went from untolerated to tolerated.
            let was = old.map(untolerated) ?? true
            return was && !untolerated(new) ? .queue : .skip
          })
      ]
    }
  }
}
