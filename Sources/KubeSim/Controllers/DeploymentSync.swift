// DeploymentSync: one sync of one Deployment — finding the new and old ReplicaSets, rolling
// and recreate updates, proportional scaling, status and history cleanup
// (pkg/controller/deployment: sync.go, rolling.go, recreate.go, progress.go).

/// The working state of one `DeploymentController.sync`: a copy of the Deployment whose status
/// and revision annotation change as the sync decides, and copies of its ReplicaSets. `flush`
/// sends what changed.
final class DeploymentSync {
  private unowned let controller: DeploymentController
  private let original: Deployment
  private(set) var d: Deployment
  private let key: String
  /// ReplicaSets by name: the claimed ones as cached, then as this sync changed them.
  private var sets: [String: ReplicaSet] = [:]
  private var names: [String]
  private var cached: [String: ReplicaSet] = [:]
  /// Names whose copy changed, in the order of the first change.
  private var changed: [String] = []
  private var toCreate: String? = nil
  private var toDelete: [String] = []
  private var computed: (newRS: String?, old: [String])? = nil
  private var now: Time { controller.context.now }

  init(controller: DeploymentController, deployment: Deployment, rsList: [ReplicaSet]) {
    self.controller = controller
    original = deployment
    d = deployment
    key = deployment.key
    for rs in rsList {
      sets[rs.metadata.name] = rs
      cached[rs.metadata.name] = rs
    }
    names = rsList.map(\.metadata.name)
  }

  private func rs(_ name: String) -> ReplicaSet { sets[name]! }
  private func replicaSets(_ names: [String]) -> [ReplicaSet] { names.map(rs) }

  private func write(_ rs: ReplicaSet) {
    let name = rs.metadata.name
    sets[name] = rs
    if name != toCreate && !changed.contains(name) { changed.append(name) }
  }

  // MARK: - New and old ReplicaSets

  /// Upstream `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet (its annotations synced,
  /// created when `create` and missing) and all old ones.
  func allReplicaSets(create: Bool) -> (newRS: ReplicaSet?, old: [ReplicaSet]) {
    if computed == nil || (create && computed?.newRS == nil) {
      let all = replicaSets(names)
      let existing = DeploymentUtil.findNewReplicaSet(d, all)
      let old = names.filter { $0 != existing?.metadata.name }
      let newName = newReplicaSet(existing: existing, old: replicaSets(old), create: create)
      computed = (newName, old)
    }
    return (computed!.newRS.map(rs), replicaSets(computed!.old))
  }

