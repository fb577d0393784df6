// ScheduleOne: one scheduling cycle for one pod — filter, score, assume, bind — and what happens
// when it fails (upstream pkg/scheduler/schedule_one.go).

extension Scheduler {
  /// Upstream `minFeasibleNodesToFind`: at least this many feasible nodes are looked for.
  static let minFeasibleNodesToFind = 100
  /// Upstream `minFeasibleNodesPercentageToFind`: the adaptive percentage never drops below 5%.
  static let minFeasibleNodesPercentageToFind = 5
  /// Upstream `ErrNoNodesAvailable`.
  static let noNodesAvailable = "no nodes available to schedule pods"
  /// core/v1 `PodReasonUnschedulable` and `PodReasonSchedulerError`.
  static let reasonUnschedulable = "Unschedulable"
  static let reasonSchedulerError = "SchedulerError"
  /// Upstream `validation.NoteLengthLimit`: longer event messages are cut and end in " ...".
  static let noteLengthLimit = 1024

  /// Why `schedulePod` found no node.
  enum ScheduleFailure: Error {
    case noNodesAvailable
    case fit(Framework.FitError)
    case error(Framework.Status)
  }

  /// Upstream `numFeasibleNodesToFind`: all nodes below 100; otherwise a percentage — adaptive
  /// when 0: 50 − nodes/125, at least 5 — and never fewer than 100 nodes.
  ///
  /// Trace: 100 nodes → 100; 1,000 → 42% = 420; 5,000 → 10% = 500; 20,000 → 5% = 1,000.
  static func numFeasibleNodesToFind(percentageOfNodesToScore: Int32 = 0, numAllNodes: Int) -> Int {
    if numAllNodes < minFeasibleNodesToFind || percentageOfNodesToScore >= 100 { return numAllNodes }
    var percentage = Int(percentageOfNodesToScore)
    if percentage <= 0 {
      percentage = 50 - numAllNodes / 125
      if percentage < minFeasibleNodesPercentageToFind { percentage = minFeasibleNodesPercentageToFind }
    }
    let numNodes = numAllNodes * percentage / 100
    return numNodes < minFeasibleNodesToFind ? minFeasibleNodesToFind : numNodes
  }

  // MARK: - The cycle

  /// Upstream `ScheduleOne`:
  ///   1. skip a pod being deleted, or one already assumed;
  ///   2. find a node (`schedulePod`); when none fits, run PostFilter (preemption) and handle
  ///      the failure (event, condition, back to the queue);
  ///   3. assume the pod on the node in the cache, so the next pod sees the room it takes;
  ///   4. bind: `POST pods/NAME/binding`; when the answer comes, record `Scheduled`, or forget
  ///      the assumed pod and retry.
  func scheduleOne(_ qp: Framework.QueuedPodInfo) {
    let podInfo = qp.podInfo
    let pod = podInfo.pod
    // 1.
    if pod.metadata.deletionTimestamp != nil {
      recorder.event(
        pod, type: "Warning", reason: "FailedScheduling",
        message: "skip schedule deleting pod: \(pod.metadata.namespace)/\(pod.metadata.name)")
      return
    }
    if cache.isAssumed(podInfo.key) { return }

    // 2.
    let state = Framework.CycleState()
    let podSchedulingCycle = queue.schedulingCycle
    var record = DecisionRecord()
    record.namespace = podInfo.namespace
    record.pod = podInfo.name
    record.tick = context.clock.tick
    record.attempt = qp.attempts
    let host: String
    switch schedulePod(state, podInfo, &record) {
    case .success(let h):
      host = h
    case .failure(let failure):
      var status: Framework.Status
      var nominating = Framework.NominatingInfo.clear
      var message: String
      switch failure {
      case .noNodesAvailable:
        status = Framework.Status(.unschedulableAndUnresolvable, Scheduler.noNodesAvailable)
        message = Scheduler.noNodesAvailable
      case .error(let s):
        status = s
        message = s.message
      case .fit(var fit):
        status = Framework.Status(.unschedulable, [])
        if framework.hasPostFilterPlugins {
          let (result, post) = framework.runPostFilterPlugins(state, podInfo, fit.diagnosis.nodeToStatus)
          fit.diagnosis.postFilterMessage = post.message
          nominating = result?.nominatingInfo ?? .noop
          if nominating.mode == .override && !nominating.nodeName.isEmpty {
            record.preemption = SchedulingDecision.Preemption(
              nominatedNode: nominating.nodeName, victims: preemptedVictims(podInfo, on: nominating.nodeName))
          }
        }
        message = fit.message
        status.reasons = [message]
        qp.unschedulablePlugins = fit.diagnosis.unschedulablePlugins
      }
      record.outcome = status.isRejected ? .unschedulable : .error
      record.message = message
      self.record(record)
      handleSchedulingFailure(qp, status: status, message: message, nominating: nominating, cycle: podSchedulingCycle)
      return
    }

    // 3.
    let assumed = Framework.PodInfo(podInfo, nodeName: host)
    let assumedPod = assumed.pod
    cache.assumePod(assumed, on: host)
    nominator.delete(assumed.key)
    let scheduledMessage = "Successfully assigned \(pod.metadata.namespace)/\(pod.metadata.name) to \(host)"
    record.outcome = .scheduled
    record.selectedNode = host
    record.message = scheduledMessage
    self.record(record)

    // 4.
    framework.runBindPlugins(state, assumed, host) { [weak self] status in
      guard let self, self.running else { return }
      if status.isSuccess {
        self.recorder.event(assumedPod, type: "Normal", reason: "Scheduled", message: scheduledMessage)
        return
      }
      // Upstream `handleBindingCycleError`.
      let message = "running Bind plugin \"\(status.plugin)\": \(status.message)"
      self.cache.forgetPod(assumed.key)
      self.queue.moveAllToActiveOrBackoffQueue(.assignedPodDelete, .pod(old: assumedPod, new: nil))
      self.updateRecord(assumed.key) { r in
        r.outcome = .error
        r.message = message
      }
      self.handleSchedulingFailure(
        qp, status: Framework.Status(.error, message), message: message, nominating: .clear,
        cycle: podSchedulingCycle)
    }
  }

