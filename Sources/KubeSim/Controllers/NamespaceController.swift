// NamespaceController: empties a Terminating namespace of every namespaced resource, reports
// progress in its conditions, then removes its `kubernetes` finalizer
// (pkg/controller/namespace/deletion/namespaced_resources_deleter.go).

/// The namespace controller.
///
/// `sync(name)` for a namespace with a deletionTimestamp that still has the `kubernetes`
/// finalizer:
///   1. a deletecollection for every namespaced resource that still has objects not yet
///      being deleted; then wait one round for the caches to show the result;
///   2. count what remains (pods still terminating, objects held by finalizers) and write the
///      five deletion conditions (NamespaceDeletionDiscoveryFailure … NamespaceFinalizersRemaining);
///   3. something remains → look again (after half the longest grace period, or 15 s for
///      finalizers); nothing → `PUT namespaces/NAME/finalize` without `kubernetes`, and the
///      apiserver deletes the namespace.
///
/// Simulation: discovery is the fixed list of kinds the simulation serves; Events and RBAC
/// objects are deleted without being watched.
final class NamespaceController: Controller {
  let name = "namespace-controller"
  let queue = WorkQueue()
  /// Upstream `finalizerEstimateSeconds`.
  static let finalizerEstimateSeconds: Int64 = 15

  static let conditionTypes = [
    "NamespaceDeletionDiscoveryFailure", "NamespaceDeletionGroupVersionParsingFailure",
    "NamespaceDeletionContentFailure", "NamespaceContentRemaining", "NamespaceFinalizersRemaining",
  ]
  static let okReasons = [
    "ResourcesDiscovered", "ParsedGroupVersions", "ContentDeleted", "ContentRemoved", "ContentHasNoFinalizers",
  ]
  static let okMessages = [
    "All resources successfully discovered", "All legacy kube types successfully parsed",
    "All content successfully deleted, may be waiting on finalization", "All content successfully removed",
    "All content-preserving finalizers finished",
  ]

  private let client: APIClient
  private let context: SimContext
  private let informers: SharedInformers
  /// Namespaces whose unwatched kinds (events, RBAC) were already deleted.
  private var blindDeleted: Set<String> = []

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.context = context
    self.informers = informers
    informers.namespaces.onAdd.append { [unowned self] ns in
      if ns.metadata.deletionTimestamp != nil { queue.add(ns.metadata.name) }
    }
    informers.namespaces.onUpdate.append { [unowned self] _, ns in
      if ns.metadata.deletionTimestamp != nil { queue.add(ns.metadata.name) }
    }
    informers.namespaces.onDelete.append { [unowned self] ns in blindDeleted.remove(ns.metadata.name) }
    // Content going away in a terminating namespace: look again.
    for informer in informers.all where informer.resourceType.namespaced {
      informer.addAnyHandlers(
        add: { _ in }, update: { _, _ in },
        delete: { [unowned self] obj in
          if informers.namespaces.get(obj.metadata.namespace)?.metadata.deletionTimestamp != nil {
            queue.add(obj.metadata.namespace)
          }
        })
    }
  }

  /// Kinds the controller deletes without an informer.
  private static let unwatched: [ResourceType] = [Event.resource, RoleBinding.resource, Role.resource]

  private func deleteCollection(_ r: ResourceType, _ namespace: String) {
    client.send(APIRequest(.deletecollection, r, namespace: namespace))
  }

  func sync(_ key: String) -> SyncResult {
    guard var ns = informers.namespaces.get(key), ns.metadata.deletionTimestamp != nil,
      ns.spec.finalizers.contains(NamespaceNames.kubernetesFinalizer)
    else { return .done }
    let content = informers.all.filter { $0.resourceType.namespaced }
    // 1. Delete what is not being deleted yet.
    var sent = false
    if !blindDeleted.contains(key) {
      blindDeleted.insert(key)
      for r in Self.unwatched { deleteCollection(r, key) }
      sent = true
    }
    for informer in content {
      let objects = informer.anyObjects(inNamespace: key)
      if objects.contains(where: { $0.metadata.deletionTimestamp == nil }) {
        deleteCollection(informer.resourceType, key)
        sent = true
      }
    }
    if sent { return .after(1) }
    // 2. What remains, and the conditions that say so.
    var remaining: [String] = []
    var byFinalizer: [String: Int] = [:]
    var estimate: Int64 = 0
    for informer in content {
      let objects = informer.anyObjects(inNamespace: key)
      guard !objects.isEmpty else { continue }
      let r = informer.resourceType
      remaining.append("\(r.plural).\(r.group) has \(objects.count) resource instances")
      var finalizers = false
      for o in objects {
        for f in o.metadata.finalizers ?? [] {
          byFinalizer[f, default: 0] += 1
          finalizers = true
        }
        if let pod = o as? Pod, !pod.isTerminal {
          estimate = max(estimate, pod.spec.terminationGracePeriodSeconds ?? 30)
        }
      }
      if finalizers { estimate = max(estimate, Self.finalizerEstimateSeconds) }
    }
    var conditions: [NamespaceCondition?] = Array(repeating: nil, count: 5)
    if !remaining.isEmpty {
      conditions[3] = NamespaceCondition(
        type: Self.conditionTypes[3], status: ConditionStatus.true, lastTransitionTime: context.now,
        reason: "SomeResourcesRemain",
        message: "Some resources are remaining: \(remaining.sorted().joined(separator: ", "))")
    }
    if !byFinalizer.isEmpty {
      let parts = byFinalizer.keys.map { "\($0) in \(byFinalizer[$0]!) resource instances" }.sorted()
      conditions[4] = NamespaceCondition(
        type: Self.conditionTypes[4], status: ConditionStatus.true, lastTransitionTime: context.now,
        reason: "SomeFinalizersRemain",
        message: "Some content in the namespace has finalizers remaining: \(parts.joined(separator: ", "))")
    }
    if updateConditions(&ns.status, conditions) {
      var status = ns
      status.metadata.resourceVersion = ""
      client.send(APIRequest(.update, Namespace.resource, name: key, subresource: "status", body: .object(status)))
    }
    // 3. Look again later, or finalize.
    if !remaining.isEmpty { return .after(max(1, estimate / 2 + 1)) }
    for r in Self.unwatched where r == Event.resource { deleteCollection(r, key) }
    var finalized = ns
    finalized.spec.finalizers.removeAll { $0 == NamespaceNames.kubernetesFinalizer }
    finalized.metadata.resourceVersion = ""
    client.send(APIRequest(.update, Namespace.resource, name: key, subresource: "finalize", body: .object(finalized)))
    return .done
  }

  /// Upstream `updateConditions`: every condition type present, the "ok" variant unless a
  /// failure was found; lastTransitionTime moves only when the status flips.
  private func updateConditions(_ status: inout NamespaceStatus, _ new: [NamespaceCondition?]) -> Bool {
    var changed = false
    for (i, type) in Self.conditionTypes.enumerated() {
      let c =
        new[i]
        ?? NamespaceCondition(
          type: type, status: ConditionStatus.false, lastTransitionTime: context.now, reason: Self.okReasons[i],
          message: Self.okMessages[i])
      if let j = status.conditions.firstIndex(where: { $0.type == type }) {
        var old = status.conditions[j]
        if old.status != c.status || old.message != c.message || old.reason != c.reason {
          if old.status != c.status { old.lastTransitionTime = context.now }
          old.status = c.status
          old.reason = c.reason
          old.message = c.message
          status.conditions[j] = old
          changed = true
        }
      } else {
        status.conditions.append(c)
        changed = true
      }
    }
    return changed
  }
}