  /// Upstream `getNewReplicaSet`.
  private func newReplicaSet(existing: ReplicaSet?, old: [ReplicaSet], create: Bool) -> String? {
    let newRevision = DeploymentUtil.maxRevision(old) + 1
    if var rs = existing {
      let annotationsUpdated = DeploymentUtil.setNewReplicaSetAnnotations(
        d, &rs, newRevision: newRevision, exists: true)
      let minReadyChanged = (rs.spec.minReadySeconds ?? 0) != (d.spec.minReadySeconds ?? 0)
      if annotationsUpdated || minReadyChanged {
        rs.spec.minReadySeconds = d.spec.minReadySeconds
        write(rs)
        return rs.metadata.name
      }
      _ = DeploymentUtil.setRevision(&d, rs.metadata.annotations?[DeploymentUtil.revisionAnnotation] ?? "")
      if DeploymentUtil.hasProgressDeadline(d)
        && DeploymentUtil.condition(d.status, DeploymentConditionType.progressing) == nil
      {
        DeploymentUtil.setCondition(
          &d.status,
          DeploymentUtil.newCondition(
            DeploymentConditionType.progressing, ConditionStatus.true, DeploymentUtil.foundNewRSReason,
            "Found new replica set \"\(rs.metadata.name)\"", now: now))
      }
      return rs.metadata.name
    }
    guard create else { return nil }

    // 1. The template with the pod-template-hash label, and the selector with it too.
    var template = d.spec.template
    let hash = computeHash(template, collisionCount: d.status.collisionCount)
    var labels = template.labels
    labels[DeploymentUtil.podTemplateHashLabel] = hash
    template.metadata.labels = labels
    var selector = d.spec.selector ?? LabelSelector()
    var match = selector.matchLabels ?? [:]
    match[DeploymentUtil.podTemplateHashLabel] = hash
    selector.matchLabels = match
    // 2. The ReplicaSet `<deployment>-<hash>`, owned by the Deployment.
    var rs = ReplicaSet(metadata: ObjectMeta(name: "\(d.metadata.name)-\(hash)", namespace: d.metadata.namespace))
    rs.metadata.ownerReferences = [OwnerReference.controller(of: d)]
    rs.metadata.labels = labels
    rs.metadata.creationTimestamp = now
    rs.spec = ReplicaSetSpec(replicas: 0, selector: selector, template: template)
    rs.spec.minReadySeconds = d.spec.minReadySeconds
    // 3. As many replicas as the strategy allows right now, and the annotations.
    let count = DeploymentUtil.newRSNewReplicas(d, all: old + [rs], newRS: rs)
    rs.spec.replicas = count
    _ = DeploymentUtil.setNewReplicaSetAnnotations(d, &rs, newRevision: newRevision, exists: false)
    sets[rs.metadata.name] = rs
    if !names.contains(rs.metadata.name) { names.append(rs.metadata.name) }
    toCreate = rs.metadata.name
    // 4. The Deployment's revision and Progressing condition.
    _ = DeploymentUtil.setRevision(&d, String(newRevision))
    if DeploymentUtil.hasProgressDeadline(d) {
      DeploymentUtil.setCondition(
        &d.status,
        DeploymentUtil.newCondition(
          DeploymentConditionType.progressing, ConditionStatus.true, DeploymentUtil.newRSReason,
          "Created new replica set \"\(rs.metadata.name)\"", now: now))
    }
    return rs.metadata.name
  }

  // MARK: - Scaling

  /// Upstream `scaleReplicaSetAndRecordEvent` / `scaleReplicaSet`: sets the size and the
  /// replica annotations. Returns whether the size changed.
  @discardableResult
  private func scale(_ rs: ReplicaSet, to size: Int32) -> Bool {
    let desired = DeploymentUtil.replicas(d)
    let maxReplicas = desired + DeploymentUtil.maxSurge(d)
    let sizeChanged = DeploymentUtil.replicas(rs) != size
    let annotationsChanged = DeploymentUtil.replicasAnnotationsNeedUpdate(rs, desired: desired, max: maxReplicas)
    guard sizeChanged || annotationsChanged else { return false }
    var copy = rs
    copy.spec.replicas = size
    _ = DeploymentUtil.setReplicasAnnotations(&copy, desired: desired, max: maxReplicas)
    write(copy)
    return sizeChanged
  }

  private func scaleAndRecord(_ rs: ReplicaSet, to size: Int32) -> Bool {
    if DeploymentUtil.replicas(rs) == size { return false }
    return scale(rs, to: size)
  }

  /// Upstream `isScalingEvent`: an active ReplicaSet was sized for another replica count.
  func isScalingEvent() -> Bool {
    let (newRS, old) = allReplicaSets(create: false)
    for rs in DeploymentUtil.active(old + (newRS.map { [$0] } ?? [])) {
      guard let desired = rs.metadata.annotations?[DeploymentUtil.desiredReplicasAnnotation].flatMap({ Int32($0) })
      else { continue }
      if desired != DeploymentUtil.replicas(d) { return true }
    }
    return false
  }

