// DefaultPreemption: when no node fits, find a node where evicting lower-priority pods would make
// room, evict them and nominate the node for the pod (upstream plugins/defaultpreemption and
// framework/preemption/preemption.go).

extension Plugins {
  /// The PostFilter plugin. Its message (when it cannot help) is appended to the FitError:
  /// `preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No
  /// preemption victims found for incoming pod.`
  ///
  /// 1. Is the pod eligible (preemptionPolicy, a victim still terminating on its nominated node)?
  /// 2. Candidates: nodes whose filter status is Unschedulable (UnschedulableAndUnresolvable
  ///    ones cannot be helped), dry-run from a random offset: remove every lower-priority pod,
  ///    check the filters, then reprieve victims from the most important down while it still fits.
  /// 3. Pick one candidate (fewest PDB violations, lowest highest victim priority, lowest sum of
  ///    priorities, fewest victims, latest start).
  /// 4. Mark each victim DisruptionTarget, delete it, record `Preempted`; clear the nominations of
  ///    lower-priority pods on that node; the pod is nominated to it.
  final class DefaultPreemption: Framework.PostFilterPlugin {
    let name = Plugins.defaultPreemption
    unowned let handle: Framework.Handle
    /// Upstream DefaultPreemptionArgs defaults.
    let minCandidateNodesPercentage = 10
    let minCandidateNodesAbsolute = 100

    static let notHelpful = "Preemption is not helpful for scheduling"
    static let noVictims = "No preemption victims found for incoming pod"
    static let preemptNever = "not eligible due to preemptionPolicy=Never."
    static let terminatingOnNominated = "not eligible due to a terminating pod on the nominated node."
    /// core/v1 `PodReasonPreemptionByScheduler`.
    static let reasonPreemptionByScheduler = "PreemptionByScheduler"

    struct Candidate {
      var nodeName: String
      var victims: [Framework.PodInfo]
    }

    /// The candidate the last successful preemption acted on (for `explain`).
    private(set) var lastCandidate: Candidate? = nil

    init(handle: Framework.Handle) { self.handle = handle }

    /// Upstream `PostFilter`: prefixes the evaluator's message with `preemption: `.
    func postFilter(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ statuses: Framework.NodeToStatus) -> (
      Framework.PostFilterResult?, Framework.Status
    ) {
      let (result, status) = preempt(state, pod, statuses)
      if status.message.isEmpty { return (result, status) }
      return (result, Framework.Status(status.code, "preemption: " + status.message))
    }

    /// Upstream `Evaluator.Preempt`.
    func preempt(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ statuses: Framework.NodeToStatus) -> (
      Framework.PostFilterResult?, Framework.Status
    ) {
      let nominatedStatus = statuses.get(pod.pod.status.nominatedNodeName)
      if let reason = ineligibility(pod, nominatedStatus) {
        return (nil, Framework.Status(.unschedulable, reason))
      }
      let allNodes = handle.cache.nodeList
      let (candidates, nodeToStatus) = findCandidates(state, allNodes, pod, statuses)
      if candidates.isEmpty {
        var fit = Framework.FitError(
          numAllNodes: allNodes.count, diagnosis: Framework.Diagnosis(nodeToStatus: nodeToStatus))
        fit.diagnosis.nodeToStatus.absentNodesStatus = Framework.Status(.unschedulableAndUnresolvable, Self.notHelpful)
        return (Framework.PostFilterResult(nominatingInfo: .clear), Framework.Status(.unschedulable, fit.message))
      }
      let best = selectCandidate(candidates)
      prepareCandidate(best, pod)
      lastCandidate = best
      return (
        Framework.PostFilterResult(nominatingInfo: Framework.NominatingInfo(mode: .override, nodeName: best.nodeName)),
        .success
      )
    }

    /// Upstream `PodEligibleToPreemptOthers`: nil when eligible, else why not.
    func ineligibility(_ pod: Framework.PodInfo, _ nominatedStatus: Framework.Status) -> String? {
      if pod.pod.spec.preemptionPolicy == PreemptionPolicy.never { return Self.preemptNever }
      let nominated = pod.pod.status.nominatedNodeName
      guard !nominated.isEmpty else { return nil }
      if nominatedStatus.code == .unschedulableAndUnresolvable { return nil }
      if let node = handle.cache.nodeInfo(nominated) {
        for p in node.sortedPods where p.priority < pod.priority && Self.isTerminatingByPreemption(p.pod) {
          return Self.terminatingOnNominated
        }
      }
      return nil
    }

    static func isTerminatingByPreemption(_ pod: Pod) -> Bool {
      guard pod.metadata.deletionTimestamp != nil, let c = pod.condition(PodConditionType.disruptionTarget) else {
        return false
      }
      return c.status == ConditionStatus.true && c.reason == reasonPreemptionByScheduler
    }

    // MARK: - Candidates

    /// Upstream `findCandidates` + `DryRunPreemption`.
    func findCandidates(
      _ state: Framework.CycleState, _ allNodes: [Framework.NodeInfo], _ pod: Framework.PodInfo,
      _ statuses: Framework.NodeToStatus
    ) -> ([Candidate], Framework.NodeToStatus) {
      let potential = statuses.nodes(withCode: .unschedulable, in: allNodes)
      var nodeStatuses = Framework.NodeToStatus()
      if potential.isEmpty { return ([], nodeStatuses) }
      let (offset, wanted) = offsetAndNumCandidates(potential.count)
      var candidates: [Candidate] = []
      for i in 0..<potential.count {
        let node = potential[(offset + i) % potential.count].clone()
        let (victims, status) = selectVictimsOnNode(state.clone(), pod, node)
        if status.isSuccess && !victims.isEmpty {
          candidates.append(Candidate(nodeName: node.name, victims: victims))
          if candidates.count >= wanted { break }
          continue
        }
        let s =
          status.isSuccess
          ? Framework.Status(.error, "expected at least one victim pod on node \"\(node.name)\"") : status
        nodeStatuses.set(node.name, s)
      }
      return (candidates, nodeStatuses)
    }

