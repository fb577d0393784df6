// NodeAffinity: Filter keeps nodes that match the pod's nodeSelector and required node affinity;
// Score adds the weights of the preferred terms a node matches (upstream plugins/nodeaffinity).

extension Plugins {
  final class NodeAffinity: Framework.PreFilterPlugin, Framework.FilterPlugin, Framework.PreScorePlugin,
    Framework.ScorePlugin, Framework.ScoreExtensions, Framework.EnqueueExtensions
  {
    let name = Plugins.nodeAffinity
    private static let preFilterStateKey = "PreFilter" + Plugins.nodeAffinity
    private static let preScoreStateKey = "PreScore" + Plugins.nodeAffinity

    /// Upstream `ErrReasonPod`.
    static let errReasonPod = "node(s) didn't match Pod's node affinity/selector"
    /// Upstream `errReasonConflict`: the required terms name disjoint sets of nodes.
    static let errReasonConflict = "pod affinity terms conflict"

    /// Upstream `RequiredNodeAffinity`: the nodeSelector's labels AND the required terms.
    struct RequiredNodeAffinity {
      var nodeSelector: [String: String]
      var required: NodeSelector?

      init(_ pod: Pod) {
        nodeSelector = pod.spec.nodeSelector
        required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      }

      func matches(name: String, labels: [String: String]) -> Bool {
        for (k, v) in nodeSelector where labels[k] != v { return false }
        if let required { return required.matches(labels: labels, nodeName: name) }
        return true
      }
    }

    /// Upstream `PreFilter`: Skip without a nodeSelector or required affinity; when every
    /// required term names nodes with `matchFields: metadata.name In`, only those are filtered.
    func preFilter(_ state: Framework.CycleState, _ pod: Framework.PodInfo) -> (
      Framework.PreFilterResult?, Framework.Status
    ) {
      let required = pod.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      if required == nil && pod.pod.spec.nodeSelector.isEmpty { return (nil, .skip) }
      state.write(Self.preFilterStateKey, RequiredNodeAffinity(pod.pod))
      guard let terms = required?.nodeSelectorTerms, !terms.isEmpty else { return (nil, .success) }
      var nodeNames: Set<String>? = nil
      for term in terms {
        var termNames: Set<String>? = nil
        for r in term.matchFields where r.key == "metadata.name" && r.operator == NodeSelectorOperator.in {
          let s = Set(r.values)
          termNames = termNames.map { $0.intersection(s) } ?? s
        }
        // A term without a node-name requirement lets every node through (the terms are ORed).
        guard let termNames else { return (nil, .success) }
        nodeNames = (nodeNames ?? []).union(termNames)
      }
      if let nodeNames, nodeNames.isEmpty {
        return (nil, Framework.Status(.unschedulableAndUnresolvable, Self.errReasonConflict))
      }
      return (Framework.PreFilterResult(nodeNames: nodeNames), .success)
    }

    func filter(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> Framework.Status
    {
      let required = state.read(Self.preFilterStateKey, as: RequiredNodeAffinity.self) ?? RequiredNodeAffinity(pod.pod)
      if required.matches(name: node.name, labels: node.labels) { return .success }
      return Framework.Status(.unschedulableAndUnresolvable, Self.errReasonPod)
    }

    /// Upstream `PreScore`: Skip when the pod has no preferred terms.
    func preScore(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ nodes: [Framework.NodeInfo])
      -> Framework.Status
    {
      let preferred = Self.preferredTerms(pod.pod)
      if preferred.isEmpty { return .skip }
      state.write(Self.preScoreStateKey, preferred)
      return .success
    }

    /// Upstream `NewPreferredSchedulingTerms`: terms with weight 0 are dropped.
    static func preferredTerms(_ pod: Pod) -> [PreferredSchedulingTerm] {
      (pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).filter { $0.weight != 0 }
    }

    /// Upstream `Score`: the sum of the weights of the preferred terms the node matches.
    func score(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo) -> (
      Int64, Framework.Status
    ) {
      let terms = state.read(Self.preScoreStateKey, as: [PreferredSchedulingTerm].self) ?? Self.preferredTerms(pod.pod)
      var count: Int64 = 0
      for t in terms where t.preference.matches(labels: node.labels, nodeName: node.name) { count += Int64(t.weight) }
      return (count, .success)
    }

    var scoreExtensions: Framework.ScoreExtensions? { self }

    /// Upstream: `DefaultNormalizeScore(MaxNodeScore, reverse: false)`.
    func normalizeScore(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ scores: inout [Int64])
      -> Framework.Status
    {
      Plugins.defaultNormalizeScore(Framework.maxNodeScore, reverse: false, &scores)
      return .success
    }

    /// Upstream: Node Add and label updates; worth a retry when the node now matches.
    func eventsToRegister() -> [Framework.ClusterEventWithHint] {
      [
        Framework.ClusterEventWithHint(
          event: Framework.ClusterEvent(resource: .node, actionType: [.add, .updateNodeLabel], label: "Node"),
          hint: { pod, object in
            guard case .node(let old, let new) = object else { return .queue }
            let required = RequiredNodeAffinity(pod.pod)
            func matches(_ n: Node) -> Bool {
              required.matches(name: n.metadata.name, labels: n.metadata.labels ?? [:])
            }
            // Upstream: only a node that starts to match is worth a retry.
            if !matches(new) { return .skip }
            if let old, matches(old) { return .skip }
            return .queue
          })
      ]
    }
  }
}