  /// The victims `DefaultPreemption` just evicted on `node`, for the decision record.
  private func preemptedVictims(_ pod: Framework.PodInfo, on node: String) -> [String] {
    for case let p as Plugins.DefaultPreemption in framework.postFilterPlugins {
      if let c = p.lastCandidate, c.nodeName == node { return c.victims.map(\.key) }
    }
    return []
  }

  // MARK: - Finding a node

  /// Upstream `schedulePod`: filter, then score (unless only one node is feasible), then pick.
  func schedulePod(
    _ state: Framework.CycleState, _ pod: Framework.PodInfo, _ record: inout DecisionRecord
  ) -> Result<String, ScheduleFailure> {
    let allNodes = cache.nodeList
    record.numAllNodes = allNodes.count
    if allNodes.isEmpty { return .failure(.noNodesAvailable) }

    let feasible: [Framework.NodeInfo]
    let diagnosis: Framework.Diagnosis
    switch findNodesThatFitPod(state, pod, allNodes, &record) {
    case .failure(let f): return .failure(f)
    case .success(let r): (feasible, diagnosis) = r
    }
    record.feasible = feasible
    record.statuses = diagnosis.nodeToStatus
    record.skippedFilterPlugins = state.skipFilterPlugins.sorted()
    if feasible.isEmpty {
      return .failure(.fit(Framework.FitError(numAllNodes: allNodes.count, diagnosis: diagnosis)))
    }
    // Only one feasible node: no need to score it.
    if feasible.count == 1 { return .success(feasible[0].name) }

    let (table, status) = prioritizeNodes(state, pod, feasible)
    record.skippedScorePlugins = state.skipScorePlugins.sorted()
    if !status.isSuccess { return .failure(.error(status)) }
    record.scores = table
    return .success(feasible[selectHost(table.totals)].name)
  }

