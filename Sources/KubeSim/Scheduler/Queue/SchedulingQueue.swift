// SchedulingQueue: the activeQ, the backoffQ and the unschedulable pods, and the rules that move
// pods between them (upstream backend/queue/scheduling_queue.go, PriorityQueue).

/// Upstream `PriorityQueue`.
///
/// - activeQ: pods ready to be tried, ordered by the QueueSort plugin (PrioritySort: higher
///   priority first, then the earlier timestamp).
/// - backoffQ: pods waiting out their back-off (1 s after the first attempt, doubling to 10 s),
///   ordered by when it ends; `flushBackoffQCompleted` moves them to the activeQ.
/// - unschedulable: pods that no node fits. A cluster event that may help one of the plugins
///   that rejected a pod moves it back (to the backoffQ while it is still backing off), and so
///   does staying here more than five minutes.
///
/// Simulation: queueing hints are modelled for the plugins here, each as "would this plugin now
/// accept the pod on the changed node" (NodeResourcesFit compares with the node's allocatable
/// only, as upstream); an unscheduled pod's own update moves it when anything but its status
/// changed (upstream's pre-hint rule).
///
/// Trace with no nodes: a pod fails at t=10 (attempt 1) and goes to the backoffQ until 11; it
/// fails again at 11 (attempt 2, back-off 2 s), then at 13, 17, 25, 35, 45 …
final class SchedulingQueue {
  typealias PodInfo = Framework.PodInfo
  typealias QueuedPodInfo = Framework.QueuedPodInfo

  /// Upstream defaults: podInitialBackoffSeconds 1, podMaxBackoffSeconds 10.
  var podInitialBackoff: Int64 = 1
  var podMaxBackoff: Int64 = 10
  /// Upstream `DefaultPodMaxInUnschedulablePodsDuration`: 5 minutes.
  var podMaxInUnschedulablePodsDuration: Int64 = 300
  /// Upstream flushes leftover unschedulable pods every 30 seconds.
  let unschedulableFlushInterval: Int64 = 30

  let framework: Framework.Runtime
  let nominator: Nominator
  private let now: () -> Int64
  private var activeQ: KeyedHeap<QueuedPodInfo>
  private var backoffQ: KeyedHeap<QueuedPodInfo>
  private var unschedulablePods: [String: QueuedPodInfo] = [:]
  /// Events each plugin registered, by plugin name.
  private var hints: [String: [Framework.ClusterEventWithHint]] = [:]
  /// Incremented by every pop.
  private(set) var schedulingCycle: Int64 = 0
  /// The cycle during which the last move request arrived.
  private var moveRequestCycle: Int64 = -1
  private var nextOrder = 0
  private var lastLeftoverFlush: Int64

  init(framework: Framework.Runtime, nominator: Nominator, now: @escaping () -> Int64) {
    self.framework = framework
    self.nominator = nominator
    self.now = now
    self.lastLeftoverFlush = now()
    let sort = framework.queueSortPlugin
    activeQ = KeyedHeap(key: { $0.key }, less: { sort.less($0, $1) })
    // Placeholder until `self` is initialized; the real order reads the queue's back-off settings.
    backoffQ = KeyedHeap(key: { $0.key }, less: { _, _ in false })
    backoffQ = KeyedHeap(
      key: { $0.key },
      less: { [unowned self] a, b in
        let ta = self.backoffTime(a)
        let tb = self.backoffTime(b)
        return ta != tb ? ta < tb : a.order < b.order
      })
    for pl in framework.allPlugins {
      if let ext = pl as? Framework.EnqueueExtensions { hints[pl.name] = ext.eventsToRegister() }
    }
  }

  // MARK: - Counts (for tests and `explain`)

  var activeCount: Int { activeQ.count }
  var backoffCount: Int { backoffQ.count }
  var unschedulableCount: Int { unschedulablePods.count }

  /// Which sub-queue holds the pod: "activeQ", "backoffQ", "unschedulablePods", or nil.
  func location(of key: String) -> String? {
    if activeQ.contains(key) { return "activeQ" }
    if backoffQ.contains(key) { return "backoffQ" }
    if unschedulablePods[key] != nil { return "unschedulablePods" }
    return nil
  }

