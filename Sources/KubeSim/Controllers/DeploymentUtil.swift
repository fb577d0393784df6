// DeploymentUtil: the Deployment controller's helpers — revision and replica annotations,
// maxSurge/maxUnavailable fenceposts, conditions, and ReplicaSet orderings
// (pkg/controller/deployment/util/deployment_util.go).

enum DeploymentUtil {
  static let revisionAnnotation = "deployment.kubernetes.io/revision"
  static let revisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"
  static let desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
  static let maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"
  static let changeCauseAnnotation = "kubernetes.io/change-cause"
  static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"
  static let rollbackToAnnotation = "deprecated.deployment.rollback.to"
  /// `apps.DefaultDeploymentUniqueLabelKey`.
  static let podTemplateHashLabel = "pod-template-hash"
  /// Upstream `maxRevHistoryLengthInChars`.
  static let maxRevisionHistoryLength = 2000

  // Condition reasons.
  static let replicaSetUpdatedReason = "ReplicaSetUpdated"
  static let failedRSCreateReason = "ReplicaSetCreateError"
  static let newRSReason = "NewReplicaSetCreated"
  static let foundNewRSReason = "FoundNewReplicaSet"
  static let newRSAvailableReason = "NewReplicaSetAvailable"
  static let timedOutReason = "ProgressDeadlineExceeded"
  static let pausedDeployReason = "DeploymentPaused"
  static let resumedDeployReason = "DeploymentResumed"
  static let minimumReplicasAvailable = "MinimumReplicasAvailable"
  static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"

  // MARK: - Replicas

  static func replicas(_ d: Deployment) -> Int32 { d.spec.replicas ?? 1 }
  static func replicas(_ rs: ReplicaSet) -> Int32 { rs.spec.replicas ?? 1 }

  static func isRollingUpdate(_ d: Deployment) -> Bool {
    d.spec.strategy.type == DeploymentStrategyType.rollingUpdate
  }

  /// `ResolveFenceposts`: maxSurge rounds up, maxUnavailable down; both zero → maxUnavailable 1.
  static func fenceposts(_ d: Deployment) -> (surge: Int32, unavailable: Int32) {
    let desired = Int(replicas(d))
    let ru = d.spec.strategy.rollingUpdate
    let surge = (ru?.maxSurge ?? .int(0)).scaledValue(total: desired, roundUp: true) ?? 0
    var unavailable = (ru?.maxUnavailable ?? .int(0)).scaledValue(total: desired, roundUp: false) ?? 0
    if surge == 0 && unavailable == 0 { unavailable = 1 }
    return (Int32(surge), Int32(unavailable))
  }

  /// `MaxUnavailable`: 0 unless RollingUpdate with replicas; never more than replicas.
  static func maxUnavailable(_ d: Deployment) -> Int32 {
    guard isRollingUpdate(d), replicas(d) != 0 else { return 0 }
    return min(fenceposts(d).unavailable, replicas(d))
  }

  /// `MaxSurge`: 0 unless RollingUpdate.
  static func maxSurge(_ d: Deployment) -> Int32 {
    guard isRollingUpdate(d) else { return 0 }
    return fenceposts(d).surge
  }

  static func replicaCount(_ rss: [ReplicaSet]) -> Int32 { rss.reduce(0) { $0 + replicas($1) } }
  static func actualReplicaCount(_ rss: [ReplicaSet]) -> Int32 { rss.reduce(0) { $0 + $1.status.replicas } }
  static func readyReplicaCount(_ rss: [ReplicaSet]) -> Int32 { rss.reduce(0) { $0 + ($1.status.readyReplicas ?? 0) } }
  static func availableReplicaCount(_ rss: [ReplicaSet]) -> Int32 {
    rss.reduce(0) { $0 + ($1.status.availableReplicas ?? 0) }
  }

  /// `FilterActiveReplicaSets`: ReplicaSets with spec.replicas > 0.
  static func active(_ rss: [ReplicaSet]) -> [ReplicaSet] { rss.filter { replicas($0) > 0 } }

  /// `NewRSNewReplicas`: how big the new ReplicaSet may be now.
  static func newRSNewReplicas(_ d: Deployment, all: [ReplicaSet], newRS: ReplicaSet) -> Int32 {
    if d.spec.strategy.type == DeploymentStrategyType.recreate { return replicas(d) }
    let surge = Int32(
      (d.spec.strategy.rollingUpdate?.maxSurge ?? .int(0)).scaledValue(total: Int(replicas(d)), roundUp: true) ?? 0)
    let current = replicaCount(all)
    let maxTotal = replicas(d) + surge
    if current >= maxTotal { return replicas(newRS) }
    let scaleUp = min(maxTotal - current, replicas(d) - replicas(newRS))
    return replicas(newRS) + scaleUp
  }

