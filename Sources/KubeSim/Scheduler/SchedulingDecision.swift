// SchedulingDecision: what one scheduling attempt of a pod looked at and concluded, for
// `explain pod/NAME` (a KubeLab addition; upstream only logs this at high verbosity).

/// One scheduling attempt: the nodes considered in order, what each Filter plugin said, the
/// scores of the feasible nodes, and the outcome.
///
/// Trace (3 nodes, a pod requesting 1 CPU): `control-plane` rejected by TaintToleration
/// (`node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }`), `node-1` and
/// `node-2` passed; each feasible node has one `PluginScore` per Score plugin (raw, normalized,
/// weight, weighted) and a total; `selectedNode` is the highest total (ties drawn at random).
public struct SchedulingDecision: Codable, Sendable, Hashable {
  /// How the attempt ended.
  public enum Outcome: String, Codable, Sendable {
    /// A node was chosen and the binding sent.
    case scheduled = "Scheduled"
    /// No node fits (`FailedScheduling`, PodScheduled=False reason Unschedulable).
    case unschedulable = "Unschedulable"
    /// Something else failed (no nodes at all, a plugin error, the binding failed).
    case error = "SchedulerError"
  }

  /// One Score plugin's view of one node.
  public struct PluginScore: Codable, Sendable, Hashable {
    public var plugin: String
    /// The plugin's own score (a count, a weight sum, or already 0–100).
    public var raw: Int64
    /// After NormalizeScore, 0–100.
    public var normalized: Int64
    public var weight: Int64
    /// weight × normalized: this plugin's share of the total.
    public var weighted: Int64
  }

  /// One node the attempt looked at.
  public struct NodeResult: Codable, Sendable, Hashable {
    public var node: String
    /// Passed every Filter plugin.
    public var feasible: Bool
    /// The Filter plugin that rejected the node (the first that did), if any.
    public var rejectedBy: String?
    /// `Unschedulable` or `UnschedulableAndUnresolvable` (preemption cannot help the latter).
    public var code: String?
    /// The rejecting plugin's reasons, e.g. `Insufficient cpu`.
    public var reasons: [String]
    /// One entry per Score plugin that ran; empty when the node was not scored.
    public var scores: [PluginScore]
    /// Σ weighted, for scored nodes.
    public var totalScore: Int64?
  }

  /// A Score plugin that ran, with its weight (the table's columns).
  public struct ScorePlugin: Codable, Sendable, Hashable {
    public var name: String
    public var weight: Int64
  }

  /// What preemption did for the pod.
  public struct Preemption: Codable, Sendable, Hashable {
    public var nominatedNode: String
    /// `namespace/name` of the pods evicted.
    public var victims: [String]
  }

  public var namespace: String
  public var pod: String
  /// The tick of the attempt.
  public var tick: Int
  /// Which attempt of this pod it was (1 for the first).
  public var attempt: Int
  /// Nodes in the scheduler's cache.
  public var numAllNodes: Int
  /// How many feasible nodes the search stopped at (upstream `numFeasibleNodesToFind`).
  public var numFeasibleNodesToFind: Int
  /// Where the search started in the node list (upstream `nextStartNodeIndex`).
  public var startIndex: Int
  /// The node from `status.nominatedNodeName`, tried alone first (after a preemption).
  public var nominatedNode: String?
  /// A PreFilter rejection that ended the attempt before any node was filtered.
  public var preFilterMessage: String?
  /// Plugins whose PreFilter/PreScore returned Skip.
  public var skippedFilterPlugins: [String]
  public var skippedScorePlugins: [String]
  public var scorePlugins: [ScorePlugin]
  /// The nodes looked at, in the order they were filtered.
  public var nodes: [NodeResult]
  public var feasibleNodes: Int
  public var selectedNode: String?
  public var outcome: Outcome
  /// The FitError (`0/3 nodes are available: …`) or error text; for success, the `Scheduled`
  /// event's message.
  public var message: String
  public var preemption: Preemption?
}

// MARK: - Recording

/// What `scheduleOne` keeps of an attempt: references to arrays it built anyway, turned into a
/// `SchedulingDecision` only when someone asks (so recording costs no per-node work).
struct DecisionRecord {
  var namespace = ""
  var pod = ""
  var tick = 0
  var attempt = 0
  var numAllNodes = 0
  var numFeasibleNodesToFind = 0
  var startIndex = 0
  var nominatedNode: String? = nil
  /// The nodes filtered (in order) and the feasible ones among them.
  var evaluated: [Framework.NodeInfo] = []
  var evaluatedStart = 0
  var evaluatedCount = 0
  var statuses = Framework.NodeToStatus()
  var feasible: [Framework.NodeInfo] = []
  var scores: Framework.ScoreTable? = nil
  var preFilterMessage: String? = nil
  var skippedFilterPlugins: [String] = []
  var skippedScorePlugins: [String] = []
  var selectedNode: String? = nil
  var outcome = SchedulingDecision.Outcome.error
  var message = ""
  var preemption: SchedulingDecision.Preemption? = nil

  func decision() -> SchedulingDecision {
    var rejected: [String: Framework.Status] = [:]
    for (node, status) in statuses.explicit { rejected[node] = status }
    var scoreRow: [String: Int] = [:]
    for (i, n) in feasible.enumerated() { scoreRow[n.name] = i }
    var nodes: [SchedulingDecision.NodeResult] = []
    for i in 0..<evaluatedCount {
      let n = evaluated[(evaluatedStart + i) % evaluated.count]
      var r = SchedulingDecision.NodeResult(
        node: n.name, feasible: true, rejectedBy: nil, code: nil, reasons: [], scores: [], totalScore: nil)
      if let s = rejected[n.name], !s.isSuccess {
        r.feasible = false
        r.rejectedBy = s.plugin.isEmpty ? nil : s.plugin
        r.code = s.code.description
        r.reasons = s.reasons
      } else if let row = scoreRow[n.name], let table = scores {
        for (p, plugin) in table.plugins.enumerated() {
          let normalized = table.normalized[p][row]
          r.scores.append(
            SchedulingDecision.PluginScore(
              plugin: plugin.name, raw: table.raw[p][row], normalized: normalized, weight: plugin.weight,
              weighted: normalized * plugin.weight))
        }
        r.totalScore = table.totals[row]
      }
      nodes.append(r)
    }
    return SchedulingDecision(
      namespace: namespace, pod: pod, tick: tick, attempt: attempt, numAllNodes: numAllNodes,
      numFeasibleNodesToFind: numFeasibleNodesToFind, startIndex: startIndex, nominatedNode: nominatedNode,
      preFilterMessage: preFilterMessage, skippedFilterPlugins: skippedFilterPlugins,
      skippedScorePlugins: skippedScorePlugins,
      scorePlugins: (scores?.plugins ?? []).map { SchedulingDecision.ScorePlugin(name: $0.name, weight: $0.weight) },
      nodes: nodes, feasibleNodes: feasible.count, selectedNode: selectedNode, outcome: outcome, message: message,
      preemption: preemption)
  }
}
