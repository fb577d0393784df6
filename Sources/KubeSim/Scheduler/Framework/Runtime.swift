// Runtime: runs a profile's plugins at each extension point (upstream framework/runtime/framework.go).

extension Framework {
  /// What plugins may use of the scheduler (upstream `framework.Handle`).
  protocol Handle: AnyObject {
    var cache: SchedulerCache { get }
    var nominator: Nominator { get }
    var client: APIClient { get }
    var recorder: EventRecorder { get }
    var context: SimContext { get }
    var framework: Runtime { get }
  }

  /// The raw, normalized and weighted scores of one cycle: one column per Score plugin that ran,
  /// one row per feasible node (upstream `NodePluginScores`, kept column-wise).
  struct ScoreTable {
    var plugins: [(name: String, weight: Int64)] = []
    /// `raw[p][n]`: plugin p's score of node n before NormalizeScore.
    var raw: [[Int64]] = []
    /// `normalized[p][n]`: after NormalizeScore (0...100).
    var normalized: [[Int64]] = []
    /// Σ weight × normalized, per node.
    var totals: [Int64] = []
  }

  /// One scheduling profile (`default-scheduler`): its plugins in upstream's default order.
  final class Runtime {
    let profileName: String
    /// `percentageOfNodesToScore`: 0 means adaptive.
    var percentageOfNodesToScore: Int32 = 0
    private(set) var queueSortPlugin: QueueSortPlugin
    private(set) var preEnqueuePlugins: [PreEnqueuePlugin] = []
    private(set) var preFilterPlugins: [PreFilterPlugin] = []
    private(set) var filterPlugins: [FilterPlugin] = []
    private(set) var postFilterPlugins: [PostFilterPlugin] = []
    private(set) var preScorePlugins: [PreScorePlugin] = []
    private(set) var scorePlugins: [(plugin: ScorePlugin, weight: Int64)] = []
    private(set) var bindPlugins: [BindPlugin] = []
    /// Every plugin, in registration order.
    private(set) var allPlugins: [Plugin] = []

    init(profileName: String, queueSort: QueueSortPlugin) {
      self.profileName = profileName
      self.queueSortPlugin = queueSort
      allPlugins = [queueSort]
    }

    /// Registers `plugin` at every extension point it implements (upstream's `multiPoint`).
    func register(_ plugin: Plugin, weight: Int64 = 1) {
      allPlugins.append(plugin)
      if let p = plugin as? PreEnqueuePlugin { preEnqueuePlugins.append(p) }
      if let p = plugin as? PreFilterPlugin { preFilterPlugins.append(p) }
      if let p = plugin as? FilterPlugin { filterPlugins.append(p) }
      if let p = plugin as? PostFilterPlugin { postFilterPlugins.append(p) }
      if let p = plugin as? PreScorePlugin { preScorePlugins.append(p) }
      if let p = plugin as? ScorePlugin { scorePlugins.append((p, weight)) }
      if let p = plugin as? BindPlugin { bindPlugins.append(p) }
    }

    var hasFilterPlugins: Bool { !filterPlugins.isEmpty }
    var hasPostFilterPlugins: Bool { !postFilterPlugins.isEmpty }
    var hasScorePlugins: Bool { !scorePlugins.isEmpty }

    // MARK: - PreEnqueue

    /// Upstream `RunPreEnqueuePlugins`: the first non-success keeps the pod out of the activeQ.
    func runPreEnqueuePlugins(_ pod: PodInfo) -> Status {
      for pl in preEnqueuePlugins {
        let s = pl.preEnqueue(pod)
        if !s.isSuccess { return s.with(plugin: pl.name) }
      }
      return .success
    }

    // MARK: - PreFilter and Filter

    /// Upstream `RunPreFilterPlugins`: merges the plugins' node restrictions; an
    /// UnschedulableAndUnresolvable answer stops at once, an Unschedulable one is returned after
    /// the rest have run. Also returns the plugins that restricted the nodes.
    func runPreFilterPlugins(_ state: CycleState, _ pod: PodInfo) -> (PreFilterResult?, Status, [String]) {
      var result: PreFilterResult? = nil
      var returnStatus = Status.success
      var pluginsWithNodes: [String] = []
      for pl in preFilterPlugins {
        let (r, s) = pl.preFilter(state, pod)
        if s.isSkip {
          state.skipFilterPlugins.insert(pl.name)
          continue
        }
        if !s.isSuccess {
          let named = s.with(plugin: pl.name)
          if s.code == .unschedulableAndUnresolvable { return (nil, named, []) }
          if s.code == .unschedulable {
            returnStatus = named
            continue
          }
          return (nil, Status(.error, "running PreFilter plugin \"\(pl.name)\": \(s.message)", plugin: pl.name), [])
        }
        guard let r else { continue }
        if !r.allNodes { pluginsWithNodes.append(pl.name) }
        result = result.map { $0.merge(r) } ?? r
        if let names = result?.nodeNames, names.isEmpty {
          let msg =
            pluginsWithNodes.count == 1
            ? "node(s) didn't satisfy plugin \(pluginsWithNodes[0])"
            : "node(s) didn't satisfy plugin(s) [\(pluginsWithNodes.joined(separator: " "))] simultaneously"
          return (result, Status(.unschedulableAndUnresolvable, msg), pluginsWithNodes)
        }
      }
      state.activeFilterPlugins = filterPlugins.filter { !state.skipFilterPlugins.contains($0.name) }
      return (result, returnStatus, pluginsWithNodes)
    }