  func queued(_ key: String) -> QueuedPodInfo? {
    activeQ.get(key) ?? backoffQ.get(key) ?? unschedulablePods[key]
  }

  // MARK: - Informer events for unscheduled pods

  /// Upstream `Add`: a new pending pod goes to the activeQ (unless a PreEnqueue plugin gates it).
  func add(_ pod: Pod) {
    let info = newQueuedPodInfo(PodInfo(pod))
    moveToActiveQ(info)
  }

  /// Upstream `Update`. Only a change outside `status` can make an unschedulable pod schedulable.
  func update(old: Pod, new: Pod) {
    let key = new.key
    let info = PodInfo(new)
    if let qp = activeQ.get(key) {
      qp.podInfo = info
      activeQ.addOrUpdate(qp)
      nominator.update(old: old, new: info)
      return
    }
    if let qp = backoffQ.get(key) {
      qp.podInfo = info
      backoffQ.addOrUpdate(qp)
      nominator.update(old: old, new: info)
      return
    }
    if let qp = unschedulablePods[key] {
      qp.podInfo = info
      nominator.update(old: old, new: info)
      if SchedulingQueue.isPodUpdated(old, new) {
        unschedulablePods[key] = nil
        if !qp.gated && isPodBackingOff(qp) {
          backoffQ.addOrUpdate(qp)
        } else {
          moveToActiveQ(qp)
        }
      }
      return
    }
    // Not in any queue (being scheduled, or new to us): put it in the activeQ.
    moveToActiveQ(newQueuedPodInfo(info))
  }

  /// Upstream `Delete`.
  func delete(_ pod: Pod) {
    let key = pod.key
    nominator.delete(key)
    if activeQ.remove(key) == nil {
      backoffQ.remove(key)
      unschedulablePods[key] = nil
    }
  }

  // MARK: - Scheduling

  /// Upstream `Pop`: the head of the activeQ, with one more attempt counted.
  func pop() -> QueuedPodInfo? {
    guard let qp = activeQ.pop() else { return nil }
    qp.attempts += 1
    schedulingCycle += 1
    if qp.initialAttemptTimestamp == nil { qp.initialAttemptTimestamp = now() }
    qp.unschedulablePlugins = []
    return qp
  }

  /// Upstream `AddUnschedulableIfNotPresent`: after a failed attempt. A pod that no plugin
  /// rejected (an error) or that missed a move request during its cycle goes to the backoffQ;
  /// the others wait for an event in the unschedulable pods.
  func addUnschedulableIfNotPresent(_ qp: QueuedPodInfo, podSchedulingCycle: Int64) {
    let key = qp.key
    guard unschedulablePods[key] == nil, !activeQ.contains(key), !backoffQ.contains(key) else { return }
    stamp(qp)
    if moveRequestCycle >= podSchedulingCycle || qp.unschedulablePlugins.isEmpty {
      backoffQ.addOrUpdate(qp)
    } else {
      unschedulablePods[key] = qp
    }
    nominator.add(qp.podInfo)
  }

  /// Upstream `flushBackoffQCompleted` (every second): pods whose back-off ended go to the activeQ.
  func flushBackoffQCompleted() {
    while let qp = backoffQ.peek, !isPodBackingOff(qp) {
      _ = backoffQ.pop()
      moveToActiveQ(qp)
    }
  }

  /// Upstream `flushUnschedulablePodsLeftover` (every 30 seconds): pods unschedulable for more
  /// than five minutes are retried.
  func flushUnschedulablePodsLeftover() {
    let t = now()
    guard t - lastLeftoverFlush >= unschedulableFlushInterval else { return }
    lastLeftoverFlush = t
    let stale = unschedulablePods.values.filter { t - $0.timestamp > podMaxInUnschedulablePodsDuration }
    if !stale.isEmpty { movePods(stale, event: .unschedulableTimeout, object: .none) }
  }

