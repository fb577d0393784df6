// DaemonSetController: one pod per eligible node for each DaemonSet, placed by the default
// scheduler through node affinity, with rolling updates (pkg/controller/daemon).

/// The DaemonSet controller.
///
/// `sync(namespace/name)` (upstream `syncDaemonSet`):
///   1. find the DaemonSet and the hash of its template (`controller-revision-hash`);
///   2. while creates or deletes are in flight, update status only;
///   3. for every node decide whether a daemon pod should run there and may keep running
///      (node name, nodeSelector and required node affinity, taints against the pod's
///      tolerations plus the DaemonSet defaults);
///   4. create pods for nodes that lack one (node affinity `metadata.name In [node]`, so the
///      default scheduler binds them), delete pods on nodes that must not run one, failed ones,
///      and duplicates; a RollingUpdate deletes old pods within maxUnavailable;
///   5. write status counts when they changed.
final class DaemonSetController: Controller {
  let name = "daemonset-controller"
  let queue = WorkQueue()
  /// Upstream `BurstReplicas` of the DaemonSet controller.
  static let burstReplicas = 250
  static let templateGenerationLabel = "pod-template-generation"
  static let revisionHashLabel = "controller-revision-hash"
  static let templateGenerationAnnotation = "deprecated.daemonset.template.generation"