    /// Upstream `GetOffsetAndNumCandidates`: a random start, and 10% of the nodes (at least
    /// 100, at most all) as the number of candidates to look for.
    func offsetAndNumCandidates(_ numNodes: Int) -> (Int, Int) {
      var n = numNodes * minCandidateNodesPercentage / 100
      if n < minCandidateNodesAbsolute { n = minCandidateNodesAbsolute }
      if n > numNodes { n = numNodes }
      return (handle.context.rng.int(numNodes), n)
    }

    /// Upstream `SelectVictimsOnNode`: remove all lower-priority pods; if the pod then fits,
    /// put back as many as possible, most important first. `node` is a copy.
    func selectVictimsOnNode(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ node: Framework.NodeInfo)
      -> ([Framework.PodInfo], Framework.Status)
    {
      let fw = handle.framework
      let nominator = handle.nominator
      var potential: [Framework.PodInfo] = []
      for p in node.sortedPods where p.priority < pod.priority {
        potential.append(p)
        node.removePod(p.key)
      }
      if potential.isEmpty { return ([], Framework.Status(.unschedulableAndUnresolvable, Self.noVictims)) }
      let fits = fw.runFilterPluginsWithNominatedPods(state, pod, node, nominator: nominator)
      if !fits.isSuccess { return ([], fits) }
      let now = handle.context.now
      potential.sort { moreImportant($0, $1, now: now) }
      // Simulation: there are no PodDisruptionBudgets, so no victim violates one.
      var victims: [Framework.PodInfo] = []
      for p in potential {
        node.addPod(p)
        if !fw.runFilterPluginsWithNominatedPods(state, pod, node, nominator: nominator).isSuccess {
          node.removePod(p.key)
          victims.append(p)
        }
      }
      return (victims, .success)
    }

    /// Upstream `MoreImportantPod`: higher priority, then the pod that started earlier (a pod
    /// not started yet counts as starting now); then, for determinism, the key.
    func moreImportant(_ a: Framework.PodInfo, _ b: Framework.PodInfo, now: Time) -> Bool {
      if a.priority != b.priority { return a.priority > b.priority }
      let sa = a.pod.status.startTime ?? now
      let sb = b.pod.status.startTime ?? now
      if sa != sb { return sa < sb }
      return a.key < b.key
    }

    /// Upstream `pickOneNodeForPreemption`: each criterion in turn keeps the best candidates.
    /// Simulation: ties left at the end go to the first candidate found (upstream: map order).
    func selectCandidate(_ candidates: [Candidate]) -> Candidate {
      if candidates.count == 1 { return candidates[0] }
      let now = handle.context.now
      let offset = Int64(Int32.max) + 1
      let criteria: [(Candidate) -> Int64] = [
        // Fewest PodDisruptionBudget violations: always 0 here.
        { _ in 0 },
        // The lowest priority of the highest-priority victim.
        { c in -Int64(c.victims.first?.priority ?? 0) },
        // The lowest sum of victim priorities (shifted to be non-negative).
        { c in -c.victims.reduce(0) { $0 + Int64($1.priority) + offset } },
        // The fewest victims.
        { c in -Int64(c.victims.count) },
        // The latest start among the highest-priority victims.
        { c in
          let top = c.victims.first?.priority ?? 0
          let starts = c.victims.filter { $0.priority == top }.map { ($0.pod.status.startTime ?? now).microseconds }
          return starts.min() ?? now.microseconds
        },
      ]
      var remaining = candidates
      for score in criteria {
        let best = remaining.map(score).max()!
        remaining = remaining.filter { score($0) == best }
        if remaining.count == 1 { return remaining[0] }
      }
      return remaining[0]
    }

    // MARK: - Acting

    /// Upstream `prepareCandidate`: mark and delete each victim, record `Preempted`, and clear the
    /// nominations of lower-priority pods nominated to the node.
    func prepareCandidate(_ c: Candidate, _ pod: Framework.PodInfo) {
      let client = handle.client
      for victim in c.victims {
        var marked = victim.pod
        let before = marked.status
        marked.setCondition(
          type: PodConditionType.disruptionTarget, status: ConditionStatus.true,
          reason: Self.reasonPreemptionByScheduler,
          message: "\(pod.pod.spec.schedulerName): preempting to accommodate a higher priority pod",
          now: handle.context.now)
        if marked.status != before { client.patchStatus(marked) }
        client.delete(Pod.resource, namespace: victim.namespace, name: victim.name)
        handle.recorder.event(
          victim.pod, type: "Normal", reason: "Preempted", message: "Preempted by pod \(pod.uid) on node \(c.nodeName)")
      }
      for other in handle.nominator.nominatedPods(forNode: c.nodeName) ?? [] where other.priority < pod.priority {
        guard !other.pod.status.nominatedNodeName.isEmpty else { continue }
        var cleared = other.pod
        cleared.status.nominatedNodeName = ""
        client.patchStatus(cleared)
      }
    }
  }
}
