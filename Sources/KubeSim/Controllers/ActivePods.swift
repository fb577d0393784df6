// ActivePods: which pods count as active, ready and available, and the order in which a
// controller deletes surplus pods (controller_utils.go: IsPodActive, ActivePodsWithRanks).

extension Pod {
  /// Upstream `IsPodActive`: not Succeeded, not Failed, not being deleted.
  var isActive: Bool { !isTerminal && metadata.deletionTimestamp == nil }

  /// When the pod last became Ready (the Ready condition's lastTransitionTime), if it is ready.
  var readySince: Time? { isReady ? condition(PodConditionType.ready)?.lastTransitionTime : nil }

  /// Upstream `IsPodAvailable`: ready for at least `minReadySeconds` (strictly before `now`).
  func isAvailable(minReadySeconds: Int32, now: Time) -> Bool {
    guard isReady else { return false }
    if minReadySeconds == 0 { return true }
    guard let t = condition(PodConditionType.ready)?.lastTransitionTime, t.microseconds != 0 else { return false }
    return t.adding(seconds: Int64(minReadySeconds)) < now
  }

  /// The highest restart count among regular containers, then among sidecar init containers.
  var maxContainerRestarts: (regular: Int32, sidecar: Int32) {
    let regular = status.containerStatuses.map(\.restartCount).max() ?? 0
    let sidecars = Set(spec.initContainers.filter { $0.restartPolicy == ContainerRestartPolicy.always }.map(\.name))
    let sidecar =
      status.initContainerStatuses.filter { sidecars.contains($0.name) }.map(\.restartCount).max() ?? 0
    return (regular, sidecar)
  }

  /// `controller.kubernetes.io/pod-deletion-cost` (0 when unset or malformed).
  var deletionCost: Int32 {
    metadata.annotations?["controller.kubernetes.io/pod-deletion-cost"].flatMap { Int32($0) } ?? 0
  }
}

/// Upstream `ActivePodsWithRanks.Less`: the pod that sorts first is the cheapest to delete.
///
///   1. unassigned < assigned;
///   2. Pending < Unknown < Running;
///   3. not ready < ready;
///   4. lower pod-deletion-cost < higher;
///   5. more related pods on the same node < fewer (doubled-up pods go first);
///   6. ready more recently < ready longer (logarithmic buckets, as LogarithmicScaleDown);
///   7. more container restarts < fewer;
///   8. created more recently < created earlier (logarithmic buckets);
///   then by uid, so the order is total and deterministic.
struct ActivePodsWithRanks {
  var pods: [Pod]
  var ranks: [Int]
  var now: Time

  /// Ranks each pod by how many active `related` pods share its node
  /// (`getPodsRankedByRelatedPodsOnSameNode`).
  init(pods: [Pod], related: [Pod], now: Time) {
    var onNode: [String: Int] = [:]
    for p in related where p.isActive { onNode[p.spec.nodeName, default: 0] += 1 }
    self.pods = pods
    self.ranks = pods.map { onNode[$0.spec.nodeName] ?? 0 }
    self.now = now
  }

  /// The pods in deletion order.
  func sorted() -> [Pod] {
    let order = pods.indices.sorted { less($0, $1) }
    return order.map { pods[$0] }
  }

  private static func phaseOrdinal(_ phase: String) -> Int {
    switch phase {
    case PodPhase.unknown: return 1
    case PodPhase.running: return 2
    default: return 0
    }
  }

  func less(_ i: Int, _ j: Int) -> Bool {
    let a = pods[i]
    let b = pods[j]
    if a.spec.nodeName != b.spec.nodeName && (a.spec.nodeName.isEmpty || b.spec.nodeName.isEmpty) {
      return a.spec.nodeName.isEmpty
    }
    let pa = Self.phaseOrdinal(a.status.phase)
    let pb = Self.phaseOrdinal(b.status.phase)
    if pa != pb { return pa < pb }
    if a.isReady != b.isReady { return !a.isReady }
    if a.deletionCost != b.deletionCost { return a.deletionCost < b.deletionCost }
    if ranks[i] != ranks[j] { return ranks[i] > ranks[j] }
    if a.isReady && b.isReady, let ra = a.readySince, let rb = b.readySince, ra != rb {
      let d = logarithmicRankDiff(ra, rb)
      if d != 0 { return d < 0 }
      if a.metadata.uid != b.metadata.uid { return a.metadata.uid < b.metadata.uid }
    }
    let (ra, sa) = a.maxContainerRestarts
    let (rb, sb) = b.maxContainerRestarts
    if ra != rb { return ra > rb }
    if sa != sb { return sa > sb }
    let ca = a.metadata.creationTimestamp
    let cb = b.metadata.creationTimestamp
    if ca != cb {
      guard let ca, let cb else { return ca == nil }
      let d = logarithmicRankDiff(ca, cb)
      if d != 0 { return d < 0 }
    }
    return a.metadata.uid < b.metadata.uid
  }

  /// `logarithmicRankDiff`: the difference of ⌊log2(age in nanoseconds)⌋ of two times.
  private func logarithmicRankDiff(_ t1: Time, _ t2: Time) -> Int {
    func rank(_ t: Time) -> Int {
      let d = (now.microseconds - t.microseconds) * 1000
      return d > 0 ? (Int64.bitWidth - 1 - d.leadingZeroBitCount) : -1
    }
    return rank(t1) - rank(t2)
  }
}
