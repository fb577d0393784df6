// GarbageCollector: deletes objects whose owners are gone, and carries out Foreground and
// Orphan deletion, from a graph of ownerReferences (pkg/controller/garbagecollector).

/// One object in the ownership graph (upstream's `node`).
final class OwnershipNode {
  var apiVersion: String
  var kind: String
  var namespace: String
  var name: String
  let uid: String
  var owners: [OwnerReference] = []
  /// uids of the objects that list this one as an owner.
  var dependents: Set<String> = []
  /// Known only from a dependent's ownerReference, not (yet) seen through an informer.
  var virtual: Bool
  var beingDeleted = false
  /// Being deleted with the `foregroundDeletion` finalizer: waits for blocking dependents.
  var deletingDependents = false

  init(apiVersion: String, kind: String, namespace: String, name: String, uid: String, virtual: Bool) {
    self.apiVersion = apiVersion
    self.kind = kind
    self.namespace = namespace
    self.name = name
    self.uid = uid
    self.virtual = virtual
  }

  var key: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }
}

/// The garbage collector.
///
/// The graph builder (informer handlers, in `dispatch`) keeps one node per object uid with its
/// owners and dependents, and queues work:
/// - an object deleted → its dependents are checked (`attemptToDelete`);
/// - an owner only known from a reference (virtual) → checked for existence;
/// - an object gets a deletionTimestamp with `foregroundDeletion` → it and its dependents;
/// - with `orphan` → its dependents lose their references to it (`attemptToOrphan`).
///
/// `sync(key)` for `delete:<uid>` (upstream `attemptToDeleteItem`):
///   1. a virtual owner that no informer has → treat as deleted: check its dependents;
///   2. an object deleting its dependents (Foreground) → remove `foregroundDeletion` once no
///      dependent with `blockOwnerDeletion` remains, else delete those dependents;
///   3. otherwise classify its owners: some still there → drop references to absent owners;
///      all absent (or waiting on it with Foreground) → delete it, Foreground when an owner
///      waits for it and it has dependents, else by its own finalizers, else Background.
/// `sync(key)` for `orphan:<uid>`: strip the owner's references from its dependents, then
/// remove the `orphan` finalizer.
///
/// Simulation: owner existence is read from the controller-manager's informers rather than
/// with a live GET; deletes carry no uid precondition.
final class GarbageCollector: Controller {
  let name = "garbage-collector-controller"
  let queue = WorkQueue()
  static let foregroundFinalizer = "foregroundDeletion"
  static let orphanFinalizer = "orphan"

  private let client: APIClient
  private let informers: SharedInformers
  private(set) var graph: [String: OwnershipNode] = [:]

  init(client: APIClient, context: SimContext, informers: SharedInformers) {
    self.client = client
    self.informers = informers
    for informer in informers.all {
      informer.addAnyHandlers(
        add: { [unowned self] obj in observe(obj, old: nil) },
        update: { [unowned self] old, obj in observe(obj, old: old) },
        delete: { [unowned self] obj in observeDeletion(obj) })
    }
  }

  // MARK: - Graph builder

  private static func beingDeleted(_ o: (any KubeObject)?) -> Bool { o?.metadata.deletionTimestamp != nil }
  private static func hasFinalizer(_ o: (any KubeObject)?, _ f: String) -> Bool {
    o?.metadata.finalizers?.contains(f) == true
  }

  /// Upstream `deletionStartsWithFinalizer`.
  private static func startsDeletion(with finalizer: String, old: (any KubeObject)?, new: any KubeObject) -> Bool {
    guard beingDeleted(new), hasFinalizer(new, finalizer) else { return false }
    guard let old else { return true }
    return !beingDeleted(old) || !hasFinalizer(old, finalizer)
  }

