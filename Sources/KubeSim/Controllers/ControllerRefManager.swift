// ControllerRefManager: adoption and release of objects by their controller through
// ownerReferences (controller_ref_manager.go's ClaimObject, ClaimPods, ClaimReplicaSets).

/// Claims objects for one controller: keeps what it owns and still selects, adopts matching
/// orphans with a PATCH that adds a controller ownerReference, and releases owned objects
/// that no longer match with a PATCH that removes it.
///
/// Simulation: adoption and release are asynchronous (answered in the next `store` phase); an
/// adopted object counts as claimed at once, as upstream counts it after a successful PATCH.
struct ControllerRefManager {
  let client: APIClient
  /// The controller's reference to itself (`controller: true`, `blockOwnerDeletion: true`).
  let controllerRef: OwnerReference
  let controllerNamespace: String
  /// The controller has a deletionTimestamp: it adopts and releases nothing.
  let controllerIsDeleting: Bool
  let selector: Selector

  init(client: APIClient, controller: some KubeObject, selector: Selector) {
    self.client = client
    controllerRef = OwnerReference.controller(of: controller)
    controllerNamespace = controller.metadata.namespace
    controllerIsDeleting = controller.metadata.deletionTimestamp != nil
    self.selector = selector
  }

  /// Upstream's `ClaimObject` for each candidate; returns the claimed objects in order.
  func claim<T: KubeObject>(_ candidates: [T]) -> [T] {
    var claimed: [T] = []
    for obj in candidates where claimObject(obj) { claimed.append(obj) }
    return claimed
  }

  private func claimObject<T: KubeObject>(_ obj: T) -> Bool {
    let matches = selector.matches(obj.metadata.labels ?? [:])
    if let ref = obj.metadata.controllerRef {
      guard ref.uid == controllerRef.uid else { return false }  // someone else's
      if matches { return true }
      if controllerIsDeleting { return false }
      release(obj)
      return false
    }
    // An orphan.
    if controllerIsDeleting || !matches { return false }
    if obj.metadata.deletionTimestamp != nil { return false }
    if !controllerNamespace.isEmpty && controllerNamespace != obj.metadata.namespace { return false }
    adopt(obj)
    return true
  }

  private func adopt<T: KubeObject>(_ obj: T) {
    let refs = (obj.metadata.ownerReferences ?? []) + [controllerRef]
    patchOwnerReferences(obj, refs)
  }

  private func release<T: KubeObject>(_ obj: T) {
    let refs = (obj.metadata.ownerReferences ?? []).filter { $0.uid != controllerRef.uid }
    patchOwnerReferences(obj, refs)
  }

  private func patchOwnerReferences<T: KubeObject>(_ obj: T, _ refs: [OwnerReference]) {
    // Simulation: upstream sends a strategic-merge patch with a uid precondition; a JSON merge
    // patch replaces the whole list, so it carries the list we computed.
    client.send(
      APIRequest(
        .patch, T.resource, namespace: obj.metadata.namespace, name: obj.metadata.name,
        body: .mergePatch(ownerReferencesPatch(refs))))
  }
}

/// `{"metadata":{"ownerReferences":[…]}}` (null when the list becomes empty).
func ownerReferencesPatch(_ refs: [OwnerReference]) -> JSON {
  let list: JSON = refs.isEmpty ? .null : ((try? TreeEncoder().encode(refs)) ?? .null)
  return ["metadata": ["ownerReferences": list]]
}
