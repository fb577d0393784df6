// NodeLifecycleController: watches node heartbeats (Lease and Ready condition), marks silent
// nodes Unknown, taints nodes by their conditions, and marks their pods not ready
// (pkg/controller/nodelifecycle/node_lifecycle_controller.go).

/// The node lifecycle controller.
///
/// Every `--node-monitor-period` (5 s) `monitorNodeHealth`:
///   1. new nodes get a `RegisteredNode` event, deleted ones `RemovingNode`;
///   2. a node whose Lease and Ready condition have not been renewed for
///      `--node-monitor-grace-period` (50 s; 60 s `--node-startup-grace-period` for a node that
///      never posted status) gets Ready, MemoryPressure, DiskPressure and PIDPressure set to
///      Unknown (`NodeStatusUnknown`, "Kubelet stopped posting node status.");
///   3. a node that was Ready and no longer is: `NodeNotReady` event and its pods' Ready
///      condition set to False;
///   4. by the Ready condition seen at the start of the pass: Unknown → queue for the
///      `unreachable:NoExecute` taint, False → `not-ready:NoExecute`, True → both removed;
///   5. zone states (normal / partial / full disruption) set the tainting rate.
/// The NoExecute taints are added from a per-zone rate-limited queue (0.1 node/s, burst 1).
/// Node changes drive `sync(node)`: the NoSchedule taints that mirror the conditions
/// (TaintNodesByCondition) and `unschedulable`.
final class NodeLifecycleController: Controller {
  let name = "node-lifecycle-controller"
  let queue = WorkQueue()
  static let monitorPeriod: Int64 = 5
  static let monitorGracePeriod: Int64 = 50
  static let startupGracePeriod: Int64 = 60
  static let evictionLimiterQPS = 0.1
  static let secondaryEvictionLimiterQPS = 0.01
  static let largeClusterThreshold = 50
  static let unhealthyZoneThreshold = 0.55
  static let leaseNamespace = "kube-node-lease"
  static let excludeDisruptionLabel = "node.kubernetes.io/exclude-disruption"

  private let client: APIClient
  private let context: SimContext
  private let informers: SharedInformers
  private let recorder: EventRecorder
  private var now: Time { context.now }