  /// Upstream `scale`: proportional scaling of the active ReplicaSets.
  private func scaleProportionally(_ newRS: ReplicaSet?, _ old: [ReplicaSet]) {
    let replicas = DeploymentUtil.replicas(d)
    if let target = DeploymentUtil.findActiveOrLatest(newRS, old) {
      if DeploymentUtil.replicas(target) != replicas { _ = scaleAndRecord(target, to: replicas) }
      return
    }
    if DeploymentUtil.isSaturated(d, newRS) {
      for rs in DeploymentUtil.active(old) { _ = scaleAndRecord(rs, to: 0) }
      return
    }
    guard DeploymentUtil.isRollingUpdate(d) else { return }
    var all = DeploymentUtil.active(old + (newRS.map { [$0] } ?? []))
    let allReplicas = DeploymentUtil.replicaCount(all)
    let allowed = replicas > 0 ? replicas + DeploymentUtil.maxSurge(d) : 0
    let toAdd = allowed - allReplicas
    if toAdd > 0 {
      // Larger first; newer first among equals.
      all.sort { a, b in
        DeploymentUtil.replicas(a) != DeploymentUtil.replicas(b)
          ? DeploymentUtil.replicas(a) > DeploymentUtil.replicas(b) : DeploymentUtil.byCreation(b, a)
      }
    } else if toAdd < 0 {
      // Larger first; older first among equals.
      all.sort { a, b in
        DeploymentUtil.replicas(a) != DeploymentUtil.replicas(b)
          ? DeploymentUtil.replicas(a) > DeploymentUtil.replicas(b) : DeploymentUtil.byCreation(a, b)
      }
    }
    var added: Int32 = 0
    var sizes: [Int32] = []
    for rs in all {
      if toAdd != 0 {
        let p = proportion(rs, toAdd: toAdd, added: added)
        sizes.append(DeploymentUtil.replicas(rs) + p)
        added += p
      } else {
        sizes.append(DeploymentUtil.replicas(rs))
      }
    }
    for (i, rs) in all.enumerated() {
      var size = sizes[i]
      if i == 0 && toAdd != 0 { size = max(0, size + toAdd - added) }
      scale(rs, to: size)
    }
  }

  /// Upstream `GetProportion`.
  private func proportion(_ rs: ReplicaSet, toAdd: Int32, added: Int32) -> Int32 {
    if DeploymentUtil.replicas(rs) == 0 || toAdd == 0 || toAdd == added { return 0 }
    let fraction = replicaSetFraction(rs)
    let allowed = toAdd - added
    return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
  }

  /// Upstream `getReplicaSetFraction`: the ReplicaSet's share of the new maximum, from the
  /// maximum it was sized for (its max-replicas annotation).
  private func replicaSetFraction(_ rs: ReplicaSet) -> Int32 {
    let replicas = DeploymentUtil.replicas(d)
    if replicas == 0 { return -DeploymentUtil.replicas(rs) }
    let deploymentReplicas = replicas + DeploymentUtil.maxSurge(d)
    let annotated =
      rs.metadata.annotations?[DeploymentUtil.maxReplicasAnnotation].flatMap { Int32($0) } ?? (d.status.replicas ?? 0)
    guard annotated != 0 else { return 0 }
    let size = Double(DeploymentUtil.replicas(rs)) * Double(deploymentReplicas) / Double(annotated)
    return Int32(size.rounded()) - DeploymentUtil.replicas(rs)
  }

  // MARK: - Strategies

  /// Upstream `sync`: scaling while paused or for a changed replica count.
  func syncScaling() {
    let (newRS, old) = allReplicaSets(create: false)
    scaleProportionally(newRS, old)
    if d.spec.paused == true { cleanup(replicaSets(computed!.old)) }
    syncDeploymentStatus()
  }

  func syncStatusOnly() {
    _ = allReplicaSets(create: false)
    syncDeploymentStatus()
  }

  /// Upstream `rolloutRolling`: scale the new ReplicaSet up within maxSurge, then old ones
  /// down within maxUnavailable; clean up history once neither moves.
  func rolloutRolling() -> SyncResult {
    var (newRS, old) = allReplicaSets(create: true)
    guard let created = newRS else { return .done }
    if reconcileNewReplicaSet(created, all: old + [created]) { return syncRolloutStatus() }
    (newRS, old) = allReplicaSets(create: true)
    if reconcileOldReplicaSets(newRS!, all: old + [newRS!], old: DeploymentUtil.active(old)) {
      return syncRolloutStatus()
    }
    cleanup(replicaSets(computed!.old))
    return syncRolloutStatus()
  }

