// DeploymentController: rolls Deployments out through ReplicaSets — the new ReplicaSet named by
// the pod-template-hash, rolling or recreate updates, scaling, pause, rollback by template, and
// history cleanup (pkg/controller/deployment).

/// The Deployment controller.
///
/// `sync(namespace/name)` (upstream `syncDeployment`):
///   1. find the Deployment; claim its ReplicaSets (adopt or release by selector);
///   2. being deleted → status only;
///   3. pause/resume → the Progressing condition says so; paused → only proportional scaling;
///   4. a change of replicas (desired-replicas annotation) → proportional scaling;
///   5. otherwise roll out by strategy: RollingUpdate or Recreate;
///   6. write the ReplicaSets that changed, then the Deployment's status (and revision
///      annotation) if it changed.
///
/// Simulation: upstream writes each change as it decides it (and often conflicts with itself);
/// here one sync collects its writes and sends each object once at the end.
final class DeploymentController: Controller {
  let name = "deployment-controller"
  let queue = WorkQueue()

  let client: APIClient
  let context: SimContext
  let informers: SharedInformers
  let recorder: EventRecorder
  /// New ReplicaSets created but not yet seen, by Deployment key (the create expectation).
  private var creating: [String: String] = [:]

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    recorder = EventRecorder(client: client, context: context, component: "deployment-controller")
    informers.deployments.onAdd.append { [unowned self] d in queue.add(d.key) }
    informers.deployments.onUpdate.append { [unowned self] _, d in queue.add(d.key) }
    informers.deployments.onDelete.append { [unowned self] d in
      creating[d.key] = nil
      queue.add(d.key)
    }
    informers.replicaSets.onAdd.append { [unowned self] rs in addReplicaSet(rs) }
    informers.replicaSets.onUpdate.append { [unowned self] old, cur in updateReplicaSet(old, cur) }
    informers.replicaSets.onDelete.append { [unowned self] rs in
      if let d = resolve(rs.metadata.controllerRef, namespace: rs.metadata.namespace) { queue.add(d.key) }
    }
    informers.pods.onDelete.append { [unowned self] pod in deletePod(pod) }
  }

  // MARK: - Event handlers

  private func resolve(_ ref: OwnerReference?, namespace: String) -> Deployment? {
    guard let ref, ref.kind == Deployment.resource.kind,
      let d = informers.deployments.get(namespace: namespace, name: ref.name), d.metadata.uid == ref.uid
    else { return nil }
    return d
  }

  /// Deployments whose selector matches an orphaned ReplicaSet.
  private func deployments(selecting rs: ReplicaSet) -> [Deployment] {
    let labels = rs.metadata.labels ?? [:]
    guard !labels.isEmpty else { return [] }
    return informers.deployments.byIndex(IndexName.namespace, rs.metadata.namespace).filter { d in
      guard let sel = try? d.spec.selector.asSelector(), !sel.isEmpty else { return false }
      return sel.matches(labels)
    }
  }

  private func addReplicaSet(_ rs: ReplicaSet) {
    if let d = resolve(rs.metadata.controllerRef, namespace: rs.metadata.namespace) {
      if creating[d.key] == rs.metadata.name { creating[d.key] = nil }
      queue.add(d.key)
      return
    }
    if rs.metadata.controllerRef != nil { return }
    for d in deployments(selecting: rs) { queue.add(d.key) }
  }

  private func updateReplicaSet(_ old: ReplicaSet, _ cur: ReplicaSet) {
    if old.metadata.resourceVersion == cur.metadata.resourceVersion { return }
    let oldRef = old.metadata.controllerRef
    let curRef = cur.metadata.controllerRef
    if oldRef != curRef, let d = resolve(oldRef, namespace: old.metadata.namespace) { queue.add(d.key) }
    if let curRef {
      if let d = resolve(curRef, namespace: cur.metadata.namespace) { queue.add(d.key) }
      return
    }
    if old.metadata.labels != cur.metadata.labels || oldRef != curRef {
      for d in deployments(selecting: cur) { queue.add(d.key) }
    }
  }

  /// A Recreate Deployment waits for its old pods to go before it creates the new ReplicaSet.
  private func deletePod(_ pod: Pod) {
    guard let ref = pod.metadata.controllerRef, ref.kind == ReplicaSet.resource.kind,
      let rs = informers.replicaSets.get(namespace: pod.metadata.namespace, name: ref.name),
      let d = resolve(rs.metadata.controllerRef, namespace: rs.metadata.namespace),
      d.spec.strategy.type == DeploymentStrategyType.recreate
    else { return }
    queue.add(d.key)
  }

  // MARK: - Sync

  func sync(_ key: String) -> SyncResult {
    guard let deployment = informers.deployments.get(key) else {
      creating[key] = nil
      return .done
    }
    if let pending = creating[key] {
      // The new ReplicaSet is on its way; wait until the informer shows it.
      if informers.replicaSets.get(namespace: deployment.metadata.namespace, name: pending) == nil { return .done }
      creating[key] = nil
    }
    if deployment.spec.selector == LabelSelector() {
      recorder.event(
        deployment, type: "Warning", reason: "SelectingAll",
        message: "This deployment is selecting all pods. A non-empty selector is required.")
      if (deployment.status.observedGeneration ?? 0) < (deployment.metadata.generation ?? 0) {
        var d = deployment
        d.status.observedGeneration = deployment.metadata.generation
        client.updateStatus(d)
      }
      return .done
    }
    guard let selector = try? deployment.spec.selector.asSelector() else { return .done }
    let manager = ControllerRefManager(client: client, controller: deployment, selector: selector)
    let candidates = informers.replicaSets.byIndex(IndexName.namespace, deployment.metadata.namespace)
    let rsList = manager.claim(candidates)

    let s = DeploymentSync(controller: self, deployment: deployment, rsList: rsList)
    var result = SyncResult.done
    if deployment.metadata.deletionTimestamp != nil {
      s.syncStatusOnly()
    } else {
      s.checkPausedConditions()
      if deployment.spec.paused == true {
        s.syncScaling()
      } else if s.isScalingEvent() {
        s.syncScaling()
      } else if deployment.spec.strategy.type == DeploymentStrategyType.recreate {
        result = s.rolloutRecreate()
      } else {
        result = s.rolloutRolling()
      }
    }
    s.flush()
    return result
  }

  /// Records that the new ReplicaSet `name` was sent for creation for `key` (nil: it failed).
  func noteCreating(_ key: String, _ name: String?) { creating[key] = name }
}