  private struct Health {
    var probeTimestamp: Time
    var readyTransitionTimestamp: Time
    var readyCondition: NodeCondition?
    var leaseRenewTime: Time?
  }
  private var health: [String: Health] = [:]
  private var knownNodes: Set<String> = []
  private var lastMonitor: Time? = nil
  private enum ZoneState { case initial, normal, partialDisruption, fullDisruption }
  private var zoneStates: [String: ZoneState] = [:]
  private var tainters: [String: RateLimitedTimedQueue] = [:]
  /// Taint lists sent this tick, so two changes to one node in a tick build on each other.
  private var sentTaints: [String: [Taint]] = [:]
  private var sentTick: Int = -1
  private var nodesToRetry: Set<String> = []

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    recorder = EventRecorder(client: client, context: context, component: "node-controller")
    informers.nodes.onAdd.append { [unowned self] n in queue.add(n.metadata.name) }
    informers.nodes.onUpdate.append { [unowned self] _, n in queue.add(n.metadata.name) }
  }

  static func zone(_ node: Node) -> String {
    let l = node.metadata.labels ?? [:]
    let region = l["topology.kubernetes.io/region"] ?? ""
    let zone = l["topology.kubernetes.io/zone"] ?? ""
    return region.isEmpty && zone.isEmpty ? "" : "\(region):\u{0}:\(zone)"
  }

  // MARK: - Taints

  static let unreachableNoExecute = Taint(key: WellKnownTaint.nodeUnreachable, effect: TaintEffect.noExecute)
  static let notReadyNoExecute = Taint(key: WellKnownTaint.nodeNotReady, effect: TaintEffect.noExecute)

  private func currentTaints(_ node: Node) -> [Taint] {
    if sentTick != context.clock.tick {
      sentTick = context.clock.tick
      sentTaints = [:]
    }
    return sentTaints[node.metadata.name] ?? node.spec.taints
  }

  /// Upstream `SwapNodeControllerTaint`: adds taints (stamped with timeAdded) and removes
  /// others, as one PATCH of `spec.taints`. Returns false when nothing changed.
  @discardableResult
  private func swapTaints(_ node: Node, add: [Taint], remove: [Taint]) -> Bool {
    var taints = currentTaints(node)
    let before = taints
    taints.removeAll { t in remove.contains { $0.matches(t) } }
    for var t in add where !taints.contains(where: { $0.matches(t) }) {
      t.timeAdded = now
      taints.append(t)
    }
    if taints == before { return false }
    sentTaints[node.metadata.name] = taints
    // Simulation: upstream sends a strategic-merge patch with retries; a merge patch of the list
    // computed from the cache (and this tick's earlier patches) has the same effect.
    let list: JSON = taints.isEmpty ? .null : ((try? TreeEncoder().encode(taints)) ?? .null)
    client.send(
      APIRequest(.patch, Node.resource, name: node.metadata.name, body: .mergePatch(["spec": ["taints": list]])))
    return true
  }

  /// Upstream `doNoScheduleTaintingPass`: NoSchedule taints mirror the node's conditions.
  func sync(_ key: String) -> SyncResult {
    guard let node = informers.nodes.get(key) else { return .done }
    var wanted: [Taint] = []
    for c in node.status.conditions {
      let taintKey: String?
      switch (c.type, c.status) {
      case (NodeConditionType.ready, ConditionStatus.false): taintKey = WellKnownTaint.nodeNotReady
      case (NodeConditionType.ready, ConditionStatus.unknown): taintKey = WellKnownTaint.nodeUnreachable
      case (NodeConditionType.memoryPressure, ConditionStatus.true): taintKey = WellKnownTaint.nodeMemoryPressure
      case (NodeConditionType.diskPressure, ConditionStatus.true): taintKey = WellKnownTaint.nodeDiskPressure
      case (NodeConditionType.networkUnavailable, ConditionStatus.true):
        taintKey = WellKnownTaint.nodeNetworkUnavailable
      case (NodeConditionType.pidPressure, ConditionStatus.true): taintKey = WellKnownTaint.nodePIDPressure
      default: taintKey = nil
      }
      if let taintKey { wanted.append(Taint(key: taintKey, effect: TaintEffect.noSchedule)) }
    }
    if node.isUnschedulable {
      wanted.append(Taint(key: WellKnownTaint.nodeUnschedulable, effect: TaintEffect.noSchedule))
    }
    let conditionKeys: Set<String> = [
      WellKnownTaint.nodeNotReady, WellKnownTaint.nodeUnreachable, WellKnownTaint.nodeMemoryPressure,
      WellKnownTaint.nodeDiskPressure, WellKnownTaint.nodeNetworkUnavailable, WellKnownTaint.nodePIDPressure,
      WellKnownTaint.nodeUnschedulable,
    ]
    let have = currentTaints(node).filter { $0.effect == TaintEffect.noSchedule && conditionKeys.contains($0.key) }
    let add = wanted.filter { w in !have.contains { $0.matches(w) } }
    let remove = have.filter { h in !wanted.contains { $0.matches(h) } }
    if !add.isEmpty || !remove.isEmpty { swapTaints(node, add: add, remove: remove) }
    return .done
  }

  // MARK: - Monitoring

  func tick(now: Time) {
    if lastMonitor == nil || lastMonitor!.seconds(until: now) >= Self.monitorPeriod {
      lastMonitor = now
      monitorNodeHealth()
    }
    doNoExecuteTaintingPass()
  }

  private func monitorNodeHealth() {
    let nodes = informers.nodes.list()
    let names = Set(nodes.map(\.metadata.name))
    for node in nodes where !knownNodes.contains(node.metadata.name) {
      recordNodeEvent(
        node, reason: "RegisteredNode", event: "Registered Node \(node.metadata.name) in Controller")
      knownNodes.insert(node.metadata.name)
      addZone(node)
      markNodeAsReachable(node)
    }
    for name in knownNodes.sorted() where !names.contains(name) {
      recorder.event(
        ObjectReference(kind: "Node", name: name, apiVersion: "v1"), reason: "RemovingNode",
        message: "Node \(name) event: Removing Node \(name) from Controller")
      knownNodes.remove(name)
      health[name] = nil
    }
    var zoneConditions: [String: [NodeCondition?]] = [:]
    for var node in nodes {
      let (observed, current) = tryUpdateNodeHealth(&node)
      if node.metadata.labels?[Self.excludeDisruptionLabel] == nil {
        zoneConditions[Self.zone(node), default: []].append(current)
      }
      guard let current else { continue }
      processTaintBaseEviction(node, observed)
      let retry = nodesToRetry.contains(node.metadata.name)
      if current.status != ConditionStatus.true && observed.status == ConditionStatus.true {
        recorder.event(
          ObjectReference(kind: "Node", name: node.metadata.name, uid: node.metadata.uid, apiVersion: "v1"),
          reason: "NodeNotReady", message: "Node \(node.metadata.name) status is now: NodeNotReady")
        markPodsNotReady(node.metadata.name)
      } else if retry && observed.status != ConditionStatus.true {
        markPodsNotReady(node.metadata.name)
      }
      nodesToRetry.remove(node.metadata.name)
    }
    handleDisruption(zoneConditions, nodes)
  }

  private func recordNodeEvent(_ node: Node, reason: String, event: String) {
    recorder.event(
      ObjectReference(kind: "Node", name: node.metadata.name, uid: node.metadata.uid, apiVersion: "v1"),
      reason: reason, message: "Node \(node.metadata.name) event: \(event)")
  }

  /// Upstream `tryUpdateNodeHealth`. Returns the Ready condition as observed and as it is now;
  /// `node` carries the status as written.
  private func tryUpdateNodeHealth(_ node: inout Node) -> (observed: NodeCondition, current: NodeCondition?) {
    let name = node.metadata.name
    let created = node.metadata.creationTimestamp ?? now
    var current = node.condition(NodeConditionType.ready)
    let observed: NodeCondition
    let grace: Int64
    var h = health[name]
    if let current {
      observed = current
      grace = Self.monitorGracePeriod
    } else {
      observed = NodeCondition(
        type: NodeConditionType.ready, status: ConditionStatus.unknown, lastHeartbeatTime: created,
        lastTransitionTime: created)
      grace = Self.startupGracePeriod
      if h == nil { h = Health(probeTimestamp: created, readyTransitionTimestamp: created) }
    }
    let saved = h?.readyCondition
    if h == nil {
      h = Health(probeTimestamp: now, readyTransitionTimestamp: now)
    } else if saved == nil && current != nil {
      h = Health(probeTimestamp: now, readyTransitionTimestamp: now, leaseRenewTime: h!.leaseRenewTime)
    } else if saved != nil && current == nil {
      h = Health(probeTimestamp: now, readyTransitionTimestamp: now, leaseRenewTime: h!.leaseRenewTime)
    } else if let saved, let current, saved.lastHeartbeatTime != current.lastHeartbeatTime {
      let transition = saved.lastTransitionTime != current.lastTransitionTime ? now : h!.readyTransitionTimestamp
      h = Health(
        probeTimestamp: now, readyTransitionTimestamp: transition, leaseRenewTime: h!.leaseRenewTime)
    }
    h!.readyCondition = current
    // A renewed Lease counts as a heartbeat.
    if let lease = informers.leases.get(namespace: Self.leaseNamespace, name: name),
      let renew = lease.spec.renewTime?.time, h!.leaseRenewTime == nil || h!.leaseRenewTime! < renew
    {
      h!.leaseRenewTime = renew
      h!.probeTimestamp = now
    }
    health[name] = h
    // Upstream: `now.After(probeTimestamp + grace)`. Its passes run every 5 s *after the previous
    // pass returned* (`wait.Until` is sliding), so the pass 50 s after the probe is always a little
    // later than probe + 50 s and the node turns Unknown there.
    // Simulation: passes fall exactly on the 5 s grid here, so that pass is taken with `<=`.
    guard h!.probeTimestamp.adding(seconds: grace) <= now else { return (observed, current) }
    // Silent for longer than the grace period: every condition the kubelet owns becomes Unknown.
    for type in [
      NodeConditionType.ready, NodeConditionType.memoryPressure, NodeConditionType.diskPressure,
      NodeConditionType.pidPressure,
    ] {
      if let i = node.status.conditions.firstIndex(where: { $0.type == type }) {
        if node.status.conditions[i].status != ConditionStatus.unknown {
          node.status.conditions[i].status = ConditionStatus.unknown
          node.status.conditions[i].reason = "NodeStatusUnknown"
          node.status.conditions[i].message = "Kubelet stopped posting node status."
          node.status.conditions[i].lastTransitionTime = now
        }
      } else {
        node.status.conditions.append(
          NodeCondition(
            type: type, status: ConditionStatus.unknown, lastHeartbeatTime: created, lastTransitionTime: now,
            reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status."))
      }
    }
    current = node.condition(NodeConditionType.ready)
    if current != observed {
      client.updateStatus(node)
      h!.readyCondition = current
      h!.readyTransitionTimestamp = now
      health[name] = h
    }
    return (observed, current)
  }

  /// Upstream `MarkPodsNotReady`: each pod on the node gets Ready=False and a warning event.
  private func markPodsNotReady(_ nodeName: String) {
    for pod in informers.pods(onNode: nodeName) {
      guard let i = pod.status.conditions.firstIndex(where: { $0.type == PodConditionType.ready }),
        pod.status.conditions[i].status != ConditionStatus.false
      else { continue }
      var p = pod
      p.status.conditions[i].status = ConditionStatus.false
      p.status.conditions[i].lastTransitionTime = now
      client.updateStatus(p) { [weak self] result in
        guard let self else { return }
        switch result {
        case .success:
          recorder.event(pod, type: "Warning", reason: "NodeNotReady", message: "Node is not ready")
        case .failure(let e) where e.code != 404:
          nodesToRetry.insert(nodeName)
        case .failure:
          break
        }
      }
    }
  }

  /// Upstream `processTaintBaseEviction`.
  private func processTaintBaseEviction(_ node: Node, _ observed: NodeCondition) {
    let taints = currentTaints(node)
    switch observed.status {
    case ConditionStatus.false:
      if taints.contains(where: { $0.matches(Self.unreachableNoExecute) }) {
        swapTaints(node, add: [Self.notReadyNoExecute], remove: [Self.unreachableNoExecute])
      } else {
        tainters[Self.zone(node)]?.add(node.metadata.name)
      }
    case ConditionStatus.unknown:
      if taints.contains(where: { $0.matches(Self.notReadyNoExecute) }) {
        swapTaints(node, add: [Self.unreachableNoExecute], remove: [Self.notReadyNoExecute])
      } else {
        tainters[Self.zone(node)]?.add(node.metadata.name)
      }
    default:
      markNodeAsReachable(node)
    }
  }

  /// Upstream `markNodeAsReachable`: off the taint queue and without NoExecute taints.
  private func markNodeAsReachable(_ node: Node) {
    tainters[Self.zone(node)]?.remove(node.metadata.name)
    let taints = currentTaints(node)
    let remove = [Self.unreachableNoExecute, Self.notReadyNoExecute].filter { t in taints.contains { $0.matches(t) } }
    if !remove.isEmpty { swapTaints(node, add: [], remove: remove) }
  }

  private func addZone(_ node: Node) {
    let z = Self.zone(node)
    if tainters[z] == nil {
      tainters[z] = RateLimitedTimedQueue(qps: Self.evictionLimiterQPS, now: now)
      zoneStates[z] = .initial
    }
  }

  /// Upstream `doNoExecuteTaintingPass`: taint queued nodes as their Ready condition says,
  /// as fast as each zone's limiter allows.
  private func doNoExecuteTaintingPass() {
    for zone in tainters.keys.sorted() {
      tainters[zone]!.tryEach(now: now) { name in
        guard let node = informers.nodes.get(name) else { return true }
        guard let ready = node.condition(NodeConditionType.ready) else { return false }
        switch ready.status {
        case ConditionStatus.false:
          swapTaints(node, add: [Self.notReadyNoExecute], remove: [Self.unreachableNoExecute])
        case ConditionStatus.unknown:
          swapTaints(node, add: [Self.unreachableNoExecute], remove: [Self.notReadyNoExecute])
        default:
          break
        }
        return true
      }
    }
  }

  /// Upstream `handleDisruption`: when every zone is fully disrupted (no node Ready anywhere) the
  /// controller assumes its own connectivity is at fault and stops tainting.
  private func handleDisruption(_ zoneConditions: [String: [NodeCondition?]], _ nodes: [Node]) {
    var newStates: [String: ZoneState] = [:]
    var allAreFullyDisrupted = true
    for (zone, conditions) in zoneConditions {
      let ready = conditions.filter { $0?.status == ConditionStatus.true }.count
      let notReady = conditions.count - ready
      let state: ZoneState
      if ready == 0 && notReady > 0 {
        state = .fullDisruption
      } else if notReady > 2 && Double(notReady) / Double(conditions.count) >= Self.unhealthyZoneThreshold {
        state = .partialDisruption
      } else {
        state = .normal
      }
      newStates[zone] = state
      if state != .fullDisruption { allAreFullyDisrupted = false }
      if zoneStates[zone] == nil { zoneStates[zone] = .initial }
    }
    var allWasFullyDisrupted = true
    for zone in zoneStates.keys.sorted() {
      if zoneConditions[zone] == nil {
        zoneStates[zone] = nil
        continue
      }
      if zoneStates[zone] != .fullDisruption {
        allWasFullyDisrupted = false
        break
      }
    }
    guard !allAreFullyDisrupted || !allWasFullyDisrupted else { return }
    if allAreFullyDisrupted {
      for node in nodes { markNodeAsReachable(node) }
      for zone in zoneStates.keys.sorted() {
        tainters[zone]?.swapLimiter(qps: 0, now: now)
        zoneStates[zone] = .fullDisruption
      }
      return
    }
    if allWasFullyDisrupted {
      for node in nodes {
        health[node.metadata.name]?.probeTimestamp = now
        health[node.metadata.name]?.readyTransitionTimestamp = now
      }
      for zone in zoneStates.keys.sorted() {
        setLimiter(zone, size: zoneConditions[zone]?.count ?? 0, newStates[zone] ?? .normal)
        zoneStates[zone] = newStates[zone]
      }
      return
    }
    for zone in zoneStates.keys.sorted() {
      let new = newStates[zone] ?? .normal
      if zoneStates[zone] == new { continue }
      setLimiter(zone, size: zoneConditions[zone]?.count ?? 0, new)
      zoneStates[zone] = new
    }
  }

  private func setLimiter(_ zone: String, size: Int, _ state: ZoneState) {
    let qps: Double
    switch state {
    case .partialDisruption: qps = size > Self.largeClusterThreshold ? Self.secondaryEvictionLimiterQPS : 0
    default: qps = Self.evictionLimiterQPS
    }
    tainters[zone]?.swapLimiter(qps: qps, now: now)
  }
}

/// Upstream `RateLimitedTimedQueue`: a set of node names processed in order, each attempt
/// limited by a token bucket (burst 1); a failed attempt is retried later.
final class RateLimitedTimedQueue {
  private var items: [String] = []
  private var qps: Double
  private var tokens: Double = 1
  private var last: Time

  init(qps: Double, now: Time) {
    self.qps = qps
    self.last = now
  }

  /// Adds `name` unless it is already queued.
  func add(_ name: String) { if !items.contains(name) { items.append(name) } }
  func remove(_ name: String) { items.removeAll { $0 == name } }

  /// Upstream `SwapLimiter`: a new bucket (full) for a new rate; 0 stops all attempts.
  func swapLimiter(qps: Double, now: Time) {
    guard qps != self.qps else { return }
    self.qps = qps
    tokens = qps > 0 ? 1 : 0
    last = now
  }

  private func tryAccept(now: Time) -> Bool {
    guard qps > 0 else { return false }
    let elapsed = Double(now.microseconds - last.microseconds) / 1_000_000
    last = now
    tokens = min(1, tokens + elapsed * qps)
    if tokens >= 1 {
      tokens -= 1
      return true
    }
    return false
  }

  /// Upstream `Try`: `fn` returns true when the item is done.
  func tryEach(now: Time, _ fn: (String) -> Bool) {
    var kept: [String] = []
    var i = 0
    while i < items.count {
      guard tryAccept(now: now) else { break }
      if !fn(items[i]) { kept.append(items[i]) }
      i += 1
    }
    items = kept + items[i...]
  }
}