  private func reconcileNewReplicaSet(_ newRS: ReplicaSet, all: [ReplicaSet]) -> Bool {
    let replicas = DeploymentUtil.replicas(d)
    if DeploymentUtil.replicas(newRS) == replicas { return false }
    if DeploymentUtil.replicas(newRS) > replicas { return scaleAndRecord(newRS, to: replicas) }
    return scaleAndRecord(newRS, to: DeploymentUtil.newRSNewReplicas(d, all: all, newRS: newRS))
  }

  private func reconcileOldReplicaSets(_ newRS: ReplicaSet, all: [ReplicaSet], old: [ReplicaSet]) -> Bool {
    if DeploymentUtil.replicaCount(old) == 0 { return false }
    let allPods = DeploymentUtil.replicaCount(all)
    let minAvailable = DeploymentUtil.replicas(d) - DeploymentUtil.maxUnavailable(d)
    let newUnavailable = DeploymentUtil.replicas(newRS) - (newRS.status.availableReplicas ?? 0)
    let maxScaledDown = allPods - minAvailable - newUnavailable
    if maxScaledDown <= 0 { return false }
    let cleaned = cleanupUnhealthyReplicas(old, maxCleanup: maxScaledDown)
    let olds = old.map { rs($0.metadata.name) }
    let scaledDown = scaleDownOldForRollingUpdate(all: olds + [rs(newRS.metadata.name)], old: olds)
    return cleaned + scaledDown > 0
  }

  /// Upstream `cleanupUnhealthyReplicas`: old ReplicaSets lose their unavailable pods first.
  private func cleanupUnhealthyReplicas(_ old: [ReplicaSet], maxCleanup: Int32) -> Int32 {
    var total: Int32 = 0
    for target in old.sorted(by: DeploymentUtil.byCreation) {
      if total >= maxCleanup { break }
      let replicas = DeploymentUtil.replicas(target)
      let available = target.status.availableReplicas ?? 0
      if replicas == 0 || replicas == available { continue }
      let down = min(maxCleanup - total, replicas - available)
      _ = scaleAndRecord(target, to: replicas - down)
      total += down
    }
    return total
  }

  /// Upstream `scaleDownOldReplicaSetsForRollingUpdate`: keep at least replicas−maxUnavailable
  /// available.
  private func scaleDownOldForRollingUpdate(all: [ReplicaSet], old: [ReplicaSet]) -> Int32 {
    let minAvailable = DeploymentUtil.replicas(d) - DeploymentUtil.maxUnavailable(d)
    let available = DeploymentUtil.availableReplicaCount(all)
    if available <= minAvailable { return 0 }
    let totalDown = available - minAvailable
    var total: Int32 = 0
    for target in old.sorted(by: DeploymentUtil.byCreation) {
      if total >= totalDown { break }
      let replicas = DeploymentUtil.replicas(target)
      if replicas == 0 { continue }
      let down = min(replicas, totalDown - total)
      _ = scaleAndRecord(target, to: replicas - down)
      total += down
    }
    return total
  }

  /// Upstream `rolloutRecreate`: old ReplicaSets to zero, wait for their pods to be gone, then
  /// the new ReplicaSet at full size.
  func rolloutRecreate() -> SyncResult {
    var (newRS, old) = allReplicaSets(create: false)
    var scaledDown = false
    for rs in DeploymentUtil.active(old) where scaleAndRecord(rs, to: 0) { scaledDown = true }
    if scaledDown { return syncRolloutStatus() }
    if oldPodsRunning(newRS, old) { return syncRolloutStatus() }
    if newRS == nil { (newRS, old) = allReplicaSets(create: true) }
    if let newRS { _ = scaleAndRecord(newRS, to: DeploymentUtil.replicas(d)) }
    if DeploymentUtil.isComplete(d, d.status) { cleanup(replicaSets(computed!.old)) }
    return syncRolloutStatus()
  }