  private let client: APIClient
  private let context: SimContext
  private let informers: SharedInformers
  private let recorder: EventRecorder
  private let podControl: PodControl
  private let expectations: CountExpectations
  /// Failed-pod back-off per `ds/node`: (delay, last update).
  private var failedPodsBackoff: [String: (delay: Int64, last: Time)] = [:]

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    recorder = EventRecorder(client: client, context: context, component: "daemonset-controller")
    podControl = PodControl(client: client, recorder: recorder)
    expectations = CountExpectations(now: { [context] in context.now })
    informers.daemonSets.onAdd.append { [unowned self] ds in queue.add(ds.key) }
    informers.daemonSets.onUpdate.append { [unowned self] _, ds in queue.add(ds.key) }
    informers.daemonSets.onDelete.append { [unowned self] ds in
      expectations.delete(ds.key)
      queue.add(ds.key)
    }
    informers.nodes.onAdd.append { [unowned self] node in
      for ds in informers.daemonSets.list() where Self.nodeShouldRun(node, ds).shouldRun { queue.add(ds.key) }
    }
    informers.nodes.onUpdate.append { [unowned self] old, cur in updateNode(old, cur) }
    informers.nodes.onDelete.append { [unowned self] _ in
      for ds in informers.daemonSets.list() { queue.add(ds.key) }
    }
    informers.pods.onAdd.append { [unowned self] pod in addPod(pod) }
    informers.pods.onUpdate.append { [unowned self] old, cur in updatePod(old, cur) }
    informers.pods.onDelete.append { [unowned self] pod in deletePod(pod) }
  }

  // MARK: - Event handlers

  private func resolve(_ ref: OwnerReference?, namespace: String) -> DaemonSet? {
    guard let ref, ref.kind == DaemonSet.resource.kind,
      let ds = informers.daemonSets.get(namespace: namespace, name: ref.name), ds.metadata.uid == ref.uid
    else { return nil }
    return ds
  }

  private func daemonSets(selecting pod: Pod) -> [DaemonSet] {
    let labels = pod.metadata.labels ?? [:]
    guard !labels.isEmpty else { return [] }
    return informers.daemonSets.byIndex(IndexName.namespace, pod.metadata.namespace).filter { ds in
      guard let sel = try? ds.spec.selector.asSelector(), !sel.isEmpty else { return false }
      return sel.matches(labels)
    }
  }

  private func addPod(_ pod: Pod) {
    if pod.metadata.deletionTimestamp != nil { return deletePod(pod) }
    if let ref = pod.metadata.controllerRef {
      guard let ds = resolve(ref, namespace: pod.metadata.namespace) else { return }
      expectations.creationObserved(ds.key)
      queue.add(ds.key)
      return
    }
    for ds in daemonSets(selecting: pod) { queue.add(ds.key) }
  }

  private func updatePod(_ old: Pod, _ cur: Pod) {
    if old.metadata.resourceVersion == cur.metadata.resourceVersion { return }
    if cur.metadata.deletionTimestamp != nil {
      if old.metadata.deletionTimestamp == nil { deletePod(cur) }
      return
    }
    let oldRef = old.metadata.controllerRef
    let curRef = cur.metadata.controllerRef
    if oldRef != curRef, let ds = resolve(oldRef, namespace: old.metadata.namespace) { queue.add(ds.key) }
    if let curRef {
      guard let ds = resolve(curRef, namespace: cur.metadata.namespace) else { return }
      queue.add(ds.key)
      let minReady = Int64(ds.spec.minReadySeconds ?? 0)
      if !old.isReady && cur.isReady && minReady > 0 { queue.add(ds.key, after: minReady, now: context.now) }
      return
    }
    if old.metadata.labels != cur.metadata.labels || oldRef != curRef {
      for ds in daemonSets(selecting: cur) { queue.add(ds.key) }
    }
  }

  private func deletePod(_ pod: Pod) {
    guard let ds = resolve(pod.metadata.controllerRef, namespace: pod.metadata.namespace) else { return }
    expectations.deletionObserved(ds.key)
    queue.add(ds.key)
  }

  /// Upstream `updateNode`: node changes other than status conditions may change where daemon
  /// pods should run.
  private func updateNode(_ old: Node, _ cur: Node) {
    var a = old
    var b = cur
    a.metadata.resourceVersion = ""
    b.metadata.resourceVersion = ""
    a.status.conditions = []
    b.status.conditions = []
    if a == b { return }
    for ds in informers.daemonSets.list() {
      let o = Self.nodeShouldRun(old, ds)
      let c = Self.nodeShouldRun(cur, ds)
      if o.shouldRun != c.shouldRun || o.shouldContinueRunning != c.shouldContinueRunning { queue.add(ds.key) }
    }
  }

  // MARK: - Where daemon pods run

  /// Upstream `AddOrUpdateDaemonPodTolerations`: daemon pods survive node problems.
  static func addDaemonTolerations(_ spec: inout PodSpec) {
    func add(_ t: Toleration) {
      if let i = spec.tolerations.firstIndex(where: { $0.matches(t) }) {
        spec.tolerations[i] = t
      } else {
        spec.tolerations.append(t)
      }
    }
    let exists = TolerationOperator.exists
    add(Toleration(key: WellKnownTaint.nodeNotReady, operator: exists, effect: TaintEffect.noExecute))
    add(Toleration(key: WellKnownTaint.nodeUnreachable, operator: exists, effect: TaintEffect.noExecute))
    add(Toleration(key: WellKnownTaint.nodeDiskPressure, operator: exists, effect: TaintEffect.noSchedule))
    add(Toleration(key: WellKnownTaint.nodeMemoryPressure, operator: exists, effect: TaintEffect.noSchedule))
    add(Toleration(key: WellKnownTaint.nodePIDPressure, operator: exists, effect: TaintEffect.noSchedule))
    add(Toleration(key: WellKnownTaint.nodeUnschedulable, operator: exists, effect: TaintEffect.noSchedule))
    if spec.usesHostNetwork {
      add(Toleration(key: WellKnownTaint.nodeNetworkUnavailable, operator: exists, effect: TaintEffect.noSchedule))
    }
  }

  /// Upstream `NodeShouldRunDaemonPod`: should a daemon pod be created on the node, and may an
  /// existing one keep running (it tolerates the node's NoExecute taints)?
  static func nodeShouldRun(_ node: Node, _ ds: DaemonSet) -> (shouldRun: Bool, shouldContinueRunning: Bool) {
    nodeShouldRun(node, spec: daemonPodSpec(ds))
  }

  /// The template's spec with the daemon tolerations added (upstream `NewPod`).
  static func daemonPodSpec(_ ds: DaemonSet) -> PodSpec {
    var spec = ds.spec.template.spec
    addDaemonTolerations(&spec)
    return spec
  }

  static func nodeShouldRun(_ node: Node, spec: PodSpec) -> (shouldRun: Bool, shouldContinueRunning: Bool) {
    if !spec.nodeName.isEmpty && spec.nodeName != node.metadata.name { return (false, false) }
    let labels = node.metadata.labels ?? [:]
    for (k, v) in spec.nodeSelector where labels[k] != v { return (false, false) }
    if let required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
      !required.matches(labels: labels, nodeName: node.metadata.name)
    {
      return (false, false)
    }
    let taints = node.spec.taints
    if taints.isEmpty { return (true, true) }
    let fits =
      spec.tolerations.firstUntoleratedTaint(in: taints) {
        $0.effect == TaintEffect.noExecute || $0.effect == TaintEffect.noSchedule
      } == nil
    if !fits {
      let untoleratedNoExecute = spec.tolerations.firstUntoleratedTaint(in: taints) {
        $0.effect == TaintEffect.noExecute
      }
      return (false, untoleratedNoExecute == nil)
    }
    return (true, true)
  }

  /// Upstream `ReplaceDaemonSetPodNodeNameNodeAffinity`: the pod may only be scheduled to `node`.
  static func nodeAffinity(_ affinity: Affinity?, node: String) -> Affinity {
    let term = NodeSelectorTerm(
      matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: NodeSelectorOperator.in, values: [node])])
    var a = affinity ?? Affinity()
    var na = a.nodeAffinity ?? NodeAffinity()
    na.requiredDuringSchedulingIgnoredDuringExecution = NodeSelector(nodeSelectorTerms: [term])
    a.nodeAffinity = na
    return a
  }

  /// Upstream `GetTargetNodeName`: spec.nodeName, or the node the affinity pins the pod to.
  static func targetNodeName(_ pod: Pod) -> String? {
    if !pod.spec.nodeName.isEmpty { return pod.spec.nodeName }
    for term in pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
      ?? []
    {
      for r in term.matchFields
      where r.key == "metadata.name" && r.operator == NodeSelectorOperator.in && r.values.count == 1 {
        return r.values[0]
      }
    }
    return nil
  }

  // MARK: - Sync

  private func templateGeneration(_ ds: DaemonSet) -> Int64? {
    if let a = ds.metadata.annotations?[Self.templateGenerationAnnotation] { return Int64(a) }
    return ds.metadata.generation
  }

  /// Upstream `IsPodUpdated`: the pod carries the current hash or template generation.
  private func isUpdated(_ pod: Pod, hash: String, generation: Int64?) -> Bool {
    let labels = pod.metadata.labels ?? [:]
    let generationMatches = generation.map { labels[Self.templateGenerationLabel] == String($0) } ?? false
    return (!hash.isEmpty && labels[Self.revisionHashLabel] == hash) || generationMatches
  }

  /// The DaemonSet's claimed pods by target node, sorted by key.
  private func nodeToDaemonPods(_ ds: DaemonSet, selector: Selector) -> [String: [Pod]] {
    let candidates = informers.candidatePods(
      controller: ds.metadata.uid, namespace: ds.metadata.namespace, selector: selector)
    let pods = ControllerRefManager(client: client, controller: ds, selector: selector).claim(candidates)
    var out: [String: [Pod]] = [:]
    for p in pods {
      if p.isTerminal && p.metadata.deletionTimestamp != nil { continue }
      guard let node = Self.targetNodeName(p) else { continue }
      out[node, default: []].append(p)
    }
    return out
  }

  func sync(_ key: String) -> SyncResult {
    guard let ds = informers.daemonSets.get(key) else {
      expectations.delete(key)
      return .done
    }
    if ds.spec.selector == LabelSelector() {
      recorder.event(
        ds, type: "Warning", reason: "SelectingAll",
        message: "This daemon set is selecting all pods. A non-empty selector is required.")
      return .done
    }
    guard let selector = try? ds.spec.selector.asSelector() else { return .done }
    if ds.metadata.deletionTimestamp != nil { return .done }
    let hash = computeHash(ds.spec.template, collisionCount: ds.status.collisionCount)
    let spec = Self.daemonPodSpec(ds)
    // Where daemon pods should run, decided once per sync.
    let nodes = informers.nodes.list().map { ($0, Self.nodeShouldRun($0, spec: spec)) }
    let podsByNode = nodeToDaemonPods(ds, selector: selector)
    var result = SyncResult.done
    if expectations.satisfied(key) {
      result = manage(ds, nodes: nodes, podsByNode: podsByNode, hash: hash)
      updateStatus(ds, nodes: nodes, podsByNode: podsByNode, hash: hash, observedGeneration: true)
    } else {
      updateStatus(ds, nodes: nodes, podsByNode: podsByNode, hash: hash, observedGeneration: false)
    }
    let minReady = Int64(ds.spec.minReadySeconds ?? 0)
    if minReady > 0 && ds.status.numberReady != (ds.status.numberAvailable ?? 0), result == .done {
      return .after(minReady)
    }
    return result
  }

  /// Upstream `updateDaemonSet` (manage + rolling update), as one batch of creates and deletes.
  private func manage(
    _ ds: DaemonSet, nodes: [(Node, (shouldRun: Bool, shouldContinueRunning: Bool))], podsByNode: [String: [Pod]],
    hash: String
  ) -> SyncResult {
    var nodesNeeding: [String] = []
    var toDelete: [Pod] = []
    var result = SyncResult.done
    let now = context.now
    for (node, (shouldRun, shouldContinue)) in nodes {
      let pods = podsByNode[node.metadata.name] ?? []
      if shouldRun && pods.isEmpty {
        nodesNeeding.append(node.metadata.name)
      } else if shouldContinue {
        var running: [Pod] = []
        for pod in pods where pod.metadata.deletionTimestamp == nil {
          if pod.status.phase == PodPhase.failed {
            let bk = "\(ds.metadata.uid)/\(node.metadata.name)"
            if let b = failedPodsBackoff[bk], b.last.seconds(until: now) < b.delay {
              result = .after(b.delay - b.last.seconds(until: now))
              continue
            }
            let delay = min(2 * (failedPodsBackoff[bk]?.delay ?? 0), 900)
            failedPodsBackoff[bk] = (max(delay, 1), now)
            recorder.event(
              ds, type: "Warning", reason: "FailedDaemonPod",
              message:
                "Found failed daemon pod \(pod.metadata.namespace)/\(pod.metadata.name) on node \(node.metadata.name), will try to kill it"
            )
            toDelete.append(pod)
          } else if pod.status.phase == PodPhase.succeeded {
            toDelete.append(pod)
          } else {
            running.append(pod)
          }
        }
        // Without surge, one pod per node: keep the oldest.
        if running.count > 1 {
          let sorted = running.sorted { a, b in
            let ta = a.metadata.creationTimestamp?.microseconds ?? 0
            let tb = b.metadata.creationTimestamp?.microseconds ?? 0
            return ta != tb ? ta < tb : a.metadata.name < b.metadata.name
          }
          toDelete += sorted.dropFirst()
        }
      } else if !shouldContinue {
        toDelete += pods.filter { $0.metadata.deletionTimestamp == nil }
      }
    }
    // Pods pinned to nodes that no longer exist and never scheduled.
    let known = Set(nodes.map(\.0.metadata.name))
    for node in podsByNode.keys.sorted() where !known.contains(node) {
      toDelete += podsByNode[node]!.filter { $0.spec.nodeName.isEmpty && $0.metadata.deletionTimestamp == nil }
    }
    if ds.spec.updateStrategy.type != DaemonSetUpdateStrategyType.onDelete {
      for pod in rollingUpdate(ds, nodes: nodes, podsByNode: podsByNode, hash: hash)
      where !toDelete.contains(where: { $0.key == pod.key }) {
        toDelete.append(pod)
      }
    }
    syncNodes(ds, delete: toDelete, create: nodesNeeding, hash: hash)
    return result
  }

  /// Upstream `rollingUpdate` without surge: old pods to delete so that at most maxUnavailable
  /// daemon pods are unavailable; the manage loop then creates their replacements.
  private func rollingUpdate(
    _ ds: DaemonSet, nodes: [(Node, (shouldRun: Bool, shouldContinueRunning: Bool))], podsByNode: [String: [Pod]],
    hash: String
  ) -> [Pod] {
    var byNode = podsByNode
    var desired = 0
    for (node, should) in nodes where should.shouldRun {
      desired += 1
      if byNode[node.metadata.name] == nil { byNode[node.metadata.name] = [] }
    }
    let ru = ds.spec.updateStrategy.rollingUpdate
    var maxUnavailable = (ru?.maxUnavailable ?? .int(1)).scaledValue(total: desired, roundUp: true) ?? 1
    let maxSurge = (ru?.maxSurge ?? .int(0)).scaledValue(total: desired, roundUp: true) ?? 0
    if desired > 0 && maxUnavailable == 0 && maxSurge == 0 { maxUnavailable = 1 }
    // Simulation: surge (maxSurge > 0) is treated as maxSurge 0.
    let generation = templateGeneration(ds)
    let now = context.now
    let minReady = ds.spec.minReadySeconds ?? 0
    var unavailable = 0
    var replacements: [Pod] = []
    var candidates: [Pod] = []
    for node in byNode.keys.sorted() {
      var newPod: Pod? = nil
      var oldPod: Pod? = nil
      var ok = true
      for pod in byNode[node]! where pod.metadata.deletionTimestamp == nil {
        if isUpdated(pod, hash: hash, generation: generation) {
          if newPod != nil { ok = false }
          newPod = pod
        } else {
          if oldPod != nil { ok = false }
          oldPod = pod
        }
      }
      if !ok {
        unavailable += 1
        continue
      }
      switch (newPod, oldPod) {
      case (nil, nil), (.some, .some):
        unavailable += 1
      case (.some(let p), nil):
        if !p.isAvailable(minReadySeconds: minReady, now: now) { unavailable += 1 }
      case (nil, .some(let p)):
        if !p.isAvailable(minReadySeconds: minReady, now: now) {
          replacements.append(p)
          unavailable += 1
        } else if unavailable < maxUnavailable {
          candidates.append(p)
        }
      }
    }
    let remaining = min(max(0, maxUnavailable - unavailable), candidates.count)
    return replacements + candidates.prefix(remaining)
  }

  /// Upstream `syncNodes`: creates daemon pods for `create` nodes and deletes `delete` pods,
  /// at most `burstReplicas` each, with expectations for both.
  private func syncNodes(_ ds: DaemonSet, delete: [Pod], create: [String], hash: String) {
    let key = ds.key
    let creates = Array(create.prefix(Self.burstReplicas))
    let deletes = Array(delete.prefix(Self.burstReplicas))
    guard !creates.isEmpty || !deletes.isEmpty else { return }
    expectations.set(key, add: creates.count, del: deletes.count)
    var template = ds.spec.template
    Self.addDaemonTolerations(&template.spec)
    var labels = template.labels
    if let g = templateGeneration(ds) { labels[Self.templateGenerationLabel] = String(g) }
    if !hash.isEmpty { labels[Self.revisionHashLabel] = hash }
    template.metadata.labels = labels
    let ref = OwnerReference.controller(of: ds)
    for node in creates {
      var t = template
      t.spec.affinity = Self.nodeAffinity(t.spec.affinity, node: node)
      let pod = PodControl.pod(
        from: t, ownerName: ds.metadata.name, namespace: ds.metadata.namespace, controllerRef: ref)
      podControl.create(pod, owner: ds) { [weak self] error in
        guard let self, error != nil else { return }
        expectations.creationObserved(key)
        queue.addRateLimited(key, now: context.now)
      }
    }
    for pod in deletes {
      podControl.delete(pod, owner: ds) { [weak self] ok in
        guard let self, !ok else { return }
        expectations.deletionObserved(key)
      }
    }
  }

  /// Upstream `updateDaemonSetStatus`.
  private func updateStatus(
    _ ds: DaemonSet, nodes: [(Node, (shouldRun: Bool, shouldContinueRunning: Bool))], podsByNode: [String: [Pod]],
    hash: String, observedGeneration: Bool
  ) {
    var desired: Int32 = 0
    var current: Int32 = 0
    var misscheduled: Int32 = 0
    var ready: Int32 = 0
    var updated: Int32 = 0
    var available: Int32 = 0
    let now = context.now
    let generation = templateGeneration(ds)
    for (node, should) in nodes {
      let shouldRun = should.shouldRun
      let pods = podsByNode[node.metadata.name] ?? []
      if shouldRun {
        desired += 1
        guard !pods.isEmpty else { continue }
        current += 1
        let pod = pods.sorted(by: Self.byCreationAndPhase).first!
        if pod.isReady {
          ready += 1
          if pod.isAvailable(minReadySeconds: ds.spec.minReadySeconds ?? 0, now: now) { available += 1 }
        }
        if isUpdated(pod, hash: hash, generation: generation) { updated += 1 }
      } else if !pods.isEmpty {
        misscheduled += 1
      }
    }
    let unavailable = desired - available
    let s = ds.status
    if s.desiredNumberScheduled == desired && s.currentNumberScheduled == current
      && s.numberMisscheduled == misscheduled
      && s.numberReady == ready && (s.updatedNumberScheduled ?? 0) == updated && (s.numberAvailable ?? 0) == available
      && (s.numberUnavailable ?? 0) == unavailable && (s.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)
    {
      return
    }
    var copy = ds
    if observedGeneration { copy.status.observedGeneration = ds.metadata.generation }
    copy.status.desiredNumberScheduled = desired
    copy.status.currentNumberScheduled = current
    copy.status.numberMisscheduled = misscheduled
    copy.status.numberReady = ready
    copy.status.updatedNumberScheduled = updated == 0 ? nil : updated
    copy.status.numberAvailable = available == 0 ? nil : available
    copy.status.numberUnavailable = unavailable == 0 ? nil : unavailable
    if copy.status == ds.status { return }
    client.updateStatus(copy)
  }

  /// Upstream `podByCreationTimestampAndPhase`: running before not running, then oldest first.
  static func byCreationAndPhase(_ a: Pod, _ b: Pod) -> Bool {
    let ra = a.status.phase == PodPhase.running
    let rb = b.status.phase == PodPhase.running
    if ra != rb { return ra }
    let ta = a.metadata.creationTimestamp?.microseconds ?? 0
    let tb = b.metadata.creationTimestamp?.microseconds ?? 0
    return ta != tb ? ta < tb : a.metadata.name < b.metadata.name
  }
}

/// Upstream `ControllerExpectations` with plain counts (the DaemonSet controller's use).
final class CountExpectations {
  private var counts: [String: (add: Int, del: Int, at: Time)] = [:]
  private let now: () -> Time
  init(now: @escaping () -> Time) { self.now = now }

  func satisfied(_ key: String) -> Bool {
    guard let c = counts[key] else { return true }
    if c.add <= 0 && c.del <= 0 { return true }
    return c.at.seconds(until: now()) > ControllerExpectations.timeout
  }
  func set(_ key: String, add: Int, del: Int) { counts[key] = (add, del, now()) }
  func creationObserved(_ key: String) { counts[key]?.add -= 1 }
  func deletionObserved(_ key: String) { counts[key]?.del -= 1 }
  func delete(_ key: String) { counts[key] = nil }
}