  private func observe(_ obj: any KubeObject, old: (any KubeObject)?) {
    let meta = obj.metadata
    let owners = meta.ownerReferences ?? []
    let node: OwnershipNode
    if let existing = graph[meta.uid] {
      node = existing
      if node.virtual {
        node.virtual = false
        node.apiVersion = obj.resource.apiVersion
        node.kind = obj.resource.kind
        node.namespace = meta.namespace
        node.name = meta.name
      }
      if node.owners != owners {
        let newUIDs = Set(owners.map(\.uid))
        let oldUIDs = Set(node.owners.map(\.uid))
        for ref in node.owners where !newUIDs.contains(ref.uid) {
          if let owner = graph[ref.uid] {
            owner.dependents.remove(node.uid)
            if owner.deletingDependents { queue.add("delete:\(owner.uid)") }
          }
        }
        // A changed blockOwnerDeletion may unblock a Foreground owner.
        for ref in owners where oldUIDs.contains(ref.uid) {
          if let owner = graph[ref.uid], owner.deletingDependents { queue.add("delete:\(owner.uid)") }
        }
        node.owners = owners
        addToOwners(node, owners.filter { !oldUIDs.contains($0.uid) })
      }
    } else {
      node = OwnershipNode(
        apiVersion: obj.resource.apiVersion, kind: obj.resource.kind, namespace: meta.namespace, name: meta.name,
        uid: meta.uid, virtual: false)
      node.owners = owners
      graph[meta.uid] = node
      addToOwners(node, owners)
    }
    if meta.deletionTimestamp != nil { node.beingDeleted = true }
    // Upstream `processTransitions`.
    if Self.startsDeletion(with: Self.orphanFinalizer, old: old, new: obj) { queue.add("orphan:\(node.uid)") }
    if Self.startsDeletion(with: Self.foregroundFinalizer, old: old, new: obj) {
      node.deletingDependents = true
      for dep in node.dependents.sorted() { queue.add("delete:\(dep)") }
      queue.add("delete:\(node.uid)")
    }
  }

  /// Links `node` under each owner, creating virtual owners that must be checked.
  private func addToOwners(_ node: OwnershipNode, _ owners: [OwnerReference]) {
    for ref in owners {
      if let owner = graph[ref.uid] {
        owner.dependents.insert(node.uid)
        continue
      }
      let namespaced = informers.informer(apiVersion: ref.apiVersion, kind: ref.kind)?.resourceType.namespaced ?? true
      let owner = OwnershipNode(
        apiVersion: ref.apiVersion, kind: ref.kind, namespace: namespaced ? node.namespace : "", name: ref.name,
        uid: ref.uid, virtual: true)
      owner.dependents.insert(node.uid)
      graph[ref.uid] = owner
      queue.add("delete:\(ref.uid)")
    }
  }

  private func observeDeletion(_ obj: any KubeObject) {
    guard let node = graph[obj.metadata.uid] else { return }
    removeNode(node)
  }

  /// Upstream's delete event: the node leaves the graph, its dependents are checked, and owners
  /// waiting for their dependents look again.
  private func removeNode(_ node: OwnershipNode) {
    graph[node.uid] = nil
    for ref in node.owners {
      guard let owner = graph[ref.uid] else { continue }
      owner.dependents.remove(node.uid)
      if owner.deletingDependents { queue.add("delete:\(owner.uid)") }
    }
    for dep in node.dependents.sorted() { queue.add("delete:\(dep)") }
  }

  // MARK: - Workers

  func sync(_ key: String) -> SyncResult {
    if key.hasPrefix("orphan:") { return attemptToOrphan(String(key.dropFirst("orphan:".count))) }
    return attemptToDelete(String(key.dropFirst("delete:".count)))
  }

  /// The cached object a node stands for, if an informer has it with the same uid.
  private func latest(_ node: OwnershipNode) -> (any KubeObject)?? {
    guard let informer = informers.informer(apiVersion: node.apiVersion, kind: node.kind) else { return .some(nil) }
    guard let obj = informer.anyObject(forKey: node.key), obj.metadata.uid == node.uid else { return nil }
    return .some(obj)
  }

  private func attemptToDelete(_ uid: String) -> SyncResult {
    guard let node = graph[uid] else { return .done }
    if node.virtual {
      // An owner no informer has: gone (unless it is a kind nobody here watches).
      guard informers.informer(apiVersion: node.apiVersion, kind: node.kind) != nil else { return .done }
      if latest(node) == nil { removeNode(node) }
      return .done
    }
    if node.beingDeleted && !node.deletingDependents { return .done }
    guard case .some(let found) = latest(node), let obj = found else {
      removeNode(node)
      return .done
    }
    if node.deletingDependents { return processDeletingDependents(node, obj) }
    let owners = obj.metadata.ownerReferences ?? []
    if owners.isEmpty { return .done }
    var solid: [OwnerReference] = []
    var dangling: [OwnerReference] = []
    var waiting: [OwnerReference] = []
    for ref in owners {
      switch ownerState(ref, namespace: obj.metadata.namespace) {
      case .absent: dangling.append(ref)
      case .waitingForDependents: waiting.append(ref)
      case .present: solid.append(ref)
      }
    }
    if !solid.isEmpty {
      if dangling.isEmpty && waiting.isEmpty { return .done }
      let drop = Set((dangling + waiting).map(\.uid))
      patchOwnerReferences(obj, owners.filter { !drop.contains($0.uid) })
      return .done
    }
    if !waiting.isEmpty && !node.dependents.isEmpty {
      // Unblock dependents that are themselves deleting their dependents (a cycle), then go
      // Foreground so this object waits for its own dependents.
      for depUID in node.dependents.sorted() {
        guard let dep = graph[depUID], dep.deletingDependents, case .some(let d?) = latest(dep) else { continue }
        let refs = (d.metadata.ownerReferences ?? []).map { ref -> OwnerReference in
          var r = ref
          if r.uid == node.uid { r.blockOwnerDeletion = false }
          return r
        }
        patchOwnerReferences(d, refs)
      }
      deleteObject(node, obj, .foreground)
      return .done
    }
    let policy: PropagationPolicy =
      Self.hasFinalizer(obj, Self.orphanFinalizer)
      ? .orphan : (Self.hasFinalizer(obj, Self.foregroundFinalizer) ? .foreground : .background)
    deleteObject(node, obj, policy)
    return .done
  }

