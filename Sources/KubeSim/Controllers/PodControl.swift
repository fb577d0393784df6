// PodControl: how workload controllers create and delete their pods, with upstream's events
// (controller_utils.go: RealPodControl, GetPodFromTemplate, ComputeHash).

/// Upstream's pod event reasons.
enum PodControlReason {
  static let successfulCreate = "SuccessfulCreate"
  static let failedCreate = "FailedCreate"
  static let successfulDelete = "SuccessfulDelete"
  static let failedDelete = "FailedDelete"
}

/// Creates and deletes pods on behalf of a controller and records the outcome as events on it.
///
/// Events are recorded when the apiserver answers (in the `store` phase), as upstream records
/// them after the call returns: `SuccessfulCreate` "Created pod: NAME", or `FailedCreate`
/// "Error creating: …" with the apiserver's message.
struct PodControl {
  let client: APIClient
  let recorder: EventRecorder

  /// Upstream `GetPodFromTemplate`: labels, annotations and finalizers from the template,
  /// `generateName: <owner>-`, the controller reference, and the template's spec.
  static func pod(from template: PodTemplateSpec, ownerName: String, namespace: String, controllerRef: OwnerReference?)
    -> Pod
  {
    var meta = ObjectMeta(namespace: namespace)
    meta.labels = template.metadata.labels
    meta.annotations = template.metadata.annotations
    meta.finalizers = template.metadata.finalizers
    meta.generateName = podsPrefix(ownerName)
    if let controllerRef { meta.ownerReferences = [controllerRef] }
    return Pod(metadata: meta, spec: template.spec)
  }

  /// `getPodsPrefix`: `name-` when that is a valid generateName, else the name.
  static func podsPrefix(_ name: String) -> String {
    let prefix = name + "-"
    return NameValidation.nameIsDNSSubdomain(prefix, prefix: true).isEmpty ? prefix : name
  }

  /// Sends the create; `completion(error)` runs when the apiserver answers (nil on success).
  func create(_ pod: Pod, owner: some KubeObject, completion: @escaping (String?) -> Void) {
    let recorder = recorder
    let ownerRef = ObjectReference.to(owner)
    client.create(pod) { result in
      switch result {
      case .success(let response):
        let name = response.object?.metadata.name ?? pod.metadata.name
        recorder.event(ownerRef, reason: PodControlReason.successfulCreate, message: "Created pod: \(name)")
        completion(nil)
      case .failure(let e):
        if !e.message.contains("because it is being terminated") {
          recorder.event(
            ownerRef, type: "Warning", reason: PodControlReason.failedCreate, message: "Error creating: \(e.message)")
        }
        completion(e.message)
      }
    }
  }

  /// Sends the delete; `completion(success)` runs when the apiserver answers.
  func delete(_ pod: Pod, owner: some KubeObject, completion: @escaping (Bool) -> Void) {
    let recorder = recorder
    let ownerRef = ObjectReference.to(owner)
    client.delete(Pod.resource, namespace: pod.metadata.namespace, name: pod.metadata.name) { result in
      switch result {
      case .success:
        recorder.event(
          ownerRef, reason: PodControlReason.successfulDelete, message: "Deleted pod: \(pod.metadata.name)")
        completion(true)
      case .failure(let e):
        if e.code != 404 {
          recorder.event(
            ownerRef, type: "Warning", reason: PodControlReason.failedDelete, message: "Error deleting: \(e.message)")
        }
        completion(false)
      }
    }
  }
}

/// Upstream `ComputeHash`: FNV-1a (32-bit) of the pod template, then of `collisionCount` as
/// 8 little-endian bytes when set, spelled with `SafeEncodeString`.
// Simulation: upstream hashes a spew dump of the Go struct; this hashes the template's compact
// JSON with sorted keys, so the values differ from a real cluster's (same length and alphabet).
func computeHash(_ template: PodTemplateSpec, collisionCount: Int32?) -> String {
  var hash: UInt32 = 2_166_136_261
  func write<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
    for b in bytes {
      hash ^= UInt32(b)
      hash = hash &* 16_777_619
    }
  }
  let json = ((try? TreeEncoder().encode(template)) ?? .emptyObject).sortedKeys()
  write(json.compactText.utf8)
  if let c = collisionCount {
    let v = UInt32(bitPattern: c)
    write([UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24), 0, 0, 0, 0])
  }
  return NameGenerator.safeEncodeString(String(hash))
}