  /// Upstream `oldPodsRunning`: old ReplicaSets still report pods, or some pod of theirs is not
  /// terminal (terminating pods included).
  private func oldPodsRunning(_ newRS: ReplicaSet?, _ old: [ReplicaSet]) -> Bool {
    if DeploymentUtil.actualReplicaCount(old) > 0 { return true }
    for rs in old where rs.metadata.uid != newRS?.metadata.uid {
      for pod in controller.informers.pods(controlledBy: rs.metadata.uid) where !pod.isTerminal { return true }
    }
    return false
  }

  /// Upstream `cleanupDeployment`: deletes the oldest fully scaled-down ReplicaSets beyond
  /// revisionHistoryLimit.
  private func cleanup(_ old: [ReplicaSet]) {
    guard DeploymentUtil.hasRevisionHistoryLimit(d) else { return }
    let cleanable = old.filter { $0.metadata.deletionTimestamp == nil }
    let diff = cleanable.count - Int(d.spec.revisionHistoryLimit ?? 10)
    guard diff > 0 else { return }
    for rs in cleanable.sorted(by: DeploymentUtil.byRevision).prefix(diff) {
      if rs.status.replicas != 0 || DeploymentUtil.replicas(rs) != 0
        || (rs.metadata.generation ?? 0) > (rs.status.observedGeneration ?? 0)
      {
        continue
      }
      toDelete.append(rs.metadata.name)
    }
  }

  /// Upstream `checkPausedConditions`.
  func checkPausedConditions() {
    guard DeploymentUtil.hasProgressDeadline(d) else { return }
    let cond = DeploymentUtil.condition(d.status, DeploymentConditionType.progressing)
    if cond?.reason == DeploymentUtil.timedOutReason { return }
    let pausedExists = cond?.reason == DeploymentUtil.pausedDeployReason
    if d.spec.paused == true && !pausedExists {
      DeploymentUtil.setCondition(
        &d.status,
        DeploymentUtil.newCondition(
          DeploymentConditionType.progressing, ConditionStatus.unknown, DeploymentUtil.pausedDeployReason,
          "Deployment is paused", now: now))
    } else if d.spec.paused != true && pausedExists {
      DeploymentUtil.setCondition(
        &d.status,
        DeploymentUtil.newCondition(
          DeploymentConditionType.progressing, ConditionStatus.unknown, DeploymentUtil.resumedDeployReason,
          "Deployment is resumed", now: now))
    }
  }

  // MARK: - Status

  private var allForStatus: (all: [ReplicaSet], newRS: ReplicaSet?) {
    let newRS = computed?.newRS.map(rs)
    return (replicaSets(computed?.old ?? []) + (newRS.map { [$0] } ?? []), newRS)
  }

  /// Upstream `calculateStatus`.
  private func calculateStatus() -> DeploymentStatus {
    let (all, newRS) = allForStatus
    let available = DeploymentUtil.availableReplicaCount(all)
    let total = DeploymentUtil.replicaCount(all)
    var s = DeploymentStatus()
    s.observedGeneration = d.metadata.generation
    s.replicas = DeploymentUtil.count(DeploymentUtil.actualReplicaCount(all))
    s.updatedReplicas = DeploymentUtil.count(newRS.map { $0.status.replicas } ?? 0)
    s.readyReplicas = DeploymentUtil.count(DeploymentUtil.readyReplicaCount(all))
    s.availableReplicas = DeploymentUtil.count(available)
    s.unavailableReplicas = DeploymentUtil.count(max(0, total - available))
    s.collisionCount = d.status.collisionCount
    s.conditions = d.status.conditions
    if available >= DeploymentUtil.replicas(d) - DeploymentUtil.maxUnavailable(d) {
      DeploymentUtil.setCondition(
        &s,
        DeploymentUtil.newCondition(
          DeploymentConditionType.available, ConditionStatus.true, DeploymentUtil.minimumReplicasAvailable,
          "Deployment has minimum availability.", now: now))
    } else {
      DeploymentUtil.setCondition(
        &s,
        DeploymentUtil.newCondition(
          DeploymentConditionType.available, ConditionStatus.false, DeploymentUtil.minimumReplicasUnavailable,
          "Deployment does not have minimum availability.", now: now))
    }
    return s
  }