  private enum OwnerState { case present, absent, waitingForDependents }

  private func ownerState(_ ref: OwnerReference, namespace: String) -> OwnerState {
    if let owner = graph[ref.uid], !owner.virtual {
      if owner.deletingDependents { return .waitingForDependents }
      if case .some(let o?) = latest(owner) {
        return Self.beingDeleted(o) && Self.hasFinalizer(o, Self.foregroundFinalizer) ? .waitingForDependents : .present
      }
      return .absent
    }
    guard let informer = informers.informer(apiVersion: ref.apiVersion, kind: ref.kind) else { return .present }
    let ns = informer.resourceType.namespaced ? namespace : ""
    guard let o = informer.anyObject(forKey: ns.isEmpty ? ref.name : "\(ns)/\(ref.name)"), o.metadata.uid == ref.uid
    else { return .absent }
    return Self.beingDeleted(o) && Self.hasFinalizer(o, Self.foregroundFinalizer) ? .waitingForDependents : .present
  }

  /// Upstream `processDeletingDependentsItem`.
  private func processDeletingDependents(_ node: OwnershipNode, _ obj: any KubeObject) -> SyncResult {
    let blocking = node.dependents.sorted().compactMap { graph[$0] }.filter { dep in
      dep.owners.contains { $0.uid == node.uid && $0.blockOwnerDeletion == true }
    }
    if blocking.isEmpty {
      removeFinalizer(obj, Self.foregroundFinalizer)
      return .done
    }
    for dep in blocking where !dep.deletingDependents { queue.add("delete:\(dep.uid)") }
    return .done
  }

  /// Upstream `attemptToOrphanWorker`.
  private func attemptToOrphan(_ uid: String) -> SyncResult {
    guard let node = graph[uid], case .some(let found) = latest(node), let obj = found else { return .done }
    guard Self.hasFinalizer(obj, Self.orphanFinalizer) else { return .done }
    for depUID in node.dependents.sorted() {
      guard let dep = graph[depUID], case .some(let d?) = latest(dep) else { continue }
      let refs = (d.metadata.ownerReferences ?? []).filter { $0.uid != uid }
      if refs.count != (d.metadata.ownerReferences ?? []).count { patchOwnerReferences(d, refs) }
    }
    removeFinalizer(obj, Self.orphanFinalizer)
    return .done
  }

  // MARK: - Writes

  private func deleteObject(_ node: OwnershipNode, _ obj: any KubeObject, _ policy: PropagationPolicy) {
    client.delete(obj.resource, namespace: obj.metadata.namespace, name: obj.metadata.name, propagation: policy)
  }

  private func patchOwnerReferences(_ obj: any KubeObject, _ refs: [OwnerReference]) {
    client.send(
      APIRequest(
        .patch, obj.resource, namespace: obj.metadata.namespace, name: obj.metadata.name,
        body: .mergePatch(ownerReferencesPatch(refs))))
  }

  /// Removes one finalizer, with the cached resourceVersion as a precondition.
  private func removeFinalizer(_ obj: any KubeObject, _ finalizer: String) {
    let rest = (obj.metadata.finalizers ?? []).filter { $0 != finalizer }
    let patch: JSON = [
      "metadata": [
        "finalizers": rest.isEmpty ? .null : .array(rest.map { .string($0) }),
        "resourceVersion": .string(obj.metadata.resourceVersion),
      ]
    ]
    let key = "delete:\(obj.metadata.uid)"
    client.send(
      APIRequest(
        .patch, obj.resource, namespace: obj.metadata.namespace, name: obj.metadata.name, body: .mergePatch(patch))
    ) { [weak self] result in
      if case .failure(let e) = result, e.code == 409 { self?.queue.add(key) }
    }
  }
}