  /// Upstream `findNodesThatFitPod`: PreFilter; the nominated node alone first; then Filter over
  /// the nodes from `nextStartNodeIndex` until enough feasible ones are found.
  func findNodesThatFitPod(
    _ state: Framework.CycleState, _ pod: Framework.PodInfo, _ allNodes: [Framework.NodeInfo],
    _ record: inout DecisionRecord
  ) -> Result<([Framework.NodeInfo], Framework.Diagnosis), ScheduleFailure> {
    var diagnosis = Framework.Diagnosis()
    let (preResult, preStatus, pluginsWithNodes) = framework.runPreFilterPlugins(state, pod)
    diagnosis.unschedulablePlugins = Set(pluginsWithNodes)
    if !preStatus.isSuccess {
      if !preStatus.isRejected { return .failure(.error(preStatus)) }
      // Every node gets the same status, so preemption can still look at them.
      diagnosis.nodeToStatus.absentNodesStatus = preStatus
      diagnosis.preFilterMessage = preStatus.message
      diagnosis.addPluginStatus(preStatus)
      record.preFilterMessage = preStatus.message
      return .success(([], diagnosis))
    }

    // A pod nominated by an earlier preemption tries that node first.
    let nominatedName = pod.pod.status.nominatedNodeName
    var nominatedFailed = false
    if !nominatedName.isEmpty, let nominated = cache.nodeInfo(nominatedName) {
      record.nominatedNode = nominatedName
      let saved = record
      switch findNodesThatPassFilters(state, pod, &diagnosis, [nominated], &record) {
      case .failure(let f): return .failure(f)
      case .success(let feasible) where !feasible.isEmpty:
        return .success((feasible, diagnosis))
      case .success:
        nominatedFailed = true
        record = saved
      }
    }

    var nodes = allNodes
    if let names = preResult?.nodeNames {
      // Simulation: upstream walks the name set in Go's map order; here, in node-list order.
      nodes = allNodes.filter { names.contains($0.name) }
      diagnosis.nodeToStatus.absentNodesStatus = Framework.Status(
        .unschedulableAndUnresolvable,
        "node(s) didn't satisfy plugin(s) [\(pluginsWithNodes.sorted().joined(separator: " "))]")
    }
    let result = findNodesThatPassFilters(
      state, pod, &diagnosis, nodes, &record, overwriting: nominatedFailed ? nominatedName : nil)
    // Always move the start on, so every node gets its turn across pods.
    let processed = ((try? result.get())?.count ?? 0) + diagnosis.nodeToStatus.count
    nextStartNodeIndex = (nextStartNodeIndex + processed) % allNodes.count
    switch result {
    case .failure(let f): return .failure(f)
    case .success(let feasible): return .success((feasible, diagnosis))
    }
  }

  /// Upstream `findNodesThatPassFilters`: filters the nodes from `nextStartNodeIndex` round the
  /// list, stopping once `numFeasibleNodesToFind` nodes passed. Rejections go to `diagnosis`.
  func findNodesThatPassFilters(
    _ state: Framework.CycleState, _ pod: Framework.PodInfo, _ diagnosis: inout Framework.Diagnosis,
    _ nodes: [Framework.NodeInfo], _ record: inout DecisionRecord, overwriting duplicate: String? = nil
  ) -> Result<[Framework.NodeInfo], ScheduleFailure> {
    let numAllNodes = nodes.count
    var numNodesToFind = Scheduler.numFeasibleNodesToFind(
      percentageOfNodesToScore: framework.percentageOfNodesToScore, numAllNodes: numAllNodes)
    if !framework.hasScorePlugins { numNodesToFind = 1 }
    record.numFeasibleNodesToFind = numNodesToFind
    record.startIndex = nextStartNodeIndex % max(numAllNodes, 1)
    record.evaluated = nodes
    record.evaluatedStart = record.startIndex
    var feasible: [Framework.NodeInfo] = []
    if numAllNodes == 0 { return .success(feasible) }
    feasible.reserveCapacity(min(numNodesToFind, numAllNodes))
    var processed = 0
    let start = nextStartNodeIndex
    let hasFilters = framework.hasFilterPlugins
    let anyNominated = !nominator.isEmpty
    var i = 0
    while i < numAllNodes {
      let node = nodes[(start + i) % numAllNodes]
      i += 1
      processed += 1
      if !hasFilters {
        feasible.append(node)
      } else {
        let status =
          anyNominated
          ? framework.runFilterPluginsWithNominatedPods(state, pod, node, nominator: nominator)
          : framework.runFilterPlugins(state, pod, node)
        if status.code == .error {
          record.evaluatedCount = processed
          return .failure(.error(status))
        }
        if status.isSuccess {
          feasible.append(node)
        } else {
          if node.name == duplicate {
            diagnosis.nodeToStatus.set(node.name, status)
          } else {
            diagnosis.nodeToStatus.append(node.name, status)
          }
          diagnosis.addPluginStatus(status)
        }
      }
      if feasible.count >= numNodesToFind { break }
    }
    record.evaluatedCount = processed
    return .success(feasible)
  }

