// PodGCController: removes pods nobody else will — terminated pods beyond a threshold, pods
// bound to nodes that no longer exist, terminating pods never scheduled or on out-of-service
// nodes (pkg/controller/podgc/gc_controller.go).

/// The pod garbage collector. Every 20 s (`gcCheckPeriod`):
///   1. terminated pods (Succeeded/Failed) beyond `--terminated-pod-gc-threshold` (12,500),
///      oldest first;
///   2. terminating pods on NotReady nodes tainted `node.kubernetes.io/out-of-service`;
///   3. pods bound to a node that has been missing for the 40 s quarantine;
///   4. terminating pods that were never scheduled.
/// Each is marked Failed with a `DisruptionTarget` condition where upstream does, then
/// force-deleted (grace period 0).
final class PodGCController: Controller {
  let name = "pod-garbage-collector"
  let queue = WorkQueue()
  static let checkPeriod: Int64 = 20
  static let quarantineTime: Int64 = 40
  static let terminatedPodThreshold = 12_500

  private let client: APIClient
  private let context: SimContext
  private let informers: SharedInformers
  private var lastRun: Time? = nil
  /// Missing node names and when they were first noticed missing.
  private var missingSince: [String: Time] = [:]

  /// Pods per bound node name, terminated pods, and unscheduled terminating pods, kept from the
  /// pod events so a pass needs no scan of every pod.
  private var podsPerNode: [String: Int] = [:]
  private var terminated: Set<String> = []
  private var unscheduledTerminating: Set<String> = []

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    informers.pods.onAdd.append { [unowned self] p in track(p, +1) }
    informers.pods.onUpdate.append { [unowned self] old, p in
      track(old, -1)
      track(p, +1)
    }
    informers.pods.onDelete.append { [unowned self] p in track(p, -1) }
  }

  private func track(_ pod: Pod, _ d: Int) {
    if !pod.spec.nodeName.isEmpty {
      let n = (podsPerNode[pod.spec.nodeName] ?? 0) + d
      podsPerNode[pod.spec.nodeName] = n > 0 ? n : nil
    }
    if pod.isTerminal {
      if d > 0 { terminated.insert(pod.key) } else { terminated.remove(pod.key) }
    }
    if pod.isTerminating && pod.spec.nodeName.isEmpty {
      if d > 0 { unscheduledTerminating.insert(pod.key) } else { unscheduledTerminating.remove(pod.key) }
    }
  }

  func sync(_ key: String) -> SyncResult { .done }

  func tick(now: Time) {
    if let last = lastRun, last.seconds(until: now) < Self.checkPeriod { return }
    lastRun = now
    gc(now)
  }

  private func gc(_ now: Time) {
    let nodes = Set(informers.nodes.list().map(\.metadata.name))
    // 3. Node names pods are bound to that do not exist, quarantined for 40 s.
    var boundNodes: Set<String> = []
    for node in podsPerNode.keys.sorted() where !nodes.contains(node) {
      boundNodes.insert(node)
      if missingSince[node] == nil { missingSince[node] = now }
    }
    for node in missingSince.keys.sorted() where nodes.contains(node) || !boundNodes.contains(node) {
      missingSince[node] = nil
    }
    let deletedNodes = missingSince.filter { $0.value.adding(seconds: Self.quarantineTime) <= now }.keys.sorted()

    // 1. Terminated pods beyond the threshold.
    if terminated.count > Self.terminatedPodThreshold {
      let pods = terminated.compactMap { informers.pods.get($0) }
      let excess = pods.count - Self.terminatedPodThreshold
      if excess > 0 {
        let oldest = pods.sorted {
          ($0.metadata.creationTimestamp ?? now, $0.key) < ($1.metadata.creationTimestamp ?? now, $1.key)
        }
        for pod in oldest.prefix(excess) { forceDelete(pod, condition: nil) }
      }
    }
    // 2. Terminating pods on out-of-service nodes that are not ready.
    for name in nodes.sorted() {
      guard let node = informers.nodes.get(name), !node.isReady,
        node.spec.taints.contains(where: { $0.key == WellKnownTaint.nodeOutOfService })
      else { continue }
      for pod in informers.pods(onNode: name) where pod.isTerminating {
        forceDelete(
          pod,
          condition: PodCondition(
            type: PodConditionType.disruptionTarget, status: ConditionStatus.true, lastTransitionTime: now,
            reason: "DeletionByPodGC", message: "PodGC: node no longer exists"))
      }
    }
    // 3. Pods on nodes gone for the quarantine.
    for node in deletedNodes {
      for pod in informers.pods(onNode: node) {
        forceDelete(
          pod,
          condition: PodCondition(
            type: PodConditionType.disruptionTarget, status: ConditionStatus.true, lastTransitionTime: now,
            reason: "DeletionByPodGC", message: "PodGC: node no longer exists"))
      }
      missingSince[node] = nil
    }
    // 4. Terminating pods never scheduled.
    for key in unscheduledTerminating.sorted() {
      if let pod = informers.pods.get(key) { forceDelete(pod, condition: nil) }
    }
  }

  /// Upstream `markFailedAndDeletePodWithCondition`: Failed phase (and condition) first, then
  /// deletion with grace period 0.
  private func forceDelete(_ pod: Pod, condition: PodCondition?) {
    if !pod.isTerminal {
      var p = pod
      p.status.phase = PodPhase.failed
      if let c = condition {
        p.setCondition(type: c.type, status: c.status, reason: c.reason, message: c.message, now: context.now)
      }
      client.patchStatus(p)
    }
    client.delete(Pod.resource, namespace: pod.metadata.namespace, name: pod.metadata.name, gracePeriod: 0)
  }
}
