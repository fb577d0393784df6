// TaintEvictionController: deletes pods from nodes with NoExecute taints they do not tolerate,
// at once or when their tolerationSeconds run out (pkg/controller/tainteviction).

/// The taint-eviction controller (the node lifecycle controller's former "taint manager").
///
/// On a change of a node's NoExecute taints, or of a pod's node or tolerations (`sync(key)`,
/// keys `node:NAME` and `pod:NS/NAME`), each pod on the node is judged:
///   - no NoExecute taints → any scheduled deletion is cancelled;
///   - a taint it does not tolerate → deleted now;
///   - all tolerated → deleted after the smallest tolerationSeconds, counted from when the
///     controller noticed (never, if some matching toleration has no tolerationSeconds).
/// A deletion is announced with the event `TaintManagerEviction` "Marking for deletion Pod
/// NS/NAME", marks the pod `DisruptionTarget` (DeletionByTaintManager), then deletes it.
final class TaintEvictionController: Controller {
  let name = "taint-eviction-controller"
  let queue = WorkQueue()

  private let client: APIClient
  private let context: SimContext
  private let informers: SharedInformers
  private let recorder: EventRecorder
  /// NoExecute taints per node, as last handled.
  private var taintedNodes: [String: [Taint]] = [:]
  /// Scheduled deletions: pod key → (created, fire time).
  private var scheduled: [String: (created: Time, fireAt: Time)] = [:]

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    recorder = EventRecorder(client: client, context: context, component: "taint-eviction-controller")
    informers.nodes.onAdd.append { [unowned self] n in
      if !Self.noExecute(n.spec.taints).isEmpty { queue.add("node:\(n.metadata.name)") }
    }
    informers.nodes.onUpdate.append { [unowned self] old, n in
      if Self.noExecute(old.spec.taints) != Self.noExecute(n.spec.taints) { queue.add("node:\(n.metadata.name)") }
    }
    informers.nodes.onDelete.append { [unowned self] n in queue.add("node:\(n.metadata.name)") }
    informers.pods.onAdd.append { [unowned self] p in if !p.spec.nodeName.isEmpty { queue.add("pod:\(p.key)") } }
    informers.pods.onUpdate.append { [unowned self] old, p in
      if old.spec.nodeName != p.spec.nodeName || old.spec.tolerations != p.spec.tolerations {
        queue.add("pod:\(p.key)")
      }
    }
    informers.pods.onDelete.append { [unowned self] p in queue.add("pod:\(p.key)") }
  }

  static func noExecute(_ taints: [Taint]) -> [Taint] { taints.filter { $0.effect == TaintEffect.noExecute } }

  func sync(_ key: String) -> SyncResult {
    if key.hasPrefix("node:") {
      handleNode(String(key.dropFirst(5)))
    } else {
      handlePod(String(key.dropFirst(4)))
    }
    return .done
  }

  private func handleNode(_ name: String) {
    guard let node = informers.nodes.get(name) else {
      taintedNodes[name] = nil
      return
    }
    let taints = Self.noExecute(node.spec.taints)
    taintedNodes[name] = taints.isEmpty ? nil : taints
    let pods = informers.pods(onNode: name)
    if taints.isEmpty {
      for p in pods { cancel(p.key) }
      return
    }
    for p in pods { processPod(p, taints) }
  }

  private func handlePod(_ key: String) {
    guard let pod = informers.pods.get(key) else { return cancel(key) }
    guard !pod.spec.nodeName.isEmpty, let taints = taintedNodes[pod.spec.nodeName] else { return }
    processPod(pod, taints)
  }

  /// Upstream `processPodOnNode`.
  private func processPod(_ pod: Pod, _ taints: [Taint]) {
    let key = pod.key
    let now = context.now
    if taints.isEmpty { return cancel(key) }
    // Upstream `GetMatchingTolerations`: every taint needs a tolerating toleration.
    var used: [Toleration] = []
    for t in taints {
      guard let tol = pod.spec.tolerations.first(where: { $0.tolerates(t) }) else {
        cancel(key)
        evict(key)
        return
      }
      used.append(tol)
    }
    // Upstream `getMinTolerationTime`: forever unless every used toleration has seconds.
    var minSeconds: Int64? = nil
    for tol in used {
      guard let s = tol.tolerationSeconds else { continue }
      minSeconds = min(minSeconds ?? s, max(0, s))
    }
    if used.contains(where: { $0.tolerationSeconds == nil }) { minSeconds = nil }
    guard let seconds = minSeconds else { return cancel(key) }
    var start = now
    if let existing = scheduled[key] {
      start = existing.created
      if start.adding(seconds: seconds) < now.adding(seconds: seconds) { return }
      cancel(key)
    }
    scheduled[key] = (start, start.adding(seconds: seconds))
  }

  private func cancel(_ key: String) {
    guard scheduled.removeValue(forKey: key) != nil else { return }
    let (ns, name) = splitKey(key)
    recorder.event(
      ObjectReference(kind: "Pod", namespace: ns, name: name, apiVersion: "v1"), reason: "TaintManagerEviction",
      message: "Cancelling deletion of Pod \(key)")
  }

  /// Fires due deletions (upstream's timed workers).
  func tick(now: Time) {
    let due = scheduled.filter { $0.value.fireAt <= now }.sorted {
      $0.value.fireAt != $1.value.fireAt ? $0.value.fireAt < $1.value.fireAt : $0.key < $1.key
    }
    for (key, _) in due {
      scheduled[key] = nil
      evict(key)
    }
  }

  /// Upstream `deletePodHandler`: the event, the DisruptionTarget condition, the deletion.
  private func evict(_ key: String) {
    let now = context.now
    let (ns, name) = splitKey(key)
    recorder.event(
      ObjectReference(kind: "Pod", namespace: ns, name: name, apiVersion: "v1"), reason: "TaintManagerEviction",
      message: "Marking for deletion Pod \(key)")
    guard var pod = informers.pods.get(key) else { return }
    // Upstream `addConditionAndDeletePod`.
    let had = pod.condition(PodConditionType.disruptionTarget)
    if had?.status != ConditionStatus.true || had?.reason != "DeletionByTaintManager" {
      pod.setCondition(
        type: PodConditionType.disruptionTarget, status: ConditionStatus.true, reason: "DeletionByTaintManager",
        message: "Taint manager: deleting due to NoExecute taint", now: now)
      client.patchStatus(pod)
    }
    client.delete(Pod.resource, namespace: ns, name: name)
  }
}
