// EventHandlers: what the scheduler does with each informer event — keep the cache and the queue
// current, and move unschedulable pods back when the cluster changes (upstream eventhandlers.go).

extension Scheduler {
  func addAllEventHandlers(pods: Informer<Pod>, nodes: Informer<Node>) {
    pods.onAdd.append { [weak self] pod in self?.podAdded(pod) }
    pods.onUpdate.append { [weak self] old, new in self?.podUpdated(old, new) }
    pods.onDelete.append { [weak self] pod in self?.podDeleted(pod) }
    nodes.onAdd.append { [weak self] node in self?.nodeAdded(node) }
    nodes.onUpdate.append { [weak self] old, new in self?.nodeUpdated(old, new) }
    nodes.onDelete.append { [weak self] node in self?.nodeDeleted(node) }
  }

  /// Upstream `responsibleForPod`: the pod asks for this scheduler's profile.
  func isResponsible(for pod: Pod) -> Bool {
    pod.spec.schedulerName.isEmpty || pod.spec.schedulerName == framework.profileName
  }

  // MARK: - Pods

  func podAdded(_ pod: Pod) {
    if pod.isScheduled {
      cache.addPod(pod)
    } else if isResponsible(for: pod) {
      queue.add(pod)
    }
  }

  func podUpdated(_ old: Pod, _ new: Pod) {
    switch (old.isScheduled, new.isScheduled) {
    case (false, false):
      // Upstream `updatePodInSchedulingQueue`.
      guard old.metadata.resourceVersion != new.metadata.resourceVersion else { return }
      if !isResponsible(for: new) {
        queue.delete(old)
        return
      }
      if cache.isAssumed(new.key) { return }
      queue.update(old: old, new: new)
    case (false, true):
      // Bound (by us or another scheduler): leaves the queue, joins (or confirms in) the cache.
      queue.delete(old)
      cache.addPod(new)
    case (true, true):
      cache.updatePod(old: old, new: new)
      if old.spec != new.spec && Scheduler.isScaleDown(old, new) {
        queue.moveAllToActiveOrBackoffQueue(.assignedPodUpdate, .pod(old: old, new: new))
      }
    case (true, false):
      cache.removePod(old.key)
      if isResponsible(for: new) { queue.add(new) }
    }
  }

  func podDeleted(_ pod: Pod) {
    if pod.isScheduled || cache.nodeName(ofPod: pod.key) != nil && !cache.isAssumed(pod.key) {
      // Upstream `deletePodFromCache`: the room it held may let an unschedulable pod in.
      cache.removePod(pod.key)
      queue.moveAllToActiveOrBackoffQueue(.assignedPodDelete, .pod(old: pod, new: nil))
    } else {
      // Upstream `deletePodFromSchedulingQueue`.
      queue.delete(pod)
    }
  }

  /// Upstream's `UpdatePodScaleDown`: an assigned pod now requests less cpu or memory.
  static func isScaleDown(_ old: Pod, _ new: Pod) -> Bool {
    let a = old.requests()
    let b = new.requests()
    return b.milliCPU < a.milliCPU || b.memoryBytes < a.memoryBytes
  }

  // MARK: - Nodes

  func nodeAdded(_ node: Node) {
    cache.addNode(node)
    queue.moveAllToActiveOrBackoffQueue(.nodeAdd, .node(old: nil, new: node))
  }

  func nodeUpdated(_ old: Node, _ new: Node) {
    cache.updateNode(old: old, new: new)
    for event in Scheduler.nodeSchedulingPropertiesChange(old, new) {
      queue.moveAllToActiveOrBackoffQueue(event, .node(old: old, new: new))
    }
  }

  func nodeDeleted(_ node: Node) { cache.removeNode(node) }

  /// Upstream `nodeSchedulingPropertiesChange`: which scheduling-relevant parts of the node
  /// changed (heartbeats alone change nothing).
  static func nodeSchedulingPropertiesChange(_ old: Node, _ new: Node) -> [Framework.ClusterEvent] {
    var events: [Framework.ClusterEvent] = []
    if (old.spec.unschedulable ?? false) != (new.spec.unschedulable ?? false) && new.spec.unschedulable != true {
      events.append(
        Framework.ClusterEvent(resource: .node, actionType: .updateNodeTaint, label: "NodeSpecUnschedulableChange"))
    }
    if old.status.allocatable != new.status.allocatable {
      events.append(
        Framework.ClusterEvent(resource: .node, actionType: .updateNodeAllocatable, label: "NodeAllocatableChange"))
    }
    if (old.metadata.labels ?? [:]) != (new.metadata.labels ?? [:]) {
      events.append(Framework.ClusterEvent(resource: .node, actionType: .updateNodeLabel, label: "NodeLabelChange"))
    }
    if old.spec.taints != new.spec.taints {
      events.append(Framework.ClusterEvent(resource: .node, actionType: .updateNodeTaint, label: "NodeTaintChange"))
    }
    func statuses(_ n: Node) -> [String: String] {
      Dictionary(n.status.conditions.map { ($0.type, $0.status) }, uniquingKeysWith: { _, b in b })
    }
    if statuses(old) != statuses(new) {
      events.append(
        Framework.ClusterEvent(resource: .node, actionType: .updateNodeCondition, label: "NodeConditionChange"))
    }
    return events
  }
}