  /// Upstream `prioritizeNodes`: PreScore, then Score (with NormalizeScore and weights).
  func prioritizeNodes(_ state: Framework.CycleState, _ pod: Framework.PodInfo, _ nodes: [Framework.NodeInfo]) -> (
    Framework.ScoreTable, Framework.Status
  ) {
    if !framework.hasScorePlugins {
      var table = Framework.ScoreTable()
      table.totals = [Int64](repeating: 1, count: nodes.count)
      return (table, .success)
    }
    let pre = framework.runPreScorePlugins(state, pod, nodes)
    if !pre.isSuccess { return (Framework.ScoreTable(), pre) }
    return framework.runScorePlugins(state, pod, nodes)
  }

  /// Upstream `selectHost`: the highest total; among equal totals, each is kept with
  /// probability 1/count as they are met (reservoir sampling), drawn from the cluster's RNG.
  func selectHost(_ totals: [Int64]) -> Int {
    var selected = 0
    var maxScore = totals[0]
    var countOfMax = 1
    for i in totals.indices.dropFirst() {
      if totals[i] > maxScore {
        maxScore = totals[i]
        selected = i
        countOfMax = 1
      } else if totals[i] == maxScore {
        countOfMax += 1
        if context.rng.int(countOfMax) == 0 { selected = i }
      }
    }
    return selected
  }

  // MARK: - Failure

  /// Upstream `handleSchedulingFailure`: back to the queue (if the pod still exists unbound),
  /// record the nomination, a `FailedScheduling` event, and PodScheduled=False (only if changed).
  func handleSchedulingFailure(
    _ qp: Framework.QueuedPodInfo, status: Framework.Status, message: String,
    nominating: Framework.NominatingInfo, cycle: Int64
  ) {
    let reason = status.isRejected ? Scheduler.reasonUnschedulable : Scheduler.reasonSchedulerError
    let pod = qp.podInfo.pod
    var requeued = false
    if let cached = podInformer?.get(qp.key), cached.spec.nodeName.isEmpty {
      // The informer's copy is newer unless it is the very version we patched ourselves.
      if cached.metadata.resourceVersion != pod.metadata.resourceVersion {
        qp.podInfo = Framework.PodInfo(cached)
      }
      queue.addUnschedulableIfNotPresent(qp, podSchedulingCycle: cycle)
      requeued = true
    }
    if nominating.mode == .override {
      if nominating.nodeName.isEmpty {
        nominator.delete(qp.key)
      } else {
        nominator.add(qp.podInfo, nodeName: nominating.nodeName)
      }
    }
    recorder.event(pod, type: "Warning", reason: "FailedScheduling", message: Scheduler.truncate(message))
    if let patched = updatePod(pod, reason: reason, message: message, nominating: nominating), requeued {
      // Simulation: a 1-second back-off is one tick, so the next attempt would come before the
      // watch shows this patch; the queued copy takes the patched status at once (as upstream's
      // API cacher does in later releases) so the same condition is not patched twice.
      qp.podInfo = Framework.PodInfo(patched)
    }
  }

  /// Upstream `truncateMessage`.
  static func truncate(_ message: String) -> String {
    guard message.utf8.count > noteLengthLimit else { return message }
    let suffix = " ..."
    return String(decoding: message.utf8.prefix(noteLengthLimit - suffix.utf8.count), as: UTF8.self) + suffix
  }

  /// Upstream `updatePod`: PATCH the status when the PodScheduled condition or the nominated
  /// node changes; nothing when both are as they were.
  @discardableResult
  func updatePod(_ pod: Pod, reason: String, message: String, nominating: Framework.NominatingInfo) -> Pod? {
    var updated = pod
    let nominationChanges = nominating.mode == .override && pod.status.nominatedNodeName != nominating.nodeName
    let old = pod.condition(PodConditionType.podScheduled)
    let conditionChanges =
      old == nil || old!.status != ConditionStatus.false || old!.reason != reason || old!.message != message
    guard nominationChanges || conditionChanges else { return nil }
    if conditionChanges {
      updated.setCondition(
        type: PodConditionType.podScheduled, status: ConditionStatus.false, reason: reason, message: message,
        now: context.now)
    }
    if nominationChanges { updated.status.nominatedNodeName = nominating.nodeName }
    client.patchStatus(updated)
    return updated
  }
}