  /// Upstream `syncDeploymentStatus`.
  private func syncDeploymentStatus() {
    d.status = calculateStatus()
  }

  /// Upstream `syncRolloutStatus`: status plus the Progressing condition (complete, progressing
  /// or timed out) and ReplicaFailure copied from the ReplicaSets. Returns when to look again
  /// for a rollout that may get stuck.
  private func syncRolloutStatus() -> SyncResult {
    var s = calculateStatus()
    let newRS = allForStatus.newRS
    if !DeploymentUtil.hasProgressDeadline(d) {
      DeploymentUtil.removeCondition(&s, DeploymentConditionType.progressing)
    }
    let current = DeploymentUtil.condition(d.status, DeploymentConditionType.progressing)
    let isComplete =
      (s.replicas ?? 0) == (s.updatedReplicas ?? 0) && current?.reason == DeploymentUtil.newRSAvailableReason
    if DeploymentUtil.hasProgressDeadline(d) && !isComplete {
      if DeploymentUtil.isComplete(d, s) {
        let msg =
          newRS.map { "ReplicaSet \"\($0.metadata.name)\" has successfully progressed." }
          ?? "Deployment \"\(d.metadata.name)\" has successfully progressed."
        DeploymentUtil.setCondition(
          &s,
          DeploymentUtil.newCondition(
            DeploymentConditionType.progressing, ConditionStatus.true, DeploymentUtil.newRSAvailableReason, msg,
            now: now))
      } else if DeploymentUtil.isProgressing(d, s) {
        let msg =
          newRS.map { "ReplicaSet \"\($0.metadata.name)\" is progressing." }
          ?? "Deployment \"\(d.metadata.name)\" is progressing."
        var c = DeploymentUtil.newCondition(
          DeploymentConditionType.progressing, ConditionStatus.true, DeploymentUtil.replicaSetUpdatedReason, msg,
          now: now)
        if let current {
          if current.status == ConditionStatus.true { c.lastTransitionTime = current.lastTransitionTime }
          DeploymentUtil.removeCondition(&s, DeploymentConditionType.progressing)
        }
        DeploymentUtil.setCondition(&s, c)
      } else if DeploymentUtil.timedOut(d, s, now: now) {
        let msg =
          newRS.map { "ReplicaSet \"\($0.metadata.name)\" has timed out progressing." }
          ?? "Deployment \"\(d.metadata.name)\" has timed out progressing."
        DeploymentUtil.setCondition(
          &s,
          DeploymentUtil.newCondition(
            DeploymentConditionType.progressing, ConditionStatus.false, DeploymentUtil.timedOutReason, msg, now: now))
      }
    }
    // ReplicaFailure from the ReplicaSets (the new one first).
    let (all, _) = allForStatus
    let ordered = (newRS.map { [$0] } ?? []) + all.filter { $0.metadata.name != newRS?.metadata.name }
    if let failure = ordered.lazy.compactMap({ $0.status.conditions.first { $0.type == "ReplicaFailure" } }).first(
      where: { $0.status == ConditionStatus.true })
    {
      DeploymentUtil.setCondition(
        &s,
        DeploymentCondition(
          type: DeploymentConditionType.replicaFailure, status: failure.status,
          lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime,
          reason: failure.reason, message: failure.message))
    } else {
      DeploymentUtil.removeCondition(&s, DeploymentConditionType.replicaFailure)
    }
    if s == d.status { return requeueStuck(s) }
    d.status = s
    return .done
  }

