// ReplicaSetController: keeps the number of active pods of each ReplicaSet at spec.replicas
// (pkg/controller/replicaset/replica_set.go).

/// The ReplicaSet controller.
///
/// `sync(namespace/name)`:
///   1. find the ReplicaSet; gone → forget its expectations;
///   2. gather its candidate pods (owned, plus orphans its selector matches), keep the active ones,
///      and claim them (adopt matching orphans, release owned pods that no longer match);
///   3. if no create or delete is still in flight (expectations), create the missing pods from
///      the template or delete the surplus, least valuable first (`ActivePodsWithRanks`);
///   4. write status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas,
///      observedGeneration) when it changed.
final class ReplicaSetController: Controller {
  let name = "replicaset-controller"
  let queue = WorkQueue()
  /// Upstream `BurstReplicas`: at most this many creates or deletes per sync.
  static let burstReplicas = 500

  private let client: APIClient
  private let context: SimContext
  private let informers: SharedInformers
  private let recorder: EventRecorder
  private let podControl: PodControl
  let expectations: ControllerExpectations
  /// The last create/delete error per ReplicaSet, reported as the ReplicaFailure condition.
  private var manageErrors: [String: String] = [:]

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    recorder = EventRecorder(client: client, context: context, component: "replicaset-controller")
    podControl = PodControl(client: client, recorder: recorder)
    expectations = ControllerExpectations(now: { [context] in context.now })
    informers.replicaSets.onAdd.append { [unowned self] rs in queue.add(rs.key) }
    informers.replicaSets.onUpdate.append { [unowned self] _, rs in queue.add(rs.key) }
    informers.replicaSets.onDelete.append { [unowned self] rs in
      expectations.delete(rs.key)
      queue.add(rs.key)
    }
    informers.pods.onAdd.append { [unowned self] pod in addPod(pod) }
    informers.pods.onUpdate.append { [unowned self] old, cur in updatePod(old, cur) }
    informers.pods.onDelete.append { [unowned self] pod in deletePod(pod) }
  }

  // MARK: - Event handlers

  /// The ReplicaSet a controller reference names, if it exists with that uid.
  private func resolve(_ ref: OwnerReference?, namespace: String) -> ReplicaSet? {
    guard let ref, ref.kind == ReplicaSet.resource.kind,
      let rs = informers.replicaSets.get(namespace: namespace, name: ref.name), rs.metadata.uid == ref.uid
    else { return nil }
    return rs
  }

  /// ReplicaSets in the pod's namespace whose selector matches it (`GetPodReplicaSets`).
  private func replicaSets(selecting pod: Pod) -> [ReplicaSet] {
    let labels = pod.metadata.labels ?? [:]
    guard !labels.isEmpty else { return [] }
    return informers.replicaSets.byIndex(IndexName.namespace, pod.metadata.namespace).filter { rs in
      guard let sel = try? rs.spec.selector.asSelector(), !sel.isEmpty else { return false }
      return sel.matches(labels)
    }
  }

  private func addPod(_ pod: Pod) {
    if pod.metadata.deletionTimestamp != nil { return deletePod(pod) }
    if let ref = pod.metadata.controllerRef {
      guard let rs = resolve(ref, namespace: pod.metadata.namespace) else { return }
      expectations.creationObserved(rs.key)
      queue.add(rs.key)
      return
    }
    for rs in replicaSets(selecting: pod) { queue.add(rs.key) }
  }

  private func updatePod(_ old: Pod, _ cur: Pod) {
    if old.metadata.resourceVersion == cur.metadata.resourceVersion { return }
    let labelChanged = old.metadata.labels != cur.metadata.labels
    if cur.metadata.deletionTimestamp != nil {
      deletePod(cur)
      if labelChanged { deletePod(old) }
      return
    }
    let curRef = cur.metadata.controllerRef
    let oldRef = old.metadata.controllerRef
    if oldRef != curRef, let rs = resolve(oldRef, namespace: old.metadata.namespace) { queue.add(rs.key) }
    if let curRef {
      guard let rs = resolve(curRef, namespace: cur.metadata.namespace) else { return }
      queue.add(rs.key)
      // A pod that just became ready becomes available minReadySeconds later.
      let minReady = Int64(rs.spec.minReadySeconds ?? 0)
      if !old.isReady && cur.isReady && minReady > 0 {
        queue.add(rs.key, after: minReady + 1, now: context.now)
      }
      return
    }
    if labelChanged || oldRef != curRef {
      for rs in replicaSets(selecting: cur) { queue.add(rs.key) }
    }
  }

  private func deletePod(_ pod: Pod) {
    guard let rs = resolve(pod.metadata.controllerRef, namespace: pod.metadata.namespace) else { return }
    expectations.deletionObserved(rs.key, podKey: pod.key)
    queue.add(rs.key)
  }

  // MARK: - Sync

  func sync(_ key: String) -> SyncResult {
    guard let rs = informers.replicaSets.get(key) else {
      expectations.delete(key)
      manageErrors[key] = nil
      return .done
    }
    guard let selector = try? rs.spec.selector.asSelector() else { return .done }
    let needsSync = expectations.satisfied(key)
    let candidates = candidatePods(rs, selector: selector).filter(\.isActive)
    let manager = ControllerRefManager(client: client, controller: rs, selector: selector)
    let pods = manager.claim(candidates)

    let manageError = manageErrors.removeValue(forKey: key)
    if needsSync && rs.metadata.deletionTimestamp == nil {
      manageReplicas(pods, rs)
    }
    var status = Self.calculateStatus(rs, pods, manageError: manageError, now: context.now)
    let replicas = rs.spec.replicas ?? 1
    if statusChanged(rs, status) {
      status.observedGeneration = rs.metadata.generation
      var updated = rs
      updated.status = status
      client.updateStatus(updated) { [weak self] result in
        if case .failure = result { self?.queue.addRateLimited(key, now: self?.context.now ?? Time(seconds: 0)) }
      }
    }
    // Look again once the ready pods have been ready for minReadySeconds.
    let minReady = Int64(rs.spec.minReadySeconds ?? 0)
    if manageError == nil && minReady > 0 && (status.readyReplicas ?? 0) == replicas
      && (status.availableReplicas ?? 0) != replicas
    {
      return .after(minReady)
    }
    return manageError == nil ? .done : .retry
  }

  /// The ReplicaSet's own pods and the orphans its selector matches, sorted by key.
  private func candidatePods(_ rs: ReplicaSet, selector: Selector) -> [Pod] {
    informers.candidatePods(controller: rs.metadata.uid, namespace: rs.metadata.namespace, selector: selector)
  }

  /// Active pods of every ReplicaSet that shares this one's controller (the Deployment's other
  /// ReplicaSets), for ranking pods by how doubled-up their node is (`getIndirectlyRelatedPods`).
  private func relatedPods(_ rs: ReplicaSet) -> [Pod] {
    guard let owner = rs.metadata.controllerRef else { return informers.pods(controlledBy: rs.metadata.uid) }
    var out: [Pod] = []
    for sibling in informers.replicaSets.byIndex(IndexName.controller, owner.uid) {
      out += informers.pods(controlledBy: sibling.metadata.uid)
    }
    return out
  }

  /// Upstream `manageReplicas`: creates or deletes at most `burstReplicas` pods.
  // Simulation: upstream creates in "slow start" batches of 1, 2, 4, …; here every create is
  // sent at once and failures are counted when the apiserver answers.
  private func manageReplicas(_ pods: [Pod], _ rs: ReplicaSet) {
    let key = rs.key
    let diff = pods.count - Int(rs.spec.replicas ?? 1)
    if diff < 0 {
      let n = min(-diff, Self.burstReplicas)
      expectations.expectCreations(key, n)
      let ref = OwnerReference.controller(of: rs)
      for _ in 0..<n {
        let pod = PodControl.pod(
          from: rs.spec.template, ownerName: rs.metadata.name, namespace: rs.metadata.namespace, controllerRef: ref)
        podControl.create(pod, owner: rs) { [weak self] error in
          guard let self, let error else { return }
          expectations.creationObserved(key)
          manageErrors[key] = error
          queue.addRateLimited(key, now: context.now)
        }
      }
    } else if diff > 0 {
      let n = min(diff, Self.burstReplicas)
      let toDelete = Self.podsToDelete(pods, related: relatedPods(rs), count: n, now: context.now)
      expectations.expectDeletions(key, toDelete.map(\.key))
      for pod in toDelete {
        podControl.delete(pod, owner: rs) { [weak self] ok in
          guard let self, !ok else { return }
          expectations.deletionObserved(key, podKey: pod.key)
        }
      }
    }
  }

  /// Upstream `getPodsToDelete`: the `count` least valuable pods.
  static func podsToDelete(_ pods: [Pod], related: [Pod], count: Int, now: Time) -> [Pod] {
    guard count < pods.count else { return Array(pods.prefix(count)) }
    return Array(ActivePodsWithRanks(pods: pods, related: related, now: now).sorted().prefix(count))
  }

  /// Upstream `calculateStatus`.
  static func calculateStatus(_ rs: ReplicaSet, _ pods: [Pod], manageError: String?, now: Time) -> ReplicaSetStatus {
    var status = rs.status
    let template = Selector(matching: rs.spec.template.labels)
    var fullyLabeled: Int32 = 0
    var ready: Int32 = 0
    var available: Int32 = 0
    let minReady = rs.spec.minReadySeconds ?? 0
    for p in pods {
      if template.matches(p.metadata.labels ?? [:]) { fullyLabeled += 1 }
      if p.isReady {
        ready += 1
        if p.isAvailable(minReadySeconds: minReady, now: now) { available += 1 }
      }
    }
    let failure = status.conditions.first { $0.type == "ReplicaFailure" }
    if let manageError, failure == nil {
      let diff = pods.count - Int(rs.spec.replicas ?? 1)
      let reason = diff < 0 ? "FailedCreate" : (diff > 0 ? "FailedDelete" : "")
      status.conditions.append(
        ReplicaSetCondition(
          type: "ReplicaFailure", status: ConditionStatus.true, lastTransitionTime: now, reason: reason,
          message: manageError))
    } else if manageError == nil && failure != nil {
      status.conditions.removeAll { $0.type == "ReplicaFailure" }
    }
    status.replicas = Int32(pods.count)
    status.fullyLabeledReplicas = fullyLabeled == 0 ? nil : fullyLabeled
    status.readyReplicas = ready == 0 ? nil : ready
    status.availableReplicas = available == 0 ? nil : available
    return status
  }

  private func statusChanged(_ rs: ReplicaSet, _ status: ReplicaSetStatus) -> Bool {
    rs.status.replicas != status.replicas || rs.status.fullyLabeledReplicas != status.fullyLabeledReplicas
      || rs.status.readyReplicas != status.readyReplicas || rs.status.availableReplicas != status.availableReplicas
      || rs.metadata.generation != rs.status.observedGeneration || rs.status.conditions != status.conditions
  }
}