    /// Upstream `RunFilterPlugins`: the first plugin that rejects the node answers for it.
    func runFilterPlugins(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Status {
      let plugins = state.activeFilterPlugins ?? filterPlugins
      var i = 0
      while i < plugins.count {
        let pl = plugins[i]
        i += 1
        let s = pl.filter(state, pod, node)
        if !s.isSuccess {
          if !s.isRejected {
            return Status(.error, "running \"\(pl.name)\" filter plugin: \(s.message)", plugin: pl.name)
          }
          return s.with(plugin: pl.name)
        }
      }
      return .success
    }

    /// Upstream `RunFilterPluginsWithNominatedPods`: when pods of equal or higher priority are
    /// nominated to the node, the pod must fit both with them counted and without them.
    func runFilterPluginsWithNominatedPods(
      _ state: CycleState, _ pod: PodInfo, _ node: NodeInfo, nominator: Nominator
    ) -> Status {
      guard !nominator.isEmpty, let nominated = nominator.nominatedPods(forNode: node.name) else {
        return runFilterPlugins(state, pod, node)
      }
      var withNominated: NodeInfo? = nil
      for other in nominated where other.priority >= pod.priority && other.uid != pod.uid {
        if withNominated == nil { withNominated = node.clone() }
        withNominated!.addPod(other)
      }
      guard let withNominated else { return runFilterPlugins(state, pod, node) }
      let first = runFilterPlugins(state, pod, withNominated)
      if !first.isSuccess { return first }
      return runFilterPlugins(state, pod, node)
    }

    // MARK: - PostFilter

    /// Upstream `RunPostFilterPlugins`: the first success wins; otherwise the reasons are combined.
    func runPostFilterPlugins(_ state: CycleState, _ pod: PodInfo, _ statuses: NodeToStatus) -> (
      PostFilterResult?, Status
    ) {
      var result: PostFilterResult? = nil
      var reasons: [String] = []
      var rejector = ""
      for pl in postFilterPlugins {
        let (r, s) = pl.postFilter(state, pod, statuses)
        if s.isSuccess { return (r, s) }
        if s.code == .unschedulableAndUnresolvable { return (r, s.with(plugin: pl.name)) }
        if !s.isRejected { return (nil, Status(.error, s.reasons, plugin: pl.name)) }
        if let r, r.nominatingInfo.mode != .noop { result = r }
        reasons += s.reasons
        if rejector.isEmpty { rejector = pl.name }
      }
      return (result, Status(.unschedulable, reasons, plugin: rejector))
    }

    // MARK: - PreScore and Score

    /// Upstream `RunPreScorePlugins`: Skip removes the plugin's Score from this cycle.
    func runPreScorePlugins(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> Status {
      for pl in preScorePlugins {
        let s = pl.preScore(state, pod, nodes)
        if s.isSkip {
          state.skipScorePlugins.insert(pl.name)
          continue
        }
        if !s.isSuccess {
          return Status(.error, "running PreScore plugin \"\(pl.name)\": \(s.message)", plugin: pl.name)
        }
      }
      return .success
    }

    /// Upstream `RunScorePlugins`: Score every node with every plugin, NormalizeScore each
    /// plugin's column, then add up weight × normalized score per node.
    func runScorePlugins(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo]) -> (ScoreTable, Status) {
      var table = ScoreTable()
      let active = scorePlugins.filter { !state.skipScorePlugins.contains($0.plugin.name) }
      table.plugins = active.map { ($0.plugin.name, $0.weight) }
      table.totals = [Int64](repeating: 0, count: nodes.count)
      for (pl, weight) in active {
        var column = [Int64](repeating: 0, count: nodes.count)
        var i = 0
        while i < nodes.count {
          let (score, s) = pl.score(state, pod, nodes[i])
          if !s.isSuccess {
            return (table, Status(.error, "plugin \"\(pl.name)\" failed with: \(s.message)", plugin: pl.name))
          }
          column[i] = score
          i += 1
        }
        table.raw.append(column)
        if let ext = pl.scoreExtensions {
          let s = ext.normalizeScore(state, pod, &column)
          if !s.isSuccess {
            return (table, Status(.error, "plugin \"\(pl.name)\" failed with: \(s.message)", plugin: pl.name))
          }
        }
        for i in 0..<nodes.count {
          let score = column[i]
          if score > maxNodeScore || score < minNodeScore {
            return (
              table,
              Status(
                .error,
                "plugin \"\(pl.name)\" returns an invalid score \(score), it should in the range of [\(minNodeScore), \(maxNodeScore)] after normalizing",
                plugin: pl.name)
            )
          }
          table.totals[i] += score * weight
        }
        table.normalized.append(column)
      }
      return (table, .success)
    }

    // MARK: - Bind

    /// Upstream `RunBindPlugins`: the first plugin that does not Skip binds.
    func runBindPlugins(_ state: CycleState, _ pod: PodInfo, _ nodeName: String, done: @escaping (Status) -> Void) {
      guard let pl = bindPlugins.first else {
        done(Status(.error, "no bind plugin"))
        return
      }
      pl.bind(state, pod, nodeName) { s in done(s.isSuccess ? s : s.with(plugin: pl.name)) }
    }
  }
}