  /// Upstream `requeueStuckDeployment`: look again when the progress deadline would pass.
  private func requeueStuck(_ s: DeploymentStatus) -> SyncResult {
    guard DeploymentUtil.hasProgressDeadline(d),
      let current = DeploymentUtil.condition(d.status, DeploymentConditionType.progressing)
    else { return .done }
    if DeploymentUtil.isComplete(d, s) || current.reason == DeploymentUtil.timedOutReason { return .done }
    let deadline = (current.lastUpdateTime ?? now).adding(seconds: Int64(d.spec.progressDeadlineSeconds ?? 600))
    let after = now.seconds(until: deadline)
    return after < 1 ? .retry : .after(after + 1)
  }

  // MARK: - Writes

  /// Sends what the sync changed: the new ReplicaSet, ReplicaSet updates (with the
  /// ScalingReplicaSet event once the apiserver accepts them), deletions of old history, then
  /// the Deployment's status and revision annotation.
  func flush() {
    let client = controller.client
    let recorder = controller.recorder
    let deploymentRef = ObjectReference.to(original)
    if let name = toCreate {
      let rs = sets[name]!
      let deployment = d
      controller.noteCreating(key, name)
      let size = DeploymentUtil.replicas(rs)
      client.create(rs) { [weak controller] result in
        switch result {
        case .success:
          if size > 0 {
            recorder.event(
              deploymentRef, reason: "ScalingReplicaSet", message: "Scaled up replica set \(name) from 0 to \(size)")
          }
        case .failure(let e):
          controller?.createFailed(deployment, rs, e)
        }
      }
    }
    for name in changed {
      let rs = sets[name]!
      let before = DeploymentUtil.replicas(cached[name]!)
      let after = DeploymentUtil.replicas(rs)
      client.update(rs) { result in
        guard case .success = result, before != after else { return }
        let op = before < after ? "up" : "down"
        recorder.event(
          deploymentRef, reason: "ScalingReplicaSet",
          message: "Scaled \(op) replica set \(name) from \(before) to \(after)")
      }
    }
    for name in toDelete {
      client.delete(ReplicaSet.resource, namespace: d.metadata.namespace, name: name)
    }
    if d.status != original.status || d.metadata.annotations != original.metadata.annotations {
      client.updateStatus(d)
    }
  }
}

extension DeploymentController {
  /// The create of a new ReplicaSet failed: a hash collision bumps collisionCount; any other
  /// error becomes the ReplicaSetCreateError condition and a warning event.
  func createFailed(_ d: Deployment, _ rs: ReplicaSet, _ e: APIError) {
    noteCreating(d.key, nil)
    let name = rs.metadata.name
    let current = informers.deployments.get(d.key) ?? d
    if e.reason == "AlreadyExists" {
      if let existing = informers.replicaSets.get(namespace: d.metadata.namespace, name: name),
        existing.metadata.controllerRef?.uid == d.metadata.uid,
        DeploymentUtil.equalIgnoringHash(d.spec.template, existing.spec.template)
      {
        queue.add(d.key)
        return
      }
      var bumped = current
      bumped.status.collisionCount = (current.status.collisionCount ?? 0) + 1
      // Simulation: sent without a resourceVersion precondition, as the cached copy may be stale.
      bumped.metadata.resourceVersion = ""
      client.updateStatus(bumped)
      return
    }
    if e.message.contains("because it is being terminated") { return }
    let msg = "Failed to create new replica set \"\(name)\": \(e.message)"
    if DeploymentUtil.hasProgressDeadline(current) {
      var failed = current
      DeploymentUtil.setCondition(
        &failed.status,
        DeploymentUtil.newCondition(
          DeploymentConditionType.progressing, ConditionStatus.false, DeploymentUtil.failedRSCreateReason, msg,
          now: context.now))
      failed.metadata.resourceVersion = ""
      client.updateStatus(failed)
    }
    recorder.event(current, type: "Warning", reason: DeploymentUtil.failedRSCreateReason, message: msg)
  }
}