  /// Upstream `MoveAllToActiveOrBackoffQueue`: a cluster event; every unschedulable pod that a
  /// plugin interested in the event (and whose hint agrees) rejected is moved back.
  func moveAllToActiveOrBackoffQueue(
    _ event: Framework.ClusterEvent, _ object: Framework.ClusterEventObject,
    where preCheck: ((QueuedPodInfo) -> Bool)? = nil
  ) {
    // Simulation: iterating the dictionary is safe here; where a pod lands depends only on the
    // pod, never on the order the pods are looked at.
    let pods = unschedulablePods.values.filter { preCheck?($0) ?? true }
    movePods(pods, event: event, object: object)
  }

  private func movePods(
    _ pods: [QueuedPodInfo], event: Framework.ClusterEvent, object: Framework.ClusterEventObject
  ) {
    for qp in pods where !qp.gated {
      guard isPodWorthRequeuing(qp, event, object) else { continue }
      unschedulablePods[qp.key] = nil
      if isPodBackingOff(qp) {
        backoffQ.addOrUpdate(qp)
      } else {
        moveToActiveQ(qp)
      }
    }
    moveRequestCycle = schedulingCycle
  }

  /// Upstream `isPodWorthRequeuing`: a pod rejected by no plugin, or a wildcard event, always
  /// moves; otherwise some rejecting plugin must have registered the event and its hint agree.
  private func isPodWorthRequeuing(
    _ qp: QueuedPodInfo, _ event: Framework.ClusterEvent, _ object: Framework.ClusterEventObject
  ) -> Bool {
    if qp.unschedulablePlugins.isEmpty || event.resource == .wildcard { return true }
    for plugin in qp.unschedulablePlugins.sorted() {
      for registered in hints[plugin] ?? [] where event.matches(registered.event) {
        guard let hint = registered.hint else { return true }
        if hint(qp.podInfo, object) == .queue { return true }
      }
    }
    return false
  }

  // MARK: - Back-off

  /// Upstream `calculateBackoffDuration`: 1 s, doubled for every further attempt, at most 10 s.
  func backoffDuration(attempts: Int) -> Int64 {
    if attempts == 0 { return 0 }
    var d = podInitialBackoff
    for _ in 1..<attempts {
      if d > podMaxBackoff - d { return podMaxBackoff }
      d += d
    }
    return d
  }

  func backoffTime(_ qp: QueuedPodInfo) -> Int64 { qp.timestamp + backoffDuration(attempts: qp.attempts) }

  /// Upstream `isPodBackingoff`.
  func isPodBackingOff(_ qp: QueuedPodInfo) -> Bool {
    if qp.gated { return false }
    return backoffTime(qp) > now()
  }

  // MARK: - Helpers

  private func newQueuedPodInfo(_ info: PodInfo) -> QueuedPodInfo {
    let qp = QueuedPodInfo(info, timestamp: now(), order: nextOrder)
    nextOrder += 1
    return qp
  }

  private func stamp(_ qp: QueuedPodInfo) {
    qp.timestamp = now()
    qp.order = nextOrder
    nextOrder += 1
  }

  /// Upstream `moveToActiveQ`: PreEnqueue plugins may gate the pod (it then waits among the
  /// unschedulable pods until it is updated).
  private func moveToActiveQ(_ qp: QueuedPodInfo) {
    let s = framework.runPreEnqueuePlugins(qp.podInfo)
    qp.gated = !s.isSuccess
    if qp.gated {
      unschedulablePods[qp.key] = qp
      return
    }
    activeQ.addOrUpdate(qp)
    unschedulablePods[qp.key] = nil
    backoffQ.remove(qp.key)
    nominator.add(qp.podInfo)
  }

  /// Upstream `isPodUpdated`: a change anywhere but `status`, resourceVersion, generation and finalizers.
  static func isPodUpdated(_ old: Pod, _ new: Pod) -> Bool {
    func strip(_ p: Pod) -> Pod {
      var p = p
      p.metadata.resourceVersion = ""
      p.metadata.generation = nil
      p.metadata.finalizers = nil
      p.status = PodStatus()
      return p
    }
    return strip(old) != strip(new)
  }
}