  /// `IsSaturated`: the new ReplicaSet has all the replicas, desired and available.
  static func isSaturated(_ d: Deployment, _ rs: ReplicaSet?) -> Bool {
    guard let rs, let desired = rs.metadata.annotations?[desiredReplicasAnnotation].flatMap({ Int32($0) }) else {
      return false
    }
    return replicas(rs) == replicas(d) && desired == replicas(d) && (rs.status.availableReplicas ?? 0) == replicas(d)
  }

  /// `DeploymentComplete`.
  static func isComplete(_ d: Deployment, _ s: DeploymentStatus) -> Bool {
    let r = replicas(d)
    return (s.updatedReplicas ?? 0) == r && (s.replicas ?? 0) == r && (s.availableReplicas ?? 0) == r
      && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  }

  /// `DeploymentProgressing`: more updated, ready or available replicas, or fewer old ones.
  static func isProgressing(_ d: Deployment, _ s: DeploymentStatus) -> Bool {
    let old = d.status
    let oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
    let newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0)
    return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
      || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  }

  static func hasProgressDeadline(_ d: Deployment) -> Bool {
    guard let p = d.spec.progressDeadlineSeconds else { return false }
    return p != Int32.max
  }

  static func hasRevisionHistoryLimit(_ d: Deployment) -> Bool {
    guard let l = d.spec.revisionHistoryLimit else { return false }
    return l != Int32.max
  }

  /// `DeploymentTimedOut`: no progress reported for progressDeadlineSeconds.
  static func timedOut(_ d: Deployment, _ s: DeploymentStatus, now: Time) -> Bool {
    guard hasProgressDeadline(d), let c = s.conditions.first(where: { $0.type == DeploymentConditionType.progressing })
    else { return false }
    if c.reason == newRSAvailableReason { return false }
    if c.reason == timedOutReason { return true }
    guard let from = c.lastUpdateTime else { return false }
    return from.adding(seconds: Int64(d.spec.progressDeadlineSeconds ?? 600)) < now
  }

  // MARK: - Templates and revisions

  /// `EqualIgnoreHash`: the templates are equal once the pod-template-hash label is removed.
  static func equalIgnoringHash(_ a: PodTemplateSpec, _ b: PodTemplateSpec) -> Bool {
    var a = a
    var b = b
    a.metadata.labels?[podTemplateHashLabel] = nil
    b.metadata.labels?[podTemplateHashLabel] = nil
    if a.metadata.labels?.isEmpty == true { a.metadata.labels = nil }
    if b.metadata.labels?.isEmpty == true { b.metadata.labels = nil }
    return a == b
  }

  static func revision(_ rs: ReplicaSet) -> Int64 {
    rs.metadata.annotations?[revisionAnnotation].flatMap { Int64($0) } ?? 0
  }

  static func maxRevision(_ rss: [ReplicaSet]) -> Int64 { rss.map(revision).max() ?? 0 }

  /// `ReplicaSetsByCreationTimestamp`: oldest first, then by name.
  static func byCreation(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
    let ta = a.metadata.creationTimestamp?.microseconds ?? 0
    let tb = b.metadata.creationTimestamp?.microseconds ?? 0
    return ta != tb ? ta < tb : a.metadata.name < b.metadata.name
  }

  /// `ReplicaSetsByRevision`: lowest revision first, then by creation.
  static func byRevision(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
    let ra = revision(a)
    let rb = revision(b)
    return ra != rb ? ra < rb : byCreation(a, b)
  }

  /// `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's.
  static func findNewReplicaSet(_ d: Deployment, _ rss: [ReplicaSet]) -> ReplicaSet? {
    rss.sorted(by: byCreation).first { equalIgnoringHash($0.spec.template, d.spec.template) }
  }

  /// `FindActiveOrLatest`: the one active ReplicaSet, or the newest when none is active.
  static func findActiveOrLatest(_ newRS: ReplicaSet?, _ oldRSs: [ReplicaSet]) -> ReplicaSet? {
    if newRS == nil && oldRSs.isEmpty { return nil }
    let old = oldRSs.sorted { byCreation($1, $0) }
    let all = active(old + (newRS.map { [$0] } ?? []))
    switch all.count {
    case 0: return newRS ?? old.first
    case 1: return all[0]
    default: return nil
    }
  }

  // MARK: - Annotations

  private static let annotationsToSkip: Set<String> = [
    lastAppliedAnnotation, revisionAnnotation, revisionHistoryAnnotation, desiredReplicasAnnotation,
    maxReplicasAnnotation, rollbackToAnnotation,
  ]

  /// `copyDeploymentAnnotationsToReplicaSet` (kubernetes.io/change-cause among them).
  static func copyAnnotations(from d: Deployment, to rs: inout ReplicaSet) -> Bool {
    var changed = false
    var annotations = rs.metadata.annotations ?? [:]
    for k in (d.metadata.annotations ?? [:]).keys.sorted() where !annotationsToSkip.contains(k) {
      let v = d.metadata.annotations![k]!
      if annotations[k] == v { continue }
      annotations[k] = v
      changed = true
    }
    rs.metadata.annotations = annotations
    return changed
  }

  /// `SetReplicasAnnotations`: desired-replicas and max-replicas.
  static func setReplicasAnnotations(_ rs: inout ReplicaSet, desired: Int32, max: Int32) -> Bool {
    var annotations = rs.metadata.annotations ?? [:]
    var changed = false
    if annotations[desiredReplicasAnnotation] != String(desired) {
      annotations[desiredReplicasAnnotation] = String(desired)
      changed = true
    }
    if annotations[maxReplicasAnnotation] != String(max) {
      annotations[maxReplicasAnnotation] = String(max)
      changed = true
    }
    rs.metadata.annotations = annotations
    return changed
  }

  static func replicasAnnotationsNeedUpdate(_ rs: ReplicaSet, desired: Int32, max: Int32) -> Bool {
    rs.metadata.annotations?[desiredReplicasAnnotation] != String(desired)
      || rs.metadata.annotations?[maxReplicasAnnotation] != String(max)
  }

  /// `SetNewReplicaSetAnnotations`: copies the Deployment's annotations, raises the revision
  /// (keeping the previous ones in revision-history when rolling back), and sets the replica
  /// annotations on a ReplicaSet about to be created.
  static func setNewReplicaSetAnnotations(_ d: Deployment, _ rs: inout ReplicaSet, newRevision: Int64, exists: Bool)
    -> Bool
  {
    var changed = copyAnnotations(from: d, to: &rs)
    var annotations = rs.metadata.annotations ?? [:]
    let oldText = annotations[revisionAnnotation]
    let oldRevision: Int64
    if let oldText {
      guard let v = Int64(oldText) else {
        rs.metadata.annotations = annotations
        return false
      }
      oldRevision = v
    } else {
      oldRevision = 0
    }
    if oldRevision < newRevision {
      annotations[revisionAnnotation] = String(newRevision)
      changed = true
      if let oldText {
        let history = annotations[revisionHistoryAnnotation] ?? ""
        if history.isEmpty {
          annotations[revisionHistoryAnnotation] = oldText
        } else {
          var revisions = history.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
          var total = history.count + oldText.count + 1
          var start = 0
          while total > maxRevisionHistoryLength && start < revisions.count {
            total -= revisions[start].count + 1
            start += 1
          }
          if total <= maxRevisionHistoryLength {
            revisions = Array(revisions[start...]) + [oldText]
            annotations[revisionHistoryAnnotation] = revisions.joined(separator: ",")
          }
        }
      }
    }
    rs.metadata.annotations = annotations
    if !exists && setReplicasAnnotations(&rs, desired: replicas(d), max: replicas(d) + maxSurge(d)) {
      changed = true
    }
    return changed
  }

  /// `SetDeploymentRevision`.
  static func setRevision(_ d: inout Deployment, _ revision: String) -> Bool {
    if d.metadata.annotations?[revisionAnnotation] == revision { return false }
    var a = d.metadata.annotations ?? [:]
    a[revisionAnnotation] = revision
    d.metadata.annotations = a
    return true
  }

  // MARK: - Conditions

  static func condition(_ s: DeploymentStatus, _ type: String) -> DeploymentCondition? {
    s.conditions.first { $0.type == type }
  }

  static func newCondition(_ type: String, _ status: String, _ reason: String, _ message: String, now: Time)
    -> DeploymentCondition
  {
    DeploymentCondition(
      type: type, status: status, lastUpdateTime: now, lastTransitionTime: now, reason: reason, message: message)
  }

  /// `SetDeploymentCondition`: no-op for the same status and reason; keeps lastTransitionTime
  /// when only the reason changes; the condition moves to the end of the list.
  static func setCondition(_ s: inout DeploymentStatus, _ c: DeploymentCondition) {
    var c = c
    if let current = condition(s, c.type) {
      if current.status == c.status && current.reason == c.reason { return }
      if current.status == c.status { c.lastTransitionTime = current.lastTransitionTime }
    }
    s.conditions.removeAll { $0.type == c.type }
    s.conditions.append(c)
  }

  static func removeCondition(_ s: inout DeploymentStatus, _ type: String) {
    s.conditions.removeAll { $0.type == type }
  }

  /// An omitempty counter: nil for 0.
  static func count(_ v: Int32) -> Int32? { v == 0 ? nil : v }
}
